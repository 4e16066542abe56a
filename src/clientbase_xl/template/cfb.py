"""Write a Compound File Binary ([MS-CFB], version 3) from a mapping of stream paths to bytes.

Just what a ``vbaProject.bin`` needs: storages and streams, no timestamps or CLSIDs (so a build
is byte-for-byte repeatable), and at most 109 FAT sectors (6.8 MB), far above a VBA project.
Streams under 4096 bytes live in the mini stream, as the format requires.

Input: ``{"PROJECT": b"...", "VBA/dir": b"..."}`` (``/`` separates storages). Output: the file's
bytes.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
HEADER_FAT_SLOTS = 109
ENTRY = 128
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    index: int = 0
    left: int = NO_STREAM
    right: int = NO_STREAM
    child: int = NO_STREAM
    colour: int = BLACK
    start: int = END_OF_CHAIN


def _order(entry: _Entry) -> tuple[int, str]:
    """Sibling order: shorter names first, then by upper-cased name (MS-CFB 2.6.4)."""
    return len(entry.name), entry.name.upper()


def _tree(storage: _Entry) -> None:
    """Link ``storage``'s children as a balanced red-black tree.

    The middle of each sorted run is its root, so every leaf sits on the last level or the one
    above; colouring the last level red (when it is not full) keeps every path's black count
    equal, as the format's red-black rule asks.
    """
    ordered = sorted(storage.children, key=_order)
    depth_of: dict[int, int] = {}

    def build(lo: int, hi: int, depth: int) -> int:
        if lo >= hi:
            return NO_STREAM
        mid = (lo + hi) // 2
        node = ordered[mid]
        depth_of[id(node)] = depth
        node.left = build(lo, mid, depth + 1)
        node.right = build(mid + 1, hi, depth + 1)
        return node.index

    storage.child = build(0, len(ordered), 0)
    if ordered:
        deepest = max(depth_of.values())
        full = len(ordered) == 2 ** (deepest + 1) - 1
        for node in ordered:
            node.colour = RED if depth_of[id(node)] == deepest and not full else BLACK
    for node in ordered:
        _tree(node)


def _entries(streams: Mapping[str, bytes]) -> list[_Entry]:
    """Every directory entry, the root first, each with its index set."""
    root = _Entry("Root Entry", ROOT)
    flat = [root]
    storages = {"": root}
    for path in sorted(streams):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            key = "/".join(parts[:depth])
            if key not in storages:
                node = _Entry(parts[depth - 1], STORAGE, index=len(flat))
                storages["/".join(parts[: depth - 1])].children.append(node)
                storages[key] = node
                flat.append(node)
        if len(parts[-1]) > 31:
            raise ValueError(f"Stream name {parts[-1]!r} is longer than 31 characters.")
        node = _Entry(parts[-1], STREAM, data=streams[path], index=len(flat))
        storages["/".join(parts[:-1])].children.append(node)
        flat.append(node)
    _tree(root)
    return flat


def _chain(first: int, count: int, fat: list[int]) -> None:
    """Link ``count`` consecutive sectors from ``first`` in ``fat``."""
    for i in range(first, first + count):
        fat[i] = i + 1 if i + 1 < first + count else END_OF_CHAIN


def _directory_entry(entry: _Entry, size: int) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        entry.kind,
        entry.colour,
        entry.left,
        entry.right,
        entry.child,
        b"",
        0,
        0,
        0,
        entry.start,
        size,
    )


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """The compound file holding ``streams``; its layout is FAT, directory, MiniFAT, data."""
    entries = _entries(streams)
    small = [e for e in entries if e.kind == STREAM and len(e.data) < MINI_CUTOFF]
    large = [e for e in entries if e.kind == STREAM and len(e.data) >= MINI_CUTOFF]

    mini_fat: list[int] = []
    mini = bytearray()
    for e in small:
        count = math.ceil(len(e.data) / MINI_SECTOR)
        e.start = len(mini_fat) if count else END_OF_CHAIN
        mini_fat += [FREE] * count
        _chain(e.start, count, mini_fat)
        mini += e.data.ljust(count * MINI_SECTOR, b"\x00")

    dir_sectors = math.ceil(len(entries) * ENTRY / SECTOR)
    mini_fat_sectors = math.ceil(len(mini_fat) * 4 / SECTOR)
    mini_sectors = math.ceil(len(mini) / SECTOR)
    data_sectors = [math.ceil(len(e.data) / SECTOR) for e in large]
    body = dir_sectors + mini_fat_sectors + mini_sectors + sum(data_sectors)
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < fat_sectors + body:
        fat_sectors += 1
    if fat_sectors > HEADER_FAT_SLOTS:
        raise ValueError("The streams are too large for a compound file without DIFAT sectors.")

    fat = [FREE] * (fat_sectors * SECTOR // 4)
    fat[:fat_sectors] = [FAT_SECTOR] * fat_sectors
    cursor = fat_sectors
    dir_start = cursor
    _chain(cursor, dir_sectors, fat)
    cursor += dir_sectors
    mini_fat_start = cursor if mini_fat_sectors else END_OF_CHAIN
    _chain(cursor, mini_fat_sectors, fat)
    cursor += mini_fat_sectors
    root = entries[0]
    root.start = cursor if mini_sectors else END_OF_CHAIN
    _chain(cursor, mini_sectors, fat)
    cursor += mini_sectors
    for e, count in zip(large, data_sectors, strict=True):
        e.start = cursor
        _chain(cursor, count, fat)
        cursor += count

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"",
        0x003E,  # minor version
        0x0003,  # major version 3: 512-byte sectors
        0xFFFE,  # little-endian
        9,  # sector shift: 2**9 = 512
        6,  # mini sector shift: 2**6 = 64
        b"",
        0,  # directory sectors: always 0 in version 3
        fat_sectors,
        dir_start,
        0,  # transaction signature
        MINI_CUTOFF,
        mini_fat_start,
        mini_fat_sectors,
        END_OF_CHAIN,  # no DIFAT sectors
        0,
    )
    difat = list(range(fat_sectors)) + [FREE] * (HEADER_FAT_SLOTS - fat_sectors)
    header += struct.pack(f"<{HEADER_FAT_SLOTS}I", *difat)

    directory = b"".join(
        _directory_entry(e, len(mini) if e is root else len(e.data)) for e in entries
    )
    # Unused directory slots are empty entries: no name, no siblings, no child.
    blank = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM,
                        b"", 0, 0, 0, 0, 0)  # fmt: skip
    directory += blank * (dir_sectors * SECTOR // ENTRY - len(entries))

    parts = [
        header,
        struct.pack(f"<{len(fat)}I", *fat),
        directory,
        struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(mini_fat_sectors * SECTOR, b"\xff"),
        bytes(mini).ljust(mini_sectors * SECTOR, b"\x00"),
        *(e.data.ljust(n * SECTOR, b"\x00") for e, n in zip(large, data_sectors, strict=True)),
    ]
    return b"".join(parts)
