import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbase_xl.analytics.nps import nps, nps_group, nps_table, theme_table, theme_tags


def test_textbook_nps_100_promoters_30_passives_80_detractors() -> None:
    # (100 − 80) / 210 = 9.52 % -> +9.5.
    scores = pd.Series([10.0] * 100 + [7.0] * 30 + [3.0] * 80)
    assert nps(scores) == pytest.approx(9.5238, abs=1e-4)


def test_groups_by_the_definition() -> None:
    assert nps_group(pd.Series([0, 6, 7, 8, 9, 10])).tolist() == [
        "detractor",
        "detractor",
        "passive",
        "passive",
        "promoter",
        "promoter",
    ]


def test_table_per_manager_with_the_few_answers_flag() -> None:
    survey = pd.DataFrame({"manager": ["I"] * 4 + ["P"] * 30, "score": [10, 9, 5, 8] + [9] * 30})
    got = nps_table(survey, "manager").set_index("manager")
    # I: 2 promoters, 1 passive, 1 detractor of 4 -> (2 − 1) / 4 = +25, fewer than 30 answers.
    assert got.loc["I", ["answers", "promoters", "passives", "detractors"]].tolist() == [4, 2, 1, 1]
    assert got.loc["I", "nps"] == 25.0 and got.loc["I", "few_answers"]
    assert got.loc["P", "nps"] == 100.0 and not got.loc["P", "few_answers"]
    overall = nps_table(survey)
    assert overall["answers"].tolist() == [34]


@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_is_between_minus_and_plus_100(scores: list[int]) -> None:
    value = nps(pd.Series(scores, dtype=float))
    assert -100 <= value <= 100
    table = nps_table(pd.DataFrame({"score": scores}))
    assert table.loc[0, "nps"] == pytest.approx(value)


def test_theme_table_by_hand() -> None:
    answers = pd.DataFrame(
        {
            "client": ["a", "b", "a", "c", "d"],
            "score": [3.0, 9.0, 6.0, 10.0, 8.0],
            "themes": ["Price; delivery", "price", None, " ; Delivery,delivery", "Range"],
        }
    )
    got = theme_table(answers).set_index("theme")
    # "Price"/"price" and "delivery"/"Delivery" are one theme each, named by the spelling that
    # sorts first; c's answer says Delivery twice and counts once.
    # Delivery: a's 3 (detractor) and c's 10 (promoter) -> 2 answers, NPS (1 − 1) / 2 = 0.
    # Price: a's 3 and b's 9 -> 0 as well. Range: d's 8, a passive -> NPS 0, one client.
    # a's untagged 6 counts in no theme. Most answers first, then by name.
    assert got.index.tolist() == ["Delivery", "Price", "Range"]
    assert got.loc["Delivery", ["clients", "answers", "promoters", "detractors"]].tolist() == [
        2,
        2,
        1,
        1,
    ]
    assert got["nps"].tolist() == [0.0, 0.0, 0.0]
    assert got.loc["Range", ["clients", "passives"]].tolist() == [1, 1]
    assert got["few_answers"].all()


def test_theme_tags_split_and_merge() -> None:
    tags = theme_tags(pd.Series(["a;b", "B, a,", None, "  "], index=[10, 11, 12, 13]))
    assert tags.values.tolist() == [[10, "a"], [10, "B"], [11, "B"], [11, "a"]]


def test_no_tags_no_themes() -> None:
    answers = pd.DataFrame({"client": ["a"], "score": [5.0], "themes": [None]})
    assert theme_table(answers).empty


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.integers(0, 10),
            st.sampled_from([None, "Price", "price; Delivery", "delivery", "Range,PRICE"]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.randoms(use_true_random=False),
)
@settings(max_examples=30)
def test_themes_never_depend_on_answer_order(rows: list[tuple], rnd: object) -> None:
    answers = pd.DataFrame(rows, columns=["client", "score", "themes"])
    shuffled = answers.sample(frac=1, random_state=rnd.randint(0, 999))  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(theme_table(answers), theme_table(shuffled))
    # Each theme's answers add up: promoters + passives + detractors.
    got = theme_table(answers)
    assert (got["promoters"] + got["passives"] + got["detractors"] == got["answers"]).all()
