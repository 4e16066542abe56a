"""The RFM tab: recency, frequency and monetary scores and segments."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.rfm import (
    OTHERS,
    rfm_grid,
    rfm_summary,
)
from clientbase_xl.i18n import Lang
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    IN_WINDOW,
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.columns import (
    CLIENT,
    CLIENTS,
    LAST_ORDER,
    MANAGER,
    NAME,
    REVENUE,
    counts_as,
)
from clientbase_xl.tabs.context import TOTAL, Context
from clientbase_xl.tabs.registry import builds

#: Russian names of the default RFM segments (user-defined names are shown as typed).
SEGMENT_RU = {
    "Champions": "Чемпионы",
    "Loyal Customers": "Лояльные",
    "Potential Loyalist": "Потенциально лояльные",
    "New Customers": "Новые",
    "Promising": "Перспективные",
    "Need Attention": "Требуют внимания",
    "About To Sleep": "Засыпающие",
    "At Risk": "Под угрозой",
    "Can't Lose Them": "Нельзя потерять",
    "Lost": "Потерянные",
    OTHERS: "Прочие",
}


def segment_names(names: pd.Series, lang: Lang, defaults: bool) -> pd.Series:
    """RFM segment names as the tab and ``CB_RFM`` show them in ``lang``.

    The default segments (``defaults``) carry the R rfm package's English names, translated
    here; names a user typed into the RFM segments sheet are shown as typed.
    """
    if lang == "ru" and defaults:
        return names.map(lambda n: SEGMENT_RU.get(n, n))
    return names


#: The R × F heat map: a row per R score (5 = bought most recently), a column per F score.
_GRID = (
    Col("r", T("R \\ F", "R \\ F"), width=8),
    *(Col(f"f{k}", T(f"F {k}", f"F {k}"), "int", 11) for k in range(1, 6)),
    Col("total", T("Total", "Итого"), "int", 12),
)
_HEATMAP = (ColourScale("f1", to="f5", body_only=True, palette="intensity"),)


RFM = TabSpec(
    "rfm",
    T("RFM", "RFM"),
    T(
        "Recency, frequency and monetary scores 1-5 and the named segments of the RFM sheet.",
        "Давность, частота и сумма покупок в баллах 1-5 и сегменты из листа RFM.",
    ),
    (
        Block(
            "summary",
            T("Segments", "Сегменты"),
            (
                Col("segment", T("Segment", "Сегмент"), width=22),
                CLIENTS,
                Col("orders", T("Orders", "Заказы"), "int", 9),
                REVENUE,
                Col("aov", T("Average order", "Средний чек"), "money", 12),
                Col(
                    "median_recency", T("Median recency, days", "Медиана давности, дней"), "int", 12
                ),
                Col("median_frequency", T("Median orders", "Медиана заказов"), "ratio", 11),
                Col("median_monetary", T("Median revenue", "Медиана выручки"), "money", 13),
            ),
            (DataBar("revenue"),),
        ),
        Block("grid_clients", T("Clients by R and F", "Клиенты по R и F"), _GRID, _HEATMAP),
        Block(
            "grid_revenue",
            T("Revenue by R and F", "Выручка по R и F"),
            counts_as(_GRID, "money", 14),
            _HEATMAP,
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                CLIENT,
                NAME,
                MANAGER,
                LAST_ORDER,
                Col("recency_days", T("Recency, days", "Давность, дней"), "int", 10),
                Col("frequency", T("Orders", "Заказы"), "int", 8),
                Col("monetary", T("Revenue", "Выручка"), "money", 13),
                Col("r", T("R", "R"), "int", 5),
                Col("f", T("F", "F"), "int", 5),
                Col("m", T("M", "M"), "int", 5),
                Col("rfm_score", T("RFM", "RFM"), "int", 7),
                Col("segment", T("Segment", "Сегмент"), width=22),
            ),
            (ColourScale("rfm_score"),),
        ),
    ),
    charts=(
        Chart(
            "summary",
            "column",
            T("Median recency per segment, days", "Медиана давности по сегментам, дней"),
            "segment",
            ("median_recency",),
        ),
    ),
    counts=("clients", IN_WINDOW),
)


@builds(RFM, udfs=("CB_RFM",), doc="RFM")
def rfm_tab(ctx: Context) -> ResultTab:
    """RFM scores and segments of the clients who ordered in the window."""
    table = ctx.with_names(ctx.rfm)
    table["segment"] = segment_names(
        table["segment"], ctx.lang, defaults=ctx.inputs.rfm_segments is None
    )
    summary = rfm_summary(table).sort_values("revenue", ascending=False, kind="stable")
    total = ctx.text(TOTAL)
    frames = {
        "summary": summary,
        "grid_clients": rfm_grid(table, "clients", total),
        "grid_revenue": rfm_grid(table, "monetary", total),
        "clients": table,
    }
    return ResultTab(RFM, frames, ctx.note)
