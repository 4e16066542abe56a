"""The Errors tab: the problems the input sheets hold (written by the orchestrator, no builder)."""

from __future__ import annotations

from clientbase_xl.i18n import Text as T  # noqa: N817  (a short name keeps specs tabular)
from clientbase_xl.report.spec import (
    Block,
    Col,
    TabSpec,
    TextIs,
)

ERRORS = TabSpec(
    "errors",
    T("Errors", "Ошибки"),
    T(
        "Problems found in the input sheets: fix them and refresh again.",
        "Ошибки во входных листах: исправьте их и обновите снова.",
    ),
    (
        Block(
            "problems",
            T("Problems", "Проблемы"),
            (
                Col("severity", T("Severity", "Важность"), width=14),
                Col("sheet", T("Sheet", "Лист"), width=14),
                Col("row", T("Row", "Строка"), "int", 8),
                Col("column", T("Column", "Столбец"), width=18),
                Col("value", T("Value found", "Значение"), width=18),
                Col("problem", T("Problem", "Проблема"), width=48, wrap=True),
                Col("fix", T("How to fix", "Как исправить"), width=60, wrap=True),
            ),
            (
                TextIs("severity", "error", "bad"),
                TextIs("severity", "ошибка", "bad"),
                TextIs("severity", "warning", "neutral"),
                TextIs("severity", "предупреждение", "neutral"),
            ),
        ),
    ),
    table_style="Table Style Medium 3",
)
