"""The command line's choice of allocator for Arrow (see clientbase_xl.allocator)."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from clientbase_xl.allocator import use_system_allocator
from clientbase_xl.cli import main

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the allocator is switched on Linux only"
)


@pytest.fixture
def arrow_pool() -> Iterator[None]:
    """Arrow's pool as it was before the test, put back after it."""
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


@pytest.mark.usefixtures("arrow_pool")
def test_arrow_allocates_with_malloc_after_the_switch() -> None:
    assert use_system_allocator()
    assert pa.default_memory_pool().backend_name == "system"
    # Arrays made now come from the C library's pool, and compute as before.
    values = pa.array(range(100_000), type=pa.int64())
    assert pc.sum(values).as_py() == 100_000 * 99_999 // 2


@pytest.mark.usefixtures("arrow_pool")
def test_the_command_line_switches_before_it_works(tmp_path: Path) -> None:
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    code = main(["template", "--out", str(tmp_path / "t.xlsm")], io.StringIO(), io.StringIO())
    assert code == 0
    assert pa.default_memory_pool().backend_name == "system"
