"""Worksheet functions called with exactly what Excel passes, through xlwings' own code."""

import datetime as dt

import pytest

from clientbase_xl.excel.udfs.args import ARG_HELP
from clientbase_xl.tabs.rfm import SEGMENT_RU
from tools.classic_xlwings import CELL_ERRORS, MISSING, call, load_udfs, vba_wrappers

U = load_udfs()


def scalar(result: object) -> object:
    """A one-cell result as COM receives it: a 1×1 2-D list."""
    assert isinstance(result, list) and len(result) == 1 and len(result[0]) == 1
    return result[0][0]


def message(result: object) -> object:
    """The text a failing function leaves in its cell."""
    return scalar(result)


def column(*values: object) -> list[list[object]]:
    """A one-column range as COM passes it: a 2-D list, blanks as None."""
    return [[v] for v in values]


SALES_CLIENT = column("Client", "A1", "A1", "A1", "B2", "B2", "C3", "D4", None, None)
SALES_DATE = column(
    "Date",
    dt.datetime(2025, 1, 10),
    dt.datetime(2025, 2, 10),
    dt.datetime(2025, 3, 10),
    dt.datetime(2025, 1, 15),
    "15.03.2025",
    45708.0,
    dt.datetime(2025, 3, 20),
    None,
    None,
)
SALES_AMOUNT = column("Amount", 500.0, 300.0, 200.0, 250.0, "150", 80.0, 20.0, None, None)


def test_every_function_is_registered_in_the_clientbase_category_with_help() -> None:
    for f in U.CATALOGUE:
        info = f.__xlfunc__
        assert info["category"] == "ClientBase"
        assert info["ret"]["doc"] and "\n" not in info["ret"]["doc"]  # one line for the wizard
        for arg in info["args"]:
            assert not arg["doc"].startswith("Positional argument"), (f.__name__, arg["name"])


def test_cb_abc_per_row_with_blanks_and_header() -> None:
    # 1000, 400, 80, 20 (total 1500): running share before each 0, .667, .933, .987.
    # A header on top spills back as the column's header; a blank row stays blank.
    got = call(U.CB_ABC, column("Revenue", 1000.0, None, 400.0, 80.0, 20.0))
    assert got == [["ABC"], ["A"], [""], ["A"], ["B"], ["C"]]
    got = call(U.CB_ABC, column(1000.0, None, 400.0, 80.0, 20.0), MISSING, MISSING)
    assert got == [["A"], [""], ["A"], ["B"], ["C"]]
    assert message(call(U.CB_ABC, column(1.0, "two"))) == "#CB! values: row 2 holds 'two'."


def test_cb_abc_thresholds_as_percent_cells_and_abcd() -> None:
    got = call(U.CB_ABC, column(1000.0, 400.0, 80.0, 20.0), 0.5, 0.8, 0.95)
    assert got == [["A"], ["B"], ["C"], ["D"]]


def test_cb_xyz_by_variation() -> None:
    grid = [[100.0, 100.0, 100.0], [100.0, 120.0, 80.0], [500.0, 300.0, 200.0]]
    assert call(U.CB_XYZ, grid) == [["X"], ["Y"], ["Z"]]


def test_cb_segments_from_table_columns_with_header_blanks_and_text_values() -> None:
    got = call(U.CB_SEGMENTS, SALES_CLIENT, SALES_DATE, SALES_AMOUNT, dt.datetime(2025, 3, 31), 3.0)
    assert got[0] == ["Client", "Revenue", "Orders", "ABC", "XYZ", "Cell"]
    # Serial 45708 is 2025-02-20; the hand-computed example of tests/analytics/test_abc_xyz.
    assert got[1:] == [
        ["A1", 1000.0, 3.0, "A", "X", "AX"],
        ["B2", 400.0, 2.0, "A", "Y", "AY"],
        ["C3", 80.0, 1.0, "B", "Z", "BZ"],
        ["D4", 20.0, 1.0, "C", "Z", "CZ"],
    ]


def test_cb_segments_headers_in_russian() -> None:
    got = call(U.CB_SEGMENTS, SALES_CLIENT, SALES_DATE, SALES_AMOUNT, MISSING, MISSING, "ru")
    assert got[0][:2] == ["Клиент", "Выручка"]


