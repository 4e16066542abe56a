"""The command line, run in-process with its real arguments, files and exit codes."""

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from clientbase_xl.cli import main
from clientbase_xl.commands import STEPS
from clientbase_xl.tabs import TABS
from clientbase_xl.workbook.opc import ZipParts, sheets_of
from tests.conftest import parts, sheet_part, small_sales

#: Every tab a successful refresh writes (all but Errors), in English.
RESULT_TABS = [s.title("en") for s in TABS[:-1]]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [s.name for s in sheets_of(ZipParts(zf))]


@pytest.fixture
def good(book_from: Callable[..., Path]) -> Path:
    return book_from({"sales": small_sales()})


@pytest.fixture
def bad(book_from: Callable[..., Path]) -> Path:
    sales = small_sales().astype({"amount": object})
    sales.loc[2, "amount"] = "двести"
    return book_from({"sales": sales}, name="bad.xlsm")


def test_demo_builds_and_refreshes(tmp_path: Path) -> None:
    out = tmp_path / "demo.xlsx"
    code, stdout, stderr = run("demo", "--out", str(out), "--clients", "60", "--months", "6")
    assert code == 0
    assert f"Written to {out}" in stdout
    assert f"{len(STEPS)}/{len(STEPS)} write" in stderr.splitlines()  # plain lines, no tty
    assert "warning" not in stderr  # the first book a user sees is clean
    assert {"Sales", "Clients", "Segments", "Matrix", "Pareto"} <= set(names(out))


def test_a_russian_demo_says_russian_on_its_settings_sheet_so_a_refresh_stays_russian(
    tmp_path: Path,
) -> None:
    out = tmp_path / "demo.xlsx"
    args = ("--clients", "60", "--months", "6", "--lang", "ru")
    assert run("demo", "--out", str(out), *args)[0] == 0
    again = tmp_path / "again.xlsx"
    code, _, _ = run("refresh", str(out), "--out", str(again))  # the Settings sheet decides
    assert code == 0
    assert {"Продажи", "Сводка", "Действия", "Сегменты"} <= set(names(again))
    assert "Segments" not in names(again)


def test_warnings_are_announced_after_a_successful_refresh(
    book_from: Callable[..., Path],
) -> None:
    wallet = pd.DataFrame({"client": ["A1"], "category": ["Tools"], "total": [100.0]})
    book = book_from({"sales": small_sales(), "wallet": wallet})
    code, _, stderr = run("refresh", str(book))
    assert code == 0
    assert "1 warning(s), listed on the Errors tab:" in stderr
    assert "warning: Wallet!2 [Total (C)]: '100'" in stderr
    assert names(book.with_name("book.refreshed.xlsm"))[-1] == "Errors"


def test_refresh_writes_a_copy_and_summarises(good: Path) -> None:
    before = good.read_bytes()
    code, stdout, _ = run("refresh", str(good))
    assert code == 0
    out = good.with_name("book.refreshed.xlsm")
    assert stdout.splitlines() == [
        "Refreshed 4 clients from 7 sales lines as of 2025-03-20.",
        f"Tabs: {', '.join(RESULT_TABS)}.",
        "Clients by class: A 2, B 1, C 1",
        f"Written to {out}",
    ]
    assert good.read_bytes() == before
    assert names(out)[-len(RESULT_TABS) :] == RESULT_TABS


