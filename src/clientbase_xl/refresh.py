"""The one orchestrator: raw input tables in, every result tab out.

``compute`` is pure (tables in, tabs out); ``refresh`` runs it against a
:class:`~clientbase_xl.workbook.gateway.Gateway` — a workbook file, or Excel through xlwings — so
the CLI and the Excel buttons share every step::

    read raw tables -> parse + validate (all problems at once) -> analytics -> result tabs -> write
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from clientbase_xl import tabs as specs
from clientbase_xl.analytics.history import close_month as close_history
from clientbase_xl.errors import InputProblems, UsageError
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.model import Inputs, load_inputs, requested_language
from clientbase_xl.inputs.problems import Problems
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.tabs import BUILDERS, Context
from clientbase_xl.tabs.history import history_tab

Progress = Callable[[str], None]


def now_stamp() -> str:
    """The local time to show as "refreshed at": read by the edges, never by the core."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def build_tabs(
    inputs: Inputs,
    lang: Lang,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
    refreshed: str = "",
    warnings: int = 0,
) -> list[ResultTab]:
    """Compute every result tab (or the tab keys in ``only``) from parsed inputs, in tab order.

    ``refreshed`` (when the caller started the refresh) and ``warnings`` (the number of input
    warnings) go to the Dashboard's status. The Errors tab is added by :func:`compute` when
    there are problems.
    """
    return tabs_of(Context(inputs, lang, refreshed, warnings), progress, only)


def tabs_of(
    ctx: Context, progress: Progress | None = None, only: Collection[str] | None = None
) -> list[ResultTab]:
    """Every result tab (or those of the keys in ``only``) from ``ctx``, in tab order."""
    step = progress or (lambda _: None)
    tabs = []
    for name, builder in BUILDERS:
        if only is not None and name not in only:
            continue
        step(name)
        tabs.append(ctx.tab(builder).counted(ctx.lang))
    return tabs


def errors_tab(problems: Problems, lang: Lang) -> ResultTab:
    """The Errors tab listing every problem."""
    return ResultTab(specs.ERRORS, {"problems": problems.to_frame(lang)})


@dataclass(frozen=True)
class Outcome:
    """What a computation produced: the tabs to write, the problems, and the language used."""

    tabs: list[ResultTab]
    problems: Problems
    lang: Lang
    inputs: Inputs | None
    #: What the tabs were computed from (None with input errors): its cached frames serve
    #: what follows a refresh (alerts, one file per manager) without computing them again.
    context: Context | None = None

    @property
    def ok(self) -> bool:
        """Whether the inputs were usable (warnings allowed)."""
        return self.inputs is not None


def compute(
    tables: Mapping[str, RawTable],
    *,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
    refreshed: str = "",
) -> Outcome:
    """Parse, validate and compute. Never raises for bad input: problems are in the outcome.

    With errors, ``tabs`` holds only the Errors tab; with warnings only, the Errors tab follows
    the result tabs.
    """
    step = progress or (lambda _: None)
    step("validate")
    inputs, problems = load_inputs(tables, as_of=as_of)
    chosen: Lang = lang or (inputs.settings.language if inputs else requested_language(tables))
    del tables  # the cells as read: ten million lines of them are not kept through the analysis
    ctx = None if inputs is None else Context(inputs, chosen, refreshed, len(problems))
    tabs = [] if ctx is None else tabs_of(ctx, progress, only)
    if len(problems):
        tabs.append(errors_tab(problems, chosen))
    return Outcome(tabs, problems, chosen, inputs, ctx)


