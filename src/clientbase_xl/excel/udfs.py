"""Worksheet functions (UDFs): ``=CB_ABC(Sales[Amount])`` and the rest of the catalogue.

Each is a thin ``@xw.func`` wrapper over the pure core: arguments arrive as Excel passes them
(2-D lists, ``None`` for blanks, floats, datetimes), go through :mod:`clientbase_xl.excel.cells`,
and a table comes back as a 2-D list with a header row, which Excel spills as a dynamic array.
A bad argument returns a short message in the cell, never a traceback.

No ``from __future__ import annotations`` here: xlwings reads these annotations at import time
as converters, so they are real objects (``Any``: xlwings' default conversion).
"""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

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
from clientbase_xl.analytics.churn import churn_by_month, repeat_funnel
from clientbase_xl.analytics.clv import MIN_REPEAT_CLIENTS, clv_summary, clv_table
from clientbase_xl.analytics.ltv import ltv_table
from clientbase_xl.analytics.migration import moves, transitions
from clientbase_xl.analytics.nps import nps, nps_table
from clientbase_xl.analytics.orders import orders
from clientbase_xl.analytics.pareto import pareto_table
from clientbase_xl.analytics.priority import priority_group, priority_scores
from clientbase_xl.analytics.profit import margin_pct
from clientbase_xl.analytics.rfm import rfm_segments, rfm_table
from clientbase_xl.analytics.turnover import dso
from clientbase_xl.analytics.wallet import per_client, plans, whitespace
from clientbase_xl.errors import ClientbaseError
from clientbase_xl.excel.cells import ArgumentError, columns, flatten, rows
from clientbase_xl.i18n import Lang, Text, parse_lang
from clientbase_xl.inputs.schema import LOWER_IS_BETTER
from clientbase_xl.inputs.values import parse_number
from clientbase_xl.report import loyalty_tabs, tabs
from clientbase_xl.report.clv_tabs import CLV
from clientbase_xl.report.priority_tabs import with_criteria
from clientbase_xl.report.spec import Col

CATEGORY = "ClientBase"
_F = TypeVar("_F", bound=Callable[..., Any])


#: The help of the arguments many functions share (the function wizard shows it); an
#: argument of one function keeps its help beside it.
ARG_HELP = {
    "lang": "Headers: en or ru.",
    "as_of": "Analysis date; default the last date.",
    "line_client": "Client of each sales line.",
    "line_date": "Date of each sales line.",
    "line_amount": "Amount of each sales line.",
    "line_cost": "Cost of each sales line.",
    "order_client": "Client of each order.",
    "order_date": "Date of each order.",
    "scores": "Survey answers 0-10.",
    "year_client": "Client of each of our sales lines (a year of them).",
    "line_category": "Category of each sales line.",
    "wallet_client": "Wallet[Client].",
    "wallet_category": "Wallet[Category].",
    "wallet_total": "Wallet[Total]: the client's purchases of the category, all suppliers.",
}


def _arg(name: str, help_key: str | None = None) -> Callable[[_F], _F]:
    """Return xlwings' ``@xw.arg`` for ``name`` with the shared help of ``help_key or name``."""
    # xw.arg is looked up at each call, so the classic stand-in's decorator is used under it.
    decorate: Callable[[_F], _F] = xw.arg(name, doc=ARG_HELP[help_key or name])
    return decorate


def _guarded(f: _F) -> _F:
    """Turn any failure into a one-line message in the cell (Excel shows it as the value)."""

    @functools.wraps(f)
    def wrapper(*args: Any) -> Any:
        try:
            return f(*args)
        except (ArgumentError, ClientbaseError, ValueError, KeyError) as exc:
            return f"#CB! {exc}"
        except Exception as exc:  # a cell must never show a traceback
            return f"#CB! {type(exc).__name__}: {exc}"

    return wrapper  # type: ignore[return-value]


