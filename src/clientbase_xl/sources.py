"""Input tables read from CSV or Parquet files (or folders of them) instead of sheets.

A Settings entry such as *Sales file* points an input at a file or folder; the path may be
relative to the workbook's folder. pyarrow's multi-threaded C++ readers load the files straight
into Arrow columns, which the parsers take as typed columns: ten million lines never become
Python objects. Columns holding codes are read as text, so that ``00123`` stays ``00123``.

A folder's files (searched through its sub-folders, in name order) must share one header, in
any order. Each problem in them is reported with the file's name and the row a spreadsheet would
show (the header is row 1).

Where a path may lead (docs/inputs/README.md): a relative path stays inside the workbook's
folder (``data/sales.csv``, never ``../../x.csv``); a whole path (``D:/Data/sales.csv``,
``/srv/exports``) is taken as the user named it, but never a drive's or the home folder's root,
and a folder is searched for at most :data:`MAX_ENTRIES` entries. A file must be CSV or Parquet.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Text
from clientbase_xl.inputs.model import requested_files
from clientbase_xl.inputs.raw import Part, RawTable
from clientbase_xl.inputs.schema import SHEETS, SheetSchema, header_key

SUFFIXES = (".csv", ".txt", ".parquet", ".pq")
_DELIMITERS = (";", ",", "\t", "|")
#: What is read to sniff a CSV file's encoding and delimiter.
_HEAD_BYTES = 1 << 16

NOT_FOUND = Text(
    "{path} (Settings, {setting}) does not exist.",
    "{path} (Настройки, {setting}) не существует.",
)
NO_FILES = Text(
    "The folder {path} (Settings, {setting}) holds no CSV or Parquet file.",
    "В папке {path} (Настройки, {setting}) нет файлов CSV или Parquet.",
)
NOT_READABLE = Text("Cannot read {path}: {reason}", "Не удаётся прочитать {path}: {reason}")
OTHER_HEADER = Text(
    "{path} has the columns {found}, the folder's first file {first} has {expected}: the files "
    "of one folder must have the same columns.",
    "В {path} столбцы {found}, а в первом файле папки {first} — {expected}: у файлов одной "
    "папки должны быть одинаковые столбцы.",
)

OUTSIDE = Text(
    "{typed} (Settings, {setting}) leads outside the workbook's folder {base}. Name a path "
    "inside it, or give the whole path if you mean that place.",
    "{typed} (Настройки, {setting}) ведёт за пределы папки книги {base}. Укажите путь внутри "
    "неё или полный путь, если нужно именно то место.",
)
TOO_WIDE = Text(
    "{path} (Settings, {setting}) is a whole drive or your home folder: name the folder that "
    "holds the files.",
    "{path} (Настройки, {setting}) — целый диск или домашняя папка: укажите папку, где лежат "
    "файлы.",
)
TOO_MANY = Text(
    "The folder {path} (Settings, {setting}) holds more than {limit:,} files and folders: name "
    "the folder that holds only the files to read.",
    "В папке {path} (Настройки, {setting}) больше {limit:,} файлов и папок: укажите папку, где "
    "лежат только нужные файлы.",
)
NOT_DATA = Text(
    "{path} (Settings, {setting}) is not a CSV or Parquet file (it ends in {suffix!r}).",
    "{path} (Настройки, {setting}) — не файл CSV или Parquet (окончание {suffix!r}).",
)
#: Entries a folder search looks at before it gives up on a folder as too wide.
MAX_ENTRIES = 10_000

_BY_KEY = {sheet.key: sheet for sheet in SHEETS}


def resolve_source(typed: str, base: Path | None, setting: str) -> Path:
    """The path a Settings entry names, held to the rules of the module docstring."""
    path = Path(typed).expanduser()
    if path.is_absolute() or base is None:
        return path
    inside = (base / path).resolve()
    if not inside.is_relative_to(base.resolve()):
        raise WorkbookError(OUTSIDE.format("en", typed=typed, setting=setting, base=base))
    return inside


def with_file_sources(tables: Mapping[str, RawTable], base: Path | None) -> dict[str, RawTable]:
    """``tables`` with every input Settings points at a file or folder read from there.

    ``base`` is the workbook's folder, for relative paths (None where there is none).
    Raises :class:`~clientbase_xl.errors.WorkbookError` for a path that is missing or unreadable.
    """
    out = dict(tables)
    for key, typed in requested_files(tables).items():
        setting = f"{_BY_KEY[key].label.en} file"
        path = resolve_source(typed, base, setting)
        out[key] = read_source(path, _BY_KEY[key], setting=setting)
    return out


def read_source(path: Path, sheet: SheetSchema, setting: str = "") -> RawTable:
    """Read the file or folder at ``path`` as input ``sheet``."""
    if not path.exists():
        raise WorkbookError(NOT_FOUND.format("en", path=path, setting=setting))
    if path.is_file():
        if path.suffix.lower() not in SUFFIXES:
            raise WorkbookError(
                NOT_DATA.format("en", path=path, setting=setting, suffix=path.suffix)
            )
        files, root = [path], path.parent
    else:
        files = _data_files(path, setting)
        root = path.parent
        if not files:
            raise WorkbookError(NO_FILES.format("en", path=path, setting=setting))
    read = [(f.relative_to(root).as_posix(), *_read_file(f, sheet)) for f in files]
    first_name, first, first_row = read[0]
    expected = [header_key(h) for h in first.column_names]
    chunks: list[list[pa.ChunkedArray]] = [[] for _ in first.column_names]
    for name, table, _ in read:
        keys = [header_key(h) for h in table.column_names]
        if keys == expected:  # the usual case, and the only one for repeated headers
            positions = list(range(len(keys)))
        elif sorted(keys) == sorted(expected) and len(set(keys)) == len(keys):
            positions = [keys.index(k) for k in expected]
        else:
            raise WorkbookError(
                OTHER_HEADER.format(
                    "en",
                    path=name,
                    found=", ".join(table.column_names),
                    first=first_name,
                    expected=", ".join(first.column_names),
                )
            )
        for chunk, i in zip(chunks, positions, strict=True):
            chunk.append(table.column(i))
    data = [_unify(parts).to_pandas() for parts in chunks]
    label = read[0][0] if len(read) == 1 else path.name
    return RawTable(
        label,
        list(first.column_names),
        data=data,
        first_row=first_row,
        parts=tuple(Part(n, t.num_rows, row) for n, t, row in read) if len(read) > 1 else (),
    )


def _data_files(folder: Path, setting: str) -> list[Path]:
    """The CSV and Parquet files in ``folder`` and below, in name order (bounded search)."""
    resolved = folder.resolve()
    if resolved.parent == resolved or resolved == Path.home().resolve():
        raise WorkbookError(TOO_WIDE.format("en", path=folder, setting=setting))
    found: list[Path] = []
    for seen, entry in enumerate(folder.rglob("*"), start=1):
        if seen > MAX_ENTRIES:
            raise WorkbookError(
                TOO_MANY.format("en", path=folder, setting=setting, limit=MAX_ENTRIES)
            )
        if entry.suffix.lower() in SUFFIXES and entry.is_file():
            found.append(entry)
    return sorted(found)


def _read_file(path: Path, sheet: SheetSchema) -> tuple[pa.Table, int]:
    """The file's table and the row number its first data row has in the file."""
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            return pq.read_table(path), 2
        return _read_csv(path, sheet)
    except (OSError, pa.ArrowException, UnicodeDecodeError, csv.Error) as exc:
        raise WorkbookError(NOT_READABLE.format("en", path=path, reason=exc)) from exc


