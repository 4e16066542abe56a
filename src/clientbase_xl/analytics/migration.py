"""Migration between segments from one month to the next (seed 001, METHODS.md "Migration").

Input: two snapshots (see :mod:`clientbase_xl.analytics.history`). A client without a class in
the earlier month is "new"; one without a class in the later month is "lost". The seeds' goal is
movement toward A and X, so up-moves and down-moves are counted apart: A is above B above C (D),
X above Y above Z; a combined cell moves with its ABC class, and with its XYZ class when the ABC
class stays.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

Dimension = Literal["abc", "xyz", "cell"]
DIRECTIONS = ("up", "down", "same", "new", "lost")
NEW, LOST = "new", "lost"
MOVE_COLUMNS = (
    "client",
    "manager",
    "from",
    "to",
    "direction",
    "revenue_before",
    "revenue_after",
    "revenue_change",
)
_RANK = {"A": 0, "B": 1, "C": 2, "D": 3, "X": 0, "Y": 1, "Z": 2}


def _rank(classes: pd.Series, dimension: Dimension) -> pd.Series:
    if dimension == "cell":
        # ABC first; XYZ decides only when the ABC class is the same.
        return classes.str[0].map(_RANK) * 10 + classes.str[1].map(_RANK)
    return classes.map(_RANK)


def _direction(
    new: np.ndarray, lost: np.ndarray, r_from: np.ndarray, r_to: np.ndarray
) -> np.ndarray:
    """The direction of each move from its class ranks (0 is the top class)."""
    directions: np.ndarray = np.select(
        [new, lost, r_to < r_from, r_to > r_from], ["new", "lost", "up", "down"], default="same"
    )
    return directions


def moves(before: pd.DataFrame, after: pd.DataFrame, dimension: Dimension) -> pd.DataFrame:
    """Each client's class before and after, and the direction of the move.

    Returns
    -------
    pandas.DataFrame
        One row per client in either snapshot, columns :data:`MOVE_COLUMNS`; ``from`` is
        ``"new"`` and ``to`` is ``"lost"`` where the client has no class; the manager is the
        later one where there is one. Revenues are of each month's window (0 where absent).
    """
    b = before.set_index("client")
    a = after.set_index("client")
    ids = b.index.union(a.index)
    out = pd.DataFrame(index=ids)
    out["from"] = b[dimension].reindex(ids).fillna(NEW)
    out["to"] = a[dimension].reindex(ids).fillna(LOST)
    out["manager"] = a["manager"].reindex(ids).combine_first(b["manager"].reindex(ids))
    out["revenue_before"] = b["revenue"].reindex(ids).fillna(0.0)
    out["revenue_after"] = a["revenue"].reindex(ids).fillna(0.0)
    out["revenue_change"] = out["revenue_after"] - out["revenue_before"]
    out["direction"] = _direction(
        (out["from"] == NEW).to_numpy(),
        (out["to"] == LOST).to_numpy(),
        _rank(out["from"], dimension).to_numpy(dtype=float),
        _rank(out["to"], dimension).to_numpy(dtype=float),
    )
    return out.rename_axis("client").reset_index()[list(MOVE_COLUMNS)]


def transitions(
    m: pd.DataFrame,
    classes: tuple[str, ...],
    value: Literal["clients", "revenue"] = "clients",
    total: str = "Total",
    new: str = "New",
) -> pd.DataFrame:
    """The from -> to matrix: rows ``classes`` then new and total, columns ``classes``, lost, total.

    Counts clients, or sums revenue (the later month's; the earlier one's for lost clients).
    Output columns: ``from`` (row label) and one column per ``to`` class, ``lost``, ``total``.
    """
    rows = [*classes, NEW]
    cols = [*classes, LOST]
    values = m.assign(
        _v=1.0
        if value == "clients"
        else np.where(m["to"] == LOST, m["revenue_before"], m["revenue_after"])
    )
    table = values.pivot_table(
        index="from", columns="to", values="_v", aggfunc="sum", fill_value=0.0, observed=True
    )
    table = table.reindex(index=rows, columns=cols, fill_value=0.0)
    table.loc[NEW, LOST] = 0.0  # nobody is both new and lost within one comparison
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table = table.rename(index={NEW: new, "total": total})
    return table.rename_axis("from").reset_index().rename_axis(columns=None)


def balance(m: pd.DataFrame) -> dict[str, float]:
    """Clients per direction, and ``net`` = up − down."""
    counts = m["direction"].value_counts()
    out = {d: float(counts.get(d, 0)) for d in DIRECTIONS}
    out["net"] = out["up"] - out["down"]
    return out


def balance_by(m: pd.DataFrame, by: str) -> pd.DataFrame:
    """:func:`balance` per value of column ``by`` (e.g. manager).

    Output: ``by``, ``clients`` (in either month), the directions and ``net``.
    """
    counts = pd.crosstab(m[by], m["direction"]).reindex(columns=list(DIRECTIONS), fill_value=0)
    counts["net"] = counts["up"] - counts["down"]
    counts.insert(0, "clients", counts[list(DIRECTIONS)].sum(axis=1))
    return counts.rename_axis(by).reset_index().rename_axis(columns=None)


def balance_over_time(snapshots: pd.DataFrame, dimension: Dimension = "abc") -> pd.DataFrame:
    """Migration balance of each month against the one before it.

    Input: a timeline of snapshots (``month`` column). Output: one row per month after the
    first: ``month``, the directions and ``net``.
    """
    months = sorted(snapshots["month"].unique())
    if len(months) < 2:
        return pd.DataFrame(columns=["month", *DIRECTIONS, "net"])
    # Clients × months of class ranks, built once; each month is then one comparison of two
    # columns instead of a join of two snapshots.
    codes, _ = pd.factorize(snapshots["client"])
    column = np.searchsorted(np.array([m.ordinal for m in months]), snapshots["month"].array.asi8)
    present = np.zeros((codes.max() + 1, len(months)), dtype=bool)
    present[codes, column] = True
    ranks = np.full(present.shape, np.nan)
    ranks[codes, column] = _rank(snapshots[dimension], dimension).to_numpy(dtype=float)
    rows = []
    for j in range(1, len(months)):
        before, after = present[:, j - 1], present[:, j]
        either = before | after
        direction = _direction(
            ~before[either], ~after[either], ranks[either, j - 1], ranks[either, j]
        )
        counts = {d: float((direction == d).sum()) for d in DIRECTIONS}
        rows.append({"month": months[j], **counts, "net": counts["up"] - counts["down"]})
    return pd.DataFrame(rows, columns=["month", *DIRECTIONS, "net"])
