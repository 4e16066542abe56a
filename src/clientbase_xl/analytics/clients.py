"""Client attributes: name, manager and group from the Clients sheet, else from sales lines."""

from __future__ import annotations

import pandas as pd

CLIENT_ATTRIBUTE_COLUMNS = ("client", "name", "manager", "group")


def client_attributes(sales: pd.DataFrame, clients: pd.DataFrame | None) -> pd.DataFrame:
    """One row per client of ``sales`` or ``clients``: columns :data:`CLIENT_ATTRIBUTE_COLUMNS`.

    The manager is the Clients sheet's where it gives one, else the manager on the client's latest
    sales line (ties: the last line as listed) — the person who works with the client now.
    """
    latest = (
        sales.dropna(subset=["manager"])
        .sort_values("date", kind="stable")
        .groupby("client", observed=True)["manager"]
        .last()
    )
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
