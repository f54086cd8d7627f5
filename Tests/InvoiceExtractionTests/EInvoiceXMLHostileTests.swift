import Foundation
import InvoiceExtraction
import Testing

/// Issue 13, items 5 and 7 and the fuzzer's finding: an e-invoice XML is written by whoever
/// sends it. A value that is no amount must not be stored (it broke every sum), a DOCTYPE
/// anywhere in the prolog is refused, and bytes that are not UTF-8 or a processing
/// instruction without data are refused, not parsed.
@Suite struct EInvoiceXMLHostileTests {
    /// An e-invoice whose totals are `total` (subtotal and VAT stay plain).
    func einvoice(total: String, prolog: String = "") -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>\(prolog)
            <HDon><DLHDon><TTChung><KHMSHDon>1</KHMSHDon><KHHDon>C26THB</KHHDon><SHDon>00001234</SHDon>
            <NLap>2026-10-15</NLap></TTChung><NDHDon><NBan><Ten>CÔNG TY A</Ten></NBan>
            <TToan><TgTCThue>100000</TgTCThue><TgTThue>8000</TgTThue><TgTTTBSo>\(total)</TgTTTBSo></TToan>
            </NDHDon></DLHDon></HDon>
            """.utf8)
    }

    @Test(arguments: ["1e300", "inf", "nan", "0x1p60", "1000000000000000000", "108000.123456", "1.2.3"])
    func aTotalThatIsNoAmount_isAFailedCheck_notAStoredNumber(total: String) throws {
        let invoice = try EInvoiceXML.parse(einvoice(total: total))
        #expect(invoice.totalAmount == nil)
        #expect(invoice.subtotal == 100_000)
        #expect(invoice.checks.warnings.contains { $0.contains("total_amount") && $0.contains("not an amount") })
        #expect(invoice.confidenceScore < 1)
    }

    @Test(arguments: ["108000", "108,000", "108000.50", "108000.5000"])
    func plainAmounts_areRead(total: String) throws {
        let invoice = try EInvoiceXML.parse(einvoice(total: total))
        #expect(invoice.totalAmount.map { $0.rounded(.down) } == 108_000)
        #expect(invoice.checks.warnings.isEmpty)
    }

    /// Whatever produced them (OCR of a 30-digit run, an old extractor), amounts out of range
    /// are dropped before they reach the database, and the warning names them.
    @Test func outOfRangeAmounts_areDroppedFromAnyInvoice() {
        var invoice = ExtractedInvoice(subtotal: 1e300, vatRate: 1e9, vatAmount: .infinity, totalAmount: 1_080_000)
        invoice.fieldConfidence["subtotal"] = 0.9
        let kept = invoice.droppingAmountsOutOfRange()
        #expect(kept.subtotal == nil && kept.vatAmount == nil && kept.vatRate == nil)
        #expect(kept.totalAmount == 1_080_000)
        #expect(kept.fieldConfidence["subtotal"] == nil)
        #expect(kept.checks.warnings.count == 3)
    }

    /// The old check looked at the first MiB only: a 1.1 MiB comment hid the DOCTYPE after it.
    @Test func aDoctypeAfterALongComment_isStillRefused() {
        let comment = "<!--" + String(repeating: "x", count: 1_200_000) + "-->"
        let prolog = comment + "<!DOCTYPE HDon [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        #expect(throws: EInvoiceXML.Failure.declarations) { try EInvoiceXML.parse(einvoice(total: "108000", prolog: prolog)) }
    }

    /// The fuzzer's crash: an element name whose bytes are not UTF-8 made Foundation trap
    /// inside XMLParser. It is refused before the parser runs.
    @Test func anElementNameThatIsNotUTF8_isRefused_notACrash() {
        var data = Data("<?xml version=\"1.0\"?><HDon><".utf8)
        data += Data([0xC3, 0x28, 0xFF])
        data += Data("></HDon>".utf8)
        #expect(throws: EInvoiceXML.Failure.notUTF8) { try EInvoiceXML.parse(data) }
    }

    /// FuzzXML's crash (Fuzz/findings/FuzzXML/crash-minimized-pi-without-data is `<?n?>`): a
    /// processing instruction with no data made Foundation's XMLParser call strlen on NULL,
    /// a segmentation fault of the whole daemon. Without the check this test crashes.
    @Test(arguments: ["<?n?>", "<?xml version=\"1.0\"?><HDon><?a:b?></HDon>", "<HDon/>\n<?x?>"])
    func aProcessingInstructionWithoutData_isRefused_notACrash(document: String) {
        #expect(throws: EInvoiceXML.Failure.processingInstructionWithoutData) { try EInvoiceXML.parse(Data(document.utf8)) }
    }

    /// Processing instructions with data, and the XML declaration, still reach the parser.
    @Test func aProcessingInstructionWithData_isStillRead() throws {
        let invoice = try EInvoiceXML.parse(einvoice(total: "108000", prolog: "<?xml-stylesheet href=\"a.xsl\"?><?x ?>"))
        #expect(invoice.invoiceNumber == "00001234")
    }
}
