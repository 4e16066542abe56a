"""Store the package list of the Pyodide that xlwings Lite runs, for the Lite requirements test.

The ``pyodide`` package on npm ships ``pyodide-lock.json``: every package built for that
Pyodide, with its version, import names and dependencies. This fetches it with ``npm pack`` and
keeps those three fields per package in ``tests/data/pyodide-lock-<version>.json``, so the test
runs without the network. The version is the one xlwings Lite's changelog names (1.0.0.0-12:
"Upgraded to Pyodide 0.27.5"); run again with another when Lite moves::

    uv run python -m tools.pyodide_lock 0.27.5
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LITE_PYODIDE = "0.27.5"


def stored(version: str = LITE_PYODIDE) -> Path:
    """Where the package list of Pyodide ``version`` is kept."""
    return ROOT / "tests" / "data" / f"pyodide-lock-{version}.json"


def fetch(version: str) -> Path:
    """Fetch Pyodide ``version``'s lock file from npm and store its package list."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"pyodide@{version}", "--silent"], cwd=tmp, check=True, timeout=600
        )
        (tgz,) = Path(tmp).glob("pyodide-*.tgz")
        with tarfile.open(tgz) as tar:
            member = tar.extractfile("package/pyodide-lock.json")
            assert member is not None
            lock = json.load(member)
    packages = {
        name: {k: p[k] for k in ("version", "imports", "depends")}
        for name, p in sorted(lock["packages"].items())
    }
    path = stored(version)
    path.write_text(json.dumps({"info": lock["info"], "packages": packages}, indent=0) + "\n")
    return path


if __name__ == "__main__":
    print(fetch(sys.argv[1] if len(sys.argv) > 1 else LITE_PYODIDE))
