"""Headless LibreOffice: convert a workbook to PDF (or another format) where it is installed.

The product sends nothing and needs no LibreOffice to refresh; ``split --pdf`` uses it to give
each manager a PDF beside their workbook, and the tests use it to open and render every file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

#: How long one conversion may take before it is given up.
TIMEOUT_SECONDS = 300


def soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(book: Path, outdir: Path, fmt: str) -> Path:
    """Convert ``book`` to ``fmt`` (pdf, ods ...) in ``outdir``; return the converted file.

    A fresh profile per run: a LibreOffice the user has open, or another conversion running,
    would otherwise hold the default profile's lock and the conversion would do nothing.
    Raises :class:`FileNotFoundError` without LibreOffice and :class:`OSError` when it fails.
    """
    command = soffice()
    if command is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run(
                [
                    command,
                    "--headless",
                    f"-env:UserInstallation=file://{profile}/lo",
                    "--convert-to",
                    fmt,
                    "--outdir",
                    str(outdir),
                    str(book),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise OSError(f"LibreOffice could not convert {book.name}: {exc}") from exc
    out = outdir / f"{book.stem}.{fmt}"
    if not out.exists():
        raise OSError(f"LibreOffice wrote no {fmt} for {book.name}")
    return out
