import pandas as pd

from clientbase_xl.analytics.orders import in_window


def test_in_window_cuts_at_the_analysis_date() -> None:
    days = pd.to_datetime(["2025-12-31", "2026-01-01", "2026-03-10", "2026-03-11", "2026-04-01"])
    lines = pd.DataFrame({"date": days})
    # Three months to March 2026 start on 1 January; the analysis date 10 March ends it.
    kept = in_window(lines, pd.Period("2026-03", "M"), 3, pd.Timestamp("2026-03-10"))
    assert kept["date"].dt.strftime("%m-%d").tolist() == ["01-01", "03-10"]
