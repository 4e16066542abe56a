"""Actions: each reason's items by hand, the per-manager list and its load."""

import pandas as pd
import pytest

from clientbase_xl.analytics.actions import (
    REASONS,
    behind_plan_items,
    class_down_items,
    collect,
    cross_sell_items,
    next_class_items,
    second_order_items,
)


def test_next_class_lists_a_client_within_the_gap_by_hand() -> None:
    seg = pd.DataFrame(
        {
            "client": ["a", "b", "c", "d"],
            "abc": ["A", "B", "B", "C"],
            "revenue": [1000, 900, 500, 400],
        }
    )
    got = next_class_items(seg, ("A", "B", "C"), close=0.25, months=12)
    # b needs 1,000 - 900 = 100 <= 25 % x 900: listed, 100 / 12 a month at stake. c needs
    # 500 > 125; d needs 500 - 400 = 100 <= 100 to reach B (the smallest B is 500).
    assert got[["client", "value", "label"]].values.tolist() == [["b", 100, "A"], ["d", 100, "B"]]
    assert got["stake"].tolist() == pytest.approx([100 / 12, 100 / 12])


def test_class_down_only_worse_classes() -> None:
    before = pd.DataFrame({"client": ["a", "b", "c"], "abc": ["A", "B", "C"]})
    after = pd.DataFrame({"client": ["a", "b", "d"], "abc": ["B", "A", "A"]})
    monthly = pd.Series({"a": 50.0})
    got = class_down_items(before, after, "abc", ("A", "B", "C"), monthly)
    assert got[["client", "label", "stake"]].values.tolist() == [["a", "A → B", 50.0]]


def test_behind_plan_stake_is_the_shortfall() -> None:
    plan = pd.DataFrame(
        {
            "month": pd.PeriodIndex(["2025-05", "2025-05", "2025-04"], freq="M"),
            "client": ["a", "b", "c"],
            "plan": [1000.0, 500.0, 800.0],
            "actual": [750.0, 600.0, 0.0],
        }
    )
    got = behind_plan_items(plan, pd.Period("2025-05", "M"))
    assert got[["client", "stake", "value", "other"]].values.tolist() == [["a", 250, 750, 1000]]


def test_second_order_due_after_the_usual_wait() -> None:
    day = pd.Timestamp("2025-06-30")
    orders = pd.DataFrame(
        {
            "client": ["r1", "r1", "r2", "r2", "once", "fresh", "gone"],
            "date": pd.to_datetime(
                [
                    "2025-01-01",
                    "2025-01-21",
                    "2025-02-01",
                    "2025-03-03",
                    "2025-05-01",
                    "2025-06-20",
                    "2024-06-01",
                ]
            ),
            "amount": [1.0, 1.0, 1.0, 1.0, 300.0, 50.0, 70.0],
        }
    )
    # Waits 20 and 30 days: median 25. once: 60 days silent > 25, listed with its 300;
    # fresh: 10 days, not yet; gone: 394 days >= 180, churned, the Churn tab's.
    got = second_order_items(orders, day, churn_days=180)
    assert got[["client", "stake", "value", "other"]].values.tolist() == [["once", 300, 60, 25]]


def test_cross_sell_takes_each_clients_largest_missing_category() -> None:
    cells = pd.DataFrame(
        {
            "client": ["a", "a", "a", "b"],
            "category": ["Paint", "Tools", "Glue", "Paint"],
            "crosssell": [1200.0, 2400.0, float("nan"), 600.0],
        }
    )
    got = cross_sell_items(cells)
    assert got[["client", "label", "stake"]].values.tolist() == [
        ["a", "Tools", 200],
        ["b", "Paint", 50],
    ]


def _item(client: str, reason: str, stake: float) -> dict[str, object]:
    return {
        "client": client,
        "reason": reason,
        "stake": stake,
        "value": 0.0,
        "other": 0.0,
        "label": "",
    }


def test_collect_keeps_the_top_per_manager_counts_the_rest_and_honours_off() -> None:
    items = pd.DataFrame(
        [
            _item("a", "late", 100.0),
            _item("b", "overdue", 300.0),
            _item("c", "late", 200.0),
            _item("a", "detractor", 100.0),  # a tie with a's late: reason order decides
            _item("d", "late", 50.0),
            _item("e", "cross_sell", 999.0),
        ]
    )
    managers = pd.Series(
        {"a": "Ivanov", "b": "Ivanov", "c": "Ivanov", "d": "Petrova", "e": "Petrova"}
    )
    _, shown, load = collect([items], managers, top=2, off=("cross_sell",))
    assert shown[["manager", "rank", "client", "reason"]].values.tolist() == [
        ["Ivanov", 1, "b", "overdue"],
        ["Ivanov", 2, "c", "late"],
        ["Petrova", 1, "d", "late"],
    ]
    ivanov = load.set_index("manager").loc["Ivanov"]
    # Four items of three clients, 700 at stake; two not listed; cross_sell switched off.
    assert ivanov[["actions", "clients", "stake", "not_shown", "late"]].tolist() == [
        4,
        3,
        700,
        2,
        2,
    ]
    assert load["manager"].tolist() == ["Ivanov", "Petrova"]
    assert load["cross_sell"].sum() == 0 and set(REASONS) <= set(load.columns)
    # Line order never changes the list.
    _, again, _ = collect([items.iloc[::-1]], managers, top=2, off=("cross_sell",))
    pd.testing.assert_frame_equal(shown, again)
