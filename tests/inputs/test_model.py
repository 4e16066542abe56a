import datetime as dt

from clientbase_xl.i18n import Text
from clientbase_xl.inputs.model import load_inputs
from clientbase_xl.inputs.problems import Problem, Problems
from clientbase_xl.inputs.raw import RawTable

SALES = RawTable(
    "Sales",
    ["Date", "Client", "Amount"],
    [[dt.date(2025, 1, 1), "C1", 10.0], [dt.date(2025, 2, 1), "C2", 5.0]],
)


def test_a_workbook_without_sales_is_one_clear_problem() -> None:
    inputs, problems = load_inputs({})
    assert inputs is None
    (line,) = problems.lines("en")
    assert line == (
        "error: Sales: Required sheet Sales / Продажи is missing. Add a sheet or "
        "Excel table named one of: sales, Sales, Продажи, Реализация, Отгрузки, "
        "Shipments, Сделки, Deals."
    )


def test_problems_of_all_sheets_are_collected_at_once() -> None:
    clients = RawTable("Clients", ["Client", "Manager"], [["C1", "M"], ["C1", "N"], ["C2", "M"]])
    survey = RawTable("Survey", ["Date", "Client", "Score"], [[dt.date(2025, 1, 1), "C1", 12]])
    settings = RawTable(
        "Settings", ["Setting", "Value"], [["window_months", "twelve"], ["colour", "red"]]
    )
    inputs, problems = load_inputs(
        {"sales": SALES, "clients": clients, "survey": survey, "settings": settings}
    )
    assert inputs is None
    assert sorted(p.sheet for p in problems) == ["Clients", "Settings", "Settings", "Survey"]
    lines = problems.lines("en")
    assert (
        "error: Clients!3 [Client (A)]: 'C1' Client C1 is listed again (first in row 2). "
        "Keep one row per Client."
    ) in lines
    assert (
        "error: Settings!2 [window_months]: 'twelve' Expected a whole number of months. "
        "Correct the value or clear it to use the default (12)."
    ) in lines


def test_optional_sheets_may_be_absent_and_optional_columns_are_added_empty() -> None:
    inputs, problems = load_inputs({"sales": SALES})
    assert len(problems) == 0 and inputs is not None
    assert inputs.clients is None
    assert {"order", "manager", "cost", "quantity"} <= set(inputs.sales.columns)
    assert inputs.sales["cost"].isna().all()
    assert inputs.as_of.date() == dt.date(2025, 2, 1)


def test_as_of_before_the_first_sale_is_a_problem() -> None:
    _, problems = load_inputs({"sales": SALES}, as_of=dt.date(2024, 12, 31))
    (problem,) = problems
    assert problem.render("en")[0] == "The analysis date is before the first sale (2025-01-01)."


def test_empty_sales_sheet() -> None:
    _, problems = load_inputs({"sales": RawTable("Sales", ["Date", "Client", "Amount"], [])})
    assert [p.render("en")[0] for p in problems] == ["The sheet has no data rows."]


def test_settings_without_headers_are_read_from_the_first_two_columns() -> None:
    settings = RawTable("Settings", ["abcd", "да"], [["Окно, мес.", 6], ["language", "ru"]])
    inputs, problems = load_inputs({"sales": SALES, "settings": settings})
    assert len(problems) == 0 and inputs is not None
    assert inputs.settings.abcd is True
    assert inputs.settings.window_months == 6
    assert inputs.settings.language == "ru"


def test_a_wallet_below_our_own_sales_is_a_warning_with_the_fix() -> None:
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount", "Category"],
        [[dt.date(2025, 1, 1), "C1", 1000.0, "Tools"], [dt.date(2025, 2, 1), "C1", 500.0, "Tools"]],
    )
    wallet = RawTable(
        "Wallet", ["Client", "Category", "Total"], [["C1", "Tools", 1200.0], ["C1", "Paint", 50.0]]
    )
    inputs, problems = load_inputs({"sales": sales, "wallet": wallet})
    assert inputs is not None  # a warning does not stop the refresh
    (problem,) = problems
    assert (problem.severity, problem.row, problem.column) == ("warning", 2, "Total (C)")
    assert problem.render("en")[0] == (
        "The client's total purchases of Tools (1,200 a year) are below what we alone sell a "
        "year at the pace of the last 12 months (1,500)."
    )


