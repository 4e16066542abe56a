"""Rows of sheet XML built from whole columns at once: the long middle of the result tables.

XlsxWriter spends some microseconds of Python on every cell, and a refresh of a million sales
lines writes over two million result cells. So the renderer lets XlsxWriter write each table's
first and last rows (with the table, the formats, conditional formats and the sheet's
dimension), and hands the rows between to :class:`BulkRows`. Their XML is made here by Arrow's
string kernels, column by column, and spliced into the sheet part by the graft, with the style
ids XlsxWriter gave to each column's format. The cells are those XlsxWriter would write: numbers
in their shortest round-trip form, dates as serial days, text as escaped inline strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from clientbase_xl.inputs.values import EXCEL_EPOCHS
from clientbase_xl.report.spec import CELL_TEXT_LIMIT, Fmt, utf16_truncated

#: Microseconds, not nanoseconds: 1899 to 2262 is more nanoseconds than an int64 holds.
#: Day 0 of Excel's two date systems (see :mod:`clientbase_xl.workbook.dates`), as the
#: readers count them, in the microseconds the serials are computed in.
EPOCHS: dict[bool, np.datetime64] = {
    date1904: np.datetime64(day, "us") for date1904, day in EXCEL_EPOCHS.items()
}
#: 64-bit offsets: a sheet's bulk rows may pass the 2 GB a plain Arrow string array holds.
_LARGE = pa.large_string()
_US_PER_DAY = 86_400 * 10**6
#: Characters Excel (and XlsxWriter) write as ``_xHHHH_``: those XML 1.0 forbids, the carriage
#: return (XML parsers turn it into a line feed) and the two non-characters U+FFFE and U+FFFF.
_CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0xFFFE, 0xFFFF)]
_CONTROL_FOUND = "[\\x00-\\x08\\x0b-\\x1f\\x{fffe}\\x{ffff}]"
#: Text that reads as such an escape is itself escaped, its underscore as ``_x005F_``.
_LOOKS_ESCAPED = "(_x[0-9a-fA-F]{4}_)"
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))

_ERROR = '" t="e"><f>{}</f><v>#DIV/0!</v></c>'
#: The last row of a range attribute, ``ref="A5:K6"``: a table's and its autoFilter's.
_TABLE_END = re.compile(rb'(\bref="\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?)(\d+)(")')


@dataclass(frozen=True)
class BulkRows:
    """Consecutive rows of one table on one sheet, column by column.

    ``first_row`` is the Excel row number of the first of them; ``letters`` are the columns'
    letters; ``tails`` hold, per column, what follows the style attribute of each cell
    (``'><v>12.5</v></c>'``, null for an empty cell); ``styles`` the XlsxWriter style id of each
    column's format; ``table`` the name of the Excel table they belong to, declared over its
    header and first row only, whose range the graft stretches down to the row after them.
    """

    sheet: str
    first_row: int
    letters: tuple[str, ...]
    tails: tuple[pa.Array, ...]
    styles: tuple[int, ...]
    table: str

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(self.tails[0]) if self.tails else 0

    def stretch_table(self, table_xml: bytes) -> bytes:
        """The table part with its range (and its filter's) down to the row after these rows."""
        return _TABLE_END.sub(rb"\g<1>%d\g<3>" % (self.first_row + self.height), table_xml)

    def xml(self, style: Mapping[int, int]) -> bytes:
        """The rows' XML, each column's style id mapped through ``style``."""
        rows = pa.array(np.arange(self.first_row, self.first_row + self.height)).cast(_LARGE)
        cells = [
            _join(f'<c r="{letter}', rows, f'" s="{style[s]}', tail.cast(_LARGE))
            for letter, tail, s in zip(self.letters, self.tails, self.styles, strict=True)
        ]
        body = pc.binary_join_element_wise(
            *cells, _large(""), null_handling="replace", null_replacement=""
        )
        return _concatenated(_join('<row r="', rows, '">', body, "</row>"))


def _large(text: str) -> pa.Scalar:
    return pa.scalar(text, _LARGE)


def _join(*parts: str | pa.Array) -> pa.Array:
    """Element-wise concatenation of arrays and constant texts; null where any array is."""
    values = [_large(p) if isinstance(p, str) else p for p in parts]
    return pc.binary_join_element_wise(*values, _large(""))


def _concatenated(strings: pa.Array | pa.ChunkedArray) -> bytes:
    """All values of a string array one after another, straight from its data buffer."""
    array = strings.combine_chunks() if isinstance(strings, pa.ChunkedArray) else strings
    if len(array) == 0:
        return b""
    _, offsets, data = array.buffers()
    ends = np.frombuffer(offsets, dtype=np.int64)[array.offset : array.offset + len(array) + 1]
    out: bytes = data.to_pybytes()[int(ends[0]) : int(ends[-1])]
    return out


def _numbers(values: np.ndarray, whole: bool) -> pa.Array:
    finite = np.isfinite(values)
    shown = (
        pa.array(np.trunc(np.where(finite, values, 0)).astype(np.int64))
        if whole
        else pa.array(np.where(finite, values, 0.0))
    ).cast(pa.string())
    tails = pc.binary_join_element_wise('"><v>', shown, "</v></c>", "")
    if finite.all():  # most columns: no blank and no infinity to mend
        return tails
    infinite = np.isinf(values)
    # XlsxWriter (nan_inf_to_errors) writes an infinity as the formula ±1/0, showing #DIV/0!.
    tails = pc.if_else(pa.array(values == np.inf), _ERROR.format("1/0"), tails)
    tails = pc.if_else(pa.array(values == -np.inf), _ERROR.format("-1/0"), tails)
    return pc.if_else(pa.array(finite | infinite), tails, pa.scalar(None, pa.string()))


def _within_limit(values: pa.Array) -> pa.Array:
    """Texts longer than a cell holds cut as XlsxWriter cuts them (none is, nearly always)."""
    # A text of fewer code points than half the limit cannot pass it in UTF-16 code units.
    long = pc.fill_null(pc.greater(pc.utf8_length(values), CELL_TEXT_LIMIT // 2), False)
    if not pc.any(long).as_py():
        return values
    cut = [utf16_truncated(v) for v in pc.filter(values, long).to_pylist()]
    return pc.replace_with_mask(values, long, pa.array(cut, type=values.type))


def _text(values: pa.Array) -> pa.Array:
    values = _within_limit(values)
    if pc.any(pc.match_substring_regex(values, _LOOKS_ESCAPED)).as_py():
        values = pc.replace_substring_regex(values, _LOOKS_ESCAPED, "_x005F\\1")
    if pc.any(pc.match_substring_regex(values, _CONTROL_FOUND)).as_py():
        for ch in _CONTROL:
            values = pc.replace_substring(values, ch, f"_x{ord(ch):04X}_")
    for raw, escaped in _ESCAPES:
        values = pc.replace_substring(values, raw, escaped)
    return pc.binary_join_element_wise(
        '" t="inlineStr"><is><t xml:space="preserve">', values, "</t></is></c>", ""
    )


def _serials(values: pd.Series, date1904: bool) -> np.ndarray:
    stamps = values.to_numpy(dtype="datetime64[ns]").astype("datetime64[us]")
    days = (stamps - EPOCHS[date1904]).astype(np.int64) / _US_PER_DAY
    return np.where(np.isnat(stamps), np.nan, days)


def cell_tails(
    values: pd.Series, fmt: Fmt, yes: str, date1904: bool = False
) -> Callable[[], pa.Array] | None:
    """What makes each value's cell XML after its style attribute (None: not of one type).

    The answer comes at once, from the column's type; the XML is made when the returned
    function is called, on any thread (Arrow's kernels let go of the GIL). ``yes`` is the word
    a flag column shows where set; dates are serials of the 1904 system with ``date1904``. A
    column that mixes types (numbers among text, say) is left to XlsxWriter, which writes
    every cell as its own type.
    """
    if fmt == "bool":
        flags = values.astype(object).map(lambda v: v is True or v == 1).to_numpy(dtype=bool)
        return partial(_flags, flags, yes)
    if fmt == "month" and isinstance(values.dtype, pd.PeriodDtype):
        return partial(_dates, values.dt.start_time, date1904)
    if fmt in ("date", "month") and pd.api.types.is_datetime64_any_dtype(values.dtype):
        return partial(_dates, values.dt.tz_localize(None) if values.dt.tz else values, date1904)
    if fmt in ("date", "month"):
        return None
    if values.dtype.kind in "fiu" or pd.api.types.is_bool_dtype(values.dtype):
        return partial(_numbers, values.to_numpy(dtype=float, na_value=np.nan), fmt == "int")
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        return None
    return partial(_strings, values)


def _flags(flags: np.ndarray, yes: str) -> pa.Array:
    return pc.if_else(pa.array(flags), _text(pa.array([yes]))[0], pa.scalar(None, pa.string()))


def _dates(values: pd.Series, date1904: bool) -> pa.Array:
    return _numbers(_serials(values, date1904), whole=False)


def _strings(values: pd.Series) -> pa.Array:
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        # Arrow's strings go over as they are: no Python object per value (0.19 s for the
        # 680,000 text cells of a million-line refresh's tables, on threads that wanted the GIL).
        return _text(pa.array(values.array).cast(pa.string()))
    return _text(pa.array(values.astype(object).where(values.notna(), None), type=pa.string()))


def all_tails(
    columns: Sequence[tuple[pd.Series, Fmt]], yes: str, date1904: bool = False
) -> Callable[[], tuple[pa.Array, ...]] | None:
    """What makes :func:`cell_tails` of every column in one call (None: one is not of one type)."""
    makers = [cell_tails(values, fmt, yes, date1904) for values, fmt in columns]
    if any(make is None for make in makers):
        return None
    return partial(_made, [make for make in makers if make is not None])


def _made(makers: list[Callable[[], pa.Array]]) -> tuple[pa.Array, ...]:
    return tuple(make() for make in makers)
