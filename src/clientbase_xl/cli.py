"""Command line: ``clientbase-xl refresh | close-month | split | check | demo | template``.

Exit codes: 0 done, 1 input problems, 2 usage, 3 file or workbook problems, 4 a fault of ours
(said in one line: no traceback ever reaches a user). Messages go to
stderr, the summary to stdout; progress is a bar on a terminal and plain lines otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from clientbase_xl import __version__
from clientbase_xl.errors import ClientbaseError, WorkbookError
from clientbase_xl.i18n import Lang, Text, parse_lang

if TYPE_CHECKING:
    import pandas as pd


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from exc


def _month(text: str) -> pd.Period:
    import pandas as pd  # only for --month: the rest of the parser needs no pandas

    try:
        return pd.Period(dt.datetime.strptime(text, "%Y-%m"), "M")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}") from exc


def _lang(text: str) -> Lang:
    lang = parse_lang(text)
    if lang is None:
        raise argparse.ArgumentTypeError(f"expected en or ru, got {text!r}")
    return lang


def _names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected tab names separated by commas")
    return names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clientbase-xl",
        description="Client-base analytics for Excel workbooks: ABC/XYZ segments and more.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    ref.add_argument(
        "--only",
        type=_names,
        help="refresh only these tabs, comma-separated names or keys (Segments,LTV); "
        "the others are left as they are",
    )
    split = sub.add_parser(
        "split", help="one workbook per manager: their clients on every tab, Actions first"
    )
    split.add_argument("book", type=Path)
    split.add_argument(
        "--by", choices=["manager"], default="manager", help="how to split (%(default)s)"
    )
    split.add_argument(
        "--out", type=Path, help="folder for the files (default: 'BOOK by manager' beside BOOK)"
    )
    split.add_argument(
        "--pdf", action="store_true", help="also a PDF of each file (needs LibreOffice)"
    )
    split.add_argument("--as-of", type=_date, help="analysis date YYYY-MM-DD")
    split.add_argument("--lang", type=_lang, help="en or ru (default: Settings sheet, else en)")
    ref.add_argument(
        "--alerts",
        type=Path,
        help="also write the actions new since the last refresh to this .json or .csv file "
        "(for a scheduled job to mail or post)",
    )
    setup = sub.add_parser(
        "excel-setup",
        help="point the workbook's xlwings.conf at this Python and say what is left to do",
    )
    setup.add_argument("book", type=Path)
    setup.add_argument(
        "--platform",
        choices=["win", "mac"],
        help="the Excel it is for (default: this computer's, when it is Windows or macOS)",
    )
    setup.add_argument(
        "--interpreter", type=Path, help="the Python to use (default: the one running this)"
    )
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


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; return the exit code."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        # --help and --version print to the caller's stdout, as every other answer does.
        with contextlib.redirect_stdout(out):
            args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    try:
        with _quiet_libraries():
            # Imported once the arguments are read: `--help` and a usage error need none of it.
            from clientbase_xl.commands import COMMANDS

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
