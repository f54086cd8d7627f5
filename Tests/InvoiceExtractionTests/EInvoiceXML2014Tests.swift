import Foundation
import InvoiceExtraction
import Testing

/// Issue 14, item 0: the tax authority's 2014 e-invoice XML (`inv:invoice`, issued until
/// 2022 and kept in every archive) got no result at all. It is read as exactly as the
/// Circular 78 files, from the fixtures scripts/make-einvoice-2014-fixtures.py writes.
@Suite struct EInvoiceXML2014Tests {
    static let formats = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/formats")

    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Self.formats.appendingPathComponent(name))
    }

    /// The commonest archive file: a byte-order mark, `<?xml-stylesheet?>` and no XML
    /// declaration, CRLF line ends, `inv:` prefix.
    @Test func bomStylesheetAndNoDeclaration_everyFieldIsRead() throws {
        let data = try fixture("einvoice-2014.xml")
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]) && !String(decoding: data, as: UTF8.self).contains("<?xml version"))
        #expect(EInvoiceXML.looksLikeXML(data))
        let invoice = try EInvoiceXML.parse(data)
        #expect(invoice.invoiceNumber == "0000123")
        #expect(invoice.invoiceSeries == "AA/17E", "the series as printed, without the template code 01GTKT0/001")
        #expect(invoice.invoiceCode == "AA/17E-0000123")
        #expect(invoice.invoiceDate == "2019-06-12")
        #expect(invoice.sellerName == "CÔNG TY CỔ PHẦN DỊCH VỤ KỸ THUẬT ĐIỆN LẠNH SAO VIỆT - CHI NHÁNH HÀ NỘI")
        #expect(invoice.sellerTaxCode == "0100686209-096")
        #expect(invoice.buyerName == "CÔNG TY TNHH THƯƠNG MẠI MINH KHANG", "the legal name before the name displayed")
        #expect(invoice.buyerTaxCode == "0314409058")
        #expect(invoice.subtotal == 25_000_000)
        #expect(invoice.vatAmount == 2_500_000)
        #expect(invoice.totalAmount == 27_500_000)
        #expect(invoice.vatRate == 10)
        #expect(invoice.currency == "VND")
        #expect(invoice.amountInWords == "Hai mươi bảy triệu năm trăm nghìn đồng")
        #expect(invoice.checks.sumMatches == true)
        #expect(invoice.checks.wordsMatchTotal == true)
        #expect(invoice.checks.sellerTaxCodeValid == true && invoice.checks.buyerTaxCodeValid == true)
        #expect(invoice.checks.warnings.isEmpty)
        #expect(invoice.confidenceScore == 1.0)
    }

    /// With a declaration; a date-time with a zone keeps the date it shows; a buyer known
    /// only by the name displayed; a foreign currency with decimals; the rate only on lines.
    @Test func declaredFile_dateTimeWithZone_displayedBuyer_dollars_rateFromTheLines() throws {
        let invoice = try EInvoiceXML.parse(try fixture("einvoice-2014-declared.xml"))
        #expect(invoice.invoiceNumber == "0004567")
        #expect(invoice.invoiceSeries == "HN/20E")
        #expect(invoice.invoiceDate == "2020-03-05")
        #expect(invoice.sellerName == "CÔNG TY TNHH PHẦN MỀM HÒA BÌNH")
        #expect(invoice.sellerTaxCode == "0100233488")
        #expect(invoice.buyerName == "John Smith")
        #expect(invoice.buyerTaxCode == nil)
        #expect(invoice.currency == "USD")
        #expect(invoice.subtotal == 1200 && invoice.vatAmount == 60 && invoice.totalAmount == 1260)
        #expect(invoice.vatRate == 5)
        #expect(invoice.checks.sumMatches == true)
        #expect(invoice.confidenceScore == 1.0)
    }

    /// Another prefix (`ns2:`), the parties nested, "null" for an empty field, two rates,
    /// and the authority's `certifiedData`, whose repeated names must not be read.
    @Test func anotherPrefix_nestedParties_nullField_twoRates_certifiedDataIgnored() throws {
        let data = try fixture("einvoice-2014-ns2.xml")
        #expect(EInvoiceXML.looksLikeXML(data), "a root with no declaration and another prefix")
        let invoice = try EInvoiceXML.parse(data)
        #expect(invoice.invoiceNumber == "0000089")
        #expect(invoice.invoiceSeries == "TC/21E")
        #expect(invoice.invoiceDate == "2021-12-31", "not certifiedData's issuedDate")
        #expect(invoice.sellerName == "CÔNG TY TNHH NƯỚC SẠCH TRƯỜNG CHINH")
        #expect(invoice.sellerTaxCode == "0310234569", "not certifiedData's 0000000000")
        #expect(invoice.buyerName == "TRƯỜNG MẦM NON HOA SEN")
        #expect(invoice.buyerTaxCode == nil, "\"null\" is an empty field, not a tax code")
        #expect(invoice.totalAmount == 1_270_000)
        #expect(invoice.vatRate == nil, "5 % and 10 %: no single rate")
        #expect(invoice.invoiceType == "water")
        #expect(invoice.checks.sumMatches == true && invoice.checks.wordsMatchTotal == true)
        #expect(invoice.confidenceScore == 1.0)
    }

    @Test func totalsThatDisagree_areAFailedCheck_andALowerScore() throws {
        let invoice = try EInvoiceXML.parse(try fixture("einvoice-2014-totals-disagree.xml"))
        #expect(invoice.totalAmount == 28_500_000)
        #expect(invoice.checks.sumMatches == false)
        #expect(invoice.confidenceScore < 1)
    }

    /// The same XXE refusal as for Circular 78, behind a BOM and a stylesheet instruction.
    @Test func aDoctype_isRefusedBeforeParsing() throws {
        let data = try fixture("einvoice-2014-doctype.xml")
        #expect(EInvoiceXML.looksLikeXML(data))
        #expect(throws: EInvoiceXML.Failure.declarations) { try EInvoiceXML.parse(data) }
    }

    /// Without `invoiceData/invoiceNumber` an `invoice` root is not an e-invoice.
    @Test func anInvoiceRootWithoutItsNumber_isNotAnInvoice() {
        let document = "\u{FEFF}<inv:invoice xmlns:inv=\"http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1\"><inv:invoiceData><inv:sellerLegalName>A</inv:sellerLegalName></inv:invoiceData></inv:invoice>"
        #expect(throws: EInvoiceXML.Failure.notAnInvoice) { try EInvoiceXML.parse(Data(document.utf8)) }
    }

    @Test(arguments: ["12/06/2019", "2019-06-12", "2019-06-12T00:00:00Z", "2019-06-12+07:00"])
    func issuedDates_asIssuersWroteThem(written: String) throws {
        let invoice = try EInvoiceXML.parse(minimal(date: written))
        #expect(invoice.invoiceDate == "2019-06-12")
    }

    /// A date that is none (0001-01-01 is what .NET writes for "not set") is not stored,
    /// and lowers the score like an amount that is none.
    @Test(arguments: ["2019-13-12", "2019-02-29", "2019-06-123", "0001-01-01T00:00:00", "hôm qua", "1560297600000"])
    func anIssuedDateThatIsNoDate_isNotKept(written: String) throws {
        let invoice = try EInvoiceXML.parse(minimal(date: written))
        #expect(invoice.invoiceDate == nil)
        #expect(invoice.checks.warnings.contains { $0.contains("invoice_date") && $0.contains("not a date") })
        #expect(invoice.confidenceScore < 1)
    }

    /// Routing by content: what the daemon takes for XML (and what it leaves to OCR).
    @Test(arguments: [
        ("\u{FEFF}<?xml-stylesheet type=\"text/xsl\" href=\"a.xslt\"?><inv:invoice>", true),
        ("\u{FEFF}\r\n<inv:invoice xmlns:inv=\"x\">", true),
        ("<invoice>", true),
        ("  <HDon>", true),
        ("<ns:TDiep>", true),
        ("<html><body>", false),
        ("%PDF-1.7", false),
        ("<invoices>", false),
    ])
    func contentSniffing(head: String, isXML: Bool) {
        #expect(EInvoiceXML.looksLikeXML(Data(head.utf8)) == isXML)
    }

    func minimal(date: String) -> Data {
        Data("""
            <inv:invoice xmlns:inv="http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1"><inv:invoiceData>
            <inv:invoiceNumber>0000001</inv:invoiceNumber><inv:invoiceIssuedDate>\(date)</inv:invoiceIssuedDate>
            <inv:totalAmountWithVAT>1000</inv:totalAmountWithVAT></inv:invoiceData></inv:invoice>
            """.utf8)
    }
}
