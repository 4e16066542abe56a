"""A VBA project's streams from module source text, as [MS-OVBA] lays them out.

The project is written the way MS-OVBA asks a writer to: source only, no compiled code
(``_VBA_PROJECT`` carries version 0xFFFF and no performance cache), so Excel compiles the
modules from their text when the workbook is opened. xlwings' own ``quickstart_standalone.xlsm``
ships its ``xlwings`` module the same way.

Input: :class:`Module` objects (name, kind, source text). Output: a mapping of compound-file
stream paths (``"PROJECT"``, ``"VBA/dir"``, ``"VBA/<module>"`` ...) to their bytes, for
:func:`clientbase_xl.template.cfb.compound_file`.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

#: Windows-1252: the code page the project's text and names are stored in.
CODEPAGE = 1252
ENCODING = "cp1252"
LCID_EN_US = 0x0409
CHUNK = 4096
#: A compressed chunk's size field holds size - 3 in 12 bits, so no chunk exceeds this.
MAX_COMPRESSED_CHUNK = 4098
MATCH_CANDIDATES = 64

ModuleKind = Literal["standard", "class", "document"]

#: Type libraries every Excel project references: OLE Automation and the Office library.
REFERENCES = (
    (
        "stdole",
        "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0"
        "#C:\\Windows\\System32\\stdole2.tlb#OLE Automation",
    ),
    (
        "Office",
        "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0"
        "#C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL"
        "#Microsoft Office 16.0 Object Library",
    ),
)


@dataclass(frozen=True)
class Module:
    """One VBA module: its name, kind and source text (``Attribute`` lines included)."""

    name: str
    kind: ModuleKind
    source: str

    def code(self) -> bytes:
        """The source as stored: code page 1252, CRLF line ends, ending in a line break."""
        text = self.source.replace("\r\n", "\n").rstrip("\n") + "\n"
        return text.replace("\n", "\r\n").encode(ENCODING)


# --- 2.4.1 Compression -----------------------------------------------------------------------


def _copy_token_bits(position: int) -> int:
    """Bits of a copy token's offset at ``position`` bytes into the chunk (2.4.1.3.19.1)."""
    return max((position - 1).bit_length(), 4)


def _compress_chunk(data: bytes) -> bytes:
    """One chunk (at most 4096 bytes) in compressed form: flag bytes, literals and copy tokens."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    pos = 0
    while pos < len(data):
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= len(data):
                break
            bits = _copy_token_bits(pos)
            max_length = (0xFFFF >> bits) + 3
            best_len, best_off = 0, 0
            # The nearest candidates suffice; older ones rarely match longer and cost time.
            for start in reversed(seen.get(data[pos : pos + 3], [])[-MATCH_CANDIDATES:]):
                length = 0
                limit = min(max_length, len(data) - pos)
                while length < limit and data[start + length] == data[pos + length]:
                    length += 1
                if length > best_len:
                    best_len, best_off = length, pos - start
                    if length == limit:
                        break
            step = best_len if best_len >= 3 else 1
            if best_len >= 3:
                flags |= 1 << bit
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += struct.pack("<H", token)
            else:
                out.append(data[pos])
            for i in range(pos, pos + step):
                seen.setdefault(data[i : i + 3], []).append(i)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (MS-OVBA 2.4.1.3.6).

    A chunk that would not shrink is stored raw, padded to 4096 bytes as the spec requires.
    """
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        packed = _compress_chunk(chunk)
        if len(packed) + 2 <= MAX_COMPRESSED_CHUNK:
            out += struct.pack("<H", 0xB000 | (len(packed) + 2 - 3)) + packed
        else:
            out += struct.pack("<H", 0x3000 | (CHUNK - 1)) + chunk.ljust(CHUNK, b"\x00")
    return bytes(out)


# --- 2.4.3 Data encryption (the PROJECT stream's CMG, DPB and GC) ----------------------------


