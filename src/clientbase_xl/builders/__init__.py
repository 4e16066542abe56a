"""Tab builders: each turns analytics output into the localised frames of its result tab.

A builder is a function ``(Context) -> ResultTab`` registered for its tab's spec with
:func:`~clientbase_xl.builders.registry.builds`; :data:`BUILDERS` gives them in the order of
:data:`~clientbase_xl.report.tabs.TABS`. The :class:`~clientbase_xl.builders.context.Context`
computes what several tabs share (monthly facts, the current segments, the timeline of
snapshots) once, on first use.
"""

from __future__ import annotations

# Imported for the builders they register.
from clientbase_xl.builders import (  # noqa: F401
    clv,
    dashboard,
    loyalty,
    plan,
    priority,
    segments,
    timeline,
)
from clientbase_xl.builders.context import Context
from clientbase_xl.builders.registry import Builder, in_tab_order
from clientbase_xl.report.tabs import RESULT_TABS

#: Every result tab's builder, in tab order, with the progress step it reports.
BUILDERS: tuple[tuple[str, Builder], ...] = in_tab_order(RESULT_TABS)

__all__ = ["BUILDERS", "Builder", "Context"]
