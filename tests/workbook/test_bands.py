"""A large sheet read in bands of rows on several cores reads exactly as the whole sheet.

Books are written by openpyxl and by XlsxWriter (Excel's own layout: shared strings, numbered
rows and cells); every band is read back by fastexcel, as the reader does.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import fastexcel
import openpyxl
import pyarrow as pa
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbase_xl.errors import WorkbookError
from clientbase_xl.workbook import bands as bands_module
from clientbase_xl.workbook.bands import Uncuttable, band_count, cut, cut_points, scratch_folder
from clientbase_xl.workbook.layout import locate
from clientbase_xl.workbook.reader import _joined, load_banded, read_inputs
from tools.render import convert

HEADER = ["Date", "Client", "Amount"]
TEXT = {1: "string"}
PART = "xl/worksheets/sheet1.xml"


def xlsxwriter_book(path: Path, rows: list[list[object]], first_row: int = 0) -> Path:
    """A sheet "Sales" with the header in row ``first_row + 1`` (0-based ``first_row``)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sales")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(first_row, 0, HEADER)
    for i, row in enumerate(rows, start=first_row + 1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(i, j, value, dates)
            else:
                sheet.write(i, j, value)
    book.close()
    return path


def openpyxl_book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sales"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def whole(path: Path) -> pa.RecordBatch:
    reader = fastexcel.read_excel(str(path))
    return reader.load_sheet(
        "Sales", header_row=0, dtypes=TEXT, dtype_coercion="strict", eager=True
    )


def banded(path: Path, bands: int) -> pa.RecordBatch | None:
    return load_banded(path, locate(path).sheets["Sales"], bands, TEXT)


def rows_of(n: int) -> list[list[object]]:
    start = dt.datetime(2025, 1, 1)
    return [[start + dt.timedelta(days=i), f"C{i % 7}", i * 1.5] for i in range(n)]


def same(a: pa.RecordBatch, b: pa.RecordBatch) -> bool:
    return a.schema.names == b.schema.names and all(
        a.column(i).type == b.column(i).type and a.column(i).equals(b.column(i))
        for i in range(a.num_columns)
    )


@pytest.mark.parametrize("writer", [xlsxwriter_book, openpyxl_book])
@pytest.mark.parametrize("count", [2, 3, 5])
def test_bands_read_as_the_whole_sheet(tmp_path: Path, writer: object, count: int) -> None:
    path = writer(tmp_path / "s.xlsx", rows_of(200))  # type: ignore[operator]
    got = banded(path, count)
    assert got is not None
    assert same(got, whole(path))
    assert got.num_rows == 200


def test_each_band_after_the_first_starts_with_the_header_renumbered(tmp_path: Path) -> None:
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(90), first_row=2)  # header in row 3
    made = list(cut(path, PART, 3, 3, tmp_path))
    assert made[0].first_row == 4  # the first data row under the header
    for band in made[1:]:
        with zipfile.ZipFile(band.path) as package:
            xml = package.read(PART).decode()
        first = re.search(r'<sheetData><row r="(\d+)"[^>]*>(.*?)</row>', xml)
        assert first is not None
        assert int(first.group(1)) == band.first_row - 1
        assert re.findall(r'<c r="([A-Z]+)(\d+)"', first.group(2)) == [
            ("A", str(band.first_row - 1)),
            ("B", str(band.first_row - 1)),
            ("C", str(band.first_row - 1)),
        ]
        # The band's own rows follow from its first row, numbered as in the sheet.
        assert f'<row r="{band.first_row}"' in xml
    # Every data row is in exactly one band.
    loaded = [fastexcel.read_excel(str(b.path)).load_sheet("Sales", eager=True) for b in made]
    assert sum(b.num_rows for b in loaded) == 90
    assert loaded[0].num_rows == made[1].first_row - made[0].first_row


def test_blank_rows_just_above_a_cut_are_kept_as_blank_rows(tmp_path: Path) -> None:
    # Every other row is blank, so the row above each cut is: a band ends a row short of it.
    rows = [row if i % 2 == 0 else [None, None, None] for i, row in enumerate(rows_of(120))]
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows)
    made = list(cut(path, PART, 1, 3, tmp_path))
    first = fastexcel.read_excel(str(made[0].path)).load_sheet("Sales", eager=True)
    assert first.num_rows == made[1].first_row - made[0].first_row - 1
    got = banded(path, 3)
    assert got is not None
    assert same(got, whole(path))
    assert got.num_rows == 119 and got.column(2).null_count == 59


