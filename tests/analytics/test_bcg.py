"""BCG client matrix: quadrants at the medians, the windows compared, the summaries."""

import pandas as pd
import pytest

from clientbase_xl.analytics.bcg import bcg, bcg_by_manager, bcg_summary, window_revenue


def test_bcg_quadrants_at_the_medians() -> None:
    now = pd.Series({"a": 500.0, "b": 400.0, "c": 60.0, "d": 40.0})
    before = pd.Series({"a": 250.0, "b": 800.0, "c": 20.0, "d": 80.0})
    got = bcg(now, before).set_index("client")
    # Shares .5, .4, .06, .04 (median .23): a, b large. Growth +100 %, −50 %, +200 %, −50 %.
    assert got["quadrant"].to_dict() == {
        "a": "star",
        "b": "cash_cow",
        "c": "question_mark",
        "d": "dog",
    }


def test_window_revenue_sums_each_window_by_hand() -> None:
    facts = pd.DataFrame(
        {
            "client": ["a", "a", "a", "b", "c"],
            "month": pd.PeriodIndex(
                ["2025-01", "2025-03", "2025-04", "2025-04", "2024-12"], freq="M"
            ),
            "revenue": [10.0, 20.0, 30.0, 5.0, 7.0],
        }
    )
    # Two months to April: March-April (a 20 + 30, b 5); before: January-February (a 10).
    now, before = window_revenue(facts, pd.Period("2025-04", "M"), 2)
    assert now.to_dict() == {"a": 50.0, "b": 5.0}
    assert before.to_dict() == {"a": 10.0}  # c's December is in neither window


def test_bcg_summary_and_managers_by_hand() -> None:
    table = pd.DataFrame(
        {
            "client": ["a", "b", "c"],
            "manager": ["Ivanov", "Petrova", "Ivanov"],
            "revenue": [600.0, 300.0, 100.0],
            "quadrant": ["star", "star", "dog"],
        }
    )
    summary = bcg_summary(table)
    # Every quadrant, in order; stars 900 of 1,000 = 90 %, no cash cow or question mark.
    assert summary["quadrant"].tolist() == ["star", "cash_cow", "question_mark", "dog"]
    assert summary["clients"].tolist() == [2, 0, 0, 1]
    assert summary["revenue_share"].tolist() == pytest.approx([0.9, 0.0, 0.0, 0.1])
    managers = bcg_by_manager(table).set_index("manager")
    assert managers.loc["Ivanov"].tolist() == [1, 0, 0, 1]
    assert managers.loc["Petrova"].tolist() == [1, 0, 0, 0]
