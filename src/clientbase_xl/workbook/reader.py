"""Read the input tables of a workbook file, never through an object model of the workbook.

Each input is an Excel table (ListObject) found by table name, else a sheet found by sheet name,
whose first used row is the header. The result is one
:class:`~clientbase_xl.inputs.raw.RawTable` per input found, keyed by schema key.

Two Rust readers share the work. fastexcel reads a table or sheet column by column into Arrow,
each column in one type; that is the quick path, and a million-line Sales table takes it. Where
a column mixes types (a typed number among codes, a word in an amount column), fastexcel in
strict mode refuses rather than blanking the odd cell, and python-calamine then reads that
table cell by cell, so that every odd cell is reported with its own value.

Both readers release the GIL while they parse, so the largest input (Sales, as a rule) is read
by a reader of its own on a second thread while the other inputs are read beside it. A sheet
large enough is cut into bands of rows (:mod:`~clientbase_xl.workbook.bands`), one per core,
each loaded by a fastexcel reader of its own and joined again in Arrow: a million lines are read
in two thirds of the time fastexcel alone takes for them.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypedDict

import fastexcel
import pandas as pd
import pyarrow as pa
import python_calamine as pc

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Text
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.inputs.schema import SHEETS, SheetSchema, header_key
from clientbase_xl.report.owned import not_inputs
from clientbase_xl.tabs import OWN_TABS
from clientbase_xl.workbook.bands import Uncuttable, band_count, cut, scratch_folder
from clientbase_xl.workbook.below import below_tables
from clientbase_xl.workbook.dates import uses_1904
from clientbase_xl.workbook.guard import check_package, check_range
from clientbase_xl.workbook.layout import Layout, Place, locate
from clientbase_xl.workbook.opc import DamagedPart
from clientbase_xl.workbook.safety import scratch_prefix
from clientbase_xl.workbook.scan import Scanned, scan_sheets

# fastexcel logs its guesses ("Could not determine dtype ... falling back to string") through
# Python's logging: the validation says what matters of them to a user, so they stay unsaid.
logging.getLogger("fastexcel").setLevel(logging.ERROR)

CANNOT_READ = Text("Cannot read {path}: {reason}", "Не удаётся прочитать {path}: {reason}")
#: Column names fastexcel makes up: for a blank header, and for a header seen before.
_MADE_UP = re.compile(r"^__UNNAMED__\d+$|_\d+$")


def open_workbook(path: Path) -> pc.CalamineWorkbook:
    """Open ``path`` for reading; a missing or broken file is a :class:`WorkbookError`."""
    try:
        return pc.CalamineWorkbook.from_path(str(path), load_tables=True)
    except (OSError, pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise WorkbookError(CANNOT_READ.format("en", path=path, reason=exc)) from exc


def _matching(names: Iterable[str], sheet: SheetSchema) -> list[str]:
    wanted = {header_key(n) for n in sheet.names()}
    return [n for n in names if header_key(n) in wanted]


def _text_columns(header: Sequence[str], sheet: SheetSchema) -> dict[str | int, fastexcel.DType]:
    return {i: "string" for i, h in enumerate(header) if sheet.reads_as_text(h)}


def _columns(batch: pa.RecordBatch) -> list[pd.Series]:
    return [batch.column(i).to_pandas() for i in range(batch.num_columns)]


def _cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


Dtypes = dict[str | int, fastexcel.DType] | None


class _Strictly(TypedDict):
    """How every sheet and table is loaded: one type per column, a mixed column an error.

    The types are inferred from every row: from its first 1,000 only (fastexcel's default), a
    later cell of another type ("yesterday" in a column of dates) is read as a blank, and the
    value the user typed never reaches the validation. Inferring from all rows of a
    million-line sheet costs nothing measurable (5.9 s both ways).
    """

    dtype_coercion: Literal["strict"]
    schema_sample_rows: None
    eager: Literal[True]


_STRICTLY = _Strictly(dtype_coercion="strict", schema_sample_rows=None, eager=True)


def _load_strictly(reader: fastexcel.ExcelReader, sheet: str, dtypes: Dtypes) -> pa.RecordBatch:
    """The sheet ``sheet`` in Arrow (:class:`_Strictly`); a mixed column is a FastExcelError."""
    return reader.load_sheet(sheet, header_row=0, dtypes=dtypes, **_STRICTLY)


def _load_band(path: Path, sheet: str, dtypes: Dtypes) -> pa.RecordBatch:
    return _load_strictly(fastexcel.read_excel(str(path)), sheet, dtypes)


def _joined(bands: list[tuple[int, pa.RecordBatch]]) -> pa.RecordBatch | None:
    """Bands (each with the sheet row of its first data row) joined into one batch.

    None if they do not fit together: other columns or types, or more rows than a band's share.
    """
    first = bands[0][1]
    kinds = [(f.name, f.type) for f in first.schema]
    pieces = []
    for (row, batch), (after, _) in zip(bands, [*bands[1:], (None, None)], strict=True):
        if [(f.name, f.type) for f in batch.schema] != kinds:
            return None
        pieces.append(batch)
        if after is not None:
            # Blank rows just above a cut end no band: calamine stops at the last row of values.
            blank = after - row - batch.num_rows
            if blank < 0:
                return None
            if blank:
                pieces.append(
                    pa.RecordBatch.from_arrays(
                        [pa.nulls(blank, type_) for _, type_ in kinds], names=first.schema.names
                    )
                )
    try:
        columns = [
            pa.concat_arrays([piece.column(i) for piece in pieces])
            for i in range(first.num_columns)
        ]
    except pa.ArrowInvalid:  # more text than one array holds
        return None
    return pa.RecordBatch.from_arrays(columns, names=first.schema.names)


def load_banded(path: Path, sheet: Place, bands: int, dtypes: Dtypes) -> pa.RecordBatch | None:
    """The sheet cut into ``bands`` bands of rows, loaded at once on as many threads, joined.

    None when it cannot be cut, a band cannot be loaded in one type per column, or the bands
    disagree: the caller then reads the sheet whole, which decides what is wrong.
    """
    try:
        with (
            tempfile.TemporaryDirectory(
                prefix=scratch_prefix("bands"),
                dir=scratch_folder(sheet.part_size),
                ignore_cleanup_errors=True,
            ) as folder,
            ThreadPoolExecutor(bands, thread_name_prefix="clientbase-band") as pool,
        ):
            loads = [
                (band.first_row, pool.submit(_load_band, band.path, sheet.sheet, dtypes))
                for band in cut(path, sheet.part, sheet.first_row, bands, Path(folder))
            ]
            loaded = [(row, load.result()) for row, load in loads]
    except (Uncuttable, OSError, fastexcel.FastExcelError):
        return None
    return _joined(loaded)


class _Reader:
    """One workbook, read column-wise where it can be and cell by cell where it must.

    Each reader holds its own fastexcel and calamine handles, which serve one thread at a time.
    """

    def __init__(self, path: Path, layout: Layout, columnar: bool) -> None:
        self.path = path
        self.columnar = columnar
        self.tables, self.places = layout.tables, layout.sheets
        self._fast: fastexcel.ExcelReader | None = None
        self._slow: pc.CalamineWorkbook | None = None

    @property
    def fast(self) -> fastexcel.ExcelReader:
        # Opened on first use (0.1 s for a million lines' shared strings): a sheet read in bands
        # is read by readers of its own.
        if self._fast is None:
            try:
                self._fast = fastexcel.read_excel(str(self.path))
            except (OSError, fastexcel.FastExcelError) as exc:
                raise WorkbookError(CANNOT_READ.format("en", path=self.path, reason=exc)) from exc
        return self._fast

    @property
    def slow(self) -> pc.CalamineWorkbook:
        if self._slow is None:
            self._slow = open_workbook(self.path)
        return self._slow

    def table(self, name: str, sheet: SheetSchema) -> RawTable:
        place = self.tables.get(name) if self.columnar else None
        if place is not None and place.header == 1 and place.columns:
            header = list(place.columns)
            dtypes = _text_columns(header, sheet)
            try:
                if self._fills_its_sheet(place):
                    # Loading the sheet skips fastexcel's table lookup: a tenth quicker.
                    loaded = self._load_sheet(place.sheet, dtypes)
                else:
                    loaded = self.fast.load_table(name, dtypes=dtypes, **_STRICTLY)
            except fastexcel.FastExcelError:
                pass
            else:
                if loaded.num_rows == place.last_row - place.first_row - place.totals:
                    return RawTable(
                        place.sheet,
                        header,
                        first_row=place.first_row + 1,
                        first_col=place.first_col,
                        data=_columns(loaded),
                    )
        table = self.slow.get_table_by_name(name)
        row, col = table.start or (1, 0)  # the first data cell, under the header
        return RawTable(
            table.sheet, list(table.columns), table.to_python(), first_row=row + 1, first_col=col
        )

    def _load_sheet(self, name: str, dtypes: Dtypes = None) -> pa.RecordBatch:
        """The sheet ``name`` in Arrow, one type per column: in bands when it is large."""
        place = self.places.get(name)
        if place is not None and (bands := band_count(place.part_size, _cores())) > 1:
            banded = load_banded(self.path, place, bands, dtypes)
            if banded is not None:
                return banded
        return _load_strictly(self.fast, name, dtypes)

    def _fills_its_sheet(self, table: Place) -> bool:
        """Whether the table is all its sheet holds (the sheet's used range is the table)."""
        used = self.places.get(table.sheet)
        return used is not None and table.totals == 0 and used.rect == table.rect

    def sheet(self, name: str) -> RawTable:
        place = self.places.get(name) if self.columnar else None
        if place is not None:
            fast = self._fast_sheet(name, place)
            if fast is not None:
                return fast
        ws = self.slow.get_sheet_by_name(name)
        rows = ws.to_python(skip_empty_area=True)
        if not rows:
            return RawTable(name, [], [], first_row=2)
        start_row, start_col = ws.start or (0, 0)  # None only for an empty sheet
        return RawTable(name, rows[0], rows[1:], first_row=start_row + 2, first_col=start_col)

    def _fast_sheet(self, name: str, place: Place) -> RawTable | None:
        # Headers are unknown before loading, so no column is read as text by request here: a
        # column of codes mixing numbers and text goes to calamine.
        try:
            loaded = self._load_sheet(name)
        except fastexcel.FastExcelError:
            return None
        header = loaded.schema.names
        # A blank or repeated header is renamed by fastexcel; only calamine shows it as it is.
        if any(_MADE_UP.search(h) for h in header):
            return None
        # The package's used range and fastexcel's must agree, or the row numbers would not.
        if loaded.num_rows != place.last_row - place.first_row or not header:
            return None
        return RawTable(
            name,
            header,
            first_row=place.first_row + 1,
            first_col=place.first_col,
            data=_columns(loaded),
        )


@dataclass(frozen=True)
class _Job:
    """One input to read: a table by name, else a sheet by name, and its size in cells."""

    key: str
    name: str
    schema: SheetSchema | None  # None: a plain sheet
    cells: int

    def read(self, reader: _Reader) -> RawTable:
        if self.schema is not None:
            return reader.table(self.name, self.schema)
        return reader.sheet(self.name)


def _size(place: Place | None) -> int:
    if place is None:
        return 0
    return (place.last_row - place.first_row + 1) * (place.last_col - place.first_col + 1)


def read_inputs(
    path: Path,
    only: Iterable[str] | None = None,
    columnar: bool = True,
) -> dict[str, RawTable]:
    """Read every input table of the workbook at ``path`` (or the schema keys in ``only``).

    The tool's own tabs (see :mod:`clientbase_xl.report.owned`) are never taken for an input
    sheet, though an input table on one is found by its name (History, the measures). With
    ``columnar`` False every table is read cell by cell, on one thread: slower, the reference
    the quick path is tested against.
    """
    # The jobs come from the package's own parts, so the largest is under way before the readers
    # have opened the workbook (0.1 s for a million lines' shared strings).
    try:
        check_package(path)
        layout = locate(path)
    except (OSError, zipfile.BadZipFile, zlib.error, DamagedPart) as exc:  # a damaged package
        raise WorkbookError(CANNOT_READ.format("en", path=path, reason=exc)) from exc
    reader = _Reader(path, layout, columnar)
    keys = set(only) if only is not None else None
    skipped = not_inputs(layout.facts, OWN_TABS)
    candidates = [n for n in layout.names if n not in skipped]
    jobs: list[_Job] = []
    others: dict[str, tuple[str, ...]] = {}
    for sheet in SHEETS:
        if keys is not None and sheet.key not in keys:
            continue
        tables, sheets = _matching(layout.tables, sheet), _matching(candidates, sheet)
        if tables:
            place = layout.tables[tables[0]]
            check_range(path, place.sheet, place.rect)
            jobs.append(_Job(sheet.key, tables[0], sheet, _size(place)))
            # The sheet that holds the table is the table's, not another of its kind.
            others[sheet.key] = (*tables[1:], *(n for n in sheets if n != place.sheet))
        elif sheets:
            used = layout.sheets.get(sheets[0])
            if used is not None:
                check_range(path, sheets[0], used.rect)
            jobs.append(_Job(sheet.key, sheets[0], None, _size(used)))
            others[sheet.key] = tuple(sheets[1:])
    try:
        read = _run(jobs, reader, path, layout, columnar)
        found = scan_sheets(path, layout.parts, {t.sheet for t in read.values()})
        # The tool's own tabs hold their tables among other blocks: nothing below is an input.
        users = {
            j.name
            for j in jobs
            if j.schema is not None and layout.tables[j.name].sheet not in skipped
        }
        below = below_tables(path, users, layout)
    except _READ_ERRORS as exc:  # a sheet or table part the readers cannot parse
        raise WorkbookError(CANNOT_READ.format("en", path=path, reason=exc)) from exc
    date1904 = uses_1904(path)
    names = {j.key: j.name for j in jobs}
    return {
        key: replace(
            t,
            formulas=found.get(t.sheet, _NOTHING).formulas,
            merged=found.get(t.sheet, _NOTHING).merged,
            others=others.get(key, ()),
            date1904=date1904,
            below=tuple(below.get(names[key], ())),
        )
        for key, t in read.items()
    }


_NOTHING = Scanned({}, ())
#: What the readers raise for a part they cannot parse (truncated, not well-formed).
_READ_ERRORS = (
    pc.CalamineError,
    pc.XmlError,
    pc.ZipError,
    fastexcel.FastExcelError,
    DamagedPart,
    zipfile.BadZipFile,
    zlib.error,
)


def _run(
    jobs: list[_Job], reader: _Reader, path: Path, layout: Layout, columnar: bool
) -> dict[str, RawTable]:
    """Read every job's table: the largest on a thread of its own beside the others."""
    if not columnar or len(jobs) < 2:
        return {job.key: job.read(reader) for job in jobs}
    largest = max(jobs, key=lambda job: job.cells)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clientbase-read") as pool:
        big = pool.submit(lambda: largest.read(_Reader(path, layout, columnar)))
        read = {job.key: job.read(reader) for job in jobs if job is not largest}
        read[largest.key] = big.result()
    return {job.key: read[job.key] for job in jobs}
