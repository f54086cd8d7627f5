import CommandStart
import InvoiceControl

await InvoiceCtl.start()
