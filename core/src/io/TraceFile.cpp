#include "awaitscope/io/TraceFile.h"

#include "ByteSource.h"
#include "ChromeTraceReader.h"
#include "GzipWriter.h"
#include "JournalReader.h"
#include "JsonInput.h"
#include "NativeTraceReader.h"
#include "TraceConsistency.h"

#include "awaitscope/io/ChromeFormat.h"
#include "awaitscope/io/NativeFormat.h"
#include "awaitscope/io/TraceLimits.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace awaitscope {

namespace {

enum class Content { Empty, Gzip, Native, Journal, Chrome, NotATrace };

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Looks at the first block: gzip magic, or JSON whose first member is "format" (native; the
// format requires it first, as a magic number), or any other JSON array/object (Chrome).
Content detect(std::string_view block, std::size_t& offset) {
    offset = 0;
    if (block.empty())
        return Content::Empty;
    if (block.size() >= 2 && static_cast<unsigned char>(block[0]) == 0x1f && static_cast<unsigned char>(block[1]) == 0x8b)
        return Content::Gzip;
    if (block.substr(0, 3) == "\xEF\xBB\xBF")
        offset = 3;  // a UTF-8 byte order mark; the JSON parser skips it too
    while (offset < block.size() && isSpace(block[offset]))
        ++offset;
    if (offset == block.size())
        return Content::Native;  // only white space so far: let the parser say what is wrong
    if (block[offset] == '[')
        return Content::Chrome;
    if (block[offset] != '{')
        return Content::NotATrace;
    std::size_t next = offset + 1;
    while (next < block.size() && isSpace(block[next]))
        ++next;
    if (block.substr(next, 8) != "\"format\"")
        return Content::Chrome;
    std::size_t value = next + 8;
    while (value < block.size() && (isSpace(block[value]) || block[value] == ':'))
        ++value;
    const std::string journal = "\"" + std::string(detail::kJournalFormatName) + "\"";
    return block.substr(value, journal.size()) == journal ? Content::Journal : Content::Native;
}

LoadResult loadFromSource(detail::ByteSource& source, std::string_view name, std::uint64_t rawTotal,
                          const LoadProgress& progress, bool inflated = false);

// A recorder's journal: read whole, turned into the native format's document, read as that.
LoadResult loadJournal(detail::ByteSource& source, std::string_view first, std::string_view name,
                       const LoadProgress& progress) {
    LoadResult result;
    const std::string prefix = std::string(name) + ": ";
    std::string bytes(first);
    for (std::string_view block = source.next(); !block.empty(); block = source.next()) {
        if (bytes.size() + block.size() > kMaxTraceFileBytes) {
            result.error = prefix + "the journal is over the limit of " + std::to_string(kMaxTraceFileBytes) +
                           " bytes (kMaxTraceFileBytes)";
            return result;
        }
        bytes += block;
        if (progress.cancelled && progress.cancelled->load()) {
            result.error = prefix + "loading was cancelled";
            return result;
        }
    }
    if (!source.error().empty()) {
        result.error = prefix + source.error();
        return result;
    }
    detail::JournalDocument doc = detail::journalToNative(bytes);
    bytes = std::string();
    if (!doc.ok) {
        result.error = prefix + doc.error;
        return result;
    }
    detail::MemorySource native(doc.native);
    result = loadFromSource(native, name, doc.native.size(), progress, true);
    if (!result.ok)
        result.error += " (in the trace made from the journal)";
    result.warnings.insert(result.warnings.begin(), doc.warnings.begin(), doc.warnings.end());
    return result;
}

std::string describeByte(unsigned char c) {
    char text[16];
    if (c >= 0x20 && c < 0x7f)
        std::snprintf(text, sizeof text, "'%c'", c);
    else
        std::snprintf(text, sizeof text, "0x%02X", c);
    return text;
}

LoadResult loadFromSource(detail::ByteSource& source, std::string_view name, std::uint64_t rawTotal,
                          const LoadProgress& progress, bool inflated) {
    LoadResult result;
    const std::string prefix = std::string(name) + ": ";
    detail::JsonInput input(source, progress, rawTotal);
    if (input.stop() != detail::InputStop::None) {
        result.error = prefix + input.stopMessage();
        return result;
    }
    std::size_t offset = 0;
    switch (detect(input.firstBlock(), offset)) {
    case Content::Empty:
        result.error = prefix + (inflated ? "the gzip data holds no bytes" : "the file is empty (0 bytes)");
        return result;
    case Content::Gzip: {
        if (inflated) {
            result.error = prefix + "gzip data inside gzip data is not a trace";
            return result;
        }
        detail::GzipSource inflating(source, input.firstBlock());
        result = loadFromSource(inflating, name, rawTotal, progress, true);
        return result;
    }
    case Content::NotATrace:
        result.error = prefix + "byte " + std::to_string(offset) + ": not a trace: it starts with " +
                       describeByte(static_cast<unsigned char>(input.firstBlock()[offset])) +
                       " where a trace starts with '{' (Awaitscope or Chrome JSON), '[' (Chrome JSON) or gzip data";
        return result;
    case Content::Native: {
        detail::NativeTraceReader reader(input, result.trace);
        result.ok = reader.read();
        if (!result.ok)
            result.error = prefix + reader.error();
        else
            result.warnings = detail::checkConsistency(result.trace);
        break;
    }
    case Content::Journal:
        result = loadJournal(source, input.firstBlock(), name, progress);
        break;
    case Content::Chrome:
        result.ok = detail::readChromeTrace(input, result);
        if (!result.ok) {
            result.error = prefix + result.error;
        } else {
            // An edited or cut export can rebuild a task whose events do not fit together: say
            // so on import, as a native file would, rather than when it is saved and read again.
            std::vector<LoadWarning> faults = detail::checkConsistency(result.trace);
            result.warnings.insert(result.warnings.end(), faults.begin(), faults.end());
        }
        break;
    }
    if (!result.ok)
        result.trace = Trace();  // a failed load hands back no half-read data
    else if (!result.trace.metadata.ending.empty() &&
             (result.warnings.empty() || result.warnings.back().what.rfind("the recording did not run to its end", 0) != 0))
        result.warnings.push_back({"the recording did not run to its end: " + result.trace.metadata.ending, "", 0});
    return result;
}

bool endsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string systemError(const std::string& path, const char* what) {
    return path + ": " + what + ": " + std::strerror(errno);
}

bool writeFormat(const Trace& trace, TraceFormat format, const ByteSink& sink) {
    switch (format) {
    case TraceFormat::Native: return writeNativeTrace(trace, sink);
    case TraceFormat::Chrome: return writeChromeTrace(trace, sink);
    case TraceFormat::NativeGzip: {
        detail::GzipWriter gzip(sink);
        const ByteSink compress = [&](std::string_view block) { return gzip.write(block); };
        const bool written = writeNativeTrace(trace, compress);
        return gzip.finish() && written;
    }
    }
    return false;
}

} // namespace

std::string toString(const LoadWarning& warning) {
    std::string text = warning.count ? std::to_string(warning.count) + " " + warning.what : warning.what;
    if (!warning.where.empty())
        text += " (the first is " + warning.where + ")";
    return text;
}

LoadResult loadTraceBytes(std::string_view bytes, std::string_view nameForMessages, const LoadProgress& progress) {
    detail::MemorySource source(bytes);
    if (bytes.size() > kMaxTraceFileBytes) {
        LoadResult result;
        result.error = std::string(nameForMessages) + ": " + std::to_string(bytes.size()) +
                       " bytes is over the limit of " + std::to_string(kMaxTraceFileBytes) + " (kMaxTraceFileBytes)";
        return result;
    }
    return loadFromSource(source, nameForMessages, bytes.size(), progress);
}

LoadResult loadTraceFile(const std::string& path, const LoadProgress& progress) {
    LoadResult result;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        result.error = systemError(path, "cannot open");
        return result;
    }
    detail::FileSource source(fd);  // owns fd from here
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        result.error = systemError(path, "cannot read");
        return result;
    }
    if (S_ISDIR(info.st_mode)) {
        result.error = path + ": is a directory, not a trace file";
        return result;
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (S_ISREG(info.st_mode) && size > kMaxTraceFileBytes) {
        result.error = path + ": the file is " + std::to_string(size) + " bytes, over the limit of " +
                       std::to_string(kMaxTraceFileBytes) + " (kMaxTraceFileBytes)";
        return result;
    }
    return loadFromSource(source, path, S_ISREG(info.st_mode) ? size : 0, progress);
}

