"""The Client card: one client's whole story, picked from a drop-down, working without Python.

The refresh writes one compact row per client (the ``clients`` block: classes, rhythm, value,
RFM, the last survey answer, wallet, plan, open actions and the last :data:`CARD_MONTHS`
months of sales and ABC classes). The blocks above it are formulas over that row
(:class:`~clientbase_xl.report.spec.Lookup`): picking another client in the drop-down shows
that client's card in Excel with no refresh. Client ids on the Actions and other short lists
link to the client's row (:class:`~clientbase_xl.report.spec.Link`). ``CB_CLIENT`` returns the
same card from sales lines.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from clientbase_xl.i18n import Lang
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    FIELD,
    FIELD_COLUMNS,
    VALUE,
    Block,
    Col,
    DataBar,
    Lookup,
    ResultTab,
    TabSpec,
)
from clientbase_xl.tabs.actions import BASIS_TEXT, REASON_TEXT, why
from clientbase_xl.tabs.bcg import bcg_tab
from clientbase_xl.tabs.clv import clv_tab
from clientbase_xl.tabs.columns import (
    ABC,
    ABC_STYLES,
    BAD_STAGES,
    BASIS,
    CLIENT_ID,
    DAYS_LATE,
    LAST_ORDER,
    MANAGER,
    NAME,
    NEXT_DUE,
    RHYTHM,
    STAGE,
    STAGE_TEXT,
    XYZ,
)
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.nps import ANSWER_COLUMNS
from clientbase_xl.tabs.priority import criteria_lists, priority_tab
from clientbase_xl.tabs.registry import builds
from clientbase_xl.tabs.rfm import rfm_tab

#: Months of sales and classes the card shows, the analysis month last.
CARD_MONTHS = 12

_WHO = (
    NAME,
    MANAGER,
    ABC,
    XYZ,
    Col("quadrant", T("BCG quadrant", "Квадрант BCG"), width=16),
    Col("priority", T("Priority group", "Группа приоритета"), width=14),
    Col("priority_by_category", T("By category", "По категориям"), width=30),
    STAGE,
)
_RHYTHM = (
    LAST_ORDER,
    RHYTHM,
    BASIS,
    NEXT_DUE,
    DAYS_LATE,
    Col("at_risk", T("At risk, a month", "Под риском в месяц"), "money", 14),
)
_VALUE = (
    Col("revenue", T("Revenue in the window", "Выручка за окно"), "money", 14),
    Col("margin", T("Margin in the window", "Маржа за окно"), "money", 13),
    Col("orders", T("Orders in the window", "Заказов за окно"), "int", 9),
    Col("ltv", T("LTV", "LTV"), "money", 13),
    Col("clv", T("CLV", "CLV"), "money", 13),
    Col("p_alive", T("P(alive)", "P(активен)"), "pct", 11),
)
_RFM = (
    Col("rfm_score", T("RFM score", "Балл RFM"), "int", 9),
    Col("rfm_segment", T("RFM segment", "Сегмент RFM"), width=20),
)
_SURVEY = (
    Col("nps_score", T("Last NPS score", "Последняя оценка NPS"), "int", 10),
    Col("nps_date", T("Answered", "Дата ответа"), "date", 12),
    *(replace(c, key=f"nps_{c.key}") for c in ANSWER_COLUMNS if c.key != "themes"),
)
#: The Survey sheet's text answers, by the card's column for each.
_ANSWERS = {c.key: c.key.removeprefix("nps_") for c in _SURVEY[2:]}
_WALLET = (
    Col("wallet", T("Wallet a year", "Кошелёк в год"), "money", 14),
    Col("penetration", T("Share of wallet", "Доля кошелька"), "pct", 10),
    Col("potential", T("Potential a year", "Потенциал в год"), "money", 14),
    Col("plan", T("Plan this month", "План на месяц"), "money", 13),
    Col("actual", T("Actual this month", "Факт за месяц"), "money", 13),
)
_TODO = (
    Col("actions", T("Open actions", "Открытых действий"), "int", 10),
    Col("stake", T("At stake", "На кону"), "money", 14),
    Col("reason", T("First reason", "Главная причина"), width=18),
    Col("why", T("Why", "Почему"), width=48),
)
_MONTHLY = tuple(
    Col(f"revenue_{i}", T(f"Revenue m−{k}", f"Выручка м−{k}"), "money", 12)
    for i, k in enumerate(range(CARD_MONTHS - 1, -1, -1))
)
_CLASSES = tuple(
    Col(f"abc_{i}", T(f"ABC m−{k}", f"ABC м−{k}"), width=7)
    for i, k in enumerate(range(CARD_MONTHS - 1, -1, -1))
)


def _vertical(key: str, title: T, fields: tuple[Col, ...]) -> Block:
    """A block of the card: one row per field, looked up in the client's row."""
    return Block(key, title, FIELD_COLUMNS, fields=fields, lookup=Lookup("clients"))