WALLET_SALES = RawTable(
    "Sales",
    ["Date", "Client", "Amount", "Category"],
    [[dt.date(2025, 1, 1), "C1", 1000.0, "Tools"], [dt.date(2025, 6, 30), "C1", 500.0, "Tools"]],
)


def test_only_the_estimate_standing_now_is_checked_against_our_sales() -> None:
    # The 2024 estimate of 800 was below our 1,500 a year, but the 2025 one of 3,000 replaced it.
    wallet = RawTable(
        "Wallet",
        ["Client", "Category", "Total", "Estimated on"],
        [["C1", "Tools", 800.0, dt.date(2024, 6, 1)], ["C1", "Tools", 3000.0, dt.date(2025, 3, 1)]],
    )
    inputs, problems = load_inputs({"sales": WALLET_SALES, "wallet": wallet})
    assert inputs is not None and not list(problems)


def test_the_pace_is_scaled_to_a_year_like_the_estimate() -> None:
    # A 6-month window: 1,500 in six months is 3,000 a year, above the estimate of 2,500.
    wallet = RawTable("Wallet", ["Client", "Category", "Total"], [["C1", "Tools", 2500.0]])
    settings = RawTable("Settings", ["Setting", "Value"], [["window_months", 6]])
    _, problems = load_inputs({"sales": WALLET_SALES, "wallet": wallet, "settings": settings})
    (problem,) = problems
    assert "(3,000)" in problem.render("en")[0]


def test_a_repeated_estimate_is_an_error_and_a_later_dated_one_a_warning() -> None:
    wallet = RawTable(
        "Wallet",
        ["Client", "Category", "Total", "Estimated on"],
        [
            ["C1", "Tools", 3000.0, dt.date(2025, 3, 1)],
            ["C1", "Tools", 3100.0, dt.date(2025, 3, 1)],
            ["C1", "Paint", 100.0, None],
            ["C1", "Paint", 120.0, None],
            ["C1", "Safety", 900.0, dt.date(2025, 9, 1)],
        ],
    )
    inputs, problems = load_inputs({"sales": WALLET_SALES, "wallet": wallet})
    assert inputs is None
    found = {(p.severity, p.row, p.column, p.value) for p in problems}
    assert found == {
        ("error", 3, "Estimated on (D)", "C1 / Tools / 2025-03-01"),
        ("error", 5, "Estimated on (D)", "C1 / Paint"),
        ("warning", 6, "Estimated on (D)", "2025-09-01"),
    }
    repeated = next(p for p in problems if p.row == 3)
    assert repeated.render("en") == (
        "Estimate C1 / Tools / 2025-03-01 is listed again (first in row 2).",
        "Keep one estimate per client, category and date: delete the row or correct its date.",
    )


def test_the_listed_problems_put_errors_first_so_a_limit_never_cuts_one() -> None:
    said = Text("said", "сказано")
    found = Problems(
        [
            Problem("A", 2, None, "", said, said, severity="warning"),
            Problem("B", 3, None, "", said, said),
            Problem("C", 4, None, "", said, said, severity="warning"),
            Problem("D", 5, None, "", said, said),
        ]
    )
    # Errors in the order found (B, D), then the warnings (A, C); two shown, two more.
    assert [line.split(":")[:2] for line in found.lines("en", limit=2)] == [
        ["error", " B!3"],
        ["error", " D!5"],
        ["... +2 more"],
    ]
    assert list(found.to_frame("en")["sheet"]) == ["B", "D", "A", "C"]


