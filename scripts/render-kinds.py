#!/usr/bin/env python3
"""Render a corpus of documents of the kinds users really send, with their expected fields.

What it makes (Tests/Fixtures/kinds/)
    NAME.pdf | NAME.png | NAME.jpg   one document (one page)
    NAME.json                        the fields an extractor should find on it
    README.md                        a generated list of every file in that folder

    Kinds ("kind" in the JSON):
      vn-einvoice         Vietnamese VAT e-invoice PDFs (reportlab, DejaVu embedded: a text layer)
                          in the layouts of six invented e-invoice providers, each with the
                          provider's imprint, its own MST and a lookup line at the foot
      vn-einvoice-render  each of those pages rendered to PNG at 150 dpi by pdftoppm
      vn-einvoice-scan    each rendered at 200-300 dpi and "scanned": grey paper, slight rotation,
                          scanner-edge shadow, noise, JPEG or PNG
      vn-receipt          Vietnamese thermal receipts of shops, chains and cafés (Pillow)
      foreign-receipt     English-language (and one German) receipts from Malaysia, Singapore,
                          the EU, the UK and the US (Pillow)
      vendor-invoice      born-digital invoices of foreign vendors (reportlab)
      photo               phone photos of some of the above: the page on a table, perspective,
                          shadow gradient, uneven light, blur, JPEG ~75

    Everything is invented (companies, providers, people, tax codes, amounts) but written the
    way such documents are printed; nothing here is shaped to what the extractor can read.

What it needs
    /usr/bin/python3 with Debian's python3-pil and python3-reportlab, the DejaVu fonts
    (fonts-dejavu-core, fonts-dejavu-extra) and pdftoppm (poppler-utils). It imports the
    number-to-words, tax-code, expected-field, word-wrapping and perspective helpers from
    scripts/render-fixtures.py.

How to run (from anywhere)
    python3 scripts/render-kinds.py            # (re)render everything, rewrite README.md
    python3 scripts/render-kinds.py --list     # list the documents
    python3 scripts/render-kinds.py --only vn-receipt-04 --only photo-vn-receipt-04
    scripts/ocr-kinds.sh                       # then refresh Tests/InvoiceExtractionTests/Corpus/kinds

Determinism
    Each document draws from its own random.Random seeded by SEED and its name (derived
    documents by their own name too), reportlab writes with invariant=1 (no dates or random
    ids), and all noise comes from those generators; the same tool versions give the same bytes.

Expected fields (same keys and meaning as Tests/Fixtures/invoices/*.json)
    invoice_type, invoice_series, invoice_number, invoice_code, invoice_date (ISO),
    seller_name, seller_tax_code, buyer_name, buyer_tax_code, subtotal, vat_rate, vat_amount,
    total_amount, currency (ISO code), amount_in_words; plus kind, variant, layout and, for
    renders, scans and photos, source (the document they were made from). Conventions that
    the older fixtures did not need are written in README_HEAD below.
"""

import argparse
import importlib.util
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zlib
from datetime import date, timedelta

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

SEED = 20261204
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT_DIR = os.path.join(REPO, "Tests", "Fixtures", "kinds")
MAX_FOLDER_BYTES = 12 * 1024 * 1024

# The number words, tax-code check digit, fonts, expected-field keys, word wrapping and
# perspective of the older renderer, so that both corpora spell amounts and check codes, and
# lay out their text, the same way.
_spec = importlib.util.spec_from_file_location("render_fixtures", os.path.join(HERE, "render-fixtures.py"))
rf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rf)
nfc = rf.nfc
mst_check_digit = rf.mst_check_digit
mst_valid = rf.mst_valid
vn_amount_words = rf.vn_amount_words
fields = rf.fields
wrap_words = rf.wrap_words
perspective_coefficients = rf.perspective_coefficients
FONT_DIR = rf.FONT_DIR
KEYS = rf.FIELD_KEYS


def doc_rng(name):
    return random.Random(SEED ^ zlib.crc32(name.encode()))


def tax_code(body9, branch=None):
    """A valid MST from its first nine digits (and a branch suffix)."""
    c = mst_check_digit(body9)
    assert c is not None, body9
    return body9 + str(c) + (f"-{branch:03d}" if branch else "")


def vnd(n, sep="."):
    return f"{n:,}".replace(",", sep)


def dec(cents, thousands=",", point="."):
    """12345 -> '123.45' (or '123,45' with point=',')."""
    whole = f"{cents // 100:,}".replace(",", "\x00").replace("\x00", thousands)
    return f"{whole}{point}{cents % 100:02d}"


def lookup_code(rng, n=12):
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))


def cqt_code(rng):
    return "00" + "".join(rng.choice("0123456789ABCDEF") for _ in range(32))


# --------------------------------------------------------------------------------------
# PDF drawing (reportlab), with y measured from the top of the page
# --------------------------------------------------------------------------------------

PDF_FONTS = {
    ("sans", False, False): ("DV", "DejaVuSans.ttf"),
    ("sans", True, False): ("DV-B", "DejaVuSans-Bold.ttf"),
    ("sans", False, True): ("DV-I", "DejaVuSans-Oblique.ttf"),
    ("sans", True, True): ("DV-BI", "DejaVuSans-BoldOblique.ttf"),
    ("serif", False, False): ("DVS", "DejaVuSerif.ttf"),
    ("serif", True, False): ("DVS-B", "DejaVuSerif-Bold.ttf"),
    ("serif", False, True): ("DVS-I", "DejaVuSerif-Italic.ttf"),
    ("serif", True, True): ("DVS-BI", "DejaVuSerif-BoldItalic.ttf"),
    ("cond", False, False): ("DVC", "DejaVuSansCondensed.ttf"),
    ("cond", True, False): ("DVC-B", "DejaVuSansCondensed-Bold.ttf"),
    ("cond", False, True): ("DVC-I", "DejaVuSansCondensed-Oblique.ttf"),
    ("cond", True, True): ("DVC-BI", "DejaVuSansCondensed-BoldOblique.ttf"),
}
_registered = set()


def pdf_font(family, bold=False, italic=False):
    name, fn = PDF_FONTS[(family, bold, italic)]
    if name not in _registered:
        pdfmetrics.registerFont(TTFont(name, os.path.join(FONT_DIR, fn)))
        _registered.add(name)
    return name


class Pdf:
    """One page. Coordinates in points from the top-left corner; y of text is its baseline."""

    def __init__(self, path, family="sans", pagesize=A4, creator=None, title=None):
        self.c = rl_canvas.Canvas(path, pagesize=pagesize, invariant=1, pageCompression=1)
        self.W, self.H = pagesize
        self.family = family
        if creator:
            self.c.setCreator(creator)
            self.c.setProducer(creator)
        if title:
            self.c.setTitle(title)

    def fontname(self, bold=False, italic=False, family=None):
        return pdf_font(family or self.family, bold, italic)

    def width(self, s, size=9, bold=False, italic=False, family=None):
        return pdfmetrics.stringWidth(nfc(s), self.fontname(bold, italic, family), size)

    def text(self, x, y, s, size=9, bold=False, italic=False, align="left", color=(0, 0, 0), family=None):
        s = nfc(s)
        self.c.setFont(self.fontname(bold, italic, family), size)
        self.c.setFillColorRGB(*color)
        yy = self.H - y
        if align == "center":
            self.c.drawCentredString(x, yy, s)
        elif align == "right":
            self.c.drawRightString(x, yy, s)
        else:
            self.c.drawString(x, yy, s)
        return x + self.width(s, size, bold, italic, family)

    def rotated(self, x, y, s, size=6.5, angle=90, color=(0.3, 0.3, 0.3)):
        self.c.saveState()
        self.c.translate(x, self.H - y)
        self.c.rotate(angle)
        self.c.setFont(self.fontname(), size)
        self.c.setFillColorRGB(*color)
        self.c.drawString(0, 0, nfc(s))
        self.c.restoreState()

    def wrap(self, s, maxw, size=9, bold=False, italic=False, family=None):
        return wrap_words(s, maxw, lambda t: self.width(t, size, bold, italic, family))

    def para(self, x, y, s, maxw, size=9, lh=None, **kw):
        lh = lh or size * 1.3
        for line in self.wrap(s, maxw, size, kw.get("bold", False), kw.get("italic", False), kw.get("family")):
            self.text(x, y, line, size, **kw)
            y += lh
        return y

    def labelled(self, x, y, label, value, maxw, size=9, lh=None, vbold=False, lbold=False, color=(0, 0, 0),
                 vcolor=(0, 0, 0), dots=False, vsize=None):
        """'Label: value', the value wrapped under itself; returns the next baseline."""
        lh = lh or size * 1.4
        end = self.text(x, y, label, size, bold=lbold, color=color)
        vx = end + 4
        if not value:
            if dots:
                self.dots(y + 1.5, vx, x + maxw)
            return y + lh
        vs = vsize or size
        for line in self.wrap(value, x + maxw - vx, vs, vbold):
            self.text(vx, y, line, vs, bold=vbold, color=vcolor)
            y += lh
        return y

    def labelled_rows(self, x, y, rows, maxw, size=9, **kw):
        """labelled() for each (label, value, value in bold) of rows, one under the other; a row
        without a value is a dotted line to fill in. Returns the next baseline."""
        for label, value, vbold in rows:
            y = self.labelled(x, y, label, value or "", maxw, size, vbold=vbold, dots=True, **kw)
        return y

    def label_value(self, x, y, label, value, size=9, vsize=None, **value_style):
        """label, then value straight after it on the same baseline (in vsize and value_style:
        the series and number boxes print the number bigger, bold or red)."""
        end = self.text(x, y, label, size)
        return self.text(end, y, value, vsize or size, **value_style)

    def text_lines(self, x, y, lines, size, step, **kw):
        """Each of lines at x, step apart downwards from y; returns the baseline after the last."""
        for line in lines:
            self.text(x, y, line, size, **kw)
            y += step
        return y

    def line(self, x0, y0, x1, y1, w=0.6, color=(0, 0, 0), dash=None):
        self.c.setStrokeColorRGB(*color)
        self.c.setLineWidth(w)
        if dash:
            self.c.setDash(*dash)
        self.c.line(x0, self.H - y0, x1, self.H - y1)
        if dash:
            self.c.setDash()

    def rect(self, x, y, w, h, lw=0.6, stroke=(0, 0, 0), fill=None, radius=0):
        self.c.setLineWidth(lw)
        self.c.setStrokeColorRGB(*stroke)
        if fill is not None:
            self.c.setFillColorRGB(*fill)
        if radius:
            self.c.roundRect(x, self.H - y - h, w, h, radius, stroke=1 if lw else 0, fill=1 if fill is not None else 0)
        else:
            self.c.rect(x, self.H - y - h, w, h, stroke=1 if lw else 0, fill=1 if fill is not None else 0)

    def dots(self, y, x0, x1, color=(0.4, 0.4, 0.4)):
        self.line(x0, y, x1, y, 0.5, color, dash=(1, 2))

    def circle(self, x, y, r, lw=1, stroke=(0, 0, 0), fill=None):
        self.c.setLineWidth(lw)
        self.c.setStrokeColorRGB(*stroke)
        if fill is not None:
            self.c.setFillColorRGB(*fill)
        self.c.circle(x, self.H - y, r, stroke=1 if lw else 0, fill=1 if fill is not None else 0)

    def qr(self, x, y, size, rng, n=25):
        """A QR-like square: three finder patterns and seeded modules (not decodable)."""
        m = size / n
        self.c.setFillColorRGB(0, 0, 0)
        for i in range(n):
            for j in range(n):
                finder = (i < 8 and j < 8) or (i < 8 and j >= n - 8) or (i >= n - 8 and j < 8)
                if finder:
                    continue
                if rng.random() < 0.48:
                    self.c.rect(x + j * m, self.H - y - (i + 1) * m, m, m, stroke=0, fill=1)
        for fi, fj in ((0, 0), (0, n - 7), (n - 7, 0)):
            self.c.rect(x + fj * m, self.H - y - (fi + 7) * m, 7 * m, 7 * m, stroke=0, fill=1)
            self.c.setFillColorRGB(1, 1, 1)
            self.c.rect(x + (fj + 1) * m, self.H - y - (fi + 6) * m, 5 * m, 5 * m, stroke=0, fill=1)
            self.c.setFillColorRGB(0, 0, 0)
            self.c.rect(x + (fj + 2) * m, self.H - y - (fi + 5) * m, 3 * m, 3 * m, stroke=0, fill=1)

    def logo(self, x, y, size, color, rng, shape=None):
        """A vector emblem standing in for the seller's logo image (no text)."""
        shape = shape or rng.choice(["rings", "leaf", "diamond", "bars"])
        cx, cy = x + size / 2, y + size / 2
        if shape == "rings":
            for k, r in enumerate((0.48, 0.34, 0.2)):
                self.circle(cx, cy, size * r, lw=size * 0.06, stroke=color)
        elif shape == "leaf":
            self.circle(cx, cy, size * 0.45, lw=0, fill=color)
            self.circle(cx + size * 0.15, cy - size * 0.12, size * 0.3, lw=0, fill=(1, 1, 1))
        elif shape == "diamond":
            p = self.c.beginPath()
            p.moveTo(cx, self.H - y)
            p.lineTo(x + size, self.H - cy)
            p.lineTo(cx, self.H - y - size)
            p.lineTo(x, self.H - cy)
            p.close()
            self.c.setFillColorRGB(*color)
            self.c.drawPath(p, stroke=0, fill=1)
        else:
            self.c.setFillColorRGB(*color)
            for k in range(4):
                h = size * (0.35 + 0.2 * k)
                self.c.rect(x + k * size * 0.26, self.H - y - size, size * 0.18, h, stroke=0, fill=1)

    def watermark(self, cx, cy, r, color=(0.93, 0.95, 0.98)):
        """The faint emblem many e-invoice templates print behind the table (vector, no text)."""
        for k in range(5):
            self.circle(cx, cy, r * (1 - k * 0.17), lw=r * 0.05, stroke=color)

    def table(self, x, y, cols, rows, size=8.5, hsize=None, pad=3.2, header_fill=None, index_row=None,
              min_rows=0, lw=0.5, hbold=True, hcolor=(0, 0, 0), grid="full", hitalic_second=True):
        """cols: [(header with '\\n' between its lines, width, align l|c|r)]. Returns the bottom y."""
        hsize = hsize or size
        total_w = sum(w for _, w, _ in cols)
        hl = max(len(h.split("\n")) for h, _, _ in cols)
        hh = hl * hsize * 1.25 + 2 * pad
        top = y
        if header_fill:
            self.rect(x, y, total_w, hh, lw=0, fill=header_fill)
        cx = x
        for head, w, _ in cols:
            parts = head.split("\n")
            yy = y + pad + hsize + (hl - len(parts)) * hsize * 0.625
            for k, part in enumerate(parts):
                italic = hitalic_second and k > 0 and part.startswith("(")
                self.text(cx + w / 2, yy, part, hsize, bold=hbold and not italic, italic=italic, align="center",
                          color=hcolor)
                yy += hsize * 1.25
            cx += w
        y += hh
        self.line(x, y, x + total_w, y, lw)
        if index_row:
            cx = x
            for (_, w, _), label in zip(cols, index_row):
                self.text(cx + w / 2, y + size * 0.95 + 1, label, size * 0.85, italic=True, align="center")
                cx += w
            y += size * 1.35
            self.line(x, y, x + total_w, y, lw)
        lh = size * 1.3
        all_rows = list(rows) + [[""] * len(cols)] * max(0, min_rows - len(rows))
        for row in all_rows:
            cells = [self.wrap(str(v), w - 2 * pad, size) if v != "" else [] for v, (_, w, _) in zip(row, cols)]
            n = max(1, max(len(c) for c in cells))
            rh = n * lh + 2 * pad - 1
            cx = x
            for lines, (_, w, align) in zip(cells, cols):
                yy = y + pad + size
                for line in lines:
                    if align == "r":
                        self.text(cx + w - pad, yy, line, size, align="right")
                    elif align == "c":
                        self.text(cx + w / 2, yy, line, size, align="center")
                    else:
                        self.text(cx + pad, yy, line, size)
                    yy += lh
                cx += w
            y += rh
            if grid in ("full", "rows"):
                self.line(x, y, x + total_w, y, lw * 0.6, (0.35, 0.35, 0.35) if grid == "rows" else (0, 0, 0))
        if grid == "full":
            self.rect(x, top, total_w, y - top, lw)
            cx = x
            for _, w, _ in cols[:-1]:
                cx += w
                self.line(cx, top, cx, y, lw * 0.8)
        return y

    def save(self):
        self.c.showPage()
        self.c.save()


# --------------------------------------------------------------------------------------
# Vietnamese e-invoices: providers, sellers, buyers, goods
# --------------------------------------------------------------------------------------

# Invented e-invoice software providers; their MST is printed in the imprint and must
# never be taken for the seller's.
PROVIDERS = {
    "saoviet": dict(software="SV-eInvoice", company="Công ty Cổ phần Giải pháp Sao Việt", mst=tax_code("010123456"),
                    lookup="https://tracuu.saoviet-einvoice.vn"),
    "hoadonxanh": dict(software="Hóa Đơn Xanh", company="Công ty TNHH Công nghệ Lá Xanh", mst=tax_code("031456780"),
                       lookup="https://hoadonxanh.vn/tra-cuu"),
    "tinvan": dict(software="TV-Invoice", company="Công ty Cổ phần Công nghệ Tín Vân", mst=tax_code("010987653"),
                   lookup="https://tracuu.tinvan.vn"),
    "anhduong": dict(software="ADInvoice", company="Công ty TNHH Phần mềm Ánh Dương", mst=tax_code("031555888"),
                     lookup="https://adinvoice.vn/tracuu"),
    "mekong": dict(software="Mekong e-Invoice", company="Công ty Cổ phần Dịch vụ Số Mê Kông",
                   mst=tax_code("180123456"), lookup="https://einvoice.mekongsoft.vn"),
    "phuongbac": dict(software="PB-HĐĐT", company="Công ty TNHH Giải pháp Phương Bắc", mst=tax_code("010765432"),
                      lookup="https://hddt.phuongbac.vn"),
}