def _read_csv(path: Path, sheet: SheetSchema) -> tuple[pa.Table, int]:
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    encoding = _encoding(head)
    lines = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()
    # Blank lines above the header are passed over; a blank line below it is read as a blank
    # row (the validator skips those), so every row keeps the number a spreadsheet shows.
    above = next((i for i, text in enumerate(lines) if text.strip()), 0)
    line = lines[above] if lines else ""
    delimiter = max(_DELIMITERS, key=line.count)
    header = next(csv.reader([line], delimiter=delimiter), [])
    as_text = {h: pa.string() for h in header if sheet.reads_as_text(h)}
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(encoding=encoding, skip_rows=above),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types=as_text,
            # Only an empty field is blank: a client may well be called "NA".
            null_values=[""],
            strings_can_be_null=True,
        ),
    )
    return table, above + 2


def _encoding(head: bytes) -> str:
    """UTF-8 when the first bytes decode as such, else Windows-1251 (what 1C writes)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def _unify(parts: list[pa.ChunkedArray]) -> pa.ChunkedArray:
    """One column from the files' pieces; pieces of different types meet as numbers or text."""
    parts = [_plain(p) for p in parts]
    types = {p.type for p in parts if not pa.types.is_null(p.type)}
    if len(types) > 1:
        numeric = all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in types)
        target = pa.float64() if numeric else pa.string()
        parts = [p.cast(target) for p in parts]
    elif len(types) == 1:
        target = types.pop()
        parts = [p.cast(target) if pa.types.is_null(p.type) else p for p in parts]
    return pa.chunked_array([c for p in parts for c in p.chunks], type=parts[0].type)


def _plain(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Types the parsers know: decimals as floats, dictionaries decoded, dates as timestamps."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        return _plain(column.cast(kind.value_type))
    if pa.types.is_decimal(kind):
        return column.cast(pa.float64())
    if pa.types.is_date(kind):
        return column.cast(pa.timestamp("ms"))
    if pa.types.is_large_string(kind):
        return column.cast(pa.string())
    return column
