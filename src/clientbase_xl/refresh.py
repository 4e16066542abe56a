"""The one orchestrator: raw input tables in, every result tab out.

``compute`` is pure (tables in, tabs out); ``refresh`` runs it against a
:class:`~clientbase_xl.workbook.gateway.Gateway` — a workbook file, or Excel through xlwings — so
the CLI and the Excel buttons share every step::

    read raw tables -> parse + validate (all problems at once) -> analytics -> result tabs -> write
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from clientbase_xl.analytics.abc_xyz import SegmentRules, matrix, matrix_crosstab, segments
from clientbase_xl.analytics.clients import client_attributes
from clientbase_xl.analytics.pareto import pareto_curve, pareto_table
from clientbase_xl.errors import InputProblems
from clientbase_xl.i18n import LANGS, Lang, Text
from clientbase_xl.inputs.model import Inputs, load_inputs
from clientbase_xl.inputs.problems import Problems
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.report import tabs as specs
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.settings import Settings

Progress = Callable[[str], None]

NOTE = Text(
    "As of {as_of}; window {months} months from {start}; ABC by {metric} ({cuts} %); XYZ by {xyz}.",
    "На {as_of}; окно {months} мес. с {start}; ABC по показателю {metric} ({cuts} %); "
    "XYZ по методу {xyz}.",
)
TOTAL = Text("Total", "Итого")
PARETO_MEASURES = {
    "all": Text("All clients with positive revenue", "Все клиенты с положительной выручкой"),
    "top": Text("The largest 20 % of clients", "Крупнейшие 20 % клиентов"),
    "target": Text(
        "The fewest clients making 80 % of revenue",
        "Наименьшее число клиентов, дающих 80 % выручки",
    ),
}
METRIC_NAMES = {
    "revenue": Text("revenue", "выручка"),
    "margin": Text("margin", "маржа"),
    "quantity": Text("quantity", "количество"),
    "regularity": Text("regularity", "регулярность"),
    "variation": Text("variation", "вариация"),
}


def segment_rules(settings: Settings) -> SegmentRules:
    """The segment rules the Settings sheet asks for."""
    return SegmentRules(
        months=settings.window_months,
        metric=settings.abc_metric,
        cuts=settings.abc_cuts,
        xyz_method=settings.xyz_method,
        x_share=settings.xyz_x_share / 100,
        cv_cuts=(settings.xyz_cv_thresholds[0] / 100, settings.xyz_cv_thresholds[1] / 100),
    )


def compute_segments(inputs: Inputs) -> pd.DataFrame:
    """Per-client ABC/XYZ segments with name, manager and group attached."""
    s = inputs.settings
    seg = segments(inputs.sales, inputs.as_of, segment_rules(s))
    attrs = client_attributes(inputs.sales[inputs.sales["date"] <= inputs.as_of], inputs.clients)
    return seg.merge(attrs, on="client", how="left")


def _note(inputs: Inputs, lang: Lang) -> str:
    s = inputs.settings
    start = (inputs.as_of.to_period("M") - (s.window_months - 1)).strftime("%Y-%m")
    cuts = "/".join(f"{c * 100:g}" for c in s.abc_cuts)
    return NOTE.format(
        lang,
        as_of=inputs.as_of.strftime("%Y-%m-%d"),
        months=s.window_months,
        start=start,
        metric=METRIC_NAMES[s.abc_metric],
        cuts=cuts,
        xyz=METRIC_NAMES[s.xyz_method],
    )


def build_tabs(inputs: Inputs, lang: Lang, progress: Progress | None = None) -> list[ResultTab]:
    """Compute every result tab from parsed inputs, in tab order.

    The Errors tab is added by :func:`compute` when there are problems.
    """
    step = progress or (lambda _: None)
    note = _note(inputs, lang)
    step("segments")
    seg = compute_segments(inputs)
    step("matrix")
    cells = matrix(seg, inputs.settings.abc_cuts)
    step("pareto")
    revenue = seg.set_index("client")["revenue"]
    summary = pareto_table(revenue)
    summary["measure"] = [PARETO_MEASURES[m].format(lang) for m in summary["measure"]]
    total = TOTAL.format(lang)
    return [
        ResultTab(specs.SEGMENTS, {"clients": seg}, note),
        ResultTab(
            specs.MATRIX,
            {
                "cells": cells,
                "counts": matrix_crosstab(cells, "clients", total),
                "revenue": matrix_crosstab(cells, "revenue", total),
                "revenue_share": matrix_crosstab(cells, "revenue_share", total),
            },
            note,
        ),
        ResultTab(
            specs.PARETO,
            {
                "summary": summary,
                "curve": pareto_curve(revenue),
            },
            note,
        ),
    ]


def errors_tab(problems: Problems, lang: Lang) -> ResultTab:
    """The Errors tab listing every problem."""
    return ResultTab(specs.ERRORS, {"problems": problems.to_frame(lang)})


def result_tab_names() -> set[str]:
    """Every name a result tab can have, in any language: what a refresh may replace."""
    return {spec.title(lang) for spec in specs.TABS for lang in LANGS}


@dataclass(frozen=True)
class Outcome:
    """What a computation produced: the tabs to write, the problems, and the language used."""

    tabs: list[ResultTab]
    problems: Problems
    lang: Lang
    inputs: Inputs | None

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
) -> Outcome:
    """Parse, validate and compute. Never raises for bad input: problems are in the outcome.

    With errors, ``tabs`` holds only the Errors tab; with warnings only, the Errors tab follows
    the result tabs.
    """
    step = progress or (lambda _: None)
    step("validate")
    inputs, problems = load_inputs(tables, as_of=as_of)
    chosen: Lang = lang or (inputs.settings.language if inputs else "en")
    tabs = build_tabs(inputs, chosen, progress) if inputs is not None else []
    if len(problems):
        tabs.append(errors_tab(problems, chosen))
    return Outcome(tabs, problems, chosen, inputs)


class Gateway(Protocol):
    """Where a refresh reads its inputs and writes its tabs: a file, or Excel via xlwings."""

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table found, keyed by schema key."""
        ...

    def write_tabs(
        self, tabs: list[ResultTab], lang: Lang, currency: str, remove: set[str]
    ) -> None:
        """Replace the sheets named in ``remove`` by ``tabs``; leave every other sheet as it is."""
        ...


def refresh(
    gateway: Gateway,
    *,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    write_errors: bool = True,
    progress: Progress | None = None,
) -> Outcome:
    """Read, compute and write through ``gateway``.

    On input errors the result tabs are left as they were; the Errors tab is written when
    ``write_errors`` and :class:`~clientbase_xl.errors.InputProblems` is raised.
    """
    step = progress or (lambda _: None)
    step("read")
    outcome = compute(gateway.read_tables(), as_of=as_of, lang=lang, progress=progress)
    currency = outcome.inputs.settings.currency if outcome.inputs else ""
    if not outcome.ok:
        if write_errors:
            step("write")
            gateway.write_tabs(
                outcome.tabs, outcome.lang, currency, {specs.ERRORS.title(x) for x in LANGS}
            )
        raise InputProblems(outcome.problems)
    step("write")
    gateway.write_tabs(outcome.tabs, outcome.lang, currency, result_tab_names())
    return outcome
