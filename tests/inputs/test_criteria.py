"""The Criteria sheet: every source, weight and duplicate problem with its exact message."""

import datetime as dt

from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.raw import RawTable

SALES = RawTable("Sales", ["Date", "Client", "Amount"], [[dt.date(2025, 1, 1), "C1", 10.0]])
CLIENTS = RawTable(
    "Clients",
    ["Client", "Name", "Employees", "Note"],
    [["C1", "Alfa", "1 200", "x"], ["C2", "Beta", "many", "y"]],
)


def _criteria(*rows: list[object]) -> RawTable:
    return RawTable("Criteria", ["Criterion", "Source", "Weight", "Direction"], list(rows))


def _problems(criteria: RawTable) -> list[tuple[object, ...]]:
    _, problems = load_inputs({"sales": SALES, "clients": CLIENTS, "criteria": criteria})
    frame = problems.to_frame("en").astype(object)
    frame = frame.where(frame.notna(), None)
    return list(frame[["sheet", "row", "column", "value", "problem", "fix"]].itertuples(False))


def test_sources_resolve_to_metrics_in_either_language_and_to_clients_columns() -> None:
    inputs, problems = load_inputs(
        {
            "sales": SALES,
            "clients": CLIENTS.__class__(
                "Clients", ["Client", "Employees"], [["C1", "1 200"], ["C2", None]]
            ),
            "criteria": _criteria(
                ["Size", "Выручка", 3, None],
                ["Fresh", "days since last order", 1, "меньше"],
                ["Staff", "employees", 1, "higher"],
            ),
        }
    )
    assert len(problems) == 0 and inputs is not None and inputs.criteria is not None
    assert inputs.criteria["metric"].tolist() == ["revenue", "recency", "clients:Employees"]
    assert inputs.criteria["higher"].tolist() == [True, False, True]
    # The Clients column a criterion reads is parsed as numbers, blanks unknown.
    assert inputs.clients is not None
    assert inputs.clients["Employees"].tolist()[0] == 1200.0


def test_unknown_source_names_the_metrics_and_the_clients_columns() -> None:
    got = _problems(_criteria(["Size", "Turnover", 1, None]))
    assert got == [
        (
            "Criteria",
            2,
            "Source (B)",
            "Turnover",
            "Turnover is neither a metric nor a column of the Clients sheet.",
            "Use a metric (revenue, margin, margin_pct, orders, active_months, growth, "
            "penetration, potential, nps, rfm, recency, ltv, categories) or a column of the "
            "Clients sheet (Employees, Note).",
        )
    ]


def test_negative_weight_duplicates_and_same_source_are_errors() -> None:
    got = _problems(
        _criteria(
            ["Size", "revenue", 2, None],
            ["Size", "margin", -1, None],
            ["Volume", "Revenue", 1, None],
        )
    )
    assert got == [
        (
            "Criteria",
            3,
            "Criterion (A)",
            "Size",
            "Criterion Size is listed again (first in row 2).",
            "Keep one row per Criterion.",
        ),
        (
            "Criteria",
            4,
            "Source (B)",
            "Volume",
            "Criterion Volume measures the same as row 2.",
            "Keep one criterion per source and add their weights up.",
        ),
        (
            "Criteria",
            3,
            "Weight (C)",
            "-1",
            "A weight below 0.",
            "Use 0 to leave the criterion out, or a positive weight.",
        ),
    ]


def test_all_zero_weights_is_an_error() -> None:
    got = _problems(_criteria(["Size", "revenue", 0, None], ["Margin", "margin", 0, None]))
    assert got == [
        (
            "Criteria",
            None,
            "Weight (C)",
            "0",
            "Every weight is 0.",
            "Give at least one criterion a weight above 0.",
        )
    ]


def test_a_clients_column_with_text_is_reported_on_the_clients_sheet() -> None:
    got = _problems(_criteria(["Staff", "Employees", 1, None]))
    assert got == [
        (
            "Clients",
            3,
            "Employees",
            "many",
            "Criterion Staff reads this column, and the value is not a number.",
            "Enter a number, leave it blank (unknown), or choose another source.",
        )
    ]


def test_a_direction_other_than_higher_or_lower_is_an_error() -> None:
    got = _problems(_criteria(["Size", "revenue", 1, "up"]))
    assert [(g[2], g[4]) for g in got] == [
        ("Direction (D)", "Expected one of: higher, lower, больше, меньше.")
    ]


REGIONS = RawTable(
    "Clients",
    ["Client", "Region", "Industry"],
    [
        ["C1", "Riga", "Retail"],
        ["C2", "riga ", "Wholesale"],
        ["C3", "Tallinn", "retail"],
        ["C4", "Vilnius", None],
        ["C5", "Vilnius", "Export"],
    ],
)


def test_text_columns_count_through_points() -> None:
    inputs, problems = load_inputs(
        {
            "sales": SALES,
            "clients": REGIONS,
            "criteria": RawTable(
                "Criteria",
                ["Criterion", "Source", "Weight", "Points"],
                [
                    ["Area", "Регион", 1, "Riga = 10; Tallinn = 4,5; ; Vilnius = 0"],
                    ["Trade", "Industry", 1, "Retail = 3; Wholesale = 1"],
                ],
            ),
        }
    )
    assert inputs is not None and inputs.criteria is not None
    assert inputs.criteria["metric"].tolist() == ["clients:region", "clients:Industry"]
    assert inputs.criteria["value_points"].tolist() == [
        {"riga": 10.0, "tallinn": 4.5, "vilnius": 0.0},
        {"retail": 3.0, "wholesale": 1.0},
    ]
    # The text stays text (tabs show the region as typed); only Export has no points.
    assert inputs.clients is not None and inputs.clients["region"].tolist()[1] == "riga"
    frame = problems.to_frame("en")
    assert frame[["sheet", "row", "column", "value", "severity"]].values.tolist() == [
        ["Clients", 6, "Industry", "Export", "warning"]
    ]
    assert frame["problem"].tolist() == [
        "Export has no points in criterion Trade (1 clients): it counts as unknown."
    ]


