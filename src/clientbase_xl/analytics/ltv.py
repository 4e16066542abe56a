"""LTV = S × C × P × t (seed 001, METHODS.md "LTV").

S = average order value (revenue / orders); C = orders per month while active (orders / months
from the first to the last order, inclusive, at least 1); P = margin share of revenue; t =
average lifetime in months over the base (or over the client's segment).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from clientbase_xl.analytics.asof import LatestUpTo

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
    if with_orders.empty:
        return pd.DataFrame(columns=list(LTV_COLUMNS))
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
    out = _factors(out)
    if segment is None:
        out["t"] = out["lifetime_months"].mean()
    else:
        seg = segment.reindex(out.index)
        out["t"] = out.groupby(seg, dropna=False)["lifetime_months"].transform("mean")
    out["ltv"] = out["s"] * out["c"] * out["p"] * out["t"]
    return out.rename_axis("client").reset_index()[list(LTV_COLUMNS)]


def _factors(sums: pd.DataFrame) -> pd.DataFrame:
    """S, C and P from a client's ``orders``, ``revenue``, ``margin`` and ``lifetime_months``."""
    return sums.assign(
        s=sums["revenue"] / sums["orders"],
        c=sums["orders"] / sums["lifetime_months"].clip(lower=1),
        p=sums["margin"] / sums["revenue"].where(sums["revenue"] > 0),
    )


def ltv_over_time(facts: pd.DataFrame, months: Sequence[pd.Period]) -> pd.DataFrame:
    """For each of ``months``: what :func:`ltv_table` gives on the facts up to that month.

    Output: one row per month, ``month``, ``clients`` (with an order by then), ``ltv`` (their
    mean LTV) and ``ltv_total``. Running sums per client are taken once; each month then reads
    every client's sums up to it (:class:`~clientbase_xl.analytics.asof.LatestUpTo`), instead
    of regrouping all facts per month.
    """
    columns = ["month", "clients", "ltv", "ltv_total"]
    if facts.empty:
        return pd.DataFrame([(m, 0, np.nan, np.nan) for m in months], columns=columns)
    codes, _ = pd.factorize(facts["client"])
    rows = LatestUpTo(codes, facts["month"].array.asi8)
    order = rows.order
    codes, month = rows.codes, facts["month"].array.asi8[order]
    orders = facts["orders"].to_numpy(dtype=float)[order]
    revenue = facts["revenue"].to_numpy(dtype=float)[order]
    margin = facts["margin"].to_numpy(dtype=float)[order]
    # Months with an order; the others count as never (±inf), which running min/max pass over.
    ordered = orders > 0

    def run(values: np.ndarray, how: str) -> np.ndarray:
        running: np.ndarray = getattr(pd.Series(values).groupby(codes), how)().to_numpy()
        return running

    running = pd.DataFrame(
        {
            "orders": run(orders, "cumsum"),
            "revenue": run(revenue, "cumsum"),
            "margin": run(np.nan_to_num(margin), "cumsum"),
            "costed": run(~np.isnan(margin), "cumsum"),
            "first": run(np.where(ordered, month, np.inf), "cummin"),
            "last": run(np.where(ordered, month, -np.inf), "cummax"),
        }
    )
    clients = np.arange(codes.max() + 1)
    out = []
    for m in months:
        pos, found = rows.positions(m.ordinal, clients)
        at = running.iloc[pos[found]]
        at = at[np.isfinite(at["first"])]  # clients with an order by then
        sums = pd.DataFrame(
            {
                "orders": at["orders"].to_numpy(),
                "revenue": at["revenue"].to_numpy(),
                "margin": np.where(at["costed"] > 0, at["margin"], np.nan),
                "lifetime_months": (at["last"] - at["first"] + 1).to_numpy(),
            }
        )
        t = _factors(sums)
        ltv = t["s"] * t["c"] * t["p"] * t["lifetime_months"].mean()
        out.append((m, len(t), ltv.mean(), ltv.sum(min_count=1)))
    return pd.DataFrame(out, columns=columns)


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
    )
    # Blank, never 0, where no client of the group has an LTV (no Cost column, say).
    out["ltv_total"] = g["ltv"].sum(min_count=1)
    return out.reset_index()
