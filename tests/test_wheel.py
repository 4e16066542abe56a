"""The product as a user installs it: a wheel built from this checkout, installed with plain pip.

The wheel's dependencies are taken from this environment (a ``.pth`` file puts its
site-packages on the new environment's path) so the test needs no index and no network; pip
still resolves every requirement of the wheel against what it finds there. The installed copy
runs from outside the checkout, so nothing of ``src/`` is picked up by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import clientbase_xl

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    """uv as ``uv run`` names it, else on PATH, else the one scripts/bootstrap.sh installs."""
    return os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")


def _run(*args: str | Path, cwd: Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_wheel_installs_with_pip_and_runs_demo_template_and_the_functions(
    tmp_path: Path,
) -> None:
    # Both: uv builds the sdist, then the wheel from the unpacked sdist, so a file the sdist
    # leaves out fails here.
    _run(_uv(), "build", "--out-dir", tmp_path / "dist", ROOT, cwd=tmp_path)
    (sdist,) = (tmp_path / "dist").glob("clientbase_xl-*.tar.gz")
    assert sdist.name == f"clientbase_xl-{clientbase_xl.__version__}.tar.gz"
    (wheel,) = (tmp_path / "dist").glob("clientbase_xl-*.whl")
    assert wheel.name.startswith(f"clientbase_xl-{clientbase_xl.__version__}-py3-none-any")
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    bin_dir = env / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    site = _run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
    )
    (Path(site.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--no-index",
        "--disable-pip-version-check",
        wheel,
        cwd=tmp_path,
    )
    cli = bin_dir / "clientbase-xl"
    assert _run(cli, "--version", cwd=tmp_path) == f"clientbase-xl {clientbase_xl.__version__}\n"
    where = _run(
        python,
        "-c",
        "import clientbase_xl.excel.udfs as u, clientbase_xl.excel.macros as m; "
        "print(u.__file__); print(len(u.CATALOGUE))",
        cwd=tmp_path,
    ).split()
    assert where[0].startswith(str(env)) and int(where[1]) >= 20  # the wheel's copy, whole
    said = _run(
        cli,
        "demo",
        "--out",
        tmp_path / "demo.xlsx",
        "--clients",
        "20",
        "--months",
        "4",
        cwd=tmp_path,
    )
    assert "Written to" in said and (tmp_path / "demo.xlsx").stat().st_size > 50_000
    # The template's VBA sources are package data: the wheel must carry them.
    _run(cli, "template", "--out", tmp_path / "t.xlsm", cwd=tmp_path)
    assert (tmp_path / "t.xlsm").stat().st_size > 20_000
