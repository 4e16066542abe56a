"""Worksheet functions (UDFs): ``=CB_ABC(Sales[Amount])`` and the rest of the catalogue.

One module per analytics module, each function a thin ``@xw.func`` wrapper over the pure core:
arguments arrive as Excel passes them (2-D lists, ``None`` for blanks, floats, datetimes);
scalars are converted by the converters they are declared with
(:mod:`clientbase_xl.excel.udfs.args`), ranges are aligned by
:mod:`clientbase_xl.excel.cells`, and a table comes back as a 2-D list with a header row, which
Excel spills as a dynamic array. A bad argument returns a short message in the cell, never a
traceback.

xlwings finds the functions by this package's name (the VBA wrappers call
``clientbase_xl.excel.udfs``; the Lite entry star-imports it), so every one is re-exported here.
"""

from clientbase_xl.excel.udfs import (
    abc_xyz,
    activity,
    assortment,
    bcg,
    card,
    churn,
    clv,
    ltv,
    migration,
    nps,
    pareto,
    portfolio,
    priority,
    profit,
    rfm,
    rhythm,
    turnover,
    wallet,
)
from clientbase_xl.excel.udfs.abc_xyz import CB_ABC, CB_SEGMENTS, CB_XYZ
from clientbase_xl.excel.udfs.activity import CB_ACTIVITY
from clientbase_xl.excel.udfs.assortment import CB_PRODUCTS
from clientbase_xl.excel.udfs.bcg import CB_BCG
from clientbase_xl.excel.udfs.card import CB_CLIENT
from clientbase_xl.excel.udfs.churn import CB_CHURN, CB_REPEAT
from clientbase_xl.excel.udfs.clv import CB_CLV
from clientbase_xl.excel.udfs.ltv import CB_LTV, CB_LTV_TABLE
from clientbase_xl.excel.udfs.migration import CB_MIGRATION
from clientbase_xl.excel.udfs.nps import CB_NPS, CB_NPS_TABLE, CB_NPS_THEMES
from clientbase_xl.excel.udfs.pareto import CB_PARETO
from clientbase_xl.excel.udfs.portfolio import CB_PORTFOLIO
from clientbase_xl.excel.udfs.priority import CB_PRIORITY
from clientbase_xl.excel.udfs.profit import CB_MARGIN
from clientbase_xl.excel.udfs.rfm import CB_RFM
from clientbase_xl.excel.udfs.rhythm import CB_RHYTHM
from clientbase_xl.excel.udfs.turnover import CB_DSO
from clientbase_xl.excel.udfs.wallet import CB_PENETRATION, CB_PLAN, CB_POTENTIAL

#: The modules of the worksheet functions, in catalogue order (the order of the tabs).
MODULES = (
    rhythm,
    card,
    abc_xyz,
    pareto,
    migration,
    portfolio,
    ltv,
    clv,
    profit,
    turnover,
    churn,
    nps,
    rfm,
    activity,
    wallet,
    bcg,
    priority,
    assortment,
)

#: Every worksheet function, module by module in the order each defines them: a new ``CB_``
#: function is in the catalogue (the docs, the VBA wrappers, the Lite entry, the tests) by
#: being written in one of :data:`MODULES`.
CATALOGUE: tuple[object, ...] = tuple(
    f
    for module in MODULES
    for name, f in vars(module).items()
    if name.startswith("CB_") and callable(f) and f.__module__ == module.__name__
)

#: What ``from clientbase_xl.excel.udfs import *`` gives: the Lite entry imports the catalogue so.
__all__ = [
    "CB_ABC",
    "CB_ACTIVITY",
    "CB_BCG",
    "CB_CHURN",
    "CB_CLIENT",
    "CB_CLV",
    "CB_DSO",
    "CB_LTV",
    "CB_LTV_TABLE",
    "CB_MARGIN",
    "CB_MIGRATION",
    "CB_NPS",
    "CB_NPS_TABLE",
    "CB_NPS_THEMES",
    "CB_PARETO",
    "CB_PENETRATION",
    "CB_PLAN",
    "CB_PORTFOLIO",
    "CB_POTENTIAL",
    "CB_PRIORITY",
    "CB_PRODUCTS",
    "CB_REPEAT",
    "CB_RFM",
    "CB_RHYTHM",
    "CB_SEGMENTS",
    "CB_XYZ",
]
