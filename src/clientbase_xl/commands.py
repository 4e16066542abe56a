"""The commands behind the command line: refresh, close-month, check, demo and template.

:mod:`clientbase_xl.cli` parses the arguments and imports this module only then, so that
``clientbase-xl --help`` (and a mistyped option) answers without loading pandas and the rest.
Each ``cmd_*`` takes the parsed arguments and the two streams and returns the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from clientbase_xl.alerts import check_alerts_path, write_alerts
from clientbase_xl.allocator import (
    SHEET_ROWS,
    default_allocator,
    suit_allocator,
    tune_malloc,
)
from clientbase_xl.demo import demo_frames
from clientbase_xl.errors import InputProblems, UsageError, WorkbookError
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.per_manager import write_manager_files
from clientbase_xl.refresh import Outcome, close_month, compute, now_stamp, refresh
from clientbase_xl.tabs import BUILDERS, RESULT_TABS, TABS, tab_key
from clientbase_xl.tabs.actions import every_action
from clientbase_xl.template.build import build_template
from clientbase_xl.template.inputs import write_input_workbook
from clientbase_xl.workbook.gateway import FileGateway, check_source
from clientbase_xl.workbook.libreoffice import soffice
from clientbase_xl.workbook.safety import (
    READ_ONLY,
    BookLock,
    read_only,
    scratch_prefix,
    write_beside,
)

STEPS = ("read", "validate", *(name for name, _ in BUILDERS), "write")
CLOSE_STEPS = ("read", "validate", "snapshot", "write")
DONE = Text(
    "Refreshed {clients} clients from {lines} sales lines as of {as_of}.",
    "Обновлено: {clients} клиентов по {lines} строкам продаж на {as_of}.",
)
DONE_LINES = Text(
    "Refreshed from {lines} sales lines as of {as_of}.",
    "Обновлено по {lines} строкам продаж на {as_of}.",
)
WARNINGS = Text(
    "{n} warning(s), listed on the Errors tab:", "Предупреждений: {n}, список — на листе «Ошибки»:"
)
TABS_LINE = Text("Tabs: {tabs}.", "Листы: {tabs}.")
WRITTEN = Text("Written to {path}", "Записано в {path}")
PROBLEMS = Text("{n} problem(s) in the input:", "Проблем во входных данных: {n}:")
ERRORS_AT = Text(
    "The full list is on the Errors tab of {path}", "Полный список — на листе «Ошибки» в {path}"
)
CHECK_OK = Text("No problems found in {path}.", "В {path} проблем не найдено.")
CHECK_WARNED = Text(
    "No errors in {path}: a refresh runs; the {n} warning(s) above are worth a look.",
    "В {path} ошибок нет: обновление пройдёт; предупреждения выше ({n}) стоит просмотреть.",
)
BACKUP = Text("Backup kept at {path}", "Резервная копия: {path}")
CLOSED = Text(
    "Closed {month}: {clients} clients frozen into History ({months} month(s) there now).",
    "Месяц {month} закрыт: {clients} клиентов записано в «Историю» (месяцев в ней: {months}).",
)
ABC_LINE = Text("Clients by class: {classes}", "Клиенты по классам: {classes}")


class Progress:
    """Reports steps: a redrawn bar on a terminal, one line per step elsewhere."""

    def __init__(self, stream: TextIO, steps: Sequence[str] = STEPS) -> None:
        self.stream = stream
        self.steps = steps
        self.tty = stream.isatty()
        self.done = 0

    def __call__(self, step: str) -> None:
        """Report that ``step`` has started."""
        self.done = min(self.done + 1, len(self.steps))
        if self.tty:
            filled = round(20 * self.done / len(self.steps))
            self.stream.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {step:<10}")
            if self.done == len(self.steps):
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.done}/{len(self.steps)} {step}\n")
        self.stream.flush()


def _summary(outcome: Outcome, out: Path, stdout: TextIO) -> None:
    lang = outcome.lang
    assert outcome.inputs is not None
    segments = [t for t in outcome.tabs if t.spec.key == "segments"]
    tabs = ", ".join(t.spec.title(lang) for t in outcome.tabs)
    lines, as_of = len(outcome.inputs.sales), outcome.inputs.as_of.strftime("%Y-%m-%d")
    seg = segments[0].frames["clients"] if segments else None
    if seg is None:  # --only without Segments: no client count to give
        stdout.write(DONE_LINES.format(lang, lines=lines, as_of=as_of) + "\n")
    else:
        stdout.write(DONE.format(lang, clients=len(seg), lines=lines, as_of=as_of) + "\n")
    stdout.write(TABS_LINE.format(lang, tabs=tabs) + "\n")
    if seg is not None:
        counts = seg["abc"].value_counts().sort_index()
        classes = ", ".join(f"{k} {v}" for k, v in counts.items())
        stdout.write(ABC_LINE.format(lang, classes=classes) + "\n")
    stdout.write(WRITTEN.format(lang, path=out) + "\n")


def _warnings(outcome: Outcome, stderr: TextIO) -> None:
    """Say that a successful refresh still found something to look at, and where."""
    if len(outcome.problems):
        stderr.write(WARNINGS.format(outcome.lang, n=len(outcome.problems)) + "\n")
        for line in outcome.problems.lines(outcome.lang, limit=5):
            stderr.write("  " + line + "\n")


def _report(problems: InputProblems, stderr: TextIO, limit: int | None) -> None:
    lang = problems.lang
    stderr.write(PROBLEMS.format(lang, n=len(problems.problems)) + "\n")
    for line in problems.problems.lines(lang, limit=limit):
        stderr.write("  " + line + "\n")


def _refreshed_path(book: Path) -> Path:
    return book.with_name(f"{book.stem}.refreshed{book.suffix}")


class TunedGateway(FileGateway):
    """The file gateway of the command line, which owns its process.

    glibc's malloc is tuned before the read; Arrow gets the memory pool that suits a sheet while
    the workbook is read, and the one that suits the largest input once every input is read
    (see :mod:`clientbase_xl.allocator`).
    """

    def read_workbook(self) -> dict[str, RawTable]:
        """Every input table of the source workbook, read with the pool that suits a sheet."""
        tune_malloc()
        suit_allocator(SHEET_ROWS)
        try:
            return super().read_workbook()
        finally:
            # The files Settings points at may hold ten million lines: Arrow's own pool suits them.
            default_allocator()

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table of the source workbook (and the files Settings points at)."""
        tables = super().read_tables()
        suit_allocator(max((t.height for t in tables.values()), default=0))
        return tables


