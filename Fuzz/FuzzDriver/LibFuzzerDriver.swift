import Glibc

/// libFuzzer's own entry point: it parses the command line (corpus folders, -max_total_time=,
/// ...) and calls `testOneInput` with every input it generates.
@_extern(c, "LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer on `testOneInput` and exits with its status.
///
/// Why a fuzz target has a `main.swift` that calls this instead of being built with
/// `-parse-as-library` and letting libFuzzer's `main` run: SwiftPM links every Linux
/// executable with `--defsym main=<Module>_main`, and that symbol only exists when the
/// module has top-level code, so the link of a `-parse-as-library` target fails. With
/// `main` defined by the target, the linker never pulls libFuzzer's own `main` out of its
/// archive, and `LLVMFuzzerRunDriver` is the documented way to start it instead.
public func runLibFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(llvmFuzzerRunDriver(&argc, &argv, testOneInput))
}