# (name, unit, low price, high price) in đồng
EINV_SELLERS = {
    "hoanglong": dict(
        name="CÔNG TY TNHH THƯƠNG MẠI VÀ DỊCH VỤ KỸ THUẬT CÔNG NGHIỆP HOÀNG LONG",
        en="HOANG LONG INDUSTRIAL TECHNICAL SERVICES AND TRADING COMPANY LIMITED", body="031598246",
        addr="Tầng 4, tòa nhà Hoàng Long Tower, 27B Nguyễn Đình Chiểu, Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh, Việt Nam",
        tel="028 3822 4517", type="service",
        items=[("Bảo trì định kỳ hệ thống điều hòa trung tâm tháng {m:02d}/{y}", "Lần", 4500000, 9800000),
               ("Vệ sinh dàn lạnh, dàn nóng máy điều hòa cassette", "Bộ", 350000, 550000),
               ("Kiểm tra, bảo dưỡng máy điều hòa treo tường", "Lần", 280000, 420000),
               ("Công thay thế tụ máy nén (không bao gồm vật tư)", "Lần", 250000, 400000)]),
    "saomai": dict(
        name="CÔNG TY CỔ PHẦN ĐẦU TƯ PHÁT TRIỂN CÔNG NGHỆ SAO MAI - CHI NHÁNH HÀ NỘI", body="010068620", branch=96,
        addr="Tầng 12, tòa nhà Sông Đà, 165 Cầu Giấy, Phường Quan Hoa, Quận Cầu Giấy, Thành phố Hà Nội, Việt Nam",
        tel="024 3795 8811", type="general",
        items=[("Máy tính xách tay Dell Latitude 5440 (i5-1335U/16GB/512GB SSD)", "Chiếc", 21500000, 25900000),
               ("Màn hình Dell P2422H 23.8 inch", "Chiếc", 3900000, 4600000),
               ("Bàn phím không dây Logitech K835", "Cái", 1150000, 1450000),
               ("Bộ lưu điện UPS Santak Blazer 1000VA", "Bộ", 2400000, 2900000),
               ("Cáp HDMI Ugreen 2.0 dài 3m", "Sợi", 150000, 220000)]),
    "kaizen": dict(
        name="CÔNG TY TNHH GIẢI PHÁP DỮ LIỆU KAIZEN VIỆT NAM", en="KAIZEN DATA SOLUTIONS VIETNAM COMPANY LIMITED",
        body="031477302",
        addr="Phòng 1203, Tầng 12, tòa nhà Pearl Plaza, 561A Điện Biên Phủ, Phường 25, Quận Bình Thạnh, Thành phố Hồ Chí Minh",
        tel="028 3514 6620", type="service",
        items=[("Phí bản quyền phần mềm Kaizen BI - gói Doanh nghiệp (12 tháng)", "Gói", 36000000, 58000000),
               ("Phí dịch vụ phân tích dữ liệu bán hàng tháng {m:02d}/{y}", "Tháng", 12000000, 18000000),
               ("Đào tạo sử dụng hệ thống cho người dùng cuối", "Buổi", 3500000, 5000000)]),
    "phucthinh": dict(
        name="CHI NHÁNH CÔNG TY CỔ PHẦN THỰC PHẨM PHÚC THỊNH TẠI THÀNH PHỐ ĐÀ NẴNG", body="040062935", branch=3,
        addr="Lô 12, Khu công nghiệp Hòa Khánh, Phường Hòa Khánh Bắc, Quận Liên Chiểu, Thành phố Đà Nẵng",
        tel="0236 3731 552", type="general",
        items=[("Bánh quy bơ Phúc Thịnh hộp thiếc 454g", "Hộp", 82000, 98000),
               ("Kẹo dừa sữa Bến Tre gói 400g", "Gói", 38000, 46000),
               ("Mứt gừng dẻo hộp 500g", "Hộp", 65000, 78000),
               ("Trà sen Tây Hồ hộp 200g", "Hộp", 120000, 160000),
               ("Hạt điều rang muối hũ 500g", "Hũ", 145000, 185000)]),
    "tantien": dict(
        name="CÔNG TY TNHH MỘT THÀNH VIÊN IN ẤN BAO BÌ TÂN TIẾN", body="370145883",
        addr="Số 18, Đường DT743, Khu phố Bình Đáng, Phường Bình Hòa, Thành phố Thuận An, Tỉnh Bình Dương",
        tel="0274 3755 901", type="general",
        items=[("Thùng carton 5 lớp 60x40x40 cm in 2 màu", "Cái", 18000, 26000),
               ("Túi giấy kraft quai xoắn in logo 25x35 cm", "Cái", 3500, 5200),
               ("Tem nhãn decal giấy 50x70 mm", "Cuộn", 95000, 140000),
               ("Hộp giấy ivory 350gsm cán màng", "Cái", 6500, 9800)]),
    "truongson": dict(
        name="CÔNG TY CỔ PHẦN VẬN TẢI VÀ GIAO NHẬN LOGISTICS TRƯỜNG SƠN", body="030587714",
        en="TRUONG SON LOGISTICS AND TRANSPORT JOINT STOCK COMPANY",
        addr="Số 6 Lê Thánh Tôn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh, Việt Nam",
        tel="028 3911 0458", type="service",
        items=[("Cước vận chuyển container 40' Cát Lái - KCN VSIP 1", "Chuyến", 4200000, 5600000),
               ("Phí nâng hạ container tại cảng", "Cont", 850000, 1150000),
               ("Phí khai báo hải quan điện tử", "Tờ khai", 600000, 900000),
               ("Phụ phí nhiên liệu", "Chuyến", 350000, 600000)]),
    "ankhang": dict(
        name="CÔNG TY TNHH NỘI THẤT VĂN PHÒNG AN KHANG - CHI NHÁNH BÌNH DƯƠNG", body="030721548", branch=5,
        addr="Số 245 Đại lộ Bình Dương, Phường Phú Thọ, Thành phố Thủ Dầu Một, Tỉnh Bình Dương",
        tel="0274 3820 664", type="general",
        items=[("Bàn làm việc chân sắt mặt gỗ MFC 1400x700", "Cái", 1850000, 2450000),
               ("Ghế xoay văn phòng lưng lưới tay gập", "Cái", 950000, 1450000),
               ("Tủ hồ sơ sắt 3 ngăn kéo", "Cái", 2150000, 2750000),
               ("Vách ngăn văn phòng nỉ xanh cao 1m2", "Mét", 650000, 850000)]),
    "songhan": dict(
        name="CÔNG TY TNHH KHÁCH SẠN VÀ DU LỊCH SÔNG HÀN", en="SONG HAN HOTEL AND TOURISM COMPANY LIMITED",
        body="040183326",
        addr="Số 116 Bạch Đằng, Phường Hải Châu 1, Quận Hải Châu, Thành phố Đà Nẵng, Việt Nam",
        tel="0236 3822 579", type="service",
        items=[("Tiền phòng Deluxe hướng sông ({n} đêm)", "Phòng", 1250000, 1850000),
               ("Dịch vụ ăn sáng buffet", "Suất", 180000, 250000),
               ("Thuê phòng họp nửa ngày", "Buổi", 3500000, 5500000),
               ("Dịch vụ giặt ủi", "Lần", 120000, 260000)]),
    "minhphat": dict(
        name="CÔNG TY CỔ PHẦN THIẾT BỊ Y TẾ MINH PHÁT", en="MINH PHAT MEDICAL EQUIPMENT JOINT STOCK COMPANY",
        body="010524772",
        addr="Số 38 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Thành phố Hà Nội",
        tel="024 3943 2218", type="general",
        items=[("Máy đo huyết áp bắp tay Omron HEM-7156", "Cái", 980000, 1250000),
               ("Nhiệt kế điện tử đo trán", "Cái", 320000, 480000),
               ("Khẩu trang y tế 4 lớp (hộp 50 cái)", "Hộp", 38000, 55000),
               ("Máy đo SpO2 kẹp ngón", "Cái", 390000, 560000),
               ("Găng tay y tế nitrile không bột (hộp 100 cái)", "Hộp", 95000, 135000)]),
    "daiviet": dict(
        name="CÔNG TY TNHH TƯ VẤN QUẢN LÝ VÀ ĐÀO TẠO DOANH NGHIỆP ĐẠI VIỆT", body="010836195",
        addr="Tầng 7, tòa nhà Việt Á, số 9 Duy Tân, Phường Dịch Vọng Hậu, Quận Cầu Giấy, Thành phố Hà Nội",
        tel="024 6282 9910", type="service",
        items=[("Phí tư vấn xây dựng hệ thống đánh giá KPI (giai đoạn 1)", "Gói", 45000000, 68000000),
               ("Khóa đào tạo kỹ năng quản lý cấp trung (2 ngày)", "Khóa", 18000000, 26000000),
               ("Tài liệu đào tạo in màu", "Bộ", 150000, 220000)]),
    "haidang": dict(
        name="CÔNG TY TNHH PHẦN MỀM VÀ DỊCH VỤ CÔNG NGHỆ THÔNG TIN HẢI ĐĂNG (VIỆT NAM)",
        en="HAI DANG SOFTWARE AND IT SERVICES (VIETNAM) COMPANY LIMITED", body="031609354",
        addr="Tầng 4, tòa nhà Etown 2, 364 Cộng Hòa, Phường 13, Quận Tân Bình, Thành phố Hồ Chí Minh",
        tel="028 3812 7733", type="service",
        items=[("Phí thuê bao phần mềm quản lý kho HD-WMS tháng {m:02d}/{y}", "Tháng", 8500000, 12500000),
               ("Phí triển khai, cấu hình hệ thống", "Gói", 15000000, 25000000),
               ("Phí hỗ trợ kỹ thuật ngoài giờ", "Giờ", 450000, 650000)]),
    "binhminh": dict(
        name="CÔNG TY CỔ PHẦN XÂY DỰNG VÀ VẬT LIỆU BÌNH MINH - CHI NHÁNH CẦN THƠ", body="180094512", branch=12,
        addr="Số 88 Đường 3 Tháng 2, Phường Xuân Khánh, Quận Ninh Kiều, Thành phố Cần Thơ",
        tel="0292 3838 167", type="general",
        items=[("Xi măng PCB40 (bao 50kg)", "Bao", 86000, 96000),
               ("Thép cuộn phi 8 CB240-T", "Kg", 15500, 17800),
               ("Cát vàng xây dựng", "m3", 380000, 460000),
               ("Gạch ống 4 lỗ 8x8x18", "Viên", 1100, 1400)]),
}

EINV_BUYERS = [
    dict(name="CÔNG TY TNHH SẢN XUẤT BAO BÌ NHỰA THÀNH ĐẠT", body="031245798",
         addr="Số 52 Đường số 7, KCN Tân Tạo, Phường Tân Tạo A, Quận Bình Tân, Thành phố Hồ Chí Minh"),
    dict(name="CÔNG TY CỔ PHẦN DƯỢC PHẨM AN PHÚ", body="010387261",
         addr="Số 15 Ngõ 82 Duy Tân, Phường Dịch Vọng Hậu, Quận Cầu Giấy, Thành phố Hà Nội"),
    dict(name="CÔNG TY TNHH THỰC PHẨM XANH MIỀN TÂY", body="180067492",
         addr="Số 21 Trần Văn Khéo, Phường Cái Khế, Quận Ninh Kiều, Thành phố Cần Thơ"),
    dict(name="TRƯỜNG TRUNG HỌC PHỔ THÔNG NGUYỄN TRÃI", body="040156733",
         addr="Số 5 Lý Thường Kiệt, Phường Thạch Thang, Quận Hải Châu, Thành phố Đà Nẵng"),
    dict(name="CÔNG TY TNHH ĐIỆN TỬ VIỆT NHẬT", body="230091458", branch=None,
         addr="Lô C4, KCN Quế Võ, Phường Phương Liễu, Thị xã Quế Võ, Tỉnh Bắc Ninh"),
    dict(name="CÔNG TY CỔ PHẦN KIẾN TRÚC VÀ NỘI THẤT NHÀ ĐẸP - CHI NHÁNH HÀ NỘI", body="030882617", branch=2,
         addr="Số 102 Trường Chinh, Phường Phương Mai, Quận Đống Đa, Thành phố Hà Nội"),
    dict(name="CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ GIA BẢO", body="031770943",
         addr="Số 140 Lê Văn Sỹ, Phường 10, Quận Phú Nhuận, Thành phố Hồ Chí Minh"),
    dict(name="CÔNG TY TNHH MỘT THÀNH VIÊN CƠ KHÍ CHÍNH XÁC HƯNG THỊNH", body="370213386",
         addr="Đường N4, KCN Nam Tân Uyên, Phường Khánh Bình, Thành phố Tân Uyên, Tỉnh Bình Dương"),
]
PERSONS = ["Nguyễn Thị Thu Hà", "Trần Minh Quân", "Lê Hoàng Yến", "Phạm Đức Thắng", "Võ Thị Ngọc Trâm",
           "Đặng Quốc Bảo", "Huỳnh Thanh Tâm", "Bùi Văn Khánh", "Đỗ Thị Lan Anh", "Ngô Hữu Phước"]


def einv_buyer(rng, case):
    """company | company_only | person | walkin -> dict; 'name' is the expected buyer_name."""
    if case == "walkin":
        return dict(person=rng.choice(["Khách lẻ không lấy hóa đơn", "Khách lẻ"]), company=None, tax=None,
                    addr=None, name=None)
    if case == "person":
        p = rng.choice(PERSONS)
        return dict(person=p, company=None, tax=None, addr=rng.choice([
            "Số 12 Ngõ 35 Khương Hạ, Phường Khương Đình, Quận Thanh Xuân, Thành phố Hà Nội",
            "Số 47/3 Nguyễn Thái Sơn, Phường 3, Quận Gò Vấp, Thành phố Hồ Chí Minh",
            "Tổ 5, Phường An Hải Tây, Quận Sơn Trà, Thành phố Đà Nẵng"]), name=p)
    b = rng.choice(EINV_BUYERS)
    return dict(person=rng.choice(PERSONS) if case == "company" else None, company=b["name"],
                tax=tax_code(b["body"], b.get("branch")), addr=b["addr"], name=b["name"])


# Units of services, sold by the trip, month or session: a handful, not dozens.
SERVICE_UNITS = {"Chuyến", "Cont", "Tờ khai", "Lần", "Tháng", "Gói", "Khóa", "Buổi", "Giờ", "Phòng", "Suất", "Bộ"}


