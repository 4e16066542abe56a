"""A :class:`~clientbase_xl.workbook.tabwriter.TabWriter` in a process of its own.

Computing the result tabs and writing them both hold Python's GIL nearly all the time, so two
threads would take turns; two processes run side by side. The writer process is started before
the inputs are read, so its imports run while the Sales sheet is read (the reader lets go of the
GIL and of one core). It then renders and grafts each tab the refresh sends it while the refresh
computes the next, and writes the workbook when told to: of a million-line refresh's writing
(0.9 s), only the last tab's and the package's are left after the computing.

The process runs this module (``python -m``) and reads pickled messages from its standard
input; its one answer comes back on its standard output. multiprocessing is not used: its
"spawn" runs the caller's main script again in the child, which a script without an
``if __name__ == "__main__"`` guard does not survive, and a fork of a process holding Arrow's
threads and a million lines would be neither safe nor small. Tabs travel pickled (26 MB for a
million-line workbook, 0.02 s), sent by a thread of the refresh, so computing never waits for
the writer.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Collection
from pathlib import Path
from typing import IO, Self

import clientbase_xl
from clientbase_xl.i18n import Lang
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.workbook.tabwriter import TabWriter

#: Seconds a writer that was told to stop may take before it is killed.
STOP_WAIT = 30.0

#: What the writer sends back once: None when the workbook is written, else the first failure
#: and its traceback as text.
Answer = tuple[BaseException, str] | None


class WriterTraceback(Exception):
    """The traceback of a failure in the writer process, shown as the cause of the failure."""

    def __str__(self) -> str:
        return str(self.args[0])


def _portable(exc: BaseException) -> tuple[BaseException, str]:
    """``exc`` (or, if it cannot be pickled, a RuntimeError saying it) and its traceback."""
    text = "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # any failure to pickle: send a stand-in
        return RuntimeError(f"{type(exc).__name__}: {exc}"), text
    return exc, text


def serve(inbox: IO[bytes], answer: IO[bytes]) -> None:
    """The writer process: open, take tabs, write, as the messages on ``inbox`` say.

    After a failure the remaining messages are read and dropped, and the failure is the
    answer to "write". "stop", or the end of ``inbox`` (the refresh has gone), ends it.
    """
    writer: TabWriter | None = None
    failed: Answer = None
    try:
        while True:
            try:
                kind, *args = pickle.load(inbox)
            except EOFError:
                return
            if kind == "stop":
                return
            if failed is None:
                try:
                    if kind == "open":
                        writer = TabWriter(*args)
                    else:
                        assert writer is not None, "a tab or a write before open"
                        if kind == "tab":
                            writer.add(*args)
                        else:
                            writer.write(*args)
                except Exception as exc:  # every failure goes to the refresh
                    failed = _portable(exc)
            if kind == "write":
                pickle.dump(failed, answer)
                answer.flush()
                return
    finally:
        if writer is not None:
            writer.close()


class WriterProcess:
    """The refresh's end of a writer process: the same calls as a :class:`TabWriter`.

    Start it early, :meth:`open` it once the language and currency are known, :meth:`add` each
    tab, :meth:`write`; :meth:`close` in any case.
    """

    def __init__(self) -> None:
        # The child imports this very package, wherever the parent found it.
        package_root = str(Path(clientbase_xl.__file__).resolve().parents[1])
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, path]))}
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._outbox: queue.SimpleQueue[tuple[object, ...] | None] = queue.SimpleQueue()
        self._feeder = threading.Thread(target=self._feed, name="clientbase-feed", daemon=True)
        self._feeder.start()

    def __enter__(self) -> Self:
        return self

    @property
    def pid(self) -> int:
        """The writer's process id."""
        return self._process.pid

    @property
    def alive(self) -> bool:
        """Whether the writer process is still running."""
        return self._process.poll() is None

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _feed(self) -> None:
        """Send each message in turn; pickling and waiting for the pipe happen here."""
        stdin = self._process.stdin
        assert stdin is not None
        # An OSError: the writer has ended, and write() tells how. Closing its input ends it.
        with contextlib.suppress(OSError), stdin:
            while (message := self._outbox.get()) is not None:
                pickle.dump(message, stdin, protocol=pickle.HIGHEST_PROTOCOL)
                stdin.flush()

    def open(self, source: Path, remove: Collection[str], lang: Lang, currency: str) -> None:
        """Have the writer open ``source`` (see :class:`TabWriter`)."""
        self._outbox.put(("open", Path(source).resolve(), set(remove), lang, currency))

    def add(self, tab: ResultTab) -> None:
        """Send ``tab`` to be rendered and grafted; returns at once."""
        self._outbox.put(("tab", tab))

    def write(self, out: Path, backup: Path | None = None) -> None:
        """Have the workbook written and wait for it; a failure in the writer is raised here."""
        self._outbox.put(("write", Path(out).resolve(), backup and Path(backup).resolve()))
        stdout = self._process.stdout
        assert stdout is not None
        try:
            failed: Answer = pickle.load(stdout)
        except EOFError:
            code = self._process.wait()
            raise ChildProcessError(
                f"the writer process ended without writing (exit code {code})"
            ) from None
        if failed is not None:
            exc, text = failed
            raise exc from WriterTraceback(text)

    def close(self) -> None:
        """Stop the writer (after what was sent to it) and wait for it to end."""
        self._outbox.put(("stop",))
        self._outbox.put(None)
        try:
            self._process.wait(STOP_WAIT)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._feeder.join()
        if self._process.stdout is not None:
            self._process.stdout.close()


def main() -> None:
    """The writer process's entry: messages on standard input, the answer on standard output.

    Anything else printed goes to standard error, so the answer channel carries only answers.
    """
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with answer:
        serve(sys.stdin.buffer, answer)


if __name__ == "__main__":
    main()
