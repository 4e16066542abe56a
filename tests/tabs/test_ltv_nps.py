"""Loyalty tabs say when a figure has no data behind it, never showing 0 for it."""

import numpy as np
import pandas as pd

from clientbase_xl.inputs.model import Inputs
from clientbase_xl.inputs.settings import Settings
from clientbase_xl.tabs.context import Context
from clientbase_xl.tabs.ltv import ltv_tab
from clientbase_xl.tabs.nps import nps_tab
from tests.conftest import small_sales


def test_without_a_cost_column_ltv_is_blank_and_the_tab_says_why() -> None:
    sales = small_sales().assign(cost=np.nan, _row=range(2, 9))
    tab = ltv_tab(Context(Inputs(sales=sales, settings=Settings()), "en"))
    for block in ("by_abc", "by_manager", "by_group"):
        assert tab.frames[block]["ltv_total"].isna().all(), block
    assert tab.note.endswith(
        "LTV is not available: it needs the margin, so add the Cost column to Sales."
    )


def test_with_costs_the_total_is_the_sum_of_the_clients() -> None:
    sales = small_sales().assign(_row=range(2, 9))
    tab = ltv_tab(Context(Inputs(sales=sales, settings=Settings()), "en"))
    by_abc = tab.frames["by_abc"]
    assert by_abc["ltv_total"].sum() == tab.frames["clients"]["ltv"].sum()
    assert "not available" not in tab.note


def test_without_a_survey_the_nps_tab_says_why_it_is_empty() -> None:
    sales = small_sales().assign(_row=range(2, 9))
    tab = nps_tab(Context(Inputs(sales=sales, settings=Settings()), "ru"))
    assert tab.frames["comments"].empty and tab.frames["themes"].empty
    assert tab.note.endswith(
        "NPS недоступен: нет ответов опроса до даты анализа. Добавьте лист «Опрос» "
        "(Дата, Клиент, Оценка 0-10)."
    )


def test_ltv_benchmarks_stand_beside_the_trend_and_blank_when_unset() -> None:
    sales = small_sales().assign(_row=range(2, 9))
    ctx = Context(Inputs(sales=sales, settings=Settings(ltv_sector=400.0)), "en")
    over = ltv_tab(ctx).frames["over_time"]
    assert (over["sector"] == 400.0).all() and over["competitor"].isna().all()
    assert np.allclose(over["vs_sector"], over["ltv"] / 400.0, equal_nan=True)
    plain = ltv_tab(Context(Inputs(sales=sales), "en")).frames["over_time"]
    assert plain["sector"].isna().all() and plain["vs_sector"].isna().all()


def test_the_four_questions_are_listed_per_client_and_counted_by_theme() -> None:
    sales = small_sales().assign(_row=range(2, 9))
    survey = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-03-01", "2025-02-01", "2025-03-05", "2025-03-06"]),
            "client": ["B2", "A1", "A1", "C3"],
            "score": [10.0, 4.0, 8.0, 9.0],
            "comment": [None, "late again", None, None],
            "more": [None, None, "a discount", None],
            "elsewhere": ["Paint", None, None, None],
            "competitors": [None, "cheaper", None, None],
            "themes": ["Range", "Delivery; price", "Price", None],
            "_row": [2, 3, 4, 5],
        }
    )
    tab = nps_tab(Context(Inputs(sales=sales, survey=survey, settings=Settings()), "en"))
    answers = tab.frames["comments"]
    # C3's answer has no text: not listed. Detractors first, then passives, then promoters;
    # an answer with only "buys elsewhere" is listed too.
    assert answers["client"].tolist() == ["A1", "A1", "B2"]
    assert answers["group"].tolist() == ["detractor", "passive", "promoter"]
    assert answers.iloc[1]["more"] == "a discount" and answers.iloc[2]["elsewhere"] == "Paint"
    themes = tab.frames["themes"].set_index("theme")
    # Price: A1's 4 and 8, one client, NPS (0 − 1) / 2 = −50; Delivery: the 4 alone, −100.
    assert themes.index.tolist() == ["Price", "Delivery", "Range"]
    assert themes.loc["Price", ["clients", "answers", "nps"]].tolist() == [1, 2, -50.0]
    assert themes.loc["Delivery", "nps"] == -100.0 and themes.loc["Range", "nps"] == 100.0
