"""RFM: recency, frequency and monetary scores and named segments (METHODS.md "RFM").

Scores follow the R ``rfm`` package (``rfm_table_order``): with ``n`` bins the thresholds are the
``k/n`` quantiles (type 7, numpy's default) plus one; a value scores the bin whose
``[lower, upper)`` holds it; recency is scored in reverse (recent = 5). Segments are rules as
data, tried in order: the first rule whose score ranges hold a client names it, else "Others" —
as ``rfm_segment`` does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RFM_COLUMNS = (
    "client",
    "last_order",
    "recency_days",
    "frequency",
    "monetary",
    "r",
    "f",
    "m",
    "rfm_score",
)
SEGMENT_RULE_COLUMNS = ("segment", "r_low", "r_high", "f_low", "f_high", "m_low", "m_high")
OTHERS = "Others"

#: The default segment table of the R rfm package's documentation, in its order.
DEFAULT_SEGMENTS = pd.DataFrame(
    [
        ("Champions", 4, 5, 4, 5, 4, 5),
        ("Loyal Customers", 2, 5, 3, 5, 3, 5),
        ("Potential Loyalist", 3, 5, 1, 3, 1, 3),
        ("New Customers", 4, 5, 1, 1, 1, 1),
        ("Promising", 3, 4, 1, 1, 1, 1),
        ("Need Attention", 2, 3, 2, 3, 2, 3),
        ("About To Sleep", 2, 3, 1, 2, 1, 2),
        ("At Risk", 1, 2, 2, 5, 2, 5),
        ("Can't Lose Them", 1, 1, 4, 5, 4, 5),
        ("Lost", 1, 2, 1, 2, 1, 2),
    ],
    columns=list(SEGMENT_RULE_COLUMNS),
)


def rfm_thresholds(values: pd.Series, bins: int = 5) -> np.ndarray:
    """The ``bins - 1`` inner thresholds: quantiles at 1/bins ... (bins-1)/bins, plus one."""
    probs = np.linspace(0, 1, bins + 1)[1:-1]
    return np.asarray(np.quantile(values.to_numpy(dtype=float), probs), dtype=float) + 1


def rfm_score(values: pd.Series, thresholds: np.ndarray, reverse: bool = False) -> pd.Series:
    """Score 1..len(thresholds)+1: the bin ``[lower, upper)`` holding each value."""
    index = np.searchsorted(
        np.asarray(thresholds, dtype=float), values.to_numpy(dtype=float), side="right"
    )
    n = len(thresholds) + 1
    scores = n - index if reverse else index + 1
    return pd.Series(scores, index=values.index, dtype="int64")


def rfm_table(orders: pd.DataFrame, as_of: pd.Timestamp, bins: int = 5) -> pd.DataFrame:
    """Recency, frequency, monetary and their scores per client.

    Parameters
    ----------
    orders
        One row per order: ``client``, ``date``, ``amount`` (returns left out already).
    as_of
        The analysis date recency counts from.

    Returns
    -------
    pandas.DataFrame
        One row per client, columns :data:`RFM_COLUMNS`: days since the last order, number of
        orders, their amount, the scores and ``rfm_score`` = 100·R + 10·F + M.
    """
    g = orders.groupby("client", sort=True, observed=True)
    out = pd.DataFrame(
        {
            "last_order": g["date"].max(),
            "frequency": g.size().astype(float),
            "monetary": g["amount"].sum(),
        }
    )
    out["recency_days"] = (as_of.normalize() - out["last_order"]).dt.days.astype(float)
    if len(out):
        out["r"] = rfm_score(
            out["recency_days"], rfm_thresholds(out["recency_days"], bins), reverse=True
        )
        out["f"] = rfm_score(out["frequency"], rfm_thresholds(out["frequency"], bins))
        out["m"] = rfm_score(out["monetary"], rfm_thresholds(out["monetary"], bins))
    else:
        out["r"] = out["f"] = out["m"] = pd.Series(dtype="int64")
    out["rfm_score"] = out["r"] * 100 + out["f"] * 10 + out["m"]
    return out.rename_axis("client").reset_index()[list(RFM_COLUMNS)]


def rfm_segments(scores: pd.DataFrame, rules: pd.DataFrame = DEFAULT_SEGMENTS) -> pd.Series:
    """Name each client by the first rule whose R, F and M ranges (inclusive) hold its scores.

    ``scores`` has columns ``r``, ``f``, ``m``; ``rules`` the columns
    :data:`SEGMENT_RULE_COLUMNS`. Unmatched clients are :data:`OTHERS`.
    """
    names = np.full(len(scores), OTHERS, dtype=object)
    unmatched = np.ones(len(scores), dtype=bool)
    r, f, m = (scores[k].to_numpy(dtype=float) for k in ("r", "f", "m"))
    for rule in rules[list(SEGMENT_RULE_COLUMNS)].itertuples(index=False):
        name, r_lo, r_hi, f_lo, f_hi, m_lo, m_hi = rule
        hit = (
            (r >= r_lo)
            & (r <= r_hi)
            & (f >= f_lo)
            & (f <= f_hi)
            & (m >= m_lo)
            & (m <= m_hi)
            & unmatched
        )
        names[hit] = name
        unmatched &= ~hit
    return pd.Series(names, index=scores.index, dtype=object)


def rfm_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per segment: clients, orders, revenue, average order value and the median client.

    ``table`` is :func:`rfm_table` output with a ``segment`` column. Output: one row per
    segment in order of first appearance, columns ``segment``, ``clients``, ``orders``,
    ``revenue``, ``aov`` (revenue / orders) and ``median_recency``, ``median_frequency``,
    ``median_monetary`` (the medians the R rfm package charts per segment).
    """
    out = table.groupby("segment", sort=False, observed=True).agg(
        clients=("client", "size"),
        orders=("frequency", "sum"),
        revenue=("monetary", "sum"),
        median_recency=("recency_days", "median"),
        median_frequency=("frequency", "median"),
        median_monetary=("monetary", "median"),
    )
    out["aov"] = out["revenue"] / out["orders"].where(out["orders"] > 0)
    return out.reset_index()


def grid_columns(bins: int = 5) -> list[str]:
    """The columns of :func:`rfm_grid` with ``bins`` scores: ``r``, ``f1`` ... and ``total``."""
    return ["r", *(f"f{k}" for k in range(1, bins + 1)), "total"]


def rfm_grid(table: pd.DataFrame, value: str, total: str = "Total", bins: int = 5) -> pd.DataFrame:
    """The R × F heat map: clients (``value="clients"``) or revenue (``"monetary"``) per cell.

    ``table`` is :func:`rfm_table` output. Output: one row per R score from ``bins`` (the most
    recent) down to 1, then a ``total`` row; columns :func:`grid_columns`. Every cell is
    present, 0 where no client sits (so the map keeps its shape on a small base); the ``r``
    labels are text (``"5"`` ... ``"1"``, then ``total``).
    """
    scores = range(1, bins + 1)
    if value == "clients":
        cells = table.groupby(["r", "f"], observed=True).size()
    else:
        cells = table.groupby(["r", "f"], observed=True)[value].sum()
    grid = cells.unstack("f").reindex(index=list(reversed(scores)), columns=list(scores)).fillna(0)
    grid.columns = [f"f{k}" for k in scores]
    grid["total"] = grid.sum(axis=1)
    grid.index = [str(k) for k in grid.index]
    grid.loc[total] = grid.sum(axis=0)
    return grid.rename_axis("r").reset_index()[grid_columns(bins)]
