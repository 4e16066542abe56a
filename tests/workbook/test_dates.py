"""Workbooks in the 1904 date system (old Mac Excel's): result tabs show the dates the 1900 ones do.

openpyxl writes a book in either system and reads every date by the book's own system, so a
date cell read back is the date the user sees in Excel.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from clientbase_xl.cli import main
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.problems import Problems
from clientbase_xl.refresh import errors_tab
from clientbase_xl.workbook.dates import uses_1904
from clientbase_xl.workbook.reader import read_inputs
from clientbase_xl.workbook.standalone import write_tab_book


def _book(path: Path, date1904: bool) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sales"
    if date1904:
        book.epoch = CALENDAR_MAC_1904
    ws.append(["Date", "Client", "Amount", "Order"])
    for i in range(30):
        day = dt.datetime(2025, 1, 1) + dt.timedelta(days=11 * i)
        ws.append([day, f"C{i % 7}", 100.0 + i, f"O{i}"])
    book.save(path)
    return path


def _dates(path: Path) -> dict[tuple[str, str], dt.datetime]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate): cell.value
        for ws in book.worksheets[1:]  # the result tabs
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, dt.datetime)
    }


def test_the_date_system_is_read_from_the_workbook_part(tmp_path: Path) -> None:
    assert uses_1904(_book(tmp_path / "mac.xlsx", True))
    assert not uses_1904(_book(tmp_path / "win.xlsx", False))
    assert not uses_1904(tmp_path / "missing.xlsx")
    (tmp_path / "text.xlsx").write_text("Date;Client")
    assert not uses_1904(tmp_path / "text.xlsx")


def test_result_tabs_of_a_1904_book_show_the_dates_a_1900_book_shows(tmp_path: Path) -> None:
    dates = {}
    for date1904 in (False, True):
        book = _book(tmp_path / f"in-{date1904}.xlsx", date1904)
        out = tmp_path / f"out-{date1904}.xlsx"
        assert main(["refresh", str(book), "--out", str(out)], io.StringIO(), io.StringIO()) == 0
        assert uses_1904(out) is date1904  # the book keeps its system
        dates[date1904] = _dates(out)
    # Hundreds of dates on the tabs (bulk rows, single cells and formulas' stored results), each
    # the same day in both books: written in the 1900 system, the 1904 book's would be
    # 4 years and a day late.
    assert len(dates[False]) > 100 and dates[True] == dates[False]
    # The lines run from 2025-01-01 to 2025-11-16; the timeline starts a year before, next
    # orders fall due a few months after: nothing near 2029, where a shift would put them.
    shown = dates[True].values()
    assert dt.datetime(2024, 1, 1) <= min(shown) and max(shown) <= dt.datetime(2026, 12, 31)


def test_the_desktop_scratch_book_takes_the_destination_system(tmp_path: Path) -> None:
    # Excel copies a sheet between books with its serials: the scratch book the desktop writer
    # copies from counts in the user's book's system, its cover included.
    path = tmp_path / "tabs.xlsx"
    tab = errors_tab(Problems(), "en")
    write_tab_book([tab], "en", path, "", {"errors": "Errors"}, {}, date1904=True)
    assert uses_1904(path)
    with zipfile.ZipFile(path) as zf:
        assert b'date1904="1"' in zf.read("xl/workbook.xml")


def test_serial_numbers_of_a_1904_book_are_its_own_days(tmp_path: Path) -> None:
    # A date column formatted as General shows serials; in a 1904 book, 44136 is 1904-01-01
    # plus 44,136 days = 2024-11-02 (in a 1900 book the same number is 2020-11-01).
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Sales"
    book.epoch = CALENDAR_MAC_1904
    ws.append(["Date", "Client", "Amount"])
    ws.append([44136, "C1", 100.0])
    ws.append([dt.datetime(2024, 11, 2), "C2", 50.0])  # a real date: the same day
    path = tmp_path / "mac.xlsx"
    book.save(path)
    inputs, problems = load_inputs(read_inputs(path))
    assert inputs is not None and len(problems) == 0
    assert inputs.sales["date"].tolist() == [pd.Timestamp("2024-11-02")] * 2