def test_a_band_holds_a_row_at_the_least(tmp_path: Path) -> None:
    # Two rows, five bands asked for: the cut points fall inside the header, and each band
    # still starts on a row of its own.
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(2))
    made = list(cut(path, PART, 1, 5, tmp_path))
    assert [b.first_row for b in made] == [2, 3]
    got = banded(path, 5)
    assert got is not None
    assert same(got, whole(path))


def test_bands_that_disagree_on_a_column_s_type_are_not_joined() -> None:
    numbers = pa.RecordBatch.from_arrays([pa.array([1.0, 2.0])], names=["Amount"])
    words = pa.RecordBatch.from_arrays([pa.array(["x"])], names=["Amount"])
    assert _joined([(2, numbers), (4, words)]) is None
    # A band holding more rows than lie between its first row and the next band's is no band.
    assert _joined([(2, numbers), (3, numbers)]) is None
    joined = _joined([(2, numbers), (5, numbers)])  # row 4 is blank
    assert joined is not None
    assert joined.column(0).to_pylist() == [1.0, 2.0, None, 1.0, 2.0]


def test_a_column_typed_otherwise_in_one_band_sends_the_sheet_to_the_whole_read(
    tmp_path: Path,
) -> None:
    rows = rows_of(200)
    rows[180][2] = "двести"  # a word among the amounts, in the last band only
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows)
    assert banded(path, 2) is None
    with pytest.raises(fastexcel.FastExcelError):
        whole(path)  # the whole read refuses it too: calamine then reads cell by cell


def test_a_sheet_whose_rows_carry_no_numbers_is_not_cut(tmp_path: Path) -> None:
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(50))
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bare, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == PART:
                data = re.sub(rb'(<(?:row|c)) r="[A-Z]*\d+"', rb"\1", data)
            dst.writestr(info, data)
    with pytest.raises(Uncuttable):
        list(cut(bare, PART, 1, 2, tmp_path))
    assert banded(bare, 2) is None


def test_a_row_without_its_number_at_a_later_cut_leaves_the_sheet_to_the_whole_read(
    tmp_path: Path,
) -> None:
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(100))
    odd = tmp_path / "odd.xlsx"

    def unnumbered(match: re.Match[bytes]) -> bytes:
        return match.group(1) if int(match.group(2)) > 60 else match.group(0)

    with zipfile.ZipFile(path) as src, zipfile.ZipFile(odd, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == PART:  # rows from 61 on lose their numbers
                data = re.sub(rb'(<row) r="(\d+)"', unnumbered, data)
            dst.writestr(info, data)
    folder = tmp_path / "bands"
    folder.mkdir()
    made = cut(odd, PART, 1, 3, folder)
    first = next(made)  # cut near row 40, which has its number
    assert first.first_row == 2
    with pytest.raises(Uncuttable):
        next(made)  # the next cut falls after row 60
    assert banded(odd, 3) is None


def test_a_sheet_libreoffice_saved_reads_in_bands_as_whole(tmp_path: Path) -> None:
    # LibreOffice writes its own layout: every row's attributes spelled out, its own styles.
    (tmp_path / "in").mkdir()
    saved = convert(xlsxwriter_book(tmp_path / "in" / "s.xlsx", rows_of(300)), tmp_path, "xlsx")
    with zipfile.ZipFile(saved) as package:
        assert b'customHeight="false"' in package.read(PART)[:5000]  # LibreOffice's rows
    for count in (2, 3):
        got = banded(saved, count)
        assert got is not None
        assert same(got, whole(saved))
        assert got.num_rows == 300


def test_a_damaged_sheet_part_is_left_to_the_whole_read(tmp_path: Path) -> None:
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(2000))
    place = locate(path).sheets["Sales"]
    info = zipfile.ZipFile(path).getinfo(PART)
    data = bytearray(path.read_bytes())
    # The sheet's deflate stream opens with a block of the reserved type 3 (final bit 1,
    # type bits 11): no inflater reads past it.
    data[info.header_offset + 30 + len(PART) + len(info.extra)] = 0b111
    path.write_bytes(bytes(data))
    with pytest.raises(Uncuttable):
        list(cut(path, PART, 1, 2, tmp_path))
    assert load_banded(path, place, 2, TEXT) is None
    # Read whole, the damage is the workbook's: reported, not a crash.
    with pytest.raises(WorkbookError, match="Cannot read"):
        read_inputs(path)


