"""Worksheet function of each client's buying rhythm: CB_RHYTHM (the Actions tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.rhythm import RhythmRules, stages
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Count, Day, Lang, Number, arg, guarded, last_day
from clientbase_xl.tabs.actions import BASIS_TEXT, RHYTHM_COLUMNS
from clientbase_xl.tabs.columns import STAGE_TEXT


@xw.func(category=CATEGORY)
@arg("client", shared="order_client")
@arg("dates", shared="order_date")
@arg("as_of", Day)
@arg("tolerance", Number, help="Late past the rhythm by this many spreads, default 2.")
@arg("sleeping", Number, help="Sleeping after this many rhythms, default 3.")
@arg("churn_days", Count)
@arg("lang", Lang)
@guarded
def CB_RHYTHM(  # noqa: N802
    client: Any,
    dates: Any,
    as_of: Any = None,
    tolerance: Any = 2.0,
    sleeping: Any = 3.0,
    churn_days: Any = 180,
    lang: Any = "en",
) -> Any:
    """Per client: own rhythm in days, next order due, days late and stage (active ... churned)."""
    orders = columns({"client": ("id", client), "date": ("date", dates)}).dropna()
    day = last_day(as_of, orders["date"])
    table = stages(
        orders[orders["date"] <= day], day, None, RhythmRules(tolerance, sleeping, churn_days)
    )
    table["stage"] = table["stage"].map(lambda s: STAGE_TEXT[s].format(lang))
    table["basis"] = table["basis"].map(lambda b: BASIS_TEXT[b].format(lang))
    return rows(table, RHYTHM_COLUMNS, lang)
