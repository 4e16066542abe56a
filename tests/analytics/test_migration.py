"""A six-client, three-month story, classified on one-month windows (thresholds 80/95).

Jan: P1 500 (2 orders), P2 300, P3 150, P4 50 — total 1000; running share before each:
     0, .50, .80, .95 -> A, A, B, C. XYZ: P1 has 2 orders in its 1-month window -> X; others Z.
Feb: P2 500 (2 orders), P1 200, P3 200, P5 100 (new); P4 bought nothing (lost).
     Before each (ties by id, P1 before P3): 0, .5, .7, .9 -> P2 A, P1 A, P3 A, P5 B.
Mar: P2 400, P5 400, P1 100, P6 100 (new); P3 bought nothing (lost).
     Before: 0, .4, .8, .9 -> P2 A, P5 A, P1 B, P6 B.
Managers: Ivanov has P1-P3, Petrova P4-P6.
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.abc_xyz import SegmentRules, monthly_facts
from clientbase_xl.analytics.history import (
    ManagersByMonth,
    close_month,
    managers_by_month,
    reconstruct,
    snapshot,
    timeline,
)
from clientbase_xl.analytics.migration import (
    DIRECTIONS,
    balance,
    balance_by,
    balance_over_time,
    moves,
    transitions,
)
from clientbase_xl.analytics.portfolio import portfolio_latest, portfolio_trend

RULES = SegmentRules(months=1)
JAN, FEB, MAR = pd.Period("2025-01", "M"), pd.Period("2025-02", "M"), pd.Period("2025-03", "M")
MANAGER = {
    "P1": "Ivanov",
    "P2": "Ivanov",
    "P3": "Ivanov",
    "P4": "Petrova",
    "P5": "Petrova",
    "P6": "Petrova",
}
ORDERS = [  # (month, client, amount); two rows in a month are two orders
    ("2025-01", "P1", 250),
    ("2025-01", "P1", 250),
    ("2025-01", "P2", 300),
    ("2025-01", "P3", 150),
    ("2025-01", "P4", 50),
    ("2025-02", "P2", 250),
    ("2025-02", "P2", 250),
    ("2025-02", "P1", 200),
    ("2025-02", "P3", 200),
    ("2025-02", "P5", 100),
    ("2025-03", "P2", 400),
    ("2025-03", "P5", 400),
    ("2025-03", "P1", 100),
    ("2025-03", "P6", 100),
]


def story_sales() -> pd.DataFrame:
    rows = []
    for i, (month, client, amount) in enumerate(ORDERS):
        rows.append(
            {
                "date": pd.Timestamp(f"{month}-{10 + i % 15:02d}"),
                "client": client,
                "amount": float(amount),
                "order": f"O{i}",
                "manager": MANAGER[client],
                "cost": np.nan,
                "quantity": np.nan,
            }
        )
    return pd.DataFrame(rows)


def story() -> pd.DataFrame:
    sales = story_sales()
    as_of = pd.Timestamp("2025-03-31")
    return reconstruct(
        monthly_facts(sales, as_of), [JAN, FEB, MAR], RULES, managers_by_month(sales, as_of)
    )


def month(snapshots: pd.DataFrame, m: pd.Period) -> pd.DataFrame:
    return snapshots[snapshots["month"] == m]


def test_each_month_is_classified_on_its_own_window() -> None:
    s = story()
    got = {
        m: dict(zip(month(s, m)["client"], month(s, m)["cell"], strict=True))
        for m in (JAN, FEB, MAR)
    }
    assert got == {
        JAN: {"P1": "AX", "P2": "AZ", "P3": "BZ", "P4": "CZ"},
        FEB: {"P1": "AZ", "P2": "AX", "P3": "AZ", "P5": "BZ"},
        MAR: {"P1": "BZ", "P2": "AZ", "P5": "AZ", "P6": "BZ"},
    }
    assert set(s["manager"]) == {"Ivanov", "Petrova"}


def test_abc_moves_jan_to_feb() -> None:
    s = story()
    m = moves(month(s, JAN), month(s, FEB), "abc").set_index("client")
    assert m["direction"].to_dict() == {
        "P1": "same",
        "P2": "same",
        "P3": "up",
        "P4": "lost",
        "P5": "new",
    }
    assert (m.loc["P4", "from"], m.loc["P4", "to"]) == ("C", "lost")
    assert m.loc["P3", "revenue_change"] == 200 - 150
    assert balance(m.reset_index()) == {
        "up": 1,
        "down": 0,
        "same": 2,
        "new": 1,
        "lost": 1,
        "net": 1,
    }


def test_xyz_and_cell_moves_jan_to_feb() -> None:
    s = story()
    xyz = moves(month(s, JAN), month(s, FEB), "xyz").set_index("client")["direction"]
    assert xyz.to_dict() == {"P1": "down", "P2": "up", "P3": "same", "P4": "lost", "P5": "new"}
    cell = moves(month(s, JAN), month(s, FEB), "cell").set_index("client")["direction"]
    # P1 AX -> AZ: ABC the same, XYZ worse -> down. P3 BZ -> AZ: ABC better -> up.
    assert cell.to_dict() == {"P1": "down", "P2": "up", "P3": "up", "P4": "lost", "P5": "new"}


def test_transition_matrix_feb_to_mar() -> None:
    s = story()
    m = moves(month(s, FEB), month(s, MAR), "abc")
    counts = transitions(m, ("A", "B", "C"), "clients", total="Итого", new="Новые")
    counts = counts.set_index("from")
    # From A: P2 stays A, P1 drops to B, P3 is lost. From B: P5 rises to A. New: P6 in B.
    assert counts.loc["A"].tolist() == [1, 1, 0, 1, 3]
    assert counts.loc["B"].tolist() == [1, 0, 0, 0, 1]
    assert counts.loc["Новые"].tolist() == [0, 1, 0, 0, 1]
    assert counts.loc["Итого"].tolist() == [2, 2, 0, 1, 5]
    revenue = transitions(m, ("A", "B", "C"), "revenue").set_index("from")
    # A -> B is P1's March 100; A -> lost is P3's February 200.
    assert revenue.loc["A", "B"] == 100 and revenue.loc["A", "lost"] == 200


def test_per_manager_balance_feb_to_mar() -> None:
    s = story()
    got = balance_by(moves(month(s, FEB), month(s, MAR), "abc"), "manager").set_index("manager")
    # Ivanov: P1 down, P2 same, P3 lost. Petrova: P5 up, P6 new.
    assert got.loc["Ivanov"].to_dict() == {
        "clients": 3,
        "up": 0,
        "down": 1,
        "same": 1,
        "new": 0,
        "lost": 1,
        "net": -1,
    }
    assert got.loc["Petrova"].to_dict() == {
        "clients": 2,
        "up": 1,
        "down": 0,
        "same": 0,
        "new": 1,
        "lost": 0,
        "net": 1,
    }


def test_balance_over_time() -> None:
    got = balance_over_time(story()).set_index("month")
    assert got.loc[FEB].to_dict() == {"up": 1, "down": 0, "same": 2, "new": 1, "lost": 1, "net": 1}
    assert got.loc[MAR].to_dict() == {"up": 1, "down": 1, "same": 1, "new": 1, "lost": 1, "net": 0}


def test_portfolio_per_manager() -> None:
    trend = portfolio_trend(story(), ("A", "B", "C")).set_index(["manager", "month"])
    # Ivanov: Jan P1 A, P2 A, P3 B -> 2/3 A; Feb all three A; Mar P1 B, P2 A -> 1/2.
    assert trend.loc["Ivanov", "a_share"].round(4).tolist() == [0.6667, 1.0, 0.5]
    # Petrova: Jan P4 C; Feb P5 B; Mar P5 A, P6 B.
    assert trend.loc["Petrova", "a_share"].tolist() == [0.0, 0.0, 0.5]
    assert trend.loc[("Ivanov", MAR), "clients"] == 2
    # Ivanov's March revenue 400 + 100, of which A (P2) 400.
    assert trend.loc[("Ivanov", MAR), "a_revenue_share"] == pytest.approx(0.8)
    latest = portfolio_latest(trend.reset_index(), MAR, load=(2, 2)).set_index("manager")
    assert latest.loc["Ivanov", "a_share_change_1m"] == pytest.approx(0.5 - 1.0)
    assert np.isnan(latest.loc["Ivanov", "a_share_change_12m"])
    assert latest["load"].to_dict() == {"Ivanov": "", "Petrova": ""}
    assert not latest["a_share_falling"].any()  # three falls need four months


def test_a_share_falling_three_months_in_a_row() -> None:
    months = pd.period_range("2025-01", periods=5, freq="M")
    trend = pd.DataFrame(
        {"manager": "Ivanov", "month": months, "clients": 60, "a_share": [0.3, 0.5, 0.4, 0.35, 0.2]}
    )
    latest = portfolio_latest(trend, months[-1]).set_index("manager")
    assert bool(latest.loc["Ivanov", "a_share_falling"])  # .5 > .4 > .35 > .2
    assert latest.loc["Ivanov", "load"] == ""
    earlier = portfolio_latest(trend, months[-2]).set_index("manager")
    assert not bool(earlier.loc["Ivanov", "a_share_falling"])  # .3 < .5 breaks the run


def test_clients_sheet_assignment_wins_over_sales_lines() -> None:
    sales = story_sales()
    as_of = pd.Timestamp("2025-03-31")
    snap = snapshot(
        monthly_facts(sales, as_of),
        MAR,
        RULES,
        managers_by_month(sales, as_of),
        pd.Series({"P1": "Sidorov"}),
    )
    assert dict(zip(snap["client"], snap["manager"], strict=True))["P1"] == "Sidorov"
    assert dict(zip(snap["client"], snap["manager"], strict=True))["P2"] == "Ivanov"


def test_closed_months_win_and_closing_twice_keeps_one() -> None:
    s = story()
    frozen = month(s, FEB).assign(abc="C")  # classes frozen under older settings
    history = close_month(None, frozen)
    history = close_month(history, frozen)
    assert len(history) == len(frozen)
    merged = timeline(s, history)
    assert (month(merged, FEB)["abc"] == "C").all()
    pd.testing.assert_frame_equal(
        month(merged, JAN).reset_index(drop=True), month(s, JAN).reset_index(drop=True)
    )


sales_rows = st.lists(
    st.tuples(
        st.sampled_from([f"c{i}" for i in range(8)]),
        st.integers(0, 120),
        st.floats(-20, 500, allow_nan=False),
        st.sampled_from(["M1", "M2"]),
    ),
    min_size=1,
    max_size=50,
)


@settings(max_examples=40)
@given(sales_rows, st.sampled_from(["abc", "xyz", "cell"]), st.integers(0, 1000))
def test_matrix_margins_equal_each_months_counts(
    rows: list[tuple[str, int, float, str]], dim: str, seed: int
) -> None:
    sales = pd.DataFrame(
        {
            "client": [r[0] for r in rows],
            "date": pd.Timestamp("2025-01-01") + pd.to_timedelta([r[1] for r in rows], unit="D"),
            "amount": [r[2] for r in rows],
            "manager": [r[3] for r in rows],
            "order": pd.NA,
            "cost": np.nan,
            "quantity": np.nan,
        }
    )
    as_of = pd.Timestamp("2025-04-30")
    months = [pd.Period("2025-03", "M"), pd.Period("2025-04", "M")]

    def build(frame: pd.DataFrame) -> pd.DataFrame:
        return reconstruct(
            monthly_facts(frame, as_of),
            months,
            SegmentRules(months=2),
            managers_by_month(frame, as_of),
        )

    snaps = build(sales)
    before, after = month(snaps, months[0]), month(snaps, months[1])
    m = moves(before, after, dim)  # type: ignore[arg-type]
    letters = {
        "abc": ("A", "B", "C"),
        "xyz": ("X", "Y", "Z"),
        "cell": tuple(a + x for a in "ABC" for x in "XYZ"),
    }[dim]
    table = transitions(m, letters).set_index("from")
    # Row totals (without "new") are the earlier month's clients; column totals without
    # "lost" are the later month's.
    assert table.drop(index=["New", "Total"])["total"].sum() == len(before)
    assert table.loc["Total"].drop(["lost", "total"]).sum() == len(after)
    # Row order does not matter.
    shuffled = build(sales.sample(frac=1, random_state=seed))
    pd.testing.assert_frame_equal(snaps, shuffled)


@settings(max_examples=60)
@given(
    lines=st.lists(
        st.tuples(st.sampled_from(["P1", "P2", "P3"]), st.integers(0, 5), st.sampled_from("ABC")),
        max_size=25,
    ),
    asked=st.integers(-2, 8),
)
def test_managers_by_month_answers_as_the_definition_reads(
    lines: list[tuple[str, int, str]], asked: int
) -> None:
    # The definition read literally: of the client's months with a managed line up to the
    # month asked, the latest one's manager; None before the client's first such month.
    start = pd.Period("2025-01", "M")
    latest = pd.DataFrame(
        [(c, start + m, who) for c, m, who in lines], columns=["client", "month", "manager"]
    ).drop_duplicates(["client", "month"], keep="last")
    month = start + asked
    upto = latest[latest["month"] <= month].sort_values("month")
    expected = upto.groupby("client")["manager"].last()
    clients = pd.Series(["P1", "P2", "P3", "P4"])
    managers = ManagersByMonth(latest)
    got = managers.at(month, clients)
    assert list(got) == [expected.get(c) for c in clients]
    # Asked one month per client, each answer is that month's own.
    each = managers.at(np.array([(month - k).ordinal for k in range(len(clients))]), clients)
    assert list(each) == [managers.at(month - k, clients)[k] for k in range(len(clients))]


@settings(max_examples=60)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["P1", "P2", "P3"]),
            st.integers(0, 70),
            st.sampled_from(["Ann", "Bob", "Cy", None]),
        ),
        max_size=30,
    )
)
def test_the_latest_of_managers_by_month_is_the_manager_on_the_latest_line(
    lines: list[tuple[str, int, str | None]],
) -> None:
    # The definition read literally: of each client's managed lines, the latest day's; on a day
    # with several managers, the name sorting last. Clients without a managed line are absent.
    sales = pd.DataFrame(
        {
            "client": pd.Series([c for c, _, _ in lines], dtype="str"),
            "date": pd.Timestamp("2025-01-01") + pd.to_timedelta([d for _, d, _ in lines], "D"),
            "manager": pd.Series([m for _, _, m in lines], dtype="str"),
            "amount": 1.0,
        }
    )
    as_of = pd.Timestamp("2025-03-31")
    managed = sales[sales["manager"].notna()].sort_values(["date", "manager"])
    expected = managed.groupby("client")["manager"].last()
    got = managers_by_month(sales, as_of).latest()
    pd.testing.assert_series_equal(got, expected, check_index_type=False)


@settings(max_examples=60)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["P1", "P2", "P3", "P4"]),
            st.integers(0, 4),
            st.sampled_from(["AX", "AY", "BZ", "CX", "CZ", "DY"]),
        ),
        max_size=25,
    ),
    dimension=st.sampled_from(["abc", "xyz", "cell"]),
)
def test_balance_over_time_is_the_balance_of_each_pair_of_months(
    cells: list[tuple[str, int, str]], dimension: str
) -> None:
    # Month by month, the same counts as moves() between the two snapshots gives.
    timeline = pd.DataFrame(
        [(c, JAN + m, cell[0], cell[1], cell, "M", 1.0) for c, m, cell in cells],
        columns=["client", "month", "abc", "xyz", "cell", "manager", "revenue"],
    ).drop_duplicates(["client", "month"])
    got = balance_over_time(timeline, dimension)  # type: ignore[arg-type]
    months = sorted(timeline["month"].unique())
    assert got["month"].tolist() == months[1:]
    for row, (before, after) in zip(
        got.to_dict("records"), itertools.pairwise(months), strict=True
    ):
        m = moves(
            timeline[timeline["month"] == before],
            timeline[timeline["month"] == after],
            dimension,  # type: ignore[arg-type]
        )
        assert {k: row[k] for k in (*DIRECTIONS, "net")} == balance(m)