class Gateway(Protocol):
    """Where a refresh reads its inputs and writes its tabs: a file, or Excel via xlwings."""

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table found, keyed by schema key."""
        ...

    def write_tabs(
        self, tabs: list[ResultTab], lang: Lang, currency: str, replace: set[str]
    ) -> None:
        """Write ``tabs`` after dropping the tool's own tabs of the keys in ``replace``.

        Only sheets the tool wrote (:mod:`clientbase_xl.report.owned`) are ever dropped.
        """
        ...


CLOSE_AFTER_AS_OF = Text(
    "Month {month} is after the analysis date {as_of}; it cannot be closed yet.",
    "Месяц {month} позже даты анализа {as_of}; его ещё нельзя закрыть.",
)


CLOSE_BEFORE_SALES = Text(
    "Month {month} is before the first sale ({first}): there is nothing to close yet.",
    "Месяц {month} раньше первой продажи ({first}): закрывать пока нечего.",
)


def month_to_close(as_of: pd.Timestamp) -> pd.Period:
    """The last complete month at ``as_of``: its own month on its last day, else the one before."""
    month = as_of.to_period("M")
    return month if as_of.normalize() == month.end_time.normalize() else month - 1


@dataclass(frozen=True)
class Closed:
    """What Close month did: the month, its snapshot and the whole History written."""

    month: pd.Period
    snapshot: pd.DataFrame
    history: pd.DataFrame
    lang: Lang


def close_month(
    gateway: Gateway,
    *,
    month: pd.Period | None = None,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    progress: Progress | None = None,
) -> Closed:
    """Freeze the segments of ``month`` (default :func:`month_to_close`) into the History tab.

    Closing a month that History already has replaces it. Raises
    :class:`~clientbase_xl.errors.InputProblems` on input errors and
    :class:`~clientbase_xl.errors.UsageError` for a month after the analysis date.
    """
    step = progress or (lambda _: None)
    step("read")
    tables = gateway.read_tables()
    step("validate")
    inputs, problems = load_inputs(tables, as_of=as_of)
    if inputs is None:
        raise InputProblems(problems, lang or requested_language(tables))
    chosen: Lang = lang or inputs.settings.language
    ctx = Context(inputs, chosen)
    target = month or month_to_close(inputs.as_of)
    if target > ctx.month:
        raise UsageError(
            CLOSE_AFTER_AS_OF.format(
                chosen, month=target.strftime("%Y-%m"), as_of=inputs.as_of.strftime("%Y-%m-%d")
            )
        )
    first_sale = inputs.sales["date"].min().to_period("M")
    if target < first_sale:
        raise UsageError(
            CLOSE_BEFORE_SALES.format(
                chosen, month=target.strftime("%Y-%m"), first=first_sale.strftime("%Y-%m")
            )
        )
    step("snapshot")
    snap = ctx.snapshot(target)
    history = close_history(inputs.history, snap)
    wallet = close_history(inputs.history_wallet, ctx.wallet_snapshot(target))
    step("write")
    gateway.write_tabs(
        [history_tab(history, wallet)],
        chosen,
        inputs.settings.currency,
        {specs.HISTORY.key},
    )
    return Closed(target, snap, history, chosen)


def refresh(
    gateway: Gateway,
    *,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    write_errors: bool = True,
    progress: Progress | None = None,
    only: Collection[str] | None = None,
    refreshed: str = "",
) -> Outcome:
    """Read, compute and write through ``gateway``; ``refreshed`` is the time to show.

    On input errors the result tabs are left as they were; the Errors tab is written when
    ``write_errors`` and :class:`~clientbase_xl.errors.InputProblems` is raised. With ``only``
    (tab keys), just those tabs are computed and replaced; the others stay as they were.
    """
    step = progress or (lambda _: None)
    step("read")
    outcome = compute(
        gateway.read_tables(),
        as_of=as_of,
        lang=lang,
        progress=progress,
        only=only,
        refreshed=refreshed,
    )
    currency = outcome.inputs.settings.currency if outcome.inputs else ""
    if not outcome.ok:
        if write_errors:
            step("write")
            gateway.write_tabs(outcome.tabs, outcome.lang, currency, {specs.ERRORS.key})
        raise InputProblems(outcome.problems, outcome.lang)
    step("write")
    replaced = {spec.key for spec in specs.TABS if only is None or spec.key in {*only, "errors"}}
    gateway.write_tabs(outcome.tabs, outcome.lang, currency, replaced)
    return outcome