def test_bad_arguments_return_a_short_message_not_a_traceback() -> None:
    dates = column("Date", "soon", *[dt.datetime(2025, 1, 1)] * 8)
    got = message(call(U.CB_SEGMENTS, SALES_CLIENT, dates, SALES_AMOUNT))
    assert got == "#CB! date: row 2 holds 'soon'."
    short = message(call(U.CB_SEGMENTS, SALES_CLIENT, column("Date", "later"), SALES_AMOUNT))
    assert short == "#CB! The ranges differ in length: 10, 2, 10."
    assert message(call(U.CB_ABC, column(1.0, 2.0), 95, 80)) == "#CB! Thresholds must increase."
    assert (
        message(call(U.CB_SEGMENTS, SALES_CLIENT, SALES_DATE, SALES_AMOUNT, MISSING, MISSING, "de"))
        == "#CB! lang must be en or ru."
    )


def test_excel_error_cells_read_as_blanks() -> None:
    got = scalar(call(U.CB_NPS, column(10.0, CELL_ERRORS[1], 9.0, 3.0)))
    # Promoters 2, detractors 1 of 3 answers: (2 - 1) / 3 = +33.3.
    assert got == pytest.approx(100 / 3)


def test_cb_nps_and_table() -> None:
    textbook = column(*([10.0] * 100 + [7.0] * 30 + [3.0] * 80))
    assert scalar(call(U.CB_NPS, textbook)) == pytest.approx(9.5238, abs=1e-4)
    table = call(U.CB_NPS_TABLE, column(10.0, 9.0, 5.0, 8.0), column("I", "I", "P", "P"))
    assert table[0] == ["Group", "Answers", "Promoters", "Passives", "Detractors", "NPS"]
    assert table[1:] == [["I", 2.0, 2.0, 0.0, 0.0, 100.0], ["P", 2.0, 0.0, 1.0, 1.0, -50.0]]


def test_cb_nps_themes_counts_tagged_answers() -> None:
    table = call(
        U.CB_NPS_THEMES,
        column("Client", "A", "B", "A", None),
        column("Score", 3.0, 10.0, 9.0, 7.0),
        column("Themes", "Price; Delivery", "price", None, "Delivery"),
    )
    assert table[0][:4] == ["Theme", "Clients", "Answers", "Promoters"]
    # Delivery: A's 3 and a 7 without a client -> 2 answers, 1 client, NPS (0 − 1) / 2 = −50.
    # Price: A's 3 and B's 10 -> 2 clients, NPS 0. Most answers first, then by name.
    assert [r[:3] for r in table[1:]] == [["Delivery", 1.0, 2.0], ["Price", 2.0, 2.0]]
    assert [r[6] for r in table[1:]] == [-50.0, 0.0]


def test_cb_ltv_scalar_and_table() -> None:
    # S 133.33, C 0.75, P 40 % typed as 40, t 2.5 -> 100.
    assert scalar(call(U.CB_LTV, 400 / 3, 0.75, 40.0, 2.5)) == pytest.approx(100.0)
    table = call(
        U.CB_LTV_TABLE,
        SALES_CLIENT,
        SALES_DATE,
        SALES_AMOUNT,
        column("Cost", 300.0, 200.0, 100.0, 200.0, 100.0, 40.0, 10.0, None, None),
    )
    assert table[0][0] == "Client" and table[0][-1] == "LTV"
    assert [r[0] for r in table[1:]] == ["A1", "B2", "C3", "D4"]


def test_cb_pareto_migration_rfm_churn_spill_tables() -> None:
    pareto = call(U.CB_PARETO, column(1000.0, 400.0, 80.0, 20.0))
    assert pareto[2][1:] == [1.0, 0.25, pytest.approx(2 / 3)]
    migration = call(
        U.CB_MIGRATION,
        column("A1", "B2", "C3"),
        column("A", "B", "C"),
        column("A1", "B2", "D4"),
        column("A", "A", "B"),
    )
    assert migration[0] == ["From \\ to", "A", "B", "C", "Lost", "Total"]
    assert migration[2] == ["B", 1.0, 0.0, 0.0, 0.0, 1.0]  # B2 moved up to A
    rfm = call(U.CB_RFM, SALES_CLIENT, SALES_DATE, SALES_AMOUNT, dt.datetime(2025, 3, 31))
    assert rfm[0][:3] == ["Client", "Last order", "Recency, days"]
    assert len(rfm) == 5
    # The function and the tab name the segments alike in Russian (it once returned English).
    ru = call(U.CB_RFM, SALES_CLIENT, SALES_DATE, SALES_AMOUNT, dt.datetime(2025, 3, 31), "ru")
    english = {row[-1] for row in rfm[1:]}
    assert {row[-1] for row in ru[1:]} == {SEGMENT_RU[name] for name in english}
    churn = call(U.CB_CHURN, SALES_CLIENT, SALES_DATE, dt.datetime(2025, 6, 30), 60.0)
    assert churn[0] == ["Month", "Active at start", "Churned", "Churn rate"]


