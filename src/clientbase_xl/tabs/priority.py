"""The Priority tab: weighted criteria, the priority groups and the action matrix."""

from __future__ import annotations

import dataclasses

import pandas as pd

from clientbase_xl.analytics.priority import (
    action_matrix,
    priority_group,
    priority_scores,
    text_points,
    unavailable,
)
from clientbase_xl.analytics.profit import margin_pct
from clientbase_xl.i18n import LANGS
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.schema import CLIENTS, CRITERION_METRICS, MEASURES
from clientbase_xl.report.spec import ON_FILE, Block, Col, DataBar, ResultTab, TabSpec, TextIs
from clientbase_xl.tabs.actions import MEASURE_LIST, OVERDUE_MARK, measure_rows
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

#: The block whose columns grow by one per criterion (see :func:`with_criteria`).
CLIENTS_BLOCK = "clients"


PRIORITY = TabSpec(
    "priority",
    T("Priority", "Приоритеты"),
    T(
        "Clients scored by the company's own weighted criteria (Criteria sheet), grouped by "
        "score, and the action matrix per group. Type measures into the last column: they "
        "are kept by every refresh.",
        "Клиенты по взвешенным признакам приоритетности (лист «Критерии»), группы по баллу и "
        "матрица мер по группам. Меры вписывайте в последний столбец: обновление их сохраняет.",
    ),
    (
        Block(
            "actions",
            T("Action matrix", "Матрица мер"),
            (
                # The group and measures headers are those of the Measures input, which reads
                # this table back on the next refresh.
                Col("group", MEASURES.column("group").label, width=16),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("revenue", T("Current sales", "Текущие продажи"), "money", 14),
                Col(
                    "potential",
                    T("Possible growth (wallet)", "Возможный рост (по закупкам)"),
                    "money",
                    14,
                ),
                Col(
                    "candidates",
                    T("Candidates to join (within 10 points)", "Кандидаты (до 10 баллов)"),
                    "int",
                    12,
                ),
                Col("new_clients", T("New clients", "Новые клиенты"), "int", 9),
                Col("new_revenue", T("Sales to new clients", "Продажи новым"), "money", 13),
                Col(
                    "depth",
                    T("Assortment depth", "Глубина по ассортименту"),
                    "pct",
                    11,
                ),
                Col("top_clients", T("Largest clients", "Крупнейшие клиенты"), width=40),
                Col("measures", MEASURES.column("measures").label, width=50),
            ),
            (DataBar("revenue"),),
        ),
        Block(
            "measure_plan",
            T(
                "Measure plan: the four directions (Measure plan sheet)",
                "План мероприятий по четырём направлениям (лист «План мероприятий»)",
            ),
            MEASURE_LIST,
            (TextIs("state", OVERDUE_MARK.en, "bad"), TextIs("state", OVERDUE_MARK.ru, "bad")),
        ),
        Block(
            "criteria",
            T("Criteria", "Критерии"),
            (
                Col("criterion", T("Criterion", "Критерий"), width=18),
                Col("source", T("Source", "Источник"), width=20),
                Col("weight", T("Weight", "Вес"), "ratio", 8),
                Col("weight_share", T("Share of the score", "Доля в балле"), "pct", 10),
                Col("direction", T("Better when", "Лучше, когда"), width=12),
                Col("known", T("Clients with a value", "Клиентов со значением"), "int", 11),
                Col("points", T("Points per value", "Баллы по значениям"), width=30),
            ),
            (DataBar("weight_share"),),
        ),
        Block(
            CLIENTS_BLOCK,
            T("Clients by score", "Клиенты по баллу"),
            (
                Col("rank", T("Rank", "Место"), "int", 7),
                Col("client", T("Client", "Клиент"), width=14),
                Col("name", T("Name", "Наименование"), width=26),
                Col("manager", T("Manager", "Менеджер"), width=18),
                Col("group", T("Group", "Группа"), width=16),
                Col("score", T("Score", "Балл"), "pct", 9),
                Col("revenue", T("Revenue", "Выручка"), "money", 14),
            ),
            (DataBar("score"),),
        ),
    ),
    counts=("clients", ON_FILE),
)


