extension EInvoiceXML {
    /// The tax authority's 2014 schema (namespace
    /// `http://laphoadon.gdt.gov.vn/2014/09/invoicexml/v1`, issued until 2022): `invoice/invoiceData` holds flat, named fields (`invoiceNumber`,
    /// `sellerLegalName`, `totalAmountWithVAT`, …), `items/item` the lines and
    /// `invoiceTaxBreakdowns` the totals per rate. Files are recognised by that structure,
    /// whatever the namespace prefix (`inv:` in most, another or none in some); the
    /// `invoice/certifiedData` block the authority adds repeats some names and is not read.
    static func schema2014(_ elements: XMLElementTexts) throws(Failure) -> ExtractedInvoice {
        /// The first of `names` that `invoiceData` holds. Some issuers nest the parties
        /// (`invoiceData/seller/sellerLegalName`), and some write "null" for a field they
        /// did not fill in.
        func value(_ names: String...) -> String? {
            for name in names {
                let suffix = "/invoiceData/" + name
                if let found = elements.first.first(where: { $0.key.hasSuffix(suffix) })?.value,
                   found.lowercased() != "null" {
                    return found
                }
            }
            return nil
        }
        /// Every text of the elements named `name` under `invoiceData/<list>/`, in document order.
        func every(_ name: String, under list: String) -> [String] {
            elements.all.filter { $0.key.contains("/invoiceData/\(list)/") && $0.key.hasSuffix("/" + name) }
                .sorted { $0.key < $1.key }.flatMap(\.value).filter { $0.lowercased() != "null" }
        }

        var read = FieldReading()
        guard let invoiceNumber = value("invoiceNumber") else { throw .notAnInvoice }
        var invoice = ExtractedInvoice()
        // The series is printed as written ("AA/17E"); the template code ("01GTKT0/001",
        // printed as "Mẫu số") is another field, not part of it. One issuer misspelled the
        // element "invoiceSerries".
        invoice.invoiceSeries = value("invoiceSeries", "invoiceSerries")
        invoice.invoiceNumber = invoiceNumber
        invoice.invoiceCode = invoice.invoiceSeries.map { "\($0)-\(invoiceNumber)" } ?? invoiceNumber
        invoice.invoiceDate = read.date(value("invoiceIssuedDate"), in: "invoiceData/invoiceIssuedDate")
        invoice.currency = value("currencyCode") ?? "VND"
        invoice.sellerName = value("sellerLegalName", "seller/sellerLegalName")
        invoice.sellerTaxCode = value("sellerTaxCode", "seller/sellerTaxCode")
        // The company when one is named, else the person the issuer displayed.
        invoice.buyerName = value("buyerLegalName", "buyer/buyerLegalName", "buyerDisplayName", "buyer/buyerDisplayName")
        invoice.buyerTaxCode = value("buyerTaxCode", "buyer/buyerTaxCode")
        invoice.subtotal = read.amount(value("totalAmountWithoutVAT"), "subtotal", in: "invoiceData/totalAmountWithoutVAT")
        invoice.vatAmount = read.amount(value("totalVATAmount"), "vat_amount", in: "invoiceData/totalVATAmount")
        invoice.totalAmount = read.amount(value("totalAmountWithVAT"), "total_amount", in: "invoiceData/totalAmountWithVAT")
        invoice.amountInWords = value("totalAmountWithVATInWords")
        // The rate of the summary per rate, else of the lines; one rate only: an invoice of
        // several rates has no single one to give (negative codes mean "not subject to VAT").
        let summaryRates = Set(every("vatPercentage", under: "invoiceTaxBreakdowns").compactMap(FieldReading.rate))
        let rates = summaryRates.isEmpty ? Set(every("vatPercentage", under: "items").compactMap(FieldReading.rate)) : summaryRates
        invoice.vatRate = rates.count == 1 ? rates.first : nil
        finish(&invoice, refused: read.refused, itemNames: every("itemName", under: "items"))
        return invoice
    }
}
