"""xlwings Lite resolves the wheel: every requirement under Pyodide is in Pyodide's own build.

Lite installs requirements.txt with micropip inside Pyodide (``sys_platform == "emscripten"``).
A requirement that Pyodide does not build would have to be a pure-Python wheel from an index;
ours are all in the lock file of the Pyodide that Lite runs (stored by
``tools/pyodide_lock.py``). The Lite entry is then imported with every module outside the
standard library, this package, xlwings (Lite brings its own) and what those requirements bring
refused, as in Pyodide; a Lite refresh of a small book then runs under that guard, so an import
made on first use inside a function is held to it as well.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools.pyodide_lock import LITE_PYODIDE, stored


def _lock() -> dict[str, dict[str, object]]:
    data = json.loads(stored(LITE_PYODIDE).read_text())
    assert data["info"]["version"] == LITE_PYODIDE
    return {canonicalize_name(n): p for n, p in data["packages"].items()}


def _pyodide_environment() -> dict[str, str]:
    python = json.loads(stored(LITE_PYODIDE).read_text())["info"]["python"]
    env = default_environment()
    env.update(
        sys_platform="emscripten",
        platform_system="Emscripten",
        os_name="posix",
        platform_machine="wasm32",
        python_version=".".join(python.split(".")[:2]),
        python_full_version=python,
    )
    return env


def _lite_requirements() -> list[Requirement]:
    env = _pyodide_environment()
    found = [Requirement(r) for r in requires("clientbase-xl") or []]
    return [r for r in found if r.marker is None or r.marker.evaluate({**env, "extra": ""})]


def test_every_requirement_under_pyodide_is_in_the_pyodide_that_lite_runs() -> None:
    lock = _lock()
    wanted = _lite_requirements()
    names = {canonicalize_name(r.name) for r in wanted}
    assert names == {"pandas", "numpy", "scipy"}  # the file writers and readers stay out
    for req in wanted:
        built = lock.get(canonicalize_name(req.name))
        assert built is not None, f"{req.name} is not built for Pyodide {LITE_PYODIDE}"
        assert req.specifier.contains(str(built["version"]), prereleases=True), (req, built)


def _brought(lock: dict[str, dict[str, object]], names: set[str]) -> set[str]:
    """The import names of ``names`` and of every package they depend on in the lock."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        todo.extend(str(d) for d in lock[name]["depends"])  # type: ignore[attr-defined]
    return {str(i) for n in seen for i in lock[n]["imports"]}  # type: ignore[attr-defined]


GUARD = """
import importlib.abc, json, sys
allowed = set(json.loads(sys.argv[1]))
class Pyodide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in allowed or top in sys.stdlib_module_names or top.startswith("_"):
            return None
        raise ModuleNotFoundError(f"No module named {name!r} (not in Pyodide)", name=name)
sys.meta_path.insert(0, Pyodide())
import importlib, pkgutil
import clientbase_xl.excel.lite_main
# And every module a Lite refresh can reach, imported on first use inside a function or not.
for package in ("analytics", "tabs", "inputs", "report", "excel"):
    root = importlib.import_module(f"clientbase_xl.{package}")
    for found in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
        importlib.import_module(found.name)
# And a Lite refresh run, which reaches what is imported on first use (scipy, for CLV).
import datetime as dt
from tests.excel.fakes import SALES, book_with
sales = [SALES[0]] + [
    [dt.datetime(2025, 1 + (i * 7 + m) % 12, 1 + i % 27), f"C{i}", 100.0 + 13 * i + m, "Ivanov"]
    for i in range(40) for m in range(1 + i % 6)
]
book, rec = book_with(sales)
clientbase_xl.excel.lite_main.refresh(book)
assert rec.writes and not book.app.alert.called, book.app.alert.call_args
"""


def test_the_lite_entry_imports_nothing_pyodide_lacks() -> None:
    lock = _lock()
    allowed = _brought(lock, {r.name for r in _lite_requirements()})
    allowed |= {"clientbase_xl", "xlwings", "tests"}  # tests: the fakes the refresh runs on
    done = subprocess.run(
        [sys.executable, "-c", GUARD, json.dumps(sorted(allowed))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
