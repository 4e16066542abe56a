"""Where a tab's parts go: by hand, and followed alike by the file and the Excel writer."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pandas as pd

from clientbase_xl.excel.gateway import XlwingsGateway
from clientbase_xl.i18n import Text
from clientbase_xl.refresh import refresh
from clientbase_xl.report.layout import WRAP_ROWS, lay_out, row_heights, wraps
from clientbase_xl.report.spec import Block, Col, Link, ResultTab, TabSpec
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.render import render_tabs
from tests.conftest import EXCEL_MADE_XLSM
from tests.excel.fakes import book_with


def _block(key: str, *widths: float) -> Block:
    cols = tuple(Col(f"c{j}", Text(f"C{j}", f"C{j}"), width=w) for j, w in enumerate(widths))
    return Block(key, Text(key, key), cols)


SPEC = TabSpec(
    "probe",
    Text("Probe", "Проба"),
    Text("", ""),
    (_block("a", 10, 20), _block("b", 30), _block("c", 5, 5, 40)),
)


def _frame(rows: int, width: int) -> pd.DataFrame:
    return pd.DataFrame({f"c{j}": range(rows) for j in range(width)})


def test_blocks_stack_from_row_3_with_one_blank_row_between() -> None:
    tab = ResultTab(SPEC, {"a": _frame(3, 2), "b": _frame(0, 1), "c": _frame(2, 3)})
    layout = lay_out(tab)
    a, b, c = layout.blocks.values()
    # a: title 3, header 4, data 5..7; a blank row 8; b: title 9, header 10, its one blank
    # body row 11 (a table needs one), blank 12; c: title 13, header 14, data 15..16.
    assert (a.title_row, a.header_row, a.first, a.last, a.table_last) == (3, 4, 5, 7, 7)
    assert (b.title_row, b.header_row, b.last, b.table_last) == (9, 10, 10, 11)
    assert (c.title_row, c.header_row, c.first, c.last) == (13, 14, 15, 16)
    # One width per sheet column: the widest a block asks for there.
    assert layout.widths == (30, 20, 40)
    assert (layout.chart_col, layout.span()) == (4, 3)
    assert layout.note_height("short") == 15
    # Printed through block b: the note wraps over the two columns a and b have, 30 + 20.
    assert layout.span("b") == 2
    # 99 characters: one line over 90 columns (99 fit at 1.1 a column), two over 50 (55 fit).
    assert layout.note_height("word " * 20) == 15
    assert layout.note_height("word " * 20, "b") == 2 * 15


def _header_rows_in_file(path: Path) -> dict[tuple[str, str], int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    return {
        (ws.title, name): ws.tables[name].ref.split(":")[0]
        for ws in wb.worksheets
        for name in ws.tables
    }


def test_the_file_writer_and_the_excel_writer_put_each_block_where_the_layout_says(
    tmp_path: Path,
) -> None:
    book, rec = book_with()
    outcome = refresh(XlwingsGateway(book, lite=True))
    scratch, out = tmp_path / "scratch.xlsx", tmp_path / "out.xlsm"
    rows = render_tabs(outcome.tabs, outcome.lang, scratch)
    graft(EXCEL_MADE_XLSM, scratch, out, remove=set(), bulk=rows)
    in_file = _header_rows_in_file(out)
    excel = iter(rec.writes)  # one bulk write per block, in tab and block order
    for tab in outcome.tabs:
        title = tab.spec.title(outcome.lang)
        for place in lay_out(tab).blocks.values():
            sheet, row, col, _ = next(excel)
            assert (sheet, row, col) == (title, place.header_row + 1, 1)
            ref = in_file[(title, tab.spec.table_name(place.block))]
            assert ref == f"A{place.header_row + 1}"


WRAPPING = TabSpec(
    "wrapping",
    Text("Wrapping", "Перенос"),
    Text("", ""),
    (
        Block(
            "a",
            Text("a", "a"),
            (
                Col("id", Text("Id", "Id"), width=6),
                Col("text", Text("Text", "Текст"), width=21, wrap=True),
            ),
        ),
    ),
)


def test_a_wrapping_column_grows_the_rows_its_text_needs(tmp_path: Path) -> None:
    texts = ["short", "four words of five " * 2, None]
    tab = ResultTab(WRAPPING, {"a": pd.DataFrame({"id": [1, 2, 3], "text": texts})})
    place = lay_out(tab).blocks["a"]
    # A column 21 wide holds 20 characters a line: "four words of five four" (23) does not,
    # so the 38 characters wrap to "four words of five" / "four words of five": two lines of
    # 15 points, on the second data row (header in row 4, data from row 5). The others: one.
    assert row_heights(place, (6, 21)) == {6: 30}
    # A column another block widened to 41 holds the text on one line.
    assert row_heights(place, (6, 41)) == {}
    # A block longer than WRAP_ROWS keeps a line a row.
    long = pd.DataFrame({"id": range(WRAP_ROWS + 1), "text": "word " * 40})
    assert not wraps(lay_out(ResultTab(WRAPPING, {"a": long})).blocks["a"])
    out = tmp_path / "wrap.xlsx"
    render_tabs([tab], "en", out)
    ws = openpyxl.load_workbook(out)["Wrapping"]
    # openpyxl counts rows from 1: the layout's row 6 is its row 7.
    assert ws.row_dimensions[7].height == 30
    assert ws.cell(7, 2).alignment.wrap_text and ws.cell(7, 2).alignment.vertical == "top"
    assert not ws.cell(7, 1).alignment.wrap_text and ws.cell(7, 1).alignment.vertical == "top"


def test_a_linked_cell_of_a_wrapping_block_starts_at_the_top_too(tmp_path: Path) -> None:
    # A client id linking to its row is written cell by cell (a formula each): it takes the
    # block's top alignment like the cells written in bulk, so a tall row reads from the top.
    spec = TabSpec(
        "linked",
        Text("Linked", "Ссылки"),
        Text("", ""),
        (
            Block(
                "a",
                Text("a", "a"),
                (
                    Col(
                        "client",
                        Text("Client", "Клиент"),
                        width=8,
                        link=Link("linked", "a", "client"),
                    ),
                    Col("text", Text("Text", "Текст"), width=11, wrap=True),
                ),
            ),
        ),
    )
    frame = pd.DataFrame({"client": ["C1", "C2"], "text": ["one two three four", "short"]})
    out = tmp_path / "linked.xlsx"
    render_tabs([ResultTab(spec, {"a": frame})], "en", out)
    ws = openpyxl.load_workbook(out)["Linked"]
    assert str(ws.cell(6, 1).value).startswith("=HYPERLINK(")  # data from row 6 (1-based)
    assert ws.row_dimensions[6].height == 30  # "one two" / "three four" in 10 characters
    assert ws.cell(6, 1).alignment.vertical == "top" and ws.cell(7, 1).alignment.vertical == "top"
