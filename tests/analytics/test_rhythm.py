"""Each client's own rhythm: next due date and stage, by hand; line order changes nothing."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.rhythm import STAGES, RhythmRules, intervals, stages

DAY0 = pd.Timestamp("2025-01-01")


def _orders(days: dict[str, list[int]]) -> pd.DataFrame:
    rows = [(c, DAY0 + pd.Timedelta(days=d)) for c, ds in days.items() for d in ds]
    return pd.DataFrame(rows, columns=["client", "date"])


def test_intervals_median_and_mad_by_hand() -> None:
    # Days 0, 30, 50, 90: gaps 30, 20, 40 -> median 30, deviations 0, 10, 10 -> MAD 10.
    # Two orders on day 50 are one order day; b has one gap only: no rhythm of its own.
    got = intervals(_orders({"a": [0, 30, 50, 50, 90], "b": [0, 10]})).set_index("client")
    assert got.loc["a", ["order_days", "own_rhythm", "spread"]].tolist() == [4, 30.0, 10.0]
    assert pd.isna(got.loc["b", "own_rhythm"])


def test_stage_moves_from_active_to_churned_as_the_silence_grows() -> None:
    # Every 30 days (MAD 0, so the spread is its floor 30 / 4 = 7.5); last order on day 90.
    # Due from 30 days after it; late past 30 + 2 x 7.5 = 45; sleeping past 3 x 30 = 90;
    # churned at the Churn tab's 180.
    orders = _orders({"a": [0, 30, 60, 90]})
    want = {20: "active", 30: "due", 45: "due", 46: "late", 90: "late", 91: "sleeping"}
    want |= {180: "churned"}
    for silence, stage in want.items():
        got = stages(orders, DAY0 + pd.Timedelta(days=90 + silence)).iloc[0]
        assert got["stage"] == stage, silence
    got = stages(orders, DAY0 + pd.Timedelta(days=100)).iloc[0]
    assert got["next_due"] == DAY0 + pd.Timedelta(days=120)
    assert got["days_since"] == 10 and got["days_late"] == 0


def test_a_client_with_few_orders_takes_its_class_rhythm_then_everyones() -> None:
    # a (class A) every 20 days, c (class B) every 60; b (A) has one order: A's rhythm, 20;
    # d has no class: the median of every own rhythm, (20 + 60) / 2 = 40.
    orders = _orders({"a": [0, 20, 40], "b": [40], "c": [0, 60, 120], "d": [100]})
    segment = pd.Series({"a": "A", "b": "A", "c": "B"})
    got = stages(orders, DAY0 + pd.Timedelta(days=130), segment).set_index("client")
    assert got.loc["b", ["rhythm", "basis"]].tolist() == [20.0, "segment"]
    assert got.loc["d", ["rhythm", "basis"]].tolist() == [40.0, "all"]
    # b: 90 days silent > 3 x 20: sleeping; d: 30 days of a 40-day rhythm: active.
    assert got.loc["b", "stage"] == "sleeping" and got.loc["d", "stage"] == "active"


def test_settings_move_the_thresholds() -> None:
    orders = _orders({"a": [0, 30, 60, 90]})
    day = DAY0 + pd.Timedelta(days=90 + 40)  # 40 days silent
    assert stages(orders, day).iloc[0]["stage"] == "due"  # late only past 45
    assert stages(orders, day, rules=RhythmRules(tolerance=1.0)).iloc[0]["stage"] == "late"
    assert stages(orders, day, rules=RhythmRules(churn_days=40)).iloc[0]["stage"] == "churned"


@settings(max_examples=40)
@given(
    st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 400)), min_size=1, max_size=40),
    st.randoms(use_true_random=False),
)
def test_line_order_never_changes_a_stage(lines: list[tuple[str, int]], rnd) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(
        [(c, DAY0 + pd.Timedelta(days=d)) for c, d in lines], columns=["client", "date"]
    )
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 10**6))
    day = DAY0 + pd.Timedelta(days=450)
    a, b = stages(frame, day), stages(shuffled, day)
    pd.testing.assert_frame_equal(a, b)
    assert set(a["stage"]) <= set(STAGES)
