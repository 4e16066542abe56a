"""BCG-style client matrix (seed 002): share of our revenue against revenue growth.

x = the client's share of our revenue in the window; y = growth of its revenue against the
window before (a client new in the window grows without bound). Quadrants are split at the
medians (the growth median over clients that bought in the window before): Stars (large,
growing), Cash cows (large, not growing), Question marks (small, growing), Dogs (small, not
growing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The quadrants, in the order the tab shows them.
QUADRANTS = ("star", "cash_cow", "question_mark", "dog")


def window_revenue(
    facts: pd.DataFrame, month: pd.Period, months: int
) -> tuple[pd.Series, pd.Series]:
    """Revenue per client in the ``months`` up to ``month`` and in the ``months`` before them.

    Input: monthly facts (``client``, ``month``, ``revenue``). Output: two Series indexed by
    client (a client with no month in a window is absent from it), as :func:`bcg` takes them.
    """
    window = pd.period_range(end=month, periods=months, freq="M")
    before = pd.period_range(end=month - months, periods=months, freq="M")
    now = facts[facts["month"].isin(window)].groupby("client")["revenue"].sum()
    prev = facts[facts["month"].isin(before)].groupby("client")["revenue"].sum()
    return now, prev


def bcg(revenue_now: pd.Series, revenue_before: pd.Series) -> pd.DataFrame:
    """Quadrant per client with revenue now.

    Output: ``client``, ``revenue``, ``revenue_before``, ``share``, ``growth`` (inf for new
    clients, NaN where both windows are empty), ``quadrant``.
    """
    now = revenue_now[revenue_now > 0]
    before = revenue_before.reindex(now.index).fillna(0.0)
    share = now / now.sum() if len(now) else now
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(before > 0, now / before.where(before > 0) - 1, np.inf)
    frame = pd.DataFrame(
        {"revenue": now, "revenue_before": before, "share": share, "growth": growth},
        index=now.index,
    )
    large = frame["share"] >= frame["share"].median()
    # The median of growth ranks new clients (inf) above every other client.
    growing = (
        frame["growth"].rank(method="average") >= frame["growth"].rank(method="average").median()
    )
    frame["quadrant"] = np.select(
        [large & growing, large & ~growing, ~large & growing],
        ["star", "cash_cow", "question_mark"],
        "dog",
    )
    return frame.rename_axis("client").reset_index()


def bcg_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Clients and revenue per quadrant, every quadrant present, in :data:`QUADRANTS` order.

    Input: :func:`bcg`'s frame (``client``, ``revenue``, ``quadrant``). Output: ``quadrant``,
    ``clients``, ``revenue``, ``revenue_share`` (of the total; 0 when there is none).
    """
    out = table.groupby("quadrant").agg(clients=("client", "size"), revenue=("revenue", "sum"))
    out = out.reindex(list(QUADRANTS), fill_value=0).rename_axis("quadrant").reset_index()
    total = out["revenue"].sum()
    out["revenue_share"] = out["revenue"] / total if total else 0.0
    return out


def bcg_by_manager(table: pd.DataFrame) -> pd.DataFrame:
    """Clients per manager and quadrant: ``manager`` and one column per :data:`QUADRANTS`."""
    return (
        pd.crosstab(table["manager"], table["quadrant"])
        .reindex(columns=list(QUADRANTS), fill_value=0)
        .reset_index()
    )
