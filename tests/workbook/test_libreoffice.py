"""A real LibreOffice opens what the refresh writes and renders every result tab."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from clientbase_xl.errors import WorkbookError
from clientbase_xl.refresh import refresh
from clientbase_xl.tabs import TABS
from clientbase_xl.workbook.gateway import FileGateway, check_source
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


# openpyxl (only the test's hand on the file) drops the data bars' extensions it cannot read.
@pytest.mark.filterwarnings("ignore:.*extension is not supported:UserWarning")
def test_the_client_card_follows_the_pick_when_libreoffice_recalculates(
    demo_book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsm"
    refresh(FileGateway(demo_book, out))
    written = pd.read_excel(out, sheet_name="Client card", header=None, engine="calamine")
    # The table of every client starts under the "Every client" title; pick its third client.
    title = written.index[written[0] == "Every client"][0]
    row = written.iloc[title + 4]
    # openpyxl saves the formulas without their stored results: LibreOffice must compute them.
    book = openpyxl.load_workbook(out, keep_vba=True)
    book["Client card"]["A6"] = row[0]
    changed = tmp_path / "picked.xlsm"
    book.save(changed)
    card = pd.read_excel(
        convert(changed, tmp_path, "ods"), sheet_name="Client card", header=None, engine="calamine"
    )
    fields = dict(zip(card[0].iloc[9:16], card[1].iloc[9:16], strict=True))
    assert fields["Name"] == row[1] and fields["Manager"] == row[2]
    assert (fields["ABC"], fields["XYZ"]) == (row[3], row[4])
    assert card.iloc[9, 1] != written.iloc[9, 1]  # not the card the refresh wrote


def test_books_libreoffice_saves_in_older_formats_are_named_with_their_fix(
    tmp_path: Path,
) -> None:
    # A real Excel 97-2003 book and a real web page, as LibreOffice writes them: each is
    # named for what it is, with the Save As that makes it readable.
    wb = openpyxl.Workbook()
    wb.active.append(["Date", "Client", "Amount"])
    wb.active.append(["2025-01-10", "A1", 10])
    book = tmp_path / "book.xlsx"
    wb.save(book)
    for fmt, said in (
        ("xls", "is an Excel 97-2003 workbook (.xls)"),
        ("html", "is a web page (HTML) under a workbook's name"),
    ):
        with pytest.raises(WorkbookError) as found:
            check_source(convert(book, tmp_path / fmt, fmt))
        assert said in str(found.value)
        assert "save it as Excel Workbook (*.xlsx)" in str(found.value)