def encrypt(project_id: str, data: bytes, seed: int = 0x41) -> str:
    """Encrypt ``data`` for a PROJECT stream property, as hex (MS-OVBA 2.4.3.2).

    The ignored bytes repeat the seed, as VBA itself writes them; with a fixed seed the output
    is the same on every build.
    """
    version = 2
    key = sum(project_id.encode("ascii")) & 0xFF
    out = bytearray([seed, seed ^ version, seed ^ key])
    unencrypted, enc1, enc2 = key, seed ^ key, seed ^ version
    ignored = bytes([seed]) * ((seed & 6) // 2)
    for byte in ignored + struct.pack("<I", len(data)) + data:
        enc = byte ^ ((enc2 + unencrypted) & 0xFF)
        out.append(enc)
        enc2, enc1, unencrypted = enc1, enc, byte
    return out.hex().upper()


def decrypt(hex_text: str) -> bytes:
    """The data inside an encrypted PROJECT property (inverse of :func:`encrypt`)."""
    raw = bytes.fromhex(hex_text)
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    unencrypted, enc1, enc2 = seed ^ key_enc, key_enc, version_enc
    plain = bytearray()
    for enc in raw[3:]:
        byte = enc ^ ((enc2 + unencrypted) & 0xFF)
        plain.append(byte)
        enc2, enc1, unencrypted = enc1, enc, byte
    body = plain[(seed & 6) // 2 :]
    (length,) = struct.unpack_from("<I", body)
    return bytes(body[4 : 4 + length])


# --- 2.3.4.2 The dir stream -------------------------------------------------------------------


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _text_records(record_id: int, unicode_id: int, text: str) -> bytes:
    """A string record in the code page followed by its UTF-16 twin (the 'Reserved' id)."""
    return _record(record_id, text.encode(ENCODING)) + _record(unicode_id, text.encode("utf-16-le"))


def _references() -> Iterator[bytes]:
    for name, libid in REFERENCES:
        yield _text_records(0x0016, 0x003E, name)
        encoded = libid.encode(ENCODING)
        body = struct.pack("<I", len(encoded)) + encoded + struct.pack("<IH", 0, 0)
        yield _record(0x000D, body)


def _module_records(module: Module) -> bytes:
    return b"".join(
        (
            _record(0x0019, module.name.encode(ENCODING)),
            _record(0x0047, module.name.encode("utf-16-le")),
            _text_records(0x001A, 0x0032, module.name),  # the stream name
            _text_records(0x001C, 0x0048, ""),  # no doc string
            _record(0x0031, struct.pack("<I", 0)),  # source starts the stream: no p-code
            _record(0x001E, struct.pack("<I", 0)),  # help context
            _record(0x002C, struct.pack("<H", 0xFFFF)),  # cookie: 0xFFFF on write
            _record(0x0021 if module.kind == "standard" else 0x0022, b""),
            _record(0x002B, b""),  # module terminator
        )
    )


def dir_stream(modules: Sequence[Module], project_name: str) -> bytes:
    """The decompressed ``VBA/dir`` stream: project information, references, modules."""
    information = b"".join(
        (
            _record(0x0001, struct.pack("<I", 1)),  # SysKind: 32-bit Windows
            _record(0x0002, struct.pack("<I", LCID_EN_US)),
            _record(0x0014, struct.pack("<I", LCID_EN_US)),
            _record(0x0003, struct.pack("<H", CODEPAGE)),
            _record(0x0004, project_name.encode(ENCODING)),
            _text_records(0x0005, 0x0040, ""),  # doc string
            _text_records(0x0006, 0x003D, ""),  # help file
            _record(0x0007, struct.pack("<I", 0)),  # help context
            _record(0x0008, struct.pack("<I", 0)),  # library flags
            # PROJECTVERSION: its size field is the fixed Reserved value 4, yet 6 bytes follow.
            struct.pack("<HIIH", 0x0009, 4, 1, 0),
            _text_records(0x000C, 0x003C, ""),  # conditional compilation constants
        )
    )
    count = _record(0x000F, struct.pack("<H", len(modules)))
    cookie = _record(0x0013, struct.pack("<H", 0xFFFF))
    body = b"".join(_module_records(m) for m in modules)
    return information + b"".join(_references()) + count + cookie + body + _record(0x0010, b"")


# --- 2.3.1 PROJECT, 2.3.3 PROJECTwm, 2.3.4.1 _VBA_PROJECT -------------------------------------


#: The protection properties' plain values: not locked, no password, visible in the editor.
UNPROTECTED = struct.pack("<I", 0)
NO_PASSWORD = b"\x00"
VISIBLE = b"\xff"


def project_stream(modules: Sequence[Module], project_id: str, project_name: str) -> bytes:
    """The PROJECT stream: the project's ID, modules, name and (un)protection state."""
    lines = [f'ID="{project_id}"']
    for m in modules:
        if m.kind == "document":
            lines.append(f"Document={m.name}/&H00000000")
        elif m.kind == "class":
            lines.append(f"Class={m.name}")
        else:
            lines.append(f"Module={m.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{encrypt(project_id, UNPROTECTED)}"',
        f'DPB="{encrypt(project_id, NO_PASSWORD)}"',
        f'GC="{encrypt(project_id, VISIBLE)}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
        *(f"{m.name}=0, 0, 0, 0, C" for m in modules),
    ]
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)


def project_wm(modules: Sequence[Module]) -> bytes:
    """The PROJECTwm stream: each module name in the code page and in UTF-16."""
    body = b"".join(
        m.name.encode(ENCODING) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00"
        for m in modules
    )
    return body + b"\x00\x00"


#: Reserved1 0x61CC, Version 0xFFFF (so the project is compiled from source), 0x00, 0x0001.
VBA_PROJECT = bytes.fromhex("cc61ffff000100")


def project_streams(
    modules: Sequence[Module], project_id: str, project_name: str = "VBAProject"
) -> dict[str, bytes]:
    """Every stream of the project, keyed by compound-file path."""
    streams = {
        "PROJECT": project_stream(modules, project_id, project_name),
        "PROJECTwm": project_wm(modules),
        "VBA/_VBA_PROJECT": VBA_PROJECT,
        "VBA/dir": compress(dir_stream(modules, project_name)),
    }
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(m.code())
    return streams
