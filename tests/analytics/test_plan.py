import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.plan import fulfilment_by, plan_vs_actual

M = pd.Period


def test_plan_vs_actual_by_hand() -> None:
    timeline = pd.DataFrame(
        {
            "month": [M("2025-01", "M"), M("2025-01", "M"), M("2025-02", "M"), M("2025-03", "M")],
            "client": ["a", "b", "a", "a"],
            "manager": ["Ivanov", "Petrova", "Ivanov", "Ivanov"],
            "plan": [115.0, 230.0, np.nan, 50.0],
        }
    )
    facts = pd.DataFrame(
        {
            "client": ["a", "b", "a"],
            "month": [M("2025-02", "M"), M("2025-03", "M"), M("2025-03", "M")],
            "revenue": [92.0, 10.0, 60.0],
        }
    )
    got = plan_vs_actual(timeline, facts, M("2025-03", "M"))
    # January's snapshot planned February: a 115 -> 92 came (80 %); b 230 -> nothing (0 %).
    # February set no plan for a (blank); March's plan (for April) is after the analysis month.
    assert got[["month", "client", "plan", "actual"]].values.tolist() == [
        [M("2025-02", "M"), "a", 115.0, 92.0],
        [M("2025-02", "M"), "b", 230.0, 0.0],
    ]
    assert got["fulfilment"].tolist() == pytest.approx([0.8, 0.0])
    total = fulfilment_by(got, ["month"]).iloc[0]
    # (92 + 0) / (115 + 230) = 26.7 %; one client of two... none met the plan.
    assert total["fulfilment"] == pytest.approx(92 / 345)
    assert total["met"] == 0.0


@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from(["X", "Y"]), st.floats(0, 1e5)),
        min_size=1,
        max_size=30,
        unique_by=lambda t: t[0],
    ),
    st.lists(st.tuples(st.sampled_from("abcdefg"), st.floats(-1e3, 1e5)), max_size=30),
)
def test_manager_sums_equal_the_company(
    plans: list[tuple[str, str, float]], sales: list[tuple[str, float]]
) -> None:
    timeline = pd.DataFrame(plans, columns=["client", "manager", "plan"]).assign(
        month=M("2025-01", "M")
    )
    facts = pd.DataFrame(sales, columns=["client", "revenue"]).assign(month=M("2025-02", "M"))
    table = plan_vs_actual(timeline, facts, M("2025-02", "M"))
    company = fulfilment_by(table, ["month"])
    managers = fulfilment_by(table, ["manager", "month"])
    assert managers["clients"].sum() == company["clients"].sum() == len(plans)
    assert managers["plan"].sum() == pytest.approx(company["plan"].sum())
    assert managers["actual"].sum() == pytest.approx(company["actual"].sum())
