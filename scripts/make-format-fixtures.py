#!/usr/bin/env python3
"""Makes Tests/Fixtures/formats/: the document formats scanners and suppliers send, for the
format tests (issue 6). Run from the repository root:

    pip install reportlab img2pdf Pillow && apt-get install qpdf
    python3 scripts/make-format-fixtures.py

Files:
  multipage.tif         3 rendered invoices as one G4 TIFF (a multi-page scan)
  scanned-2pages.pdf    2 rendered invoices as a scanned (image-only) PDF
  born-digital.pdf      a Vietnamese VAT invoice with a real text layer (DejaVu Sans)
  einvoice.xml          the same invoice as a Circular 78 e-invoice XML (its twin)
  rotated-90.png        a rendered invoice turned 90 degrees (lying on its side)
  exif-rotated.jpg      a receipt stored sideways with EXIF orientation 6 (as phones save)
  encrypted.pdf         born-digital.pdf protected by a user password
  page-bomb.pdf         a PDF of 2000 blank pages
  xxe.xml               an "e-invoice" declaring an external entity on /etc/passwd
  expansion-bomb.xml    an "e-invoice" with nested entity expansion (billion laughs)
"""
import io
import subprocess

import img2pdf
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

OUT = "Tests/Fixtures/formats"
INV = "Tests/Fixtures/invoices"

SELLER, SELLER_MST = "CÔNG TY TNHH THƯƠNG MẠI HÒA BÌNH", "0100233488"
BUYER, BUYER_MST = "CÔNG TY CỔ PHẦN SAO MAI", "0314409058"
SERIES_TEMPLATE, SERIES, NUMBER, DATE = "1", "C26THB", "00001234", "2026-10-15"
SUBTOTAL, VAT, TOTAL = 12_500_000, 1_000_000, 13_500_000
WORDS = "Mười ba triệu năm trăm nghìn đồng"


def money(value):
    return f"{value:,}".replace(",", ".")


def multipage_tiff():
    pages = [Image.open(f"{INV}/{name}.png").convert("1") for name in ["vat-twocol-02", "water-01", "telecom-02"]]
    pages[0].save(f"{OUT}/multipage.tif", save_all=True, append_images=pages[1:], compression="group4", dpi=(200, 200))


def scanned_pdf():
    images = []
    for name in ["vat-bilingual-02", "sales-03"]:
        buffer = io.BytesIO()
        Image.open(f"{INV}/{name}.png").convert("L").save(buffer, format="JPEG", quality=60, dpi=(200, 200))
        images.append(buffer.getvalue())
    with open(f"{OUT}/scanned-2pages.pdf", "wb") as f:
        f.write(img2pdf.convert(images))


def born_digital_pdf():
    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuBold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    c = canvas.Canvas(f"{OUT}/born-digital.pdf", pagesize=A4)
    c.setCreator("invoiced fixtures")
    y = 800
    def line(text, size=11, bold=False, x=50):
        nonlocal y
        c.setFont("DejaVuBold" if bold else "DejaVu", size)
        c.drawString(x, y, text)
        y -= size + 9
    line(SELLER, 13, True)
    line(f"Mã số thuế: {SELLER_MST}")
    line("Địa chỉ: 12 Phố Huế, Quận Hai Bà Trưng, Hà Nội")
    line("HÓA ĐƠN GIÁ TRỊ GIA TĂNG", 16, True, 170)
    line(f"Ký hiệu: {SERIES_TEMPLATE}{SERIES}     Số: {NUMBER}")
    line("Ngày 15 tháng 10 năm 2026")
    line(f"Tên đơn vị: {BUYER}")
    line(f"Mã số thuế: {BUYER_MST}")
    line("Hình thức thanh toán: CK")
    line("STT  Tên hàng hóa, dịch vụ          ĐVT   Số lượng   Đơn giá      Thành tiền")
    line(f"1    Máy in laser HP                 Cái   5          2.500.000    {money(SUBTOTAL)}")
    line(f"Cộng tiền hàng: {money(SUBTOTAL)}")
    line("Thuế suất GTGT: 8%")
    line(f"Tiền thuế GTGT: {money(VAT)}")
    line(f"Tổng cộng tiền thanh toán: {money(TOTAL)}", bold=True)
    line(f"Số tiền viết bằng chữ: {WORDS}")
    c.showPage()
    c.save()


