/// Seller and buyer blocks printed side by side ("BÊN BÁN | BÊN MUA"), which
/// Tesseract reads across, so that each OCR line holds a piece of each block:
///
///     Đơn vị bán hàng:            Họ tên người mua hàng:
///     CÔNG TY TNHH … MINH         Đỗ Hoàng Ngọc
///     PHÁT                        Tên đơn vị:
///     Mã số thuế:                 CÔNG TY TNHH … BÌNH
///
/// A region starts at a line holding two blank labels (the two blocks'
/// headings or first labels). Each line of the region is cut in two: at a
/// label that does not start the line; after a label that does (its own value
/// is on the next line, so what follows it is the other block's); or, with no
/// label, where the text changes shape (capitals to a capitalised name, a
/// number to words, words to a trailing number). The left pieces and the right
/// pieces then read as two ordinary columns of labels and values.
extension ValueLocator {
    private struct Piece {
        var line: Int
        var range: Range<Int>
    }

    mutating func assignSideBySideBlocks(_ doc: DocumentIndex) {
        var i = 0
        // Side by side blocks are parties; below the table two captions side by side
        // ("Người mua hàng   Người bán hàng") are signatures.
        let end = doc.partiesEnd
        while i < end {
            guard isPairHeading(doc, i) else { i += 1; continue }
            var left: [Piece] = [], right: [Piece] = []
            // The heading line tells the layout: blank labels put their values on the line below.
            let heading = doc.hits[i]
            let valuesBelow = doc.trimmed(doc.lines[i], heading[0].valueStart..<heading[1].range.lowerBound).isEmpty
            var k = i
            while k < end, k < i + 16, doc.lines[k].page == doc.lines[i].page, !endsRegion(doc, k, start: i) {
                let (l, r) = split(doc, k, valuesBelow: valuesBelow)
                if let l { left.append(l) }
                if let r { right.append(r) }
                k += 1
            }
            read(doc, left)
            read(doc, right)
            i = k
        }
    }

    /// Two labels, the first at the start of the line, one of the seller's and
    /// one of the buyer's ("BÊN BÁN  BÊN MUA", "Đơn vị bán: …  Đơn vị mua: …").
    private func isPairHeading(_ doc: DocumentIndex, _ k: Int) -> Bool {
        let hits = doc.hits[k]
        guard hits.count == 2, let first = hits.first, let second = hits.last else { return false }
        guard doc.trimmed(doc.lines[k], 0..<first.range.lowerBound).isEmpty else { return false }
        let partyKinds: Set<LabelKind> = [.seller, .sellerSection, .buyerPerson, .buyerCompany, .buyerGeneric, .buyerSection]
        guard partyKinds.contains(first.kind) || partyKinds.contains(second.kind) else { return false }
        // The first block's label and the second's must belong to different parties.
        let sellerSide: Set<LabelKind> = [.seller, .sellerSection]
        return sellerSide.contains(first.kind) != sellerSide.contains(second.kind)
    }

    private func endsRegion(_ doc: DocumentIndex, _ k: Int, start: Int) -> Bool {
        guard k > start else { return false }
        let hits = doc.hits[k]
        if hits.filter({ $0.kind == .tableHeader }).count >= 2 { return true }
        return hits.contains { $0.kind.isMoney || $0.kind == .title || $0.kind == .paymentMethod }
    }

    /// The two pieces of one line of the region.
    private func split(_ doc: DocumentIndex, _ k: Int, valuesBelow: Bool) -> (Piece?, Piece?) {
        let line = doc.lines[k]
        let hits = doc.hits[k]
        func piece(_ range: Range<Int>) -> Piece? {
            let trimmed = doc.trimmed(line, range)
            return trimmed.isEmpty ? nil : Piece(line: k, range: trimmed)
        }
        let all = 0..<line.folded.count
        if let first = hits.first {
            let before = doc.trimmed(line, 0..<first.range.lowerBound)
            if !before.isEmpty {
                // "PHÁT Tên đơn vị:": the right block starts at the label.
                return (piece(0..<first.range.lowerBound), piece(first.range.lowerBound..<all.upperBound))
            }
            if hits.count >= 2 {
                return (piece(0..<hits[1].range.lowerBound), piece(hits[1].range.lowerBound..<all.upperBound))
            }
            // "Mã số thuế: CÔNG TY …" where the blocks put values under their labels: the
            // rest of the line is the other block's. Where values follow their labels
            // ("Mã số thuế: 0100233488"), it is the label's own.
            if valuesBelow {
                return (piece(first.range.lowerBound..<first.valueStart), piece(first.valueStart..<all.upperBound))
            }
            return (piece(all), nil)
        }
        guard let cut = shapeBoundary(line) else { return (piece(all), nil) }
        return (piece(0..<cut), piece(cut..<all.upperBound))
    }