OUT_SUFFIX = Text(
    "--out {out} is a {out_kind} file but {book} is a {book_kind} workbook; Excel refuses such a "
    "file. Name the output {suggestion}.",
    "--out {out} — файл {out_kind}, а {book} — книга {book_kind}; Excel такой файл не откроет. "
    "Назовите результат {suggestion}.",
)
OUT_IS_BOOK = Text(
    "--out names the workbook itself ({path}): use --in-place, which keeps a backup first.",
    "--out указывает на саму книгу ({path}): используйте --in-place — он сначала сохранит "
    "резервную копию.",
)
OUT_IS_FOLDER = Text(
    "--out {path} is a folder: name the file to write, e.g. {example}.",
    "--out {path} — папка: укажите файл, например {example}.",
)
NO_FOLDER = Text(
    "The folder of {path} does not exist: create it or name another.",
    "Папки для {path} не существует: создайте её или укажите другую.",
)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _check_target(out: Path, name: str) -> None:
    """Refuse, before any work is done, an output that is a folder, in none, or read-only.

    ``name`` is the file the message suggests writing inside a folder.
    """
    if out.is_dir():
        raise UsageError(OUT_IS_FOLDER.format("en", path=out, example=out / name))
    if not out.parent.is_dir():
        raise WorkbookError(NO_FOLDER.format("en", path=out))
    if read_only(out):
        raise WorkbookError(READ_ONLY.format("en", path=out))


