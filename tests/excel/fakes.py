"""A workbook in memory behind mocks that enforce xlwings' real API (``create_autospec``).

Every object the gateway touches is an autospec of the xlwings class it stands for, so a call
xlwings does not have, or a wrong signature, fails the test. Cells live in plain grids; reads and
writes of ``Range.value`` are recorded so the tests can count bulk transfers, and every call
an xlwings object takes is counted (:meth:`Recorder.com_calls`). ``App.books.open`` opens a real
workbook file (read with openpyxl) and ``Sheet.copy`` copies a fake sheet into a fake book, so the
desktop writer's route through a scratch workbook runs here end to end.
"""

from __future__ import annotations

import datetime as dt
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


#: Calls Python makes of a mock that Excel never sees (list lookups, ``list()``'s size hint).
PYTHON_ONLY = ("__eq__", "__ne__", "__hash__", "__len__", "__str__", "__bool__")


class Recorder:
    """Counts bulk transfers: a read or write of a range's ``value`` with a 2-D list.

    ``formulas`` lists the cells that Excel would have turned into formulas, with the text.
    """

    def __init__(self) -> None:
        self.reads = 0
        self.writes: list[tuple[str, int, int, list[list[object]]]] = []
        self.formulas: list[tuple[str, int, int, str]] = []
        #: Property reads and writes of ranges and fonts (each one COM call in Excel).
        self.properties = 0
        #: Ranges merged: (sheet, address).
        self.merged: list[tuple[str, str]] = []
        #: Every autospec made, whose recorded calls are COM calls.
        self.mocks: list[Any] = []
        #: Paths of the workbooks ``App.books.open`` opened, and the fake books made of them.
        self.opened: list[tuple[str, Any]] = []

    def spec(self, cls: type, **attrs: Any) -> Any:
        """An autospec of ``cls`` whose calls count."""
        made = mock.create_autospec(cls, instance=True)
        for name, value in attrs.items():
            setattr(made, name, value)
        self.mocks.append(made)
        return made

    def com_calls(self) -> int:
        """Calls made on xlwings objects, with the property traffic of ranges and fonts.

        Property writes on the mocked objects (a sheet's or a table's name) are not counted:
        a rename is one call in Excel, and the writers rename a few things a tab.
        """
        calls = (c for m in self.mocks for c in m.mock_calls)
        return self.properties + sum(not c[0].endswith(PYTHON_ONLY) for c in calls)


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


def _cell(address: str) -> tuple[int, int]:
    """``"B12"`` as (12, 2): 1-based row and column, as xlwings counts them."""
    letters = address.rstrip("0123456789")
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(address[len(letters) :]), col


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
        if self.__dict__.get("_ready") and not name.startswith("_"):
            self.__dict__["_rec"].properties += 1
        object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:  # only for attributes never set
        if name.startswith("_") or not hasattr(self.of, name):
            raise AttributeError(f"{self.of.__name__} has no attribute {name!r}")
        return None


class FakeFont(Spec):
    of = xw.main.Font

    def __init__(self, rec: Recorder) -> None:
        self._rec = rec
        self._ready = True


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
        self.font = FakeFont(rec)
        self._ready = True

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

    def _blocks(self) -> list[tuple[int, int, int, int]]:
        """The merged blocks of this range's sheet: first row, first column, height, width."""
        out = []
        for sheet, address in self._rec.merged:
            if sheet != self.sheet.name:
                continue
            first, _, last = address.replace("$", "").partition(":")
            (r1, c1), (r2, c2) = _cell(first), _cell(last or first)
            out.append((r1, c1, r2 - r1 + 1, c2 - c1 + 1))
        return out

    @property
    def merge_cells(self) -> bool | None:
        """As Excel answers: True if every cell is merged, None if some are, else False."""
        height, width = self.shape
        touched = [
            b
            for b in self._blocks()
            if b[0] < self.row + height
            and self.row < b[0] + b[2]
            and b[1] < self.column + width
            and self.column < b[1] + b[3]
        ]
        if not touched:
            return False
        return True if touched == [(self.row, self.column, height, width)] else None

    @property
    def merge_area(self) -> FakeRange:
        """The merged block holding this range's first cell, else the range itself."""
        for row, col, height, width in self._blocks():
            if row <= self.row < row + height and col <= self.column < col + width:
                return FakeRange(self.sheet, self._grid, self._rec, row, col, height, width)
        return self

    def merge(self, across: bool = False) -> None:
        """Merge the range into one cell (the fake records it, the grid keeps its values)."""
        self._rec.properties += 1
        self._rec.merged.append((self.sheet.name, self.address))

    def options(self, convert: Any = None, **options: Any) -> FakeRange:
        self._rec.reads += 1
        opt = FakeRange(self.sheet, self._grid, self._rec, self.row, self.column, *self.shape)
        object.__setattr__(opt, "_read", self._grid.block(self.row, self.column, *self.shape))
        return opt

    @property
    def value(self) -> Any:
        self._rec.properties += 1
        if "_read" in self.__dict__:
            return self.__dict__["_read"]
        return self._grid.cells.get((self.row, self.column))

    @property
    def formula(self) -> Any:
        """A lone cell's formula text, else a 2-D tuple (as xlwings gives ``Range.formula``)."""
        self._rec.properties += 1
        height, width = self.shape
        text = [
            tuple("" if v is None else str(v) for v in row)
            for row in self._grid.block(self.row, self.column, height, width)
        ]
        return text[0][0] if (height, width) == (1, 1) else tuple(text)

    @formula.setter
    def formula(self, text: str) -> None:
        self._rec.properties += 1
        self._grid.cells[(self.row, self.column)] = text

    @value.setter
    def value(self, value: Any) -> None:
        self._rec.properties += 1
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


