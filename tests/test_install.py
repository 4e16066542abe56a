"""install/macos.sh run here for real, with uv replaced by a stand-in that installs nothing.

The stand-in answers ``uv tool install`` by recording it and ``uv tool dir`` with a folder whose
``clientbase-xl/bin/python`` is this test's Python, so the script's own steps run as on a Mac:
xlwings' AppleScript is copied under ``$HOME/Library`` and excel-setup writes that Python into
a copy of the template. install/windows.ps1 has no PowerShell to run in here: its commands are
held to the same sequence as text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import xlwings

from clientbase_xl.workbook.conf import conf_values

ROOT = Path(__file__).resolve().parents[1]


def test_the_macos_script_installs_the_wheel_sets_the_book_up_and_says_so(tmp_path: Path) -> None:
    tools, bin_dir, home = tmp_path / "tools", tmp_path / "bin", tmp_path / "home"
    (tools / "clientbase-xl" / "bin").mkdir(parents=True)
    python = tools / "clientbase-xl" / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')  # a venv's Python by name
    python.chmod(0o755)
    bin_dir.mkdir()
    log = tmp_path / "uv.log"
    uv = bin_dir / "uv"
    uv.write_text(
        f'#!/bin/sh\necho "$@" >> "{log}"\nif [ "$1 $2" = "tool dir" ]; then echo "{tools}"; fi\n'
    )
    uv.chmod(0o755)
    book = tmp_path / "My book.xlsm"
    shutil.copy(ROOT / "workbook_template.xlsm", book)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(home)}
    env["PYTHONPATH"] = str(ROOT / "src")
    done = subprocess.run(
        ["sh", str(ROOT / "install" / "macos.sh"), "dist/clientbase_xl-1-py3-none-any.whl", book],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert log.read_text().splitlines() == [
        "tool install --force --python 3.11 dist/clientbase_xl-1-py3-none-any.whl",
        "tool dir",
    ]
    script = home / "Library/Application Scripts/com.microsoft.Excel"
    assert (script / f"xlwings-{xlwings.__version__}.applescript").is_file()
    assert conf_values(book)["Interpreter_Mac"] == str(python)
    assert done.stdout.rstrip().endswith(f"interpreter {python}, book {book}.")


def test_the_windows_script_takes_the_same_steps() -> None:
    text = (ROOT / "install" / "windows.ps1").read_text()
    steps = [
        "astral.sh/uv/install.ps1",
        'uv tool install --force --python 3.11 "$Wheel"',
        "(uv tool dir)",
        'excel-setup "$Book" --platform win --interpreter "$Python"',
        "Done:",
    ]
    at = [text.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), dict(zip(steps, at, strict=True))
