import Foundation
import FuzzDriver
import InvoiceExtraction

/// The e-invoice XML reader over any bytes, exactly as an inbox file reaches it: a refused
/// document is a thrown `EInvoiceXML.Failure`, which is fine; a crash or a sanitizer report
/// is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let document = Data(bytes: data, count: size)
    _ = EInvoiceXML.looksLikeXML(document)
    _ = try? EInvoiceXML.parse(document)
    return 0
}

runLibFuzzer(fuzz)
