"""The memory allocator behind Arrow's arrays, chosen by the command line on Linux.

pyarrow's default pool (mimalloc in its wheels) hands freed memory back to the system soon after
a large array is released, and takes it back page by page at the next one. A refresh makes and
drops arrays of a million lines hundreds of times over: on the 1M-line benchmark workbook that
churn was 0.5-0.7 s of system time out of a 7.5 s refresh (parse, compute and write each paid
for it). glibc's malloc, which numpy already uses, keeps those pages for reuse: the refresh took
0.4-0.6 s less with the same peak memory (docs/performance.md).

The pool is process-wide, so the library never switches it on import; the command line, which
owns its process, calls :func:`use_system_allocator`. Only Linux was measured: elsewhere (the
Excel buttons run on Windows and macOS, whose C libraries allocate differently) Arrow's default
pool stays.
"""

from __future__ import annotations

import sys

import pyarrow as pa


def use_system_allocator() -> bool:
    """On Linux, let Arrow allocate with the C library's malloc from now on; whether it did.

    Arrays made before the switch stay with the pool that made them and are freed there.
    """
    if not sys.platform.startswith("linux"):
        return False
    pa.set_memory_pool(pa.system_memory_pool())
    return True
