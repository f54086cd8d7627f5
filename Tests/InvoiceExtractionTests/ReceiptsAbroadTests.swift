import Testing

@testable import InvoiceExtraction

/// Receipts of other countries, read as their readers read them: the day before the
/// month unless the document is American, the local currency when no ISO code is
/// printed, and the labels shops print for totals, rounding, tender and change.
@Suite struct ReceiptsAbroadTests {
    @Test func aMalaysianReceipt_isDayFirst_inRinggit_withItsTotalNotTheCash() {
        let invoice = extracted(lines:
            "BOOK TA .K (TAMAN DAYA) SDN BHD", "(CO REG 750441-W)", "NO.5: 55,57 & 59, JALAN SAGU 18,", "TAMAN DAYA,",
            "81100 JOHOR BAHRU,", "GST ID : 000787267584", "TAX INVOICE", "DOCUMENT NO : TD01167104",
            "DATE: 04/12/2017 8:13:39 PM", "CASHIER: MANIS", "ITEM QTY PRICE TOTAL", "KF MODELLING CLAY KIDDY FISH",
            "1 PC * 9.000 9.00 SR", "TOTAL : 9.00", "ROUNDING ADJ : 0.00", "ROUNDED TOTAL (RM): 9.00",
            "CASH 10.00", "CHANGE 1.00")
        #expect(invoice.invoiceDate == "2017-12-04")
        #expect(invoice.currency == "MYR")
        #expect(invoice.totalAmount == 9)
        #expect(invoice.sellerName == "BOOK TA .K (TAMAN DAYA) SDN BHD")
        #expect(invoice.invoiceNumber == "TD01167104")
    }

    @Test func ringgitGluedToTheAmounts_isReadAsCurrency_andTheTotalInclusiveOfTax() {
        let invoice = extracted(lines:
            "UNIHAKKA INTERNATIONAL SDN BHD", "(867388-U)", "TAX INVOICE", "Bill # : OR18052302160013",
            "Date : 23 May 2018 12:34", "SR 1 Meat + 3 Vege RM7.10", "Imported Veggies RM1.60",
            "Total Amount : RM8.70", "GST 6% : RM0.49", "Nett Total : RM8.70", "Rounding Adj : RM0.00",
            "CASH : RM10.00", "Change : RM1.30")
        #expect(invoice.currency == "MYR")
        #expect(invoice.totalAmount == 8.70)
        #expect(invoice.invoiceNumber == "OR18052302160013")
    }

    @Test func totalsLabelledInclusiveAndExclusiveOfGST() {
        let invoice = extracted(lines:
            "RESTORAN WAN SHENG", "No.2, Jalan Temenggung 19/9,", "Tax Invoice", "Invoice No. : 1194281",
            "Date : 10-03-2018 12:05:33", "Teh (B) 2 2.10 4.20 SR", "Total Exclude GST : 12.17",
            "Total GST Payable (6%) : 0.73", "Total Inclusive GST : 12.90", "CASH : 20.00", "CHANGE : 7.10")
        #expect(invoice.subtotal == 12.17)
        #expect(invoice.vatAmount == 0.73)
        #expect(invoice.totalAmount == 12.90)
        #expect(invoice.currency == "MYR")
    }

    @Test func anAmericanReceipt_staysMonthFirst() {
        let invoice = extracted(lines:
            "Joe's Hardware", "1450 Market Street", "San Francisco, CA 94103", "Receipt #: 20871", "04/12/2017 3:45 PM",
            "Subtotal 21.97", "Sales Tax 8.5% 1.87", "TOTAL $23.84", "VISA 23.84")
        #expect(invoice.invoiceDate == "2017-04-12")
        #expect(invoice.currency == "USD")
        #expect(invoice.totalAmount == 23.84)
        #expect(invoice.invoiceNumber == "20871")
    }

    @Test func aDateThatCanOnlyBeMonthFirst_turnsTheOthersOnThePage() {
        let invoice = extracted(lines: "Invoice No: 77", "Invoice Date: 04/05/2022", "Due: 04/19/2022", "Total: EUR 10.00")
        #expect(invoice.invoiceDate == "2022-04-05")
    }

