import subprocess
import sys

import pandas as pd

from clientbase_xl.analytics.wallet import estimates_at
from clientbase_xl.demo import demo_frames


def test_demo_is_reproducible_across_processes() -> None:
    # Python's string hashing changes per process; nothing in the demo may depend on it.
    code = (
        "from clientbase_xl.demo import demo_frames; import hashlib, pandas as pd;"
        "f = demo_frames(clients=60, months=6, seed=4);"
        "print(hashlib.sha256(b''.join(pd.util.hash_pandas_object(v, index=False).values"
        ".tobytes() for v in f.values())).hexdigest())"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_demo_has_what_the_issue_asks_for() -> None:
    f = demo_frames(clients=400, months=24, seed=7)
    sales = f["sales"]
    assert sales["date"].dt.to_period("M").nunique() == 24
    assert (sales["amount"] < 0).any()  # returns
    orders = sales[sales["amount"] > 0].groupby("client")["order"].nunique()
    assert (orders == 1).sum() > 0.05 * len(orders)  # one-time buyers
    revenue = sales.groupby("client")["amount"].sum().sort_values(ascending=False)
    assert revenue.head(len(revenue) // 5).sum() > 0.5 * revenue.sum()  # a heavy tail
    assert 10 <= f["managers"]["manager"].nunique() <= 15
    assert {"survey", "wallet", "activities", "payments", "stock"} <= set(f)
    assert pd.api.types.is_datetime64_any_dtype(f["payments"]["invoice_date"])


def test_the_shortest_demo_the_command_line_allows_fits_its_months() -> None:
    # --months 3 is allowed; activities (six months) and survey answers (twelve) ran off its start.
    frames = demo_frames(clients=10, months=3, seed=2)
    last = frames["sales"]["date"].max().to_period("M")
    first = last - 2
    activity_months = frames["activities"]["date"].dt.to_period("M")
    assert (activity_months.min(), activity_months.max()) == (first, last)
    survey_months = frames["survey"]["date"].dt.to_period("M")
    assert first <= survey_months.min() and survey_months.max() <= last


def test_wallet_estimates_are_never_below_what_we_sold() -> None:
    # The demo's first refresh must be clean: an estimate below our own last-12-month sales
    # is a warning (inputs.plausibility), and the default demo once had 32 of them.
    f = demo_frames(seed=7)
    sales, end = f["sales"], f["sales"]["date"].max()
    year = sales[sales["date"] > end - pd.DateOffset(years=1)]
    ours = year.groupby(["client", "category"])["amount"].sum().rename("ours")
    # Only the estimates standing now are compared; an earlier round stood against its own year.
    both = estimates_at(f["wallet"], end).join(ours, on=["client", "category"])
    assert (both["total"] >= both["ours"].fillna(0)).all()
