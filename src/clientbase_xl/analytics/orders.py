"""Sales lines to orders: the shared ground of every method.

Input ``sales``: one row per sales line with columns ``date`` (datetime64), ``client`` (str),
``amount`` (float, negative for returns), ``order`` (str or NA), ``cost`` and ``quantity``
(float or NaN). METHODS.md: an order is one document; where there is no order id, all lines of one
client on one date form one order; returns are not orders, so a document whose lines sum to zero or
less is no order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Money is summed to the cent: a sum is rounded to this many decimals before it is compared,
#: ranked or shown, so that 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 are one amount, and no result
#: depends on the order of the lines (floating-point sums of a few million cent amounts stay
#: far within half a cent of the exact sum).
MONEY_DECIMALS = 2
#: Quantities (pieces, kilograms) are summed to a millionth, for the same reason.
QUANTITY_DECIMALS = 6


def cents(values: pd.Series) -> pd.Series:
    """Money sums rounded to the cent (see :data:`MONEY_DECIMALS`); NaN stays NaN."""
    return values.round(MONEY_DECIMALS)


def orders(sales: pd.DataFrame, ordered: bool = True) -> pd.DataFrame:
    """Group lines into orders.

    Returns
    -------
    pandas.DataFrame
        One row per document: ``client``, ``date`` (earliest line), ``amount`` (sum of lines),
        ``is_order`` (amount > 0). Row order: by client, then date; with ``ordered`` False,
        as the grouping found them (a count per month needs no order, and the two sorts are
        two fifths of the work).
    """
    order = sales["order"]
    missing = order.isna()
    key: pd.Series = order
    if missing.all():  # no document numbers at all: the day is the key, as a number
        key = pd.Series(day_numbers(sales["date"]), index=sales.index)
    elif missing.any():
        # Only the lines without a document number need a date key (formatting 1M dates is slow).
        day = "\x00" + sales["date"].where(missing).dt.strftime("%Y%m%d")
        key = order.where(~missing, day)
    grouped = sales.groupby([sales["client"], key.rename("_key")], sort=False, observed=True)
    out = grouped.agg(date=("date", "min"), amount=("amount", "sum")).reset_index()
    out["amount"] = cents(out["amount"])
    out["is_order"] = out["amount"] > 0
    if not ordered:
        return out.drop(columns="_key")
    if not missing.all():
        # Documents of one client on one day follow their numbers, never the lines' order
        # (without numbers a day is one document). Two stable sorts: half a three-key sort.
        out = out.sort_values("_key", kind="stable")
    return (
        out.sort_values(["client", "date"], kind="stable")
        .drop(columns="_key")
        .reset_index(drop=True)
    )


def up_to(lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The rows of ``lines`` dated on or before ``as_of``: ``lines`` itself when all are.

    Filtering copies every column, and the analysis date is usually the last day of the sales:
    ten million lines are then not copied for nothing.
    """
    keep = lines["date"] <= as_of
    return lines if keep.all() else lines[keep]


def in_window(
    lines: pd.DataFrame, month: pd.Period, months: int, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The rows of ``lines`` in the ``months``-month window that ends with ``month``.

    The window runs from the first day of its first month to the end of ``month``, cut at
    ``as_of`` (nothing after the analysis date is known yet).
    """
    start = (month - (months - 1)).start_time
    end = min(month.end_time, as_of)
    return lines[(lines["date"] >= start) & (lines["date"] <= end)]


def day_numbers(dates: pd.Series) -> np.ndarray:
    """Each date as whole days since 1970-01-01 (int64): the unit of day arithmetic on arrays."""
    days: np.ndarray = dates.to_numpy().astype("datetime64[D]").astype(np.int64)
    return days


def month_numbers(dates: pd.Series) -> np.ndarray:
    """Each date's calendar month as months since 1970-01 (int64): a monthly Period's ordinal."""
    months: np.ndarray = dates.to_numpy().astype("datetime64[M]").astype(np.int64)
    return months


@dataclass(frozen=True)
class ClientMonths:
    """Each line's client and calendar month as one integer, ordered as the pair is.

    Grouping a million lines by an integer sorts and hashes numbers, where grouping by the
    pair (text, Period) factorises both and combines them: three to five times as long.
    ``key`` = client code (codes in the order of ``ids``) × ``span`` + months since ``first``.
    """

    key: np.ndarray
    ids: pd.Index
    first: int
    span: int

    @classmethod
    def of(cls, clients: pd.Series, dates: pd.Series) -> ClientMonths:
        """The keys of lines with these ``clients`` (no blanks) and ``dates``."""
        codes, ids = pd.factorize(clients, sort=True)
        months = month_numbers(dates)
        first = int(months.min()) if len(months) else 0
        span = int(months.max()) - first + 1 if len(months) else 1
        return cls(codes.astype(np.int64) * span + (months - first), ids, first, span)

    def same(self, clients: pd.Series, dates: pd.Series) -> np.ndarray:
        """The keys of other lines whose clients and months are all among these."""
        # Codes of the distinct clients looked up, not of every line: a factorisation is a
        # third of the cost of looking a million texts up in an index.
        codes, found = pd.factorize(clients)
        known = self.ids.get_indexer(found).astype(np.int64)
        keys: np.ndarray = known[codes] * self.span + (month_numbers(dates) - self.first)
        return keys

    def index(self, keys: np.ndarray) -> pd.MultiIndex:
        """``keys`` back as (``client``, ``month``) pairs, the month a Period."""
        client, month = np.divmod(keys, self.span)
        # Levels and codes as they are: from_arrays would factorise both columns again.
        start = pd.Period(np.datetime64(self.first, "M").astype(str), "M")
        months = pd.period_range(start, periods=self.span, freq="M")
        return pd.MultiIndex(
            levels=[self.ids, months],  # type: ignore[list-item]  # stubs: lists only
            codes=[client, month],  # type: ignore[list-item]
            names=["client", "month"],
        )


def day_number(when: pd.Timestamp) -> int:
    """One date as whole days since 1970-01-01, as :func:`day_numbers` counts them."""
    return int(np.datetime64(when.normalize(), "D").astype(np.int64))


def line_margin(sales: pd.DataFrame) -> pd.Series:
    """Margin of each line: amount − cost, NaN where the cost is unknown."""
    return sales["amount"] - sales["cost"]