def fake_names(rec: Recorder, prefix: Any = lambda: "") -> Any:
    """A Names collection: Excel reports a sheet-local name as ``'Sheet'!name``."""
    names = mock.create_autospec(xw.main.Names, instance=True)
    defined: list[Any] = []

    def add(name: str, refers_to: str) -> Any:
        made = rec.spec(xw.main.Name)
        made.name, made.refers_to = prefix() + name, refers_to
        made.delete.side_effect = lambda: defined.remove(made)
        defined.append(made)
        return made

    names.add.side_effect = add
    names.__iter__.side_effect = lambda: iter(list(defined))
    names.__len__.side_effect = lambda: len(defined)
    return names


def fake_table(sheet: Any, rec: Recorder, name: str, where: tuple[int, int, int, int]) -> Any:
    r, c, h, w = where
    return rec.spec(
        xw.main.Table,
        name=name,
        range=fake_range(sheet, sheet.grid, rec, r, c, h, w),
        data_body_range=fake_range(sheet, sheet.grid, rec, r + 1, c, h - 1, w),
    )


def fake_sheet(
    book: Any,
    name: str,
    rec: Recorder,
    cells: list[list[object]] | None = None,
    tables: dict[str, tuple[int, int, int, int]] | None = None,
) -> Any:
    sheet = rec.spec(xw.Sheet)
    sheet.name = name
    # Not attached as a child mock: the book's calls are the book's, not each sheet's.
    sheet.__dict__["book"] = book
    grid = Grid(cells)
    sheet.grid = grid

    def cells_of(cell1: Any, cell2: Any = None) -> Any:
        if isinstance(cell1, str):  # an address, possibly of several areas ("A1:A3,C1:C3")
            rng = fake_range(sheet, grid, rec, 1, 1)
            rng.address = cell1
            return rng
        if cell2 is None:
            return fake_range(sheet, grid, rec, *cell1)
        height, width = cell2[0] - cell1[0] + 1, cell2[1] - cell1[1] + 1
        return fake_range(sheet, grid, rec, *cell1, height, width)

    sheet.range.side_effect = cells_of
    height = max((r for r, _ in grid.cells), default=0)
    width = max((c for _, c in grid.cells), default=0)
    sheet.used_range = fake_range(sheet, grid, rec, 1, 1, height, width)
    made = [fake_table(sheet, rec, n, where) for n, where in (tables or {}).items()]
    sheet.table_list = made
    sheet.tables = mock.create_autospec(xw.main.Tables, instance=True)
    sheet.tables.__iter__.side_effect = lambda: iter(list(made))
    sheet.names = fake_names(rec, lambda: f"'{sheet.name}'!")
    sheet.charts = mock.create_autospec(xw.main.Charts, instance=True)
    drawn: list[Any] = []
    sheet.drawn = drawn

    def add_chart(left: float = 0, top: float = 0, width: float = 355, height: float = 211) -> Any:
        chart = rec.spec(xw.main.Chart)
        chart.left, chart.top, chart.width, chart.height = left, top, width, height
        chart.delete.side_effect = lambda: drawn.remove(chart)
        drawn.append(chart)
        return chart

    sheet.charts.add.side_effect = add_chart
    sheet.charts.__iter__.side_effect = lambda: iter(list(drawn))

    def delete() -> None:
        sheet.book.made.remove(sheet)

    sheet.delete.side_effect = delete

    def copy(before: Any = None, after: Any = None, name: str | None = None) -> Any:
        # As xlwings' Sheet.copy: into the book of ``before`` or ``after``, a name not taken.
        # The fake hands this very sheet over (autospecs are slow to make); the writers copy
        # from a scratch book that is closed afterwards, so nothing tells the two apart.
        target = (before or after).book
        wanted = name or sheet.name
        if wanted.casefold() in {s.name.casefold() for s in target.made}:
            raise ValueError(f"Sheet named '{wanted}' already present in workbook")
        at = target.made.index(before) if before is not None else target.made.index(after) + 1
        sheet.book.made.remove(sheet)
        sheet.name, sheet.copied = wanted, True
        sheet.__dict__["book"] = target
        target.made.insert(at, sheet)
        sheet.reset_mock()  # what the fake did to place it is not the writer's calls
        return sheet

    sheet.copy.side_effect = copy
    return sheet


