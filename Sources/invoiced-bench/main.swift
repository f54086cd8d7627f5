import CommandStart
import InvoiceBench

EventLoopExecutor.install()
await BenchCommand.start()
