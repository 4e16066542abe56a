"""Worksheet functions of ABC and XYZ: CB_ABC, CB_XYZ and CB_SEGMENTS (the Segments tab)."""

from typing import Any

import numpy as np
import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.abc_xyz import (
    SegmentRules,
    abc_classes,
    classify_window,
    monthly_facts,
    xyz_variation,
)
from clientbase_xl.excel.cells import ArgumentError, flatten, rows
from clientbase_xl.excel.udfs.args import (
    CATEGORY,
    Count,
    Day,
    Lang,
    Share,
    arg,
    guarded,
    last_day,
    sales_lines,
)
from clientbase_xl.inputs.values import parse_number
from clientbase_xl.tabs import SEGMENTS


def _header(cells: list[object]) -> int:
    """1 when the first cell is a header (text that is no number above a number), else 0."""
    if len(cells) > 1 and isinstance(cells[0], str):
        first, second = parse_number(cells[:2]).bad
        return int(bool(first) and not second)
    return 0


@xw.func(category=CATEGORY)
@arg("values", help="The metric per row: revenue, margin or quantity (a table column).")
@arg("a", Share, help="Cumulative share closing A, default 80 (%).")
@arg("b", Share, help="Cumulative share closing B, default 95 (%).")
@arg("c", Share, help="For ABCD: cumulative share closing C (then A, B default 50, 80).")
@guarded
def CB_ABC(values: Any, a: Any = None, b: Any = None, c: Any = None) -> Any:  # noqa: N802
    """ABC class of each row by its cumulative share of the total (80/95 by default)."""
    cells = flatten(values)
    header = _header(cells)
    parsed = parse_number(cells[header:])
    if parsed.bad.any():
        row = int(np.flatnonzero(parsed.bad)[0])
        raise ArgumentError(f"values: row {row + header + 1} holds {cells[row + header]!r}.")
    if c is None:
        cuts: tuple[float, ...] = (0.8 if a is None else a, 0.95 if b is None else b)
    else:
        cuts = (0.5 if a is None else a, 0.8 if b is None else b, c)
    if list(cuts) != sorted(cuts):
        raise ArgumentError("Thresholds must increase.")
    metric = pd.Series(parsed.values.to_numpy(), index=range(len(parsed.blank)))
    classes = abc_classes(metric, cuts)["abc"]
    body = [[None if parsed.blank[i] else classes.iloc[i]] for i in range(len(parsed.blank))]
    return [["ABC"]] * header + body


@xw.func(category=CATEGORY)
@arg("monthly", help="One row per client, one column per month of revenue (blank = 0).")
@arg("x", Share, help="Coefficient of variation closing X, default 10 (%).")
@arg("y", Share, help="Coefficient of variation closing Y, default 25 (%).")
@guarded
def CB_XYZ(monthly: Any, x: Any = 0.10, y: Any = 0.25) -> Any:  # noqa: N802
    """XYZ class of each row by the coefficient of variation of its monthly revenue."""
    grid = monthly if isinstance(monthly, list) else [[monthly]]
    grid = [r if isinstance(r, list) else [r] for r in grid]
    values = pd.DataFrame([parse_number(r).values.fillna(0.0).to_numpy() for r in grid])
    got = xyz_variation(values, (x, y))
    return [[v] for v in got["xyz"]]


SEGMENT_COLS = SEGMENTS.block("clients").only("client", "revenue", "orders", "abc", "xyz", "cell")


@xw.func(category=CATEGORY)
@arg("client", help="Client of each sales line (Sales[Client]).")
@arg("dates", help="Date of each sales line (Sales[Date]).")
@arg("amount", help="Amount of each sales line, returns negative (Sales[Amount]).")
@arg("as_of", Day)
@arg("months", Count)
@arg("lang", Lang)
@guarded
def CB_SEGMENTS(  # noqa: N802
    client: Any, dates: Any, amount: Any, as_of: Any = None, months: Any = 12, lang: Any = "en"
) -> Any:
    """Per client: revenue, orders, ABC, XYZ (regularity) and the ABC×XYZ cell."""
    sales = sales_lines(client, dates, amount)
    day = last_day(as_of, sales["date"])
    seg = classify_window(monthly_facts(sales, day), day.to_period("M"), SegmentRules(months))
    return rows(seg, SEGMENT_COLS, lang)