def test_no_band_file_outlives_the_read(tmp_path: Path) -> None:
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(100))
    folder = scratch_folder(path.stat().st_size)
    before = set(folder.glob("clientbase-bands-*"))
    assert banded(path, 2) is not None
    assert set(folder.glob("clientbase-bands-*")) == before


def test_cut_points_give_earlier_bands_more_bytes() -> None:
    points = cut_points(1_000_000, 3)
    shares = [b - a for a, b in zip([0, *points], [*points, 1_000_000], strict=True)]
    assert shares == sorted(shares, reverse=True)
    # Each band 1.2 times the next: 1 + 1/1.2 + 1/1.44 = 2.5278, so 39.6 %, 33.0 %, 27.5 %.
    assert [round(s / 10_000, 1) for s in shares] == [39.6, 33.0, 27.5]
    assert cut_points(1000, 1) == []


def test_only_a_large_part_on_several_cores_is_cut() -> None:
    big = bands_module.BAND_BYTES
    assert band_count(big - 1, 8) == 1
    assert band_count(400 * 2**20, 2) == 2
    assert band_count(400 * 2**20, 1) == 1
    assert band_count(400 * 2**20, None) == 1
    assert band_count(3 * big, 16) == 3


def test_the_reader_cuts_a_large_sheet_and_reads_what_the_whole_read_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsxwriter_book(tmp_path / "s.xlsx", rows_of(300))
    whole_read = read_inputs(path)["sales"]
    cuts: list[int] = []
    real_cut = cut

    def counted(*args: object) -> object:
        cuts.append(1)
        return real_cut(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(bands_module, "BAND_BYTES", 1)
    monkeypatch.setattr("clientbase_xl.workbook.reader.cut", counted)
    monkeypatch.setattr("clientbase_xl.workbook.reader._cores", lambda: 2)
    banded_read = read_inputs(path)["sales"]
    assert cuts == [1]
    assert banded_read.data is not None and whole_read.data is not None
    assert (banded_read.first_row, banded_read.first_col) == (whole_read.first_row, 0)
    for a, b in zip(banded_read.data, whole_read.data, strict=True):
        assert a.dtype == b.dtype
        assert a.equals(b)


cells = st.one_of(
    st.none(),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2090, 1, 1)).map(
        lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)
    ),
    st.text(alphabet="ABCxyz 01-", min_size=1, max_size=6),
    st.floats(-1e9, 1e9, allow_nan=False),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    column_kinds=st.lists(st.sampled_from(["date", "text", "number"]), min_size=3, max_size=3),
    blanks=st.lists(st.booleans(), min_size=10, max_size=80),
    count=st.integers(2, 4),
    data=st.data(),
)
def test_any_sheet_reads_in_bands_as_whole_or_is_left_to_the_whole_read(
    tmp_path: Path, column_kinds: list[str], blanks: list[bool], count: int, data: st.DataObject
) -> None:
    kinds = {
        "date": st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2090, 1, 1)).map(
            lambda d: d.replace(microsecond=0)
        ),
        "text": st.text(alphabet="ABCxyz 01-", min_size=1, max_size=6),
        "number": st.floats(-1e9, 1e9, allow_nan=False),
    }
    # Blank rows where ``blanks`` says; otherwise each cell of its column's kind, now and then
    # an odd one (a blank, or a cell of any kind).
    odd = data.draw(st.booleans())
    rows = [
        [None, None, None]
        if blank
        else [data.draw(st.one_of(kinds[k], cells) if odd else kinds[k]) for k in column_kinds]
        for blank in blanks
    ]
    path = xlsxwriter_book(tmp_path / f"h{count}.xlsx", rows)
    got = banded(path, count)
    try:
        expected = whole(path)
    except fastexcel.FastExcelError:
        assert got is None  # what the whole read refuses is never joined from bands
        return
    if not odd:
        assert got is not None  # every column one kind: the bands always fit together
    if got is not None:
        assert same(got, expected)
