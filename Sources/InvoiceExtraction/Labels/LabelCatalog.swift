/// The labels invoices print, folded to lower-case ASCII words.
///
/// Labels are read as word sequences on diacritic-free text, so "Tổng cộng tiền
/// thanh toán", "Tong cong tien thanh toan" and "TÔNG CÔNG TIỀN THANH TOÁN" are
/// one label. Labels that are not fields we extract (address, phone, bank
/// account, tax-authority code, …) are listed too: they end the value of the
/// label before them, and they stop a number such as a phone from being taken
/// for an invoice number.

/// What a label announces.
enum LabelKind: Hashable, Sendable {
    // Header.
    case title, template, series, number, issueDate, otherDate, period
    case taxAuthorityCode, lookupCode
    // Parties.
    case seller, buyerPerson, buyerCompany, buyerGeneric, companyNeutral
    /// "BÊN BÁN" / "BÊN MUA": headings of the party blocks, with no value of their own.
    case sellerSection, buyerSection
    case taxCode, address, phone, email, bankAccount, paymentMethod, customerCode, signature
    // Money.
    case subtotal, vatRate, vatAmount, total, words
    case discount, cashGiven, change, tableHeader, otherAmount
    /// A charge added to the subtotal beside the tax ("10% Svc Chg", "Phí phục vụ").
    case surcharge
    /// Phrases that contain label words but are not labels ("Tổng công ty",
    /// "Công ty", "Cộng hòa"): matched first so that their words are used up.
    case notALabel

    /// Money labels, whose values are amounts.
    var isMoney: Bool {
        switch self {
        case .subtotal, .vatRate, .vatAmount, .total, .words, .discount, .cashGiven, .change, .otherAmount, .surcharge: return true
        default: return false
        }
    }
}

/// How a label must be followed to count.
enum LabelTail: Sendable, Equatable {
    case any
    /// Followed by ":", "(", ".", "#" or the end of the line: "Số:" but not "Số 12 Lê Lợi".
    case delimiter
    /// Followed by a delimiter or straight by a figure: "TIỀN MẶT 100.000" on a receipt,
    /// but not "Hình thức thanh toán: Tiền mặt/Chuyển khoản".
    case delimiterOrFigure
}

/// One way of printing a label.
struct LabelPattern: Sendable {
    let kind: LabelKind
    let words: [[UInt8]]
    /// How much the label alone says about its value (0…1).
    let strength: Double
    let tail: LabelTail
}

enum LabelCatalog {
    private static func p(_ kind: LabelKind, _ strength: Double, _ tail: LabelTail = .any, _ phrases: String...) -> [LabelPattern] {
        phrases.map { phrase in
            LabelPattern(kind: kind, words: phrase.split(separator: " ").map { Array($0.utf8) }, strength: strength, tail: tail)
        }
    }

