// libFuzzer target: the native reader (plain and gzip), seeded with native traces.
#include "FuzzTraceLoad.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzTraceLoad(data, size);
    return 0;
}
