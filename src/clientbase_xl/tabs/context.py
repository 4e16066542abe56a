"""What several result tabs share, computed once per refresh on first use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from clientbase_xl.analytics.abc_xyz import (
    XYZ_LETTERS,
    SegmentRules,
    abc_letters,
    classify_window,
    monthly_facts,
)
from clientbase_xl.analytics.actions import (
    Collected,
    behind_plan_items,
    class_down_items,
    collect,
    cross_sell_items,
    detractor_items,
    next_class_items,
    overdue_items,
    rhythm_items,
    second_order_items,
)
from clientbase_xl.analytics.bcg import bcg, window_revenue
from clientbase_xl.analytics.clients import client_attributes
from clientbase_xl.analytics.history import (
    ManagersByMonth,
    managers_by_month,
    reconstruct,
    snapshot,
    timeline,
)
from clientbase_xl.analytics.ltv import ltv_table
from clientbase_xl.analytics.measures import MEASURE_COLUMNS, tracked
from clientbase_xl.analytics.orders import in_window, orders, up_to
from clientbase_xl.analytics.plan import plan_vs_actual
from clientbase_xl.analytics.rfm import DEFAULT_SEGMENTS, rfm_segments, rfm_table
from clientbase_xl.analytics.rhythm import AT_RISK, RhythmRules, stages
from clientbase_xl.analytics.targets import plans_by_category, set_plans, split_basis
from clientbase_xl.analytics.turnover import dso
from clientbase_xl.analytics.wallet import (
    MONTHS_A_YEAR,
    estimate_age,
    estimates_at,
    per_client,
    sales_a_year,
    whitespace,
)
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.model import Inputs, coded_measures
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.report.spec import ResultTab


@dataclass(frozen=True)
class Potential:
    """Share of wallet and plans: client × category cells and one row per client.

    ``cells``: :func:`~clientbase_xl.analytics.wallet.whitespace` on yearly amounts.
    ``clients``: :func:`~clientbase_xl.analytics.wallet.per_client` joined with next month's
    plan (``current``, ``plan``, ``growth``; :meth:`Context.plans_for`).
    """

    cells: pd.DataFrame
    clients: pd.DataFrame


NO_MANAGER = Text("(no manager)", "(без менеджера)")
TOTAL = Text("Total", "Итого")
METRIC_NAMES = {
    "revenue": Text("revenue", "выручка"),
    "margin": Text("margin", "маржа"),
    "quantity": Text("quantity", "количество"),
    "regularity": Text("regularity", "регулярность"),
    "variation": Text("variation", "вариация"),
}
NOTE = Text(
    "As of {as_of}; window {months} months from {start}; ABC by {metric} ({cuts} %); XYZ by {xyz}.",
    "На {as_of}; окно {months} мес. с {start}; ABC по показателю {metric} ({cuts} %); "
    "XYZ по методу {xyz}.",
)


def segment_rules(settings: Settings) -> SegmentRules:
    """The segment rules the Settings sheet asks for."""
    return SegmentRules(
        months=settings.window_months,
        metric=settings.abc_metric,
        cuts=settings.abc_cuts,
        xyz_method=settings.xyz_method,
        x_share=settings.x_share,
        cv_cuts=settings.cv_cuts,
    )


@dataclass
class Context:
    """Parsed inputs and the language, with shared intermediate results as lazy attributes."""

    inputs: Inputs
    lang: Lang
    #: When the refresh ran, as the edge that started it tells (the core has no clock).
    refreshed: str = ""
    #: How many warnings the inputs raised (listed on the Errors tab).
    warnings: int = 0
    _tabs: dict[Callable[[Context], ResultTab], ResultTab] = field(default_factory=dict, repr=False)
    #: How far plans set by hand pass a target, by (month planned, manager or ""): every plan
    #: :meth:`plans_for` set, gathered for :attr:`plan_short`.
    _short: dict[tuple[pd.Period, str], float] = field(default_factory=dict, repr=False)
    #: The plans split by category targets, per month planned (:meth:`plans_for`).
    _parts: dict[pd.Period, pd.DataFrame] = field(default_factory=dict, repr=False)

    def tab(self, builder: Callable[[Context], ResultTab]) -> ResultTab:
        """The tab ``builder`` makes, built once: the Dashboard reuses the other tabs' frames."""
        if builder not in self._tabs:
            self._tabs[builder] = builder(self)
        return self._tabs[builder]

    @property
    def settings(self) -> Settings:
        """The analysis settings."""
        return self.inputs.settings

    @property
    def month(self) -> pd.Period:
        """The month of the analysis date."""
        return self.inputs.as_of.to_period("M")

    @cached_property
    def rules(self) -> SegmentRules:
        """Segment rules from the settings."""
        return segment_rules(self.settings)

    @property
    def letters(self) -> tuple[str, ...]:
        """The ABC (or ABCD) letters in use."""
        return abc_letters(self.rules.cuts)

    def text(self, text: Text, **values: object) -> str:
        """``text`` in the refresh's language."""
        return text.format(self.lang, **values)

    def texts(self, values: pd.Series, table: Mapping[str, Text]) -> pd.Series:
        """``values`` with each code of ``table`` as its text in the refresh's language.

        Values that are no code (blanks, a name the user typed) stay as they are. Each text is
        formatted once, not once per row: 20,000 clients' stages took a fifth of a second.
        """
        shown = pd.Series({code: self.text(t) for code, t in table.items()}, dtype=object)
        return values.map(shown).where(values.isin(shown.index), values)

    @cached_property
    def facts(self) -> pd.DataFrame:
        """Monthly facts per client up to the analysis date."""
        return monthly_facts(self.inputs.sales, self.inputs.as_of, self.documents)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """Every document up to the analysis date (see :func:`orders`)."""
        sales = self.inputs.sales
        return orders(up_to(sales, self.inputs.as_of))

    @cached_property
    def placed(self) -> pd.DataFrame:
        """Every order (a positive document) up to the analysis date.

        Columns ``client``, ``date``, ``amount``; row order by client, then date.
        """
        docs = self.documents
        return docs[docs["is_order"]].drop(columns="is_order")

    @cached_property
    def orders(self) -> pd.DataFrame:
        """:attr:`placed` with the client's current ``manager``."""
        real = self.placed
        manager = self.attributes.set_index("client")["manager"]
        return real.assign(manager=real["client"].map(manager))

    @property
    def window_start(self) -> pd.Timestamp:
        """First day of the analysis window."""
        return (self.month - (self.settings.window_months - 1)).start_time

    @cached_property
    def window_lines(self) -> pd.DataFrame:
        """The sales lines of the analysis window, returns included."""
        window = self.settings.window_months
        return in_window(self.inputs.sales, self.month, window, self.inputs.as_of)

    def with_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (with a ``client`` column) with the client's name, manager and group."""
        extra = [c for c in ("name", "manager", "group") if c not in frame.columns]
        return frame.merge(self.attributes[["client", *extra]], on="client", how="left")

    @cached_property
    def attributes(self) -> pd.DataFrame:
        """Name, manager and group per client (Clients sheet, else sales lines)."""
        lines = up_to(self.inputs.sales, self.inputs.as_of)
        return client_attributes(lines, self.inputs.clients, self._line_managers.latest())

    @cached_property
    def classes(self) -> pd.DataFrame:
        """Current ABC/XYZ per client (:func:`classify_window`, ordered by ABC rank)."""
        return classify_window(self.facts, self.month, self.rules)

    @cached_property
    def segments(self) -> pd.DataFrame:
        """:attr:`classes` with each client's name, manager and group."""
        return self.classes.merge(self.attributes, on="client", how="left")

    @cached_property
    def _line_managers(self) -> ManagersByMonth:
        return managers_by_month(self.inputs.sales, self.inputs.as_of)

    @cached_property
    def _assigned(self) -> pd.Series | None:
        clients = self.inputs.clients
        return None if clients is None else clients.set_index("client")["manager"]

    def snapshot(self, month: pd.Period) -> pd.DataFrame:
        """Every client's segment at the end of ``month``, as Close month freezes it."""
        return self._planned(
            snapshot(self.facts, month, self.rules, self._line_managers, self._assigned)
        )

    def _planned(self, snapshots: pd.DataFrame) -> pd.DataFrame:
        """``snapshots`` with ``plan``: each client's plan for the month after the snapshot's.

        The plan is set as of the snapshot's month end (its window's sales a month) by
        :meth:`plans_for`.
        """
        planned = self.plans_for(
            pd.DataFrame(
                {
                    "month": snapshots["month"] + 1,
                    "client": snapshots["client"],
                    "manager": snapshots["manager"],
                    "current": snapshots["revenue"] / self.settings.window_months,
                }
            )
        )
        keys = pd.MultiIndex.from_arrays([snapshots["month"] + 1, snapshots["client"]])
        plan = planned.set_index(["month", "client"])["plan"].reindex(keys)
        return snapshots.assign(plan=plan.to_numpy())

    def plans_for(self, frame: pd.DataFrame) -> pd.DataFrame:
        """:func:`~clientbase_xl.analytics.targets.set_plans` with this workbook's data.

        Input: ``month`` (the month planned), ``client``, ``manager``, ``current`` (sales a
        month). Added: today's wallet and potential a month (the only wallet the workbook has),
        the client's sales in the same month a year before, the Targets and Plans sheets and
        the plan settings. Output: set_plans' frame.
        """
        summary = self._wallet[1]
        s = self.settings
        revenue = self.facts.groupby(["client", "month"], observed=True)["revenue"].sum()
        year_ago = pd.MultiIndex.from_arrays([frame["client"], frame["month"] - MONTHS_A_YEAR])
        full = frame.assign(
            potential=frame["client"].map(summary["potential"] / MONTHS_A_YEAR),
            wallet=frame["client"].map(summary["wallet"] / MONTHS_A_YEAR),
            last_year=revenue.reindex(year_ago).fillna(0.0).to_numpy(),
        )
        targets = _by_month(self.inputs.targets, ["manager", "target", "category"])
        by_category = (
            set()
            if targets is None
            else set(targets.loc[targets["category"].notna(), "month"]) & set(frame["month"])
        )
        out = set_plans(
            full,
            targets,
            _by_month(self.inputs.plans, ["client", "manager", "plan"]),
            method=s.plan_method,
            uplift=s.uplift,
            share=s.target_share,
            split=s.plan_split,
            cells=self._category_basis(sorted(by_category)) if by_category else None,
        )
        self._short.update(out.attrs["short"])
        parts = out.attrs["parts"]
        self._parts.update({m: rows for m, rows in parts.groupby("month", sort=False)})
        return out

    def _category_basis(self, months: list[pd.Period]) -> pd.DataFrame:
        """Each client's split basis per category for ``months`` planned.

        As :meth:`plans_for` takes it per client: ``current`` = the category's sales a month
        over the window ending the month before, ``weight`` by the plan split setting (that,
        the category's sales in the same month a year before, or that plus today's wallet
        potential a month). Output: ``month``, ``client``, ``category``, ``weight``,
        ``current``.
        """
        window = self.settings.window_months
        lines = up_to(self.inputs.sales, self.inputs.as_of).dropna(subset=["category"])
        monthly = (
            lines.groupby(["client", "category", lines["date"].dt.to_period("M")], observed=True)[
                "amount"
            ]
            .sum()
            .rename("amount")
            .reset_index()
        )
        cells = self._cells_a_month
        pot = pd.Series(
            cells["potential"].to_numpy(),
            index=pd.MultiIndex.from_frame(cells[["client", "category"]]),
        )
        frames = []
        for month in months:
            inside = monthly[(monthly["date"] >= month - window) & (monthly["date"] < month)]
            now = inside.groupby(["client", "category"])["amount"].sum() / window
            year_ago = monthly[monthly["date"] == month - MONTHS_A_YEAR]
            then = year_ago.set_index(["client", "category"])["amount"]
            keys = now.index.union(then.index).union(pot.index)
            basis = keys.to_frame(index=False).assign(
                month=pd.Series([month] * len(keys), dtype="period[M]"),
                current=now.reindex(keys).fillna(0.0).to_numpy(),
                last_year=then.reindex(keys).to_numpy(),
                potential=pot.reindex(keys).to_numpy(),
            )
            frames.append(basis.assign(weight=split_basis(basis, self.settings.plan_split)))
        return pd.concat(frames, ignore_index=True)

    @cached_property
    def measure_plan(self) -> pd.DataFrame:
        """The Measure plan sheet tracked (:func:`~clientbase_xl.analytics.measures.tracked`).

        Empty with its columns when the workbook has no such sheet.
        """
        plan = self.inputs.measure_plan
        if plan is None:
            plan = pd.DataFrame({c: pd.Series(dtype=object) for c in MEASURE_COLUMNS})
            plan["deadline"] = pd.Series(dtype="datetime64[ns]")
        else:
            plan = coded_measures(plan)
        return tracked(plan.reindex(columns=list(MEASURE_COLUMNS)), self.inputs.as_of)

    @cached_property
    def plan_short(self) -> dict[tuple[pd.Period, str], float]:
        """Where plans set by hand pass a target, this month and later (month, manager or "")."""
        _ = self.timeline, self.potential  # every plan of the refresh is set by then
        return {k: v for k, v in sorted(self._short.items()) if k[0] >= self.month}

    @cached_property
    def timeline(self) -> pd.DataFrame:
        """Monthly snapshots: closed months from History, the others rebuilt from sales."""
        months = pd.period_range(end=self.month, periods=self.settings.history_months, freq="M")
        rebuilt = self._planned(
            reconstruct(self.facts, months, self.rules, self._line_managers, self._assigned)
        )
        out = timeline(rebuilt, self.inputs.history)
        out["manager"] = self.shown_managers(out["manager"])
        return out

    @cached_property
    def ltv(self) -> pd.DataFrame:
        """LTV and its factors per client, with the client's ``abc`` class.

        :func:`~clientbase_xl.analytics.ltv.ltv_table` on every month up to the analysis date.
        """
        abc = self.segments.set_index("client")["abc"]
        by_segment = self.settings.ltv_lifetime_by == "segment"
        table = ltv_table(self.facts, abc if by_segment else None)
        return table.assign(abc=table["client"].map(abc))

    @cached_property
    def rfm(self) -> pd.DataFrame:
        """RFM scores of the clients who ordered in the window, with their ``segment``.

        The segment is the rule's name as the RFM segments sheet gives it, or the built-in
        rules' English name (a code the RFM tab translates).
        """
        window = self.orders[self.orders["date"] >= self.window_start]
        table = rfm_table(window, self.inputs.as_of)
        rules = self.inputs.rfm_segments
        return table.assign(
            segment=rfm_segments(table, DEFAULT_SEGMENTS if rules is None else rules)
        )

    @cached_property
    def rhythm(self) -> pd.DataFrame:
        """Every client's rhythm, next due date and stage.

        :func:`~clientbase_xl.analytics.rhythm.stages`; a client without a rhythm of its own
        takes its current ABC class's.
        """
        s = self.settings
        rules = RhythmRules(s.rhythm_tolerance, s.rhythm_sleeping, s.churn_days)
        abc = self.segments.set_index("client")["abc"]
        return stages(self.orders, self.inputs.as_of, abc, rules)

    @cached_property
    def monthly(self) -> pd.Series:
        """Each client's revenue a month in the window (indexed by client): what is at stake."""
        return self.segments.set_index("client")["revenue"] / self.settings.window_months

    def shown_managers(self, managers: pd.Series) -> pd.Series:
        """``managers`` as the tabs show them: a client without one under "(no manager)".

        Output: object dtype. Each distinct name becomes a Python string once, not once per
        row (a manager per order: 400,000 rows).
        """
        codes, names = pd.factorize(managers)
        # A blank's code is -1: it takes the last entry, "(no manager)".
        shown = np.append(np.asarray(names, dtype=object), self.text(NO_MANAGER))
        return pd.Series(shown[codes], index=managers.index, name=managers.name, dtype=object)

    @cached_property
    def at_risk(self) -> pd.Series:
        """Each client's revenue a month at risk (indexed by client, one per rhythm row).

        Its monthly revenue when its stage is late, sleeping or churned, else 0; NaN for a
        client at risk with no revenue in the window.
        """
        rhythm = self.rhythm.set_index("client")
        return rhythm.index.to_series().map(self.monthly).where(rhythm["stage"].isin(AT_RISK), 0.0)

    @cached_property
    def plan_vs_actual(self) -> pd.DataFrame:
        """Each client's plan and actual sales per month (:func:`plan_vs_actual`)."""
        return plan_vs_actual(self.timeline, self.facts, self.month)

    @cached_property
    def actions(self) -> Collected:
        """Every action of every reason the inputs allow, per manager, and the top of each.

        :func:`~clientbase_xl.analytics.actions.collect` over the ``*_items`` of each reason;
        reasons switched off in Settings are left out.
        """
        s, as_of, monthly = self.settings, self.inputs.as_of, self.monthly
        items = [rhythm_items(self.rhythm, monthly)]
        months = sorted(self.timeline["month"].unique())
        if len(months) >= 2:
            before = self.timeline[self.timeline["month"] == months[-2]]
            after = self.timeline[self.timeline["month"] == months[-1]]
            items.append(class_down_items(before, after, "abc", self.letters, monthly))
            items.append(class_down_items(before, after, "xyz", XYZ_LETTERS, monthly))
        items.append(behind_plan_items(self.plan_vs_actual, self.month - 1))
        if self.inputs.payments is not None:
            items.append(overdue_items(dso(self.inputs.payments, as_of)))
        if self.inputs.survey is not None:
            since = (self.month - 1).start_time
            items.append(detractor_items(self.inputs.survey, since, as_of, monthly))
        items.append(second_order_items(self.orders, as_of, s.churn_days))
        items.append(
            next_class_items(self.segments, self.letters, s.next_class_share, s.window_months)
        )
        items.append(cross_sell_items(self.potential.cells))
        managers = self.attributes.set_index("client")["manager"]
        return collect(items, managers, s.actions_per_manager, s.actions_off)

    @cached_property
    def bcg(self) -> pd.DataFrame:
        """BCG quadrant per client: revenue in the window against the window before."""
        now, prev = window_revenue(self.facts, self.month, self.settings.window_months)
        return bcg(now, prev)

    def _ours_a_year(self, month: pd.Period) -> pd.DataFrame:
        """Our sales a year per client and category (:func:`sales_a_year`), window to ``month``."""
        window = self.settings.window_months
        if month == self.month:
            lines = self.window_lines
        else:
            lines = in_window(self.inputs.sales, month, window, self.inputs.as_of)
        return sales_a_year(lines, window)

    @cached_property
    def _estimates(self) -> pd.DataFrame:
        """The Wallet sheet's rows, each with a ``date`` (NaT where the row has none)."""
        wallet = _no_wallet() if self.inputs.wallet is None else self.inputs.wallet
        if "date" in wallet:
            return wallet
        # A frame built in code, not read from a sheet: every estimate undated.
        return wallet.assign(date=pd.Series(pd.NaT, index=wallet.index, dtype="datetime64[ns]"))

    def wallet_cells(self, month: pd.Period) -> pd.DataFrame:
        """:func:`~clientbase_xl.analytics.wallet.whitespace` at the end of ``month``.

        Our sales of the window ending then against the estimates that stood then
        (:func:`~clientbase_xl.analytics.wallet.estimates_at`), with ``estimated`` (the
        estimate's date).
        """
        day = min(month.end_time, self.inputs.as_of)
        standing = estimates_at(self._estimates, day)
        cells = whitespace(self._ours_a_year(month), standing[["client", "category", "total"]])
        dates = standing.set_index(["client", "category"])["date"]
        keys = pd.MultiIndex.from_frame(cells[["client", "category"]])
        return cells.assign(estimated=dates.reindex(keys).to_numpy())

    def wallet_snapshot(self, month: pd.Period) -> pd.DataFrame:
        """What Close month freezes of the share of wallet: the cells of ``month`` with a wallet.

        Output: ``month``, ``client``, ``category``, ``ours``, ``total``, ``penetration``.
        """
        cells = self.wallet_cells(month)
        known = cells[cells["total"].notna()]
        months = pd.Series([month] * len(known), index=known.index, dtype="period[M]")
        return known.assign(month=months)[
            ["month", "client", "category", "ours", "total", "penetration"]
        ].reset_index(drop=True)

    @cached_property
    def wallet_year_ago(self) -> pd.DataFrame:
        """The client x category cells twelve months before the analysis month.

        A month Close month froze is taken from History as it was; any other is rebuilt
        (:meth:`wallet_cells`), unless its window starts before the first sale: then nothing
        is known (no rows).
        """
        then = self.month - MONTHS_A_YEAR
        closed = self.inputs.history_wallet
        if closed is not None:
            rows = closed[(closed["month"] == then) & closed["total"].notna()]
            if len(rows):
                return whitespace(
                    rows[["client", "category", "ours"]].fillna({"ours": 0.0}),
                    rows[["client", "category", "total"]],
                )
        first = self.inputs.sales["date"].min().to_period("M")
        if self.inputs.wallet is None or then - (self.settings.window_months - 1) < first:
            nothing = _no_wallet()
            return whitespace(nothing.rename(columns={"total": "ours"}), nothing)
        return self.wallet_cells(then)

    @cached_property
    def _wallet(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Client x category cells (yearly amounts) and their sums per client (index client).

        The cells carry the age of their estimate (whole months) and the share of wallet a
        year before (``penetration_then``); the sums the share a year before too.
        """
        cells = self.wallet_cells(self.month)
        cells["age"] = estimate_age(cells["estimated"], self.inputs.as_of)
        cells["stale"] = cells["total"].notna() & ~(
            cells["age"] <= self.settings.wallet_max_age_months
        )
        then = self.wallet_year_ago
        keys = pd.MultiIndex.from_frame(cells[["client", "category"]])
        before = then.set_index(["client", "category"])["penetration"]
        cells["penetration_then"] = before.reindex(keys).to_numpy()
        summary = per_client(cells).set_index("client")
        summary["penetration_then"] = per_client(then).set_index("client")["penetration"]
        summary["estimated"] = cells.groupby("client")["estimated"].min()
        return cells, summary

    @cached_property
    def category_plans(self) -> pd.DataFrame:
        """Next month's plan of each client split over its categories.

        :func:`~clientbase_xl.analytics.targets.plans_by_category` by the plan split setting
        taken per category: its sales a month (the window's pace), the same month a year
        before, or its sales a month with its wallet potential a month. Output: ``client``,
        ``category`` (NA: sales without a category), ``plan``, ``current`` (sales a month).
        """
        cells = self._cells_a_month
        keys = pd.MultiIndex.from_frame(cells[["client", "category"]])
        split = self.settings.plan_split
        last_year = pd.Series(float("nan"), index=keys)
        if split == "last_year":
            then = self.month + 1 - MONTHS_A_YEAR
            dates = self.inputs.sales["date"]
            lines = self.inputs.sales[(dates >= then.start_time) & (dates <= then.end_time)]
            last_year = lines.groupby(["client", "category"], observed=True)["amount"].sum()
        cells = cells.assign(last_year=last_year.reindex(keys).to_numpy())
        plans = self.potential.clients.set_index("client")["plan"]
        # A month with targets per category was planned by category already.
        split_up = self._parts.get(self.month + 1)
        out = (
            plans_by_category(plans, cells.assign(weight=split_basis(cells, split)))
            if split_up is None
            else split_up[["client", "category", "plan"]].reset_index(drop=True)
        )
        mine = pd.Series(cells["current"].to_numpy(), index=keys)
        pairs = pd.MultiIndex.from_frame(out[["client", "category"]])
        return out.assign(current=mine.reindex(pairs).fillna(0.0).to_numpy())

    @property
    def _cells_a_month(self) -> pd.DataFrame:
        """The client x category cells with ``current`` (our sales) and ``potential`` a month."""
        cells = self._wallet[0]
        potential = cells["upsell"].fillna(0.0) + cells["crosssell"].fillna(0.0)
        return cells[["client", "category"]].assign(
            current=cells["ours"] / MONTHS_A_YEAR, potential=potential / MONTHS_A_YEAR
        )

    @property
    def wallet_by_client(self) -> pd.DataFrame:
        """Share of wallet summed per client (index ``client``), as the Potential tab shows it.

        :func:`~clientbase_xl.analytics.wallet.per_client` columns plus ``penetration_then``
        and ``estimated`` (the oldest estimate's date).
        """
        return self._wallet[1]

    @cached_property
    def potential(self) -> Potential:
        """Share of wallet, potential and next month's plan of every client."""
        cells, summary = self._wallet
        segments = self.segments.set_index("client")
        managers = self.attributes.set_index("client")["manager"]
        everyone = segments.index.union(summary.index)
        current = segments["revenue"].reindex(everyone).fillna(0.0) / self.settings.window_months
        planned = self.plans_for(
            pd.DataFrame(
                {
                    "month": self.month + 1,
                    "client": everyone,
                    "manager": managers.reindex(everyone).to_numpy(),
                    "current": current.to_numpy(),
                }
            )
        )
        plan = planned[["client", "current", "plan", "source"]].assign(
            growth=planned["plan"] - planned["current"]
        )
        clients = summary.reset_index().merge(plan, on="client", how="outer")
        return Potential(cells, clients)

    @cached_property
    def note(self) -> str:
        """The line under each segment tab's title: date, window and method."""
        s = self.settings
        start = (self.month - (s.window_months - 1)).strftime("%Y-%m")
        cuts = "/".join(f"{c * 100:g}" for c in s.abc_cuts)
        return self.text(
            NOTE,
            as_of=self.inputs.as_of.strftime("%Y-%m-%d"),
            months=s.window_months,
            start=start,
            metric=METRIC_NAMES[s.abc_metric],
            cuts=cuts,
            xyz=METRIC_NAMES[s.xyz_method],
        )


def _no_wallet() -> pd.DataFrame:
    """A Wallet sheet without rows: the workbook has none."""
    return pd.DataFrame(
        {
            "client": pd.Series(dtype=object),
            "category": pd.Series(dtype=object),
            "total": pd.Series(dtype=float),
            "date": pd.Series(dtype="datetime64[ns]"),
        }
    )


def _by_month(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame | None:
    """An input of plans or targets keyed by calendar month (a blank month stays NaT)."""
    if frame is None:
        return None
    return frame[columns].assign(month=frame["month"].dt.to_period("M"))
