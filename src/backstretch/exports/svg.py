"""SVG picture (``.svg``): the routine at a glance, for a phone screen or a printed page.

A time axis; a band for the whole routine; one band per stretch holding its segments; holds tall,
steps and reps half height, rests, breaks and switches thin and grey; the left side blue and solid,
the right side orange and hatched (so the sides differ in print and for colour-blind eyes too);
cue ticks above each band; the total time in the title. Sizes are in a viewBox, so it scales.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

from .._base.kinds import Kind, Side
from .._base.text import printable
from .._base.time import format_ms
from .._i18n.words import speaking, spoken
from .._timeline.messages import render_message
from .._timeline.timeline import Event, Timeline
from ._structure import by_chapter

# A phone-first layout: 640 units wide, names above their bands, text large enough to read when
# the picture is shrunk to a phone's width (about 0.6 of its size) and capped at 960 px wide.
WIDTH = 640
MARGIN = 20
PLOT_WIDTH = WIDTH - 2 * MARGIN
TOP = 84  # the first row
LABEL = 24  # a row's name, above its band
BAND = 40
ROW = LABEL + BAND + 18

COLOURS = {
    Side.LEFT: "#1f6fb2",
    Side.RIGHT: "#d9661f",
    None: "#2a9d8f",
}
QUIET_KINDS = frozenset({Kind.REST, Kind.BREAK, Kind.SWITCH})
INFO_KINDS = frozenset({Kind.TITLE, Kind.ANNOUNCE, Kind.CAUTION, Kind.MODIFICATION})
TICK_STEPS_S = (10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)


def render(timeline: Timeline) -> str:
    with speaking(timeline):
        return _render(timeline)


def _render(timeline: Timeline) -> str:
    markers = [m for m in timeline.markers if m.kind is not Kind.END]
    rows: list[tuple[str, int, int, list[Event], list[Event]]] = [
        (spoken()("svg_whole"), 0, timeline.total_ms, list(timeline.segments), markers)
    ]
    for chapter, (inside, marked) in zip(timeline.chapters, by_chapter(timeline), strict=True):
        rows.append((chapter.title, chapter.start_ms, chapter.end_ms, inside, marked))
    bottom = TOP + len(rows) * ROW
    height = bottom + 96
    title = f"{timeline.title}: {format_ms(timeline.total_ms)}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width:960px" role="img" aria-labelledby="title" '
        f'font-family="system-ui, -apple-system, Segoe UI, sans-serif">',
        f'<title id="title">{escape(title)}</title>',
        "<defs>"
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#d9661f"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2" opacity="0.6"/>'
        "</pattern></defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="38" font-size="26" font-weight="700" fill="#1b1b1b">'
        f"{escape(title)}</text>",
    ]
    out.extend(_axis(timeline.total_ms, TOP - 12, bottom))
    for index, (name, start_ms, end_ms, segments, row_markers) in enumerate(rows):
        y = TOP + index * ROW
        band_y = y + LABEL
        label = f"{name} ({format_ms(end_ms - start_ms)})"
        out.append(
            f'<text x="{MARGIN}" y="{y + 16}" font-size="18" font-weight="600" fill="#1b1b1b">'
            f"{escape(label)}</text>"
        )
        out.append(
            f'<rect x="{_x(start_ms, timeline):.2f}" y="{band_y}" '
            f'width="{_w(end_ms - start_ms, timeline):.2f}" height="{BAND}" fill="#f1f3f5" rx="3"/>'
        )
        for segment in segments:
            out.append(_segment(segment, timeline, band_y))
        for marker in row_markers:
            if start_ms <= marker.start_ms < end_ms:
                x = _x(marker.start_ms, timeline)
                out.append(
                    f'<line x1="{x:.2f}" y1="{band_y - 5}" x2="{x:.2f}" y2="{band_y}" '
                    f'stroke="#6c757d" stroke-width="1.2"><title>'
                    f"{escape(format_ms(marker.start_ms))} {escape(marker.text)}</title></line>"
                )
    out.extend(_legend(bottom + 14))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def escape(text: str) -> str:
    """Text made safe in XML: no control character (XML 1.0 has no way to write most), and its
    markup characters escaped."""
    return _xml_escape(printable(text))


def _x(ms: int, timeline: Timeline) -> float:
    return MARGIN + PLOT_WIDTH * ms / max(1, timeline.total_ms)


def _w(ms: int, timeline: Timeline) -> float:
    return PLOT_WIDTH * ms / max(1, timeline.total_ms)


def _segment(segment: Event, timeline: Timeline, y: int) -> str:
    top: float
    tall: float
    if segment.kind in QUIET_KINDS:
        top, tall, fill = y + BAND - 10, 10, "#adb5bd"
    elif segment.kind in INFO_KINDS:
        top, tall, fill = y + BAND - 14, 14, "#c9d6df"
    elif segment.kind is Kind.HOLD:
        top, tall, fill = y + 4, BAND - 4, COLOURS[segment.side]
    else:
        top, tall, fill = y + BAND / 2, BAND / 2, COLOURS[segment.side]
    if segment.side is Side.RIGHT and segment.kind not in QUIET_KINDS | INFO_KINDS:
        fill = "url(#hatch)"
    said = spoken()
    side = f" {said.side(segment.side)}" if segment.side else ""
    tip = f"{format_ms(segment.start_ms)} {segment.kind.value}{side}: {segment.text}"
    waits = segment.until_message
    if waits is not None:  # self-paced: the band shows its least time
        tip += f" ({render_message(waits, said.language)})"
    return (
        f'<rect x="{_x(segment.start_ms, timeline):.2f}" y="{top:.1f}" '
        f'width="{_w(segment.duration_ms, timeline):.2f}" height="{tall:.1f}" '
        f'fill={quoteattr(fill)} stroke="#ffffff" stroke-width="0.6" '
        f'data-kind="{segment.kind.value}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _axis(total_ms: int, y: int, bottom: int) -> list[str]:
    total_s = max(1, total_ms // 1000)
    step = next((s for s in TICK_STEPS_S if total_s / s <= 8), 3600 * (total_s // 3600 // 8 + 1))
    lines = []
    for tick_s in range(0, total_s + 1, step):
        x = MARGIN + PLOT_WIDTH * tick_s * 1000 / max(1, total_ms)
        lines.append(
            f'<line x1="{x:.2f}" y1="{y}" x2="{x:.2f}" y2="{bottom}" stroke="#dee2e6" '
            'stroke-width="1"/>'
        )
        anchor = "start" if x < MARGIN + 20 else "end" if x > WIDTH - MARGIN - 20 else "middle"
        lines.append(
            f'<text x="{x:.2f}" y="{y - 6}" font-size="15" fill="#495057" '
            f'text-anchor="{anchor}">{format_ms(tick_s * 1000)}</text>'
        )
    return lines


def _legend(y: int) -> list[str]:
    said = spoken()
    rows = [
        [
            ("#1f6fb2", said("svg_left")),
            ("url(#hatch)", said("svg_right")),
            ("#2a9d8f", said("svg_no_side")),
        ],
        [("#c9d6df", said("svg_read")), ("#adb5bd", said("svg_quiet"))],
    ]
    out = []
    for row, items in enumerate(rows):
        x = MARGIN
        for fill, text in items:
            top = y + row * 26
            out.append(f'<rect x="{x}" y="{top}" width="20" height="16" fill={quoteattr(fill)}/>')
            out.append(
                f'<text x="{x + 28}" y="{top + 14}" font-size="16" fill="#1b1b1b">'
                f"{escape(text)}</text>"
            )
            x += 48 + 9 * len(text)
    out.append(
        f'<text x="{MARGIN}" y="{y + 74}" font-size="15" fill="#495057">'
        f"{escape(said('svg_key'))}</text>"
    )
    return out