def test_generated_vba_wrappers() -> None:
    vba = vba_wrappers(U)
    for f in U.CATALOGUE:
        assert f"Function {f.__name__}(" in vba
    assert (
        'CB_ABC = XLPy.CallUDF("clientbase_xl.excel.udfs", "CB_ABC", Array(values, a, b, c), '
        "ThisWorkbook, Application.Caller)"
    ) in vba
    assert (
        "Function CB_SEGMENTS(client, dates, amount, Optional as_of, Optional months, "
        "Optional lang)" in vba
    )


#: VBA keywords and built-in names a parameter of a generated wrapper must not take.
VBA_RESERVED = {
    "date",
    "time",
    "string",
    "integer",
    "long",
    "double",
    "object",
    "variant",
    "type",
    "name",
    "error",
    "end",
    "next",
    "step",
    "to",
    "set",
    "let",
    "get",
    "in",
    "is",
    "like",
    "mod",
    "not",
    "and",
    "or",
    "xor",
    "call",
    "case",
    "const",
    "dim",
    "do",
    "each",
    "else",
    "exit",
    "for",
    "function",
    "goto",
    "if",
    "loop",
    "new",
    "on",
    "option",
    "private",
    "public",
    "resume",
    "select",
    "static",
    "stop",
    "sub",
    "then",
    "until",
    "wend",
    "while",
    "with",
    "len",
    "val",
    "format",
    "day",
    "month",
    "year",
    "left",
    "right",
    "mid",
    "round",
    "array",
    "empty",
    "null",
}


def test_no_argument_is_a_vba_keyword() -> None:
    for f in U.CATALOGUE:
        for arg in f.__xlfunc__["args"]:
            assert arg["name"].lower() not in VBA_RESERVED, (f.__name__, arg["name"])


def test_cb_margin_dso_and_repeat() -> None:
    margin = call(
        U.CB_MARGIN, column("a", "a", "b"), column(100.0, 300.0, 50.0), column(60.0, 200.0, None)
    )
    assert margin[0] == ["Client", "Revenue", "Margin", "Margin %"]
    # a: 400 revenue, 140 margin -> 35 %; b has no cost -> margin unknown.
    assert margin[1] == ["a", 400.0, 140.0, pytest.approx(0.35)]
    assert margin[2] == ["b", 50.0, "", ""]  # blanks reach Excel as empty cells
    dso = call(
        U.CB_DSO,
        column("a", "a"),
        column(dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1)),
        column(dt.datetime(2025, 1, 31), dt.datetime(2025, 3, 3)),
        column(dt.datetime(2025, 1, 21), dt.datetime(2025, 3, 13)),
        column(100.0, 300.0),
    )
    # (100 × 20 + 300 × 40) / 400 = 35 days, the second paid late.
    assert dso[1] == ["a", 2.0, 400.0, 0.0, 300.0, 35.0]
    repeat = call(
        U.CB_REPEAT,
        column("a", "a", "b"),
        column(dt.datetime(2025, 1, 5), dt.datetime(2025, 2, 5), dt.datetime(2025, 1, 9)),
    )
    assert repeat[1][:5] == [dt.datetime(2025, 1, 1), 2.0, 1.0, 0.0, 0.0]


