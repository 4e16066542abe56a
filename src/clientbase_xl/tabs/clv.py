"""The CLV tab: probabilistic customer lifetime value (MBG/NBD or BG/NBD with Gamma-Gamma)."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.clv import clv_by_manager, clv_summary, clv_table, repeat_clients
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    EVER_ORDERED,
    Block,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_FIGURES = (
    Col("p_alive", T("P(alive)", "P(активен)"), "pct", 11),
    Col("expected_orders", T("Expected orders", "Ожидаемые заказы"), "ratio", 11),
    Col("expected_spend", T("Expected order value", "Ожидаемый чек"), "money", 13),
    Col("clv", T("CLV", "CLV"), "money", 14),
)


CLV = TabSpec(
    "clv",
    T("CLV", "CLV"),
    T(
        "Probabilistic customer value: (M)BG/NBD says how many orders each client will place in "
        "the horizon and how likely it is still buying, Gamma-Gamma what an order will be "
        "worth; CLV is their discounted product.",
        "Вероятностная ценность клиента: (M)BG/NBD — сколько заказов клиент сделает за горизонт и "
        "насколько вероятно, что он ещё покупает; Gamma-Gamma — сколько будет стоить заказ; "
        "CLV — их дисконтированное произведение.",
    ),
    (
        Block(
            "model",
            T("Fitted model", "Параметры модели"),
            (
                Col("parameter", T("Parameter", "Параметр"), width=14),
                Col("value", T("Value", "Значение"), "ratio", 12),
                Col("meaning", T("Meaning", "Смысл"), width=60, wrap=True),
            ),
        ),
        Block(
            "by_manager",
            T("By manager", "По менеджерам"),
            (
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("p_alive", T("P(alive), average", "P(активен), среднее"), "pct", 11),
                Col("expected_orders", T("Expected orders", "Ожидаемые заказы"), "ratio", 11),
                Col("clv", T("CLV, total", "CLV, всего"), "money", 15),
            ),
            (DataBar("clv"),),
        ),
        Block(
            "clients",
            T("Clients", "Клиенты"),
            (
                Col("client", T("Client", "Клиент"), width=14),
                Col("name", T("Name", "Наименование"), width=26),
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("frequency", T("Repeat order days", "Дней с повторными заказами"), "int", 13),
                Col("recency", T("Recency, weeks", "Давность, нед."), "ratio", 10),
                Col("T", T("Age, weeks", "Возраст, нед."), "ratio", 10),
                Col("monetary", T("Average repeat order", "Средний повторный заказ"), "money", 13),
                *_FIGURES,
            ),
            (DataBar("clv"), ColourScale("p_alive")),
        ),
    ),
    counts=("clients", EVER_ORDERED),
)


UNIT_DAYS = 7.0


MEANINGS = {
    "r": T("shape of purchase rates", "форма распределения частоты покупок"),
    "alpha": T("scale of purchase rates (weeks)", "масштаб частоты покупок (недели)"),
    "a": T("drop-out: Beta a", "уход: Beta a"),
    "b": T("drop-out: Beta b", "уход: Beta b"),
    "p": T("order value: shape", "стоимость заказа: форма"),
    "q": T("mean order value across clients: shape", "средний чек по клиентам: форма"),
    "v": T("mean order value across clients: scale", "средний чек по клиентам: масштаб"),
}


TOO_FEW = T(
    "Only {n} clients ordered on more than one day: too few to fit the models.",
    "Повторно заказывали только {n} клиентов: слишком мало для модели.",
)


HORIZON = T(
    "Horizon {months} months, discount {rate:g} % a month.",
    "Горизонт {months} мес., дисконт {rate:g} % в месяц.",
)


#: What P(alive) means under each model, said on the tab.
ALIVE = {
    "mbgnbd": T(
        "P(alive) is the probability that a client still buys from us, judged from how often "
        "and how lately it bought (modified BG/NBD): a long silence lowers it, for a "
        "one-time buyer too. It is not the Churn tab's rule (no order for a set number of "
        "days), so the two can differ for a client.",
        "P(активен) — вероятность того, что клиент ещё покупает у нас, по тому, как часто и "
        "как давно он покупал (модифицированная BG/NBD): долгое молчание её снижает, и у "
        "разового покупателя тоже. Это не правило листа «Отток» (нет заказов заданное число "
        "дней), поэтому для клиента они могут расходиться.",
    ),
    "bgnbd": T(
        "P(alive) is the probability that a client still buys from us (classic BG/NBD, chosen "
        "in Settings): this model cannot lose a client who bought only once, so every "
        "one-time buyer shows 100 %; choose mbgnbd in Settings to judge them too.",
        "P(активен) — вероятность того, что клиент ещё покупает у нас (классическая BG/NBD, "
        "выбрана в Параметрах): эта модель не может потерять клиента с одной покупкой, поэтому "
        "у каждого разового покупателя 100 %; выберите mbgnbd в Параметрах, чтобы оценить и их.",
    ),
}


@builds(CLV, udfs=("CB_CLV",), doc="Probabilistic CLV (beyond the seeds)")
def clv_tab(ctx: Context) -> ResultTab:
    """P(alive), expected orders and spend, and discounted CLV per client."""
    summary = clv_summary(ctx.orders, ctx.inputs.as_of, UNIT_DAYS)
    months, rate = ctx.settings.clv_months, ctx.settings.clv_discount
    note = " ".join(
        (
            ctx.note,
            ctx.text(HORIZON, months=months, rate=rate),
            ctx.text(ALIVE[ctx.settings.clv_model]),
        )
    )
    modified = ctx.settings.clv_model == "mbgnbd"
    result = clv_table(summary, months, ctx.settings.discount, UNIT_DAYS, modified)
    if result is None:
        empty = {b.key: pd.DataFrame(columns=b.column_keys()) for b in CLV.blocks}
        return ResultTab(CLV, empty, note + " " + ctx.text(TOO_FEW, n=repeat_clients(summary)))
    orders_model, spend_model = result.orders_model, result.spend_model
    table = ctx.with_names(result.table)
    model = pd.DataFrame(
        [
            {"parameter": name, "value": value, "meaning": ctx.text(MEANINGS[name])}
            for name, value in (
                ("r", orders_model.r),
                ("alpha", orders_model.alpha),
                ("a", orders_model.a),
                ("b", orders_model.b),
                ("p", spend_model.p),
                ("q", spend_model.q),
                ("v", spend_model.v),
            )
        ]
    )
    by_manager = clv_by_manager(table)
    return ResultTab(
        CLV,
        {
            "model": model,
            "by_manager": by_manager,
            "clients": table.sort_values("clv", ascending=False, kind="stable"),
        },
        note,
    )
