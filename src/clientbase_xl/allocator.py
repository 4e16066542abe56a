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

glibc's malloc itself serves more than Arrow: numpy and pandas, and the Rust readers. Left to
its defaults it hands freed memory back to the kernel early and gives each thread's burst an
arena of its own, so a refresh took 480,000-500,000 page faults for a peak of 900 MB. With
:func:`tune_malloc` (a fixed 32 MB mmap threshold, memory kept up to 256 MB above the heap's
top, an arena per core) the million-line refresh takes 330,000, 1.0-1.3 s of system time
instead of 1.5-1.9 s and 5.5-5.85 s instead of 5.8-6.6 s, at the same peak; the ten-million-line
refresh from Parquet 24.7 s instead of 27.0 s, peak 3,409 MB against 3,433 MB.
"""

from __future__ import annotations

import ctypes
import os
import platform
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


#: glibc's ``mallopt`` options (malloc.h) and the values :func:`tune_malloc` gives them.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD, _M_ARENA_MAX = -1, -3, -8


def tune_malloc() -> bool:
    """Tune glibc's malloc for a refresh's large, short-lived blocks (see above).

    Process-wide, so called by the command line only, before its threads start. True if glibc
    took every setting; False elsewhere (another C library, another system), which is harmless.
    """
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    mallopt = ctypes.CDLL(None).mallopt  # glibc, already loaded into this process
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    settings = {
        # Where glibc's own moving threshold tops out on 64-bit; it starts at 128 kB.
        _M_MMAP_THRESHOLD: 32 << 20,
        _M_TRIM_THRESHOLD: 256 << 20,
        _M_ARENA_MAX: max(2, os.cpu_count() or 1),
    }
    return all(mallopt(option, value) == 1 for option, value in settings.items())
