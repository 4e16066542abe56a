"""Client attributes: name, manager and group from the Clients sheet, else from sales lines."""

from __future__ import annotations

import pandas as pd

from clientbase_xl.analytics.orders import ClientMonths, day_numbers

CLIENT_ATTRIBUTE_COLUMNS = ("client", "name", "manager", "group")


def latest_manager(sales: pd.DataFrame) -> pd.Series:
    """The manager on each client's latest line of each month.

    Lines of one day with different managers are tied; the manager whose name sorts last wins,
    so the answer never depends on the order of the lines. Output: manager indexed by
    ``client`` and ``month`` (a Period). The manager now is the one of the client's latest
    month (:meth:`~clientbase_xl.analytics.history.ManagersByMonth.latest`).
    """
    lines = sales[sales["manager"].notna()]
    # One integer per line orders by day, then by the manager's name (codes of sorted names),
    # so the winner is a group maximum: no sort of ten million lines by text.
    codes, names = pd.factorize(lines["manager"], sort=True)
    rank = day_numbers(lines["date"]) * max(len(names), 1) + codes
    # Client and month as one integer too: the grouping sorts numbers, not pairs.
    keys = ClientMonths.of(lines["client"], lines["date"])
    best = pd.Series(rank).groupby(keys.key).max()
    return pd.Series(
        names.take(best.to_numpy() % max(len(names), 1)),
        index=keys.index(best.index.to_numpy()),
        name="manager",
    )


def client_attributes(
    sales: pd.DataFrame, clients: pd.DataFrame | None, latest: pd.Series
) -> pd.DataFrame:
    """One row per client of ``sales`` or ``clients``: columns :data:`CLIENT_ATTRIBUTE_COLUMNS`.

    The manager is the Clients sheet's where it gives one, else ``latest``: the manager on the
    client's latest sales line (indexed by client, see :func:`latest_manager`) — the person who
    works with the client now.
    """
    ids = pd.Index(sales["client"].unique(), name="client")
    if clients is not None:
        ids = ids.union(pd.Index(clients["client"], name="client"))
    out = pd.DataFrame(index=ids)
    out["manager"] = latest.reindex(ids)
    out["name"] = pd.NA
    out["group"] = pd.NA
    if clients is not None:
        c = clients.drop_duplicates("client").set_index("client")
        for col in ("name", "group", "manager"):
            given = c[col].reindex(ids)
            out[col] = given.where(given.notna(), out[col])
    return out.reset_index()[list(CLIENT_ATTRIBUTE_COLUMNS)]
