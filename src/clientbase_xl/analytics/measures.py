"""The measure plan tracked (seed 003): which measures are open, and which are overdue.

A measure is open until its status says done or cancelled; an open measure whose deadline is
before the analysis date is overdue by the days between.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The measure plan's columns this module reads: codes for ``direction`` and ``status``.
MEASURE_COLUMNS = (
    "direction",
    "measure",
    "owner",
    "group",
    "client",
    "deadline",
    "resources",
    "status",
)


def tracked(plan: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The measure plan with ``overdue`` (days past the deadline of an open measure; NaN else).

    Input: :data:`MEASURE_COLUMNS` (``deadline`` may be NaT). Output: the same rows, open ones
    first, most overdue first, then by deadline (none last) and the sheet's order.
    """
    late = (as_of.normalize() - plan["deadline"]).dt.days
    is_open = plan["status"].eq("open")
    out = plan.assign(overdue=late.where(is_open & (late > 0)).astype(float))
    out["_closed"] = ~is_open
    out["_late"] = -out["overdue"].fillna(0.0)
    out["_due"] = plan["deadline"].isna()  # no deadline last; among the rest, soonest first
    out["_when"] = plan["deadline"]
    ordered = out.sort_values(["_closed", "_late", "_due", "_when"], kind="stable")
    return ordered.drop(columns=["_closed", "_late", "_due", "_when"]).reset_index(drop=True)


def open_by(plan: pd.DataFrame, by: str) -> pd.DataFrame:
    """Open and overdue measures counted per ``by`` (``owner``, ``group``, ``direction``).

    Input: :func:`tracked`. Output: ``by``, ``open``, ``overdue`` (counts).
    """
    is_open = plan["status"].eq("open")
    frame = pd.DataFrame(
        {
            by: plan[by],
            "open": is_open.astype(int),
            "overdue": (is_open & plan["overdue"].notna()).astype(int),
        }
    )
    out = frame.groupby(by, dropna=False, sort=True)[["open", "overdue"]].sum().reset_index()
    out[["open", "overdue"]] = out[["open", "overdue"]].astype(np.int64)
    return out
