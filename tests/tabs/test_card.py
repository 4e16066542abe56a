"""The Client card: every figure of a client's row by hand, the card of a pick, CB_CLIENT.

The story is tests/conftest.py's small sales (as of 2025-03-20): A1 buys 500 on 01-10, 300 on
02-10 and 200 on 03-10 (costs 300, 200, 100), B2 250 on 01-15 and 150 on 03-15, C3 80 on
02-20, D4 20 on 03-20. A1 answered the survey 9 on 02-01 and 6 ("slow delivery") on 03-01;
its wallet of Tools is 2,400 a year.
"""

from __future__ import annotations

import pandas as pd
import pytest

from clientbase_xl.inputs.model import Inputs
from clientbase_xl.tabs.card import CARD_MONTHS, card_of, card_tab
from clientbase_xl.tabs.context import Context
from tests.conftest import small_sales

SURVEY = pd.DataFrame(
    {
        "date": pd.to_datetime(["2025-02-01", "2025-03-01"]),
        "client": ["A1", "A1"],
        "score": [9.0, 6.0],
        "comment": ["", "slow delivery"],
        "more": [None, "next-day delivery"],
        "elsewhere": ["Paint", None],
        "competitors": [None, "Online ordering"],
        "themes": [None, "Delivery"],
        "_row": [2, 3],
    }
)
WALLET = pd.DataFrame({"client": ["A1"], "category": ["Tools"], "total": [2400.0], "_row": [2]})


def _context(lang: str = "en") -> Context:
    sales = small_sales().assign(_row=lambda f: range(2, len(f) + 2))
    return Context(Inputs(sales=sales, survey=SURVEY, wallet=WALLET), lang)  # type: ignore[arg-type]


def test_a_clients_row_holds_every_figure_of_its_card() -> None:
    tab = card_tab(_context())
    table = tab.frames["clients"]
    # The largest revenue first: A1 1,000, B2 400, C3 80, D4 20; the card shows A1.
    assert table["client"].tolist() == ["A1", "B2", "C3", "D4"]
    assert tab.frames["pick"]["client"].tolist() == ["A1"]
    a1 = table.iloc[0]
    assert (a1["revenue"], a1["margin"], a1["orders"]) == (1000, 1000 - 600, 3)
    assert (a1["abc"], a1["manager"]) == ("A", "Ivanov")
    # Rhythm: the intervals 31 and 28 days, median 29.5; 10 days since 03-10: active.
    assert a1["rhythm"] == 29.5 and a1["stage"] == "active" and a1["at_risk"] == 0
    assert a1["last_order"] == pd.Timestamp("2025-03-10")
    # The latest answer is 03-01's 6, a detractor since the start of last month (02-01): one
    # open action, its stake the monthly revenue 1,000 / 12.
    assert (a1["nps_score"], a1["nps_comment"]) == (6, "slow delivery")
    # The other answers are of that answer too: none about buying elsewhere this time.
    assert (a1["nps_more"], a1["nps_competitors"]) == ("next-day delivery", "Online ordering")
    assert pd.isna(a1["nps_elsewhere"])
    assert a1["actions"] == 1 and a1["stake"] == pytest.approx(1000 / 12)
    assert a1["reason"] == "Detractor"
    # Wallet: ours 1,000 in 12 months scaled to a year (1,000) of 2,400: 41.7 %, 1,400 left.
    assert a1["wallet"] == 2400 and a1["penetration"] == pytest.approx(1000 / 2400, abs=1e-4)
    assert a1["potential"] == pytest.approx(1400)
    # The last 12 months end with March: Jan 500, Feb 300, Mar 200; the nine before sold 0.
    months = [a1[f"revenue_{i}"] for i in range(CARD_MONTHS)]
    assert months == [0.0] * 9 + [500.0, 300.0, 200.0]
    # B2 has no wallet row and no answer: empty, not 0.
    b2 = table.iloc[1]
    assert pd.isna(b2["wallet"]) and pd.isna(b2["nps_score"])


def test_the_card_of_a_pick_follows_its_row_in_either_language() -> None:
    ctx = _context("ru")
    table = card_tab(ctx).frames["clients"]
    card = card_of(table, "B2", ctx.month, "ru")
    who = dict(zip(card["who"]["field"], card["who"]["value"], strict=True))
    assert who["Менеджер"] == "Petrova" and who["ABC"] == "A"
    months = card["months"]
    assert months["month"].iloc[-1] == pd.Period("2025-03", "M")
    assert months["revenue"].tolist()[-3:] == [250.0, 0.0, 150.0]
    nobody = card_of(table, "Z9", ctx.month, "ru")
    assert nobody["value"]["value"].isna().all()  # a client not in the table: a blank card
