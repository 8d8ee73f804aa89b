#pragma once

// What both fuzz targets check for any input: loading never crashes, and a trace that loads
// can be analysed, exported to Chrome JSON, and written and read back to the same bytes.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/io/ChromeFormat.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

inline void fuzzTraceLoad(const std::uint8_t* data, std::size_t size) {
    using namespace awaitscope;
    const LoadResult loaded = loadTraceBytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (!loaded.ok) {
        if (loaded.error.empty())
            std::abort();  // every failure must say why
        return;
    }
    (void)DerivedTrace(loaded.trace).complete();
    (void)chromeTraceJson(loaded.trace);
    const std::string written = nativeTraceJson(loaded.trace);
    const LoadResult again = loadTraceBytes(written, "again");
    if (!again.ok) {
        std::fprintf(stderr, "a loaded trace did not load again: %s\n", again.error.c_str());
        std::abort();
    }
    if (nativeTraceJson(again.trace) != written) {
        std::fprintf(stderr, "write, read, write gave different bytes\n");
        std::abort();
    }
}
