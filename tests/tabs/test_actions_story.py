"""Eight clients over six months, each written to need one thing: every reason by hand.

Window and history of 6 months, analysis date 2025-06-30, ABC cuts 80/95, uplift 15 %.

| client | buys | needs |
|---|---|---|
| L | 100 every 10 days, 01-05 .. 06-04 (16 orders) | late: 26 days silent > 10 + 2 × 2.5 |
| S | 100 every 10 days, 01-05 .. 04-05 (10 orders) | sleeping: 86 days > 3 × 10 |
| O | 50 once, 03-01 | second order: 121 days > the usual wait |
| P | 1,000 on the 15th, but 100 in May | behind plan in May |
| V | 200 on the 10th; invoice of 500 due 05-31 unpaid | overdue invoice |
| D | 150 on the 20th; answers 3 on 06-10 | detractor |
| N | 400 on 02-20 and 05-20 | near A |
| C | 120 on the 12th; its wallet of Paint is 1,200 a year | cross-sell |

Revenue in the window: P 5,100, L 1,600, V 1,200, S 1,000, D 900, N 800, C 720, O 50; total
11,370. Running shares before each: 0, .449, .589, .695, .783 (A up to D), .862 (N: B).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.actions import REASONS
from clientbase_xl.analytics.rhythm import STAGES
from clientbase_xl.inputs.model import Inputs
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.tabs.actions import actions_tab
from clientbase_xl.tabs.context import Context

MONTHS = range(1, 7)
MANAGERS = {c: "Ivanov" for c in "LSOP"} | {c: "Petrova" for c in "VDNC"}


def _lines() -> list[tuple[str, str, float]]:
    lines = [
        ("L", str(d.date()), 100.0) for d in pd.date_range("2025-01-05", "2025-06-04", freq="10D")
    ]
    lines += [
        ("S", str(d.date()), 100.0) for d in pd.date_range("2025-01-05", "2025-04-14", freq="10D")
    ]
    lines.append(("O", "2025-03-01", 50.0))
    lines += [("P", f"2025-{m:02d}-15", 100.0 if m == 5 else 1000.0) for m in MONTHS]
    lines += [("V", f"2025-{m:02d}-10", 200.0) for m in MONTHS]
    lines += [("D", f"2025-{m:02d}-20", 150.0) for m in MONTHS]
    lines += [("N", "2025-02-20", 400.0), ("N", "2025-05-20", 400.0)]
    lines += [("C", f"2025-{m:02d}-12", 120.0) for m in MONTHS]
    return lines


def _context(lines: list[tuple[str, str, float]]) -> Context:
    sales = pd.DataFrame(lines, columns=["client", "date", "amount"])
    sales = sales.assign(
        date=pd.to_datetime(sales["date"]),
        order=pd.NA,
        manager=sales["client"].map(MANAGERS),
        product="P1",
        category="Tools",
        quantity=1.0,
        cost=float("nan"),
        _row=range(2, len(sales) + 2),
    )
    payments = pd.DataFrame(
        {
            "client": ["V"],
            "invoice_date": pd.to_datetime(["2025-05-01"]),
            "due_date": pd.to_datetime(["2025-05-31"]),
            "paid_date": pd.to_datetime([pd.NaT]),
            "amount": [500.0],
            "_row": [2],
        }
    )
    survey = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-06-10"]),
            "client": ["D"],
            "score": [3.0],
            "comment": ["late deliveries"],
            "_row": [2],
        }
    )
    wallet = pd.DataFrame(
        {
            "client": ["C", "C"],
            "category": ["Tools", "Paint"],
            "total": [1440.0, 1200.0],
            "_row": [2, 3],
        }
    )
    s = Settings(window_months=6, history_months=6, as_of=pd.Timestamp("2025-06-30").date())
    return Context(
        Inputs(sales=sales, settings=s, payments=payments, survey=survey, wallet=wallet), "en"
    )


def test_each_client_needs_what_it_was_written_to_need() -> None:
    ctx = _context(_lines())
    every = ctx.actions.every.set_index(["client", "reason"])
    stake = every["stake"]
    # L: 1,600 in the window, 266.67 a month; S: 1,000, 166.67 a month.
    assert stake[("L", "late")] == pytest.approx(1600 / 6)
    assert every.loc[("L", "late"), "value"] == 26 - 10  # days past its due date (06-14)
    assert stake[("S", "sleeping")] == pytest.approx(1000 / 6)
    # O: its one order's 50; silent 121 days, past the usual first-to-second wait.
    assert stake[("O", "second_order")] == 50 and every.loc[("O", "second_order"), "value"] == 121
    # P's plan for May, set at April's end: the window Nov-Apr sold 4,000, 666.67 a month,
    # + 15 % = 766.67; May sold 100: 666.67 short.
    assert stake[("P", "behind_plan")] == pytest.approx(4000 / 6 * 1.15 - 100, abs=0.01)
    assert stake[("V", "overdue")] == 500
    # D: its answer of 3 on 06-10; the stake its 900 / 6 a month.
    assert stake[("D", "detractor")] == pytest.approx(150)
    # N: 100 short of D's 900 (the smallest A), within 25 % of its 800; 100 / 6 a month.
    assert every.loc[("N", "next_class"), "label"] == "A"
    assert stake[("N", "next_class")] == pytest.approx(100 / 6)
    # C buys Paint elsewhere for 1,200 a year: 100 a month.
    assert every.loc[("C", "cross_sell"), "label"] == "Paint"
    assert stake[("C", "cross_sell")] == pytest.approx(100)
    # The rhythm: L every 10 days is late, S sleeping, the regular monthly buyers active.
    stage = ctx.rhythm.set_index("client")["stage"]
    assert (stage["L"], stage["S"], stage["V"]) == ("late", "sleeping", "active")


def test_the_tab_lists_each_managers_actions_and_counts_them_all() -> None:
    tab = actions_tab(_context(_lines()))
    load = tab.frames["load"].set_index("manager")
    listed = tab.frames["actions"]
    for manager in ("Ivanov", "Petrova"):
        mine = listed[listed["manager"] == manager]
        assert mine["rank"].tolist() == list(range(1, len(mine) + 1))
        assert mine["stake"].is_monotonic_decreasing
        assert load.loc[manager, "actions"] == len(mine) + load.loc[manager, "not_shown"]
    # Ivanov's largest stake is P's shortfall; Petrova's V's overdue invoice.
    assert listed.groupby("manager")["client"].first().to_dict() == {"Ivanov": "P", "Petrova": "V"}


@given(
    st.lists(
        st.tuples(st.sampled_from(list("LSOPVDNC")), st.integers(0, 180), st.integers(1, 9)),
        min_size=3,
        max_size=40,
    )
)
@settings(max_examples=15)
def test_one_stage_per_client_and_the_counts_add_up(rows: list[tuple[str, int, int]]) -> None:
    day0 = pd.Timestamp("2025-01-01")
    lines = [(c, str((day0 + pd.Timedelta(days=d)).date()), 100.0 * a) for c, d, a in rows]
    ctx = _context(lines)
    rhythm = ctx.rhythm
    assert rhythm["client"].is_unique and set(rhythm["stage"]) <= set(STAGES)
    tab = actions_tab(ctx)
    load = tab.frames["load"]
    assert load["actions"].sum() == len(ctx.actions.every)
    assert (load[list(REASONS)].sum(axis=1) == load["actions"]).all()
    stages = tab.frames["stages"]
    assert stages["clients"].sum() == len(rhythm)
