// libFuzzer target: the whole way a trace travels, from any bytes. Whatever loads is analysed
// and reported (with nothing from the trace reaching the terminal raw), exported to Chrome
// JSON, and that export must load again: no file Awaitscope writes may be one it cannot open.
// The import must be a consistent trace (its native form loads without a warning), and the
// original must survive a gzip round trip byte for byte. Seeded with both corpora.
#include <awaitscope/analysis/TraceAnalysis.h>
#include <awaitscope/cli/ReportCommand.h>
#include <awaitscope/io/ChromeFormat.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "%s%s%s\n", what, detail.empty() ? "" : ": ", detail.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace awaitscope;
    const LoadResult loaded = loadTraceBytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (!loaded.ok) {
        if (loaded.error.empty())
            fail("a load failed without saying why");
        return 0;
    }
    for (const LoadWarning& warning : loaded.warnings)
        if (warning.what.empty() || warning.count == 0)
            fail("a warning says nothing", toString(warning));

    std::ostringstream report;
    writeReport(loaded.trace, "fuzz", report);
    for (const char c : report.str())
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            fail("the report holds a raw control character");

    const std::string chrome = chromeTraceJson(loaded.trace);
    const LoadResult imported = loadTraceBytes(chrome, "export.chrome.json");
    if (!imported.ok)
        fail("the Chrome export does not load", imported.error);
    const TraceIndex index(imported.trace);
    (void)analyzeTrace(imported.trace, index);
    const LoadResult reread = loadTraceBytes(nativeTraceJson(imported.trace), "import.json");
    if (!reread.ok)
        fail("the imported trace does not load again", reread.error);
    if (!reread.warnings.empty())
        fail("the import made an inconsistent trace", toString(reread.warnings.front()));

    const std::string native = nativeTraceJson(loaded.trace);
    const LoadResult inflated = loadTraceBytes(traceFileBytes(loaded.trace, TraceFormat::NativeGzip), "trace.json.gz");
    if (!inflated.ok)
        fail("the gzip form does not load", inflated.error);
    if (nativeTraceJson(inflated.trace) != native)
        fail("the gzip round trip changed the trace");
    return 0;
}
