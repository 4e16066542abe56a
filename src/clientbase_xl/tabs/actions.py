"""The Actions tab: what each manager does this week, client by client, with the reason.

Every client that needs something, from its own buying rhythm (late, sleeping), its classes
(ABC or XYZ worse than last month), its plan, invoices, survey answers, a second order due,
the next ABC class within reach and a category it buys elsewhere. Largest money at stake
first, per manager, the top items of each; each manager's load and reasons counted on top.
"""

from __future__ import annotations

import math

import pandas as pd

from clientbase_xl.analytics.actions import (
    REASONS,
)
from clientbase_xl.analytics.rhythm import STAGES
from clientbase_xl.i18n import Lang
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.schema import MEASURE_DIRECTIONS, MEASURE_STATUSES
from clientbase_xl.report.spec import (
    Block,
    Col,
    DataBar,
    ResultTab,
    TabSpec,
    TextIs,
)
from clientbase_xl.tabs.columns import (
    ABC,
    BAD_STAGES,
    BASIS,
    CLIENT,
    CLIENTS,
    DAYS_LATE,
    LAST_ORDER,
    MANAGER,
    NAME,
    NEXT_DUE,
    RHYTHM,
    STAGE,
    STAGE_TEXT,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

REASON_TEXT = {
    "late": T("Late", "Опаздывает"),
    "sleeping": T("Sleeping", "Спит"),
    "abc_down": T("ABC dropped", "ABC снизился"),
    "xyz_down": T("Less regular", "Реже покупает"),
    "behind_plan": T("Behind plan", "Отстаёт от плана"),
    "overdue": T("Overdue invoice", "Просрочен счёт"),
    "detractor": T("Detractor", "Критик"),
    "second_order": T("Second order due", "Пора второй заказ"),
    "next_class": T("Near next class", "Почти класс выше"),
    "cross_sell": T("Cross-sell", "Кросс-продажа"),
}
WHY = {
    "late": T(
        "{value} days past due (orders every {other} days)",
        "просрочка {value} дн. (заказывает раз в {other} дн.)",
    ),
    "sleeping": T(
        "{value} days past due: three rhythms and more (every {other} days)",
        "просрочка {value} дн.: больше трёх ритмов (раз в {other} дн.)",
    ),
    "abc_down": T("ABC {label} since last month", "ABC {label} с прошлого месяца"),
    "xyz_down": T(
        "XYZ {label} since last month: buys less regularly",
        "XYZ {label} с прошлого месяца: покупает менее регулярно",
    ),
    "behind_plan": T(
        "{value} of a plan of {other} last month", "{value} из плана {other} за прошлый месяц"
    ),
    "overdue": T("{value} overdue", "просрочено {value}"),
    "detractor": T("scored {value} on {label}", "оценка {value} от {label}"),
    "second_order": T(
        "one order, {value} days ago; repeat buyers return after {other}",
        "один заказ, {value} дн. назад; повторные покупатели возвращаются через {other}",
    ),
    "next_class": T(
        "{value} more in the window reaches class {label}",
        "ещё {value} за окно — и класс {label}",
    ),
    "cross_sell": T(
        "buys {label} elsewhere: {value} a year", "покупает {label} у других: {value} в год"
    ),
}
BASIS_TEXT = {
    "own": T("own", "свой"),
    "segment": T("its ABC class", "его класса ABC"),
    "all": T("all clients", "всех клиентов"),
    "none": T("none", "нет"),
}
NOTE = T(
    "As of {as_of}. {shown} of {total} actions shown: the top {top} of each manager.",
    "На {as_of}. Показано действий: {shown} из {total} — первые {top} у каждого менеджера.",
)
_STAKE = Col("stake", T("At stake", "На кону"), "money", 14)
_REASON_COLS = tuple(Col(r, REASON_TEXT[r], "int", 10) for r in REASONS)
#: What CB_RHYTHM returns per client; the Client card's table holds each client's rhythm.
RHYTHM_COLUMNS = (
    CLIENT,
    Col("order_days", T("Order days", "Дней с заказами"), "int", 9),
    LAST_ORDER,
    RHYTHM,
    BASIS,
    NEXT_DUE,
    Col("days_since", T("Days since", "Дней с заказа"), "int", 9),
    DAYS_LATE,
    STAGE,
)

#: Columns of a measure as the Actions and Priority tabs list it; the owner is the manager, so a
#: manager's own file keeps their measures.
MEASURE_LIST = (
    Col("manager", T("Owner", "Ответственный"), width=18),
    Col("direction", T("Direction", "Направление"), width=24),
    Col("measure", T("Measure", "Мероприятие"), width=40),
    Col("group", T("Priority group", "Группа"), width=14),
    Col("client", T("Client", "Клиент"), width=14),
    Col("deadline", T("Deadline", "Срок"), "date", 11),
    Col("resources", T("Resources", "Ресурсы"), width=20),
    Col("state", T("State", "Состояние"), width=14),
    Col("overdue", T("Days overdue", "Дней просрочки"), "int", 10),
)
OVERDUE_MARK = T("overdue", "просрочено")


def measure_rows(ctx: Context, plan: pd.DataFrame) -> pd.DataFrame:
    """The tracked measure plan as :data:`MEASURE_LIST` shows it, in the tab's language."""
    state = [
        ctx.text(OVERDUE_MARK) if pd.notna(late) else ctx.text(MEASURE_STATUSES[status])
        for status, late in zip(plan["status"], plan["overdue"], strict=True)
    ]
    return plan.assign(
        manager=plan["owner"],
        direction=[ctx.text(MEASURE_DIRECTIONS[d]) for d in plan["direction"]],
        state=state,
    )


ACTIONS = TabSpec(
    "actions",
    T("Actions", "Действия"),
    T(
        "What each manager does this week: clients that need something, why, and the money "
        "at stake.",
        "Что делает каждый менеджер на этой неделе: клиенты, которым нужно внимание, почему "
        "и сколько денег на кону.",
    ),
    (
        Block(
            "load",
            T("Managers", "Менеджеры"),
            (
                MANAGER,
                Col("actions", T("Actions", "Действий"), "int", 9),
                CLIENTS,
                _STAKE,
                Col("not_shown", T("Not listed", "Не показано"), "int", 10),
                *_REASON_COLS,
            ),
            (DataBar("stake"),),
        ),
        Block(
            "actions",
            T("To do, largest stake first", "Сделать, по убыванию суммы"),
            (
                MANAGER,
                Col("rank", T("#", "№"), "int", 5),
                CLIENT,
                NAME,
                Col("reason", T("Reason", "Причина"), width=18),
                Col("why", T("Why", "Почему"), width=48),
                _STAKE,
                STAGE,
                NEXT_DUE,
                ABC,
            ),
            (DataBar("stake"), *BAD_STAGES),
        ),
        Block(
            "measures",
            T("Open measures of the measure plan", "Открытые мероприятия плана"),
            MEASURE_LIST,
            (TextIs("state", OVERDUE_MARK.en, "bad"), TextIs("state", OVERDUE_MARK.ru, "bad")),
        ),
        Block(
            "stages",
            T("Clients by stage", "Клиенты по стадиям"),
            (
                STAGE,
                CLIENTS,
                Col("monthly", T("Revenue a month", "Выручка в месяц"), "money", 14),
            ),
        ),
    ),
)


def _number(value: float, lang: Lang) -> str:
    """A figure of a sentence: whole, thousands grouped as the language writes them."""
    text = f"{value:,.0f}"
    return text.replace(",", "\u00a0") if lang == "ru" else text


def why(items: pd.DataFrame, lang: Lang) -> pd.Series:
    """The sentence of each item: its reason's template filled with its figures."""

    def figure(value: float) -> str:
        return "" if math.isnan(value) else _number(value, lang)

    sentences = [
        WHY[reason].format(lang, label=label, value=figure(value), other=figure(other))
        for reason, label, value, other in zip(
            items["reason"], items["label"], items["value"], items["other"], strict=True
        )
    ]
    return pd.Series(sentences, index=items.index, dtype=object)


def _described(ctx: Context, items: pd.DataFrame) -> pd.DataFrame:
    """Collected actions with the client's stage, next order due, name, group and why.

    The manager is as the tabs show it; the stage and the reason stay codes.
    """
    out = items.merge(ctx.rhythm[["client", "stage", "next_due"]], on="client", how="left")
    out = ctx.with_names(out)
    out["why"] = why(out, ctx.lang)
    out["manager"] = ctx.shown_managers(out["manager"])
    return out


@builds(ACTIONS, udfs=("CB_RHYTHM",), doc="Actions and each client's rhythm")
def actions_tab(ctx: Context) -> ResultTab:
    """The load per manager, the top actions of each, and the clients by rhythm stage."""
    s = ctx.settings
    monthly = ctx.monthly
    _, actions, load = ctx.actions
    stages = (
        ctx.rhythm.assign(monthly=ctx.rhythm["client"].map(monthly).fillna(0.0))
        .groupby("stage")
        .agg(clients=("client", "size"), monthly=("monthly", "sum"))
        .reindex(list(STAGES), fill_value=0)
        .rename_axis("stage")
        .reset_index()
    )
    actions = _described(ctx, actions).merge(
        ctx.segments[["client", "abc"]], on="client", how="left"
    )
    stage_names = {k: ctx.text(v) for k, v in STAGE_TEXT.items()}
    for frame in (actions, stages):
        frame["stage"] = frame["stage"].map(stage_names)
    actions["reason"] = ctx.texts(actions["reason"], REASON_TEXT)
    load["manager"] = ctx.shown_managers(load["manager"])
    note = ctx.text(
        NOTE,
        as_of=ctx.inputs.as_of.strftime("%Y-%m-%d"),
        shown=len(actions),
        total=int(load["actions"].sum()),
        top=s.actions_per_manager,
    )
    plan = ctx.measure_plan
    measures = measure_rows(ctx, plan[plan["status"].eq("open")])
    frames = {"load": load, "actions": actions, "measures": measures, "stages": stages}
    return ResultTab(ACTIONS, frames, note)


#: The columns of every action as alerts carry them (see :func:`every_action`).
ALERT_COLUMNS = (
    "manager",
    "client",
    "name",
    "reason",
    "reason_text",
    "why",
    "stake",
    "stage",
    "next_due",
)


def every_action(ctx: Context) -> pd.DataFrame:
    """Every action of the refresh, listed or not, as a scheduler's alert gives it.

    Output: :data:`ALERT_COLUMNS`, per manager the largest stake first; ``reason`` is the
    code (stable across languages: the key of an alert with ``client``), ``reason_text`` and
    ``why`` are in the refresh's language, ``stage`` is the rhythm stage's code.
    """
    every = _described(ctx, ctx.actions.every)
    every["reason_text"] = ctx.texts(every["reason"], REASON_TEXT)
    return every[list(ALERT_COLUMNS)].reset_index(drop=True)
