"""The desktop writer: the file renderer's tabs copied in with ``Sheet.copy``, through autospecs.

The fakes open the real scratch workbook the writer renders (with openpyxl) and copy its sheets
into the fake book, so these tests run the route end to end except for Excel itself.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from clientbase_xl.excel.gateway import XlwingsGateway
from clientbase_xl.refresh import refresh
from clientbase_xl.workbook.gateway import FileGateway
from tests.excel.fakes import SALES, SETTINGS, book_with, fake_book, sheets_with

STAMP = "2026-12-02 09:00"


def _keep_scratch(book: Any, folder: Path) -> list[Path]:
    """Copy each workbook the writer opens in Excel to ``folder`` before the fake opens it."""
    kept: list[Path] = []
    opener = book.app.books.open.side_effect

    def open_and_keep(fullname: str, **options: Any) -> Any:
        kept.append(folder / f"scratch{len(kept)}.xlsx")
        shutil.copy(fullname, kept[-1])
        return opener(fullname, **options)

    book.app.books.open.side_effect = open_and_keep
    return kept


def _same_book_as_a_file(path: Path) -> None:
    """The fake book of :func:`book_with` as a real file: Sales a table at B3, then Settings."""
    wb = xlsxwriter.Workbook(str(path))
    sales = wb.add_worksheet("Продажи")
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    for i, row in enumerate(SALES):
        for j, value in enumerate(row):
            if i and j == 0:
                sales.write_datetime(2 + i, 1 + j, value, date)
            else:
                sales.write(2 + i, 1 + j, value)
    sales.add_table(
        2,
        1,
        2 + len(SALES) - 1,
        len(SALES[0]),
        {"name": "Sales", "columns": [{"header": h} for h in SALES[0]]},
    )
    settings = wb.add_worksheet("Settings")
    for i, row in enumerate(SETTINGS):
        settings.write_row(i, 0, row)
    wb.close()


def _looks(ws: Any) -> dict[str, Any]:
    """What a reader of a result sheet sees: values, formats, rules, drop-downs, charts, print."""
    return {
        "cells": [[(c.value, c.number_format, c.font.b) for c in row] for row in ws.iter_rows()],
        "conditional": sorted(
            (str(rng.sqref), [r.type for r in rules])
            for rng, rules in ws.conditional_formatting._cf_rules.items()
        ),
        "validation": sorted(str(v.sqref) for v in ws.data_validations.dataValidation),
        "charts": len(ws._charts),
        "tables": sorted((t.displayName, t.ref) for t in ws.tables.values()),
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "print": str(ws.print_area),
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
    }


def _load(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the data bars' extension openpyxl does not read
        return openpyxl.load_workbook(path)


def test_the_button_writes_the_tabs_the_command_line_writes(tmp_path: Path) -> None:
    book, rec = book_with()
    scratch = _keep_scratch(book, tmp_path)
    outcome = refresh(XlwingsGateway(book), refreshed=STAMP)
    source, out = tmp_path / "book.xlsx", tmp_path / "out.xlsx"
    _same_book_as_a_file(source)
    refresh(FileGateway(source, out), refreshed=STAMP)
    button, cli = _load(scratch[0]), _load(out)
    titles = [t.spec.title("ru") for t in outcome.tabs]
    assert titles == cli.sheetnames[2:]
    for title in titles:
        assert _looks(button[title]) == _looks(cli[title]), title
    # What the file renderer draws and the cell writer cannot: rules, drop-downs, chart titles.
    looks = [_looks(button[t]) for t in titles]
    assert sum(len(x["conditional"]) for x in looks) > 0
    assert any(x["validation"] for x in looks) and sum(x["charts"] for x in looks) >= 3
    # Each of those sheets was copied into the book, in order after the inputs, and marked.
    assert [s.name for s in book.made] == ["Продажи", "Settings", *titles]
    for sheet in book.made[2:]:
        assert sheet.copied
        marks = [n.refers_to for n in sheet.names if n.name.endswith("!_cb_tab")]
        assert len(marks) == 1 and sheet.name in marks[0]
    opened = rec.opened[0][1]
    opened.close.assert_called_once()
    assert not Path(rec.opened[0][0]).exists()  # the scratch is gone
    assert book.app.display_alerts is not False and book.app.screen_updating is not False


def test_inputs_are_never_touched_and_a_second_refresh_takes_the_old_places() -> None:
    book, _ = fake_book([*sheets_with(), ("Мои заметки", [["заметка"]], {})])
    inputs = list(book.made[:2])
    before = [dict(s.grid.cells) for s in inputs]
    refresh(XlwingsGateway(book), refreshed=STAMP)
    names = [s.name for s in book.made]
    # The user moves the Dashboard to the front; the next refresh keeps it there.
    dashboard = book.made.pop(names.index("Сводка"))
    book.made.insert(0, dashboard)
    order = [s.name for s in book.made]
    refresh(XlwingsGateway(book), lang="en", refreshed=STAMP)
    after = [s.name for s in book.made]
    assert after[0] == "Dashboard" and len(after) == len(order)
    assert after[1:4] == ["Продажи", "Settings", "Мои заметки"]
    assert book.made[0] is not dashboard  # a new sheet, where the old one stood
    for sheet, cells in zip(inputs, before, strict=True):
        assert sheet.grid.cells == cells
        for method in (sheet.clear, sheet.delete, sheet.copy):
            method.assert_not_called()


def test_the_com_calls_of_a_refresh_do_not_grow_with_the_data() -> None:
    def calls(lines: int, lite: bool) -> int:
        sales = [SALES[0]] + [
            [row[0], f"{row[1]}-{i}", row[2], row[3]]
            for i in range(lines // (len(SALES) - 1))
            for row in SALES[1:]
        ]
        book, rec = book_with(sales)
        refresh(XlwingsGateway(book, lite=lite), refreshed=STAMP)
        return rec.com_calls()

    small, large = calls(7, False), calls(70, False)
    lite_small, lite_large = calls(7, True), calls(70, True)
    # The copy: a bounded number of calls a tab; the cell writer's grow with the card's
    # fields, the links and the number formats of every block.
    assert large == small < lite_small <= lite_large
    print(f"COM calls, 7 / 70 lines: copy {small} / {large}, cells {lite_small} / {lite_large}")


def _state(book: Any) -> list[tuple[str, list[str], list[str]]]:
    return [
        (s.name, [t.name for t in s.tables], [f"{n.name}={n.refers_to}" for n in s.names])
        for s in book.made
    ]


def test_a_copy_that_fails_leaves_the_book_as_it_was() -> None:
    book, _ = book_with()
    refresh(XlwingsGateway(book), refreshed=STAMP)
    was = _state(book)
    opener = book.app.books.open.side_effect
    for failing in (0, -1):  # the first tab's copy, and the last one's

        def open_failing(fullname: str, **options: Any) -> Any:
            scratch = opener(fullname, **options)
            sheet = scratch.made[1:][failing]  # noqa: B023 (used at once) the cover is not copied
            sheet.copy.side_effect = OSError("Excel: not enough memory")
            return scratch

        book.app.books.open.side_effect = open_failing
        with pytest.raises(OSError, match="not enough memory"):
            refresh(XlwingsGateway(book), refreshed=STAMP)
        assert _state(book) == was
    book.app.books.open.side_effect = opener
    refresh(XlwingsGateway(book), refreshed=STAMP)
    assert _state(book) == was  # and the next refresh goes through


def test_a_users_formula_into_a_result_tab_survives_its_replacement() -> None:
    book, _ = fake_book([*sheets_with(), ("Мой отчёт", [["=Сегменты!C6", "=SUM(1,2)"]], {})])
    refresh(XlwingsGateway(book), refreshed=STAMP)
    mine = next(s for s in book.made if s.name == "Мой отчёт")
    book.names.add("Лучший", "=Сегменты!$C$6")

    def excel_deletes(sheet: Any, original: Any) -> Any:
        # Excel points what named the deleted sheet at #REF! (as it was renamed first).
        def delete() -> None:
            original()
            for other in book.made:
                for at, text in list(other.grid.cells.items()):
                    if isinstance(text, str) and "Сегменты!" in text:
                        other.grid.cells[at] = text.replace("Сегменты!", "#REF!")
            for name in book.names:
                name.refers_to = name.refers_to.replace("Сегменты!", "#REF!")

        return delete

    old = next(s for s in book.made if s.name == "Сегменты")
    old.delete.side_effect = excel_deletes(old, old.delete.side_effect)
    refresh(XlwingsGateway(book), refreshed=STAMP)
    assert old not in book.made
    assert mine.grid.cells[(1, 1)] == "=Сегменты!C6"
    assert mine.grid.cells[(1, 2)] == "=SUM(1,2)"
    assert [n.refers_to for n in book.names] == ["=Сегменты!$C$6"]