def test_cb_penetration_potential_and_plan() -> None:
    args = (
        column("Client", "a", "a", "b"),
        column("Category", "Tools", "Paint", "Tools"),
        column("Amount", 300.0, 50.0, 100.0),
        column("a", "a"),
        column("Tools", "Safety"),
        column(1000.0, 500.0),
    )
    cells = call(U.CB_PENETRATION, *args)
    assert cells[0] == [
        "Client",
        "Category",
        "Our sales",
        "Wallet",
        "Share of wallet",
        "Up-sell",
        "Cross-sell",
    ]
    # a/Tools 300 of 1000 = 30 %; a/Paint has no wallet (blank, not 0); a/Safety cross-sell 500.
    assert cells[1] == ["a", "Paint", 50.0, "", "", "", ""]
    assert cells[3] == ["a", "Tools", 300.0, 1000.0, 0.3, 700.0, 0.0]
    assert cells[4] == ["b", "Tools", 100.0, "", "", "", ""]
    potential = call(U.CB_POTENTIAL, *args)
    assert potential[1][0] == "a" and potential[1][-1] == 1200.0
    # 1000 + min(50, 15 % × 1000 = 150) = 1050; without a potential: 1000 + 150.
    assert scalar(call(U.CB_PLAN, 1000.0, 50.0)) == 1050.0
    assert scalar(call(U.CB_PLAN, 1000.0, MISSING, 0.15)) == 1150.0


def test_cb_potential_takes_the_latest_dated_estimate_and_refuses_undated_twins() -> None:
    # The Wallet table with its history: a/Tools estimated at 800, then at 1000 a year later.
    sales = (
        column("Client", "a", "b"),
        column("Category", "Tools", "Tools"),
        column("Amount", 300.0, 100.0),
    )
    wallet = (
        column("a", "a", "b"),
        column("Tools", "Tools", "Tools"),
        column(1000.0, 800.0, 400.0),
    )
    dates = column(dt.datetime(2025, 6, 1), dt.datetime(2024, 6, 1), dt.datetime(2025, 1, 1))
    potential = call(U.CB_POTENTIAL, *sales, *wallet, "en", dates)
    # a: the 2025 estimate, 1000 (not 800, nor 1,800 summed); b: 400. Share 300 / 1000.
    assert [row[:3] for row in potential[1:]] == [["a", 300.0, 1000.0], ["b", 100.0, 400.0]]
    assert potential[1][3] == 0.3
    undated = scalar(call(U.CB_POTENTIAL, *sales, *wallet))
    assert undated.startswith("#CB! a has two wallet estimates of Tools: pass their dates")


def test_cb_priority_scores_groups_and_criterion_columns() -> None:
    # The hand-computed example of tests/analytics/test_priority.py, as a table on a sheet.
    metrics = [
        ["Revenue", "NPS"],
        [100.0, 10.0],
        [300.0, 5.0],
        ["200", None],
        [400.0, 5.0],
    ]
    cells = call(
        U.CB_PRIORITY,
        column("Client", "a", "b", "c", "d"),
        metrics,
        [[3.0, 1.0]],
        MISSING,
        [[0.4, 70.0]],
    )
    assert cells[0] == ["Client", "Score", "Group (1 = top)", "Score: Revenue", "Score: NPS"]
    # Scores (3·revenue + 1·NPS) / 4: a .25, b .5625, c .375, d .8125; bands 40 / 70 %.
    got = {r[0]: r[1:] for r in cells[1:]}
    assert got["a"][:2] == [0.25, 3.0]
    assert got["b"][:2] == [0.5625, 2.0]
    assert got["c"] == [0.375, 3.0, pytest.approx(1 / 3), 0.5]
    assert got["d"][:2] == [0.8125, 1.0]
    ru = call(U.CB_PRIORITY, column("a", "b"), column(1.0, 2.0), 1.0, "lower", MISSING, "ru")
    assert ru[0][:3] == ["Клиент", "Балл", "Группа (1 — верхняя)"]
    assert ru[1][:3] == ["a", 1.0, 1.0]  # lower is better: a ranks first


def test_cb_priority_bad_weights_say_why() -> None:
    args = (column("a", "b"), column(1.0, 2.0))
    assert message(call(U.CB_PRIORITY, *args, [[1.0, 2.0]])) == (
        "#CB! weights: give 1 numbers, one per metrics column."
    )
    assert (
        message(call(U.CB_PRIORITY, *args, 0.0)) == "#CB! weights: 0 or more each, and not all 0."
    )
    assert message(call(U.CB_PRIORITY, column("a"), column(1.0, 2.0), 1.0)) == (
        "#CB! 1 clients but 2 rows of metrics."
    )


