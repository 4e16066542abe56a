"""Worksheet function of products and assortment: CB_PRODUCTS (the Products tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.abc_xyz import SegmentRules
from clientbase_xl.analytics.assortment import classify_items
from clientbase_xl.excel.cells import ArgumentError, columns, rows
from clientbase_xl.excel.udfs.args import (
    CATEGORY,
    Count,
    Day,
    Lang,
    arg,
    guarded,
    last_day,
    sales_lines,
)
from clientbase_xl.tabs.products import PRODUCTS

ITEM_COLS = PRODUCTS.block("products").only("product", "revenue", "abc", "xyz", "clients")


@xw.func(category=CATEGORY)
@arg("item", help="Product (or category) of each sales line (Sales[Product]).")
@arg("client", shared="line_client")
@arg("dates", shared="line_date")
@arg("amount", shared="line_amount")
@arg("as_of", Day)
@arg("months", Count)
@arg("lang", Lang)
@guarded
def CB_PRODUCTS(  # noqa: N802
    item: Any,
    client: Any,
    dates: Any,
    amount: Any,
    as_of: Any = None,
    months: Any = 12,
    lang: Any = "en",
) -> Any:
    """Per product (or category): revenue, ABC, XYZ (regularity) and the clients buying it."""
    sales = sales_lines(client, dates, amount)
    items = columns({"product": ("id", item)})
    if len(items) != len(sales):
        raise ArgumentError("item and the sales ranges differ in length.")
    sales["product"] = items["product"].to_numpy()
    day = last_day(as_of, sales["date"])
    return rows(classify_items(sales, "product", day, SegmentRules(months)), ITEM_COLS, lang)
