import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.rfm import (
    DEFAULT_SEGMENTS,
    grid_columns,
    rfm_grid,
    rfm_score,
    rfm_segments,
    rfm_summary,
    rfm_table,
    rfm_thresholds,
)

# The first ten customers of the R rfm package's README (rfm_table_order on rfm_data_orders,
# analysis date 2006-12-31): recency days, transactions, amount and the documented scores.
R_RFM_README = pd.DataFrame(
    [
        ("Abbey O'Reilly DVM", 205, 6, 472, 3, 4, 3),
        ("Add Senger", 140, 3, 340, 4, 1, 2),
        ("Aden Lesch Sr.", 194, 4, 405, 3, 2, 3),
        ("Admiral Senger", 132, 5, 448, 4, 3, 3),
        ("Agness O'Keefe", 90, 9, 843, 5, 5, 5),
        ("Aileen Barton", 84, 9, 763, 5, 5, 5),
        ("Ailene Hermann", 281, 8, 699, 3, 5, 5),
        ("Aiyanna Bruen PhD", 246, 4, 157, 3, 2, 1),
        ("Ala Schmidt DDS", 349, 3, 363, 2, 1, 2),
        ("Alannah Borer", 619, 4, 196, 1, 2, 1),
    ],
    columns=["customer", "recency_days", "frequency", "monetary", "r", "f", "m"],
)
# The thresholds the package's own example passes for that data set (rfm_table_order docs).
R_THRESHOLDS = {
    "recency": [115, 181, 297, 482],
    "frequency": [4, 5, 6, 8],
    "monetary": [256, 382, 506, 666],
}
# Segments the package's tests expect for those ten customers under its default segment table.
R_SEGMENTS = [
    "Loyal Customers",
    "Potential Loyalist",
    "Potential Loyalist",
    "Loyal Customers",
    "Champions",
    "Champions",
    "Loyal Customers",
    "Potential Loyalist",
    "About To Sleep",
    "Lost",
]


def test_scores_same_as_r_rfm_readme() -> None:
    t = R_RFM_README
    assert (
        rfm_score(t["recency_days"], np.array(R_THRESHOLDS["recency"]), reverse=True).tolist()
        == t["r"].tolist()
    )
    assert (
        rfm_score(t["frequency"], np.array(R_THRESHOLDS["frequency"])).tolist() == t["f"].tolist()
    )
    assert rfm_score(t["monetary"], np.array(R_THRESHOLDS["monetary"])).tolist() == t["m"].tolist()


def test_segments_same_as_r_rfm_tests() -> None:
    assert rfm_segments(R_RFM_README).tolist() == R_SEGMENTS


def test_thresholds_are_quantiles_plus_one() -> None:
    # Quantiles (type 7) of 1..10 at 20/40/60/80 %: 2.8, 4.6, 6.4, 8.2; plus one.
    got = rfm_thresholds(pd.Series(np.arange(1.0, 11.0)))
    assert got.tolist() == pytest.approx([3.8, 5.6, 7.4, 9.2])
    # So 1-3 score 1, 4-5 score 2, 6-7 score 3, 8-9 score 4, 10 scores 5.
    assert rfm_score(pd.Series(np.arange(1.0, 11.0)), got).tolist() == [
        1,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
    ]


def test_rfm_table_by_hand() -> None:
    orders = pd.DataFrame(
        {
            "client": ["a", "a", "b", "c", "c", "c"],
            "date": pd.to_datetime(
                ["2025-01-01", "2025-03-01", "2025-02-15", "2025-03-20", "2025-03-25", "2025-03-30"]
            ),
            "amount": [100.0, 200.0, 50.0, 10.0, 10.0, 10.0],
        }
    )
    t = rfm_table(orders, pd.Timestamp("2025-03-31"), bins=2).set_index("client")
    # Recency: a 30 days, b 44, c 1. Median of (30, 44, 1) = 30 -> threshold 31; recency is
    # reversed: a (30 < 31) and c score 2, b scores 1.
    assert t["recency_days"].tolist() == [30, 44, 1]
    assert t["r"].tolist() == [2, 1, 2]
    # Frequency 2, 1, 3 -> median 2 + 1 = 3: a and b score 1, c scores 2.
    assert t["f"].tolist() == [1, 1, 2]
    # Monetary 300, 50, 30 -> median 50 + 1 = 51: a scores 2.
    assert t["m"].tolist() == [2, 1, 1]
    assert t.loc["a", "rfm_score"] == 212


