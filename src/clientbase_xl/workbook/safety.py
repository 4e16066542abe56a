"""File safety of a write: whole files or none, the owner's mode kept, one writer per book.

Everything a run leaves on disk while it works carries its process id in its name
(``clientbase-<kind>-<pid>-...``): a run that was killed cannot clean up, so the next run removes
what dead processes left (:func:`sweep`). A file is written beside its destination, flushed to
the disk and renamed over it (:func:`write_beside`), so the destination is either the old file or
the whole new one, after a crash, a kill or a full disk alike. A backup is the same: it appears
under its name only once it is complete and read back equal (:func:`backup_copy`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Text

#: What every file or folder a run leaves while it works starts with; the pid follows the kind.
PREFIX = "clientbase-"
_OURS = re.compile(r"^\.?clientbase-[a-z]+-(\d+)-")

LOCKED = Text(
    "{path} is being written by another clientbase-xl run (process {pid}); wait for it to "
    "finish, or delete {lock} if no such run is going on.",
    "{path} сейчас записывает другой запуск clientbase-xl (процесс {pid}); дождитесь его "
    "окончания или удалите {lock}, если такого запуска нет.",
)
READ_ONLY = Text(
    "{path} is read-only: make it writable, or write the result elsewhere with --out.",
    "{path} доступен только для чтения: разрешите запись или сохраните результат в другой "
    "файл через --out.",
)
BACKUP_FAILED = Text(
    "The backup {path} could not be made ({reason}); the workbook was not changed.",
    "Не удалось сделать резервную копию {path} ({reason}); книга не изменена.",
)


def scratch_prefix(kind: str) -> str:
    """The name prefix of this process's scratch files or folders of ``kind`` (``tabs``...)."""
    return f"{PREFIX}{kind}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (no permission): alive, and not ours to judge
        return True
    return True


def sweep(folder: Path) -> list[Path]:
    """Remove what killed runs left in ``folder`` (their process is gone); return what went."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = _OURS.match(entry.name)
        if found is not None:
            pid = int(found.group(1))
        elif entry.name.endswith(LOCK_SUFFIX):
            # A lock not yet holding its pid is being taken this instant: never swept.
            pid = _lock_holder(entry) or 0
            if not pid:
                continue
        else:
            continue
        if _alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed


def read_only(path: Path) -> bool:
    """Whether ``path`` exists with no write permission for anyone (``chmod 444``).

    The mode bits, not :func:`os.access`: run as root, access() grants every write.
    """
    try:
        return not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no handle on a folder)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def write_beside(out: Path, like: Path | None = None) -> Iterator[BinaryIO]:
    """Yield a file to write ``out``'s new content to; on success it replaces ``out``.

    The file lies beside ``out`` (a rename within one folder is atomic), is flushed to the disk
    before the rename, and takes the mode (and, where allowed, owner) of ``out`` when it exists,
    else of ``like``, else the usual mode for new files. On any failure it is removed and
    ``out`` is left as it was.
    """
    out = Path(out)
    tmp = out.parent / f".{scratch_prefix('write')}{uuid.uuid4().hex[:8]}.tmp"
    model = out if out.exists() else like
    try:
        with tmp.open("x+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if model is not None and model.exists():
            st = os.stat(model)
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            with contextlib.suppress(OSError, AttributeError):  # only root may give files away
                os.chown(tmp, st.st_uid, st.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
        _sync_folder(out.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def backup_copy(source: Path, backup: Path) -> None:
    """Copy ``source`` to ``backup``: complete and read back equal, or not there at all."""
    try:
        with write_beside(backup, like=source) as fh, source.open("rb") as src:
            shutil.copyfileobj(src, fh, 1 << 20)
            fh.flush()
            fh.seek(0)
            sha = hashlib.sha256()
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                sha.update(chunk)
            if sha.hexdigest() != _digest(source):
                raise OSError("the copy does not read back equal to the workbook")
        shutil.copystat(source, backup)
    except OSError as exc:
        raise WorkbookError(
            BACKUP_FAILED.format("en", path=backup, reason=exc.strerror or exc)
        ) from exc


#: A lock file is named after its book: ``.Book.xlsm.clientbase-lock``, holding the pid.
LOCK_SUFFIX = ".clientbase-lock"


def _lock_holder(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or "0") or None
    except (OSError, ValueError):
        return None


class BookLock:
    """One writer per book: a lock file beside it, naming the process that holds it.

    A lock left by a process that is gone (killed) is taken over; one held by a live process
    refuses with :data:`LOCKED`.
    """

    def __init__(self, book: Path) -> None:
        self.book = Path(book)
        self.path = self.book.parent / f".{self.book.name}{LOCK_SUFFIX}"

    def __enter__(self) -> BookLock:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self._holder()
                if holder is not None and _alive(holder):
                    raise WorkbookError(
                        LOCKED.format("en", path=self.book, pid=holder, lock=self.path)
                    ) from None
                self.path.unlink(missing_ok=True)  # a killed run's: take it over
                continue
            except OSError:
                return self  # a folder we may read but not write in: the write will say so
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            return self
        raise WorkbookError(LOCKED.format("en", path=self.book, pid="?", lock=self.path))

    def _holder(self) -> int | None:
        return _lock_holder(self.path)

    def __exit__(self, *exc: object) -> None:
        if self._holder() == os.getpid():
            self.path.unlink(missing_ok=True)


def sweep_scratch() -> None:
    """Remove what killed runs left in the temporary folder and the memory folder."""
    sweep(Path(tempfile.gettempdir()))
    memory = Path("/dev/shm")
    if memory.is_dir():
        sweep(memory)
