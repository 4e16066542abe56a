"""Turnover (METHODS.md "Turnover"): days sales outstanding and inventory turnover."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import QUANTITY_DECIMALS, cents


def dso(payments: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Days sales outstanding per client from invoices and payments.

    Input: ``client``, ``invoice_date``, ``due_date`` (blank: not overdue by date), ``paid_date``
    (blank: open), ``amount``. An open invoice counts its days up to ``as_of``.

    Returns
    -------
    pandas.DataFrame
        ``client``, ``invoices``, ``amount``, ``open_amount``, ``overdue_amount`` (open past due,
        or paid after due), ``dso_days`` (amount-weighted days from invoice to payment, or to
        ``as_of`` while open).
    """
    p = payments[payments["invoice_date"] <= as_of]
    paid_on = p["paid_date"].where(p["paid_date"] <= as_of)
    end = paid_on.fillna(as_of.normalize())
    days = (end - p["invoice_date"]).dt.days.clip(lower=0)
    is_open = paid_on.isna()
    overdue = p["due_date"].notna() & (end > p["due_date"])
    frame = p.assign(
        _days_amount=days * p["amount"],
        _open=np.where(is_open, p["amount"], 0.0),
        _overdue=np.where(overdue, p["amount"], 0.0),
    )
    g = frame.groupby("client", sort=True, observed=True)
    out = pd.DataFrame(
        {
            "invoices": g.size(),
            "amount": g["amount"].sum(),
            "open_amount": g["_open"].sum(),
            "overdue_amount": g["_overdue"].sum(),
        }
    )
    out["dso_days"] = g["_days_amount"].sum() / out["amount"].where(out["amount"] > 0)
    return out.reset_index()


def dso_by_manager(per_client: pd.DataFrame) -> pd.DataFrame:
    """:func:`dso` per manager: sums, and the days weighted by each client's amount.

    Input: :func:`dso`'s frame with a ``manager`` column (blank managers form one group).
    Output: ``manager``, ``clients``, ``amount``, ``open_amount``, ``overdue_amount``,
    ``dso_days`` (Σ dso_days × amount / Σ amount).
    """
    weighted = per_client.assign(_w=per_client["dso_days"] * per_client["amount"])
    out = weighted.groupby("manager", dropna=False, observed=True).agg(
        clients=("client", "size"),
        amount=("amount", "sum"),
        open_amount=("open_amount", "sum"),
        overdue_amount=("overdue_amount", "sum"),
        _w=("_w", "sum"),
    )
    out["dso_days"] = out["_w"] / out["amount"]
    return out.drop(columns="_w").reset_index()


def inventory_turnover(
    stock: pd.DataFrame, sales: pd.DataFrame, start: pd.Timestamp, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Inventory turnover per product over ``start`` .. ``as_of``.

    Input ``stock``: ``date``, ``product``, ``quantity``, ``value`` (snapshots); ``sales`` lines.
    Turnover is cost of goods sold over the average stock value (quantity sold over average
    stock quantity where values are missing); days of stock = days in the period / turnover.
    Output: ``product``, ``avg_stock``, ``sold``, ``turnover``, ``days_of_stock``.
    """
    s = stock[(stock["date"] >= start) & (stock["date"] <= as_of)]
    # Only the columns used are filtered: the lines' every column would be copied otherwise.
    inside = (sales["date"] >= start) & (sales["date"] <= as_of)
    lines = sales.loc[inside, ["product", "cost", "quantity"]]
    by_value = s["value"].notna().all() and lines["cost"].notna().any()
    level = s.groupby("product", observed=True)["value" if by_value else "quantity"].mean()
    sold = lines.groupby("product", observed=True)["cost" if by_value else "quantity"].sum()
    # Cost to the cent; a quantity (kilograms, say) to a millionth: never the lines' order.
    sold = cents(sold) if by_value else sold.round(QUANTITY_DECIMALS)
    out = pd.DataFrame({"avg_stock": level}).join(sold.rename("sold"), how="left")
    out["sold"] = out["sold"].fillna(0.0)
    out["turnover"] = out["sold"] / out["avg_stock"].where(out["avg_stock"] > 0)
    period_days = (as_of.normalize() - start.normalize()).days + 1
    out["days_of_stock"] = period_days / out["turnover"].where(out["turnover"] > 0)
    return out.rename_axis("product").reset_index()
