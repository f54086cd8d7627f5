#!/usr/bin/env python3
"""Renders the OCR fixtures of Tests/Fixtures/ocr/: receipts that test how pages are read
(languages, preparation of phone photos, second readings), not what the extractor makes of
them. Deterministic. Needs Python 3, Pillow and Debian's fonts-dejavu-core, and
scripts/render-fixtures.py beside it (for the perspective solver). Run from the repository root:

    /usr/bin/python3 scripts/render-ocr-fixtures.py

Each NAME.png/.jpg has a NAME.json beside it: `words` (words printed on it, compared folded
as in Tests/TestSupport/TextFolding.swift), `amounts` (amounts as printed) and `total` (as
printed).

- receipt-en-small: an English receipt with decimal amounts, printed small and a little
  blurred, as a thermal receipt scanned at 200 dpi. With `vie+eng` Tesseract 5.3.0 reads
  `2.12` as `212` and `4.76` as `476`; with `eng` alone it reads every amount.
- photo-receipt-vi, photo-receipt-en: receipts photographed with a phone: the paper turned
  a few degrees with perspective on a darker textured table, a shadow across, blur, small
  text, JPEG.
- photo-invoice: an A4 invoice photographed from further away (smaller text).
"""
import importlib.util
import json
import os
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

# The perspective solver of scripts/render-fixtures.py, which render-kinds.py uses too.
_spec = importlib.util.spec_from_file_location(
    "render_fixtures", os.path.join(os.path.dirname(os.path.abspath(__file__)), "render-fixtures.py"))
_render_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_render_fixtures)
perspective_coefficients = _render_fixtures.perspective_coefficients

OUT = "Tests/Fixtures/ocr"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def printed_rows(text):
    """The rows of a receipt written as it is printed, one row a line: a kind, then its text.
    Kinds: "c" centred, "l" at the left margin, "r" a label at the left and its amount at the
    right margin (written "label | amount"); a "b" after the letter prints the row in bold."""
    rows = []
    for line in text.strip("\n").split("\n"):
        kind, content = line.split(None, 1)
        rows.append((kind, *content.split(" | ")) if kind.startswith("r") else (kind, content))
    return rows


ENGLISH_RECEIPT = printed_rows("""
c  RESTORAN SELERA KITA SDN BHD
c  (CO REG 750441-W)
c  NO 8 JALAN MERANTI 3, TAMAN SRI MUDA
c  GST ID : 000123456789
l  Invoice No : CS00012345
l  Date : 04/12/2017 12:41
r  Teh Tarik | 2.12
r  Nasi Lemak Ayam | 4.76
r  Roti Canai x2 | 2.12
r  Total : | 9.00
r  Cash : | 10.00
r  Change : | 1.00
c  THANK YOU. PLEASE COME AGAIN
""")
ENGLISH_WORDS = ["RESTORAN", "SELERA", "MERANTI", "Invoice", "Tarik", "Lemak", "Canai", "Total", "Cash", "Change",
                 "THANK"]
ENGLISH_AMOUNTS = ["2.12", "4.76", "9.00", "10.00", "1.00"]

VIETNAMESE_RECEIPT = printed_rows("""
cb SIÊU THỊ MINH PHÁT
c  123 Nguyễn Trãi, Quận 1, TP.HCM
c  MST: 0312345678
cb HÓA ĐƠN BÁN HÀNG
l  Số HĐ: 00012345
l  Ngày: 12/03/2026  09:41
l  Thu ngân: Lan
l  --------------------------------------------
r  Sữa tươi Vinamilk 1L  2 x 32.000 | 64.000
r  Bánh mì sandwich  1 x 15.000 | 15.000
r  Nước suối Aquafina  2 x 10.000 | 20.000
l  --------------------------------------------
r  Tổng tiền hàng: | 99.000
r  Chiết khấu: | 0
rb TỔNG TIỀN PHẢI T.TOÁN: | 99.000
r  Tiền khách đưa: | 100.000
r  Tiền thối lại: | 1.000
c  Cảm ơn quý khách!
""")
VIETNAMESE_WORDS = ["SIÊU", "MINH", "PHÁT", "Nguyễn", "BÁN", "HÀNG", "Thu", "ngân", "Vinamilk", "sandwich",
                    "Aquafina", "suối", "khách", "thối", "TIỀN", "PHẢI", "Cảm"]
VIETNAMESE_AMOUNTS = ["64.000", "15.000", "20.000", "99.000", "100.000", "1.000"]


