"""Plans a lead can set and defend: bottom-up per client, or a target split top-down, overridden.

Three steps for each month planned (seeds 000 and 003; docs/methods.md, "Plans"):

1. **Each client's own plan** by the plan method: ``uplift`` = current sales + the smaller of the
   potential and uplift x current (:func:`clientbase_xl.analytics.wallet.plans`); ``share`` =
   the sales that reach the target share of the client's wallet, never below current sales
   (uplift where the wallet is unknown).
2. **Targets** (the Targets sheet): a company target for the month is split over managers, a
   manager's target over that manager's clients, in proportion to the split basis: ``current``
   sales, ``last_year`` (the same month a year before: seasonality) or ``potential`` (current
   sales + potential: what the client could buy).
3. **Overrides** (the Plans sheet): a plan typed for a client or a manager wins; the rest of the
   target is split over the others, so the plans still sum to it. Without a target the others
   keep their own plans.

Every split is in whole cents by largest remainder, so the parts sum to the total exactly, and
ties go by client code, so line order never moves a cent. A share of a remainder is never
negative: overrides above the target leave the others at 0 (``short`` says by how much).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import cents
from clientbase_xl.analytics.wallet import plans

#: Columns of the frame :func:`set_plans` plans.
PLAN_INPUT = ("month", "client", "manager", "current", "potential", "wallet", "last_year")
#: Where a client's plan came from.
SOURCES = ("method", "split", "override")


def split_cents(total: float, weights: Iterable[float]) -> np.ndarray:
    """``total`` split in proportion to ``weights``, in whole cents that sum to it exactly.

    Largest remainder: each part is floored to the cent, and the cents left go one each to the
    parts with the largest remainders (the first among equals). All-zero weights split evenly.
    A negative total or weight counts as 0.
    """
    w: np.ndarray = np.nan_to_num(np.clip(np.asarray(list(weights), dtype=float), 0, None))
    if len(w) == 0:
        return w
    if w.sum() <= 0:
        w = np.ones(len(w))
    cents = round(max(total, 0.0) * 100)
    exact = cents * w / w.sum()
    parts = np.floor(exact + 1e-9)
    left = int(cents - parts.sum())
    order = np.argsort(-(exact - parts), kind="stable")
    parts[order[:left]] += 1
    result: np.ndarray = parts / 100
    return result


def split_cents_within(totals: pd.Series, rows: pd.DataFrame) -> pd.Series:
    """Each group's total split over its rows as :func:`split_cents` does, for all groups at once.

    ``totals`` is indexed by group; ``rows`` has ``group`` and ``weight``, in the order that
    decides ties (the first among equal remainders gets the cent). A group without rows
    keeps its total unsplit (it has nowhere to go). Output: each row's part, indexed like
    ``rows``.
    """
    # Integer codes and bincount: a groupby over client codes took a second at 1M lines.
    codes, groups = pd.factorize(rows["group"])
    n = len(groups)
    w = np.nan_to_num(np.clip(rows["weight"].to_numpy(dtype=float), 0, None))
    sums = np.bincount(codes, w, n)[codes]
    even = sums <= 0  # all-zero weights split evenly
    w = np.where(even, 1.0, w)
    sums = np.where(even, np.bincount(codes, minlength=n)[codes], sums)
    total = pd.Series(totals.reindex(groups).to_numpy(dtype=float)).fillna(0.0).to_numpy()
    cents = np.round(np.clip(total, 0, None) * 100)[codes]
    exact = cents * w / sums
    parts = np.floor(exact + 1e-9)
    left = cents - np.bincount(codes, parts, n)[codes]
    # The cents left go to the largest remainders, the earlier row first among equals.
    order = np.lexsort((np.arange(len(codes)), -(exact - parts), codes))
    starts = np.searchsorted(codes[order], np.arange(n))
    place = np.empty(len(codes), dtype=np.int64)
    place[order] = np.arange(len(codes)) - starts[codes[order]]
    return pd.Series((parts + (place < left)) / 100, index=rows.index)


def plans_by_category(plans: pd.Series, cells: pd.DataFrame) -> pd.DataFrame:
    """Each client's plan split over its categories, in whole cents that sum to it exactly.

    Parameters
    ----------
    plans
        The plan of each client (index ``client``), money.
    cells
        One row per client and category: ``client``, ``category``, ``weight`` (the category's
        split basis: its sales a month, a year before or with its potential) and ``current``
        (its sales a month). A client whose weights are all 0 is split by ``current``, and
        evenly without that.

    Returns
    -------
    pandas.DataFrame
        ``client``, ``category``, ``plan``; sorted by client and category. A client without
        cells keeps the whole plan on one row without a category.
    """
    # get_indexer, not isin: isin of one arrow string column in another runs in Python.
    mine = cells[plans.index.get_indexer(pd.Index(cells["client"])) >= 0].sort_values(
        ["client", "category"], kind="stable"
    )
    weight = mine["weight"].fillna(0.0).clip(lower=0)
    none = weight.groupby(mine["client"]).transform("sum") <= 0
    weight = weight.where(~none, mine["current"].fillna(0.0).clip(lower=0))
    split = mine[["client", "category"]].assign(
        plan=split_cents_within(plans, pd.DataFrame({"group": mine["client"], "weight": weight}))
    )
    rest = plans[pd.Index(mine["client"].unique()).get_indexer(plans.index) < 0]
    alone = pd.DataFrame({"client": rest.index, "category": pd.NA, "plan": rest.to_numpy()})
    out = pd.concat([split, alone], ignore_index=True) if len(alone) else split
    return out.sort_values(["client", "category"], kind="stable").reset_index(drop=True)


def own_plans(frame: pd.DataFrame, method: str, uplift: float, share: float) -> pd.Series:
    """Step 1: each row's plan by ``method`` (``uplift`` or ``share``), to the cent.

    ``frame`` has ``current``, ``potential`` and ``wallet`` (per month; NaN unknown).
    """
    by_uplift = plans(
        frame["current"].reset_index(drop=True), frame["potential"].reset_index(drop=True), uplift
    )["plan"]
    out = by_uplift.to_numpy()
    if method == "share":
        wallet = frame["wallet"].to_numpy(dtype=float)
        reach = np.maximum(frame["current"].to_numpy(dtype=float), share * wallet)
        out = np.where(np.isfinite(wallet) & (wallet > 0), reach, out)
    return pd.Series(np.round(np.clip(out, 0, None), 2), index=frame.index)


def split_basis(frame: pd.DataFrame, split: str) -> pd.Series:
    """The weight a target is split by: ``current``, ``last_year`` or current + ``potential``.

    ``frame`` has ``current``, ``last_year`` and ``potential`` (money a month; NaN unknown),
    one row per client, or per client and category.
    """
    if split == "last_year":
        return frame["last_year"].fillna(0.0)
    if split == "potential":
        return frame["current"].clip(lower=0) + frame["potential"].fillna(0.0).clip(lower=0)
    return frame["current"].clip(lower=0)


def _share_out(
    total: float, weights: pd.Series, fixed: pd.Series, fallback: pd.Series
) -> tuple[pd.Series, float]:
    """``total`` less the ``fixed`` rows' plans (NaN: not fixed), split over the others.

    The split is by ``weights``; rows whose weights are all 0 are split by ``fallback`` (their
    own plans). Returns the plan of every row and how far the fixed rows alone pass ``total``
    (0 when they do not): the others then get 0.
    """
    out = fixed.copy()
    free = fixed.isna()
    rest = total - float(fixed[~free].sum())
    if free.any():
        w = weights[free]
        if w.clip(lower=0).sum() <= 0:
            w = fallback[free]
        out[free] = split_cents(rest, w)
    return out, round(max(-rest, 0.0), 2)  # money: to the cent, as every plan is


def _by_categories(
    rows: pd.DataFrame, aims: pd.Series, pinned: pd.Series, cells: pd.DataFrame
) -> tuple[np.ndarray, pd.DataFrame, dict[str, float]]:
    """One month whose targets are per category: company -> categories -> clients.

    ``rows``: the month's clients (``client``, ``own``); ``aims``: target per category;
    ``pinned``: each row's typed plan (NaN: none); ``cells``: ``client``, ``category``,
    ``weight`` and ``current`` of the month. Each client's plan (typed, else its own) is split
    over its categories (:func:`plans_by_category`); in a category with a target, the target
    less the typed clients' parts there is split over the other clients that buy it or have a
    wallet in it, by their weights there (by their own parts where every weight is 0). A
    client's plan is the sum of its parts.

    Returns each row's plan, the parts (``client``, ``category``, ``plan``) and, per category,
    how far the typed plans alone pass its target.
    """
    fixed = pinned.notna().to_numpy()
    plans = pd.Series(np.where(fixed, pinned, rows["own"]), index=rows["client"].to_numpy())
    parts = plans_by_category(plans, cells).merge(
        cells[["client", "category", "weight"]], on=["client", "category"], how="left"
    )
    free = ~parts["client"].isin(rows["client"][fixed])
    short: dict[str, float] = {}
    for category, target in aims.items():
        mine = (parts["category"] == category).to_numpy()
        if not mine.any():
            continue
        planned, over = _share_out(
            float(target),
            parts["weight"][mine],
            parts["plan"][mine].where(~free[mine]),
            parts["plan"][mine],
        )
        parts.loc[mine, "plan"] = planned.to_numpy()
        if over:
            short[str(category)] = over
    totals = cents(parts.groupby("client", sort=False)["plan"].sum())
    return rows["client"].map(totals).to_numpy(), parts.drop(columns="weight"), short


def set_plans(
    frame: pd.DataFrame,
    targets: pd.DataFrame | None = None,
    overrides: pd.DataFrame | None = None,
    *,
    method: str = "uplift",
    uplift: float = 0.15,
    share: float = 0.3,
    split: str = "current",
    cells: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every client's plan for each month of ``frame``: steps 1-3 of the module.

    Parameters
    ----------
    frame
        One row per month planned and client: :data:`PLAN_INPUT` (``month`` a Period;
        ``current``, ``potential``, ``wallet`` and ``last_year`` money a month, NaN unknown).
    targets
        ``month`` (Period), ``manager`` (NaN: the company's), ``target``, optionally
        ``category``. A company target and managers' targets of one month: those managers
        keep theirs, the others share the rest. A month with targets per category is split
        company -> categories -> clients (:func:`_by_categories`) and its company or manager
        targets are not used (the Targets sheet allows no such mix).
    overrides
        ``month`` (Period; NaT: every month), ``client`` and ``manager`` (one of them, the other
        NaN), ``plan``. A client's override wins over its manager's split.
    cells
        For months with targets per category: ``month``, ``client``, ``category``, ``weight``
        (the category's split basis) and ``current`` (its sales a month).

    Returns
    -------
    pandas.DataFrame
        ``frame`` sorted by month and client with ``own`` (step 1), ``plan`` and ``source``
        (:data:`SOURCES`); ``attrs["short"]``: per (month, manager, category or "") how far
        overrides pass a target, where they do; ``attrs["parts"]``: the plans of the months
        split by category, per ``month``, ``client`` and ``category``.
    """
    out = frame.sort_values(["month", "client"], kind="stable").reset_index(drop=True)
    out["own"] = own_plans(out, method, uplift, share)
    out["plan"] = out["own"]
    out["source"] = "method"
    out["weight"] = split_basis(out, split)
    short: dict[tuple[pd.Period, str], float] = {}
    parts: list[pd.DataFrame] = []
    targets = (
        targets if targets is not None else pd.DataFrame(columns=["month", "manager", "target"])
    )
    if "category" not in targets:
        targets = targets.assign(category=pd.Series(pd.NA, index=targets.index, dtype=object))
    overrides = (
        overrides
        if overrides is not None
        else pd.DataFrame(columns=["month", "client", "manager", "plan"])
    )
    for month, rows in out.groupby("month", sort=True):
        due = overrides[overrides["month"].isna() | (overrides["month"] == month)]
        # A month's own override wins over an every-month one: it comes first.
        due = due.assign(_every=due["month"].isna()).sort_values(
            "_every", ascending=True, kind="stable"
        )
        on_client = due[due["client"].notna()].drop_duplicates("client", keep="first")
        by_client: pd.Series = on_client.set_index("client")["plan"]
        on_manager = due[due["client"].isna() & due["manager"].notna()]
        by_manager: pd.Series = on_manager.drop_duplicates("manager").set_index("manager")["plan"]
        aims = targets[targets["month"] == month]
        managers = rows["manager"].fillna("")
        pinned = rows["client"].map(by_client).astype(float)
        per_category = aims[aims["category"].notna()]
        if len(per_category) and cells is not None:
            summed, split_up, past = _by_categories(
                rows,
                per_category.set_index("category")["target"],
                pinned,
                cells[cells["month"] == month],
            )
            out.loc[rows.index, "plan"] = summed
            planned = split_up["client"][split_up["category"].isin(per_category["category"])]
            out.loc[rows.index[rows["client"].isin(planned).to_numpy()], "source"] = "split"
            out.loc[rows.index[pinned.notna()], "source"] = "override"
            short.update({(cast(pd.Period, month), c): v for c, v in past.items()})
            parts.append(split_up.assign(month=month))
            continue
        aims = aims[aims["category"].isna()]
        company = aims[aims["manager"].isna()]["target"]
        manager_aims = aims[aims["manager"].notna()].set_index("manager")["target"]
        # Managers with a total of their own (an override, else a target): their clients
        # share it. The others' clients share what the company target leaves, else keep
        # their own plans; a client's override is kept either way.
        totals = {m: by_manager.get(m, manager_aims.get(m)) for m in dict.fromkeys(managers)}
        groups = [(m, managers == m, t) for m, t in totals.items() if t is not None]
        rest = ~managers.isin([m for m, _, _ in groups])
        if len(company):
            total = float(company.iloc[0]) - sum(float(t) for _, _, t in groups)
            groups.append(("", rest, total))
        else:
            out.loc[rows.index[rest], "plan"] = pinned[rest].fillna(rows["own"][rest]).to_numpy()
        for name, mine, total in groups:
            plan, over = _share_out(
                float(total), rows["weight"][mine], pinned[mine], rows["own"][mine]
            )
            if over:
                short[(cast(pd.Period, month), name)] = over
            out.loc[rows.index[mine], "plan"] = plan.to_numpy()
            out.loc[rows.index[mine], "source"] = "split"
        out.loc[rows.index[pinned.notna()], "source"] = "override"
    out = out.drop(columns="weight")
    out.attrs["short"] = short
    out.attrs["parts"] = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["client", "category", "plan", "month"])
    )
    return out


def pace(plan: pd.Series, actual: pd.Series, as_of: pd.Timestamp) -> pd.DataFrame:
    """Month to date: what is left of each plan and what that takes a working day.

    ``plan`` and ``actual`` (to date) share an index (clients or managers). Working days are
    Monday to Friday after ``as_of`` to the month's end (holidays are not known here). Output,
    same index: ``plan``, ``actual``, ``left`` = max(plan − actual, 0), ``days_left``,
    ``a_day`` = left / days_left (NaN when no working day is left).
    """
    start = (as_of + pd.Timedelta(days=1)).date()
    end = (as_of + pd.offsets.MonthEnd(0) + pd.Timedelta(days=1)).date()
    days = int(np.busday_count(start, end)) if start < end else 0
    actual = actual.reindex(plan.index).fillna(0.0)
    left = (plan - actual).clip(lower=0).round(2)
    return pd.DataFrame(
        {
            "plan": plan,
            "actual": actual,
            "left": left,
            "days_left": days,
            "a_day": (left / days).round(2) if days else np.nan,
        }
    )
