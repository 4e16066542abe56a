"""One manager's share of the result tabs: their clients on every tab, and the company figures.

A lead sends each manager a file of their own. Every table that lists clients keeps that
manager's clients only, every table of managers keeps that manager's row, and a table of
neither (the company's figures: totals, the ABC×XYZ matrix, churn by month, model parameters)
stays as it is: classes and ranks are the company's, computed once on the whole book, so a
client is A in the manager's file when it is A in the company.

Input: the tabs of a refresh and the :class:`~clientbase_xl.tabs.context.Context` they came
from; output: per manager, the tabs to write, their Actions first. Pure.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from clientbase_xl.i18n import Text as T  # noqa: N817
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.tabs.card import card_of
from clientbase_xl.tabs.context import Context

ONLY_THEIRS = T(
    "Only {manager}'s clients; tables without clients or managers are the company's.",
    "Только клиенты менеджера {manager}; таблицы без клиентов и менеджеров — по компании.",
)


def clients_by_manager(ctx: Context) -> dict[str, frozenset[str]]:
    """Each manager's clients, by the name the tabs show: every client under exactly one.

    A client without a manager is under "(no manager)", as the tabs show it.
    """
    shown = ctx.shown_managers(ctx.attributes["manager"])
    groups = ctx.attributes.groupby(shown.to_numpy(), sort=True)["client"]
    return {str(name): frozenset(ids) for name, ids in groups}


def _theirs(frame: pd.DataFrame, clients: frozenset[str], manager: str) -> pd.DataFrame:
    """The rows of ``frame`` that are the manager's: by client, else by manager, else all."""
    if "client" in frame.columns:
        return frame[frame["client"].isin(clients)].reset_index(drop=True)
    if "manager" in frame.columns:
        return frame[frame["manager"] == manager].reset_index(drop=True)
    return frame


def _frames(
    tab: ResultTab, clients: frozenset[str], manager: str, ctx: Context
) -> dict[str, pd.DataFrame]:
    frames = {k: _theirs(f, clients, manager) for k, f in tab.frames.items()}
    if tab.spec.key == "card":  # the card shown is the manager's largest client's
        table = frames["clients"]
        first = table["client"].iloc[0] if len(table) else ""
        frames |= card_of(table, first, ctx.month, ctx.lang)
    return frames


def for_manager(
    tabs: list[ResultTab], clients: frozenset[str], manager: str, ctx: Context
) -> list[ResultTab]:
    """``tabs`` as the manager's file holds them: their rows only, the Actions tab first.

    The Errors tab stays in the lead's book: it names rows of every manager.
    """
    said = ONLY_THEIRS.format(ctx.lang, manager=manager)
    theirs = [
        replace(tab, frames=_frames(tab, clients, manager, ctx), note=f"{tab.note} {said}".strip())
        for tab in tabs
        if tab.spec.key != "errors"
    ]
    return sorted(theirs, key=lambda tab: tab.spec.key != "actions")