def test_first_matching_rule_wins_and_the_rest_are_others() -> None:
    rules = pd.DataFrame(
        [("Best", 5, 5, 1, 5, 1, 5), ("Recent", 4, 5, 1, 5, 1, 5)], columns=DEFAULT_SEGMENTS.columns
    )
    scores = pd.DataFrame({"r": [5, 4, 1], "f": [1, 1, 1], "m": [1, 1, 1]})
    assert rfm_segments(scores, rules).tolist() == ["Best", "Recent", "Others"]


def test_segment_summary() -> None:
    t = pd.DataFrame(
        {
            "client": ["a", "b", "c", "d"],
            "segment": ["X", "X", "Y", "X"],
            "recency_days": [10.0, 40.0, 5.0, 100.0],
            "frequency": [2.0, 3.0, 1.0, 1.0],
            "monetary": [100.0, 50.0, 10.0, 30.0],
        }
    )
    got = rfm_summary(t).set_index("segment")
    # X: 3 clients, 6 orders, 180 revenue -> average order 30; medians of (10, 40, 100) = 40
    # days, of (2, 3, 1) = 2 orders, of (100, 50, 30) = 50.
    x = got.loc["X"]
    assert [x["clients"], x["orders"], x["revenue"], x["aov"]] == [3, 6.0, 180.0, 30.0]
    assert [x["median_recency"], x["median_frequency"], x["median_monetary"]] == [40, 2, 50]
    assert got.loc["Y", "median_recency"] == 5


def test_rfm_grid_by_hand() -> None:
    t = pd.DataFrame(
        {
            "client": ["a", "b", "c", "d"],
            "r": [2, 2, 1, 2],
            "f": [1, 1, 2, 2],
            "monetary": [100.0, 50.0, 10.0, 30.0],
        }
    )
    clients = rfm_grid(t, "clients", bins=2).set_index("r")
    assert list(clients.reset_index().columns) == grid_columns(2) == ["r", "f1", "f2", "total"]
    # R 2 first (the most recent): a and b at F 1, d at F 2; R 1: c at F 2.
    assert clients.index.tolist() == ["2", "1", "Total"]
    assert clients.loc["2"].tolist() == [2, 1, 3]
    assert clients.loc["1"].tolist() == [0, 1, 1]
    assert clients.loc["Total"].tolist() == [2, 2, 4]
    revenue = rfm_grid(t, "monetary", bins=2).set_index("r")
    # R 2 / F 1: 100 + 50; the whole map sums to every client's revenue, 190.
    assert revenue.loc["2"].tolist() == [150.0, 30.0, 180.0]
    assert revenue.loc["Total", "total"] == 190.0


def test_rfm_grid_of_no_clients_keeps_its_shape() -> None:
    empty = pd.DataFrame({"client": [], "r": [], "f": [], "monetary": []})
    grid = rfm_grid(empty, "clients")
    assert grid["r"].tolist() == ["5", "4", "3", "2", "1", "Total"]
    assert (grid.drop(columns="r").to_numpy() == 0).all()


@given(
    st.lists(
        st.tuples(st.sampled_from(list("abcdefgh")), st.integers(0, 400), st.floats(0.01, 1e5)),
        min_size=1,
        max_size=60,
    )
)
def test_scores_are_1_to_5(rows: list[tuple[str, int, float]]) -> None:
    orders = pd.DataFrame(
        {
            "client": [r[0] for r in rows],
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[1] for r in rows], unit="D"),
            "amount": [r[2] for r in rows],
        }
    )
    t = rfm_table(orders, pd.Timestamp("2025-03-01"))
    for col in ("r", "f", "m"):
        assert t[col].between(1, 5).all()
    shuffled = rfm_table(orders.sample(frac=1, random_state=1), pd.Timestamp("2025-03-01"))
    pd.testing.assert_frame_equal(t, shuffled)
    # The heat map holds every client once and all their revenue.
    grid = rfm_grid(t, "clients").set_index("r")
    assert grid.loc["Total", "total"] == len(t)
    assert rfm_grid(t, "monetary").set_index("r").loc["Total", "total"] == pytest.approx(
        t["monetary"].sum()
    )
