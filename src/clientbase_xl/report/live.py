"""Live cells: the formulas of links and of a choice's lookups, worked out once for both writers.

A result tab is data, but two kinds of cell are formulas in the file, so that they work in
Excel without Python once the refresh has written them: a :class:`~clientbase_xl.report.spec.Link`
(``HYPERLINK`` to another block, or to a client's row of the client card) and a
:class:`~clientbase_xl.report.spec.Lookup` (``INDEX``/``MATCH`` over a table of the same tab,
following the client picked in a drop-down). The file writer and the Excel writer both ask
:class:`LiveCells` for the formula text of each cell; the cached value stays the frame's.

Input: every tab written in the refresh, as :class:`Placed` (its sheet name and layout).
Output: formula text per cell, ``None`` where a cell is a plain value. Pure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd

from clientbase_xl.inputs.raw import column_letter
from clientbase_xl.report.layout import BlockPlace, TabLayout
from clientbase_xl.report.spec import LINK_ROWS, VALUE, Col, Link

#: Excel refuses a text literal longer than this inside a formula.
FORMULA_TEXT_LIMIT = 255


@dataclass(frozen=True)
class Placed:
    """A tab as the refresh writes it: the sheet's name and where its blocks go."""

    sheet: str
    layout: TabLayout


def _column(place: BlockPlace, key: str) -> str:
    """The absolute range of column ``key`` over ``place``'s data rows, e.g. ``$C$41:$C$500``."""
    letter = column_letter(place.col(key))
    return f"${letter}${place.first + 1}:${letter}${place.last + 1}"


def _literal(value: object) -> str | None:
    """``value`` as a formula literal, or None when it cannot be one (blank, too long)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if math.isnan(value) or math.isinf(value) else repr(value)
    if isinstance(value, str):
        if len(value) > FORMULA_TEXT_LIMIT:
            return None
        return '"' + value.replace('"', '""') + '"'
    return None  # dates and the like stay plain: a link on them is not worth a serial number


def _target(sheet: str, row: int) -> str:
    """A ``HYPERLINK`` location: column A of 0-based ``row`` on ``sheet``."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    # The location is itself a text literal of the formula: its double quotes are doubled.
    return '"#' + quoted.replace('"', '""') + f'!A{row + 1}"'


class LiveCells:
    """The formula of each live cell of the tabs of one refresh."""

    def __init__(self, placed: Mapping[str, Placed]) -> None:
        self.placed = placed
        self._rows = cache(self._key_rows)

    def _key_rows(self, tab: str, block: str, key: str) -> dict[object, int]:
        """The sheet row of each value of column ``key`` of a block (its first row)."""
        place = self.placed[tab].layout.blocks[block]
        rows: dict[object, int] = {}
        for i, value in enumerate(place.frame[key].tolist()):
            rows.setdefault(value, place.first + i)
        return rows

    def _link(self, link: Link, value: object) -> str | None:
        where = self.placed.get(link.tab)
        if where is None or link.block not in where.layout.blocks:
            return None  # the tab is not written in this refresh: its rows are unknown
        literal = _literal(value)
        if literal is None:
            return None
        if link.key is None:
            row: int | None = where.layout.blocks[link.block].title_row
        else:
            row = self._rows(link.tab, link.block, link.key).get(value)
        if row is None:
            return None
        return f"=HYPERLINK({_target(where.sheet, row)},{literal})"

    def _lookup(self, tab: str, place: BlockPlace, col: Col, i: int) -> str | None:
        lookup = place.block.lookup
        assert lookup is not None
        blocks = self.placed[tab].layout.blocks
        table, pick = blocks[lookup.table], blocks[lookup.pick]
        if place.block.fields:  # a vertical block: each row's value is its field's
            if col.key != VALUE:
                return None
            wanted = place.block.fields[i].key
        else:
            wanted = f"{col.key}_{i}" if lookup.by_row else col.key
        if wanted not in [c.key for c in table.columns] or table.last < table.first:
            return None
        # &"" reads a typed number as the text id the table holds (02429 typed as 2429 aside).
        chosen = f'${column_letter(pick.col(lookup.key))}${pick.first + 1}&""'
        found = f"INDEX({_column(table, wanted)},MATCH({chosen},{_column(table, lookup.key)},0))"
        # An empty cell of the table shows empty, not 0; a client not in it shows nothing.
        return f'=IFERROR(IF({found}="","",{found}),"")'

    def column(self, tab: str, place: BlockPlace, j: int) -> list[str | None] | None:
        """The formula of each cell of column ``j`` of ``place``; None when none is live."""
        col = place.columns[j]
        n = len(place.frame)
        if place.block.lookup is not None:
            out = [self._lookup(tab, place, col, i) for i in range(n)]
        elif col.link is not None and n <= LINK_ROWS:
            link = col.link
            out = [self._link(link, v) for v in place.frame[col.key].tolist()]
        else:
            return None
        return out if any(f is not None for f in out) else None

    def choices(self, tab: str, place: BlockPlace) -> str | None:
        """The range a drop-down over ``place``'s cells offers (``=$A$41:$A$500``), or None."""
        if place.block.choices is None:
            return None
        block, key = place.block.choices
        source = self.placed[tab].layout.blocks[block]
        if source.last < source.first:
            return None
        return "=" + _column(source, key)
