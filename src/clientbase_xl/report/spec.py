"""Result tabs described as data: one description serves the file writer and the Excel writer.

A :class:`TabSpec` names a tab in both languages and lists its :class:`Block` s; a block is one
titled Excel table with typed :class:`Col` umns and conditional formats. Writers read nothing
else: changing a header, a number format or a colour rule is a change here only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import pandas as pd

from clientbase_xl.i18n import Lang, Text

Fmt = Literal["text", "int", "money", "pct", "ratio", "date", "month", "bool", "pp", "general"]
Style = Literal["good", "bad", "neutral"]

#: Excel number format of each column format; ``money`` gains the currency in :func:`num_format`.
NUMBER_FORMATS: dict[Fmt, str] = {
    "text": "@",
    "int": "#,##0",
    "money": "#,##0",
    "pct": "0.0%",
    "ratio": "0.00",
    "date": "yyyy-mm-dd",
    "bool": "General",
    "month": "yyyy-mm",
    "pp": "+0.0%;-0.0%;0.0%",
    "general": "General",
}
#: Column formats Excel aligns to the right (numbers and dates): their headers are aligned so
#: too, so each header stands over its numbers, and their cells end a digit's width short of
#: the column's edge (:data:`PAD`), so a number never runs into the text of the next column
#: (rank 10 beside client 02429 read as "1002429").
RIGHT_ALIGNED: frozenset[Fmt] = frozenset({"int", "money", "pct", "ratio", "date", "month", "pp"})
#: Excel's number-format code for a blank the width of a digit, at the end of each section.
PAD = "_0"
#: Fill and font colours of the conditional styles (Excel's own "Good/Bad/Neutral" palette).
STYLE_COLOURS: dict[Style, tuple[str, str]] = {
    "good": ("#C6EFCE", "#006100"),
    "bad": ("#FFC7CE", "#9C0006"),
    "neutral": ("#FFEB9C", "#9C5700"),
}


#: Where a result tab's parts go (0-based rows): its title, its note, and the first block.
TITLE_ROW, NOTE_ROW, FIRST_BLOCK_ROW = 0, 1, 3

#: Header cells of every table, inputs and results: also drawn by the table style in Excel, but
#: LibreOffice ignores table styles, so the cells carry it themselves.
HEADER_PROPS: dict[str, object] = {
    "bold": True,
    "bg_color": "#1F4E78",
    "font_color": "#FFFFFF",
    "text_wrap": True,
    "valign": "top",
}
#: The text styles of a result tab: its title (A1), note (A2), block titles and table headers.
TITLE_SIZE = 14
TEXT_STYLES: dict[str, dict[str, object]] = {
    "title": {"bold": True, "font_size": TITLE_SIZE, "font_color": "#1F3864"},
    "note": {"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"},
    "block": {"bold": True, "font_size": 11, "font_color": "#1F3864"},
    "header": HEADER_PROPS,
    "header_right": {**HEADER_PROPS, "align": "right", "indent": 1},
}


def header_style(fmt: Fmt) -> str:
    """The :data:`TEXT_STYLES` key of the header over a column of ``fmt``."""
    return "header_right" if fmt in RIGHT_ALIGNED else "header"


#: The longest text a cell holds, in UTF-16 code units; Excel repairs a file with a longer one.
CELL_TEXT_LIMIT = 32_767


def utf16_truncated(text: str, limit: int = CELL_TEXT_LIMIT) -> str:
    """``text`` cut to ``limit`` UTF-16 code units, never inside a character past U+FFFF."""
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:i]
    return text


def num_format(fmt: Fmt, currency: str = "") -> str:
    """Excel number format for ``fmt``; money amounts carry ``currency`` when one is set."""
    base = NUMBER_FORMATS[fmt]
    if fmt == "money" and currency:
        base = f'{base} "{currency}"'
    if fmt in RIGHT_ALIGNED:
        return ";".join(section + PAD for section in base.split(";"))
    return base


@dataclass(frozen=True)
class Link:
    """Where a column's cells take the user: block ``block`` of tab ``tab``.

    With ``key``, each cell goes to the row of that block whose ``key`` column holds the
    cell's value (a client id to the client's row of the client card); without, to the
    block's title. The cell keeps its value and format (an Excel ``HYPERLINK`` formula).
    """

    tab: str
    block: str
    key: str | None = None


#: Blocks longer than this are written without links: a link is a formula per cell, and a list
#: of every client is searched, not clicked through.
LINK_ROWS = 2_000


@dataclass(frozen=True)
class Col:
    """One result column: frame key, header in both languages, format and width in characters."""

    key: str
    label: Text
    fmt: Fmt = "text"
    width: float = 12.0
    #: Shown only when the frame has it (the D class exists with ABCD only).
    optional: bool = False
    #: Where its cells take the user (see :class:`Link`).
    link: Link | None = None
    #: Long text that wraps within the column, its row growing to fit (blocks of at most
    #: :data:`~clientbase_xl.report.layout.WRAP_ROWS` rows; longer ones keep a line a row).
    wrap: bool = False


@dataclass(frozen=True)
class Lookup:
    """A block whose cells follow a choice: live formulas over a table of the same tab.

    The choice is the first cell of block ``pick`` (a drop-down over its ``key`` column of
    block ``table``). Each cell of a column shows that column of ``table``'s row whose ``key``
    equals the choice; with ``by_row``, row ``i`` of column ``c`` shows column ``c_i`` (a
    month per row from a table with a column per month). The frame holds the values for the
    choice written, so the file reads right before Excel recalculates; columns ``table`` lacks
    are written as they are.
    """

    table: str
    pick: str = "pick"
    key: str = "client"
    by_row: bool = False


@dataclass(frozen=True)
class DataBar:
    """A data bar over a numeric column."""

    column: str
    colour: str = "#63BE7B"


@dataclass(frozen=True)
class ColourScale:
    """A colour scale from ``column`` through ``to``.

    ``traffic`` is red-yellow-green, for values where more is better (``reverse``: low is
    good); ``intensity`` is white to blue, for counts where more is only more (a heat map).
    ``body_only`` leaves the last row (a total) out of the scale.
    """

    column: str
    to: str | None = None
    reverse: bool = False
    body_only: bool = False
    palette: Literal["traffic", "intensity"] = "traffic"


@dataclass(frozen=True)
class TextIs:
    """Colour a column's cells whose text equals ``value``."""

    column: str
    value: str
    style: Style


