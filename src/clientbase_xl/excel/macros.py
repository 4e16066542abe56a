"""The buttons: Refresh, Refresh selected, Close month, Check inputs, One file per manager.

Each is a function taking the book (also the ``@xw.script`` of xlwings Lite) and a no-argument
entry for ``RunPython`` that passes ``xw.Book.caller()``. Progress goes to Excel's status bar; a
failure shows a message box with the first problems and writes the whole list to the Errors tab;
input sheets are never written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import xlwings as xw

from clientbase_xl.errors import ClientbaseError, InputProblems, UsageError
from clientbase_xl.excel.gateway import XlwingsGateway
from clientbase_xl.i18n import Text
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.schema import header_key
from clientbase_xl.refresh import close_month as close_month_in
from clientbase_xl.refresh import compute, now_stamp, refresh
from clientbase_xl.report.owned import SELECTION_TABLE
from clientbase_xl.tabs import tab_key

PROBLEMS_TITLE = Text("ClientBase: input problems", "ClientBase: ошибки во входных данных")
SHOWN = 10
DONE = Text("ClientBase: refreshed {n} tabs.", "ClientBase: обновлено листов: {n}.")
CLOSED = Text("ClientBase: {month} closed into History.", "ClientBase: месяц {month} закрыт.")
CHECK_OK = Text("No problems found.", "Проблем не найдено.")
SPLIT_DONE = Text(
    "ClientBase: {n} files, one per manager, in {folder}.",
    "ClientBase: файлов по менеджерам: {n}, в папке {folder}.",
)
SAVE_FIRST = Text(
    "Save the workbook first: the managers' files are written into a folder beside it.",
    "Сначала сохраните книгу: файлы менеджеров записываются в папку рядом с ней.",
)
TICKED = {"yes", "да", "true", "1", "1.0", "x", "+", "✓"}


class StatusBar:
    """Shows each step of a refresh in Excel's status bar."""

    def __init__(self, book: xw.Book) -> None:
        self.app = book.app

    def __call__(self, step: str) -> None:
        """Report that ``step`` has started."""
        self.app.status_bar = f"ClientBase: {step}..."

    def clear(self) -> None:
        """Give the status bar back to Excel."""
        self.app.status_bar = False


def _alert(book: xw.Book, problems: InputProblems) -> None:
    lines = problems.problems.lines(problems.lang, limit=SHOWN)
    book.app.alert("\n".join(lines), title=PROBLEMS_TITLE.format(problems.lang))


def selected_tabs(book: xw.Book) -> set[str] | None:
    """Tab keys ticked on the Start sheet's TabChoice table, or None without one (= all)."""
    for sheet in book.sheets:
        for table in sheet.tables:
            if header_key(table.name) != header_key(SELECTION_TABLE):
                continue
            body = table.data_body_range
            values = body.options(ndim=2).value if body is not None else []
            chosen = set()
            for name, flag, *_ in values or []:
                key = tab_key(str(name))
                if key and str(flag).strip().casefold() in TICKED:
                    chosen.add(key)
            return chosen
    return None


@contextlib.contextmanager
def _reported(book: xw.Book) -> Iterator[StatusBar]:
    """Run a button's work with progress in the status bar and failures in a message box."""
    status = StatusBar(book)
    try:
        yield status
    except InputProblems as exc:
        status.clear()
        _alert(book, exc)
    except ClientbaseError as exc:
        status.clear()
        book.app.alert(str(exc), title="ClientBase")


def refresh_book(book: xw.Book, only: set[str] | None = None, lite: bool = False) -> None:
    """Refresh every result tab (or the ``only`` ones) of ``book`` (``lite``: in xlwings Lite)."""
    with _reported(book) as status:
        gateway = XlwingsGateway(book, lite)
        outcome = refresh(gateway, progress=status, only=only, refreshed=now_stamp())
        book.app.status_bar = DONE.format(outcome.lang, n=len(outcome.tabs))


def refresh_selected_book(book: xw.Book, lite: bool = False) -> None:
    """Refresh only the tabs ticked on the Start sheet."""
    refresh_book(book, selected_tabs(book), lite)


def close_month_book(book: xw.Book, lite: bool = False) -> None:
    """Freeze the last complete month into the History tab."""
    with _reported(book) as status:
        closed = close_month_in(XlwingsGateway(book, lite), progress=status)
        book.app.status_bar = CLOSED.format(closed.lang, month=closed.month.strftime("%Y-%m"))


def check_book(book: xw.Book) -> None:
    """Validate the input sheets and show what is wrong (nothing is written)."""
    inputs, problems = load_inputs(XlwingsGateway(book).read_tables())
    lang = inputs.settings.language if inputs else "en"
    if len(problems):
        _alert(book, InputProblems(problems, lang))
    else:
        book.app.alert(CHECK_OK.format(lang), title="ClientBase")


def split_book(book: xw.Book) -> None:
    """Write a workbook per manager into the folder "<book> by manager" beside the saved book.

    The book itself is only read. Classic Excel only: xlwings Lite has no folder to write to.
    """
    # Imported here: the file renderer is what this button needs, and no other button does.
    from clientbase_xl.per_manager import write_manager_files

    with _reported(book) as status:
        saved = Path(book.fullname)
        if not saved.is_file():
            raise UsageError(SAVE_FIRST.format("en"))
        outcome = compute(
            XlwingsGateway(book).read_tables(), progress=status, refreshed=now_stamp()
        )
        if not outcome.ok:
            raise InputProblems(outcome.problems, outcome.lang)
        folder = saved.with_name(f"{saved.stem} by manager")
        files = write_manager_files(outcome, saved.name, folder)
        book.app.status_bar = SPLIT_DONE.format(outcome.lang, n=len(files), folder=folder)


# No-argument entries for the buttons' RunPython calls (classic xlwings add-in).
def RefreshAll() -> None:  # noqa: N802
    """Button "Refresh"."""
    refresh_book(xw.Book.caller())


def RefreshSelected() -> None:  # noqa: N802
    """Button "Refresh selected"."""
    refresh_selected_book(xw.Book.caller())


def CloseMonth() -> None:  # noqa: N802
    """Button "Close month"."""
    close_month_book(xw.Book.caller())


def CheckInputs() -> None:  # noqa: N802
    """Button "Check inputs"."""
    check_book(xw.Book.caller())


def SplitByManager() -> None:  # noqa: N802
    """Button "One file per manager"."""
    split_book(xw.Book.caller())
