import FuzzDriver
import InvoiceExtraction

/// The OCR text extractor over any text: the input's bytes decoded as UTF-8 (invalid
/// sequences become U+FFFD, as `String(decoding:)` does for real OCR output). Inputs of odd
/// length carry an OCR confidence (0 to 1, from the length) and even ones none, since the
/// confidence changes how fields are scored; one extraction per input, not two, because at
/// about a dozen runs a second under ASan each one counts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let confidence = size.isMultiple(of: 2) ? nil : Double(size % 101) / 100
    _ = InvoiceExtractor.extract(text: text, ocrConfidence: confidence)
    return 0
}

runLibFuzzer(fuzz)