CondFormat = DataBar | ColourScale | TextIs


#: The columns of a vertical block (see :attr:`Block.fields`).
FIELD, VALUE = "field", "value"
FIELD_COLUMNS = (
    Col(FIELD, Text("Field", "Показатель"), width=26),
    Col(VALUE, Text("Value", "Значение"), "general", 40),
)


@dataclass(frozen=True)
class Block:
    """One titled Excel table on a tab."""

    key: str
    title: Text
    columns: tuple[Col, ...]
    conditional: tuple[CondFormat, ...] = ()
    #: Whether columns the frame has beyond these (a user's own, kept through a rewrite) are
    #: shown after them, under their own headers.
    extras: bool = False
    #: Its cells are formulas following a choice (see :class:`Lookup`).
    lookup: Lookup | None = None
    #: Its cells are a choice from a column of another block of the tab: (block, column).
    choices: tuple[str, str] | None = None
    #: A vertical block: its frame has one row per field (``field``: the label, ``value``),
    #: each value in its field's format; a :class:`Lookup` then looks up each field's key.
    fields: tuple[Col, ...] = ()

    def row_formats(self, key: str) -> tuple[Fmt, ...] | None:
        """Each row's format of column ``key``: a vertical block's values; else None (one)."""
        return tuple(f.fmt for f in self.fields) if self.fields and key == VALUE else None

    def column_keys(self) -> list[str]:
        """The frame columns this block shows, in order."""
        return [c.key for c in self.columns]

    def only(self, *keys: str) -> tuple[Col, ...]:
        """The columns named by ``keys``, in the block's order (what a worksheet function shows)."""
        return tuple(c for c in self.columns if c.key in keys)

    def without(self, *keys: str) -> tuple[Col, ...]:
        """The columns but those named by ``keys`` (those a function's ranges do not carry)."""
        return tuple(c for c in self.columns if c.key not in keys)

    def shown(self, frame: pd.DataFrame) -> tuple[Col, ...]:
        """The columns written for ``frame``: optional ones only when the frame has them."""
        cols = tuple(c for c in self.columns if not (c.optional and c.key not in frame.columns))
        if not self.extras:
            return cols
        known = set(self.column_keys())
        more = [c for c in frame.columns if c not in known and not str(c).startswith("_")]
        return cols + tuple(
            Col(str(c), Text(str(c), str(c)), _extra_format(frame[c]), 14) for c in more
        )