def test_a_wallet_below_zero_is_an_error_at_its_cell() -> None:
    wallet = RawTable(
        "Wallet",
        ["Client", "Category", "Total"],
        [["C1", "Tools", -100], ["C2", "Tools", 0], ["C2", "Paint", 250]],
    )
    _, problems = load_inputs({"sales": SALES, "wallet": wallet})
    frame = problems.to_frame("en").astype(object)
    got = list(frame[["sheet", "row", "column", "value", "severity"]].itertuples(False))
    # A wallet of 0 (C2 buys no Tools from anyone) is legal and says nothing.
    assert got == [("Wallet", 2, "Total (C)", "-100", "error")]
    assert frame["problem"].iloc[0].startswith("Below 0: a wallet is what the client buys")


def test_clients_no_sheet_knows_are_one_warning_per_sheet_with_a_suggestion() -> None:
    march = dt.date(2025, 3, 1)
    plans = RawTable(
        "Plans",
        ["Month", "Client", "Plan"],
        # c1 twice (March and April): named once.
        [[march, "C2", 5], [march, "c1", 5], [march, "X9", 5], [dt.date(2025, 4, 1), "c1", 6]],
    )
    survey = RawTable("Survey", ["Date", "Client", "Score"], [[dt.date(2025, 2, 1), "Z", 9]])
    clients = RawTable("Clients", ["Client", "Name"], [["Z", "Zed"]])  # Z: no sales yet
    _, problems = load_inputs(
        {"sales": SALES, "plans": plans, "survey": survey, "clients": clients}
    )
    assert problems.lines("en") == [
        "warning: Plans!3 [Client (B)]: 'c1' 2 client(s) of this sheet are on neither Sales nor "
        "Clients: c1, X9. A typing slip: write the client as the Sales sheet does (c1 is C1 "
        "there?). A new client: add it to the Clients sheet.",
        # The Clients sheet lists Z only: the sales lines' C1 and C2 miss their names there.
        "warning: Sales!2 [Client (B)]: 'C1' 2 client(s) of the sales lines are not on the "
        "Clients sheet: C1, C2. Their name and group stay blank, and their manager is the one "
        "on their lines. Add them to the Clients sheet, or write them as it does.",
    ]


def test_codes_that_lost_their_leading_zeros_on_the_clients_sheet_are_suggested() -> None:
    # 1C exports codes as text with their zeros; a Clients sheet typed in Excel drops them.
    day = dt.date(2025, 3, 1)
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount"],
        [[day, "C7", 1.0], [day, "0001", 5.0], [day, "0002", 5.0], [day, "0001", 1.0]],
    )
    clients = RawTable("Clients", ["Client", "Name"], [["C7", "Seven"], [1, "One"], [2, "Two"]])
    _, problems = load_inputs({"sales": sales, "clients": clients})
    assert [(p.row, p.value, p.severity) for p in problems] == [(3, "0001", "warning")]
    assert problems.lines("en")[0].endswith(
        "2 client(s) of the sales lines are not on the Clients sheet: 0001, 0002. Their name "
        "and group stay blank, and their manager is the one on their lines. Add them to the "
        "Clients sheet, or write them as it does (0001 is 1 there?)."
    )
    assert problems.lines("ru")[0].endswith("(там 1, а не 0001?).")


