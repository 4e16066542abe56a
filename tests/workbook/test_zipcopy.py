"""Members copied as stored read back through zipfile with the same bytes and a good CRC."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.workbook.zipcopy import StoredWriter, add_deflated, copy_stored, deflated


class _Unseekable(io.RawIOBase):
    """A write-only stream without seek: zipfile then writes data descriptors, as Excel does."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.buffer += data
        return len(data)


@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,8}(/[a-z]{1,8}){0,2}\.xml", fullmatch=True),
        st.binary(max_size=5000),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]),
    st.booleans(),
)
@settings(max_examples=40)
def test_copied_members_read_back_identical(
    members: dict[str, bytes], method: int, descriptors: bool
) -> None:
    raw = _Unseekable() if descriptors else io.BytesIO()
    with zipfile.ZipFile(raw, "w", method) as zf:  # type: ignore[arg-type]
        for name, data in members.items():
            zf.writestr(name, data)
    source_bytes = bytes(raw.buffer) if isinstance(raw, _Unseekable) else raw.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source_bytes)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            copy_stored(src, info, dst)
        dst.writestr("added.xml", b"<new/>")  # zipfile keeps writing after raw copies
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as back:
        assert back.testzip() is None
        assert {n: back.read(n) for n in members} == members
        assert back.read("added.xml") == b"<new/>"
        for info in back.infolist()[: len(members)]:
            assert info.compress_type == method


@given(st.lists(st.binary(max_size=20000), min_size=1, max_size=5))
@settings(max_examples=30)
def test_parts_packed_apart_read_back_identical(parts: list[bytes]) -> None:
    # Packed on any thread, added in order after a copied member and a zipfile-written one.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        dst.writestr("first.xml", b"<first/>")
        for i, data in enumerate(parts):
            add_deflated(dst, f"xl/part{i}.xml", deflated(data))
        dst.writestr("last.xml", b"<last/>")
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as back:
        assert back.testzip() is None  # every CRC checked
        assert [back.read(f"xl/part{i}.xml") for i in range(len(parts))] == parts
        assert back.read("last.xml") == b"<last/>"
        assert {i.compress_type for i in back.infolist()[1:-1]} == {zipfile.ZIP_DEFLATED}


@given(st.lists(st.lists(st.binary(max_size=5000), max_size=6), min_size=1, max_size=4))
@settings(max_examples=30)
def test_members_written_stored_piece_by_piece_read_back_identical(
    members: list[list[bytes]],
) -> None:
    # Each member arrives in pieces (none, an empty one, many); zipfile writes around them.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        dst.writestr("first.xml", b"<first/>")
        for i, pieces in enumerate(members):
            member = StoredWriter(dst, f"xl/sheet{i}.xml")
            for piece in pieces:
                member.write(piece)
            member.close()
        dst.writestr("last.xml", b"<last/>")
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as back:
        assert back.testzip() is None  # every CRC checked
        assert [back.read(f"xl/sheet{i}.xml") for i in range(len(members))] == [
            b"".join(pieces) for pieces in members
        ]
        assert back.read("last.xml") == b"<last/>"
        assert {i.compress_type for i in back.infolist()[1:-1]} == {zipfile.ZIP_STORED}
