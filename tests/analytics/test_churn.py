import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.churn import (
    CHURN_COLUMNS,
    churn_by_month,
    churned_clients,
    one_order_clients,
    repeat_funnel,
)

ORDERS = pd.DataFrame(
    {
        "client": ["a", "a", "b", "c", "c", "c", "c", "d"],
        "date": pd.to_datetime(
            [
                "2025-01-10",
                "2025-05-10",
                "2025-01-20",
                "2025-02-01",
                "2025-02-15",
                "2025-03-01",
                "2025-03-20",
                "2025-03-05",
            ]
        ),
        "amount": [100.0, 100.0, 50.0, 10.0, 10.0, 10.0, 10.0, 5.0],
    }
)


def test_churn_by_month_with_60_days() -> None:
    got = churn_by_month(
        ORDERS, pd.period_range("2025-03", "2025-04", freq="M"), 60, pd.Timestamp("2025-05-31")
    ).set_index("month")
    # March 1: a (last 01-10, 50 days) and b (01-20, 40) and c (02-15, 14) are active.
    # In March a and b buy nothing; at March 31 a is 80 days silent (> 60: churned), b 70
    # (churned); c bought. -> 2 of 3.
    assert got.loc[pd.Period("2025-03", "M")].tolist() == [3, 2, pytest.approx(2 / 3)]
    # April 1: active are c (03-20, 12 days) and d (03-05, 27); a is 81 days silent, b 71.
    # At April 30 c is 41 days silent, d 56: nobody churned.
    assert got.loc[pd.Period("2025-04", "M")].tolist() == [2, 0, 0.0]


def test_churned_clients_and_repeat_funnel() -> None:
    lost = churned_clients(ORDERS, pd.Timestamp("2025-05-31"), 60)
    # b (last 01-20, 131 days), c (03-20, 72), d (03-05, 87); a bought 05-10.
    assert lost["client"].tolist() == ["c", "d", "b"]
    funnel = repeat_funnel(ORDERS).set_index("cohort")
    # January cohort: a (2 orders), b (1); February: c (4 orders); March: d (1).
    assert funnel.loc[pd.Period("2025-01", "M"), ["clients", "second", "third"]].tolist() == [
        2,
        1,
        0,
    ]
    assert funnel.loc[pd.Period("2025-02", "M"), "fourth_plus_share"] == 1.0


def test_repeat_funnel_per_manager_and_the_clients_stuck_at_one_order() -> None:
    # Ivanova has a (2 orders) and c (4); Petrov b (1) and d (1).
    managers = {"a": "Ivanova", "b": "Petrov", "c": "Ivanova", "d": "Petrov"}
    orders = ORDERS.assign(manager=ORDERS["client"].map(managers))
    funnel = repeat_funnel(orders, "manager").set_index("manager")
    assert funnel.loc["Ivanova", ["clients", "second", "third", "fourth_plus"]].tolist() == [
        2,
        2,
        1,
        1,
    ]
    assert funnel.loc["Ivanova", "third_share"] == 1 / 2
    assert funnel.loc["Petrov", ["clients", "second", "second_share"]].tolist() == [2, 0, 0.0]
    # The per-manager rows share out the cohorts' clients.
    assert funnel["clients"].sum() == repeat_funnel(orders)["clients"].sum() == 4
    once = one_order_clients(orders, pd.Timestamp("2025-05-31"))
    # b bought 50 on 01-20 (131 days before 05-31), d 5 on 03-05 (87 days): larger first.
    assert once[["client", "days_since", "revenue"]].values.tolist() == [
        ["b", 131, 50.0],
        ["d", 87, 5.0],
    ]


def _churn_by_definition(
    orders: pd.DataFrame, months: list[pd.Period], churn_days: int, as_of: pd.Timestamp
) -> pd.DataFrame:
    """METHODS.md's definition read literally, month by month: the oracle for the fast code."""
    rows = []
    for month in months:
        start = month.start_time.normalize()
        end = min(month.end_time.normalize(), as_of.normalize())
        before = orders[orders["date"] < start].groupby("client")["date"].max()
        active = before[(start - before).dt.days <= churn_days]
        bought = set(orders.loc[(orders["date"] >= start) & (orders["date"] <= end), "client"])
        silent = active[~active.index.isin(bought)]
        churned = int(((end - silent).dt.days > churn_days).sum())
        rows.append((month, len(active), churned, churned / len(active) if len(active) else np.nan))
    return pd.DataFrame(rows, columns=list(CHURN_COLUMNS))


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 400)), min_size=1, max_size=40),
    st.integers(10, 200),
    st.integers(-60, 500),
)
@settings(max_examples=150)
def test_churn_by_month_follows_the_definition(
    rows: list[tuple[int, int]], churn_days: int, as_of_day: int
) -> None:
    day0 = pd.Timestamp("2025-01-01")
    orders = pd.DataFrame(
        {
            "client": [f"c{c}" for c, _ in rows],
            "date": [day0 + pd.Timedelta(days=d) for _, d in rows],
        }
    )
    as_of = day0 + pd.Timedelta(days=as_of_day)
    months = list(pd.period_range("2024-11", "2026-03", freq="M"))
    pd.testing.assert_frame_equal(
        churn_by_month(orders, months, churn_days, as_of),
        _churn_by_definition(orders, months, churn_days, as_of),
        check_dtype=False,
    )
