"""Rows typed below an Excel table that holds an input: found in the sheet XML and warned about.

LibreOffice does not grow a table when a row is typed under it, nor does openpyxl: the rows
below would be left out of every sum without a word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.workbook.below import after_row, filled_below
from clientbase_xl.workbook.layout import Place
from clientbase_xl.workbook.libreoffice import convert
from clientbase_xl.workbook.reader import read_inputs

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: A table of columns A:C, header in row 1, data in rows 2-3.
TABLE = Place("Sales", 1, 3, 0, 2)


def part(rows: str) -> bytes:
    return f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()


@pytest.mark.parametrize(
    ("rows", "found"),
    [
        ('<row r="3"><c r="A3"><v>1</v></c></row>', []),  # nothing below
        (
            '<row r="3"><c r="A3"><v>1</v></c></row><row r="4"><c r="B4"><v>5</v></c></row>',
            [(4, 1)],
        ),
        # An inline string, a formula with its result, a formula without one: all content.
        (
            '<row r="3"/><row r="5"><c r="A5" t="inlineStr"><is><t>C9</t></is></c>'
            '<c r="C5"><f>SUM(C2:C3)</f><v>7</v></c></row><row r="6"><c r="B6"><f>A6</f></c></row>',
            [(5, 0), (5, 2), (6, 1)],
        ),
        # Styled cells without a value, an empty value, a note beside the table's columns.
        (
            '<row r="3"/><row r="4"><c r="A4" s="3"/><c r="B4" s="2"><v></v></c>'
            '<c r="E4" t="inlineStr"><is><t>a note</t></is></c></row>',
            [],
        ),
        # Namespaced parts (x:row, x:c) as some exporters write them.
        (
            '<x:row r="3"/><x:row r="4"><x:c r="C4"><x:v>2</x:v></x:c></x:row>',
            [(4, 2)],
        ),
    ],
)
def test_filled_cells_below_a_table_in_its_columns_are_found(
    rows: str, found: list[tuple[int, int]]
) -> None:
    xml = part(rows)
    assert filled_below(after_row([xml], TABLE.last_row), TABLE) == found


def test_the_tail_is_found_whatever_the_chunks_and_a_second_table_below_is_its_own() -> None:
    xml = part(
        '<row r="3"><c r="A3"><v>1</v></c></row><row r="13"><c r="A13"><v>2</v></c></row>'
        '<row r="30"><c r="A30"><v>3</v></c></row>'
    )
    # r="3" is cut by every boundary of 3-byte chunks somewhere; r="13" and r="30" are no match.
    chunks = [xml[i : i + 3] for i in range(0, len(xml), 3)]
    tail = after_row(chunks, 3)
    assert tail.startswith(b'r="3"')
    second = Place("Sales", 30, 31, 0, 2)
    assert filled_below(tail, TABLE, [second]) == [(13, 0)]
    assert after_row([xml], 4).startswith(b'r="13"')  # no row 4: the next present row on
    assert after_row([xml], 4, ahead=9) == b""  # none of rows 4-12 is present: nothing kept


def _book(path: Path, below: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sales"
    ws.append(["Date", "Client", "Amount"])
    ws.append([dt.datetime(2025, 1, 5), "C1", 10.0])
    ws.append([dt.datetime(2025, 2, 5), "C2", 20.0])
    ws.add_table(Table(displayName="Sales", ref="A1:C3"))
    ws["E1"] = "Notes beside the table are no rows of it"
    for row in below:
        ws.append(row)
    wb.save(path)
    return path


def test_rows_typed_below_an_input_table_are_one_warning_naming_them(tmp_path: Path) -> None:
    book = _book(
        tmp_path / "below.xlsx",
        [[dt.datetime(2025, 3, 5), "C3", 30.0], [None, None, None], [None, "Total", 60.0]],
    )
    tables = read_inputs(book)
    assert tables["sales"].height == 2  # the table as it runs: rows 2-3
    inputs, problems = load_inputs(tables)
    assert inputs is not None  # a warning: the refresh runs
    lines = problems.lines("en")
    assert lines == [
        "warning: Sales!4 [Date (A)]: 'A4' 2 row(s) below the table, in its columns (rows 4, 6), "
        "are not in the table: they are not read. If they are yours, take them into the table: "
        "Excel, Table Design > Resize Table; LibreOffice, Data > Define Range. A note or a "
        "total of your own: nothing to do."
    ]


def test_a_table_with_nothing_below_says_nothing(tmp_path: Path) -> None:
    _, problems = load_inputs(read_inputs(_book(tmp_path / "clean.xlsx", [])))
    assert problems.lines("en") == []


def test_rows_below_a_table_in_a_book_libreoffice_saved_are_found(tmp_path: Path) -> None:
    # LibreOffice keeps the table's range as it was and writes the rows below as it writes any:
    # the real way such rows come about (it does not grow a table when a row is typed under it).
    book = _book(tmp_path / "below.xlsx", [[dt.datetime(2025, 3, 5), "C3", 30.0]])
    saved = convert(book, tmp_path / "saved", "xlsx")
    tables = read_inputs(saved)
    assert tables["sales"].height == 2
    assert [row for row, _ in tables["sales"].below] == [4, 4, 4]


def test_the_next_present_row_is_found_by_its_leading_digits_across_any_chunk_boundary() -> None:
    # A million-line table whose last row (992936) is blank: the rows present are looked for.
    xml = part(
        '<row r="992929"><c r="A992929"><v>1</v></c></row>'
        '<row r="992935"><c r="A992935"><v>2</v></c></row>'
        '<row r="992940"><c r="B992940"><v>3</v></c></row>'
    )
    table = Place("Sales", 1, 992936, 0, 2)
    for size in (3, 7, 64, len(xml)):
        chunks = [xml[i : i + size] for i in range(0, len(xml), size)]
        tail = after_row(chunks, table.last_row)
        assert tail.startswith(b'r="992940"'), size
        assert filled_below(tail, table) == [(992940, 1)]
    # One row wanted (no look-ahead): all its digits are searched for.
    assert after_row([xml], 992935, ahead=1).startswith(b'r="992935"')
