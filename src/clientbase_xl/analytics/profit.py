"""Profitability (METHODS.md "Profitability"): margin and margin % per client, group, manager."""

from __future__ import annotations

import pandas as pd


def margin_pct(margin: pd.Series, revenue: pd.Series) -> pd.Series:
    """Margin over revenue; NaN where revenue is not positive or margin unknown."""
    return margin / revenue.where(revenue > 0)


def profit_by(per_client: pd.DataFrame, by: str) -> pd.DataFrame:
    """Revenue, margin and margin % summed per value of ``by`` (clients counted).

    Input: one row per client with ``revenue``, ``margin`` and the ``by`` column.
    """
    out = per_client.groupby(by, sort=True, observed=True, dropna=False).agg(
        clients=("client", "size"),
        revenue=("revenue", "sum"),
        margin=("margin", lambda m: m.sum(min_count=1)),
    )
    out["margin_pct"] = margin_pct(out["margin"], out["revenue"])
    return out.reset_index().sort_values("margin", ascending=False, kind="stable")


def big_but_unprofitable(per_client: pd.DataFrame, top_class: str = "A") -> pd.DataFrame:
    """Clients of the top ABC class whose margin % is below the whole base's, lowest first."""
    total = per_client["revenue"].sum()
    base = per_client["margin"].sum(min_count=1) / total if total > 0 else float("nan")
    a = per_client[per_client["abc"] == top_class]
    pct = margin_pct(a["margin"], a["revenue"])
    low = a[pct < base].assign(margin_pct=pct)
    return low.sort_values("margin_pct", kind="stable")
