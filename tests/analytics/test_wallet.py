import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.wallet import per_client, plans, totals_by, whitespace

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