def test_points_that_do_not_parse_are_errors_each_and_points_on_a_metric_a_warning() -> None:
    criteria = RawTable(
        "Criteria",
        ["Criterion", "Source", "Weight", "Points"],
        [
            ["Area", "Region", 1, "Riga = ten; Tallinn; Riga = 2; Riga = 3"],
            ["Size", "revenue", 1, "big = 1"],
            ["Trade", "Industry", 1, "Retail = 1\nExport = 2"],
        ],
    )
    _, problems = load_inputs({"sales": SALES, "clients": REGIONS, "criteria": criteria})
    frame = problems.to_frame("en")
    got = frame[["row", "column", "value", "problem", "severity"]].values.tolist()
    assert got == [
        [2, "Points (D)", "Riga = ten", "Riga = ten is not a value with its points.", "error"],
        [2, "Points (D)", "Tallinn", "Tallinn is not a value with its points.", "error"],
        [2, "Points (D)", "Riga", "Riga has points twice.", "error"],
        [
            4,
            "Points (D)",
            "Retail = 1 Export = 2",
            "Retail = 1 Export = 2 is not a value with its points.",
            "error",
        ],
        [
            3,
            "Points (D)",
            "big = 1",
            "Points given to revenue, a metric: points apply to text columns of Clients only.",
            "warning",
        ],
    ]


def test_each_category_is_a_list_of_its_own() -> None:
    """Names and sources repeat across lists freely; within one, and for its weights, not."""
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount", "Category"],
        [[dt.date(2025, 1, 1), "C1", 10.0, "Tools"], [dt.date(2025, 1, 2), "C1", 5.0, "Paint"]],
    )
    criteria = RawTable(
        "Criteria",
        ["Criterion", "Source", "Weight", "Category"],
        [
            ["Size", "revenue", 1, None],
            ["Size", "revenue", 1, "Tools"],  # the same name and source in another list: fine
            ["Often", "orders", 1, "Tools"],
            ["Size", "margin", 1, "Tools"],  # row 5: the name again in the Tools list
            ["Many", "orders", 2, "Tools"],  # row 6: the source again in the Tools list
            ["Size", "revenue", 0, "Paint"],  # row 7: Paint weighs nothing
            ["Size", "revenue", 1, "Toys"],  # row 8: no sales line is Toys
        ],
    )
    _, problems = load_inputs({"sales": sales, "criteria": criteria})
    frame = problems.to_frame("en").astype(object)
    got = list(frame[["row", "column", "value", "problem", "severity"]].itertuples(False))
    assert got == [
        (
            5,
            "Criterion (A)",
            "Tools / Size",
            "Criterion Tools / Size is listed again (first in row 3).",
            "error",
        ),
        (6, "Source (B)", "Many", "Criterion Many measures the same as row 4.", "error"),
        (7, "Weight (C)", "0", "Every weight of category Paint is 0.", "error"),
        (
            8,
            "Category (D)",
            "Toys",
            "No sales line has category Toys: every client scores the same on its criteria.",
            "warning",
        ),
    ]
    fix = problems.to_frame("en")["fix"].iloc[-1]
    assert fix == "Write the category as the Sales sheet does (Paint, Tools), or clear the cell."


def test_a_misspelt_category_names_the_sold_one_it_looks_like() -> None:
    # "Paintt" is Paint with a key held down (difflib's ratio 2·5/11 = 0.91 >= 0.85); "Toys"
    # is like neither sold category (Tools: 2·3/9 = 0.67).
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount", "Category"],
        [["2026-01-10", "C1", 10, "Tools"], ["2026-01-11", "C1", 5, "Paint"]],
    )
    criteria = RawTable(
        "Criteria",
        ["Criterion", "Source", "Weight", "Category"],
        [
            ["Size", "revenue", 1, "Paintt"],
            ["Size", "revenue", 1, "Toys"],
        ],
    )
    _, problems = load_inputs({"sales": sales, "criteria": criteria})
    frame = problems.to_frame("en")
    assert list(frame["fix"]) == [
        "Meant Paint? Write the category as the Sales sheet does (Paint, Tools), or clear the "
        "cell.",
        "Write the category as the Sales sheet does (Paint, Tools), or clear the cell.",
    ]
    ru = problems.to_frame("ru")["fix"].iloc[0]
    assert ru.startswith("Имелась в виду Paint? Напишите категорию")


def test_without_sales_lines_no_category_is_called_unsold() -> None:
    # The Sales sheet is missing: that is the one problem, not one per category listed.
    criteria = RawTable(
        "Criteria", ["Criterion", "Source", "Weight", "Category"], [["Size", "revenue", 1, "Tools"]]
    )
    _, problems = load_inputs({"criteria": criteria})
    assert [p.what.en for p in problems] == ["Required sheet {sheet} is missing."]