def _header(cells: list[object]) -> int:
    """1 when the first cell is a header (text that is no number above a number), else 0."""
    if len(cells) > 1 and isinstance(cells[0], str):
        first, second = parse_number(cells[:2]).bad
        return int(bool(first) and not second)
    return 0


def _lang(value: Any) -> Lang:
    if value is None:
        return "en"
    lang = parse_lang(str(value))
    if lang is None:
        raise ArgumentError("lang must be en or ru.")
    return lang


def _number(value: Any, name: str, default: float) -> float:
    if value is None:
        return default
    parsed = parse_number([value])
    if parsed.bad[0]:
        raise ArgumentError(f"{name} must be a number, got {value!r}.")
    return float(parsed.values.iloc[0]) if not parsed.blank[0] else default


def _share(value: Any, name: str, default: float) -> float:
    """A threshold typed as 80 or 0.8 (a percent-formatted cell), as a fraction."""
    number = _number(value, name, default)
    return number / 100 if number > 1 else number


def _as_of(value: Any, dates: pd.Series) -> pd.Timestamp:
    if value is None:
        return pd.Timestamp(dates.max())
    frame = columns(["as_of"], [value], ["date"])
    if frame.empty:
        return pd.Timestamp(dates.max())
    return pd.Timestamp(frame["as_of"].iloc[0])


def _sales(client: Any, dates: Any, amount: Any, cost: Any = None) -> pd.DataFrame:
    names = ["client", "date", "amount"] + (["cost"] if cost is not None else [])
    values = [client, dates, amount] + ([cost] if cost is not None else [])
    kinds = ["id", "date", "number"] + (["number"] if cost is not None else [])
    frame = columns(names, values, kinds)  # type: ignore[arg-type]
    if frame.empty:
        raise ArgumentError("No sales lines.")
    frame = frame.dropna(subset=["client", "date", "amount"])
    for col in ("cost", "quantity"):
        if col not in frame.columns:
            frame[col] = np.nan
    frame["order"] = pd.NA
    return frame


@xw.func(category=CATEGORY)
@xw.arg("values", doc="The metric per row: revenue, margin or quantity (a table column).")
@xw.arg("a", doc="Cumulative share closing A, default 80 (%).")
@xw.arg("b", doc="Cumulative share closing B, default 95 (%).")
@xw.arg("c", doc="For ABCD: cumulative share closing C (then A, B default 50, 80).")
@_guarded
def CB_ABC(values: Any, a: Any = None, b: Any = None, c: Any = None) -> Any:  # noqa: N802
    """ABC class of each row by its cumulative share of the total (80/95 by default)."""
    cells = flatten(values)
    header = _header(cells)
    parsed = parse_number(cells[header:])
    if parsed.bad.any():
        row = int(np.flatnonzero(parsed.bad)[0])
        raise ArgumentError(f"values: row {row + header + 1} holds {cells[row + header]!r}.")
    if c is None:
        cuts: tuple[float, ...] = (_share(a, "a", 80), _share(b, "b", 95))
    else:
        cuts = (_share(a, "a", 50), _share(b, "b", 80), _share(c, "c", 95))
    if list(cuts) != sorted(cuts):
        raise ArgumentError("Thresholds must increase.")
    metric = pd.Series(parsed.values.to_numpy(), index=range(len(parsed.blank)))
    classes = abc_classes(metric, cuts)["abc"]
    body = [[None if parsed.blank[i] else classes.iloc[i]] for i in range(len(parsed.blank))]
    return [["ABC"]] * header + body


@xw.func(category=CATEGORY)
@xw.arg("monthly", doc="One row per client, one column per month of revenue (blank = 0).")
@xw.arg("x", doc="Coefficient of variation closing X, default 10 (%).")
@xw.arg("y", doc="Coefficient of variation closing Y, default 25 (%).")
@_guarded
def CB_XYZ(monthly: Any, x: Any = None, y: Any = None) -> Any:  # noqa: N802
    """XYZ class of each row by the coefficient of variation of its monthly revenue."""
    grid = monthly if isinstance(monthly, list) else [[monthly]]
    grid = [r if isinstance(r, list) else [r] for r in grid]
    values = pd.DataFrame([parse_number(r).values.fillna(0.0).to_numpy() for r in grid])
    got = xyz_variation(values, (_share(x, "x", 10), _share(y, "y", 25)))
    return [[v] for v in got["xyz"]]


