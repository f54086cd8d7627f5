@testable import API
import FuzzDriver
import NIOCore

/// The upload route's form parsing (`UploadController.parse`, MultipartKit's parser and our
/// part handling) over any body, with the boundary the seeds use. The first line of the
/// input, when it starts with "--", is taken as the boundary instead, so that the fuzzer
/// also varies the boundary the way `Content-Type` would (through `boundary(of:)`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var boundary = "invoiced-fuzz-boundary"
    if bytes.starts(with: "--".utf8), let end = bytes.firstIndex(of: UInt8(ascii: "\r")) {
        let contentType = "multipart/form-data; boundary=" + String(decoding: bytes[2..<end], as: UTF8.self)
        if let declared = UploadController<APIRequestContext>.boundary(of: contentType) { boundary = declared }
    }
    let body = ByteBuffer(bytes: bytes)
    if let form = try? UploadController<APIRequestContext>.parse(body, boundary: boundary), let userId = form.userId {
        _ = UploadController<APIRequestContext>.isValidUserId(userId)
    }
    return 0
}

runLibFuzzer(fuzz)
