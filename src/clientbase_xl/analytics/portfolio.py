"""Portfolio quality per manager and month (seed 001, METHODS.md "Portfolio quality").

Input: a timeline of snapshots (see :mod:`clientbase_xl.analytics.history`); clients without a
manager should carry a label for "no manager" before they come here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.abc_xyz import XYZ_LETTERS


def share_columns(letters: tuple[str, ...]) -> list[str]:
    """Names of the class-share columns: ``a_share`` ... for ABC(D), then ``x_share`` ..."""
    return [f"{c.lower()}_share" for c in (*letters, *XYZ_LETTERS)]


def portfolio_trend(snapshots: pd.DataFrame, letters: tuple[str, ...]) -> pd.DataFrame:
    """Clients and class shares per manager and month.

    Output: one row per manager and month, sorted so, with ``manager``, ``month``, ``clients``,
    a count column per ABC letter (``A``, ``B`` ...), :func:`share_columns`, ``revenue`` and
    ``a_revenue_share`` (revenue of A clients over the manager's revenue).
    """
    keys = ["manager", "month"]
    g = snapshots.groupby(keys, sort=True, observed=True)
    out = g.size().rename("clients").to_frame()
    abc = pd.crosstab([snapshots["manager"], snapshots["month"]], snapshots["abc"])
    xyz = pd.crosstab([snapshots["manager"], snapshots["month"]], snapshots["xyz"])
    abc = abc.reindex(index=out.index, columns=list(letters), fill_value=0)
    xyz = xyz.reindex(index=out.index, columns=list(XYZ_LETTERS), fill_value=0)
    out = out.join(abc)
    for letter in letters:
        out[f"{letter.lower()}_share"] = abc[letter] / out["clients"]
    for letter in XYZ_LETTERS:
        out[f"{letter.lower()}_share"] = xyz[letter] / out["clients"]
    out["revenue"] = g["revenue"].sum()
    a_revenue = snapshots[snapshots["abc"] == letters[0]].groupby(keys, observed=True)["revenue"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["a_revenue_share"] = a_revenue.sum().reindex(out.index, fill_value=0.0) / out[
            "revenue"
        ].where(out["revenue"] > 0)
    return out.reset_index()


def portfolio_latest(
    trend: pd.DataFrame, month: pd.Period, load: tuple[int, int] = (50, 250)
) -> pd.DataFrame:
    """Each manager's portfolio in ``month`` with its changes and flags.

    Adds to the :func:`portfolio_trend` row of the month: ``a_share_change_1m`` and
    ``a_share_change_12m`` (A share now minus one and twelve months before, NaN where that month
    is missing), ``a_share_falling`` (the A share fell in each of the last three months — the
    seed's "Ivanov" example) and ``load`` ("low" / "high" outside the ``load`` band of clients per
    manager, else empty).
    """
    wide = trend.pivot(index="manager", columns="month", values="a_share")
    now = trend[trend["month"] == month].set_index("manager")

    def a_share(k: int) -> pd.Series:
        col = month - k
        return (
            wide[col].reindex(now.index)
            if col in wide.columns
            else pd.Series(np.nan, index=now.index)
        )

    out = now.copy()
    out["a_share_change_1m"] = out["a_share"] - a_share(1)
    out["a_share_change_12m"] = out["a_share"] - a_share(12)
    steps = [a_share(k) - a_share(k + 1) for k in range(3)]
    out["a_share_falling"] = np.logical_and.reduce([(s < 0).to_numpy() for s in steps])
    lo, hi = load
    out["load"] = np.select([out["clients"] < lo, out["clients"] > hi], ["low", "high"], "")
    return out.reset_index()
