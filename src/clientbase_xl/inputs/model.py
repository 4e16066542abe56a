"""All inputs of a refresh, parsed and cross-checked: :func:`load_inputs` is the one entry point.

Input: the raw tables a gateway found, keyed by schema key (``"sales"``, ``"clients"``, ...).
Output: :class:`Inputs` (typed frames, every schema column present, missing optional sheets as
None) and the :class:`~clientbase_xl.inputs.problems.Problems` of every sheet at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from clientbase_xl.analytics.orders import in_window
from clientbase_xl.analytics.priority import value_key
from clientbase_xl.analytics.wallet import estimates_at, sales_a_year
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs import schema as sc
from clientbase_xl.inputs.examples import drop_examples
from clientbase_xl.inputs.plausibility import check_plans, check_sales, check_targets
from clientbase_xl.inputs.problems import Problem, Problems, Severity, row_list
from clientbase_xl.inputs.raw import RawTable, cell_at, column_letter
from clientbase_xl.inputs.settings import Settings, settings_from_pairs
from clientbase_xl.inputs.validate import show_value, validate_table
from clientbase_xl.inputs.values import parse_number

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
    measures: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    plans: pd.DataFrame | None = None
    measure_plan: pd.DataFrame | None = None
    payments: pd.DataFrame | None = None
    stock: pd.DataFrame | None = None
    history: pd.DataFrame | None = None
    history_wallet: pd.DataFrame | None = None
    rfm_segments: pd.DataFrame | None = None

    @cached_property
    def as_of(self) -> pd.Timestamp:
        """The analysis date: the setting, else the last sales date.

        Kept once found: the tabs ask for it dozens of times, each a pass over every line.
        """
        return analysis_date(self.settings, self.sales)


def analysis_date(settings: Settings, sales: pd.DataFrame) -> pd.Timestamp:
    """The analysis date: the setting, else the last date in ``sales``."""
    if settings.as_of is not None:
        return pd.Timestamp(settings.as_of)
    return pd.Timestamp(sales["date"].max())


def _complete(frame: pd.DataFrame, sheet: sc.SheetSchema) -> pd.DataFrame:
    """Add every optional schema column the user left out, empty, so analytics need no checks."""
    # A column left out is what a column of blanks parses to: text blanks are NaN in the
    # Arrow-backed str dtype, not a million pd.NA objects every filter of the lines copies.
    empty: dict[sc.Kind, tuple[Any, Any]] = {
        "date": (pd.NaT, "datetime64[ns]"),
        "number": (np.nan, float),
        "id": (np.nan, "str"),
        "text": (np.nan, "str"),
        "score": (np.nan, float),
        "bool": (pd.NA, "boolean"),
    }
    for col in sheet.columns:
        if col.key not in frame.columns:
            value, dtype = empty[col.kind]
            frame[col.key] = pd.Series(value, index=frame.index, dtype=dtype)
    if "count" in frame.columns and sheet is sc.ACTIVITIES:
        frame["count"] = frame["count"].fillna(1.0)
    return frame


def _history(frame: pd.DataFrame) -> pd.DataFrame:
    """Snapshots keyed by calendar month; a blank cell is its ABC and XYZ letters."""
    frame["month"] = frame["month"].dt.to_period("M")
    frame["cell"] = frame["cell"].fillna(frame["abc"] + frame["xyz"])
    return frame


FUTURE_HISTORY = Text(
    "History holds month {month}, after the analysis date {as_of}: a month is closed only once "
    "it is over.",
    "В «Истории» есть месяц {month}, позже даты анализа {as_of}: месяц закрывают, когда он прошёл.",
)
FUTURE_HISTORY_FIX = Text(
    "Delete that month's rows from History, or set the analysis date after it.",
    "Удалите строки этого месяца из «Истории» или задайте дату анализа позже.",
)


def _future_history(
    history: pd.DataFrame, sales: pd.DataFrame, settings: Settings, sheet: str
) -> list[Problem]:
    """Snapshots of months after the analysis date: an error each (first row of the month)."""
    as_of = analysis_date(settings, sales)
    later = history[history["month"] > as_of.to_period("M")]
    firsts = later.drop_duplicates("month")
    return [
        Problem(
            sheet,
            int(row),
            "month",
            str(month),
            FUTURE_HISTORY,
            FUTURE_HISTORY_FIX,
            {"month": str(month), "as_of": as_of.strftime("%Y-%m-%d")},
        )
        for row, month in zip(firsts["_row"], firsts["month"], strict=True)
    ]


WALLET_LOW = Text(
    "The client's total purchases of {category} ({total:,.0f} a year) are below what we alone "
    "sell a year at the pace of the last {months} months ({ours:,.0f}).",
    "Общие закупки клиента по категории {category} ({total:,.0f} в год) меньше, чем продаём "
    "только мы в год в темпе последних {months} мес. ({ours:,.0f}).",
)
WALLET_LOW_FIX = Text(
    "Estimates without real numbers run about 30 % low: ask the client again (Survey questions) "
    "and correct the total.",
    "Оценки «на глаз» занижены примерно на 30 %: уточните у клиента (вопросы листа «Опрос») "
    "и исправьте сумму.",
)
#: At least this many answers, none above 5, are taken for a 1-5 scale (a rating, a CSAT).
FIVE_POINT_ANSWERS = 20
FIVE_POINT = Text(
    "All {n} scores are 5 or less: a 1-5 rating? NPS asks for 0-10 («How likely are you to "
    "recommend us, 0 to 10?»); on it, every one of these answers is a detractor.",
    "Все {n} оценок не больше 5: шкала 1-5? NPS — это оценка 0-10 («Насколько вероятно, что "
    "вы порекомендуете нас, от 0 до 10?»); по ней каждый такой ответ — критик.",
)
FIVE_POINT_FIX = Text(
    "Put the answers to the 0-10 question here; a 1-5 rating is no NPS. If these are 0-10 "
    "answers, nothing to do.",
    "Внесите сюда ответы на вопрос 0-10; оценка 1-5 — не NPS. Если это ответы 0-10, ничего "
    "делать не нужно.",
)


def _five_point(survey: pd.DataFrame, sheet: str) -> list[Problem]:
    """A warning when many Survey scores and none above 5: a 1-5 scale taken for NPS's 0-10."""
    scores = survey["score"].dropna()
    if len(scores) < FIVE_POINT_ANSWERS or scores.max() > 5:
        return []
    return [
        Problem(
            sheet,
            None,
            survey.attrs.get("where", {}).get("score", "score"),
            "",
            FIVE_POINT,
            FIVE_POINT_FIX,
            {"n": len(scores)},
            severity="warning",
        )
    ]


