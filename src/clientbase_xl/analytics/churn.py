"""Churn rate and the repeat-purchase funnel (seed 001, METHODS.md "Churn rate").

Input ``orders``: one row per order (a document with a positive total): ``client``, ``date``.
A client is active on a day when its last order before that day is at most ``churn_days`` old.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import day_number, day_numbers

CHURN_COLUMNS = ("month", "active_at_start", "churned", "churn_rate")
FUNNEL_COLUMNS = (
    "cohort",
    "clients",
    "second",
    "third",
    "fourth_plus",
    "second_share",
    "third_share",
    "fourth_plus_share",
)


def churn_by_month(
    orders: pd.DataFrame, months: Iterable[pd.Period], churn_days: int, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Churn rate of each month.

    Of the clients active at the start of the month, the churned are those with no order in the
    month whose last order is more than ``churn_days`` old at the month's end (the analysis date
    for its own month). Output: one row per month, columns :data:`CHURN_COLUMNS`.
    """
    # Orders as one sorted key per (client, day): for every client at once, the last order
    # before a day and the first order from it are one binary search each.
    codes, clients = pd.factorize(orders["client"])
    days = day_numbers(orders["date"])
    # Day offsets run 1 .. span - 2 inside each client's block, so offsets 0 and span - 1
    # stand for "before every order" and "after every order".
    span = int(days.max() - days.min()) + 3 if len(days) else 2
    base = int(days.min()) - 1 if len(days) else 0
    keys = np.sort(codes.astype(np.int64) * span + (days - base))
    everyone = np.arange(len(clients), dtype=np.int64) * span
    rows = []
    for month in months:
        start = month.start_time.normalize()
        end = min(month.end_time.normalize(), as_of.normalize())
        offset = min(max(day_number(start) - base, 0), span - 1)
        first_from = np.searchsorted(keys, everyone + offset, side="left")
        has_before = (first_from > 0) & (keys[np.maximum(first_from - 1, 0)] >= everyone)
        last_before = keys[np.maximum(first_from - 1, 0)] - everyone + base
        active = has_before & (day_number(start) - last_before <= churn_days)
        nxt = keys[np.minimum(first_from, len(keys) - 1)] if len(keys) else everyone
        bought = (first_from < len(keys)) & (nxt - everyone + base <= day_number(end))
        bought &= (nxt >= everyone) & (nxt < everyone + span)
        churned = int((active & ~bought & (day_number(end) - last_before > churn_days)).sum())
        n_active = int(active.sum())
        rows.append((month, n_active, churned, churned / n_active if n_active else np.nan))
    return pd.DataFrame(rows, columns=list(CHURN_COLUMNS))


def churned_clients(orders: pd.DataFrame, as_of: pd.Timestamp, churn_days: int) -> pd.DataFrame:
    """Clients whose last order is more than ``churn_days`` old at ``as_of``.

    Output: ``client``, ``last_order``, ``days_since``, ``orders``, ``revenue`` (all their
    orders), most recently lost first.
    """
    g = orders.groupby("client", sort=True, observed=True)
    out = pd.DataFrame(
        {"last_order": g["date"].max(), "orders": g.size(), "revenue": g["amount"].sum()}
    )
    out["days_since"] = (as_of.normalize() - out["last_order"]).dt.days
    out = out[out["days_since"] > churn_days].sort_values(
        "last_order", ascending=False, kind="stable"
    )
    return out.rename_axis("client").reset_index()[
        ["client", "last_order", "days_since", "orders", "revenue"]
    ]


def repeat_funnel(orders: pd.DataFrame, by: str = "cohort") -> pd.DataFrame:
    """How many clients came back for a 2nd, 3rd, 4th+ order, per first-order month or per group.

    ``by`` is ``"cohort"`` (the month of the client's first order) or a column of ``orders``
    naming each client's group, such as ``"manager"`` (the client's value on its first order).

    Output: one row per cohort month (or group), columns :data:`FUNNEL_COLUMNS` with ``by`` in
    place of ``cohort``; shares are of the row's clients.
    """
    # Each client's earliest order, the first of its day in row order: a grouped minimum,
    # not a sort of every order by date.
    rows = orders.reset_index(drop=True)
    grouped = rows.groupby("client", observed=True)
    per = rows.loc[grouped["date"].idxmin()].set_index("client")
    per["n"] = grouped.size()
    key = per["date"].dt.to_period("M") if by == "cohort" else per[by]
    reached = pd.DataFrame(
        {
            "clients": 1,
            "second": per["n"] >= 2,
            "third": per["n"] >= 3,
            "fourth_plus": per["n"] >= 4,
        }
    )
    out = reached.astype(int).groupby(key.rename(by), sort=True, dropna=False).sum()
    for col in ("second", "third", "fourth_plus"):
        out[f"{col}_share"] = out[col] / out["clients"]
    return out.reset_index()[[by, *FUNNEL_COLUMNS[1:]]]


def one_order_clients(orders: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Clients stuck at one order: bought once and never again (seed 001's funnel leak).

    Output: ``client``, ``first_order``, ``days_since``, ``revenue`` (that order), the largest
    order first (ties by client), so the list starts where a second order is worth most.
    """
    counts = orders.groupby("client", observed=True)["date"].transform("size")
    once = orders[counts == 1]
    out = pd.DataFrame(
        {
            "client": once["client"].to_numpy(),
            "first_order": once["date"].to_numpy(),
            "days_since": (as_of.normalize() - once["date"]).dt.days.to_numpy(),
            "revenue": once["amount"].to_numpy(),
        }
    )
    return out.sort_values(
        ["revenue", "client"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
