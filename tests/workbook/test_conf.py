"""excel-setup: the interpreter goes into xlwings.conf, and nothing else of the book changes."""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from clientbase_xl.cli import main
from clientbase_xl.errors import WorkbookError
from clientbase_xl.template.vba import template_xlwings_version
from clientbase_xl.workbook.conf import conf_values, set_conf
from tools.package_checks import audit

ROOT = Path(__file__).resolve().parents[2]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def test_excel_setup_writes_this_python_and_keeps_every_other_part(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsm"
    shutil.copy(ROOT / "workbook_template.xlsm", book)
    before = _members(book)
    out, err = io.StringIO(), io.StringIO()
    assert main(["excel-setup", str(book), "--platform", "win"], out, err) == 0, err.getvalue()
    values = conf_values(book)
    assert values["Interpreter_Win"] == str(Path(sys.executable).absolute())
    assert values["Interpreter_Mac"] == ""  # the other platform's stays as it was
    assert values["UDF Modules"] == "clientbase_xl.excel.udfs"
    assert "xlwings addin install" in out.getvalue()
    after = _members(book)
    changed = {name for name in before if before[name] != after.get(name)}
    assert len(changed) == 1 and changed.pop().startswith("xl/worksheets/")
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert audit(book) == []
    # Twice is the same as once; a Mac path goes to its own key.
    assert (
        main(
            ["excel-setup", str(book), "--platform", "mac", "--interpreter", "/opt/py/bin/python3"],
            out,
            err,
        )
        == 0
    )
    values = conf_values(book)
    assert values["Interpreter_Mac"] == "/opt/py/bin/python3"
    assert values["Interpreter_Win"] == str(Path(sys.executable).absolute())


def test_a_missing_key_gets_a_row_and_a_book_without_the_sheet_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsm"
    shutil.copy(ROOT / "workbook_template.xlsm", book)
    set_conf(
        book, book, {"Conda Path": "C:\\Miniconda3", "UDF Modules": "clientbase_xl.excel.udfs"}
    )
    assert conf_values(book)["Conda Path"] == "C:\\Miniconda3"
    plain = tmp_path / "plain.xlsx"
    main(
        ["demo", "--out", str(plain), "--clients", "10", "--months", "3"],
        io.StringIO(),
        io.StringIO(),
    )
    with pytest.raises(WorkbookError, match=r"no xlwings\.conf sheet"):
        set_conf(plain, plain, {"Interpreter_Win": "python"})


def test_setup_on_linux_needs_the_platform_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    book = tmp_path / "book.xlsm"
    shutil.copy(ROOT / "workbook_template.xlsm", book)
    err = io.StringIO()
    assert main(["excel-setup", str(book)], io.StringIO(), err) == 2
    assert "--platform win or --platform mac" in err.getvalue()


def test_the_template_vendors_the_installed_xlwings() -> None:
    import xlwings

    assert template_xlwings_version() == xlwings.__version__