def einv_content(rng, name, seller_id, provider, buyer_case, rate, d, number_digits=8, sign_delay=0, n_items=None):
    s = EINV_SELLERS[seller_id]
    p = PROVIDERS[provider]
    seller = dict(s, tax=tax_code(s["body"], s.get("branch")))
    letters = "ABCDEGHKLMNPQRSTUVXY"
    tail = rng.choice(["AA", "HN", "HL", "DN", "BD", "SG", "MP", "TS"]) if rng.random() < 0.5 else \
        rng.choice(letters) + rng.choice(letters)
    with_code = rng.random() < 0.75
    series = f"1{'C' if with_code else 'K'}{d.year % 100:02d}T{tail}"
    num = rng.randrange(12, 9800)
    number = f"{num:0{number_digits}d}" if number_digits else str(num)
    n = n_items or min(len(s["items"]), rng.choice([1, 2, 2, 3, 3, 4, 5]))
    items = []
    for iname, unit, lo, hi in rng.sample(s["items"], n):
        step = 1000 if lo >= 10000 else 100
        price = rng.randrange(lo // step, hi // step + 1) * step
        if price >= 10_000_000:
            qty = rng.choice([1, 1, 1, 2])
        elif price >= 1_000_000 or unit in SERVICE_UNITS:
            qty = rng.choice([1, 1, 2, 2, 3, 4, 5])
        else:
            qty = rng.choice([2, 4, 5, 10, 12, 20, 24, 50, 100])
        prev = d.replace(day=1) - timedelta(days=1)
        iname = iname.format(m=prev.month, y=prev.year, n=qty)
        if "đêm" in iname:
            qty = 1
            price *= int(iname.split("(")[1].split()[0])
        items.append((iname, unit, qty, price, qty * price))
    subtotal = sum(i[4] for i in items)
    if rate is None:
        # KCT (not subject to VAT): the VAT amount is printed as 0, as in the older fixtures.
        vat, total = 0, subtotal
    else:
        # VAT is rounded to the đồng, as the software does.
        vat = (subtotal * rate + 50) // 100
        total = subtotal + vat
    return dict(name=name, seller=seller, provider=p, buyer=einv_buyer(rng, buyer_case), rate=rate, date=d,
                sign_date=d + timedelta(days=sign_delay), series=series, number=number, items=items,
                subtotal=subtotal, vat=vat, total=total, lookup=lookup_code(rng, rng.choice([10, 12, 14])),
                cqt=cqt_code(rng) if with_code else None, type=s["type"],
                payment=rng.choice(["TM/CK", "CK", "Chuyển khoản", "TM"]), words_style=dict(
                    nghin=rng.choice(["nghìn", "nghìn", "ngàn"]), linh=rng.choice(["linh", "lẻ"]),
                    tu=rng.random() < 0.2, chan=(total % 1000 == 0 and rng.random() < 0.5)))


def einv_expected(c):
    s = c["seller"]
    words = words_text(c)
    return fields(invoice_type=c["type"], invoice_series=c["series"], invoice_number=c["number"],
                  invoice_date=c["date"].isoformat(), seller_name=s["name"], seller_tax_code=s["tax"],
                  buyer_name=c["buyer"]["name"], buyer_tax_code=c["buyer"]["tax"], subtotal=c["subtotal"],
                  vat_rate=c["rate"], vat_amount=c["vat"], total_amount=c["total"], currency="VND",
                  amount_in_words=words)


def rate_text(rate):
    return "KCT" if rate is None else f"{rate}%"


BLUE = (0.05, 0.2, 0.55)
RED = (0.7, 0.1, 0.1)
GREY = (0.35, 0.35, 0.35)


def signature_box(p, x, y, w, c, color=(0.1, 0.5, 0.15), label_en=True):
    """The 'Signature Valid' box of a digitally signed e-invoice, naming the signer."""
    lines = p.wrap("Được ký bởi: " + c["seller"]["name"], w - 12, 7)
    h = 22 + 9 * len(lines) + 10
    p.rect(x, y, w, h, lw=0.8, stroke=color)
    p.text(x + 6, y + 11, "Signature Valid" if label_en else "Chữ ký hợp lệ", 8, bold=True, color=color)
    p.text(x + w - 12, y + 11, "✓", 10, bold=True, color=color, align="center", family="sans")
    yy = p.text_lines(x + 6, y + 21, lines, 7, 9, color=color)
    p.text(x + 6, yy, f"Ký ngày: {c['sign_date']:%d/%m/%Y}", 7, color=color)
    return y + h


# The words every layout prints the same way.
VAT_INVOICE = "HÓA ĐƠN GIÁ TRỊ GIA TĂNG"
SIGNERS = ("Người mua hàng", "Người bán hàng")
SIGNERS_EN = ("Người mua hàng (Buyer)", "Người bán hàng (Seller)")
CHECK_NOTE = "(Cần kiểm tra, đối chiếu khi lập, giao, nhận hóa đơn)"


def signatures(p, y, c, titles, size, xs=(160, 430), hints=None, hint_size=8, box_x=345, box_w=170, box_dy=10,
               **box_style):
    """The buyer's and the seller's titles side by side at xs (bold, centred), the hint under each
    when the layout prints one, and the seller's signature box box_dy under them."""
    for x, title in zip(xs, titles):
        p.text(x, y, title, size, bold=True, align="center")
    if hints:
        y += 11
        for x, hint in zip(xs, hints):
            p.text(x, y, hint, hint_size, italic=True, align="center")
    signature_box(p, box_x, y + box_dy, box_w, c, **box_style)


def vn_date(d, english=False):
    """'Ngày 05 tháng 11 năm 2024', with (Date), (month) and (year) on bilingual layouts."""
    if english:
        return f"Ngày (Date) {d.day:02d} tháng (month) {d.month:02d} năm (year) {d.year}"
    return f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def amount_lines(p, x, right, y, rows, size, step, amount_size=None, total_size=None, total_color=(0, 0, 0)):
    """Totals as lines of text, one a row (label, amount, bold): the label at x, the amount right-aligned
    at right (in amount_size, the bold total's in total_size and total_color); a row without an amount
    prints its label alone. Returns the next baseline."""
    amount_size = amount_size or size
    for label, amount, bold in rows:
        p.text(x, y, label, size, bold=bold)
        if amount:
            p.text(right, y, amount, (total_size or amount_size) if bold else amount_size, bold=bold, align="right",
                   color=total_color if bold else (0, 0, 0))
        y += step
    return y


def amount_boxes(p, left, right, y, rows, size, amount_size, lw, label_x=4, total_size=None, divider=None):
    """Totals in ruled boxes 16 pt high from left to right, one a row (label, amount, bold[, middle]):
    the label label_x inside the left edge, or right-aligned before a rule divider pt from the right
    edge; a middle text at left + 250; the amount right-aligned 4 pt inside the right edge (the bold
    total's in total_size). Returns the y under the last box."""
    for label, amount, bold, *middle in rows:
        p.rect(left, y, right - left, 16, lw=lw)
        if divider:
            p.line(right - divider, y, right - divider, y + 16, lw)
            p.text(right - divider - 6, y + 11, label, size, bold=bold, align="right")
        else:
            p.text(left + label_x, y + 11, label, size, bold=bold)
        for text in middle:
            p.text(left + 250, y + 11, text, size, bold=bold)
        p.text(right - 4, y + 11, amount, (total_size or amount_size) if bold else amount_size, bold=bold,
               align="right")
        y += 16
    return y


def items_rows(c, sep="."):
    """The goods table's rows: number, name, unit, quantity, unit price, amount."""
    return [[str(k), iname, unit, vnd(qty, sep), vnd(price, sep), vnd(amount, sep)]
            for k, (iname, unit, qty, price, amount) in enumerate(c["items"], 1)]


def words_text(c, trailing=""):
    return vn_amount_words(c["total"], **c["words_style"]) + trailing


# ----- provider layouts ----------------------------------------------------------------


def layout_saoviet(path, c, rng, opts):
    """Seller block at the top left with the logo, the series/number box at the right, bilingual."""
    p = Pdf(path, family="sans", creator="SV-eInvoice 4.2", title=f"Hoa don {c['series']} {c['number']}")
    s, b, pv = c["seller"], c["buyer"], c["provider"]
    L, R = 36, 559
    p.watermark(297, 470, 150)
    p.logo(L, 34, 54, BLUE, rng, "rings")
    x = L + 64
    y = p.para(x, 44, s["name"], 300, 10.5, lh=13, bold=True, color=BLUE)
    if s.get("en"):
        y = p.para(x, y, s["en"], 300, 7.5, lh=10, italic=True)
    y += 2
    y = p.labelled(x, y, "Mã số thuế (Tax code):", s["tax"], 300, 8, vbold=True)
    y = p.labelled(x, y, "Địa chỉ (Address):", s["addr"], 300, 8, lh=10.5)
    y = p.labelled(x, y, "Điện thoại (Tel):", s["tel"], 300, 8)
    y = p.labelled(x, y, "Số tài khoản (A/C No.):", f"{rng.randrange(10**11, 10**12)} tại Ngân hàng TMCP Ngoại thương "
                   "Việt Nam - CN Sài Gòn", 300, 8, lh=10.5)
    # The box at the right
    bx, bw = 410, R - 410
    p.rect(bx, 38, bw, 62, lw=0.7, stroke=BLUE)
    p.text(bx + 8, 54, "Mẫu số (Form): 1", 8.5)
    p.label_value(bx + 8, 70, "Ký hiệu (Serial): ", c["series"], 8.5, bold=True)
    p.label_value(bx + 8, 88, "Số (No.): ", c["number"], 8.5, 11, bold=True, color=RED)
    y = max(y, 110) + 4
    p.line(L, y, R, y, 1.2, BLUE)
    y += 24
    p.text(297, y, VAT_INVOICE, 16, bold=True, align="center", color=BLUE)
    y += 14
    p.text(297, y, "(VAT INVOICE)", 9.5, italic=True, align="center", color=BLUE)
    y += 15
    p.text(297, y, vn_date(c["date"], english=True), 9, italic=True, align="center")
    y += 13
    if c["cqt"]:
        p.text(297, y, f"Mã của cơ quan thuế: {c['cqt']}", 8, align="center")
        y += 12
    y += 8
    y = p.labelled_rows(L, y, [("Họ tên người mua hàng (Buyer):", b["person"], False),
                               ("Tên đơn vị (Company name):", b["company"], True),
                               ("Mã số thuế (Tax code):", b["tax"], False),
                               ("Địa chỉ (Address):", b["addr"], False)], R - L, 8.5)
    p.labelled(L, y, "Hình thức thanh toán (Payment method):", c["payment"], 250, 8.5)
    y = p.labelled(300, y, "Số tài khoản (A/C No.):", "", R - 300, 8.5, dots=True)
    y += 2
    cols = [("STT\n(No.)", 30, "c"), ("Tên hàng hóa, dịch vụ\n(Description)", 200, "l"), ("ĐVT\n(Unit)", 45, "c"),
            ("Số lượng\n(Quantity)", 55, "r"), ("Đơn giá\n(Unit price)", 85, "r"), ("Thành tiền\n(Amount)", 108, "r")]
    y = p.table(L, y, cols, items_rows(c), 8, 8, index_row=["1", "2", "3", "4", "5", "6 = 4 x 5"], min_rows=7,
                header_fill=(0.9, 0.93, 0.98))
    y = amount_boxes(p, L, R, y, [("Cộng tiền hàng (Sub total):", vnd(c["subtotal"]), False),
                                  (f"Thuế suất GTGT (VAT rate): {rate_text(c['rate'])}", vnd(c["vat"]), False,
                                   "Tiền thuế GTGT (VAT amount):"),
                                  ("Tổng cộng tiền thanh toán (Total payment):", vnd(c["total"]), True)],
                     8.5, 8.5, 0.5, total_size=9)
    W = R - L
    p.rect(L, y, W, 18, lw=0.5)
    p.labelled(L + 4, y + 12, "Số tiền viết bằng chữ (Amount in words):", words_text(c), W - 8, 8.5)
    y += 34
    signatures(p, y, c, SIGNERS_EN, 9, xs=(150, 430), hints=("(Chữ ký số (nếu có))", "(Chữ ký điện tử, chữ ký số)"),
               hint_size=7.5, box_x=340, box_w=180)
    fy = 790
    p.line(L, fy - 12, R, fy - 12, 0.4, GREY)
    p.text(297, fy, CHECK_NOTE, 7, italic=True, align="center", color=GREY)
    p.text_lines(297, fy + 10, [
        f"Tra cứu hóa đơn tại (Invoice lookup): {pv['lookup']}   Mã tra cứu (Lookup code): {c['lookup']}",
        f"Phát hành bởi phần mềm hóa đơn điện tử {pv['software']} - {pv['company']} - MST {pv['mst']}"],
        7, 10, align="center", color=GREY)
    p.save()
    return dict(layout="saoviet/header-box-right")


def digit_boxes(p, x, y, code, size=9, box=11):
    """A tax code printed one digit per box, as older templates do."""
    xx = x
    for ch in code:
        if ch == "-":
            p.text(xx + 3, y, "-", size)
            xx += 8
            continue
        p.rect(xx, y - size - 1, box, box + 2, lw=0.5)
        p.text(xx + box / 2, y, ch, size, align="center")
        xx += box
    return xx


def layout_hoadonxanh(path, c, rng, opts):
    """Title first with a QR code at the left; seller MST in digit boxes; totals on the right."""
    p = Pdf(path, family="serif", creator="Hoa Don Xanh", title="HoaDon")
    s, b, pv = c["seller"], c["buyer"], c["provider"]
    L, R = 40, 555
    GREEN = (0.05, 0.4, 0.2)
    p.qr(L, 36, 62, rng)
    p.text(297, 56, VAT_INVOICE, 15, bold=True, align="center", color=GREEN)
    p.text(297, 72, vn_date(c["date"]), 9.5, italic=True, align="center")
    if c["cqt"]:
        p.text(297, 86, f"Mã CQT: {c['cqt']}", 8, align="center")
    p.text(430, 50, "Ký hiệu:", 9)
    p.text(480, 50, c["series"], 9.5, bold=True)
    p.text(430, 66, "Số hóa đơn:", 9)
    p.text(485, 66, c["number"], 11, bold=True, color=RED)
    y = 108
    p.line(L, y, R, y, 1, GREEN)
    y += 16
    # labels at lx, their values at vx (the buyer's 10 pt further)
    lx = L
    vx = L + 118
    p.text(lx, y, "Đơn vị bán hàng:", 9)
    y = p.para(vx, y, s["name"], R - vx, 10, lh=13, bold=True)
    y += 2
    p.text(lx, y, "Mã số thuế:", 9)
    digit_boxes(p, vx, y + 1, s["tax"])
    y += 17
    p.text(lx, y, "Địa chỉ:", 9)
    y = p.para(vx, y, s["addr"], R - vx, 9, lh=11.5)
    p.text(lx, y, "Điện thoại:", 9)
    p.text(vx, y, s["tel"], 9)
    p.text(330, y, "Email:", 9)
    p.text(365, y, f"ketoan@{s['en'].split()[0].lower() if s.get('en') else 'congty'}.com.vn", 9)
    y += 13
    p.text(lx, y, "Số tài khoản:", 9)
    p.text(vx, y, f"{rng.randrange(10**9, 10**10)} - Ngân hàng TMCP Á Châu (ACB)", 9)
    y += 8
    p.line(L, y, R, y, 0.5, GREEN, dash=(3, 2))
    y += 15
    p.text(lx, y, "Họ tên người mua hàng:", 9)
    p.text(vx + 10, y, b["person"] or "", 9)
    y += 13
    p.text(lx, y, "Tên đơn vị:", 9)
    yy = y
    for line in p.wrap(b["company"] or "", R - vx - 10, 9, bold=True) or [""]:
        p.text(vx + 10, yy, line, 9, bold=True)
        yy += 12
    y = max(y + 13, yy + 1)
    p.text(lx, y, "Mã số thuế:", 9)
    p.text(vx + 10, y, b["tax"] or "", 9)
    y += 13
    p.text(lx, y, "Địa chỉ:", 9)
    y = p.para(vx + 10, y, b["addr"] or "", R - vx - 10, 9, lh=11.5) if b["addr"] else y + 13
    p.text(lx, y, "Hình thức thanh toán:", 9)
    p.text(vx + 10, y, c["payment"], 9)
    p.text(330, y, "Đồng tiền thanh toán: VND", 9)
    y += 10
    cols = [("STT", 30, "c"), ("Tên hàng hóa, dịch vụ", 200, "l"), ("Đơn vị tính", 62, "c"), ("Số lượng", 52, "r"),
            ("Đơn giá", 76, "r"), ("Thành tiền", 95, "r")]
    y = p.table(L, y, cols, items_rows(c), 8.5, 8.5, min_rows=4, hcolor=GREEN)
    y += 16
    y = amount_lines(p, 300, R, y, [("Cộng tiền hàng:", vnd(c["subtotal"]), False),
                                    ("Thuế suất GTGT:", rate_text(c["rate"]), False),
                                    ("Tiền thuế GTGT:", vnd(c["vat"]), False),
                                    ("Tổng cộng tiền thanh toán:", vnd(c["total"]), True)], 9.5, 15, total_size=10.5)
    y += 4
    y = p.labelled(L, y, "Số tiền viết bằng chữ:", words_text(c, "."), R - L, 9.5, vbold=False, lh=12)
    y += 18
    signatures(p, y, c, ("NGƯỜI MUA HÀNG", "NGƯỜI BÁN HÀNG"), 9, xs=(150, 430), hints=("(Ký, ghi rõ họ tên)",) * 2,
               color=(0.75, 0.1, 0.1), label_en=False)
    p.text_lines(297, 800, [f"Giải pháp hóa đơn điện tử {pv['software']} - {pv['company']} - MST: {pv['mst']}",
                            f"Tra cứu hóa đơn tại: {pv['lookup']}  Mã tra cứu: {c['lookup']}"],
                 7, 10, align="center", color=GREY)
    p.save()
    return dict(layout="hoadonxanh/title-first-digit-boxes")


def layout_tinvan(path, c, rng, opts):
    """Seller name across the top, imprint along the left edge, 'Số HĐ:' in the header."""
    p = Pdf(path, family="sans", creator="TV-Invoice", title="Invoice")
    s, b, pv = c["seller"], c["buyer"], c["provider"]
    L, R = 46, 556
    TEAL = (0.0, 0.35, 0.45)
    p.rotated(24, 770, f"Đơn vị cung cấp giải pháp hóa đơn điện tử: {pv['company']}, MST: {pv['mst']}, "
                       f"Website: {pv['lookup'].split('//')[1].split('/')[0]}", 6.5)
    p.logo(L, 30, 40, TEAL, rng, "diamond")
    x = L + 50
    y = p.para(x, 44, s["name"], R - x, 11.5, lh=14, bold=True, color=TEAL)
    if s.get("en"):
        p.text(x, y, s["en"], 8, bold=True, color=GREY)
        y += 12
    p.label_value(x, y, "Mã số thuế (Tax code): ", s["tax"], 8.5, 9, bold=True)
    y += 12
    y = p.labelled(x, y, "Địa chỉ (Address):", s["addr"], R - x, 8.5, lh=11)
    p.text(x, y, f"Điện thoại (Tel): {s['tel']}", 8.5)
    p.text(x + 200, y, f"Fax: {s['tel'][:-4]}{rng.randrange(1000, 9999)}", 8.5)
    y += 8
    p.line(L, y, R, y, 1.5, TEAL)
    y += 26
    p.text(250, y, VAT_INVOICE, 15, bold=True, align="center", color=TEAL)
    p.text(410, y - 10, "Ký hiệu (Serial): " + c["series"], 8.5)
    p.label_value(410, y + 4, "Số HĐ: ", c["number"], 8.5, 10.5, bold=True, color=RED)
    y += 14
    p.text(250, y, "(VAT INVOICE)", 9, align="center", color=TEAL)
    y += 14
    p.text(250, y, vn_date(c["date"], english=True), 8.5, italic=True, align="center")
    y += 12
    if c["cqt"]:
        p.text(250, y, f"Mã CQT (Tax authority code): {c['cqt']}", 7.5, align="center")
        y += 12
    y += 10
    y = p.labelled_rows(L, y, [("Họ tên người mua hàng (Buyer's name):", b["person"], False),
                               ("Tên đơn vị (Company's name):", b["company"], True),
                               ("Địa chỉ (Address):", b["addr"], False)], R - L, 8.5)
    p.labelled(L, y, "Mã số thuế (Tax code):", b["tax"] or "", 250, 8.5, dots=True)
    y = p.labelled(310, y, "Hình thức TT (Payment):", c["payment"], R - 310, 8.5)
    if opts.get("route"):
        # Distributors print the sales route and credit terms in a small table under the buyer.
        y = p.table(L, y + 2, [("Mã khách hàng", 110, "c"), ("Tuyến số", 90, "c"), ("Thời hạn nợ", 110, "c"),
                               ("Nhân viên bán hàng", 200, "c")],
                    [[f"KH{rng.randrange(10000, 99999)}", f"T{rng.randrange(1, 40):02d}", f"{rng.choice([15, 30, 45])} ngày",
                      rng.choice(PERSONS)]], 8, 8, hitalic_second=False) + 6
    y += 2
    cols = [("STT\n(No.)", 28, "c"), ("Tên hàng hóa, dịch vụ\n(Description)", 196, "l"), ("ĐVT\n(Unit)", 44, "c"),
            ("Số lượng\n(Qty)", 52, "r"), ("Đơn giá\n(Price)", 84, "r"), ("Thành tiền\n(Amount)", 106, "r")]
    y = p.table(L, y, cols, items_rows(c), 8, 8, min_rows=5, header_fill=(0.85, 0.93, 0.95), grid="rows")
    y += 14
    y = amount_lines(p, L + 190, R, y, [("Cộng tiền hàng (Total amount):", vnd(c["subtotal"]), False),
                                        (f"Thuế suất GTGT (VAT rate): {rate_text(c['rate'])}", "", False),
                                        ("Tiền thuế GTGT (VAT amount):", vnd(c["vat"]), False),
                                        ("Tổng cộng tiền thanh toán (Total payment):", vnd(c["total"]), True)], 8.5, 13)
    y += 2
    y = p.labelled(L, y, "Số tiền viết bằng chữ (In words):", words_text(c, "./."), R - L, 8.5, lh=11)
    y += 16
    signatures(p, y, c, SIGNERS_EN, 8.5, box_dy=12)
    p.text(297, 806, f"Tra cứu hóa đơn tại: {pv['lookup']}     Mã tra cứu: {c['lookup']}", 7, align="center",
           color=GREY)
    p.text(297, 816, CHECK_NOTE, 7, italic=True, align="center", color=GREY)
    p.save()
    return dict(layout="tinvan/side-imprint")


def layout_anhduong(path, c, rng, opts):
    """Everything in ruled cells inside a double frame; 'Invoice No.:' and a numeric date."""
    p = Pdf(path, family="cond", creator="ADInvoice", title="E-Invoice")
    s, b, pv = c["seller"], c["buyer"], c["provider"]
    L, R = 30, 565
    W = R - L
    MAROON = (0.5, 0.1, 0.15)
    p.rect(L - 6, 24, W + 12, 760, lw=1.2, stroke=MAROON)
    p.rect(L - 3, 27, W + 6, 754, lw=0.4, stroke=MAROON)
    # header: three cells
    p.rect(L, 32, 120, 80, lw=0.5)
    p.logo(L + 35, 42, 50, MAROON, rng, "leaf")
    p.rect(L + 120, 32, 255, 80, lw=0.5)
    p.text(L + 247, 58, VAT_INVOICE, 14, bold=True, align="center", color=MAROON)
    p.text(L + 247, 72, "VAT INVOICE", 9.5, bold=True, align="center", color=MAROON)
    d = c["date"]
    p.text(L + 247, 90, f"Ngày lập (Issued date): {d:%d/%m/%Y}", 9, align="center")
    if c["cqt"]:
        p.text(L + 247, 104, f"Mã CQT: {c['cqt']}", 7, align="center")
    p.rect(L + 375, 32, W - 375, 80, lw=0.5)
    p.text(L + 382, 52, "Mẫu số (Form): 1", 9)
    p.text(L + 382, 70, f"Ký hiệu (Serial No.): {c['series']}", 9)
    p.label_value(L + 382, 90, "Invoice No.: ", c["number"], 9, 11, bold=True, color=RED)
    y = 112

    def row(y, label, value, bold=False, h=None, lw_=130):
        lines = p.wrap(value, W - lw_ - 8, 9, bold=bold) if value else [""]
        hh = h or (6 + 11.5 * len(lines))
        p.rect(L, y, W, hh, lw=0.4)
        p.line(L + lw_, y, L + lw_, y + hh, 0.4)
        p.text(L + 4, y + 11, label, 8.5)
        p.text_lines(L + lw_ + 4, y + 11, lines, 9, 11.5, bold=bold)
        return y + hh

    y = row(y, "Đơn vị bán (Seller):", s["name"], bold=True)
    if s.get("en"):
        y = row(y, "Tên tiếng Anh:", s["en"])
    y = row(y, "Mã số thuế (Tax code):", s["tax"], bold=True)
    y = row(y, "Địa chỉ (Address):", s["addr"])
    y = row(y, "Điện thoại (Phone):", f"{s['tel']}    Email: hoadon@{rng.choice(['congty', 'vanphong', 'ketoan'])}.vn")
    y = row(y, "Tài khoản (Account):", f"{rng.randrange(10**12, 10**13)} - Ngân hàng TMCP Kỹ thương Việt Nam")
    y += 6
    y = row(y, "Người mua (Buyer):", b["person"] or "")
    y = row(y, "Tên đơn vị (Company):", b["company"] or "", bold=True)
    y = row(y, "Mã số thuế (Tax code):", b["tax"] or "")
    y = row(y, "Địa chỉ (Address):", b["addr"] or "")
    y = row(y, "Thanh toán (Payment):", f"{c['payment']} | Tiền tệ (Currency): VND")
    y += 6
    cols = [("STT\n(No.)", 30, "c"), ("Tên hàng hóa, dịch vụ\n(Description)", 200, "l"), ("ĐVT\n(Unit)", 45, "c"),
            ("Số lượng\n(Quantity)", 58, "r"), ("Đơn giá\n(Unit price)", 90, "r"), ("Thành tiền\n(Amount)", 112, "r")]
    y = p.table(L, y, cols, items_rows(c), 8.5, 8, min_rows=6, header_fill=(0.96, 0.9, 0.9))
    y = amount_boxes(p, L, R, y, [("Cộng tiền hàng (Sub total)", vnd(c["subtotal"]), False),
                                  (f"Thuế suất GTGT (VAT rate): {rate_text(c['rate'])}", "", False),
                                  ("Tiền thuế GTGT (VAT amount)", vnd(c["vat"]), False),
                                  ("Tổng tiền thanh toán (Total payment)", vnd(c["total"]), True)],
                     8.5, 9, 0.4, divider=112)
    # the words in a box of their own, italic (wrapped as upright text, as the software does)
    lines = p.wrap("Số tiền viết bằng chữ (In words): " + words_text(c), W - 8, 9)
    p.rect(L, y, W, 6 + 11.5 * len(lines), lw=0.4)
    y = p.text_lines(L + 4, y + 11, lines, 9, 11.5, italic=True) + 14
    signatures(p, y, c, SIGNERS_EN, 9, xs=(L + 130, L + 400), box_x=L + 310, box_w=180)
    p.text(297, 772, f"Hóa đơn được khởi tạo từ phần mềm {pv['software']} của {pv['company']} - MST {pv['mst']} - "
                     f"Tra cứu tại {pv['lookup']} - Mã tra cứu: {c['lookup']}", 6.5, align="center", color=GREY)
    p.save()
    return dict(layout="anhduong/ruled-cells")


def layout_mekong(path, c, rng, opts):
    """Seller centred at the top, amounts with ',' thousands, words ending in 'chẵn./.'."""
    p = Pdf(path, family="serif", creator="Mekong e-Invoice", title="Hoa don dien tu")
    s, b, pv = c["seller"], c["buyer"], c["provider"]
    L, R = 42, 553
    NAVY = (0.1, 0.15, 0.4)
    y = p.para(297, 46, s["name"], 440, 12, lh=15, bold=True, align="center", color=NAVY)
    if s.get("en"):
        p.text(297, y, s["en"], 8.5, italic=True, align="center")
        y += 12
    y = p.para(297, y, f"Địa chỉ: {s['addr']}", 470, 8.5, lh=11, align="center")
    p.text(297, y, f"Điện thoại: {s['tel']}   -   MST: {s['tax']}", 8.5, align="center")
    y += 10
    p.line(L + 60, y, R - 60, y, 0.8, NAVY)
    y += 26
    p.text(297, y, VAT_INVOICE, 15, bold=True, align="center", color=NAVY)
    y += 13
    p.text(297, y, "(VAT INVOICE)", 9, italic=True, align="center")
    y += 15
    p.text(297, y, vn_date(c["date"]), 9.5, italic=True, align="center")
    p.text(440, y - 28, f"Ký hiệu (Serial): {c['series']}", 8.5)
    p.label_value(440, y - 15, "Số (No.): ", c["number"], 8.5, 10.5, bold=True, color=RED)
    y += 12
    if c["cqt"]:
        p.text(297, y, f"Mã của CQT: {c['cqt']}", 7.5, align="center")
        y += 10
    y += 12
    y = p.labelled_rows(L, y, [("Họ tên người mua hàng:", b["person"], False), ("Tên đơn vị:", b["company"], True),
                               ("Mã số thuế:", b["tax"], False), ("Địa chỉ:", b["addr"], False),
                               ("Hình thức thanh toán:", c["payment"], False)], R - L, 9)
    cols = [("STT", 30, "c"), ("Tên hàng hóa, dịch vụ", 206, "l"), ("ĐVT", 45, "c"), ("Số lượng", 55, "r"),
            ("Đơn giá", 80, "r"), ("Thành tiền", 95, "r")]
    y = p.table(L, y, cols, items_rows(c, sep=","), 8.5, 9, index_row=["1", "2", "3", "4", "5", "6=4x5"], min_rows=5)
    y = amount_boxes(p, L, R, y, [("Cộng tiền hàng:", vnd(c["subtotal"], ","), False),
                                  (f"Thuế suất GTGT: {rate_text(c['rate'])}     Tiền thuế GTGT:", vnd(c["vat"], ","),
                                   False),
                                  ("Tổng cộng tiền thanh toán:", vnd(c["total"], ","), True)], 9, 9.5, 0.5, label_x=6)
    y += 14
    y = p.labelled(L, y, "Số tiền viết bằng chữ:", words_text(c, "./."), R - L, 9, lh=12, vbold=True)
    y += 18
    signatures(p, y, c, SIGNERS, 9.5, hints=("(Ký, ghi rõ họ tên)", "(Ký, đóng dấu, ghi rõ họ tên)"))
    p.line(L, 786, R, 786, 0.4, GREY)
    p.text_lines(L, 798, [f"Phát hành bởi {pv['software']} ({pv['company']}, MST {pv['mst']})",
                          f"Tra cứu hóa đơn: {pv['lookup']} | Mã tra cứu: {c['lookup']}"], 7, 10, color=GREY)
    p.text(R, 808, "Trang 1/1", 7, color=GREY, align="right")
    p.save()
    return dict(layout="mekong/centred-seller-comma-amounts")


def layout_phuongbac(path, c, rng, opts):
    """Header table at the top right, two-column seller details, 'Số hóa đơn:', amounts with 'VNĐ'."""
    p = Pdf(path, family="sans", creator="PB-HDDT", title="HDDT")
    s, b, pv = c["seller"], c["buyer"], c["provider"]
    L, R = 38, 557
    ORANGE = (0.75, 0.35, 0.0)
    p.text(L, 50, VAT_INVOICE, 14, bold=True, color=ORANGE)
    p.text(L, 64, "(VAT INVOICE)", 8.5, italic=True)
    p.text(L, 80, vn_date(c["date"]), 9, italic=True)
    bx = 380
    for k, (label, value, big) in enumerate([("Mẫu số:", "1", False), ("Ký hiệu:", c["series"], False),
                                             ("Số hóa đơn:", c["number"], True)]):
        yy = 38 + k * 18
        p.rect(bx, yy, R - bx, 18, lw=0.5, stroke=ORANGE)
        p.text(bx + 6, yy + 12.5, label, 8.5)
        p.text(bx + 80, yy + 12.5, value, 10.5 if big else 9, bold=True, color=RED if big else (0, 0, 0))
    y = 104
    if c["cqt"]:
        p.text(R, y, f"Mã CQT: {c['cqt']}", 7.5, align="right")
    y += 8
    p.rect(L, y, R - L, 2, lw=0, fill=ORANGE)
    y += 16

    def details(y, rows):
        """Grey labels with their values 100 pt to the right, wrapped; an empty value keeps its line."""
        for label, value, bold in rows:
            size = 9 if bold else 8.5
            p.text(L, y, label, 8.5, color=GREY)
            for line in p.wrap(value, R - L - 100, size, bold=bold) or [""]:
                p.text(L + 100, y, line, size, bold=bold)
                y += 11.5
            y += 1.5
        return y + 4

    y = details(y, [("Đơn vị bán hàng:", s["name"], True), ("Mã số thuế:", s["tax"], True),
                    ("Địa chỉ:", s["addr"], False), ("Điện thoại:", s["tel"], False),
                    ("Số tài khoản:", f"{rng.randrange(10**11, 10**12)} tại Ngân hàng TMCP Quân đội (MB)", False)])
    p.line(L, y, R, y, 0.4, GREY)
    y += 14
    y = details(y, [("Người mua hàng:", b["person"] or "", False), ("Tên đơn vị:", b["company"] or "", True),
                    ("Mã số thuế:", b["tax"] or "", False), ("Địa chỉ:", b["addr"] or "", False),
                    ("Hình thức thanh toán:", c["payment"], False)])
    cols = [("STT", 28, "c"), ("Tên hàng hóa, dịch vụ", 205, "l"), ("ĐVT", 42, "c"), ("SL", 45, "r"),
            ("Đơn giá", 87, "r"), ("Thành tiền", 112, "r")]
    y = p.table(L, y, cols, items_rows(c), 8.5, 8.5, header_fill=(1.0, 0.93, 0.85), grid="rows", min_rows=3)
    y += 14
    vat_label = "Tiền thuế GTGT:" if c["rate"] is not None else "Tiền thuế GTGT (KCT):"
    y = amount_lines(p, 310, R, y, [("Cộng tiền hàng:", vnd(c["subtotal"]) + " VNĐ", False),
                                    ("Thuế suất GTGT:", rate_text(c["rate"]), False),
                                    (vat_label, vnd(c["vat"]) + " VNĐ", False),
                                    ("Tổng cộng tiền thanh toán:", vnd(c["total"]) + " VNĐ", True)], 9, 14,
                     amount_size=9.5, total_color=ORANGE)
    y += 6
    y = p.labelled(L, y, "Bằng chữ:", words_text(c, "."), R - L, 9, lh=12)
    y += 20
    signatures(p, y, c, SIGNERS, 9)
    p.rect(L, 790, R - L, 28, lw=0, fill=(0.97, 0.97, 0.97))
    p.text_lines(L + 6, 801, [f"Đơn vị cung cấp giải pháp hóa đơn điện tử: {pv['company']}, MST: {pv['mst']}, "
                              "Điện thoại: 1900 6868",
                              f"Tra cứu hóa đơn tại: {pv['lookup']}   Mã tra cứu: {c['lookup']}"], 7, 11, color=GREY)
    p.save()
    return dict(layout="phuongbac/header-table")


EINV_LAYOUTS = {"saoviet": layout_saoviet, "hoadonxanh": layout_hoadonxanh, "tinvan": layout_tinvan,
                "anhduong": layout_anhduong, "mekong": layout_mekong, "phuongbac": layout_phuongbac}

# name, provider, seller, buyer case, VAT rate (None = KCT), date, options
EINVOICES = [
    ("vn-einvoice-01", "saoviet", "hoanglong", "company", 10, date(2025, 4, 16), dict(digits=8)),
    ("vn-einvoice-02", "saoviet", "saomai", "company_only", 10, date(2025, 3, 7), dict(digits=8)),
    ("vn-einvoice-03", "hoadonxanh", "phucthinh", "company", 8, date(2024, 11, 5), dict(digits=7)),
    ("vn-einvoice-04", "hoadonxanh", "minhphat", "person", 5, date(2025, 1, 9), dict(digits=7)),
    ("vn-einvoice-05", "tinvan", "kaizen", "company", 10, date(2025, 2, 3), dict(digits=8, sign_delay=1)),
    ("vn-einvoice-06", "tinvan", "ankhang", "company", 8, date(2024, 12, 27), dict(digits=8, route=True)),
    ("vn-einvoice-07", "anhduong", "songhan", "company", 8, date(2025, 5, 2), dict(digits=8)),
    ("vn-einvoice-08", "anhduong", "binhminh", "walkin", 10, date(2025, 6, 11), dict(digits=8)),
    ("vn-einvoice-09", "mekong", "truongson", "company", 8, date(2024, 10, 8), dict(digits=0)),
    ("vn-einvoice-10", "mekong", "tantien", "company_only", 10, date(2025, 3, 12), dict(digits=0, sign_delay=2)),
    ("vn-einvoice-11", "phuongbac", "haidang", "company", 10, date(2025, 4, 1), dict(digits=8)),
    ("vn-einvoice-12", "phuongbac", "daiviet", "company", None, date(2024, 9, 6), dict(digits=8)),
]


def render_einvoice(name, provider, seller, buyer_case, rate, d, opts, out_path):
    rng = doc_rng(name)
    c = einv_content(rng, name, seller, provider, buyer_case, rate, d, number_digits=opts.get("digits", 8),
                     sign_delay=opts.get("sign_delay", 0))
    meta = EINV_LAYOUTS[provider](out_path, c, rng, opts)
    f = einv_expected(c)
    notes = []
    if "-" in f["seller_tax_code"]:
        notes.append("13-digit branch tax code")
    if EINV_SELLERS[seller].get("en"):
        notes.append("English seller name under the Vietnamese")
    if buyer_case == "walkin":
        notes.append("walk-in buyer (null)")
    if rate is None:
        notes.append("KCT")
    if opts.get("sign_delay"):
        notes.append(f"signed {opts['sign_delay']} day(s) after the invoice date")
    if opts.get("route"):
        notes.append("route/credit-terms table under the buyer")
    return f, meta["layout"], notes


# --------------------------------------------------------------------------------------
# Born-digital vendor invoices (reportlab)
# --------------------------------------------------------------------------------------


def money_fmt(style, cents):
    """How each vendor prints money."""
    if style == "eur-dot":
        return "€" + dec(cents)
    if style == "eur-comma":          # German: 1.234,56 €
        return dec(cents, ".", ",") + " €"
    if style == "eur-nl":             # Dutch: € 1.234,56
        return "€ " + dec(cents, ".", ",")
    if style == "gbp":
        return "£" + dec(cents)
    if style == "usd":
        return "$" + dec(cents)
    raise ValueError(style)


VENDORS = {
    "cloudbase": dict(
        brand="Cloudbase", legal=None, seller="Cloudbase", style="modern", money="eur-dot", currency="EUR",
        addr=["Keizersgracht 241", "1016 EA Amsterdam", "The Netherlands"], web="cloudbase.io",
        email="billing@cloudbase.io", rate=0, tax_label="VAT 0% (services outside the EU, art. 44 VAT Directive)",
        type="service", number=lambda rng, d: f"CB-{d.year}-{rng.randrange(100, 9999):05d}",
        date=lambda d: f"{d.day} {d:%B %Y}",
        items=[("Cloudbase Team plan - {mon} {y}", 1, 4900, 4900), ("Additional seats", 6, 900, 900),
               ("Object storage overage (GB-month)", 120, 2, 3), ("Dedicated support add-on", 1, 19900, 19900)],
        buyer=dict(name="Kaizen Data Solutions Vietnam Co., Ltd.", lines=[
            "Room 1203, Pearl Plaza, 561A Dien Bien Phu", "Ward 25, Binh Thanh District", "Ho Chi Minh City, Vietnam"],
            tax=("Tax code", "031477302"))),
    "northwind": dict(
        brand="Northwind Hosting", legal=None, seller="Northwind Hosting", style="modern", money="gbp",
        currency="GBP", addr=["Unit 4, Baltic Works", "14 Bradshawgate", "Leeds LS1 2PQ", "United Kingdom"],
        web="northwindhosting.co.uk", email="accounts@northwindhosting.co.uk", rate=20, tax_label="VAT @ 20%",
        type="service", number=lambda rng, d: f"NH{rng.randrange(100000, 999999)}", date=lambda d: f"{d:%d/%m/%Y}",
        items=[("VPS Pro 8 GB - {mon} {y}", 1, 3200, 3200), ("Managed backups (daily, 30 days)", 1, 650, 650),
               (".co.uk domain renewal (1 year)", 2, 899, 899), ("SSL certificate - Wildcard", 1, 6900, 6900)],
        buyer=dict(name="Harbourside Dental Practice", lines=["22 Quay Street", "Bristol BS1 4HA"], tax=None)),
    "kestrel": dict(
        brand=None, legal="Kestrel Analytics GmbH", seller="Kestrel Analytics GmbH", style="footer-legal",
        money="eur-comma", currency="EUR", addr=["Rosenthaler Straße 40", "10178 Berlin", "Germany"],
        web="www.kestrel-analytics.de", email="invoices@kestrel-analytics.de", rate=19, tax_label="VAT 19%",
        type="service", number=lambda rng, d: f"RE-{d.year}-{rng.randrange(1, 999):04d}", date=lambda d: f"{d:%d.%m.%Y}",
        reg="Amtsgericht Berlin-Charlottenburg HRB 198234 B · Managing director: Jana Köhler · VAT ID DE318456721",
        bank="Berliner Volksbank · IBAN DE42 1009 0000 2345 6789 01 · BIC BEVODEBB",
        items=[("Dashboard development (sprint 14)", 24, 9500, 9500), ("Data pipeline maintenance, {mon} {y}", 1, 120000, 120000),
               ("Workshop: KPI definitions (half day)", 1, 65000, 65000)],
        buyer=dict(name="Nordlicht Möbel GmbH", lines=["Speicherstadt 12", "20457 Hamburg"], tax=None)),
    "brightdesk": dict(
        brand="Brightdesk", legal="Brightdesk, Inc.", seller="Brightdesk, Inc.", style="stripe", money="usd",
        currency="USD", addr=["500 Howard Street, Suite 300", "San Francisco, CA 94105", "United States"],
        web="brightdesk.com", email="billing@brightdesk.com", rate=None, tax_label=None, type="service",
        number=lambda rng, d: f"{rng.choice('ABCDEF')}{rng.randrange(1000000, 9999999):X}-{rng.randrange(1, 20):04d}",
        date=lambda d: f"{d:%B} {d.day}, {d.year}",
        items=[("Brightdesk Growth (annual), seats x 12", 12, 9900, 9900), ("Onboarding package", 1, 49900, 49900)],
        buyer=dict(name="CÔNG TY TNHH THƯƠNG MẠI DỊCH VỤ GIA BẢO", lines=[
            "140 Le Van Sy, Ward 10, Phu Nhuan District", "Ho Chi Minh City 700000", "Vietnam"],
            tax=("Tax ID", "031770943"))),
    "papertrail": dict(
        brand="Papertrail", legal="Papertrail Supplies Ltd", seller="Papertrail Supplies Ltd", style="letter",
        money="gbp", currency="GBP", addr=["3 Canal Wharf", "Manchester M1 3LD", "United Kingdom"],
        web="papertrailsupplies.co.uk", email="orders@papertrailsupplies.co.uk", rate=20, tax_label="VAT 20%",
        type="general", number=lambda rng, d: f"PT-{rng.randrange(10000, 99999)}", date=lambda d: f"{d:%d/%m/%Y}",
        reg="Papertrail is a trading name of Papertrail Supplies Ltd. Registered in England and Wales No. 08123456. "
            "VAT Reg. No. GB 284 5521 19",
        bank="Barclays Bank · Sort code 20-45-77 · Account 43859201",
        items=[("A4 copier paper 80gsm, box of 5 reams", 10, 2199, 2199), ("Lever arch files, pack of 10", 4, 1450, 1450),
               ("Ballpoint pens, blue, box of 50", 2, 795, 795), ("Desk organiser, mesh", 3, 1299, 1299),
               ("Delivery", 1, 595, 595)],
        buyer=dict(name="Greenway Architects LLP", lines=["Floor 2, 18 King Street", "Manchester M2 6AZ"], tax=None)),
    "lumen": dict(
        brand=None, legal="Lumen & Loom B.V.", seller="Lumen & Loom B.V.", style="letter", money="eur-nl",
        currency="EUR", addr=["Westerstraat 187", "1015 MA Amsterdam", "Nederland"], web="lumenandloom.nl",
        email="finance@lumenandloom.nl", rate=21, tax_label="VAT 21%", type="general",
        number=lambda rng, d: f"{d.year}{rng.randrange(1000, 9999)}", date=lambda d: f"{d:%d-%m-%Y}",
        reg="Lumen & Loom B.V. · KvK 71234567 · VAT NL858123456B01", bank="IBAN NL91 ABNA 0417 1643 00 · BIC ABNANL2A",
        items=[("Linen table runner, natural, 40 x 180 cm", 6, 3450, 3450), ("Cotton napkins, set of 4, sage", 12, 1995, 1995),
               ("Wool throw, charcoal", 2, 8900, 8900), ("Shipping (DHL Parcel)", 1, 695, 695)],
        buyer=dict(name="Hotel De Gouden Leeuw", lines=["Oudegracht 101", "3511 AD Utrecht"], tax=None)),
    "orbitly": dict(
        brand="Orbitly", legal=None, seller="Orbitly", style="stripe", money="usd", currency="USD",
        addr=["77 Hudson Street, 5th Floor", "New York, NY 10013", "United States"], web="orbitly.app",
        email="support@orbitly.app", phone="(555) 014-2290", rate=8.875, tax_label="NY sales tax (8.875%)",
        type="service", number=lambda rng, d: f"ORB-{rng.randrange(10000, 99999)}", date=lambda d: f"{d:%m/%d/%Y}",
        items=[("Orbitly Pro - monthly", 1, 4800, 4800), ("Extra workspace", 2, 1600, 1600)],
        buyer=dict(name="Sunrise Deli & Grocery LLC", lines=["123 Main Street", "Springfield, IL 62701"], tax=None)),
    "hafen": dict(
        brand=None, legal="Hafen Logistik GmbH", seller="Hafen Logistik GmbH", style="footer-legal",
        money="eur-comma", currency="EUR", addr=["Am Sandtorkai 48", "20457 Hamburg", "Germany"],
        web="www.hafen-logistik.de", email="buchhaltung@hafen-logistik.de", rate=19, tax_label="VAT 19%",
        type="service", number=lambda rng, d: f"{d.year}-{rng.randrange(1000, 99999):05d}", date=lambda d: f"{d:%d.%m.%Y}",
        reg="Registergericht Hamburg HRB 145872 · Geschäftsführer: Tobias Brandt · USt-IdNr. DE298765432",
        bank="Hamburger Sparkasse · IBAN DE89 2005 0550 1234 5678 90 · BIC HASPDEHHXXX",
        items=[("Sea freight LCL Hai Phong - Hamburg, 4.2 cbm", 1, 61800, 61800), ("Terminal handling charge",
               1, 14500, 14500), ("Customs clearance import", 1, 9500, 9500), ("On-carriage Hamburg - Lübeck", 1, 28000, 28000)],
        buyer=dict(name="Nordlicht Möbel GmbH", lines=["Speicherstadt 12", "20457 Hamburg"], tax=None)),
}

# name, vendor, date
VENDOR_DOCS = [
    ("vendor-invoice-01", "cloudbase", date(2025, 2, 3)),
    ("vendor-invoice-02", "northwind", date(2025, 3, 4)),
    ("vendor-invoice-03", "kestrel", date(2025, 2, 7)),
    ("vendor-invoice-04", "brightdesk", date(2025, 4, 3)),
    ("vendor-invoice-05", "papertrail", date(2025, 5, 12)),
    ("vendor-invoice-06", "lumen", date(2025, 3, 11)),
    ("vendor-invoice-07", "orbitly", date(2025, 3, 11)),
    ("vendor-invoice-08", "hafen", date(2025, 5, 6)),
]


def vendor_items(rng, v, d):
    prev = d.replace(day=1) - timedelta(days=1)
    rows = []
    for desc, qty, lo, hi in v["items"]:
        unit = lo if lo == hi else rng.randrange(lo, hi + 1)
        desc = desc.format(mon=f"{prev:%B}", y=prev.year)
        if desc.startswith("Object storage"):
            qty = rng.randrange(80, 400)
        rows.append((desc, qty, unit, qty * unit))
    return rows


def render_vendor(name, vid, d, out_path):
    rng = doc_rng(name)
    v = VENDORS[vid]
    fmt = lambda cents: money_fmt(v["money"], cents)  # noqa: E731
    items = vendor_items(rng, v, d)
    subtotal = sum(i[3] for i in items)
    tax = None if v["rate"] is None else int(round(subtotal * v["rate"] / 100))
    total = subtotal + (tax or 0)
    number = v["number"](rng, d)
    ds = v["date"](d)
    due = v["date"](d + timedelta(days=14 if v["currency"] != "USD" else 30))
    b = v["buyer"]
    pagesize = LETTER if v["currency"] == "USD" else A4
    p = Pdf(out_path, family="sans", pagesize=pagesize, creator=rng.choice(["wkhtmltopdf 0.12.6", "Skia/PDF m118",
                                                                             "Billing service 3.4"]),
            title=f"Invoice {number}")
    W, H = p.W, p.H
    L, R = 50, W - 50
    accent = {"cloudbase": (0.2, 0.35, 0.85), "northwind": (0.1, 0.45, 0.4), "kestrel": (0.55, 0.2, 0.1),
              "brightdesk": (0.95, 0.55, 0.1), "papertrail": (0.25, 0.25, 0.25), "lumen": (0.35, 0.45, 0.3),
              "orbitly": (0.45, 0.2, 0.75), "hafen": (0.0, 0.25, 0.5)}[vid]
    cols = [("Description", R - L - 250, "l"), ("Qty", 50, "r"), ("Unit price", 95, "r"), ("Amount", 105, "r")]
    rows = [(desc, str(q), fmt(u), fmt(a)) for desc, q, u, a in items]
    style = v["style"]
    y = 60
    if style == "modern":
        p.logo(L, 38, 30, accent, rng, "rings")
        p.text(L + 40, 60, v["brand"], 20, bold=True, color=accent)
        p.text(R, 60, "INVOICE", 22, bold=True, align="right", color=(0.3, 0.3, 0.3))
        y = p.text_lines(L, 96, v["addr"], 9, 12)
        p.text(L, y, f"{v['web']}  ·  {v['email']}", 9, color=GREY)
        yy = 96
        for label, val in [("Invoice No.", number), ("Invoice date", ds), ("Due date", due)]:
            p.text(R - 150, yy, label, 9, color=GREY)
            p.text(R, yy, val, 9, bold=True, align="right")
            yy += 14
        y = max(y, yy) + 30
        p.text(L, y, "Bill to", 9.5, bold=True, color=accent)
        y += 14
        p.text(L, y, b["name"], 10, bold=True)
        y = p.text_lines(L, y + 13, b["lines"], 9, 12)
        if b["tax"]:
            p.text(L, y, f"{b['tax'][0]}: {tax_code(b['tax'][1])}", 9)
            y += 12
        y += 20
        y = p.table(L, y, cols, rows, 9, 9, header_fill=(0.94, 0.95, 0.97), grid="rows", hitalic_second=False)
    elif style == "stripe":
        p.text(L, 70, "Invoice", 24, bold=True)
        p.logo(R - 36, 44, 36, accent, rng, "diamond")
        if v["brand"]:
            p.text(R - 44, 68, v["brand"], 14, bold=True, align="right", color=accent)
        y = 100
        for label, val in [("Invoice number", number), ("Date of issue", ds), ("Date due", due)]:
            p.text(L, y, label, 9, color=GREY)
            p.text(L + 95, y, val, 9)
            y += 13
        y += 18
        p.text(L, y, v["legal"] or v["brand"], 10, bold=True)
        p.text(300, y, "Bill to", 10, bold=True)
        yy = p.text_lines(L, y + 13, v["addr"] + ([v["phone"]] if v.get("phone") else []) + [v["email"]], 9, 12)
        yb = y + 13
        for line in [b["name"]] + b["lines"] + ([f"{b['tax'][0]}: {tax_code(b['tax'][1])}"] if b["tax"] else []):
            for part in p.wrap(line, R - 300, 9):
                p.text(300, yb, part, 9)
                yb += 12
        y = max(yy, yb) + 24
        p.text(L, y, f"{fmt(total)} due {due}", 15, bold=True)
        y += 16
        p.text(L, y, f"Pay online at https://pay.{v['web']}/i/{lookup_code(rng, 16).lower()}", 9, color=accent)
        y += 26
        y = p.table(L, y, cols, rows, 9, 9, grid="rows", hbold=False, hcolor=GREY, hitalic_second=False)
    else:  # letter, footer-legal
        if style == "letter":
            head = v["brand"] or v["legal"]
            p.text(L, 64, head, 20, bold=True, color=accent, family="serif")
            yy = p.text_lines(R, 50, ([v["legal"]] if v["brand"] else []) + v["addr"] + [v["email"]], 8.5, 11,
                              align="right")
        else:
            p.logo(L, 36, 44, accent, rng, "bars")
            p.text(R, 64, "INVOICE", 20, bold=True, align="right", color=accent)
            yy = 80
        y = max(yy, 96) + 20
        p.text(L, y, "Bill to:", 9, bold=True)
        yb = p.text_lines(L, y + 13, [b["name"]] + b["lines"], 9.5, 12)
        ym = y
        for label, val in [("Invoice No.:", number), ("Invoice date:", ds),
                           ("Due date:" if style == "letter" else "Payment due:", due),
                           ("Customer No.:", f"{rng.randrange(10000, 99999)}")]:
            p.text(R - 170, ym, label, 9)
            p.text(R, ym, val, 9, bold=label == "Invoice No.:", align="right")
            ym += 13
        y = max(yb, ym) + 26
        p.text(L, y, "Invoice", 14, bold=True)
        y += 14
        y = p.table(L, y, cols, rows, 9, 9, grid="full" if style == "letter" else "rows", hitalic_second=False,
                    header_fill=(0.93, 0.93, 0.93))
    y += 18
    lines = [("Subtotal", fmt(subtotal), False)]
    if tax is not None:
        lines.append((v["tax_label"], fmt(tax), False))
    lines.append(("Total" if style != "stripe" else "Amount due", fmt(total), True))
    for label, val, bold in lines:
        size = 10.5 if bold else 9.5
        p.text_lines(R - 110, y, p.wrap(label, 230, size, bold=bold), size, 12, bold=bold, align="right")
        p.text(R, y, val, size, bold=bold, align="right")
        # the row's height counts the label's lines as wrapped at 9.5 pt, also for the bigger total
        y += 16 + 12 * (len(p.wrap(label, 230, 9.5, bold=bold)) - 1)
    y += 20
    if v["currency"] == "EUR" and tax is not None:
        p.text(L, y, f"Please pay within 14 days quoting invoice number {number}.", 9)
    else:
        p.text(L, y, "Thank you for your business.", 9)
    y += 14
    if v.get("bank"):
        p.text(L, y, v["bank"], 8.5, color=GREY)
    fy = H - 50
    p.line(L, fy - 14, R, fy - 14, 0.4, GREY)
    if style == "footer-legal":
        p.text(L, fy, v["legal"], 7.5, bold=True, color=GREY)
        p.text_lines(L, fy + 10, [" · ".join(v["addr"]) + " · " + v["web"], v["reg"]], 7.5, 10, color=GREY)
    elif style == "letter":
        p.text_lines(297, fy, p.wrap(v["reg"], R - L, 7.5), 7.5, 10, align="center", color=GREY)
    else:
        p.text(L, fy, f"{number} · {fmt(total)} due {due}", 7.5, color=GREY)
        p.text(R, fy, "Page 1 of 1", 7.5, color=GREY, align="right")
    p.save()
    f = fields(invoice_type=v["type"], invoice_series=None, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=v["seller"], seller_tax_code=None, buyer_name=b["name"],
               buyer_tax_code=tax_code(b["tax"][1]) if b["tax"] else None, subtotal=subtotal / 100,
               vat_rate=v["rate"], vat_amount=None if tax is None else tax / 100, total_amount=total / 100,
               currency=v["currency"], amount_in_words=None)
    notes = []
    if v["brand"] and not v["legal"]:
        notes.append("brand without a legal suffix heads the page")
    elif v["legal"] and not v["brand"]:
        notes.append("legal name only in the footer/letterhead")
    else:
        notes.append("brand heads the page, legal name in the footer (expected: legal name)")
    if v["currency"] == "USD" and "/" in ds:
        notes.append("US month-first date")
    if v["money"] in ("eur-comma", "eur-nl"):
        notes.append("decimal comma")
    return f, f"{vid}/{style}", notes


# --------------------------------------------------------------------------------------
# Thermal receipts (Pillow): a list of printed rows rendered on an 80 mm roll (576 dots)
# --------------------------------------------------------------------------------------

RFONTS = {"cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
          "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
          "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
          # DejaVu Sans Mono lacks some precomposed Vietnamese letters: English receipts only.
          "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")}
