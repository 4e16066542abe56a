"""ABC (ABCD) and XYZ segments of clients, the ABC×XYZ matrix (METHODS.md, "Segments").

Functions take per-client series or the sales lines and return per-client frames indexed by
client id; no function reads a clock or a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import (
    MONEY_DECIMALS,
    ClientMonths,
    cents,
    line_margin,
    orders,
    up_to,
)

ABC_LETTERS = "ABCD"
XYZ_LETTERS = ("X", "Y", "Z")


def abc_letters(cuts: tuple[float, ...]) -> tuple[str, ...]:
    """Class letters for thresholds ``cuts``: two cuts give A, B, C; three give A, B, C, D."""
    return tuple(ABC_LETTERS[: len(cuts) + 1])


def abc_classes(metric: pd.Series, cuts: tuple[float, ...]) -> pd.DataFrame:
    """Classify by cumulative share of a metric.

    Parameters
    ----------
    metric
        One value per client, indexed by client id (NaN counts as zero).
    cuts
        Increasing cumulative shares in (0, 1) closing each class but the last, e.g. (0.8, 0.95).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``metric``, columns ``metric``, ``share`` (of the positive total),
        ``cum_share`` (running share including the client), ``rank`` (1 = largest) and ``abc``.
        Ranking is by metric, larger first, ties by client id. The client whose running share
        crosses a threshold belongs to the upper class: a client is in the first class whose
        threshold exceeds the running share *before* it. Clients with metric ≤ 0 (or NaN) take the
        last class with share 0 and no running share.
    """
    filled = metric.astype(float).fillna(0.0).to_numpy()
    id_order = np.argsort(metric.index.astype(str).to_numpy(dtype=object), kind="stable")
    ids = np.empty(len(id_order), dtype=np.int64)
    ids[id_order] = np.arange(len(id_order))
    ranked = _ranked(filled, ids, cuts)
    frame = pd.DataFrame(ranked.columns, index=metric.index[ranked.order])
    return frame.reindex(metric.index)


@dataclass(frozen=True)
class _Ranked:
    """Clients in rank order.

    ``order`` holds their positions, largest first; ``columns`` those of :func:`abc_classes`,
    in that order.
    """

    order: np.ndarray
    columns: dict[str, np.ndarray]


def _ranked(metric: np.ndarray, ids: np.ndarray, cuts: tuple[float, ...]) -> _Ranked:
    """:func:`abc_classes` on arrays: ``metric`` without NaN, ``ids`` ordered as the client ids."""
    letters = abc_letters(cuts)
    order = np.lexsort((ids, -metric))
    values = metric[order]
    positive = values > 0
    total = values[positive].sum()
    share = np.zeros(len(values))
    if total > 0:
        np.divide(values, total, out=share, where=positive)
    cum = np.cumsum(share)
    # Running sums drift in floating point (0.7 + 0.2 = 0.8999999999999999); a share that
    # reaches a threshold to within 1e-9 has reached it.
    before = cum - share + 1e-9
    index = np.searchsorted(np.asarray(cuts), before, side="right")
    classes = np.array(letters, dtype=object)[np.minimum(index, len(letters) - 1)]
    classes[~positive] = letters[-1]
    return _Ranked(
        order,
        {
            "metric": values,
            "share": share,
            "cum_share": np.where(positive, cum, np.nan),
            "rank": np.arange(1, len(values) + 1),
            "abc": classes,
        },
    )


def xyz_regularity(
    active_months: pd.Series, order_count: pd.Series, months: int, x_share: float
) -> pd.Series:
    """XYZ by regularity (seed 001).

    Z: at most one order in the window; X: orders in at least ``x_share`` (a fraction) of the
    window's ``months``; Y: the rest. Both series are indexed by client.
    """
    xyz = _regularity(active_months.to_numpy(), order_count.to_numpy(), months, x_share)
    return pd.Series(xyz, index=active_months.index, dtype=object)


def _regularity(
    active_months: np.ndarray, order_count: np.ndarray, months: int, x_share: float
) -> np.ndarray:
    regular = active_months.astype(float) / months >= x_share - 1e-12
    return np.where(order_count <= 1, "Z", np.where(regular, "X", "Y")).astype(object)


def xyz_variation(monthly: pd.DataFrame, cuts: tuple[float, float]) -> pd.DataFrame:
    """XYZ by coefficient of variation of monthly revenue (the classic method).

    Parameters
    ----------
    monthly
        Clients × months of the window, revenue per cell, 0 where no purchase.
    cuts
        CV thresholds closing X and Y as fractions, e.g. (0.10, 0.25).

    Returns
    -------
    pandas.DataFrame
        Indexed by client: ``cv`` (population standard deviation / mean; NaN where the mean is
        not positive) and ``xyz`` (Z where the CV is NaN).
    """
    cv, xyz = _variation(monthly.to_numpy(dtype=float), cuts)
    return pd.DataFrame({"cv": cv, "xyz": xyz}, index=monthly.index)


def _variation(values: np.ndarray, cuts: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    mean = values.mean(axis=1) if values.size else np.zeros(len(values))
    std = values.std(axis=1, ddof=0) if values.size else np.zeros(len(values))
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(mean > 0, std / mean, np.nan)
    xyz = np.where(
        np.isnan(cv),
        "Z",
        np.where(cv <= cuts[0] + 1e-12, "X", np.where(cv <= cuts[1] + 1e-12, "Y", "Z")),
    )
    return cv, xyz.astype(object)


SEGMENT_COLUMNS = (
    "client",
    "revenue",
    "margin",
    "quantity",
    "orders",
    "active_months",
    "metric",
    "share",
    "cum_share",
    "rank",
    "abc",
    "cv",
    "xyz",
    "cell",
    "nonpositive",
)
FACT_COLUMNS = ("client", "month", "revenue", "margin", "quantity", "orders")


@dataclass(frozen=True)
class SegmentRules:
    """How clients are classified (METHODS.md, "Segments"); the defaults are the documented ones.

    ``months`` is the trailing window; ``cuts`` the ABC running-share thresholds as fractions
    (two for ABC, three for ABCD); ``x_share`` the share of months with orders that makes X under
    the regularity method; ``cv_cuts`` the CV thresholds of X and Y under the variation method.
    """

    months: int = 12
    metric: Literal["revenue", "margin", "quantity"] = "revenue"
    cuts: tuple[float, ...] = (0.8, 0.95)
    xyz_method: Literal["regularity", "variation"] = "regularity"
    x_share: float = 0.75
    cv_cuts: tuple[float, float] = (0.10, 0.25)


def monthly_facts(
    sales: pd.DataFrame, as_of: pd.Timestamp, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per client and calendar month: the sums every segment is built from.

    Input: sales lines (see :mod:`clientbase_xl.analytics.orders`); lines after ``as_of`` are
    left out. ``documents``, when the caller has them already, are
    :func:`~clientbase_xl.analytics.orders.orders` of those lines.
    Output: one row per client and month with a line, columns :data:`FACT_COLUMNS`:
    ``month`` (pandas Period), ``revenue``, ``margin`` (NaN where no line has a cost),
    ``quantity`` and ``orders`` (documents of the month with a positive total).
    """
    lines = up_to(sales, as_of)
    if lines["client"].isna().any():
        lines = lines[lines["client"].notna()]
    keys = ClientMonths.of(lines["client"], lines["date"])
    sums = {
        "amount": lines["amount"].to_numpy(),
        "margin": line_margin(lines).to_numpy(),
        "quantity": lines["quantity"].to_numpy(),
    }
    grouped = pd.DataFrame(sums).groupby(keys.key, sort=True)
    facts = pd.DataFrame(
        {
            "revenue": cents(grouped["amount"].sum()),
            "margin": cents(grouped["margin"].sum(min_count=1)),
            "quantity": grouped["quantity"].sum(min_count=1),
        }
    )
    docs = orders(lines, ordered=False) if documents is None else documents
    real = docs[docs["is_order"]]
    # Each order counts in its client's month: the month of its earliest line, so a fact.
    known = facts.index.to_numpy()
    wanted = keys.same(real["client"], real["date"])
    at = np.minimum(np.searchsorted(known, wanted), max(len(known) - 1, 0))
    found = (known[at] == wanted) if len(known) else np.zeros(len(wanted), dtype=bool)
    facts["orders"] = np.bincount(at[found], minlength=len(known))
    facts.index = keys.index(known)
    return facts.reset_index()[list(FACT_COLUMNS)]


