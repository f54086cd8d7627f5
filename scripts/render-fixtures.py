#!/usr/bin/env python3
"""Render synthetic invoice scans (PNG) plus their expected fields (JSON).

What it makes
    Tests/Fixtures/invoices/NAME.png   one rendered invoice page (grayscale "L" or 1-bit)
    Tests/Fixtures/invoices/NAME.json  the fields an extractor should find on it
    Tests/Fixtures/invoices/README.md  a generated list of every file in that folder

    The documents are invented (companies, people, tax codes, amounts) but follow
    the real Vietnamese layouts described in /work/shared/VIETNAMESE_INVOICES.md:
    VAT invoices in three layouts, sales invoices, electricity / water / telecom
    bills, narrow thermal receipts and English invoices, each in clean, rotated,
    noisy, low-resolution or black-and-white variants.

What it needs
    Python 3.9+ and Pillow (`pip install Pillow`), and the DejaVu fonts from
    Debian's fonts-dejavu-core + fonts-dejavu-extra (/usr/share/fonts/truetype/dejavu/;
    override with DEJAVU_DIR=...). Nothing else.

How to run (from the repository root)
    python3 scripts/render-fixtures.py            # (re)render every fixture
    python3 scripts/render-fixtures.py --list     # list fixture names and layouts
    python3 scripts/render-fixtures.py --only vat-bilingual-01 --only retail-03
    python3 scripts/render-fixtures.py --selftest # check the number-to-words and tax-code helpers
    scripts/ocr-corpus.sh                         # then refresh the OCR text corpus

Determinism
    Every document draws from its own random.Random seeded by SEED and its name,
    so the output is the same on every run (for a given Pillow and font version)
    and editing one fixture does not reshuffle the others. Never use Image.effect_noise
    or anything else that reads an unseeded random source.

Expected-field conventions (the JSON keys are a contract with the tests)
    invoice_type      general | electricity | water | telecom | service | retail
    invoice_series    e.g. "1C26TTU", or null when none is printed
    invoice_number    the number exactly as printed ("00002486")
    invoice_code      "SERIES-NUMBER" ("1C26TTU-00002486") when a series exists, else the number
    invoice_date      YYYY-MM-DD (never a signing date, due date or billing-period date)
    seller_name, buyer_name   as printed; buyer_name is the company ("Tên đơn vị") when printed,
                      else the person; null for walk-in customers ("Khách lẻ")
    seller_tax_code, buyer_tax_code   as printed, 10 digits or 13 as "0123456789-001"
    subtotal, vat_rate, vat_amount, total_amount   numbers (VND integers, USD/EUR with cents);
                      vat_rate is the percentage (10 for 10 %), null for KCT or when not printed
    currency          VND, USD, EUR
    amount_in_words   the words as printed after the label, or null
    words             5-10 words that are printed in plain (non-bold) text on the image
    layout            "<layout>/<variant>"
    Anything not printed on the document is null.
"""

import argparse
import json
import os
import random
import sys
import unicodedata
import zlib
from datetime import date, timedelta

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = 20260416
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "Tests", "Fixtures", "invoices")
FONT_DIR = os.environ.get("DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu")
MAX_PNG_BYTES = 300 * 1024   # hard limit per PNG
SOFT_PNG_BYTES = 200 * 1024  # above this, keep 16 gray levels (noisy and rotated pages)
A4_200DPI = (1654, 2339)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def wrap_words(s, maxw, width):
    """s (in NFC) broken at spaces into lines no wider than maxw as measured by width(text);
    a word wider than maxw stands alone on its line. Every renderer here wraps this way."""
    words, lines, cur = nfc(s).split(" "), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if cur and width(t) > maxw:
            lines.append(cur)
            cur = w
        else:
            cur = t
    if cur:
        lines.append(cur)
    return lines


def perspective_coefficients(dst, src):
    """The 8 coefficients of Image.transform(PERSPECTIVE) that map the output points dst to the
    input points src (four corners each), by Gaussian elimination with partial pivoting (the
    machines that render fixtures have no numpy). Used by render-kinds.py and render-ocr-fixtures.py
    for their phone photos."""
    rows = []
    for (X, Y), (x, y) in zip(dst, src):
        rows.append([X, Y, 1, 0, 0, 0, -X * x, -Y * x, x])
        rows.append([0, 0, 0, X, Y, 1, -X * y, -Y * y, y])
    n = 8
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[piv] = rows[piv], rows[col]
        for r in range(n):
            if r != col:
                fac = rows[r][col] / rows[col][col]
                rows[r] = [a - fac * b for a, b in zip(rows[r], rows[col])]
    return [rows[k][n] / rows[k][k] for k in range(n)]


# --------------------------------------------------------------------------------------
# Domain helpers: tax codes, number words, money and date formats
# --------------------------------------------------------------------------------------

MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def mst_check_digit(first9):
    """Check digit of a Vietnamese tax code, or None when no valid code exists."""
    s = sum(w * int(d) for w, d in zip(MST_WEIGHTS, first9)) % 11
    if s == 0:
        return None
    return 10 - s  # s in 1..10 -> 9..0


def mst_valid(code):
    digits = code.replace("-", "")
    if len(digits) not in (10, 13) or not digits.isdigit():
        return False
    return mst_check_digit(digits[:9]) == int(digits[9])


def make_tax_code(rng, province="03", branch=None):
    while True:
        body = province + "".join(str(rng.randrange(10)) for _ in range(9 - len(province)))
        c = mst_check_digit(body)
        if c is not None:
            code = body + str(c)
            if branch:
                code += "-%03d" % branch
            return code


VN_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _read_triple(n, full, linh, tu):
    """Read 0..999. full=True reads "không trăm" / "linh" as inside a longer number."""
    h, t, u = n // 100, (n // 10) % 10, n % 10
    w = []
    if full or h > 0:
        w += [VN_DIGITS[h], "trăm"]
    if t == 0:
        if u > 0:
            if full or h > 0:
                w += [linh, VN_DIGITS[u]]
            else:
                w.append(VN_DIGITS[u])
    elif t == 1:
        w.append("mười")
        if u == 5:
            w.append("lăm")
        elif u > 0:
            w.append(VN_DIGITS[u])
    else:
        w += [VN_DIGITS[t], "mươi"]
        if u == 1:
            w.append("mốt")
        elif u == 4 and tu:
            w.append("tư")
        elif u == 5:
            w.append("lăm")
        elif u > 0:
            w.append(VN_DIGITS[u])
    return w


