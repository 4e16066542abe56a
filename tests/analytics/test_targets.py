"""Plans set bottom-up, split top-down and overridden: by hand, and as properties."""

from __future__ import annotations

from random import Random

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.targets import pace, plans_by_category, set_plans, split_cents

MAY, JUNE = pd.Period("2025-05", "M"), pd.Period("2025-06", "M")


def _clients(month: pd.Period = MAY) -> pd.DataFrame:
    # Ivanov: A sells 300 a month, B 100; Petrova: C 600. Only A's wallet is known (1,000 a
    # month, potential 700); last year's May: A 100, B 300, C 600.
    return pd.DataFrame(
        {
            "month": [month] * 3,
            "client": ["A", "B", "C"],
            "manager": ["Ivanov", "Ivanov", "Petrova"],
            "current": [300.0, 100.0, 600.0],
            "potential": [700.0, np.nan, np.nan],
            "wallet": [1000.0, np.nan, np.nan],
            "last_year": [100.0, 300.0, 600.0],
        }
    )


def _plans(out: pd.DataFrame) -> dict[str, float]:
    return dict(zip(out["client"], out["plan"], strict=True))


def test_split_cents_sums_to_the_cent_and_gives_the_odd_cent_to_the_first() -> None:
    # 100.00 = 10,000 cents; a third is 3,333.33: floors 3,333 each, the one cent left goes first.
    assert list(split_cents(100, [1, 1, 1])) == [33.34, 33.33, 33.33]
    # 10.00 by 1:2 = 333.33 and 666.67 cents: floors 333 + 666, the cent to the larger remainder.
    assert list(split_cents(10, [1, 2])) == [3.33, 6.67]
    assert list(split_cents(5, [0, 0])) == [2.5, 2.5]
    assert list(split_cents(-5, [1, 1])) == [0.0, 0.0]


def test_own_plans_by_uplift_and_by_target_share() -> None:
    up = set_plans(_clients(), uplift=0.15)
    # A: 300 + min(700, 45) = 345; B: 100 + 15 = 115; C: 600 + 90 = 690.
    assert _plans(up) == {"A": 345.0, "B": 115.0, "C": 690.0}
    assert set(up["source"]) == {"method"}
    share = set_plans(_clients(), method="share", share=0.4, uplift=0.15)
    # A: 40 % of its 1,000 wallet = 400 (above its 300); B and C: wallet unknown, uplift.
    assert _plans(share) == {"A": 400.0, "B": 115.0, "C": 690.0}
    # A client already past the target share keeps its sales: 25 % of 1,000 = 250 < 300.
    assert _plans(set_plans(_clients(), method="share", share=0.25))["A"] == 300.0


def test_a_company_target_splits_by_current_sales_last_year_or_potential() -> None:
    target = pd.DataFrame({"month": [MAY], "manager": [None], "target": [1500.0]})
    # By current sales 300 : 100 : 600 of 1,000 -> 450, 150, 900.
    assert _plans(set_plans(_clients(), target)) == {"A": 450.0, "B": 150.0, "C": 900.0}
    # By last year's May 100 : 300 : 600 -> 150, 450, 900 (seasonality).
    by_year = set_plans(_clients(), target, split="last_year")
    assert _plans(by_year) == {"A": 150.0, "B": 450.0, "C": 900.0}
    # By what each could buy: A 300 + 700 = 1,000, B 100, C 600 (potential unknown = 0), of
    # 1,700. In cents: 150,000 x 1000/1700 = 88,235.29, x 100/1700 = 8,823.53, x 600/1700 =
    # 52,941.18; the floors sum to 149,999 and the cent left goes to B, whose remainder (0.53
    # of a cent) is the largest (A 0.29, C 0.18).
    by_reach = _plans(set_plans(_clients(), target, split="potential"))
    assert by_reach == {"A": 882.35, "B": 88.24, "C": 529.41}
    assert round(sum(by_reach.values()), 2) == 1500.0
    assert set(set_plans(_clients(), target)["source"]) == {"split"}


def test_overrides_win_and_the_rest_of_the_target_goes_to_the_others() -> None:
    target = pd.DataFrame({"month": [MAY], "manager": [None], "target": [1500.0]})
    overrides = pd.DataFrame(
        {"month": [pd.NaT], "client": ["C"], "manager": [None], "plan": [500.0]}
    )
    out = set_plans(_clients(), target, overrides)
    # C is pinned at 500; A and B share 1,000 by 300 : 100 -> 750 and 250.
    assert _plans(out) == {"A": 750.0, "B": 250.0, "C": 500.0}
    assert list(out["source"]) == ["split", "split", "override"]
    # A manager's override: Ivanov's clients share 800 (600 and 200); Petrova gets the rest 700.
    ivanov = pd.DataFrame(
        {"month": [MAY], "client": [None], "manager": ["Ivanov"], "plan": [800.0]}
    )
    assert _plans(set_plans(_clients(), target, ivanov)) == {"A": 600.0, "B": 200.0, "C": 700.0}
    # Without a target an override replaces that client's plan only.
    alone = set_plans(_clients(), None, overrides, uplift=0.15)
    assert _plans(alone) == {"A": 345.0, "B": 115.0, "C": 500.0}
    # This month's override wins over an every-month one.
    both = pd.concat([overrides, overrides.assign(month=[MAY], plan=[650.0])], ignore_index=True)
    assert _plans(set_plans(_clients(), None, both))["C"] == 650.0


