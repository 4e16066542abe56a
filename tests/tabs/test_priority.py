"""The Priority tab: text criteria by their points, categories by their own lists; measures
typed into it survive refreshes."""

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
from clientbase_xl.inputs.model import Inputs, load_inputs
from clientbase_xl.inputs.raw import RawTable
from clientbase_xl.tabs.card import card_table
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.priority import category_context, priority_tab, with_criteria


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


def test_a_category_scores_by_its_own_criteria_and_lines_by_hand() -> None:
    day = dt.date(2026, 3, 10)
    early = day - dt.timedelta(days=60)
    raw = {
        "sales": RawTable(
            "Sales",
            ["Date", "Client", "Amount", "Category"],
            [
                [day, "A", 100.0, "Tools"],
                [day, "A", 500.0, "Paint"],
                [day, "B", 300.0, "Tools"],
                [day, "B", 100.0, "Paint"],
                [day, "C", 200.0, "Paint"],
                [early, "D", 200.0, "Tools"],
            ],
        ),
        "criteria": RawTable(
            "Criteria",
            ["Criterion", "Source", "Weight", "Direction", "Category"],
            [
                ["Size", "revenue", 1, None, None],
                ["Size", "revenue", 1, None, "Tools"],
                ["Fresh", "recency", 1, "lower", "Tools"],
            ],
        ),
    }
    inputs, problems = load_inputs(raw)
    assert inputs is not None and len(problems) == 0
    ctx = Context(inputs, "en")
    tab = priority_tab(ctx)
    clients = tab.frames["clients"].set_index("client")
    # Overall, revenue A 600, B 400, C 200, D 200: ranks 4, 3, 1.5, 1.5 of 4 -> (r - 1) / 3.
    assert clients["score"].to_dict() == {"A": 1.0, "B": 2 / 3, "C": 1 / 6, "D": 1 / 6}
    # Tools only. Size: A 100, B 300, C 0, D 200 -> ranks 2, 4, 1, 3 -> 1/3, 1, 0, 2/3.
    # Fresh (fewer days better): A 0, B 0, D 60 days, C never -> D 0, A and B share ranks
    # 2 and 3 -> 0.75 each; C unknown 0.5. Score = mean of the two.
    assert clients["category_score_0"].to_dict() == {
        "A": (1 / 3 + 0.75) / 2,
        "B": (1 + 0.75) / 2,
        "C": (0 + 0.5) / 2,
        "D": (2 / 3 + 0) / 2,
    }
    # Bands at 40 and 70 %: B 0.875 Key, A 0.54 Develop, D 0.33 and C 0.25 Maintain.
    assert clients["category_group_0"].to_dict() == {
        "A": "Develop",
        "B": "Key",
        "C": "Maintain",
        "D": "Maintain",
    }
    # The Client card names them too.
    card = card_table(ctx).set_index("client")["priority_by_category"]
    assert card.to_dict() == {
        "A": "Tools: Develop",
        "B": "Tools: Key",
        "C": "Tools: Maintain",
        "D": "Tools: Maintain",
    }
    matrix = tab.frames["category_actions"]
    assert matrix[["category", "group", "clients", "revenue", "candidates"]].values.tolist() == [
        # Candidates: Maintain clients within 10 points of Develop's 40 %: D (0.33), not C.
        ["Tools", "Key", 1, 300.0, 0],
        ["Tools", "Develop", 1, 100.0, 1],
        ["Tools", "Maintain", 2, 200.0, 0],
    ]
    headers = [c.label.en for c in tab.spec.block("clients").columns]
    assert headers[-3:] == ["Score: Size", "Tools: score", "Tools: group"]
    criteria = tab.frames["criteria"].fillna({"category": ""})
    assert criteria[["category", "criterion", "known"]].values.tolist() == [
        ["", "Size", 4],
        ["Tools", "Size", 4],
        ["Tools", "Fresh", 3],
    ]


def test_a_category_keeps_the_workbooks_analysis_date() -> None:
    frames = demo_frames(clients=20, months=6, seed=3)
    inputs = Inputs(sales=frames["sales"])
    last_tools = frames["sales"].loc[frames["sales"]["category"] == "Tools", "date"].max()
    ctx = Context(inputs, "en")
    sub = category_context(ctx, "Tools")
    assert sub.inputs.as_of == ctx.inputs.as_of
    assert sub.inputs.sales["category"].eq("Tools").all() and len(sub.inputs.sales)
    assert last_tools <= ctx.inputs.as_of


def test_a_criterion_named_like_a_column_gets_a_header_of_its_own() -> None:
    """Excel repairs a table with two headers equal ignoring case."""
    spec = with_criteria(["Revenue", "revenue"], ["Score: revenue"])
    headers = [c.label.en for c in spec.block("clients").columns]
    assert len({h.casefold() for h in headers}) == len(headers)
    assert headers[-4:] == [
        "Score: Revenue",
        "Score: revenue (2)",
        "Score: revenue: score",
        "Score: revenue: group",
    ]
    assert "category_actions" in [b.key for b in spec.blocks]
    assert "category_actions" not in [b.key for b in with_criteria(["Size"]).blocks]


def test_with_category_lists_only_the_overall_score_takes_the_default_criteria() -> None:
    day = dt.date(2026, 3, 10)
    inputs, problems = load_inputs(
        {
            "sales": RawTable(
                "Sales",
                ["Date", "Client", "Amount", "Category"],
                [[day, "A", 100.0, "Tools"], [day, "B", 300.0, "Paint"]],
            ),
            "criteria": RawTable(
                "Criteria",
                ["Criterion", "Source", "Weight", "Category"],
                [["Size", "revenue", 1, "Tools"]],
            ),
        }
    )
    assert inputs is not None and len(problems) == 0
    tab = priority_tab(Context(inputs, "en"))
    assert "Every criterion names a category: the overall score uses the default criteria." in (
        tab.note
    )
    criteria = tab.frames["criteria"]
    assert criteria["criterion"].tolist() == [
        "Revenue",
        "Margin",
        "Growth",
        "Orders",
        "NPS score",
        "Size",
    ]
    # Tools: A bought 100 of it, B none -> A 1, B 0.
    assert tab.frames["clients"].set_index("client")["category_score_0"].to_dict() == {
        "B": 0.0,
        "A": 1.0,
    }
