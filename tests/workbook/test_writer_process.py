"""The writer process writes what the refresh would write itself, and fails as loudly."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clientbase_xl.errors import WorkbookError
from clientbase_xl.refresh import refresh, result_tab_names
from clientbase_xl.workbook import gateway as gateway_module
from clientbase_xl.workbook.gateway import FileGateway
from clientbase_xl.workbook.writer_process import WriterProcess, WriterTraceback
from tests.conftest import parts


def test_it_writes_what_one_process_writes(demo_book: Path, tmp_path: Path) -> None:
    alone, beside = tmp_path / "alone.xlsm", tmp_path / "beside.xlsm"
    with FileGateway(demo_book, alone, writer_process=False) as gateway:
        refresh(gateway)
    with FileGateway(demo_book, beside, writer_process=True) as gateway:
        outcome = refresh(gateway)
    assert parts(beside) == parts(alone)
    assert len(outcome.tabs) == 19  # every result tab and the Errors tab of the demo's warnings


def test_a_failure_there_is_a_workbook_error_here(demo_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "out.xlsm"
    with (
        FileGateway(demo_book, out, writer_process=True) as gateway,
        pytest.raises(WorkbookError, match="Cannot write") as raised,
    ):
        refresh(gateway)
    # The writer's own traceback is kept as the cause of its failure.
    cause = raised.value.__cause__
    assert isinstance(cause, FileNotFoundError)
    assert isinstance(cause.__cause__, WriterTraceback)
    assert "mkstemp" in str(cause.__cause__)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_writer_that_dies_fails_the_write_and_writes_nothing(
    demo_book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsm"
    with WriterProcess() as writer:
        os.kill(writer.pid, signal.SIGKILL)
        writer.open(demo_book, result_tab_names(), "en", "")
        with pytest.raises(ChildProcessError, match="ended without writing"):
            writer.write(out)
    assert list(tmp_path.iterdir()) == []


def test_closing_without_writing_ends_it(demo_book: Path) -> None:
    writer = WriterProcess()
    writer.open(demo_book, result_tab_names(), "en", "")
    assert writer.alive
    writer.close()
    assert not writer.alive


def test_large_workbooks_get_one_by_default(
    demo_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[WriterProcess] = []

    class Counted(WriterProcess):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(gateway_module, "WriterProcess", Counted)
    with FileGateway(demo_book, tmp_path / "small.xlsm") as gateway:
        refresh(gateway)
    assert started == []  # the demo is far below the size
    monkeypatch.setattr(gateway_module, "WRITER_PROCESS_BYTES", demo_book.stat().st_size)
    with FileGateway(demo_book, tmp_path / "large.xlsm") as gateway:
        refresh(gateway)
    assert len(started) == 1 and not started[0].alive
    assert parts(tmp_path / "large.xlsm") == parts(tmp_path / "small.xlsm")


def test_a_script_without_a_main_guard_can_use_it(demo_book: Path, tmp_path: Path) -> None:
    # multiprocessing's "spawn" would run this script again in the child, and fail there.
    script = tmp_path / "monthly.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from pathlib import Path
            from clientbase_xl.refresh import refresh
            from clientbase_xl.workbook.gateway import FileGateway

            with FileGateway(Path({str(demo_book)!r}), Path("out.xlsm"), writer_process=True) as g:
                refresh(g)
            print("done")
            """
        )
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"
    assert (tmp_path / "out.xlsm").is_file()
