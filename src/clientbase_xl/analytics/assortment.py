"""Products and assortment, where seed 002 starts: the product before the client.

ABC/XYZ of products and categories, who carries each A product, each client's assortment
depth, and ticket bands:

- **Product (or category) ABC/XYZ** is the client method with the product in the client's
  place: the same cuts, window and XYZ method (:func:`classify_items`).
- **Assortment depth** of a client = categories it bought in the window / categories anyone
  bought (seed 003's action matrix column), with the categories it lacks.
- **Ticket bands**: orders by their total, with each band's share of orders and of revenue
  (seed 002: "if many clients buy on small tickets, find out why"). The bands' upper bounds are
  a setting; by default the quartiles of the window's order totals.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from clientbase_xl.analytics.abc_xyz import SegmentRules, classify_window, monthly_facts
from clientbase_xl.analytics.orders import cents, day_numbers

#: Clients named per A product: the largest buyers of it.
CARRIERS_SHOWN = 3
#: Categories named per client in ``lacks``, looked for among this many best sellers.
LACKS_SHOWN, LACKS_AMONG = 5, 256


def classify_items(
    lines: pd.DataFrame, by: str, as_of: pd.Timestamp, rules: SegmentRules
) -> pd.DataFrame:
    """ABC and XYZ of every ``by`` value (``product`` or ``category``) over the window.

    Input: sales lines with ``by``; lines without one are left out. Output: as
    :func:`~clientbase_xl.analytics.abc_xyz.classify_window` with ``by`` in the place of
    ``client``, plus ``clients`` (distinct buyers in the window).
    """
    used = [c for c in ("date", "client", by, "amount", "quantity", "cost", "order") if c in lines]
    named = lines.loc[lines[by].notna(), used]
    if named.empty:
        return pd.DataFrame(columns=[by, "revenue", "abc", "xyz", "cell", "clients"])
    # Documents stay the client's: an order is one whatever products it holds.
    keyed = named.assign(client=named[by].astype(str), order=_order_key(named))
    out = classify_window(monthly_facts(keyed, as_of), as_of.to_period("M"), rules)
    start = (as_of.to_period("M") - (rules.months - 1)).start_time
    inside = named[named["date"] >= start]
    buyers = inside.groupby(inside[by].astype(str))["client"].nunique()
    out = out.rename(columns={"client": by})
    out["clients"] = out[by].map(buyers).fillna(0).astype(int)
    return out


def _order_key(lines: pd.DataFrame) -> np.ndarray:
    """Each line's document as a number: its order number, else its client and day.

    The same documents :func:`~clientbase_xl.analytics.orders.orders` finds, numbered: order
    numbers negative, client-days positive, so the two never meet (no text is formatted: a
    million dates take a second to format).
    """
    clients = pd.factorize(lines["client"])[0].astype(np.int64)
    key = clients * 1_000_000 + day_numbers(lines["date"])
    if "order" in lines:
        numbered = pd.factorize(lines["order"])[0]  # -1 where blank
        key = np.where(numbered >= 0, -(numbered.astype(np.int64) + 1), key)
    out: np.ndarray = key
    return out


def carriers(lines: pd.DataFrame, products: Sequence[str], names: pd.Series) -> pd.DataFrame:
    """Who buys each of ``products`` in ``lines``: buyer count, their revenue, the largest ones.

    ``names`` maps client -> what to show (its name, else its code). Output: ``product``,
    ``buyers``, ``buyers_revenue`` (those clients' revenue of the product), ``top_clients``
    (the :data:`CARRIERS_SHOWN` largest, largest first, ties by code).
    """
    wanted = lines[lines["product"].astype(str).isin(set(products))]
    per = (
        wanted.assign(product=wanted["product"].astype(str))
        .groupby(["product", "client"], observed=True)["amount"]
        .sum()
        .reset_index()
        .sort_values(["product", "amount", "client"], ascending=[True, False, True], kind="stable")
    )
    per["shown"] = per["client"].map(names).fillna(per["client"]).astype(str)
    g = per.groupby("product", sort=False)
    out = pd.DataFrame(
        {
            "buyers": g["client"].size(),
            "buyers_revenue": cents(g["amount"].sum()),
            "top_clients": g["shown"].agg(lambda s: ", ".join(s.head(CARRIERS_SHOWN))),
        }
    )
    return out.reindex(list(products)).rename_axis("product").reset_index()


def depth(lines: pd.DataFrame) -> pd.DataFrame:
    """Each client's assortment depth over ``lines`` (a window) and the categories it lacks.

    Output: ``client``, ``categories`` (bought), ``offered`` (bought by anyone), ``depth`` =
    categories / offered, ``lacks`` (the :data:`LACKS_SHOWN` best-selling categories it lacks,
    then "+N"; looked for among the :data:`LACKS_AMONG` best sellers). Lines without a category
    are left out. Vectorised: a million lines take a tenth of a second, not a second and a half.
    """
    named = lines[lines["category"].notna()]
    # Categories as codes: a few names, looked up once each, not once per line.
    cat_codes, cat_names = pd.factorize(named["category"].astype(str))
    sums = pd.Series(named["amount"].to_numpy()).groupby(cat_codes).sum()
    revenue = dict(zip([str(c) for c in cat_names[sums.index]], sums.to_numpy(), strict=True))
    ranked = sorted(revenue, key=lambda c: (-revenue[c], c))
    offered = len(ranked)
    codes, clients = pd.factorize(named["client"], sort=True)
    if not offered:
        empty = pd.Series(dtype=object)
        return pd.DataFrame(
            {"client": empty, "categories": [], "offered": [], "depth": [], "lacks": empty}
        )
    place = {name: i for i, name in enumerate(ranked)}
    rank = np.array([place[str(c)] for c in cat_names], dtype=np.int64)[cat_codes]
    pairs = np.unique(codes.astype(np.int64) * offered + rank)
    who, what = np.divmod(pairs, offered)
    counts = np.bincount(who, minlength=len(clients))
    among = min(offered, LACKS_AMONG)
    has = np.zeros((len(clients), among), dtype=bool)
    near = what < among
    has[who[near], what[near]] = True
    # A stable sort of each row puts the categories a client lacks first, best sellers first.
    first = np.argsort(has, axis=1, kind="stable")[:, :LACKS_SHOWN]
    lacking = ~np.take_along_axis(has, first, axis=1)
    names = np.asarray(ranked, dtype=object)
    missing = offered - counts
    lacks = [
        ", ".join(names[row[keep]]) + (f" +{n - keep.sum()}" if n > keep.sum() else "")
        for row, keep, n in zip(first, lacking, missing, strict=True)
    ]
    return pd.DataFrame(
        {
            "client": clients,
            "categories": counts,
            "offered": offered,
            "depth": counts / offered,
            "lacks": lacks,
        }
    )


def quartile_bounds(totals: pd.Series) -> tuple[float, ...]:
    """The upper bounds of four bands holding about a quarter of the orders each (rounded)."""
    positive = totals[totals > 0]
    if positive.empty:
        return ()
    bounds = positive.quantile([0.25, 0.5, 0.75]).to_numpy()
    return tuple(sorted({_round_nicely(float(b)) for b in bounds}))


def _round_nicely(value: float) -> float:
    """Two significant digits: 1,234 -> 1,200; 87.4 -> 87."""
    if value <= 0:
        return 0.0
    digits = int(np.floor(np.log10(value))) - 1
    return float(round(value, -digits))


def ticket_bands(documents: pd.DataFrame, bounds: Sequence[float]) -> pd.DataFrame:
    """Orders by their total into bands closed by ``bounds`` (increasing).

    Input: :func:`~clientbase_xl.analytics.orders.orders` of the lines to band.

    Output: one row per band, smallest first: ``low`` (exclusive; NaN for the first) and
    ``high`` (inclusive; NaN for the last), ``orders``, ``order_share``, ``revenue``,
    ``revenue_share``, ``clients`` (distinct), ``average`` ticket. Only orders (documents with a
    positive total) count.
    """
    docs = documents[documents["is_order"]]
    edges = [-np.inf, *sorted(bounds), np.inf]
    band = pd.cut(docs["amount"], edges, right=True, labels=False)
    g = docs.groupby(band)
    n = len(edges) - 1
    out = pd.DataFrame(
        {
            "low": [np.nan, *sorted(bounds)],
            "high": [*sorted(bounds), np.nan],
            "orders": g.size().reindex(range(n), fill_value=0).to_numpy(),
            "revenue": cents(g["amount"].sum()).reindex(range(n), fill_value=0.0).to_numpy(),
            "clients": g["client"].nunique().reindex(range(n), fill_value=0).to_numpy(),
        }
    )
    out["order_share"] = out["orders"] / max(int(out["orders"].sum()), 1)
    total = float(out["revenue"].sum())
    out["revenue_share"] = out["revenue"] / total if total else np.nan
    out["average"] = (out["revenue"] / out["orders"].where(out["orders"] > 0)).round(2)
    return out
