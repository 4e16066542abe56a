"""Turn cell values, as spreadsheets really hold them, into typed columns.

Cells arrive as Python objects from the reader (or from Excel through xlwings): floats, ints,
``datetime``/``date``, strings, ``None`` and ``""`` for blanks. Each ``parse_*`` function takes one
column of such objects and returns a :class:`Parsed` with a typed :class:`pandas.Series` and two
boolean masks: ``blank`` (nothing there) and ``bad`` (something there that is not of the kind).
The work is vectorised: a million-line column is parsed in a few pandas operations, not a loop.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clientbase_xl.inputs.schema import Kind

#: Day zero of Excel's two date systems, by whether the book counts from 1904: the 1900
#: system's (1900-02-29, which never was, is why it is the 30th) and old Mac Excel's 1904
#: system's, 1,462 days later. The writers count serials from the same days.
EXCEL_EPOCHS: dict[bool, pd.Timestamp] = {
    False: pd.Timestamp("1899-12-30"),
    True: pd.Timestamp("1904-01-01"),
}
EXCEL_EPOCH = EXCEL_EPOCHS[False]
#: Serials taken for dates: from 1900-03-01 (61) to the last day pandas' nanosecond dates hold
#: (2262-04-11; Excel goes on to 9999, but a sales date past 2262 is a typo all the same).
#: Serials 1-60 are January and February 1900 as Excel counts them, 60 being 1900-02-29, a day
#: that never was: no sale happened then, and the epoch above would put them a day off.
EXCEL_SERIAL_RANGE = (61.0, float((pd.Timestamp.max.date() - EXCEL_EPOCH.date()).days))

#: Spaces other than the plain one that people paste from web pages and 1C exports.
_WIDE_SPACES = "\u00a0\u202f\u2009\u2007"
#: Characters that show as nothing: zero-width spaces and joiners, and the byte-order mark a
#: CSV joined to another leaves mid-column. Text copied from a web CRM carries them, and
#: "Ivanov" with one inside would be another manager than "Ivanov" without, unseen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
#: What groups thousands in a typed number: any space, an invisible character, or an
#: apostrophe. These sets go into regular-expression character classes as they are: no
#: character in them needs escaping.
_SPACES = _WIDE_SPACES + _INVISIBLE + " '"
_MINUSES = "\u2212\u2013"
_CURRENCY = "₽$€£"
#: A currency written out before or after an amount typed by hand: «12 000 руб.», "USD 50".
#: Only whole words at either end: "12 тыс. руб." keeps its «тыс.» and stays a bad cell.
_CURRENCY_WORD = re.compile(
    r"^(?:rub|rur|usd|eur|kzt|byn|uah)\s*|\s*(?:руб\.?|р\.?|rub|rur|usd|eur|kzt|byn|uah)$",
    re.IGNORECASE,
)
#: The days of dates written in numbers, a time of day after them dropped first
#: (:data:`_TIME_OF_DAY`).
_DATE_FORMATS = (
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d.%m.%y",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%Y.%m.%d",
    "%Y/%m/%d",
    # A month alone (History, plans) stands for its first day.
    "%Y-%m",
    "%m.%Y",
)
#: An American export's month/day/year, for a column that shows it is one (see
#: :func:`_month_first`): in the place of the day/month/year formats above.
_US_FORMATS = {"%d/%m/%Y": "%m/%d/%Y", "%d/%m/%y": "%m/%d/%y"}
#: A date of slashes, its first two numbers captured: 15/11/2026, 11/15/2026 3:45:00 PM.
_SLASHED = r"^(\d{1,2})/(\d{1,2})/\d{2,4}\b"
#: A time of day after a date, in any form (10:15, 10:15:00, ISO's 10:00:00.123Z or +03:00 as
#: CRMs' APIs write it, 3:45:00 PM): a "T" or spaces, hours and minutes, whatever follows.
_TIME_OF_DAY = r"(?:T|\s+)\d{1,2}:\d{2}.*$"
#: Russian's «г.» (year) after a date typed in numbers, as 1C prints it: «15.11.2026 г.».
_YEAR_WORD = r"\s*(?:г\.?|года?)$"
#: Month names as dates are written out (1C's «15 ноября 2026 г.», a period «Ноябрь 2026 г.»,
#: "Nov 2026"): each spelling, lower case and without its full stop, to the month's number.
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            "январь января янв jan january",
            "февраль февраля фев февр feb february",
            "март марта мар mar march",
            "апрель апреля апр apr april",
            "май мая may",
            "июнь июня июн jun june",
            "июль июля июл jul july",
            "август августа авг aug august",
            "сентябрь сентября сен сент sep sept september",
            "октябрь октября окт oct october",
            "ноябрь ноября ноя нояб nov november",
            "декабрь декабря дек dec december",
        ),
        start=1,
    )
    for name in names.split()
}
#: A date with its month written out: an optional day, the month's name, the year, and
#: Russian's «г.» (year) after it.
_NAMED_MONTH = re.compile(r"^(?:(\d{1,2})\s+)?([^\W\d_]+)\.?\s*(\d{4})\s*(?:г\.?|года?)?$")
#: The same, month first as English writes it: "Nov 15, 2026", "November 15 2026".
_MONTH_DAY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_TRUE = {"true", "1", "yes", "y", "да", "д", "+", "истина", "x", "✓"}
_FALSE = {"false", "0", "no", "n", "нет", "н", "-", "ложь"}


@dataclass(frozen=True)
class Parsed:
    """A parsed column: ``values`` (missing where blank or bad), and the two masks."""

    values: pd.Series
    blank: np.ndarray
    bad: np.ndarray


#: One column as a gateway hands it over: Python cells (a list, a tuple) or a typed column read
#: straight into Arrow (fastexcel, CSV, Parquet). Both give the same parse.
Cells = Sequence[object] | pd.Series

_NUMERIC = (float, int, np.float64, np.int64)
_DATES = (dt.datetime, dt.date, pd.Timestamp)


@dataclass(frozen=True)
class _Split:
    """A column sorted by what its cells hold; every mask is positional and covers all cells.

    ``numbers`` holds the numeric cells' values (NaN elsewhere); ``dates`` the real dates'
    (NaT elsewhere); ``text`` marks non-blank strings; anything else (a bool in a number
    column, say) is in neither mask nor column.
    """

    cells: pd.Series
    blank: np.ndarray
    numeric: np.ndarray
    numbers: np.ndarray
    dates: pd.Series
    text: np.ndarray

    #: For a typed text column: each cell's code into ``uniques`` (-1 where missing).
    codes: np.ndarray | None = None
    uniques: pd.Series | None = None

    def by_value(self, mask: np.ndarray, convert: Callable[[pd.Series], pd.Series]) -> pd.Series:
        """``convert`` of the cells under ``mask``, as text, applied once per distinct value.

        A million sales lines name a few thousand clients and a thousand days: converting each
        distinct value once is what keeps large sheets quick. The result keeps the cells' index.
        """
        uniques: pd.Series
        if self.codes is None or self.uniques is None:
            codes, distinct = pd.factorize(self.cells[mask].astype(str).astype("str"))
            uniques = pd.Series(distinct, dtype="str")
        else:
            codes, uniques = self.codes[mask], self.uniques
        converted = convert(uniques).reset_index(drop=True)
        found = codes >= 0
        out = converted.take(codes if found.all() else np.where(found, codes, 0))
        out.index = self.cells.index[mask]
        return out if found.all() else out.where(found)


def _typed(cells: Cells) -> pd.Series | None:
    """``cells`` if it is a column of one known type (numbers, dates or text), else None."""
    if not isinstance(cells, pd.Series):
        return None
    dtype = cells.dtype
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
        return None
    known = (
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
    )
    return cells.reset_index(drop=True) if known else None


def _no_dates(n: int) -> pd.Series:
    return pd.Series(pd.NaT, index=pd.RangeIndex(n), dtype="datetime64[ns]")


def _split(cells: Cells) -> _Split:
    """Sort ``cells`` by kind: from the dtype for a typed column, else one ``type`` per cell."""
    typed = _typed(cells)
    if typed is not None:
        return _split_typed(typed)
    s = pd.Series(cells.astype(object) if isinstance(cells, pd.Series) else cells, dtype=object)
    s = s.reset_index(drop=True)
    one = _of_one_type(s)
    if one is not None:
        return _split_typed(one)
    n = len(s)
    types = s.map(type)
    is_str = _of(types, str)
    blank = s.isna().to_numpy().copy()
    if is_str.any():
        blank[is_str] = s[is_str].astype(str).astype("str").str.strip().eq("").to_numpy()
    numeric = _of(types, *_NUMERIC)
    numbers = np.full(n, np.nan)
    numbers[numeric] = s[numeric].astype(float).to_numpy()
    real = _of(types, *_DATES)
    dates = _no_dates(n)
    if real.any():
        values = s[real]
        naive = _of(types[real], dt.datetime) & values.map(_naive).to_numpy()
        # Naive datetimes (what Excel and the readers hand over) convert in one call; dates and
        # zone-aware times (dropped to their wall-clock time) one by one.
        dates[values.index[naive]] = _nanoseconds(pd.to_datetime(values[naive])).to_numpy()
        if not naive.all():
            later = pd.to_datetime(values[~naive].map(_as_datetime))
            dates[values.index[~naive]] = _nanoseconds(later).to_numpy()
    return _Split(s, blank, numeric, numbers, dates, is_str & ~blank)


def _of_one_type(s: pd.Series) -> pd.Series | None:
    """Python cells all of one kind (numbers, text or datetimes) as a typed column, else None.

    One pass in C decides it, so a column from Excel takes the typed path too, without a
    ``type`` call per cell.
    """
    kind = pd.api.types.infer_dtype(s, skipna=True)
    if kind in ("floating", "integer", "mixed-integer-float"):
        return s.astype(float)
    if kind == "string":
        return s.astype("str")
    if kind == "datetime":
        try:
            return pd.Series(pd.to_datetime(s))
        except (ValueError, TypeError, OverflowError):  # zones mixed: cell by cell
            return None
    return None


def _split_typed(s: pd.Series) -> _Split:
    n = len(s)
    missing = s.isna().to_numpy()
    nothing = np.zeros(n, dtype=bool)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        dates = _nanoseconds(s.dt.tz_localize(None) if getattr(s.dt, "tz", None) else s)
        return _Split(s, missing, nothing, np.full(n, np.nan), dates, nothing)
    if pd.api.types.is_numeric_dtype(s.dtype):
        numbers = s.to_numpy(dtype=float, na_value=np.nan)
        return _Split(s, missing, ~missing, numbers, _no_dates(n), nothing)
    # Blank or not is decided once per distinct value too.
    codes, values = pd.factorize(s)
    uniques = pd.Series(values, dtype="str")
    # Code -1 (missing) picks the True appended last.
    empty = np.append(uniques.str.strip().eq("").to_numpy(dtype=bool), True)
    blank = missing | empty[codes]
    return _Split(s, blank, nothing, np.full(n, np.nan), _no_dates(n), ~blank, codes, uniques)


def _nanoseconds(dates: pd.Series) -> pd.Series:
    """``dates`` as nanosecond datetimes, positionally indexed.

    Dates past what nanoseconds hold (a year 9999 typed by mistake) become NaT: bad cells.
    """
    held = (dates >= pd.Timestamp.min) & (dates <= pd.Timestamp.max) | dates.isna()
    if not held.all():
        dates = dates.where(held)
    return dates.astype("datetime64[ns]").reset_index(drop=True)


def _of(types: pd.Series, *classes: type) -> np.ndarray:
    """Mask of cells whose exact type is one of ``classes`` (so a bool is no int here)."""
    return types.isin(classes).to_numpy()


def parse_number(cells: Cells) -> Parsed:
    """Parse numbers: floats, ints, and text such as ``"1 234,56"``, ``"1,234.56"``, ``"(12)"``.

    In text, spaces of any width and apostrophes group thousands; a lone comma is the decimal
    separator (Russian convention); where both ``.`` and ``,`` appear the later one is the decimal.
    """
    split = _split(cells)
    out = split.numbers.copy()
    if split.text.any():
        out[split.text] = split.by_value(split.text, _text_to_number).to_numpy(
            dtype=float, na_value=np.nan
        )
    # An infinity (typed "inf", "-Infinity") is no amount: reported, never summed.
    bad = ~split.blank & ~np.isfinite(out)
    return Parsed(pd.Series(np.where(bad, np.nan, out), name=None), split.blank, bad)


def _text_to_number(t: pd.Series) -> pd.Series:
    t = t.str.strip()
    negative = t.str.startswith("(") & t.str.endswith(")")
    t = t.str.strip("()")
    t = t.str.strip().str.replace(_CURRENCY_WORD, "", regex=True)
    t = t.str.replace(f"[{_SPACES}{_CURRENCY}]", "", regex=True)
    t = t.str.replace(f"[{_MINUSES}]", "-", regex=True)
    # A minus after the amount, as SAP and some bank statements write a return: «1 234,56-».
    trailing = t.str.match(r"^\d[\d.,]*-$")
    t = t.where(~trailing, t.str[:-1])
    negative = negative | trailing
    last_comma = t.str.rfind(",")
    last_dot = t.str.rfind(".")
    comma_decimal = last_comma > last_dot
    decimal_comma = (
        t[comma_decimal].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    )
    decimal_dot = t[~comma_decimal].str.replace(",", "", regex=False)
    # A lone comma with more commas before it ("1,234,567") groups thousands, it is no decimal.
    many_commas = t[comma_decimal].str.count(",") > 1
    decimal_comma[many_commas] = t[comma_decimal][many_commas].str.replace(",", "", regex=False)
    # Likewise dots in groups of three with no comma ("1.234.567", as German and Latvian books
    # group thousands; "1.2.3" is no number).
    dotted = t[~comma_decimal]
    many_dots = dotted.str.fullmatch(r"-?\d{1,3}(?:\.\d{3}){2,}")
    decimal_dot[many_dots] = dotted[many_dots].str.replace(".", "", regex=False)
    cleaned = pd.concat([decimal_comma, decimal_dot]).reindex(t.index)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype(float)
    return numbers.where(~negative, -numbers)


def parse_date(cells: Cells, date1904: bool = False) -> Parsed:
    """Parse dates: real dates, Excel serial numbers, and text like ``31.12.2025``, ``2025-12-31``.

    Times of day are dropped: every analysis here works on days. Serial numbers (a date column
    formatted as General shows them) count from the 1904 system's day 0 with ``date1904``, as
    the book they come from counts (a cell formatted as a date arrives as a date already).
    """
    split = _split(cells)
    out = split.dates.copy()
    if split.numeric.any():
        days = pd.Series(split.numbers[split.numeric], index=out.index[split.numeric])
        _put_serials(out, days, date1904)
    if split.text.any():
        out[split.text] = split.by_value(split.text, _text_to_date).to_numpy(dtype="datetime64[ns]")
        # A serial number kept as text (a CSV of a General-formatted column, pasted back).
        texts = split.cells[split.text & out.isna().to_numpy()].astype(str).str.strip()
        serial = texts[texts.str.fullmatch(r"\d{1,6}(?:[.,]\d+)?")]
        if len(serial):
            _put_serials(out, serial.str.replace(",", ".").astype(float), date1904)
    out = out.dt.normalize()
    bad = ~split.blank & out.isna().to_numpy()
    return Parsed(out, split.blank, bad)


def _put_serials(out: pd.Series, days: pd.Series, date1904: bool) -> None:
    """Write into ``out`` the days of the Excel serial numbers ``days`` (same index) in range."""
    lo, hi = EXCEL_SERIAL_RANGE
    epoch = EXCEL_EPOCHS[date1904]
    if date1904:  # serial 0 is a real day there, and the last nanosecond day comes sooner
        lo, hi = 0.0, hi - (epoch - EXCEL_EPOCH).days
    ok = days.between(lo, hi)
    out[days[ok].index] = epoch + pd.to_timedelta(np.floor(days[ok]), unit="D")


def _text_to_date(t: pd.Series) -> pd.Series:
    t = t.str.strip().str.replace(_YEAR_WORD, "", regex=True)
    parsed = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns]")
    us = _month_first(t)
    formats = [_US_FORMATS.get(f, f) for f in _DATE_FORMATS] if us else _DATE_FORMATS
    # Times of day are dropped, so the day is the one written (no time zone moves it).
    day = t.str.replace(_TIME_OF_DAY, "", regex=True)
    for fmt in formats:
        todo = parsed.isna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(day[todo], format=fmt, errors="coerce")
    todo = parsed.isna() & t.str.fullmatch(r"\d{8}")
    if todo.any():  # 20261115, as SAP and many a database export write a day
        parsed[todo] = pd.to_datetime(t[todo], format="%Y%m%d", errors="coerce")
    todo = parsed.isna()
    if todo.any():
        named = [_named_month(text) for text in t[todo]]
        parsed[todo] = pd.Series(named, index=t.index[todo], dtype="datetime64[ns]")
    return parsed


def _month_first(t: pd.Series) -> bool:
    """Whether the slashed dates of a column (its distinct texts ``t``) are month/day/year.

    They are when one has a second number above 12 (11/15/2026: no 15th month) and none a
    first one (15/11/2026 is day first): then 03/04/2026 is the 4th of March, as the export
    that wrote the column meant. Otherwise dates are day first, as in Russia and Latvia, and a
    date that is not is a bad cell.
    """
    parts = t.str.extract(_SLASHED).dropna().astype(int)
    return bool(len(parts)) and bool((parts[1] > 12).any()) and not bool((parts[0] > 12).any())


def _named_month(text: str) -> pd.Timestamp | None:
    """``15 ноября 2026 г.``, ``Ноябрь 2026``, ``Nov 15, 2026``: the day (a month: its 1st)."""
    folded = text.casefold()
    if found := _NAMED_MONTH.match(folded):
        name, day, year = found[2], found[1], found[3]
    elif found := _MONTH_DAY.match(folded):
        name, day, year = found[1], found[2], found[3]
    else:
        return None
    month = _MONTH_NAMES.get(name)
    if month is None:
        return None
    try:
        return pd.Timestamp(int(year), month, int(day or 1))
    except ValueError:  # 31 February
        return None


def _naive(value: object) -> bool:
    return getattr(value, "tzinfo", True) is None


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    assert isinstance(value, dt.date)
    return dt.datetime(value.year, value.month, value.day)


def parse_id(cells: Cells) -> Parsed:
    """Parse identifiers (client, manager, category codes) into trimmed text.

    Whole numbers typed as numbers become ``"123"``, not ``"123.0"``; inner runs of spaces collapse
    to one, so ``" ООО  Ромашка "`` and ``"ООО Ромашка"`` are the same client. The result is
    pandas' Arrow-backed string dtype, missing where blank.
    """
    split = _split(cells)
    out = pd.Series(pd.NA, index=split.cells.index, dtype="str")
    numeric = split.numeric
    if numeric.any():
        numbers = split.numbers[numeric]
        whole = np.isfinite(numbers) & (numbers == np.floor(numbers))
        shown = pd.Series(pd.NA, index=out.index[numeric], dtype="str")
        shown[whole] = numbers[whole].astype(np.int64).astype(str)
        shown[~whole] = [repr(float(v)) for v in numbers[~whole]]
        out[numeric] = shown
    other = ~numeric & ~split.blank
    if other.all():  # the common case: a column of codes, no blanks; no masked assignment
        out = split.by_value(other, _clean_id).astype("str")
    elif other.any():
        out[other] = split.by_value(other, _clean_id)
    return Parsed(out, split.blank, np.zeros(len(out), dtype=bool))


#: What an id still holds after trimming when it needs :func:`_respace`: a wide space, an
#: ASCII whitespace other than the space, or two spaces in a row.
_UNTIDY = f"[{_WIDE_SPACES}{_INVISIBLE}\t\r\n\f\v]|  "


def _clean_id(text: pd.Series) -> pd.Series:
    """Distinct ids trimmed, with :func:`_respace` applied only to those that need it.

    Most ids need trimming at most (the 400,000 order numbers of a million-line sheet need
    nothing), and trimming plus a search is quicker than two replacements on every id.
    """
    trimmed = text.str.strip()
    untidy = trimmed.str.contains(_UNTIDY, regex=True).to_numpy(dtype=bool)
    if not untidy.any():
        return trimmed
    trimmed[untidy] = _respace(text[untidy])
    return trimmed


def _respace(text: pd.Series) -> pd.Series:
    """Invisible characters dropped, wide spaces made plain, trimmed, whitespace runs one space."""
    text = text.str.replace(f"[{_INVISIBLE}]", "", regex=True)
    text = text.str.replace(f"[{_WIDE_SPACES}]", " ", regex=True)
    # ASCII whitespace only after the wide spaces became plain ones: Python's re and
    # Arrow's RE2 agree on it, so the same cell gives the same id in Excel and in Lite.
    return text.str.strip().str.replace(r"[ \t\r\n\f\v]+", " ", regex=True)


def parse_text(cells: Cells) -> Parsed:
    """Parse free text: trimmed, numbers shown as they would be typed."""
    return parse_id(cells)


def parse_score(cells: Cells) -> Parsed:
    """Parse survey scores: whole numbers from 0 to 10."""
    number = parse_number(cells)
    v = number.values
    ok = v.between(0, 10) & (v == np.floor(v))
    bad = number.bad | (~number.blank & ~ok.to_numpy())
    return Parsed(v.where(ok), number.blank, bad)


def parse_bool(cells: Cells) -> Parsed:
    """Parse yes/no flags: TRUE/FALSE, 1/0, yes/no, да/нет, +/-."""
    split = _split(cells)
    folded = split.cells.map(lambda v: str(v).strip().casefold() if pd.notna(v) else "")
    folded = folded.str.replace(r"\.0$", "", regex=True)
    true = folded.isin(_TRUE)
    false = folded.isin(_FALSE)
    out = pd.Series(pd.NA, index=split.cells.index, dtype="boolean")
    out[true] = True
    out[false] = False
    bad = ~split.blank & ~(true | false).to_numpy()
    return Parsed(out, split.blank, bad)


PARSERS: dict[Kind, Callable[[Cells], Parsed]] = {
    "date": parse_date,
    "number": parse_number,
    "id": parse_id,
    "text": parse_text,
    "score": parse_score,
    "bool": parse_bool,
}


def rows_matching(codes: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    """Which rows' codes match ``pattern`` (a bool array), judged on the distinct codes only.

    A million lines hold some thousands of client codes: the regular expression runs on
    those, and only a match costs a look-up over the lines.
    """
    distinct = pd.Series(codes.dropna().unique()).astype("string")
    found = distinct[distinct.str.match(pattern).fillna(False).to_numpy(dtype=bool)]
    if found.empty:
        return np.zeros(len(codes), dtype=bool)
    return codes.isin(list(found)).fillna(False).to_numpy(dtype=bool)
