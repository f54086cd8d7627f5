#!/usr/bin/env python3
"""Makes the e-invoice XML fixtures of the tax authority's 2014 schema (namespace
http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1, issued until 2022) in
Tests/Fixtures/formats/, as the issuing software of those years wrote them. Standard library
only; run from the repository root:

    python3 scripts/make-einvoice-2014-fixtures.py

Files:
  einvoice-2014.xml                 UTF-8 BOM, an <?xml-stylesheet?> instruction and no XML
                                    declaration before <inv:invoice>; CRLF line ends; a branch
                                    tax code; items and a summary at 10 %
  einvoice-2014-declared.xml        with an XML declaration; a date-time with a zone; a buyer
                                    known only by the name displayed; USD with decimals; the
                                    rate only on the lines
  einvoice-2014-ns2.xml             prefix ns2: instead of inv:, the parties nested
                                    (seller/sellerLegalName), "null" for an empty field, two
                                    rates, the authority's certifiedData and a signature
  einvoice-2014-totals-disagree.xml subtotal + VAT is not the total (a failed check)
  einvoice-2014-doctype.xml         BOM, stylesheet, then a DOCTYPE declaring an external
                                    entity on /etc/passwd (refused before parsing)
"""

OUT = "Tests/Fixtures/formats"
NAMESPACE = "http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1"
BOM = "\ufeff"
STYLESHEET = '<?xml-stylesheet type="text/xsl" href="01GTKT0_001.xslt"?>'
WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3]


def tax_code(first_nine, branch=None):
    """A tax code with its check digit (see Sources/InvoiceExtraction/Values/TaxCode.swift)."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, WEIGHTS)) % 11
    assert remainder != 0, first_nine
    code = first_nine + str(10 - remainder)
    return f"{code}-{branch}" if branch else code


SELLER_MST = tax_code("010068620", "096")
BUYER_MST = tax_code("031440905")


def invoice(p, data, extra=""):
    """An invoice element with prefix `p`, its invoiceData fields and what follows them."""
    return f"""<{p}:invoice xmlns:{p}="{NAMESPACE}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <{p}:invoiceData id="data">
{data}
  </{p}:invoiceData>
  <{p}:controlData>
    <{p}:systemCode>HDDT</{p}:systemCode>
  </{p}:controlData>{extra}