def with_criteria(names: list[str]) -> TabSpec:
    """The Priority spec with one 0-1 score column per criterion in the clients block.

    ``names`` are unique (the Criteria sheet allows no duplicates).

    The criteria are the user's, so these columns exist only at refresh time; their frame keys
    are ``criterion_0``, ``criterion_1``, ... in the order given.
    """
    # Headers of an Excel table must be unique: a criterion named like a column ("Revenue")
    # would clash, so each is headed as the score it is.
    extra = tuple(
        Col(
            f"criterion_{i}",
            T(f"Score: {name}", f"Балл: {name}"),
            "pct",
            max(10.0, min(18.0, len(name) + 8.0)),
        )
        for i, name in enumerate(names)
    )
    blocks = tuple(
        dataclasses.replace(b, columns=(*b.columns, *extra)) if b.key == CLIENTS_BLOCK else b
        for b in PRIORITY.blocks
    )
    return dataclasses.replace(PRIORITY, blocks=blocks)


#: The criteria used without a Criteria sheet: sales first, never sales alone (seed 003).
DEFAULT_CRITERIA = pd.DataFrame(
    {
        "criterion": ["revenue", "margin", "growth", "orders", "nps"],
        "metric": ["revenue", "margin", "growth", "orders", "nps"],
        "weight": [35.0, 25.0, 15.0, 15.0, 10.0],
        "higher": [True, True, True, True, True],
    }
)


DIRECTION_TEXT = {True: T("higher", "больше"), False: T("lower", "меньше")}


DEFAULT_NOTE = T(
    "No Criteria sheet: default criteria.", "Нет листа «Критерии»: критерии по умолчанию."
)


def client_metrics(ctx: Context) -> pd.DataFrame:
    """Every metric a criterion may name, one row per known client (index ``client``).

    Columns: the :data:`~clientbase_xl.inputs.schema.CRITERION_METRICS` keys, plus
    ``clients:<header>`` for every Clients column a criterion reads (a text one as the points
    its values were given, see :func:`~clientbase_xl.analytics.priority.text_points`).
    Unknown values (no survey answer, no wallet estimate, no order before the window) are NaN.
    """
    ids = pd.Index(ctx.attributes["client"], name="client")
    seg = ctx.segments.set_index("client")
    out = pd.DataFrame(index=ids)
    for col in ("revenue", "margin", "orders", "active_months"):
        out[col] = seg[col].reindex(ids).fillna(0.0)
    out["margin_pct"] = margin_pct(out["margin"], out["revenue"])
    out["growth"] = ctx.bcg.set_index("client")["growth"].reindex(ids)
    wallet = ctx.potential.clients.set_index("client")
    out["penetration"] = wallet["penetration"].reindex(ids)
    out["potential"] = wallet["potential"].reindex(ids)
    survey = ctx.inputs.survey
    if survey is not None:
        answered = survey[survey["date"] <= ctx.inputs.as_of].sort_values("date", kind="stable")
        out["nps"] = answered.groupby("client")["score"].last().reindex(ids)
    else:
        out["nps"] = float("nan")
    rfm = ctx.rfm.set_index("client")
    out["rfm"] = (rfm["r"] + rfm["f"] + rfm["m"]).reindex(ids).astype(float)
    last = ctx.orders.groupby("client")["date"].max().reindex(ids)
    out["recency"] = (ctx.inputs.as_of.normalize() - last).dt.days.astype(float)
    out["ltv"] = ctx.ltv.set_index("client")["ltv"].reindex(ids)
    out["categories"] = (
        ctx.window_lines.dropna(subset=["category"])
        .groupby("client")["category"]
        .nunique()
        .reindex(ids)
    ).fillna(0.0)
    clients = ctx.inputs.clients
    criteria = ctx.inputs.criteria
    if clients is not None and criteria is not None:
        by_id = clients.drop_duplicates("client").set_index("client")
        points = criteria.get("value_points", pd.Series(None, index=criteria.index))
        for key, listed in zip(criteria["metric"], points, strict=True):
            if not str(key).startswith("clients:"):
                continue
            values = by_id[str(key).removeprefix("clients:")].reindex(ids)
            # A text column counts by the points its values were given.
            out[key] = (
                pd.to_numeric(values, errors="coerce")
                if listed is None
                else text_points(values, listed)
            )
    return out


def _source_label(ctx: Context, metric: str) -> str:
    if not metric.startswith("clients:"):
        return ctx.text(CRITERION_METRICS[metric])
    column = metric.removeprefix("clients:")
    own = {c.key: c.label for c in CLIENTS.columns}
    return ctx.text(own[column]) if column in own else column


