import CommandStart
import InvoiceDaemon

// Before anything else: OpenMP reads its thread limit when libgomp loads.
if let warning = OpenMPGuard.ensureSingleThreaded() {
    print("invoiced: \(warning)")
}
EventLoopExecutor.install()
await InvoicedCommand.start()