def test_cb_clv_from_order_columns() -> None:
    # Twelve clients: client k orders every (k + 1) weeks from 2025-01-06, 600 + 10·k each.
    clients, dates, amounts = ["Client"], ["Date"], ["Amount"]
    for k in range(12):
        day = dt.datetime(2025, 1, 6)
        while day <= dt.datetime(2025, 12, 29):
            clients.append(f"K{k:02d}")
            dates.append(day)
            amounts.append(600.0 + 10 * k)
            day += dt.timedelta(weeks=k + 1)
    cells = call(U.CB_CLV, column(*clients), column(*dates), column(*amounts))
    assert cells[0][:4] == ["Client", "Repeat order days", "Recency, weeks", "Age, weeks"]
    got = {r[0]: r for r in cells[1:]}
    assert len(got) == 12
    # K00 bought every week up to the last date: 51 repeat days, surely alive, and values
    # more than the client who bought every 12 weeks.
    assert got["K00"][1] == 51.0 and got["K00"][5] > 0.99
    assert got["K00"][-1] > got["K11"][-1] > 0
    few = call(
        U.CB_CLV, column("a", "a"), column(dt.datetime(2025, 1, 1), 45700.0), column(1.0, 2.0)
    )
    assert message(few) == "#CB! Fewer than 10 clients ordered on two days or more."


def test_every_argument_has_help_and_a_shared_help_is_written_once() -> None:
    # Help a function wizard shows; a text used by more than one function lives in ARG_HELP.
    seen: dict[str, set[str]] = {}
    for f in U.CATALOGUE:
        for arg in f.__xlfunc__["args"]:
            doc = arg["doc"]
            assert doc, (f.__name__, arg["name"])
            seen.setdefault(doc, set()).add(f.__name__)
    shared = {doc for doc, functions in seen.items() if len(functions) > 1}
    assert shared <= set(ARG_HELP.values())
    assert set(ARG_HELP.values()) <= set(seen)  # no entry left unused


def test_scalar_arguments_are_converted_by_their_declared_converters() -> None:
    # A blank cell (None) and an omitted argument (MISSING) both take the signature's default;
    # shares typed 80 or 0.8 agree; every bad argument is said at once, none raises.
    plain = call(U.CB_ABC, column(1000.0, 400.0, 80.0, 20.0))
    assert call(U.CB_ABC, column(1000.0, 400.0, 80.0, 20.0), None, MISSING) == plain
    assert call(U.CB_ABC, column(1000.0, 400.0, 80.0, 20.0), 80.0, 0.95) == plain
    assert scalar(call(U.CB_LTV, 1000.0, 2.0, "25 %", 12.0)) == 6000.0  # 1000 x 2 x .25 x 12
    assert scalar(call(U.CB_LTV, 1000.0, None, 0.25, 12.0)) == "#CB! c is blank: give a value."
    both = call(U.CB_SEGMENTS, SALES_CLIENT, SALES_DATE, SALES_AMOUNT, "soon", 0.5, "fr")
    assert message(both) == (
        "#CB! as_of must be a date, got 'soon'. months must be a whole number of 1 or more, "
        "got 0.5. lang must be en or ru."
    )
    assert message(call(U.CB_LTV, 1.0, [[1.0], [2.0]], 1.0, 1.0)) == (
        "#CB! c: give one cell, not a range."
    )


def test_cb_portfolio_class_shares_per_manager_by_hand() -> None:
    got = call(
        U.CB_PORTFOLIO,
        column("Manager", "Ivanov", "Ivanov", "Ivanov", "Ivanov", "Petrova"),
        column("ABC", "A", "a", "B", "C", "A"),
        column("XYZ", "X", "Y", "Y", "Z", "X"),
        column("Revenue", 500.0, 300.0, 150.0, 50.0, 200.0),
    )
    assert got[0][:4] == ["Manager", "Clients", "A share", "B share"]
    ivanov = dict(zip(got[0], got[1], strict=True))
    # Ivanov: 2 of 4 clients are A (50 %), 1 B, 1 C; X 1, Y 2, Z 1 of 4; A revenue 800 of 1,000.
    assert ivanov["Clients"] == 4.0
    assert [ivanov[k] for k in ("A share", "B share", "C share")] == [0.5, 0.25, 0.25]
    assert [ivanov[k] for k in ("X share", "Y share", "Z share")] == [0.25, 0.5, 0.25]
    assert ivanov["Revenue"] == 1000.0 and ivanov["Revenue share of A"] == 0.8
    assert got[2][:3] == ["Petrova", 1.0, 1.0]
    bad = call(U.CB_PORTFOLIO, column("Ivanov"), column("Q"), column("X"), column(1.0))
    assert message(bad) == "#CB! Classes must be A-D and X-Z, got Q."


