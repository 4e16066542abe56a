"""The NPS tab: Net Promoter Score overall, per manager, class and month."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.nps import nps_group, nps_table, theme_table
from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Chart,
    Col,
    ColourScale,
    DataBar,
    ResultTab,
    TabSpec,
    TextIs,
)
from clientbase_xl.tabs.columns import (
    ABC,
    CLIENT,
    FEW_ANSWERS,
    MANAGER,
    NAME,
)
from clientbase_xl.tabs.common import NO_CLASS, fill
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.registry import builds

_NPS_COLS = (
    Col("answers", T("Answers", "Ответов"), "int", 9),
    Col("promoters", T("Promoters", "Промоутеры"), "int", 10),
    Col("passives", T("Passives", "Нейтралы"), "int", 10),
    Col("detractors", T("Detractors", "Критики"), "int", 11),
    Col("nps", T("NPS", "NPS"), "ratio", 8),
    Col("target", T("Target", "Цель"), "ratio", 8),
    Col("few_answers", T("Fewer than 30 answers", "Меньше 30 ответов"), "bool", 11),
)
#: The Survey sheet's text answers (seed 000's questions and NPS's "what would make it a 10").
ANSWER_COLUMNS = (
    Col(
        "comment",
        T("What would make it a 10", "Что сделало бы оценку десяткой"),
        width=40,
        wrap=True,
    ),
    Col(
        "more",
        T("Would buy 15-20 % more if", "Покупал бы на 15-20 % больше, если"),
        width=36,
        wrap=True,
    ),
    Col("elsewhere", T("Buys elsewhere", "Покупает у других"), width=30, wrap=True),
    Col("competitors", T("Competitors do better", "Конкуренты делают лучше"), width=30, wrap=True),
    Col("themes", T("Themes", "Темы"), width=20, wrap=True),
)


_NPS_STYLE = (ColourScale("nps"), *FEW_ANSWERS)


NPS = TabSpec(
    "nps",
    T("NPS", "NPS"),
    T(
        "Net Promoter Score = % promoters (9-10) − % detractors (0-6), against the target.",
        "Индекс NPS = % промоутеров (9-10) − % критиков (0-6), в сравнении с целью.",
    ),
    (
        Block("overall", T("Overall", "Итог"), _NPS_COLS, _NPS_STYLE),
        Block(
            "by_month",
            T("By survey month", "По месяцам опроса"),
            (Col("month", T("Month", "Месяц"), "month", 10), *_NPS_COLS),
            _NPS_STYLE,
        ),
        Block("by_manager", T("By manager", "По менеджерам"), (MANAGER, *_NPS_COLS), _NPS_STYLE),
        Block("by_abc", T("By ABC class", "По классам ABC"), (ABC, *_NPS_COLS), _NPS_STYLE),
        Block(
            "themes",
            T("By theme of the answers", "По темам ответов"),
            (
                Col("theme", T("Theme", "Тема"), width=20),
                Col("clients", T("Clients", "Клиенты"), "int", 9),
                *(c for c in _NPS_COLS if c.key != "target"),
            ),
            (DataBar("answers"), *_NPS_STYLE),
        ),
        Block(
            "comments",
            T("Answers per client", "Ответы по клиентам"),
            (
                Col("group", T("Group", "Группа"), width=12),
                Col("date", T("Date", "Дата"), "date", 11),
                CLIENT,
                NAME,
                MANAGER,
                Col("score", T("Score", "Оценка"), "int", 7),
                *ANSWER_COLUMNS,
            ),
            (
                TextIs("group", "promoter", "good"),
                TextIs("group", "промоутер", "good"),
                TextIs("group", "detractor", "bad"),
                TextIs("group", "критик", "bad"),
            ),
        ),
    ),
    charts=(
        Chart(
            "by_month",
            "line",
            T("NPS by month and target", "NPS по месяцам и цель"),
            "month",
            ("nps", "target"),
        ),
    ),
)


GROUP_TEXT = {
    "promoter": T("promoter", "промоутер"),
    "passive": T("passive", "нейтрал"),
    "detractor": T("detractor", "критик"),
}


NPS_NEEDS_SURVEY = T(
    "NPS is not available: no Survey answers up to the analysis date. Add a Survey sheet "
    "(Date, Client, Score 0-10).",
    "NPS недоступен: нет ответов опроса до даты анализа. Добавьте лист «Опрос» "
    "(Дата, Клиент, Оценка 0-10).",
)


@builds(NPS, udfs=("CB_NPS", "CB_NPS_TABLE", "CB_NPS_THEMES"), doc="NPS")
def nps_tab(ctx: Context) -> ResultTab:
    """NPS overall, by month, manager, class and theme, with each client's answers by group."""
    survey = ctx.inputs.survey
    if survey is None:
        survey = pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "client": pd.Series(dtype=object),
                "score": pd.Series(dtype=float),
                **{c.key: pd.Series(dtype=object) for c in ANSWER_COLUMNS},
            }
        )
    survey = survey[survey["date"] <= ctx.inputs.as_of]
    abc = ctx.segments.set_index("client")["abc"]
    texts = [c.key for c in ANSWER_COLUMNS]
    answers = ctx.with_names(survey[["date", "client", "score", *texts]])
    answers["abc"] = fill(ctx, answers["client"].map(abc), NO_CLASS)
    answers["month"] = answers["date"].dt.to_period("M")
    target = ctx.settings.nps_target

    def table(by: str | None) -> pd.DataFrame:
        return nps_table(answers, by).assign(target=target)

    overall = table(None)
    comments = answers[answers[texts].notna().any(axis=1)].assign(
        group=lambda f: ctx.texts(nps_group(f["score"]), GROUP_TEXT)
    )
    # Detractors first (the group names sort so in both languages), each client's answers
    # together, oldest first; the score and texts break ties, so line order never shows.
    comments = comments.sort_values(["group", "client", "date", "score", *texts], kind="stable")
    return ResultTab(
        NPS,
        {
            "overall": overall,
            "by_month": table("month"),
            "by_manager": table("manager"),
            "by_abc": table("abc"),
            "themes": theme_table(answers),
            "comments": comments,
        },
        ctx.note + ("" if len(answers) else " " + ctx.text(NPS_NEEDS_SURVEY)),
    )
