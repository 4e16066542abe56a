"""Manager activity and shipment regularity (seed 001, METHODS.md "Activity and regularity").

Periods are days, ISO weeks (starting Monday) or calendar months; working days are Monday to
Friday.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

Period = Literal["day", "week", "month"]
_FREQ = {"day": "D", "week": "W-SUN", "month": "M"}


def period_of(dates: pd.Series, period: Period) -> pd.Series:
    """The period (pandas Period) each date falls in."""
    periods: pd.Series = dates.dt.to_period(_FREQ[period])
    return periods


def working_days(periods: pd.Series) -> pd.Series:
    """Monday-to-Friday days in each period."""
    starts = periods.map(lambda p: p.start_time.normalize()).to_numpy(dtype="datetime64[D]")
    ends = periods.map(lambda p: p.end_time.normalize()).to_numpy(dtype="datetime64[D]")
    return pd.Series(np.busday_count(starts, ends + 1), index=periods.index)


def activity_by_type(activities: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Activities per manager, period and type: ``manager``, ``period``, ``type``, ``count``."""
    frame = activities.assign(period=period_of(activities["date"], period))
    out = frame.groupby(["manager", "period", "type"], sort=True, observed=True)["count"].sum()
    return out.reset_index()


def regularity(
    orders: pd.DataFrame, activities: pd.DataFrame | None, portfolio: pd.Series, period: Period
) -> pd.DataFrame:
    """Orders, activity and buying share per manager and period.

    Parameters
    ----------
    orders
        One row per order: ``client``, ``date``, ``manager`` (the client's manager).
    activities
        ``manager``, ``date``, ``count`` (None when there is no Activities sheet).
    portfolio
        Clients per manager (the portfolio size the buying share is taken of).

    Returns
    -------
    pandas.DataFrame
        ``manager``, ``period``, ``working_days``, ``orders``, ``orders_per_working_day``,
        ``orders_per_week`` (working days / 5 weeks), ``buying_clients``, ``portfolio``,
        ``buying_share``, ``activities`` and ``activities_per_buying_client``.
    """
    frame = orders.assign(period=period_of(orders["date"], period))
    g = frame.groupby(["manager", "period"], sort=True, observed=True)
    out = pd.DataFrame({"orders": g.size(), "buying_clients": g["client"].nunique()})
    if activities is not None and len(activities):
        acts = activities.assign(period=period_of(activities["date"], period))
        counts = acts.groupby(["manager", "period"], observed=True)["count"].sum()
        out = out.join(counts.rename("activities"), how="outer")
    else:
        out["activities"] = np.nan
    out = out.reset_index()
    out[["orders", "buying_clients"]] = out[["orders", "buying_clients"]].fillna(0)
    out["working_days"] = working_days(out["period"])
    days = out["working_days"].where(out["working_days"] > 0)
    out["orders_per_working_day"] = out["orders"] / days
    out["orders_per_week"] = out["orders"] / (days / 5)
    # astype: an empty frame (no client has a manager) keeps the manager column's text type.
    out["portfolio"] = out["manager"].map(portfolio).astype(float).fillna(0)
    out["buying_share"] = out["buying_clients"] / out["portfolio"].where(out["portfolio"] > 0)
    out["activities_per_buying_client"] = out["activities"] / out["buying_clients"].where(
        out["buying_clients"] > 0
    )
    return out.sort_values(["manager", "period"], kind="stable").reset_index(drop=True)
