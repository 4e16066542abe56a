"""Worksheet function of receivables turnover: CB_DSO (the Turnover tab)."""

from typing import Any

import pandas as pd
import xlwings as xw

from clientbase_xl.analytics.turnover import dso
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Day, Lang, arg, guarded, last_day
from clientbase_xl.tabs import TURNOVER

_COLS = TURNOVER.block("dso_clients").without("name", "manager")


@xw.func(category=CATEGORY)
@arg("client", help="Client of each invoice (Payments[Client]).")
@arg("invoice_dates", help="Invoice dates.")
@arg("due_dates", help="Due dates (blank: no due date).")
@arg("paid_dates", help="Payment dates (blank: open).")
@arg("amount", help="Invoice amounts.")
@arg("as_of", Day)
@arg("lang", Lang)
@guarded
def CB_DSO(  # noqa: N802
    client: Any,
    invoice_dates: Any,
    due_dates: Any,
    paid_dates: Any,
    amount: Any,
    as_of: Any = None,
    lang: Any = "en",
) -> Any:
    """Days sales outstanding per client, with open and overdue amounts."""
    frame = columns(
        {
            "client": ("id", client),
            "invoice_date": ("date", invoice_dates),
            "due_date": ("date", due_dates),
            "paid_date": ("date", paid_dates),
            "amount": ("number", amount),
        }
    ).dropna(subset=["client", "invoice_date", "amount"])
    day = last_day(as_of, pd.concat([frame["invoice_date"], frame["paid_date"]]))
    return rows(dso(frame, day), _COLS, lang)