CARD = TabSpec(
    "card",
    T("Client card", "Карточка клиента"),
    T(
        "Pick a client in the drop-down (or type its id): the card below follows, in Excel, "
        "without a refresh. The table at the bottom holds every client's row.",
        "Выберите клиента в списке (или введите код): карточка ниже меняется в Excel без "
        "обновления. В таблице внизу — строка каждого клиента.",
    ),
    (
        Block("pick", T("Client", "Клиент"), (CLIENT_ID,), choices=("clients", "client")),
        _vertical("who", T("Who", "Кто"), _WHO),
        _vertical("rhythm", T("Rhythm", "Ритм заказов"), _RHYTHM),
        _vertical("value", T("Value", "Ценность"), _VALUE),
        _vertical("rfm", T("RFM", "RFM"), _RFM),
        _vertical("survey", T("Last survey answer", "Последний ответ"), _SURVEY),
        _vertical("wallet", T("Wallet and plan", "Кошелёк и план"), _WALLET),
        _vertical("todo", T("Open actions", "Открытые действия"), _TODO),
        Block(
            "months",
            T("Month by month", "По месяцам"),
            (
                Col("month", T("Month", "Месяц"), "month", 10),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
                ABC,
            ),
            (DataBar("revenue"), *(c for c in ABC_STYLES if c.column == "abc")),
            lookup=Lookup("clients", by_row=True),
        ),
        Block(
            "clients",
            T("Every client", "Все клиенты"),
            (
                CLIENT_ID,
                *_WHO,
                *_RHYTHM,
                *_VALUE,
                *_RFM,
                *_SURVEY,
                *_WALLET,
                *_TODO,
                *_MONTHLY,
                *_CLASSES,
            ),
            (*ABC_STYLES, *BAD_STAGES),
        ),
    ),
    print_through="months",
)

#: The blocks of one client's card, in order: what ``CB_CLIENT`` returns too.
CARD_BLOCKS = ("who", "rhythm", "value", "rfm", "survey", "wallet", "todo")


def _last_answers(survey: pd.DataFrame | None, as_of: pd.Timestamp) -> pd.DataFrame:
    """Each client's latest survey answer up to ``as_of``: score, date and the text answers.

    Of two answers on one day the lower score counts (the one to act on), whatever their order.
    """
    if survey is None:
        return pd.DataFrame(columns=["client", "nps_score", "nps_date", *_ANSWERS])
    answered = survey[survey["date"] <= as_of].sort_values(
        ["client", "date", "score"], ascending=[True, True, False], kind="stable"
    )
    last = answered.drop_duplicates("client", keep="last")
    out = pd.DataFrame(
        {
            "client": last["client"].to_numpy(),
            "nps_score": last["score"].to_numpy(),
            "nps_date": last["date"].to_numpy(),
        }
    )
    for col, answer in _ANSWERS.items():
        out[col] = last[answer].to_numpy()
    return out


def _first_actions(ctx: Context) -> pd.DataFrame:
    """Each client's open actions: how many, the stake, the largest one's reason and why."""
    every = ctx.actions.every
    g = every.groupby("client")
    first = every.sort_values(["client", "rank"], kind="stable").drop_duplicates("client")
    return pd.DataFrame(
        {
            "client": first["client"].to_numpy(),
            "actions": first["client"].map(g.size()).to_numpy(),
            "stake": first["client"].map(g["stake"].sum()).to_numpy(),
            "reason": ctx.texts(first["reason"], REASON_TEXT).to_numpy(),
            "why": why(first, ctx.lang).to_numpy(),
        }
    )


def _months(ctx: Context) -> pd.DataFrame:
    """Each client's revenue and ABC class in each of the last :data:`CARD_MONTHS` months."""
    months = pd.period_range(end=ctx.month, periods=CARD_MONTHS, freq="M")
    position = {m: i for i, m in enumerate(months)}
    facts = ctx.facts[ctx.facts["month"].isin(months)]
    revenue = facts.pivot_table(
        index="client", columns="month", values="revenue", aggfunc="sum", observed=True
    ).rename(columns=lambda m: f"revenue_{position[m]}")
    tl = ctx.timeline[ctx.timeline["month"].isin(months)]
    classes = tl.pivot_table(
        index="client", columns="month", values="abc", aggfunc="first", observed=True
    ).rename(columns=lambda m: f"abc_{position[m]}")
    # Months before the first sale or the history have no column yet: every month has one.
    revenue = revenue.reindex(columns=[f"revenue_{i}" for i in range(CARD_MONTHS)])
    classes = classes.reindex(columns=[f"abc_{i}" for i in range(CARD_MONTHS)])
    return revenue.join(classes, how="outer").rename_axis("client").reset_index()


