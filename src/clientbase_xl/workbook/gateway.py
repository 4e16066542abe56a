"""The headless gateway: a refresh reads a workbook file and writes a workbook file."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from clientbase_xl.errors import WorkbookError
from clientbase_xl.i18n import Lang, Text
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.report.owned import plan_write
from clientbase_xl.report.spec import ResultTab
from clientbase_xl.sources import with_file_sources
from clientbase_xl.tabs import OWN_TABS
from clientbase_xl.workbook.dates import uses_1904
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.guard import check_package
from clientbase_xl.workbook.layout import locate
from clientbase_xl.workbook.opc import DamagedPart, ZipParts
from clientbase_xl.workbook.reader import CANNOT_READ, read_inputs
from clientbase_xl.workbook.render import render_tabs
from clientbase_xl.workbook.safety import backup_copy, scratch_prefix, sweep, sweep_scratch
from clientbase_xl.workbook.sniff import Kind, sniff

NOT_A_WORKBOOK = Text(
    "{path} is not an .xlsx or .xlsm workbook.", "{path} — не книга .xlsx или .xlsm."
)
MISSING = Text(
    "{path} does not exist: check the name and the folder.",
    "{path} не существует: проверьте имя и папку.",
)
A_FOLDER = Text("{path} is a folder, not a workbook.", "{path} — папка, а не книга.")
OPEN_DOCUMENT = Text(
    "{path} is an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel or LibreOffice: "
    "File > Save As) and refresh that.",
    "{path} — таблица OpenDocument (.ods): сохраните её как .xlsx (Excel или LibreOffice: "
    "Файл > Сохранить как) и обновите её.",
)
STRICT = Text(
    "{path} is saved as a Strict Open XML Spreadsheet, which is not read here: save it in Excel "
    "as Excel Workbook (*.xlsx) or Excel Macro-Enabled Workbook (*.xlsm) (File > Save As) and "
    "refresh that.",
    "{path} сохранён как «Электронная таблица Strict Open XML», её здесь не прочесть: сохраните "
    "её в Excel как «Книга Excel (*.xlsx)» или «Книга Excel с поддержкой макросов (*.xlsm)» "
    "(Файл > Сохранить как) и обновите её.",
)
#: The namespaces of ISO 29500 Strict, which Excel writes for "Strict Open XML Spreadsheet".
_STRICT_NAMESPACE = b"purl.oclc.org/ooxml/"
NO_WORKBOOK = Text(
    "{path} is a zip file but holds no workbook ({reason}).",
    "{path} — zip-архив, но книги в нём нет ({reason}).",
)
SAVE_AS = Text(
    "Open it in Excel and save it as Excel Workbook (*.xlsx) (File > Save As), then refresh that.",
    "Откройте её в Excel и сохраните как «Книга Excel (*.xlsx)» (Файл > Сохранить как), затем "
    "обновите её.",
)
#: What a file that is no zip package turned out to be (:func:`~.sniff.sniff`).
NOT_A_PACKAGE: dict[Kind, Text] = {
    "encrypted": Text(
        "{path} is protected with a password to open, so none of it can be read. In Excel: "
        "File > Info > Protect Workbook > Encrypt with Password, clear the password and save "
        "(a copy will do), then refresh that.",
        "{path} защищена паролем на открытие, прочесть её нельзя. В Excel: Файл > Сведения > "
        "Защитить книгу > Зашифровать с использованием пароля, удалите пароль и сохраните "
        "(можно копию), затем обновите её.",
    ),
    "xls": Text(
        "{path} is an Excel 97-2003 workbook (.xls), which is not read here.",
        "{path} — книга Excel 97-2003 (.xls), её здесь не прочесть.",
    ),
    "html": Text(
        "{path} is a web page (HTML) under a workbook's name, as 1C, banks and CRMs export "
        "«Excel» files.",
        "{path} — веб-страница (HTML) с именем книги: так 1С, банки и CRM выгружают «Excel».",
    ),
    "xml2003": Text(
        "{path} is an XML Spreadsheet 2003 file (1C and older programs save them), which is not "
        "read here.",
        "{path} — файл «Таблица XML 2003» (так сохраняют 1С и старые программы), его здесь не "
        "прочесть.",
    ),
    "text": Text(
        "{path} is a text file (CSV or tab-separated), not a workbook: point the workbook's "
        "Settings at it (Sales file, Clients file ...), or",
        "{path} — текстовый файл (CSV или с табуляциями), а не книга: укажите его в "
        "«Настройках» книги (Файл продаж, Файл клиентов ...) или",
    ),
}
#: The kinds whose message is followed by :data:`SAVE_AS`.
_SAVED_AS = ("xls", "html", "xml2003", "text")
BINARY = Text(
    "{path} is an Excel Binary Workbook (.xlsb), which is not written here: save it as Excel "
    "Workbook (*.xlsx) or Excel Macro-Enabled Workbook (*.xlsm) (File > Save As) and refresh "
    "that.",
    "{path} — двоичная книга Excel (.xlsb), в неё здесь не записать: сохраните её как «Книга "
    "Excel (*.xlsx)» или «Книга Excel с поддержкой макросов (*.xlsm)» (Файл > Сохранить как) и "
    "обновите её.",
)
CANNOT_WRITE = Text("Cannot write {path}: {reason}", "Не удаётся записать {path}: {reason}")


def check_source(path: Path) -> None:
    """Raise :class:`WorkbookError` saying why ``path`` is not a workbook to read, if it is not."""
    if not path.exists():
        raise WorkbookError(MISSING.format("en", path=path))
    if path.is_dir():
        raise WorkbookError(A_FOLDER.format("en", path=path))
    if path.suffix.casefold() == ".xlsb":
        raise WorkbookError(BINARY.format("en", path=path))
    if not zipfile.is_zipfile(path):
        raise WorkbookError(_not_a_package(path))
    try:
        check_package(path)
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
                raise WorkbookError(OPEN_DOCUMENT.format("en", path=path))
            if "_rels/.rels" in names and _STRICT_NAMESPACE in zf.read("_rels/.rels"):
                raise WorkbookError(STRICT.format("en", path=path))
            try:
                wb_part = ZipParts(zf).workbook_part()
            except (KeyError, DamagedPart) as exc:
                reason = "no officeDocument relationship in _rels/.rels"
                raise WorkbookError(NO_WORKBOOK.format("en", path=path, reason=reason)) from exc
            if wb_part.endswith(".bin"):
                raise WorkbookError(BINARY.format("en", path=path))
            if wb_part not in names:
                reason = f"{wb_part} is missing"
                raise WorkbookError(NO_WORKBOOK.format("en", path=path, reason=reason))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise WorkbookError(NOT_A_WORKBOOK.format("en", path=path)) from exc


def _not_a_package(path: Path) -> str:
    """Why the file at ``path``, no zip package, cannot be read, and what to do."""
    try:
        kind = sniff(path)
    except OSError:
        kind = "unknown"
    if kind not in NOT_A_PACKAGE:
        return NOT_A_WORKBOOK.format("en", path=path)
    said = NOT_A_PACKAGE[kind].format("en", path=path)
    if kind not in _SAVED_AS:
        return said
    fix = SAVE_AS.format("en")
    return f"{said} {fix[0].lower() + fix[1:] if kind == 'text' else fix}"


class FileGateway:
    """Read inputs from ``source``; write ``source`` with new result tabs to ``out``.

    With ``backup``, the source is copied there just before the first write (and only then:
    a refresh that fails before writing leaves no backup behind).
    """

    def __init__(self, source: Path, out: Path, backup: Path | None = None) -> None:
        self.source = Path(source)
        self.out = Path(out)
        self.backup = backup
        check_source(self.source)
        # What runs that were killed left: partial files beside the book, scratch folders.
        sweep(self.out.parent)
        sweep_scratch()

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
            with tempfile.TemporaryDirectory(prefix=scratch_prefix("tabs")) as tmp:
                scratch = Path(tmp) / "tabs.xlsx"
                date1904 = uses_1904(self.source)
                bulk = render_tabs(tabs, lang, scratch, currency, plan.titles, date1904=date1904)
                if self.backup is not None:
                    backup_copy(self.source, self.backup)
                marks = {plan.titles[t.spec.key]: t.spec.key for t in tabs}
                graft(self.source, scratch, self.out, plan.drop, plan.places, bulk, marks)
        except DamagedPart as exc:
            raise WorkbookError(CANNOT_READ.format("en", path=self.source, reason=exc)) from exc
        except (OSError, FileCreateError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise WorkbookError(CANNOT_WRITE.format("en", path=self.out, reason=reason)) from exc
