"""The Targets sheet: targets per category do not mix with company or manager ones in a month."""

import datetime as dt

from clientbase_xl.inputs.model import coded_measures, load_inputs
from clientbase_xl.inputs.raw import RawTable

SALES = RawTable(
    "Sales",
    ["Date", "Client", "Amount", "Category", "Manager"],
    [
        [dt.date(2025, 1, 1), "C1", 100.0, "Tools", "Ivanov"],
        [dt.date(2025, 1, 2), "C2", 50.0, "Paint", "Petrova"],
    ],
)


def test_a_months_targets_are_per_category_or_per_manager_and_each_mix_is_named() -> None:
    may, june = dt.date(2025, 5, 1), dt.date(2025, 6, 1)
    targets = RawTable(
        "Targets",
        ["Month", "Manager", "Target", "Category"],
        [
            [may, None, 100, "Tools"],
            [may, None, 50, "Toys"],  # row 3: no sales line is Toys
            [may, None, 500, None],  # row 4: the company's, in a month per category
            [may, "Ivanov", 80, None],  # row 5: a manager's, too
            [june, "Ivanov", 80, "Paint"],  # row 6: a manager and a category at once
            [june, None, 10, "Paint"],
            [june, None, 20, "Paint"],  # row 8: Paint's June target again
        ],
    )
    plans = RawTable(
        "Plans",
        ["Month", "Client", "Manager", "Plan"],
        [[None, None, "Petrova", 300], [may, "C1", None, 40]],
    )
    _, problems = load_inputs({"sales": SALES, "targets": targets, "plans": plans})
    frame = problems.to_frame("en").astype(object)
    got = list(frame[["sheet", "row", "column", "problem", "severity"]].itertuples(False))
    assert got == [
        (
            "Targets",
            8,
            "Category (D)",
            "Target 2025-06 / Paint is listed again (first in row 7).",
            "error",
        ),
        ("Targets", 6, "Category (D)", "A target for a manager and a category at once.", "error"),
        (
            "Targets",
            4,
            "Target (C)",
            "2025-05 has targets per category (row 2): a target for the company cannot be split "
            "with them.",
            "error",
        ),
        (
            "Targets",
            5,
            "Target (C)",
            "2025-05 has targets per category (row 2): a target for Ivanov cannot be split with "
            "them.",
            "error",
        ),
        (
            "Plans",
            2,
            "Manager (C)",
            "A total for manager Petrova in 2025-05, which has targets per category (Targets row "
            "2).",
            "error",
        ),
        (
            "Targets",
            3,
            "Category (D)",
            "No sales line has category Toys: its target goes only to clients with a wallet in it.",
            "warning",
        ),
    ]


def test_a_target_or_plan_below_zero_is_an_error_and_a_target_of_zero_a_warning() -> None:
    may = dt.date(2025, 5, 1)
    targets = RawTable(
        "Targets",
        ["Month", "Target", "Category"],
        [[may, -5, "Tools"], [may, 0, "Paint"], [may, 100, None]],
    )
    plans = RawTable("Plans", ["Month", "Client", "Plan"], [[may, "C1", -40], [may, "C2", 0]])
    _, problems = load_inputs({"sales": SALES, "targets": targets, "plans": plans})
    frame = problems.to_frame("en").astype(object)
    got = list(frame[["sheet", "row", "column", "value", "problem", "severity"]].itertuples(False))
    mixed = (
        "2025-05 has targets per category (row 2): a target for the company cannot be split "
        "with them."
    )
    below = "Below 0: a plan or a target is an amount to sell."
    # A plan of 0 (C2: a client who will buy nothing) is legal and says nothing.
    assert got == [
        ("Plans", 2, "Plan (C)", "-40", below, "error"),
        ("Targets", 4, "Target (B)", "100", mixed, "error"),
        ("Targets", 2, "Target (B)", "-5", below, "error"),
        (
            "Targets",
            3,
            "Target (B)",
            "0",
            "A target of 0: every plan under it will be 0.",
            "warning",
        ),
    ]


