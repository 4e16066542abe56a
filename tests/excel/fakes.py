"""A workbook in memory behind mocks that enforce xlwings' real API (``create_autospec``).

Every object the gateway touches is an autospec of the xlwings class it stands for, so a call
xlwings does not have, or a wrong signature, fails the test. Cells live in plain grids; reads and
writes of ``Range.value`` are recorded so the tests can count bulk transfers.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import xlwings as xw


class Grid:
    """The cells of one fake sheet, 1-based like Excel."""

    def __init__(self, cells: list[list[object]] | None = None) -> None:
        self.cells: dict[tuple[int, int], object] = {}
        for r, row in enumerate(cells or [], start=1):
            for c, value in enumerate(row, start=1):
                self.cells[(r, c)] = value

    def block(self, row: int, col: int, height: int, width: int) -> list[list[object]]:
        return [[self.cells.get((row + i, col + j)) for j in range(width)] for i in range(height)]


class Recorder:
    """Counts bulk transfers: a read or write of a range's ``value`` with a 2-D list.

    ``formulas`` lists the cells that Excel would have turned into formulas, with the text.
    """

    def __init__(self) -> None:
        self.reads = 0
        self.writes: list[tuple[str, int, int, list[list[object]]]] = []
        self.formulas: list[tuple[str, int, int, str]] = []


def excel_stores(value: object, rec: Recorder, where: tuple[str, int, int]) -> object:
    """What Excel keeps of a value assigned to ``Range.value``, as if it were typed.

    A text behind the text prefix ``'`` is kept as the text after it; a text that starts as a
    formula does (``=``, ``+``, ``-`` or ``@`` before something that is not a number) becomes one.
    """
    if not isinstance(value, str):
        return value
    if value.startswith("'"):
        return value[1:]
    if value[:1] in ("=", "+", "-", "@") and len(value) > 1:
        try:
            float(value)
        except ValueError:
            rec.formulas.append((*where, value))
    return value


def _letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Spec:
    """A fake of an xlwings class with its real attribute names and method signatures.

    ``create_autospec`` of ``xw.Range`` costs 21 ms, and a refresh makes thousands of ranges;
    the check is the same done once per class: an attribute xlwings' class lacks cannot be set
    or read, and :func:`test_fakes_have_xlwings_signatures` holds each method's signature to
    xlwings' own.
    """

    of: type = object

    def __setattr__(self, name: str, value: Any) -> None:
        if not (name.startswith("_") or hasattr(self.of, name)):
            raise AttributeError(f"{self.of.__name__} has no attribute {name!r}")
        object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:  # only for attributes never set
        if name.startswith("_") or not hasattr(self.of, name):
            raise AttributeError(f"{self.of.__name__} has no attribute {name!r}")
        return None


class FakeFont(Spec):
    of = xw.main.Font


class FakeRange(Spec):
    """A range of a fake sheet: reads and writes its grid, counting bulk transfers."""

    of = xw.Range

    def __init__(
        self, sheet: Any, grid: Grid, rec: Recorder, row: int, col: int, height: int, width: int
    ) -> None:
        self._grid, self._rec = grid, rec
        self.row, self.column, self.shape = row, col, (height, width)
        first, last = f"${_letter(col)}${row}", f"${_letter(col + width - 1)}${row + height - 1}"
        self.address = first if (height, width) == (1, 1) else f"{first}:{last}"
        # Points as Excel's defaults give them: rows 15 pt high, columns 48 pt wide.
        self.top, self.left = 15.0 * (row - 1), 48.0 * (col - 1)
        self.sheet = sheet
        self.font = FakeFont()

    def resize(self, row_size: int | None = None, column_size: int | None = None) -> FakeRange:
        height, width = self.shape
        return FakeRange(
            self.sheet,
            self._grid,
            self._rec,
            self.row,
            self.column,
            row_size or height,
            column_size or width,
        )

    def options(self, convert: Any = None, **options: Any) -> FakeRange:
        self._rec.reads += 1
        opt = FakeRange(self.sheet, self._grid, self._rec, self.row, self.column, *self.shape)
        object.__setattr__(opt, "_read", self._grid.block(self.row, self.column, *self.shape))
        return opt

    @property
    def value(self) -> Any:
        if "_read" in self.__dict__:
            return self.__dict__["_read"]
        return self._grid.cells.get((self.row, self.column))

    @value.setter
    def value(self, value: Any) -> None:
        row, col, name = self.row, self.column, self.sheet.name
        if isinstance(value, list):
            stored = [
                [excel_stores(v, self._rec, (name, row + i, col + j)) for j, v in enumerate(line)]
                for i, line in enumerate(value)
            ]
            self._rec.writes.append((name, row, col, stored))
            for i, line in enumerate(stored):
                for j, v in enumerate(line):
                    self._grid.cells[(row + i, col + j)] = v
        else:
            self._grid.cells[(row, col)] = excel_stores(value, self._rec, (name, row, col))


def fake_range(
    sheet: Any, grid: Grid, rec: Recorder, row: int, col: int, height: int = 1, width: int = 1
) -> FakeRange:
    return FakeRange(sheet, grid, rec, row, col, height, width)


def fake_names(prefix: Any = lambda: "") -> Any:
    """A Names collection: Excel reports a sheet-local name as ``'Sheet'!name``."""
    names = mock.create_autospec(xw.main.Names, instance=True)
    defined: list[Any] = []

    def add(name: str, refers_to: str) -> Any:
        made = mock.create_autospec(xw.main.Name, instance=True)
        made.name, made.refers_to = prefix() + name, refers_to
        made.delete.side_effect = lambda: defined.remove(made)
        defined.append(made)
        return made

    names.add.side_effect = add
    names.__iter__.side_effect = lambda: iter(list(defined))
    names.__len__.side_effect = lambda: len(defined)
    return names


def fake_sheet(
    book: Any,
    name: str,
    rec: Recorder,
    cells: list[list[object]] | None = None,
    tables: dict[str, tuple[int, int, int, int]] | None = None,
) -> Any:
    sheet = mock.create_autospec(xw.Sheet, instance=True)
    sheet.name = name
    sheet.book = book
    grid = Grid(cells)
    sheet.grid = grid

    def cells(cell1: Any, cell2: Any = None) -> Any:
        if isinstance(cell1, str):  # an address, possibly of several areas ("A1:A3,C1:C3")
            rng = fake_range(sheet, grid, rec, 1, 1)
            rng.address = cell1
            return rng
        if cell2 is None:
            return fake_range(sheet, grid, rec, *cell1)
        height, width = cell2[0] - cell1[0] + 1, cell2[1] - cell1[1] + 1
        return fake_range(sheet, grid, rec, *cell1, height, width)

    sheet.range.side_effect = cells
    height = max((r for r, _ in grid.cells), default=0)
    width = max((c for _, c in grid.cells), default=0)
    sheet.used_range = fake_range(sheet, grid, rec, 1, 1, height, width)
    made = []
    for table_name, (r, c, h, w) in (tables or {}).items():
        table = mock.create_autospec(xw.main.Table, instance=True)
        table.name = table_name
        table.range = fake_range(sheet, grid, rec, r, c, h, w)
        table.data_body_range = fake_range(sheet, grid, rec, r + 1, c, h - 1, w)
        made.append(table)
    sheet.tables = mock.create_autospec(xw.main.Tables, instance=True)
    sheet.tables.__iter__.side_effect = lambda: iter(made)
    sheet.names = fake_names(lambda: f"'{sheet.name}'!")
    sheet.charts = mock.create_autospec(xw.main.Charts, instance=True)
    drawn: list[Any] = []
    sheet.drawn = drawn

    def add_chart(left: float = 0, top: float = 0, width: float = 355, height: float = 211) -> Any:
        chart = mock.create_autospec(xw.main.Chart, instance=True)
        chart.left, chart.top, chart.width, chart.height = left, top, width, height
        chart.delete.side_effect = lambda: drawn.remove(chart)
        drawn.append(chart)
        return chart

    sheet.charts.add.side_effect = add_chart
    sheet.charts.__iter__.side_effect = lambda: iter(list(drawn))
    return sheet


def fake_book(
    sheets: list[tuple[str, list[list[object]], dict[str, tuple[int, int, int, int]]]],
) -> tuple[Any, Recorder]:
    rec = Recorder()
    book = mock.create_autospec(xw.Book, instance=True)
    book.app = mock.create_autospec(xw.App, instance=True)
    made = [fake_sheet(book, n, rec, cells, tables) for n, cells, tables in sheets]
    collection = mock.create_autospec(xw.main.Sheets, instance=True)
    collection.__iter__.side_effect = lambda: iter(list(made))
    collection.__getitem__.side_effect = lambda i: made[i]
    collection.__len__.side_effect = lambda: len(made)

    def add(name: Any = None, before: Any = None, after: Any = None) -> Any:
        sheet = fake_sheet(book, name, rec)
        made.append(sheet)
        return sheet

    collection.add.side_effect = add
    book.sheets = collection
    book.names = fake_names()
    book.made = made
    return book, rec
