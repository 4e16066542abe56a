from random import Random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.wallet import (
    estimate_age,
    estimates_at,
    per_client,
    plans,
    sales_a_year,
    totals_by,
    whitespace,
)

OURS = pd.DataFrame(
    {
        "client": ["a", "a", "b"],
        "category": ["Tools", "Paint", "Tools"],
        "ours": [300.0, 50.0, 100.0],
    }
)
WALLET = pd.DataFrame(
    {
        "client": ["a", "a", "a"],
        "category": ["Tools", "Paint", "Safety"],
        "total": [1000.0, 40.0, 500.0],
    }
)


def test_whitespace_by_hand() -> None:
    cells = whitespace(OURS, WALLET).set_index(["client", "category"])
    # a/Tools: 300 of 1000 = 30 %, up-sell 700. a/Paint: wallet 40 < our 50 -> 125 %, up-sell
    # 0 (and reported as an estimate set too low). a/Safety: we sell nothing -> cross-sell 500.
    assert cells.loc[("a", "Tools"), ["penetration", "upsell", "crosssell"]].tolist() == [
        0.3,
        700.0,
        0.0,
    ]
    assert cells.loc[("a", "Paint"), "penetration"] == 1.25
    assert cells.loc[("a", "Safety"), ["ours", "upsell", "crosssell"]].tolist() == [0, 0, 500]
    # b has no wallet data: unknown, not zero.
    assert np.isnan(cells.loc[("b", "Tools"), "penetration"])
    assert np.isnan(cells.loc[("b", "Tools"), "upsell"])


def test_per_client_penetration_is_weighted() -> None:
    got = per_client(whitespace(OURS, WALLET)).set_index("client")
    # a: (300 + 50 + 0) / (1000 + 40 + 500) = 350 / 1540; potential 700 + 0 + 500 = 1200.
    assert got.loc["a", "penetration"] == pytest.approx(350 / 1540)
    assert got.loc["a", "potential"] == 1200
    assert np.isnan(got.loc["b", "penetration"]) and np.isnan(got.loc["b", "potential"])


def test_plan_is_current_plus_the_smaller_of_potential_and_uplift() -> None:
    got = plans(
        pd.Series({"a": 1000.0, "b": 100.0, "c": 200.0}), pd.Series({"a": 50.0, "b": 400.0}), 0.15
    ).set_index("client")
    # a: min(50, 150) = 50 -> 1050, capped by the potential. b: min(400, 15) -> 115.
    # c: no wallet data -> the uplift alone: 230.
    assert got["plan"].tolist() == [1050.0, 115.0, 230.0]
    assert got["capped"].tolist() == [True, False, False]


@given(
    st.lists(st.tuples(st.floats(0, 1e6), st.floats(0.01, 1e6)), min_size=1, max_size=30),
    st.floats(0, 1),
)
def test_plan_is_never_below_current_and_penetration_in_0_1(
    pairs: list[tuple[float, float]], uplift: float
) -> None:
    ours = pd.DataFrame(
        {
            "client": [f"c{i}" for i in range(len(pairs))],
            "category": "X",
            "ours": [min(o, t) for o, t in pairs],
        }
    )
    wallet = pd.DataFrame(
        {"client": ours["client"], "category": "X", "total": [t for _, t in pairs]}
    )
    cells = whitespace(ours, wallet)
    assert cells["penetration"].between(0, 1).all()
    summary = per_client(cells).set_index("client")
    p = plans(summary["ours"], summary["potential"], uplift)
    assert (p["plan"] >= p["current"] - 1e-9).all()


