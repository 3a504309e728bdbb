#!/usr/bin/env python3
"""Renders Møtebok's icon in every size the packages need, from assets/motebok.svg.

    python3 packaging/icons.py        # needs rsvg-convert (Debian: librsvg2-bin)

Writes into assets/icons/:
  motebok-N.png  N = 16 24 32 48 64 128 256 512  (Linux hicolor theme, window icon)
  motebok.ico    16 24 32 48 64 256, PNG-compressed entries (Windows .exe resource)
  motebok.icns   16 32 64 128 256 512 1024 (macOS bundle)
The outputs are committed, so building Møtebok never needs rsvg-convert; run this after
changing the SVG and commit what it writes.
"""
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "assets" / "motebok.svg"
OUT = ROOT / "assets" / "icons"
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
ICO_SIZES = [16, 24, 32, 48, 64, 256]
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08",
              512: b"ic09", 1024: b"ic10"}


def render(size: int, tmp: Path) -> bytes:
    """The SVG rendered as a size x size PNG."""
    out = tmp / f"{size}.png"
    subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), str(SVG), "-o", str(out)],
                   check=True)
    return out.read_bytes()


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (read by Windows Vista and later)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, data = b"", b""
    for s in sizes:
        png = images[s]
        dim = 0 if s >= 256 else s  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(images: dict[int, bytes]) -> bytes:
    """An Apple icon image (ICNS) of PNG elements."""
    body = b"".join(ICNS_TYPES[s] + struct.pack(">I", 8 + len(images[s])) + images[s]
                    for s in sorted(images))
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        rendered = {s: render(s, tmp) for s in sorted(set(PNG_SIZES) | set(ICNS_TYPES))}
    for s in PNG_SIZES:
        (OUT / f"motebok-{s}.png").write_bytes(rendered[s])
    (OUT / "motebok.ico").write_bytes(ico({s: rendered[s] for s in ICO_SIZES}))
    (OUT / "motebok.icns").write_bytes(icns({s: rendered[s] for s in ICNS_TYPES}))
    print(f"wrote {len(PNG_SIZES)} PNG, motebok.ico and motebok.icns to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
