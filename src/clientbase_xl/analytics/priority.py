"""Priority groups and the action matrix (seed 003, METHODS.md "Priority groups").

The company lists 4-5 criteria, each a per-client metric with a weight and a direction. A
metric becomes a 0-1 criterion score by its percentile rank among the clients that have a
value: the lowest value scores 0, the highest 1, ties share their average rank. Ranks, not
min-max scaling, because client revenue is heavy-tailed: with min-max a handful of very large
clients would press every other client towards 0. Direction "lower" reverses the rank (fewer
days since the last order is better). A client without a value (no survey answer, no wallet
estimate) scores a neutral 0.5 on that criterion: unknown is neither good nor bad.

The priority score is the weighted mean of the criterion scores, so it lies in [0, 1] and never
falls when a client improves on a positively weighted criterion. Groups are score bands: a
client whose score reaches a cut belongs to the band above it; group 0 is the top band.

A text column (industry, region) becomes a metric through points given to its values
(:func:`text_points`); the points then rank like any other metric.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

#: The score of a client whose value of a criterion is unknown.
NEUTRAL = 0.5
#: A client this close below a band's lower cut is a candidate to join the band.
CANDIDATE_MARGIN = 0.1
#: Columns of :func:`action_matrix`, in order (the user's ``measures`` are joined later).
ACTION_COLUMNS = (
    "group",
    "clients",
    "top_clients",
    "revenue",
    "potential",
    "candidates",
    "new_clients",
    "new_revenue",
    "depth",
)


def value_key(value: object) -> str | None:
    """How a text value is looked up in a points list: case and runs of spaces do not count.

    A whole number typed as a float (Excel hands 3 as 3.0) reads as that number's digits;
    blank is None.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()).casefold() or None


def text_points(values: pd.Series, points: Mapping[str, float]) -> pd.Series:
    """The points of each value, by :func:`value_key`; NaN where blank or not in ``points``.

    ``points`` is keyed by :func:`value_key` of each listed value. Output: float, indexed like
    ``values``.
    """
    return values.map(lambda v: points.get(value_key(v) or "", np.nan)).astype(float)


def criterion_score(values: pd.Series, higher: bool = True) -> pd.Series:
    """Percentile rank of each value among the known ones, in [0, 1]; unknown -> 0.5.

    With ``n`` known values, the value of average rank ``r`` (1 = lowest; reversed when not
    ``higher``) scores ``(r - 1) / (n - 1)``; a single known value, or all equal, scores 0.5.
    Infinite values (growth of a client new in the window) rank above every finite one.
    """
    known = values.notna()
    n = int(known.sum())
    ranks = values.rank(method="average", ascending=higher)
    score = (ranks - 1) / (n - 1) if n > 1 else ranks * 0 + NEUTRAL
    return score.where(known, NEUTRAL).astype(float)


def priority_scores(metrics: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Criterion scores and the weighted priority score per client.

    Parameters
    ----------
    metrics
        One row per client (the index), one column per metric a criterion names.
    criteria
        One row per criterion: ``criterion`` (its name), ``metric`` (a column of ``metrics``),
        ``weight`` (>= 0, not all 0) and ``higher`` (True when more is better).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``metrics``: one column per criterion name holding its 0-1 score, and
        ``score`` = sum(weight × criterion score) / sum(weight) over the criteria with data.
        A criterion no client has a value for (margin without a Cost column) is no criterion
        at all: its column is blank and it drops out of the score, instead of giving every
        client the same neutral 0.5 that would squeeze the scores together (see
        :func:`unavailable`).
    """
    missing = set(unavailable(metrics, criteria))
    total = 0.0
    out = pd.DataFrame(index=metrics.index)
    score = pd.Series(0.0, index=metrics.index)
    for name, metric, weight, higher in zip(
        criteria["criterion"],
        criteria["metric"],
        criteria["weight"],
        criteria["higher"],
        strict=True,
    ):
        if name in missing:
            out[name] = np.nan
            continue
        values = pd.to_numeric(metrics[metric], errors="coerce")
        out[name] = criterion_score(values, bool(higher))
        score += float(weight) * out[name]
        total += float(weight)
    out["score"] = (score / total).clip(0.0, 1.0) if total > 0 else NEUTRAL
    return out


def unavailable(metrics: pd.DataFrame, criteria: pd.DataFrame) -> list[str]:
    """The criteria whose metric no client has a value for, in the criteria's order."""
    return [
        name
        for name, metric in zip(criteria["criterion"], criteria["metric"], strict=True)
        if len(metrics) and pd.to_numeric(metrics[metric], errors="coerce").isna().all()
    ]


def priority_group(score: pd.Series, cuts: tuple[float, ...]) -> pd.Series:
    """Band of each score: 0 for the top band (score >= the highest cut), then 1, 2, ...

    ``cuts`` are increasing fractions in (0, 1); ``len(cuts) + 1`` bands.
    """
    above = np.searchsorted(np.asarray(cuts, dtype=float), score.to_numpy(), side="right")
    return pd.Series(len(cuts) - above, index=score.index, dtype="int64")


def _top(names: pd.Series, limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in names.head(limit))
    more = len(names) - limit
    return f"{shown} … +{more}" if more > 0 else shown


def action_matrix(clients: pd.DataFrame, cuts: tuple[float, ...], offered: int) -> pd.DataFrame:
    """The seed's action matrix, one row per band, columns :data:`ACTION_COLUMNS`.

    Parameters
    ----------
    clients
        One row per client: ``client``, ``label`` (shown in ``top_clients``), ``group`` (from
        :func:`priority_group`), ``score``, ``revenue`` (current sales), ``potential`` (growth
        possible from the wallet, NaN where unknown), ``new`` (first order inside the window)
        and ``categories`` (categories bought in the window).
    cuts
        The band cuts the groups were made with.
    offered
        Categories the company sells: the denominator of assortment depth.

    Returns
    -------
    pandas.DataFrame
        ``group``; ``clients``; ``top_clients`` (the five largest by revenue); ``revenue``;
        ``potential`` (NaN where no client of the band has a wallet estimate); ``candidates``
        (clients of the band below scoring within :data:`CANDIDATE_MARGIN` of this band's
        lower cut; 0 for the bottom band); ``new_clients`` and ``new_revenue`` (clients whose
        first order is in the window); ``depth`` = mean over the band of categories bought /
        ``offered``.
    """
    lower = dict(enumerate(sorted(cuts, reverse=True)))
    rows = []
    for group in range(len(cuts) + 1):
        members = clients[clients["group"] == group].sort_values(
            ["revenue", "client"], ascending=[False, True], kind="stable"
        )
        below = clients[clients["group"] == group + 1]
        cut = lower.get(group)
        candidates = 0 if cut is None else int((below["score"] >= cut - CANDIDATE_MARGIN).sum())
        new = members[members["new"].astype(bool)]
        rows.append(
            {
                "group": group,
                "clients": len(members),
                "top_clients": _top(members["label"]),
                "revenue": float(members["revenue"].sum()),
                "potential": members["potential"].sum(min_count=1),
                "candidates": candidates,
                "new_clients": len(new),
                "new_revenue": float(new["revenue"].sum()),
                "depth": (members["categories"] / offered).mean()
                if offered and len(members)
                else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=list(ACTION_COLUMNS))
