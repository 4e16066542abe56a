"""The Priority tab: text criteria by their points; measures typed into it survive refreshes."""

import datetime as dt
import io
import warnings
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import python_calamine as pc

from clientbase_xl.cli import main
from clientbase_xl.demo import demo_frames
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.priority import priority_tab


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


def test_a_text_column_scores_by_its_points_by_hand() -> None:
    day = dt.date(2026, 3, 10)
    raw = {
        "sales": RawTable(
            "Sales",
            ["Date", "Client", "Amount"],
            [[day, "A", 100.0], [day, "B", 300.0], [day, "C", 200.0]],
        ),
        "clients": RawTable(
            "Clients",
            ["Client", "Region"],
            [["A", "Riga"], ["B", "tallinn"], ["C", "Narva"]],
        ),
        "criteria": RawTable(
            "Criteria",
            ["Criterion", "Source", "Weight", "Points"],
            [["Area", "Регион", 3, "Riga = 10; Tallinn = 5"], ["Size", "revenue", 1, None]],
        ),
    }
    inputs, problems = load_inputs(raw)
    assert inputs is not None and problems.to_frame("en")["value"].tolist() == ["Narva"]
    tab = priority_tab(Context(inputs, "en"))
    clients = tab.frames["clients"].set_index("client")
    # Area: A 10 points, B 5, C (Narva) none -> ranks A 1, B 0, C neutral 0.5.
    # Size: revenue A 100, B 300, C 200 -> A 0, B 1, C 0.5.
    # Score = (3 x Area + 1 x Size) / 4: A 0.75, B 0.25, C 0.5.
    assert clients["criterion_0"].to_dict() == {"A": 1.0, "C": 0.5, "B": 0.0}
    assert clients["score"].to_dict() == {"A": 0.75, "C": 0.5, "B": 0.25}
    criteria = tab.frames["criteria"].set_index("criterion")
    assert criteria.loc["Area", ["source", "known", "points"]].tolist() == [
        "Region",
        2,
        "Riga = 10; Tallinn = 5",
    ]
