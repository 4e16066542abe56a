"""Seeded synthetic workbooks for the benchmarks, cached because writing 1M lines takes a while.

The demo generator with a raised order rate gives about 1,000,000 sales lines over 20,000
clients in 36 months (``order_rate`` 2.5); smaller sizes scale the client count.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clientbase_xl.demo import demo_frames
from clientbase_xl.inputs.settings import Settings
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


#: The sales files beyond a sheet: about 10,000,000 lines over 40,000 clients in 36 months.
FILE_CLIENTS, FILE_ORDER_RATE = 40_000, 12.5


def file_frames() -> dict[str, pd.DataFrame]:
    """Input frames with about 10M sales lines (seeded, like the workbooks)."""
    return demo_frames(clients=FILE_CLIENTS, months=MONTHS, seed=SEED, order_rate=FILE_ORDER_RATE)


def file_books() -> dict[str, Path]:
    """Workbooks whose Settings point Sales at a Parquet file and at a folder of monthly CSVs.

    Payments come from a Parquet file in both; the workbooks hold every other input. The files
    sit beside the workbooks, named relatively.
    Built once and kept in the cache.
    """
    folder = CACHE / "files"
    books = {"parquet": folder / "sales_parquet.xlsx", "csv folder": folder / "sales_csv.xlsx"}
    if all(p.exists() for p in books.values()):
        return books
    folder.mkdir(parents=True, exist_ok=True)
    frames = file_frames()
    sales = frames.pop("sales")
    sales.to_parquet(folder / "sales.parquet", index=False)
    # Ten million lines make more payments than a sheet holds: they come from a file as well.
    frames.pop("payments").to_parquet(folder / "payments.parquet", index=False)
    months = sales["date"].dt.to_period("M")
    (folder / "sales_csv").mkdir(exist_ok=True)
    for month, lines in sales.groupby(months):
        lines.to_csv(folder / "sales_csv" / f"{month}.csv", index=False, date_format="%Y-%m-%d")
    targets = {"parquet": "sales.parquet", "csv folder": "sales_csv"}
    for kind, book in books.items():
        scratch = book.with_suffix(".tmp.xlsx")
        files = Settings(sales_file=targets[kind], payments_file="payments.parquet")
        write_input_workbook(scratch, frames, "en", files)
        scratch.replace(book)
    return books