def test_a_target_or_plan_of_a_manager_no_client_has_is_a_warning() -> None:
    may = dt.date(2025, 5, 1)
    targets = RawTable(
        "Targets",
        ["Month", "Manager", "Target"],
        [[may, "Ivanov", 80], [may, "ivanov", 20], [may, "Сидоров", 50]],
    )
    plans = RawTable("Plans", ["Month", "Client", "Manager", "Plan"], [[may, None, "Petrov", 9]])
    _, problems = load_inputs({"sales": SALES, "targets": targets, "plans": plans})
    # Rows 3 and 4 of Targets name managers no client has: their 70 would reach no client.
    assert problems.lines("en") == [
        "warning: Targets!3 [Manager (B)]: 'ivanov' 2 manager(s) of this sheet manage no "
        "client: ivanov, Сидоров. Write the manager as the Sales or Clients sheet does (ivanov "
        "is Ivanov there?): until then their targets and plans reach no client.",
        "warning: Plans!2 [Manager (C)]: 'Petrov' 1 manager(s) of this sheet manage no client: "
        "Petrov. Write the manager as the Sales or Clients sheet does: until then their "
        "targets and plans reach no client.",
    ]


def test_a_measure_owner_who_is_no_manager_is_a_warning() -> None:
    plan = RawTable(
        "Measure plan",
        ["Direction", "Measure", "Owner"],
        [
            ["Commitment", "Visit", "Ivanov"],  # a manager of the sales lines
            ["Commitment", "Call", "Orlova"],  # on the Managers sheet, no client yet
            ["Commitment", "Mail", "petrova"],  # row 4: Petrova, typed in lower case
        ],
    )
    managers = RawTable("Managers", ["Manager"], [["Orlova"]])
    _, problems = load_inputs({"sales": SALES, "measure_plan": plan, "managers": managers})
    assert problems.lines("en") == [
        "warning: Measure plan!4 [Owner (C)]: 'petrova' 1 owner(s) of this sheet are no manager: "
        "petrova. Write the owner as the Sales, Clients or Managers sheet does (petrova is "
        "Petrova there?): until then the measure is on no manager's Actions list or file."
    ]


def test_any_day_names_its_month_so_a_second_row_for_a_month_is_found() -> None:
    targets = RawTable(
        "Targets",
        ["Month", "Manager", "Target"],
        [
            [dt.date(2025, 5, 1), None, 500],
            [dt.date(2025, 5, 15), None, 900],  # row 3: May again, typed mid-month
            [dt.date(2025, 6, 30), None, 600],  # June, typed on its last day: no clash
        ],
    )
    plans = RawTable(
        "Plans",
        ["Month", "Client", "Manager", "Plan"],
        [
            [dt.date(2025, 5, 1), "C1", None, 40],
            [dt.date(2025, 5, 20), "C1", None, 70],  # row 3: C1's May plan again
            [None, "C1", None, 30],  # every month: a May row wins over it, no clash
            [dt.date(2025, 5, 1), None, "Ivanov", 90],
            [dt.date(2025, 5, 31), None, "Ivanov", 95],  # row 6: Ivanov's May total again
            [dt.date(2025, 5, 1), "C2", "Ivanov", 10],  # a client's plan: not a total
        ],
    )
    inputs, problems = load_inputs({"sales": SALES, "targets": targets, "plans": plans})
    assert inputs is None
    frame = problems.to_frame("en").astype(object)
    got = list(frame[["sheet", "row", "value", "problem"]].itertuples(False))
    assert got == [
        ("Plans", 3, "2025-05 / C1", "Plan 2025-05 / C1 is listed again (first in row 2)."),
        ("Plans", 6, "2025-05 / Ivanov", "Plan 2025-05 / Ivanov is listed again (first in row 5)."),
        ("Targets", 3, "2025-05", "Target 2025-05 is listed again (first in row 2)."),
    ]


