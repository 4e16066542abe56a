"""The CLV tab: MBG/NBD (or BG/NBD) and Gamma-Gamma fitted on the base, per client and manager."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.clv import clv_by_manager, clv_summary, clv_table, repeat_clients
from clientbase_xl.builders.context import Context
from clientbase_xl.builders.registry import builds
from clientbase_xl.i18n import Text
from clientbase_xl.report.clv_tabs import CLV
from clientbase_xl.report.spec import ResultTab

UNIT_DAYS = 7.0
MEANINGS = {
    "r": Text("shape of purchase rates", "форма распределения частоты покупок"),
    "alpha": Text("scale of purchase rates (weeks)", "масштаб частоты покупок (недели)"),
    "a": Text("drop-out: Beta a", "уход: Beta a"),
    "b": Text("drop-out: Beta b", "уход: Beta b"),
    "p": Text("order value: shape", "стоимость заказа: форма"),
    "q": Text("mean order value across clients: shape", "средний чек по клиентам: форма"),
    "v": Text("mean order value across clients: scale", "средний чек по клиентам: масштаб"),
}
TOO_FEW = Text(
    "Only {n} clients ordered on more than one day: too few to fit the models.",
    "Повторно заказывали только {n} клиентов: слишком мало для модели.",
)
HORIZON = Text(
    "Horizon {months} months, discount {rate:g} % a month.",
    "Горизонт {months} мес., дисконт {rate:g} % в месяц.",
)
#: What P(alive) means under each model, said on the tab.
ALIVE = {
    "mbgnbd": Text(
        "P(alive) is the probability that a client still buys from us, judged from how often "
        "and how lately it bought (modified BG/NBD): a long silence lowers it, for a "
        "one-time buyer too. It is not the Churn tab's rule (no order for a set number of "
        "days), so the two can differ for a client.",
        "P(активен) — вероятность того, что клиент ещё покупает у нас, по тому, как часто и "
        "как давно он покупал (модифицированная BG/NBD): долгое молчание её снижает, и у "
        "разового покупателя тоже. Это не правило листа «Отток» (нет заказов заданное число "
        "дней), поэтому для клиента они могут расходиться.",
    ),
    "bgnbd": Text(
        "P(alive) is the probability that a client still buys from us (classic BG/NBD, chosen "
        "in Settings): this model cannot lose a client who bought only once, so every "
        "one-time buyer shows 100 %; choose mbgnbd in Settings to judge them too.",
        "P(активен) — вероятность того, что клиент ещё покупает у нас (классическая BG/NBD, "
        "выбрана в Параметрах): эта модель не может потерять клиента с одной покупкой, поэтому "
        "у каждого разового покупателя 100 %; выберите mbgnbd в Параметрах, чтобы оценить и их.",
    ),
}


@builds(CLV)
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
