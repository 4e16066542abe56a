"""All inputs of a refresh, parsed and cross-checked: :func:`load_inputs` is the one entry point.

Input: the raw tables a gateway found, keyed by schema key (``"sales"``, ``"clients"``, ...).
Output: :class:`Inputs` (typed frames, every schema column present, missing optional sheets as
None) and the :class:`~clientbase_xl.inputs.problems.Problems` of every sheet at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs import schema as sc
from clientbase_xl.inputs.problems import Problem, Problems
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.validate import show_value, validate_table
from clientbase_xl.settings import Settings, settings_from_pairs

MISSING_SHEET = Text("Required sheet {sheet} is missing.", "Нет обязательного листа {sheet}.")
MISSING_SHEET_FIX = Text(
    "Add a sheet or Excel table named one of: {names}.",
    "Добавьте лист или умную таблицу с именем: {names}.",
)
NO_ROWS = Text("The sheet has no data rows.", "На листе нет строк с данными.")
NO_ROWS_FIX = Text(
    "Paste the sales lines under the header row.", "Вставьте строки продаж под строку заголовков."
)
DUPLICATE_KEY = Text(
    "{what} {value} is listed again (first in row {first}).",
    "{what} {value} указан повторно (впервые в строке {first}).",
)
DUPLICATE_KEY_FIX = Text("Keep one row per {what}.", "Оставьте одну строку на каждого.")
AS_OF_EARLY = Text(
    "The analysis date is before the first sale ({first}).",
    "Дата анализа раньше первой продажи ({first}).",
)
AS_OF_FIX = Text(
    "Set a later analysis date or clear it.", "Укажите более позднюю дату анализа или очистите её."
)


@dataclass(frozen=True)
class Inputs:
    """Parsed inputs. Frames have the schema's column keys plus ``_row``; absent sheets are None."""

    sales: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    clients: pd.DataFrame | None = None
    managers: pd.DataFrame | None = None
    activities: pd.DataFrame | None = None
    survey: pd.DataFrame | None = None
    wallet: pd.DataFrame | None = None
    criteria: pd.DataFrame | None = None
    payments: pd.DataFrame | None = None
    stock: pd.DataFrame | None = None
    history: pd.DataFrame | None = None
    rfm_segments: pd.DataFrame | None = None

    @property
    def as_of(self) -> pd.Timestamp:
        """The analysis date: the setting, else the last sales date."""
        if self.settings.as_of is not None:
            return pd.Timestamp(self.settings.as_of)
        return pd.Timestamp(self.sales["date"].max())


def _complete(frame: pd.DataFrame, sheet: sc.SheetSchema) -> pd.DataFrame:
    """Add every optional schema column the user left out, empty, so analytics need no checks."""
    empty: dict[sc.Kind, Any] = {
        "date": pd.NaT,
        "number": np.nan,
        "id": pd.NA,
        "text": pd.NA,
        "score": np.nan,
        "bool": pd.NA,
    }
    for col in sheet.columns:
        if col.key not in frame.columns:
            frame[col.key] = empty[col.kind]
    if "count" in frame.columns and sheet is sc.ACTIVITIES:
        frame["count"] = frame["count"].fillna(1.0)
    return frame


def _history(frame: pd.DataFrame) -> pd.DataFrame:
    """Snapshots keyed by calendar month; a blank cell is its ABC and XYZ letters."""
    frame["month"] = frame["month"].dt.to_period("M")
    frame["cell"] = frame["cell"].fillna(frame["abc"] + frame["xyz"])
    return frame


WALLET_LOW = Text(
    "The client's total purchases of {category} ({total:,.0f}) are below what we alone sold "
    "in the last {months} months ({ours:,.0f}).",
    "Общие закупки клиента по категории {category} ({total:,.0f}) меньше, чем продали только "
    "мы за {months} мес. ({ours:,.0f}).",
)
WALLET_LOW_FIX = Text(
    "Estimates without real numbers run about 30 % low: ask the client again (Survey questions) "
    "and correct the total.",
    "Оценки «на глаз» занижены примерно на 30 %: уточните у клиента (вопросы листа «Опрос») "
    "и исправьте сумму.",
)


def _wallet_too_low(
    sales: pd.DataFrame, wallet: pd.DataFrame, settings: Settings, sheet: str
) -> list[Problem]:
    """Warnings for wallet totals smaller than our own sales of the category in the window."""
    as_of = pd.Timestamp(settings.as_of) if settings.as_of else sales["date"].max()
    start = (as_of.to_period("M") - (settings.window_months - 1)).start_time
    lines = sales[(sales["date"] >= start) & (sales["date"] <= as_of)]
    ours = lines.groupby(["client", "category"], observed=True)["amount"].sum()
    known = wallet.assign(
        ours=[
            float(ours.get((c, k), 0.0))
            for c, k in zip(wallet["client"], wallet["category"], strict=True)
        ]
    )
    low = known[known["ours"] > known["total"]]
    where = wallet.attrs.get("where", {}).get("total", "total")
    return [
        Problem(
            sheet,
            int(row),
            where,
            show_value(total),
            WALLET_LOW,
            WALLET_LOW_FIX,
            {"category": category, "total": total, "ours": our, "months": settings.window_months},
            severity="warning",
        )
        for row, category, total, our in zip(
            low["_row"], low["category"], low["total"], low["ours"], strict=True
        )
    ]