def _extra_format(values: pd.Series) -> Fmt:
    """How a user's own column is shown: dates as dates, everything else as it is."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    return "date" if kind in ("datetime", "datetime64", "date") else "general"


ChartKind = Literal["column", "stacked", "line", "scatter"]


@dataclass(frozen=True)
class Chart:
    """A real Excel chart drawn from a block's table, beside the tables.

    ``x`` is the category column and ``series`` the value columns. With ``per``, one chart is
    drawn for each run of equal values in that column (the block is sorted by it), titled with
    the value: one chart per manager, say.
    """

    block: str
    kind: ChartKind
    title: Text
    x: str
    series: tuple[str, ...]
    per: str | None = None

    def runs(self, frame: pd.DataFrame) -> list[tuple[object, int, int]]:
        """(title suffix, first, last) data-row positions of each chart drawn from ``frame``.

        One run over every row without ``per``; else one per run of equal ``per`` values.
        """
        if self.per is None:
            return [(None, 0, len(frame) - 1)]
        runs: list[tuple[object, int, int]] = []
        for i, v in enumerate(frame[self.per].tolist()):
            if runs and runs[-1][0] == v:
                runs[-1] = (v, runs[-1][1], i)
            else:
                runs.append((v, i, i))
        return runs

    def title_for(self, value: object, lang: Lang) -> str:
        """The title of the chart drawn for run ``value`` (None: the only chart)."""
        return self.title.format(lang) + ("" if value is None else str(value))


@dataclass(frozen=True)
class TabSpec:
    """A result tab: names in both languages, a one-line description and its blocks."""

    key: str
    name: Text
    about: Text
    blocks: tuple[Block, ...]
    table_style: str = "Table Style Medium 2"
    charts: tuple[Chart, ...] = ()
    #: Which clients the tab counts: a block with a ``client`` column and a sentence with
    #: ``{n}``, added to the note, since tabs count different clients (the window's buyers,
    #: every buyer, every client on file) and a reader comparing them must know.
    counts: tuple[str, Text] | None = None
    #: The last block printed, when the blocks below it are for lookups, not for paper.
    print_through: str | None = None
    #: Names the tab had in earlier versions: an unmarked sheet of one is still the tool's.
    former: tuple[str, ...] = ()

    def title(self, lang: Lang) -> str:
        """The tab's name in ``lang``: also its title in cell A1."""
        return self.name.format(lang)

    def table_name(self, block: Block) -> str:
        """The Excel table name of ``block`` on this tab: ``cb_<tab>_<block>``."""
        return f"cb_{self.key}_{block.key}"

    def block(self, key: str) -> Block:
        """Return the block named ``key``."""
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(key)


@dataclass(frozen=True)
class ResultTab:
    """A computed tab: its spec, one frame per block (columns = the block's keys), a note line."""

    spec: TabSpec
    frames: dict[str, pd.DataFrame]
    note: str = ""

    def note_line(self, lang: Lang) -> str:
        """The line under the tab's title: what the tab is, then this refresh's note."""
        return self.spec.about.format(lang) + (f" {self.note}" if self.note else "")

    def counted(self, lang: Lang) -> ResultTab:
        """Return the tab with its note saying how many clients it counts, and which."""
        if self.spec.counts is None or self.frames[self.spec.counts[0]].empty:
            return self  # a tab not computed (too little data) says why, not "0 clients"
        block, text = self.spec.counts
        said = text.format(lang, n=self.frames[block]["client"].nunique())
        return replace(self, note=f"{self.note} {said}".strip())


#: What :attr:`TabSpec.counts` says, by the clients a tab counts.
IN_WINDOW = Text(
    "Counts {n} clients: those with sales lines in the analysis window.",
    "Учтено клиентов: {n} — с продажами в окне анализа.",
)
NET_IN_WINDOW = Text(
    "Counts {n} clients: those whose net sales in the analysis window are above zero.",
    "Учтено клиентов: {n} — с чистыми продажами в окне анализа больше нуля.",
)
EVER_ORDERED = Text(
    "Counts {n} clients: every client with an order up to the analysis date, over the whole "
    "history (not only the window).",
    "Учтено клиентов: {n} — все, у кого был заказ до даты анализа, за всю историю (не только "
    "окно).",
)
ON_FILE = Text(
    "Counts {n} clients: every client in Sales or on the Clients sheet, with sales or not.",
    "Учтено клиентов: {n} — все клиенты из продаж и с листа «Клиенты», с продажами или без.",
)
