"""Turn cell values, as spreadsheets really hold them, into typed columns.

Cells arrive as Python objects from the reader (or from Excel through xlwings): floats, ints,
``datetime``/``date``, strings, ``None`` and ``""`` for blanks. Each ``parse_*`` function takes one
column of such objects and returns a :class:`Parsed` with a typed :class:`pandas.Series` and two
boolean masks: ``blank`` (nothing there) and ``bad`` (something there that is not of the kind).
The work is vectorised: a million-line column is parsed in a few pandas operations, not a loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clientbase_xl.inputs.schema import Kind

#: Day zero of Excel's 1900 date system (1900-02-29, which never was, is why it is the 30th).
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
#: Serials Excel can show as dates: 1900-01-01 .. 9999-12-31.
EXCEL_SERIAL_RANGE = (1.0, 2958465.0)

#: Spaces other than the plain one that people paste from web pages and 1C exports.
_WIDE_SPACES = "\u00a0\u202f\u2009\u2007"
#: What groups thousands in a typed number: any space, or an apostrophe.
_SPACES = _WIDE_SPACES + " '"
_MINUSES = "\u2212\u2013"
_CURRENCY = "₽$€£"
_DATE_FORMATS = (
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d.%m.%y",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    # A month alone (History, plans) stands for its first day.
    "%Y-%m",
    "%m.%Y",
)
_TRUE = {"true", "1", "yes", "y", "да", "д", "+", "истина", "x", "✓"}
_FALSE = {"false", "0", "no", "n", "нет", "н", "-", "ложь"}


@dataclass(frozen=True)
class Parsed:
    """A parsed column: ``values`` (missing where blank or bad), and the two masks."""

    values: pd.Series
    blank: np.ndarray
    bad: np.ndarray


def _objects(cells: Sequence[object]) -> pd.Series:
    return pd.Series(cells, dtype=object)


_NUMERIC = (float, int, np.float64, np.int64)


def _blank_mask(s: pd.Series, types: pd.Series) -> np.ndarray:
    isna = s.isna().to_numpy()
    is_str = _of(types, str)
    empty = np.zeros(len(s), dtype=bool)
    if is_str.any():
        empty[is_str] = _strings(s[is_str]).str.strip().eq("").to_numpy()
    return isna | empty


def _strings(s: pd.Series) -> pd.Series:
    """``s`` as pandas' string dtype: Arrow-backed (vectorised, no Python loop) with pyarrow."""
    return s.astype(str).astype("str")


def _types(s: pd.Series) -> pd.Series:
    return s.map(type)


def _of(types: pd.Series, *classes: type) -> np.ndarray:
    """Mask of cells whose exact type is one of ``classes`` (so a bool is no int here)."""
    return types.isin(classes).to_numpy()


def parse_number(cells: Sequence[object]) -> Parsed:
    """Parse numbers: floats, ints, and text such as ``"1 234,56"``, ``"1,234.56"``, ``"(12)"``.

    In text, spaces of any width and apostrophes group thousands; a lone comma is the decimal
    separator (Russian convention); where both ``.`` and ``,`` appear the later one is the decimal.
    """
    s = _objects(cells)
    types = _types(s)
    blank = _blank_mask(s, types)
    out = np.full(len(s), np.nan)
    numeric = _of(types, *_NUMERIC)
    out[numeric] = s[numeric].astype(float).to_numpy()
    text = _of(types, str) & ~blank
    if text.any():
        out[text] = _text_to_number(s[text].astype(str)).to_numpy()
    bad = ~blank & np.isnan(out)
    return Parsed(pd.Series(out, name=None), blank, bad)


def _text_to_number(t: pd.Series) -> pd.Series:
    t = t.str.strip()
    negative = t.str.startswith("(") & t.str.endswith(")")
    t = t.str.strip("()")
    for ch in _SPACES + _CURRENCY:
        t = t.str.replace(ch, "", regex=False)
    for ch in _MINUSES:
        t = t.str.replace(ch, "-", regex=False)
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
    cleaned = pd.concat([decimal_comma, decimal_dot]).reindex(t.index)
    numbers = pd.to_numeric(cleaned, errors="coerce").astype(float)
    return numbers.where(~negative, -numbers)


