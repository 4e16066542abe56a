"""Monthly snapshots of every client's segment: the timeline migration and portfolio read.

A snapshot is what a closed month froze (the History sheet) or what the sales lines say that
month looked like, each month classified on its own trailing window. Both have the columns
:data:`SNAPSHOT_COLUMNS`, one row per client and month.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from clientbase_xl.analytics.abc_xyz import SegmentRules, classify_windows
from clientbase_xl.analytics.asof import LatestUpTo
from clientbase_xl.analytics.clients import latest_manager
from clientbase_xl.analytics.orders import up_to

SNAPSHOT_COLUMNS = (
    "month",
    "client",
    "manager",
    "abc",
    "xyz",
    "cell",
    "revenue",
    "margin",
    "orders",
    "active_months",
)


class ManagersByMonth:
    """Each client's manager up to any month: the one on its latest managed line until then.

    Built once from the lines, then asked for every month of the timeline (see
    :class:`~clientbase_xl.analytics.asof.LatestUpTo`).
    """

    def __init__(self, latest: pd.DataFrame) -> None:
        """``latest``: one row per client and month with a managed line (client, month, manager)."""
        self.clients = pd.Index(pd.unique(latest["client"]))
        codes = self.clients.get_indexer(pd.Index(latest["client"]))
        months = latest["month"].array.asi8 if len(latest) else np.zeros(0, dtype=np.int64)
        self.rows = LatestUpTo(codes, months)
        self.managers = latest["manager"].to_numpy(dtype=object)[self.rows.order]
        self._dtype = latest["manager"].dtype

    def latest(self) -> pd.Series:
        """Each client's manager now: the one of its latest month with a managed line.

        Read off the sorted rows of :func:`~clientbase_xl.analytics.clients.latest_manager`,
        instead of grouping the lines again. Index ``client``.
        """
        codes = self.rows.codes
        last = np.flatnonzero(np.append(codes[1:] != codes[:-1], True)) if len(codes) else codes
        return pd.Series(
            self.managers[last],
            index=pd.Index(self.clients.take(codes[last]), name="client"),
            name="manager",
            dtype=self._dtype,
        )

    def at(self, month: pd.Period | np.ndarray, clients: pd.Series) -> np.ndarray:
        """The manager of each of ``clients`` at the end of ``month`` (None where none yet).

        ``month`` is one month for all, or one month ordinal per client.
        """
        codes = self.clients.get_indexer(pd.Index(clients))
        ordinal = month.ordinal if isinstance(month, pd.Period) else month
        pos, found = self.rows.positions(ordinal, codes)
        out = np.full(len(codes), None, dtype=object)
        out[found] = self.managers[pos[found]]
        return out


def managers_by_month(sales: pd.DataFrame, as_of: pd.Timestamp) -> ManagersByMonth:
    """The manager on each client's latest line up to each month (lines up to ``as_of``).

    Ties as in :func:`~clientbase_xl.analytics.clients.latest_manager`.
    """
    return ManagersByMonth(latest_manager(up_to(sales, as_of)).reset_index())


def snapshot(
    facts: pd.DataFrame,
    month: pd.Period,
    rules: SegmentRules,
    line_managers: ManagersByMonth,
    assigned: pd.Series | None = None,
) -> pd.DataFrame:
    """The segment of every client at the end of ``month``.

    Parameters
    ----------
    facts
        :func:`~clientbase_xl.analytics.abc_xyz.monthly_facts`.
    line_managers
        :func:`managers_by_month`: a client's manager is the one on its latest line up to the
        month, unless ``assigned`` (client id -> manager, from the Clients sheet) names one.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SNAPSHOT_COLUMNS`, one row per client with a line in the window;
        revenue and margin rounded to the cent.
    """
    return reconstruct(facts, [month], rules, line_managers, assigned)


def reconstruct(
    facts: pd.DataFrame,
    months: Iterable[pd.Period],
    rules: SegmentRules,
    line_managers: ManagersByMonth,
    assigned: pd.Series | None = None,
) -> pd.DataFrame:
    """Snapshots of ``months`` rebuilt from the sales lines, oldest first.

    Each month is :func:`snapshot` of it: the windows classified in one pass, the managers of
    every month looked up at once.
    """
    months = list(months)
    segs = classify_windows(facts, months, rules)
    if not segs:
        return pd.DataFrame(columns=list(SNAPSHOT_COLUMNS))
    seg = pd.concat(segs, ignore_index=True)
    counts = [len(s) for s in segs]
    ordinals = np.repeat([m.ordinal for m in months], counts)
    manager = pd.Series(line_managers.at(ordinals, seg["client"]), index=seg.index, dtype=object)
    if assigned is not None:
        manager = seg["client"].map(assigned.dropna()).astype(object).fillna(manager)
    seg = seg.assign(
        # Money to the cent: a snapshot read back from a workbook (16 digits) is then the same
        # number, so frozen and rebuilt months compare equal.
        revenue=seg["revenue"].round(2),
        margin=seg["margin"].round(2),
        manager=manager,
        month=pd.PeriodIndex(months, freq="M").repeat(counts),
    )
    return seg[list(SNAPSHOT_COLUMNS)]


def timeline(reconstructed: pd.DataFrame, history: pd.DataFrame | None) -> pd.DataFrame:
    """Merge closed months over reconstructed ones: a month in History is taken as it was frozen.

    Output: the columns of ``reconstructed`` (:data:`SNAPSHOT_COLUMNS` and any the caller
    added, such as ``plan``; History has them all), sorted by month then client.
    """
    parts = [reconstructed]
    if history is not None and len(history):
        closed = set(history["month"])
        parts = [
            reconstructed[~reconstructed["month"].isin(closed)],
            history[list(reconstructed.columns)],
        ]
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["month", "client"], kind="stable").reset_index(drop=True)


def close_month(history: pd.DataFrame | None, month_snapshot: pd.DataFrame) -> pd.DataFrame:
    """History with ``month_snapshot``'s month replaced by it: closing twice keeps one copy.

    Output: the columns of ``month_snapshot``, then any the user added to History (blank in
    the new month's rows); the reader's own columns (``_row``) are left out.
    """
    month = set(month_snapshot["month"])
    kept = [] if history is None else [history[~history["month"].isin(month)]]
    own = list(month_snapshot.columns)
    added = [c for k in kept for c in k.columns if c not in own and not str(c).startswith("_")]
    columns = own + list(dict.fromkeys(added))
    out = pd.concat(
        [*(k.reindex(columns=columns) for k in kept), month_snapshot.reindex(columns=columns)],
        ignore_index=True,
    )
    return out.sort_values(["month", "client"], kind="stable").reset_index(drop=True)
