"""The desktop writer: the file renderer's tabs, copied into the open book with ``Sheet.copy``.

A refresh from the button must write the tabs the command line writes: conditional formats,
chart titles, the card's drop-down, print settings, all of which public xlwings API cannot set
cell by cell. So the tabs are rendered into a scratch workbook by the file renderer
(:func:`clientbase_xl.workbook.standalone.write_tab_book`), opened in the same Excel, and each
sheet is copied into the user's book where the tab it replaces stood; then the scratch closes.
A dozen COM calls a tab, whatever its size (``tests/excel/test_copy_writer.py`` counts them).

The user's book is changed in steps that each have an undo: the old tabs and their tables take
temporary names, the new sheets are copied in and marked, and only when every copy is in are
the old tabs deleted. A failure before that undoes what was done, so the book is as it was.
Excel points a formula at a deleted sheet to ``#REF!``: formulas and defined names of the
user's own sheets that pointed into a replaced tab are read before and written back after
(input sheets, which the refresh only reads, are not scanned; docs/excel.md says so).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

import xlwings as xw

from clientbase_xl.excel.sheets import WritePlan, mark_of, plan_tabs, set_mark
from clientbase_xl.i18n import Lang
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.workbook.dates import uses_1904

#: Temporary names of the old tabs and their tables while the new ones are copied in.
OLD_SHEET, OLD_TABLE = "~cb old {i}", "_cb_old_{i}_{j}"


def _grid(values: Any) -> list[list[Any]]:
    """``Range.formula`` as a 2-D list (xlwings gives a lone cell's as a string)."""
    if not isinstance(values, list | tuple):
        return [[values]]
    return [list(row) if isinstance(row, list | tuple) else [row] for row in values]


def _pointing_at(text: object, titles: Collection[str]) -> bool:
    return (
        isinstance(text, str) and text.startswith("=") and any(t in text.casefold() for t in titles)
    )


def _references(
    book: xw.Book, titles: Collection[str], skip: Collection[str]
) -> list[Callable[[], None]]:
    """Undo for Excel's ``#REF!``: what re-points each formula and name at ``titles``' new tabs.

    Only tabs whose title stays are meant: a formula at a tab that comes back under another
    name (the other language) cannot be re-pointed by its text.
    """
    folded = {t.casefold() for t in titles}
    found: list[Callable[[], None]] = []
    if not folded:
        return found
    for sheet in book.sheets:
        if sheet.name in skip:
            continue
        used = sheet.used_range
        for i, row in enumerate(_grid(used.formula)):
            for j, text in enumerate(row):
                if _pointing_at(text, folded):
                    found.append(_rewrite(sheet.range((used.row + i, used.column + j)), text))
    for name in book.names:
        text = name.refers_to
        if isinstance(text, str) and _pointing_at(text, folded):
            found.append(_rename_back(name, text))
    return found


def _rewrite(cell: xw.Range, text: str) -> Callable[[], None]:
    def restore() -> None:
        if cell.formula != text:
            cell.formula = text

    return restore


def _rename_back(name: Any, text: str) -> Callable[[], None]:
    def restore() -> None:
        if name.refers_to != text:
            name.refers_to = text

    return restore


@contextlib.contextmanager
def _quiet(app: xw.App) -> Iterator[None]:
    """No prompts (a sheet's deletion asks) and no flicker while sheets move; then as it was."""
    alerts, updating = app.display_alerts, app.screen_updating
    app.display_alerts, app.screen_updating = False, False
    try:
        yield
    finally:
        app.display_alerts, app.screen_updating = alerts, updating


def _uses_1904(book: xw.Book) -> bool:
    """Whether ``book`` counts dates from 1904, as its file on disk says (a new book: no).

    Public xlwings API does not tell; the file does, and a book's date system is set when it
    is made, so the last save holds it.
    """
    path = Path(book.fullname)
    return path.is_file() and uses_1904(path)


def _scratch_folder(book: xw.Book) -> str | None:
    """Beside the saved book (Excel for Mac may open files only where it was given access)."""
    folder = Path(str(book.fullname)).parent
    return str(folder) if folder.is_absolute() and folder.is_dir() else None


def copy_tabs(
    book: xw.Book,
    tabs: list[ResultTab],
    lang: Lang,
    currency: str,
    replace: set[str],
    inputs: Collection[str] = (),
) -> None:
    """Write ``tabs`` into ``book``, dropping only the tool's own tabs of the keys in ``replace``.

    ``inputs`` are the sheets the refresh read: never scanned for references, never written.
    A new tab takes the place of the tab it replaces; a table the tool wrote on a tab the user
    renamed gives its name up to the new one.
    """
    # Imported here: xlwings Lite, which never comes here, has no XlsxWriter.
    from clientbase_xl.workbook.safety import scratch_prefix, sweep
    from clientbase_xl.workbook.standalone import write_tab_book

    planned = plan_tabs(book, tabs, lang, replace)
    folder = _scratch_folder(book)
    if folder is not None:
        sweep(Path(folder))
    # Hidden beside the book; a folder a killed run left is swept by the next refresh.
    prefix = "." + scratch_prefix("copy")
    with tempfile.TemporaryDirectory(prefix=prefix, dir=folder) as tmp:
        path = Path(tmp) / "tabs.xlsx"
        titles = planned.plan.titles
        write_tab_book(tabs, lang, path, currency, titles, planned.new_tables, _uses_1904(book))
        staying = [t for t in titles.values() if t in planned.plan.places[t]]
        references = _references(book, staying, {*inputs, *planned.ours})
        with _quiet(book.app):
            scratch = book.app.books.open(str(path))
            try:
                _swap(book, scratch, tabs, planned)
            finally:
                scratch.close()
            for restore in references:
                restore()


def _swap(book: xw.Book, scratch: xw.Book, tabs: list[ResultTab], planned: WritePlan) -> None:
    """Copy each tab's sheet from ``scratch`` into ``book`` and drop the tabs they replace.

    Every change before the drop is undone, newest first, when one fails.
    """
    plan = planned.plan
    undo: list[Callable[[], None]] = []

    def rename(thing: Any, new: str) -> None:
        old = thing.name
        thing.name = new
        undo.append(lambda: setattr(thing, "name", old))

    try:
        for table, new in planned.renames:
            rename(table, new)
        by_name = {s.name: s for s in book.sheets}
        old = [by_name[name] for name in sorted(plan.drop)]
        for i, sheet in enumerate(old):  # the old tabs make room: names and table names
            for j, table in enumerate(sheet.tables):
                rename(table, OLD_TABLE.format(i=i, j=j))
            rename(sheet, OLD_SHEET.format(i=i))
        for tab in tabs:
            title = plan.titles[tab.spec.key]
            before = sorted(plan.places[title])
            source = scratch.sheets[title]
            if before:
                copied = source.copy(before=by_name[before[0]], name=title)
            else:
                copied = source.copy(after=book.sheets[-1], name=title)
            undo.append(copied.delete)
            if mark_of(copied) != (tab.spec.key, title):  # the scratch's mark came along
                set_mark(copied, tab.spec.key, title)
    except BaseException:
        for step in reversed(undo):
            with contextlib.suppress(Exception):  # the first failure is the one to report
                step()
        raise
    for sheet in old:
        sheet.delete()
