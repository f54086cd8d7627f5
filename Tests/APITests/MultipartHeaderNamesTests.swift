@testable import API
import Foundation
import Hummingbird
import Testing

/// The check before MultipartKit: a byte above 0x7F in a header name trapped inside its
/// parser and ended the daemon (found by `make fuzz` and by FuzzMultipart). The route's
/// answer is tested in `UploadRouteTests.aHeaderNameWithAByteOutsideASCII_is400_notACrash`.
@Suite struct MultipartHeaderNamesTests {
    let boundary = "633bdddecbcd657bb855d2c7252689fb"

    @Test func aNonASCIIByteInAHeaderName_isFound() {
        // The body schemathesis sent: a header line "j\u{3FF80}" without a colon.
        var body = ByteBuffer(string: "--\(boundary)\r\nj")
        body.writeBytes([0xF0, 0xBF, 0x8E, 0x80])
        body.writeString("--\(boundary)--\r\n")
        #expect(!MultipartHeaderNames.areASCII(in: body, boundary: boundary))
        // In the second part's second header, after a colon-less first part.
        var second = multipart(boundary: boundary, parts: [(name: "user_id", filename: nil, data: Array("ke-toan".utf8))])
        second.moveWriterIndex(to: second.writerIndex - "--\(boundary)--\r\n".utf8.count)
        second.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"\r\nX-Tên: 1\r\n\r\nabc\r\n--\(boundary)--\r\n")
        #expect(!MultipartHeaderNames.areASCII(in: second, boundary: boundary))
    }

    @Test func ordinaryForms_withUTF8FileNamesAndBinaryFiles_pass() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x3A, 0x0A, 0x0D, 0x0A, 0xC3]
        let body = multipart(boundary: boundary, parts: [(name: "image", filename: "hóa đơn tháng 5.png", data: png),
                                                         (name: "user_id", filename: nil, data: Array("kế toán".utf8))])
        #expect(MultipartHeaderNames.areASCII(in: body, boundary: boundary))
        // Whatever follows the closing delimiter is read by no one.
        var epilogue = body
        epilogue.writeBytes([0xC3, 0xA9, 0x0D, 0x0A])
        #expect(MultipartHeaderNames.areASCII(in: epilogue, boundary: boundary))
        #expect(MultipartHeaderNames.areASCII(in: ByteBuffer(), boundary: boundary))
    }
}
