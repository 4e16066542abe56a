"""The Priority tab through real refreshes: measures typed into it survive the next one."""

import io
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import python_calamine as pc

from clientbase_xl.cli import main
from clientbase_xl.demo import demo_frames


def refresh(book: Path, *extra: str) -> None:
    assert main(["refresh", str(book), "--in-place", *extra], io.StringIO(), io.StringIO()) == 0


def actions(book: Path) -> pd.DataFrame:
    table = pc.CalamineWorkbook.from_path(str(book), load_tables=True).get_table_by_name(
        "cb_priority_actions"
    )
    return pd.DataFrame(table.to_python(), columns=table.columns)


def type_measures(book: Path, measures: dict[str, str]) -> None:
    """Type into the measures column as a user would (openpyxl keeps the VBA and tables)."""
    with warnings.catch_warnings():  # openpyxl drops the data bars' extension: not under test
        warnings.simplefilter("ignore", UserWarning)
        wb = openpyxl.load_workbook(book, keep_vba=True)
    ws = next(s for s in wb.worksheets if "cb_priority_actions" in s.tables)
    first, last = ws.tables["cb_priority_actions"].ref.split(":")
    top = ws[first].row
    header = [c.value for c in ws[top]]
    column = header.index("Loyalty measures") + 1
    group = header.index("Group") + 1
    for row in range(top + 1, ws[last].row + 1):
        name = ws.cell(row, group).value
        if name in measures:
            ws.cell(row, column).value = measures[name]
    wb.save(book)


def test_measures_survive_refreshes_and_a_language_switch(
    book_from: Callable[..., Path],
) -> None:
    frames = demo_frames(clients=60, months=14, seed=2)
    book = book_from({k: frames[k] for k in ("sales", "clients", "criteria")})
    refresh(book)
    got = actions(book)
    assert got["Group"].tolist() == ["Key", "Develop", "Maintain"]
    type_measures(book, {"Key": "Quarterly review with the owner", "Maintain": "Newsletter"})
    refresh(book)
    assert actions(book)["Loyalty measures"].tolist() == [
        "Quarterly review with the owner",
        "",
        "Newsletter",
    ]
    refresh(book, "--lang", "ru")
    got = actions(book)
    assert got["Группа"].tolist() == ["Ключевые", "Развивать", "Поддерживать"]
    assert got["Меры по повышению приверженности"].tolist() == [
        "Quarterly review with the owner",
        "",
        "Newsletter",
    ]