def test_cb_activity_orders_per_working_day_and_buying_share_by_hand() -> None:
    got = call(
        U.CB_ACTIVITY,
        column("a", "a", "b"),
        column(dt.datetime(2025, 3, 3), dt.datetime(2025, 3, 10), dt.datetime(2025, 3, 11)),
        column("Ivanov", "Ivanov", "Ivanov"),
        "месяц",
    )
    row = dict(zip(got[0], got[1], strict=True))
    # March 2025 has 21 working days: 3 orders / 21; both of Ivanov's 2 clients bought.
    assert row["Period"] == "2025-03" and row["Orders"] == 3.0 and row["Working days"] == 21.0
    assert row["Orders a working day"] == pytest.approx(3 / 21)
    assert row["Share of portfolio buying"] == 1.0
    bad = call(U.CB_ACTIVITY, column("a"), column(dt.datetime(2025, 3, 3)), column("I"), "year")
    assert message(bad) == "#CB! period must be day, week or month, got 'year'."


def test_cb_bcg_quadrants_of_two_windows_by_hand() -> None:
    clients = column("a", "a", "b", "b", "c", "d", "d")
    dates = column(
        dt.datetime(2024, 2, 1),  # a: 250 in the window before (Jan-Mar 2024 + 3 months)
        dt.datetime(2024, 5, 1),  # a: 500 now
        dt.datetime(2024, 2, 1),
        dt.datetime(2024, 5, 1),
        dt.datetime(2024, 5, 2),  # c: new
        dt.datetime(2024, 2, 1),
        dt.datetime(2024, 5, 1),
    )
    amounts = column(250.0, 500.0, 800.0, 400.0, 60.0, 80.0, 40.0)
    got = call(U.CB_BCG, clients, dates, amounts, dt.datetime(2024, 6, 30), 3.0)
    assert got[0] == [
        "Client",
        "Revenue",
        "Revenue, window before",
        "Share of revenue",
        "Growth",
        "Quadrant",
    ]
    by_client = {r[0]: r for r in got[1:]}
    # Now 500 + 400 + 60 + 40 = 1,000: shares .5 .4 .06 .04 (median .23 splits a, b large);
    # growth a +100 %, b -50 %, c new (blank, counts as growing), d -50 %.
    assert by_client["a"][1:] == [500.0, 250.0, 0.5, 1.0, "Stars"]
    assert by_client["b"][5] == "Cash cows" and by_client["d"][5] == "Dogs"
    assert by_client["c"][4] == "" and by_client["c"][5] == "Question marks"
    assert [r[0] for r in got[1:]] == ["a", "b", "c", "d"]  # largest revenue first


def test_cb_client_returns_the_card_of_one_client() -> None:
    # A1: 500 on 01-10, 300 on 02-10, 200 on 03-10; as of the last line, 2025-03-20.
    got = call(U.CB_CLIENT, "A1", SALES_CLIENT, SALES_DATE, SALES_AMOUNT)
    assert got[0] == ["Field", "Value"]
    card = {row[0]: row[1] for row in got[1:]}
    assert card["ABC"] == "A" and card["Revenue in the window"] == 1000.0
    assert card["Orders in the window"] == 3 and card["Rhythm, days"] == 29.5
    assert card["Last order"] == dt.datetime(2025, 3, 10)
    assert (card["Revenue 2025-03"], card["Revenue 2025-01"], card["ABC 2025-03"]) == (
        200.0,
        500.0,
        "A",
    )
    assert card["Last NPS score"] == ""  # no survey from sales lines: empty, not 0
    ru = call(U.CB_CLIENT, "B2", SALES_CLIENT, SALES_DATE, SALES_AMOUNT, MISSING, MISSING, "ru")
    assert ru[0] == ["Показатель", "Значение"]
    assert "no sales lines of client 'Z9'" in message(
        call(U.CB_CLIENT, "Z9", SALES_CLIENT, SALES_DATE, SALES_AMOUNT)
    )
