#pragma once

// Opening and saving trace files: the native JSON format, the same gzip-compressed
// (.json.gz), and Chrome Trace Event JSON (import and export). Loading detects the format
// from the content, streams the file in blocks, reports progress and can be cancelled.
// Bad input of any kind gives an error naming where: a byte offset or a JSON path.
#include "awaitscope/io/SaveFile.h"
#include "awaitscope/trace/Trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope {

struct LoadProgress {
    std::function<void(std::uint64_t bytesDone, std::uint64_t bytesTotal)> onProgress;  // may be empty
    const std::atomic<bool>* cancelled = nullptr;  // set from another thread to stop loading
};

// Something a load dropped, doubted or repaired, for the user to see. Occurrences of one kind
// are counted in one warning that names the first: a million bad events make one line.
struct LoadWarning {
    std::string what;         // "events without a \"ph\" (phase) were skipped"
    std::string where;        // the first occurrence: a JSON path ("traceEvents[12]", "tasks[3].events[7]"); may be empty
    std::uint64_t count = 1;  // occurrences; 0 for a remark about the whole file, printed without a count

    bool operator==(const LoadWarning&) const = default;
};
// "3 events without a "ph" (phase) were skipped (the first is traceEvents[12])"
std::string toString(const LoadWarning& warning);

struct LoadResult {
    bool ok = false;
    Trace trace;
    std::string error;                  // with a location: byte offset or JSON path
    std::vector<LoadWarning> warnings;  // in the order they first occurred
};

// Detects the format from the content: native JSON, gzip (native), Chrome Trace Event JSON.
LoadResult loadTraceFile(const std::string& path, const LoadProgress& progress = {});
LoadResult loadTraceBytes(std::string_view bytes, std::string_view nameForMessages, const LoadProgress& progress = {});

// A recorded program's source, when the trace does not embed it: the file where it was
// recorded (metadata.sourceFile), else a file of the same name beside the trace (traces
// shipped with their program). Fills metadata.sourceText and returns the file read, or ""
// when the trace has its source already, names none, or none is found (or it is over
// kMaxSourceBytes).
std::string attachSourceBeside(Trace& trace, const std::string& tracePath);

enum class TraceFormat { Native, NativeGzip, Chrome };
// "*.json.gz" -> NativeGzip; a name ending in "chrome.json" ("run.chrome.json",
// "run-chrome.json", "chrome.json") -> Chrome; else Native.
TraceFormat formatForPath(const std::string& path);
const char* toString(TraceFormat format);

// Saved as saveFile saves (atomic; a failed save leaves `path` untouched).
SaveResult saveTraceFile(const Trace& trace, const std::string& path, std::optional<TraceFormat> format = {});

// The bytes saveTraceFile would write, for tests and for callers with their own storage.
std::string traceFileBytes(const Trace& trace, TraceFormat format);

} // namespace awaitscope
