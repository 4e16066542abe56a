"""Worksheet functions of share of wallet and plans: CB_PENETRATION, CB_POTENTIAL, CB_PLAN.

The Potential and Plan tabs compute the same from the Sales and Wallet sheets.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.wallet import (
    WHITESPACE_COLUMNS,
    estimates_at,
    per_client,
    plans,
    whitespace,
)
from clientbase_xl.excel.cells import ArgumentError, columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, Number, Share, arg, guarded
from clientbase_xl.inputs.schema import Kind
from clientbase_xl.tabs import POTENTIAL

_F = TypeVar("_F", bound=Callable[..., Any])
_CELL_COLS = POTENTIAL.block("cells").only(*WHITESPACE_COLUMNS)
_CLIENT_COLS = POTENTIAL.block("clients").only(
    "client", "ours", "wallet", "penetration", "upsell", "crosssell", "potential"
)


def _wallet_args(f: _F) -> _F:
    """The arguments of the functions that compare our sales with the Wallet sheet."""
    decorators = (
        arg("client", shared="year_client"),
        arg("category", shared="line_category"),
        arg("amount", shared="line_amount"),
        arg("wallet_client"),
        arg("wallet_category"),
        arg("wallet_total"),
        arg("lang", Lang),
        arg("wallet_date"),
    )
    for decorate in decorators:
        f = decorate(f)
    return f


def _whitespace(
    client: Any,
    category: Any,
    ours: Any,
    wallet_client: Any,
    wallet_category: Any,
    wallet_total: Any,
    wallet_date: Any,
) -> pd.DataFrame:
    """The client × category cells of the arguments; with ``wallet_date``, the latest estimate.

    A pair estimated twice without dates would count its wallet twice: an error naming it.
    """
    lines = columns(
        {"client": ("id", client), "category": ("id", category), "ours": ("number", ours)}
    ).dropna()
    sales = lines.groupby(["client", "category"])["ours"].sum().reset_index()
    given: dict[str, tuple[Kind, Any]] = {
        "client": ("id", wallet_client),
        "category": ("id", wallet_category),
        "total": ("number", wallet_total),
    }
    if wallet_date is not None:
        given["date"] = ("date", wallet_date)
    wallet = columns(given).dropna(subset=["client", "category"])
    if wallet_date is not None:
        wallet = estimates_at(wallet, pd.Timestamp.max)[["client", "category", "total"]]
    twice = wallet[wallet.duplicated(["client", "category"])]
    if len(twice):
        first = twice.iloc[0]
        raise ArgumentError(
            f"{first['client']} has two wallet estimates of {first['category']}: pass their "
            "dates (wallet_date, Wallet[Estimated on]) so the latest counts, or keep one row "
            "per client and category."
        )
    return whitespace(sales, wallet)


@xw.func(category=CATEGORY)
@_wallet_args
@guarded
def CB_PENETRATION(  # noqa: N802
    client: Any,
    category: Any,
    amount: Any,
    wallet_client: Any,
    wallet_category: Any,
    wallet_total: Any,
    lang: Any = "en",
    wallet_date: Any = None,
) -> Any:
    """Share of wallet, up-sell and cross-sell per client and category (blank: no wallet data)."""
    cells = _whitespace(
        client, category, amount, wallet_client, wallet_category, wallet_total, wallet_date
    )
    return rows(cells, _CELL_COLS, lang)


@xw.func(category=CATEGORY)
@_wallet_args
@guarded
def CB_POTENTIAL(  # noqa: N802
    client: Any,
    category: Any,
    amount: Any,
    wallet_client: Any,
    wallet_category: Any,
    wallet_total: Any,
    lang: Any = "en",
    wallet_date: Any = None,
) -> Any:
    """Per client: our sales, wallet, weighted share of wallet, up-sell, cross-sell, potential."""
    cells = _whitespace(
        client, category, amount, wallet_client, wallet_category, wallet_total, wallet_date
    )
    return rows(per_client(cells), _CLIENT_COLS, lang)


@xw.func(category=CATEGORY)
@arg("current", Number, help="Current sales of the period.")
@arg(
    "potential", Number, help="Potential of the period (blank: unknown, the uplift alone applies)."
)
@arg("uplift", Share, help="Uplift, default 15 (%).")
@guarded
def CB_PLAN(current: Any, potential: Any = float("nan"), uplift: Any = 0.15) -> Any:  # noqa: N802
    """Individual plan = current + the smaller of potential and uplift × current."""
    planned = plans(pd.Series([current]), pd.Series([potential]), uplift)
    return float(planned["plan"].iloc[0])
