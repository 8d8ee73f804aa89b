#include "JournalReader.h"

#include "awaitscope/io/NativeFormat.h"
#include "awaitscope/io/TraceLimits.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <map>

namespace awaitscope::detail {

namespace {

using nlohmann::json;

constexpr std::string_view kAbrupt =
    "ended abruptly: the program was killed or crashed while it was recorded; the trace holds what "
    "was written until then (all but its last second at most)";

// The records of the native format's tables, by journal tag, in the order the format has them.
struct Table {
    std::string_view tag;
    std::string_view member;
};
constexpr Table kTables[] = {{"string", "strings"},          {"site", "sites"},
                             {"await", "awaits"},            {"frame", "frames"},
                             {"block", "blocks"},            {"scope", "scopes"},
                             {"output", "output"},           {"neverAwaited", "neverAwaited"},
                             {"unretrievedError", "unretrievedErrors"}, {"pendingAtExit", "pendingAtExit"},
                             {"scriptError", "scriptErrors"}};
constexpr std::size_t kTableCount = std::size(kTables);
constexpr std::size_t kScopes = 5;

bool parseIndex(std::string_view text, std::size_t& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

std::string lineError(std::size_t line, const std::string& what) {
    return "journal line " + std::to_string(line) + ": " + what;
}

} // namespace

JournalDocument journalToNative(std::string_view journal) {
    JournalDocument doc;
    std::size_t pos = journal.find('\n');
    if (pos == std::string_view::npos) {
        doc.error = lineError(1, "the header ends without a line break: the recording wrote nothing yet");
        return doc;
    }
    json metadata;
    try {
        const json header = json::parse(journal.substr(0, pos));
        if (!header.is_object() || header.value("format", "") != kJournalFormatName)
            return doc.error = lineError(1, "not a journal header"), doc;
        if (header.value("version", 0) != kNativeFormatVersion)
            return doc.error = lineError(1, "journal version " + header.value("version", json()).dump() + " is not 1"), doc;
        metadata = header.value("metadata", json::object());
        if (!metadata.is_object())
            return doc.error = lineError(1, "\"metadata\" is not an object"), doc;
    } catch (const json::exception& error) {
        doc.error = lineError(1, std::string("not JSON: ") + error.what());
        return doc;
    }

    std::vector<std::string> tables[kTableCount];
    tables[0].push_back("\"\"");                                       // strings[0]
    tables[1].push_back("{\"file\":0,\"function\":0,\"line\":0,\"column\":0}");  // sites[0]
    std::vector<std::string_view> tasks;
    std::vector<std::vector<std::string_view>> rows;
    std::map<std::size_t, json> renames;
    std::map<std::size_t, json> scopeEnds;
    bool ended = false;
    std::string ending;
    std::size_t lineNumber = 1;
    ++pos;
    while (pos < journal.size()) {
        ++lineNumber;
        const std::size_t end = journal.find('\n', pos);
        if (end == std::string_view::npos) {
            doc.warnings.push_back({"the journal's last line (line " + std::to_string(lineNumber) +
                                        ") was cut off as it was written, and is left out",
                                    "", 0});
            break;
        }
        const std::string_view line = journal.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty())
            continue;
        const std::size_t tagEnd = line.size() > 3 ? line.find('"', 2) : std::string_view::npos;
        if (line.substr(0, 2) != "[\"" || tagEnd == std::string_view::npos || tagEnd + 2 >= line.size() ||
            line[tagEnd + 1] != ',' || line.back() != ']')
            return doc.error = lineError(lineNumber, "not a journal record"), doc;
        const std::string_view tag = line.substr(2, tagEnd - 2);
        const std::string_view payload = line.substr(tagEnd + 2, line.size() - tagEnd - 3);
        if (tag == "rows") {
            const std::size_t comma = payload.find(',');
            std::size_t task = 0;
            if (comma == std::string_view::npos || !parseIndex(payload.substr(0, comma), task))
                return doc.error = lineError(lineNumber, "rows without a task id"), doc;
            if (task >= rows.size())
                return doc.error = lineError(lineNumber, "rows of task " + std::to_string(task) + ", which does not exist"), doc;
            rows[task].push_back(payload.substr(comma + 1));
            continue;
        }
        if (tag == "task") {
            if (payload.size() < 2 || payload.front() != '{' || payload.back() != '}')
                return doc.error = lineError(lineNumber, "a task that is not an object"), doc;
            if (tasks.size() >= kMaxTasks)
                return doc.error = lineError(lineNumber, "more than " + std::to_string(kMaxTasks) + " tasks (kMaxTasks)"), doc;
            tasks.push_back(payload);
            rows.emplace_back();
            continue;
        }
        bool table = false;
        for (std::size_t t = 0; t < kTableCount; ++t)
            if (tag == kTables[t].tag) {
                if (tables[t].size() >= kMaxTableRows)
                    return doc.error = lineError(lineNumber, "more than " + std::to_string(kMaxTableRows) + " rows in \"" +
                                                                 std::string(kTables[t].member) + "\""), doc;
                tables[t].emplace_back(payload);
                table = true;
            }
        if (table)
            continue;
        try {
            const json value = json::parse(payload);
            if (tag == "taskName" && value.is_array() && value.size() == 3 && value[0].is_number_unsigned())
                renames[value[0].get<std::size_t>()] = value;
            else if (tag == "scopeEnd" && value.is_array() && value.size() == 2 && value[0].is_number_unsigned())
                scopeEnds[value[0].get<std::size_t>()] = value[1];
            else if (tag == "metadata" && value.is_object())
                metadata.update(value);
            else if (tag == "end" && value.is_object()) {
                ended = true;
                ending = value.value("ending", "");
            } else
                return doc.error = lineError(lineNumber, "unknown record \"" + std::string(tag) + "\""), doc;
        } catch (const json::exception& error) {
            return doc.error = lineError(lineNumber, std::string("not JSON: ") + error.what()), doc;
        }
    }

