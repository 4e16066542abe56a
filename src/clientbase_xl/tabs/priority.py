"""The Priority tab: weighted criteria, the priority groups and the action matrix."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd

from clientbase_xl.analytics.priority import (
    action_matrix,
    priority_group,
    priority_scores,
    text_points,
    unavailable,
)
from clientbase_xl.analytics.profit import margin_pct
from clientbase_xl.analytics.wallet import per_client
from clientbase_xl.i18n import LANGS
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.inputs.schema import CLIENTS, CRITERION_METRICS, MEASURES
from clientbase_xl.report.spec import (
    ON_FILE,
    Block,
    Col,
    DataBar,
    Fmt,
    ResultTab,
    TabSpec,
    TextIs,
)
from clientbase_xl.tabs.actions import MEASURE_LIST, OVERDUE_MARK, measure_rows
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

#: The block whose columns grow by one per criterion (see :func:`with_criteria`).
CLIENTS_BLOCK = "clients"
#: The action matrix of each category with criteria of its own; shown only when there are.
CATEGORIES_BLOCK = "category_actions"

#: Columns the overall action matrix and the matrix per category share.
POTENTIAL_COL = Col(
    "potential", T("Possible growth (wallet)", "Возможный рост (по закупкам)"), "money", 14
)
CANDIDATES_COL = Col(
    "candidates", T("Candidates to join (within 10 points)", "Кандидаты (до 10 баллов)"), "int", 16
)
TOP_CLIENTS_COL = Col("top_clients", T("Largest clients", "Крупнейшие клиенты"), width=40)


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
                POTENTIAL_COL,
                CANDIDATES_COL,
                Col("new_clients", T("New clients", "Новые клиенты"), "int", 9),
                Col("new_revenue", T("Sales to new clients", "Продажи новым"), "money", 13),
                Col(
                    "depth",
                    T("Assortment depth", "Глубина по ассортименту"),
                    "pct",
                    11,
                ),
                TOP_CLIENTS_COL,
                Col("measures", MEASURES.column("measures").label, width=50),
            ),
            (DataBar("revenue"),),
        ),
        Block(
            CATEGORIES_BLOCK,
            T(
                "Groups per category (criteria of the category's own)",
                "Группы по категориям (собственные признаки категории)",
            ),
            (
                Col("category", T("Category", "Категория"), width=16),
                Col("group", T("Group", "Группа"), width=16),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                Col("revenue", T("Sales of the category", "Продажи категории"), "money", 14),
                POTENTIAL_COL,
                # Wider: its neighbours here leave it too narrow for three lines.
                dataclasses.replace(CANDIDATES_COL, width=16),
                Col("new_clients", T("New to the category", "Новые в категории"), "int", 10),
                Col("new_revenue", T("Their sales", "Их продажи"), "money", 13),
                Col("depth", T("Products bought", "Доля товаров категории"), "pct", 11),
                TOP_CLIENTS_COL,
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
                Col("category", T("Category", "Категория"), width=14),
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


def with_criteria(names: list[str], categories: Sequence[str] = ()) -> TabSpec:
    """The Priority spec with the user's criteria and categories as columns of the clients block.

    One 0-1 score column per criterion in ``names`` (frame keys ``criterion_0``, ...), then a
    score and a group column per category in ``categories`` (``category_score_0``,
    ``category_group_0``, ...). The criteria are the user's, so these columns exist only at
    refresh time; without ``categories`` the per-category block is left out.
    """
    block = PRIORITY.block(CLIENTS_BLOCK)
    wanted: list[tuple[str, T, Fmt]] = [
        (f"criterion_{i}", T(f"Score: {n}", f"Балл: {n}"), "pct") for i, n in enumerate(names)
    ]
    for j, c in enumerate(categories):
        wanted.append((f"category_score_{j}", T(f"{c}: score", f"{c}: балл"), "pct"))
        wanted.append((f"category_group_{j}", T(f"{c}: group", f"{c}: группа"), "text"))
    # Headers of an Excel table must be unique, ignoring case: a user's name may repeat one.
    en = {c.label.en.casefold() for c in block.columns}
    ru = {c.label.ru.casefold() for c in block.columns}
    extra = tuple(
        Col(
            key,
            T(_unique(label.en, en), _unique(label.ru, ru)),
            fmt,
            max(10.0, min(18.0, len(label.en) + 2.0)),
        )
        for key, label, fmt in wanted
    )
    blocks = tuple(
        dataclasses.replace(b, columns=(*b.columns, *extra)) if b.key == CLIENTS_BLOCK else b
        for b in PRIORITY.blocks
        if categories or b.key != CATEGORIES_BLOCK
    )
    return dataclasses.replace(PRIORITY, blocks=blocks)


def _unique(label: str, taken: set[str]) -> str:
    """``label``, numbered (2), (3), ... until no header in ``taken`` equals it; then taken."""
    shown, n = label, 1
    while shown.casefold() in taken:
        n += 1
        shown = f"{label} ({n})"
    taken.add(shown.casefold())
    return shown


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


#: The metrics a category's own lines give; the others describe the client as a whole.
SALES_METRICS = (
    "revenue",
    "margin",
    "margin_pct",
    "orders",
    "active_months",
    "growth",
    "penetration",
    "potential",
    "recency",
)
#: Sales metrics that are 0, not unknown, for a client without sales.
_ADDITIVE = ("revenue", "margin", "orders", "active_months")


def sales_metrics(ctx: Context, ids: pd.Index, wallet: pd.DataFrame) -> pd.DataFrame:
    """The :data:`SALES_METRICS` of the clients ``ids`` (index), from ``ctx``'s sales lines.

    ``wallet`` is the share of wallet per client (index ``client``; ``penetration``,
    ``potential``: :func:`~clientbase_xl.analytics.wallet.per_client`). Unknown values (no
    order before the window, no wallet estimate) are NaN; a client without sales has 0
    revenue, margin, orders and months with orders.
    """
    seg = ctx.classes.set_index("client")
    out = pd.DataFrame(index=ids)
    for col in _ADDITIVE:
        out[col] = seg[col].reindex(ids).fillna(0.0)
    out["margin_pct"] = margin_pct(out["margin"], out["revenue"])
    out["growth"] = ctx.bcg.set_index("client")["growth"].reindex(ids)
    out["penetration"] = wallet["penetration"].reindex(ids)
    out["potential"] = wallet["potential"].reindex(ids)
    last = ctx.placed.groupby("client")["date"].max().reindex(ids)
    out["recency"] = (ctx.inputs.as_of.normalize() - last).dt.days.astype(float)
    return out[list(SALES_METRICS)]


def client_metrics(ctx: Context) -> pd.DataFrame:
    """Every metric a criterion may name, one row per known client (index ``client``).

    Columns: the :data:`~clientbase_xl.inputs.schema.CRITERION_METRICS` keys, plus
    ``clients:<header>`` for every Clients column a criterion reads (a text one as the points
    its values were given, see :func:`~clientbase_xl.analytics.priority.text_points`).
    Unknown values (no survey answer, no wallet estimate, no order before the window) are NaN.
    """
    ids = pd.Index(ctx.attributes["client"], name="client")
    out = sales_metrics(ctx, ids, ctx.wallet_by_client)
    survey = ctx.inputs.survey
    if survey is not None:
        answered = survey[survey["date"] <= ctx.inputs.as_of].sort_values("date", kind="stable")
        out["nps"] = answered.groupby("client")["score"].last().reindex(ids)
    else:
        out["nps"] = float("nan")
    rfm = ctx.rfm.set_index("client")
    out["rfm"] = (rfm["r"] + rfm["f"] + rfm["m"]).reindex(ids).astype(float)
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


def category_context(ctx: Context, category: str) -> Context:
    """A refresh of ``ctx``'s workbook that sees only the sales and wallet of ``category``.

    The analysis date stays the workbook's (the category's last sale may be earlier).
    """
    inputs = ctx.inputs

    def only(frame: pd.DataFrame | None) -> pd.DataFrame | None:
        return None if frame is None else frame[frame["category"] == category]

    settings = dataclasses.replace(inputs.settings, as_of=inputs.as_of.to_pydatetime().date())
    narrowed = dataclasses.replace(
        inputs,
        sales=inputs.sales[inputs.sales["category"] == category],
        settings=settings,
        wallet=only(inputs.wallet),
        history_wallet=only(inputs.history_wallet),
    )
    return Context(narrowed, ctx.lang)


def category_metrics(ctx: Context, category: str, overall: pd.DataFrame) -> pd.DataFrame:
    """:func:`client_metrics` for one category: its :data:`SALES_METRICS` from its own lines.

    ``overall`` is :func:`client_metrics` of ``ctx``; the other metrics are the client's
    whole (NPS, LTV, RFM, categories bought, Clients columns). Output: like ``overall``,
    plus ``products`` (products of the category bought in the window) and ``new`` (first
    order of the category inside the window).
    """
    out = overall.copy()
    sub = category_context(ctx, category)
    ids = overall.index
    if sub.inputs.sales.empty:
        for col in SALES_METRICS:
            out[col] = 0.0 if col in _ADDITIVE else float("nan")
        out["products"] = 0.0
        out["new"] = False
        return out
    # The category's share of wallet from the workbook's cells: the same sums, done once.
    cells = ctx.potential.cells
    wallet = per_client(cells[cells["category"] == category]).set_index("client")
    out[list(SALES_METRICS)] = sales_metrics(sub, ids, wallet)
    out["products"] = (
        sub.window_lines.dropna(subset=["product"])
        .groupby("client")["product"]
        .nunique()
        .reindex(ids)
        .fillna(0.0)
    )
    first = sub.placed.groupby("client")["date"].min().reindex(ids)
    out["new"] = (first >= sub.window_start).to_numpy()
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
ONLY_CATEGORIES = T(
    "Every criterion names a category: the overall score uses the default criteria.",
    "У всех критериев указана категория: общий балл — по критериям по умолчанию.",
)


def criteria_lists(ctx: Context) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], str]:
    """The overall criteria, the criteria of each category (in the sheet's order), and a note.

    Without a Criteria sheet, or when every row names a category, the overall list is
    :data:`DEFAULT_CRITERIA` (named in the refresh's language) and the note says so.
    """
    criteria = ctx.inputs.criteria
    if criteria is None:
        overall, note = None, DEFAULT_NOTE
        per_category: dict[str, pd.DataFrame] = {}
    else:
        # A frame built in code may have no category column: every criterion is overall.
        category = criteria.get("category", pd.Series(pd.NA, index=criteria.index))
        named = category.notna()
        overall = criteria[~named] if (~named).any() else None
        note = ONLY_CATEGORIES
        per_category = {
            str(c): rows for c, rows in criteria[named].groupby(category[named], sort=False)
        }
    if overall is None:
        return (
            DEFAULT_CRITERIA.assign(
                criterion=[ctx.text(CRITERION_METRICS[m]) for m in DEFAULT_CRITERIA["metric"]]
            ),
            per_category,
            ctx.text(note),
        )
    return overall, per_category, ""


def _grouped(
    ctx: Context, metrics: pd.DataFrame, criteria: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores (:func:`priority_scores`) and the frame :func:`action_matrix` takes.

    ``metrics`` is :func:`client_metrics` or :func:`category_metrics`; the matrix frame has
    ``client``, ``label``, ``score``, ``group`` (band), ``revenue``, ``potential``, ``new``
    and ``categories`` (what depth counts), in ``metrics``' order.
    """
    scores = priority_scores(metrics, criteria)
    names = ctx.attributes.set_index("client")["name"].reindex(metrics.index)
    clients = metrics.index.to_series()
    frame = pd.DataFrame(
        {
            "client": clients.to_numpy(),
            "label": names.where(names.notna(), clients).astype(str).to_numpy(),
            "score": scores["score"].to_numpy(),
            "group": priority_group(scores["score"], ctx.settings.priority_bands).to_numpy(),
            "revenue": metrics["revenue"].to_numpy(),
            "potential": metrics["potential"].to_numpy(),
            "new": metrics["new"].to_numpy(),
            "categories": metrics["depth_of"].to_numpy(),
        }
    )
    return scores, frame


@builds(PRIORITY, udfs=("CB_PRIORITY",), doc="Priority groups and the action matrix (seed 003)")
def priority_tab(ctx: Context) -> ResultTab:
    """Score, group and the action matrix of every client, overall and per category."""
    criteria, per_category, note = criteria_lists(ctx)
    metrics = client_metrics(ctx)
    first = ctx.placed.groupby("client")["date"].min().reindex(metrics.index)
    overall = metrics.assign(
        new=(first >= ctx.window_start).to_numpy(), depth_of=metrics["categories"]
    )
    scores, matrix = _grouped(ctx, overall, criteria)
    missing = unavailable(metrics, criteria)
    cuts = ctx.settings.priority_bands
    names = ctx.settings.priority_names(ctx.lang)
    band_names = dict(enumerate(names))
    actions = action_matrix(matrix, cuts, ctx.window_lines["category"].nunique())
    kept = _kept_measures(ctx, names).drop_duplicates("group")
    in_band = kept["group"].isin(range(len(names)))
    actions = actions.merge(kept[in_band], on="group", how="left")
    actions["group"] = actions["group"].map(band_names)
    gone = kept[~in_band].assign(clients=0, candidates=0, new_clients=0)
    actions = pd.concat([actions, gone], ignore_index=True) if len(gone) else actions
    table = ctx.with_names(
        matrix[["client", "score", "group", "revenue"]].assign(
            **{
                f"criterion_{i}": scores[name].to_numpy()
                for i, name in enumerate(criteria["criterion"])
            }
        )
    )
    used = [_criteria_rows(ctx, criteria, metrics)]
    by_category = []
    for j, (category, rows) in enumerate(per_category.items()):
        own = category_metrics(ctx, category, metrics)
        own_scores, own_matrix = _grouped(ctx, own.assign(depth_of=own["products"]), rows)
        offered = ctx.window_lines.loc[ctx.window_lines["category"] == category, "product"]
        by_category.append(
            action_matrix(own_matrix, cuts, offered.nunique()).assign(category=category)
        )
        table[f"category_score_{j}"] = own_scores["score"].to_numpy()
        table[f"category_group_{j}"] = own_matrix["group"].map(band_names).to_numpy()
        used.append(_criteria_rows(ctx, rows, own))
        missing += [f"{name} ({category})" for name in unavailable(own, rows)]
    table = table.sort_values(["score", "client"], ascending=[False, True], kind="stable")
    table["rank"] = range(1, len(table) + 1)
    table["group"] = table["group"].map(band_names)
    frames = {
        "actions": actions,
        "measure_plan": measure_rows(ctx, ctx.measure_plan),
        "criteria": pd.concat(used, ignore_index=True),
        "clients": table,
    }
    if by_category:
        grouped = pd.concat(by_category, ignore_index=True)
        frames[CATEGORIES_BLOCK] = grouped.assign(group=grouped["group"].map(band_names))
    return ResultTab(
        with_criteria(list(criteria["criterion"]), list(per_category)),
        frames,
        ctx.note
        + (" " + note if note else "")
        + (" " + ctx.text(LEFT_OUT, names=", ".join(missing)) if missing else ""),
    )


def _criteria_rows(ctx: Context, criteria: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """The criteria block's rows of one list, each with how many clients have its metric."""
    return criteria.assign(
        source=[_source_label(ctx, m) for m in criteria["metric"]],
        weight_share=criteria["weight"] / criteria["weight"].sum(),
        direction=[ctx.text(DIRECTION_TEXT[bool(h)]) for h in criteria["higher"]],
        known=[int(metrics[m].notna().sum()) for m in criteria["metric"]],
        points=criteria.get("points", pd.Series(None, index=criteria.index, dtype=object)),
        category=criteria.get("category", pd.Series(None, index=criteria.index, dtype=object)),
    )