    /// Where a line with no label changes from one block's text to the other's.
    private func shapeBoundary(_ line: TextLine) -> Int? {
        let tokens = line.tokens
        guard tokens.count >= 2 else { return nil }
        // A number first ("1851992064-011 MINH", "098 594 720 Đình, Hà Nội"): it ends at the first word.
        if tokens[0].isNumeric, let word = tokens.firstIndex(where: { !$0.isNumeric }) {
            return tokens[word].range.lowerBound
        }
        // Words, then a long number ("Số 80 Mậu Thân, Quận 0179660840").
        if let last = tokens.last, last.isNumeric, last.count >= 6, tokens.dropLast().contains(where: \.isAlpha) {
            return last.range.lowerBound
        }
        // Capitals, then a name in ordinary case ("CÔNG TY … MINH Đỗ Hoàng Ngọc").
        var capitals = 0
        for (index, token) in tokens.enumerated() {
            let text = line.original(token.range)
            if NameText.isUppercaseWord(Substring(text)) {
                capitals += 1
            } else if capitals >= 2, index == capitals, isCapitalised(text) {
                return token.range.lowerBound
            } else {
                break
            }
        }
        return nil
    }

    private func isCapitalised(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, first.isUppercaseLetter else { return false }
        return word.unicodeScalars.dropFirst().allSatisfy { !$0.isUppercaseLetter }
    }

    /// Reads one block's pieces as a column: labels queue up, each value piece
    /// goes to the first waiting label it fits, a wrapped name continues.
    private mutating func read(_ doc: DocumentIndex, _ pieces: [Piece]) {
        var waiting: [HitID] = []
        var lastName: HitID?
        var ids: [HitID] = []
        var side: Party?
        for piece in pieces {
            let inside = doc.hits[piece.line].indices.filter { piece.range.contains(doc.hits[piece.line][$0].range.lowerBound) }
            if !inside.isEmpty {
                for j in inside {
                    let id = HitID(line: piece.line, index: j)
                    let hit = doc.hits[piece.line][j]
                    ids.append(id)
                    if side == nil {
                        switch hit.kind {
                        case .seller, .sellerSection: side = .seller
                        case .buyerPerson, .buyerCompany, .buyerGeneric, .buyerSection: side = .buyer
                        default: break
                        }
                    }
                    let end = inside.last == j ? piece.range.upperBound : doc.hits[piece.line][j + 1].range.lowerBound
                    let own = doc.trimmed(doc.lines[piece.line], min(hit.valueStart, end)..<end)
                    if own.isEmpty {
                        values[id] = nil
                        waiting.append(id)
                    } else {
                        values[id] = [ValueSpan(line: piece.line, range: own)]
                        waiting.removeAll()
                    }
                }
                lastName = nil
                continue
            }
            let span = ValueSpan(line: piece.line, range: piece.range)
            if let index = waiting.firstIndex(where: { ValueLocator.fits(doc.hits[$0.line][$0.index].kind, doc, span) }) {
                let id = waiting[index]
                values[id] = [span]
                waiting.removeFirst(index + 1)
                lastName = ValueLocator.isNameKind(doc.hits[id.line][id.index].kind) ? id : nil
            } else if let id = lastName, NameText.isContinuation(doc.lines[piece.line], piece.range) {
                values[id, default: []].append(span)
            } else {
                lastName = nil
            }
        }
        if let side { for id in ids { party[id] = side } }
    }
}
