import InvoiceControl

await InvoiceCtl.start()