_rfont_cache = {}


def rfont(family, size, bold=False):
    key = (family, size, bold)
    if key not in _rfont_cache:
        _rfont_cache[key] = ImageFont.truetype(os.path.join(FONT_DIR, RFONTS[family][1 if bold else 0]), size,
                                               layout_engine=ImageFont.Layout.BASIC)
    return _rfont_cache[key]


EAN_L = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"]
EAN_R = ["".join("1" if b == "0" else "0" for b in code) for code in EAN_L]
EAN_G = [code[::-1] for code in EAN_R]
EAN_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]


def ean13(first12):
    s = sum(int(d) * (3 if k % 2 else 1) for k, d in enumerate(first12))
    return first12 + str((10 - s % 10) % 10)


def ean13_bits(code):
    first, left, right = int(code[0]), code[1:7], code[7:]
    bits = "101"
    for d, par in zip(left, EAN_PARITY[first]):
        bits += (EAN_L if par == "L" else EAN_G)[int(d)]
    bits += "01010"
    for d in right:
        bits += EAN_R[int(d)]
    return bits + "101"


class Receipt:
    """Rows of a thermal receipt; render() draws them top to bottom."""

    def __init__(self, width=576, family="cond", size=22, margin=16):
        self.width, self.family, self.size, self.margin = width, family, size, margin
        self.ops = []

    def center(self, text, size=None, bold=False, family=None):
        self.ops.append(("center", text, size, bold, family))

    def left(self, text, size=None, bold=False, family=None, indent=0):
        self.ops.append(("left", text, size, bold, family, indent))

    def lr(self, left, right, size=None, bold=False, family=None):
        self.ops.append(("lr", left, right, size, bold, family))

    def cols(self, cells, size=None, bold=False, family=None):
        """cells: [(text, x in dots, 'l' | 'r')]; the first cell wraps to its column."""
        self.ops.append(("cols", cells, size, bold, family))

    def rule(self, kind="-"):
        self.ops.append(("rule", kind))

    def gap(self, px):
        self.ops.append(("gap", px))

    def barcode(self, digits, h=64, module=3, text=True):
        self.ops.append(("barcode", digits, h, module, text))

    def logo(self, kind, size=70):
        self.ops.append(("logo", kind, size))

    # Blocks of rows that receipts print alike.

    def head(self, name, size, lines, lines_size, family=None):
        """The shop's name in bold, then the lines printed under it (address, tax code, phone), centred."""
        self.center(name, size, True, family)
        self.centered(lines, lines_size)

    def centered(self, lines, size):
        for line in lines:
            self.center(line, size)

    def lefts(self, lines, size):
        for line in lines:
            self.left(line, size)

    def amounts(self, rows, size):
        """[(label, amount)]: each label at the left margin and its amount at the right, not bold."""
        for label, amount in rows:
            self.lr(label, amount, size)

    def item_below(self, name, cells, size, name_size=None):
        """An item's name on a line of its own, then its cells [(text, x, align)] (quantity, price,
        amount) on the line under it."""
        self.left(name, name_size or size)
        self.cols([("", 16, "l")] + cells, size)

    def render(self, ink=20, paper=255):
        img = Image.new("L", (self.width, 6000), paper)
        d = ImageDraw.Draw(img)
        M = self.margin
        avail = self.width - 2 * M
        y = M + 6

        def fnt(size, bold, family):
            return rfont(family or self.family, size or self.size, bold)

        def wrap(text, maxw, f):
            return wrap_words(text, maxw, lambda t: d.textlength(t, font=f))

        for op in self.ops:
            kind = op[0]
            if kind == "center":
                _, text, size, bold, family = op
                f = fnt(size, bold, family)
                lh = int((size or self.size) * 1.32)
                for line in wrap(text, avail, f):
                    d.text(((self.width - d.textlength(line, font=f)) / 2, y), line, font=f, fill=ink)
                    y += lh
            elif kind == "left":
                _, text, size, bold, family, indent = op
                f = fnt(size, bold, family)
                lh = int((size or self.size) * 1.32)
                for line in wrap(text, avail - indent, f):
                    d.text((M + indent, y), line, font=f, fill=ink)
                    y += lh
            elif kind == "lr":
                _, left, right, size, bold, family = op
                f = fnt(size, bold, family)
                lh = int((size or self.size) * 1.32)
                rw = d.textlength(nfc(right), font=f)
                lines = wrap(left, avail - rw - 12, f) or [""]
                for k, line in enumerate(lines):
                    d.text((M, y), line, font=f, fill=ink)
                    if k == len(lines) - 1:
                        d.text((self.width - M - rw, y), nfc(right), font=f, fill=ink)
                    y += lh
            elif kind == "cols":
                _, cells, size, bold, family = op
                f = fnt(size, bold, family)
                lh = int((size or self.size) * 1.32)
                first, x0, _ = cells[0]
                limit = (cells[1][1] - 60 if len(cells) > 1 and cells[1][2] == "r" else
                         cells[1][1] - 8) if len(cells) > 1 else self.width - M
                lines = wrap(first, limit - x0, f) if first else [""]
                for k, line in enumerate(lines[:-1]):
                    d.text((x0, y), line, font=f, fill=ink)
                    y += lh
                d.text((x0, y), lines[-1], font=f, fill=ink)
                for text, x, align in cells[1:]:
                    t = nfc(text)
                    xx = x - d.textlength(t, font=f) if align == "r" else x
                    d.text((xx, y), t, font=f, fill=ink)
                y += lh
            elif kind == "rule":
                k = op[1]
                if k == "line":
                    d.line([(M, y + 8), (self.width - M, y + 8)], fill=ink, width=2)
                    y += 18
                else:
                    f = fnt(self.size, False, None)
                    n = int(avail / d.textlength(k, font=f))
                    d.text((M, y), k * n, font=f, fill=ink)
                    y += int(self.size * 1.2)
            elif kind == "gap":
                y += op[1]
            elif kind == "barcode":
                _, digits, h, module, text = op
                bits = ean13_bits(digits)
                x = (self.width - len(bits) * module) / 2
                for k, bit in enumerate(bits):
                    if bit == "1":
                        guard = k < 3 or 45 <= k < 50 or k >= 92
                        d.rectangle([x + k * module, y, x + (k + 1) * module - 1, y + h + (10 if guard else 0)],
                                    fill=ink)
                y += h + 12
                if text:
                    f = fnt(self.size - 2, False, None)
                    d.text(((self.width - d.textlength(digits, font=f)) / 2, y), digits, font=f, fill=ink)
                    y += int(self.size * 1.3)
            elif kind == "logo":
                _, lk, size = op
                cx = self.width / 2
                if lk == "cup":
                    d.ellipse([cx - size / 2, y, cx + size / 2, y + size * 0.7], outline=ink, width=4)
                    d.rectangle([cx - size / 2, y, cx + size / 2, y + size * 0.35], fill=paper)
                    d.line([(cx - size / 2, y + size * 0.35), (cx + size / 2, y + size * 0.35)], fill=ink, width=4)
                    d.arc([cx + size / 2 - 8, y + size * 0.3, cx + size / 2 + 16, y + size * 0.6], -90, 90, fill=ink,
                          width=4)
                    for k in (-1, 0, 1):
                        d.arc([cx + k * 14 - 6, y - 26, cx + k * 14 + 6, y - 4], 90, 270, fill=ink, width=3)
                elif lk == "cart":
                    d.line([(cx - size / 2, y), (cx - size / 3, y), (cx - size / 5, y + size * 0.5),
                            (cx + size / 2, y + size * 0.5), (cx + size / 2 + 6, y + size * 0.15),
                            (cx - size / 4, y + size * 0.15)], fill=ink, width=5)
                    for ox in (-size / 6, size / 3):
                        d.ellipse([cx + ox - 7, y + size * 0.6, cx + ox + 7, y + size * 0.6 + 14], fill=ink)
                else:  # a filled roundel with a leaf cut out
                    d.ellipse([cx - size / 2, y, cx + size / 2, y + size], fill=ink)
                    d.ellipse([cx - size / 5, y + size / 5, cx + size / 3, y + size * 0.7], fill=paper)
                y += size + 14
        y += M + 10
        return img.crop((0, 0, self.width, int(y)))


