"""The result tabs: one module per method, each holding its tab's spec beside its builder.

A module such as :mod:`clientbase_xl.tabs.ltv` declares the tab's
:class:`~clientbase_xl.report.spec.TabSpec` (blocks, columns, formats, charts) and registers the
builder that fills it from the :class:`~clientbase_xl.tabs.context.Context` (what several tabs
share, computed once). :data:`TABS` is the one place the tabs are listed, in workbook order;
:data:`BUILDERS` follows it and refuses a tab listed without its builder, worksheet functions
or docs heading (:mod:`clientbase_xl.tabs.registry`).
"""

from __future__ import annotations

from clientbase_xl.i18n import LANGS
from clientbase_xl.inputs.schema import header_key
from clientbase_xl.report.spec import TabSpec
from clientbase_xl.tabs.actions import ACTIONS
from clientbase_xl.tabs.activity import ACTIVITY
from clientbase_xl.tabs.bcg import BCG
from clientbase_xl.tabs.card import CARD
from clientbase_xl.tabs.churn import CHURN
from clientbase_xl.tabs.clv import CLV
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.dashboard import DASHBOARD
from clientbase_xl.tabs.errors import ERRORS
from clientbase_xl.tabs.history import HISTORY
from clientbase_xl.tabs.ltv import LTV
from clientbase_xl.tabs.migration import MIGRATION
from clientbase_xl.tabs.nps import NPS
from clientbase_xl.tabs.plan import PLAN
from clientbase_xl.tabs.portfolio import PORTFOLIO
from clientbase_xl.tabs.potential import POTENTIAL
from clientbase_xl.tabs.priority import PRIORITY
from clientbase_xl.tabs.products import PRODUCTS
from clientbase_xl.tabs.profitability import PROFITABILITY
from clientbase_xl.tabs.registry import Builder, Method, in_tab_order
from clientbase_xl.tabs.rfm import RFM
from clientbase_xl.tabs.segments import MATRIX, PARETO, SEGMENTS
from clientbase_xl.tabs.turnover import TURNOVER

#: Every result tab, in the order they appear in the workbook.
TABS: tuple[TabSpec, ...] = (
    DASHBOARD,
    ACTIONS,
    CARD,
    SEGMENTS,
    MATRIX,
    PARETO,
    MIGRATION,
    PORTFOLIO,
    LTV,
    CLV,
    PROFITABILITY,
    TURNOVER,
    CHURN,
    NPS,
    RFM,
    ACTIVITY,
    POTENTIAL,
    PLAN,
    BCG,
    PRIORITY,
    PRODUCTS,
    ERRORS,
)

#: The tabs a builder makes: every one but Errors, which the orchestrator writes from problems.
RESULT_TABS: tuple[TabSpec, ...] = tuple(spec for spec in TABS if spec is not ERRORS)

#: Every tab a refresh or Close month writes: what a mark's key may name.
OWN_TABS: tuple[TabSpec, ...] = (*TABS, HISTORY)

#: Every result tab's registration (spec, builder, functions, docs), in tab order.
METHODS: tuple[Method, ...] = in_tab_order(RESULT_TABS)

#: Every result tab's builder, in tab order, with the progress step it reports.
BUILDERS: tuple[tuple[str, Builder], ...] = tuple((m.spec.key, m.build) for m in METHODS)


def tab_key(name: str) -> str | None:
    """The key of the result tab ``name`` names, or None.

    A name is a tab's key or its title in either language, matched like a header: how a user
    picks tabs, on the Start sheet or after ``--only``.
    """
    wanted = header_key(name)
    for spec in RESULT_TABS:  # the Errors tab is written when there are problems, not on request
        if wanted in {header_key(spec.key), *(header_key(spec.title(lang)) for lang in LANGS)}:
            return spec.key
    return None


def result_tab_names() -> set[str]:
    """Every name a result tab can have, in any language."""
    return {spec.title(lang) for spec in OWN_TABS for lang in LANGS}


__all__ = [
    "ACTIONS",
    "ACTIVITY",
    "BCG",
    "BUILDERS",
    "CARD",
    "CHURN",
    "CLV",
    "DASHBOARD",
    "ERRORS",
    "HISTORY",
    "LTV",
    "MATRIX",
    "METHODS",
    "MIGRATION",
    "NPS",
    "OWN_TABS",
    "PARETO",
    "PLAN",
    "PORTFOLIO",
    "POTENTIAL",
    "PRIORITY",
    "PROFITABILITY",
    "RESULT_TABS",
    "RFM",
    "SEGMENTS",
    "TABS",
    "TURNOVER",
    "Builder",
    "Context",
    "result_tab_names",
    "tab_key",
]