std::string attachSourceBeside(Trace& trace, const std::string& tracePath) {
    namespace fs = std::filesystem;
    TraceMetadata& meta = trace.metadata;
    if (!meta.sourceText.empty() || meta.sourceFile.empty())
        return {};
    const fs::path recorded(meta.sourceFile);
    const fs::path beside = fs::path(tracePath).parent_path() / recorded.filename();
    for (const fs::path& candidate : {recorded, beside}) {
        std::error_code error;
        if (!fs::is_regular_file(candidate, error) || fs::file_size(candidate, error) > kMaxSourceBytes || error)
            continue;
        std::ifstream in(candidate, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof())
            continue;
        meta.sourceText = std::move(text);
        return candidate.string();
    }
    return {};
}

TraceFormat formatForPath(const std::string& path) {
    if (endsWith(path, ".json.gz"))
        return TraceFormat::NativeGzip;
    if (endsWith(path, "chrome.json"))
        return TraceFormat::Chrome;
    return TraceFormat::Native;
}

const char* toString(TraceFormat format) {
    switch (format) {
    case TraceFormat::Native: return "native JSON";
    case TraceFormat::NativeGzip: return "native JSON, gzip-compressed";
    case TraceFormat::Chrome: return "Chrome Trace Event JSON";
    }
    return "?";
}

std::string traceFileBytes(const Trace& trace, TraceFormat format) {
    std::string bytes;
    const ByteSink sink = [&](std::string_view block) {
        bytes.append(block);
        return true;
    };
    writeFormat(trace, format, sink);
    return bytes;
}

SaveResult saveTraceFile(const Trace& trace, const std::string& path, std::optional<TraceFormat> format) {
    const TraceFormat as = format.value_or(formatForPath(path));
    return saveFile(path, [&](const ByteSink& sink) { return writeFormat(trace, as, sink); });
}

} // namespace awaitscope