SEGMENT_COLS = tuple(
    c
    for c in tabs.SEGMENTS.block("clients").columns
    if c.key in ("client", "revenue", "orders", "abc", "xyz", "cell")
)


@xw.func(category=CATEGORY)
@xw.arg("client", doc="Client of each sales line (Sales[Client]).")
@xw.arg("dates", doc="Date of each sales line (Sales[Date]).")
@xw.arg("amount", doc="Amount of each sales line, returns negative (Sales[Amount]).")
@_arg("as_of")
@xw.arg("months", doc="Window in months, default 12.")
@_arg("lang")
@_guarded
def CB_SEGMENTS(  # noqa: N802
    client: Any, dates: Any, amount: Any, as_of: Any = None, months: Any = None, lang: Any = None
) -> Any:
    """Per client: revenue, orders, ABC, XYZ (regularity) and the ABC×XYZ cell."""
    sales = _sales(client, dates, amount)
    rules = SegmentRules(months=int(_number(months, "months", 12)))
    day = _as_of(as_of, sales["date"])
    seg = classify_window(monthly_facts(sales, day), day.to_period("M"), rules)
    return rows(seg, SEGMENT_COLS, _lang(lang))


@xw.func(category=CATEGORY)
@xw.arg("values", doc="Revenue per client.")
@_arg("lang")
@_guarded
def CB_PARETO(values: Any, lang: Any = None) -> Any:  # noqa: N802
    """The 80/20 check: the largest 20 % of clients and the fewest making 80 % of revenue."""
    revenue = pd.Series(parse_number(flatten(values)).values.dropna().to_numpy())
    return rows(pareto_table(revenue), tabs.PARETO.block("summary").columns, _lang(lang))


_MIGRATION_COLS = tabs.MIGRATION.block("abc_counts").columns


@xw.func(category=CATEGORY)
@xw.arg("clients_before", doc="Clients of the earlier month.")
@xw.arg("classes_before", doc="Their classes (A, B, C...).")
@xw.arg("clients_after", doc="Clients of the later month.")
@xw.arg("classes_after", doc="Their classes.")
@_arg("lang")
@_guarded
def CB_MIGRATION(  # noqa: N802
    clients_before: Any,
    classes_before: Any,
    clients_after: Any,
    classes_after: Any,
    lang: Any = None,
) -> Any:
    """From -> to matrix of client counts between two months, with new and lost."""
    before = columns(["client", "abc"], [clients_before, classes_before], ["id", "id"])
    after = columns(["client", "abc"], [clients_after, classes_after], ["id", "id"])
    letters = tuple(sorted(set(before["abc"]) | set(after["abc"])))
    for frame in (before, after):
        frame["revenue"] = 0.0
        frame["manager"] = None
    m = moves(before, after, "abc")
    language = _lang(lang)
    table = transitions(
        m,
        letters,
        "clients",
        "Total" if language == "en" else "Итого",
        "New" if language == "en" else "Новые",
    )
    cols = [
        _MIGRATION_COLS[0],
        *(Col(x, Text(x, x), "int") for x in letters),
        *_MIGRATION_COLS[-2:],
    ]
    return rows(table, cols, language)


@xw.func(category=CATEGORY)
@xw.arg("s", doc="S: average order value.")
@xw.arg("c", doc="C: orders a month.")
@xw.arg("p", doc="P: margin share (0.25 or 25 %).")
@xw.arg("t", doc="t: lifetime in months.")
@_guarded
def CB_LTV(s: Any, c: Any, p: Any, t: Any) -> Any:  # noqa: N802
    """LTV = S × C × P × t."""
    share = _number(p, "p", float("nan"))
    share = share / 100 if share > 1 else share
    return (
        _number(s, "s", float("nan"))
        * _number(c, "c", float("nan"))
        * share
        * _number(t, "t", float("nan"))
    )


