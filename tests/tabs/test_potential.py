"""The Potential tab: share of wallet now and a year ago, and how old each estimate is."""

import numpy as np
import pandas as pd
import pytest

from clientbase_xl.inputs.model import Inputs
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.potential import potential_tab


def _sales() -> pd.DataFrame:
    """A buys Tools for 100 a month from 2024-11 to 2025-10, then 150; B 50 from 2025-11."""
    months = pd.period_range("2024-11", "2026-10", freq="M")
    rows = [
        (m.start_time + pd.Timedelta(days=9), "A", 100.0 if m < pd.Period("2025-11") else 150.0)
        for m in months
    ]
    rows += [(m.start_time + pd.Timedelta(days=14), "B", 50.0) for m in months[12:]]
    frame = pd.DataFrame(rows, columns=["date", "client", "amount"])
    return frame.assign(
        order=[f"O{i}" for i in range(len(frame))],
        manager="Ivanov",
        product="P1",
        category="Tools",
        quantity=1.0,
        cost=np.nan,
        _row=range(2, len(frame) + 2),
    )


WALLET = pd.DataFrame(
    {
        "client": ["A", "A", "B"],
        "category": ["Tools", "Tools", "Tools"],
        "total": [4000.0, 9000.0, 2000.0],
        "date": pd.to_datetime([None, "2026-06-30", "2025-05-31"]),
        "_row": [2, 3, 4],
    }
)


def _tab(**inputs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    ctx = Context(Inputs(sales=_sales(), settings=Settings(), wallet=WALLET, **inputs), "en")
    frames = potential_tab(ctx).frames
    return {k: f.set_index("client") for k, f in frames.items() if k in ("cells", "clients")}


def test_share_of_wallet_now_and_a_year_ago_by_hand() -> None:
    cells = _tab()["cells"]
    # Now (12 months to 2026-10): A 12 × 150 = 1800 of the June 2026 estimate 9000 = 20 %;
    # a year ago (12 months to 2025-10): 12 × 100 = 1200 of the undated 4000 standing then
    # = 30 %, so -10 points.
    a = cells.loc["A"]
    assert a["ours"] == 1800.0 and a["total"] == 9000.0
    assert a["penetration"] == pytest.approx(0.2)
    assert a["penetration_then"] == pytest.approx(0.3)
    assert a["change"] == pytest.approx(-0.1)
    assert a["age"] == 4.0 and a["freshness"] == ""
    # B: 12 × 50 = 600 of 2000 = 30 % now; a year ago it bought nothing against the same
    # estimate (May 2025): 0 %. The estimate is 17 months old, past the 12 months it holds.
    b = cells.loc["B"]
    assert b["penetration"] == pytest.approx(0.3) and b["penetration_then"] == 0.0
    assert b["age"] == 17.0 and b["freshness"] == "old: ask again"


def test_the_oldest_estimate_dates_a_client_and_an_undated_one_is_flagged() -> None:
    undated = WALLET.assign(date=pd.NaT).iloc[[0, 2]]
    ctx = Context(Inputs(sales=_sales(), settings=Settings(), wallet=undated), "en")
    cells = potential_tab(ctx).frames["cells"].set_index("client")
    assert (cells["freshness"] == "no date").all()
    clients = _tab()["clients"]
    assert clients.loc["B", "estimated"] == pd.Timestamp("2025-05-31")


def test_a_closed_month_gives_the_share_a_year_ago_as_it_was_frozen() -> None:
    # Close month froze October 2025 with A at 1000 of 5000 = 20 %: that, not the 30 % rebuilt
    # from today's sheet, is the share a year ago.
    frozen = pd.DataFrame(
        {
            "month": [pd.Period("2025-10", "M")],
            "client": ["A"],
            "category": ["Tools"],
            "ours": [1000.0],
            "total": [5000.0],
            "penetration": [0.2],
            "_row": [6],
        }
    )
    tabs = _tab(history_wallet=frozen)
    assert tabs["cells"].loc["A", "penetration_then"] == pytest.approx(0.2)
    assert tabs["clients"].loc["A", "penetration_then"] == pytest.approx(0.2)
    # B was not in the frozen month: unknown then, not zero.
    assert np.isnan(tabs["cells"].loc["B", "penetration_then"])


def test_the_client_share_a_year_ago_weighs_its_categories() -> None:
    both = pd.concat(
        [
            WALLET,
            pd.DataFrame(
                {
                    "client": ["A"],
                    "category": ["Paint"],
                    "total": [1000.0],
                    "date": [pd.Timestamp("2025-01-31")],
                    "_row": [5],
                }
            ),
        ],
        ignore_index=True,
    )
    ctx = Context(Inputs(sales=_sales(), settings=Settings(), wallet=both), "en")
    clients = potential_tab(ctx).frames["clients"].set_index("client")
    # A a year ago: (1200 Tools + 0 Paint) / (4000 + 1000) = 24 %; now 1800 / 10000 = 18 %.
    assert clients.loc["A", "penetration_then"] == pytest.approx(0.24)
    assert clients.loc["A", "penetration"] == pytest.approx(0.18)
    assert clients.loc["A", "change"] == pytest.approx(-0.06)