def classify_window(
    facts: pd.DataFrame, month: pd.Period, rules: SegmentRules = SegmentRules()
) -> pd.DataFrame:
    """ABC and XYZ of every client with a line in the window of ``rules.months`` up to ``month``.

    Input: :func:`monthly_facts`. Output: one row per client, columns :data:`SEGMENT_COLUMNS`,
    ordered by ABC rank. ``cv`` is filled by the variation method only; ``cell`` is ABC letter +
    XYZ letter; ``nonpositive`` marks clients whose metric is ≤ 0 (placed in the last class).
    """
    return classify_windows(facts, [month], rules)[0]


class _Grid:
    """The facts of a span of months as client × month arrays (0, or NaN, where no fact).

    Rows are the clients with a fact in the span, in the order of their ids; columns are the
    span's months, oldest first. ``present`` counts facts (0 or 1), so a client with a line but
    nothing to sum is still in the window.
    """

    def __init__(self, facts: pd.DataFrame, first: int, last: int) -> None:
        ordinals = facts["month"].array.asi8
        inside = (ordinals >= first) & (ordinals <= last)
        f = facts[inside]
        codes, self.clients = pd.factorize(f["client"], sort=True)
        shape = (len(self.clients), last - first + 1)
        at = (codes, ordinals[inside] - first)
        self.arrays: dict[str, np.ndarray] = {}
        for name, dtype in (("revenue", float), ("margin", float), ("quantity", float)):
            values = f[name].to_numpy(dtype=float)
            self.arrays[name] = self._put(shape, at, np.nan_to_num(values), dtype)
            # Margin and quantity sum to NaN where no fact in the window has one (min_count 1).
            self.arrays[f"{name}_known"] = self._put(shape, at, ~np.isnan(values), np.int64)
        orders = f["orders"].to_numpy(dtype=np.int64)
        self.arrays["orders"] = self._put(shape, at, orders, np.int64)
        self.arrays["active_months"] = self._put(shape, at, orders > 0, np.int64)
        self.arrays["present"] = self._put(shape, at, np.ones(len(f), dtype=bool), np.int64)

    @staticmethod
    def _put(
        shape: tuple[int, int], at: tuple[np.ndarray, np.ndarray], values: np.ndarray, dtype: type
    ) -> np.ndarray:
        out: np.ndarray = np.zeros(shape, dtype=dtype, order="F")  # a month is a column
        out[at] = values  # facts are unique per client and month: no two land on one cell
        return out

    def known(self, name: str, start: int, stop: int) -> np.ndarray:
        """:meth:`window` of ``name``, NaN where no fact in the window has a value."""
        total = self.window(name, start, stop)
        return np.where(self.window(f"{name}_known", start, stop) > 0, total, np.nan)

    def window(self, name: str, start: int, stop: int) -> np.ndarray:
        """Sum over columns ``start`` to ``stop - 1``, month by month, oldest first."""
        values = self.arrays[name]
        if values.dtype != float:
            counts: np.ndarray = values[:, start:stop].sum(axis=1)
            return counts
        # Compensated (Kahan) sums over the months that have a value, as pandas sums a group:
        # the grouped sums of the facts to the last bit, so equal totals stay equal and clients
        # tied on them stay ordered by id.
        has = self.arrays[_WITH_VALUE[name]] > 0
        total = np.zeros(len(values))
        carry = np.zeros(len(values))
        for column in range(start, stop):
            take = has[:, column]
            y = values[:, column] - carry
            t = total + y
            lost = (t - total) - y
            carry = np.where(take, np.where(np.isnan(lost), 0.0, lost), carry)
            total = np.where(take, t, total)
        # Money to the cent, so that equal totals are equal whatever their months' order.
        return np.round(total, MONEY_DECIMALS) if name in ("revenue", "margin") else total


