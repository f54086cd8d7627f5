// Tesseract's C API and the Leptonica image functions the OCR module calls.
// Nothing else lives here: Swift calls the C API directly.
#pragma once
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
