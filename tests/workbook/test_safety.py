"""File safety: modes kept, read-only books refused, backups whole or absent, one run per book,
leftovers of killed runs swept, every write flushed before its rename."""

import errno
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from clientbase_xl.cli import main
from clientbase_xl.workbook import safety
from clientbase_xl.workbook.safety import BookLock, backup_copy, sweep, write_beside
from tests.conftest import small_sales


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(args), out, err), err.getvalue()


@pytest.fixture
def book(book_from: Callable[..., Path]) -> Path:
    return book_from({"sales": small_sales()})


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_read_only_book_is_never_replaced(book: Path) -> None:
    before = book.read_bytes()
    book.chmod(0o444)
    code, stderr = run("refresh", str(book), "--in-place")
    assert code == 3 and stderr == (
        f"{book} is read-only: make it writable, or write the result elsewhere with --out.\n"
    )
    assert book.read_bytes() == before
    assert sorted(p.name for p in book.parent.iterdir() if p.name.startswith(book.stem)) == [
        book.name
    ]
    # The same for an existing read-only output.
    out = book.with_name("out.xlsm")
    out.write_bytes(b"mine")
    out.chmod(0o444)
    assert run("refresh", str(book), "--out", str(out))[0] == 3
    assert out.read_bytes() == b"mine"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_the_books_mode_is_kept(book: Path, mode: int) -> None:
    book.chmod(mode)
    assert run("refresh", str(book), "--in-place")[0] == 0
    assert book.stat().st_mode & 0o777 == mode
    backups = list(book.parent.glob(f"{book.stem}.backup-*"))
    assert len(backups) == 1 and backups[0].stat().st_mode & 0o777 == mode
    # A new copy is as private as the book it came from.
    out = book.with_name("copy.xlsm")
    assert run("refresh", str(book), "--out", str(out))[0] == 0
    assert out.stat().st_mode & 0o777 == mode


def test_a_backup_that_cannot_be_written_whole_does_not_exist(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = book.read_bytes()

    def disk_full(src: object, dst: object, length: int = 0) -> None:
        dst.write(b"PK\x03\x04 half a backup")  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safety.shutil, "copyfileobj", disk_full)
    code, stderr = run("refresh", str(book), "--in-place")
    assert code == 3 and "could not be made (No space left on device)" in stderr
    assert book.read_bytes() == before
    assert sorted(p.name for p in book.parent.iterdir() if "backup" in p.name) == []
    assert not [p for p in book.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_write_that_fails_midway_leaves_the_book_and_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "book.xlsm"
    out.write_bytes(b"the user's book")
    with pytest.raises(OSError), write_beside(out) as fh:
        fh.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert out.read_bytes() == b"the user's book"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsm"]


def test_every_write_is_flushed_to_the_disk_before_its_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(safety.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(
        safety.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))
    )
    with write_beside(tmp_path / "x.xlsx") as fh:
        fh.write(b"data")
    # The file, then the rename, then the folder that holds the rename.
    assert events == ["fsync", "replace", "fsync"]


def test_backup_copy_is_whole_and_equal(book: Path, tmp_path: Path) -> None:
    backup = tmp_path / "b.xlsm"
    backup_copy(book, backup)
    assert backup.read_bytes() == book.read_bytes()


def test_a_second_run_on_the_same_book_refuses(book: Path) -> None:
    before = book.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock = book.parent / f".{book.name}.clientbase-lock"
        lock.write_text(str(holder.pid))
        code, stderr = run("refresh", str(book), "--in-place")
        assert code == 3
        assert stderr.startswith(
            f"{book} is being written by another clientbase-xl run (process {holder.pid})"
        )
        assert book.read_bytes() == before
        assert not list(book.parent.glob(f"{book.stem}.backup-*"))
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone: its lock is taken over, and released at the end.
    assert run("refresh", str(book), "--in-place")[0] == 0
    assert not lock.exists()


def test_a_lock_is_released_when_the_run_fails(book: Path) -> None:
    with pytest.raises(RuntimeError), BookLock(book):
        raise RuntimeError("boom")
    assert not (book.parent / f".{book.name}.clientbase-lock").exists()


def test_what_killed_runs_left_is_swept_and_a_live_runs_is_not(book: Path) -> None:
    dead, live = _dead_pid(), os.getppid()
    left = [
        book.parent / f".clientbase-write-{dead}-abcd1234.tmp",
        Path(tempfile.gettempdir()) / f"clientbase-tabs-{dead}-xyz",
    ]
    left[0].write_bytes(b"x" * 1000)
    left[1].mkdir()
    (left[1] / "tabs.xlsx").write_bytes(b"x")
    alive = book.parent / f".clientbase-write-{live}-abcd1234.tmp"
    alive.write_bytes(b"busy")
    mine = book.parent / "clientbase-notes.txt"  # a user's file that merely starts alike
    mine.write_text("keep")
    assert run("refresh", str(book))[0] == 0
    assert not any(p.exists() for p in left)
    assert alive.exists() and mine.exists()


def test_sweep_of_an_unreadable_folder_is_quiet(tmp_path: Path) -> None:
    assert sweep(tmp_path / "nowhere") == []


def test_a_refresh_leaves_nothing_behind(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A temporary folder of this test's own: the suite runs refreshes side by side.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = set(book.parent.iterdir())
    assert run("refresh", str(book), "--in-place")[0] == 0
    new = set(book.parent.iterdir()) - before
    assert [p.name for p in new if "backup" not in p.name] == []
    assert list(scratch.iterdir()) == []


def test_a_full_temporary_folder_is_a_file_problem(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientbase_xl.workbook import gateway

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gateway, "render_tabs", full)
    before = book.read_bytes()
    code, stderr = run("refresh", str(book), "--in-place")
    assert code == 3 and stderr.endswith("No space left on device\n"), stderr
    assert book.read_bytes() == before
    assert not list(book.parent.glob(f"{book.stem}.backup-*"))