def cash_paid(rng, total, notes=(10_000, 20_000, 50_000, 100_000, 200_000, 500_000)):
    bigger = [n for n in notes if n >= total]
    if bigger and rng.random() < 0.6:
        return bigger[0] if rng.random() < 0.7 else bigger[min(1, len(bigger) - 1)]
    step = 50_000 if total < 1_000_000 else 100_000
    return (total // step + 1) * step


def vn_time(rng, lo=7, hi=22):
    return f"{rng.randrange(lo, hi):02d}:{rng.randrange(60):02d}"


def pick_items(rng, pool, n, qtys=(1, 1, 1, 2, 2, 3)):
    out = []
    for entry in rng.sample(pool, n):
        name, price = entry[0], entry[1]
        q = rng.choice(qtys)
        out.append((name, q, price, q * price) + tuple(entry[2:]))
    return out


GROCERY = [("Mì Hảo Hảo tôm chua cay 75g", 4500), ("Sữa tươi TH true MILK ít đường 180ml", 8500),
           ("Nước suối Aquafina 500ml", 5000), ("Bánh Chocopie hộp 12 cái", 52000),
           ("Trứng gà Ba Huân hộp 10 quả", 32000), ("Dầu ăn Simply 1L", 63000), ("Nước mắm Nam Ngư 500ml", 36000),
           ("Bột giặt Omo Matic 2.7kg", 179000), ("Giấy vệ sinh Pulppy 10 cuộn", 69000),
           ("Coca-Cola lon 320ml", 10000), ("Kem đánh răng P/S 230g", 38000), ("Snack Oishi tôm cay 40g", 6000),
           ("Xúc xích Vissan 5 cây", 25600), ("Cà phê G7 3in1 hộp 18 gói", 58000), ("Bia Sài Gòn Special lon", 17000),
           ("Nước rửa chén Sunlight 750g", 29000), ("Sữa chua Vinamilk lốc 4 hộp", 26000),
           ("Bánh mì sandwich Kinh Đô", 21000)]
PHARMACY = [("Panadol Extra (vỉ 12 viên)", 18000, "Vỉ"), ("Vitamin C 500mg DHG (lọ 100 viên)", 45000, "Lọ"),
            ("Khẩu trang y tế Nam Anh (hộp 50 cái)", 35000, "Hộp"), ("Dung dịch sát khuẩn Betadine 125ml", 62000, "Chai"),
            ("Băng cá nhân Urgo (hộp 102 miếng)", 39000, "Hộp"), ("Siro ho Prospan 100ml", 98000, "Chai"),
            ("Oresol 245 (gói)", 3500, "Gói"), ("Nhiệt kế điện tử Microlife", 120000, "Cái")]
CAFE = [("Cà phê sữa đá", 29000), ("Cà phê đen đá", 25000), ("Bạc xỉu", 32000), ("Trà đào cam sả", 45000),
        ("Cà phê muối", 35000), ("Nước ép dưa hấu", 39000), ("Sinh tố bơ", 49000), ("Bánh croissant bơ", 30000),
        ("Trà sen vàng", 45000), ("Cacao đá", 35000)]
BUBBLE = [("Trà sữa trân châu đường đen (L)", 45000), ("Trà sữa ô long nướng (M)", 39000),
          ("Hồng trà macchiato (L)", 42000), ("Trà xoài kem cheese (M)", 47000), ("Sữa tươi trân châu đường đen (L)", 49000)]
TOPPINGS = [("Trân châu trắng", 8000), ("Thạch phô mai", 10000), ("Pudding trứng", 10000), ("Kem cheese", 12000)]
RESTAURANT = [("Lẩu thái hải sản (nồi lớn)", 389000), ("Bò Mỹ nướng tảng 300g", 259000), ("Gỏi cuốn tôm thịt (6 cuốn)", 79000),
              ("Rau muống xào tỏi", 59000), ("Cơm chiên hải sản", 119000), ("Bia Heineken chai", 32000),
              ("Nước ngọt Pepsi lon", 22000), ("Khăn lạnh", 3000), ("Mực nướng sa tế", 179000)]
PRODUCE = [("Cà chua Đà Lạt", 32000), ("Thịt ba rọi heo sạch", 168000), ("Cải ngọt hữu cơ", 45000),
           ("Cá basa phi lê", 98000), ("Táo Envy New Zealand", 189000), ("Khoai tây Đà Lạt", 28000),
           ("Ức gà phi lê", 89000)]
BAKERY = [("Bánh mì thịt nguội", 25000), ("Bánh mì ốp la", 20000), ("Bánh bao xá xíu", 18000),
          ("Sữa đậu nành", 10000), ("Bánh mì chà bông", 22000)]


def receipt_expected(seller, number, d, total, currency="VND", tax=None, subtotal=None, rate=None, vat=None,
                     words=None, buyer=None):
    """The expected fields of a receipt (invoice_type retail, no series, no buyer's tax code)."""
    return fields(invoice_type="retail", invoice_series=None, invoice_number=number, invoice_date=d.isoformat(),
                  seller_name=seller, seller_tax_code=tax, buyer_name=buyer, buyer_tax_code=None, subtotal=subtotal,
                  vat_rate=rate, vat_amount=vat, total_amount=total, currency=currency, amount_in_words=words)


def items_block_cols(r, items, sep=".", header=("Tên hàng", "SL", "Đ.Giá", "T.Tiền"), name_own_line=True, size=21):
    """A bold header row (name, quantity, price, amount) over a rule, then a row for each item of
    pick_items; with name_own_line the item's name has a line of its own above its numbers."""
    r.cols([(header[0], 16, "l"), (header[1], 300, "r"), (header[2], 430, "r"), (header[3], 560, "r")], size=size,
           bold=True)
    r.rule("-")
    for it in items:
        name, q, price, amount = it[:4]
        numbers = [(str(q), 300, "r"), (vnd(price, sep), 430, "r"), (vnd(amount, sep), 560, "r")]
        if name_own_line:
            r.item_below(name, numbers, size)
        else:
            r.cols([(name, 16, "l")] + numbers, size=size)


def pay_cash(r, rng, total, given_label, size, change_label="Tiền thối lại:", sep=".", unit=""):
    """The cash handed over (cash_paid draws it) and the change given back, as two rows."""
    paid = cash_paid(rng, total)
    r.amounts([(given_label, vnd(paid, sep) + unit), (change_label, vnd(paid - total, sep) + unit)], size)


def vr_minimart_tanan(name, rng):
    seller = "MINIMART TÂN AN"
    d = date(2025, 4, 16)
    r = Receipt(family="cond", size=22)
    r.head(seller, 32, ["188 Nguyễn Văn Cừ, P. An Hòa, Q. Ninh Kiều, TP. Cần Thơ", "ĐT: 0292 3891 456"], 20)
    r.gap(6)
    r.center("HÓA ĐƠN BÁN HÀNG", 28, True)
    number = f"HD{rng.randrange(10000, 99999):06d}"
    r.lefts([f"Số HĐ: {number}", f"Ngày: {d:%d/%m/%Y}  {vn_time(rng, 17, 21)}",
             f"Thu ngân: {rng.choice(['Ngọc Hân', 'Thu Trang', 'Minh Tú'])}"], 21)
    r.rule("-")
    items = pick_items(rng, GROCERY, 5)
    items_block_cols(r, items)
    r.rule("-")
    gross = sum(i[3] for i in items)
    discount = (gross * rng.choice([5, 10]) // 100) // 1000 * 1000
    total = gross - discount
    r.amounts([("Tổng tiền hàng:", vnd(gross)), ("Chiết khấu:", vnd(discount))], 22)
    r.lr("TỔNG TIỀN PHẢI T.TOÁN:", vnd(total), 24, True)
    pay_cash(r, rng, total, "Tiền khách đưa:", 22)
    r.rule("-")
    r.center("Cảm ơn quý khách, hẹn gặp lại!", 21)
    r.center("Hàng đã mua vui lòng không đổi trả", 19)
    f = receipt_expected(seller, number, d, total, subtotal=gross)
    return r, f, "minimart/discount", ["name above title", "Chiết khấu: subtotal is the amount before discount"]


def vr_hoabinhxanh(name, rng):
    seller = "Siêu thị Hòa Bình Xanh"
    d = date(2025, 4, 12)
    tax = tax_code("031240765", 4)
    r = Receipt(family="cond", size=21)
    r.logo("cart", 64)
    r.head(seller, 30, ["CN: 512 Quang Trung, P.10, Q. Gò Vấp, TP.HCM", f"MST: {tax}", "Hotline: 1900 6363 18"], 20)
    r.rule("=")
    r.center("HÓA ĐƠN BÁN HÀNG", 27, True)
    store, pos, seq = rng.randrange(1, 40), rng.randrange(1, 9), rng.randrange(1, 999)
    number = f"{store:04d}-{d:%y%m%d}-{seq:04d}"
    r.lefts([f"Số CT: {number}", f"Ngày: {d:%d/%m/%Y} {vn_time(rng, 8, 12)}:{rng.randrange(60):02d}",
             f"Quầy: {pos:02d}    NV: {rng.randrange(1000, 9999)}"], 21)
    r.rule("-")
    items = pick_items(rng, GROCERY, 7)
    for name_, q, price, amount in items:
        code = ean13("893" + "".join(str(rng.randrange(10)) for _ in range(9)))
        r.item_below(f"{code} {name_}", [(f"{q} x {vnd(price)}", 330, "r"), (vnd(amount), 560, "r")], 21, 20)
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr(f"Tổng cộng ({sum(i[1] for i in items)} SP):", vnd(total), 25, True)
    pay_cash(r, rng, total, "Tiền mặt:", 22)
    r.center("(Giá đã bao gồm thuế GTGT)", 19)
    r.rule("-")
    r.lefts([f"Khách hàng thành viên: 09{rng.randrange(10**7, 10**8)}",
             f"Điểm tích lũy lần này: {total // 10000}   Tổng điểm: {rng.randrange(200, 3000)}"], 20)
    r.gap(8)
    r.barcode(ean13(f"2{store:03d}{d:%y%m%d}{seq % 100:02d}"))
    r.center("Cảm ơn Quý khách đã mua sắm tại Hòa Bình Xanh!", 20)
    f = receipt_expected(seller, number, d, total, tax=tax)
    return r, f, "supermarket/item-barcodes", ["13-digit branch MST", "EAN-13 item codes and receipt barcode",
                                              "loyalty points"]


def vr_sunny(name, rng):
    seller = "CỬA HÀNG TIỆN LỢI SUNNY 24/7"
    d = date(2025, 2, 8)
    tax = tax_code("031587443")
    r = Receipt(family="cond", size=22)
    r.head(seller, 27, ["45 Điện Biên Phủ, P. Đa Kao, Q.1, TP. Hồ Chí Minh", f"MST: {tax}  -  ĐT: 028 3910 2247"], 20)
    r.rule("-")
    r.center("HÓA ĐƠN BÁN HÀNG", 27, True)
    number = f"{rng.randrange(1, 99):04d}-{rng.randrange(100000, 999999)}"
    r.lr(f"HĐ: {number}", f"{d:%d/%m/%Y} {vn_time(rng, 0, 23)}", 21)
    r.left(f"NV bán hàng: {rng.choice(['Quốc Bảo', 'Mỹ Duyên'])}", 21)
    r.rule("-")
    items = pick_items(rng, GROCERY, 4)
    items_block_cols(r, items, sep=",", header=("Mặt hàng", "SL", "Giá", "Thành tiền"))
    r.rule("-")
    gross = sum(i[3] for i in items)
    rate = 8
    # Prices include VAT; the receipt breaks it out.
    pre = round(gross / 1.08)
    vat = gross - pre
    r.amounts([("Tiền hàng trước thuế:", vnd(pre, ",")), (f"Thuế GTGT ({rate}%):", vnd(vat, ","))], 21)
    r.lr("Tổng tiền thanh toán:", vnd(gross, ","), 25, True)
    pay_cash(r, rng, gross, "Tiền khách đưa:", 21, sep=",")
    r.rule("-")
    r.center("Xuất hóa đơn GTGT trong ngày tại quầy", 19)
    r.center("Cảm ơn quý khách!", 21)
    f = receipt_expected(seller, number, d, gross, tax=tax, subtotal=pre, rate=rate, vat=vat)
    return r, f, "convenience/vat-breakdown", ["amounts with ',' thousands", "VAT broken out of prices"]


def vr_phonui(name, rng):
    seller = "Cà Phê Phố Núi"
    d = date(2025, 3, 5)
    r = Receipt(family="cond", size=22)
    r.center("HÓA ĐƠN BÁN HÀNG", 26, True)
    r.logo("cup", 56)
    r.head(seller, 34, ["12 Hoàng Diệu, P.9, TP. Đà Lạt, Lâm Đồng", "ĐT: 0263 3822 119"], 20, family="serif")
    r.rule("-")
    number = f"{rng.randrange(1, 9999):06d}"
    r.lr(f"HĐ: {number}", f"Bàn: {rng.randrange(1, 20):02d}", 21)
    t_in = vn_time(rng, 8, 15)
    r.lr(f"Giờ vào: {t_in}", f"Giờ ra: {int(t_in[:2]) + 1:02d}:{rng.randrange(60):02d}", 21)
    r.left(f"Ngày: {d:%d/%m/%Y}", 21)
    r.rule("-")
    items = pick_items(rng, CAFE, 3)
    items_block_cols(r, items, header=("Tên món", "SL", "Đ.Giá", "T.Tiền"), name_own_line=False)
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr("Thành tiền:", vnd(total), 25, True)
    pay_cash(r, rng, total, "Tiền mặt:", 22)
    r.rule("-")
    r.center("Wifi: PhoNui_Cafe  -  Pass: phonui2025", 20)
    r.center("Cảm ơn quý khách, hẹn gặp lại!", 21)
    f = receipt_expected(seller, number, d, total)
    return r, f, "cafe/name-below-title", ["café name below the title", "'Thành tiền' is the total"]


def vr_hoanggia(name, rng):
    seller = "NHÀ HÀNG LẨU NƯỚNG HOÀNG GIA"
    d = date(2024, 12, 7)
    tax = tax_code("010612887")
    r = Receipt(family="cond", size=21)
    r.head(seller, 27, ["Số 27 Trần Duy Hưng, P. Trung Hòa, Q. Cầu Giấy, Hà Nội",
                        f"MST: {tax}   ĐT: 024 3556 7788"], 20)
    r.rule("=")
    r.center("PHIẾU TÍNH TIỀN", 27, True)
    number = f"{rng.randrange(100, 9999)}"
    r.lr(f"Số: {number}", f"Bàn: VIP{rng.randrange(1, 6)}", 21)
    r.lefts([f"Ngày: {d:%d/%m/%Y}   Giờ in: {vn_time(rng, 19, 22)}",
             f"Số khách: {rng.randrange(4, 9)}    Phục vụ: {rng.choice(['Tuấn', 'Hương', 'Long'])}"], 21)
    r.rule("-")
    items = pick_items(rng, RESTAURANT, 6, qtys=(1, 1, 2, 2, 3, 4))
    items_block_cols(r, items, header=("Món", "SL", "Đơn giá", "Thành tiền"))
    r.rule("-")
    sub = sum(i[3] for i in items)
    rate = 10
    vat = sub * rate // 100
    total = sub + vat
    r.amounts([("Cộng tiền hàng:", vnd(sub)), (f"Thuế GTGT ({rate}%):", vnd(vat))], 22)
    r.lr("Tổng cộng:", vnd(total), 26, True)
    words = vn_amount_words(total)
    r.left(f"Bằng chữ: {words}.", 20)
    r.lr("Thanh toán thẻ (VISA ****" + f"{rng.randrange(1000, 9999)}):", vnd(total), 21)
    r.rule("-")
    r.centered(["Quý khách cần xuất hóa đơn GTGT vui lòng", "báo thu ngân trong ngày. Xin cảm ơn!"], 19)
    f = receipt_expected(seller, number, d, total, tax=tax, subtotal=sub, rate=rate, vat=vat, words=words)
    return r, f, "restaurant/vat-and-words", ["amount in words", "paid by card"]


def vr_antam(name, rng):
    seller = "NHÀ THUỐC AN TÂM"
    d = date(2025, 1, 11)
    tax = tax_code("040177206")
    r = Receipt(family="cond", size=22)
    r.head(seller, 30, ["Số 301 Lê Duẩn, P. Tân Chính, Q. Thanh Khê, Đà Nẵng", f"MST: {tax}", "ĐT: 0905 118 226"], 20)
    r.rule("-")
    r.center("HÓA ĐƠN BÁN LẺ", 27, True)
    number = f"BL{d:%y%m}{rng.randrange(1, 9999):04d}"
    r.lefts([f"Số HĐ: {number}", f"Thời gian: {vn_time(rng, 8, 21)} {d:%d/%m/%Y}", "Dược sĩ: DS. Trần Thị Mai"], 21)
    r.rule("-")
    items = pick_items(rng, PHARMACY, 4, qtys=(1, 1, 2, 3))
    r.cols([("Tên thuốc", 16, "l"), ("ĐVT", 250, "l"), ("SL", 370, "r"), ("T.Tiền", 560, "r")], 21, True)
    for name_, q, price, amount, unit in items:
        r.item_below(name_, [(unit, 250, "l"), (f"{q}", 370, "r"), (vnd(amount), 560, "r")], 21)
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr("Tổng tiền thanh toán:", vnd(total) + " đ", 25, True)
    pay_cash(r, rng, total, "Tiền khách đưa:", 22, change_label="Tiền trả lại:", unit=" đ")
    r.rule("-")
    r.center("Thuốc đã bán không đổi trả. Đọc kỹ HDSD trước khi dùng.", 19)
    f = receipt_expected(seller, number, d, total, tax=tax)
    return r, f, "pharmacy/units", ["'đ' after amounts", "time before date"]


def vr_minhkhoa(name, rng):
    seller = "CỬA HÀNG ĐIỆN THOẠI MINH KHOA"
    d = date(2025, 5, 10)
    tax = tax_code("031690127")
    r = Receipt(family="cond", size=22)
    r.head(seller, 27, ["210 Cách Mạng Tháng Tám, P.10, Q.3, TP.HCM", f"MST: {tax} - Hotline: 0909 456 212"], 20)
    r.rule("-")
    r.center("HÓA ĐƠN BÁN HÀNG", 27, True)
    number = f"{rng.randrange(1000, 99999)}"
    r.lefts([f"Số HĐ: {number}", f"Ngày bán: {d:%d-%m-%Y} {vn_time(rng, 9, 20)}"], 21)
    customer = rng.choice(PERSONS)
    r.lefts([f"Khách hàng: {customer}", f"SĐT: 09{rng.randrange(10**7, 10**8)}"], 21)
    r.rule("-")
    phone_name, phone_price = rng.choice([("iPhone 15 128GB Đen (VN/A)", 18_490_000),
                                          ("Samsung Galaxy S24 256GB", 19_990_000), ("Xiaomi 14T 12/256GB", 12_990_000)])
    items = [(phone_name, 1, phone_price, phone_price), ("Ốp lưng silicon trong suốt", 1, 150_000, 150_000),
             ("Cường lực full màn", 1, 120_000, 120_000)]
    for name_, q, price, amount in items:
        r.item_below(name_, [(f"{q} x {vnd(price)}", 330, "r"), (vnd(amount), 560, "r")], 21, 22)
        if amount > 1_000_000:
            r.left(f"IMEI: 35{rng.randrange(10**12, 10**13)}", 20, indent=16)
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr("Tổng cộng:", vnd(total) + "đ", 26, True)
    words = vn_amount_words(total, nghin="nghìn")
    r.left(f"Bằng chữ: {words}", 20)
    r.lr("Chuyển khoản:", vnd(total) + "đ", 22)
    r.rule("-")
    r.centered(["Bảo hành 12 tháng chính hãng. 1 đổi 1 trong 30 ngày", "nếu lỗi do nhà sản xuất."], 19)
    f = receipt_expected(seller, number, d, total, tax=tax, words=words, buyer=customer)
    return r, f, "phone-shop/imei-words", ["named customer (the buyer)", "15-digit IMEI", "amount in words",
                                           "dd-mm-yyyy date"]


def vr_banhmi(name, rng):
    seller = "BÁNH MÌ CÔ BA"
    d = date(2025, 2, 5)
    r = Receipt(family="cond", size=22, width=512)
    r.head(seller, 30, ["85 Nguyễn Trãi, P. Bến Thành, Q.1"], 19)
    r.rule("-")
    number = f"{rng.randrange(1, 999):04d}"
    r.left(f"HĐ: {number}   {d:%d/%m/%y} {vn_time(rng, 6, 9)}", 21)
    r.rule("-")
    items = pick_items(rng, BAKERY, 3)
    r.amounts([(f"{q} {name_}", vnd(amount)) for name_, q, price, amount in items], 21)
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr("Tổng cộng:", vnd(total), 24, True)
    pay_cash(r, rng, total, "Tiền mặt:", 21)
    r.center("Cảm ơn!", 21)
    f = receipt_expected(seller, number, d, total)
    return r, f, "bakery/short", ["two-digit year", "no title, narrow 64 mm roll"]


def vr_tramay(name, rng):
    seller = "TIỆM TRÀ SỮA MÂY"
    d = date(2025, 6, 1)
    r = Receipt(family="cond", size=22)
    r.logo("leaf", 60)
    r.head(seller, 30, ["Tiệm Trà Sữa Mây - 66 Hồ Tùng Mậu, Q. Cầu Giấy, Hà Nội"], 19)
    r.rule("-")
    r.center("HÓA ĐƠN THANH TOÁN", 25, True)
    number = f"{rng.randrange(10000, 99999)}"
    r.lefts([f"Số HĐ: {number}", f"Ngày: {d:%d/%m/%Y} - {vn_time(rng, 13, 22)}",
             f"Số thứ tự: {rng.randrange(1, 200)}"], 21)
    r.rule("-")
    gross = 0
    for name_, q, price, amount in pick_items(rng, BUBBLE, 3, qtys=(1, 1, 2)):
        r.lr(f"{q} x {name_}", vnd(amount), 21)
        gross += amount
        for tname, tprice in rng.sample(TOPPINGS, rng.randrange(0, 3)):
            r.lr(f"   + {tname}", vnd(tprice * q), 20)
            gross += tprice * q
    r.rule("-")
    discount = gross // 10 // 1000 * 1000
    total = gross - discount
    r.amounts([("Cộng tiền hàng:", vnd(gross)), ("Chiết khấu (Thành viên 10%):", "-" + vnd(discount))], 22)
    r.lr("Tổng tiền thanh toán:", vnd(total), 25, True)
    pay_cash(r, rng, total, "Tiền mặt:", 22)
    r.rule("-")
    r.center("Theo dõi Mây trên Facebook để nhận ưu đãi!", 19)
    f = receipt_expected(seller, number, d, total, subtotal=gross)
    return r, f, "bubble-tea/toppings-discount", ["topping sub-lines", "discount shown negative",
                                                  "queue number beside the receipt number"]


def vr_giahan(name, rng):
    seller = "MINIMART GIA HÂN"
    d = date(2025, 3, 9)
    tax = tax_code("790331564")
    r = Receipt(family="cond", size=22)
    r.head(seller, 30, ["Ấp 3, Xã Phước Kiển, Huyện Nhà Bè, TP. Hồ Chí Minh", f"MST: {tax}"], 20)
    r.rule("=")
    r.center("HÓA ĐƠN BÁN HÀNG", 27, True)
    number = f"{rng.randrange(100000, 999999)}"
    r.lefts([f"Số: {number}", f"Ngày: {d:%d/%m/%Y}   Giờ: {vn_time(rng, 7, 21)}"], 21)
    r.rule("-")
    items = pick_items(rng, GROCERY, 3)
    items_block_cols(r, items, sep=",")
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr("TỔNG TIỀN PHẢI T.TOÁN:", vnd(total, ","), 24, True)
    pay_cash(r, rng, total, "Tiền khách đưa:", 22, sep=",")
    r.rule("-")
    r.center("Cảm ơn quý khách!", 21)
    f = receipt_expected(seller, number, d, total, tax=tax)
    return r, f, "minimart/comma-amounts", ["amounts with ',' thousands"]


def vr_nongtrai(name, rng):
    seller = "CỬA HÀNG THỰC PHẨM SẠCH NÔNG TRẠI XANH"
    d = date(2024, 11, 3)
    tax = tax_code("031544098", 2)
    r = Receipt(family="cond", size=21)
    r.head(seller, 26, ["Số 9 Nguyễn Hữu Thọ, P. Tân Hưng, Q.7, TP.HCM", f"MST: {tax}"], 20)
    r.rule("-")
    r.center("HÓA ĐƠN BÁN HÀNG", 26, True)
    number = f"{rng.randrange(1000000, 9999999)}"
    r.lefts([f"Số HĐ: {number}", f"Ngày: {d:%d/%m/%Y} {vn_time(rng, 8, 20)}"], 21)
    r.rule("-")
    r.cols([("Mặt hàng", 16, "l"), ("KL/SL", 300, "r"), ("Đơn giá", 430, "r"), ("T.Tiền", 560, "r")], 21, True)
    total = 0
    for name_, price in rng.sample(PRODUCE, 4):
        grams = rng.choice([350, 485, 620, 850, 1120, 1000])
        amount = round(price * grams / 1000 / 100) * 100
        weight = f"{grams / 1000:.3f}".replace(".", ",") + " kg"
        r.item_below(name_, [(weight, 300, "r"), (vnd(price), 430, "r"), (vnd(amount), 560, "r")], 21)
        total += amount
    r.rule("-")
    r.lr("Tổng cộng:", vnd(total), 25, True)
    pay_cash(r, rng, total, "Tiền mặt:", 22)
    r.center("(Giá đã bao gồm VAT)", 19)
    f = receipt_expected(seller, number, d, total, tax=tax)
    return r, f, "grocery/weights", ["weights with decimal comma (0,850 kg)", "13-digit branch MST"]


def vr_moctra(name, rng):
    seller = "MỘC TRÀ COFFEE & TEA"
    d = date(2025, 4, 4)
    r = Receipt(family="cond", size=22)
    r.head(seller, 29, ["Ki-ốt 3, 102 Lê Lợi, P. Bến Thành, Q.1, TP.HCM"], 20)
    r.rule("-")
    r.center("HÓA ĐƠN BÁN HÀNG", 26, True)
    number = f"{d:%y%m}-{rng.randrange(1, 999):04d}"
    r.lefts([f"Số HĐ: {number}", f"Ngày: {d:%d/%m/%Y}    Giờ: {vn_time(rng, 7, 11)}"], 21)
    r.left("Mang đi", 21, True)
    r.rule("-")
    items = pick_items(rng, CAFE, 2, qtys=(1, 2))
    r.amounts([(f"{name_} x{q}", vnd(amount)) for name_, q, price, amount in items], 22)
    r.rule("-")
    total = sum(i[3] for i in items)
    r.lr("Tổng tiền:", vnd(total), 25, True)
    r.lr("Chuyển khoản (VietQR):", vnd(total), 22)
    r.rule("-")
    r.center("Mật khẩu wifi: moctra123", 19)
    f = receipt_expected(seller, number, d, total)
    return r, f, "kiosk/transfer", ["paid by bank transfer"]


VN_RECEIPTS = [("vn-receipt-01", vr_minimart_tanan), ("vn-receipt-02", vr_hoabinhxanh), ("vn-receipt-03", vr_sunny),
               ("vn-receipt-04", vr_phonui), ("vn-receipt-05", vr_hoanggia), ("vn-receipt-06", vr_antam),
               ("vn-receipt-07", vr_minhkhoa), ("vn-receipt-08", vr_banhmi), ("vn-receipt-09", vr_tramay),
               ("vn-receipt-10", vr_giahan), ("vn-receipt-11", vr_nongtrai), ("vn-receipt-12", vr_moctra)]


# ----- receipts of other countries ---------------------------------------------------------


def foreign_expected(seller, number, d, total, currency, subtotal=None, rate=None, vat=None):
    """receipt_expected for amounts counted in cents."""
    c = lambda v: None if v is None else round(v / 100, 2)  # noqa: E731
    return receipt_expected(seller, number, d, c(total), currency, subtotal=c(subtotal), rate=rate, vat=c(vat))


def cents_total(items):
    """The sum over [(item, quantity, unit price in cents)]."""
    return sum(q * up for _, q, up in items)


def fit_items(rng, pool, total, filler, n, lo, hi):
    """n priced items from pool (cents) plus one sold by weight or at market price (filler)
    that brings the sum to total; retried until the filler's price is plausible (lo..hi)."""
    for _ in range(2000):
        picked = rng.sample(pool, n)
        rest = total - sum(p for _, p in picked)
        if lo <= rest <= hi:
            return picked + [(filler, rest)]
    raise ValueError((total, filler))


MY_GROCERY = [("MILO 3IN1 ACTIV-GO 18S", 1590), ("GARDENIA BREAD ORIGINAL", 410), ("DUTCH LADY UHT FULL CREAM 1L", 685),
              ("MAGGI KARI 5S", 460), ("FARM FRESH YOGURT STRAWBERRY", 260), ("JASMINE RICE SUPER 5KG", 1750),
              ("ADABI SERBUK KARI 250G", 420), ("TELUR GRED A 10S", 480), ("SUNLIGHT LEMON 900ML", 590),
              ("MAMEE MONSTER 8S", 310)]
MY_FOOD = [("NASI LEMAK AYAM", 1050), ("MEE GORENG MAMAK", 850), ("ROTI CANAI KOSONG", 180), ("TEH TARIK", 250),
           ("KOPI O AIS", 220), ("AYAM GORENG BEREMPAH", 950), ("SATAY AYAM (10 CUCUK)", 1400), ("SIRAP BANDUNG", 300),
           ("NASI GORENG KAMPUNG", 900), ("SOTONG GORENG TEPUNG", 2200), ("KANGKUNG BELACAN", 1200),
           ("TOM YAM CAMPUR", 2500)]


def fr_my_pasaraya(name, rng):
    seller = "PASARAYA SERI INDAH SDN BHD"
    d = date(2017, 12, 4)
    total = 4770
    excl, gst = 4500, 270
    r = Receipt(family="mono", size=21)
    r.head(seller, 23, ["(CO REG 750441-W)", "NO 12 & 14, JALAN INDAH 15/2,", "TAMAN BUKIT INDAH, 81200 JOHOR BAHRU,",
                        "JOHOR. TEL: 07-234 5678", "GST ID: 000912345678"], 20)
    r.gap(6)
    r.center("TAX INVOICE", 23, True)
    number = f"CS{rng.randrange(10**7, 10**8):08d}"
    r.lefts([f"INVOICE NO : {number}",
             f"DATE : {d:%d/%m/%Y}   TIME : {rng.randrange(9, 22):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}",
             f"CASHIER : {rng.choice(['NURUL', 'AISYAH', 'KUMAR'])}"], 20)
    r.rule("-")
    r.cols([("ITEM", 16, "l"), ("QTY", 330, "r"), ("AMT", 500, "r"), ("TAX", 560, "r")], 20, True)
    r.rule("-")
    for item, amount in fit_items(rng, MY_GROCERY, total, "SAYUR CAMPUR (TIMBANG)", 4, 150, 1200):
        r.item_below(item, [(f"1 X {dec(amount)}", 330, "r"), (dec(amount), 500, "r"), ("SR", 560, "r")], 20)
    r.rule("-")
    r.amounts([("TOTAL SALES (EXCL. GST)", dec(excl)), ("GST @ 6%", dec(gst))], 20)
    r.lr("TOTAL INCL. GST", dec(total), 21, True)
    r.lr("ROUNDING ADJ", "0.00", 20)
    r.lr("ROUNDED TOTAL (RM)", dec(total), 22, True)
    r.amounts([("CASH", "50.00"), ("CHANGE", dec(5000 - total))], 20)
    r.rule("-")
    r.cols([("GST SUMMARY", 16, "l"), ("AMOUNT(RM)", 420, "r"), ("TAX(RM)", 560, "r")], 20)
    r.cols([("SR @ 6%", 16, "l"), (dec(excl), 420, "r"), (dec(gst), 560, "r")], 20)
    r.rule("-")
    r.centered(["THANK YOU. PLEASE COME AGAIN.", "GOODS SOLD ARE NOT RETURNABLE."], 20)
    f = foreign_expected(seller, number, d, total, "MYR", excl, 6, gst)
    return r, f, "malaysia/gst-tax-invoice", ["day-first date 04/12/2017 = 4 Dec", "prices incl. GST, GST summary"]


def fr_my_restoran(name, rng):
    seller = "RESTORAN SELERA KAMPUNG"
    d = date(2017, 3, 11)
    total, excl, gst = 17490, 16500, 990
    r = Receipt(family="mono", size=21)
    r.head(seller, 24, ["(JM0712345-T)", "LOT 3, JALAN TUN RAZAK, TAMAN MALURI", "55100 KUALA LUMPUR",
                        "GST REG NO : 001234567890"], 20)
    r.rule("=")
    r.center("TAX INVOICE", 23, True)
    number = f"{rng.randrange(10**6, 10**7)}"
    r.lr(f"Bill No: {number}", f"Table: {rng.randrange(1, 30)}", 20)
    r.lr(f"Date: {d:%d/%m/%Y}", f"Time: {rng.randrange(18, 22)}:{rng.randrange(60):02d}", 20)
    r.left(f"Pax: {rng.randrange(4, 9)}", 20)
    r.rule("-")
    food = fit_items(rng, MY_FOOD, excl, "IKAN SIAKAP BAKAR (HARGA PASARAN)", 7, 2000, 7000)
    r.amounts([(f"1 {item}", dec(amount)) for item, amount in food], 20)
    r.rule("-")
    r.amounts([("Sub Total", dec(excl)), ("GST 6%", dec(gst)), ("Rounding", "0.00")], 20)
    r.lr("TOTAL (RM)", dec(total), 23, True)
    r.amounts([("CASH", "200.00"), ("CHANGE", dec(20000 - total))], 20)
    r.rule("-")
    r.center("TERIMA KASIH. SILA DATANG LAGI", 20)
    f = foreign_expected(seller, number, d, total, "MYR", excl, 6, gst)
    return r, f, "malaysia/restoran", ["day-first date 11/03/2017 = 11 Mar", "'Sub Total' before GST"]


def fr_my_hardware(name, rng):
    seller = "TECK HUAT HARDWARE ENTERPRISE"
    d = date(2018, 1, 5)
    total = 900
    r = Receipt(family="mono", size=21)
    r.head(seller, 23, ["(002345678-P)", "NO. 8, JALAN PASAR, TAMAN SRI MUDA", "40400 SHAH ALAM, SELANGOR",
                        "TEL: 03-5191 2233"], 20)
    r.rule("-")
    r.center("CASH RECEIPT", 22, True)
    number = f"{rng.randrange(10000, 99999)}"
    r.lr(f"No: {number}", f"{d:%d/%m/%Y}", 20)
    r.rule("-")
    items = [("SCREW 8X1 (PKT)", 2, 150), ("WALL PLUG 6MM (PKT)", 1, 250), ("MASKING TAPE 1\"", 1, 350)]
    for item, q, up in items:
        r.item_below(item, [(f"{q} @ {dec(up)}", 330, "r"), (dec(q * up), 560, "r")], 20)
    assert cents_total(items) == total
    r.rule("-")
    r.lr("NETT TOTAL", dec(total), 23, True)
    r.amounts([("CASH", "10.00"), ("CHANGE", dec(1000 - total))], 20)
    r.rule("-")
    r.centered(["NO GST CHARGED", "THANK YOU"], 20)
    f = foreign_expected(seller, number, d, total, "MYR")
    return r, f, "malaysia/enterprise-no-gst", ["total 9.00", "day-first date 05/01/2018 = 5 Jan"]


def fr_my_stationery(name, rng):
    seller = "LIGHTHOUSE STATIONERY S/B"
    d = date(2018, 2, 8)
    excl = 5635
    gst = round(excl * 0.06)
    incl = excl + gst
    rounded = int(round(incl / 5.0)) * 5
    r = Receipt(family="mono", size=20)
    r.head(seller, 23, ["(1012345-K)", "G-23, JALAN SS 2/67, TAMAN SEA", "47300 PETALING JAYA, SELANGOR",
                        "GST ID NO: 000 456 789 012"], 19)
    r.rule("-")
    r.center("SIMPLIFIED TAX INVOICE", 22, True)
    number = f"{rng.randrange(100, 999)}-{rng.randrange(10**5, 10**6)}"
    r.lefts([f"Receipt #: {number}",
             f"{d:%d/%m/%Y} {rng.randrange(10, 20)}:{rng.randrange(60):02d}   POS 02   Staff: MEI LING"], 20)
    r.rule("-")
    goods = fit_items(rng, [("FABER CASTELL 2B PENCIL 12S", 890), ("A4 PAPER 70GSM 500S", 1190),
                            ("CASIO FX-570MS CALCULATOR", 2990), ("PVC FILE L-SHAPE 12S", 650),
                            ("STAEDTLER ERASER", 150)], excl, "MISC STATIONERY", 3, 100, 2000)
    r.amounts([(item, dec(amount) + " SR") for item, amount in goods], 20)
    r.rule("-")
    r.amounts([("Total Excl GST", dec(excl)), ("GST 6%", dec(gst)), ("Total Amt Incl GST", dec(incl)),
               ("Rounding Adj", f"{(rounded - incl) / 100:+.2f}")], 20)
    r.lr("Total Payable", dec(rounded), 23, True)
    r.lr("Tendered VISA", dec(rounded), 20)
    r.rule("-")
    r.center("Exchange within 7 days with receipt", 19)
    f = foreign_expected(seller, number, d, rounded, "MYR", excl, 6, gst)
    return r, f, "malaysia/rounding", ["5-sen rounding: total is the rounded payable",
                                       "day-first date 08/02/2018 = 8 Feb"]


def fr_sg_kopi(name, rng):
    seller = "KOPI & TOAST PTE LTD"
    d = date(2019, 8, 5)
    r = Receipt(family="mono", size=21)
    r.head(seller, 23, ["1 Raffles Place #B1-12", "Singapore 048616", "GST Reg No: 201512345K"], 20)
    r.rule("-")
    number = f"{rng.randrange(10**5, 10**6)}"
    r.lr(f"Receipt No: {number}", "", 20)
    r.lr(f"Date: {d:%d/%m/%Y}", f"{rng.randrange(7, 11):02d}:{rng.randrange(60):02d}", 20)
    r.rule("-")
    items = [("Kaya Toast Set", 2, 560), ("Kopi C", 1, 180), ("Teh Peng", 1, 210), ("Half-boiled Eggs", 1, 190)]
    r.amounts([(f"{q} {item}", dec(q * up)) for item, q, up in items], 20)
    sub = cents_total(items)
    svc = round(sub * 0.10)
    gst = round((sub + svc) * 0.07)
    total = sub + svc + gst
    r.rule("-")
    r.amounts([("Subtotal", dec(sub)), ("10% Svc Chg", dec(svc)), ("7% GST", dec(gst))], 20)
    r.lr("Total", dec(total), 23, True)
    r.lr("NETS", dec(total), 20)
    r.rule("-")
    r.center("Thank you! See you again", 20)
    f = foreign_expected(seller, number, d, total, "SGD", sub, 7, gst)
    return r, f, "singapore/service-charge", ["service charge between subtotal and GST",
                                              "day-first date 05/08/2019 = 5 Aug"]


def fr_sg_pharmacy(name, rng):
    seller = "GREENLEAF PHARMACY PTE LTD"
    d = date(2021, 10, 9)
    r = Receipt(family="sans", size=20)
    r.head(seller, 23, ["Blk 201 Tampines St 21 #01-1145", "Singapore 520201  Tel: 6785 1120",
                        "UEN/GST Reg: 200912345W"], 19)
    r.rule("-")
    number = f"T{rng.randrange(10**7, 10**8)}"
    r.lefts([f"Inv: {number}", f"{d:%d/%m/%Y}  {rng.randrange(10, 21)}:{rng.randrange(60):02d}"], 20)
    r.rule("-")
    items = [("Panadol Actifast 20s", 1, 990), ("Vitamin C 1000mg 30s", 1, 1060), ("Hand Sanitiser 500ml", 1, 300)]
    r.amounts([(item, "S$" + dec(q * up)) for item, q, up in items], 20)
    total = cents_total(items)
    gst = round(total * 7 / 107)
    r.rule("-")
    r.lr("TOTAL", "S$" + dec(total), 23, True)
    r.amounts([("Incl. GST 7%", "S$" + dec(gst)), ("VISA ****" + str(rng.randrange(1000, 9999)), "S$" + dec(total))],
              20)
    r.rule("-")
    r.center("Prices are inclusive of GST", 19)
    f = foreign_expected(seller, number, d, total, "SGD", None, 7, gst)
    return r, f, "singapore/gst-inclusive", ["GST included in prices (no subtotal)", "date 09/10/2021 = 9 Oct"]


def fr_nl_cafe(name, rng):
    seller = "BRANDWERK COFFEE"
    d = date(2023, 2, 3)
    euro = lambda cents: dec(cents, ".", ",")  # noqa: E731  (Dutch: 1.234,56)
    r = Receipt(family="sans", size=20)
    r.logo("cup", 50)
    r.head(seller, 26, ["Spui 21, 1012 WX Amsterdam", "www.brandwerkcoffee.nl"], 19)
    r.rule("-")
    number = f"{rng.randrange(1000, 9999)}"
    r.lr(f"Receipt no. {number}", f"{d:%d-%m-%Y} {rng.randrange(8, 17)}:{rng.randrange(60):02d}", 19)
    r.left(f"Table {rng.randrange(1, 20)}  -  Served by Sanne", 19)
    r.rule("-")
    items = [("Flat white", 2, 420), ("Cinnamon bun", 1, 395), ("Fresh orange juice", 1, 565)]
    r.amounts([(f"{q} x {item}", euro(q * up)) for item, q, up in items], 20)
    total = cents_total(items)
    vat = round(total * 9 / 109)
    r.rule("-")
    r.lr("TOTAL EUR", euro(total), 23, True)
    r.amounts([("incl. VAT 9%", euro(vat)), ("PIN / Maestro", euro(total))], 19)
    r.rule("-")
    r.center("KvK 70123456  -  BTW NL861234567B01", 18)
    r.center("Thank you & see you soon!", 19)
    f = foreign_expected(seller, number, d, total, "EUR", None, 9, vat)
    return r, f, "netherlands/decimal-comma", ["decimal comma", "VAT included", "date 03-02-2023 = 3 Feb"]


def fr_de_baeckerei(name, rng):
    seller = "Bäckerei Sonnenkorn GmbH"
    d = date(2022, 11, 6)
    euro = lambda cents: dec(cents, ".", ",")  # noqa: E731  (German: 1.234,56)
    r = Receipt(family="mono", size=21)
    r.head(seller, 23, ["Bergmannstraße 17", "10961 Berlin", "Tel. 030 6912345"], 20)
    r.rule("-")
    items = [("Roggenbrot 750g", 1, 395), ("Laugenbrezel", 2, 95), ("Franzbrötchen", 1, 205)]
    r.amounts([(f"{q} x {item}", f"{euro(q * up)} A") for item, q, up in items], 20)
    total = cents_total(items)
    vat = round(total * 7 / 107)
    net = total - vat
    r.rule("-")
    r.lr("Summe EUR", euro(total), 23, True)
    r.amounts([("Gegeben BAR", "10,00"), ("Rückgeld", euro(1000 - total))], 20)
    r.rule("-")
    r.cols([("MwSt", 16, "l"), ("Netto", 250, "r"), ("MwSt", 400, "r"), ("Brutto", 560, "r")], 19)
    r.cols([("A 7%", 16, "l"), (euro(net), 250, "r"), (euro(vat), 400, "r"), (euro(total), 560, "r")], 19)
    r.rule("-")
    number = f"{rng.randrange(1000, 9999)}"
    r.lefts([f"Bon-Nr. {number}   Kasse 1", f"{d:%d.%m.%Y} {rng.randrange(7, 12):02d}:{rng.randrange(60):02d}"], 19)
    r.center("Vielen Dank für Ihren Einkauf!", 19)
    r.center("St.-Nr. 29/123/45678", 18)
    f = foreign_expected(seller, number, d, total, "EUR", net, 7, vat)
    return r, f, "germany/german-language", ["German wording (Summe, MwSt, Rückgeld)", "decimal comma",
                                             "date 06.11.2022 = 6 Nov", "number and date under the totals"]


def fr_ie_grocer(name, rng):
    seller = "LIFFEY GROCERS LTD"
    d = date(2024, 6, 7)
    r = Receipt(family="mono", size=21)
    r.head(seller, 24, ["44 Capel Street, Dublin 1", "D01 X2Y3  Tel: 01 872 4410"], 20)
    r.rule("-")
    number = f"{rng.randrange(10**5, 10**6)}"
    r.lefts([f"Receipt: {number}", f"Date: {d:%d/%m/%Y} {rng.randrange(9, 21):02d}:{rng.randrange(60):02d}"], 20)
    r.rule("-")
    items = [("Brennans Bread", 1, 225), ("Avonmore Milk 2L", 1, 269), ("Kerrygold Butter", 1, 449),
             ("Barrys Tea 80s", 1, 429), ("Tayto Crisps 6pk", 2, 349), ("Chicken Fillets 500g", 1, 570)]
    # the quantity is printed only when more than one was bought
    r.amounts([(f"{item}" + (f" x{q}" if q > 1 else ""), "€" + dec(q * up)) for item, q, up in items], 20)
    total = cents_total(items)
    r.rule("-")
    r.lr("TOTAL", "€" + dec(total), 23, True)
    r.lr("CARD", "€" + dec(total), 20)
    r.rule("-")
    r.center("Thank you for shopping local!", 20)
    f = foreign_expected(seller, number, d, total, "EUR")
    return r, f, "ireland/euro-decimal-point", ["EUR with decimal point", "date 07/06/2024 = 7 Jun"]


def fr_uk_larder(name, rng):
    seller = "THE CORNER LARDER LTD"
    d = date(2019, 3, 7)
    r = Receipt(family="sans", size=20)
    r.head(seller, 24, ["118 Stoke Newington Church Street", "London N16 0JX", "VAT Reg No. GB 318 7702 45"], 19)
    r.rule("-")
    number = f"{rng.randrange(1000, 9999)}"
    r.lr(f"Receipt {number}", f"{d:%d/%m/%Y} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}", 19)
    r.rule("-")
    items = [("Sourdough loaf", 1, 395), ("Oat milk 1L", 1, 215), ("Free range eggs x6", 1, 290), ("Chocolate bar", 2, 175)]
    r.amounts([(f"{q} {item}", "£" + dec(q * up)) for item, q, up in items], 20)
    total = cents_total(items)
    vat = 58  # VAT on the chocolate only (bread, milk, eggs are zero-rated)
    r.rule("-")
    r.lr("TOTAL", "£" + dec(total), 23, True)
    r.amounts([("CARD PAYMENT", "£" + dec(total)), ("CHANGE DUE", "£0.00")], 20)
    r.rule("-")
    r.lr("VAT 20% included", "£" + dec(vat), 19)
    r.center("Thank you for your custom", 19)
    f = foreign_expected(seller, number, d, total, "GBP", None, 20, vat)
    return r, f, "uk/vat-included", ["date 07/03/2019 = 7 Mar", "VAT on some lines only"]


def fr_us_deli(name, rng):
    seller = "SUNRISE DELI & GROCERY"
    d = date(2017, 4, 12)
    r = Receipt(family="mono", size=21)
    r.head(seller, 24, ["123 Main St", "Springfield, IL 62701", "(555) 201-4433"], 20)
    r.rule("-")
    t = f"{rng.randrange(1, 12)}:{rng.randrange(60):02d} PM"
    r.lr(f"{d:%m/%d/%Y}", t, 20)
    number = f"{rng.randrange(1000, 9999):06d}"
    r.lr(f"TRANS# {number}", f"REG 2  CSHR {rng.choice(['MIKE', 'DANA'])}", 20)
    r.rule("-")
    items = [("TURKEY CLUB SANDWICH", 1, 895), ("LAYS CLASSIC 1.5OZ", 2, 149), ("COKE 20OZ", 1, 229),
             ("COFFEE LARGE", 1, 245)]
    r.amounts([(f"{q} {item}", dec(q * up)) for item, q, up in items], 20)
    sub = cents_total(items)
    tax = round(sub * 0.0875)
    total = sub + tax
    r.rule("-")
    r.amounts([("SUBTOTAL", "$" + dec(sub)), ("TAX 8.75%", "$" + dec(tax))], 20)
    r.lr("TOTAL", "$" + dec(total), 23, True)
    r.lr("VISA XXXXXXXXXXXX" + str(rng.randrange(1000, 9999)), dec(total), 20)
    r.rule("-")
    r.center("THANK YOU FOR SHOPPING AT SUNRISE!", 20)
    f = foreign_expected(seller, number, d, total, "USD", sub, 8.75, tax)
    return r, f, "us/sales-tax", ["American: month-first 04/12/2017 = 12 Apr", "IL address with ZIP, (555) phone"]


def fr_us_hardware(name, rng):
    seller = "HARBOR HARDWARE"
    d = date(2018, 11, 9)
    r = Receipt(family="mono", size=21)
    r.head(seller, 25, ["2150 NW Front Ave", "Portland, OR 97209", "(555) 381-7720"], 20)
    r.rule("=")
    number = f"{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}-{rng.randrange(1, 9)}"
    r.lefts([f"Receipt: {number}", f"Date: {d:%m/%d/%Y}  {rng.randrange(8, 12)}:{rng.randrange(60):02d} AM"], 20)
    r.rule("-")
    items = [("GORILLA WOOD GLUE 8OZ", 1, 647), ("SANDPAPER 120 GRIT 5PK", 2, 549), ("PAINT BRUSH 2IN", 1, 899),
             ("BLUE PAINTERS TAPE", 1, 729)]
    for item, q, up in items:
        r.item_below(item, [(f"{q} @ {dec(up)}", 330, "r"), (dec(q * up), 560, "r")], 20)
    total = cents_total(items)
    r.rule("-")
    r.lr("SUBTOTAL", dec(total), 20)
    r.lr("TOTAL", dec(total), 23, True)
    r.amounts([("CASH", "40.00"), ("CHANGE", dec(4000 - total))], 20)
    r.rule("-")
    r.centered(["Oregon: no sales tax", "Returns within 30 days w/ receipt"], 19)
    f = foreign_expected(seller, number, d, total, "USD", total)
    return r, f, "us/no-sales-tax", ["American: month-first 11/09/2018 = 9 Nov", "OR address with ZIP"]


FOREIGN_RECEIPTS = [("foreign-receipt-my-01", fr_my_pasaraya), ("foreign-receipt-my-02", fr_my_restoran),
                    ("foreign-receipt-my-03", fr_my_hardware), ("foreign-receipt-my-04", fr_my_stationery),
                    ("foreign-receipt-sg-01", fr_sg_kopi), ("foreign-receipt-sg-02", fr_sg_pharmacy),
                    ("foreign-receipt-eu-01", fr_nl_cafe), ("foreign-receipt-eu-02", fr_de_baeckerei),
                    ("foreign-receipt-eu-03", fr_ie_grocer), ("foreign-receipt-uk-01", fr_uk_larder),
                    ("foreign-receipt-us-01", fr_us_deli), ("foreign-receipt-us-02", fr_us_hardware)]


# --------------------------------------------------------------------------------------
# Renders, scans and phone photos
# --------------------------------------------------------------------------------------


def pdftoppm(pdf, dpi, gray=True):
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "page")
        args = ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1"]
        if gray:
            args.append("-gray")
        subprocess.run(args + [pdf, base], check=True)
        with Image.open(base + ".png") as im:
            # pdftoppm 22 writes -gray pages as RGB PNGs with equal channels; L loses nothing.
            return im.convert("L") if gray else im.copy()


def noise_layer(rng, size, amplitude, blur=0.0):
    """Seeded noise centred on 128 with the given amplitude (never Image.effect_noise: unseeded)."""
    w, h = size
    n = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    if blur:
        n = n.filter(ImageFilter.GaussianBlur(blur))
        # blurring uniform noise shrinks it; stretch it back around 128
        lo, hi = n.getextrema()
        span = max(1, hi - lo)
        n = n.point(lambda v: int(128 + (v - (lo + hi) / 2) * 255 / span))
    return n.point(lambda v: max(0, min(255, int(128 + (v - 128) * amplitude / 128))))


def add_noise(img, noise):
    if img.mode == "RGB":
        noise = Image.merge("RGB", (noise, noise, noise))
    return ImageChops.add(img, noise, 1.0, -128)


def smooth_field(size, fn, grid=24):
    """A smooth greyscale field: fn(u, v) in 0..255 sampled on a coarse grid and scaled up."""
    w, h = size
    gw, gh = grid, max(2, round(grid * h / w))
    small = Image.new("L", (gw, gh))
    small.putdata([max(0, min(255, int(fn(i / (gw - 1), j / (gh - 1))))) for j in range(gh) for i in range(gw)])
    return small.resize((w, h), Image.BICUBIC)


def scan_page(pdf, rng, dpi):
    """An office scan of a printed page: grey paper, rotation, lid shadow, sensor noise."""
    page = pdftoppm(pdf, dpi)
    w, h = page.size
    paper = rng.randrange(214, 232)
    ink = rng.randrange(20, 45)
    page = page.point(lambda v: int(ink + (paper - ink) * v / 255))
    # the lamp is brighter in the middle of the glass
    tilt = rng.uniform(-10, 10)
    page = ImageChops.add(page, smooth_field(page.size, lambda u, v: 128 + tilt * (u - 0.5) - 14 * (v - 0.5) ** 2),
                          1.0, -128)
    angle = rng.choice([-1, 1]) * rng.uniform(0.3, 1.4)
    bed = rng.randrange(150, 190)
    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=bed)
    # the lid's shadow along one edge
    edge = rng.choice(["left", "top", "right"])
    depth = int(dpi * rng.uniform(0.05, 0.12))
    shadow = Image.new("L", page.size, 255)
    sd = ImageDraw.Draw(shadow)
    for k in range(depth):
        val = int(150 + 105 * k / depth)
        if edge == "left":
            sd.line([(k, 0), (k, h)], fill=val)
        elif edge == "right":
            sd.line([(w - 1 - k, 0), (w - 1 - k, h)], fill=val)
        else:
            sd.line([(0, k), (w, k)], fill=val)
    page = ImageChops.multiply(page, shadow)
    # sensor noise, a little soft (at full strength JPEG spends most of its bytes on it)
    page = add_noise(page, noise_layer(rng, page.size, rng.uniform(4, 7), blur=0.9))
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.6)))
    return page, f"{dpi} dpi, rotated {angle:+.1f} deg, grey paper ({paper}), lid shadow {edge}, noise, blur"


