"""The memory pool behind Arrow's arrays, chosen by the command line for the size it reads.

pyarrow's default pool (mimalloc in its wheels) and glibc's malloc suit different sizes, as
measured on the benchmark workbooks (docs/performance.md):

- A table that fits on a sheet (at most 1,048,576 rows) makes column arrays of a few megabytes,
  made and dropped hundreds of times over by a refresh. glibc serves blocks below its largest
  mmap threshold (32 MB) from a heap it reuses; mimalloc gave those pages back and took them
  again page by page: 0.5-0.7 s more system time on the 1M-line refresh, 7.5 s against 7.0 s,
  at the same peak memory.
- Ten million lines from files make arrays of 80 MB and more, which glibc maps and unmaps each
  time: the 10M-line refresh took 28 s instead of 23 s and peaked at 4.2 GB instead of 3.4 GB.
  mimalloc stays there.

The pool is process-wide, so the library never switches it on import; the command line, which
owns its process, calls :func:`suit_allocator` for a sheet's rows while it reads the workbook
(no sheet holds more; joining a sheet read in bands and converting its columns took 0.15-0.25 s
more on mimalloc's fresh pages), gives Arrow its default back for the files Settings points at,
and calls :func:`suit_allocator` again for the rows it read once every input is in. Only Linux
was measured: elsewhere (the Excel buttons run on Windows and macOS) Arrow's default stays.
"""

from __future__ import annotations

import sys

import pyarrow as pa

#: The pool Arrow chose for this process, before any switch.
ARROW_DEFAULT = pa.default_memory_pool()
#: Up to this many rows in the largest input, glibc's malloc serves Arrow (see above).
SYSTEM_POOL_ROWS = 2_000_000
#: The most rows a sheet holds: every table read from a workbook has fewer.
SHEET_ROWS = 1_048_576


def suit_allocator(rows: int) -> str:
    """Give Arrow the pool that suits a largest input of ``rows`` rows; the pool's name.

    Arrays made before the switch stay with the pool that made them and are freed there.
    """
    linux = sys.platform.startswith("linux")
    pool = pa.system_memory_pool() if linux and rows <= SYSTEM_POOL_ROWS else ARROW_DEFAULT
    pa.set_memory_pool(pool)
    return str(pool.backend_name)


def default_allocator() -> str:
    """Give Arrow back the pool it chose for this process; the pool's name."""
    pa.set_memory_pool(ARROW_DEFAULT)
    return str(ARROW_DEFAULT.backend_name)
