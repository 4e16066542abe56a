"""ABC/XYZ on the four-client example of ``tests.conftest.small_sales``.

Window: the 3 months Jan-Mar 2025 ending 2025-03-31. Revenue per client:
A1 = 500 + 300 + 200 = 1000; B2 = 250 + 150 = 400; C3 = 80; D4 = 20; total 1500.
Shares: A1 1000/1500 = 0.6667, B2 400/1500 = 0.2667 (running 0.9333),
C3 80/1500 = 0.0533 (running 0.9867), D4 20/1500 = 0.0133 (running 1.0).
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.abc_xyz import (
    SegmentRules,
    abc_classes,
    classify_window,
    classify_windows,
    matrix,
    matrix_crosstab,
    monthly_facts,
    segments,
    xyz_regularity,
    xyz_variation,
)
from tests.conftest import small_sales

AS_OF = pd.Timestamp("2025-03-31")
THREE = SegmentRules(months=3)


def _seg(**kwargs: object) -> pd.DataFrame:
    rules = SegmentRules(months=3, **kwargs)  # type: ignore[arg-type]
    return segments(small_sales(), AS_OF, rules).set_index("client")


def test_abc_80_95_by_revenue() -> None:
    seg = _seg()
    # A1: nothing before it (0 < 0.80) -> A. B2: 0.6667 before it (< 0.80) -> A, it crosses 80 %.
    # C3: 0.9333 before it (>= 0.80, < 0.95) -> B. D4: 0.9867 before it (>= 0.95) -> C.
    assert seg["abc"].to_dict() == {"A1": "A", "B2": "A", "C3": "B", "D4": "C"}
    assert seg["revenue"].to_dict() == {"A1": 1000, "B2": 400, "C3": 80, "D4": 20}
    assert seg["share"].round(4).to_dict() == {
        "A1": 0.6667,
        "B2": 0.2667,
        "C3": 0.0533,
        "D4": 0.0133,
    }
    assert seg["cum_share"].round(4).tolist() == [0.6667, 0.9333, 0.9867, 1.0]
    assert seg["rank"].tolist() == [1, 2, 3, 4]


def test_abcd_50_80_95() -> None:
    seg = _seg(cuts=(0.5, 0.8, 0.95))
    # A1 before 0 -> A; B2 before 0.6667 (>= 0.5, < 0.8) -> B; C3 before 0.9333 -> C;
    # D4 before 0.9867 -> D.
    assert seg["abc"].to_dict() == {"A1": "A", "B2": "B", "C3": "C", "D4": "D"}


def test_abc_by_margin() -> None:
    seg = _seg(metric="margin")
    # Margins: A1 200+100+100 = 400, B2 50+50 = 100, C3 40, D4 10; total 550.
    # Before each: A1 0, B2 400/550 = 0.727 (A), C3 500/550 = 0.909 (B), D4 540/550 = 0.982 (C).
    assert seg["margin"].to_dict() == {"A1": 400, "B2": 100, "C3": 40, "D4": 10}
    assert seg["abc"].to_dict() == {"A1": "A", "B2": "A", "C3": "B", "D4": "C"}


def test_xyz_by_regularity() -> None:
    seg = _seg()
    # A1 bought in 3 of 3 months (100 % >= 75 %) -> X; B2 in 2 of 3 (67 %) with 2 orders -> Y;
    # C3 and D4 one order each -> Z.
    assert seg["active_months"].to_dict() == {"A1": 3, "B2": 2, "C3": 1, "D4": 1}
    assert seg["xyz"].to_dict() == {"A1": "X", "B2": "Y", "C3": "Z", "D4": "Z"}
    assert seg["cell"].to_dict() == {"A1": "AX", "B2": "AY", "C3": "BZ", "D4": "CZ"}


def test_xyz_by_variation() -> None:
    monthly = pd.DataFrame(
        [[100.0, 100.0, 100.0], [100.0, 120.0, 80.0], [500.0, 300.0, 200.0], [0.0, 0.0, 0.0]],
        index=["flat", "wobbly", "falling", "none"],
    )
    got = xyz_variation(monthly, (0.10, 0.25))
    # flat: std 0 -> CV 0 -> X. wobbly: mean 100, std sqrt((0 + 400 + 400) / 3) = 16.33 -> 16.3 %
    # -> Y. falling: mean 333.33, std sqrt((166.67² + 33.33² + 133.33²) / 3) = 124.72 -> 37.4 %
    # -> Z. none: mean 0 -> no CV -> Z.
    assert got["cv"].round(4).tolist()[:3] == [0.0, 0.1633, 0.3742]
    assert np.isnan(got.loc["none", "cv"])
    assert got["xyz"].tolist() == ["X", "Y", "Z", "Z"]


def test_variation_counts_months_without_purchase_as_zero() -> None:
    seg = _seg(xyz_method="variation")
    # B2 monthly: 250, 0, 150: mean 133.33, std sqrt((116.67² + 133.33² + 16.67²) / 3) = 102.74.
    assert seg.loc["B2", "cv"] == pytest.approx(102.74 / 133.33, abs=1e-4)


def test_returns_reduce_revenue_but_are_not_orders() -> None:
    sales = small_sales()
    ret = sales.iloc[[4]].assign(
        amount=-400.0, cost=-200.0, order="R1", date=pd.Timestamp("2025-03-20")
    )
    seg = segments(pd.concat([sales, ret]), AS_OF, THREE).set_index("client")
    # B2: 400 - 400 = 0 revenue -> metric <= 0 -> last class, flagged; still 2 orders.
    assert seg.loc["B2", "revenue"] == 0
    assert seg.loc["B2", "abc"] == "C" and seg.loc["B2", "nonpositive"]
    assert seg.loc["B2", "orders"] == 2
    assert np.isnan(seg.loc["B2", "cum_share"])


def test_lines_without_order_id_group_by_client_and_date() -> None:
    sales = small_sales().assign(order=pd.NA)
    extra = sales.iloc[[0]]  # a second line of A1 on the same day: the same order
    seg = segments(pd.concat([sales, extra]), AS_OF, THREE).set_index("client")
    assert seg.loc["A1", "orders"] == 3


def test_window_excludes_lines_before_it_and_after_as_of() -> None:
    seg = segments(small_sales(), pd.Timestamp("2025-02-28"), SegmentRules(months=1)).set_index(
        "client"
    )
    # Only February: A1 300 and C3 80.
    assert seg["revenue"].to_dict() == {"A1": 300, "C3": 80}


def test_matrix_lists_every_cell() -> None:
    seg = segments(small_sales(), AS_OF, THREE)
    cells = matrix(seg, (0.8, 0.95)).set_index("cell")
    assert len(cells) == 9
    assert cells["clients"].to_dict() == {
        "AX": 1,
        "AY": 1,
        "AZ": 0,
        "BX": 0,
        "BY": 0,
        "BZ": 1,
        "CX": 0,
        "CY": 0,
        "CZ": 1,
    }
    # AX holds A1's 1000 of 1500.
    assert cells.loc["AX", "revenue_share"] == pytest.approx(1000 / 1500)
    table = matrix_crosstab(matrix(seg, (0.8, 0.95)), "clients", "Итого").set_index("abc")
    assert table.loc["Итого", "total"] == 4
    assert table.loc["A"].tolist() == [1, 1, 0, 2]


def test_ties_are_broken_by_client_id() -> None:
    got = abc_classes(pd.Series({"b": 50.0, "a": 50.0}), (0.5, 0.95))
    # a ranks first (id order): nothing before it -> A; b has 0.5 before it -> B.
    assert got.loc["a", "rank"] == 1 and got.loc["a", "abc"] == "A"
    assert got.loc["b", "abc"] == "B"


def test_a_float_sum_at_the_threshold_still_closes_the_class() -> None:
    # 0.7 + 0.2 is 0.8999999999999999 in floating point; it is 90 % exactly, so A is closed
    # before c.
    got = abc_classes(pd.Series({"a": 0.7, "b": 0.2, "c": 0.1}), (0.9, 0.95))
    assert got["abc"].to_dict() == {"a": "A", "b": "A", "c": "B"}


metrics = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.floats(-100, 1e6, allow_nan=False),
    min_size=1,
    max_size=40,
)


@given(metrics, st.sampled_from([(0.8, 0.95), (0.5, 0.8, 0.95), (0.7, 0.9)]))
def test_classes_follow_rank_and_thresholds(
    values: dict[str, float], cuts: tuple[float, ...]
) -> None:
    got = abc_classes(pd.Series(values), cuts).sort_values("rank")
    letters = "ABCD"[: len(cuts) + 1]
    positive = got[got["metric"] > 0]
    if len(positive):
        assert positive["share"].sum() == pytest.approx(1.0)
    assert list(got["abc"]) == sorted(got["abc"], key=letters.index)
    before = positive["cum_share"] - positive["share"]
    for cls, b in zip(positive["abc"], before, strict=True):
        k = letters.index(cls)
        if k < len(cuts):
            assert b < cuts[k] + 1e-9
        if k > 0:
            assert b >= cuts[k - 1] - 1e-9
    assert (got.loc[got["metric"] <= 0, "abc"] == letters[-1]).all()


lines = st.lists(
    st.tuples(
        st.sampled_from(["c1", "c2", "c3", "c4", "c5"]),
        st.integers(0, 400),
        st.floats(-50, 1000, allow_nan=False),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=50)
@given(lines, st.randoms(use_true_random=False), st.sampled_from(["regularity", "variation"]))
def test_segments_do_not_depend_on_row_order(
    rows: list[tuple[str, int, float]], rnd: object, method: str
) -> None:
    sales = pd.DataFrame(
        {
            "client": [r[0] for r in rows],
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[1] for r in rows], unit="D"),
            "amount": [r[2] for r in rows],
            "order": pd.NA,
            "cost": np.nan,
            "quantity": np.nan,
        }
    )
    shuffled = sales.sample(frac=1, random_state=rnd.randint(0, 1000))  # type: ignore[attr-defined]
    as_of = pd.Timestamp("2025-01-31")
    a = segments(sales, as_of, SegmentRules(xyz_method=method))  # type: ignore[arg-type]
    b = segments(shuffled, as_of, SegmentRules(xyz_method=method))  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)
    m = matrix(a, (0.8, 0.95))
    assert m["clients"].sum() == len(a)
    if a["revenue"].sum():
        assert m["revenue_share"].sum() == pytest.approx(1.0)


@given(lines)
def test_xyz_regularity_z_means_at_most_one_order(rows: list[tuple[str, int, float]]) -> None:
    orders = pd.Series({r[0]: r[1] % 5 for r in rows})
    active = orders.clip(upper=12)
    got = xyz_regularity(active, orders, 12, 0.75)
    assert ((got == "Z") == (orders <= 1)).all()


costed_lines = st.lists(
    st.tuples(
        st.sampled_from(["c1", "c2", "c3", "c4", "c5"]),
        st.integers(0, 700),
        st.floats(-50, 1000, allow_nan=False),
        st.one_of(st.none(), st.floats(0, 800, allow_nan=False)),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=60)
@given(
    costed_lines,
    st.lists(st.integers(0, 23), min_size=1, max_size=6),
    st.sampled_from(["regularity", "variation"]),
    st.integers(1, 12),
)
def test_many_windows_at_once_are_each_window_alone(
    rows: list[tuple[str, int, float, float | None]], ends: list[int], method: str, months: int
) -> None:
    sales = pd.DataFrame(
        {
            "client": pd.Series([r[0] for r in rows], dtype="str"),
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[1] for r in rows], unit="D"),
            "amount": [r[2] for r in rows],
            "order": pd.NA,
            "cost": [np.nan if r[3] is None else r[3] for r in rows],
            "quantity": np.nan,
        }
    )
    facts = monthly_facts(sales, pd.Timestamp("2025-12-31"))
    rules = SegmentRules(months=months, xyz_method=method)  # type: ignore[arg-type]
    wanted = [pd.Period("2024-01", "M") + e for e in ends]
    together = classify_windows(facts, wanted, rules)
    for month, got in zip(wanted, together, strict=True):
        pd.testing.assert_frame_equal(got, classify_window(facts, month, rules), check_exact=True)
        # The definition: the facts of the window's months, summed per client.
        window = facts[(facts["month"] > month - months) & (facts["month"] <= month)]
        by = window.groupby("client")
        per = got.set_index("client").sort_index()
        assert list(per.index) == sorted(set(window["client"]))
        np.testing.assert_allclose(per["revenue"], by["revenue"].sum(), rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(
            per["margin"], by["margin"].sum(min_count=1), rtol=1e-9, atol=1e-9
        )
        assert list(per["orders"]) == list(by["orders"].sum())
        assert list(per["active_months"]) == list(by["orders"].apply(lambda o: (o > 0).sum()))
