#!/usr/bin/env python3
"""Writes Tests/Fixtures/web/: documents for the browser tests (Tests/Browser/).

  hostile-markup.pdf   a VAT invoice whose text layer holds markup: the seller's name has
                       an <img src=x onerror=...> in it and a line holds a <script>. The
                       workspace must show those characters as text, run nothing, and add
                       no element. A text layer, not a scan: its text reaches the daemon
                       exactly (OCR would mangle the angle brackets).

Run with the system Python (reportlab and the DejaVu fonts come from scripts/install-deps.sh):

    /usr/bin/python3 scripts/make-web-fixtures.py
"""
import os

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "web")

# The strings the browser test looks for, as text, on the invoice page.
SELLER = 'CÔNG TY TNHH <img src=x onerror="window.pwned=1"> ĐÔNG Á'
SCRIPT = '<script>window.pwned=2</script>'
SELLER_MST = "0100109106"  # passes the tax-code check digit (the seed's example)
BUYER = "CÔNG TY CỔ PHẦN KẾ TOÁN AN PHÚ"


def money(value):
    return f"{value:,}".replace(",", ".")


def hostile_pdf():
    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuBold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    path = os.path.join(OUT, "hostile-markup.pdf")
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setCreator("invoiced fixtures")
    y = 800

    def line(text, size=11, bold=False, x=50):
        nonlocal y
        c.setFont("DejaVuBold" if bold else "DejaVu", size)
        c.drawString(x, y, text)
        y -= size + 9

    subtotal, vat = 1_000_000, 80_000
    line(SELLER, 13, True)
    line(f"Mã số thuế: {SELLER_MST}")
    line(f"Địa chỉ: {SCRIPT} 5 Lý Thường Kiệt, Hà Nội")
    line("HÓA ĐƠN GIÁ TRỊ GIA TĂNG", 16, True, 170)
    line("Ký hiệu: 1C26TAA     Số: 0000777")
    line("Ngày 20 tháng 11 năm 2026")
    line(f"Tên đơn vị: {BUYER}")
    line("Hình thức thanh toán: CK")
    line("STT  Tên hàng hóa, dịch vụ          ĐVT   Số lượng   Đơn giá      Thành tiền")
    line(f"1    Giấy in A4 <b>Double A</b>        Ram   20         50.000       {money(subtotal)}")
    line(f"Cộng tiền hàng: {money(subtotal)}")
    line("Thuế suất GTGT: 8%")
    line(f"Tiền thuế GTGT: {money(vat)}")
    line(f"Tổng cộng tiền thanh toán: {money(subtotal + vat)}", bold=True)
    line("Số tiền viết bằng chữ: Một triệu không trăm tám mươi nghìn đồng")
    c.showPage()
    c.save()
    print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    hostile_pdf()