    static let patterns: [LabelPattern] = {
        var all: [LabelPattern] = []
        all += p(.title, 1, .any, "hoa don gia tri gia tang", "hoa don ban hang", "hoa don ban le", "vat invoice",
                 "tax invoice", "commercial invoice", "hoa don dien tu", "hoa don tien dien", "hoa don tien nuoc",
                 "hoa don dich vu", "hoa don cuoc", "phieu thanh toan", "hoa don", "invoice", "receipt", "factuur",
                 "phieu tinh tien", "hoa don thanh toan", "hoa don tam tinh", "phieu tam tinh", "bien lai", "phieu thu",
                 "phieu mua hang", "phieu ban hang", "hoa don ban hang kiem phieu xuat kho",
                 "official receipt", "cash receipt", "sales receipt", "cash bill", "tax receipt", "kassenbon", "quittung",
                 "kassenbeleg", "kasbon", "ticket de caisse",
                 "rechnung", "facture", "credit note")
        all += p(.template, 1, .any, "mau so", "ky hieu mau so", "mau so hoa don", "form", "template", "mau hoa don")
        all += p(.series, 1, .any, "ky hieu", "ky hieu hoa don", "serial", "serial no", "series", "seri", "ky hieu hd")
        all += p(.number, 1, .delimiter, "so", "no", "number", "nr", "invoice", "inv", "hd", "trans", "txn", "chk")
        // "Receipt 4043 07/03/2019": on a till receipt the word before the number needs no colon.
        all += p(.number, 1, .delimiterOrFigure, "receipt", "bill", "beleg", "bon", "ticket", "trans no", "receipt no")
        all += p(.number, 1, .any, "so hoa don", "so hd", "hoa don so", "invoice no", "invoice number", "invoice nr",
                 "inv no", "bill no", "receipt no", "receipt number", "so phieu", "so bien lai", "invoice id",
                 "factuurnummer", "rechnungsnummer", "rechnung nr", "numero de facture", "facture n", "so chung tu",
                 "so ct", "so hoa don ban le", "so phieu thanh toan",
                 "document no", "doc no", "beleg nr", "belegnummer", "bon nr", "ticket no", "hd so", "ma hoa don",
                 "so bien nhan", "rechnungsnr", "factuur nr", "facture no", "trans no", "transaction no", "check no")
        all += p(.issueDate, 1, .any, "ngay lap", "ngay hoa don", "ngay xuat hoa don", "ngay lap hoa don",
                 "invoice date", "date of issue", "issue date", "date issued", "billing date", "ngay ban",
                 "factuurdatum", "rechnungsdatum", "date de facture", "ngay xuat", "bill date")
        all += p(.issueDate, 0.8, .delimiter, "date", "ngay", "datum")
        all += p(.otherDate, 1, .delimiter, "due", "han")
        all += p(.otherDate, 1, .any, "due date", "payment due", "han thanh toan", "ngay het han", "ky ngay", "ngay ky",
                 "signing date", "ngay in", "print date", "order date", "delivery date", "ngay giao hang", "ngay sinh",
                 "ngay cap", "truoc ngay", "lan sau", "vervaldatum", "leverdatum", "faelligkeitsdatum", "date due", "ship date", "ngay thanh toan",
                 "han nop", "expiry date", "ngay chuyen doi")
        all += p(.period, 1, .any, "ky hoa don", "ky thanh toan", "ky cuoc", "tu ngay", "den ngay", "billing period",
                 "period", "thoi gian su dung", "chu ky")
        all += p(.period, 1, .delimiter, "ky")
        all += p(.taxAuthorityCode, 1, .any, "ma cqt", "ma cua co quan thue", "ma co quan thue", "ma cua cqt",
                 "ma so cua co quan thue")
        all += p(.lookupCode, 1, .any, "ma tra cuu", "ma nhan hoa don", "tra cuu tai", "lookup code", "search code",
                 "ma bi mat", "ma so bi mat", "tra cuu hoa don", "ma tra cuu hoa don", "website tra cuu", "link tra cuu")
        all += p(.seller, 1, .any, "don vi ban hang", "don vi ban", "ten nguoi ban", "nguoi ban hang", "nguoi ban",
                 "ten don vi ban", "ten don vi ban hang", "seller", "sold by", "vendor", "supplier",
                 "nha cung cap", "issued by", "don vi cung cap", "don vi cung cap dich vu", "ten nha cung cap")
        all += p(.buyerPerson, 1, .any, "ho ten nguoi mua hang", "ho va ten nguoi mua hang", "ho ten nguoi mua",
                 "ten nguoi mua hang", "ten nguoi mua", "nguoi mua hang", "nguoi mua", "ho ten", "ho va ten",
                 "buyer", "buyer name", "ho ten khach hang", "nguoi nhan hang")
        all += p(.buyerCompany, 1, .any, "ten don vi mua hang", "don vi mua hang", "don vi mua", "ten don vi mua")
        all += p(.sellerSection, 1, .any, "ben ban", "ben ban hang", "ben ban dien", "ben ban nuoc")
        all += p(.buyerSection, 1, .any, "ben mua", "ben mua hang", "ben mua dien", "ben mua nuoc")
        all += p(.buyerGeneric, 0.9, .any, "ten khach hang", "khach hang", "customer", "customer name", "bill to",
                 "billed to", "sold to", "invoice to", "client", "klant", "kunde", "factureren aan",
                 "factuuradres", "rechnungsadresse", "adresse de facturation", "billing address", "bill to address")
        // The abbreviations offices print: KH (khách hàng), SL, TT, CK.
        all += p(.buyerGeneric, 0.9, .any, "ten kh", "ho ten kh", "ten khach")
        all += p(.buyerGeneric, 0.9, .delimiter, "kh")
        all += p(.tableHeader, 1, .any, "sl", "t tien", "dg", "don gia ban")
        all += p(.total, 0.9, .any, "tong tt", "tong tien tt", "tong cong tt", "tien tt")
        all += p(.discount, 1, .delimiterOrFigure, "ck", "tien ck")
        all += p(.surcharge, 1, .any, "service charge", "svc chg", "svc charge", "serv chg", "phi phuc vu", "phu thu",
                 "gratuity", "tip")
        // "TOTAL SALES (EXCL. GST)": the parenthesis hides the words from the longer label.
        all += p(.subtotal, 1, .any, "excl gst", "excl tax", "excl vat", "exclusive of gst", "before gst")
        all += p(.companyNeutral, 0.9, .any, "ten don vi", "ten doanh nghiep", "don vi", "company name",
                 "company s name", "ten cong ty")
        // "Company:" is a label; "… JOINT STOCK COMPANY" is a name.
        all += p(.companyNeutral, 0.9, .delimiter, "company")
        all += p(.taxCode, 1, .any, "ma so thue", "mst", "tax code", "tax id", "vat code", "vat no", "vat number",
                 "vat id", "vat reg no", "tax number", "ma so doanh nghiep", "btw nummer", "btw nr", "ust id", "ustid",
                 "steuernummer", "gstin", "tax registration", "ma so thue nguoi mua", "ma so thue nguoi ban")
        all += p(.address, 1, .any, "dia chi", "address", "adres", "adresse", "dc", "ship to", "deliver to", "afleveradres",
                 "lieferadresse", "adresse de livraison", "shipping address", "delivery address")
        all += p(.phone, 1, .any, "dien thoai", "so dien thoai", "dt", "sdt", "tel", "phone", "fax", "hotline",
                 "mobile", "telefoon", "telefon", "di dong", "dtdd", "tong dai", "tong dai ho tro")
        all += p(.email, 1, .any, "email", "e mail", "website", "web", "thu dien tu")
        all += p(.bankAccount, 1, .any, "so tai khoan", "tai khoan", "stk", "account no", "account number",
                 "bank account", "iban", "bic", "swift", "ngan hang", "bank", "tai ngan hang", "so tk")
        all += p(.paymentMethod, 1, .any, "hinh thuc thanh toan", "htt", "httt", "payment method", "payment terms",
                 "phuong thuc thanh toan", "dong tien thanh toan", "loai tien", "don vi tien te", "currency",
                 "loai tien te")
        all += p(.customerCode, 1, .any, "ma khach hang", "ma kh", "customer code", "customer id", "customer no",
                 "ma so khach hang", "ma hop dong", "so hop dong", "contract no", "ma diem do", "so cong to",
                 "chi so", "ma thue bao", "so thue bao", "so may", "order no", "order number", "po number",
                 "booking id", "so don hang", "so don dat hang", "don dat hang", "ma don hang", "account id", "ma the", "so the", "ma giao dich",
                 "transaction id", "so ho", "ma so", "ma tt",
                 // Company registrations and sales-tax numbers abroad: codes, never amounts or Vietnamese tax codes.
                 "co reg", "co reg no", "gst id no", "sst id no", "tax id no", "tin no", "co no", "company reg", "company reg no", "company no", "reg no", "roc no", "gst id",
                 "gst reg", "gst reg no", "gst no", "gst registration no", "sst id", "sst reg no", "abn", "uen",
                 "kvk", "siret", "siren", "ust idnr", "ust id nr", "st nr", "cashier", "thu ngan", "member", "table", "ban so", "quay",
                 // Columns of the sales terms some e-invoices print under the buyer ("Tuyến số  Thời hạn nợ").
                 "tuyen so", "tuyen giao hang", "thoi han no", "han no", "so ngay no", "nhan vien ban hang",
                 "nhan vien kinh doanh", "nvbh", "kho xuat", "so don dat hang")
        all += p(.signature, 1, .any, "ky boi", "ky ghi ro ho ten", "signed by", "signature valid", "chu ky",
                 "ky dong dau", "ky ten", "nguoi lap", "thu truong don vi", "signature", "ky so")
        all += p(.subtotal, 1, .any, "cong tien hang", "tong tien hang", "cong tien hang hoa dich vu",
                 "tong tien truoc thue", "tien truoc thue", "thanh tien truoc thue", "tong cong tien hang",
                 "cong tien ban hang", "tong tien chua thue", "tien chua thue", "tong tien chua co thue",
                 "gia tri truoc thue", "sub total", "subtotal", "amount before vat", "amount before tax",
                 "total before tax", "total excl", "total excluding", "net amount", "net total", "total net",
                 "cong tien dich vu", "tong tien dich vu", "totaal excl", "zwischensumme", "nettobetrag",
                 "sous total", "total ht", "tong gia tri hang hoa", "cong tien hang chua thue", "tien hang",
                 "total exclude gst", "total excl gst", "total excluding gst", "total exclusive gst", "total sales excluding gst",
                 "total excl vat", "total ex vat", "sub total rm", "total before discount", "netto")
        all += p(.subtotal, 0.7, .any, "tien dien", "tien nuoc", "tong cuoc", "cong tien", "chua thue", "truoc thue")
        all += p(.subtotal, 0.7, .delimiter, "cong")
        all += p(.vatRate, 1, .any, "thue suat", "thue suat gtgt", "vat rate", "tax rate", "ts gtgt", "thue suat vat")
        all += p(.vatAmount, 1, .any, "tien thue gtgt", "tien thue", "thue gtgt", "tong tien thue",
                 "tong tien thue gtgt", "cong tien thue", "cong tien thue gtgt", "tien thue vat", "thue vat",
                 "vat amount", "tax amount", "total tax", "total vat", "sales tax", "vat", "tax", "btw", "mwst",
                 "ust", "tva", "gst", "igst", "cgst", "sgst", "thue gia tri gia tang",
                 "tien thue gia tri gia tang", "total gst", "total gst payable", "gst payable", "service tax",
                 "sst", "total tax amount", "tax total")
        all += p(.total, 1, .any, "tong cong tien thanh toan", "tong tien thanh toan", "tong cong thanh toan",
                 "tong so tien thanh toan", "tong thanh toan", "tong gia tri thanh toan", "so tien thanh toan",
                 "tong tien phai thanh toan", "tong cong tien phai thanh toan", "total payment", "total amount",
                 "grand total", "total due", "amount due", "balance due", "total payable", "amount payable",
                 "total incl", "total including", "invoice total", "total to pay", "te betalen", "totaal incl",
                 "gesamtbetrag", "rechnungsbetrag", "endbetrag", "brutto", "total ttc", "net a payer", "montant total",
                 "tong cong tien", "khach can tra", "khach phai tra", "can thanh toan", "phai thanh toan",
                 "tong cong tien thanh toan sau thue", "tong tien sau thue", "tong tien da bao gom thue",
                 "tong tien thanh toan bang so", "total amount due", "amount to pay", "totaal",
                 "total inclusive gst", "total incl gst", "total inclusive", "nett total", "net total rm", "rounded total",
                 "total rounded", "total sales inclusive gst", "total sales incl gst", "total incl vat", "total inc vat",
                 "summe", "gesamt", "gesamtsumme", "zu zahlen", "a payer", "total a payer", "totale", "importe total",
                 "tong tien phai t toan", "tong tien phai tt", "tong tien phai tra", "tong tien t toan", "tong t toan",
                 "tong cong tien hang thanh toan", "khach thanh toan", "tong thanh tien", "thanh tien thanh toan")
        all += p(.total, 0.75, .any, "tong cong", "tong tien", "tong so tien", "tien thanh toan", "total",
                 "thanh toan")
        all += p(.words, 1, .any, "so tien viet bang chu", "viet bang chu", "bang chu", "so tien bang chu",
                 "tong so tien viet bang chu", "amount in words", "in words", "total in words", "tien bang chu",
                 "say", "so tien bang chu")
        all += p(.discount, 1, .any, "chiet khau", "giam gia", "discount", "tien chiet khau", "khuyen mai",
                 "chiet khau thuong mai", "korting", "rabatt", "remise",
                 "rounding", "rounding adj", "rounding adjustment", "round adj", "adj", "lam tron")
        all += p(.cashGiven, 1, .any, "tien khach dua", "khach dua", "tien nhan", "received",
                 "amount paid", "paid", "da thanh toan", "khach tra", "credits", "credit",
                 "tendered", "cash tendered", "amount tendered", "tien mat khach dua", "gegeben", "visa", "mastercard",
                 "master card", "nets", "debit card", "credit card", "khach dua tien")
        all += p(.cashGiven, 1, .delimiterOrFigure, "tien mat", "cash")
        all += p(.change, 1, .any, "tien thoi lai", "tien thua", "tien tra lai", "thoi lai", "change", "tra lai",
                 "change due", "rueckgeld", "ruckgeld", "wisselgeld", "rendu", "tien thoi")
        all += p(.tableHeader, 1, .any, "don gia", "so luong", "thanh tien", "dvt", "don vi tinh", "unit price",
                 "quantity", "qty", "stt", "ten hang hoa dich vu", "ten hang hoa", "description", "unit", "price",
                 "dien nang tieu thu", "san luong", "tieu thu")
        all += p(.otherAmount, 1, .any, "phi", "phi bao ve moi truong", "no cu", "so du", "tien coc",
                 "previous balance", "shipping", "phi van chuyen",
                 // Counts of items, which receipts print beside their totals ("Tổng SL: 5", "Total Qty: 6").
                 "tong so luong", "tong sl", "tong so mat hang", "so mat hang", "total qty", "total quantity",
                 "total items", "item count", "no of items", "tong so san pham")
        all += p(.notALabel, 1, .any, "cong ty", "tong cong ty", "cong hoa", "cong hoa xa hoi chu nghia viet nam",
                 "doc lap tu do hanh phuc", "dich vu", "ban hang", "thanh toan qua", "gia tri gia tang")
        return all
    }()