def vn_number_words(n, nghin="nghìn", linh="linh", tu=False, ty="tỷ"):
    """Vietnamese reading of a non-negative integer ("một triệu không trăm tám mươi nghìn")."""
    if n == 0:
        return "không"

    def below_billion(m, leading):
        words = []
        first = leading
        for g, name in (((m // 10**6) % 1000, "triệu"), ((m // 1000) % 1000, nghin), (m % 1000, "")):
            if g == 0:
                continue
            words += _read_triple(g, not first, linh, tu)
            if name:
                words.append(name)
            first = False
        return words

    def read(m, leading):
        if m >= 10**9:
            hi, lo = divmod(m, 10**9)
            words = read(hi, leading) + [ty]
            if lo:
                words += below_billion(lo, False)
            return words
        return below_billion(m, leading)

    return " ".join(read(n, True))


def vn_amount_words(n, nghin="nghìn", linh="linh", tu=False, chan=False, ty="tỷ"):
    s = vn_number_words(n, nghin=nghin, linh=linh, tu=tu, ty=ty) + " đồng"
    if chan:
        s += " chẵn"
    return s[0].upper() + s[1:]


def money(n, sep=".", suffix=""):
    return f"{n:,}".replace(",", sep) + suffix


def usd(cents, symbol="$"):
    return f"{symbol}{cents // 100:,}.{cents % 100:02d}"


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def random_date(rng, year=None):
    year = year or rng.choice([2025, 2026, 2026, 2026])
    start = date(year, 1, 2)
    end = date(year, 12, 28) if year == 2025 else date(2026, 6, 28)
    return start + timedelta(days=rng.randrange((end - start).days))


def series_for(rng, template, d, kind="T", tail=None):
    letters = "ABCDEGHKLMNPQRSTUVXY"
    tail = tail or (rng.choice(letters) + rng.choice(letters))
    return f"{template}{rng.choice('CCCK')}{d.year % 100:02d}{kind}{tail}"


def tax_authority_code(rng):
    return "00" + "".join(rng.choice("0123456789ABCDEF") for _ in range(32))


# --------------------------------------------------------------------------------------
# Invented but plausible names, addresses and goods
# --------------------------------------------------------------------------------------

COMPANY_FORMS = ["CÔNG TY TNHH", "CÔNG TY CỔ PHẦN", "CÔNG TY TNHH MỘT THÀNH VIÊN", "CÔNG TY TNHH"]
SECTORS = ["THƯƠNG MẠI DỊCH VỤ", "THƯƠNG MẠI VÀ XUẤT NHẬP KHẨU", "SẢN XUẤT VÀ THƯƠNG MẠI",
           "CÔNG NGHỆ", "ĐẦU TƯ XÂY DỰNG", "VẬN TẢI VÀ LOGISTICS", "THỰC PHẨM", "IN ẤN BAO BÌ",
           "THIẾT BỊ VĂN PHÒNG", "TƯ VẤN QUẢN LÝ", "VẬT LIỆU XÂY DỰNG", "ĐIỆN TỬ TIN HỌC"]
PROPER = ["MINH PHÁT", "HOÀNG LONG", "AN KHANG", "THIÊN ÂN", "PHÚC THỊNH", "ĐẠI VIỆT", "SAO MAI",
          "HƯNG THỊNH", "NAM Á", "TÂN TIẾN", "BÌNH MINH", "TRƯỜNG SƠN", "KIM NGÂN", "VIỆT NHẬT",
          "HẢI ĐĂNG", "THÀNH CÔNG", "PHƯƠNG NAM", "ĐÔNG DƯƠNG", "LỘC PHÁT", "QUANG HUY",
          "THUẬN THIÊN", "HOA SEN XANH", "NGỌC LAN", "TRÍ VIỆT", "AN BÌNH", "VẠN XUÂN",
          "HỒNG HÀ", "SÔNG HÀN", "GIA BẢO", "MẠNH CƯỜNG"]

CITIES = [
    ("03", "TP. Hồ Chí Minh",
     ["Nguyễn Thị Minh Khai", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Lê Văn Sỹ", "Nguyễn Văn Trỗi",
      "Hoàng Văn Thụ", "Võ Văn Tần", "Phan Xích Long", "Nguyễn Hữu Thọ", "Trường Chinh"],
     [("Phường Đa Kao", "Quận 1"), ("Phường Võ Thị Sáu", "Quận 3"), ("Phường 15", "Quận Tân Bình"),
      ("Phường 2", "Quận Phú Nhuận"), ("Phường Tân Phú", "Quận 7"), ("Phường 25", "Quận Bình Thạnh")]),
    ("01", "Hà Nội",
     ["Láng Hạ", "Trần Duy Hưng", "Kim Mã", "Nguyễn Chí Thanh", "Phạm Văn Đồng", "Hoàng Quốc Việt",
      "Lê Văn Lương", "Xuân Thủy", "Giải Phóng", "Nguyễn Trãi"],
     [("Phường Láng Hạ", "Quận Đống Đa"), ("Phường Trung Hòa", "Quận Cầu Giấy"),
      ("Phường Ngọc Khánh", "Quận Ba Đình"), ("Phường Mai Dịch", "Quận Cầu Giấy"),
      ("Phường Nhân Chính", "Quận Thanh Xuân")]),
    ("04", "TP. Đà Nẵng", ["Nguyễn Văn Linh", "Lê Duẩn", "Bạch Đằng", "Hàm Nghi"],
     [("Phường Thạch Thang", "Quận Hải Châu"), ("Phường An Hải Bắc", "Quận Sơn Trà")]),
    ("02", "TP. Hải Phòng", ["Lạch Tray", "Trần Phú", "Lê Hồng Phong"],
     [("Phường Lạch Tray", "Quận Ngô Quyền"), ("Phường Đông Khê", "Quận Ngô Quyền")]),
    ("37", "Tỉnh Bình Dương", ["Đại lộ Bình Dương", "Yersin", "Phú Lợi"],
     [("Phường Phú Cường", "TP. Thủ Dầu Một"), ("Phường Hiệp Thành", "TP. Thủ Dầu Một")]),
    ("36", "Tỉnh Đồng Nai", ["Phạm Văn Thuận", "Võ Thị Sáu"],
     [("Phường Tân Hiệp", "TP. Biên Hòa"), ("Phường Tam Hiệp", "TP. Biên Hòa")]),
    ("18", "TP. Cần Thơ", ["Trần Hưng Đạo", "Nguyễn Văn Cừ", "Mậu Thân"],
     [("Phường An Hòa", "Quận Ninh Kiều"), ("Phường Xuân Khánh", "Quận Ninh Kiều")]),
    ("23", "Tỉnh Bắc Ninh", ["Lý Thái Tổ", "Nguyễn Gia Thiều", "Ngô Gia Tự"],
     [("Phường Suối Hoa", "TP. Bắc Ninh"), ("Phường Vũ Ninh", "TP. Bắc Ninh")]),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Hoàng", "Thanh", "Quốc", "Ngọc", "Thu", "Đức", "Bảo", "Hữu", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hiếu", "Hương", "Khánh", "Lan", "Linh", "Long",
         "Mai", "Nam", "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trâm", "Trung", "Tuấn", "Vy", "Yến"]

BANKS = ["Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)", "Ngân hàng TMCP Công thương Việt Nam (VietinBank)",
         "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)", "Ngân hàng TMCP Á Châu (ACB)",
         "Ngân hàng TMCP Kỹ thương Việt Nam (Techcombank)", "Ngân hàng TMCP Quân đội (MB)"]
BRANCHES = ["Chi nhánh Sài Gòn", "Chi nhánh Hà Nội", "Chi nhánh Tân Bình", "Chi nhánh Ba Đình",
            "Chi nhánh Đà Nẵng", "Chi nhánh Bình Dương"]

GOODS = [("Giấy in A4 Double A 70gsm", "Ram", 72000, 98000), ("Mực in HP 12A chính hãng", "Hộp", 950000, 1450000),
         ("Bàn làm việc gỗ 1m2", "Cái", 1800000, 2900000), ("Ghế xoay văn phòng lưng lưới", "Cái", 850000, 1650000),
         ("Nước uống đóng chai 500ml", "Thùng", 85000, 120000), ("Cáp mạng Cat6 AMP", "Thùng", 2100000, 2800000),
         ("Thép tấm SS400 dày 5mm", "Kg", 17000, 23000), ("Xi măng PCB40 Hà Tiên", "Bao", 88000, 98000),
         ("Máy tính xách tay Dell Latitude 5440", "Chiếc", 21000000, 26000000),
         ("Chuột không dây Logitech M331", "Cái", 290000, 390000), ("Bút bi Thiên Long TL-027", "Hộp", 48000, 62000),
         ("Màn hình LG 24 inch IPS", "Chiếc", 2900000, 3700000), ("Ổ cứng SSD Samsung 1TB", "Cái", 1900000, 2600000),
         ("Bìa còng hồ sơ 7cm", "Cái", 38000, 52000), ("Sơn nước nội thất Dulux 5L", "Thùng", 780000, 1150000),
         ("Dây điện Cadivi 2x2.5", "Cuộn", 1250000, 1650000), ("Bóng đèn LED Rạng Đông 20W", "Bóng", 65000, 95000),
         ("Gạo ST25 túi 5kg", "Túi", 165000, 210000), ("Cà phê hạt Robusta rang mộc", "Kg", 180000, 260000),
         ("Băng keo trong 5cm", "Cuộn", 9000, 14000), ("Thùng carton 5 lớp 60x40x40", "Cái", 18000, 26000),
         ("Máy in Canon LBP 2900", "Chiếc", 3400000, 4200000), ("Bộ lưu điện UPS Santak 1000VA", "Bộ", 2400000, 3100000)]
SERVICES = [("Phí dịch vụ tư vấn thuế", "Tháng", 3000000, 8000000), ("Cước vận chuyển hàng hóa TP.HCM - Hà Nội", "Chuyến", 4500000, 9000000),
            ("Thuê văn phòng tầng 3", "Tháng", 18000000, 35000000), ("Bảo trì hệ thống điều hòa", "Lần", 1200000, 2500000),
            ("Dịch vụ quảng cáo trực tuyến", "Gói", 5000000, 15000000), ("Dịch vụ vệ sinh công nghiệp", "Tháng", 6000000, 12000000),
            ("Phí quản lý tòa nhà", "Tháng", 4000000, 9000000), ("Dịch vụ bảo vệ", "Tháng", 9000000, 16000000),
            ("Phí kiểm toán báo cáo tài chính năm 2025", "Gói", 25000000, 45000000), ("Thiết kế nhận diện thương hiệu", "Gói", 12000000, 30000000),
            ("Đào tạo kỹ năng bán hàng", "Khóa", 8000000, 20000000), ("Dịch vụ lưu trữ máy chủ (hosting)", "Tháng", 1500000, 4000000)]
RETAIL_ITEMS = [("Sữa tươi Vinamilk 1L", 32000, 38000), ("Bánh mì sandwich", 18000, 25000), ("Cà phê sữa đá", 25000, 35000),
                ("Mì Hảo Hảo tôm chua cay", 4500, 5500), ("Nước mắm Nam Ngư 500ml", 28000, 36000),
                ("Trứng gà hộp 10 quả", 32000, 42000), ("Dầu ăn Tường An 1L", 52000, 62000), ("Nước suối Aquafina 500ml", 5000, 7000),
                ("Bột giặt OMO 800g", 45000, 55000), ("Khăn giấy Pulppy", 18000, 26000), ("Trà xanh không độ", 10000, 12000),
                ("Bánh quy Cosy", 24000, 32000), ("Kem đánh răng PS", 28000, 36000), ("Dầu gội Clear 340g", 95000, 125000),
                ("Nước ngọt Coca-Cola lon", 9000, 11000), ("Xúc xích Vissan", 22000, 28000)]
CAFE_ITEMS = [("Cà phê đen đá", 20000, 30000), ("Bạc xỉu", 29000, 39000), ("Trà đào cam sả", 39000, 49000),
              ("Sinh tố bơ", 45000, 55000), ("Bánh flan", 15000, 20000), ("Nước ép cam", 35000, 45000),
              ("Cơm gà xối mỡ", 45000, 60000), ("Phở bò tái", 50000, 70000), ("Bún chả Hà Nội", 45000, 60000)]


# Invented company names stay unique across the whole set, so that tests which
# search or group by name see one company per name. This makes a fixture depend on
# the ones before it in FIXTURES; --only therefore still renders them all.
USED_COMPANY_NAMES = set()


def company_name(rng, sector=None, form=None):
    while True:
        name = f"{form or rng.choice(COMPANY_FORMS)} {sector or rng.choice(SECTORS)} {rng.choice(PROPER)}"
        if name not in USED_COMPANY_NAMES:
            USED_COMPANY_NAMES.add(name)
            return name


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def address(rng, city=None):
    prov, cname, streets, wards = city or rng.choice(CITIES)
    ward, district = rng.choice(wards)
    return f"Số {rng.randrange(2, 420)} {rng.choice(streets)}, {ward}, {district}, {cname}"


def city_for(rng):
    return rng.choice(CITIES[:2] * 3 + CITIES[2:])


def city_of(prov):
    return next(c for c in CITIES if c[0] == prov)


def phone(rng, prov="03"):
    if rng.random() < 0.4:
        return f"09{rng.randrange(10)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
    area = {"03": "028", "01": "024", "04": "0236", "02": "0225", "37": "0274", "36": "0251", "18": "0292", "23": "0222"}[prov]
    return f"{area} {rng.randrange(3000, 3999)} {rng.randrange(1000, 9999)}"


def bank_account(rng):
    acct = "".join(str(rng.randrange(10)) for _ in range(rng.choice([10, 12, 13, 14])))
    return acct, f"{rng.choice(BANKS)} - {rng.choice(BRANCHES)}"


def party(rng, sector=None, branch=False):
    city = city_for(rng)
    return {
        "name": company_name(rng, sector),
        "tax": make_tax_code(rng, city[0], branch=rng.randrange(1, 12) if branch else None),
        "address": address(rng, city),
        "phone": phone(rng, city[0]),
        "bank": bank_account(rng),
        "prov": city[0],
    }


def line_items(rng, pool, n):
    picked = rng.sample(pool, n)
    rows = []
    for name, unit, lo, hi in picked:
        price = rng.randrange(lo // 1000, hi // 1000 + 1) * 1000
        qty = rng.choice([1, 1, 2, 3, 4, 5, 6, 10, 12, 20, 25]) if price < 5_000_000 else rng.choice([1, 1, 2, 3])
        rows.append((name, unit, qty, price, qty * price))
    return rows


# --------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------

FAMILIES = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    "cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "DejaVuSansCondensed-Oblique.ttf"),
    "serifcond": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf", "DejaVuSerifCondensed-Italic.ttf"),
}
_font_cache = {}


def font(family, size, bold=False, italic=False):
    key = (family, size, bold, italic)
    if key not in _font_cache:
        regular, b, i = FAMILIES[family]
        path = os.path.join(FONT_DIR, b if bold else i if italic else regular)
        # BASIC layout: no dependency on libraqm's version, and every face used has
        # precomposed Vietnamese glyphs (DejaVu Sans Mono does not, so it is not used).
        _font_cache[key] = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
    return _font_cache[key]


class Canvas:
    def __init__(self, w, h, family="sans", size=27, ink=0, bg=255):
        self.img = Image.new("L", (w, h), bg)
        self.d = ImageDraw.Draw(self.img)
        self.w, self.h = w, h
        self.family, self.size, self.ink = family, size, ink
        self.bottom = 0

    def f(self, size=None, bold=False, italic=False, family=None):
        return font(family or self.family, size or self.size, bold, italic)

    def width(self, s, **kw):
        return self.d.textlength(nfc(s), font=self.f(**kw))

    def text(self, x, y, s, align="left", fill=None, **kw):
        s = nfc(s)
        fnt = self.f(**kw)
        tw = self.d.textlength(s, font=fnt)
        if align == "center":
            x -= tw / 2
        elif align == "right":
            x -= tw
        self.d.text((x, y), s, font=fnt, fill=self.ink if fill is None else fill)
        self.bottom = max(self.bottom, y + (kw.get("size") or self.size) * 1.3)
        return x + tw

    def hline(self, y, x0, x1, w=2, fill=None):
        self.d.line([(x0, y), (x1, y)], fill=self.ink if fill is None else fill, width=w)

    def vline(self, x, y0, y1, w=2):
        self.d.line([(x, y0), (x, y1)], fill=self.ink, width=w)

    def rect(self, x0, y0, x1, y1, w=2, fill=None):
        self.d.rectangle([x0, y0, x1, y1], outline=self.ink, width=w, fill=fill)

    def dotted(self, y, x0, x1, step=8):
        for x in range(int(x0), int(x1), step):
            self.d.point((x, y), fill=self.ink)
            self.d.point((x + 1, y), fill=self.ink)

    def wrap(self, s, maxw, **kw):
        return wrap_words(s, maxw, lambda t: self.width(t, **kw))

    def para(self, x, y, s, maxw, lh=None, **kw):
        lh = lh or int((kw.get("size") or self.size) * 1.35)
        for line in self.wrap(s, maxw, **kw):
            self.text(x, y, line, **kw)
            y += lh
        return y

    def labelled(self, x, y, label, value, maxw, lh=None, vbold=False, **kw):
        """'Label: value' with the value wrapped under itself."""
        end = self.text(x, y, label, **kw)
        vx = end + self.width(" ", **kw)
        if not value:
            self.dotted(y + (kw.get("size") or self.size) * 1.05, vx, x + maxw)
            return y + (lh or int((kw.get("size") or self.size) * 1.4))
        kv = dict(kw, bold=vbold)
        return self.para(vx, y, value, x + maxw - vx, lh=lh, **kv)

    def table(self, x, y, cols, rows, size=None, hsize=None, pad=10, grid="full", hbold=True,
              header_fill=None, index_row=None, lh=None):
        """cols: [(header, width, align)]; header may hold '\n'. grid: full | rows | none."""
        size = size or self.size
        hsize = hsize or size
        lh = lh or int(size * 1.35)
        hlh = int(hsize * 1.3)
        total_w = sum(c[1] for c in cols)
        hlines = max(len(c[0].split("\n")) for c in cols)
        hh = hlines * hlh + 2 * pad
        top = y
        if header_fill is not None:
            self.d.rectangle([x, y, x + total_w, y + hh], fill=header_fill)
        cx = x
        for head, w, _ in cols:
            parts = head.split("\n")
            yy = y + pad + (hlines - len(parts)) * hlh / 2
            for p in parts:
                self.text(cx + w / 2, yy, p, align="center", size=hsize, bold=hbold)
                yy += hlh
            cx += w
        y += hh
        self.hline(y, x, x + total_w, 2)
        if index_row:
            cx = x
            for (head, w, _), label in zip(cols, index_row):
                self.text(cx + w / 2, y + 4, label, align="center", size=int(size * 0.8), italic=True)
                cx += w
            y += int(size * 1.2)
            self.hline(y, x, x + total_w, 1)
        row_tops = []
        for row in rows:
            cells = [self.wrap(str(v), w - 2 * pad, size=size) for v, (_, w, _) in zip(row, cols)]
            n = max(1, max(len(c) for c in cells))
            rh = n * lh + 2 * pad - 4
            cx = x
            for lines, (_, w, align) in zip(cells, cols):
                yy = y + pad - 2
                for line in lines:
                    if align == "r":
                        self.text(cx + w - pad, yy, line, align="right", size=size)
                    elif align == "c":
                        self.text(cx + w / 2, yy, line, align="center", size=size)
                    else:
                        self.text(cx + pad, yy, line, size=size)
                    yy += lh
                cx += w
            row_tops.append(y)
            y += rh
            if grid in ("full", "rows"):
                self.hline(y, x, x + total_w, 1)
        if grid == "full":
            self.rect(x, top, x + total_w, y, 2)
            cx = x
            for _, w, _ in cols[:-1]:
                cx += w
                self.vline(cx, top, y, 1)
        elif grid == "rows":
            self.hline(top, x, x + total_w, 2)
            self.hline(y, x, x + total_w, 2)
        else:
            self.hline(top, x, x + total_w, 2)
        return y


class Words:
    """Collects plain-text words that the OCR text of a fixture should contain."""

    STOP = {"công", "ty", "tnhh", "phần", "phường", "quận", "thành", "phố", "tỉnh", "chi", "nhánh",
            "ngân", "hàng", "tmcp", "việt", "nam", "tháng", "với", "không", "đồng", "trong", "được", "người",
            "ngày", "năm", "đến", "của", "các", "theo", "tiền", "from", "with", "the", "and", "for", "your"}

    def __init__(self):
        self.items = []  # (word, printed inside a ruled table)

    def add(self, *texts, table=False):
        seen = {w for w, _ in self.items}
        for t in texts:
            for tok in nfc(t).replace("(", " ").replace(")", " ").split():
                tok = tok.strip(".,:;-/")
                if len(tok) >= 4 and tok.isalpha() and tok.lower() not in self.STOP \
                        and not tok.isupper() and tok not in seen:
                    self.items.append((tok, table))
                    seen.add(tok)

    def pick(self, rng, n=8, avoid_table=False):
        """Tesseract drops rows of ruled tables on skewed pages, so skewed variants
        take their words from outside tables when there are enough of them."""
        pool = [w for w, tab in self.items if not (avoid_table and tab)]
        if len(pool) < 5:
            pool += [w for w, tab in self.items if tab][:5 - len(pool)]
        if len(pool) <= n:
            return pool
        idx = sorted(rng.sample(range(len(pool)), n))
        return [pool[i] for i in idx]


# The expected-field keys, in the order the JSON files list them (render-kinds.py uses them too).
FIELD_KEYS = ["invoice_type", "invoice_series", "invoice_number", "invoice_code", "invoice_date",
              "seller_name", "seller_tax_code", "buyer_name", "buyer_tax_code", "subtotal", "vat_rate",
              "vat_amount", "total_amount", "currency", "amount_in_words"]


def fields(**kw):
    """The expected fields: every key of FIELD_KEYS (null when not given), invoice_code made
    from the series and number when not given, the texts in NFC."""
    out = {k: kw.get(k) for k in FIELD_KEYS}
    if out["invoice_code"] is None and out["invoice_number"] is not None:
        out["invoice_code"] = (f"{out['invoice_series']}-{out['invoice_number']}"
                               if out["invoice_series"] else out["invoice_number"])
    for k in ("invoice_series", "invoice_number", "invoice_code", "seller_name", "buyer_name", "amount_in_words"):
        if isinstance(out[k], str):
            out[k] = nfc(out[k])
    return out


def vat_amounts(subtotal, rate):
    vat = subtotal * rate // 100
    assert vat * 100 == subtotal * rate, (subtotal, rate)
    return vat, subtotal + vat


def words_style(rng, total):
    return dict(nghin=rng.choice(["nghìn", "nghìn", "ngàn"]), linh=rng.choice(["linh", "linh", "lẻ"]),
                tu=rng.random() < 0.3, chan=(total % 1000 == 0 and rng.random() < 0.4))


def money_style(rng, comma_share=0.25):
    sep = "," if rng.random() < comma_share else "."
    suffix = rng.choice(["", "", " đ", "đ", " VND", " VNĐ"])
    return sep, suffix


def buyer_block(rng, case):
    """Buyer fields for a case: company | company_only | person | walkin."""
    if case == "walkin":
        return {"person": rng.choice(["Khách lẻ", "Khách lẻ không lấy hóa đơn", "KHÁCH LẺ"]), "company": None,
                "tax": None, "address": None, "name": None}
    if case == "person":
        city = city_for(rng)
        p = person(rng)
        return {"person": p, "company": None, "tax": None, "address": address(rng, city), "name": p}
    b = party(rng, branch=rng.random() < 0.15)
    p = person(rng) if case == "company" else None
    return {"person": p, "company": b["name"], "tax": b["tax"], "address": b["address"], "name": b["name"]}


# --------------------------------------------------------------------------------------
# Layouts. Each returns (PIL image, expected fields, Words).
# --------------------------------------------------------------------------------------

def goods_or_services(rng, opts):
    if opts.get("kind") == "service":
        return line_items(rng, SERVICES, opts.get("n", rng.randrange(1, 4))), "service"
    items = line_items(rng, GOODS, opts.get("n", rng.randrange(2, 7)))
    if opts.get("big"):  # a bulk order past one billion đồng ("... tỷ ...")
        items[0] = ("Máy tính xách tay Dell Latitude 5440", "Chiếc", 45, 24_350_000, 45 * 24_350_000)
    return items, "general"


def layout_vat_bilingual(rng, opts):
    """MISA/VNPT-style e-invoice: seller block with the form box at the right, bilingual labels."""
    c = Canvas(*A4_200DPI, family=opts.get("family", "sans"), size=26)
    W = Words()
    L, R = 100, 1554
    d = random_date(rng)
    seller = party(rng, branch=opts.get("branch", False))
    buyer = buyer_block(rng, opts["buyer"])
    items, itype = goods_or_services(rng, opts)
    rate = opts["rate"]
    subtotal = sum(r[4] for r in items)
    vat, total = vat_amounts(subtotal, rate) if rate is not None else (0, subtotal)
    series = series_for(rng, 1, d, tail=opts.get("tail"))
    number = "%08d" % rng.randrange(1, 99999) if rng.random() < 0.7 else str(rng.randrange(1, 9999))
    sep, suffix = money_style(rng)
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)

    y = 90
    y = c.para(L, y, seller["name"], 1000, size=31, bold=True, lh=40) + 6
    c.text(1180, 95, "Mẫu số (Form): 1", size=25)
    c.text(1180, 135, f"Ký hiệu (Serial): {series}", size=25)
    c.text(1180, 175, "Số (No.): ", size=25)
    c.text(1180 + c.width("Số (No.): ", size=25), 172, number, size=29, bold=True)
    y = c.labelled(L, y, "Mã số thuế (Tax code):", seller["tax"], 1000, size=26, vbold=True)
    y = c.labelled(L, y, "Địa chỉ (Address):", seller["address"], 1000, size=26)
    y = c.labelled(L, y, "Điện thoại (Tel):", seller["phone"], 1000, size=26)
    y = c.labelled(L, y, "Số tài khoản (A/C No.):", f"{seller['bank'][0]} tại {seller['bank'][1]}", 1000, size=26)
    W.add(seller["address"], seller["bank"][1])
    y = max(y, 230) + 14
    c.hline(y, L, R, 3)
    y += 30
    c.text(827, y, "HÓA ĐƠN GIÁ TRỊ GIA TĂNG", align="center", size=44, bold=True)
    y += 60
    c.text(827, y, "(VAT INVOICE)", align="center", size=28, bold=True)
    y += 44
    dtxt = rng.choice([f"Ngày (Date) {d.day:02d} tháng (month) {d.month:02d} năm (year) {d.year}",
                       f"Ngày (Date) {d.day:02d} tháng {d.month:02d} năm {d.year}",
                       f"Ngày (Date) {d:%d/%m/%Y}"])
    c.text(827, y, dtxt, align="center", size=26, italic=True)
    y += 44
    cqt = tax_authority_code(rng)
    c.text(827, y, f"Mã của cơ quan thuế: {cqt}", align="center", size=24)
    y += 50
    c.hline(y, L, R, 2)
    y += 18
    if buyer["company"] and rng.random() < 0.5:
        c.text(L, y, f"Mã khách hàng (Customer code): KH{rng.randrange(1000, 99999):05d}", size=26)
        y += 36
    y = c.labelled(L, y, "Họ tên người mua hàng (Buyer):", buyer["person"], 1454, size=26)
    y = c.labelled(L, y, "Tên đơn vị (Company name):", buyer["company"], 1454, size=26, vbold=True)
    y = c.labelled(L, y, "Mã số thuế (Tax code):", buyer["tax"], 1454, size=26)
    y = c.labelled(L, y, "Địa chỉ (Address):", buyer["address"], 1454, size=26)
    pay = rng.choice(["TM/CK", "CK", "TM", "Chuyển khoản"])
    c.text(L, y, f"Hình thức thanh toán (Payment method): {pay}", size=26)
    c.text(1000, y, "Đơn vị tiền tệ: VND", size=26)
    y += 50
    if buyer["person"] and buyer["person"] == buyer["name"]:
        W.add(buyer["person"])
    if buyer["address"]:
        W.add(buyer["address"])
    cols = [("STT\n(No.)", 90, "c"), ("Tên hàng hóa, dịch vụ\n(Description)", 520, "l"), ("ĐVT\n(Unit)", 130, "c"),
            ("Số lượng\n(Quantity)", 170, "r"), ("Đơn giá\n(Unit price)", 250, "r"), ("Thành tiền\n(Amount)", 294, "r")]
    rows = [(i + 1, n, u, q, money(p, sep), money(a, sep)) for i, (n, u, q, p, a) in enumerate(items)]
    for r in items:
        W.add(r[0], table=True)
    y = c.table(L, y, cols, rows, size=25, hsize=23, index_row=["1", "2", "3", "4", "5", "6 = 4 x 5"])
    # totals as the lower part of the table
    rowh = 46
    rate_txt = "KCT" if rate is None else f"{rate}%"
    lines = [("Cộng tiền hàng (Sub total):", money(subtotal, sep, suffix)),
             (f"Thuế suất GTGT (VAT rate): {rate_txt}      Tiền thuế GTGT (VAT amount):", money(vat, sep, suffix)),
             ("Tổng cộng tiền thanh toán (Total payment):", money(total, sep, suffix))]
    for label, val in lines:
        c.text(L + 12, y + 9, label, size=25, bold=label.startswith("Tổng"))
        c.text(R - 12, y + 9, val, align="right", size=26, bold=label.startswith("Tổng"))
        y += rowh
        c.hline(y, L, R, 1)
    c.rect(L, y - rowh * 3, R, y, 2)
    y += 16
    y = c.labelled(L, y, "Số tiền viết bằng chữ (Amount in words):", in_words, 1454, size=26, italic=False)
    y += 40
    c.text(420, y, "Người mua hàng (Buyer)", align="center", size=26, bold=True)
    c.text(1220, y, "Người bán hàng (Seller)", align="center", size=26, bold=True)
    y += 38
    c.text(420, y, "(Chữ ký số (nếu có))", align="center", size=22, italic=True)
    c.text(1220, y, "(Chữ ký điện tử, chữ ký số)", align="center", size=22, italic=True)
    y += 50
    sign = d + timedelta(days=rng.choice([0, 1, 1, 2, 3]))
    c.rect(900, y, 1540, y + 150, 2)
    c.text(920, y + 12, "Signature Valid", size=24, bold=True)
    c.para(920, y + 46, f"Ký bởi: {seller['name']}", 600, size=21)
    c.text(920, y + 112, f"Ký ngày: {sign:%d/%m/%Y}", size=22)
    y += 200
    lookup = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
    c.text(827, y, f"Mã tra cứu hóa đơn: {lookup}   Tra cứu tại: https://www.meinvoice.vn/tra-cuu",
           align="center", size=22)
    c.text(827, y + 36, "(Cần kiểm tra, đối chiếu khi lập, giao, nhận hóa đơn)", align="center", size=22, italic=True)
    f = fields(invoice_type=itype, invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=seller["name"], seller_tax_code=seller["tax"], buyer_name=buyer["name"],
               buyer_tax_code=buyer["tax"], subtotal=subtotal, vat_rate=rate, vat_amount=vat, total_amount=total,
               currency="VND", amount_in_words=in_words)
    return c.img, f, W


def layout_vat_twocol(rng, opts):
    """Title first, then a two-column grid of labels and values, Vietnamese-only labels."""
    c = Canvas(*A4_200DPI, family=opts.get("family", "cond"), size=27)
    W = Words()
    L, R, VX = 110, 1544, 560
    d = random_date(rng)
    seller = party(rng, branch=opts.get("branch", False))
    buyer = buyer_block(rng, opts["buyer"])
    items, itype = goods_or_services(rng, opts)
    rate = opts["rate"]
    subtotal = sum(r[4] for r in items)
    vat, total = vat_amounts(subtotal, rate)
    series = series_for(rng, 1, d)
    number = "%07d" % rng.randrange(1, 999999) if rng.random() < 0.6 else str(rng.randrange(100, 99999))
    sep, suffix = money_style(rng, 0.3)
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)
    datefmt = rng.choice(["slash", "dash", "dot", "words"])
    dtxt = {"slash": f"Ngày lập: {d:%d/%m/%Y}", "dash": f"Ngày: {d:%d-%m-%Y}", "dot": f"Ngày hóa đơn: {d:%d.%m.%Y}",
            "words": f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"}[datefmt]

    y = 110
    c.text(827, y, "HÓA ĐƠN GIÁ TRỊ GIA TĂNG", align="center", size=48, bold=True)
    y += 68
    c.text(827, y, "Bản thể hiện của hóa đơn điện tử", align="center", size=24, italic=True)
    y += 50
    c.text(L, y, dtxt, size=27)
    c.text(R, y, f"Ký hiệu: {series}", align="right", size=27)
    y += 40
    c.text(L, y, f"Mã CQT: {tax_authority_code(rng)}", size=23)
    c.text(R, y - 2, f"Số: {number}", align="right", size=29, bold=True)
    y += 56
    c.hline(y, L, R, 2)
    y += 18

    def row(label, value, bold=False, dots=True):
        nonlocal y
        c.text(L, y, label, size=26)
        if value:
            y = c.para(VX, y, value, R - VX, size=26 if not bold else 27, bold=bold)
        else:
            c.dotted(y + 28, VX, R)
            y += 36
        y += 6

    row("Đơn vị bán hàng:", seller["name"], bold=True)
    row("Mã số thuế:", seller["tax"])
    row("Địa chỉ:", seller["address"])
    row("Điện thoại:", seller["phone"])
    row("Số tài khoản:", f"{seller['bank'][0]} - {seller['bank'][1]}")
    W.add(seller["address"])
    c.hline(y + 4, L, R, 1)
    y += 20
    row("Họ tên người mua hàng:", buyer["person"])
    row("Tên đơn vị:", buyer["company"], bold=True)
    row("Mã số thuế:", buyer["tax"])
    row("Địa chỉ:", buyer["address"])
    row("Hình thức thanh toán:", rng.choice(["TM/CK", "Chuyển khoản", "Tiền mặt"]))
    if rng.random() < 0.5:
        row("Số đơn đặt hàng:", f"PO{d:%y%m}-{rng.randrange(100, 9999)}")
    if buyer["address"]:
        W.add(buyer["address"])
    y += 16
    cols = [("STT", 80, "c"), ("Tên hàng hóa, dịch vụ", 560, "l"), ("ĐVT", 120, "c"), ("Số lượng", 150, "r"),
            ("Đơn giá", 250, "r"), ("Thành tiền", 274, "r")]
    rows = [(i + 1, n, u, q, money(p, sep), money(a, sep)) for i, (n, u, q, p, a) in enumerate(items)]
    for r in items:
        W.add(r[0], table=True)
    y = c.table(L, y, cols, rows, size=26, header_fill=225)
    y += 24
    TX = 1100
    for label, val, b in [("Cộng tiền hàng:", money(subtotal, sep, suffix), False),
                          (f"Thuế suất GTGT: {rate}%", "", False),
                          ("Tiền thuế GTGT:", money(vat, sep, suffix), False),
                          ("Tổng cộng tiền thanh toán:", money(total, sep, suffix), True)]:
        c.text(TX, y, label, align="right", size=27, bold=b)
        if val:
            c.text(R, y, val, align="right", size=27, bold=b)
        y += 44
    y += 10
    y = c.labelled(L, y, "Số tiền viết bằng chữ:", in_words, R - L, size=27, italic=True)
    y += 60
    c.text(450, y, "NGƯỜI MUA HÀNG", align="center", size=26, bold=True)
    c.text(1200, y, "NGƯỜI BÁN HÀNG", align="center", size=26, bold=True)
    y += 40
    sign = d + timedelta(days=rng.choice([1, 2, 5]))
    c.text(1200, y, f"Được ký bởi: {seller['name'][:38]}...", align="center", size=21)
    c.text(1200, y + 32, f"Ngày ký: {sign:%d/%m/%Y}", align="center", size=21)
    f = fields(invoice_type=itype, invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=seller["name"], seller_tax_code=seller["tax"], buyer_name=buyer["name"],
               buyer_tax_code=buyer["tax"], subtotal=subtotal, vat_rate=rate, vat_amount=vat, total_amount=total,
               currency="VND", amount_in_words=in_words)
    return c.img, f, W


def layout_vat_nextline(rng, opts):
    """Label on one line, value on the next; seller and buyer side by side or stacked; serif."""
    c = Canvas(*A4_200DPI, family=opts.get("family", "serif"), size=26)
    W = Words()
    L, R = 110, 1544
    d = random_date(rng)
    seller = party(rng, branch=opts.get("branch", False))
    buyer = buyer_block(rng, opts["buyer"])
    items, itype = goods_or_services(rng, opts)
    rate = opts["rate"]
    subtotal = sum(r[4] for r in items)
    vat, total = vat_amounts(subtotal, rate)
    series = series_for(rng, 1, d)
    number = "%08d" % rng.randrange(1, 9999999)
    sep, suffix = money_style(rng, 0.2)
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)
    side = opts.get("side", True)

    c.rect(1120, 80, R, 240, 2)
    c.text(1140, 95, "Mẫu số: 1", size=25)
    c.text(1140, 140, f"Ký hiệu: {series}", size=25)
    c.text(1140, 185, f"Số: {number}", size=27, bold=True)
    c.text(L, 100, "HÓA ĐƠN", size=40, bold=True)
    c.text(L, 150, "GIÁ TRỊ GIA TĂNG", size=40, bold=True)
    c.text(L, 205, f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", size=27)
    y = 270
    c.text(L, y, f"Mã CQT: {tax_authority_code(rng)}", size=22)
    y += 46
    c.hline(y, L, R, 3)
    y += 20

    def block(x, y, width, entries):
        for label, value, bold in entries:
            c.text(x, y, label, size=23, italic=True)
            y += 32
            if value:
                y = c.para(x + 20, y, value, width - 20, size=26, bold=bold, lh=34)
            else:
                c.dotted(y + 26, x + 20, x + width)
                y += 36
            y += 8
        return y

    seller_entries = [("Đơn vị bán hàng:", seller["name"], True), ("Mã số thuế:", seller["tax"], True),
                      ("Địa chỉ:", seller["address"], False), ("Điện thoại:", seller["phone"], False)]
    buyer_entries = [("Họ tên người mua hàng:", buyer["person"], False), ("Tên đơn vị:", buyer["company"], True),
                     ("Mã số thuế:", buyer["tax"], True), ("Địa chỉ:", buyer["address"], False)]
    W.add(seller["address"])
    if buyer["address"]:
        W.add(buyer["address"])
    if side:
        c.text(L, y, "BÊN BÁN", size=25, bold=True)
        c.text(850, y, "BÊN MUA", size=25, bold=True)
        y += 40
        y1 = block(L, y, 680, seller_entries)
        y2 = block(850, y, 694, buyer_entries)
        c.vline(820, y - 40, max(y1, y2))
        y = max(y1, y2)
    else:
        y = block(L, y, R - L, seller_entries)
        c.hline(y, L, R, 1)
        y += 14
        y = block(L, y, R - L, buyer_entries)
    c.text(L, y, f"Hình thức thanh toán: {rng.choice(['TM/CK', 'CK', 'TM'])}", size=25)
    y += 50
    cols = [("STT", 80, "c"), ("Tên hàng hóa, dịch vụ", 540, "l"), ("ĐVT", 130, "c"), ("Số lượng", 160, "r"),
            ("Đơn giá", 250, "r"), ("Thành tiền", 274, "r")]
    rows = [(i + 1, n, u, q, money(p, sep), money(a, sep)) for i, (n, u, q, p, a) in enumerate(items)]
    for r in items:
        W.add(r[0], table=True)
    y = c.table(L, y, cols, rows, size=25, grid="rows")
    y += 20
    bx = 900
    entries = [("Cộng tiền hàng", money(subtotal, sep, suffix)), ("Thuế suất GTGT", f"{rate}%"),
               ("Tiền thuế GTGT", money(vat, sep, suffix)), ("Tổng tiền thanh toán", money(total, sep, suffix))]
    top = y
    for label, val in entries:
        b = label.startswith("Tổng")
        c.text(bx + 14, y + 8, label, size=25, bold=b)
        c.text(R - 14, y + 8, val, align="right", size=26, bold=b)
        y += 46
        c.hline(y, bx, R, 1)
    c.rect(bx, top, R, y, 2)
    y += 24
    c.text(L, y, "Số tiền viết bằng chữ:", size=24, italic=True)
    y += 34
    y = c.para(L + 20, y, in_words, R - L - 20, size=27, bold=False)
    y += 50
    c.text(450, y, "Người mua hàng", align="center", size=26, bold=True)
    c.text(1200, y, "Người bán hàng", align="center", size=26, bold=True)
    sign = d + timedelta(days=rng.choice([1, 3]))
    c.text(1200, y + 44, f"Ký ngày {sign.day:02d} tháng {sign.month:02d} năm {sign.year}", align="center", size=22,
           italic=True)
    f = fields(invoice_type=itype, invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=seller["name"], seller_tax_code=seller["tax"], buyer_name=buyer["name"],
               buyer_tax_code=buyer["tax"], subtotal=subtotal, vat_rate=rate, vat_amount=vat, total_amount=total,
               currency="VND", amount_in_words=in_words)
    return c.img, f, W


def layout_sales(rng, opts):
    """HÓA ĐƠN BÁN HÀNG (template 2, direct method): no VAT lines."""
    c = Canvas(*A4_200DPI, family=opts.get("family", "cond"), size=27)
    W = Words()
    L, R = 110, 1544
    d = random_date(rng)
    seller = party(rng, branch=opts.get("branch", False))
    buyer = buyer_block(rng, opts["buyer"])
    items, itype = goods_or_services(rng, opts)
    total = sum(r[4] for r in items)
    series = series_for(rng, 2, d)
    number = "%08d" % rng.randrange(1, 999999)
    sep, suffix = money_style(rng, 0.2)
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)
    show_sub = opts.get("show_sub", True)

    y = 90
    c.text(L, y, seller["name"], size=30, bold=True)
    y += 46
    y = c.labelled(L, y, "Mã số thuế:", seller["tax"], 950, size=26)
    y = c.labelled(L, y, "Địa chỉ:", seller["address"], 950, size=26)
    y = c.labelled(L, y, "Điện thoại:", seller["phone"], 950, size=26)
    W.add(seller["address"])
    c.text(1150, 140, "Mẫu số: 2", size=26)
    c.text(1150, 180, f"Ký hiệu: {series}", size=26)
    c.text(1150, 220, f"Số: {number}", size=26, bold=True)
    y = max(y, 270) + 20
    c.text(827, y, "HÓA ĐƠN BÁN HÀNG", align="center", size=50, bold=True)
    y += 70
    c.text(827, y, "(Dành cho tổ chức, cá nhân kê khai, tính thuế giá trị gia tăng theo phương pháp trực tiếp)",
           align="center", size=21, italic=True)
    y += 40
    c.text(827, y, f"Ngày {d.day} tháng {d.month} năm {d.year}", align="center", size=27, italic=True)
    y += 44
    c.text(827, y, f"Mã của cơ quan thuế: {tax_authority_code(rng)}", align="center", size=22)
    y += 56
    y = c.labelled(L, y, "Họ tên người mua hàng:", buyer["person"], R - L, size=26)
    y = c.labelled(L, y, "Tên đơn vị:", buyer["company"], R - L, size=26)
    y = c.labelled(L, y, "Mã số thuế:", buyer["tax"], R - L, size=26)
    y = c.labelled(L, y, "Địa chỉ:", buyer["address"], R - L, size=26)
    y = c.labelled(L, y, "Hình thức thanh toán:", rng.choice(["Tiền mặt", "TM/CK", "Chuyển khoản"]), R - L, size=26)
    y += 20
    if buyer["address"]:
        W.add(buyer["address"])
    if buyer["person"] and buyer["person"] == buyer["name"]:
        W.add(buyer["person"])
    cols = [("STT", 80, "c"), ("Tên hàng hóa, dịch vụ", 584, "l"), ("Đơn vị tính", 150, "c"),
            ("Số lượng", 140, "r"), ("Đơn giá", 230, "r"), ("Thành tiền", 250, "r")]
    rows = [(i + 1, n, u, q, money(p, sep), money(a, sep)) for i, (n, u, q, p, a) in enumerate(items)]
    for r in items:
        W.add(r[0], table=True)
    y = c.table(L, y, cols, rows, size=25, index_row=["A", "B", "C", "1", "2", "3 = 1 x 2"])
    y += 20
    if show_sub:
        c.text(L, y, "Cộng tiền bán hàng hóa, dịch vụ:", size=27)
        c.text(R, y, money(total, sep, suffix), align="right", size=27)
        y += 46
    c.text(L, y, "Tổng tiền thanh toán:", size=28, bold=True)
    c.text(R, y, money(total, sep, suffix), align="right", size=28, bold=True)
    y += 50
    y = c.labelled(L, y, "Số tiền viết bằng chữ:", in_words, R - L, size=27)
    y += 50
    c.text(450, y, "Người mua hàng", align="center", size=26, bold=True)
    c.text(1200, y, "Người bán hàng", align="center", size=26, bold=True)
    c.text(1200, y + 44, f"Ký ngày: {d + timedelta(days=rng.choice([0, 1, 2])):%d/%m/%Y}", align="center", size=22)
    f = fields(invoice_type=itype, invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=seller["name"], seller_tax_code=seller["tax"], buyer_name=buyer["name"],
               buyer_tax_code=buyer["tax"], subtotal=total if show_sub else None, vat_rate=None, vat_amount=None,
               total_amount=total, currency="VND", amount_in_words=in_words)
    return c.img, f, W


EVN = [("TỔNG CÔNG TY ĐIỆN LỰC TP HỒ CHÍ MINH", "CÔNG TY ĐIỆN LỰC GIA ĐỊNH", "03"),
       ("TỔNG CÔNG TY ĐIỆN LỰC TP HÀ NỘI", "CÔNG TY ĐIỆN LỰC CẦU GIẤY", "01"),
       ("TỔNG CÔNG TY ĐIỆN LỰC MIỀN BẮC", "CÔNG TY ĐIỆN LỰC BẮC NINH", "23"),
       ("TỔNG CÔNG TY ĐIỆN LỰC MIỀN TRUNG", "CÔNG TY ĐIỆN LỰC ĐÀ NẴNG", "04"),
       ("TỔNG CÔNG TY ĐIỆN LỰC MIỀN NAM", "CÔNG TY ĐIỆN LỰC CẦN THƠ", "18"),
       ("TỔNG CÔNG TY ĐIỆN LỰC TP HỒ CHÍ MINH", "CÔNG TY ĐIỆN LỰC TÂN THUẬN", "03")]
RESIDENTIAL_TIERS = [(50, 1984), (50, 2050), (100, 2380), (100, 2998), (100, 3350), (10**9, 3460)]


def utility_tax_code(rng, prov):
    """A valid branch tax code for a utility: a valid 10-digit parent + '-0NN'."""
    return make_tax_code(rng, prov, branch=rng.randrange(1, 30))


def layout_electricity(rng, opts):
    c = Canvas(*A4_200DPI, family=opts.get("family", "sans"), size=26)
    W = Words()
    L, R = 100, 1554
    parent, company, prov = EVN[opts["evn"]]
    seller_tax = utility_tax_code(rng, prov)
    rate = opts.get("rate", 8)
    business = opts.get("business", False)
    d = random_date(rng)
    period_end = d - timedelta(days=rng.randrange(1, 6))
    period_start = period_end - timedelta(days=rng.choice([29, 30, 31]))
    while True:
        if business:
            rows_def = [("Bình thường", rng.randrange(800, 4000), 2887), ("Cao điểm", rng.randrange(200, 1200), 5025),
                        ("Thấp điểm", rng.randrange(200, 1500), 1809)]
            usage = sum(r[1] for r in rows_def)
            rows_calc = [(n, k, p, k * p) for n, k, p in rows_def]
        else:
            usage = rng.randrange(60, 620)
            left, rows_calc = usage, []
            for i, (size, price) in enumerate(RESIDENTIAL_TIERS):
                k = min(left, size)
                if k <= 0:
                    break
                rows_calc.append((f"Bậc {i + 1}", k, price, k * price))
                left -= k
        subtotal = sum(r[3] for r in rows_calc)
        if subtotal * rate % 100 == 0:
            break
    vat, total = vat_amounts(subtotal, rate)
    series = series_for(rng, 1, d, kind="T", tail=rng.choice(["AA", "AB", "HN", "EV"]))
    number = "%07d" % rng.randrange(1, 9999999)
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)
    if business:
        b = party(rng)
        buyer_name, buyer_tax, buyer_addr, buyer_print = b["name"], b["tax"], b["address"], b["name"]
    else:
        p = person(rng)
        buyer_name, buyer_tax, buyer_addr, buyer_print = p, None, address(rng, city_of(prov)), p
        W.add(p)
    cust = f"P{rng.choice('ABCDEK')}{rng.randrange(10, 99)}{rng.randrange(10**8, 10**9)}"

    y = 80
    c.text(L, y, parent, size=26, bold=True)
    y += 38
    c.text(L, y, company, size=30, bold=True)
    y += 46
    c.text(L, y, f"Địa chỉ: {address(rng, city_of(prov))}", size=23)
    y += 34
    c.text(L, y, f"Điện thoại: 1900 {rng.randrange(1000, 9999)}   MST: {seller_tax}", size=23)
    c.text(1200, 80, "Mẫu số: 1", size=24)
    c.text(1200, 115, f"Ký hiệu: {series}", size=24)
    c.text(1200, 150, f"Số: {number}", size=26, bold=True)
    y += 56
    c.text(827, y, "HÓA ĐƠN GIÁ TRỊ GIA TĂNG (TIỀN ĐIỆN)", align="center", size=40, bold=True)
    y += 60
    if rng.random() < 0.5:
        period = (f"Kỳ: 1  Tháng {period_end.month:02d}/{period_end.year}  ({(period_end - period_start).days} "
                  f"ngày từ {period_start:%d/%m/%Y} đến {period_end:%d/%m/%Y})")
    else:
        period = (f"Kỳ {period_end.month:02d}/{period_end.year}: Từ ngày {period_start:%d/%m/%Y} "
                  f"đến ngày {period_end:%d/%m/%Y}")
    c.text(827, y, period, align="center", size=25)
    y += 54
    c.text(L, y, f"Đơn vị bán điện: {company}", size=26)
    y += 40
    c.text(L, y, f"Tên khách hàng: {buyer_print}", size=26, bold=business)
    y += 40
    y = c.labelled(L, y, "Địa chỉ:", buyer_addr, R - L, size=25)
    if buyer_tax:
        c.text(L, y, f"Mã số thuế: {buyer_tax}", size=25)
        y += 38
    c.text(L, y, f"Mã khách hàng: {cust}", size=25)
    c.text(900, y, f"Số công tơ: {rng.randrange(10**7, 10**8)}", size=25)
    y += 38
    c.text(L, y, f"Mục đích sử dụng: {'Kinh doanh' if business else 'Sinh hoạt'}", size=25)
    c.text(900, y, f"Số hộ: 1     Cấp điện áp: {'22kV' if business else 'Dưới 6kV'}", size=25)
    y += 56
    old = rng.randrange(1000, 90000)
    cols = [("Bộ CS", 140, "c"), ("Chỉ số mới", 280, "r"), ("Chỉ số cũ", 280, "r"), ("Hệ số nhân", 220, "r"),
            ("Điện năng tiêu thụ (kWh)", 534, "r")]
    y = c.table(L, y, cols, [("KT", money(old + usage), money(old), "1", money(usage))], size=25)
    y += 30
    cols = [("Bậc thang / Khung giờ", 430, "l"), ("Điện năng (kWh)", 300, "r"), ("Đơn giá (đồng/kWh)", 330, "r"),
            ("Thành tiền (đồng)", 394, "r")]
    rows = [(n, money(k), money(p), money(a)) for n, k, p, a in rows_calc]
    y = c.table(L, y, cols, rows, size=25)
    y += 26
    for label, val, b in [("Cộng tiền điện (chưa thuế):", money(subtotal), False),
                          (f"Thuế suất GTGT: {rate}%     Tiền thuế GTGT:", money(vat), False),
                          ("Tổng cộng tiền thanh toán:", money(total, ".", " đồng"), True)]:
        c.text(L, y, label, size=27, bold=b)
        c.text(R, y, val, align="right", size=27, bold=b)
        y += 46
    y = c.labelled(L, y, "Số tiền viết bằng chữ:", in_words, R - L, size=26, italic=True)
    y += 30
    due = d + timedelta(days=rng.choice([7, 10, 15]))
    c.text(L, y, f"Hạn thanh toán: {due:%d/%m/%Y}. Quý khách vui lòng thanh toán đúng hạn để tránh bị ngừng cấp điện.",
           size=22)
    y += 70
    c.text(1200, y, f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", align="center", size=26, italic=True)
    y += 40
    c.text(1200, y, "BÊN BÁN ĐIỆN", align="center", size=26, bold=True)
    y += 40
    c.text(1200, y, f"Ký bởi: {company}", align="center", size=21)
    c.text(1200, y + 32, f"Ký ngày: {d:%d/%m/%Y}", align="center", size=21)
    y += 100
    c.text(L, y, f"Tra cứu hóa đơn tại https://www.evn.com.vn - Mã tra cứu: {rng.randrange(10**9, 10**10)}", size=21)
    W.add("Sinh hoạt" if not business else "Kinh doanh", "Hạn thanh toán", "Mục đích", "vui lòng")
    f = fields(invoice_type="electricity", invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=company, seller_tax_code=seller_tax, buyer_name=buyer_name, buyer_tax_code=buyer_tax,
               subtotal=subtotal, vat_rate=rate, vat_amount=vat, total_amount=total, currency="VND",
               amount_in_words=in_words)
    return c.img, f, W


WATER = [("CÔNG TY CỔ PHẦN CẤP NƯỚC GIA ĐỊNH", "03"), ("CÔNG TY CỔ PHẦN CẤP NƯỚC BẾN THÀNH", "03"),
         ("CÔNG TY CỔ PHẦN NƯỚC SẠCH HÀ NỘI", "01"), ("CÔNG TY CỔ PHẦN CẤP NƯỚC ĐÀ NẴNG", "04"),
         ("CÔNG TY TNHH MỘT THÀNH VIÊN CẤP THOÁT NƯỚC CẦN THƠ", "18")]
WATER_TIERS = [(4, 6700), (2, 12900), (10**9, 14400)]


def layout_water(rng, opts):
    c = Canvas(*A4_200DPI, family=opts.get("family", "serifcond"), size=27)
    W = Words()
    L, R = 120, 1534
    seller, prov = WATER[opts["water"]]
    seller_tax = make_tax_code(rng, prov)
    d = random_date(rng)
    period_end = d - timedelta(days=rng.randrange(2, 8))
    period_start = period_end - timedelta(days=rng.choice([28, 30, 31, 32]))
    people = rng.randrange(1, 6)
    while True:
        usage = rng.randrange(6, 60)
        left, rows, tiers = usage, [], [(4 * people, 6700), (2 * people, 12900), (10**9, 14400)]
        for name, (size, price) in zip(["Trong định mức", "Vượt định mức 1", "Vượt định mức 2"], tiers):
            k = min(left, size)
            if k <= 0:
                break
            rows.append((name, k, price, k * price))
            left -= k
        subtotal = sum(r[3] for r in rows)
        if subtotal * 5 % 100 == 0:
            break
    rate = 5
    vat, total = vat_amounts(subtotal, rate)
    series = series_for(rng, 1, d, tail=rng.choice(["TN", "NB", "GD", "CN"]))
    number = "%08d" % rng.randrange(1, 99999999)
    sep, suffix = ".", rng.choice(["", " đ"])
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)
    company_buyer = opts.get("buyer") == "company"
    if company_buyer:
        b = party(rng)
        buyer_name, buyer_tax, baddr = b["name"], b["tax"], b["address"]
    else:
        buyer_name, buyer_tax, baddr = person(rng), None, address(rng, city_of(prov))
        W.add(buyer_name)
    danhba = "".join(str(rng.randrange(10)) for _ in range(11))

    y = 90
    c.text(827, y, seller, align="center", size=32, bold=True)
    y += 48
    c.text(827, y, f"MST: {seller_tax}   -   Tổng đài: 1900 {rng.randrange(1000, 9999)}", align="center", size=24)
    y += 40
    c.hline(y, L, R, 2)
    y += 30
    c.text(827, y, "HÓA ĐƠN TIỀN NƯỚC", align="center", size=48, bold=True)
    y += 66
    c.text(827, y, "(HÓA ĐƠN GIÁ TRỊ GIA TĂNG)", align="center", size=26)
    y += 44
    c.text(827, y, f"Ký hiệu: {series}      Số: {number}", align="center", size=27)
    y += 40
    c.text(827, y, f"Ngày {d:%d/%m/%Y}", align="center", size=27)
    y += 60
    info = [("Khách hàng:", buyer_name), ("Mã số thuế:", buyer_tax), ("Địa chỉ:", baddr),
            ("Danh bạ (Mã KH):", danhba), ("Số định mức:", f"{people} người"),
            ("Kỳ hóa đơn:", f"{period_end.month:02d}/{period_end.year}"),
            ("Từ ngày:", f"{period_start:%d/%m/%Y}  đến ngày  {period_end:%d/%m/%Y}")]
    for label, val in info:
        if val is None:
            continue
        c.text(L, y, label, size=26)
        y = c.para(L + 330, y, val, R - L - 330, size=26, bold=(label == "Khách hàng:" and company_buyer)) + 4
    y += 20
    old = rng.randrange(100, 5000)
    c.text(L, y, f"Chỉ số cũ: {old}      Chỉ số mới: {old + usage}      Tiêu thụ: {usage} m3", size=27)
    y += 60
    cols = [("Mức sử dụng", 480, "l"), ("Khối lượng (m3)", 260, "r"), ("Đơn giá (đ/m3)", 300, "r"),
            ("Thành tiền (đ)", 374, "r")]
    y = c.table(L, y, cols, [(n, k, money(p, sep), money(a, sep)) for n, k, p, a in rows], size=26, grid="rows")
    y += 30
    for label, val, b in [("Tiền nước:", money(subtotal, sep, suffix), False),
                          (f"Thuế GTGT ({rate}%):", money(vat, sep, suffix), False),
                          ("TỔNG CỘNG:", money(total, sep, suffix), True)]:
        c.text(900, y, label, size=28, bold=b)
        c.text(R, y, val, align="right", size=28, bold=b)
        y += 48
    y += 10
    y = c.labelled(L, y, "Bằng chữ:", in_words, R - L, size=26, italic=True)
    y += 40
    c.rect(L, y, R, y + 170, 2)
    c.text(L + 20, y + 16, "Quý khách có thể thanh toán qua ngân hàng, ví điện tử hoặc tại quầy giao dịch.", size=23)
    acct, bank = bank_account(rng)
    c.text(L + 20, y + 56, f"Tài khoản: {acct} - {bank}", size=23)
    c.text(L + 20, y + 96, f"Hạn thanh toán: {d + timedelta(days=10):%d/%m/%Y}", size=23)
    c.text(L + 20, y + 130, "Đọc số lần sau: khoảng " + f"{(period_end + timedelta(days=30)):%d/%m/%Y}", size=23)
    W.add("Danh bạ", "Tiêu thụ", "ngân hàng", "quầy giao dịch")
    f = fields(invoice_type="water", invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=seller, seller_tax_code=seller_tax, buyer_name=buyer_name, buyer_tax_code=buyer_tax,
               subtotal=subtotal, vat_rate=rate, vat_amount=vat, total_amount=total, currency="VND",
               amount_in_words=in_words)
    return c.img, f, W


