"""A 1C report pasted as exported: title rows above the header, group subtotal rows without a
date, an «Итого» line. The layout follows 1C:Trade Management's «Валовая прибыль» report:
report name, period and filter lines, a blank row, then the header in row 6."""

import datetime as dt
import io
from pathlib import Path

import openpyxl

from clientbase_xl.cli import main
from clientbase_xl.inputs.header import find_header
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.schema import SALES

TITLE = [
    ["Валовая прибыль"],
    ["Период: 01.01.2025 - 30.06.2025"],
    ['Отбор: Организация Равно "ООО Альфа"'],
    ["Показатели: Выручка, Себестоимость, Валовая прибыль"],
    [],
]
HEADER = [
    "Контрагент",
    "Номенклатура",
    "Период",
    "Количество",
    "Выручка",
    "Себестоимость",
    "Менеджер",
]


def _report() -> list[list[object]]:
    rows: list[list[object]] = [*TITLE, HEADER]
    for client, manager in (("ООО Ромашка", "Иванов И."), ("ИП Петров", "Сидорова А.")):
        lines = [
            [client, "Гвозди", dt.datetime(2025, m, 10), 10, 1000.0 * m, 600.0 * m, manager]
            for m in range(1, 7)
        ]
        total = sum(line[4] for line in lines)
        cost = sum(line[5] for line in lines)
        rows.append([client, None, None, 60, total, cost, None])  # the group's subtotal row
        rows += lines
    rows.append(["Итого", None, None, 120, 42000.0, 25200.0, None])
    return rows


def _book(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Продажи"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    return main(list(args), io.StringIO(), err), err.getvalue()


def test_the_header_is_found_below_the_title_rows() -> None:
    rows = _report()
    raw = RawTable("Продажи", rows[0], rows[1:], first_row=2)
    found = find_header(raw, SALES)
    assert list(found.header) == HEADER
    assert found.header_row == 6 and found.first_row == 7
    assert list(found.rows[0][:2]) == ["ООО Ромашка", None]


def test_a_1c_report_refreshes_with_subtotals_and_the_total_left_out(tmp_path: Path) -> None:
    book = _book(tmp_path / "1c.xlsx", _report())
    code, stderr = _run("refresh", str(book), "--out", str(tmp_path / "out.xlsx"))
    assert code == 0, stderr
    assert "2 group row(s) of the report (rows 7, 14) have no date" in stderr
    assert "«Итого» is a report's total" in stderr
    assert "error" not in stderr
    from clientbase_xl.inputs.model import load_inputs
    from clientbase_xl.workbook.reader import read_inputs

    inputs, _ = load_inputs(read_inputs(book))
    assert inputs is not None
    assert sorted(inputs.sales["client"].unique()) == ["ИП Петров", "ООО Ромашка"]
    assert inputs.sales["amount"].sum() == 42000.0  # each line once: no subtotal, no total


def test_no_header_row_says_what_was_looked_at(tmp_path: Path) -> None:
    rows = [*TITLE, ["Покупатель", "Товар", "Когда", "Деньги"], ["ООО Ромашка", "Гвозди", "x", 1]]
    book = _book(tmp_path / "odd.xlsx", rows)
    code, stderr = _run("check", str(book))
    assert code == 1
    assert (
        "No header row found in the first 31 rows: a row naming Date, Client, Amount was expected."
        in stderr
    )
    assert "1: Валовая прибыль; 2: Период: 01.01.2025 - 30.06.2025" in stderr
    assert "6: Покупатель | Товар | Когда | Деньги" in stderr
