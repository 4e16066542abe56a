"""Plan against actual: each month's individual plans, set when the month before was closed.

A snapshot of month m carries every client's plan for month m + 1 (see the History sheet);
the actual is the client's revenue in m + 1. Months closed in History keep the plan that was
set then, so a later refresh compares against it, never against a recomputed one.
"""

from __future__ import annotations

import pandas as pd

PLAN_COLUMNS = ("month", "client", "manager", "plan", "actual", "fulfilment")


def plan_vs_actual(timeline: pd.DataFrame, facts: pd.DataFrame, through: pd.Period) -> pd.DataFrame:
    """Plan and actual per client and month.

    Parameters
    ----------
    timeline
        Monthly snapshots: ``month`` (Period), ``client``, ``manager``, ``plan`` (for the month
        after; NaN where none was set).
    facts
        Monthly facts: ``client``, ``month`` (Period), ``revenue``.
    through
        The last month to compare (the analysis month: its actual is to date).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PLAN_COLUMNS`, one row per client with a plan for ``month`` (the month
        after its snapshot's) up to ``through``;
        ``actual`` = the month's revenue (0 without orders), ``fulfilment`` = actual / plan
        (NaN for a zero plan). ``manager`` is the one who held the client when the plan was set.
    """
    planned = timeline[timeline["plan"].notna()][["month", "client", "manager", "plan"]]
    planned = planned.assign(month=planned["month"] + 1)
    planned = planned[planned["month"] <= through]
    actual = facts.groupby(["client", "month"], observed=True)["revenue"].sum()
    keys = pd.MultiIndex.from_arrays([planned["client"], planned["month"]])
    out = planned.assign(actual=actual.reindex(keys).fillna(0.0).to_numpy())
    out["fulfilment"] = out["actual"] / out["plan"].where(out["plan"] != 0)
    return out.sort_values(["month", "client"], kind="stable").reset_index(drop=True)[
        list(PLAN_COLUMNS)
    ]


def fulfilment_by(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """:func:`plan_vs_actual` summed over ``by``.

    Output: the ``by`` columns, ``clients``, ``plan``, ``actual``, ``met`` (share of clients at
    or above their plan) and ``fulfilment`` = actual / plan (NaN for a zero plan).
    """
    met = table.assign(_met=(table["actual"] >= table["plan"]).astype(float))
    g = met.groupby(by, observed=True, dropna=False, sort=True)
    out = g.agg(
        clients=("client", "size"),
        plan=("plan", "sum"),
        actual=("actual", "sum"),
        met=("_met", "mean"),
    )
    out["fulfilment"] = out["actual"] / out["plan"].where(out["plan"] != 0)
    return out.reset_index()
