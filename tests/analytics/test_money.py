import numpy as np
import pandas as pd
import pytest

from clientbase_xl.analytics.activity import regularity, working_days
from clientbase_xl.analytics.profit import big_but_unprofitable, profit_by
from clientbase_xl.analytics.turnover import dso, dso_by_manager, inventory_turnover

PER_CLIENT = pd.DataFrame(
    {
        "client": ["a", "b", "c", "d"],
        "abc": ["A", "A", "B", "C"],
        "manager": ["I", "P", "P", "I"],
        "revenue": [1000.0, 800.0, 150.0, 50.0],
        "margin": [400.0, 80.0, 60.0, np.nan],
    }
)


def test_profit_per_manager_and_the_big_but_unprofitable() -> None:
    got = profit_by(PER_CLIENT, "manager").set_index("manager")
    # I: revenue 1050, margin 400 (d's is unknown) -> 38.1 %; P: 950, 140 -> 14.7 %.
    assert got.loc["I", "margin_pct"] == pytest.approx(400 / 1050)
    assert got.loc["P", "margin_pct"] == pytest.approx(140 / 950)
    # Base margin 540 / 2000 = 27 %: b (A, 10 %) is below it, a (A, 40 %) is not.
    assert big_but_unprofitable(PER_CLIENT)["client"].tolist() == ["b"]


def test_dso_by_hand() -> None:
    payments = pd.DataFrame(
        {
            "client": ["a", "a", "b"],
            "invoice_date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
            "due_date": pd.to_datetime(["2025-01-31", "2025-03-03", "2025-03-31"]),
            "paid_date": pd.to_datetime(["2025-01-21", "2025-03-13", None]),
            "amount": [100.0, 300.0, 50.0],
        }
    )
    got = dso(payments, pd.Timestamp("2025-04-10")).set_index("client")
    # a: 20 days on 100 and 40 days on 300 -> (2000 + 12000) / 400 = 35 days; the second was
    # paid after its due date.
    assert got.loc["a", "dso_days"] == 35.0
    assert got.loc["a", "overdue_amount"] == 300.0
    # b: open for 40 days to the analysis date, past due.
    assert got.loc["b", ["dso_days", "open_amount", "overdue_amount"]].tolist() == [40, 50, 50]


def test_dso_by_manager_by_hand() -> None:
    per = pd.DataFrame(
        {
            "client": ["a", "b", "c"],
            "manager": ["Ivanov", "Ivanov", "Petrova"],
            "amount": [400.0, 100.0, 50.0],
            "open_amount": [0.0, 100.0, 50.0],
            "overdue_amount": [300.0, 0.0, 50.0],
            "dso_days": [35.0, 10.0, 40.0],
        }
    )
    got = dso_by_manager(per).set_index("manager")
    # Ivanov: (35 × 400 + 10 × 100) / 500 = 15000 / 500 = 30 days, not the plain mean 22.5.
    assert got.loc["Ivanov", ["clients", "amount", "open_amount", "dso_days"]].tolist() == [
        2,
        500.0,
        100.0,
        30.0,
    ]
    assert got.loc["Petrova", ["dso_days", "overdue_amount"]].tolist() == [40.0, 50.0]


def test_inventory_turnover_by_hand() -> None:
    stock = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-31", "2025-02-28"]),
            "product": ["P", "P"],
            "quantity": [10.0, 30.0],
            "value": [100.0, 300.0],
        }
    )
    sales = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-02-10"]),
            "product": ["P"],
            "quantity": [40.0],
            "cost": [400.0],
        }
    )
    got = inventory_turnover(
        stock, sales, pd.Timestamp("2025-01-01"), pd.Timestamp("2025-02-28")
    ).set_index("product")
    # Average stock value (100 + 300) / 2 = 200; cost sold 400 -> turnover 2; 59 days / 2.
    assert got.loc["P", "turnover"] == 2.0
    assert got.loc["P", "days_of_stock"] == 29.5


def test_regularity_by_hand() -> None:
    orders = pd.DataFrame(
        {
            "client": ["a", "a", "b"],
            "manager": ["I", "I", "I"],
            "date": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-12"]),
        }
    )
    acts = pd.DataFrame(
        {"manager": ["I", "I"], "date": pd.to_datetime(["2025-03-03"] * 2), "count": [5.0, 1.0]}
    )
    got = regularity(orders, acts, pd.Series({"I": 4}), "month").iloc[0]
    # March 2025 has 21 working days; 3 orders -> 0.143 a day, 0.714 a week; 2 of 4 clients
    # bought; 6 activities for 2 buying clients.
    assert got["working_days"] == 21
    assert got["orders_per_working_day"] == pytest.approx(3 / 21)
    assert got["orders_per_week"] == pytest.approx(3 / (21 / 5))
    assert got["buying_share"] == 0.5 and got["activities_per_buying_client"] == 3.0
    assert working_days(pd.Series([pd.Period("2025-03-03", "D")])).tolist() == [1]
