#!/usr/bin/env python3
"""What is on the glass, read from the X server without touching the kiosk: an `xwd -root` dump is converted to PNG or
compared pixel by pixel. Taking it sends the kiosk no event, so it cannot make a screen redraw (the kiosk's own F12
screenshot is a key press, which does)."""
import struct
import sys
import zlib


def read_xwd(path):
    data = open(path, "rb").read()
    header_size = struct.unpack(">I", data[:4])[0]
    fields = struct.unpack(">25I", data[:100])
    (_, version, _fmt, _depth, width, height, _xoff, byte_order, _unit, _bit_order, _pad, bpp, bytes_per_line,
     _vclass, red_mask, green_mask, blue_mask, _bits_rgb, _cmap_entries, ncolors) = fields[:20]
    if version != 7 or bpp != 32:
        sys.exit(f"{path}: unsupported xwd dump (version {version}, {bpp} bits per pixel)")
    offset = header_size + ncolors * 12
    pixels = data[offset:offset + bytes_per_line * height]
    # Byte positions of red, green and blue inside a 32-bit pixel as stored.
    def position(mask):
        shift = (mask & -mask).bit_length() - 1
        return shift // 8 if byte_order == 0 else 3 - shift // 8
    pr, pg, pb = position(red_mask), position(green_mask), position(blue_mask)
    rows = []
    for y in range(height):
        line = pixels[y * bytes_per_line:y * bytes_per_line + width * 4]
        rgb = bytearray(width * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = line[pr::4], line[pg::4], line[pb::4]
        rows.append(bytes(rgb))
    return width, height, rows


def write_png(path, width, height, rows):
    raw = b"".join(b"\x00" + r for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
    open(path, "wb").write(png)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "png":
        write_png(sys.argv[3], *read_xwd(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "diff":
        wa, ha, a = read_xwd(sys.argv[2])
        wb, hb, b = read_xwd(sys.argv[3])
        if (wa, ha) != (wb, hb):
            print(wa * ha)
            return
        print(sum(1 for ra, rb in zip(a, b) if ra != rb for i in range(0, len(ra), 3) if ra[i:i + 3] != rb[i:i + 3]))

    else:
        sys.exit("usage: glass.py png DUMP.xwd OUT.png | glass.py diff A.xwd B.xwd")


main()
