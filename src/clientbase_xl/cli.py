"""Command line: ``clientbase-xl refresh | check | demo``.

Exit codes: 0 done, 1 input problems, 2 usage, 3 file or workbook problems, 4 a fault of ours
(said in one line: no traceback ever reaches a user). Messages go to
stderr, the summary to stdout; progress is a bar on a terminal and plain lines otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from clientbase_xl.allocator import (
    SHEET_ROWS,
    default_allocator,
    suit_allocator,
    tune_malloc,
)
from clientbase_xl.builders import BUILDERS
from clientbase_xl.demo import demo_frames
from clientbase_xl.errors import ClientbaseError, InputProblems, UsageError, WorkbookError
from clientbase_xl.i18n import Lang, Text, parse_lang
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.refresh import Outcome, close_month, now_stamp, refresh
from clientbase_xl.template.build import build_template
from clientbase_xl.template.inputs import write_input_workbook
from clientbase_xl.workbook.gateway import FileGateway
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


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from exc


def _month(text: str) -> pd.Period:
    try:
        return pd.Period(dt.datetime.strptime(text, "%Y-%m"), "M")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}") from exc


def _lang(text: str) -> Lang:
    lang = parse_lang(text)
    if lang is None:
        raise argparse.ArgumentTypeError(f"expected en or ru, got {text!r}")
    return lang


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clientbase-xl",
        description="Client-base analytics for Excel workbooks: ABC/XYZ segments and more.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ref = sub.add_parser("refresh", help="compute every result tab into a copy of the workbook")
    close = sub.add_parser("close-month", help="freeze a month's segments into the History tab")
    close.add_argument("--month", type=_month, help="YYYY-MM (default: the last complete month)")
    for cmd in (ref, close):
        cmd.add_argument("book", type=Path)
        where = cmd.add_mutually_exclusive_group()
        where.add_argument(
            "--out", type=Path, help="output path (default: BOOK.refreshed, same suffix as BOOK)"
        )
        where.add_argument(
            "--in-place",
            action="store_true",
            help="replace BOOK itself, keeping a backup copy first",
        )
        cmd.add_argument("--as-of", type=_date, help="analysis date YYYY-MM-DD")
        cmd.add_argument("--lang", type=_lang, help="en or ru (default: Settings sheet, else en)")
    chk = sub.add_parser("check", help="validate the input sheets and print every problem")
    chk.add_argument("book", type=Path)
    chk.add_argument("--as-of", type=_date, help="analysis date YYYY-MM-DD")
    chk.add_argument("--lang", type=_lang, help="en or ru (default: Settings sheet, else en)")
    demo = sub.add_parser("demo", help="build a refreshed demo workbook")
    demo.add_argument(
        "--out", type=Path, default=Path("clientbase_demo.xlsx"), help="%(default)s unless given"
    )
    demo.add_argument("--clients", type=int, default=2000, help="how many clients (%(default)s)")
    demo.add_argument("--months", type=int, default=24, help="months of sales (%(default)s)")
    demo.add_argument("--seed", type=int, default=7, help="random seed: same seed, same book")
    demo.add_argument("--lang", type=_lang, default="en", help="en or ru (%(default)s)")
    tpl = sub.add_parser("template", help="build the macro-enabled template workbook")
    tpl.add_argument(
        "--out", type=Path, default=Path("workbook_template.xlsm"), help="%(default)s unless given"
    )
    tpl.add_argument("--lang", type=_lang, default="en", help="en or ru (%(default)s)")
    return parser


def _summary(outcome: Outcome, out: Path, stdout: TextIO) -> None:
    lang = outcome.lang
    assert outcome.inputs is not None
    seg = next(t for t in outcome.tabs if t.spec.key == "segments").frames["clients"]
    tabs = ", ".join(t.spec.title(lang) for t in outcome.tabs)
    stdout.write(
        DONE.format(
            lang,
            clients=len(seg),
            lines=len(outcome.inputs.sales),
            as_of=outcome.inputs.as_of.strftime("%Y-%m-%d"),
        )
        + "\n"
    )
    stdout.write(TABS_LINE.format(lang, tabs=tabs) + "\n")
    counts = seg["abc"].value_counts().sort_index()
    stdout.write(
        ABC_LINE.format(lang, classes=", ".join(f"{k} {v}" for k, v in counts.items())) + "\n"
    )
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


def _check_out(book: Path, out: Path, in_place: bool) -> None:
    """Refuse an output Excel would not open, or one that would lose the workbook silently."""
    if not in_place:
        if out.is_dir():
            raise UsageError(OUT_IS_FOLDER.format("en", path=out, example=out / book.name))
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
        if not out.parent.is_dir():
            raise WorkbookError(NO_FOLDER.format("en", path=out))
    target = book if in_place else out
    if read_only(target):
        raise WorkbookError(READ_ONLY.format("en", path=target))


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


def cmd_refresh(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Refresh a workbook into a copy, or in place with a backup."""
    gateway = _gateway(args)
    out, backup = gateway.out, gateway.backup
    try:
        with _locked(gateway):
            outcome = refresh(
                gateway,
                as_of=args.as_of,
                lang=args.lang,
                write_errors=not args.in_place,
                progress=Progress(stderr),
                refreshed=now_stamp(),
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
    stdout.write(CHECK_OK.format(lang, path=args.book) + "\n")
    return 0


def cmd_demo(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Build the demo workbook and refresh it."""
    if args.clients < 10 or args.months < 3:
        raise UsageError("--clients must be at least 10 and --months at least 3")
    frames = demo_frames(clients=args.clients, months=args.months, seed=args.seed)
    out: Path = args.out
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("demo")) as tmp:
        source = Path(tmp) / f"inputs{out.suffix or '.xlsx'}"
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


INTERRUPTED = Text("Stopped; the workbook was not changed.", "Остановлено; книга не изменена.")
OUT_OF_MEMORY = Text(
    "Not enough memory for this workbook; the workbook was not changed. Close other programs, or "
    "point the Settings entry Sales file at a CSV or Parquet file.",
    "Не хватает памяти для этой книги; книга не изменена. Закройте другие программы или укажите "
    "в Настройках файл продаж CSV или Parquet.",
)
OS_ERROR = Text(
    "A file could not be read or written ({reason}); the workbook was not changed.",
    "Не удалось прочитать или записать файл ({reason}); книга не изменена.",
)
INTERNAL = Text(
    "Internal error ({kind}: {reason}); the workbook was not changed. Please report it with "
    "the command you ran.",
    "Внутренняя ошибка ({kind}: {reason}); книга не изменена. Сообщите о ней, приложив команду.",
)
#: Exit code of a fault of ours (not the input's, the command's or the file's).
INTERNAL_EXIT = 4


@contextlib.contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Keep library warnings (fastexcel's dtype guesses, pandas') off the user's terminal.

    Whatever they warn of that matters to a user is found and said by the validation itself.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


COMMANDS = {
    "refresh": cmd_refresh,
    "close-month": cmd_close_month,
    "check": cmd_check,
    "demo": cmd_demo,
    "template": cmd_template,
}


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; return the exit code."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    try:
        with _quiet_libraries():
            return COMMANDS[args.command](args, out, err)
    except ClientbaseError as exc:
        err.write(f"{exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write(INTERRUPTED.format("en") + "\n")
        return 130
    except MemoryError:
        err.write(OUT_OF_MEMORY.format("en") + "\n")
        return WorkbookError.exit_code
    except OSError as exc:
        err.write(OS_ERROR.format("en", reason=exc) + "\n")
        return WorkbookError.exit_code
    except Exception as exc:  # a fault of ours: said in one line, never as a traceback
        err.write(INTERNAL.format("en", kind=type(exc).__name__, reason=exc) + "\n")
        return INTERNAL_EXIT


if __name__ == "__main__":
    sys.exit(main())