TELCOS = [("TẬP ĐOÀN BƯU CHÍNH VIỄN THÔNG VIỆT NAM", "VIỄN THÔNG HÀ NỘI - VNPT HÀ NỘI", "01",
           ["Cước thuê bao Internet FiberVNN", "Cước dịch vụ MyTV", "Cước điện thoại cố định nội hạt"]),
          ("TỔNG CÔNG TY VIỄN THÔNG VIETTEL", "CHI NHÁNH VIETTEL TP HỒ CHÍ MINH - TỔNG CÔNG TY VIỄN THÔNG VIETTEL", "03",
           ["Cước thuê bao trả sau", "Cước gọi trong nước", "Cước dữ liệu di động 4G/5G", "Cước tin nhắn SMS"]),
          ("TỔNG CÔNG TY VIỄN THÔNG MOBIFONE", "CÔNG TY DỊCH VỤ MOBIFONE KHU VỰC 2", "03",
           ["Cước thuê bao tháng", "Cước gọi nội mạng", "Cước gọi liên mạng", "Gói cước data MAX90"]),
          ("TẬP ĐOÀN BƯU CHÍNH VIỄN THÔNG VIỆT NAM", "VIỄN THÔNG ĐÀ NẴNG - VNPT ĐÀ NẴNG", "04",
           ["Cước Internet cáp quang Home Net", "Cước truyền hình MyTV", "Cước di động VinaPhone trả sau"])]


