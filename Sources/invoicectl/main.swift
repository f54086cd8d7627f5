import CommandStart
import InvoiceControl

await InvoiceCtl.start(usageExitCode: InvoiceCtl.usageExitCode)
