"""Result tabs written into a copy of the user's workbook one at a time, as they are computed."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection
from pathlib import Path

from clientbase_xl.i18n import LANGS, Lang
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.report.tabs import tab_rank
from clientbase_xl.workbook.graft import Graft
from clientbase_xl.workbook.render import render_tabs


class TabWriter:
    """Render each result tab as it comes and graft it into a copy of ``source``.

    Every tab gets a scratch package of its own, since XlsxWriter writes a whole package at
    once: so each tab is rendered and grafted as soon as it is computed, while the next one is
    still being computed (in another process, see
    :mod:`~clientbase_xl.workbook.writer_process`). Old tabs named in ``remove`` are dropped; a
    new tab takes an old tab's place in either language, and the others follow in tab order.
    """

    def __init__(self, source: Path, remove: Collection[str], lang: Lang, currency: str) -> None:
        self.source = Path(source)
        self.lang: Lang = lang
        self.currency = currency
        self._scratch = tempfile.TemporaryDirectory(prefix="clientbase-")
        try:
            self._graft = Graft(self.source, remove)
        except BaseException:
            self._scratch.cleanup()
            raise
        self._places: dict[str, set[str]] = {}

    def __enter__(self) -> TabWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, tab: ResultTab) -> None:
        """Render ``tab`` into its scratch package and graft its sheet in."""
        scratch = Path(self._scratch.name) / f"{tab.spec.key}.xlsx"
        bulk = render_tabs([tab], self.lang, scratch, self.currency)
        self._graft.add(scratch, bulk, tab_rank(tab.spec))
        scratch.unlink()
        self._places[tab.spec.title(self.lang)] = {tab.spec.title(x) for x in LANGS}

    def write(self, out: Path, backup: Path | None = None) -> None:
        """Write the workbook to ``out``, atomically; copy the source to ``backup`` first."""
        if backup is not None:
            shutil.copy2(self.source, backup)
        self._graft.write(out, self._places)

    def close(self) -> None:
        """Let go of the source and remove the scratch packages."""
        self._graft.close()
        self._scratch.cleanup()