def test_rows_dated_after_the_analysis_date_are_one_warning_per_sheet() -> None:
    # SALES ends on 2025-02-01, the analysis date.
    later, ok = dt.date(2025, 3, 1), dt.date(2025, 2, 1)
    survey = RawTable(
        "Survey",
        ["Date", "Client", "Score"],
        [[ok, "C1", 9], [later, "C1", 3], [later, "C2", 10]],
    )
    activities = RawTable("Activities", ["Date", "Manager", "Type"], [[later, "Ivanov", "Call"]])
    payments = RawTable(
        "Payments", ["Client", "Invoice date", "Amount"], [["C1", ok, 5.0], ["C1", later, 5.0]]
    )
    stock = RawTable("Stock", ["Date", "Product", "Quantity"], [[ok, "P1", 3.0]])
    _, problems = load_inputs(
        {
            "sales": SALES,
            "survey": survey,
            "activities": activities,
            "payments": payments,
            "stock": stock,
        }
    )
    frame = problems.to_frame("en").astype(object)
    later_rows = frame[frame["problem"].str.contains("after the analysis date")]
    assert list(later_rows[["sheet", "row", "problem"]].itertuples(False)) == [
        (
            "Survey",
            3,
            "2 answer(s) dated after the analysis date 2025-02-01 (rows 3, 4): not used until "
            "then.",
        ),
        (
            "Activities",
            2,
            "1 activity row(s) dated after the analysis date 2025-02-01 (rows 2): not used until "
            "then.",
        ),
        (
            "Payments",
            3,
            "1 invoice(s) dated after the analysis date 2025-02-01 (rows 3): not used until then.",
        ),
    ]
    assert set(later_rows["severity"]) == {"warning"}


def test_a_wallet_category_no_line_sells_is_a_warning_only_when_it_looks_like_one_sold() -> None:
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount", "Category"],
        [[dt.date(2025, 1, 1), "C1", 10.0, "Fasteners"], [dt.date(2025, 1, 2), "C2", 5.0, "Paint"]],
    )
    wallet = RawTable(
        "Wallet",
        ["Client", "Category", "Total"],
        [
            ["C1", "Fastener", 900.0],  # row 2: Fasteners less its s
            ["C2", "fastener", 900.0],  # another spelling of it: said at its own first row
            ["C1", "Plumbing", 900.0],  # like nothing sold: potential of its own, silent
            ["C2", "Paint", 900.0],
        ],
    )
    _, problems = load_inputs({"sales": sales, "wallet": wallet})
    assert [(p.row, p.render("en")) for p in problems] == [
        (
            2,
            (
                "No sales line has category Fastener, but Fasteners is sold: its wallet is "
                "counted apart, as potential no one has sold yet.",
                "A typing slip: write it as the Sales sheet does (Fasteners). A category of its "
                "own: nothing to do.",
            ),
        ),
        (
            3,
            (
                "No sales line has category fastener, but Fasteners is sold: its wallet is "
                "counted apart, as potential no one has sold yet.",
                "A typing slip: write it as the Sales sheet does (Fasteners). A category of its "
                "own: nothing to do.",
            ),
        ),
    ]


def test_return_documents_typed_with_a_plus_are_taken_as_returns() -> None:
    # A 1C document journal: «Возврат товаров от клиента» with a positive sum beside the sale.
    # Summed as typed, C1 would have bought 100 + 30 = 130; it kept 100 - 30 = 70.
    day = dt.date(2026, 1, 10)
    sales = RawTable(
        "Продажи",
        ["Дата", "Контрагент", "Сумма", "Регистратор", "Количество", "Себестоимость"],
        [
            [day, "C1", 100, "Реализация товаров и услуг ТД-1 от 10.01.2026", 4, 60],
            [day, "C1", 30, "Возврат товаров от клиента 00-5 от 10.01.2026", 1, 15],  # row 3
            [day, "C2", 50, "Реализация товаров и услуг ТД-2 от 10.01.2026", 2, 20],
            [day, "C2", -5, "ВОЗВРАТ 8", -1, -2],  # typed with a minus: as it is
            [day, "C3", 40, "Credit note 17", 1, None],  # row 6
        ],
    )
    inputs, problems = load_inputs({"sales": sales})
    assert inputs is not None
    assert inputs.sales["amount"].tolist() == [100, -30, 50, -5, -40]
    assert inputs.sales["quantity"].tolist() == [4, -1, 2, -1, -1]
    assert inputs.sales["cost"].tolist()[:4] == [60, -15, 20, -2]
    assert inputs.sales.groupby("client")["amount"].sum().to_dict() == {
        "C1": 70,
        "C2": 45,
        "C3": -40,
    }
    assert problems.lines("en") == [
        "warning: Продажи!3 [Регистратор (D)]: 'Возврат товаров от клиента 00-5 от 10.01.2026' "
        "2 line(s) of return documents have a positive amount (rows 3, 6): taken as returns, "
        "with a minus. Nothing to do; type returns with a minus to silence this note. If these "
        "are sales, rename their documents."
    ]


