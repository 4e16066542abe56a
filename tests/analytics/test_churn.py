import pandas as pd
import pytest

from clientbase_xl.analytics.churn import churn_by_month, churned_clients, repeat_funnel

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
