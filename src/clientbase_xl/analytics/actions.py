"""What each client needs this week, and why: one row per client and reason, money at stake.

Each ``*_items`` function takes frames the other methods make and returns the items of one
reason, columns :data:`ITEM_COLUMNS`: ``client``, ``reason`` (a code of :data:`REASONS`),
``stake`` (money at stake, per month unless said), and ``value``, ``other`` and ``label``:
the figures the reason's sentence quotes (what they hold is said per reason). :func:`collect`
puts them together per manager, largest stake first, and keeps the top items of each.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy as np
import pandas as pd

#: Every reason an action can have, in the order the Actions tab counts them.
REASONS = (
    "late",
    "sleeping",
    "abc_down",
    "xyz_down",
    "behind_plan",
    "overdue",
    "detractor",
    "second_order",
    "next_class",
    "cross_sell",
)
ITEM_COLUMNS = ("client", "reason", "stake", "value", "other", "label")


def _items(
    frame: pd.DataFrame,
    reason: str,
    stake: pd.Series,
    value: object = np.nan,
    other: object = np.nan,
    label: object = "",
) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "client": frame["client"].to_numpy(),
            "reason": reason,
            "stake": np.asarray(stake, dtype=float),
            "value": value,
            "other": other,
            "label": label,
        }
    )
    return out[list(ITEM_COLUMNS)]


def rhythm_items(stages: pd.DataFrame, monthly: pd.Series) -> pd.DataFrame:
    """``late`` and ``sleeping`` clients of :func:`~clientbase_xl.analytics.rhythm.stages`.

    ``monthly`` is each client's revenue a month (indexed by client): the stake. ``value`` =
    days past the due date, ``other`` = the rhythm in days. Churned clients are the Churn
    tab's; a late client stays late until it orders or sleeps.
    """
    out = []
    for stage in ("late", "sleeping"):
        rows = stages[stages["stage"] == stage]
        stake = rows["client"].map(monthly).fillna(0.0)
        out.append(
            _items(rows, stage, stake, rows["days_late"].to_numpy(), rows["rhythm"].to_numpy())
        )
    return pd.concat(out, ignore_index=True)


def class_down_items(
    before: pd.DataFrame,
    after: pd.DataFrame,
    dimension: str,
    order: tuple[str, ...],
    monthly: pd.Series,
) -> pd.DataFrame:
    """Clients whose ``abc`` or ``xyz`` class (``dimension``) got worse from a month to the next.

    ``before``, ``after``: snapshots (``client`` and the dimension's class); ``order`` the
    classes best first. ``label`` = "from → to", the stake the client's monthly revenue. An A
    client buying less regularly (X to Y) is the earliest warning there is.
    """
    both = before[["client", dimension]].merge(
        after[["client", dimension]], on="client", suffixes=("_from", "_to")
    )
    rank = {c: i for i, c in enumerate(order)}
    worse = both[f"{dimension}_to"].map(rank) > both[f"{dimension}_from"].map(rank)
    rows = both[worse]
    label = rows[f"{dimension}_from"] + " → " + rows[f"{dimension}_to"]
    return _items(
        rows, f"{dimension}_down", rows["client"].map(monthly).fillna(0.0), label=label.to_numpy()
    )


def behind_plan_items(plan: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Clients whose actual of ``month`` fell short of their plan: the stake is the shortfall.

    Input: :func:`~clientbase_xl.analytics.plan.plan_vs_actual`. ``value`` = actual, ``other``
    = plan.
    """
    rows = plan[(plan["month"] == month) & (plan["actual"] < plan["plan"])]
    return _items(
        rows,
        "behind_plan",
        rows["plan"] - rows["actual"],
        rows["actual"].to_numpy(),
        rows["plan"].to_numpy(),
    )


def overdue_items(dso: pd.DataFrame) -> pd.DataFrame:
    """Clients with invoices open past their due date: the stake (and ``value``) the amount."""
    rows = dso[dso["overdue_amount"] > 0]
    return _items(rows, "overdue", rows["overdue_amount"], rows["overdue_amount"].to_numpy())


def detractor_items(
    survey: pd.DataFrame, since: pd.Timestamp, as_of: pd.Timestamp, monthly: pd.Series
) -> pd.DataFrame:
    """Clients whose latest answer, given from ``since`` to ``as_of``, is 0-6 (a detractor).

    ``value`` = the score, ``label`` = its date (``YYYY-MM-DD``); the stake the client's
    monthly revenue.
    """
    answered = survey[(survey["date"] <= as_of)].sort_values(["date"], kind="stable")
    last = answered.dropna(subset=["client"]).groupby("client").tail(1)
    rows = last[(last["date"] >= since) & (last["score"] <= 6)]
    return _items(
        rows,
        "detractor",
        rows["client"].map(monthly).fillna(0.0),
        rows["score"].to_numpy(),
        label=rows["date"].dt.strftime("%Y-%m-%d").to_numpy(),
    )


def second_order_items(orders: pd.DataFrame, as_of: pd.Timestamp, churn_days: int) -> pd.DataFrame:
    """Clients with one order day, silent for longer than repeat buyers usually wait.

    The usual wait is the median of the days from the first to the second order day over
    every client with two or more; a one-order client is due when its silence is past it and
    not yet churned (``churn_days``). ``value`` = days since the order, ``other`` = the usual
    wait; the stake is the amount of the one order (what a second would be worth again).
    """
    days = orders.assign(day=orders["date"].dt.normalize())
    per_day = (
        days.groupby(["client", "day"])["amount"].sum().reset_index()
    )  # sorted by client and day
    by_client = per_day.groupby("client")["day"]
    counts = by_client.transform("size")
    # Each client's first and second order day by their place in the sorted rows: a Python
    # function per client here cost seconds on a million lines.
    place = by_client.cumcount()
    first = per_day.loc[place == 0].set_index("client")["day"]
    second = per_day.loc[place == 1].set_index("client")["day"]
    first_two = (second - first.reindex(second.index)).dt.days
    if first_two.empty:
        return _items(per_day.iloc[:0], "second_order", pd.Series(dtype=float))
    wait = float(first_two.median())
    once = per_day[counts == 1]
    silent = (as_of.normalize() - once["day"]).dt.days
    rows = once[(silent > wait) & (silent < churn_days)]
    return _items(rows, "second_order", rows["amount"], silent[rows.index].to_numpy(), wait)


def next_class_items(
    segments: pd.DataFrame, letters: tuple[str, ...], close: float, months: int
) -> pd.DataFrame:
    """Clients a little short of the next ABC class: the stake is what they need more.

    The next class's threshold is the smallest revenue among its clients in the window; a
    client needing at most ``close`` (a fraction) of its own revenue more is listed. ``label``
    = the class it would reach, ``value`` = the gap over the window, the stake a month's share
    of it (gap / ``months``).
    """
    seg = segments[segments["revenue"] > 0]
    floors = seg.groupby("abc")["revenue"].min()
    parts = []
    for better, worse in itertools.pairwise(letters):
        if better not in floors.index:
            continue
        rows = seg[seg["abc"] == worse]
        gap = floors[better] - rows["revenue"]
        near = rows[(gap > 0) & (gap <= close * rows["revenue"])]
        g = gap[near.index]
        parts.append(_items(near, "next_class", g / months, g.to_numpy(), label=better))
    if not parts:
        return _items(seg.iloc[:0], "next_class", pd.Series(dtype=float))
    return pd.concat(parts, ignore_index=True)


def cross_sell_items(cells: pd.DataFrame, months_a_year: int = 12) -> pd.DataFrame:
    """Categories a client buys elsewhere and not from us (the Potential tab's cross-sell).

    Input: :func:`~clientbase_xl.analytics.wallet.whitespace` on yearly amounts. One item per
    client, for its largest such category: ``label`` = the category, ``value`` = its yearly
    wallet; the stake a month of it.
    """
    rows = cells[cells["crosssell"] > 0].sort_values(
        ["client", "crosssell", "category"], ascending=[True, False, True], kind="stable"
    )
    rows = rows.groupby("client").head(1)
    return _items(
        rows,
        "cross_sell",
        rows["crosssell"] / months_a_year,
        rows["crosssell"].to_numpy(),
        label=rows["category"].to_numpy(),
    )


class Collected(NamedTuple):
    """The actions of one refresh: every one, those listed, and each manager's load."""

    every: pd.DataFrame
    shown: pd.DataFrame
    load: pd.DataFrame


def collect(
    items: list[pd.DataFrame], managers: pd.Series, top: int, off: tuple[str, ...] = ()
) -> Collected:
    """Every item with its manager, largest stake first per manager, and each manager's load.

    Parameters
    ----------
    items
        Frames of :data:`ITEM_COLUMNS` (the ``*_items`` functions).
    managers
        Each client's manager, indexed by client (a client without one is under NA).
    top
        Items kept per manager; the rest are counted, not listed.
    off
        Reasons switched off in Settings.

    Returns
    -------
    Collected
        ``every``: ``manager``, ``rank`` (1 = largest stake of the manager), the item
        columns; ordered by manager then rank. ``shown``: the top ``top`` of each manager.
        ``load``: per manager ``actions`` (all), ``clients``, ``stake``, ``not_shown`` and a
        count column per reason of :data:`REASONS`; the largest stake first.
    """
    every = pd.concat(items, ignore_index=True) if items else pd.DataFrame(columns=ITEM_COLUMNS)
    every = every[~every["reason"].isin(off)]
    every.insert(0, "manager", every["client"].map(managers).to_numpy())
    # Ties in stake are broken by client and reason, so line order never changes the list.
    every = every.sort_values(
        ["manager", "stake", "client", "reason"],
        ascending=[True, False, True, True],
        kind="stable",
        na_position="last",
    )
    every["rank"] = every.groupby("manager", dropna=False).cumcount() + 1
    shown = every[every["rank"] <= top].reset_index(drop=True)
    g = every.groupby("manager", dropna=False)
    load = pd.DataFrame(
        {"actions": g.size(), "clients": g["client"].nunique(), "stake": g["stake"].sum()}
    )
    counts = every.groupby(["manager", "reason"], dropna=False).size().unstack(fill_value=0)
    load = load.join(counts.reindex(columns=list(REASONS), fill_value=0))
    load["not_shown"] = np.maximum(load["actions"] - top, 0)
    load = load.rename_axis("manager").reset_index()
    load = load.sort_values(["stake", "manager"], ascending=[False, True], kind="stable")
    cols = ["manager", "rank", *ITEM_COLUMNS]
    return Collected(every.reset_index(drop=True)[cols], shown[cols], load.reset_index(drop=True))