def smooth_noise(rng, size, cell_x, cell_y=None):
    """Value noise: seeded random cells scaled up and softened, stretched to 0..255."""
    w, h = size
    cell_y = cell_y or cell_x
    gw, gh = max(2, int(w / cell_x)), max(2, int(h / cell_y))
    small = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
    big = small.resize((w, h), Image.BICUBIC).filter(ImageFilter.GaussianBlur(max(1.0, min(cell_x, cell_y) / 3)))
    return ImageOps.autocontrast(big, cutoff=1)


def table_texture(rng, size, kind):
    """A table top for the photo: wood, laminate, dark desk or stone."""
    w, h = size
    if kind == "wood":
        # grain: fast change across the boards, slow along them; then broad colour drifts
        grain = smooth_noise(rng, size, w / 3, 5)
        fine = smooth_noise(rng, size, w / 8, 2)
        drift = smooth_noise(rng, size, w / 4)
        base = ImageChops.blend(ImageChops.blend(grain, fine, 0.35), drift, 0.3)
        tex = ImageOps.colorize(base, black=(96, 60, 34), white=(178, 130, 84))
    elif kind == "laminate":
        base = ImageChops.blend(smooth_noise(rng, size, w / 6), noise_layer(rng, size, 40, blur=0.8), 0.35)
        tex = ImageOps.colorize(base, black=(158, 156, 150), white=(204, 202, 196))
    elif kind == "dark":
        base = ImageChops.blend(smooth_noise(rng, size, w / 5), noise_layer(rng, size, 50, blur=0.8), 0.4)
        tex = ImageOps.colorize(base, black=(30, 32, 36), white=(74, 76, 82))
    else:  # stone
        broad = smooth_noise(rng, size, w / 5)
        mid = smooth_noise(rng, size, w / 40)
        grain = noise_layer(rng, size, 70, blur=0.7)
        base = ImageChops.blend(ImageChops.blend(broad, mid, 0.45), grain, 0.3)
        tex = ImageOps.colorize(base, black=(118, 110, 102), white=(216, 210, 200))
    return tex


