import Testing

@testable import InvoiceExtraction

/// Born-digital invoices as `pdftotext -layout` gives them: columns kept apart by runs of
/// spaces, a grid of headings over values, the recipient's window on the right, the
/// company's legal mention at the foot.
@Suite struct BornDigitalLayoutTests {
    @Test func aGridOfHeadingsOverValues_givesTheNumberUnderInvoice() {
        let invoice = extracted(lines:
            "                                                                  ACME WIDGETS",
            " Klant                        Order                    Factuur datum                 Factuur         Vervaldatum",
            " SCONL0303006280999           SCONL000000444                8-9-2022         VF1005193039              22-9-2022",
            " Artikel         Omschrijving                                             Prijs    BTW Hoeveelheid       Bedrag",
            "                                                                 Factuur totaal EUR        49,99")
        #expect(invoice.invoiceNumber == "VF1005193039")
        #expect(invoice.currency == "EUR")
    }

    @Test func theRecipientsWindowOnTheRight_isNotTheSeller_theLegalMentionAtTheFootIs() {
        let invoice = extracted(lines:
            "                                                                                              ALEXINUX",
            "                                                                                              27 rue du Port",
            "                                  Facture n° 2022089083",
            "                                  Date : 28/11/2022",
            "                                                                              Total TTC :      56,02 €",
            "                                                   NETPRESSE",
            "                       Siège social : 16 rue Mollien - 92100 BOULOGNE",
            "                       Sarl au capital de 10 000€ - RSC Paris B 530 848 134")
        #expect(invoice.sellerName == "NETPRESSE")
        #expect(invoice.invoiceNumber == "2022089083")
    }

    @Test func aBrandAndDepartmentHeading_yieldsToTheCompanyTheFootNames() {
        let invoice = extracted(lines:
            "Free Service Abonné",
            "75371 Paris Cedex 08",
            "Facture n°562044387 du 02 Juillet 2015",
            "Total 29.99",
            " Free SAS au capital de 3.441.812 Euros − B 421 938 861 RCS Paris")
        #expect(invoice.sellerName == "Free")
    }

    @Test func aLegalNameAloneAtTheFoot_signsAnInvoiceWithoutLetterhead() {
        let invoice = extracted(lines:
            "                                                                                                       INVOICE",
            "Bill to:                                                                         Invoice No.:           RE-2025-0651",
            "Nordlicht Möbel GmbH                                                             Invoice date:             07.02.2025",
            "                                                                                         Total           4.914,70 €",
            "Kestrel Analytics GmbH",
            "Rosenthaler Straße 40 · 10178 Berlin · Germany · www.kestrel-analytics.de")
        #expect(invoice.sellerName == "Kestrel Analytics GmbH")
        #expect(invoice.buyerName == "Nordlicht Möbel GmbH")
        #expect(invoice.invoiceNumber == "RE-2025-0651")
        #expect(invoice.invoiceDate == "2025-02-07")
    }
}
