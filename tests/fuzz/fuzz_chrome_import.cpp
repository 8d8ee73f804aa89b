// libFuzzer target: the Chrome Trace Event importer, seeded with Chrome traces. Format
// detection picks the importer for any input that starts with '[' or a '{' without "format".
#include "FuzzTraceLoad.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzTraceLoad(data, size);
    return 0;
}
