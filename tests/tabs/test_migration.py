"""The Migration tab lists who moved in XYZ as it lists who moved in ABC, per manager too.

The story is tests/analytics/test_migration.py's six clients on one-month windows; the tab
compares February with March.
"""

from __future__ import annotations

import pandas as pd

from clientbase_xl.inputs.model import Inputs
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.migration import migration_tab
from tests.analytics.test_migration import story_sales


def _tab() -> dict[str, pd.DataFrame]:
    sales = story_sales().assign(product="P", category="Tools", _row=lambda f: range(2, len(f) + 2))
    settings = Settings(window_months=1, history_months=3)
    return migration_tab(Context(Inputs(sales=sales, settings=settings), "en")).frames


def test_xyz_movers_and_xyz_balance_per_manager_feb_to_mar() -> None:
    frames = _tab()
    # February -> March cells: P1 AZ -> BZ, P2 AX -> AZ, P3 AZ -> lost, P5 BZ -> AZ, P6 new BZ.
    # XYZ moves: P2 X -> Z (down), P3 lost, P6 new; P1 and P5 stay Z.
    movers = frames["xyz_movers"]
    assert movers[["client", "from", "to", "direction"]].values.tolist() == [
        ["P2", "X", "Z", "down"],
        ["P3", "Z", "lost", "lost"],
        ["P6", "new", "Z", "new"],
    ]
    # Beside each, its ABC class: P2 stays A; P3 was A; P6 is new in B.
    assert movers[["other_from", "other_to"]].values.tolist() == [
        ["A", "A"],
        ["A", "lost"],
        ["new", "B"],
    ]
    # P2's revenue: 500 in February, 400 in March.
    assert movers["revenue_change"].iloc[0] == 400 - 500
    per = frames["managers_xyz"].set_index("manager")
    # Ivanov: P1 same, P2 down, P3 lost. Petrova: P5 same, P6 new.
    assert per.loc["Ivanov", ["clients", "down", "same", "lost", "net"]].tolist() == [
        3,
        1,
        1,
        1,
        -1,
    ]
    assert per.loc["Petrova", ["clients", "same", "new", "net"]].tolist() == [2, 1, 1, 0]
    # The ABC list names the XYZ classes beside: P1 A -> B stayed Z.
    abc = frames["movers"].set_index("client")
    assert abc.loc["P1", ["from", "to", "other_from", "other_to"]].tolist() == ["A", "B", "Z", "Z"]
