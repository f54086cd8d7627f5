/// Putting back diacritics that OCR dropped from names.
///
/// Tesseract's `vie` model loses the marks of bold capitals ("CONG TY CO PHAN
/// SAN XUAT"). The words of Vietnamese organisation names come from a small
/// stock vocabulary, and most of its phrases have a single spelling once
/// folded, so those phrases are restored from the table below. Only whole
/// phrases are restored ("THUONG MAI" → "THƯƠNG MẠI", but "MAI" alone stays, as
/// it may be the name Mai), and nothing else in a name is touched. Person names
/// get their family name and a few unambiguous middle names restored.
enum NameRestoration {
    /// Folded phrase → printed form. General business vocabulary and the
    /// largest place names; not drawn from any test document.
    private static let organisationPhrases: [String] = [
        "CÔNG TY", "TỔNG CÔNG TY", "TẬP ĐOÀN", "CỔ PHẦN", "MỘT THÀNH VIÊN", "TRÁCH NHIỆM HỮU HẠN",
        "THƯƠNG MẠI", "DỊCH VỤ", "SẢN XUẤT", "XUẤT NHẬP KHẨU", "XUẤT KHẨU", "NHẬP KHẨU", "XÂY DỰNG",
        "ĐẦU TƯ", "PHÁT TRIỂN", "CÔNG NGHỆ", "THIẾT BỊ", "VẬT LIỆU", "VẬN TẢI", "VẬN CHUYỂN", "GIAO NHẬN",
        "ĐIỆN LỰC", "ĐIỆN TỬ", "ĐIỆN MÁY", "TIN HỌC", "VIỄN THÔNG", "BƯU CHÍNH", "TRUYỀN THÔNG",
        "CẤP NƯỚC", "THOÁT NƯỚC", "CẤP THOÁT NƯỚC", "NƯỚC SẠCH", "THỰC PHẨM", "DƯỢC PHẨM", "MỸ PHẨM",
        "NÔNG SẢN", "THỦY SẢN", "BẤT ĐỘNG SẢN", "VĂN PHÒNG PHẨM", "VĂN PHÒNG", "NỘI THẤT", "KỸ THUẬT",
        "GIẢI PHÁP", "TƯ VẤN", "QUẢN LÝ", "IN ẤN", "BAO BÌ", "CỬA HÀNG", "NHÀ HÀNG", "TIỆN LỢI",
        "SIÊU THỊ", "NHÀ THUỐC", "KHÁCH SẠN", "CHI NHÁNH", "HỢP TÁC XÃ", "DOANH NGHIỆP", "TƯ NHÂN",
        "KINH DOANH", "HỘ KINH DOANH", "QUỐC TẾ", "DU LỊCH", "GIÁO DỤC", "ĐÀO TẠO", "Y TẾ", "BẢO HIỂM",
        "NGÂN HÀNG", "TÀI CHÍNH", "KẾ TOÁN", "QUẢNG CÁO", "PHẦN MỀM", "MÁY TÍNH", "CƠ KHÍ", "HÓA CHẤT",
        "NĂNG LƯỢNG", "MÔI TRƯỜNG", "THỜI TRANG", "XĂNG DẦU", "LẮP ĐẶT", "SỬA CHỮA", "BẢO TRÌ", "VÀ",
        "VIỆT NAM", "MIỀN NAM", "MIỀN BẮC", "MIỀN TRUNG", "HÀ NỘI", "HỒ CHÍ MINH", "ĐÀ NẴNG", "HẢI PHÒNG",
        "CẦN THƠ", "SÀI GÒN", "BÌNH DƯƠNG", "ĐỒNG NAI", "KHÁNH HÒA", "QUẢNG NINH", "THỪA THIÊN HUẾ",
        "THÀNH PHỐ", "TẠI THÀNH PHỐ", "KHU CÔNG NGHIỆP", "TRÁCH NHIỆM", "HỮU HẠN",
    ]

    private static let organisationTable: [String: [String]] = {
        var table: [String: [String]] = [:]
        for phrase in organisationPhrases {
            table[VietnameseNumberWords.foldedWords(phrase).joined(separator: " ")] = phrase.split(separator: " ").map(String.init)
        }
        return table
    }()

    private static let longestPhrase = 4

    /// First words of the phrases: most words of a name start none, and are skipped cheaply.
    private static let phraseStarts: Set<String> = Set(organisationTable.keys.map { String($0.split(separator: " ")[0]) })

