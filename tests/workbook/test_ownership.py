"""A refresh drops only the tabs it wrote: never a user's sheet, whatever its name."""

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

from clientbase_xl.refresh import refresh
from clientbase_xl.tabs import TABS
from clientbase_xl.workbook.gateway import FileGateway
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.opc import ZipParts, defined_names, sheets_of
from tests.conftest import parts, rewritten, sheet_part

ROOT = Path(__file__).resolve().parents[2]


def _sheets(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [s.name for s in sheets_of(ZipParts(zf))]


def _edit(path: Path, part: str, edit: Callable[[bytes], bytes]) -> None:
    rewritten(path, path, {part: edit(parts(path)[part])})


def _table_names(path: Path) -> list[str]:
    return [
        re.search(rb'<table [^>]*?\bname="([^"]*)"', body).group(1).decode()  # type: ignore[union-attr]
        for name, body in parts(path).items()
        if name.startswith("xl/tables/") and name.endswith(".xml")
    ]


@pytest.fixture
def once(demo_book: Path, tmp_path: Path) -> Path:
    """The demo book refreshed once: its result tabs carry their marks."""
    path = tmp_path / "once.xlsm"
    refresh(FileGateway(demo_book, path))
    return path


def test_a_russian_refresh_keeps_the_wallet_sheet_and_reads_it_again(tmp_path: Path) -> None:
    book = tmp_path / "ru.xlsm"
    shutil.copy(ROOT / "workbook_template_ru.xlsm", book)
    inputs = _sheets(book)
    assert "Потенциал" in inputs
    once, twice = tmp_path / "once.xlsm", tmp_path / "twice.xlsm"
    first = refresh(FileGateway(book, once))
    second = refresh(FileGateway(once, twice))
    assert _sheets(twice)[: len(inputs)] == inputs
    assert len(_sheets(twice)) == len(inputs) + len(first.tabs)
    assert first.inputs is not None and second.inputs is not None
    assert len(second.inputs.wallet) == len(first.inputs.wallet) > 0


def test_a_user_sheet_named_like_a_result_tab_survives(demo_book: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsm"
    shutil.copy(demo_book, book)
    # A plain sheet of the user's called "Segments", with no mark and no cb_ table.
    notes = tmp_path / "notes.xlsx"
    wb = xlsxwriter.Workbook(str(notes))
    wb.add_worksheet("Segments").write_string(0, 0, "my own notes")
    wb.close()
    graft(book, notes, book, remove=set())
    before = parts(book)[sheet_part(book, "Segments")]
    once, twice = tmp_path / "once.xlsm", tmp_path / "twice.xlsm"
    refresh(FileGateway(book, once))
    refresh(FileGateway(once, twice))
    names = _sheets(twice)
    assert names.count("Segments") == 1 and names.count("Segments (2)") == 1
    assert parts(twice)[sheet_part(twice, "Segments")] == before
    assert len(names) == len(_sheets(book)) + len(TABS) - 1  # the demo is clean: no Errors


def test_a_renamed_result_tab_is_kept_and_table_names_stay_unique(
    once: Path, tmp_path: Path
) -> None:
    # The user keeps last month's Segments as "Segments Oct" (Excel renames the sheet only).
    _edit(
        once,
        "xl/workbook.xml",
        lambda x: x.replace(b'<sheet name="Segments"', b'<sheet name="Segments Oct"'),
    )
    kept_part = sheet_part(once, "Segments Oct")
    kept = parts(once)[kept_part]
    twice = tmp_path / "twice.xlsm"
    refresh(FileGateway(once, twice))
    names = _sheets(twice)
    assert "Segments Oct" in names and "Segments" in names
    tables = _table_names(twice)
    assert len({t.casefold() for t in tables}) == len(tables)
    assert "cb_segments_clients" in tables and "cb_segments_clients_2" in tables
    assert parts(twice)[sheet_part(twice, "Segments Oct")] == kept
    # The new tab owns the name the product reads back; a third refresh keeps both again.
    thrice = tmp_path / "thrice.xlsm"
    refresh(FileGateway(twice, thrice))
    assert _sheets(thrice) == names
    assert sorted(_table_names(thrice)) == sorted(tables)


def test_code_name_active_tab_and_print_titles_pass_to_the_new_tab(
    once: Path, tmp_path: Path
) -> None:
    segments = sheet_part(once, "Segments")
    position = _sheets(once).index("Segments")
    # Excel gives every sheet of a macro book a code name (its VBA module) and saves the
    # active tab; the user left Segments active.
    _edit(once, segments, lambda x: x.replace(b"<sheetPr>", b'<sheetPr codeName="Sheet14">'))
    _edit(
        once,
        "xl/workbook.xml",
        lambda x: (
            re.sub(rb'activeTab="\d+"', b'activeTab="%d"' % position, x)
            if b"activeTab" in x
            else x.replace(b"<workbookView ", b'<workbookView activeTab="%d" ' % position)
        ),
    )
    twice = tmp_path / "twice.xlsm"
    refresh(FileGateway(once, twice))
    new_part = sheet_part(twice, "Segments")
    xml = parts(twice)[new_part]
    assert b'codeName="Sheet14"' in xml
    assert b'tabSelected="1"' in xml
    wb_xml = parts(twice)["xl/workbook.xml"]
    assert re.search(rb'activeTab="(\d+)"', wb_xml).group(1) == b"%d" % position  # type: ignore[union-attr]
    with zipfile.ZipFile(twice) as zf:
        names = defined_names(ZipParts(zf))
    titles = [n for n in names if n.name == "_xlnm.Print_Titles" and n.local == position]
    assert [n.text for n in titles] == ["Segments!$5:$5"]


def test_tabs_written_before_marks_existed_are_replaced_not_doubled(
    once: Path, tmp_path: Path
) -> None:
    _edit(
        once,
        "xl/workbook.xml",
        lambda x: re.sub(rb'<definedName name="_cb_tab"[^>]*>[^<]*</definedName>', b"", x),
    )
    twice = tmp_path / "twice.xlsm"
    refresh(FileGateway(once, twice))
    assert _sheets(twice) == _sheets(once)
