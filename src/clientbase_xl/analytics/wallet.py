"""Share of wallet, up-sell and cross-sell potential, individual plans (seeds 000, 001, 003).

Input ``ours``: our revenue per client and category over the window; ``wallet``: the client's
purchases of a category from all suppliers (the Wallet sheet), annual. Where the Wallet sheet
says nothing about a client or a category, penetration and potential are unknown (NaN), never 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import cents

MONTHS_A_YEAR = 12
WHITESPACE_COLUMNS = ("client", "category", "ours", "total", "penetration", "upsell", "crosssell")


def sales_a_year(lines: pd.DataFrame, window_months: int) -> pd.DataFrame:
    """Our sales per client and category over a window's lines, scaled to a year.

    Input: sales lines (``client``, ``category``, ``amount``) of a ``window_months``-month
    window. Output: ``client``, ``category``, ``ours`` (to the cent), a row per pair sold;
    lines without a category are left out. Wallet totals are annual, so our sales are put on
    the same footing before the two are compared.
    """
    ours = (
        lines.dropna(subset=["category"])
        .groupby(["client", "category"], observed=True)["amount"]
        .sum()
        .rename("ours")
        .reset_index()
    )
    ours["ours"] = cents(ours["ours"] * (MONTHS_A_YEAR / window_months))
    return ours


def estimates_at(wallet: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """The wallet estimate of each client and category that stood on ``day``.

    Parameters
    ----------
    wallet
        ``client``, ``category``, ``total`` and ``date`` (when the client gave the estimate;
        NaT where the row has no date).

    Returns
    -------
    pandas.DataFrame
        The rows of ``wallet`` that stand, with all its columns: one per client and category
        with an estimate by ``day``, the latest dated one up to it. An estimate dated after
        ``day`` was not made yet; an undated one stands until the first dated estimate of its
        pair (it is taken for older than any dated one). Equal dates (the input sheet rejects
        them) are settled by the larger total, so the order of the rows never matters.
    """
    made = wallet[wallet["date"].isna() | (wallet["date"] <= day)]
    undated = made["date"].isna().to_numpy()
    # An undated estimate sorts first, so any dated one of its pair supersedes it.
    order = np.lexsort(
        (
            made["total"].fillna(-np.inf).to_numpy(),
            made["date"].to_numpy(dtype="datetime64[ns]").astype(np.int64),
            ~undated,
            made["category"].astype(str).to_numpy(),
            made["client"].astype(str).to_numpy(),
        )
    )
    latest = made.iloc[order].drop_duplicates(["client", "category"], keep="last")
    return latest.reset_index(drop=True)


def estimate_age(dates: pd.Series, day: pd.Timestamp) -> pd.Series:
    """Whole calendar months from each estimate's month to ``day``'s (NaN where undated)."""
    made = dates.dt.year * 12 + dates.dt.month
    age: pd.Series = (day.year * 12 + day.month - made).astype(float)
    return age


def whitespace(ours: pd.DataFrame, wallet: pd.DataFrame) -> pd.DataFrame:
    """Client × category cells: our sales, the wallet, penetration and potential.

    Parameters
    ----------
    ours
        ``client``, ``category``, ``ours`` (our revenue).
    wallet
        ``client``, ``category``, ``total``.

    Returns
    -------
    pandas.DataFrame
        One row per client and category in either input, columns :data:`WHITESPACE_COLUMNS`:
        ``penetration`` = ours / total (NaN where the total is unknown or not positive);
        ``upsell`` = total − ours where we sell the category already (never below 0);
        ``crosssell`` = total where we do not.
    """
    cells = ours.merge(wallet, on=["client", "category"], how="outer")
    cells["ours"] = cells["ours"].fillna(0.0)
    total = cells["total"]
    known = total.notna() & (total > 0)
    cells["penetration"] = np.where(known, cells["ours"] / total.where(known), np.nan)
    selling = cells["ours"] > 0
    cells["upsell"] = np.where(known & selling, (total - cells["ours"]).clip(lower=0), np.nan)
    cells["crosssell"] = np.where(known & ~selling, total, np.nan)
    cells.loc[known & ~selling, "upsell"] = 0.0
    cells.loc[known & selling, "crosssell"] = 0.0
    return cells.sort_values(["client", "category"], kind="stable").reset_index(drop=True)[
        list(WHITESPACE_COLUMNS)
    ]


def per_client(cells: pd.DataFrame) -> pd.DataFrame:
    """Whitespace summed per client; penetration weighted over the categories with a wallet.

    Output: ``client``, ``ours`` (all categories), ``known_ours`` and ``wallet`` (categories with
    a wallet), ``penetration`` = known_ours / wallet, ``upsell``, ``crosssell``, ``potential``
    (NaN for clients without any wallet data).
    """
    known = cells["total"].notna()
    g = cells.groupby("client", sort=True)
    out = pd.DataFrame(
        {
            "ours": g["ours"].sum(),
            "known_ours": cells["ours"].where(known).groupby(cells["client"]).sum(min_count=1),
            "wallet": g["total"].sum(min_count=1),
            "upsell": g["upsell"].sum(min_count=1),
            "crosssell": g["crosssell"].sum(min_count=1),
        }
    ).apply(cents)  # money to the cent: equal whatever the order of the rows summed
    out["penetration"] = out["known_ours"] / out["wallet"].where(out["wallet"] > 0)
    out["potential"] = out["upsell"] + out["crosssell"]
    return out.reset_index()


def plans(current: pd.Series, potential: pd.Series, uplift: float) -> pd.DataFrame:
    """Individual plan = current + the smaller of potential and ``uplift`` × current.

    ``current`` and ``potential`` are per client and per the same period; where the potential
    is unknown the uplift alone applies (``capped`` tells which). Output: ``client``,
    ``current``, ``potential``, ``plan``, ``growth``, ``capped``.
    """
    frame = pd.DataFrame({"current": current, "potential": potential.reindex(current.index)})
    rise = frame["current"].clip(lower=0) * uplift
    frame["growth"] = np.where(
        frame["potential"].notna(), np.minimum(rise, frame["potential"].clip(lower=0)), rise
    )
    frame["plan"] = frame["current"] + frame["growth"]
    frame["capped"] = frame["potential"].notna() & (frame["growth"] < rise)
    return frame.rename_axis("client").reset_index()[
        ["client", "current", "potential", "plan", "growth", "capped"]
    ]


#: The money columns :func:`totals_by` sums when the frame has them.
TOTALLED = ("ours", "known_ours", "wallet", "upsell", "crosssell", "potential")


def totals_by(frame: pd.DataFrame, by: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Share-of-wallet figures summed per ``by`` (manager, category), largest potential first.

    Input: one row per client (or client and category) with ``client`` and the columns of
    :data:`TOTALLED` it has, plus ``extra`` ones to sum. A sum of only unknown values stays
    unknown (NaN), never 0. ``penetration`` = ``known_ours`` (our sales where the wallet is
    known; ``ours`` without that column) / ``wallet``. Output: ``by``, ``clients``, the sums,
    ``penetration``.
    """
    sums = {c: (c, lambda v: v.sum(min_count=1)) for c in (*TOTALLED, *extra) if c in frame}
    out = frame.groupby(by, dropna=False, observed=True).agg(clients=("client", "size"), **sums)
    if "known_ours" not in out.columns:
        out["known_ours"] = out["ours"]
    out["penetration"] = out["known_ours"] / out["wallet"].where(out["wallet"] > 0)
    return out.reset_index().sort_values("potential", ascending=False, kind="stable")