def phone_photo(page, rng, long_side, thermal=False):
    """The page photographed on a table: perspective, shadow, uneven light, blur, noise."""
    portrait = True
    W = int(long_side * rng.uniform(0.72, 0.78)) if portrait else long_side
    H = long_side
    paper = (rng.randrange(236, 248), rng.randrange(234, 246), rng.randrange(226, 240))
    ink = (70, 70, 82) if thermal else (34, 34, 44)
    page = ImageOps.colorize(page.convert("L"), black=ink, white=paper)
    pw, ph = page.size
    fill = rng.uniform(0.80, 0.9)
    scale = min(W * fill / pw, H * fill / ph)
    cw, ch = pw * scale, ph * scale
    cx, cy = W / 2 + rng.uniform(-0.04, 0.04) * W, H / 2 + rng.uniform(-0.03, 0.03) * H
    ang = math.radians(rng.uniform(-3.5, 3.5))
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * cw / 2, sy * ch / 2
        # the far edge looks narrower (camera tilted), each corner a little off
        if sy < 0:
            x *= rng.uniform(0.88, 0.95)
        x, y = x * math.cos(ang) - y * math.sin(ang), x * math.sin(ang) + y * math.cos(ang)
        corners.append((cx + x + rng.uniform(-0.015, 0.015) * W, cy + y + rng.uniform(-0.01, 0.01) * H))
    coeffs = perspective_coefficients(corners, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    warped = page.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, resample=Image.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((W, H), Image.Transform.PERSPECTIVE, coeffs,
                                                    resample=Image.BILINEAR, fillcolor=0)
    kind = rng.choice(["wood", "laminate", "dark", "stone"])
    frame = table_texture(rng, (W, H), kind)
    # the paper's own shadow on the table
    drop = mask.filter(ImageFilter.GaussianBlur(W / 90))
    drop = ImageChops.offset(drop, int(W / 150), int(W / 110)).point(lambda v: 255 - int(v * 0.45))
    frame = ImageChops.multiply(frame, Image.merge("RGB", (drop, drop, drop)))
    frame.paste(warped, (0, 0), mask)
    # light from one side, falling off towards the other, and a soft vignette
    lx, ly = rng.uniform(-1, 1), rng.uniform(-1, 1)
    strength = rng.uniform(55, 85)
    light = smooth_field((W, H), lambda u, v: 255 - strength * (0.5 + 0.5 * ((u - 0.5) * lx + (v - 0.5) * ly) * 2)
                         - 40 * ((u - 0.5) ** 2 + (v - 0.5) ** 2))
    # the shadow of the phone and hand across part of the page
    blob = Image.new("L", (W, H), 255)
    bd = ImageDraw.Draw(blob)
    side = rng.choice(["bottom", "right", "left"])
    dark = rng.randrange(150, 190)
    if side == "bottom":
        bd.ellipse([W * rng.uniform(0.1, 0.5), H * 0.78, W * rng.uniform(0.9, 1.3), H * 1.3], fill=dark)
    elif side == "right":
        bd.ellipse([W * 0.72, H * rng.uniform(0.3, 0.5), W * 1.4, H * 1.2], fill=dark)
    else:
        bd.ellipse([-W * 0.4, H * rng.uniform(0.4, 0.6), W * 0.25, H * 1.3], fill=dark)
    blob = blob.filter(ImageFilter.GaussianBlur(W / 12))
    shade = ImageChops.multiply(light, blob)
    frame = ImageChops.multiply(frame, Image.merge("RGB", (shade, shade, shade)))
    frame = frame.filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.3)))
    frame = add_noise(frame, noise_layer(rng, (W, H), rng.uniform(6, 10)))
    return frame, f"{W}x{H}, {kind} table, perspective, light from ({lx:+.1f},{ly:+.1f}), {side} shadow, blur"


