"""The Products tab: ABC/XYZ of categories and products, assortment depth, ticket bands."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.assortment import (
    carriers,
    classify_items,
    depth,
    quartile_bounds,
    ticket_bands,
)
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    IN_WINDOW,
    Block,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import CLIENT, MANAGER, NAME
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_CLASSES = (
    Col("revenue", T("Revenue", "Выручка"), "money", 14),
    Col("share", T("Share", "Доля"), "pct", 9),
    Col("abc", T("ABC", "ABC"), width=6),
    Col("xyz", T("XYZ", "XYZ"), width=6),
    Col("clients", T("Clients", "Клиенты"), "int", 9),
)

PRODUCTS = TabSpec(
    "products",
    T("Products", "Товары"),
    T(
        "Categories and products by ABC (revenue) and XYZ, with the same cuts and window as the "
        "clients; who buys each A product; each client's assortment depth and the categories "
        "it does not buy; orders by size (ticket bands).",
        "Категории и товары по ABC (выручка) и XYZ с теми же границами и окном, что у "
        "клиентов; кто покупает каждый товар A; глубина ассортимента клиента и категории, "
        "которых он не берёт; заказы по сумме (диапазоны чеков).",
    ),
    (
        Block(
            "categories",
            T("Categories", "Категории"),
            (Col("category", T("Category", "Категория"), width=18), *_CLASSES),
            (DataBar("revenue"),),
        ),
        Block(
            "tickets",
            T("Ticket bands: orders by size", "Диапазоны чеков: заказы по сумме"),
            (
                Col("band", T("Order total", "Сумма заказа"), width=22),
                Col("orders", T("Orders", "Заказы"), "int", 9),
                Col("order_share", T("Share of orders", "Доля заказов"), "pct", 10),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("revenue_share", T("Share of revenue", "Доля выручки"), "pct", 10),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("average", T("Average ticket", "Средний чек"), "money", 12),
            ),
            (DataBar("order_share"), DataBar("revenue_share")),
        ),
        Block(
            "products",
            T("Products", "Товары"),
            (
                Col("product", T("Product", "Товар"), width=20),
                *_CLASSES,
                Col(
                    "top_clients",
                    T("Largest buyers (A products)", "Крупнейшие покупатели (A)"),
                    width=40,
                ),
            ),
            (DataBar("revenue"),),
        ),
        Block(
            "depth",
            T("Assortment depth per client", "Глубина ассортимента по клиентам"),
            (
                CLIENT,
                NAME,
                MANAGER,
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                Col("categories", T("Categories bought", "Категорий куплено"), "int", 10),
                Col("offered", T("Categories sold", "Категорий продаётся"), "int", 10),
                Col("depth", T("Depth", "Глубина"), "pct", 9),
                Col(
                    "lacks",
                    T("Best sellers it does not buy", "Ходовые категории, которых нет"),
                    width=44,
                ),
            ),
            (ColourScale("depth"),),
        ),
    ),
    counts=("depth", IN_WINDOW),
)

UP_TO = T("up to {high}", "до {high}")
OVER = T("over {low}", "свыше {low}")
BETWEEN = T("{low} to {high}", "от {low} до {high}")
NO_PRODUCTS = T(
    "Sales have no Product column: the products block is empty.",
    "В продажах нет столбца «Товар»: блок товаров пуст.",
)
NO_CATEGORIES = T(
    "Sales have no Category column: categories and depth are empty.",
    "В продажах нет столбца «Категория»: категории и глубина пусты.",
)
QUARTILES = T(
    "Ticket bands are the quartiles of the window's orders (Settings: Ticket bands).",
    "Диапазоны чеков — квартили заказов окна (параметр «Границы чеков»).",
)


def _band_names(ctx: Context, bands: pd.DataFrame) -> list[str]:
    def money(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"

    out = []
    for low, high in zip(bands["low"], bands["high"], strict=True):
        if np.isnan(low) and np.isnan(high):
            out.append(ctx.text(T("every order", "все заказы")))
        elif np.isnan(low):
            out.append(ctx.text(UP_TO, high=money(high)))
        elif np.isnan(high):
            out.append(ctx.text(OVER, low=money(low)))
        else:
            out.append(ctx.text(BETWEEN, low=money(low), high=money(high)))
    return out


def _with_share(frame: pd.DataFrame) -> pd.DataFrame:
    total = frame["revenue"].clip(lower=0).sum()
    return frame.assign(share=frame["revenue"] / total if total else np.nan)


@builds(PRODUCTS, udfs=("CB_PRODUCTS",), doc="Products and assortment (seed 002)")
def products_tab(ctx: Context) -> ResultTab:
    """ABC/XYZ of categories and products, carriers of A products, depth, ticket bands."""
    lines = ctx.inputs.sales
    as_of = ctx.inputs.as_of
    notes = [ctx.note]
    has_category = lines["category"].notna().any()
    has_product = lines["product"].notna().any()
    window = ctx.window_lines
    # The window's lines are all a classification reads: a third of a 3-year history's work.
    categories = _with_share(classify_items(window, "category", as_of, ctx.rules))
    products = _with_share(classify_items(window, "product", as_of, ctx.rules))
    attributes = ctx.attributes.set_index("client")
    shown = attributes["name"].where(attributes["name"].notna(), attributes.index.to_series())
    a_products = list(products.loc[products["abc"] == "A", "product"])
    carried = carriers(window, a_products, shown)
    products = products.merge(carried[["product", "top_clients"]], on="product", how="left")
    revenue = ctx.segments.set_index("client")["revenue"]
    deep = ctx.with_names(depth(window))
    deep["revenue"] = deep["client"].map(revenue)
    deep = deep.sort_values(["revenue", "client"], ascending=[False, True], kind="stable")
    docs = ctx.documents[ctx.documents["date"] >= ctx.window_start]
    bounds = ctx.settings.ticket_bands
    if not bounds:
        bounds = quartile_bounds(docs.loc[docs["is_order"], "amount"])
        notes.append(ctx.text(QUARTILES))
    tickets = ticket_bands(docs, bounds)
    tickets["band"] = _band_names(ctx, tickets)
    if not has_product:
        notes.append(ctx.text(NO_PRODUCTS))
    if not has_category:
        notes.append(ctx.text(NO_CATEGORIES))
    return ResultTab(
        PRODUCTS,
        {"categories": categories, "tickets": tickets, "products": products, "depth": deep},
        " ".join(notes),
    )
