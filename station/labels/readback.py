"""Read our own printer output back into pictures and commands.

Used by the tests (and useful to a printer simulator) to check that what we send is what we
meant: ``^GFA`` graphics, TSPL ``BITMAP`` payloads and ESC/POS raster bands are decoded to
1-bit images, and TSPL programs are split into commands without being fooled by binary data.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from PIL import Image

_GFA = re.compile(rb"\^GFA,(\d+),(\d+),(\d+),([^\^]*)")


def _expand_row(text: str, i: int, per_row: int, previous: str) -> tuple[str, int]:
    hex_len = per_row * 2
    row: list[str] = []
    if text[i] == ":":
        return previous, i + 1
    count = 0
    while i < len(text) and len("".join(row)) < hex_len:
        ch = text[i]
        i += 1
        if "G" <= ch <= "Y":
            count += ord(ch) - ord("G") + 1
        elif "g" <= ch <= "z":
            count += (ord(ch) - ord("g") + 1) * 20
        elif ch == ",":
            row.append("0" * (hex_len - len("".join(row))))
            break
        elif ch == "!":
            row.append("F" * (hex_len - len("".join(row))))
            break
        else:
            row.append(ch * (count or 1))
            count = 0
    return "".join(row)[:hex_len], i


def decode_zb64(data: str) -> bytes:
    """The bytes of a ``:Z64:…:CRC`` or ``:B64:…:CRC`` field; ValueError on a CRC mismatch."""
    kind, _, rest = data[1:].partition(":")
    text, _, crc = rest.strip().rpartition(":")
    text = "".join(text.split())  # base64 may be broken into lines
    if f"{binascii.crc_hqx(text.encode('ascii'), 0):04X}" != crc.strip().upper():
        raise ValueError(f"{kind} CRC mismatch")
    raw = base64.b64decode(text, validate=True)
    return zlib.decompress(raw) if kind == "Z64" else raw


def decode_gfa(total: int, per_row: int, data: str) -> Image.Image:
    """A ``^GFA`` field (Z64/B64, compressed or plain hex) as a 1-bit image (mode "1",
    0 = black)."""
    rows = total // per_row
    out = bytearray()
    if data.startswith((":Z64:", ":B64:")):
        out += decode_zb64(data)[:total]
    i, previous = 0, ""
    for _ in range(rows if not out else 0):
        row, i = _expand_row(data, i, per_row, previous)
        previous = row
        out += bytes.fromhex(row)
    img = Image.frombytes("1", (per_row * 8, rows), bytes(b ^ 0xFF for b in out))
    return img


def zpl_graphics(zpl: bytes) -> list[tuple[int, int, Image.Image]]:
    """Every ``^FOx,y^GFA…`` in a ZPL stream: (x, y, image)."""
    found = []
    for m in re.finditer(rb"\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),([^\^]*)", zpl):
        x, y, total, _c, per_row, data = m.groups()
        img = decode_gfa(int(total), int(per_row), data.decode("ascii"))
        found.append((int(x), int(y), img))
    return found


def escpos_raster(data: bytes) -> Image.Image:
    """Stack the ``GS v 0`` bands of an ESC/POS job into one 1-bit image."""
    bands: list[Image.Image] = []
    i = 0
    while True:
        i = data.find(b"\x1dv0", i)
        if i < 0:
            break
        per_row = data[i + 4] | data[i + 5] << 8
        rows = data[i + 6] | data[i + 7] << 8
        raw = data[i + 8 : i + 8 + per_row * rows]
        bands.append(Image.frombytes("1", (per_row * 8, rows), bytes(b ^ 0xFF for b in raw)))
        i += 8 + per_row * rows
    width = max(b.width for b in bands)
    img = Image.new("1", (width, sum(b.height for b in bands)), 1)
    y = 0
    for band in bands:
        img.paste(band, (0, y))
        y += band.height
    return img


def tspl_commands(program: bytes) -> list[tuple[str, bytes]]:
    """Split a TSPL program into (command, rest-of-line); BITMAP payloads are skipped by
    their declared size, so binary data can never look like a command."""
    out: list[tuple[str, bytes]] = []
    i = 0
    while i < len(program):
        end = program.find(b"\r\n", i)
        if program.startswith(b"BITMAP ", i):
            pos = i + 7
            for _ in range(5):  # x, y, width bytes, rows, mode: the payload follows comma 5
                pos = program.index(b",", pos) + 1
            header = program[i + 7 : pos - 1]
            x, y, per_row, rows, _mode = header.split(b",")
            out.append(("BITMAP", header))
            i = pos + int(per_row) * int(rows)
            if program[i : i + 2] != b"\r\n":
                raise ValueError(f"BITMAP at {x!r},{y!r} is not followed by CR LF")
            i += 2
            continue
        if end < 0:
            raise ValueError("TSPL program does not end with CR LF")
        line = program[i:end]
        name, _, rest = line.partition(b" ")
        out.append((name.decode("ascii"), rest))
        i = end + 2
    return out
