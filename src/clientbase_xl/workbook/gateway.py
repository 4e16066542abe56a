"""The headless gateway: a refresh reads a workbook file and writes a workbook file."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.report.owned import plan_write
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.report.tabs import OWN_TABS
from clientbase_xl.sources import with_file_sources
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.layout import locate
from clientbase_xl.workbook.reader import read_inputs
from clientbase_xl.workbook.render import render_tabs

NOT_A_WORKBOOK = Text(
    "{path} is not an .xlsx or .xlsm workbook.", "{path} — не книга .xlsx или .xlsm."
)
CANNOT_WRITE = Text("Cannot write {path}: {reason}", "Не удаётся записать {path}: {reason}")


class FileGateway:
    """Read inputs from ``source``; write ``source`` with new result tabs to ``out``.

    With ``backup``, the source is copied there just before the first write (and only then:
    a refresh that fails before writing leaves no backup behind).
    """

    def __init__(self, source: Path, out: Path, backup: Path | None = None) -> None:
        self.source = Path(source)
        self.out = Path(out)
        self.backup = backup
        if not self.source.is_file() or not zipfile.is_zipfile(self.source):
            raise WorkbookError(NOT_A_WORKBOOK.format("en", path=self.source))

    def read_tables(self) -> dict[str, RawTable]:
        """Every input table of the source workbook, or of the files its Settings point at."""
        return with_file_sources(self.read_workbook(), self.source.parent)

    def read_workbook(self) -> dict[str, RawTable]:
        """Every input table of the source workbook itself."""
        return read_inputs(self.source)

    def write_tabs(
        self, tabs: list[ResultTab], lang: Lang, currency: str, replace: set[str]
    ) -> None:
        """Render ``tabs`` and graft them into a copy of the source at ``out``.

        The tool's own tabs of the keys in ``replace`` are dropped; no other sheet is.
        """
        try:
            facts = locate(self.source).facts
            plan = plan_write(facts, OWN_TABS, [t.spec.key for t in tabs], replace, lang)
            with tempfile.TemporaryDirectory(prefix="clientbase-") as tmp:
                scratch = Path(tmp) / "tabs.xlsx"
                bulk = render_tabs(tabs, lang, scratch, currency, plan.titles)
                if self.backup is not None:
                    shutil.copy2(self.source, self.backup)
                marks = {plan.titles[t.spec.key]: t.spec.key for t in tabs}
                graft(self.source, scratch, self.out, plan.drop, plan.places, bulk, marks)
        except OSError as exc:
            raise WorkbookError(CANNOT_WRITE.format("en", path=self.out, reason=exc)) from exc