def test_totals_by_hand_keep_unknown_unknown() -> None:
    frame = pd.DataFrame(
        {
            "client": ["a", "b", "c"],
            "manager": ["Ivanov", "Ivanov", "Petrova"],
            "ours": [300.0, 100.0, 50.0],
            "known_ours": [300.0, 0.0, np.nan],
            "wallet": [1000.0, 500.0, np.nan],
            "upsell": [700.0, 400.0, np.nan],
            "crosssell": [0.0, 100.0, np.nan],
            "potential": [700.0, 500.0, np.nan],
        }
    )
    got = totals_by(frame, "manager").set_index("manager")
    # Ivanov: 300 known of a 1,500 wallet = 20 %; potential 700 + 500 = 1,200.
    assert got.loc["Ivanov", ["clients", "ours", "wallet", "potential"]].tolist() == [
        2,
        400.0,
        1500.0,
        1200.0,
    ]
    assert got.loc["Ivanov", "penetration"] == pytest.approx(0.2)
    # Petrova's wallet is unknown: its sums and penetration stay unknown, never 0.
    assert np.isnan(got.loc["Petrova", "wallet"]) and np.isnan(got.loc["Petrova", "penetration"])
    assert list(got.index) == ["Ivanov", "Petrova"]  # largest potential first, unknown last


ESTIMATES = pd.DataFrame(
    {
        "client": ["a", "a", "a", "a", "b", "c"],
        "category": ["Tools", "Tools", "Tools", "Paint", "Tools", "Tools"],
        "total": [900.0, 1000.0, 1300.0, 40.0, 200.0, 70.0],
        "date": pd.to_datetime(
            [None, "2025-03-31", "2026-04-30", "2026-09-30", "2026-12-31", "2025-01-31"]
        ),
    }
)


def test_the_estimate_standing_on_a_day_is_the_latest_made_by_then() -> None:
    def at(day: str) -> dict[tuple[str, str], float]:
        standing = estimates_at(ESTIMATES, pd.Timestamp(day))
        pairs = zip(standing["client"], standing["category"], strict=True)
        return dict(zip(pairs, standing["total"], strict=True))

    # On 2025-02-28 only c's estimate and a's undated one were made: the undated stands.
    assert at("2025-02-28") == {("a", "Tools"): 900.0, ("c", "Tools"): 70.0}
    # By 2025-10-31 a's March estimate supersedes the undated one.
    assert at("2025-10-31") == {("a", "Tools"): 1000.0, ("c", "Tools"): 70.0}
    # On 2026-10-31: a/Tools April 2026, a/Paint September; b's is dated after the day.
    assert at("2026-10-31") == {("a", "Tools"): 1300.0, ("a", "Paint"): 40.0, ("c", "Tools"): 70.0}


def test_estimate_age_counts_calendar_months() -> None:
    dates = pd.Series(pd.to_datetime(["2026-10-01", "2025-10-31", "2026-09-30", None]))
    # To 2026-10-31: the same month 0, a year 12, the month before 1; undated unknown.
    ages = estimate_age(dates, pd.Timestamp("2026-10-31"))
    assert ages.iloc[:3].tolist() == [0.0, 12.0, 1.0]
    assert np.isnan(ages.iloc[3])


@settings(max_examples=30)
@given(
    st.randoms(use_true_random=False), st.sampled_from(["2025-02-28", "2025-10-31", "2027-01-01"])
)
def test_the_order_of_the_estimates_never_changes_which_stands(rng: Random, day: str) -> None:
    with_tie = pd.concat([ESTIMATES, ESTIMATES.iloc[[1]].assign(total=1100.0)], ignore_index=True)
    rows = list(range(len(with_tie)))
    rng.shuffle(rows)
    want = estimates_at(with_tie, pd.Timestamp(day))
    got = estimates_at(with_tie.iloc[rows], pd.Timestamp(day))
    key = ["client", "category"]
    pd.testing.assert_frame_equal(
        got.sort_values(key).reset_index(drop=True), want.sort_values(key).reset_index(drop=True)
    )


def test_sales_a_year_by_hand() -> None:
    lines = pd.DataFrame(
        {
            "client": ["a", "a", "a", "b"],
            "category": ["Tools", "Tools", None, "Paint"],
            "amount": [100.0, 0.01, 70.0, 33.33],
        }
    )
    ours = sales_a_year(lines, 6).set_index(["client", "category"])["ours"]
    # Six months are half a year: a/Tools (100 + 0.01) x 2 = 200.02, b/Paint 33.33 x 2 = 66.66;
    # the line without a category has no cell.
    assert ours.to_dict() == {("a", "Tools"): 200.02, ("b", "Paint"): 66.66}
