"""What each way in loads: a button press and `--help` must not pay for what they do not use.

Every RunPython press starts a fresh Python and imports the macros module; `clientbase-xl
--help` should answer at once. Each case runs in a fresh interpreter and reads sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def loaded(code: str) -> set[str]:
    """The top-level packages a fresh interpreter holds after running ``code``."""
    names = "sorted({m.split('.')[0] for m in sys.modules})"
    probe = f"{code}\nimport sys, json; print(json.dumps({names}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_help_loads_no_data_library() -> None:
    code = (
        "import io\nfrom clientbase_xl.cli import main\n"
        "assert main(['--help'], io.StringIO(), io.StringIO()) == 0"
    )
    assert not loaded(code) & {"pandas", "numpy", "pyarrow", "xlwings", "scipy", "xlsxwriter"}


@pytest.mark.parametrize(
    "module",
    ["clientbase_xl.cli", "clientbase_xl.commands", "clientbase_xl.analytics.clv"],
)
def test_the_command_line_and_the_core_load_no_xlwings(module: str) -> None:
    assert "xlwings" not in loaded(f"import {module}")


def test_a_button_press_loads_no_scipy_and_no_xlsxwriter() -> None:
    # The macros module is what a press imports; SciPy (a second) comes with a CLV fit only,
    # XlsxWriter with the file writer, which the Excel path does not use.
    found = loaded("import clientbase_xl.excel.macros")
    assert "xlwings" in found
    assert not found & {"scipy", "xlsxwriter"}