LTV_COLS = tuple(
    c for c in loyalty_tabs.LTV.block("clients").columns if c.key not in ("name", "manager", "abc")
)


@xw.func(category=CATEGORY)
@_arg("client", "line_client")
@_arg("dates", "line_date")
@_arg("amount", "line_amount")
@_arg("cost", "line_cost")
@_arg("lang")
@_guarded
def CB_LTV_TABLE(client: Any, dates: Any, amount: Any, cost: Any, lang: Any = None) -> Any:  # noqa: N802
    """Per client LTV with its factors S, C, P and t."""
    sales = _sales(client, dates, amount, cost)
    table = ltv_table(monthly_facts(sales, sales["date"].max()))
    return rows(table, LTV_COLS, _lang(lang))


@xw.func(category=CATEGORY)
@_arg("scores")
@_guarded
def CB_NPS(scores: Any) -> Any:  # noqa: N802
    """Net Promoter Score: % of 9-10 minus % of 0-6, from -100 to 100."""
    frame = columns(["score"], [scores], ["score"])
    return nps(frame["score"])


NPS_COLS = (
    Col("group", Text("Group", "Группа"), width=14),
    *loyalty_tabs.NPS.block("overall").columns[:-2],
)


@xw.func(category=CATEGORY)
@_arg("scores")
@xw.arg("groups", doc="Group of each answer: manager, month, segment...")
@_arg("lang")
@_guarded
def CB_NPS_TABLE(scores: Any, groups: Any, lang: Any = None) -> Any:  # noqa: N802
    """NPS per group with answers, promoters, passives and detractors."""
    frame = columns(["score", "group"], [scores, groups], ["score", "id"])
    return rows(nps_table(frame, "group"), NPS_COLS, _lang(lang))


RFM_COLS = tuple(
    c for c in loyalty_tabs.RFM.block("clients").columns if c.key not in ("name", "manager")
)


@xw.func(category=CATEGORY)
@_arg("client", "line_client")
@_arg("dates", "line_date")
@_arg("amount", "line_amount")
@_arg("as_of")
@_arg("lang")
@_guarded
def CB_RFM(client: Any, dates: Any, amount: Any, as_of: Any = None, lang: Any = None) -> Any:  # noqa: N802
    """Recency, frequency, monetary, their 1-5 scores and the segment, per client."""
    sales = _sales(client, dates, amount)
    day = _as_of(as_of, sales["date"])
    docs = orders(sales[sales["date"] <= day])
    table = rfm_table(docs[docs["is_order"]], day)
    chosen = _lang(lang)
    table["segment"] = loyalty_tabs.segment_names(rfm_segments(table), chosen, defaults=True)
    return rows(table, RFM_COLS, chosen)


CHURN_COLS = loyalty_tabs.CHURN.block("by_month").columns


@xw.func(category=CATEGORY)
@_arg("client", "order_client")
@_arg("dates", "order_date")
@_arg("as_of")
@xw.arg("churn_days", doc="Days without an order that make a client churned, default 180.")
@_arg("lang")
@_guarded
def CB_CHURN(  # noqa: N802
    client: Any, dates: Any, as_of: Any = None, churn_days: Any = None, lang: Any = None
) -> Any:
    """Churn rate by month: active at the start, churned, rate."""
    frame = columns(["client", "date"], [client, dates], ["id", "date"]).dropna()
    day = _as_of(as_of, frame["date"])
    months = pd.period_range(end=day.to_period("M"), periods=12, freq="M")
    table = churn_by_month(
        frame.assign(amount=1.0), months, int(_number(churn_days, "churn_days", 180)), day
    )
    return rows(table, CHURN_COLS, _lang(lang))


MARGIN_COLS = tuple(
    c
    for c in loyalty_tabs.PROFITABILITY.block("clients").columns
    if c.key in ("client", "revenue", "margin", "margin_pct")
)


