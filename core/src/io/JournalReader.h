#pragma once

// A recorder's journal (tools/awaitscope_record.py): the trace as it was being recorded, one
// JSON array a line after a header line {"format": "awaitscope-journal", ...}. A program
// that was killed or crashed leaves it instead of the finished trace. It is turned into the
// native format's document, which the native reader then checks like any other file.
#include "awaitscope/io/TraceFile.h"

#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::detail {

inline constexpr std::string_view kJournalFormatName = "awaitscope-journal";

struct JournalDocument {
    bool ok = false;
    std::string native;                 // the native format's JSON
    std::string error;                  // with a line number
    std::vector<LoadWarning> warnings;  // what was dropped (a last line cut off mid-way)
};

// `journal`: the whole file. A journal without its closing record ends in metadata.ending
// saying the recording stopped abruptly.
JournalDocument journalToNative(std::string_view journal);

} // namespace awaitscope::detail
