"""The committed template as a build artefact: rebuilt equal, its VBA readable, a refresh safe.

Golden tests in the XlsxWriter manner: the template is rebuilt and compared part by part with
the committed file (document dates normalised), and its VBA project is read back by olevba, an
independent reader, module by module. LibreOffice then opens it as a user's office suite would.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlwings
from lxml import etree
from oletools.olevba import VBA_Parser

from clientbase_xl.cli import main
from clientbase_xl.refresh import refresh
from clientbase_xl.tabs.dashboard import status_cell
from clientbase_xl.template.build import BUTTONS, build_template
from clientbase_xl.template.vba import VBA_DIR, modules, normalise
from clientbase_xl.workbook.gateway import FileGateway
from tests.conftest import parts
from tools.regenerate import COMMAND, TEMPLATES
from tools.render import convert
from tools.vba_sources import sources

ROOT = Path(__file__).resolve().parents[2]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _normalised(data: bytes) -> bytes:
    """A part with its volatile content (document dates) blanked."""
    return _DATES.sub(b"", data)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_committed_template_equals_a_fresh_build(lang: str, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.xlsm"
    build_template(fresh, lang)  # type: ignore[arg-type]
    want, got = parts(TEMPLATES[lang]), parts(fresh)
    assert sorted(got) == sorted(want), COMMAND
    for name in want:
        assert _normalised(got[name]) == _normalised(want[name]), f"{name} differs: {COMMAND}"


def test_vba_sources_in_the_repo_are_current() -> None:
    for name, text in sources().items():
        assert (VBA_DIR / name).read_text(encoding="utf-8") == text, COMMAND


def test_the_xlwings_module_inside_is_the_installed_version() -> None:
    (inside,) = re.findall(r"^'Version: (\S+)$", (VBA_DIR / "xlwings.bas").read_text(), re.M)
    assert inside == xlwings.__version__
    assert f"xlwings64-{xlwings.__version__}.dll" in (VBA_DIR / "xlwings.bas").read_text()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_olevba_extracts_every_module_as_its_source(lang: str) -> None:
    parser = VBA_Parser(str(TEMPLATES[lang]))
    try:
        found = {s.split("/")[-1]: normalise(c) for _, s, _, c in parser.extract_macros()}
    finally:
        parser.close()
    sheets = sorted((n for n in found if re.fullmatch(r"Sheet\d+", n)), key=lambda n: int(n[5:]))
    expected = {m.name: normalise(m.source) for m in modules(sheets)}
    assert found == expected
    assert len(sheets) == len(_sheet_names(TEMPLATES[lang]))


def _sheet_names(book: Path) -> list[str]:
    root = etree.fromstring(parts(book)["xl/workbook.xml"])
    return [el.get("name") for el in root.iterfind("m:sheets/m:sheet", NS)]


def _defined_names(book: Path) -> dict[str, str]:
    root = etree.fromstring(parts(book)["xl/workbook.xml"])
    return {el.get("name"): el.text for el in root.iterfind("m:definedNames/m:definedName", NS)}


def test_every_sheet_has_a_code_name_matching_a_document_module() -> None:
    data = parts(TEMPLATES["en"])
    names = [
        re.search(rb'codeName="([^"]+)"', data[f"xl/worksheets/sheet{i}.xml"]).group(1).decode()  # type: ignore[union-attr]
        for i in range(1, len(_sheet_names(TEMPLATES["en"])) + 1)
    ]
    assert names == [f"Sheet{i}" for i in range(1, len(names) + 1)]
    assert b'codeName="ThisWorkbook"' in data["xl/workbook.xml"]


def test_headless_refresh_keeps_vba_buttons_validation_and_names(tmp_path: Path) -> None:
    source = TEMPLATES["en"]
    out = tmp_path / "refreshed.xlsm"
    refresh(FileGateway(source, out), refreshed="2026-11-25 10:00")
    before, after = parts(source), parts(out)
    # Every part of the template except the package's indexes comes through byte for byte:
    # the VBA project, every sheet with its buttons (VML) and data validation, the tables.
    indexes = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
    indexes |= {"docProps/app.xml", "xl/styles.xml"}
    for name, data in before.items():
        if name not in indexes:
            assert after[name] == data, name
    assert "xl/vbaProject.bin" in after
    assert b"vbaProject" in after["[Content_Types].xml"]
    # Defined names (every Settings cell, the tables' filters) survive unchanged.
    kept = _defined_names(out)
    assert {k: kept.get(k) for k in _defined_names(source)} == _defined_names(source)
    assert _sheet_names(out)[: len(_sheet_names(source))] == _sheet_names(source)


def test_libreoffice_opens_the_template_with_buttons_macros_and_validation(tmp_path: Path) -> None:
    ods = convert(TEMPLATES["en"], tmp_path, "ods")
    with zipfile.ZipFile(ods) as zf:
        content = zf.read("content.xml").decode()
        basic = {n.split("/")[-1] for n in zf.namelist() if n.startswith("Basic/VBAProject/")}
    # Each button is a form button whose click runs its macro in the imported VBA project.
    for macro, caption in BUTTONS:
        assert f'form:label="{caption.en}"' in content
        assert f"vnd.sun.star.script:VBAProject.ClientBase.{macro}?language=Basic" in content
    assert {"ClientBase.xml", "xlwings.xml", "xlwings_udfs.xml", "Dictionary.xml"} <= basic
    assert content.count("<table:content-validation ") >= 10
    assert 'table:name="cb_language"' in content


def test_start_sheet_shows_the_last_refresh_after_libreoffice_recalculates(tmp_path: Path) -> None:
    out = tmp_path / "refreshed.xlsm"
    refresh(FileGateway(TEMPLATES["ru"], out), refreshed="2026-11-25 10:00")
    ods = convert(out, tmp_path, "ods")
    start = pd.read_excel(ods, sheet_name="Старт", header=None, engine="calamine")
    assert start.iloc[15, 2] == "2026-11-25 10:00"  # Start!C16 reads Dashboard!A6
    assert str(start.iloc[16, 2]).startswith("Успешно")
    assert start.iloc[2, 1].startswith("Аналитика")  # the language switch says ru
    dashboard = pd.read_excel(out, sheet_name="Сводка", header=None, engine="calamine")
    assert status_cell("refreshed") == "A6"
    assert dashboard.iloc[5, 0] == "2026-11-25 10:00"


def test_cli_builds_the_template_and_refuses_a_macro_free_name(tmp_path: Path) -> None:
    import io

    out, err = io.StringIO(), io.StringIO()
    assert main(["template", "--out", str(tmp_path / "t.xlsm")], out, err) == 0
    assert parts(tmp_path / "t.xlsm").keys() == parts(TEMPLATES["en"]).keys()
    assert main(["template", "--out", str(tmp_path / "t.xlsx")], out, err) == 2
    assert ".xlsm" in err.getvalue()


def test_libreoffice_renders_every_sheet_of_the_template(tmp_path: Path) -> None:
    import subprocess

    pdf = convert(TEMPLATES["ru"], tmp_path, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    assert pages >= len(_sheet_names(TEMPLATES["ru"]))  # every sheet prints at least one page