@xw.func(category=CATEGORY)
@_arg("client", "line_client")
@_arg("amount", "line_amount")
@_arg("cost", "line_cost")
@_arg("lang")
@_guarded
def CB_MARGIN(client: Any, amount: Any, cost: Any, lang: Any = None) -> Any:  # noqa: N802
    """Per client revenue, margin and margin %."""
    frame = columns(
        ["client", "amount", "cost"], [client, amount, cost], ["id", "number", "number"]
    ).dropna(subset=["client", "amount"])
    per = (
        frame.assign(margin=frame["amount"] - frame["cost"])
        .groupby("client")
        .agg(revenue=("amount", "sum"), margin=("margin", lambda m: m.sum(min_count=1)))
    )
    per["margin_pct"] = margin_pct(per["margin"], per["revenue"])
    return rows(per.reset_index(), MARGIN_COLS, _lang(lang))


DSO_COLS = tuple(
    c
    for c in loyalty_tabs.TURNOVER.block("dso_clients").columns
    if c.key not in ("name", "manager")
)


@xw.func(category=CATEGORY)
@xw.arg("client", doc="Client of each invoice (Payments[Client]).")
@xw.arg("invoice_dates", doc="Invoice dates.")
@xw.arg("due_dates", doc="Due dates (blank: no due date).")
@xw.arg("paid_dates", doc="Payment dates (blank: open).")
@xw.arg("amount", doc="Invoice amounts.")
@_arg("as_of")
@_arg("lang")
@_guarded
def CB_DSO(  # noqa: N802
    client: Any,
    invoice_dates: Any,
    due_dates: Any,
    paid_dates: Any,
    amount: Any,
    as_of: Any = None,
    lang: Any = None,
) -> Any:
    """Days sales outstanding per client, with open and overdue amounts."""
    frame = columns(
        ["client", "invoice_date", "due_date", "paid_date", "amount"],
        [client, invoice_dates, due_dates, paid_dates, amount],
        ["id", "date", "date", "date", "number"],
    ).dropna(subset=["client", "invoice_date", "amount"])
    day = _as_of(as_of, pd.concat([frame["invoice_date"], frame["paid_date"]]))
    return rows(dso(frame, day), DSO_COLS, _lang(lang))


FUNNEL_COLS = loyalty_tabs.CHURN.block("funnel").columns


@xw.func(category=CATEGORY)
@_arg("client", "order_client")
@_arg("dates", "order_date")
@_arg("lang")
@_guarded
def CB_REPEAT(client: Any, dates: Any, lang: Any = None) -> Any:  # noqa: N802
    """Repeat funnel: clients by first-order month and the share reaching a 2nd, 3rd, 4th order."""
    frame = columns(["client", "date"], [client, dates], ["id", "date"]).dropna()
    return rows(repeat_funnel(frame), FUNNEL_COLS, _lang(lang))


WHITESPACE_COLS = loyalty_tabs.POTENTIAL.block("cells").columns


#: The arguments of the functions that compare our sales with the Wallet sheet, and the
#: ARG_HELP entry of each.
WALLET_ARGS = (
    ("client", "year_client"),
    ("category", "line_category"),
    ("amount", "line_amount"),
    ("wallet_client", None),
    ("wallet_category", None),
    ("wallet_total", None),
    ("lang", None),
)


def _wallet_args(f: _F) -> _F:
    """The argument help of the functions that compare our sales with the Wallet sheet."""
    for name, help_key in WALLET_ARGS:
        f = _arg(name, help_key)(f)
    return f


def _whitespace(
    client: Any,
    category: Any,
    ours: Any,
    wallet_client: Any,
    wallet_category: Any,
    wallet_total: Any,
) -> pd.DataFrame:
    lines = columns(
        ["client", "category", "ours"], [client, category, ours], ["id", "id", "number"]
    ).dropna()
    sales = lines.groupby(["client", "category"])["ours"].sum().reset_index()
    wallet = columns(
        ["client", "category", "total"],
        [wallet_client, wallet_category, wallet_total],
        ["id", "id", "number"],
    )
    return whitespace(sales, wallet.dropna(subset=["client", "category"]))


