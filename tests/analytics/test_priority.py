import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.priority import (
    action_matrix,
    criterion_score,
    priority_group,
    priority_scores,
    text_points,
    unavailable,
)

METRICS = pd.DataFrame(
    {
        "revenue": [100.0, 300.0, 200.0, 400.0],
        "nps": [10.0, 5.0, np.nan, 5.0],
        "recency": [30.0, 10.0, 20.0, 90.0],
    },
    index=pd.Index(["a", "b", "c", "d"], name="client"),
)
CRITERIA = pd.DataFrame(
    {
        "criterion": ["Volume", "Loyalty", "Fresh"],
        "metric": ["revenue", "nps", "recency"],
        "weight": [3.0, 1.0, 0.0],
        "higher": [True, True, False],
    }
)


def test_criterion_scores_by_hand() -> None:
    got = priority_scores(METRICS, CRITERIA)
    # Volume: revenue ranks a=1, c=2, b=3, d=4 of n=4 -> (r-1)/3 = 0, 1/3, 2/3, 1.
    assert got["Volume"].tolist() == pytest.approx([0, 2 / 3, 1 / 3, 1])
    # Loyalty: n=3 known; b and d tie at 5 -> average rank 1.5 -> 0.5/2 = 0.25; a: rank 3 -> 1;
    # c has no answer -> neutral 0.5.
    assert got["Loyalty"].tolist() == pytest.approx([1, 0.25, 0.5, 0.25])
    # Fresh (lower is better): recency 10 ranks top: b=1, c=2/3, a=1/3, d=0.
    assert got["Fresh"].tolist() == pytest.approx([1 / 3, 1, 2 / 3, 0])
    # Score = (3·Volume + 1·Loyalty + 0·Fresh) / 4.
    # a: (0 + 1)/4 = 0.25; b: (2 + 0.25)/4 = 0.5625; c: (1 + 0.5)/4 = 0.375; d: (3 + 0.25)/4.
    assert got["score"].tolist() == pytest.approx([0.25, 0.5625, 0.375, 0.8125])


def test_groups_are_bands_from_the_top() -> None:
    score = pd.Series([0.25, 0.5625, 0.375, 0.8125, 0.7, 0.4])
    # Cuts 40 % / 70 %: >= .7 is band 0, >= .4 band 1, the rest band 2.
    assert priority_group(score, (0.4, 0.7)).tolist() == [2, 1, 2, 0, 0, 1]


def test_single_or_equal_values_are_neutral() -> None:
    assert criterion_score(pd.Series([7.0])).tolist() == [0.5]
    assert criterion_score(pd.Series([3.0, 3.0, np.nan])).tolist() == [0.5, 0.5, 0.5]


def test_new_clients_growth_ranks_above_every_finite_growth() -> None:
    got = criterion_score(pd.Series([0.1, np.inf, -0.5]))
    assert got.tolist() == [0.5, 1.0, 0.0]


def test_action_matrix_by_hand() -> None:
    clients = pd.DataFrame(
        {
            "client": ["a", "b", "c", "d", "e"],
            "label": ["Alfa", "Beta", "Gamma", "Delta", "Echo"],
            "score": [0.9, 0.75, 0.65, 0.2, 0.45],
            "revenue": [1000.0, 3000.0, 500.0, 50.0, 200.0],
            "potential": [400.0, np.nan, 100.0, np.nan, np.nan],
            "new": [False, True, True, False, False],
            "categories": [2, 4, 1, 1, 2],
        }
    )
    clients["group"] = priority_group(clients["score"], (0.4, 0.7))
    got = action_matrix(clients, (0.4, 0.7), offered=4).set_index("group")
    # Band 0 (>= .7): a, b. Revenue 4000, potential 400 (b unknown), b is new (3000).
    # Depth: (2/4 + 4/4) / 2 = 0.75. Candidates: band-1 clients at >= .7 - .1 = .6: c (0.65).
    assert got.loc[0, ["clients", "revenue", "potential", "candidates"]].tolist() == [
        2,
        4000,
        400,
        1,
    ]
    assert got.loc[0, ["new_clients", "new_revenue", "depth"]].tolist() == [1, 3000, 0.75]
    assert got.loc[0, "top_clients"] == "Beta, Alfa"
    # Band 1 (>= .4): c, e. Candidates from band 2 at >= .3: none (d scores .2).
    assert got.loc[1, ["clients", "revenue", "candidates"]].tolist() == [2, 700, 0]
    # Band 2: d alone, no wallet estimate -> potential unknown; the bottom has no candidates.
    assert np.isnan(got.loc[2, "potential"])
    assert got.loc[2, "candidates"] == 0


