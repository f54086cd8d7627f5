// Intentionally empty: this target only exports the headers in include/.
#include "CLinux.h"
