import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.pareto import pareto_curve, pareto_summary


def test_hand_computed_pareto() -> None:
    # Revenue 1000, 400, 80, 20 (total 1500) plus a client with returns only (left out).
    got = pareto_summary(pd.Series({"a": 1000.0, "b": 400.0, "c": 80.0, "d": 20.0, "e": -5.0}))
    # Top 20 % of 4 clients = ceil(0.8) = 1 client, making 1000/1500 = 66.7 %.
    # Running shares 0.667, 0.933: two clients reach 80 %, i.e. 2/4 = 50 % of clients.
    assert got == {
        "clients": 4,
        "top_clients": 1,
        "top_share": pytest.approx(2 / 3),
        "target_clients": 2,
        "target_client_share": 0.5,
    }


def test_curve_points() -> None:
    curve = pareto_curve(pd.Series([1000.0, 400.0, 80.0, 20.0]), points=4)
    # 25 % of clients = 1 -> 66.7 %; 50 % = 2 -> 93.3 %; 75 % = 3 -> 98.7 %; 100 % -> 100 %.
    assert curve["clients"].tolist() == [1, 2, 3, 4]
    assert curve["revenue_share"].round(3).tolist() == [0.667, 0.933, 0.987, 1.0]


def test_no_positive_revenue() -> None:
    got = pareto_summary(pd.Series([-1.0, 0.0]))
    assert got["clients"] == 0 and np.isnan(got["top_share"])


@given(st.lists(st.floats(0.01, 1e7), min_size=1, max_size=200))
def test_pareto_invariants(values: list[float]) -> None:
    got = pareto_summary(pd.Series(values))
    # The top 20 % hold at least 20 % of revenue; fewer than all clients may make 80 %.
    assert got["top_share"] >= 0.2 - 1e-9 or got["top_clients"] == 0
    assert 0 < got["target_client_share"] <= 1
    curve = pareto_curve(pd.Series(values))
    assert (np.diff(curve["revenue_share"]) >= -1e-12).all()
    assert curve["revenue_share"].iloc[-1] == pytest.approx(1.0)


def test_pareto_table_reads_across() -> None:
    from clientbase_xl.analytics.pareto import pareto_table

    got = pareto_table(pd.Series([1000.0, 400.0, 80.0, 20.0, -5.0]))
    # all: 4 clients, 100 % of both. top: ceil(0.2 × 4) = 1 client = 25 % of clients making
    # 1000/1500 = 66.7 %. target: 2 clients (50 %) make (1000 + 400)/1500 = 93.3 % >= 80 %.
    assert got["measure"].tolist() == ["all", "top", "target"]
    assert got["clients"].tolist() == [4, 1, 2]
    assert got["client_share"].tolist() == [1.0, 0.25, 0.5]
    assert got["revenue_share"].round(3).tolist() == [1.0, 0.667, 0.933]
