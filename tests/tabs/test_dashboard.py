"""The Dashboard: headline figures on a hand-computed example, and its status cell address."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.demo import demo_frames
from clientbase_xl.inputs.model import Inputs
from clientbase_xl.tabs.actions import actions_tab
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.dashboard import BCG_GROWTH_CAP, dashboard_tab, status_cell
from tests.conftest import small_sales


def _context(sales: pd.DataFrame, warnings: int = 0, **frames: pd.DataFrame) -> Context:
    sales = sales.assign(_row=range(2, len(sales) + 2))
    return Context(Inputs(sales=sales, **frames), "en", "2026-11-25 09:30", warnings)


def test_headline_figures_of_the_small_example() -> None:
    tab = dashboard_tab(_context(small_sales(), warnings=2))
    kpi = tab.frames["kpi"].iloc[0]
    # Revenue in the 12 months to 2025-03-20: A1 500+300+200 = 1000, B2 250+150 = 400,
    # C3 80, D4 20; total 1500. Cumulative shares 66.7 %, 93.3 % (crosses 80 %: still A),
    # 98.7 %, 100 %: A = A1 + B2 = 1400, share 1400 / 1500 = 0.9333.
    assert kpi["clients"] == 4
    assert kpi["revenue"] == 1500.0
    assert kpi["share_a"] == pytest.approx(1400 / 1500)
    assert np.isnan(kpi["nps"])  # no Survey sheet
    status = tab.frames["status"].iloc[0]
    assert status["refreshed"] == "2026-11-25 09:30"
    assert status["status"] == "OK, 2 warning(s): see the Errors tab"
    # Class revenue by month: March holds A1 and B2's 12-month revenue as A (1000 + 400).
    classes = tab.frames["classes"].set_index("month")
    assert classes.loc[pd.Period("2025-03", "M"), "A"] == 1400.0
    # Pareto every 5 %: the top 25 % of 4 clients is A1 alone, 1000 / 1500.
    pareto = tab.frames["pareto"].set_index("client_share")["revenue_share"]
    assert len(pareto) == 20
    assert pareto[0.25] == pytest.approx(1000 / 1500)
    assert pareto[1.0] == pytest.approx(1.0)


def test_status_cell_is_under_the_status_header() -> None:
    # Title row 1, note row 2, blank row 3, block title row 4, header row 5, values row 6.
    assert status_cell("refreshed") == "A6"
    assert status_cell("status") == "C6"


FRAMES = demo_frames(clients=150, months=14, seed=9)


@given(st.integers(0, 5))
@settings(max_examples=5)
def test_kpis_agree_with_the_tabs_they_come_from(warnings: int) -> None:
    extra = {k: FRAMES[k] for k in ("clients", "survey", "wallet")}
    ctx = _context(FRAMES["sales"], warnings, **extra)
    tab = dashboard_tab(ctx)
    kpi = tab.frames["kpi"].iloc[0]
    seg = ctx.segments[ctx.segments["revenue"] > 0]
    assert kpi["revenue"] == pytest.approx(seg["revenue"].sum())
    assert 0 <= kpi["share_a"] <= 1
    assert -100 <= kpi["nps"] <= 100
    # Class columns add up to each month's revenue of the timeline.
    by_month = ctx.timeline.groupby("month")["revenue"].sum()
    classes = tab.frames["classes"].set_index("month")
    np.testing.assert_allclose(classes.sum(axis=1), by_month.reindex(classes.index))
    assert (tab.frames["bcg"]["growth"] <= BCG_GROWTH_CAP).all()
    assert len(tab.frames["bcg"]) <= 50
    assert ("warning" in tab.frames["status"].iloc[0]["status"]) == (warnings > 0)


def test_every_headline_figure_links_to_the_block_that_explains_it() -> None:
    from clientbase_xl.tabs import DASHBOARD, TABS

    blocks = {(t.key, b.key) for t in TABS for b in t.blocks}
    kpi = DASHBOARD.block("kpi").columns
    assert all(c.link is not None and (c.link.tab, c.link.block) in blocks for c in kpi)
    # The two Monday-morning figures agree with the Actions tab they link to.
    frames = demo_frames(clients=80, months=14, seed=5)
    ctx = _context(frames["sales"], survey=frames["survey"])
    kpi = dashboard_tab(ctx).frames["kpi"].iloc[0]
    actions = ctx.tab(actions_tab).frames
    assert kpi["actions"] == actions["load"]["actions"].sum() > 0
    stages = actions["stages"].set_index("stage")["monthly"]
    assert kpi["at_risk"] == pytest.approx(stages[["late", "sleeping", "churned"]].sum())
    assert kpi["at_risk"] > 0
