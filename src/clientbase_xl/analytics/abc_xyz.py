"""ABC (ABCD) and XYZ segments of clients, the ABC×XYZ matrix (METHODS.md, "Segments").

Functions take per-client series or the sales lines and return per-client frames indexed by
client id; no function reads a clock or a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import line_margin, orders, up_to

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
    letters = abc_letters(cuts)
    filled = metric.astype(float).fillna(0.0)
    frame = pd.DataFrame({"metric": filled, "_id": filled.index.astype(str)}, index=metric.index)
    frame = frame.sort_values(["metric", "_id"], ascending=[False, True], kind="stable")
    values = frame["metric"].to_numpy()
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
    frame["share"] = share
    frame["cum_share"] = np.where(positive, cum, np.nan)
    frame["rank"] = np.arange(1, len(frame) + 1)
    frame["abc"] = classes
    return frame.drop(columns="_id").reindex(metric.index)


def xyz_regularity(
    active_months: pd.Series, order_count: pd.Series, months: int, x_share: float
) -> pd.Series:
    """XYZ by regularity (seed 001).

    Z: at most one order in the window; X: orders in at least ``x_share`` (a fraction) of the
    window's ``months``; Y: the rest. Both series are indexed by client.
    """
    regular = active_months.astype(float) / months >= x_share - 1e-12
    xyz = np.where(order_count <= 1, "Z", np.where(regular, "X", "Y"))
    return pd.Series(xyz, index=active_months.index, dtype=object)


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
    values = monthly.to_numpy(dtype=float)
    mean = values.mean(axis=1) if values.size else np.zeros(len(monthly))
    std = values.std(axis=1, ddof=0) if values.size else np.zeros(len(monthly))
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(mean > 0, std / mean, np.nan)
    xyz = np.where(
        np.isnan(cv),
        "Z",
        np.where(cv <= cuts[0] + 1e-12, "X", np.where(cv <= cuts[1] + 1e-12, "Y", "Z")),
    )
    return pd.DataFrame({"cv": cv, "xyz": xyz.astype(object)}, index=monthly.index)


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
    lines = lines.assign(margin=line_margin(lines), month=lines["date"].dt.to_period("M"))
    grouped = lines.groupby(["client", "month"], sort=True, observed=True)
    facts = pd.DataFrame(
        {
            "revenue": grouped["amount"].sum(),
            "margin": grouped["margin"].sum(min_count=1),
            "quantity": grouped["quantity"].sum(min_count=1),
        }
    )
    docs = orders(lines) if documents is None else documents
    real = docs[docs["is_order"]]
    counts = real.groupby([real["client"], real["date"].dt.to_period("M").rename("month")]).size()
    facts["orders"] = counts.reindex(facts.index, fill_value=0)
    return facts.reset_index()[list(FACT_COLUMNS)]


def classify_window(
    facts: pd.DataFrame, month: pd.Period, rules: SegmentRules = SegmentRules()
) -> pd.DataFrame:
    """ABC and XYZ of every client with a line in the window of ``rules.months`` up to ``month``.

    Input: :func:`monthly_facts`. Output: one row per client, columns :data:`SEGMENT_COLUMNS`,
    ordered by ABC rank. ``cv`` is filled by the variation method only; ``cell`` is ABC letter +
    XYZ letter; ``nonpositive`` marks clients whose metric is ≤ 0 (placed in the last class).
    """
    window = pd.period_range(end=month, periods=rules.months, freq="M")
    f = facts[facts["month"].isin(window)]
    by_client = f.groupby("client", sort=True, observed=True)
    per = pd.DataFrame(
        {
            "revenue": by_client["revenue"].sum(),
            "margin": by_client["margin"].sum(min_count=1),
            "quantity": by_client["quantity"].sum(min_count=1),
            "orders": by_client["orders"].sum(),
            "active_months": (f["orders"] > 0).groupby(f["client"], sort=True).sum(),
        }
    )
    per = per.join(abc_classes(per[rules.metric], rules.cuts))
    if rules.xyz_method == "variation":
        monthly = f.pivot_table(
            index="client", columns="month", values="revenue", aggfunc="sum", observed=True
        ).reindex(index=per.index, columns=window, fill_value=0.0)
        per = per.join(xyz_variation(monthly.fillna(0.0), rules.cv_cuts))
    else:
        per["cv"] = np.nan
        per["xyz"] = xyz_regularity(
            per["active_months"], per["orders"], rules.months, rules.x_share
        )
    per["cell"] = per["abc"] + per["xyz"]
    per["nonpositive"] = ~(per["metric"] > 0)
    per = per.rename_axis("client").reset_index().sort_values("rank", kind="stable")
    return per[list(SEGMENT_COLUMNS)].reset_index(drop=True)


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
