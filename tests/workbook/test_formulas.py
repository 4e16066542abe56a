"""Formula cells saved without their result: found in the sheet XML and reported, never read as 0.

openpyxl writes formulas the way a script's or a CRM's export does: the formula alone, nothing
calculated. LibreOffice opening and saving the same file calculates them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.workbook.formulas import uncalculated
from clientbase_xl.workbook.libreoffice import convert
from clientbase_xl.workbook.reader import read_inputs

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(cells: str) -> bytes:
    row = f'<row r="2">{cells}</row>'
    return f'<worksheet xmlns="{NS}"><sheetData>{row}</sheetData></worksheet>'.encode()


@pytest.mark.parametrize(
    ("cells", "found"),
    [
        ('<c r="C2"><v>4</v></c>', {}),  # no formula at all
        ('<c r="C2"><f>A2*2</f><v>4</v></c>', {}),  # calculated
        ('<c r="C2"><f>A2*2</f></c>', {(2, 2): "=A2*2"}),  # no result
        ('<c r="C2" s="17"><f>A2*2</f><v></v></c>', {(2, 2): "=A2*2"}),  # as openpyxl writes
        ('<c r="C2" t="str"><f>IF(A2="","",A2)</f><v></v></c>', {}),  # the empty text
        # D2 shares C2's formula; C2 has its result, D2 none.
        (
            '<c r="C2"><f t="shared" ref="C2:D2" si="0">A2*2</f><v>4</v></c>'
            '<c r="D2"><f t="shared" si="0"/></c>',
            {(2, 3): "="},
        ),
        ('<c r="AB2"><f>"a"&amp;B2</f></c>', {(2, 27): '="a"&B2'}),
        ('<c r="C2"><f>A2</f><v>1</v></c><c r="E2"><f>B2</f></c>', {(2, 4): "=B2"}),
    ],
)
def test_a_formula_cell_without_a_result_is_found(
    cells: str, found: dict[tuple[int, int], str]
) -> None:
    assert uncalculated(sheet(cells)) == found


def test_a_prefixed_sheet_is_read_alike() -> None:
    # The Open XML SDK writes the main namespace with a prefix.
    xml = (
        f'<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="10">'
        '<x:c r="B10"><x:f>SUM(A1:A3)</x:f></x:c></x:row></x:sheetData></x:worksheet>'
    ).encode()
    assert uncalculated(xml) == {(10, 1): "=SUM(A1:A3)"}


def test_uncalculated_amounts_and_costs_are_errors_until_libreoffice_calculates(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sales"
    ws.append(["Date", "Client", "Amount", "Quantity", "Price", "Cost"])
    ws.append([dt.datetime(2025, 1, 10), "A1", 500.0, 1, 500, 300])
    ws.append([dt.datetime(2025, 2, 10), "A1", "=D3*E3", 2, 150, "=C3*0.6"])
    ws.append([dt.datetime(2025, 3, 10), "B2", 80.0, 1, 80, None])
    path = tmp_path / "export.xlsx"
    book.save(path)
    _, problems = load_inputs(read_inputs(path))
    # Row 3: the amount (required) and the cost (optional: a blank cost would leave the margin
    # short without a word); each cell said once, as a formula, not as a blank.
    assert [(p.row, p.column, p.value, p.severity) for p in problems] == [
        (3, "Amount (C)", "=D3*E3", "error"),
        (3, "Cost (F)", "=C3*0.6", "error"),
    ]
    assert "saved without its result" in problems.lines("en")[0]
    assert "сохранённая без результата" in problems.lines("ru")[0]
    saved = convert(path, tmp_path / "calculated", "xlsx")
    inputs, problems = load_inputs(read_inputs(saved))
    assert len(problems) == 0 and inputs is not None
    # 2 × 150 = 300, and its cost 300 × 0.6 = 180.
    assert inputs.sales["amount"].tolist() == [500.0, 300.0, 80.0]
    assert inputs.sales["cost"].tolist()[:2] == [300.0, 180.0]