def test_overrides_past_the_target_leave_the_others_at_zero_and_say_by_how_much() -> None:
    target = pd.DataFrame({"month": [MAY], "manager": ["Ivanov"], "target": [200.0]})
    overrides = pd.DataFrame({"month": [MAY], "client": ["A"], "manager": [None], "plan": [350.0]})
    out = set_plans(_clients(), target, overrides, uplift=0.15)
    assert _plans(out) == {"A": 350.0, "B": 0.0, "C": 690.0}  # Petrova keeps her own plan
    assert out.attrs["short"] == {(MAY, "Ivanov"): 150.0}


def test_each_month_takes_its_own_target() -> None:
    frame = pd.concat([_clients(MAY), _clients(JUNE)], ignore_index=True)
    targets = pd.DataFrame({"month": [JUNE], "manager": [None], "target": [2000.0]})
    out = set_plans(frame, targets, uplift=0.0)
    may, june = out[out["month"] == MAY], out[out["month"] == JUNE]
    assert may["plan"].sum() == 1000.0  # no target in May: own plans at 0 % uplift
    assert list(june["plan"]) == [600.0, 200.0, 1200.0]


def test_pace_month_to_date() -> None:
    # Wednesday 2025-05-21: working days left are 22, 23, 26-30 May = 7.
    as_of = pd.Timestamp("2025-05-21")
    out = pace(pd.Series({"A": 1000.0, "B": 50.0}), pd.Series({"A": 300.0, "B": 80.0}), as_of)
    assert list(out["days_left"]) == [7, 7]
    assert list(out["left"]) == [700.0, 0.0]  # B is past its plan: nothing left, never negative
    assert list(out["a_day"]) == [100.0, 0.0]
    last = pace(pd.Series({"A": 10.0}), pd.Series(dtype=float), pd.Timestamp("2025-05-31"))
    assert last["days_left"].iloc[0] == 0 and np.isnan(last["a_day"].iloc[0])


money = st.floats(0, 1e6, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=60)
@given(
    st.lists(st.tuples(money, money, st.sampled_from(["I", "P", "S"])), min_size=1, max_size=12),
    money,
    st.sampled_from(["current", "last_year", "potential"]),
    st.randoms(use_true_random=False),
)
def test_plans_sum_to_the_target_are_never_negative_and_ignore_line_order(
    rows: list[tuple[float, float, str]], target: float, split: str, rnd: object
) -> None:
    frame = pd.DataFrame(
        {
            "month": [MAY] * len(rows),
            "client": [f"K{i}" for i in range(len(rows))],
            "manager": [m for _, _, m in rows],
            "current": [c for c, _, _ in rows],
            "potential": [np.nan] * len(rows),
            "wallet": [np.nan] * len(rows),
            "last_year": [y for _, y, _ in rows],
        }
    )
    targets = pd.DataFrame({"month": [MAY], "manager": [None], "target": [target]})
    out = set_plans(frame, targets, split=split)
    assert round(out["plan"].sum() * 100) == round(target * 100)
    assert (out["plan"] >= 0).all()
    by_manager = out.groupby("manager")["plan"].sum()
    assert round(by_manager.sum() * 100) == round(target * 100)
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 10**6))  # type: ignore[attr-defined]
    again = set_plans(shuffled, targets, split=split)
    assert _plans(again) == _plans(out)


def test_a_clients_plan_splits_over_its_categories_to_the_cent() -> None:
    plans = pd.Series({"A": 100.0, "B": 50.0, "C": 30.0, "D": 12.0})
    cells = pd.DataFrame(
        {
            "client": ["A", "A", "A", "B", "B", "C", "C"],
            "category": ["Paint", "Tools", "Wire", "Paint", "Tools", "Paint", "Tools"],
            # A: equal thirds. B: weights 3 and 1. C: no weight at all, so its sales decide.
            "weight": [1.0, 1.0, 1.0, 3.0, 1.0, 0.0, 0.0],
            "current": [5.0, 5.0, 5.0, 9.0, 9.0, 2.0, 1.0],
        }
    )
    got = plans_by_category(plans, cells)
    rows = list(got.itertuples(index=False))
    assert [(r.client, r.category, r.plan) for r in rows[:7]] == [
        # 100 / 3 = 33.333...: 3,333 cents each and the one cent left to the first.
        ("A", "Paint", 33.34),
        ("A", "Tools", 33.33),
        ("A", "Wire", 33.33),
        ("B", "Paint", 37.5),  # 50 x 3/4
        ("B", "Tools", 12.5),
        ("C", "Paint", 20.0),  # 30 x 2/3 by current sales
        ("C", "Tools", 10.0),
    ]
    # D has no categories: its plan stays whole, on a row without one.
    assert rows[7].client == "D" and pd.isna(rows[7].category) and rows[7].plan == 12.0


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from(["Paint", "Tools", "Wire", "Glue"]),
            st.floats(-5, 1e6),
            st.floats(0, 1e6),
        ),
        max_size=12,
        unique_by=lambda t: (t[0], t[1]),
    ),
    st.lists(st.floats(0, 1e7).map(lambda x: round(x, 2)), min_size=3, max_size=3),
    st.randoms(use_true_random=False),
)
def test_category_plans_sum_to_each_plan_are_never_negative_and_ignore_row_order(
    cells: list[tuple[str, str, float, float]], amounts: list[float], rnd: Random
) -> None:
    plans = pd.Series(dict(zip(["A", "B", "C"], amounts, strict=True)))
    frame = pd.DataFrame(cells, columns=["client", "category", "weight", "current"])
    got = plans_by_category(plans, frame)
    shuffled = frame.sample(frac=1.0, random_state=rnd.randrange(2**32))
    pd.testing.assert_frame_equal(got, plans_by_category(plans, shuffled), check_exact=True)
    assert (got["plan"] >= 0).all()
    cents_per_client = (got["plan"] * 100).round().groupby(got["client"]).sum()
    assert cents_per_client.to_dict() == {c: round(p * 100) for c, p in plans.items()}