def card_table(ctx: Context) -> pd.DataFrame:
    """One row per client on file or with sales: every figure of its card.

    Output: the ``clients`` block's columns, the largest revenue in the window first (ties
    by client), so the first client is the card shown when the file is opened.
    """
    rhythm = ctx.rhythm.set_index("client")
    out = ctx.attributes[["client", "name", "manager"]].copy()
    seg = ctx.segments.set_index("client")
    for col in ("abc", "xyz", "revenue", "margin", "orders"):
        out[col] = out["client"].map(seg[col])
    quadrant = ctx.tab(bcg_tab).frames["clients"].set_index("client")["quadrant"]
    out["quadrant"] = out["client"].map(quadrant)
    priority = ctx.tab(priority_tab).frames["clients"].set_index("client")
    out["priority"] = out["client"].map(priority["group"])
    out["priority_by_category"] = out["client"].map(_groups_by_category(ctx, priority))
    out["stage"] = ctx.texts(out["client"].map(rhythm["stage"]), STAGE_TEXT)
    for col in ("last_order", "rhythm", "next_due", "days_late"):
        out[col] = out["client"].map(rhythm[col])
    out["basis"] = ctx.texts(out["client"].map(rhythm["basis"]), BASIS_TEXT)
    # A client without orders has no rhythm and nothing at risk.
    out["at_risk"] = ctx.at_risk.reindex(out["client"], fill_value=0.0).to_numpy()
    out["ltv"] = out["client"].map(ctx.ltv.set_index("client")["ltv"])
    clv = ctx.tab(clv_tab).frames["clients"].set_index("client")
    for col in ("clv", "p_alive"):
        out[col] = out["client"].map(clv[col]) if col in clv.columns else np.nan
    rfm = ctx.tab(rfm_tab).frames["clients"].set_index("client")
    out["rfm_score"] = out["client"].map(rfm["rfm_score"])
    out["rfm_segment"] = out["client"].map(rfm["segment"])
    wallet = ctx.potential.clients.set_index("client")
    for col in ("wallet", "penetration", "potential"):
        out[col] = out["client"].map(wallet[col])
    plan = ctx.plan_vs_actual
    this = plan[plan["month"] == ctx.month].set_index("client")
    for col in ("plan", "actual"):
        out[col] = out["client"].map(this[col])
    out = (
        out.merge(_last_answers(ctx.inputs.survey, ctx.inputs.as_of), on="client", how="left")
        .merge(_first_actions(ctx), on="client", how="left")
        .merge(_months(ctx), on="client", how="left")
    )
    # A month without sales sold nothing: 0, as the client's revenue in it is.
    sold = [f"revenue_{i}" for i in range(CARD_MONTHS)]
    out[sold] = out[sold].fillna(0.0)
    out["actions"] = out["actions"].fillna(0)
    order = out.assign(_r=out["revenue"].fillna(-np.inf))
    order = order.sort_values(["_r", "client"], ascending=[False, True], kind="stable")
    return order.drop(columns="_r").reset_index(drop=True)


def _groups_by_category(ctx: Context, priority: pd.DataFrame) -> pd.Series:
    """Each client's group in every category with criteria of its own: "Tools: Key; ...".

    ``priority`` is the Priority tab's clients block (index ``client``); NaN without such
    categories.
    """
    _, per_category, _ = criteria_lists(ctx)
    if not per_category:
        return pd.Series(np.nan, index=priority.index)
    named = [
        category + ": " + priority[f"category_group_{j}"].astype(str)
        for j, category in enumerate(per_category)
    ]
    joined: pd.Series = named[0]
    for more in named[1:]:
        joined = joined + "; " + more
    return joined


def _plain(value: object) -> object:
    """A value as a cell takes it: numpy scalars as Python numbers, blanks as None."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return None if isinstance(value, float) and np.isnan(value) else value


def card_of(
    table: pd.DataFrame, client: object, month: pd.Period, lang: Lang
) -> dict[str, pd.DataFrame]:
    """The card's blocks for ``client``, from its row of :func:`card_table` (blank if absent).

    Each vertical block: ``field`` (the label in ``lang``) and ``value``; the month-by-month
    block ends at ``month``, the analysis month.
    """
    row = table[table["client"] == client].head(1)
    values = row.iloc[0] if len(row) else pd.Series(dtype=object)
    blocks: dict[str, pd.DataFrame] = {"pick": pd.DataFrame({"client": [client]})}
    for key in CARD_BLOCKS:
        fields = CARD.block(key).fields
        blocks[key] = pd.DataFrame(
            {
                FIELD: [f.label.format(lang) for f in fields],
                VALUE: pd.Series([_plain(values.get(f.key)) for f in fields], dtype=object),
            }
        )
    months = pd.period_range(end=month, periods=CARD_MONTHS, freq="M")
    blocks["months"] = pd.DataFrame(
        {
            "month": months,
            "revenue": [values.get(f"revenue_{i}", np.nan) for i in range(CARD_MONTHS)],
            "abc": [values.get(f"abc_{i}", np.nan) for i in range(CARD_MONTHS)],
        }
    )
    return blocks


@builds(CARD, udfs=("CB_CLIENT",), doc="Client card")
def card_tab(ctx: Context) -> ResultTab:
    """The card of the largest client, live over every client's row."""
    table = card_table(ctx)
    first = table["client"].iloc[0] if len(table) else ""
    blocks = card_of(table, first, ctx.month, ctx.lang)
    return ResultTab(CARD, {**blocks, "clients": table}, ctx.note)
