// libFuzzer's driver, for fuzz targets that keep their own `main` (SwiftPM names an
// executable's entry point `<Target>_main`, so libFuzzer's own `main` is not used).
// Defined in the libFuzzer runtime that `-sanitize=fuzzer` links.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