#: Which count says a month of a float array has a value.
_WITH_VALUE = {"revenue": "present", "margin": "margin_known", "quantity": "quantity_known"}


def classify_windows(
    facts: pd.DataFrame, months: Sequence[pd.Period], rules: SegmentRules = SegmentRules()
) -> list[pd.DataFrame]:
    """:func:`classify_window` for each of ``months``, from one pass over ``facts``.

    The facts of every window are laid out once as client × month arrays; each month's window
    sums are then column sums of them, added in month order, so a month classified alone and
    among others comes out the same to the last bit.
    """
    if not len(months):
        return []
    ordinals = [m.ordinal for m in months]
    first = min(ordinals) - rules.months + 1
    grid = _Grid(facts, first, max(ordinals))
    out: list[pd.DataFrame] = []
    for ordinal in ordinals:
        stop = ordinal - first + 1
        start = stop - rules.months
        rows = np.flatnonzero(grid.window("present", start, stop) > 0)
        sums = {
            "revenue": grid.window("revenue", start, stop)[rows],
            "margin": grid.known("margin", start, stop)[rows],
            "quantity": grid.known("quantity", start, stop)[rows],
            "orders": grid.window("orders", start, stop)[rows],
            "active_months": grid.window("active_months", start, stop)[rows],
        }
        # Grid rows follow the client ids' order, so the row number breaks ties by id.
        ranked = _ranked(np.nan_to_num(sums[rules.metric], nan=0.0), rows, rules.cuts)
        order = ranked.order
        if rules.xyz_method == "variation":
            cv, xyz = _variation(grid.arrays["revenue"][rows[order], start:stop], rules.cv_cuts)
        else:
            cv = np.full(len(rows), np.nan)
            xyz = _regularity(
                sums["active_months"][order], sums["orders"][order], rules.months, rules.x_share
            )
        frame = pd.DataFrame(
            {
                "client": grid.clients[rows[order]],
                **{name: values[order] for name, values in sums.items()},
                **ranked.columns,
                "cv": cv,
                "xyz": pd.Series(xyz, dtype=object),
                "nonpositive": ~(ranked.columns["metric"] > 0),
            }
        )
        frame["cell"] = frame["abc"] + frame["xyz"]
        out.append(frame[list(SEGMENT_COLUMNS)])
    return out


