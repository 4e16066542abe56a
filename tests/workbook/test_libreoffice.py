"""A real LibreOffice opens what the refresh writes and renders every result tab."""

from pathlib import Path

import pandas as pd

from clientbase_xl.refresh import refresh
from clientbase_xl.tabs import TABS
from clientbase_xl.workbook.gateway import FileGateway
from tools.render import convert, render

# No skip when LibreOffice is missing: scripts/test installs it, and a test that silently
# skips would prove nothing.


def test_libreoffice_renders_the_result_tabs(demo_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsm"
    refresh(FileGateway(demo_book, out))
    names = [t.title("en") for t in TABS[:-1]]
    pngs = render(out, tmp_path / "png", names, pages=1)
    assert [p.name.split("-")[0] for p in pngs] == [n.replace(" ", "_") for n in names]
    assert all(p.stat().st_size > 10_000 for p in pngs)  # a page with content, not a blank one


def test_libreoffice_reads_the_values_back(demo_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsm"
    refresh(FileGateway(demo_book, out), lang="ru")
    ods = convert(out, tmp_path, "ods")

    seg = pd.read_excel(ods, sheet_name="Сегменты", header=4, engine="calamine")
    ours = pd.read_excel(out, sheet_name="Сегменты", header=4, engine="calamine")
    pd.testing.assert_frame_equal(seg, ours, check_dtype=False)
