"""Tabs written one at a time land in tab order, whatever order they come in."""

import tempfile
import zipfile
from pathlib import Path

import pytest

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.refresh import build_tabs, result_tab_names
from clientbase_xl.report.tabs import TABS
from clientbase_xl.workbook.opc import ZipParts, sheets_of
from clientbase_xl.workbook.reader import read_inputs
from clientbase_xl.workbook.tabwriter import TabWriter


def _sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [s.name for s in sheets_of(ZipParts(zf))]


def test_tabs_added_in_any_order_stand_in_tab_order(demo_book: Path, tmp_path: Path) -> None:
    inputs, _ = load_inputs(read_inputs(demo_book))
    assert inputs is not None
    tabs = build_tabs(inputs, "ru")
    out, backup = tmp_path / "out.xlsm", tmp_path / "backup.xlsm"
    with TabWriter(demo_book, result_tab_names(), "ru", "₽") as writer:
        for tab in reversed(tabs):
            writer.add(tab)
        assert not out.exists() and not backup.exists()  # nothing is written before write()
        writer.write(out, backup)
    assert backup.read_bytes() == demo_book.read_bytes()
    inputs_only = _sheet_names(demo_book)
    assert _sheet_names(out) == [*inputs_only, *(t.spec.title("ru") for t in tabs)]
    assert [t.spec.key for t in tabs] == [s.key for s in TABS[: len(tabs)]]


def test_closing_without_writing_leaves_nothing_behind(
    demo_book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    inputs, _ = load_inputs(read_inputs(demo_book))
    assert inputs is not None
    with TabWriter(demo_book, result_tab_names(), "en", "") as writer:
        writer.add(build_tabs(inputs, "en", only={"segments"})[0])
        assert len(list(temp.iterdir())) == 1  # its scratch folder
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["temp"]
