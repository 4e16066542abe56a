"""Merged cells of a report: one value for a block, read on every row of it."""

import datetime as dt
from pathlib import Path

import openpyxl

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.workbook.merges import merged_cells
from clientbase_xl.workbook.reader import read_inputs


def test_merged_blocks_are_read_from_a_sheet_part_with_or_without_a_prefix() -> None:
    xml = (
        b'<x:worksheet><x:sheetData/><x:mergeCells count="2"><x:mergeCell ref="A2:A4"/>'
        b'<x:mergeCell ref="AB10:AC12"/></x:mergeCells></x:worksheet>'
    )
    assert merged_cells(xml) == ((2, 4, 0, 0), (10, 12, 27, 28))
    assert merged_cells(b"<worksheet><sheetData/></worksheet>") == ()


def test_a_reports_merged_client_cells_name_the_client_on_each_of_its_lines(
    tmp_path: Path,
) -> None:
    # As 1C prints a report: a title merged across the columns, the header in row 3, each
    # client's cell merged down over its lines (rows 4-6 and 7-8), a merge across two amount
    # cells left as it is (a blank amount there is reported, not filled from its neighbour).
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sales"
    ws.append(["Продажи за январь 2026"])
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["Client", "Date", "Amount", "Cost"])
    lines = [("C1", 10, 100), (None, 11, 101), (None, 12, 102), ("C2", 13, 200), (None, 14, 201)]
    for client, day, amount in lines:
        ws.append([client, dt.datetime(2026, 1, day), amount, 1])
    ws.merge_cells("A4:A6")
    ws.merge_cells("A7:A8")
    ws.append(["C3", dt.datetime(2026, 1, 15), None, 1])
    ws.merge_cells("C9:D9")
    path = tmp_path / "report.xlsx"
    wb.save(path)
    inputs, problems = load_inputs(read_inputs(path))
    assert inputs is None  # the blank amount of row 9
    assert [(p.row, p.column) for p in problems] == [(9, "Amount (C)")]
    ws.delete_rows(9)
    wb.save(path)
    inputs, problems = load_inputs(read_inputs(path))
    assert inputs is not None and len(problems) == 0
    assert inputs.sales["client"].tolist() == ["C1", "C1", "C1", "C2", "C2"]
