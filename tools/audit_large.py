"""The schema validator and the repair-trigger checks on a large refreshed book, outside the suite.

Usage: python -m tools.audit_large [LINES]   (default 200,000 sales lines; takes minutes)

openxml-audit walks every cell, a few minutes per 600,000 cells, so the suite runs it on small
books (tests/workbook/test_validity.py) and this script on one of bulk rows' size, where the
rows written from whole columns (clientbase_xl/workbook/bulk.py) make most of the sheet XML.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from clientbase_xl.cli import main
from clientbase_xl.demo import demo_frames
from tools.package_checks import audit, problems


def run(lines: int) -> int:
    """Build a demo of about ``lines`` sales lines, refresh it, validate it; return findings."""
    clients = max(50, lines // 20)  # the demo makes some 20 lines per client in 36 months
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "large.xlsx"
        err = io.StringIO()
        code = main(
            ["demo", "--out", str(book), "--clients", str(clients), "--months", "36"],
            io.StringIO(),
            err,
        )
        if code != 0:
            print(err.getvalue())
            return 1
        size = book.stat().st_size / 1e6
        start = time.perf_counter()
        checks = problems(book)
        mid = time.perf_counter()
        schema = audit(book)
        end = time.perf_counter()
    made = len(demo_frames(clients=clients, months=36)["sales"])
    print(f"{made:,} sales lines, {clients:,} clients, {size:.1f} MB")
    print(f"repair-trigger checks: {len(checks)} findings in {mid - start:.1f} s")
    print(f"openxml-audit: {len(schema)} findings in {end - mid:.1f} s")
    for line in [*checks, *schema][:20]:
        print("  ", line)
    return len(checks) + len(schema)


if __name__ == "__main__":
    sys.exit(1 if run(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000) else 0)
