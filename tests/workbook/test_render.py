"""How a result tab reads: each numeric header over its numbers, a gap between columns."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pandas as pd

from clientbase_xl.i18n import Text
from clientbase_xl.report.layout import header_lines, note_lines
from clientbase_xl.report.spec import Block, Col, ResultTab, TabSpec
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.render import render_tabs
from tests.conftest import EXCEL_MADE_XLSM

SPEC = TabSpec(
    "probe",
    Text("Probe", "Проба"),
    Text("Ranks beside codes.", "Ранги рядом с кодами."),
    (
        Block(
            "clients",
            Text("Clients", "Клиенты"),
            (
                Col("rank", Text("Rank", "Ранг"), "int", 6),
                Col("client", Text("Client", "Клиент"), width=10),
                Col("revenue", Text("Revenue", "Выручка"), "money", 12),
                Col("share", Text("Share", "Доля"), "pct", 8),
            ),
        ),
    ),
)


def test_numeric_headers_stand_right_over_padded_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"rank": [10, 11], "client": ["02429", "02430"], "revenue": [5.0, 6.0], "share": [0.5] * 2}
    )
    scratch, out = tmp_path / "scratch.xlsx", tmp_path / "out.xlsm"
    rows = render_tabs([ResultTab(SPEC, {"clients": frame})], "en", scratch, currency="EUR")
    graft(EXCEL_MADE_XLSM, scratch, out, remove=set(), bulk=rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(out)["Probe"]
    header = {c.value: c for c in ws[5] if c.value}
    assert header["Rank"].alignment.horizontal == "right"
    assert header["Revenue"].alignment.horizontal == "right"
    assert header["Rank"].alignment.indent == 1  # the header's gap, as the numbers' pad
    assert header["Client"].alignment.horizontal in (None, "general", "left")
    # Rank 10 beside client 02429 must not read "1002429": the number ends a digit short.
    rank, client, revenue, share = ws[6][:4]
    assert (rank.value, client.value) == (10, "02429")
    assert rank.number_format == "#,##0_0"
    assert revenue.number_format == '#,##0 "EUR"_0'
    assert share.number_format == "0.0%_0"
    assert client.number_format in ("@", "General")


def test_header_lines_count_whole_words_and_the_indent() -> None:
    # "Months with orders" in 12 characters: 11 of room, 9 after the indent of a number's
    # header: "Months" / "with" / "orders".
    assert header_lines("Months with orders", Col("m", Text("", ""), "int", 12)) == 3
    assert header_lines("Months with orders", Col("m", Text("", ""), "text", 12)) == 2
    assert header_lines("Rank", Col("r", Text("", ""), "int", 6)) == 1
    assert header_lines("", Col("r", Text("", ""), "int", 6)) == 1


def test_the_note_wraps_over_the_tables_width(tmp_path: Path) -> None:
    frame = pd.DataFrame({"rank": [1], "client": ["a"], "revenue": [5.0], "share": [1.0]})
    scratch, out = tmp_path / "scratch.xlsx", tmp_path / "out.xlsm"
    note = "word " * 40  # 200 characters over 6 + 10 + 12 + 8 = 36 of width: 5 lines at 1.1
    rows = render_tabs([ResultTab(SPEC, {"clients": frame}, note.strip())], "en", scratch)
    graft(EXCEL_MADE_XLSM, scratch, out, remove=set(), bulk=rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(out)["Probe"]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A2:D2"]
    assert ws["A2"].alignment.wrap_text
    assert ws.row_dimensions[2].height == 15 * note_lines(ws["A2"].value, 36)
    # 39 characters a line hold 8 words of 4 and 7 spaces: 40 words take 5 lines.
    assert note_lines("word " * 40, 36) == 5
    assert note_lines("word " * 400, 36) == 6  # never more than six lines