def test_targets_and_plans_are_keyed_by_the_first_day_of_their_month() -> None:
    targets = RawTable("Targets", ["Month", "Target"], [[dt.date(2025, 6, 30), 600]])
    plans = RawTable("Plans", ["Month", "Client", "Plan"], [[dt.date(2025, 6, 9), "C1", 40]])
    inputs, _ = load_inputs({"sales": SALES, "targets": targets, "plans": plans})
    assert inputs is not None and inputs.targets is not None and inputs.plans is not None
    assert inputs.targets["month"].tolist() == [dt.datetime(2025, 6, 1)]
    assert inputs.plans["month"].tolist() == [dt.datetime(2025, 6, 1)]


def test_a_target_far_from_the_best_month_sold_is_a_warning() -> None:
    # Best months of SALES: the company 100 + 50 = 150 (2025-01); Ivanov and Tools 100,
    # Petrova and Paint 50.
    may, june, july = dt.date(2025, 5, 1), dt.date(2025, 6, 1), dt.date(2025, 7, 1)
    targets = RawTable(
        "Targets",
        ["Month", "Manager", "Target", "Category"],
        [
            [may, None, 1501, None],  # row 2: 1501 > 10 × 150
            [june, None, 1500, None],  # 10 × 150 exactly: silent
            [may, "Ivanov", 0.9, None],  # row 4: 0.9 × 100 = 90 < 100: in thousands?
            [may, "Petrova", 0.5, None],  # 0.5 × 100 = 50, not below 50: silent
            [may, "Sidorov", 1e9, None],  # no sale to compare with: silent (said elsewhere)
            [july, None, 501, "Paint"],  # row 7: 501 > 10 × 50
            [july, None, 0, "Tools"],  # a target of 0: the zero warning only
        ],
    )
    _, problems = load_inputs({"sales": SALES, "targets": targets})
    frame = problems.to_frame("en").astype(object)
    odd = frame[frame["problem"].str.contains("best month")]
    got = list(odd[["row", "value", "problem"]].itertuples(False))
    high = "A target 10 times the best month sold so far ({}, 2025-01): an extra zero?"
    assert got == [
        (2, "1 501.00", high.format(150)),
        (
            4,
            "0.90",
            "A target of 0.9% of the best month sold so far (100, 2025-01): typed in thousands?",
        ),
        (7, "501.00", high.format(50)),
    ]
    assert set(odd["severity"]) == {"warning"}


def test_a_measures_status_is_read_as_people_write_it_and_named_otherwise() -> None:
    plan = RawTable(
        "Measure plan",
        ["Direction", "Measure", "Owner", "Status"],
        [
            ["Commitment", "Visit", "Ivanov", "Сделано"],  # done, as a Russian lead writes it
            ["Commitment", "Call", "Ivanov", "in progress"],  # open
            ["Commitment", "Mail", "Ivanov", "отмена"],  # cancelled
            ["Commitment", "Gift", "Ivanov", "ВЫПОЛНЕНО"],  # the name itself, any case
            ["Commitment", "Fax", "Ivanov", "maybe"],  # row 6: no status
        ],
    )
    _, problems = load_inputs({"sales": SALES, "measure_plan": plan})
    # Only the names are listed as expected: the other spellings are read, not advertised.
    assert problems.lines("en") == [
        "error: Measure plan!6 [Status (D)]: 'maybe' Expected one of: open, в работе, done, "
        "выполнено, cancelled, отменено. Use one of the listed values."
    ]
    plan = RawTable("Measure plan", plan.header, plan.rows[:4])
    inputs, _ = load_inputs({"sales": SALES, "measure_plan": plan})
    assert inputs is not None and inputs.measure_plan is not None
    coded = coded_measures(inputs.measure_plan)
    assert list(coded["status"]) == ["done", "open", "cancelled", "done"]