def test_top_clients_name_five_and_count_the_rest() -> None:
    clients = pd.DataFrame(
        {
            "client": [f"c{i}" for i in range(7)],
            "label": [f"N{i}" for i in range(7)],
            "score": 0.9,
            "revenue": [float(i) for i in range(7)],
            "potential": np.nan,
            "new": False,
            "categories": 1,
            "group": 0,
        }
    )
    got = action_matrix(clients, (0.5,), offered=1)
    assert got.loc[0, "top_clients"] == "N6, N5, N4, N3, N2 … +2"


values = st.lists(
    st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=25
)


@given(values, values, st.floats(0.01, 10), st.floats(0, 10), st.booleans())
def test_scores_in_0_1_and_order_free(
    first: list[float | None],
    second: list[float | None],
    w1: float,
    w2: float,
    higher: bool,
) -> None:
    n = min(len(first), len(second))
    metrics = pd.DataFrame(
        {"x": first[:n], "y": second[:n]}, index=[f"c{i}" for i in range(n)], dtype=float
    )
    criteria = pd.DataFrame(
        {
            "criterion": ["X", "Y"],
            "metric": ["x", "y"],
            "weight": [w1, w2],
            "higher": [higher, True],
        }
    )
    got = priority_scores(metrics, criteria)
    assert got["score"].between(0, 1).all()
    shuffled = priority_scores(metrics.iloc[::-1], criteria).reindex(got.index)
    pd.testing.assert_frame_equal(got, shuffled)


@given(values, st.integers(0, 24), st.floats(0, 1e6, allow_nan=False))
def test_score_never_falls_when_a_positive_criterion_improves(
    base: list[float | None], who: int, rise: float
) -> None:
    index = [f"c{i}" for i in range(len(base))]
    metrics = pd.DataFrame({"x": base, "y": list(reversed(base))}, index=index, dtype=float)
    criteria = pd.DataFrame(
        {"criterion": ["X", "Y"], "metric": ["x", "y"], "weight": [2.0, 1.0], "higher": True}
    )
    client = index[who % len(index)]
    before = priority_scores(metrics, criteria).loc[client, "score"]
    better = metrics.copy()
    current = better.loc[client, "x"]
    # From unknown (neutral 0.5) to a value, only a value above every other is sure to help.
    top = metrics["x"].max() + 1 if metrics["x"].notna().any() else 0.0
    better.loc[client, "x"] = top if np.isnan(current) else current + rise
    after = priority_scores(better, criteria).loc[client, "score"]
    assert after >= before - 1e-12


def test_a_criterion_without_data_drops_out_of_the_score() -> None:
    metrics = pd.DataFrame(
        {"revenue": [300.0, 200.0, 100.0], "margin": [np.nan, np.nan, np.nan]},
        index=["a", "b", "c"],
    )
    criteria = pd.DataFrame(
        {
            "criterion": ["Revenue", "Margin"],
            "metric": ["revenue", "margin"],
            "weight": [1.0, 3.0],
            "higher": [True, True],
        }
    )
    assert unavailable(metrics, criteria) == ["Margin"]
    got = priority_scores(metrics, criteria)
    # Revenue ranks a, b, c: (3-1)/2 = 1, (2-1)/2 = 0.5, 0. Margin has no value at all: it is
    # left out, so the score is revenue's alone, not (1 x 1 + 3 x 0.5) / 4 = 0.625 for a.
    assert got["score"].tolist() == [1.0, 0.5, 0.0]
    assert got["Margin"].isna().all()


def test_text_points_by_hand() -> None:
    points = {"retail": 10.0, "wholesale": 5.0, "3": 1.0}
    values = pd.Series(["Retail", "  WHOLESALE ", None, "Export", 3.0, ""])
    # Case and spaces do not count; 3.0 from Excel reads as "3"; blank and unlisted unknown.
    got = text_points(values, points).tolist()
    assert got[:2] == [10.0, 5.0] and got[4] == 1.0
    assert np.isnan(got[2]) and np.isnan(got[3]) and np.isnan(got[5])