#: How a return document is named where it starts: 1C's «Возврат товаров от клиента ...»,
#: «Сторно ...», an invoicing system's "Return", "Credit note", "Credit memo", "Refund".
RETURN_WORDS = ("возврат", "сторно", "return", "refund", "credit note", "credit memo")
#: Those words as they are typed (lower case, capitalised, title case, upper case), alone or
#: with more after a space: «Возвратная тара» and "Returnable pack" are sales.
_RETURN_NAMES = tuple(
    dict.fromkeys(
        f(w) for w in RETURN_WORDS for f in (str.lower, str.capitalize, str.title, str.upper)
    )
)
_RETURN_STARTS = tuple(f"{name} " for name in _RETURN_NAMES)
POSITIVE_RETURNS = Text(
    "{n} line(s) of return documents have a positive amount (rows {rows}): taken as returns, "
    "with a minus.",
    "Строк возвратов с положительной суммой: {n} (строки {rows}) — учтены как возвраты, с минусом.",
)
POSITIVE_RETURNS_FIX = Text(
    "Nothing to do; type returns with a minus to silence this note. If these are sales, "
    "rename their documents.",
    "Ничего делать не нужно; чтобы это сообщение исчезло, вводите возвраты с минусом. Если это "
    "продажи, переименуйте их документы.",
)