def segments(
    sales: pd.DataFrame, as_of: pd.Timestamp, rules: SegmentRules = SegmentRules()
) -> pd.DataFrame:
    """ABC and XYZ of every client with a sales line in the window ending ``as_of``.

    Input: sales lines; output as :func:`classify_window`.
    """
    return classify_window(monthly_facts(sales, as_of), as_of.to_period("M"), rules)


MATRIX_COLUMNS = ("abc", "xyz", "cell", "clients", "client_share", "revenue", "revenue_share")


def matrix(seg: pd.DataFrame, cuts: tuple[float, ...]) -> pd.DataFrame:
    """Counts and revenue in each ABC×XYZ cell, every cell listed even when empty.

    Input: :func:`segments` output. Output: one row per cell (9 or 12), columns
    :data:`MATRIX_COLUMNS`; shares are of all segmented clients and of their total revenue.
    """
    cells = pd.MultiIndex.from_product([abc_letters(cuts), XYZ_LETTERS], names=["abc", "xyz"])
    grouped = seg.groupby(["abc", "xyz"], observed=True).agg(
        clients=("client", "size"), revenue=("revenue", "sum")
    )
    out = grouped.reindex(cells, fill_value=0).reset_index()
    out["cell"] = out["abc"] + out["xyz"]
    n, total = len(seg), seg["revenue"].sum()
    out["client_share"] = out["clients"] / n if n else 0.0
    out["revenue_share"] = out["revenue"] / total if total else 0.0
    return out[list(MATRIX_COLUMNS)]


def matrix_crosstab(cells: pd.DataFrame, value: str, total: str = "Total") -> pd.DataFrame:
    """Pivot :func:`matrix` output to ABC rows × X, Y, Z columns plus a total row and column.

    Output columns: ``abc`` (class letters, then ``total`` as the last row's label), ``X``,
    ``Y``, ``Z`` and ``total``.
    """
    table = cells.pivot(index="abc", columns="xyz", values=value)[list(XYZ_LETTERS)]
    table["total"] = table.sum(axis=1)
    table.loc[total] = table.sum(axis=0)
    return table.rename_axis(index="abc", columns=None).reset_index()
