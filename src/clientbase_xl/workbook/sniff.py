"""What a file that is no zip package is, from its first bytes: the answer a user needs.

Exports and users hand over many things named .xlsx or .xls that are not Open XML packages:
a workbook protected with a password to open (Excel then stores an encrypted package in an OLE
compound file), an Excel 97-2003 workbook, a web page that 1C, banks and CRMs save under an
.xls name, an XML Spreadsheet 2003, or a CSV file renamed. Each needs its own fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Literal

#: The signature of an OLE compound file (MS-CFB 2.2), the container of .xls and of encrypted
#: Open XML packages.
CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
#: The stream an encrypted Open XML package is kept in (MS-OFFCRYPTO 2.3.4.4), as a compound
#: file's directory names it: UTF-16LE.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
#: Read this much at a time when looking for that name: the directory may be anywhere.
_CHUNK = 1 << 20
#: How much of a file's start says whether it is text.
_HEAD = 4096

Kind = Literal["encrypted", "xls", "compound", "html", "xml2003", "text", "unknown"]


def sniff(path: Path) -> Kind:
    """What the file at ``path`` (no zip package) holds, as far as its bytes tell."""
    with path.open("rb") as f:
        head = f.read(_HEAD)
        if head.startswith(CFB_MAGIC):
            if _holds(f, _ENCRYPTED_STREAM):
                return "encrypted"
            # An Excel 97-2003 workbook keeps its cells in a stream named Workbook (or Book).
            names = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le") + b"\x00\x00")
            return "xls" if any(_holds(f, name) for name in names) else "compound"
    text = _decoded(head)
    if not text:
        return "unknown"
    start = text.lstrip().casefold()
    if "urn:schemas-microsoft-com:office:spreadsheet" in start:
        return "xml2003"
    if start.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<html" in start:
        return "html"
    return "text"


def _holds(f: BinaryIO, needle: bytes) -> bool:
    """Whether the binary file ``f`` holds ``needle`` anywhere, read a megabyte at a time."""
    f.seek(0)
    tail = b""
    while chunk := f.read(_CHUNK):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle) :]
    return False


def _decoded(head: bytes) -> str | None:
    """The start of a file as text (UTF-16 with its mark, UTF-8 or Windows-1251), else None.

    Text has no control characters but tabs and line ends; a character cut by the end of
    ``head`` is dropped.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("cp1251", errors="replace")
        for cut in range(4):  # UTF-8 whose last character the read may have cut
            try:
                text = head[: len(head) - cut].decode("utf-8-sig")
                break
            except UnicodeDecodeError:
                continue
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return None
    return text