def _positive_returns(sales: pd.DataFrame, sheet: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Lines of a return document typed with a plus, made returns: minus amount, cost, quantity.

    A document journal of 1C lists «Возврат товаров от клиента» with a positive sum beside
    «Реализация товаров и услуг»: summed as they stand, every return would be a sale. A return
    is known by its Document type, else by its Order text (:data:`RETURN_WORDS`). Output:
    ``sales`` (the same frame when no such line) and one warning naming the rows.
    """
    masks = {
        column: _return_texts(sales[column])
        for column in ("document_type", "order")
        if column in sales and sales[column].notna().any()
    }
    named = np.zeros(len(sales), dtype=bool)
    for mask in masks.values():
        named |= mask
    flipped = named & (sales["amount"] > 0).to_numpy()
    if not flipped.any():
        return sales, []
    out = sales.copy()
    for column in ("amount", "cost", "quantity"):
        if column in out:
            values = out[column]
            out[column] = values.where(~(flipped & (values > 0).to_numpy()), -values)
    rows = out.loc[flipped, "_row"]
    at = rows.index[int(np.argmin(rows.to_numpy()))]
    said = next(c for c, mask in masks.items() if mask[sales.index.get_loc(at)])
    return out, [
        Problem(
            sheet,
            int(out.loc[at, "_row"]),
            sales.attrs.get("where", {}).get(said, said),
            show_value(sales.loc[at, said]),
            POSITIVE_RETURNS,
            POSITIVE_RETURNS_FIX,
            {"n": int(flipped.sum()), "rows": row_list(rows)},
            severity="warning",
        )
    ]


def _return_texts(texts: pd.Series) -> np.ndarray:
    """Which of ``texts`` (trimmed, as ids are) name a return document.

    Prefixes, not a regular expression: 7 ms a million texts, where pandas' ``str.contains``
    took 250 ms.
    """
    starts = texts.str.startswith(_RETURN_STARTS).fillna(False).to_numpy(dtype=bool)
    return starts | texts.isin(_RETURN_NAMES).to_numpy(dtype=bool)


WALLET_LATER = Text(
    "The estimate is dated after the analysis date {as_of}: it is not used until then.",
    "Оценка датирована позже даты анализа {as_of}: до этой даты она не используется.",
)
WALLET_LATER_FIX = Text(
    "Correct the date if it is a typing slip.", "Исправьте дату, если это опечатка."
)


WALLET_NEAR = Text(
    "No sales line has category {value}, but {near} is sold: its wallet is counted apart, as "
    "potential no one has sold yet.",
    "Ни в одной строке продаж нет категории {value}, но есть {near}: её закупки считаются "
    "отдельно, как потенциал, который ещё никто не продавал.",
)
WALLET_NEAR_FIX = Text(
    "A typing slip: write it as the Sales sheet does ({near}). A category of its own: nothing "
    "to do.",
    "Опечатка: напишите как на листе «Продажи» ({near}). Отдельная категория: ничего делать "
    "не нужно.",
)
#: How alike two category names must be (difflib's ratio, folded as :func:`_folded` folds
#: ids) for the one no line sells to be taken for a slip of the other: Fastener / Fasteners,
#: Пиломатериал / Пиломатериалы; Paint / Plumbing are not.
NEAR_CUTOFF = 0.85


def _near_sold(wallet: pd.DataFrame, sold: pd.Series, sheet: str) -> list[Problem]:
    """A warning for each Wallet category no line sells that looks like one that is sold.

    A typing slip would put its wallet beside the right category's, not in it; the warning is
    at the first row of each such spelling. A category no line sells and like none that is
    stays silent: potential of its own.
    """
    names = [str(c) for c in sold.dropna().unique()]
    named = wallet[wallet["category"].notna() & ~wallet["category"].isin(set(names))]
    firsts = named.drop_duplicates("category")
    column = wallet.attrs.get("where", {}).get("category", "category")
    out = []
    for row, category in zip(firsts["_row"], firsts["category"], strict=True):
        if near := _nearest(str(category), names):
            out.append(
                Problem(
                    sheet,
                    int(row),
                    column,
                    show_value(category),
                    WALLET_NEAR,
                    WALLET_NEAR_FIX,
                    {"value": show_value(category), "near": near},
                    severity="warning",
                )
            )
    return out


def _nearest(name: str, names: Sequence[str]) -> str | None:
    """The one of ``names`` that ``name`` looks like a slip of (see :data:`NEAR_CUTOFF`)."""
    folded = {_folded(n): n for n in names}
    near = difflib.get_close_matches(_folded(name), list(folded), n=1, cutoff=NEAR_CUTOFF)
    return folded[near[0]] if near else None


LATER = Text(
    "{n} {what} dated after the analysis date {as_of} (rows {rows}): not used until then.",
    "{what} с датой позже даты анализа {as_of}: {n} (строки {rows}) — до неё не учитываются.",
)
LATER_FIX = Text(
    "Correct the dates if they are typing slips; else nothing to do.",
    "Исправьте даты, если это опечатки; иначе ничего делать не нужно.",
)
#: Dated inputs whose rows after the analysis date no method reads: the date column and
#: what a row is.
LATER_ROWS = {
    "survey": ("date", Text("answer(s)", "Ответов")),
    "activities": ("date", Text("activity row(s)", "Строк активностей")),
    "payments": ("invoice_date", Text("invoice(s)", "Счетов")),
    "stock": ("date", Text("stock count(s)", "Остатков")),
}


def _later(
    frame: pd.DataFrame, column: str, as_of: pd.Timestamp, sheet: str, what: Text
) -> list[Problem]:
    """One warning for the rows of ``frame`` dated after ``as_of``, at the first of them."""
    later = frame[frame[column] > as_of]
    if later.empty:
        return []
    where = frame.attrs.get("where", {}).get(column, column)
    return [
        Problem(
            sheet,
            int(later["_row"].iloc[0]),
            where,
            show_value(later[column].iloc[0]),
            LATER,
            LATER_FIX,
            {
                "n": len(later),
                "what": what,
                "as_of": as_of.strftime("%Y-%m-%d"),
                "rows": row_list(later["_row"]),
            },
            severity="warning",
        )
    ]


def _wallet_checks(
    sales: pd.DataFrame, wallet: pd.DataFrame, settings: Settings, sheet: str
) -> list[Problem]:
    """Warnings on the Wallet sheet: implausible estimates, each with its row.

    An estimate dated after the analysis date; one standing at it that is smaller than a year
    of our own sales of the category at the window's pace.
    """
    as_of = analysis_date(settings, sales)
    lines = in_window(sales, as_of.to_period("M"), settings.window_months, as_of)
    ours = sales_a_year(lines, settings.window_months).set_index(["client", "category"])["ours"]
    standing = estimates_at(wallet, as_of)
    keys = pd.MultiIndex.from_arrays([standing["client"], standing["category"]])
    known = standing.assign(ours=ours.reindex(keys).fillna(0.0).to_numpy())
    low = known[known["ours"] > known["total"]]
    where = wallet.attrs.get("where", {})
    later = wallet[wallet["date"] > as_of]
    return [
        *(
            Problem(
                sheet,
                int(row),
                where.get("date", "date"),
                show_value(day),
                WALLET_LATER,
                WALLET_LATER_FIX,
                {"as_of": as_of.strftime("%Y-%m-%d")},
                severity="warning",
            )
            for row, day in zip(later["_row"], later["date"], strict=True)
        ),
        *(
            Problem(
                sheet,
                int(row),
                where.get("total", "total"),
                show_value(total),
                WALLET_LOW,
                WALLET_LOW_FIX,
                {
                    "category": category,
                    "total": total,
                    "ours": our,
                    "months": settings.window_months,
                },
                severity="warning",
            )
            for row, category, total, our in zip(
                low["_row"], low["category"], low["total"], low["ours"], strict=True
            )
        ),
    ]


UNKNOWN_SOURCE = Text(
    "{value} is neither a metric nor a column of the Clients sheet.",
    "{value} — не показатель и не столбец листа «Клиенты».",
)
UNKNOWN_SOURCE_FIX = Text(
    "Use a metric ({metrics}) or a column of the Clients sheet ({columns}).",
    "Укажите показатель ({metrics}) или столбец листа «Клиенты» ({columns}).",
)
SAME_SOURCE = Text(
    "Criterion {name} measures the same as row {first}.",
    "Критерий {name} измеряет то же, что строка {first}.",
)
SAME_SOURCE_FIX = Text(
    "Keep one criterion per source and add their weights up.",
    "Оставьте один критерий на источник и сложите их веса.",
)
NEGATIVE_WEIGHT = Text("A weight below 0.", "Вес меньше 0.")
NEGATIVE_WEIGHT_FIX = Text(
    "Use 0 to leave the criterion out, or a positive weight.",
    "Поставьте 0, чтобы не учитывать критерий, или положительный вес.",
)
ZERO_WEIGHTS = Text("Every weight is 0.", "Все веса равны 0.")
ZERO_WEIGHTS_IN = Text(
    "Every weight of category {category} is 0.", "Все веса категории {category} равны 0."
)
ALSO_FOUND = Text(
    "{others} could be the {sheet} input too, by name: only {used} is read.",
    "{others} по названию тоже может быть входом «{sheet}»: читается только {used}.",
)
ALSO_FOUND_FIX = Text(
    "Rename the other if it is not {sheet}; to analyse both, put their rows in one table.",
    "Переименуйте другой, если это не «{sheet}»; чтобы учесть оба, сведите их строки в одну "
    "таблицу.",
)
BELOW_TABLE = Text(
    "{n} row(s) below the table, in its columns (rows {rows}), are not in the table: they are "
    "not read.",
    "Строк под таблицей, в её столбцах: {n} (строки {rows}) — они не входят в таблицу и не "
    "читаются.",
)
BELOW_TABLE_FIX = Text(
    "If they are yours, take them into the table: Excel, Table Design > Resize Table; "
    "LibreOffice, Data > Define Range. A note or a total of your own: nothing to do.",
    "Если это ваши строки, включите их в таблицу: Excel — Конструктор таблиц > Размер таблицы; "
    "LibreOffice — Данные > Определить диапазон. Ваша заметка или итог: ничего делать не нужно.",
)
UNKNOWN_CATEGORY = Text(
    "No sales line has category {value}: every client scores the same on its criteria.",
    "Ни в одной строке продаж нет категории {value}: по её критериям все клиенты равны.",
)
UNKNOWN_CATEGORY_FIX = Text(
    "{near}Write the category as the Sales sheet does ({categories}), or clear the cell.",
    "{near}Напишите категорию как на листе «Продажи» ({categories}) или очистите ячейку.",
)
ZERO_WEIGHTS_FIX = Text(
    "Give at least one criterion a weight above 0.",
    "Дайте хотя бы одному критерию вес больше 0.",
)
NOT_A_NUMBER = Text(
    "Criterion {name} reads this column, and the value is not a number.",
    "Критерий {name} использует этот столбец, а значение — не число.",
)
NOT_A_NUMBER_FIX = Text(
    "Enter a number, leave it blank (unknown), or choose another source.",
    "Введите число, оставьте пустым (неизвестно) или выберите другой источник.",
)

BAD_POINTS = Text(
    "{value} is not a value with its points.",
    "{value} — не значение с баллами.",
)
BAD_POINTS_FIX = Text(
    "Write each value with its points, separated by semicolons: Retail = 10; Wholesale = 5.",
    "Запишите каждое значение с баллами через точку с запятой: Розница = 10; Опт = 5.",
)
POINTS_TWICE = Text("{value} has points twice.", "У значения {value} баллы указаны дважды.")
POINTS_TWICE_FIX = Text("Keep one entry per value.", "Оставьте одну запись на значение.")
POINTS_UNUSED = Text(
    "Points given to {source}, a metric: points apply to text columns of Clients only.",
    "Баллы заданы для показателя {source}: баллы применяются только к текстовым столбцам "
    "«Клиентов».",
)
POINTS_UNUSED_FIX = Text(
    "Clear Points, or choose a text column of the Clients sheet as the source.",
    "Очистите «Баллы» или выберите источником текстовый столбец листа «Клиенты».",
)
UNLISTED_VALUE = Text(
    "{value} has no points in criterion {name} ({count} clients): it counts as unknown.",
    "У значения {value} нет баллов в критерии {name} (клиентов: {count}): оно считается "
    "неизвестным.",
)
UNLISTED_VALUE_FIX = Text(
    "Add {value} = … to the Points of {name} on the Criteria sheet, or leave it unknown.",
    "Добавьте {value} = … в «Баллы» критерия {name} на листе «Критерии» или оставьте так.",
)


def points_of(text: str) -> tuple[dict[str, float], list[tuple[Text, Text, str]]]:
    """Parse a Points cell (``Retail = 10; Wholesale = 5``) into points per value.

    Returns the points keyed by :func:`~clientbase_xl.analytics.priority.value_key`, and one
    (problem, fix, entry) per entry that is not ``value = number`` or names a value again.
    """
    points: dict[str, float] = {}
    bad: list[tuple[Text, Text, str]] = []
    # Semicolons only: a comma is the decimal separator, and text cells are read with line
    # breaks folded to spaces, so entries on lines of their own fail as one entry, reported.
    for entry in (e.strip() for e in text.split(";")):
        if not entry:
            continue
        value, sign, number = entry.partition("=")
        key = value_key(value)
        parsed = parse_number([number.strip()])
        if not sign or key is None or parsed.bad.any() or parsed.blank.any():
            bad.append((BAD_POINTS, BAD_POINTS_FIX, entry))
        elif key in points:
            bad.append((POINTS_TWICE, POINTS_TWICE_FIX, value.strip()))
        else:
            points[key] = float(parsed.values.iloc[0])
    if not points and not bad:  # separators only
        bad.append((BAD_POINTS, BAD_POINTS_FIX, text.strip()))
    return points, bad


def _criteria(
    criteria: pd.DataFrame,
    clients: pd.DataFrame | None,
    sold: pd.Series | None,
    sheet: str,
    clients_sheet: str,
) -> tuple[pd.DataFrame, pd.DataFrame | None, list[Problem]]:
    """Resolve each criterion's Source to a metric key or a Clients column, and check weights.

    Each category (blank: the overall score) is a list of its own: names, sources and weights
    are checked within it. ``sold`` is the Sales sheet's category column (None: no sales line read).

    Returns the criteria with ``metric`` (a :data:`~clientbase_xl.inputs.schema.CRITERION_METRICS`
    key, or ``clients:<header>``) and ``higher``; the Clients frame with every column a
    criterion reads parsed as numbers; and the problems.
    """
    problems = _duplicates(
        criteria, ["category", "criterion"], sheet, Text("Criterion", "Критерий")
    )
    where = criteria.attrs.get("where", {})
    extras: dict[str, str] = {}
    listed: list[str] = []
    if clients is not None:
        known = {c.key for c in sc.CLIENTS.columns} | {"_row"}
        extras = {sc.header_key(c): str(c) for c in clients.columns if c not in known}
        listed = list(extras.values())
        # The Clients sheet's own text columns can be criteria too, by any of their headers.
        on_sheet = clients.attrs.get("where", {})
        for own in sc.CLIENTS.columns:
            if own.key in TEXT_CRITERIA and own.key in on_sheet:
                extras.update({sc.header_key(h): own.key for h in own.accepted_headers()})
                # Offered under the header the sheet has ("Region (B)" names column B).
                listed.append(on_sheet[own.key].rsplit(" (", 1)[0])
    metrics: list[str | None] = []
    for row, source in zip(criteria["_row"], criteria["source"], strict=True):
        key = sc.criterion_metric(source)
        if key is None and sc.header_key(source) in extras:
            key = f"clients:{extras[sc.header_key(source)]}"
        if key is None:
            problems.append(
                Problem(
                    sheet,
                    int(row),
                    where.get("source", "source"),
                    str(source),
                    UNKNOWN_SOURCE,
                    UNKNOWN_SOURCE_FIX,
                    {
                        "value": source,
                        "metrics": ", ".join(sc.CRITERION_METRICS),
                        "columns": ", ".join(listed) or "—",
                    },
                )
            )
        metrics.append(key)
    resolved = criteria.assign(metric=pd.Series(metrics, index=criteria.index, dtype=object))
    points, found = _points(resolved, sheet)
    problems.extend(found)
    resolved["value_points"] = pd.Series(points, index=criteria.index, dtype=object)
    first: dict[tuple[object, str], int] = {}
    lists = resolved["category"].astype(object).where(resolved["category"].notna(), None)
    for row, name, key, group in zip(
        resolved["_row"], resolved["criterion"], metrics, lists, strict=True
    ):
        if key is None:
            continue
        if (group, key) in first:
            problems.append(
                Problem(
                    sheet,
                    int(row),
                    where.get("source", "source"),
                    str(name),
                    SAME_SOURCE,
                    SAME_SOURCE_FIX,
                    {"name": name, "first": first[group, key]},
                )
            )
        first.setdefault((group, key), int(row))
    problems.extend(
        _each_row(
            criteria[criteria["weight"] < 0], "weight", sheet, NEGATIVE_WEIGHT, NEGATIVE_WEIGHT_FIX
        )
    )
    problems.extend(_zero_weights(resolved.assign(list=lists), sheet))
    problems.extend(_unsold(resolved, sold, sheet))
    if clients is not None:
        clients = clients.copy()
        for name, key, given in zip(resolved["criterion"], metrics, points, strict=True):
            if key is None or not key.startswith("clients:"):
                continue
            column = key.removeprefix("clients:")
            if given is not None:
                if given:
                    problems.extend(_unlisted(clients, column, given, str(name), clients_sheet))
                continue
            cells = clients[column].tolist()
            parsed = parse_number(cells)
            problems.extend(
                Problem(
                    clients_sheet,
                    int(clients["_row"].iloc[i]),
                    column,
                    show_value(cells[i]),
                    NOT_A_NUMBER,
                    NOT_A_NUMBER_FIX,
                    {"name": name},
                )
                for i in np.flatnonzero(parsed.bad)
            )
            clients[column] = parsed.values.to_numpy()
    higher = ~resolved["direction"].isin(sc.LOWER_IS_BETTER)
    return resolved.assign(higher=higher.to_numpy()), clients, problems


def _zero_weights(criteria: pd.DataFrame, sheet: str) -> list[Problem]:
    """An error per list (``list``: the category, None for the overall one) weighing nothing.

    A list with a negative weight is already reported for that.
    """
    column = criteria.attrs.get("where", {}).get("weight", "weight")
    problems = []
    for group, part in criteria.groupby("list", dropna=False, sort=False):
        weights = part["weight"]
        if (weights < 0).any() or (weights > 0).any():
            continue
        if pd.isna(group):
            problems.append(Problem(sheet, None, column, "0", ZERO_WEIGHTS, ZERO_WEIGHTS_FIX))
        else:
            problems.append(
                Problem(
                    sheet,
                    int(part["_row"].min()),
                    column,
                    "0",
                    ZERO_WEIGHTS_IN,
                    ZERO_WEIGHTS_FIX,
                    {"category": group},
                )
            )
    return problems


def _unsold(
    frame: pd.DataFrame, sold: pd.Series | None, sheet: str, what: Text = UNKNOWN_CATEGORY
) -> list[Problem]:
    """A warning (``what``) at the first row of each category of ``frame`` no sales line has.

    None when no sales line was read (the Sales sheet is missing or wrong): nothing to say.
    """
    if sold is None:
        return []
    named = frame[frame["category"].notna()]
    known = sorted(str(c) for c in sold.dropna().unique())
    unknown = named[~named["category"].isin(set(known))].drop_duplicates("category")
    column = frame.attrs.get("where", {}).get("category", "category")
    shown = ", ".join(known[:10]) or "—"

    def near(category: str) -> Text | str:
        if (like := _nearest(category, known)) is None:
            return ""
        return Text(f"Meant {like}? ", f"Имелась в виду {like}? ")

    return [
        Problem(
            sheet,
            int(row),
            column,
            show_value(category),
            what,
            UNKNOWN_CATEGORY_FIX,
            {"value": show_value(category), "categories": shown, "near": near(str(category))},
            severity="warning",
        )
        for row, category in zip(unknown["_row"], unknown["category"], strict=True)
    ]


#: Columns of the Clients schema a criterion may read through Points.
TEXT_CRITERIA = ("group", "region")


def _points(
    criteria: pd.DataFrame, sheet: str
) -> tuple[list[dict[str, float] | None], list[Problem]]:
    """Each criterion's points per value (None without a Points cell), and their problems.

    Input: the Criteria rows with ``metric`` resolved. Points given to a metric are ignored
    with a warning; an entry that does not read ``value = number`` is an error.
    """
    where = criteria.attrs.get("where", {}).get("points", "points")
    cells = criteria["points"] if "points" in criteria else pd.Series(None, index=criteria.index)
    out: list[dict[str, float] | None] = []
    problems: list[Problem] = []
    for row, metric, cell in zip(criteria["_row"], criteria["metric"], cells, strict=True):
        text = "" if cell is None or pd.isna(cell) else str(cell).strip()
        if not text or metric is None:
            out.append(None)
            continue
        if not metric.startswith("clients:"):
            problems.append(
                Problem(
                    sheet,
                    int(row),
                    where,
                    text,
                    POINTS_UNUSED,
                    POINTS_UNUSED_FIX,
                    {"source": metric},
                    severity="warning",
                )
            )
            out.append(None)
            continue
        listed, bad = points_of(text)
        problems.extend(
            Problem(sheet, int(row), where, entry, problem, fix, {"value": entry})
            for problem, fix, entry in bad
        )
        # Values are not checked against points that are wrong themselves.
        out.append({} if bad else listed)
    return out, problems


def _unlisted(
    clients: pd.DataFrame, column: str, points: dict[str, float], name: str, sheet: str
) -> list[Problem]:
    """A warning per value of ``column`` that has no points: at its first row, with a count."""
    values = clients[column]
    keys = values.map(value_key)
    missing = keys.notna() & ~keys.isin(list(points))
    if not missing.any():
        return []
    rows = clients.loc[missing, ["_row"]].assign(key=keys[missing], shown=values[missing])
    first = rows.groupby("key", sort=False).agg(
        row=("_row", "min"), count=("_row", "size"), shown=("shown", "first")
    )
    header = clients.attrs.get("where", {}).get(column, column)
    return [
        Problem(
            sheet,
            int(row),
            header,
            show_value(shown),
            UNLISTED_VALUE,
            UNLISTED_VALUE_FIX,
            {"value": show_value(shown), "name": name, "count": int(count)},
            severity="warning",
        )
        for row, count, shown in zip(first["row"], first["count"], first["shown"], strict=True)
    ]


def _duplicates(
    frame: pd.DataFrame,
    key: str | list[str],
    sheet: str,
    what: Text,
    fix: Text = DUPLICATE_KEY_FIX,
) -> list[Problem]:
    """An error for every row whose ``key`` (one column or several) an earlier row has.

    The problem points at the last key column, the one to change or the row to delete.
    """
    keys = [key] if isinstance(key, str) else key
    dup = frame[frame.duplicated(keys, keep=False)]
    first_row = dup.groupby(keys, dropna=False)["_row"].transform("min")
    where = frame.attrs.get("where", {}).get(keys[-1], keys[-1])
    shown = dup[keys].apply(
        lambda r: " / ".join(_key_shown(k, v) for k, v in r.items() if not pd.isna(v)), axis=1
    )
    return [
        Problem(
            sheet,
            int(row),
            where,
            value,
            DUPLICATE_KEY,
            fix,
            {"what": what, "value": value, "first": int(first)},
        )
        for value, row, first in zip(shown, dup["_row"], first_row, strict=True)
        if row != first
    ]


def _below_table(raw: RawTable) -> Problem:
    """The warning for cells typed below the table that holds ``raw`` (its first one named)."""
    rows = sorted({row for row, _ in raw.below})
    row, col = raw.below[0]
    index = col - raw.first_col
    header = raw.header[index] if 0 <= index < len(raw.header) else ""
    return Problem(
        raw.sheet,
        row,
        f"{header} ({column_letter(col)})" if header else column_letter(col),
        f"{column_letter(col)}{row}",
        BELOW_TABLE,
        BELOW_TABLE_FIX,
        {"n": len(rows), "rows": row_list(rows)},
        severity="warning",
    )


def _key_shown(column: object, value: object) -> str:
    """A key's value as a problem shows it: a month of plans or targets as 2026-11."""
    if column == "month" and isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m")
    return show_value(value)


WALLET_TWICE_FIX = Text(
    "Keep one estimate per client, category and date: delete the row or correct its date.",
    "Оставьте одну оценку на клиента, категорию и дату: удалите строку или исправьте дату.",
)


UNNAMED_PLAN = Text(
    "A plan for no one: the row names neither a client nor a manager.",
    "План ни для кого: в строке не указан ни клиент, ни менеджер.",
)
UNNAMED_PLAN_FIX = Text(
    "Fill in Client (a client's plan) or Manager (a manager's total), or delete the row.",
    "Заполните «Клиент» (план клиента) или «Менеджер» (итог менеджера) либо удалите строку.",
)


PLAN_TWICE_FIX = Text(
    "Keep one plan per month and client (or per month and manager for a manager's total): "
    "delete the row or correct its month.",
    "Оставьте один план на месяц и клиента (или на месяц и менеджера для итога менеджера): "
    "удалите строку или исправьте месяц.",
)
TARGET_TWICE_FIX = Text(
    "Keep one target per month and manager, or month and category: delete the row.",
    "Оставьте одну цель на месяц и менеджера или месяц и категорию: удалите строку.",
)
TARGET_BOTH = Text(
    "A target for a manager and a category at once.",
    "Цель сразу для менеджера и для категории.",
)
TARGET_BOTH_FIX = Text(
    "Clear Manager (the category's target) or Category (the manager's).",
    "Очистите «Менеджер» (цель категории) или «Категория» (цель менеджера).",
)
TARGET_MIXED = Text(
    "{month} has targets per category (row {first}): a target for {who} cannot be split with them.",
    "На {month} заданы цели по категориям (строка {first}): цель для {who} нельзя делить "
    "вместе с ними.",
)
TARGET_MIXED_FIX = Text(
    "Set the month's targets per category only, or per manager and company only.",
    "Задайте цели месяца только по категориям или только по менеджерам и компании.",
)
MANAGER_TOTAL_MIXED = Text(
    "A total for manager {manager} in {month}, which has targets per category (Targets row "
    "{first}).",
    "Итог менеджера {manager} на {month}, где цели заданы по категориям (строка {first} "
    "листа «Цели»).",
)
MANAGER_TOTAL_MIXED_FIX = Text(
    "Type plans per client for that month, or set its targets per manager.",
    "Задайте на этот месяц планы клиентов или цели по менеджерам.",
)
TARGET_UNSOLD = Text(
    "No sales line has category {value}: its target goes only to clients with a wallet in it.",
    "Ни в одной строке продаж нет категории {value}: её цель достанется только клиентам с "
    "закупками по ней.",
)
COMPANY = Text("the company", "компании")
NEGATIVE_AMOUNT = Text(
    "Below 0: a plan or a target is an amount to sell.",
    "Меньше 0: план и цель — это сумма продаж.",
)
NEGATIVE_AMOUNT_FIX = Text(
    "Type the amount without a minus, or delete the row.",
    "Укажите сумму без минуса или удалите строку.",
)
UNKNOWN_CLIENTS = Text(
    "{n} client(s) of this sheet are on neither Sales nor Clients: {ids}.",
    "Клиентов этого листа нет ни в «Продажах», ни в «Клиентах»: {n} ({ids}).",
)
UNKNOWN_CLIENTS_FIX = Text(
    "A typing slip: write the client as the Sales sheet does{hint}. A new client: add it to "
    "the Clients sheet.",
    "Если это опечатка, запишите клиента так же, как в «Продажах»{hint}. Если это новый "
    "клиент, добавьте его на лист «Клиенты».",
)
#: Sheets whose rows belong to a client of Sales or Clients (the key of their client column).
CLIENT_SHEETS = ("survey", "wallet", "plans", "measure_plan", "payments", "activities")
#: How many unknown ids a warning names.
SHOWN_IDS = 5


NOT_ON_CLIENTS = Text(
    "{n} client(s) of the sales lines are not on the Clients sheet: {ids}. Their name and group "
    "stay blank, and their manager is the one on their lines.",
    "Клиентов из продаж нет на листе «Клиенты»: {n} ({ids}). Наименование и группа у них "
    "пустые, менеджер — из строк продаж.",
)
NOT_ON_CLIENTS_FIX = Text(
    "Add them to the Clients sheet, or write them as it does{hint}.",
    "Добавьте их на лист «Клиенты» или запишите так же, как там{hint}.",
)


UNKNOWN_MANAGERS = Text(
    "{n} manager(s) of this sheet manage no client: {ids}.",
    "Менеджеров этого листа нет ни у одного клиента: {n} ({ids}).",
)
UNKNOWN_MANAGERS_FIX = Text(
    "Write the manager as the Sales or Clients sheet does{hint}: until then their targets and "
    "plans reach no client.",
    "Запишите менеджера так же, как в «Продажах» или «Клиентах»{hint}: до тех пор их цели и "
    "планы не доходят ни до одного клиента.",
)


UNKNOWN_OWNERS = Text(
    "{n} owner(s) of this sheet are no manager: {ids}.",
    "Ответственных этого листа нет среди менеджеров: {n} ({ids}).",
)
UNKNOWN_OWNERS_FIX = Text(
    "Write the owner as the Sales, Clients or Managers sheet does{hint}: until then the "
    "measure is on no manager's Actions list or file.",
    "Запишите ответственного так же, как в «Продажах», «Клиентах» или «Менеджерах»{hint}: до "
    "тех пор мероприятия нет в «Действиях» и файле ни одного менеджера.",
)


def _folded(name: str) -> str:
    """An id or a name as a slip would leave it: case, spaces and leading zeros aside."""
    folded = name.casefold().replace(" ", "")
    return (folded.lstrip("0") or "0") if folded.isdigit() else folded


def _unknown(
    frame: pd.DataFrame,
    known: pd.Index,
    sheet: str,
    what: Text = UNKNOWN_CLIENTS,
    fix: Text = UNKNOWN_CLIENTS_FIX,
    column: str = "client",
) -> list[Problem]:
    """One warning (``what``) at the first row whose ``column`` holds a value ``known`` lacks.

    ``known``: for clients, the ids of Sales and Clients (of Clients only, for the sales
    lines); for managers, those that manage a client. A value that is a known one but for case,
    spaces or a code's leading zeros (1C writes 000123 where a typed sheet has 123) is
    suggested in the fix.
    """
    named = frame[frame[column].notna()]
    # get_indexer, not isin: isin between arrow strings runs a Python loop (0.14 s for the
    # 137,000 payments of the million-line book).
    unknown = named[known.get_indexer(pd.Index(named[column])) < 0].drop_duplicates(column)
    if unknown.empty:
        return []
    ids = [str(c) for c in unknown[column]]
    folded = {_folded(str(k)): str(k) for k in known}
    twins = [(i, folded[f]) for i in ids if (f := _folded(i)) in folded]
    hint: Text | str = ""
    if twins:
        typed, there = twins[0]
        hint = Text(f" ({typed} is {there} there?)", f" (там {there}, а не {typed}?)")
    shown = ", ".join(ids[:SHOWN_IDS]) + (", …" if len(ids) > SHOWN_IDS else "")
    first = unknown.iloc[int(np.argmin(unknown["_row"].to_numpy()))]
    return [
        Problem(
            sheet,
            int(first["_row"]),
            frame.attrs.get("where", {}).get(column, column),
            show_value(first[column]),
            what,
            fix,
            {"n": len(ids), "ids": shown, "hint": hint},
            severity="warning",
        )
    ]


def _unknown_managers(
    sales: pd.DataFrame, frames: Mapping[str, pd.DataFrame], tables: Mapping[str, RawTable]
) -> list[Problem]:
    """The Targets' and Plans' managers who manage no client, the Measure plan's owners no manager.

    A client's manager is on the Clients sheet or its lines; plans are split over those. An
    owner may also be a manager of the Managers sheet with no client yet.
    """

    def names(*columns: pd.Series) -> pd.Index:
        found = pd.concat([pd.Series(c.unique()) for c in columns]).dropna().astype(str)
        return pd.Index(found.drop_duplicates())

    managing = [sales["manager"]]
    if "clients" in frames and "manager" in frames["clients"]:
        managing.append(frames["clients"]["manager"])
    managers = names(*managing)
    problems = [
        p
        for key in ("targets", "plans")
        if key in frames
        for p in _unknown(
            frames[key],
            managers,
            tables[key].sheet,
            UNKNOWN_MANAGERS,
            UNKNOWN_MANAGERS_FIX,
            "manager",
        )
    ]
    if "measure_plan" in frames:
        staff = [frames["managers"]["manager"]] if "managers" in frames else []
        problems += _unknown(
            frames["measure_plan"],
            names(*managing, *staff),
            tables["measure_plan"].sheet,
            UNKNOWN_OWNERS,
            UNKNOWN_OWNERS_FIX,
            "owner",
        )
    return problems


NEGATIVE_WALLET = Text(
    "Below 0: a wallet is what the client buys of the category a year, from everyone.",
    "Меньше 0: потенциал — это годовые закупки клиентом категории у всех поставщиков.",
)
ZERO_TARGET = Text(
    "A target of 0: every plan under it will be 0.",
    "Цель 0: все планы под ней будут равны 0.",
)
ZERO_TARGET_FIX = Text(
    "Type the amount to sell, or delete the row (plans are then set by the plan method).",
    "Укажите сумму продаж или удалите строку (тогда планы рассчитает метод плана).",
)


def _targets(
    targets: pd.DataFrame,
    plans: pd.DataFrame | None,
    sold: pd.Series | None,
    sheet: str,
    plans_sheet: str,
) -> list[Problem]:
    """The problems of a Targets sheet.

    Targets per category do not mix with company or manager ones in a month; no target is
    below 0, and a target of 0 is a warning.
    """
    where = targets.attrs.get("where", {})
    problems = _duplicates(
        targets, ["month", "manager", "category"], sheet, Text("Target", "Цель"), TARGET_TWICE_FIX
    )
    both = targets[targets["manager"].notna() & targets["category"].notna()]
    problems.extend(_each_row(both, "category", sheet, TARGET_BOTH, TARGET_BOTH_FIX))
    per_category = targets[targets["category"].notna() & targets["manager"].isna()]
    first = per_category.groupby("month")["_row"].min()
    others = targets[targets["category"].isna() & targets["month"].isin(first.index)]
    problems.extend(
        Problem(
            sheet,
            int(row),
            where.get("target", "target"),
            show_value(target),
            TARGET_MIXED,
            TARGET_MIXED_FIX,
            {
                "month": month.strftime("%Y-%m"),
                "first": int(first[month]),
                "who": COMPANY if pd.isna(manager) else manager,
            },
        )
        for row, month, manager, target in zip(
            others["_row"], others["month"], others["manager"], others["target"], strict=True
        )
    )
    if plans is not None and len(first):
        totals = plans[plans["client"].isna() & plans["manager"].notna()]
        for row, month, manager in zip(
            totals["_row"], totals["month"], totals["manager"], strict=True
        ):
            # A total for every month meets the first month with targets per category.
            hit = first.index if pd.isna(month) else [m for m in first.index if m == month]
            if len(hit):
                problems.append(
                    Problem(
                        plans_sheet,
                        int(row),
                        plans.attrs.get("where", {}).get("manager", "manager"),
                        show_value(manager),
                        MANAGER_TOTAL_MIXED,
                        MANAGER_TOTAL_MIXED_FIX,
                        {
                            "manager": manager,
                            "month": hit[0].strftime("%Y-%m"),
                            "first": int(first[hit[0]]),
                        },
                    )
                )
    problems.extend(
        _each_row(
            targets[targets["target"] < 0], "target", sheet, NEGATIVE_AMOUNT, NEGATIVE_AMOUNT_FIX
        )
    )
    zero = targets[targets["target"] == 0]
    problems.extend(_each_row(zero, "target", sheet, ZERO_TARGET, ZERO_TARGET_FIX, "warning"))
    problems.extend(_unsold(per_category, sold, sheet, TARGET_UNSOLD))
    return problems


def _plans(plans: pd.DataFrame, sheet: str) -> list[Problem]:
    """A Plans row must name whose plan it is, once a month, and plan an amount not below 0."""
    alone = plans[plans["client"].isna() & plans["manager"].isna()]
    problems = _each_row(alone, "plan", sheet, UNNAMED_PLAN, UNNAMED_PLAN_FIX)
    # Two plans for one client (or two totals for one manager) in a month: which one the
    # lead meant is theirs to say, not the first row's to win.
    own = plans[plans["client"].notna()]
    totals = plans[plans["client"].isna() & plans["manager"].notna()]
    what = Text("Plan", "План")
    problems += _duplicates(own, ["month", "client"], sheet, what, PLAN_TWICE_FIX)
    problems += _duplicates(totals, ["month", "manager"], sheet, what, PLAN_TWICE_FIX)
    below = plans[plans["plan"] < 0]
    return problems + _each_row(below, "plan", sheet, NEGATIVE_AMOUNT, NEGATIVE_AMOUNT_FIX)


def _each_row(
    rows: pd.DataFrame,
    column: str,
    sheet: str,
    what: Text,
    fix: Text,
    severity: Severity = "error",
) -> list[Problem]:
    """A problem at ``column`` of each of ``rows`` (a slice of a read table), its value shown."""
    where = rows.attrs.get("where", {}).get(column, column)
    return [
        Problem(sheet, int(row), where, show_value(value), what, fix, severity=severity)
        for row, value in zip(rows["_row"], rows[column], strict=True)
    ]


def _code_of(texts: dict[str, Text]) -> dict[str, str]:
    return {sc.header_key(v): k for k, t in texts.items() for v in (k, *t.both())}


def coded_measures(measures: pd.DataFrame) -> pd.DataFrame:
    """The measure plan with its directions and statuses as codes (blank status: open).

    The sheet takes a code or a name in either language; the tabs show the tab's language.
    """
    directions = _code_of(sc.MEASURE_DIRECTIONS)
    statuses = _code_of(sc.MEASURE_STATUSES)
    return measures.assign(
        direction=[directions[sc.header_key(v)] for v in measures["direction"]],
        status=[
            statuses.get(sc.header_key(v), "open") if pd.notna(v) else "open"
            for v in measures["status"]
        ],
    )


def _settings(raw: RawTable | None) -> tuple[Settings, list[Problem]]:
    """Read name/value pairs: from the Setting and Value columns, else the first two columns."""
    if raw is None:
        return Settings(), []

    def find(key: str) -> int | None:
        named = (sc.SETTINGS.column_for(h) for h in raw.header)
        return next((i for i, col in enumerate(named) if col is not None and col.key == key), None)

    name_col, value_col = find("setting"), find("value")
    header_row: list[tuple[int, object, object]] = []
    if name_col is None or value_col is None:
        name_col, value_col = 0, 1
        header_row = [(raw.first_row - 1, _cell(raw.header, 0), _cell(raw.header, 1))]
    names, values = raw.column(name_col), raw.column(value_col)
    pairs = header_row + [
        (raw.first_row + i, cell_at(names, i), cell_at(values, i)) for i in range(raw.height)
    ]
    return settings_from_pairs(pairs, raw.sheet)


def _cell(row: Sequence[object], index: int) -> object:
    return row[index] if index < len(row) else None


def requested_files(tables: Mapping[str, RawTable]) -> dict[str, str]:
    """The inputs Settings points at a file or folder, with the path as typed."""
    settings, _ = _settings(tables.get("settings"))
    return settings.files


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
        frame, found = validate_table(raw, sheet, settings.sale_stages)
        problems.extend(found)
        if raw.others:
            problems.add(
                Problem(
                    raw.sheet,
                    None,
                    None,
                    ", ".join(raw.others),
                    ALSO_FOUND,
                    ALSO_FOUND_FIX,
                    {"used": raw.sheet, "others": ", ".join(raw.others), "sheet": sheet.label},
                    severity="warning",
                )
            )
        if raw.below:
            problems.add(_below_table(raw))
        if "_row" in frame.columns:  # absent when a required column is missing
            frames[sheet.key] = _complete(frame, sheet)

    if "history" in frames:
        frames["history"] = _history(frames["history"])
    if "history_wallet" in frames:
        month = frames["history_wallet"]["month"]
        frames["history_wallet"]["month"] = month.dt.to_period("M")
    for key in ("targets", "plans"):
        if key in frames:
            # Any day names its month (the column's note): 15.11.2026 is November's plan, so
            # a second November row is found twice, not kept as a month of its own.
            months = frames[key]["month"]
            frames[key]["month"] = months.dt.to_period("M").dt.to_timestamp()
    frames, found = drop_examples(frames, {k: t.sheet for k, t in tables.items()})
    problems.extend(found)
    sales = frames.get("sales")
    if sales is not None and not sales.empty:
        sales, found = _positive_returns(sales, tables["sales"].sheet)
        frames["sales"] = sales
        problems.extend(found)
        where = sales.attrs.get("where", {})
        origin = "--as-of" if as_of is not None else tables.get("settings", tables["sales"]).sheet
        problems.extend(check_sales(sales, settings, tables["sales"].sheet, where, origin))
    if sales is not None and sales.empty and "sales" in tables:
        problems.add(Problem(tables["sales"].sheet, None, None, "", NO_ROWS, NO_ROWS_FIX))
    if sales is not None and not sales.empty and "history" in frames:
        problems.extend(
            _future_history(frames["history"], sales, settings, tables["history"].sheet)
        )
    for key, column, what in (
        ("clients", "client", Text("Client", "Клиент")),
        ("managers", "manager", Text("Manager", "Менеджер")),
    ):
        if key in frames:
            problems.extend(_duplicates(frames[key], column, tables[key].sheet, what))
    # The categories sold: None when no sales line was read, so none can be called unsold.
    sold = None if sales is None or sales.empty else sales["category"]
    if "criteria" in frames:
        frames["criteria"], clients, found = _criteria(
            frames["criteria"],
            frames.get("clients"),
            sold,
            tables["criteria"].sheet,
            tables["clients"].sheet if "clients" in tables else "",
        )
        problems.extend(found)
        if clients is not None:
            frames["clients"] = clients
    if "plans" in frames:
        problems.extend(_plans(frames["plans"], tables["plans"].sheet))
    if "targets" in frames and sales is not None and not sales.empty:
        targets = frames["targets"]
        where = targets.attrs.get("where", {}).get("target", "target")
        problems.extend(check_targets(targets, sales, tables["targets"].sheet, where))
    if "plans" in frames and sales is not None and not sales.empty:
        plans = frames["plans"]
        where = plans.attrs.get("where", {}).get("plan", "plan")
        problems.extend(check_plans(plans, sales, tables["plans"].sheet, where))
    if "targets" in frames:
        problems.extend(
            _targets(
                frames["targets"],
                frames.get("plans"),
                sold,
                tables["targets"].sheet,
                tables["plans"].sheet if "plans" in tables else "",
            )
        )
    if "wallet" in frames:
        wallet, wallet_sheet = frames["wallet"], tables["wallet"].sheet
        problems.extend(
            _duplicates(
                wallet,
                ["client", "category", "date"],
                wallet_sheet,
                Text("Estimate", "Оценка"),
                WALLET_TWICE_FIX,
            )
        )
        below = (wallet["total"] < 0).to_numpy()
        problems.extend(
            _each_row(wallet[below], "total", wallet_sheet, NEGATIVE_WALLET, NEGATIVE_AMOUNT_FIX)
        )
        if sales is not None and not sales.empty:
            # A row below 0 is said above: it is not also "below our sales".
            problems.extend(_wallet_checks(sales, wallet[~below], settings, wallet_sheet))
        if sold is not None:
            problems.extend(_near_sold(wallet, sold, wallet_sheet))
    if "survey" in frames:
        problems.extend(_five_point(frames["survey"], tables["survey"].sheet))
    if sales is not None and not sales.empty:
        as_of = analysis_date(settings, sales)
        for key, (column, what) in LATER_ROWS.items():
            if key in frames:
                problems.extend(_later(frames[key], column, as_of, tables[key].sheet, what))
    naming = [k for k in CLIENT_SHEETS if k in frames and "client" in frames[k]]
    if sales is not None and not sales.empty and naming:
        known = pd.Index(sales["client"].unique())
        if "clients" in frames:
            known = known.union(pd.Index(frames["clients"]["client"].dropna().unique()))
        for key in naming:
            problems.extend(_unknown(frames[key], known, tables[key].sheet))
    if sales is not None and not sales.empty:
        problems.extend(_unknown_managers(sales, frames, tables))
        if "clients" in frames:
            listed = pd.Index(frames["clients"]["client"].dropna().unique())
            firsts = sales[["client", "_row"]].drop_duplicates("client")
            firsts.attrs = sales.attrs  # where the client column is, for the warning
            sheet_name = tables["sales"].sheet
            problems.extend(
                _unknown(firsts, listed, sheet_name, NOT_ON_CLIENTS, NOT_ON_CLIENTS_FIX)
            )
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
