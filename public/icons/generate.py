#!/usr/bin/env python3
"""Regenerate Kindred's app icons with nothing but the Python standard library.

    python3 public/icons/generate.py

Writes, next to this script:
  icon.svg               vector mark (manifest purpose "any")
  icon-192.png           192x192, rounded tile with transparent corners
  icon-512.png           512x512, same
  icon-maskable-512.png  512x512, full-bleed square, mark inside the 80% safe zone
  apple-touch-icon.png   180x180, full-bleed square (iOS applies its own mask)

The mark: six people (a round head above a dome of shoulders) sitting in a circle
around a warm centre, on a calm teal tile. Shapes are drawn with signed
distance functions, which gives smooth anti-aliased edges without Pillow.
"""

import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

TEAL = (14, 105, 101)      # #0e6965, the theme colour
TEAL_DEEP = (9, 79, 77)    # #094f4d, bottom of the subtle tile gradient
CREAM = (253, 248, 239)    # #fdf8ef, the people
AMBER = (242, 184, 128)    # #f2b880, the warm centre

PEOPLE = 6


def hexrgb(c):
    return "#%02x%02x%02x" % c


# --- geometry (in a unit square, 0..1, y pointing down) ---------------------

def figures(scale):
    """Yield (ox, oy, head, body) for each person, in unit-square coordinates.

    Each person is a round head with a dome of shoulders below it, turned so
    that everyone faces the middle of the circle. `scale` shrinks the whole
    mark around the centre (smaller for the maskable safe zone).
    """
    for k in range(PEOPLE):
        a = -math.pi / 2 + k * 2 * math.pi / PEOPLE
        ox, oy = math.cos(a), math.sin(a)  # unit vector pointing outward
        yield ox, oy


# Distances along a person's outward axis, before scaling.
HEAD_AT, HEAD_R = 0.352, 0.056
BODY_AT, BODY_R = 0.205, 0.082   # dome centre and radius
BODY_CUT = 0.180                  # flat edge of the dome, towards the centre
SOFT = 0.022                      # corner rounding of the dome


def centre(scale):
    return 0.5, 0.5, 0.066 * scale


# --- signed distance helpers --------------------------------------------------

def sd_circle(px, py, cx, cy, r):
    return math.hypot(px - cx, py - cy) - r


def sd_cut_disk(px, py, r, h):
    """Exact distance to a disk of radius r centred at the origin with the
    part below y = h removed (after Inigo Quilez's sdCutDisk)."""
    w = math.sqrt(r * r - h * h)
    px = abs(px)
    s = max((h - r) * px * px + w * w * (h + r - 2.0 * py), h * px - w * py)
    if s < 0.0:
        return math.hypot(px, py) - r
    if px < w:
        return h - py
    return math.hypot(px - w, py - h)


def sd_person(x, y, ox, oy, s):
    """Distance to one person whose outward direction is (ox, oy)."""
    dx, dy = x - 0.5, y - 0.5
    u = dx * ox + dy * oy       # along the outward axis
    v = -dx * oy + dy * ox      # across it
    head = math.hypot(u - HEAD_AT * s, v) - HEAD_R * s
    body = sd_cut_disk(v, u - BODY_AT * s, (BODY_R - SOFT) * s,
                       (BODY_CUT - BODY_AT + SOFT) * s) - SOFT * s
    return min(head, body)


