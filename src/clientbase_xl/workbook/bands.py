"""Cut one large sheet into bands of rows, each a package of its own, for readers on other cores.

fastexcel (calamine underneath) parses a sheet on one thread: a million-line Sales sheet is
three seconds of one core while the other waits, and that read was half of a refresh. Each of
two bands parses in half the time on a core of its own, and the whole read, cut included, takes
two thirds of the time the sheet takes whole. The cut costs little: the sheet part
is inflated once, by ISA-L, as it streams (0.4 s for the 400 MB of a million lines), cut at a row
boundary, and each band is written uncompressed into a copy of the package whose other parts are
copied as they are stored. Each band is handed over as soon as its file is closed, so the first
is being read while the next is still being cut.

Every band after the first starts with a copy of the header row, renumbered to stand just above
its first row. Each band therefore reads exactly as its rows of the whole sheet would: the same
header, the same columns (a band whose rows leave a column blank still has its header cell), and
row numbers that continue the sheet's.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from isal import isal_zlib

from clientbase_xl.workbook.zipcopy import StoredWriter, copy_stored, stored_bytes

#: A sheet part smaller than this, unpacked, is read whole: cutting it would not pay.
BAND_BYTES = 64 << 20
#: Cutting and writing a byte takes about a fifth of the time parsing it does (0.6 s against
#: 3.1 s for the million-line sheet), so each band starts that much later than the one before.
_CUT_COST = 0.2
#: Where a band's row tag is sought, a start tag longer than this is not a row tag we can read.
_TAG_BYTES = 256
#: A memory-backed folder, where the system has one: bands are written and read back at once.
MEMORY_FOLDER = Path("/dev/shm")

#: What ISA-L raises for a damaged stream (its stubs declare the class as an instance of it).
_INFLATE_ERROR: type[Exception] = isal_zlib.error  # type: ignore[assignment]

_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData>")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')


class Uncuttable(Exception):
    """The sheet part is not laid out the way a cut needs: read it whole."""


@dataclass(frozen=True)
class Band:
    """One band's package and the sheet row number of its first data row."""

    path: Path
    first_row: int


