import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.inputs.settings import Settings, _one_number, describe, settings_from_pairs
from clientbase_xl.inputs.values import parse_number


def test_defaults_follow_methods_md() -> None:
    s = Settings()
    assert (s.window_months, s.abc_thresholds, s.abcd_thresholds) == (12, (80, 95), (50, 80, 95))
    assert (s.xyz_method, s.xyz_x_share, s.xyz_cv_thresholds) == ("regularity", 75, (10, 25))
    assert (s.churn_days, s.plan_uplift, s.nps_target) == (180, 15, 45)
    assert s.abc_cuts == (0.8, 0.95)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("70/90", (70.0, 90.0)),
        ("70; 90", (70.0, 90.0)),
        ("0,7/0,9", (70.0, 90.0)),
        ("70%/90%", (70.0, 90.0)),
    ],
)
def test_thresholds_accept_the_ways_people_type_them(
    value: str, expected: tuple[float, ...]
) -> None:
    settings, problems = settings_from_pairs([(2, "Границы ABC, %", value)], "Settings")
    assert problems == []
    assert settings.abc_thresholds == expected


@pytest.mark.parametrize("value", ["90/70", "80", "80/95/99", "0/50", "50/100"])
def test_bad_thresholds_are_problems(value: str) -> None:
    _, problems = settings_from_pairs([(3, "abc_thresholds", value)], "Settings")
    (problem,) = problems
    assert problem.render("en") == (
        "Expected two increasing percentages like 80/95.",
        "Correct the value or clear it to use the default (80/95).",
    )


def test_reasons_switched_off_take_codes_and_a_blank_default_is_said() -> None:
    settings, problems = settings_from_pairs([(3, "actions_off", "Overdue / late")], "Settings")
    assert settings.actions_off == ("overdue", "late") and not problems
    _, (problem,) = settings_from_pairs([(3, "actions_off", "overdue/опоздание")], "Settings")
    assert problem.render("ru")[1] == (
        "Исправьте значение или очистите его — тогда будет по умолчанию (пусто)."
    )


def test_dates_percent_cells_and_blanks() -> None:
    settings, problems = settings_from_pairs(
        [
            (2, "as_of", dt.datetime(2025, 6, 30)),
            (3, "xyz_x_share", 0.8),
            (4, "Валюта", "₽"),
            (5, "churn_days", None),
            (6, None, "ignored"),
        ],
        "Settings",
    )
    assert problems == []
    assert settings.as_of == dt.date(2025, 6, 30)
    assert settings.xyz_x_share == 80.0  # a cell formatted as percent holds 0.8
    assert settings.currency == "₽"
    assert settings.churn_days == 180


def test_unknown_setting_lists_the_known_ones() -> None:
    _, problems = settings_from_pairs([(2, "colour", "red")], "Settings")
    assert problems[0].render("en")[1].startswith("Use one of: as_of, window_months, ")


def test_describe_has_a_label_and_explanation_in_both_languages() -> None:
    for lang in ("en", "ru"):
        rows = describe(Settings(), lang)  # type: ignore[arg-type]
        assert all(label and doc for _, label, _, doc in rows)


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**12), 10**12),
        st.from_regex(r"\s?[+-]?(\d{1,6}\.?\d{0,4}|\.\d{1,4})\s?", fullmatch=True),
        st.from_regex(r" ?[+-]?([0-9]{1,6}\.?[0-9]{0,4}|\.[0-9]{1,4}) ?", fullmatch=True),
        st.sampled_from(["1 234,5", "80 %", "(12)", "x", "", "1,5"]),
    )
)
def test_a_setting_number_reads_as_a_column_of_numbers_reads_it(value: object) -> None:
    # Plain numbers take a shortcut (one cell, not a column): the same value either way.
    column = parse_number([value])
    expected = None if column.bad[0] or column.blank[0] else float(column.values.iloc[0])
    got = _one_number(value)
    assert got == expected or (got is not None and expected is not None and got != got)


def test_percentages_become_fractions_in_one_place() -> None:
    s = Settings(
        xyz_x_share=75.0,
        xyz_cv_thresholds=(10.0, 25.0),
        plan_uplift=15.0,
        priority_cuts=(40.0, 70.0),
        clv_discount=1.5,
        abc_thresholds=(80.0, 95.0),
    )
    assert (s.x_share, s.cv_cuts, s.uplift) == (0.75, (0.1, 0.25), 0.15)
    assert (s.priority_bands, s.discount, s.abc_cuts) == ((0.4, 0.7), 0.015, (0.8, 0.95))
