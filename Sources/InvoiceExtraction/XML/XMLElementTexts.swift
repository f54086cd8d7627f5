import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every element's text by its path of local names (`/HDon/DLHDon/TTChung/SHDon`,
/// `/invoice/invoiceData/invoiceNumber`): the namespace prefix is dropped, because the
/// tax authority's 2014 schema is written with whatever prefix the issuing software chose
/// (`inv:`, `ns2:`, none), and the prefix says nothing about the field.
final class XMLElementTexts: NSObject, XMLParserDelegate {
    /// The first non-empty text of each path (line items repeat theirs).
    private(set) var first: [String: String] = [:]
    /// Every non-empty text of each path, in document order (the item names, each item's rate).
    private(set) var all: [String: [String]] = [:]
    /// The root element's local name (`HDon`, `TDiep`, `invoice`).
    private(set) var root: String?
    private var path: [String] = []
    private var text = ""

    static func localName(_ qualified: String) -> String {
        qualified.firstIndex(of: ":").map { String(qualified[qualified.index(after: $0)...]) } ?? qualified
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let local = Self.localName(name)
        if path.isEmpty, root == nil { root = local }
        path.append(local)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let key = "/" + path.joined(separator: "/")
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty {
            if first[key] == nil { first[key] = trimmed }
            all[key, default: []].append(trimmed)
        }
        text = ""
        path.removeLast()
    }
}
