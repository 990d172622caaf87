"""The demo's pictures and worksheets, made offline from the fonts in static/fonts.

Posters are drawn with Pillow, worksheets rendered to PDF by WeasyPrint; the same spec
always gives the same bytes.
"""

# A poster motif labels its segments with en dashes (U+2013 in "0-3 detik"), as typeset text should.
# ruff: noqa: RUF001

import io
from html import escape

from django.conf import settings
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

from demo.content import COURSE
from demo.specs import Poster, Worksheet

FONTS_DIR = settings.BASE_DIR / "static" / "fonts"

POSTER_SIZE = (1200, 675)
_WHITE = (255, 255, 255)
_ACCENT = (255, 214, 10)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS_DIR / f"NotoSans-{weight}.ttf"), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + [line]


def _draw_circles(draw: ImageDraw.ImageDraw) -> None:
    for x, y, radius, alpha in ((1010, 170, 200, 45), (880, 540, 150, 35), (1130, 560, 90, 60)):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*_WHITE, alpha))


def _draw_thirds(draw: ImageDraw.ImageDraw) -> None:
    width, height = POSTER_SIZE
    # A person standing on the right third line, eyes on the upper third.
    draw.ellipse((745, 150, 855, 260), fill=(*_WHITE, 200))
    draw.rounded_rectangle((705, 275, 895, 675), radius=80, fill=(*_WHITE, 170))
    for i in (1, 2):
        draw.line((width * i // 3, 0, width * i // 3, height), fill=(*_WHITE, 140), width=4)
        draw.line((0, height * i // 3, width, height * i // 3), fill=(*_WHITE, 140), width=4)
    for x in (width // 3, 2 * width // 3):
        for y in (height // 3, 2 * height // 3):
            draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(*_ACCENT, 255))


def _draw_phone(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((815, 110, 1055, 565), radius=36, fill=(20, 20, 30, 230))
    draw.rounded_rectangle((831, 140, 1039, 535), radius=20, fill=(*_WHITE, 60))
    draw.polygon(((905, 280), (905, 400), (1000, 340)), fill=(*_WHITE, 240))
    for y in (380, 430, 480):
        draw.ellipse((1005, y, 1029, y + 24), fill=(*_ACCENT, 230))
    draw.rounded_rectangle((850, 495, 980, 510), radius=7, fill=(*_WHITE, 200))


def _draw_timeline(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((780, 70, 1130, 300), radius=14, fill=(0, 0, 0, 120))
    draw.polygon(((930, 140), (930, 230), (1000, 185)), fill=(*_WHITE, 220))
    tracks = (
        (350, [(740, 860, "#ff6b6b"), (868, 990, "#ffd166"), (998, 1160, "#06d6a0")]),
        (430, [(780, 900, "#118ab2"), (960, 1100, "#118ab2")]),
        (510, [(740, 1160, "#8338ec")]),
    )
    for y, clips in tracks:
        for left, right, colour in clips:
            draw.rounded_rectangle((left, y, right, y + 56), radius=10, fill=(*_rgb(colour), 235))
    draw.line((900, 330, 900, 590), fill=(*_WHITE, 255), width=4)


def _draw_segments(draw: ImageDraw.ImageDraw) -> None:
    label, small = _font("Bold", 34), _font("Regular", 26)
    cards = (("HOOK", "0–3 detik", "#e63946"), ("ISI", "4–50 detik", "#f4a261"), ("AJAKAN", "50–60 detik", "#2a9d8f"))
    for index, (name, seconds, colour) in enumerate(cards):
        top = 120 + index * 150
        draw.rounded_rectangle((760, top, 1140, top + 120), radius=18, fill=(*_rgb(colour), 235))
        draw.text((790, top + 18), name, font=label, fill=_WHITE)
        draw.text((790, top + 70), seconds, font=small, fill=_WHITE)


def _draw_city(draw: ImageDraw.ImageDraw) -> None:
    # The Tugu: a slender spire on a stepped base above a lotus pond.
    draw.ellipse((800, 520, 1060, 575), fill=(*_rgb("#a8dadc"), 200))
    draw.rectangle((890, 470, 970, 530), fill=(*_WHITE, 230))
    draw.polygon(((905, 470), (955, 470), (938, 120), (922, 120)), fill=(*_WHITE, 245))
    houses = ("#e63946", "#ffb703", "#8ecae6", "#fb8500", "#90be6d", "#f15bb5", "#00bbf9")
    for index, colour in enumerate(houses):
        left = 720 + index * 68
        draw.rectangle((left, 585, left + 62, 675), fill=(*_rgb(colour), 255))
        draw.polygon(((left - 4, 585), (left + 31, 548), (left + 66, 585)), fill=(*_rgb(colour), 255))


def _draw_product(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((960, 60, 1150, 300), fill=(*_WHITE, 210))  # the window
    draw.line((1055, 60, 1055, 300), fill=(120, 120, 120, 200), width=6)
    draw.line((960, 180, 1150, 180), fill=(120, 120, 120, 200), width=6)
    draw.polygon(((960, 300), (1150, 300), (980, 620), (760, 620)), fill=(*_WHITE, 40))  # its light
    draw.rectangle((700, 520, 1180, 540), fill=(90, 60, 40, 230))  # the table
    draw.rounded_rectangle((800, 300, 940, 520), radius=24, fill=(*_rgb("#e76f51"), 250))  # the pouch
    draw.rectangle((820, 370, 920, 450), fill=(*_WHITE, 240))
    draw.polygon(((1080, 520), (1170, 340), (1180, 345), (1095, 520)), fill=(*_WHITE, 235))  # the reflector


def _draw_bars(draw: ImageDraw.ImageDraw) -> None:
    small = _font("Regular", 26)
    layers = (
        ("Bahan", 130, "#bc6c25"),
        ("Kemasan", 50, "#dda15e"),
        ("Tenaga kerja", 70, "#fefae0"),
        ("Biaya platform", 45, "#8ecae6"),
        ("Keuntungan", 100, "#ffd60a"),
    )
    bottom = 600
    for name, height, colour in layers:
        draw.rectangle((780, bottom - height, 900, bottom), fill=(*_rgb(colour), 245))
        draw.text((925, bottom - height / 2 - 17), name, font=small, fill=_WHITE)
        bottom -= height + 4


def _draw_chat(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((760, 70, 1150, 610), radius=28, fill=(*_rgb("#ece5dd"), 235))
    draw.rounded_rectangle((760, 70, 1150, 150), radius=28, fill=(*_rgb("#075e54"), 255))
    draw.ellipse((780, 88, 824, 132), fill=(*_WHITE, 230))
    bubbles = ((790, 180, 1010, 240, False), (900, 270, 1120, 330, True), (790, 360, 1060, 450, False))
    for left, top, right, bottom, mine in bubbles:
        colour = _rgb("#dcf8c6") if mine else _WHITE
        draw.rounded_rectangle((left, top, right, bottom), radius=16, fill=(*colour, 255))
    draw.rounded_rectangle((790, 480, 960, 580), radius=14, fill=(*_rgb("#e76f51"), 255))  # a catalogue card


_MOTIFS = {
    "circles": _draw_circles,
    "thirds": _draw_thirds,
    "phone": _draw_phone,
    "timeline": _draw_timeline,
    "segments": _draw_segments,
    "city": _draw_city,
    "product": _draw_product,
    "bars": _draw_bars,
    "chat": _draw_chat,
}


def render_poster(poster: Poster) -> bytes:
    """Draw `poster` as a JPEG of about 30-50 KB (1200x675 pixels, quality 80)."""
    height = POSTER_SIZE[1]
    top, bottom = (PillowImage.new("RGB", POSTER_SIZE, _rgb(colour)) for colour in poster.colours)
    canvas = PillowImage.composite(bottom, top, PillowImage.linear_gradient("L").resize(POSTER_SIZE)).convert("RGBA")

    overlay = PillowImage.new("RGBA", POSTER_SIZE, (0, 0, 0, 0))
    _MOTIFS[poster.motif](ImageDraw.Draw(overlay))
    canvas = PillowImage.alpha_composite(canvas, overlay)

    # The text sits on a dark translucent panel so it stays legible over any motif.
    kicker, headline, subtitle = _font("Bold", 28), _font("Bold", 72), _font("Regular", 32)
    panel = PillowImage.new("RGBA", POSTER_SIZE, (0, 0, 0, 0))
    measure = ImageDraw.Draw(panel)
    text_width = 560
    headline_lines = _wrap(measure, poster.headline, headline, text_width)
    subtitle_lines = _wrap(measure, poster.subtitle, subtitle, text_width)
    text_height = 50 + 86 * len(headline_lines) + 16 + 44 * len(subtitle_lines)
    y = (height - text_height) // 2
    measure.rounded_rectangle((40, y - 44, 680, y + text_height + 36), radius=28, fill=(0, 0, 0, 95))
    canvas = PillowImage.alpha_composite(canvas, panel).convert("RGB")

    draw = ImageDraw.Draw(canvas)
    draw.text((80, y), poster.kicker.upper(), font=kicker, fill=_ACCENT)
    y += 50
    for line in headline_lines:
        draw.text((80, y), line, font=headline, fill=_WHITE)
        y += 86
    y += 16
    for line in subtitle_lines:
        draw.text((80, y), line, font=subtitle, fill=_WHITE)
        y += 44

    output = io.BytesIO()
    canvas.save(output, "JPEG", quality=80, optimize=True, progressive=True)
    return output.getvalue()


_WORKSHEET_CSS = """
@font-face { font-family: "Noto Sans"; src: url("NotoSans-Regular.ttf"); }
@font-face { font-family: "Noto Sans"; font-weight: bold; src: url("NotoSans-Bold.ttf"); }
@font-face { font-family: "Noto Sans"; font-style: italic; src: url("NotoSans-Italic.ttf"); }
@page {
  size: A4 %(orientation)s; margin: 14mm 14mm 18mm;
  @bottom-center { content: "Sinau · %(course)s · boleh diperbanyak untuk keperluan pelatihan";
                   font-family: "Noto Sans"; font-size: 8pt; color: #52606d; }
}
body { font-family: "Noto Sans"; font-size: 10pt; color: #1f2933; }
h1 { font-size: 18pt; color: #0f4c81; margin: 0 0 3mm; }
p.intro { margin: 0 0 5mm; }
table { width: 100%%; border-collapse: collapse; }
th, td { border: 0.6pt solid #9aa5b1; padding: 2mm 2.5mm; text-align: left; vertical-align: top; }
th { background: #e6f0f8; }
td { height: 9mm; }
tr.example td { color: #52606d; font-style: italic; }
ul.notes { margin-top: 5mm; padding-left: 5mm; }
"""


def render_worksheet(sheet: Worksheet) -> bytes:
    """Render `sheet` to PDF with the project's Noto Sans; only local files may be fetched."""
    from weasyprint import HTML  # imported here: it takes half a second and only this needs it
    from weasyprint.urls import URLFetcher

    header = "".join(f"<th>{escape(column)}</th>" for column in sheet.columns)
    rows = "".join(
        '<tr class="{}">{}</tr>'.format(
            "example" if index < sheet.example_rows else "", "".join(f"<td>{escape(cell)}</td>" for cell in row)
        )
        for index, row in enumerate(sheet.rows)
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in sheet.notes)
    orientation = "landscape" if sheet.landscape else "portrait"
    html = (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{escape(sheet.title)}</title>'
        f"<style>{_WORKSHEET_CSS % {'course': COURSE.title, 'orientation': orientation}}</style></head><body>"
        f'<h1>{escape(sheet.title)}</h1><p class="intro">{escape(sheet.intro)}</p>'
        f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        f"{f'<ul class=notes>{notes}</ul>' if notes else ''}</body></html>"
    )
    fetcher = URLFetcher(allowed_protocols={"file"})
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf()
