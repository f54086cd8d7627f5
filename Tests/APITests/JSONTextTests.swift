import Foundation
import Testing

@testable import API

/// The API's JSON writer: what JSONSerialization wrote, keys sorted, without its slow
/// locale-aware key sort.
@Suite struct JSONTextTests {
    func text(_ value: Any) throws -> String {
        String(decoding: try JSONText.encode(value), as: UTF8.self)
    }

    @Test func objects_haveTheirKeysSorted_andNestedValuesWritten() throws {
        let object: [String: Any] = ["b": 1, "a": "x", "c": [true, NSNull(), 2.5] as [Any], "d": ["z": Int64(3), "y": false] as [String: Any]]
        #expect(try text(object) == #"{"a":"x","b":1,"c":[true,null,2.5],"d":{"y":false,"z":3}}"#)
    }

    @Test func output_isWhatJSONSerializationParses_forEveryKindOfValue() throws {
        let object: [String: Any] = [
            "text": "Hóa đơn \"GTGT\" a/b \\ \n\t\u{1}", "int": 42, "int64": Int64(-7), "double": 0.1, "whole": 1_851_768.0,
            "big": 1e20, "bool": true, "null": NSNull(), "empty": [String: Any](), "list": [Any](),
        ]
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(try JSONText.encode(object))) as? [String: Any])
        #expect(parsed["text"] as? String == "Hóa đơn \"GTGT\" a/b \\ \n\t\u{1}")
        #expect(parsed["int"] as? Int == 42)
        #expect(parsed["int64"] as? Int == -7)
        #expect(parsed["double"] as? Double == 0.1)
        #expect(parsed["big"] as? Double == 1e20)
        #expect(parsed["bool"] as? Bool == true)
        #expect(parsed["null"] is NSNull)
        #expect(try text(["whole": 1_851_768.0]) == #"{"whole":1851768}"#)
        #expect(try text(["s": "a/b"]) == #"{"s":"a/b"}"#, "slashes are not escaped")
    }

    @Test func rawJSON_isWrittenAsItIs_andParsedNumbersKeepTheirKind() throws {
        #expect(try text(["checks": RawJSON(text: #"{"sum_matches":true}"#)]) == #"{"checks":{"sum_matches":true}}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(#"{"t":true,"n":1,"x":1.5}"#.utf8))
        #expect(try text(parsed) == #"{"n":1,"t":true,"x":1.5}"#)
    }

    @Test func infiniteNumbers_areRefused() {
        #expect(throws: JSONText.Unencodable.self) { _ = try JSONText.encode(["x": Double.infinity]) }
    }
}
