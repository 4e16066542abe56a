"""Write one workbook per manager from a refresh's outcome: the split command and its button.

Each file is an *About* sheet (manager, clients, source book, analysis date) with the
manager's share of the result tabs (:func:`clientbase_xl.tabs.split.for_manager`) grafted
into it, as a refresh grafts tabs into the user's book; optionally a PDF of it beside.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from clientbase_xl.i18n import Text
from clientbase_xl.refresh import Outcome, now_stamp
from clientbase_xl.tabs.split import clients_by_manager, for_manager
from clientbase_xl.workbook.cover import write_cover
from clientbase_xl.workbook.gateway import FileGateway
from clientbase_xl.workbook.libreoffice import convert
from clientbase_xl.workbook.safety import scratch_prefix

ABOUT = Text("About", "О файле")
FOR = Text("{manager}: clients and actions", "{manager}: клиенты и действия")
COVER_LINES = (
    (Text("Manager", "Менеджер"), "manager"),
    (Text("Clients", "Клиентов"), "clients"),
    (Text("From the workbook", "Из книги"), "book"),
    (Text("As of", "На дату"), "as_of"),
    (Text("Made", "Сделано"), "made"),
)
#: Characters no file name may hold on Windows, macOS or Linux.
_NOT_IN_NAMES = frozenset('<>:"/\\|?*')


@dataclass(frozen=True)
class ManagerFile:
    """One file written: whose, how many clients, how many actions it lists, where."""

    manager: str
    clients: int
    actions: int
    path: Path


def file_name(text: str) -> str:
    """``text`` as a file name on every system: forbidden characters as ``_``, 80 at most."""
    cleaned = "".join("_" if ch in _NOT_IN_NAMES or ord(ch) < 32 else ch for ch in text)
    return cleaned.strip(" .")[:80] or "_"


def _path(outdir: Path, book: str, manager: str, taken: set[str]) -> Path:
    """A file per manager, named after the book and the manager; never two of one name."""
    stem = f"{file_name(book)} - {file_name(manager)}"
    name, n = stem, 2
    while name.lower() in taken:  # two names that differ only in what a file name drops
        name, n = f"{stem} ({n})", n + 1
    taken.add(name.lower())
    return outdir / f"{name}.xlsx"


def write_manager_files(
    outcome: Outcome, book: str, outdir: Path, pdf: bool = False
) -> list[ManagerFile]:
    """Write a workbook (and with ``pdf`` a PDF) per manager of ``outcome`` into ``outdir``.

    ``book`` is the source book's name, shown on the cover and in the file names. Each file
    is written to a temporary file and renamed. Raises :class:`OSError` when LibreOffice
    cannot make a PDF (the workbooks are written by then).
    """
    ctx, inputs = outcome.context, outcome.inputs
    assert ctx is not None and inputs is not None, "a refresh with input errors has no files"
    lang = outcome.lang
    outdir.mkdir(exist_ok=True)
    taken: set[str] = set()
    written = []
    for manager, clients in clients_by_manager(ctx).items():
        tabs = for_manager(outcome.tabs, clients, manager, ctx)
        path = _path(outdir, Path(book).stem, manager, taken)
        facts = {
            "manager": manager,
            "clients": str(len(clients)),
            "book": book,
            "as_of": inputs.as_of.strftime("%Y-%m-%d"),
            "made": now_stamp(),
        }
        lines = [(label.format(lang), facts[key]) for label, key in COVER_LINES]
        with tempfile.TemporaryDirectory(prefix=scratch_prefix("split")) as tmp:
            cover = Path(tmp) / "cover.xlsx"
            write_cover(cover, ABOUT.format(lang), FOR.format(lang, manager=manager), lines)
            FileGateway(cover, path).write_tabs(tabs, lang, inputs.settings.currency, set())
        if pdf:
            convert(path, outdir, "pdf")
        actions = next(t for t in tabs if t.spec.key == "actions").frames["actions"]
        written.append(ManagerFile(manager, len(clients), len(actions), path))
    return written