def einvoice_xml():
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<HDon>
  <DLHDon Id="data">
    <TTChung>
      <PBan>2.0.1</PBan>
      <THDon>Hóa đơn giá trị gia tăng</THDon>
      <KHMSHDon>{SERIES_TEMPLATE}</KHMSHDon>
      <KHHDon>{SERIES}</KHHDon>
      <SHDon>{NUMBER}</SHDon>
      <NLap>{DATE}</NLap>
      <DVTTe>VND</DVTTe>
      <HTTToan>CK</HTTToan>
    </TTChung>
    <NDHDon>
      <NBan>
        <Ten>{SELLER}</Ten>
        <MST>{SELLER_MST}</MST>
        <DChi>12 Phố Huế, Quận Hai Bà Trưng, Hà Nội</DChi>
      </NBan>
      <NMua>
        <Ten>{BUYER}</Ten>
        <MST>{BUYER_MST}</MST>
      </NMua>
      <DSHHDVu>
        <HHDVu>
          <STT>1</STT>
          <THHDVu>Máy in laser HP</THHDVu>
          <DVTinh>Cái</DVTinh>
          <SLuong>5</SLuong>
          <DGia>2500000</DGia>
          <TSuat>8%</TSuat>
          <ThTien>{SUBTOTAL}</ThTien>
        </HHDVu>
      </DSHHDVu>
      <TToan>
        <THTTLTSuat><LTSuat><TSuat>8%</TSuat><ThTien>{SUBTOTAL}</ThTien><TThue>{VAT}</TThue></LTSuat></THTTLTSuat>
        <TgTCThue>{SUBTOTAL}</TgTCThue>
        <TgTThue>{VAT}</TgTThue>
        <TgTTTBSo>{TOTAL}</TgTTTBSo>
        <TgTTTBChu>{WORDS}</TgTTTBChu>
      </TToan>
    </NDHDon>
  </DLHDon>
</HDon>
"""
    open(f"{OUT}/einvoice.xml", "w", encoding="utf-8").write(xml)
    hostile_head = '<?xml version="1.0"?>\n'
    open(f"{OUT}/xxe.xml", "w").write(hostile_head + '<!DOCTYPE HDon [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                                      '<HDon><DLHDon><TTChung><SHDon>&x;</SHDon></TTChung></DLHDon></HDon>\n')
    lol = ['<!ENTITY a0 "lol">'] + [f'<!ENTITY a{i} "{"&a%d;" % (i - 1) * 10}">' for i in range(1, 10)]
    open(f"{OUT}/expansion-bomb.xml", "w").write(hostile_head + "<!DOCTYPE HDon [" + "".join(lol) + "]>\n"
                                                 "<HDon><DLHDon><TTChung><SHDon>&a9;</SHDon></TTChung></DLHDon></HDon>\n")


def rotated_png():
    Image.open(f"{INV}/vat-twocol-04.png").rotate(90, expand=True).save(f"{OUT}/rotated-90.png", dpi=(200, 200), optimize=True)


def exif_rotated_jpeg():
    # Stored turned a quarter to the left, with EXIF orientation 6 ("turn 90 clockwise to
    # view"), as a phone held sideways saves it.
    image = Image.open(f"{INV}/retail-02.png").convert("L").rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(f"{OUT}/exif-rotated.jpg", quality=80, dpi=(200, 200), exif=exif)


def encrypted_pdf():
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                    f"{OUT}/born-digital.pdf", f"{OUT}/encrypted.pdf"], check=True)


def page_bomb():
    c = canvas.Canvas(f"{OUT}/page-bomb.pdf", pagesize=A4)
    for _ in range(2000):
        c.showPage()
    c.save()
    # Object streams make 2000 pages fit in a small file, as a real bomb would.
    subprocess.run(["qpdf", "--object-streams=generate", "--replace-input", f"{OUT}/page-bomb.pdf"], check=True)


if __name__ == "__main__":
    multipage_tiff()
    scanned_pdf()
    born_digital_pdf()
    einvoice_xml()
    rotated_png()
    exif_rotated_jpeg()
    encrypted_pdf()
    page_bomb()
    print("wrote", OUT)