</{p}:invoice>
"""


def fields(p, pairs, indent="    "):
    return "\n".join(f"{indent}<{p}:{name}>{value}</{p}:{name}>" for name, value in pairs)


def item(p, number, name, unit, quantity, price, amount, rate):
    return f"""      <{p}:item>
        <{p}:lineNumber>{number}</{p}:lineNumber>
        <{p}:itemName>{name}</{p}:itemName>
        <{p}:unitName>{unit}</{p}:unitName>
        <{p}:quantity>{quantity}</{p}:quantity>
        <{p}:unitPrice>{price}</{p}:unitPrice>
        <{p}:itemTotalAmountWithoutVat>{amount}</{p}:itemTotalAmountWithoutVat>
        <{p}:vatPercentage>{rate}</{p}:vatPercentage>
      </{p}:item>"""


def breakdown(p, rate, taxable, tax):
    return f"""      <{p}:invoiceTaxBreakdown>
        <{p}:vatPercentage>{rate}</{p}:vatPercentage>
        <{p}:vatTaxableAmount>{taxable}</{p}:vatTaxableAmount>
        <{p}:vatTaxAmount>{tax}</{p}:vatTaxAmount>
      </{p}:invoiceTaxBreakdown>"""


def main_invoice(total="27500000", words="Hai mươi bảy triệu năm trăm nghìn đồng"):
    p = "inv"
    head = fields(p, [
        ("invoiceType", "01GTKT"), ("templateCode", "01GTKT0/001"), ("invoiceSeries", "AA/17E"),
        ("invoiceNumber", "0000123"), ("invoiceName", "Hóa đơn giá trị gia tăng"),
        ("invoiceIssuedDate", "2019-06-12T00:00:00"), ("signedDate", "2019-06-12T09:41:07"), ("currencyCode", "VND"),
        ("adjustmentType", "1"),
        ("sellerLegalName", "CÔNG TY CỔ PHẦN DỊCH VỤ KỸ THUẬT ĐIỆN LẠNH SAO VIỆT - CHI NHÁNH HÀ NỘI"),
        ("sellerTaxCode", SELLER_MST), ("sellerAddressLine", "Số 8 Láng Hạ, Phường Thành Công, Quận Ba Đình, Hà Nội"),
        ("buyerDisplayName", "Nguyễn Văn An"), ("buyerLegalName", "CÔNG TY TNHH THƯƠNG MẠI MINH KHANG"),
        ("buyerTaxCode", BUYER_MST), ("buyerAddressLine", "25 Nguyễn Trãi, Thanh Xuân, Hà Nội"),
    ])
    items = "\n".join([
        item(p, 1, "Bảo dưỡng điều hòa trung tâm", "Lần", 1, 15000000, 15000000, 10),
        item(p, 2, "Thay máy nén điều hòa", "Cái", 1, 10000000, 10000000, 10),
    ])
    totals = fields(p, [
        ("totalAmountWithoutVAT", "25000000"), ("totalVATAmount", "2500000"), ("totalAmountWithVAT", total),
        ("totalAmountWithVATInWords", words),
    ])
    return invoice(p, f"""{head}
    <{p}:items>
{items}
    </{p}:items>
    <{p}:invoiceTaxBreakdowns>
{breakdown(p, 10, 25000000, 2500000)}
    </{p}:invoiceTaxBreakdowns>
{totals}""")


def declared_invoice():
    p = "inv"
    head = fields(p, [
        ("invoiceType", "01GTKT"), ("templateCode", "01GTKT0/002"), ("invoiceSeries", "HN/20E"),
        ("invoiceNumber", "0004567"), ("invoiceIssuedDate", "2020-03-05T10:15:30+07:00"), ("currencyCode", "USD"),
        ("sellerLegalName", "CÔNG TY TNHH PHẦN MỀM HÒA BÌNH"), ("sellerTaxCode", tax_code("010023348")),
        ("buyerDisplayName", "John Smith"),
    ])
    items = item(p, 1, "Phí bản quyền phần mềm năm 2020", "Gói", 1, "1200.00", "1200.00", 5)
    totals = fields(p, [
        ("totalAmountWithoutVAT", "1200.00"), ("totalVATAmount", "60.00"), ("totalAmountWithVAT", "1260.00"),
        ("totalAmountWithVATInWords", "Một nghìn hai trăm sáu mươi đô la Mỹ"),
    ])
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + invoice(p, f"""{head}
    <{p}:items>
{items}
    </{p}:items>
{totals}""")


def ns2_invoice():
    p = "ns2"
    head = fields(p, [
        ("invoiceType", "02GTTT"), ("templateCode", "02GTTT0/001"), ("invoiceSeries", "TC/21E"),
        ("invoiceNumber", "0000089"), ("invoiceIssuedDate", "2021-12-31"), ("currencyCode", "VND"),
    ])
    seller = fields(p, [("sellerLegalName", "CÔNG TY TNHH NƯỚC SẠCH TRƯỜNG CHINH"), ("sellerTaxCode", tax_code("031023456"))], "      ")
    buyer = fields(p, [("buyerLegalName", "TRƯỜNG MẦM NON HOA SEN"), ("buyerTaxCode", "null")], "      ")
    items = "\n".join([
        item(p, 1, "Nước sinh hoạt", "m3", 100, 10000, 1000000, 5),
        item(p, 2, "Phí dịch vụ thoát nước", "m3", 100, 2000, 200000, 10),
    ])
    totals = fields(p, [
        ("totalAmountWithoutVAT", "1200000"), ("totalVATAmount", "70000"), ("totalAmountWithVAT", "1270000"),
        ("totalAmountWithVATInWords", "Một triệu hai trăm bảy mươi nghìn đồng"),
    ])
    certified = f"""
  <{p}:certifiedData>
    <{p}:sellerTaxCode>0000000000</{p}:sellerTaxCode>
    <{p}:totalAmount>1</{p}:totalAmount>
    <{p}:issuedDate>2000-01-01</{p}:issuedDate>
    <{p}:certifiedId>TCT-0000089</{p}:certifiedId>
  </{p}:certifiedData>
  <ds:Signature><ds:SignedInfo><ds:Reference URI="#data"><ds:DigestValue>bm90IGEgcmVhbCBkaWdlc3Q=</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>bm90IGEgcmVhbCBzaWduYXR1cmU=</ds:SignatureValue></ds:Signature>"""
    return invoice(p, f"""{head}
    <{p}:seller>
{seller}
    </{p}:seller>
    <{p}:buyer>
{buyer}
    </{p}:buyer>
    <{p}:items>
{items}
    </{p}:items>
    <{p}:invoiceTaxBreakdowns>
{breakdown(p, 5, 1000000, 50000)}
{breakdown(p, 10, 200000, 20000)}
    </{p}:invoiceTaxBreakdowns>
{totals}""", certified)


def write(name, text, crlf=False):
    if crlf:
        text = text.replace("\n", "\r\n")
    with open(f"{OUT}/{name}", "w", encoding="utf-8", newline="") as f:
        f.write(text)


if __name__ == "__main__":
    write("einvoice-2014.xml", BOM + STYLESHEET + "\n" + main_invoice(), crlf=True)
    write("einvoice-2014-declared.xml", declared_invoice())
    write("einvoice-2014-ns2.xml", ns2_invoice())
    # The numbers of the first, but a total 1,000,000 too high (words match the wrong total).
    write("einvoice-2014-totals-disagree.xml",
          BOM + STYLESHEET + "\n" + main_invoice("28500000", "Hai mươi tám triệu năm trăm nghìn đồng").replace("0000123", "0000124"))
    doctype = '<!DOCTYPE inv:invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    write("einvoice-2014-doctype.xml",
          BOM + STYLESHEET + "\n" + doctype + main_invoice().replace("CÔNG TY CỔ PHẦN DỊCH VỤ", "&x; CÔNG TY CỔ PHẦN DỊCH VỤ"))