def test_as_of_and_language(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "ru.xlsm"
    code, stdout, _ = run(
        "refresh", str(good), "--out", str(out), "--as-of", "2025-03-31", "--lang", "ru"
    )
    assert code == 0
    assert stdout.startswith("Обновлено: 4 клиентов по 7 строкам продаж на 2025-03-31")
    assert names(out)[-len(RESULT_TABS) :] == [s.title("ru") for s in TABS[:-1]]
    seg = pd.read_excel(out, sheet_name="Сегменты", header=4, engine="calamine")
    # With the 12-month window to 2025-03-31 the hand-computed classes of the analytics tests.
    assert dict(zip(seg["Клиент"], seg["ABC"], strict=True)) == {
        "A1": "A",
        "B2": "A",
        "C3": "B",
        "D4": "C",
    }


def test_input_problems_exit_1_and_land_on_the_errors_tab_of_the_copy(bad: Path) -> None:
    before = bad.read_bytes()
    code, stdout, stderr = run("refresh", str(bad))
    assert code == 1 and stdout == ""
    assert "1 problem(s) in the input:" in stderr
    assert "error: Sales!4 [Amount (C)]: 'двести' Expected a number." in stderr
    out = bad.with_name("bad.refreshed.xlsm")
    assert names(out)[-1] == "Errors"
    assert "Segments" not in names(out)
    assert bad.read_bytes() == before


def test_in_place_failure_leaves_the_workbook_exactly_as_it_was(bad: Path) -> None:
    before = bad.read_bytes()
    files = set(bad.parent.iterdir())
    code, _, _ = run("refresh", str(bad), "--in-place")
    assert code == 1
    assert bad.read_bytes() == before
    assert set(bad.parent.iterdir()) == files  # no backup, no temporary file


def test_in_place_success_keeps_a_backup(good: Path) -> None:
    before = good.read_bytes()
    code, _, stderr = run("refresh", str(good), "--in-place")
    assert code == 0
    (backup,) = good.parent.glob("book.backup-*.xlsm")
    assert backup.read_bytes() == before
    assert f"Backup kept at {backup}" in stderr
    assert "Segments" in names(good)


def test_check(good: Path, bad: Path) -> None:
    assert run("check", str(good))[:2] == (0, f"No problems found in {good}.\n")
    code, _, stderr = run("check", str(bad))
    assert code == 1 and "'двести'" in stderr


def test_check_with_warnings_only_says_the_refresh_runs(
    book_from: Callable[..., Path],
) -> None:
    sales = small_sales()
    # "a1" beside "A1": one client typed twice? A warning; the refresh still runs.
    a1 = sales.iloc[0].copy()
    a1["client"] = "a1"
    sales.loc[len(sales)] = a1
    book = book_from({"sales": sales})
    code, stdout, stderr = run("check", str(book))
    assert code == 0 and "warning" in stderr
    assert (
        stdout == f"No errors in {book}: a refresh runs; the 1 warning(s) above are worth a look.\n"
    )


def test_file_problems_exit_3(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xlsm"
    assert run("refresh", str(missing)) == (
        3,
        "",
        f"{missing} does not exist: check the name and the folder.\n",
    )
    text = tmp_path / "notes.xlsx"
    text.write_text("hello")
    code, _, stderr = run("check", str(text))
    assert code == 3 and stderr.startswith(f"{text} is a text file (CSV or tab-separated)")
    assert run("check", str(tmp_path)) == (3, "", f"{tmp_path} is a folder, not a workbook.\n")
    ods = tmp_path / "book.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    code, _, stderr = run("refresh", str(ods))
    assert code == 3 and stderr.startswith(f"{ods} is an OpenDocument spreadsheet (.ods)")
    photos = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(photos, "w") as zf:
        zf.writestr("holiday.jpg", b"\xff\xd8")
    assert run("check", str(photos)) == (
        3,
        "",
        f"{photos} is a zip file but holds no workbook "
        "(no officeDocument relationship in _rels/.rels).\n",
    )


@pytest.mark.parametrize(
    ("book_name", "out_name", "message"),
    [
        ("b.xlsm", "out.xlsx", "is a xlsx file but {book} is a xlsm workbook"),
        ("b.xlsx", "out.xlsm", "is a xlsm file but {book} is a xlsx workbook"),
        ("b.xlsm", "out", "is a suffix-less file but {book} is a xlsm workbook"),
    ],
)
def test_an_output_of_the_other_format_is_refused(
    book_from: Callable[..., Path], book_name: str, out_name: str, message: str
) -> None:
    book = book_from({"sales": small_sales()}, name=book_name)
    out = book.with_name(out_name)
    code, _, stderr = run("refresh", str(book), "--out", str(out))
    assert code == 2 and message.format(book=book) in stderr
    assert "Excel refuses such a file" in stderr and not out.exists()


def test_out_naming_the_book_or_a_folder_is_refused(good: Path) -> None:
    before = good.read_bytes()
    code, _, stderr = run("refresh", str(good), "--out", str(good))
    assert code == 2 and "use --in-place, which keeps a backup first" in stderr
    code, _, stderr = run("refresh", str(good), "--out", str(good.parent))
    assert (
        code == 2
        and f"is a folder: name the file to write, e.g. {good.parent / good.name}" in stderr
    )
    assert good.read_bytes() == before


@pytest.mark.parametrize("command", ["demo", "template"])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(
    tmp_path: Path, command: str
) -> None:
    name = "demo.xlsx" if command == "demo" else "template.xlsm"
    cases = [
        (tmp_path, 2, f"is a folder: name the file to write, e.g. {tmp_path / name}"),
        (tmp_path / "nope" / name, 3, "does not exist: create it or name another"),
        (tmp_path / "out.txt", 2, "--out must end in"),
    ]
    for out, expected, message in cases:
        code, stdout, stderr = run(command, "--out", str(out))
        # No progress line: nothing was computed before the answer.
        assert (code, stdout) == (expected, "") and message in stderr
        assert not re.search(r"^\d+/\d+ ", stderr, re.MULTILINE)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_usage_problems_exit_2(good: Path) -> None:
    assert run("refresh", str(good), "--as-of", "31.03.2025")[0] == 2
    assert run("refresh", str(good), "--lang", "de")[0] == 2
    assert run("frobnicate")[0] == 2
    assert run("demo", "--clients", "3")[0] == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal() -> None:
    from clientbase_xl.commands import Progress

    screen = _Terminal()
    progress = Progress(screen)
    for step in STEPS:
        progress(step)
    frames = screen.getvalue().split("\r")[1:]
    assert frames[0].startswith("[" + "#" * round(20 / len(STEPS)) + ".")
    assert frames[-1] == "[####################] write     \n"


def test_only_refreshes_the_named_tabs_and_leaves_the_others(good: Path, tmp_path: Path) -> None:
    once, twice = tmp_path / "once.xlsm", tmp_path / "twice.xlsm"
    assert run("refresh", str(good), "--out", str(once))[0] == 0
    code, stdout, stderr = run("refresh", str(once), "--out", str(twice), "--only", "ltv, Сегменты")
    assert code == 0, stderr
    assert "Tabs: Segments, LTV." in stdout  # in tab order, whatever the order asked
    assert stderr.splitlines() == [
        "1/5 read",
        "2/5 validate",
        "3/5 segments",
        "4/5 ltv",
        "5/5 write",
    ]
    assert names(twice) == names(once)
    # Untouched tabs keep their sheet XML byte for byte; the named ones are written anew.
    before, after = parts(once), parts(twice)
    assert after[sheet_part(twice, "Pareto")] == before[sheet_part(once, "Pareto")]
    code, stdout, _ = run("refresh", str(once), "--out", str(tmp_path / "3.xlsm"), "--only", "LTV")
    assert "Refreshed from 7 sales lines" in stdout and "Clients by class" not in stdout


def test_only_naming_no_tab_is_a_usage_error(good: Path) -> None:
    code, _, stderr = run("refresh", str(good), "--only", "LTV,Nope")
    assert code == 2
    said = "--only: no tab is named Nope; the tabs: Dashboard, Actions, Client card, Segments"
    assert said in stderr
    assert not good.with_name("book.refreshed.xlsm").exists()


def test_version_comes_from_one_place() -> None:
    from importlib.metadata import version

    import clientbase_xl

    code, stdout, _ = run("--version")
    assert code == 0
    assert stdout == f"clientbase-xl {clientbase_xl.__version__}\n"
    assert version("clientbase-xl") == clientbase_xl.__version__  # what the wheel says