def layout_telecom(rng, opts):
    c = Canvas(*A4_200DPI, family=opts.get("family", "sans"), size=26)
    W = Words()
    L, R = 100, 1554
    parent, seller, prov, services = TELCOS[opts["telco"]]
    seller_tax = make_tax_code(rng, prov, branch=rng.randrange(1, 40) if rng.random() < 0.7 else None)
    d = random_date(rng)
    month_start = date(d.year, d.month, 1) - timedelta(days=1)
    period_start, period_end = date(month_start.year, month_start.month, 1), month_start
    rate = 10
    picks = rng.sample(services, rng.randrange(2, len(services) + 1))
    rows = [(s, rng.randrange(20, 400) * 1000 + rng.choice([0, 500])) for s in picks]
    subtotal = sum(a for _, a in rows)  # a multiple of 500, so 10 % of it is whole
    vat, total = vat_amounts(subtotal, rate)
    series = series_for(rng, 1, d, tail=rng.choice(["VT", "VN", "MB", "TT"]))
    number = "%08d" % rng.randrange(1, 99999999)
    ws = words_style(rng, total)
    in_words = vn_amount_words(total, **ws)
    company_buyer = opts.get("buyer") == "company"
    if company_buyer:
        b = party(rng)
        buyer_name, buyer_tax, baddr = b["name"], b["tax"], b["address"]
    else:
        buyer_name, buyer_tax, baddr = person(rng), None, address(rng)
        W.add(buyer_name)
    msisdn = f"0{rng.choice([9, 8, 3, 7])}{rng.randrange(10)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
    account = f"{rng.choice(['HNI', 'HCM', 'DNG'])}-{rng.randrange(10**7, 10**8)}"
    notice = opts.get("notice", False)

    y = 80
    c.text(L, y, parent, size=24)
    y += 36
    y = c.para(L, y, seller, 1000, size=28, bold=True, lh=38)
    c.text(L, y, f"Mã số thuế: {seller_tax}", size=24)
    y += 36
    c.text(L, y, f"Tổng đài hỗ trợ: 18001{rng.randrange(100, 999)}", size=24)
    c.text(1180, 80, "Mẫu số: 1", size=24)
    c.text(1180, 116, f"Ký hiệu: {series}", size=24)
    c.text(1180, 152, f"Số: {number}", size=26, bold=True)
    y += 60
    title = "THÔNG BÁO CƯỚC VÀ HÓA ĐƠN GTGT" if notice else "HÓA ĐƠN GIÁ TRỊ GIA TĂNG"
    c.text(827, y, title, align="center", size=42, bold=True)
    y += 58
    c.text(827, y, "(CƯỚC DỊCH VỤ VIỄN THÔNG)", align="center", size=28, bold=True)
    y += 46
    if notice:
        c.text(827, y, f"Ngày lập hóa đơn: {d:%d/%m/%Y}", align="center", size=26)
    else:
        c.text(827, y, f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", align="center", size=26, italic=True)
    y += 40
    c.text(827, y, f"Kỳ cước: tháng {period_end.month:02d}/{period_end.year} (từ {period_start:%d/%m/%Y} đến "
                   f"{period_end:%d/%m/%Y})", align="center", size=24)
    y += 60
    c.rect(L, y, R, y + 250, 2)
    yy = y + 18
    c.text(L + 20, yy, f"Tên khách hàng: {buyer_name}", size=26, bold=company_buyer)
    yy += 42
    if buyer_tax:
        c.text(L + 20, yy, f"Mã số thuế: {buyer_tax}", size=25)
        yy += 40
    yy = c.labelled(L + 20, yy, "Địa chỉ:", baddr, R - L - 40, size=25)
    c.text(L + 20, yy, f"Mã thanh toán: {account}", size=25)
    c.text(900, yy, f"Số thuê bao: {msisdn}", size=25)
    yy += 40
    c.text(L + 20, yy, f"Hình thức thanh toán: {rng.choice(['Chuyển khoản', 'Trích nợ tự động', 'TM/CK'])}", size=25)
    y = max(y + 250, yy + 10) + 30
    cols = [("STT", 90, "c"), ("Nội dung dịch vụ", 760, "l"), ("Tiền dịch vụ", 300, "r"), ("Ghi chú", 304, "l")]
    trows = [(i + 1, s, money(a), "") for i, (s, a) in enumerate(rows)]
    for s, _ in rows:
        W.add(s, table=True)
    y = c.table(L, y, cols, trows, size=25, header_fill=215)
    y += 24
    for label, val, b in [("Cộng tiền dịch vụ (chưa thuế):", money(subtotal), False),
                          (f"Thuế suất GTGT: {rate}%", "", False),
                          ("Tiền thuế GTGT:", money(vat), False),
                          ("Tổng cộng tiền thanh toán:", money(total, ".", " VNĐ"), True)]:
        c.text(800, y, label, size=26, bold=b)
        if val:
            c.text(R, y, val, align="right", size=26, bold=b)
        y += 44
    y += 6
    y = c.labelled(L, y, "Số tiền viết bằng chữ:", in_words, R - L, size=26, italic=True)
    y += 30
    c.text(L, y, f"Vui lòng thanh toán trước ngày {d + timedelta(days=15):%d/%m/%Y}. Tra cứu hóa đơn tại "
                 f"https://hoadon.{'vnpt' if 'VNPT' in seller else 'viettel' if 'VIETTEL' in seller else 'mobifone'}.vn",
           size=22)
    y += 70
    c.text(1200, y, "Người bán hàng", align="center", size=26, bold=True)
    c.text(1200, y + 40, f"Ký ngày: {d + timedelta(days=rng.choice([0, 1])):%d/%m/%Y}", align="center", size=21)
    W.add("Tổng đài", "thuê bao", "Ghi chú")
    f = fields(invoice_type="telecom", invoice_series=series, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=seller, seller_tax_code=seller_tax, buyer_name=buyer_name, buyer_tax_code=buyer_tax,
               subtotal=subtotal, vat_rate=rate, vat_amount=vat, total_amount=total, currency="VND",
               amount_in_words=in_words)
    return c.img, f, W


STORES = [("CỬA HÀNG TIỆN LỢI AN PHÚ", RETAIL_ITEMS), ("SIÊU THỊ MINI HOÀNG ANH", RETAIL_ITEMS),
          ("TẠP HÓA BÀ SÁU", RETAIL_ITEMS), ("QUÁN CÀ PHÊ GÓC PHỐ", CAFE_ITEMS),
          ("NHÀ HÀNG PHỐ CỔ", CAFE_ITEMS), ("CỬA HÀNG THỰC PHẨM SẠCH XANH", RETAIL_ITEMS),
          ("HỘ KINH DOANH CƠM TẤM CÔ BA", CAFE_ITEMS)]


def layout_retail(rng, opts):
    """Narrow thermal receipt (80 mm paper at ~200 dpi), condensed sans."""
    width = 600
    c = Canvas(width, 2600, family=opts.get("family", "cond"), size=24, ink=opts.get("ink", 0), bg=opts.get("paper", 255))
    W = Words()
    L, R = 24, width - 24
    store, pool = STORES[opts["store"]]
    city = city_for(rng)
    tax = make_tax_code(rng, city[0], branch=rng.randrange(1, 5) if rng.random() < 0.3 else None) \
        if opts.get("tax", True) else None
    d = random_date(rng)
    two_digit = opts.get("yy", False)
    number = rng.choice(["%06d", "%07d", "%08d"]) % rng.randrange(1, 999999)
    items = []
    for name, lo, hi in rng.sample(pool, rng.randrange(2, 7)):
        price = rng.randrange(lo // 500, hi // 500 + 1) * 500
        q = rng.choice([1, 1, 1, 2, 3])
        items.append((name, q, price, q * price))
    rate = opts.get("rate")
    subtotal = sum(i[3] for i in items)
    vat, total = vat_amounts(subtotal, rate) if rate else (None, subtotal)
    paid = ((total // 50000) + 1) * 50000 if rng.random() < 0.7 else ((total // 100000) + rng.choice([1, 2])) * 100000
    change = paid - total
    sep = "," if rng.random() < 0.3 else "."
    cafe = pool is CAFE_ITEMS
    title = "PHIẾU THANH TOÁN" if cafe and rng.random() < 0.6 else "HÓA ĐƠN BÁN LẺ"

    y = 30

    def center(s, size=24, bold=False):
        nonlocal y
        for line in c.wrap(s, R - L, size=size, bold=bold):
            c.text(width / 2, y, line, align="center", size=size, bold=bold)
            y += int(size * 1.35)

    def lr(left, right, size=24, bold=False):
        nonlocal y
        c.text(L, y, left, size=size, bold=bold)
        c.text(R, y, right, align="right", size=size, bold=bold)
        y += int(size * 1.4)

    center(store, 27, True)
    addr = address(rng, city)
    center(addr, 21)
    W.add(addr)
    center(f"ĐT: {phone(rng, city[0])}", 21)
    if tax:
        center(f"MST: {tax}", 21)
    y += 10
    c.hline(y, L, R, 2)
    y += 14
    center(title, 30, True)
    y += 6
    ds = f"{d:%d/%m/%y}" if two_digit else f"{d:%d/%m/%Y}"
    c.text(L, y, f"Số: {number}", size=22)
    y += 32
    c.text(L, y, f"Ngày: {ds} {rng.randrange(7, 22):02d}:{rng.randrange(60):02d}", size=22)
    y += 32
    if cafe:
        c.text(L, y, f"Bàn: {rng.randrange(1, 30):02d}   Thu ngân: {rng.choice(GIVEN)}", size=22)
    else:
        c.text(L, y, f"Quầy: {rng.randrange(1, 6)}   Thu ngân: {rng.choice(GIVEN)}", size=22)
    y += 32
    c.text(L, y, "Khách hàng: Khách lẻ", size=22)
    y += 36
    c.hline(y, L, R, 1)
    y += 8
    c.text(L, y, "Tên hàng", size=22, bold=True)
    c.text(340, y, "SL", size=22, bold=True, align="right")
    c.text(R, y, "T.Tiền", size=22, bold=True, align="right")
    y += 32
    c.hline(y, L, R, 1)
    y += 8
    for name, q, p, a in items:
        W.add(name)
        for line in c.wrap(name, R - L, size=22):
            c.text(L, y, line, size=22)
            y += 30
        c.text(L + 20, y, money(p, sep), size=22)
        c.text(340, y, f"x{q}", size=22, align="right")
        c.text(R, y, money(a, sep), size=22, align="right")
        y += 34
    c.hline(y, L, R, 1)
    y += 12
    if rate:
        lr("Tiền hàng:", money(subtotal, sep), 23)
        lr(f"Thuế GTGT ({rate}%):", money(vat, sep), 23)
    lr("TỔNG TIỀN:", money(total, sep, rng.choice(["", "đ", " VND"])), 27, True)
    lr("Tiền khách đưa:", money(paid, sep), 23)
    lr("Tiền thối lại:", money(change, sep), 23)
    if not rate:
        center("(Giá đã bao gồm thuế GTGT)", 20)
    y += 6
    c.hline(y, L, R, 2)
    y += 16
    center("Cảm ơn quý khách. Hẹn gặp lại!", 22)
    center("Hàng mua rồi xin miễn đổi trả sau 3 ngày", 19)
    y += 30
    img = c.img.crop((0, 0, width, int(y)))
    f = fields(invoice_type="retail", invoice_series=None, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=store, seller_tax_code=tax, buyer_name=None, buyer_tax_code=None,
               subtotal=subtotal if rate else None, vat_rate=rate, vat_amount=vat, total_amount=total,
               currency="VND", amount_in_words=None)
    W.add("Thu ngân", "quý khách")
    return img, f, W


EN_SELLERS = [("Northwind Software LLC", "1200 Harbor Blvd, Suite 400", "San Jose, CA 95110, USA", "service", "+1 408 555 "),
              ("Acme Cloud Services Inc.", "88 Pine Street, Floor 12", "New York, NY 10005, USA", "service", "+1 212 555 "),
              ("Blue Harbor Trading Pte. Ltd.", "10 Anson Road, #21-07 International Plaza", "Singapore 079903", "general",
               "+65 6220 "),
              ("Greenfield Lab Supplies Co.", "455 Industrial Way", "Austin, TX 78744, USA", "general", "+1 512 555 "),
              ("Keystone Analytics GmbH", "Friedrichstrasse 68", "10117 Berlin, Germany", "service", "+49 30 2093 "),
              ("Pacific Rim Components Ltd.", "Unit 5, 18/F, Tower B, 9 Science Park", "Hong Kong", "general", "+852 2610 ")]
EN_SERVICE_ITEMS = [("Annual subscription - Professional plan", 120000, 480000), ("Consulting hours", 9500, 18000),
                    ("Onboarding and setup fee", 25000, 90000), ("Additional user seats", 1500, 4500),
                    ("Cloud storage 1 TB (monthly)", 2000, 6000), ("Priority support package", 30000, 90000),
                    ("Data migration service", 40000, 150000)]
EN_GOODS_ITEMS = [("Stainless steel fasteners M6 (box of 500)", 2500, 6500), ("Nitrile gloves, size M (case)", 3900, 7900),
                  ("Pipette tips 200ul (rack of 96)", 800, 2200), ("Industrial label printer ZT230", 89000, 129000),
                  ("Shipping and handling", 2500, 9500), ("Ceramic capacitors 100nF (reel)", 1800, 4800),
                  ("Barcode scanner DS2208", 14000, 22000)]


def layout_english(rng, opts):
    style = opts.get("style", "modern")
    c = Canvas(*A4_200DPI, family="sans" if style == "modern" else "serif", size=27)
    W = Words()
    L, R = 110, 1544
    name, a1, a2, kind, tel = EN_SELLERS[opts["seller"]]
    currency = opts.get("currency", "USD")
    sym = "$" if currency == "USD" else ""
    d = random_date(rng, year=2026)
    due = d + timedelta(days=30)
    us_numeric = opts.get("numeric_date", False)
    ds = f"{d:%m/%d/%Y}" if us_numeric else f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    dues = f"{due:%m/%d/%Y}" if us_numeric else f"{MONTHS_EN[due.month - 1]} {due.day}, {due.year}"
    number = rng.choice([f"INV-{d.year}-{rng.randrange(1, 9999):04d}", f"{rng.randrange(10000, 99999)}",
                         f"NW{rng.randrange(100000, 999999)}"])
    pool = EN_SERVICE_ITEMS if kind == "service" else EN_GOODS_ITEMS
    rate = opts.get("rate", 10)
    show_rate = opts.get("show_rate", True)
    while True:
        items = []
        for desc, lo, hi in rng.sample(pool, rng.randrange(2, 5)):
            unit = rng.randrange(lo, hi) // 5 * 5
            q = rng.choice([1, 1, 2, 3, 5, 10]) if unit < 20000 else 1
            items.append((desc, q, unit, q * unit))
        subtotal = sum(i[3] for i in items)
        tax = subtotal * rate / 100
        if tax == int(tax):
            tax = int(tax)
            break
    total = subtotal + tax
    buyer = party(rng)
    bname = opts.get("buyer_en") or buyer["name"]

    def amt(cents):
        return usd(cents, sym) if sym else f"{currency} {usd(cents, '')}"

    y = 100
    if style == "modern":
        c.text(L, y, name, size=36, bold=True)
        c.text(R, y - 10, "INVOICE", align="right", size=64, bold=True)
        y += 54
        c.text(L, y, a1, size=25)
        y += 36
        c.text(L, y, a2, size=25)
        y += 36
        c.text(L, y, f"billing@{name.split()[0].lower()}.example  |  {tel}{rng.randrange(1000, 9999)}", size=23)
        W.add(a1)
        yy = 200
        for label, val in [("Invoice No:", number), ("Invoice Date:", ds), ("Due Date:", dues),
                           ("PO Number:", f"PO-{rng.randrange(10000, 99999)}")]:
            c.text(1150, yy, label, size=25, bold=True)
            c.text(R, yy, val, align="right", size=25)
            yy += 40
        y = max(y, yy) + 50
    else:
        c.text(827, y, "INVOICE", align="center", size=56, bold=True)
        y += 90
        c.text(L, y, name, size=32, bold=True)
        y += 48
        c.text(L, y, f"{a1}, {a2}", size=25)
        W.add(a1)
        y += 60
        c.rect(L, y, R, y + 110, 2)
        c.text(L + 20, y + 16, f"Invoice Number: {number}", size=26)
        c.text(L + 20, y + 60, f"Date: {ds}", size=26)
        c.text(900, y + 16, "Payment terms: Net 30", size=26)
        c.text(900, y + 60, f"Due: {dues}", size=26)
        y += 150
    c.text(L, y, "Bill To:", size=27, bold=True)
    c.text(850, y, "Ship To:" if kind == "general" else "Project:", size=27, bold=True)
    y += 40
    y0 = y
    y = c.para(L, y, bname, 700, size=26, bold=False, lh=34)
    y = c.para(L, y, buyer["address"], 700, size=24, lh=32)
    W.add(buyer["address"])
    if opts.get("buyer_tax", False):
        c.text(L, y, f"Tax code (MST): {buyer['tax']}", size=24)
        y += 34
    project = "Same as billing address" if kind == "general" else \
        rng.choice(["ERP rollout phase 2", "Website redesign", "Data platform migration"])
    c.para(850, y0, project, 690, size=24)
    W.add(project)
    y += 40
    cols = [("Description", 700, "l"), ("Qty", 120, "r"), ("Unit Price", 300, "r"), ("Amount", 314, "r")]
    rows = [(desc, q, amt(u), amt(a)) for desc, q, u, a in items]
    for desc, *_ in items:
        W.add(desc, table=True)
    y = c.table(L, y, cols, rows, size=25, grid="rows" if style == "modern" else "full",
                header_fill=220 if style == "modern" else None)
    y += 30
    tax_label = (f"Tax ({rate}%)" if show_rate else "Tax") if currency == "USD" else f"VAT ({rate}%)" if show_rate else "VAT"
    for label, val, b in [("Subtotal", amt(subtotal), False), (tax_label, amt(tax), False),
                          ("Total Due", amt(total), True)]:
        c.text(1100, y, label, size=28, bold=b)
        c.text(R, y, val, align="right", size=28, bold=b)
        y += 50
    y += 40
    c.text(L, y, "Payment instructions", size=26, bold=True)
    y += 40
    acct = rng.randrange(10**9, 10**10)
    c.text(L, y, f"Bank: First Pacific Bank   Account: {acct}   SWIFT: FPBKUS{rng.randrange(10, 99)}", size=23)
    y += 34
    c.text(L, y, f"Please include invoice number {number} with your payment.", size=23)
    y += 34
    c.text(L, y, "Thank you for your business!", size=25, italic=True)
    W.add("Payment", "instructions", "business")
    f = fields(invoice_type=kind, invoice_series=None, invoice_number=number, invoice_date=d.isoformat(),
               seller_name=name, seller_tax_code=None, buyer_name=bname,
               buyer_tax_code=buyer["tax"] if opts.get("buyer_tax") else None,
               subtotal=subtotal / 100, vat_rate=rate if show_rate else None, vat_amount=tax / 100,
               total_amount=total / 100, currency=currency, amount_in_words=None)
    return c.img, f, W


LAYOUTS = {
    "vat_bilingual_box": layout_vat_bilingual,
    "vat_two_column": layout_vat_twocol,
    "vat_value_next_line": layout_vat_nextline,
    "sales_invoice": layout_sales,
    "electricity_bill": layout_electricity,
    "water_bill": layout_water,
    "telecom_bill": layout_telecom,
    "thermal_receipt": layout_retail,
    "english_invoice": layout_english,
}

# --------------------------------------------------------------------------------------
# Scan variants
# --------------------------------------------------------------------------------------


def speckle(img, rng, count, max_r=2):
    d = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(count):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0, 0, 0, 1, 1, max_r])
        g = rng.randrange(0, 140)
        d.ellipse([x - r, y - r, x + r, y + r], fill=g)
    return img


def apply_variant(img, variant, rng):
    """Returns (image, human description)."""
    if variant == "clean":
        return img, "clean, 200 dpi"
    if variant == "rotated":
        angle = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
        return img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255), f"rotated {angle:+.1f} deg, 200 dpi"
    if variant == "noisy":
        img = speckle(img, rng, int(img.size[0] * img.size[1] / 1200))
        # a faint scanner-edge shadow along one side
        d = ImageDraw.Draw(img)
        for i in range(18):
            d.line([(i, 0), (i, img.size[1])], fill=120 + i * 7)
        img = img.filter(ImageFilter.GaussianBlur(0.8))
        return img, "speckle noise + edge shadow + blur 0.8 px, 200 dpi"
    if variant.startswith("lowres"):
        dpi = int(variant[len("lowres"):] or 140)
        s = dpi / 200
        img = img.resize((round(img.size[0] * s), round(img.size[1] * s)), Image.LANCZOS)
        return img, f"downsampled to {dpi} dpi"
    if variant == "bw":
        img = speckle(img, rng, int(img.size[0] * img.size[1] / 3000), max_r=1)
        return img.point(lambda v: 255 if v > 150 else 0).convert("1"), "1-bit black and white, speckles, 200 dpi"
    if variant == "rotnoisy":
        angle = rng.choice([-1, 1]) * rng.uniform(1.0, 2.5)
        img = speckle(img, rng, int(img.size[0] * img.size[1] / 2500))
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        return img.filter(ImageFilter.GaussianBlur(0.6)), f"rotated {angle:+.1f} deg + speckles + blur 0.6 px"
    if variant == "faded":
        return img.filter(ImageFilter.GaussianBlur(0.5)), "faded thermal print (gray ink on gray paper), blur 0.5 px"
    raise ValueError(variant)


def save_png(img, path, dpi):
    """Save, shrinking the palette if the file would pass MAX_PNG_BYTES. Returns the mode note."""
    img.save(path, optimize=True, dpi=(dpi, dpi))
    if os.path.getsize(path) <= SOFT_PNG_BYTES:
        return img.mode
    if img.mode == "L":
        post = img.point(lambda v: (v // 16) * 17)
        post.save(path, optimize=True, dpi=(dpi, dpi))
        if os.path.getsize(path) <= MAX_PNG_BYTES:
            return "L (16 gray levels)"
        bw = img.point(lambda v: 255 if v > 160 else 0).convert("1")
        bw.save(path, optimize=True, dpi=(dpi, dpi))
        return "1 (forced)"
    return img.mode


# --------------------------------------------------------------------------------------
# The fixture list: name, layout, variant, options
# --------------------------------------------------------------------------------------

FIXTURES = [
    # VAT, bilingual labels, form box at the right (MISA / VNPT style)
    ("vat-bilingual-01", "vat_bilingual_box", "clean", dict(buyer="company", rate=10)),
    ("vat-bilingual-02", "vat_bilingual_box", "clean", dict(buyer="person", rate=8, family="serif")),
    ("vat-bilingual-03", "vat_bilingual_box", "clean", dict(buyer="walkin", rate=10, n=2)),
    ("vat-bilingual-04", "vat_bilingual_box", "clean", dict(buyer="company_only", rate=5, branch=True, big=True)),
    ("vat-bilingual-05", "vat_bilingual_box", "clean", dict(buyer="company", rate=None, kind="service", n=1)),
    ("vat-bilingual-06", "vat_bilingual_box", "rotated", dict(buyer="company", rate=8, kind="service")),
    ("vat-bilingual-07", "vat_bilingual_box", "noisy", dict(buyer="company", rate=10)),
    ("vat-bilingual-08", "vat_bilingual_box", "lowres150", dict(buyer="person", rate=0, family="cond")),
    ("vat-bilingual-09", "vat_bilingual_box", "bw", dict(buyer="company", rate=8, branch=True)),
    # VAT, labels and values in two columns
    ("vat-twocol-01", "vat_two_column", "clean", dict(buyer="company", rate=10)),
    ("vat-twocol-02", "vat_two_column", "clean", dict(buyer="person", rate=8, family="sans")),
    ("vat-twocol-03", "vat_two_column", "clean", dict(buyer="company", rate=10, kind="service")),
    ("vat-twocol-04", "vat_two_column", "clean", dict(buyer="walkin", rate=8)),
    ("vat-twocol-05", "vat_two_column", "rotated", dict(buyer="company_only", rate=5, branch=True)),
    ("vat-twocol-06", "vat_two_column", "lowres130", dict(buyer="company", rate=10, family="sans")),
    ("vat-twocol-07", "vat_two_column", "noisy", dict(buyer="company", rate=8, kind="service")),
    # VAT, value on the line under its label
    ("vat-nextline-01", "vat_value_next_line", "clean", dict(buyer="company", rate=10, side=True)),
    ("vat-nextline-02", "vat_value_next_line", "clean", dict(buyer="person", rate=8, side=False)),
    ("vat-nextline-03", "vat_value_next_line", "clean", dict(buyer="company", rate=10, side=False, kind="service")),
    ("vat-nextline-04", "vat_value_next_line", "rotated", dict(buyer="company", rate=5, side=True, branch=True)),
    ("vat-nextline-05", "vat_value_next_line", "lowres140", dict(buyer="walkin", rate=8, side=False, family="sans")),
    ("vat-nextline-06", "vat_value_next_line", "rotnoisy", dict(buyer="company_only", rate=10, side=True)),
    # Sales invoices (no VAT)
    ("sales-01", "sales_invoice", "clean", dict(buyer="walkin")),
    ("sales-02", "sales_invoice", "clean", dict(buyer="company", show_sub=False)),
    ("sales-03", "sales_invoice", "clean", dict(buyer="person", kind="service", family="serif")),
    ("sales-04", "sales_invoice", "rotated", dict(buyer="company", family="sans")),
    ("sales-05", "sales_invoice", "lowres120", dict(buyer="person", show_sub=False, family="sans")),
    # Electricity
    ("electricity-01", "electricity_bill", "clean", dict(evn=0)),
    ("electricity-02", "electricity_bill", "clean", dict(evn=1, rate=10)),
    ("electricity-03", "electricity_bill", "clean", dict(evn=2, business=True, family="cond")),
    ("electricity-04", "electricity_bill", "rotated", dict(evn=3)),
    ("electricity-05", "electricity_bill", "noisy", dict(evn=4, family="serif")),
    ("electricity-06", "electricity_bill", "lowres150", dict(evn=5, business=True)),
    # Water
    ("water-01", "water_bill", "clean", dict(water=0)),
    ("water-02", "water_bill", "clean", dict(water=2, family="sans")),
    ("water-03", "water_bill", "rotated", dict(water=1, buyer="company")),
    ("water-04", "water_bill", "lowres140", dict(water=3, family="sans")),
    ("water-05", "water_bill", "bw", dict(water=4)),
    # Telecom
    ("telecom-01", "telecom_bill", "clean", dict(telco=0)),
    ("telecom-02", "telecom_bill", "clean", dict(telco=1, buyer="company", notice=True)),
    ("telecom-03", "telecom_bill", "clean", dict(telco=2, family="cond")),
    ("telecom-04", "telecom_bill", "noisy", dict(telco=3, buyer="company")),
    ("telecom-05", "telecom_bill", "rotated", dict(telco=1, notice=True, family="serif")),
    # Thermal receipts
    ("retail-01", "thermal_receipt", "clean", dict(store=0)),
    ("retail-02", "thermal_receipt", "clean", dict(store=3, yy=True)),
    ("retail-03", "thermal_receipt", "clean", dict(store=1, rate=8)),
    ("retail-04", "thermal_receipt", "faded", dict(store=4, yy=True, ink=70, paper=238)),
    ("retail-05", "thermal_receipt", "rotated", dict(store=2, tax=False)),
    ("retail-06", "thermal_receipt", "noisy", dict(store=5, rate=10, yy=True)),
    ("retail-07", "thermal_receipt", "clean", dict(store=6, yy=True, tax=False)),
    # English invoices
    ("english-01", "english_invoice", "clean", dict(seller=0, rate=10)),
    ("english-02", "english_invoice", "clean", dict(seller=1, rate=8, numeric_date=True, style="classic")),
    ("english-03", "english_invoice", "clean", dict(seller=2, rate=9, buyer_tax=True)),
    ("english-04", "english_invoice", "clean", dict(seller=3, rate=7.25, show_rate=False, numeric_date=True)),
    ("english-05", "english_invoice", "rotated", dict(seller=4, rate=19, currency="EUR", style="classic")),
    ("english-06", "english_invoice", "lowres150", dict(seller=5, rate=0, buyer_tax=True, numeric_date=True)),
]


def render(name, layout, variant, opts):
    rng = random.Random(SEED ^ zlib.crc32(name.encode()))
    img, f, words = LAYOUTS[layout](rng, opts)
    img, vdesc = apply_variant(img, variant, rng)
    f["words"] = words.pick(rng, 8, avoid_table=variant in ("rotated", "rotnoisy"))
    vname = "lowres" if variant.startswith("lowres") else variant
    f["layout"] = f"{layout}/{vname}"
    return img, f, vdesc


README_HEAD = """# Invoice fixtures

Synthetic invoice scans for tests, rendered by `scripts/render-fixtures.py`
(Python 3 + Pillow + the DejaVu fonts). Do not edit these files by hand:
change the script and run

    python3 scripts/render-fixtures.py   # writes *.png, *.json and this README
    scripts/ocr-corpus.sh                # refreshes Tests/InvoiceExtractionTests/Corpus/ocr/

Every document is invented (names, tax codes, amounts). Tax codes pass the
mã số thuế check digit; subtotal + VAT = total and VAT = subtotal x rate hold
exactly; the amount in words is the total.

Each `NAME.png` has a `NAME.json` beside it with the expected fields:
`invoice_type`, `invoice_series`, `invoice_number`, `invoice_code`
(`SERIES-NUMBER` when a series is printed, else the number), `invoice_date`
(ISO), `seller_name`, `seller_tax_code`, `buyer_name` (the company when one is
printed, else the person, null for "Khách lẻ"), `buyer_tax_code`, `subtotal`,
`vat_rate` (percent, null for KCT or not printed), `vat_amount`,
`total_amount`, `currency`, `amount_in_words` (as printed, or null), plus
`words` (plain-text words on the page, for checks on the OCR text) and
`layout` (`<layout>/<variant>`). A field that is not printed is null.

Tesseract drops diacritics and mangles digits, so compare `words` with the
OCR text case-insensitively after removing diacritics and folding `đ` to `d`;
with that folding all of them are found in the corpus produced by
`scripts/ocr-corpus.sh` (tesseract 5.3.0, vie+eng).

Variants: `clean` 200 dpi A4 grayscale; `rotated` 1-3 degrees; `noisy` speckles,
scanner-edge shadow and blur; `rotnoisy` both; `lowres` downsampled to 120-150 dpi;
`bw` 1-bit; `faded` gray thermal print. There are no other files in this folder.

| file | layout | variant | type | buyer | notes |
|---|---|---|---|---|---|
"""


def write_readme(rows):
    lines = [README_HEAD]
    for name, f, vdesc, mode, size, extra in rows:
        buyer = "walk-in (null)" if f["buyer_name"] is None else ("company" if f["buyer_tax_code"] else "person") \
            if f["currency"] == "VND" else "company"
        notes = []
        if f["vat_rate"] is None and f["vat_amount"] is not None:
            notes.append("VAT rate not printed" if f["currency"] != "VND" else "KCT")
        if f["seller_tax_code"] and "-" in f["seller_tax_code"]:
            notes.append("13-digit seller tax code")
        if f["currency"] != "VND":
            notes.append(f["currency"])
        if f["total_amount"] >= 10**9:
            notes.append("total over 1 tỷ")
        if f["subtotal"] is None and f["vat_amount"] is None:
            notes.append("total only")
        notes += extra
        lines.append(f"| `{name}.png` + `.json` | {f['layout'].split('/')[0]} | {vdesc}; mode {mode}; "
                     f"{size // 1024} KB | {f['invoice_type']} | {buyer} | {', '.join(notes)} |\n")
    with open(os.path.join(OUT_DIR, "README.md"), "w", encoding="utf-8") as fh:
        fh.writelines(lines)


# --------------------------------------------------------------------------------------
# Self-test and main
# --------------------------------------------------------------------------------------


def selftest():
    cases = {
        0: "không", 10: "mười", 11: "mười một", 15: "mười lăm", 21: "hai mươi mốt", 24: "hai mươi bốn",
        55: "năm mươi lăm", 105: "một trăm linh năm", 110: "một trăm mười", 115: "một trăm mười lăm",
        1000: "một nghìn", 15000: "mười lăm nghìn", 255000: "hai trăm năm mươi lăm nghìn",
        1005000: "một triệu không trăm linh năm nghìn", 1080000: "một triệu không trăm tám mươi nghìn",
        1000050: "một triệu không trăm năm mươi", 2500000000: "hai tỷ năm trăm triệu",
        1000000001: "một tỷ không trăm linh một", 3041000: "ba triệu không trăm bốn mươi mốt nghìn",
        1000000000000: "một nghìn tỷ", 12345678: "mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám",
    }
    for n, want in cases.items():
        got = vn_number_words(n)
        assert got == want, (n, got, want)
    assert vn_number_words(24, tu=True) == "hai mươi tư"
    assert vn_number_words(1005, linh="lẻ", nghin="ngàn") == "một ngàn không trăm lẻ năm"
    assert vn_amount_words(1080000) == "Một triệu không trăm tám mươi nghìn đồng"
    assert vn_amount_words(2000000, chan=True) == "Hai triệu đồng chẵn"
    assert mst_valid("0100233488") and not mst_valid("0100233487") and mst_valid("0314409058-002") is not None
    rng = random.Random(1)
    for _ in range(1000):
        assert mst_valid(make_tax_code(rng, "03", branch=rng.choice([None, 2])))
    assert money(1080000) == "1.080.000" and money(1080000, ",", " VND") == "1,080,000 VND"
    assert usd(123456) == "$1,234.56"
    print("selftest ok")


def check_fields(f):
    if f["seller_tax_code"]:
        assert mst_valid(f["seller_tax_code"]), f["seller_tax_code"]
    if f["buyer_tax_code"]:
        assert mst_valid(f["buyer_tax_code"]), f["buyer_tax_code"]
    if f["vat_amount"] is not None and f["subtotal"] is not None:
        assert abs(f["subtotal"] + f["vat_amount"] - f["total_amount"]) < 1e-9, f
        if f["vat_rate"] is not None:
            assert abs(f["subtotal"] * f["vat_rate"] / 100 - f["vat_amount"]) < 1e-9, f
    assert 5 <= len(f["words"]) <= 10, f["words"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", help="render only this fixture (repeatable)")
    ap.add_argument("--list", action="store_true", help="list the fixtures and exit")
    ap.add_argument("--selftest", action="store_true", help="run the helper self-tests and exit")
    args = ap.parse_args()
    if args.selftest:
        selftest()
        return
    if args.list:
        for name, layout, variant, _ in FIXTURES:
            print(f"{name:20} {layout:22} {variant}")
        return
    selftest()
    os.makedirs(OUT_DIR, exist_ok=True)
    rows = []
    unknown = set(args.only or []) - {n for n, *_ in FIXTURES}
    if unknown:
        sys.exit(f"unknown fixture(s): {', '.join(sorted(unknown))}")
    for name, layout, variant, opts in FIXTURES:
        img, f, vdesc = render(name, layout, variant, opts)
        if args.only and name not in args.only:
            continue
        check_fields(f)
        png = os.path.join(OUT_DIR, name + ".png")
        dpi = int(variant[len("lowres"):]) if variant.startswith("lowres") else 200
        mode = save_png(img, png, dpi)
        with open(os.path.join(OUT_DIR, name + ".json"), "w", encoding="utf-8") as fh:
            json.dump(f, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        size = os.path.getsize(png)
        extra = ["2-digit year"] if opts.get("yy") else []
        extra += ["month-first numeric date"] if opts.get("numeric_date") else []
        rows.append((name, f, vdesc, mode, size, extra))
        print(f"{name:20} {img.size[0]:4}x{img.size[1]:<4} {mode:18} {size // 1024:4} KB  {f['layout']}")
    if not args.only:
        write_readme(rows)
        # Remove files of fixtures that no longer exist.
        keep = {n + ext for n, *_ in FIXTURES for ext in (".png", ".json")} | {"README.md"}
        for fn in os.listdir(OUT_DIR):
            if fn not in keep:
                os.remove(os.path.join(OUT_DIR, fn))
        total = sum(r[4] for r in rows)
        print(f"{len(rows)} fixtures, {total / 1024 / 1024:.2f} MB of PNG, largest {max(r[4] for r in rows) // 1024} KB")


if __name__ == "__main__":
    main()