def band_count(size: int, cores: int | None) -> int:
    """How many bands a sheet part of ``size`` unpacked bytes is cut into on ``cores`` cores."""
    return max(1, min(cores or 1, size // BAND_BYTES))


def cut_points(size: int, bands: int) -> list[int]:
    """Byte offsets at which to cut a part of ``size`` bytes into ``bands`` bands.

    Band ``i + 1`` is ready to read a little after band ``i`` (its bytes are still being cut
    while band ``i`` is read), so for all to finish together each band is ``1 + _CUT_COST``
    times the size of the next: shares in a geometric series.
    """
    weights = [(1 + _CUT_COST) ** -i for i in range(bands)]
    total, points, running = sum(weights), [], 0.0
    for weight in weights[:-1]:
        running += weight
        points.append(int(size * running / total))
    return points


def scratch_folder(size: int) -> Path:
    """Where to write bands of ``size`` bytes in all.

    A memory-backed folder where there is one with room to spare (Linux's ``/dev/shm``; a
    container may give it only 64 MB), else the temporary folder.
    """
    try:
        if MEMORY_FOLDER.is_dir() and shutil.disk_usage(MEMORY_FOLDER).free > 2 * size:
            return MEMORY_FOLDER
    except OSError:
        pass
    return Path(tempfile.gettempdir())


def inflated(source: Path, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes unpacked, in chunks of a few megabytes."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise Uncuttable(f"compression method {info.compress_type}")
    inflater = (
        isal_zlib.decompressobj(-isal_zlib.MAX_WBITS)
        if info.compress_type == zipfile.ZIP_DEFLATED
        else None
    )
    try:
        with source.open("rb") as raw:
            for chunk in stored_bytes(raw, info):
                yield inflater.decompress(chunk) if inflater is not None else chunk
        if inflater is not None:
            yield inflater.flush()
    except (zipfile.BadZipFile, _INFLATE_ERROR) as exc:
        # A damaged part: the whole read reports it as the workbook's fault.
        raise Uncuttable(f"the sheet part does not unpack: {exc}") from exc


def _row_number(tag: bytes) -> int:
    found = _ROW_NUMBER.search(tag)
    if found is None:
        raise Uncuttable("a row without its number")
    return int(found.group(1))


class _Head:
    """The sheet part up to its header row, the header row, and what follows, read off a stream."""

    def __init__(self, chunks: Iterator[bytes], header_row: int) -> None:
        data = b""
        for chunk in chunks:
            data += chunk
            found = _SHEET_DATA.search(data)
            if found is not None:
                start = self._header_start(data, found.end(), found.group(1), header_row)
                if start is not None:
                    end = data.find(b"</" + found.group(1) + b"row>", start)
                    if end >= 0:
                        end += len(found.group(1)) + 6
                        break
            if len(data) > BAND_BYTES:
                raise Uncuttable("no header row near the top")
        else:
            raise Uncuttable("the sheet ends before its header row")
        self.prefix = found.group(1)
        self.head = data[:start]
        self.header = data[start:end]
        self.rest = data[end:]
        self.header_row = header_row

    @staticmethod
    def _header_start(data: bytes, pos: int, prefix: bytes, header_row: int) -> int | None:
        """Where the row element numbered ``header_row`` starts, past any rows above it."""
        tag = b"<" + prefix + b"row "
        while True:
            start = data.find(tag, pos)
            close = data.find(b">", start)
            if start < 0 or close < 0:
                return None
            number = _row_number(data[start:close])
            if number == header_row:
                return start
            if number > header_row:
                raise Uncuttable(f"no row {header_row} to take the header from")
            pos = close

    def header_at(self, row: int) -> bytes:
        """The header row renumbered as row ``row``, its cells' references with it."""
        old, new = str(self.header_row).encode(), str(row).encode()
        tag = rb"(<" + re.escape(self.prefix) + rb'c\b[^>]*?\sr="[A-Z]{1,3})'
        cell = re.compile(tag + old + b'"')
        renumbered = cell.sub(lambda m: m.group(1) + new + b'"', self.header)
        return _ROW_NUMBER.sub(b' r="' + new + b'"', renumbered, count=1)

    def closing(self) -> bytes:
        """What ends a band cut off before the end of the sheet."""
        return b"</" + self.prefix + b"sheetData></" + self.prefix + b"worksheet>"


class _BandFile:
    """A copy of the package with the sheet part written stored, as its bytes come."""

    def __init__(self, source: zipfile.ZipFile, part: str, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path, "w")
        try:
            for info in source.infolist():
                if info.filename != part:
                    copy_stored(source, info, self.zip)
            self.stream = StoredWriter(self.zip, part)
        except BaseException:
            self.zip.close()
            raise

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def close(self) -> None:
        self.stream.close()
        self.zip.close()

    def discard(self) -> None:
        """Close the file after a failure, its content no matter (its folder goes with it)."""
        with contextlib.suppress(Exception):
            self.close()


def cut(source: Path, part: str, header_row: int, bands: int, folder: Path) -> Iterator[Band]:
    """Cut the sheet ``part`` of the package ``source`` into ``bands`` bands of rows in ``folder``.

    ``header_row`` is the sheet row of the header, above every data row. The bands are cut at
    the first row starting after each of :func:`cut_points`, and yielded as their files are
    closed: the caller reads one while the next is cut. Raises :class:`Uncuttable` before the
    first band when the part is not laid out for it (rows without numbers, no header row where
    it should be), or later if a row tag cannot be read; with fewer rows after a cut point than
    a band needs, fewer bands are made. A band left unfinished is closed, never yielded.
    """
    with zipfile.ZipFile(source) as package:
        info = package.getinfo(part)
        chunks = inflated(source, info)
        head = _Head(chunks, header_row)
        row_tag = b"<" + head.prefix + b"row "
        cuts = cut_points(info.file_size, bands)
        made = 1
        band = _BandFile(package, part, folder / f"band{made}.xlsx")
        try:
            band.write(head.head + head.header)
            first_row, done = header_row + 1, len(head.head) + len(head.header)
            # Where the current band's rows begin: a band is cut after one row at the least.
            begun, pending = done, b""
            for chunk in itertools.chain([head.rest], chunks):
                pending += chunk
                while cuts and done + len(pending) > cuts[0]:
                    at = pending.find(row_tag, max(0, cuts[0] - done, begun + 1 - done))
                    close = pending.find(b">", at, at + _TAG_BYTES) if at >= 0 else -1
                    if close < 0:
                        if 0 <= at <= len(pending) - _TAG_BYTES:
                            raise Uncuttable("a row tag longer than any row's")
                        break  # the next row tag is in a later chunk
                    row = _row_number(pending[at:close])
                    band.write(pending[:at])
                    band.write(head.closing())
                    band.close()
                    yield Band(band.path, first_row)
                    made += 1
                    band = _BandFile(package, part, folder / f"band{made}.xlsx")
                    band.write(head.head + head.header_at(row - 1))
                    first_row, done, pending = row, done + at, pending[at:]
                    begun = done
                    cuts.pop(0)
                # Bytes before the next cut point are the current band's whatever comes next.
                keep = min(len(pending), max(0, cuts[0] - done)) if cuts else len(pending)
                if keep:
                    band.write(pending[:keep])
                    done, pending = done + keep, pending[keep:]
            band.write(pending)
            band.close()
        except BaseException:  # GeneratorExit too: the reader stopped asking
            band.discard()
            raise
        yield Band(band.path, first_row)


__all__ = [
    "BAND_BYTES",
    "MEMORY_FOLDER",
    "Band",
    "Uncuttable",
    "band_count",
    "cut",
    "cut_points",
    "scratch_folder",
]
