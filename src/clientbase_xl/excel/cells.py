"""What Excel passes to a worksheet function, turned into columns; tables turned back into cells.

Excel hands a UDF a range as a 2-D list (or a scalar for one cell), ``None`` for blanks; whole
columns (``A:A``) and table columns (``Sales[Amount]``) may bring a header on top and blank rows
below. These helpers drop both, align several columns row by row, and render a result frame as a
2-D list with a header row, blanks as ``None``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from clientbase_xl.i18n import Lang
from clientbase_xl.inputs.schema import Kind
from clientbase_xl.inputs.values import PARSERS
from clientbase_xl.report.spec import Col, utf16_truncated

Cells = object  # a scalar, a 1-D or a 2-D list, as xlwings hands it over


class ArgumentError(ValueError):
    """A worksheet-function argument Excel passed cannot be used; the message says why."""


def flatten(value: Cells) -> list[object]:
    """One column of cells from a scalar, a row, a column or a one-column 2-D range."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        return [value]
    if len(value) > 1:
        # The usual case, a one-column range, in one pass: each row unpacks to its one cell.
        try:
            return [cell for (cell,) in value]
        except (TypeError, ValueError):
            pass  # a row of another width, or a 1-D list of cells: sorted out below
        # A column as xlwings hands it over by default: a 1-D list of cells, taken as it is
        # (the types looked at in C: a Python loop over 100,000 cells costs 10 ms).
        if not {list, tuple} & set(map(type, value)):
            return list(value)
    if value and all(isinstance(row, list | tuple) for row in value):
        widths = set(map(len, value))
        if widths == {1} or len(value) == 1:  # a column, or a single row
            return list(itertools.chain.from_iterable(value))
        raise ArgumentError(f"Expected one column, got {max(widths)}.")
    out: list[object] = []
    for row in value:
        if isinstance(row, list | tuple):
            if len(row) != 1 and len(value) > 1:
                raise ArgumentError(f"Expected one column, got {len(row)}.")
            out.extend(row)
        else:
            out.append(row)
    return out


def columns(given: Mapping[str, tuple[Kind, Cells]]) -> pd.DataFrame:
    """Align argument columns into a frame: ``{name: (kind, cells)}`` parsed by kind.

    Kinds are the input parsers' (``date``, ``number``, ``id``...). A first row that does not
    parse in a typed column while the next does is a header and is dropped; rows blank in every
    column (the tail of a whole-column reference) are dropped. Cells that do not parse raise
    :class:`ArgumentError` naming the argument and the row. Output: one column per name.
    """
    names = list(given)
    kinds = [kind for kind, _ in given.values()]
    values = [cells for _, cells in given.values()]
    cols = [flatten(v) for v in values]
    length = max((len(c) for c in cols), default=0)
    if any(len(c) not in (length, 0) for c in cols):
        raise ArgumentError(f"The ranges differ in length: {', '.join(str(len(c)) for c in cols)}.")
    parsed = {n: PARSERS[k](c) for n, k, c in zip(names, kinds, cols, strict=True)}
    header = length > 1 and any(
        p.bad[0] and not p.bad[1] and kind in ("date", "number", "score")
        for p, kind in zip(parsed.values(), kinds, strict=True)
    )
    start = 1 if header else 0
    blank = np.logical_and.reduce([p.blank for p in parsed.values()]) if parsed else []
    keep = ~np.asarray(blank, dtype=bool)
    keep[:start] = False
    for (name, p), cells in zip(parsed.items(), cols, strict=True):
        bad = np.flatnonzero(p.bad & keep)
        if len(bad):
            raise ArgumentError(f"{name}: row {bad[0] + 1} holds {cells[bad[0]]!r}.")
    frame = pd.DataFrame({n: p.values.to_numpy() for n, p in parsed.items()})
    return frame[keep].reset_index(drop=True)


def rows(frame: pd.DataFrame, cols: Sequence[Col], lang: Lang) -> list[list[object]]:
    """A result frame as Excel cells: a header row of the columns' labels, then the values."""
    out: list[list[object]] = [[c.label.format(lang) for c in cols]]
    values = frame[[c.key for c in cols]].astype(object)
    for row in values.itertuples(index=False):
        out.append([_cell(v) for v in row])
    return out


def _cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, pd.Period):
        return value.to_timestamp().to_pydatetime()
    return value


#: Excel's text prefix: a cell value that starts with it is stored as the text after it.
TEXT_PREFIX = "'"


def literal(cells: list[list[object]]) -> list[list[object]]:
    """Cells to assign to ``Range.value`` with every text kept as text.

    Excel parses text assigned to a cell as if typed: ``=cmd|' /C calc'!A0`` or ``@SUM(...)``
    becomes a formula, ``02429`` a number, ``1-2`` a date. Text from the inputs must stay what
    it was, so every text value goes in behind Excel's text prefix (shown nowhere, read back
    without it). A text longer than a cell holds is cut as the file writer cuts it.
    """
    return [
        [TEXT_PREFIX + utf16_truncated(v) if isinstance(v, str) else v for v in row]
        for row in cells
    ]
