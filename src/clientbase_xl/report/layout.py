"""Where a result tab's parts go, worked out once and followed by both writers.

The file writer (:mod:`~clientbase_xl.workbook.render`) and the Excel writer
(:mod:`~clientbase_xl.excel.gateway`) only do I/O: the rows of each block's title, header and
data, the width of each column, where the charts start and how tall the note and headers are
come from :func:`lay_out`. Rows and columns are 0-based, as XlsxWriter counts; the Excel
writer adds one.

Input: a :class:`~clientbase_xl.report.spec.ResultTab`; output: a :class:`TabLayout`. Pure.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

import pandas as pd

from clientbase_xl.i18n import Lang
from clientbase_xl.report.spec import (
    FIRST_BLOCK_ROW,
    RIGHT_ALIGNED,
    Block,
    Col,
    ResultTab,
)

#: How far below a block's last row the next block's title is (one blank row between).
BLOCK_GAP = 2
#: The most lines a tab's note is given, and how much of a column width its italic fills
#: (a column of width w holds about w digits, and more of narrower letters).
NOTE_LINES, NOTE_FILL = 6, 1.1
#: The room a header's indent takes, in characters (Excel's indent of 1 is about two).
HEADER_INDENT_CHARS = 2
#: Points of one line of text at the default size: a row's height per line it holds.
LINE_POINTS = 15
#: Header rows grow to at most this many lines.
HEADER_LINES = 3
#: Blocks longer than this keep one line a row: a list that long is searched, not read, and
#: wrapping writes every cell by itself (see :attr:`~clientbase_xl.report.spec.Col.wrap`).
WRAP_ROWS = 2_000


@dataclass(frozen=True)
class BlockPlace:
    """One block on its tab: its frame, the columns shown and its rows."""

    block: Block
    frame: pd.DataFrame
    columns: tuple[Col, ...]
    title_row: int
    header_row: int

    @property
    def first(self) -> int:
        """The first data row."""
        return self.header_row + 1

    @property
    def last(self) -> int:
        """The last data row; above :attr:`first` when the frame is empty."""
        return self.header_row + len(self.frame)

    @property
    def table_last(self) -> int:
        """The table's last row: an empty table still has one (blank) body row."""
        return self.header_row + max(len(self.frame), 1)

    def col(self, key: str) -> int:
        """The column of ``key`` on the sheet."""
        return [c.key for c in self.columns].index(key)


@dataclass(frozen=True)
class TabLayout:
    """Every block's place, the column widths, and where the charts and note go."""

    blocks: dict[str, BlockPlace]
    widths: tuple[float, ...]

    @property
    def chart_col(self) -> int:
        """The column of the charts: one column right of the widest table."""
        return len(self.widths) + 1

    def span(self, through: str | None = None) -> int:
        """How many columns the note is merged over.

        The tables' width, or the printed width when the blocks after ``through`` are not
        printed: a note merged past the print area is cut at its edge.
        """
        if through is None:
            return max(len(self.widths), 1)
        return self.printed(through)[1] + 1

    def printed(self, through: str) -> tuple[int, int]:
        """The last row and column printed when the blocks after ``through`` are not."""
        last = self.blocks[through]
        above = [p for p in self.blocks.values() if p.title_row <= last.title_row]
        return last.table_last, max(len(p.columns) for p in above) - 1

    def note_height(self, note: str, through: str | None = None) -> float:
        """The note row's height in points: the note wraps over its :meth:`span`."""
        return LINE_POINTS * note_lines(note, sum(self.widths[: self.span(through)]))


def text_lines(text: str, room: float) -> int:
    """How many lines ``text`` wraps to in ``room`` characters, as Excel wraps a cell."""
    # Excel wraps between words only; a longer word is cut at the edge, on one line.
    wrapped = textwrap.wrap(text, max(int(room), 1), break_long_words=False, break_on_hyphens=False)
    return len(wrapped) or 1


def header_lines(text: str, col: Col) -> int:
    """How many lines ``text`` wraps to in the header of ``col`` (its indent takes room)."""
    return text_lines(
        text, col.width - 1 - (HEADER_INDENT_CHARS if col.fmt in RIGHT_ALIGNED else 0)
    )


def wraps(place: BlockPlace) -> bool:
    """Whether the block's long texts wrap: it has a wrapping column and is short enough."""
    return len(place.frame) <= WRAP_ROWS and any(c.wrap for c in place.columns)


def row_heights(place: BlockPlace, widths: tuple[float, ...]) -> dict[int, float]:
    """The data rows (sheet row -> points) whose wrapping texts take more than one line.

    Each text wraps in its sheet column's width (``widths``); empty when the block does not
    :func:`wrap <wraps>`.
    """
    if not wraps(place):
        return {}
    lines = [1] * len(place.frame)
    for j, col in enumerate(place.columns):
        if not col.wrap:
            continue
        room = max(col.width, widths[j]) - 1
        for i, text in enumerate(place.frame[col.key].astype(object)):
            if not pd.isna(text):
                lines[i] = max(lines[i], text_lines(str(text), room))
    return {place.first + i: LINE_POINTS * n for i, n in enumerate(lines) if n > 1}


def header_height(place: BlockPlace, lang: Lang, widths: tuple[float, ...]) -> float | None:
    """The header row's height in points when a header wraps, else None (the default).

    A header wraps in its sheet column's width (``widths``, :attr:`TabLayout.widths`): another
    block may have made the column wider than this block asks for.
    """
    lines = max(
        header_lines(c.label.format(lang), replace(c, width=max(c.width, widths[j])))
        for j, c in enumerate(place.columns)
    )
    return LINE_POINTS * min(lines, HEADER_LINES) if lines > 1 else None


def note_lines(text: str, width: float) -> int:
    """How many lines the note takes over ``width`` characters (at most :data:`NOTE_LINES`)."""
    wrapped = textwrap.wrap(text, max(int(width * NOTE_FILL), 1), break_long_words=False)
    return min(max(len(wrapped), 1), NOTE_LINES)


def lay_out(tab: ResultTab) -> TabLayout:
    """Place ``tab``'s blocks one under the other from :data:`FIRST_BLOCK_ROW`.

    Each block takes a title row, a header row and its data rows (one blank row when empty,
    since a table needs a body); one blank row parts it from the next. A sheet has one width
    per column: each is the widest the blocks ask for there.
    """
    row = FIRST_BLOCK_ROW
    blocks: dict[str, BlockPlace] = {}
    widths: list[float] = []
    for block in tab.spec.blocks:
        frame = tab.frames[block.key]
        place = BlockPlace(block, frame, block.shown(frame), row, row + 1)
        blocks[block.key] = place
        for j, col in enumerate(place.columns):
            if j == len(widths):
                widths.append(col.width)
            widths[j] = max(widths[j], col.width)
        row = place.table_last + BLOCK_GAP
    return TabLayout(blocks, tuple(widths))
