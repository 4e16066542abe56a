"""The command line's choice of Arrow's memory pool by the size it reads (see allocator)."""

from __future__ import annotations

import io
import platform
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from clientbase_xl.allocator import ARROW_DEFAULT, SYSTEM_POOL_ROWS, suit_allocator, tune_malloc
from clientbase_xl.cli import main

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the pool is switched on Linux only"
)


@pytest.fixture(autouse=True)
def arrow_pool() -> Iterator[None]:
    """Arrow's pool as it was before each test, put back after it."""
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


def test_a_sheet_sized_input_gets_glibc_and_ten_million_lines_arrow_s_own() -> None:
    assert suit_allocator(1_048_575) == "system"
    assert pa.default_memory_pool().backend_name == "system"
    # Arrays made now come from the C library's pool, and compute as before.
    values = pa.array(range(100_000), type=pa.int64())
    assert pc.sum(values).as_py() == 100_000 * 99_999 // 2
    assert suit_allocator(SYSTEM_POOL_ROWS + 1) == ARROW_DEFAULT.backend_name
    assert suit_allocator(10_000_000) == ARROW_DEFAULT.backend_name
    assert suit_allocator(SYSTEM_POOL_ROWS) == "system"


def test_the_command_line_picks_the_pool_once_it_has_read(demo_book: Path) -> None:
    pa.set_memory_pool(ARROW_DEFAULT)
    code = main(["check", str(demo_book)], io.StringIO(), io.StringIO())
    assert code == 0
    assert pa.default_memory_pool().backend_name == "system"


def test_the_workbook_is_read_on_glibc_and_the_files_on_arrow_s_own_pool(
    demo_book: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from clientbase_xl.commands import TunedGateway
    from clientbase_xl.workbook import gateway

    pools: dict[str, str] = {}
    read_inputs, with_file_sources = gateway.read_inputs, gateway.with_file_sources

    def reading_workbook(*args: object, **kwargs: object) -> object:
        pools["workbook"] = pa.default_memory_pool().backend_name
        return read_inputs(*args, **kwargs)  # type: ignore[arg-type]

    def reading_files(*args: object, **kwargs: object) -> object:
        pools["files"] = pa.default_memory_pool().backend_name
        return with_file_sources(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gateway, "read_inputs", reading_workbook)
    monkeypatch.setattr(gateway, "with_file_sources", reading_files)
    pa.set_memory_pool(ARROW_DEFAULT)
    TunedGateway(demo_book, tmp_path / "out.xlsx").read_tables()
    assert pools == {"workbook": "system", "files": ARROW_DEFAULT.backend_name}
    assert pa.default_memory_pool().backend_name == "system"  # the demo's inputs are small


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_glibc_takes_every_malloc_setting_and_allocates_as_before() -> None:
    assert tune_malloc()
    # Blocks on both sides of the 32 MB threshold, freed and taken again.
    for size in (1 << 20, 40 << 20, 1 << 20):
        values = pa.array(range(size // 8), type=pa.int64())
        assert pc.sum(values).as_py() == (size // 8) * (size // 8 - 1) // 2
