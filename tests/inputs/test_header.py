"""A 1C report pasted as exported: title rows above the header, group subtotal rows without a
date, an «Итого» line. The layout follows 1C:Trade Management's «Валовая прибыль» report:
report name, period and filter lines, a blank row, then the header in row 6."""

import datetime as dt
import io
from pathlib import Path

import numpy as np
import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.cli import main
from clientbase_xl.inputs.header import find_header, sum_rows
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


def test_sum_rows_by_hand() -> None:
    nan = float("nan")
    # 10 + 20 = 30 (a subtotal); 5 = 5 (one line's subtotal); 35 = 10 + 20 + 5 (the grand
    # total, from the start); 7 matches no run above it (10+20+5 = 35 and 5 != 7): a line.
    amount = np.array([10.0, 20.0, 30.0, 5.0, 5.0, 35.0, 7.0, nan])
    candidate = np.array([0, 0, 1, 0, 1, 1, 1, 1], dtype=bool)
    assert sum_rows(amount, candidate).tolist() == [0, 0, 1, 0, 1, 1, 0, 0]


def test_sum_rows_to_the_cent_and_after_an_unmatched_candidate() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in floats: equal to 0.30 in cents. The unmatched 1.0
    # (a line without a date) counts as a line: 0.1 + 0.2 + 1.0 + 2.0 = 3.3 is the total
    # from the start.
    amount = np.array([0.1, 0.2, 0.3, 1.0, 2.0, 3.3])
    candidate = np.array([0, 0, 1, 1, 0, 1], dtype=bool)
    assert sum_rows(amount, candidate).tolist() == [0, 0, 1, 0, 0, 1]
    # A run may also start just below the 0.30 subtotal: 1.0 + 2.0 = 3.0.
    amount[5] = 3.0
    assert sum_rows(amount, candidate).tolist() == [0, 0, 1, 0, 0, 1]
    # 2.5 is neither 3.3 nor 3.0 nor 2.0 (a run starts only at the top or below a subtotal).
    amount[5] = 2.5
    assert sum_rows(amount, candidate).tolist() == [0, 0, 1, 0, 0, 0]


@settings(max_examples=60)
@given(st.lists(st.integers(-10_000, 10_000), min_size=1, max_size=30), st.data())
def test_only_candidates_are_ever_subtotals(amounts: list[int], data: st.DataObject) -> None:
    candidate = np.array(
        data.draw(st.lists(st.booleans(), min_size=len(amounts), max_size=len(amounts)))
    )
    found = sum_rows(np.array(amounts, dtype=float) / 100, candidate)
    assert not (found & ~candidate).any()


def _excel_subtotals() -> list[list[object]]:
    """Sales as Excel's Data > Subtotal leaves them: grouped by manager, then client."""
    rows: list[list[object]] = [["Дата", "Клиент", "Сумма", "Менеджер"]]
    total = 0.0
    for manager, clients in (("Иванов", ("ООО Ромашка", "ИП Петров")), ("Сидорова", ("АО Тест",))):
        for_manager = 0.0
        for client in clients:
            lines = [[dt.datetime(2025, m, 3), client, 100.5 * m, manager] for m in (1, 2, 3)]
            rows += lines
            rows.append([None, f"{client} Итог", 603.0, None])  # 100.5 * (1 + 2 + 3)
            for_manager += 603.0
        rows.append([None, None, for_manager, f"{manager} Итог"])
        total += for_manager
    rows.append([None, "Общий итог", total, None])  # a totals label
    return rows


def test_excel_subtotals_are_left_out_and_said_once(tmp_path: Path) -> None:
    book = _book(tmp_path / "sub.xlsx", _excel_subtotals())
    code, stderr = _run("refresh", str(book), "--out", str(tmp_path / "out.xlsx"))
    assert code == 0, stderr
    # Rows 5 and 9 (clients), 10 (Иванов), 14 (АО Тест), 15 (Сидорова).
    assert "5 subtotal row(s) (rows 5, 9, 10, 14, 15) hold the sum" in stderr
    assert "error" not in stderr
    from clientbase_xl.inputs.model import load_inputs
    from clientbase_xl.workbook.reader import read_inputs

    inputs, _ = load_inputs(read_inputs(book))
    assert inputs is not None
    assert inputs.sales["client"].nunique() == 3
    assert inputs.sales["amount"].sum() == 3 * 603.0


def test_a_row_without_a_date_that_sums_nothing_is_still_an_error(tmp_path: Path) -> None:
    rows = [*_excel_subtotals()[:4], [None, "ООО Ромашка", 999.0, "Иванов"]]
    code, stderr = _run("check", str(_book(tmp_path / "typo.xlsx", rows)))
    assert code == 1
    assert "error: Продажи!5 [Дата (A)]: The required value is empty." in stderr


def test_a_header_of_two_rows_is_read_as_one() -> None:
    # 1C's «Валовая прибыль»: a title, then «Продажи» over «Количество | Сумма»; the client
    # and date cells stand in the upper row (merged down over both).
    raw = RawTable(
        "Продажи",
        ["Валовая прибыль за январь 2026", None, None, None],
        [
            [None, None, None, None],
            ["Контрагент", "Дата", "Продажи", None],
            [None, None, "Количество", "Сумма"],
            ["C1", dt.date(2026, 1, 10), 2, 100],
        ],
    )
    found = find_header(raw, SALES)
    assert list(found.header) == ["Контрагент", "Дата", "Количество", "Сумма"]
    assert (found.header_row, found.first_row) == (4, 5)
    assert [list(r) for r in found.rows] == [["C1", dt.date(2026, 1, 10), 2, 100]]
    # A header of one row is still found as the first one, never stacked on the title.
    one = RawTable("Sales", ["Report", None, None], [["Date", "Client", "Amount"], [1, 2, 3]])
    assert list(find_header(one, SALES).header) == ["Date", "Client", "Amount"]