def book_from_file(path: str, rec: Recorder) -> Any:
    """A fake of the book Excel opens from ``path``: each sheet's values, tables, local names."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():  # extensions it does not read (data bars): not needed here
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        cells = [list(row) for row in ws.iter_rows(values_only=True)]
        tables = {}
        for table in ws.tables.values():
            (c1, r1, c2, r2) = openpyxl.utils.cell.range_boundaries(table.ref)
            tables[table.displayName] = (r1, c1, r2 - r1 + 1, c2 - c1 + 1)
        sheets.append((ws.title, cells, tables))
    book, _ = fake_book(sheets, rec)
    for ws, sheet in zip(wb.worksheets, book.made, strict=True):
        for name, defined in ws.defined_names.items():
            sheet.names.add(name, "=" + str(defined.attr_text))
        sheet.reset_mock()
    book.fullname = path
    return book


def fake_book(
    sheets: list[tuple[str, list[list[object]], dict[str, tuple[int, int, int, int]]]],
    rec: Recorder | None = None,
) -> tuple[Any, Recorder]:
    rec = rec or Recorder()
    book = rec.spec(xw.Book)
    book.app = mock.create_autospec(xw.App, instance=True)
    book.app.books = mock.create_autospec(xw.main.Books, instance=True)

    def open_book(fullname: str, **options: Any) -> Any:
        opened = book_from_file(str(fullname), rec)
        rec.opened.append((str(fullname), opened))
        return opened

    book.app.books.open.side_effect = open_book
    made: list[Any] = []
    book.made = made
    made.extend(fake_sheet(book, n, rec, cells, tables) for n, cells, tables in sheets)
    collection = mock.create_autospec(xw.main.Sheets, instance=True)
    collection.__iter__.side_effect = lambda: iter(list(made))

    def item(i: int | str) -> Any:
        if isinstance(i, str):
            return next(s for s in made if s.name.casefold() == i.casefold())
        return made[i]

    collection.__getitem__.side_effect = item
    collection.__len__.side_effect = lambda: len(made)

    def add(name: Any = None, before: Any = None, after: Any = None) -> Any:
        sheet = fake_sheet(book, name, rec)
        made.append(sheet)
        return sheet

    collection.add.side_effect = add
    book.sheets = collection
    book.names = fake_names(rec)
    return book, rec


# A small book: seven sales lines as an Excel table on a Russian-named sheet, and Settings.
SALES = [
    ["Date", "Client", "Amount", "Manager"],
    [dt.datetime(2025, 1, 10), "A1", 500.0, "Ivanov"],
    [dt.datetime(2025, 2, 10), "A1", 300.0, "Ivanov"],
    [dt.datetime(2025, 3, 10), "A1", 200.0, "Ivanov"],
    [dt.datetime(2025, 1, 15), "B2", 250.0, "Petrova"],
    [dt.datetime(2025, 3, 15), "B2", 150.0, "Petrova"],
    [dt.datetime(2025, 2, 20), "C3", 80.0, "Petrova"],
    [dt.datetime(2025, 3, 20), "D4", 20.0, "Ivanov"],
]
SETTINGS = [["Setting", "Value"], ["Language", "ru"]]


def sheets_with(sales: list[list[Any]] = SALES) -> list[Any]:
    # Sales is an Excel table starting at B3; Settings a plain sheet.
    padded = [[None] * 5 for _ in range(2)] + [[None, *row] for row in sales]
    return [
        ("Продажи", padded, {"Sales": (3, 2, len(sales), len(sales[0]))}),
        ("Settings", SETTINGS, {}),
    ]


def book_with(sales: list[list[Any]] = SALES) -> Any:
    return fake_book(sheets_with(sales))