# --------------------------------------------------------------------------------------
# The document list
# --------------------------------------------------------------------------------------

SCANS = {  # e-invoice -> (dpi, format)
    "vn-einvoice-01": (200, "jpg"), "vn-einvoice-02": (250, "jpg"), "vn-einvoice-03": (300, "jpg"),
    "vn-einvoice-04": (200, "png"), "vn-einvoice-05": (250, "jpg"), "vn-einvoice-06": (200, "jpg"),
    "vn-einvoice-07": (300, "jpg"), "vn-einvoice-08": (200, "jpg"), "vn-einvoice-09": (250, "png"),
    "vn-einvoice-10": (200, "jpg"), "vn-einvoice-11": (250, "jpg"), "vn-einvoice-12": (200, "jpg"),
}
PHOTOS = ["vn-receipt-01", "vn-receipt-02", "vn-receipt-04", "vn-receipt-07", "vn-receipt-09", "vn-receipt-10",
          "foreign-receipt-my-01", "foreign-receipt-my-02", "foreign-receipt-sg-01", "foreign-receipt-us-01",
          "vn-einvoice-03", "vn-einvoice-07"]


def plan():
    """[(name, kind, ext, source or None)] in rendering order (sources before what is made from them)."""
    out = []
    for name, *_ in EINVOICES:
        out.append((name, "vn-einvoice", "pdf", None))
    for name, _ in VN_RECEIPTS:
        out.append((name, "vn-receipt", "png", None))
    for name, _ in FOREIGN_RECEIPTS:
        out.append((name, "foreign-receipt", "png", None))
    for name, *_ in VENDOR_DOCS:
        out.append((name, "vendor-invoice", "pdf", None))
    for name, *_ in EINVOICES:
        out.append((f"{name}-render", "vn-einvoice-render", "png", name))
        out.append((f"{name}-scan", "vn-einvoice-scan", SCANS[name][1], name))
    for src in PHOTOS:
        out.append((f"photo-{src}", "photo", "jpg", src))
    return out


def source_file(name):
    for ext in ("pdf", "png", "jpg"):
        path = os.path.join(OUT_DIR, f"{name}.{ext}")
        if os.path.exists(path):
            return path
    sys.exit(f"{name}: its source document has not been rendered")


def make(name, kind, ext, source):
    """Writes NAME.ext and returns (expected fields, layout, variant, notes)."""
    path = os.path.join(OUT_DIR, f"{name}.{ext}")
    if kind == "vn-einvoice":
        _, provider, seller, buyer_case, rate, d, opts = next(e for e in EINVOICES if e[0] == name)
        f, layout, notes = render_einvoice(name, provider, seller, buyer_case, rate, d, opts, path)
        return f, layout, "pdf", notes
    if kind == "vendor-invoice":
        _, vid, d = next(e for e in VENDOR_DOCS if e[0] == name)
        f, layout, notes = render_vendor(name, vid, d, path)
        return f, layout, "pdf", notes
    if kind in ("vn-receipt", "foreign-receipt"):
        fn = dict(VN_RECEIPTS + FOREIGN_RECEIPTS)[name]
        rng = doc_rng(name)
        receipt, f, layout, notes = fn(name, rng)
        img = receipt.render(ink=rng.randrange(10, 40), paper=255)
        img.save(path, optimize=True, dpi=(203, 203))
        return f, layout, "thermal 203 dpi", notes
    src_json = os.path.join(OUT_DIR, f"{source}.json")
    with open(src_json, encoding="utf-8") as fh:
        src = json.load(fh)
    f = {k: src[k] for k in KEYS}
    src_path = source_file(source)
    rng = doc_rng(name)
    if kind == "vn-einvoice-render":
        pdftoppm(src_path, 150).save(path, optimize=True, dpi=(150, 150))
        return f, src["layout"], "pdftoppm 150 dpi gray", []
    if kind == "vn-einvoice-scan":
        dpi, fmt = SCANS[source]
        img, desc = scan_page(src_path, rng, dpi)
        if fmt == "jpg":
            img.save(path, quality=rng.randrange(68, 77), dpi=(dpi, dpi), optimize=True)
        else:
            # the scanner's black-and-white text mode: a fixed threshold, speckles and broken strokes
            threshold = rng.randrange(120, 150)
            img.point(lambda v: 255 if v > threshold else 0).convert("1").save(path, optimize=True, dpi=(dpi, dpi))
            desc += f", 1-bit PNG (threshold {threshold})"
        return f, src["layout"], desc, []
    if kind == "photo":
        page = pdftoppm(src_path, 150) if src_path.endswith(".pdf") else Image.open(src_path).convert("L")
        thermal = source.startswith(("vn-receipt", "foreign-receipt"))
        img, desc = phone_photo(page, rng, rng.randrange(1300, 1601) if thermal else 1600, thermal)
        img.save(path, quality=rng.randrange(72, 79), optimize=True)
        return f, src["layout"], f"photo of {source}: {desc}", []
    raise ValueError(kind)


# --------------------------------------------------------------------------------------
# Checks, README, main
# --------------------------------------------------------------------------------------


def check_fields(name, f):
    for k in ("seller_tax_code", "buyer_tax_code"):
        if f[k]:
            assert mst_valid(f[k]), (name, k, f[k])
    if f["currency"] == "VND":
        if f["subtotal"] is not None and f["vat_amount"] is not None:
            assert f["subtotal"] + f["vat_amount"] == f["total_amount"], (name, f)
        if f["amount_in_words"]:
            # the words must say the total: the same number read back through the same speller
            w = f["amount_in_words"]
            assert any(vn_amount_words(f["total_amount"], nghin=n, linh=li, tu=t, chan=c) == w
                       for n in ("nghìn", "ngàn") for li in ("linh", "lẻ") for t in (False, True)
                       for c in (False, True)), (name, w, f["total_amount"])
    assert f["invoice_date"] and f["total_amount"], name
    for k in ("invoice_number", "seller_name"):
        assert f[k], (name, k)


README_HEAD = """# Documents of the kinds users send

Rendered by `scripts/render-kinds.py` (Python 3, Pillow, reportlab, the DejaVu
fonts, pdftoppm). Do not edit these files by hand: change the script and run

    python3 scripts/render-kinds.py   # writes every NAME.pdf/.png/.jpg, NAME.json and this README
    scripts/ocr-kinds.sh              # refreshes Tests/InvoiceExtractionTests/Corpus/kinds/

Every company, provider, person, tax code and amount is invented, but the
documents are written the way real ones are printed (see
../shared/VIETNAMESE_INVOICES.md and issue 14): nothing here is shaped to what
the extractor can read. Tax codes pass the mã số thuế check digit; on
Vietnamese documents the amount in words is the total.

Kinds (`kind` in the JSON):

- `vn-einvoice`: VAT e-invoice PDFs with a text layer, in the layouts of six
  invented e-invoice providers, each with the provider's imprint, its own MST
  and a lookup line (at the foot or along the edge). The provider is never the
  seller.
- `vn-einvoice-render`: the same pages rendered by `pdftoppm -r 150 -gray`.
- `vn-einvoice-scan`: the same pages at 200-300 dpi as an office scanner gives
  them (grey paper, slight rotation, lid shadow, noise), JPEG or PNG.
- `vn-receipt`: Vietnamese thermal receipts (80 mm roll at 203 dpi).
- `foreign-receipt`: receipts from Malaysia, Singapore, the Netherlands,
  Germany, Ireland, the UK and the US.
- `vendor-invoice`: born-digital invoices of foreign vendors (PDF).
- `photo`: phone photos of some of the above (`source` names which).

Each document has a `NAME.json` with the keys of `Tests/Fixtures/invoices/`
(`invoice_type` ... `amount_in_words`), plus `kind`, `variant` (how the file
was made), `layout` and, for renders, scans and photos, `source`.
Conventions beyond those of `Tests/Fixtures/invoices/README.md`:

- `invoice_date` is the date of sale/issue as the document means it: numeric
  dates are day-first everywhere except on the American documents (US address
  with state and ZIP), where `04/12/2017` is 12 April.
- `total_amount` is what the customer pays: the rounded total on Malaysian
  receipts with a rounding adjustment, after any discount.
- `subtotal` is the goods amount as printed before tax or discount
  ("Cộng tiền hàng", "Tổng tiền hàng", "Tiền hàng trước thuế", "Subtotal",
  "Netto"), null when none is printed; so subtotal + VAT = total holds only
  where nothing else (discount, service charge, rounding) sits between.
- `vat_rate`/`vat_amount`: the VAT/GST/sales tax printed, also when it is
  only stated as included in the prices; null when none is printed. On the
  e-invoices KCT (not subject to VAT) gives rate null and amount 0.
- `seller_tax_code`/`buyer_tax_code` hold Vietnamese tax codes only; foreign
  VAT, GST and company registration numbers are not expected there (null).
- `seller_name` is the company or shop as printed at the head: the
  Vietnamese name of a bilingual seller (without the English line under it),
  the store or brand line of a receipt (never the title "HÓA ĐƠN BÁN HÀNG"),
  the legal name when a vendor prints one (Papertrail → "Papertrail Supplies
  Ltd"), else the brand.
- `amount_in_words` is the words without a trailing "." or "./.".
- `currency` is the ISO code: VND, MYR (RM), SGD, EUR, GBP, USD.

| file | kind | variant | layout | size | notes |
|---|---|---|---|---|---|
"""


def write_readme(rows):
    lines = [README_HEAD]
    for name, ext, kind, variant, layout, size, notes in rows:
        lines.append(f"| `{name}.{ext}` | {kind} | {variant} | {layout} | {size // 1024} KB | {', '.join(notes)} |\n")
    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    total = sum(r[5] for r in rows)
    lines.append("\n" + ", ".join(f"{k}: {v}" for k, v in counts.items()) +
                 f"; {len(rows)} documents, {total / 1024 / 1024:.1f} MB of documents.\n")
    with open(os.path.join(OUT_DIR, "README.md"), "w", encoding="utf-8") as fh:
        fh.writelines(lines)


def folder_bytes():
    return sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", help="render only this document (repeatable)")
    ap.add_argument("--list", action="store_true", help="list the documents and exit")
    args = ap.parse_args()
    docs = plan()
    if args.list:
        for name, kind, ext, source in docs:
            print(f"{name:34} {kind:20} {ext:4} {source or ''}")
        return
    for tool in ("pdftoppm",):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (Debian: poppler-utils)")
    names = {d[0] for d in docs}
    unknown = set(args.only or []) - names
    if unknown:
        sys.exit(f"unknown document(s): {', '.join(sorted(unknown))}")
    os.makedirs(OUT_DIR, exist_ok=True)
    rows = []
    for name, kind, ext, source in docs:
        if args.only and name not in args.only:
            continue
        f, layout, variant, notes = make(name, kind, ext, source)
        check_fields(name, f)
        out = dict(f, kind=kind, variant=variant, layout=layout)
        if source:
            out["source"] = source
        with open(os.path.join(OUT_DIR, name + ".json"), "w", encoding="utf-8") as fh:
            json.dump(out, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        size = os.path.getsize(os.path.join(OUT_DIR, f"{name}.{ext}"))
        rows.append((name, ext, kind, variant, layout, size, notes))
        print(f"{name:34} {kind:20} {size // 1024:5} KB  {layout}")
    if not args.only:
        keep = {f"{n}.{e}" for n, _, e, _ in docs} | {f"{n}.json" for n, *_ in docs} | {"README.md"}
        for fn in os.listdir(OUT_DIR):
            if fn not in keep:
                os.remove(os.path.join(OUT_DIR, fn))
        write_readme(rows)
        total = folder_bytes()
        print(f"{len(rows)} documents, folder {total / 1024 / 1024:.2f} MB")
        if total > MAX_FOLDER_BYTES:
            sys.exit(f"Tests/Fixtures/kinds is {total / 1024 / 1024:.2f} MB, over the "
                     f"{MAX_FOLDER_BYTES / 1024 / 1024:.0f} MB budget")


if __name__ == "__main__":
    main()
