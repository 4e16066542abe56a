"""Copy a zip member into another archive as it is stored: no inflating, no deflating.

A refresh replaces a few small parts of a workbook; the big ones (a million-line Sales sheet is
hundreds of megabytes of XML) must travel untouched. The standard library can only copy a
member by decompressing and compressing it again, which is where most of a large refresh went,
so this module copies the stored bytes and lets :mod:`zipfile` write the central directory.

It leans on :class:`zipfile.ZipFile`'s writing state (``fp``, ``filelist``, ``NameToInfo``,
``start_dir``) and :meth:`zipfile.ZipInfo.FileHeader`, unchanged in CPython since 3.6; the
tests read every copied member back through :mod:`zipfile`, CRC checked.
"""

from __future__ import annotations

import struct
import zipfile
from typing import IO

#: The fixed part of a local file header; the name and extra field lengths end it.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
#: General purpose flag: sizes and CRC follow the data (a data descriptor), not the header.
_DATA_DESCRIPTOR = 0x08


def copy_stored(source: zipfile.ZipFile, info: zipfile.ZipInfo, dest: zipfile.ZipFile) -> None:
    """Append ``info``'s member of ``source`` to ``dest`` (opened for writing), bytes as stored."""
    src = source.fp
    assert src is not None and dest.fp is not None
    src.seek(info.header_offset)
    header = _LOCAL_HEADER.unpack(src.read(_LOCAL_HEADER.size))
    name_length, extra_length = header[-2], header[-1]
    src.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)

    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.CRC = info.CRC
    copy.compress_size = info.compress_size
    copy.file_size = info.file_size
    # The sizes go into the new local header, so no data descriptor follows the data.
    copy.flag_bits = info.flag_bits & ~_DATA_DESCRIPTOR
    copy.header_offset = dest.fp.tell()
    dest.fp.write(copy.FileHeader(zip64=None))
    _copy_bytes(src, dest.fp, info.compress_size)
    dest.filelist.append(copy)
    dest.NameToInfo[copy.filename] = copy
    dest.start_dir = dest.fp.tell()


def _copy_bytes(src: IO[bytes], dst: IO[bytes], size: int) -> None:
    chunk = 1 << 20
    while size > 0:
        data = src.read(min(chunk, size))
        if not data:
            raise zipfile.BadZipFile("The archive ends inside a member.")
        dst.write(data)
        size -= len(data)