def _check_out(book: Path, out: Path, in_place: bool) -> None:
    """Refuse an output Excel would not open, or one that would lose the workbook silently."""
    if in_place:
        if read_only(book):
            raise WorkbookError(READ_ONLY.format("en", path=book))
        return
    _check_target(out, book.name)
    if out.exists() and book.exists() and out.resolve() == book.resolve():
        raise UsageError(OUT_IS_BOOK.format("en", path=out))
    book_suffix, out_suffix = book.suffix.lower(), out.suffix.lower()
    if book_suffix in WORKBOOK_SUFFIXES and out_suffix != book_suffix:
        raise UsageError(
            OUT_SUFFIX.format(
                "en",
                out=out,
                out_kind=out_suffix.lstrip(".") or "suffix-less",
                book=book,
                book_kind=book_suffix.lstrip("."),
                suggestion=out.with_suffix(book_suffix).name,
            )
        )


def _backup_path(book: Path) -> Path:
    """A backup name beside ``book`` that no file has: stamped to the second, numbered after."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = book.with_name(f"{book.stem}.backup-{stamp}{book.suffix}")
    n = 2
    while backup.exists():
        backup = book.with_name(f"{book.stem}.backup-{stamp}-{n}{book.suffix}")
        n += 1
    return backup


def _gateway(args: argparse.Namespace) -> TunedGateway:
    """The file gateway of a writing command: a copy, or the book itself with a backup first."""
    book: Path = args.book
    out: Path = book if args.in_place else (args.out or _refreshed_path(book))
    _check_out(book, out, args.in_place)
    gateway = TunedGateway(book, out)
    if args.in_place:
        gateway.backup = _backup_path(book)
    return gateway


@contextlib.contextmanager
def _locked(gateway: FileGateway) -> Iterator[None]:
    """Hold the book and the output for this run: a second run of either refuses."""
    with BookLock(gateway.source), contextlib.ExitStack() as stack:
        if gateway.out.resolve() != gateway.source.resolve():
            stack.enter_context(BookLock(gateway.out))
        yield


def _only(names: list[str] | None) -> list[str] | None:
    """The tab keys ``--only`` names, in tab order; a name of no tab is a usage error."""
    if names is None:
        return None
    keys = {name: tab_key(name) for name in names}
    unknown = [name for name, key in keys.items() if key is None]
    if unknown:
        known = ", ".join(spec.title("en") for spec in RESULT_TABS)
        raise UsageError(f"--only: no tab is named {', '.join(unknown)}; the tabs: {known}")
    return [spec.key for spec in TABS if spec.key in keys.values()]


ALERTS = Text(
    "{n} new action(s) since the last refresh written to {path}",
    "Новых действий с прошлого обновления: {n}, записано в {path}",
)


def _alerts(outcome: Outcome, book: Path, path: Path, stdout: TextIO) -> None:
    """Write the actions new since the last refresh to ``path``, and say how many."""
    assert outcome.context is not None and outcome.inputs is not None
    about = {
        "book": str(book),
        "as_of": outcome.inputs.as_of.strftime("%Y-%m-%d"),
        "refreshed": outcome.context.refreshed,
    }
    new = write_alerts(path, every_action(outcome.context), about)
    stdout.write(ALERTS.format(outcome.lang, n=len(new), path=path) + "\n")


def cmd_refresh(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Refresh a workbook into a copy, or in place with a backup."""
    only = _only(args.only)
    if args.alerts is not None:
        check_alerts_path(args.alerts)
    gateway = _gateway(args)
    out, backup = gateway.out, gateway.backup
    steps = STEPS if only is None else ("read", "validate", *only, "write")
    try:
        with _locked(gateway):
            outcome = refresh(
                gateway,
                as_of=args.as_of,
                lang=args.lang,
                write_errors=not args.in_place,
                progress=Progress(stderr, steps),
                refreshed=now_stamp(),
                only=only,
            )
    except InputProblems as exc:
        _report(exc, stderr, limit=50)
        if not args.in_place:
            stderr.write(ERRORS_AT.format(exc.lang, path=out) + "\n")
        return exc.exit_code
    if args.in_place:
        stderr.write(BACKUP.format(outcome.lang, path=backup) + "\n")
    _warnings(outcome, stderr)
    _summary(outcome, out, stdout)
    if args.alerts is not None:
        _alerts(outcome, args.book, args.alerts, stdout)
    return 0