def sd_round_rect(px, py, radius):
    """Unit-square tile with rounded corners."""
    qx = abs(px - 0.5) - (0.5 - radius)
    qy = abs(py - 0.5) - (0.5 - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    inside = min(max(qx, qy), 0.0)
    return outside + inside - radius


def coverage(d, px_size):
    """Signed distance (unit space) -> pixel coverage 0..1."""
    return max(0.0, min(1.0, 0.5 - d / px_size))


def mix(c1, c2, t):
    return tuple(c1[i] + (c2[i] - c1[i]) * t for i in range(3))


# --- raster -------------------------------------------------------------------

def render(size, tile_radius, scale):
    """Return RGBA rows. tile_radius=None means full-bleed (opaque square)."""
    px = 1.0 / size
    people = list(figures(scale))
    ccx, ccy, cr = centre(scale)
    reach = (HEAD_AT + HEAD_R) * scale + px  # nothing is drawn beyond this
    rows = []
    for j in range(size):
        y = (j + 0.5) * px
        bg = mix(TEAL, TEAL_DEEP, y)  # gentle top-to-bottom deepening
        row = bytearray()
        for i in range(size):
            x = (i + 0.5) * px
            if tile_radius is None:
                alpha = 1.0
            else:
                alpha = coverage(sd_round_rect(x, y, tile_radius), px)
            colour = bg
            if alpha > 0 and math.hypot(x - 0.5, y - 0.5) < reach:
                d = min(sd_person(x, y, ox, oy, scale) for ox, oy in people)
                c = coverage(d, px)
                if c > 0:
                    colour = mix(colour, CREAM, c)
                c = coverage(sd_circle(x, y, ccx, ccy, cr), px)
                if c > 0:
                    colour = mix(colour, AMBER, c)
            row += bytes((round(colour[0]), round(colour[1]), round(colour[2]),
                          round(alpha * 255)))
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 per scanline
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9))
           + chunk(b"IEND", b""))
    path.write_bytes(png)


# --- vector -------------------------------------------------------------------

def svg(tile_radius):
    """The same mark as an SVG (scale 1): one person drawn pointing up, then
    rotated around the centre. The dome is the shrunken cut disk stroked with
    round joins, which is exactly the rounded shape the rasteriser draws."""
    n = 512
    f = lambda v: ("%.2f" % v).rstrip("0").rstrip(".")
    c = n / 2
    r = (BODY_R - SOFT) * n
    h = (BODY_CUT - BODY_AT + SOFT) * n          # negative: chord below centre
    w = math.sqrt(r * r - h * h)
    by = c - BODY_AT * n                          # dome centre (y down)
    chord_y = by - h
    person = (
        f'<circle cx="{f(c)}" cy="{f(c - HEAD_AT * n)}" r="{f(HEAD_R * n)}"/>'
        f'<path d="M{f(c - w)} {f(chord_y)}A{f(r)} {f(r)} 0 1 1 {f(c + w)} {f(chord_y)}Z" '
        f'stroke="{hexrgb(CREAM)}" stroke-width="{f(2 * SOFT * n)}" stroke-linejoin="round"/>'
    )
    uses = "".join(
        f'<use href="#p" transform="rotate({k * 360 // PEOPLE} {f(c)} {f(c)})"/>'
        for k in range(1, PEOPLE)
    )
    _, _, cr = centre(1.0)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">\n'
        '<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{hexrgb(TEAL)}"/>'
        f'<stop offset="1" stop-color="{hexrgb(TEAL_DEEP)}"/></linearGradient></defs>\n'
        f'<rect width="512" height="512" rx="{f(tile_radius * n)}" fill="url(#g)"/>\n'
        f'<g fill="{hexrgb(CREAM)}"><g id="p">{person}</g>{uses}</g>\n'
        f'<circle cx="{f(c)}" cy="{f(c)}" r="{f(cr * n)}" fill="{hexrgb(AMBER)}"/>\n'
        '</svg>\n'
    )


def main():
    tile = 0.22  # corner radius as a fraction of the side
    (HERE / "icon.svg").write_text(svg(tile))
    for size in (192, 512):
        write_png(HERE / f"icon-{size}.png", size, render(size, tile, 1.0))
    # Maskable: everything must sit inside the central circle of radius 0.40
    # of the side; the mark reaches 0.408 at scale 1, so 0.9 (0.367) leaves a margin.
    write_png(HERE / "icon-maskable-512.png", 512, render(512, None, 0.9))
    write_png(HERE / "apple-touch-icon.png", 180, render(180, None, 1.0))


if __name__ == "__main__":
    main()