def render_receipt(rows, size, width, margin=20, font=SANS, bold=BOLD):
    """A receipt as printed: grey levels 255 paper, 0 ink."""
    regular = ImageFont.truetype(font, size)
    heavy = ImageFont.truetype(bold, size)
    line = int(size * 1.5)
    image = Image.new("L", (width, line * len(rows) + 2 * margin), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for row in rows:
        kind = row[0]
        face = heavy if kind.endswith("b") else regular
        if kind.startswith("c"):
            x = (width - draw.textlength(row[1], font=face)) / 2
            draw.text((x, y), row[1], font=face, fill=0)
        elif kind.startswith("l"):
            draw.text((margin, y), row[1], font=face, fill=0)
        else:
            draw.text((margin, y), row[1], font=face, fill=0)
            draw.text((width - margin - draw.textlength(row[2], font=face), y), row[2], font=face, fill=0)
        y += line
    return image


def small_scan(image, scale, blur):
    """A thermal receipt scanned small: slightly blurred, then resampled."""
    image = image.filter(ImageFilter.GaussianBlur(blur))
    return image.resize((int(image.width * scale), int(image.height * scale)), Image.BILINEAR)


def table(width, height, rng):
    """A darker textured surface: wood-like streaks of noise in brown."""
    streaks = Image.effect_noise((max(1, width // 6), max(1, height // 40)), 60).resize((width, height), Image.BICUBIC)
    grain = Image.effect_noise((width, height), 25)
    texture = Image.blend(streaks, grain, 0.35)
    red = texture.point(lambda v: int(70 + v * 0.35))
    green = texture.point(lambda v: int(50 + v * 0.28))
    blue = texture.point(lambda v: int(35 + v * 0.2))
    return Image.merge("RGB", (red, green, blue))


def photograph(paper, canvas, corners, rng, shadow=0.45, blur=1.1, final_width=None, quality=72):
    """`paper` (grey) laid on a table at `corners` (clockwise from top left, in canvas pixels),
    lit unevenly, slightly out of focus, resized to `final_width` and saved as JPEG."""
    width, height = canvas
    background = table(width, height, rng)
    w, h = paper.size
    coefficients = perspective_coefficients(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    tinted = Image.merge("RGB", (paper.point(lambda v: int(v * 0.97)), paper.point(lambda v: int(v * 0.95)),
                                 paper.point(lambda v: int(v * 0.90))))
    warped = tinted.transform((width, height), Image.PERSPECTIVE, coefficients, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", (w, h), 255).transform((width, height), Image.PERSPECTIVE, coefficients, Image.BILINEAR,
                                                 fillcolor=0)
    scene = Image.composite(warped, background, mask)
    # Light falling off across the picture to (1 - shadow), and the soft shadow of the
    # phone and hand over one corner.
    light = Image.new("L", (64, 64))
    light.putdata([int(255 * (1 - shadow * min(1, max(0, (0.8 * x + 0.45 * y) / 64 - 0.15)))) for y in range(64)
                   for x in range(64)])
    light = light.resize((width, height), Image.BILINEAR)
    hand = Image.new("L", (width, height), 255)
    ImageDraw.Draw(hand).ellipse([int(width * 0.55), int(-height * 0.25), int(width * 1.3), int(height * 0.3)],
                                 fill=int(255 * (1 - shadow * 0.6)))
    light = ImageChops.multiply(light, hand.filter(ImageFilter.GaussianBlur(width // 12)))
    scene = Image.merge("RGB", [ImageChops.multiply(band, light) for band in scene.split()])
    scene = scene.filter(ImageFilter.GaussianBlur(blur))
    if final_width:
        scene = scene.resize((final_width, int(height * final_width / width)), Image.LANCZOS)
    # Sensor noise.
    noise = Image.effect_noise(scene.size, 10).point(lambda v: v - 128 + 128)
    scene = Image.merge("RGB", [ImageChops.add(band, noise, 1, -128) for band in scene.split()])
    return scene


def write(name, image, words, amounts, total, **save):
    """`total` as printed (one of `amounts`)."""
    extension = "jpg" if save.get("format") == "JPEG" else "png"
    image.save(f"{OUT}/{name}.{extension}", **save)
    with open(f"{OUT}/{name}.json", "w", encoding="utf-8") as handle:
        json.dump({"words": words, "amounts": amounts, "total": total}, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20261205)
    random.seed(20261205)

    english = render_receipt(ENGLISH_RECEIPT, 19, 576)
    write("receipt-en-small", small_scan(english, 0.75, 0.8), ENGLISH_WORDS, ENGLISH_AMOUNTS, "9.00",
          dpi=(152, 152), optimize=True)

    vietnamese = render_receipt(VIETNAMESE_RECEIPT, 30, 900)
    corners = [(300, 170), (1160, 215), (1215, 1700), (235, 1660)]
    photo = photograph(vietnamese, (1500, 1900), corners, rng, final_width=780)
    write("photo-receipt-vi", photo, VIETNAMESE_WORDS, VIETNAMESE_AMOUNTS, "99.000", format="JPEG", quality=72)

    english_large = render_receipt(ENGLISH_RECEIPT, 30, 900)
    corners = [(250, 260), (1180, 200), (1240, 1130), (290, 1190)]
    photo = photograph(english_large, (1500, 1400), corners, rng, shadow=0.5, final_width=800)
    write("photo-receipt-en", photo, ENGLISH_WORDS, ENGLISH_AMOUNTS, "9.00", format="JPEG", quality=72)


if __name__ == "__main__":
    main()