    if (!ended)
        ending = metadata.value("ending", std::string(kAbrupt));
    if (ending.empty())
        metadata.erase("ending");
    else
        metadata["ending"] = ending;
    try {
        for (const auto& [scope, end] : scopeEnds) {
            if (scope >= tables[kScopes].size())
                return doc.error = "journal: the end of scope " + std::to_string(scope) + ", which does not exist", doc;
            json row = json::parse(tables[kScopes][scope]);
            row["end"] = end;
            tables[kScopes][scope] = row.dump();
        }
    } catch (const json::exception& error) {
        return doc.error = std::string("journal: a scope that is not JSON: ") + error.what(), doc;
    }

    std::string& out = doc.native;
    out.reserve(journal.size() + journal.size() / 8);
    out += "{\"format\":\"";
    out += kNativeFormatName;
    out += "\",\"version\":" + std::to_string(kNativeFormatVersion) + ",\n\"metadata\":";
    out += metadata.dump(-1, ' ', false, json::error_handler_t::replace);
    auto array = [&](std::string_view member, const std::vector<std::string>& items) {
        out += ",\n\"";
        out += member;
        out += "\":[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ',';
            out += items[i];
        }
        out += ']';
    };
    for (std::size_t t = 0; t <= kScopes; ++t)
        array(kTables[t].member, tables[t]);
    out += ",\n\"tasks\":[";
    for (std::size_t task = 0; task < tasks.size(); ++task) {
        if (task)
            out += ',';
        std::string renamed;
        std::string_view text = tasks[task];
        if (const auto rename = renames.find(task); rename != renames.end()) {
            try {
                json row = json::parse(text);
                row["name"] = rename->second[1];
                row["number"] = rename->second[2];
                renamed = row.dump();
                text = renamed;
            } catch (const json::exception& error) {
                return doc.error = "journal: task " + std::to_string(task) + " is not JSON: " + error.what(), doc;
            }
        }
        out += text.substr(0, text.size() - 1);
        out += ",\"events\":[";
        for (std::size_t chunk = 0; chunk < rows[task].size(); ++chunk) {
            if (chunk)
                out += ',';
            out += rows[task][chunk];
        }
        out += "]}";
    }
    out += ']';
    for (std::size_t t = kScopes + 1; t < kTableCount; ++t)
        array(kTables[t].member, tables[t]);
    out += "}\n";
    doc.ok = true;
    return doc;
}

} // namespace awaitscope::detail
