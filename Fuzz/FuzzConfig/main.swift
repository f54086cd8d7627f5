import Foundation
import FuzzDriver
@testable import InvoiceDaemon

/// Where each input is written: the loader reads a config file by path (its key check with
/// Yams, then swift-configuration's YAML file provider), so the input goes through a file.
let configFile = FileManager.default.temporaryDirectory
    .appendingPathComponent("invoiced-fuzz-config-\(getpid()).yaml").path

/// The daemon's config loader on a config file holding any bytes, with no flags and an empty
/// environment, so the file alone decides: a refused file is a thrown `ConfigError` (or the
/// YAML library's error), which is fine; a crash or a sanitizer report is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: configFile, contents: Data(bytes: data, count: size)) else {
        fatalError("cannot write \(configFile)")
    }
    let loader = ConfigLoader(flags: [:], environment: [:], configFile: configFile, workingDirectory: "/var/empty")
    // load() is async only because the file provider's initialiser is; the input is done
    // when it returns, so the fuzzer waits for it here before the next one.
    let done = DispatchSemaphore(value: 0)
    Task {
        _ = try? await loader.load()
        done.signal()
    }
    done.wait()
    return 0
}

// A timed run ends in exit(), which runs this; after a crash (abort) the file stays behind.
atexit { unlink(configFile) }
runLibFuzzer(fuzz)
