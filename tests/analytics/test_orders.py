import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from clientbase_xl.analytics.orders import in_window, orders


def test_in_window_cuts_at_the_analysis_date() -> None:
    days = pd.to_datetime(["2025-12-31", "2026-01-01", "2026-03-10", "2026-03-11", "2026-04-01"])
    lines = pd.DataFrame({"date": days})
    # Three months to March 2026 start on 1 January; the analysis date 10 March ends it.
    kept = in_window(lines, pd.Period("2026-03", "M"), 3, pd.Timestamp("2026-03-10"))
    assert kept["date"].dt.strftime("%m-%d").tolist() == ["01-01", "03-10"]


def _lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-05"] * 4 + ["2025-01-03"] * 2 + ["2025-01-02"]),
            "client": ["C1", "C1", "C1", "C1", "C2", "C2", "C1"],
            "order": ["B2", "A1", None, "A1", None, None, "B2"],
            "amount": [10.0, 5.0, 3.0, -5.0, 7.0, -2.0, 1.0],
        }
    )


def test_documents_by_hand() -> None:
    # C1: B2 = 10 + 1 from 2 January; A1 = 5 - 5 = 0, no order; its unnumbered lines of
    # 5 January one document of 3. C2: its unnumbered lines of 3 January, 7 - 2 = 5.
    # On C1's 5 January the day's unnumbered document comes first, then the numbers.
    got = orders(_lines())
    assert list(got.itertuples(index=False, name=None)) == [
        ("C1", pd.Timestamp("2025-01-02"), 11.0, True),
        ("C1", pd.Timestamp("2025-01-05"), 3.0, True),
        ("C1", pd.Timestamp("2025-01-05"), 0.0, False),
        ("C2", pd.Timestamp("2025-01-03"), 5.0, True),
    ]


@given(st.permutations(range(7)))
def test_unordered_documents_are_the_same_documents(order: list[int]) -> None:
    lines = _lines().iloc[order].reset_index(drop=True)
    keys = ["client", "date", "amount"]
    unordered = orders(lines, ordered=False).sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(unordered, orders(lines).sort_values(keys).reset_index(drop=True))
    pd.testing.assert_frame_equal(orders(lines), orders(_lines()))  # line order never shows
