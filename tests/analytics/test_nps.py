import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.nps import nps, nps_group, nps_table


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
