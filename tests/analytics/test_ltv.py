import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.abc_xyz import monthly_facts
from clientbase_xl.analytics.ltv import ltv_by, ltv_over_time, ltv_table


def sales() -> pd.DataFrame:
    rows = [  # client, date, amount, cost
        ("a", "2025-01-05", 100.0, 60.0),
        ("a", "2025-01-20", 100.0, 60.0),
        ("a", "2025-04-10", 200.0, 120.0),
        ("b", "2025-03-01", 300.0, 150.0),
    ]
    frame = pd.DataFrame(rows, columns=["client", "date", "amount", "cost"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.assign(order=pd.NA, quantity=np.nan)


def test_ltv_by_hand() -> None:
    t = ltv_table(monthly_facts(sales(), pd.Timestamp("2025-04-30"))).set_index("client")
    # a: 3 orders, revenue 400, margin 160; first Jan, last Apr -> 4 months.
    #    S = 400/3 = 133.33, C = 3/4 = 0.75, P = 160/400 = 0.4.
    # b: 1 order, 300, margin 150, 1 month: S = 300, C = 1, P = 0.5.
    # t = (4 + 1) / 2 = 2.5 months over the base.
    assert t.loc["a", "lifetime_months"] == 4 and t.loc["b", "lifetime_months"] == 1
    assert t.loc["a", "s"] == pytest.approx(400 / 3)
    assert t.loc["a", "c"] == 0.75 and t.loc["a", "p"] == 0.4
    assert (t["t"] == 2.5).all()
    # LTV a = 133.33 × 0.75 × 0.4 × 2.5 = 100; b = 300 × 1 × 0.5 × 2.5 = 375.
    assert t["ltv"].tolist() == pytest.approx([100.0, 375.0])


def test_lifetime_by_segment() -> None:
    facts = monthly_facts(sales(), pd.Timestamp("2025-04-30"))
    t = ltv_table(facts, pd.Series({"a": "A", "b": "B"})).set_index("client")
    # Each segment has one client: t is its own lifetime.
    assert t["t"].tolist() == [4.0, 1.0]
    by = ltv_by(t.reset_index().assign(abc=["A", "B"]), "abc").set_index("abc")
    assert by.loc["A", "ltv"] == pytest.approx(133.333333 * 0.75 * 0.4 * 4)


def test_no_cost_no_ltv() -> None:
    t = ltv_table(monthly_facts(sales().assign(cost=np.nan), pd.Timestamp("2025-04-30")))
    assert t["p"].isna().all() and t["ltv"].isna().all()


@settings(max_examples=60)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.integers(0, 6),
            st.floats(-50, 500, allow_nan=False),
            st.one_of(st.none(), st.floats(-50, 200, allow_nan=False)),
            st.integers(0, 3),
        ),
        max_size=20,
    )
)
def test_ltv_over_time_is_ltv_table_on_the_facts_up_to_each_month(
    rows: list[tuple[str, int, float, float | None, int]],
) -> None:
    start = pd.Period("2025-01", "M")
    facts = pd.DataFrame(
        [(c, start + m, r, np.nan if g is None else g, 1.0, o) for c, m, r, g, o in rows],
        columns=["client", "month", "revenue", "margin", "quantity", "orders"],
    ).drop_duplicates(["client", "month"])
    months = [start + k for k in range(-1, 8)]
    got = ltv_over_time(facts, months)
    for month, clients, ltv, total in got.itertuples(index=False):
        t = ltv_table(facts[facts["month"] <= month])
        assert clients == len(t)
        assert ltv == pytest.approx(t["ltv"].mean(), nan_ok=True)
        assert total == pytest.approx(t["ltv"].sum(min_count=1), nan_ok=True)
