"""Worksheet function of one client's card: CB_CLIENT (the Client card tab)."""

from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.excel.cells import ArgumentError, columns, rows
from clientbase_xl.excel.udfs.args import (
    CATEGORY,
    Day,
    Lang,
    arg,
    guarded,
    last_day,
    sales_lines,
)
from clientbase_xl.i18n import Lang as Language
from clientbase_xl.inputs.model import Inputs
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.report.spec import FIELD, FIELD_COLUMNS, VALUE
from clientbase_xl.tabs.card import CARD, CARD_BLOCKS, card_of, card_table
from clientbase_xl.tabs.context import Context


def card_rows(blocks: dict[str, pd.DataFrame], lang: Language) -> pd.DataFrame:
    """The card as two columns, field and value: each block's fields, then month by month."""
    parts = [blocks[key] for key in CARD_BLOCKS]
    months = CARD.block("months")
    for _, m in blocks["months"].iterrows():
        when = m["month"].strftime("%Y-%m")
        labels = [f"{c.label.format(lang)} {when}" for c in months.columns[1:]]
        values = [m[c.key] for c in months.columns[1:]]
        parts.append(pd.DataFrame({FIELD: labels, VALUE: values}))
    return pd.concat(parts, ignore_index=True)


@xw.func(category=CATEGORY)
@arg("who", help="The client whose card to show.")
@arg("client", shared="line_client")
@arg("dates", shared="line_date")
@arg("amount", shared="line_amount")
@arg("managers", help="Manager of each sales line (optional).")
@arg("as_of", Day)
@arg("lang", Lang)
@guarded
def CB_CLIENT(  # noqa: N802
    who: Any,
    client: Any,
    dates: Any,
    amount: Any,
    managers: Any = None,
    as_of: Any = None,
    lang: Any = "en",
) -> Any:
    """One client's card from sales lines: classes, rhythm, value, RFM, plan, open actions."""
    wanted = columns({"who": ("id", who)})
    if wanted.empty or pd.isna(wanted["who"].iloc[0]):
        raise ArgumentError("who: give the client whose card to show.")
    lines = sales_lines(client, dates, amount, manager=managers)
    if "manager" not in lines.columns:
        lines["manager"] = pd.NA
    lines = lines.assign(product=None, category=None, _row=range(2, len(lines) + 2))
    day = last_day(as_of, lines["date"])
    ctx = Context(Inputs(sales=lines, settings=Settings(as_of=day.date())), lang)
    table = card_table(ctx)
    target = wanted["who"].iloc[0]
    if target not in set(table["client"]):
        raise ArgumentError(f"who: no sales lines of client {target!r}.")
    blocks = card_of(table, target, ctx.month, lang)
    return rows(card_rows(blocks, lang), FIELD_COLUMNS, lang)
