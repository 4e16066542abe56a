"""Seeded synthetic workbooks for the benchmarks, cached because writing 1M lines takes a while.

The demo generator with a raised order rate gives about 1,000,000 sales lines over 20,000
clients in 36 months (``order_rate`` 2.5); smaller sizes scale the client count.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clientbase_xl.demo import demo_frames
from clientbase_xl.template.inputs import write_input_workbook

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 20261125
MONTHS, ORDER_RATE = 36, 2.5
#: Clients per 1,000,000 lines at the rate above (measured: 20,000 clients give ~996k lines).
CLIENTS_PER_MILLION = 20_000


def frames(lines: int) -> dict[str, pd.DataFrame]:
    """Input frames with about ``lines`` sales lines (every sheet the demo makes)."""
    clients = max(round(CLIENTS_PER_MILLION * lines / 1_000_000), 50)
    return demo_frames(clients=clients, months=MONTHS, seed=SEED, order_rate=ORDER_RATE)


def workbook(lines: int) -> Path:
    """The input workbook with about ``lines`` sales lines, built once and kept in the cache."""
    path = CACHE / f"sales_{lines}.xlsx"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        scratch = path.with_suffix(".tmp.xlsx")
        write_input_workbook(scratch, frames(lines), "en")
        scratch.replace(path)
    return path