def test_a_document_type_column_names_the_returns_too() -> None:
    day = dt.date(2026, 1, 10)
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount", "Document type"],
        [
            [day, "C1", 100, "Sale"],
            [day, "C1", 20, "Return"],  # row 3
            [day, "C1", 5, "Returnable pack"],  # a word that starts so is no return
            [day, "C1", 7, "RETURN of goods"],  # row 5
        ],
    )
    inputs, problems = load_inputs({"sales": sales})
    assert inputs is not None
    assert inputs.sales["amount"].tolist() == [100, -20, 5, -7]
    assert [(p.row, p.column, p.params["rows"]) for p in problems] == [
        (3, "Document type (D)", "3, 5")
    ]


def test_lines_in_two_currencies_are_an_error_and_spellings_of_one_are_one() -> None:
    day = dt.date(2026, 1, 10)
    rows = [
        [day, "C1", 120, "руб."],
        [day, "C2", 10, "USD"],  # row 3: the first line of the second currency
        [day, "C3", 50, "RUB"],
        [day, "C4", 5, None],  # blank: in no currency
        [day, "C5", 5, "$"],
        [day, "C6", 7, "₽"],
    ]
    header = ["Дата", "Контрагент", "Сумма", "Валюта"]
    inputs, problems = load_inputs({"sales": RawTable("Продажи", header, rows)})
    assert inputs is None
    assert problems.lines("en") == [
        "error: Продажи!3 [Валюта (D)]: 'USD' The lines are in 2 currencies (RUB 3, USD 2): "
        "amounts in different currencies cannot be summed into one revenue. Convert the "
        "amounts to one currency (a column of them headed Amount, the currency column "
        "cleared or made one), or keep only the lines of one currency."
    ]
    # The lines the other way round: the same counts, at the first USD line (now the $ one).
    _, turned = load_inputs({"sales": RawTable("Продажи", header, rows[::-1])})
    assert [(p.row, p.value) for p in turned] == [(3, "$")]
    assert turned.to_frame("en")["problem"].tolist() == problems.to_frame("en")["problem"].tolist()
    one = [[day, "C1", 120, "руб."], [day, "C2", 10, "RUR"], [day, "C3", 5, "Российский рубль"]]
    inputs, problems = load_inputs({"sales": RawTable("Продажи", header, one)})
    assert inputs is not None and len(problems) == 0


def test_a_survey_of_a_one_to_five_scale_is_a_warning() -> None:
    # 20 answers, all 5 or less: a star rating pasted where NPS's 0-10 answers belong; on
    # 0-10 each is a detractor (0-6), so the NPS would be -100 without a word.
    day = dt.date(2025, 1, 5)
    sales = RawTable("Sales", ["Date", "Client", "Amount"], [[day, "C1", 10.0]])
    answers = [[day, "C1", 1 + i % 5] for i in range(20)]
    _, problems = load_inputs(
        {"sales": sales, "survey": RawTable("Survey", ["Date", "Client", "Score"], answers)}
    )
    assert [(p.sheet, p.column, p.severity) for p in problems] == [
        ("Survey", "Score (C)", "warning")
    ]
    assert problems.lines("en")[0].startswith(
        "warning: Survey [Score (C)]: All 20 scores are 5 or less: a 1-5 rating?"
    )
    # One answer above 5, or fewer than 20 answers: a 0-10 survey that went badly, silent.
    for rows in ([*answers[:19], [day, "C1", 6]], answers[:19]):
        _, problems = load_inputs(
            {"sales": sales, "survey": RawTable("Survey", ["Date", "Client", "Score"], rows)}
        )
        assert len(problems) == 0
