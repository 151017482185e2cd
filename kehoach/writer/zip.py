"""A ZIP archive of a few small members, some of them compressed once per process.

The standard library's ``zipfile`` compresses every member on every write; a .docx is mostly
static parts (styles, settings, headers …) identical across a batch, so compressing them
once and reusing the bytes is most of the package's cost saved. This writes exactly what
``zipfile`` would for such members (deflate or stored, no data descriptors, no ZIP64, a fixed
timestamp so equal input gives equal bytes); ``zipfile`` reads it back in the tests.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00:00
_VERSION = 20  # 2.0: deflate
_DEFLATE, _STORED = 8, 0
_FLAGS = 0  # member names are ASCII
_ATTRIBUTES = 0o644 << 16


@dataclass(frozen=True)
class Member:
    """A member ready to store: its name, its bytes as stored (deflated or not), CRC-32,
    size and method."""

    name: bytes
    deflated: bytes
    crc: int
    size: int
    method: int = _DEFLATE


def deflate(name: str, data: bytes, level: int = 6) -> Member:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = compressor.compress(data) + compressor.flush()
    return Member(name.encode("ascii"), body, zlib.crc32(data), len(data))


def stored(name: str, data: bytes) -> Member:
    """A member kept as is: for a part of a few hundred bytes, setting up deflate costs
    more time than the bytes it would save."""
    return Member(name.encode("ascii"), data, zlib.crc32(data), len(data), _STORED)


def archive(members: list[Member]) -> bytes:
    """The bytes of a ZIP file holding ``members`` in order."""
    local, central = [], []
    offset = 0
    for m in members:
        header = struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            _VERSION,
            _FLAGS,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.deflated),
            m.size,
            len(m.name),
            0,
        )
        local += [header, m.name, m.deflated]
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                3 << 8 | _VERSION,  # made by: Unix, so the attributes below mean a mode
                _VERSION,
                _FLAGS,
                m.method,
                _DOS_TIME,
                _DOS_DATE,
                m.crc,
                len(m.deflated),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                _ATTRIBUTES,
                offset,
            )
            + m.name
        )
        offset += len(header) + len(m.name) + len(m.deflated)
    directory = b"".join(central)
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0
    )
    return b"".join(local) + directory + end
