"""LTV = S × C × P × t (seed 001, METHODS.md "LTV").

S = average order value (revenue / orders); C = orders per month while active (orders / months
from the first to the last order, inclusive, at least 1); P = margin share of revenue; t =
average lifetime in months over the base (or over the client's segment).
"""

from __future__ import annotations

import pandas as pd

LTV_COLUMNS = (
    "client",
    "first_month",
    "last_month",
    "lifetime_months",
    "orders",
    "revenue",
    "margin",
    "s",
    "c",
    "p",
    "t",
    "ltv",
)


def ltv_table(facts: pd.DataFrame, segment: pd.Series | None = None) -> pd.DataFrame:
    """LTV and its factors per client, from all months of ``facts``.

    Parameters
    ----------
    facts
        :func:`~clientbase_xl.analytics.abc_xyz.monthly_facts` (every month up to the analysis
        date, not only the window).
    segment
        Client id -> segment: ``t`` is then averaged within each segment, else over the base.

    Returns
    -------
    pandas.DataFrame
        One row per client with an order, columns :data:`LTV_COLUMNS`; ``p`` and ``ltv`` are NaN
        where the cost (so the margin) is unknown.
    """
    with_orders = facts[facts["orders"] > 0]
    g = facts.groupby("client", sort=True, observed=True)
    months = with_orders.groupby("client", sort=True, observed=True)["month"]
    out = pd.DataFrame(
        {
            "first_month": months.min(),
            "last_month": months.max(),
        }
    )
    out["orders"] = g["orders"].sum().reindex(out.index)
    out["revenue"] = g["revenue"].sum().reindex(out.index)
    out["margin"] = g["margin"].sum(min_count=1).reindex(out.index)
    out["lifetime_months"] = (
        _month_number(out["last_month"]) - _month_number(out["first_month"]) + 1
    ).astype(float)
    out["s"] = out["revenue"] / out["orders"]
    out["c"] = out["orders"] / out["lifetime_months"].clip(lower=1)
    out["p"] = out["margin"] / out["revenue"].where(out["revenue"] > 0)
    if segment is None:
        out["t"] = out["lifetime_months"].mean()
    else:
        seg = segment.reindex(out.index)
        out["t"] = out.groupby(seg, dropna=False)["lifetime_months"].transform("mean")
    out["ltv"] = out["s"] * out["c"] * out["p"] * out["t"]
    return out.rename_axis("client").reset_index()[list(LTV_COLUMNS)]


def _month_number(months: pd.Series) -> pd.Series:
    """Months as a running count (year × 12 + month), vectorised, for month differences."""
    count: pd.Series = months.dt.year * 12 + months.dt.month
    return count


def ltv_by(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per value of ``by``: clients, the mean of S, C, P, t and LTV, and total LTV."""
    g = table.groupby(by, sort=True, observed=True, dropna=False)
    out = g.agg(
        clients=("client", "size"),
        s=("s", "mean"),
        c=("c", "mean"),
        p=("p", "mean"),
        t=("t", "mean"),
        ltv=("ltv", "mean"),
        ltv_total=("ltv", "sum"),
    )
    return out.reset_index()
