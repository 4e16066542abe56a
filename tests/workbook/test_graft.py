"""The refresh replaces result tabs only: everything else in the package stays byte for byte."""

import re
import shutil
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from clientbase_xl.refresh import refresh
from clientbase_xl.tabs import TABS, result_tab_names
from clientbase_xl.workbook.gateway import FileGateway
from clientbase_xl.workbook.graft import graft
from clientbase_xl.workbook.opc import ZipParts, sheets_of
from tests.conftest import EXCEL_MADE_XLSM, parts

EDITED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "[Content_Types].xml"}


def _openpyxl(path: Path) -> openpyxl.Workbook:
    """Load with openpyxl, an independent reader; it does not know the data-bar extension."""
    with warnings.catch_warnings(), path.open("rb") as fh:
        warnings.filterwarnings("ignore", "Conditional Formatting extension", UserWarning)
        warnings.filterwarnings("ignore", "Unknown extension", UserWarning)
        return openpyxl.load_workbook(fh)


def _sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [s.name for s in sheets_of(ZipParts(zf))]


def test_refresh_keeps_every_other_part_byte_identical(demo_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsm"
    before = parts(demo_book)
    refresh(FileGateway(demo_book, out))
    after = parts(out)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    changed = {n for n in before if n in after and after[n] != before[n]}
    assert changed <= EDITED
    assert set(before) <= set(after)
    # The demo is clean: every result tab and no Errors tab (the last of TABS).
    assert _sheet_names(out) == [*_sheet_names(demo_book), *(t.title("en") for t in TABS[:-1])]


def test_the_source_is_never_written(demo_book: Path, tmp_path: Path) -> None:
    before = demo_book.read_bytes()
    refresh(FileGateway(demo_book, tmp_path / "out.xlsm"))
    assert demo_book.read_bytes() == before


def test_refreshing_twice_replaces_tabs_and_does_not_grow_styles(
    demo_book: Path, tmp_path: Path
) -> None:
    once, twice = tmp_path / "once.xlsm", tmp_path / "twice.xlsm"
    refresh(FileGateway(demo_book, once))
    refresh(FileGateway(once, twice))
    a, b = parts(once), parts(twice)
    assert _sheet_names(twice) == _sheet_names(once)
    assert a["xl/styles.xml"] == b["xl/styles.xml"]
    assert a["xl/vbaProject.bin"] == b["xl/vbaProject.bin"]
    # Input sheets of the first output are untouched by the second refresh.
    for name in a:
        if name.startswith("xl/worksheets/sheet") and name in b and b"cb_" not in a[name]:
            assert a[name] == b[name]
    tables = [n for n in b if n.startswith("xl/tables/")]
    ids = [re.search(rb' id="(\d+)"', b[n]).group(1) for n in tables]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids))
    assert len([n for n in b if n.startswith("xl/tables/")]) == len(
        [n for n in a if n.startswith("xl/tables/")]
    )


def test_switching_language_replaces_the_tabs_of_the_other_language(
    demo_book: Path, tmp_path: Path
) -> None:
    en, ru = tmp_path / "en.xlsm", tmp_path / "ru.xlsm"
    refresh(FileGateway(demo_book, en), lang="en")
    refresh(FileGateway(en, ru), lang="ru")
    names = _sheet_names(ru)
    assert "Segments" not in names
    # Each tab takes its English twin's place: the order of tabs stays (no Errors tab: the
    # demo is clean).
    results = TABS[:-1]
    assert names[-len(results) :] == [t.title("ru") for t in results]


def test_replaced_tab_keeps_its_position_and_local_names_follow(
    demo_book: Path, tmp_path: Path
) -> None:
    once = tmp_path / "once.xlsm"
    refresh(FileGateway(demo_book, once))
    # The user moves Segments first and gives the Sales sheet a print area (a local name).
    moved = tmp_path / "moved.xlsm"
    with zipfile.ZipFile(once) as src, zipfile.ZipFile(moved, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                root = etree.fromstring(data)
                ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
                sheets = root.find(ns + "sheets")
                seg = next(s for s in sheets if s.get("name") == "Segments")
                sheets.insert(0, seg)
                sales_index = [s.get("name") for s in sheets].index("Sales")
                seg_index = 0
                names = root.find(ns + "definedNames")
                if names is None:
                    names = etree.Element(ns + "definedNames")
                    root.find(ns + "sheets").addnext(names)
                for local, formula in (
                    (sales_index, "Sales!$A$1:$C$9"),
                    (seg_index, "Segments!$A$1:$B$2"),
                ):
                    el = etree.SubElement(
                        names, ns + "definedName", name="_xlnm.Print_Area", localSheetId=str(local)
                    )
                    el.text = formula
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    again = tmp_path / "again.xlsm"
    refresh(FileGateway(moved, again))
    assert _sheet_names(again)[0] == "Segments"
    wb = _openpyxl(again)
    assert wb.sheetnames[0] == "Segments"
    # Sales keeps its print area; the dropped Segments tab's local name went with it.
    assert wb["Sales"].print_area == "'Sales'!$A$1:$C$9"
    assert not wb["Segments"].print_area


def test_a_failed_write_leaves_no_partial_file(demo_book: Path, tmp_path: Path) -> None:
    broken = tmp_path / "scratch.xlsx"
    broken.write_bytes(b"not a zip")
    out = tmp_path / "out.xlsm"
    shutil.copy(demo_book, out)
    before = out.read_bytes()
    with pytest.raises(zipfile.BadZipFile):
        graft(out, broken, out, result_tab_names())
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsm", "scratch.xlsx"]


def test_output_opens_in_openpyxl_with_tables_formats_and_freeze_panes(
    demo_book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsm"
    refresh(FileGateway(demo_book, out))
    wb = _openpyxl(out)
    ws = wb["Segments"]
    assert ws["A1"].value == "Segments"
    assert list(ws.tables) == ["cb_segments_clients"]
    assert ws.freeze_panes == "A6"
    # Numbers end a digit short of the column edge (report/spec.PAD).
    assert ws["F6"].number_format == "#,##0_0"  # revenue
    assert ws["J6"].number_format == "0.0%_0"  # share
    assert ws["B5"].value == "Client"
    assert wb["Sales"].tables["Sales"].ref.startswith("A1:")


def test_excel_made_parts_survive(tmp_path: Path) -> None:
    # The shipped Excel workbook's own sheets, shared strings and VBA come through untouched.
    from clientbase_xl.demo import demo_frames
    from clientbase_xl.template.inputs import write_input_workbook

    scratch = tmp_path / "in.xlsx"
    write_input_workbook(scratch, demo_frames(clients=50, months=6), "en")
    book = tmp_path / "book.xlsm"
    shutil.copy(EXCEL_MADE_XLSM, book)
    graft(book, scratch, book, remove=set())
    original = parts(EXCEL_MADE_XLSM)
    now = parts(book)
    for name in (
        "xl/vbaProject.bin",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/sharedStrings.xml",
        "xl/theme/theme1.xml",
    ):
        assert now[name] == original[name]
    assert set(_sheet_names(book)[:2]) == {"Sheet1", "_xlwings.conf"}
