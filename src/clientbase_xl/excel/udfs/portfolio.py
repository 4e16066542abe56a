"""Worksheet function of portfolio quality: CB_PORTFOLIO (the Portfolio tab)."""

from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.abc_xyz import XYZ_LETTERS
from clientbase_xl.analytics.portfolio import portfolio_trend
from clientbase_xl.excel.cells import ArgumentError, columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, arg, guarded
from clientbase_xl.tabs import PORTFOLIO

_ABC_LETTERS = ("A", "B", "C", "D")


@xw.func(category=CATEGORY)
@arg("managers", help="Manager of each client (Segments[Manager]).")
@arg("abc", help="ABC class of each client.")
@arg("xyz", help="XYZ class of each client.")
@arg("revenue", help="Revenue of each client.")
@arg("lang", Lang)
@guarded
def CB_PORTFOLIO(managers: Any, abc: Any, xyz: Any, revenue: Any, lang: Any = "en") -> Any:  # noqa: N802
    """Per manager: clients, the share of each ABC and XYZ class, revenue and A's share of it."""
    frame = columns(
        {
            "manager": ("id", managers),
            "abc": ("id", abc),
            "xyz": ("id", xyz),
            "revenue": ("number", revenue),
        }
    ).dropna(subset=["manager", "abc"])
    frame["abc"] = frame["abc"].str.upper()
    frame["xyz"] = frame["xyz"].str.upper()
    unknown = sorted(set(frame["abc"]) - set(_ABC_LETTERS)) + sorted(
        set(frame["xyz"].dropna()) - set(XYZ_LETTERS)
    )
    if unknown:
        raise ArgumentError(f"Classes must be A-D and X-Z, got {', '.join(unknown)}.")
    letters = _ABC_LETTERS if "D" in set(frame["abc"]) else _ABC_LETTERS[:3]
    trend = portfolio_trend(
        frame.assign(month=pd.Series(pd.Period("2000-01", "M"), index=frame.index)), letters
    )
    no_d = () if "D" in letters else ("d_share",)
    return rows(trend, PORTFOLIO.block("trend").without("month", *no_d), lang)