@xw.func(category=CATEGORY)
@_wallet_args
@_guarded
def CB_PENETRATION(  # noqa: N802
    client: Any,
    category: Any,
    amount: Any,
    wallet_client: Any,
    wallet_category: Any,
    wallet_total: Any,
    lang: Any = None,
) -> Any:
    """Share of wallet, up-sell and cross-sell per client and category (blank: no wallet data)."""
    cells = _whitespace(client, category, amount, wallet_client, wallet_category, wallet_total)
    return rows(cells, WHITESPACE_COLS, _lang(lang))


POTENTIAL_COLS = tuple(
    c
    for c in loyalty_tabs.POTENTIAL.block("clients").columns
    if c.key in ("client", "ours", "wallet", "penetration", "upsell", "crosssell", "potential")
)


@xw.func(category=CATEGORY)
@_wallet_args
@_guarded
def CB_POTENTIAL(  # noqa: N802
    client: Any,
    category: Any,
    amount: Any,
    wallet_client: Any,
    wallet_category: Any,
    wallet_total: Any,
    lang: Any = None,
) -> Any:
    """Per client: our sales, wallet, weighted share of wallet, up-sell, cross-sell, potential."""
    cells = _whitespace(client, category, amount, wallet_client, wallet_category, wallet_total)
    return rows(per_client(cells), POTENTIAL_COLS, _lang(lang))


@xw.func(category=CATEGORY)
@xw.arg("current", doc="Current sales of the period.")
@xw.arg("potential", doc="Potential of the period (blank: unknown, the uplift alone applies).")
@xw.arg("uplift", doc="Uplift, default 15 (%).")
@_guarded
def CB_PLAN(current: Any, potential: Any = None, uplift: Any = None) -> Any:  # noqa: N802
    """Individual plan = current + the smaller of potential and uplift × current."""
    now = pd.Series([_number(current, "current", float("nan"))])
    cap = pd.Series([_number(potential, "potential", float("nan"))])
    return float(plans(now, cap, _share(uplift, "uplift", 15))["plan"].iloc[0])


def _matrix(value: Any) -> list[list[object]]:
    """A 2-D range as rows (a single cell or a single row/column becomes a 1-column table)."""
    if not isinstance(value, list | tuple):
        return [[value]]
    return [list(r) if isinstance(r, list | tuple) else [r] for r in value]


