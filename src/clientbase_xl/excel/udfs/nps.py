"""Worksheet functions of the Net Promoter Score: CB_NPS, CB_NPS_TABLE, CB_NPS_THEMES (NPS tab)."""

from typing import Any

import xlwings as xw

from clientbase_xl.analytics.nps import nps, nps_table, theme_table
from clientbase_xl.excel.cells import columns, rows
from clientbase_xl.excel.udfs.args import CATEGORY, Lang, arg, guarded
from clientbase_xl.i18n import Text
from clientbase_xl.report.spec import Col
from clientbase_xl.tabs import NPS

_COLS = (
    Col("group", Text("Group", "Группа"), width=14),
    *NPS.block("overall").columns[:-2],
)


@xw.func(category=CATEGORY)
@arg("scores")
@guarded
def CB_NPS(scores: Any) -> Any:  # noqa: N802
    """Net Promoter Score: % of 9-10 minus % of 0-6, from -100 to 100."""
    return nps(columns({"score": ("score", scores)})["score"])


@xw.func(category=CATEGORY)
@arg("scores")
@arg("groups", help="Group of each answer: manager, month, segment...")
@arg("lang", Lang)
@guarded
def CB_NPS_TABLE(scores: Any, groups: Any, lang: Any = "en") -> Any:  # noqa: N802
    """NPS per group with answers, promoters, passives and detractors."""
    frame = columns({"score": ("score", scores), "group": ("id", groups)})
    return rows(nps_table(frame, "group"), _COLS, lang)


_THEME_COLS = NPS.block("themes").columns


@xw.func(category=CATEGORY)
@arg("clients", shared="line_client", help="Client of each answer")
@arg("scores")
@arg("themes", help="Tags of each answer, separated by ; or ,")
@arg("lang", Lang)
@guarded
def CB_NPS_THEMES(clients: Any, scores: Any, themes: Any, lang: Any = "en") -> Any:  # noqa: N802
    """NPS per theme the answers are tagged with: clients, answers and the groups."""
    frame = columns(
        {"client": ("id", clients), "score": ("score", scores), "themes": ("text", themes)}
    )
    return rows(theme_table(frame), _THEME_COLS, lang)
