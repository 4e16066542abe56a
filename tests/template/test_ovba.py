"""The VBA project's building blocks against independent readers: oletools and olefile."""

from __future__ import annotations

import io
import random
import re
import string

import olefile
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from clientbase_xl.template.cfb import compound_file
from clientbase_xl.template.ovba import compress, decrypt, encrypt
from tools.vba_sources import quickstart

_TEXTY = st.text(alphabet=string.ascii_letters + string.digits + " \r\n'\"()=_.,", max_size=20000)


@given(_TEXTY)
@settings(max_examples=40)
def test_compressed_source_decompresses_with_oletools(text: str) -> None:
    data = text.encode("cp1252")
    assert decompress_stream(bytearray(compress(data))) == data


@given(st.integers(0, 2**32), st.integers(4096, 9000))
@settings(max_examples=20)
def test_incompressible_chunks_are_stored_raw_and_padded(seed: int, size: int) -> None:
    data = random.Random(seed).randbytes(size)  # noise: no chunk of it compresses
    # MS-OVBA 2.4.1.3.10: a raw chunk always holds 4096 bytes, so a short last one is padded.
    out = decompress_stream(bytearray(compress(data)))
    assert out[: len(data)] == data
    assert set(out[len(data) :]) <= {0}


def test_ms_ovba_3_2_1_no_compression_example() -> None:
    # The spec's example: no repeats, so three flag bytes of 0 and the 23 literals; chunk size
    # 3 + 23 + 2 = 28, header 0xB000 | (28 - 3) = 0xB019.
    assert compress(b"abcdefghijklmnopqrstuv.") == bytes.fromhex(
        "01 19B0 00 6162636465666768 00 696A6B6C6D6E6F70 00 7172737475762E"
    )


def test_repeated_byte_is_one_literal_and_one_copy_token() -> None:
    # Hand-computed: "a" * 15 is a literal "a", then a copy of offset 1 and length 14. At 1
    # byte into the chunk the offset takes 4 bits, so token = (1 - 1) << 12 | (14 - 3) = 0x000B.
    # Flag byte 0b10; chunk 1 + 1 + 2 = 4 bytes, header 0xB000 | (4 + 2 - 3) = 0xB003.
    assert compress(b"a" * 15) == bytes.fromhex("01 03b0 02 61 0b00")


def test_excel_written_protection_fields_decrypt_to_an_open_project() -> None:
    # The PROJECT stream of the quickstart workbook Excel saved for xlwings: not locked (CMG
    # holds 0 as 4 bytes), no password (DPB a single 0x00), visible (GC 0xFF).
    book = olefile.OleFileIO(_vba_project_of(quickstart()))
    text = book.openstream("PROJECT").read().decode("cp1252")
    fields = dict(re.findall(r'^(CMG|DPB|GC)="([0-9A-F]+)"', text, re.M))
    assert decrypt(fields["CMG"]) == b"\x00\x00\x00\x00"
    assert decrypt(fields["DPB"]) == b"\x00"
    assert decrypt(fields["GC"]) == b"\xff"


@given(st.binary(max_size=40), st.integers(0, 255))
def test_encryption_round_trips(data: bytes, seed: int) -> None:
    assert decrypt(encrypt("{A784D2AF-3104-4BF7-B9B1-C28B19D0B383}", data, seed)) == data


#: MS-CFB 2.6.1: colour flags of a directory entry.
RED, BLACK = 0, 1
#: Upper case only: CFB names compare case-insensitively, so "V" and "v" would be one storage.
_NAMES = st.text(alphabet=string.ascii_uppercase + string.digits + "_", min_size=1, max_size=31)


@given(
    st.dictionaries(
        st.lists(_NAMES, min_size=1, max_size=3).map("/".join),
        st.binary(max_size=9000),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=40)
def test_compound_file_reads_back_with_olefile(streams: dict[str, bytes]) -> None:
    names = set(streams)
    if any(other.startswith(p + "/") for p in names for other in names):
        return  # a path cannot be both a stream and a storage
    ole = olefile.OleFileIO(io.BytesIO(compound_file(streams)))
    for path, data in streams.items():
        assert ole.openstream(path).read() == data
    _assert_red_black(ole)


def _assert_red_black(ole: olefile.OleFileIO) -> None:
    """Every storage's children form a binary search tree that keeps the red-black rules."""
    entries = ole.direntries

    def key(sid: int) -> tuple[int, str]:
        return len(entries[sid].name), entries[sid].name.upper()

    def walk(sid: int, lo: tuple[int, str] | None, hi: tuple[int, str] | None) -> int:
        if sid == olefile.NOSTREAM:
            return 1
        entry = entries[sid]
        assert lo is None or lo < key(sid)
        assert hi is None or key(sid) < hi
        for child in (entry.sid_left, entry.sid_right):
            if entry.color == RED and child != olefile.NOSTREAM:
                assert entries[child].color == BLACK
        left = walk(entry.sid_left, lo, key(sid))
        right = walk(entry.sid_right, key(sid), hi)
        assert left == right
        return left + (entry.color == BLACK)

    for entry in entries:
        if entry is not None and entry.entry_type in (olefile.STGTY_ROOT, olefile.STGTY_STORAGE):
            walk(entry.sid_child, None, None)


def _vba_project_of(book: object) -> io.BytesIO:
    import zipfile

    with zipfile.ZipFile(str(book)) as zf:
        return io.BytesIO(zf.read("xl/vbaProject.bin"))