def test_targets_per_category_split_over_the_clients_that_buy_each_and_a_typed_plan_wins() -> None:
    frame = _clients()
    targets = pd.DataFrame(
        {
            "month": [MAY, MAY],
            "manager": [np.nan, np.nan],
            "target": [1000.0, 90.0],
            "category": ["Tools", "Paint"],
        }
    )
    # Tools: A 200 a month, B 100, C 100. Paint: A 100, C 500. Wire: C 0 (a wallet only).
    cells = pd.DataFrame(
        {
            "month": [MAY] * 6,
            "client": ["A", "A", "B", "C", "C", "C"],
            "category": ["Paint", "Tools", "Tools", "Paint", "Tools", "Wire"],
            "weight": [100.0, 200.0, 100.0, 500.0, 100.0, 0.0],
            "current": [100.0, 200.0, 100.0, 500.0, 100.0, 0.0],
        }
    )
    overrides = pd.DataFrame(
        {"month": [MAY], "client": ["C"], "manager": [np.nan], "plan": [700.0]}
    )
    out = set_plans(frame, targets, overrides, cells=cells)
    # C is typed at 700, split over its categories by 500 : 100 : 0 -> Paint 583.33,
    # Tools 116.67, Wire 0. Tools' 1,000 less C's 116.67 = 883.33 goes to A and B by
    # 200 : 100 -> 588.89 (58,888.67 cents, floored; the cent left goes to it) and 294.44.
    # Paint's 90 is passed by C's 583.33 alone: A gets 0 there, 493.33 short.
    assert _plans(out) == {"A": 588.89, "B": 294.44, "C": 700.0}
    assert out.set_index("client")["source"].to_dict() == {
        "A": "split",
        "B": "split",
        "C": "override",
    }
    assert out.attrs["short"] == {(MAY, "Paint"): 493.33}
    parts = out.attrs["parts"].set_index(["client", "category"])["plan"]
    assert parts.to_dict() == {
        ("A", "Paint"): 0.0,
        ("A", "Tools"): 588.89,
        ("B", "Tools"): 294.44,
        ("C", "Paint"): 583.33,
        ("C", "Tools"): 116.67,
        ("C", "Wire"): 0.0,
    }


@settings(max_examples=30)
@given(
    st.lists(st.floats(0, 1e5), min_size=9, max_size=9),
    st.lists(st.floats(0, 1e6).map(lambda x: round(x, 2)), min_size=2, max_size=2),
    st.booleans(),
)
def test_category_targets_are_met_to_the_cent_and_plans_are_their_parts(
    weights: list[float], aims: list[float], typed: bool
) -> None:
    frame = _clients()
    cells = pd.DataFrame(
        {
            "month": [MAY] * 9,
            "client": ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
            "category": ["Paint", "Tools", "Wire"] * 3,
            "weight": weights,
            "current": weights,
        }
    )
    targets = pd.DataFrame(
        {
            "month": [MAY, MAY],
            "manager": [np.nan] * 2,
            "target": aims,
            "category": ["Tools", "Wire"],
        }
    )
    overrides = pd.DataFrame({"month": [MAY], "client": ["B"], "manager": [np.nan], "plan": [50.0]})
    out = set_plans(frame, targets, overrides if typed else None, cells=cells)
    parts = out.attrs["parts"]
    assert (parts["plan"] >= 0).all() and (out["plan"] >= 0).all()
    cents_of = (parts["plan"] * 100).round()
    per_client = cents_of.groupby(parts["client"]).sum()
    assert per_client.to_dict() == {c: round(p * 100) for c, p in _plans(out).items()}
    per_category = cents_of.groupby(parts["category"]).sum()
    for category, aim in zip(["Tools", "Wire"], aims, strict=True):
        if (MAY, category) not in out.attrs["short"]:
            assert per_category[category] == round(aim * 100)
