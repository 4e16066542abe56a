"""The headless gateway: a refresh reads a workbook file and writes a workbook file."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Self

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.report.tabs import result_tab_names
from clientbase_xl.sources import with_file_sources
from clientbase_xl.workbook.reader import read_inputs
from clientbase_xl.workbook.tabwriter import TabWriter
from clientbase_xl.workbook.writer_process import WriterProcess

NOT_A_WORKBOOK = Text(
    "{path} is not an .xlsx or .xlsm workbook.", "{path} — не книга .xlsx или .xlsm."
)
CANNOT_WRITE = Text("Cannot write {path}: {reason}", "Не удаётся записать {path}: {reason}")
#: From this size on, a workbook's tabs are written by a process of their own while the next
#: ones are computed (see :mod:`~clientbase_xl.workbook.writer_process`). Below it the
#: process's start (a second or two of imports, on a core the read leaves idle only while a
#: large Sales sheet is read) would cost more than it saves: 16 MB is about 300,000 lines.
WRITER_PROCESS_BYTES = 16 * 2**20


class FileGateway:
    """Read inputs from ``source``; write ``source`` with new result tabs to ``out``.

    With ``backup``, the source is copied there just before the first write (and only then:
    a refresh that fails before writing leaves no backup behind). ``writer_process`` says
    whether the tabs are written by a process of their own; by default a workbook of
    :data:`WRITER_PROCESS_BYTES` or more is. Close the gateway (or use it in a ``with``) if it
    may have read without writing: the writer process then waits for nothing.
    """

    def __init__(
        self,
        source: Path,
        out: Path,
        backup: Path | None = None,
        writer_process: bool | None = None,
    ) -> None:
        self.source = Path(source)
        self.out = Path(out)
        self.backup = backup
        if not self.source.is_file() or not zipfile.is_zipfile(self.source):
            raise WorkbookError(NOT_A_WORKBOOK.format("en", path=self.source))
        self._wants_process = (
            self.source.stat().st_size >= WRITER_PROCESS_BYTES
            if writer_process is None
            else writer_process
        )
        self._process: WriterProcess | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the writer process, if one was started and has not written."""
        if self._process is not None:
            self._process.close()
            self._process = None

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table of the source workbook."""
        if self._wants_process and self._process is None:
            # Started first, so that its imports run while the inputs are read.
            self._process = WriterProcess()
        try:
            tables = read_inputs(self.source, exclude=result_tab_names())
            return with_file_sources(tables, self.source.parent)
        except BaseException:
            self.close()
            raise

    def write_tabs(
        self, tabs: Iterable[ResultTab], lang: Lang, currency: str, remove: set[str]
    ) -> None:
        """Graft each of ``tabs`` into a copy of the source as it comes; write it to ``out``.

        ``tabs`` may be computed as they are taken: each is written while the next is computed.
        """
        try:
            with self._writer(lang, currency, remove) as writer:
                for tab in tabs:
                    writer.add(tab)
                writer.write(self.out, self.backup)
        except OSError as exc:
            raise WorkbookError(CANNOT_WRITE.format("en", path=self.out, reason=exc)) from exc

    def _writer(self, lang: Lang, currency: str, remove: set[str]) -> TabWriter | WriterProcess:
        """The writer process started by the read (it writes once), else one in this process."""
        process, self._process = self._process, None
        if process is None:
            return TabWriter(self.source, remove, lang, currency)
        process.open(self.source, remove, lang, currency)
        return process
