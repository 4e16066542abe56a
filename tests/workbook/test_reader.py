"""The workbook reader: columns through fastexcel where it can, cells through calamine where not.

Workbooks are written with openpyxl the way users lay sheets out: tables and plain sheets that
do not start at A1, blank rows inside, codes typed as numbers, words among amounts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.table import Table

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.workbook.reader import read_inputs

HEADER = ["Date", "Client", "Amount"]


def write(path: Path, rows: list[list[object]], *, table: bool, at: str = "C3") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sales"
    start = ws[at]
    for i, row in enumerate([HEADER, *rows]):
        for j, value in enumerate(row):
            ws.cell(start.row + i, start.column + j, value)
    if table:
        last = ws.cell(start.row + len(rows), start.column + len(HEADER) - 1).coordinate
        ws.add_table(Table(displayName="Sales", ref=f"{at}:{last}"))
    book.save(path)
    return path


ROWS: list[list[object]] = [
    [dt.datetime(2025, 1, 10), "A1", 500.0],
    [None, None, None],
    [dt.datetime(2025, 2, 10), "B2", None],
]


def test_a_clean_table_is_read_by_column_where_it_lies(tmp_path: Path) -> None:
    raw = read_inputs(write(tmp_path / "t.xlsx", ROWS, table=True))["sales"]
    assert raw.data is not None  # the column-wise path
    # Header in row 3 at column C: the first data row is 4, the first column index 2.
    assert (raw.sheet, raw.first_row, raw.first_col, raw.height) == ("Sales", 4, 2, 3)
    _, problems = load_inputs({"sales": raw})
    # The blank amount sits in row 4 + 2 = 6, column E; the blank row 5 is no problem.
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Sales", 6, "Amount (E)")]


def test_a_table_beside_other_cells_is_read_by_column_too(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", ROWS, table=True)
    book = openpyxl.load_workbook(path)
    book["Sales"]["A1"] = "Exported 2025-03-01"  # the table no longer fills its sheet
    book.save(path)
    raw = read_inputs(path)["sales"]
    assert raw.data is not None
    assert (raw.first_row, raw.first_col, raw.height) == (4, 2, 3)
    assert list(raw.header) == HEADER


def test_a_plain_sheet_is_read_by_column_from_its_used_range(tmp_path: Path) -> None:
    raw = read_inputs(write(tmp_path / "s.xlsx", ROWS, table=False, at="B4"))["sales"]
    # The used range starts at B4, the header: data from row 5, first column index 1.
    assert raw.data is not None
    assert (raw.first_row, raw.first_col, raw.height) == (5, 1, 3)


def test_a_title_above_a_plain_sheet_sends_it_cell_by_cell(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", ROWS, table=False, at="B4")
    book = openpyxl.load_workbook(path)
    book["Sales"]["A1"] = "Export of 2025"  # the used range's first row is then no header
    book.save(path)
    raw = read_inputs(path)["sales"]
    assert raw.data is None and raw.header[0] == "Export of 2025"


def test_a_word_among_amounts_is_reported_with_its_own_value_and_row(tmp_path: Path) -> None:
    rows = [[dt.datetime(2025, 1, d), "A1", 10.0 * d] for d in range(1, 20)]
    rows[12][2] = "двести"
    path = write(tmp_path / "w.xlsx", rows, table=True)
    _, problems = load_inputs(read_inputs(path))
    # Row 4 holds rows[0]; rows[12] is in row 16.
    assert [(p.row, p.column, p.value) for p in problems] == [(16, "Amount (E)", "двести")]


def test_a_word_past_the_first_thousand_rows_is_reported_not_read_as_a_blank(
    tmp_path: Path,
) -> None:
    # fastexcel infers a column's type from its first 1,000 rows by default, and read a later
    # cell of another type as a blank: the word never reached the validation.
    # Lines of their own amounts: 1,500 alike would be a paste made twice, and warned about.
    rows: list[list[object]] = [[dt.datetime(2025, 1, 2), "A1", 6.0 + i] for i in range(1500)]
    rows = [*rows, ["yesterday", "A1", "n/a"]]  # in row 4 + 1500 = 1504 (header in row 3)
    for table in (True, False):
        _, problems = load_inputs(read_inputs(write(tmp_path / f"{table}.xlsx", rows, table=table)))
        assert [(p.row, p.column, p.value) for p in problems] == [
            (1504, "Date (C)", "yesterday"),
            (1504, "Amount (E)", "n/a"),
        ], table


def test_codes_typed_as_numbers_among_text_codes_stay_codes(tmp_path: Path) -> None:
    rows: list[list[object]] = [[dt.datetime(2025, 1, 1), 1001, 5.0]] + [
        [dt.datetime(2025, 1, 2), "A1", 6.0 + i] for i in range(1500)
    ]
    for table in (True, False):
        raw = read_inputs(write(tmp_path / f"{table}.xlsx", rows, table=table))["sales"]
        inputs, problems = load_inputs({"sales": raw})
        assert inputs is not None and not len(problems)
        assert inputs.sales["client"].iloc[0] == "1001"


def test_a_repeated_header_on_a_plain_sheet_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sales"
    ws.append(["Date", "Client", "Amount", "Client"])
    ws.append([dt.datetime(2025, 1, 1), "A1", 1.0, "B"])
    book.save(path)
    _, problems = load_inputs(read_inputs(path))
    assert [p.column for p in problems] == ["Client (D)"]


cells = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["A1", " B 2 ", "ООО  Ромашка", "1 234,5", "31.12.2025", "x"]),
    st.integers(-5, 5000).map(float),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1)).map(
        lambda d: d.replace(microsecond=0)
    ),
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=12),
    table=st.booleans(),
)
def test_both_paths_parse_every_workbook_alike(
    tmp_path_factory: object, rows: list[list[object]], table: bool
) -> None:
    # Whatever the cells hold, the quick reader and the cell-by-cell reference give the same
    # frames and the same problems, at the same rows.
    if all(v in (None, "") for v in rows[-1]):
        rows = [*rows, [dt.datetime(2025, 1, 1), "Z", 1.0]]  # a table's last row is never blank
    path = write(Path(str(tmp_path_factory.mktemp("p"))) / "b.xlsx", rows, table=table)  # type: ignore[attr-defined]
    fast, fast_problems = load_inputs(read_inputs(path))
    slow, slow_problems = load_inputs(read_inputs(path, columnar=False))
    assert [(p.row, p.column, p.value) for p in fast_problems] == [
        (p.row, p.column, p.value) for p in slow_problems
    ]
    if slow is not None:
        assert fast is not None
        pd.testing.assert_frame_equal(fast.sales, slow.sales)


def test_reading_beside_the_largest_input_gives_what_one_thread_gives(demo_book: Path) -> None:
    # The demo book has every input; Sales, the largest, is read on a second thread while the
    # others are read on this one. Every parsed frame matches the one-thread reference.
    fast, fast_problems = load_inputs(read_inputs(demo_book))
    slow, slow_problems = load_inputs(read_inputs(demo_book, columnar=False))
    assert fast is not None and slow is not None
    assert list(fast_problems) == list(slow_problems)
    for field in dataclasses.fields(fast):
        mine, theirs = getattr(fast, field.name), getattr(slow, field.name)
        if isinstance(mine, pd.DataFrame):
            pd.testing.assert_frame_equal(mine, theirs)
        else:
            assert mine == theirs


def test_another_sheet_named_as_an_input_is_said_not_read_silently(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", ROWS[:1], table=True, at="A1")
    _, problems = load_inputs(read_inputs(path))
    assert len(problems) == 0  # the table's own sheet is no other Sales
    book = openpyxl.load_workbook(path)
    old = book.create_sheet("Продажи")  # last year's lines, kept beside the table
    old.append(["Дата", "Клиент", "Сумма"])
    old.append([dt.datetime(2024, 1, 10), "OLD", 1.0])
    book.save(path)
    tables = read_inputs(path)
    assert (tables["sales"].sheet, tables["sales"].others) == ("Sales", ("Продажи",))
    inputs, problems = load_inputs(tables)
    assert inputs is not None and inputs.sales["client"].tolist() == ["A1"]
    assert [(p.severity, p.value) for p in problems] == [("warning", "Продажи")]
    assert (
        "Продажи could be the Sales input too, by name: only Sales is read"
        in (problems.lines("en")[0])
    )
