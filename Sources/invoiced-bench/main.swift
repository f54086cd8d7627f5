import InvoiceBench

await BenchCommand.start()