def parse_date(cells: Sequence[object]) -> Parsed:
    """Parse dates: real dates, Excel serial numbers, and text like ``31.12.2025``, ``2025-12-31``.

    Times of day are dropped: every analysis here works on days.
    """
    s = _objects(cells)
    types = _types(s)
    blank = _blank_mask(s, types)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    real = _of(types, dt.datetime, dt.date, pd.Timestamp)
    if real.any():
        values = s[real]
        naive = _of(types[real], dt.datetime) & values.map(_naive).to_numpy()
        # Naive datetimes (what Excel and the readers hand over) convert in one call; dates and
        # zone-aware times (dropped to their wall-clock time) one by one.
        out[values.index[naive]] = pd.to_datetime(values[naive].to_numpy())
        if not naive.all():
            out[values.index[~naive]] = pd.to_datetime(values[~naive].map(_as_datetime))
    serial = _of(types, *_NUMERIC)
    if serial.any():
        days = s[serial].astype(float)
        lo, hi = EXCEL_SERIAL_RANGE
        ok = days.between(lo, hi)
        out[days[ok].index] = EXCEL_EPOCH + pd.to_timedelta(np.floor(days[ok]), unit="D")
    text = _of(types, str) & ~blank
    if text.any():
        t = s[text].astype(str).str.strip()
        parsed = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns]")
        for fmt in _DATE_FORMATS:
            todo = parsed.isna()
            if not todo.any():
                break
            parsed[todo] = pd.to_datetime(t[todo], format=fmt, errors="coerce")
        out[text] = parsed
    out = out.dt.normalize()
    bad = ~blank & out.isna().to_numpy()
    return Parsed(out, blank, bad)


def _naive(value: object) -> bool:
    return getattr(value, "tzinfo", True) is None


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    assert isinstance(value, dt.date)
    return dt.datetime(value.year, value.month, value.day)


def parse_id(cells: Sequence[object]) -> Parsed:
    """Parse identifiers (client, manager, category codes) into trimmed text.

    Whole numbers typed as numbers become ``"123"``, not ``"123.0"``; inner runs of spaces collapse
    to one, so ``" ООО  Ромашка "`` and ``"ООО Ромашка"`` are the same client.
    """
    s = _objects(cells)
    types = _types(s)
    blank = _blank_mask(s, types)
    out = pd.Series(pd.NA, index=s.index, dtype=object)
    numeric = _of(types, *_NUMERIC)
    if numeric.any():
        out[numeric] = s[numeric].map(_number_to_id)
    other = ~numeric & ~blank
    if other.any():
        text = _strings(s[other])
        for space in _WIDE_SPACES:
            text = text.str.replace(space, " ", regex=False)
        # ASCII whitespace only after the wide spaces became plain ones: Python's re and
        # Arrow's RE2 agree on it, so the same cell gives the same id in Excel and in Lite.
        out[other] = text.str.strip().str.replace(r"[ \t\r\n\f\v]+", " ", regex=True)
    return Parsed(out, blank, np.zeros(len(s), dtype=bool))


def _number_to_id(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else repr(number)


def parse_text(cells: Sequence[object]) -> Parsed:
    """Parse free text: trimmed, numbers shown as they would be typed."""
    return parse_id(cells)


def parse_score(cells: Sequence[object]) -> Parsed:
    """Parse survey scores: whole numbers from 0 to 10."""
    number = parse_number(cells)
    v = number.values
    ok = v.between(0, 10) & (v == np.floor(v))
    bad = number.bad | (~number.blank & ~ok.to_numpy())
    return Parsed(v.where(ok), number.blank, bad)


def parse_bool(cells: Sequence[object]) -> Parsed:
    """Parse yes/no flags: TRUE/FALSE, 1/0, yes/no, да/нет, +/-."""
    s = _objects(cells)
    blank = _blank_mask(s, _types(s))
    folded = s.map(lambda v: str(v).strip().casefold() if v is not None else "")
    folded = folded.str.replace(r"\.0$", "", regex=True)
    true = folded.isin(_TRUE)
    false = folded.isin(_FALSE)
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[true] = True
    out[false] = False
    bad = ~blank & ~(true | false).to_numpy()
    return Parsed(out, blank, bad)


PARSERS: dict[Kind, Callable[[Sequence[object]], Parsed]] = {
    "date": parse_date,
    "number": parse_number,
    "id": parse_id,
    "text": parse_text,
    "score": parse_score,
    "bool": parse_bool,
}
