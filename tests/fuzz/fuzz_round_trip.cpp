// libFuzzer target: the whole way a trace travels, from any bytes. Whatever loads is analysed
// and reported (with nothing from the trace reaching the terminal raw), exported to Chrome
// JSON, and that export must load again: no file Awaitscope writes may be one it cannot open.
// The import must be a consistent trace (its native form loads without a warning), and the
// original must survive a gzip round trip byte for byte. Seeded with both corpora.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/cli/ReportCommand.h>
#include <awaitscope/io/ChromeFormat.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <algorithm>
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
        if (warning.what.empty())  // a count of 0 is a remark about the whole file
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
    const DerivedTrace derived(imported.trace);  // the index and every analysis the views use
    (void)derived;
    const LoadResult reread = loadTraceBytes(nativeTraceJson(imported.trace), "import.json");
    if (!reread.ok)
        fail("the imported trace does not load again", reread.error);
    // Whatever does not fit together in the imported trace, the import itself must have said.
    for (const LoadWarning& warning : reread.warnings)
        if (std::find(imported.warnings.begin(), imported.warnings.end(), warning) == imported.warnings.end())
            fail("the import made an inconsistent trace and did not say so", toString(warning));

    const std::string native = nativeTraceJson(loaded.trace);
    const LoadResult inflated = loadTraceBytes(traceFileBytes(loaded.trace, TraceFormat::NativeGzip), "trace.json.gz");
    if (!inflated.ok)
        fail("the gzip form does not load", inflated.error);
    if (nativeTraceJson(inflated.trace) != native)
        fail("the gzip round trip changed the trace");
    return 0;
}