@xw.func(category=CATEGORY)
@xw.arg("clients", doc="Client of each row.")
@xw.arg("metrics", doc="One column per criterion, a value per client (headers name them).")
@xw.arg("weights", doc="Weight of each criterion (0 or more, not all 0).")
@xw.arg("directions", doc="higher or lower per criterion; blank: higher is better.")
@xw.arg("cuts", doc="Score cuts of the groups, default 40 and 70 (%).")
@_arg("lang")
@_guarded
def CB_PRIORITY(  # noqa: N802
    clients: Any,
    metrics: Any,
    weights: Any,
    directions: Any = None,
    cuts: Any = None,
    lang: Any = None,
) -> Any:
    """Priority score 0-1 from weighted criteria, the group (1 = top) and each criterion's score."""
    table = _matrix(metrics)
    ids = flatten(clients)
    width = len(table[0])
    header = len(table) > 1 and all(isinstance(c, str) for c in table[0])
    names = [str(c) for c in table[0]] if header else [f"C{i + 1}" for i in range(width)]
    body = table[1:] if header else table
    ids = ids[1:] if header and len(ids) == len(table) else ids
    if len(ids) != len(body):
        raise ArgumentError(f"{len(ids)} clients but {len(body)} rows of metrics.")
    weight = parse_number(flatten(weights))
    if len(weight.values) != width or weight.bad.any() or weight.blank.any():
        raise ArgumentError(f"weights: give {width} numbers, one per metrics column.")
    if (weight.values < 0).any() or not (weight.values > 0).any():
        raise ArgumentError("weights: 0 or more each, and not all 0.")
    given = flatten(directions) or [None] * width
    if len(given) != width:
        raise ArgumentError(f"directions: give {width}, one per metrics column.")
    higher = [not (d is not None and str(d).strip().casefold() in LOWER_IS_BETTER) for d in given]
    values = pd.DataFrame(
        {f"m{j}": parse_number([row[j] for row in body]).values.to_numpy() for j in range(width)}
    )
    keep = [i is not None and str(i).strip() != "" for i in ids]
    values = values[keep].set_axis([str(i).strip() for i, k in zip(ids, keep, strict=True) if k])
    criteria = pd.DataFrame(
        {
            "criterion": [f"m{j}" for j in range(width)],
            "metric": [f"m{j}" for j in range(width)],
            "weight": weight.values.to_numpy(),
            "higher": higher,
        }
    )
    scores = priority_scores(values, criteria)
    bands = tuple(_share(c, "cuts", 0) for c in flatten(cuts)) if cuts is not None else (0.4, 0.7)
    if list(bands) != sorted(set(bands)) or not all(0 < b < 1 for b in bands):
        raise ArgumentError("cuts: increasing shares between 0 and 100 %.")
    out = pd.DataFrame(
        {
            "client": scores.index,
            "score": scores["score"].to_numpy(),
            "group": priority_group(scores["score"], bands).to_numpy() + 1,
            **{f"criterion_{j}": scores[f"m{j}"].to_numpy() for j in range(width)},
        }
    )
    by_key = {c.key: c for c in with_criteria(names).block("clients").columns}
    cols = [by_key["client"], by_key["score"], PRIORITY_GROUP_COL]
    return rows(out, cols + [by_key[f"criterion_{j}"] for j in range(width)], _lang(lang))


PRIORITY_GROUP_COL = Col("group", Text("Group (1 = top)", "Группа (1 — верхняя)"), "int")


CLV_COLS = tuple(c for c in CLV.block("clients").columns if c.key not in ("name", "manager"))


@xw.func(category=CATEGORY)
@xw.arg("client", doc="Client of each order (Sales[Client]).")
@_arg("dates", "order_date")
@xw.arg("amount", doc="Amount of each order; returns (negative) are left out.")
@_arg("as_of")
@xw.arg("months", doc="Horizon in months, default 12.")
@xw.arg("discount", doc="Discount rate, % a month, default 1.")
@_arg("lang")
@_guarded
def CB_CLV(  # noqa: N802
    client: Any,
    dates: Any,
    amount: Any,
    as_of: Any = None,
    months: Any = None,
    discount: Any = None,
    lang: Any = None,
) -> Any:
    """Probabilistic CLV (MBG/NBD + Gamma-Gamma): P(alive), expected orders, order value, CLV."""
    frame = _sales(client, dates, amount)
    frame = frame[frame["amount"] > 0]
    day = _as_of(as_of, frame["date"])
    result = clv_table(
        clv_summary(frame, day),
        int(_number(months, "months", 12)),
        _number(discount, "discount", 1.0) / 100,
    )
    if result is None:
        raise ArgumentError(f"Fewer than {MIN_REPEAT_CLIENTS} clients ordered on two days or more.")
    table = result.table
    return rows(table, CLV_COLS, _lang(lang))


#: Every worksheet function, in the order defined: each ``CB_`` function of this module, so
#: that a new one is in the catalogue (the docs, the VBA wrappers, the Lite entry, the tests)
#: by being written.
CATALOGUE: tuple[Any, ...] = tuple(
    f for name, f in list(globals().items()) if name.startswith("CB_") and callable(f)
)
#: What ``from clientbase_xl.excel.udfs import *`` gives: the Lite entry imports the catalogue so.
__all__ = [f.__name__ for f in CATALOGUE]
