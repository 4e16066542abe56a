"""Plans through real workbooks: a target on the Targets sheet, a plan typed on the Plans sheet.

The book is :func:`tests.conftest.small_sales` (analysis date 2025-03-31, a 12-month window):
sales a month A1 1,000 / 12, B2 400 / 12, C3 80 / 12, D4 20 / 12. April is the month planned.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import python_calamine as pc

from clientbase_xl.cli import main
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.plan import plan_tab
from tests.conftest import small_sales

APRIL = pd.Timestamp("2025-04-01")
#: March is complete, so Close month freezes it with the plans for April.
MARCH_END = Settings(as_of=dt.date(2025, 3, 31))


def _table(book: Path, name: str) -> pd.DataFrame:
    table = pc.CalamineWorkbook.from_path(str(book), load_tables=True).get_table_by_name(name)
    return pd.DataFrame(table.to_python(), columns=table.columns)


def _refresh(book: Path, *extra: str) -> None:
    err = io.StringIO()
    assert main(["refresh", str(book), "--in-place", *extra], io.StringIO(), err) == 0, (
        err.getvalue()
    )


def _plans(book: Path) -> dict[str, float]:
    clients = _table(book, "cb_potential_clients")
    return dict(zip(clients["Client"], clients["Plan a month"], strict=True))


def test_a_company_target_is_split_to_the_cent_and_a_typed_plan_wins(
    book_from: Callable[..., Path],
) -> None:
    targets = pd.DataFrame({"month": [APRIL], "manager": [None], "target": [1000.0]})
    book = book_from({"sales": small_sales(), "targets": targets}, settings=MARCH_END)
    _refresh(book)
    # 1,000 by current sales 1,000 : 400 : 80 : 20 of 1,500, in cents: 66,666.67, 26,666.67,
    # 5,333.33, 1,333.33; the floors leave 2 cents, to A1 and B2 (remainders .67 before .33).
    assert _plans(book) == {"A1": 666.67, "B2": 266.67, "C3": 53.33, "D4": 13.33}
    plans = pd.DataFrame({"month": [APRIL], "client": ["C3"], "manager": [None], "plan": [100.0]})
    frames = {"sales": small_sales(), "targets": targets, "plans": plans}
    book = book_from(frames, name="b.xlsm", settings=MARCH_END)
    _refresh(book)
    # C3 is pinned at 100; 900 goes to A1, B2, D4 by 1,000 : 400 : 20 of 1,420: 63,380.28,
    # 25,352.11, 1,267.61 cents; the one cent left goes to D4 (.61).
    assert _plans(book) == {"A1": 633.8, "B2": 253.52, "C3": 100.0, "D4": 12.68}
    nxt = _table(book, "cb_plan_next").set_index("Manager")
    assert nxt.loc["Ivanov", "Plan"] == 646.48  # A1 + D4
    assert nxt.loc["Petrova", "Plan"] == 353.52  # B2 + C3
    assert (nxt.loc["Petrova", "Set by hand"], nxt.loc["Petrova", "Share of a target"]) == (1, 1)
    # Close month freezes March's snapshot with these plans for April.
    assert main(["close-month", str(book), "--in-place"], io.StringIO(), io.StringIO()) == 0
    history = _table(book, "cb_history_snapshots")
    march = history[history["Month"].astype(str).str.startswith("2025-03")]
    frozen = dict(zip(march["Client"], march["Plan for next month"], strict=True))
    assert frozen == _plans(book)


def test_a_plan_for_no_one_is_reported_with_its_row(book_from: Callable[..., Path]) -> None:
    plans = pd.DataFrame({"month": [APRIL], "client": [None], "manager": [None], "plan": [5.0]})
    book = book_from({"sales": small_sales(), "plans": plans})
    err = io.StringIO()
    assert main(["refresh", str(book), "--in-place"], io.StringIO(), err) != 0
    assert "Plans!2" in err.getvalue() and "neither a client nor a manager" in err.getvalue()


def test_a_category_target_becomes_the_plans_of_its_buyers(book_from: Callable[..., Path]) -> None:
    sales = small_sales()
    sales.loc[sales["client"] == "D4", "category"] = "Paint"
    targets = pd.DataFrame(
        {"month": [APRIL], "manager": [None], "target": [1000.0], "category": ["Tools"]}
    )
    book = book_from({"sales": sales, "targets": targets}, settings=MARCH_END)
    _refresh(book)
    # Tools' 1,000 goes to its buyers by their Tools sales 1,000 : 400 : 80 of 1,480:
    # 67,567.57, 27,027.03, 5,405.41 cents; the floors leave one cent, to A1 (.57): 675.68,
    # 270.27, 54.05. D4 buys only Paint: its own plan, 20 / 12 a month + 15 %.
    plans = _plans(book)
    assert {k: plans[k] for k in ("A1", "B2", "C3")} == {"A1": 675.68, "B2": 270.27, "C3": 54.05}
    assert plans["D4"] == round(20 / 12 * 1.15, 2)
    by_category = _table(book, "cb_plan_next_by_category").set_index("Category")
    assert by_category.loc["Tools", "Target (Targets sheet)"] == 1000.0
    assert by_category.loc["Tools", "Plan"] == 1000.0
    assert by_category.loc["Paint", "Plan"] == plans["D4"]


def test_a_category_target_no_client_can_take_is_shown_unplaced() -> None:
    day = dt.date
    inputs, problems = load_inputs(
        {
            "sales": RawTable(
                "Sales",
                ["Date", "Client", "Amount"],
                [[day(2025, 1, 5), "A", 100.0], [day(2025, 3, 5), "B", 50.0]],
            ),
            "targets": RawTable(
                "Targets",
                ["Month", "Manager", "Target", "Category"],
                [[day(2025, 4, 1), None, 500, "Tools"]],
            ),
        }
    )
    assert inputs is not None
    assert problems.to_frame("en")["severity"].tolist() == ["warning"]  # Tools is not sold
    rows = plan_tab(Context(inputs, "en")).frames["next_by_category"].set_index("category")
    # No line has a category: the clients' own plans stay whole, and Tools' 500 goes nowhere.
    assert rows.loc["Tools", ["clients", "target", "plan"]].tolist() == [0, 500.0, 0.0]
    assert rows.loc["(no category)", "plan"] == rows["plan"].sum()