    /// Family names (first word of a person's name), folded → printed.
    private static let familyNames: [String: String] = table(
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Đoàn Trịnh Lương Vương Tạ Lâm Quách Tô Châu Tống Kiều Thái Mạc Lưu")
    /// Middle names with one dominant spelling, folded → printed.
    private static let middleNames: [String: String] = table("Thị Văn Đức Quốc Hữu Ngọc Thùy Xuân")

    private static func table(_ words: String) -> [String: String] {
        var result: [String: String] = [:]
        for word in words.split(separator: " ") {
            result[VietnameseNumberWords.foldedWords(String(word)).joined()] = String(word)
        }
        return result
    }

    /// Restores the stock phrases of an organisation name printed in capitals.
    /// - Returns: the name and whether anything changed.
    static func restoreOrganisation(_ name: String) -> (String, Bool) {
        var words = name.split(separator: " ").map(String.init)
        let folded = words.map { VietnameseNumberWords.foldedWords($0).joined() }
        var changed = false
        var i = 0
        while i < words.count {
            var matched = 0
            guard phraseStarts.contains(folded[i]) else { i += 1; continue }
            for length in stride(from: min(longestPhrase, words.count - i), through: 1, by: -1) {
                let key = folded[i..<(i + length)].joined(separator: " ")
                guard let printed = organisationTable[key] else { continue }
                for k in 0..<length {
                    let original = words[i + k]
                    // Keep the word's case and any punctuation glued to it: "(VIỆT NAM)".
                    let letters = original.filter { $0.isLetter }
                    guard !letters.isEmpty else { continue }
                    let upper = letters.allSatisfy { !$0.isLowercase }
                    let replacement = upper ? printed[k] : printed[k].capitalizedFirst
                    let leading = String(original.prefix { !$0.isLetter })
                    let trailing = String(original.reversed().prefix { !$0.isLetter }.reversed())
                    let rebuilt = leading + replacement + trailing
                    if rebuilt != original { words[i + k] = rebuilt; changed = true }
                }
                matched = length
                break
            }
            i += max(matched, 1)
        }
        return (words.joined(separator: " "), changed)
    }

    /// The tone of "ươ" sits on the "ơ" ("ường", "ượng"): OCR that puts it on the "ư"
    /// ("ĐÔNG DỰƠNG") wrote a syllable no Vietnamese word has. It is mended to the nearest
    /// real one: a family or middle name without the stray mark when the word is one
    /// ("DƯƠNG"), else the tone moved onto the "ơ".
    static func mendImpossibleSyllables(_ name: String) -> String {
        let toneOnU: [Character: (plain: Character, onO: Character)] = [
            "ừ": ("ư", "ờ"), "ứ": ("ư", "ớ"), "ử": ("ư", "ở"), "ữ": ("ư", "ỡ"), "ự": ("ư", "ợ"),
            "Ừ": ("Ư", "Ờ"), "Ứ": ("Ư", "Ớ"), "Ử": ("Ư", "Ở"), "Ữ": ("Ư", "Ỡ"), "Ự": ("Ư", "Ợ"),
        ]
        let words = name.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            var letters = Array(word)
            guard let k = letters.indices.dropLast().first(where: { toneOnU[letters[$0]] != nil && "ơƠ".contains(letters[$0 + 1]) }),
                  let marks = toneOnU[letters[k]] else { return String(word) }
            letters[k] = marks.plain
            let plain = String(letters)
            let key = VietnameseNumberWords.foldedWords(plain).joined()
            if let known = familyNames[key] ?? middleNames[key], known.uppercased() == plain.uppercased() { return plain }
            letters[k + 1] = letters[k + 1] == "Ơ" ? Character(String(marks.onO).uppercased()) : marks.onO
            return String(letters)
        }
        return words.joined(separator: " ")
    }

    /// Restores the family name and unambiguous middle names of a person.
    static func restorePerson(_ name: String) -> (String, Bool) {
        var words = name.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return (name, false) }
        var changed = false
        for i in words.indices {
            let key = VietnameseNumberWords.foldedWords(words[i]).joined()
            let source = i == 0 ? familyNames : middleNames
            // Only in the middle for middle names: the last word is the given name.
            guard i == 0 || i < words.count - 1, let printed = source[key] else { continue }
            let replacement = words[i].allSatisfy({ !$0.isLowercase }) ? printed.uppercased() : printed
            if replacement != words[i] { words[i] = replacement; changed = true }
        }
        return (words.joined(separator: " "), changed)
    }
}

extension String {
    /// "CÔNG" → "Công".
    var capitalizedFirst: String {
        guard let first = first else { return self }
        return String(first).uppercased() + dropFirst().lowercased()
    }
}
