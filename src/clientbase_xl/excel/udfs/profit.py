"""Worksheet function of profitability: CB_MARGIN (the Profitability tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.profit import margin_pct
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, arg, guarded
from clientbase_xl.tabs import PROFITABILITY

_COLS = PROFITABILITY.block("clients").only("client", "revenue", "margin", "margin_pct")


@xw.func(category=CATEGORY)
@arg("client", shared="line_client")
@arg("amount", shared="line_amount")
@arg("cost", shared="line_cost")
@arg("lang", Lang)
@guarded
def CB_MARGIN(client: Any, amount: Any, cost: Any, lang: Any = "en") -> Any:  # noqa: N802
    """Per client revenue, margin and margin %."""
    frame = columns(
        {"client": ("id", client), "amount": ("number", amount), "cost": ("number", cost)}
    ).dropna(subset=["client", "amount"])
    per = (
        frame.assign(margin=frame["amount"] - frame["cost"])
        .groupby("client")
        .agg(revenue=("amount", "sum"), margin=("margin", lambda m: m.sum(min_count=1)))
    )
    per["margin_pct"] = margin_pct(per["margin"], per["revenue"])
    return rows(per.reset_index(), _COLS, lang)