def test_a_measures_direction_may_be_the_start_of_its_name() -> None:
    # A lead types what fits the cell: the start of one name is that name; a start that
    # several names share, or fewer than three letters, is no direction.
    plan = RawTable(
        "Measure plan",
        ["Direction", "Measure", "Owner", "Status"],
        [
            ["Больше приоритетных", "Visit", "Ivanov", None],  # more priority clients
            ["глубже  спрос.", "Call", "Ivanov", None],  # case, two spaces, a full stop
            ["Broader", "Mail", "Ivanov", "don"],  # broader assortment; the status done
            ["Co", "Gift", "Ivanov", None],  # row 5: two letters
            ["More", "Fax", "Ivanov", None],  # more priority clients: no other name starts so
        ],
    )
    _, problems = load_inputs({"sales": SALES, "measure_plan": plan})
    assert [(p.row, p.value) for p in problems] == [(5, "Co")]
    inputs, _ = load_inputs(
        {
            "sales": SALES,
            "measure_plan": RawTable(
                "Measure plan", plan.header, [r for i, r in enumerate(plan.rows) if i != 3]
            ),
        }
    )
    assert inputs is not None and inputs.measure_plan is not None
    coded = coded_measures(inputs.measure_plan)
    assert list(coded["direction"]) == [
        "priority_clients",
        "demand",
        "assortment",
        "priority_clients",
    ]
    assert list(coded["status"]) == ["open", "open", "done", "open"]


def test_implausible_plans_are_held_to_their_clients_or_managers_best_month() -> None:
    # C1's best month is 2025-02 (100 + 20 = 120 against January's 100); Ivanov's, who manages
    # C1 and C3, too: 120 + 30 = 150.
    sales = RawTable(
        "Sales",
        ["Date", "Client", "Amount", "Manager"],
        [
            [dt.date(2025, 1, 5), "C1", 100.0, "Ivanov"],
            [dt.date(2025, 2, 5), "C1", 100.0, "Ivanov"],
            [dt.date(2025, 2, 6), "C1", 20.0, "Ivanov"],
            [dt.date(2025, 2, 7), "C3", 30.0, "Ivanov"],
        ],
    )
    march = dt.date(2025, 3, 1)
    plans = RawTable(
        "Plans",
        ["Month", "Client", "Manager", "Plan"],
        [
            [march, "C1", None, 0.1],  # row 2: a 10% cell: 0.1 / 120 = 0.083% of the best
            [march, "C3", None, 1.2],  # 1.2 is not below a hundredth of C3's 30 (0.3): silent
            [march, "C3", None, 301],  # row 4 (and a repeat: an error): 301 > 10 × 30
            [march, None, "Ivanov", 1500],  # 10 × 150 exactly: silent
            [march, None, "Ivanov", 1],  # row 6 (a second total: an error): 1/150 = 0.67%
            [march, "C9", None, 5],  # no sales of C9 to compare: only the unknown client
        ],
    )
    _, problems = load_inputs({"sales": sales, "plans": plans})
    frame = problems.to_frame("en").astype(object)
    odd = frame[frame["problem"].str.contains("best month")]
    assert list(odd[["row", "value", "problem"]].itertuples(False)) == [
        (
            2,
            "0.10",
            "A plan of 0.083% of the client's best month so far (120, 2025-02): typed in "
            "thousands, or a growth rate (a cell showing 10% holds 0.1)?",
        ),
        (
            4,
            "301.00",
            "A plan 10 times the client's best month so far (30, 2025-02): an extra zero?",
        ),
        (
            6,
            "1.00",
            "A plan of 0.67% of the manager's best month so far (150, 2025-02): typed in "
            "thousands, or a growth rate (a cell showing 10% holds 0.1)?",
        ),
    ]
    assert set(odd["severity"]) == {"warning"}
    assert odd["fix"].iloc[0].startswith("A plan is the amount to sell in the month")
    ru = problems.to_frame("ru")
    assert "лучшего месяца менеджера (150, 2025-02)" in " ".join(ru["problem"])
