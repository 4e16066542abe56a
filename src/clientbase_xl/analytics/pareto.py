"""Pareto check (seed 004): how concentrated revenue is among clients."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

PARETO_CURVE_COLUMNS = ("client_share", "clients", "revenue_share")
PARETO_TABLE_COLUMNS = ("measure", "clients", "client_share", "revenue_share")


def pareto_summary(revenue: pd.Series, top: float = 0.2, target: float = 0.8) -> dict[str, float]:
    """Concentration of positive revenue.

    Parameters
    ----------
    revenue
        Revenue per client; clients with revenue ≤ 0 are left out (they carry no share).
    top, target
        The "20" and the "80" of the 80/20 rule.

    Returns
    -------
    dict
        ``clients`` (positive ones), ``top_clients`` = ceil(top × clients), ``top_share`` (their
        share of revenue), ``target_clients`` (fewest clients reaching ``target`` of revenue) and
        ``target_client_share`` (that number over ``clients``).
    """
    values = np.sort(revenue[revenue > 0].to_numpy(dtype=float))[::-1]
    n = len(values)
    if n == 0:
        return {
            "clients": 0.0,
            "top_clients": 0.0,
            "top_share": float("nan"),
            "target_clients": 0.0,
            "target_client_share": float("nan"),
        }
    cum = np.cumsum(values) / values.sum()
    k_top = math.ceil(top * n - 1e-9)
    k_target = int(np.searchsorted(cum, target - 1e-12, side="left")) + 1
    return {
        "clients": float(n),
        "top_clients": float(k_top),
        "top_share": float(cum[k_top - 1]) if k_top else 0.0,
        "target_clients": float(k_target),
        "target_client_share": k_target / n,
    }


def pareto_curve(revenue: pd.Series, points: int = 100) -> pd.DataFrame:
    """The Lorenz-style curve at ``points`` evenly spaced client shares (1 %, 2 %, ... 100 %).

    Output columns :data:`PARETO_CURVE_COLUMNS`: share of clients (largest first), the number of
    clients, and the share of revenue they make.
    """
    values = np.sort(revenue[revenue > 0].to_numpy(dtype=float))[::-1]
    n = len(values)
    shares = np.arange(1, points + 1) / points
    if n == 0:
        return pd.DataFrame({"client_share": shares, "clients": 0, "revenue_share": np.nan})
    cum = np.concatenate([[0.0], np.cumsum(values) / values.sum()])
    counts = np.ceil(shares * n - 1e-9).astype(int)
    return pd.DataFrame({"client_share": shares, "clients": counts, "revenue_share": cum[counts]})


def pareto_table(revenue: pd.Series, top: float = 0.2, target: float = 0.8) -> pd.DataFrame:
    """The Pareto check as three rows a sales lead can read across.

    Output columns :data:`PARETO_TABLE_COLUMNS`; ``measure`` is ``"all"`` (every client with
    positive revenue), ``"top"`` (the largest ``top`` share of them) and ``"target"`` (the fewest
    clients making ``target`` of revenue), each with its number of clients, their share of
    clients and their share of revenue.
    """
    values = np.sort(revenue[revenue > 0].to_numpy(dtype=float))[::-1]
    n = len(values)
    s = pareto_summary(revenue, top, target)
    cum = np.concatenate([[0.0], np.cumsum(values) / values.sum()]) if n else np.zeros(1)
    rows = [("all", n), ("top", int(s["top_clients"])), ("target", int(s["target_clients"]))]
    return pd.DataFrame(
        {
            "measure": [m for m, _ in rows],
            "clients": [k for _, k in rows],
            "client_share": [k / n if n else np.nan for _, k in rows],
            "revenue_share": [cum[k] if n else np.nan for _, k in rows],
        }
    )