    /// Patterns grouped by first word, longest first, for matching at a token.
    static let byFirstWord: [String: [LabelPattern]] = {
        // Longest first; among equals, a pattern that demands a colon before one that
        // does not ("Invoice #:" is a number label, "INVOICE" alone a title); then catalogue order.
        var table: [String: [(Int, LabelPattern)]] = [:]
        for (order, pattern) in patterns.enumerated() {
            table[String(decoding: pattern.words[0], as: UTF8.self), default: []].append((order, pattern))
        }
        return table.mapValues { entries in
            entries.sorted { a, b in
                if a.1.words.count != b.1.words.count { return a.1.words.count > b.1.words.count }
                let aDelimited = a.1.tail != .any, bDelimited = b.1.tail != .any
                if aDelimited != bDelimited { return aDelimited }
                return a.0 < b.0
            }.map(\.1)
        }
    }()

    /// Patterns of three words or more by their second word, for labels whose
    /// first word OCR damaged ("Téng cộng tiền thanh toán").
    static let bySecondWord: [String: [LabelPattern]] = {
        var table: [String: [LabelPattern]] = [:]
        for pattern in patterns where pattern.words.count >= 3 && pattern.kind != .notALabel {
            table[String(decoding: pattern.words[1], as: UTF8.self), default: []].append(pattern)
        }
        return table.mapValues { $0.sorted { $0.words.count > $1.words.count } }
    }()
}
