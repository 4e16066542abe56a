"""Worksheet function of RFM: CB_RFM (the RFM tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.orders import orders
from clientbase_xl.analytics.rfm import rfm_segments, rfm_table
from clientbase_xl.excel.cells import rows
from clientbase_xl.excel.udfs.args import CATEGORY, Day, Lang, arg, guarded, last_day, sales_lines
from clientbase_xl.tabs import RFM
from clientbase_xl.tabs.rfm import segment_names

_COLS = RFM.block("clients").without("name", "manager")


@xw.func(category=CATEGORY)
@arg("client", shared="line_client")
@arg("dates", shared="line_date")
@arg("amount", shared="line_amount")
@arg("as_of", Day)
@arg("lang", Lang)
@guarded
def CB_RFM(client: Any, dates: Any, amount: Any, as_of: Any = None, lang: Any = "en") -> Any:  # noqa: N802
    """Recency, frequency, monetary, their 1-5 scores and the segment, per client."""
    sales = sales_lines(client, dates, amount)
    day = last_day(as_of, sales["date"])
    docs = orders(sales[sales["date"] <= day])
    table = rfm_table(docs[docs["is_order"]], day)
    table["segment"] = segment_names(rfm_segments(table), lang, defaults=True)
    return rows(table, _COLS, lang)