def _kept_measures(ctx: Context, names: tuple[str, ...]) -> pd.DataFrame:
    """Measures typed into the last action matrix: ``group`` (band, or the old name) and text.

    A group is matched by its name in either language, so a language switch keeps the text;
    measures of a group that no longer exists are kept under its old name.
    """
    kept = ctx.inputs.measures
    if kept is None:
        return pd.DataFrame({"group": pd.Series(dtype=object), "measures": pd.Series(dtype=object)})
    kept = kept[kept["measures"].notna()]
    band = {name: i for i, name in enumerate(names)}
    for lang in LANGS:
        band.update({name: i for i, name in enumerate(ctx.settings.priority_names(lang))})
    return pd.DataFrame(
        {
            "group": [band.get(g, g) for g in kept["group"]],
            "measures": kept["measures"].to_numpy(),
        }
    )


LEFT_OUT = T(
    "Not in the score, for want of data: {names} (add the column they need, e.g. Cost for margin).",
    "Не входят в оценку, так как нет данных: {names} (добавьте нужный столбец, например "
    "«Себестоимость» для маржи).",
)


@builds(PRIORITY, udfs=("CB_PRIORITY",), doc="Priority groups and the action matrix (seed 003)")
def priority_tab(ctx: Context) -> ResultTab:
    """Score, group and the action matrix of every client."""
    criteria = ctx.inputs.criteria
    defaults = criteria is None
    if criteria is None:
        criteria = DEFAULT_CRITERIA.assign(
            criterion=[ctx.text(CRITERION_METRICS[m]) for m in DEFAULT_CRITERIA["metric"]]
        )
    metrics = client_metrics(ctx)
    scores = priority_scores(metrics, criteria)
    missing = unavailable(metrics, criteria)
    cuts = ctx.settings.priority_bands
    names = ctx.settings.priority_names(ctx.lang)
    table = ctx.with_names(
        pd.DataFrame(
            {
                "client": scores.index,
                "score": scores["score"].to_numpy(),
                "group": priority_group(scores["score"], cuts).to_numpy(),
                "revenue": metrics["revenue"].to_numpy(),
                **{
                    f"criterion_{i}": scores[name].to_numpy()
                    for i, name in enumerate(criteria["criterion"])
                },
            }
        )
    )
    first = ctx.orders.groupby("client")["date"].min()
    table["label"] = table["name"].where(table["name"].notna(), table["client"]).astype(str)
    table["potential"] = metrics["potential"].to_numpy()
    table["categories"] = metrics["categories"].to_numpy()
    table["new"] = table["client"].map(first).ge(ctx.window_start).to_numpy()
    offered = ctx.window_lines["category"].nunique()
    actions = action_matrix(table, cuts, offered)
    kept = _kept_measures(ctx, names).drop_duplicates("group")
    in_band = kept["group"].isin(range(len(names)))
    actions = actions.merge(kept[in_band], on="group", how="left")
    actions["group"] = actions["group"].map(dict(enumerate(names)))
    gone = kept[~in_band].assign(clients=0, candidates=0, new_clients=0)
    actions = pd.concat([actions, gone], ignore_index=True) if len(gone) else actions
    table = table.sort_values(["score", "client"], ascending=[False, True], kind="stable")
    table["rank"] = range(1, len(table) + 1)
    table["group"] = table["group"].map(dict(enumerate(names)))
    used = criteria.assign(
        source=[_source_label(ctx, m) for m in criteria["metric"]],
        weight_share=criteria["weight"] / criteria["weight"].sum(),
        direction=[ctx.text(DIRECTION_TEXT[bool(h)]) for h in criteria["higher"]],
        known=[int(metrics[m].notna().sum()) for m in criteria["metric"]],
        points=criteria.get("points", pd.Series(None, index=criteria.index, dtype=object)),
    )
    return ResultTab(
        with_criteria(list(criteria["criterion"])),
        {
            "actions": actions,
            "measure_plan": measure_rows(ctx, ctx.measure_plan),
            "criteria": used,
            "clients": table,
        },
        ctx.note
        + (" " + ctx.text(DEFAULT_NOTE) if defaults else "")
        + (" " + ctx.text(LEFT_OUT, names=", ".join(missing)) if missing else ""),
    )
