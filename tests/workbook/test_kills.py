"""Killing a refresh --in-place at any moment: the book is the old one or the whole new one, a
backup is whole or absent, and what the killed run left is swept by the next."""

import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from clientbase_xl.workbook.safety import sweep
from tests.conftest import small_sales

#: A process that imports the product once, then forks a refresh per request and kills it
#: after the delay asked for: the kill lands anywhere in the run, not in Python's start-up.
ZYGOTE = r"""
import os, signal, sys, time, io
from clientbase_xl.cli import main
import clientbase_xl.commands  # what main imports once it has the arguments: before the forks
book = sys.argv[1]
for line in sys.stdin:
    delay = float(line)
    pid = os.fork()
    if pid == 0:
        code = main(["refresh", book, "--in-place"], io.StringIO(), io.StringIO())
        os._exit(code)
    start = time.perf_counter()
    finished = False
    while time.perf_counter() - start < delay:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            finished = True
            break
        time.sleep(0.002)
    if not finished:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    print("finished" if finished else "killed", time.perf_counter() - start, flush=True)
"""


def _is_refreshed(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        return b"Segments" in zf.read("xl/workbook.xml")


def test_kills_at_random_moments_never_damage_the_book(
    book_from: Callable[..., Path], tmp_path: Path
) -> None:
    book = book_from({"sales": small_sales()})
    original = book.read_bytes()
    folder = book.parent
    own = {p.name for p in folder.iterdir()}
    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(book)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    rng = random.Random(17)
    outcomes = []
    try:
        # One whole run first, to know how long a run takes; then kills within that time.
        zygote.stdin.write("60\n")
        zygote.stdin.flush()
        said, took = zygote.stdout.readline().split()
        assert said == "finished" and _is_refreshed(book)
        book.write_bytes(original)
        for backup in folder.glob(f"{book.stem}.backup-*"):
            backup.unlink()
        # A busy machine runs slower than the measured run: kills are counted, not tries.
        while outcomes.count("killed") < 32 and len(outcomes) < 64:
            zygote.stdin.write(f"{rng.uniform(0.0, 0.9 * float(took)):.3f}\n")
            zygote.stdin.flush()
            outcomes.append(zygote.stdout.readline().split()[0])
            # The book: the old bytes, or a whole refreshed package.
            assert book.read_bytes() == original or _is_refreshed(book)
            backups = list(folder.glob(f"{book.stem}.backup-*"))
            for backup in backups:
                assert backup.read_bytes() == original  # whole, never half a copy
                backup.unlink()
            # Whatever else the killed run left is named to be swept, and is.
            sweep(folder)
            assert {p.name for p in folder.iterdir()} - own == set()
            book.write_bytes(original)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        zygote.stdout.close()
    assert outcomes.count("killed") == 32