def cmd_close_month(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Freeze a month into the History tab of a copy, or in place with a backup."""
    gateway = _gateway(args)
    try:
        with _locked(gateway):
            closed = close_month(
                gateway,
                month=args.month,
                as_of=args.as_of,
                lang=args.lang,
                progress=Progress(stderr, CLOSE_STEPS),
            )
    except InputProblems as exc:
        _report(exc, stderr, limit=50)
        return exc.exit_code
    if gateway.backup is not None:
        stderr.write(BACKUP.format(closed.lang, path=gateway.backup) + "\n")
    months = closed.history["month"].nunique()
    stdout.write(
        CLOSED.format(
            closed.lang,
            month=closed.month.strftime("%Y-%m"),
            clients=len(closed.snapshot),
            months=months,
        )
        + "\n"
    )
    stdout.write(WRITTEN.format(closed.lang, path=gateway.out) + "\n")
    return 0


def cmd_check(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Validate only; print every problem."""
    gateway = TunedGateway(args.book, args.book)  # the same file checks as a refresh
    inputs, problems = load_inputs(gateway.read_tables(), as_of=args.as_of)
    lang: Lang = args.lang or (inputs.settings.language if inputs else "en")
    if len(problems):
        _report(InputProblems(problems, lang), stderr, limit=None)
    if problems.has_errors or inputs is None:
        return 1
    done = CHECK_WARNED if len(problems) else CHECK_OK
    stdout.write(done.format(lang, path=args.book, n=len(problems)) + "\n")
    return 0


def cmd_demo(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Build the demo workbook and refresh it."""
    if args.clients < 10 or args.months < 3:
        raise UsageError("--clients must be at least 10 and --months at least 3")
    out: Path = args.out
    _check_target(out, "demo.xlsx")
    if out.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise UsageError(f"--out must end in .xlsx or .xlsm (Excel refuses {out.name})")
    frames = demo_frames(clients=args.clients, months=args.months, seed=args.seed)
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("demo")) as tmp:
        source = Path(tmp) / f"inputs{out.suffix}"
        write_input_workbook(source, frames, args.lang)
        outcome = refresh(
            TunedGateway(source, out.resolve()),
            lang=args.lang,
            progress=Progress(stderr),
            refreshed=now_stamp(),
        )
    _warnings(outcome, stderr)
    _summary(outcome, out.resolve(), stdout)
    return 0


def cmd_template(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Build the template workbook, written to a temporary file and renamed."""
    out: Path = args.out.resolve()
    _check_target(out, "template.xlsm")
    if out.suffix.lower() != ".xlsm":
        raise UsageError("--out must end in .xlsm: the template carries macros")
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("template")) as tmp:
        scratch = Path(tmp) / out.name
        build_template(scratch, args.lang)
        # A temporary file is private; the template is for sharing.
        with write_beside(out) as fh, scratch.open("rb") as built:
            shutil.copyfileobj(built, fh)
    stdout.write(WRITTEN.format(args.lang, path=out) + "\n")
    return 0


SPLIT_STEPS = STEPS[:-1]
SPLIT_FILE = Text(
    "{manager}: {clients} clients, {actions} actions listed -> {path}",
    "{manager}: клиентов {clients}, действий в списке {actions} -> {path}",
)
NO_PDF = Text(
    "LibreOffice is not installed: the PDFs were not made (the workbooks were).",
    "LibreOffice не установлен: PDF не сделаны (книги сделаны).",
)


def cmd_split(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """One workbook per manager: their clients on every tab, their Actions first."""
    book: Path = args.book
    outdir: Path = args.out or book.with_name(f"{book.stem} by manager")
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"--out {outdir} is a file: name a folder to write the files into")
    gateway = TunedGateway(book, book)  # read only: the book itself is never written
    outcome = compute(
        gateway.read_tables(),
        as_of=args.as_of,
        lang=args.lang,
        progress=Progress(stderr, SPLIT_STEPS),
        refreshed=now_stamp(),
    )
    if not outcome.ok:
        _report(InputProblems(outcome.problems, outcome.lang), stderr, limit=50)
        return InputProblems.exit_code
    _warnings(outcome, stderr)
    pdf = args.pdf and soffice() is not None
    if args.pdf and not pdf:
        stderr.write(NO_PDF.format(outcome.lang) + "\n")
    for done in write_manager_files(outcome, book.name, outdir, pdf):
        said = SPLIT_FILE.format(
            outcome.lang,
            manager=done.manager,
            clients=done.clients,
            actions=done.actions,
            path=done.path,
        )
        stdout.write(said + "\n")
    return 0


SETUP_KEYS = {"win": "Interpreter_Win", "mac": "Interpreter_Mac"}
UDF_MODULES = "clientbase_xl.excel.udfs"
SETUP_DONE = "{key} in the xlwings.conf sheet of {book} is now {python}."
SETUP_NEXT = {
    "win": (
        "Left to do on this Windows computer:",
        "  1. xlwings addin install   (once: the xlwings add-in; xlwings {xlwings} is installed)",
        "  2. Open the workbook, enable its macros, and press Refresh on the Start sheet.",
        "  3. The CB_ functions: xlwings ribbon > Import Functions (once per workbook).",
    ),
    "mac": (
        "Left to do on this Mac:",
        "  1. xlwings runpython install   (once: lets Excel start Python; xlwings {xlwings})",
        "  2. Open the workbook, enable its macros, and press Refresh on the Start sheet.",
        "  The CB_ worksheet functions need Windows (classic xlwings) or xlwings Lite on a Mac.",
    ),
}


def _platform(chosen: str | None) -> str:
    """The Excel platform set up: the option, else this computer's."""
    here = {"win32": "win", "darwin": "mac"}.get(sys.platform)
    if chosen is None and here is None:
        raise UsageError(
            "Excel runs on Windows and macOS: say which with --platform win or --platform mac"
        )
    return chosen or str(here)


def cmd_excel_setup(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write this Python into the workbook's xlwings.conf and print the steps left."""
    # Imported here: only this command needs xlwings on a machine without Excel.
    import xlwings

    from clientbase_xl.template.vba import template_xlwings_version
    from clientbase_xl.workbook.conf import conf_values, set_conf

    book: Path = args.book
    platform = _platform(args.platform)
    python = str((args.interpreter or Path(sys.executable)).absolute())
    check_source(book)  # the same checks of the file as a refresh
    key = SETUP_KEYS[platform]
    with BookLock(book):
        set_conf(book, book, {key: python})
    modules = conf_values(book).get("UDF Modules", "")
    stdout.write(SETUP_DONE.format(key=key, book=book, python=python) + "\n")
    if UDF_MODULES not in modules.split(";"):
        stderr.write(f"UDF Modules is {modules!r}: the CB_ functions need {UDF_MODULES!r}.\n")
    vendored = template_xlwings_version()
    if vendored != xlwings.__version__:
        # The VBA module and the Python package of xlwings are meant to be of one version.
        stderr.write(
            f"The template's VBA is of xlwings {vendored}, xlwings {xlwings.__version__} is "
            f"installed: pip install xlwings=={vendored}, or rebuild the template with "
            "clientbase-xl template.\n"
        )
    for line in SETUP_NEXT[platform]:
        stdout.write(line.format(xlwings=xlwings.__version__) + "\n")
    return 0


COMMANDS = {
    "excel-setup": cmd_excel_setup,
    "refresh": cmd_refresh,
    "split": cmd_split,
    "close-month": cmd_close_month,
    "check": cmd_check,
    "demo": cmd_demo,
    "template": cmd_template,
}