def _duplicates(frame: pd.DataFrame, key: str, sheet: str, what: Text) -> list[Problem]:
    dup = frame[frame.duplicated(key, keep=False)]
    first_row = dup.groupby(key)["_row"].transform("min")
    where = frame.attrs.get("where", {}).get(key, key)
    return [
        Problem(
            sheet,
            int(row),
            where,
            str(value),
            DUPLICATE_KEY,
            DUPLICATE_KEY_FIX,
            {"what": what, "value": value, "first": int(first)},
        )
        for value, row, first in zip(dup[key], dup["_row"], first_row, strict=True)
        if row != first
    ]


def _settings(raw: RawTable | None) -> tuple[Settings, list[Problem]]:
    """Read name/value pairs: from the Setting and Value columns, else the first two columns."""
    if raw is None:
        return Settings(), []

    def find(key: str) -> int | None:
        accepted = {sc.header_key(a) for a in sc.SETTINGS.column(key).accepted_headers()}
        return next((i for i, h in enumerate(raw.header) if sc.header_key(h) in accepted), None)

    name_col, value_col = find("setting"), find("value")
    rows: list[tuple[int, Sequence[object]]] = [
        (raw.first_row + i, r) for i, r in enumerate(raw.rows)
    ]
    if name_col is None or value_col is None:
        name_col, value_col = 0, 1
        rows.insert(0, (raw.first_row - 1, raw.header))
    pairs = [(row, _cell(r, name_col), _cell(r, value_col)) for row, r in rows]
    return settings_from_pairs(pairs, raw.sheet)


def _cell(row: Sequence[object], index: int) -> object:
    return row[index] if index < len(row) else None


def requested_language(tables: Mapping[str, RawTable]) -> Lang:
    """The language the Settings sheet asks for, even when other inputs are unusable."""
    settings, _ = _settings(tables.get("settings"))
    return settings.language


def load_inputs(
    tables: Mapping[str, RawTable], as_of: dt.date | None = None
) -> tuple[Inputs | None, Problems]:
    """Parse and cross-check every input table; return the inputs (None if unusable) and problems.

    ``as_of``, when given (the CLI's ``--as-of``), overrides the Settings sheet.
    """
    problems = Problems()
    settings, setting_problems = _settings(tables.get("settings"))
    problems.extend(setting_problems)
    if as_of is not None:
        settings = dataclasses.replace(settings, as_of=as_of)
    frames: dict[str, pd.DataFrame] = {}
    for sheet in sc.SHEETS:
        if sheet is sc.SETTINGS:
            continue
        raw = tables.get(sheet.key)
        if raw is None:
            if sheet.required:
                problems.add(
                    Problem(
                        sheet.label.en,
                        None,
                        None,
                        "",
                        MISSING_SHEET,
                        MISSING_SHEET_FIX,
                        {
                            "sheet": f"{sheet.label.en} / {sheet.label.ru}",
                            "names": ", ".join(dict.fromkeys(sheet.names())),
                        },
                    )
                )
            continue
        frame, found = validate_table(raw, sheet)
        problems.extend(found)
        if "_row" in frame.columns:  # absent when a required column is missing
            frames[sheet.key] = _complete(frame, sheet)

    if "history" in frames:
        frames["history"] = _history(frames["history"])
    sales = frames.get("sales")
    if sales is not None and sales.empty and "sales" in tables:
        problems.add(Problem(tables["sales"].sheet, None, None, "", NO_ROWS, NO_ROWS_FIX))
    for key, column, what in (
        ("clients", "client", Text("Client", "Клиент")),
        ("managers", "manager", Text("Manager", "Менеджер")),
    ):
        if key in frames:
            problems.extend(_duplicates(frames[key], column, tables[key].sheet, what))
    if sales is not None and not sales.empty and "wallet" in frames:
        problems.extend(_wallet_too_low(sales, frames["wallet"], settings, tables["wallet"].sheet))
    if sales is not None and not sales.empty and settings.as_of is not None:
        first = sales["date"].min()
        if pd.Timestamp(settings.as_of) < first:
            problems.add(
                Problem(
                    tables.get("settings", tables["sales"]).sheet,
                    None,
                    "as_of",
                    show_value(settings.as_of),
                    AS_OF_EARLY,
                    AS_OF_FIX,
                    {"first": first.strftime("%Y-%m-%d")},
                )
            )
    if sales is None or sales.empty or problems.has_errors:
        return None, problems
    return Inputs(
        sales=sales, settings=settings, **{k: v for k, v in frames.items() if k != "sales"}
    ), problems
