import CommandStart
import InvoiceBench

await BenchCommand.start()