    @Test func aBritishReceipt_isDayFirst_inPounds() {
        let invoice = extracted(lines:
            "Invoice No: 4471", "Date: 05/06/2022 13:20", "2 x Flat White £6.40", "Sub-total £7.42", "VAT 20% £1.48",
            "Total £8.90", "Card £8.90")
        #expect(invoice.invoiceDate == "2022-06-05")
        #expect(invoice.currency == "GBP")
        #expect(invoice.totalAmount == 8.90)
    }

    @Test func aGermanReceipt_totalIsSumme_notTheCashGiven() {
        let invoice = extracted(lines:
            "Bäckerei Müller GmbH", "Beleg-Nr. 20934", "Datum: 07.03.2023 09:14", "Kaffee 2,90", "Summe EUR 4,70",
            "MwSt 7% 0,31", "Gegeben 10,00", "Rückgeld 5,30")
        #expect(invoice.totalAmount == 4.70)
        #expect(invoice.currency == "EUR")
        #expect(invoice.invoiceNumber == "20934")
    }

    @Test func singaporeDollars_writtenSDollar() {
        let invoice = extracted(lines: "Receipt No: 88", "03/02/2023 18:42", "TOTAL S$24.10", "NETS S$24.10")
        #expect(invoice.currency == "SGD")
        #expect(invoice.totalAmount == 24.10)
        #expect(invoice.invoiceDate == "2023-02-03")
    }

    @Test func aServiceCharge_isAddedBesideTheTax_andTheRateBeforeTheLabelRead() {
        let invoice = extracted(lines:
            "KOPI & TOAST PTE LTD", "1 Raffles Place #B1-12", "Singapore 048616", "Receipt No: 163278",
            "Date: 05/08/2019 09:14", "2 Kaya Toast Set 11.20", "1 Kopi C 1.80", "Subtotal 17.00", "10% Svc Chg 1.70",
            "7% GST 1.31", "Total 20.01", "NETS 20.01")
        #expect(invoice.totalAmount == 20.01)
        #expect(invoice.subtotal == 17.00)
        #expect(invoice.vatAmount == 1.31)
        #expect(invoice.vatRate == 7)
        #expect(invoice.currency == "SGD")
        #expect(invoice.checks.sumMatches == true)
    }

    @Test func totalSalesExclusiveOfGSTInParentheses_isTheSubtotal() {
        let invoice = extracted(lines:
            "PASARAYA SERI INDAH SDN BHD", "RECEIPT NO: CS34604649", "DATE: 04/12/2017", "TOTAL SALES (EXCL. GST) 45.00",
            "GST @ 6% 2.70", "TOTAL INCL. GST 47.70", "ROUNDING ADJ 0.00", "ROUNDED TOTAL (RM) 47.70", "CASH 50.00", "CHANGE 2.30")
        #expect(invoice.subtotal == 45.00)
        #expect(invoice.vatAmount == 2.70)
        #expect(invoice.totalAmount == 47.70)
        #expect(invoice.invoiceSeries == nil)
        #expect(invoice.invoiceNumber == "CS34604649")
    }

    @Test func aTaxSummaryRowOverItsFigures_givesNetTaxAndGross() {
        let invoice = extracted(lines:
            "Backerei Sonnenkorn GmbH", "10961 Berlin", "1 x Roggenbrot 750g 3,95 A", "2 x Laugenbrezel 1,90 A",
            "Summe EUR 7,90", "Gegeben BAR 10,00", "Rückgeld 2,10", "MwSt Netto MwSt Brutto", "A 7% 7,38 0,52 7,90",
            "Bon-Nr. 5041 Kasse 1", "06.11.2022 08:46")
        #expect(invoice.subtotal == 7.38)
        #expect(invoice.vatAmount == 0.52)
        #expect(invoice.vatRate == 7)
        #expect(invoice.totalAmount == 7.90)
        #expect(invoice.invoiceNumber == "5041")
    }
}
