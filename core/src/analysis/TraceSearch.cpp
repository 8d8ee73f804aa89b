#include "awaitscope/analysis/TraceSearch.h"

#include "RadixSort.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace awaitscope {

const char* toString(SearchHitKind kind) {
    switch (kind) {
    case SearchHitKind::TaskName: return "task";
    case SearchHitKind::Coroutine: return "coroutine";
    case SearchHitKind::Output: return "printed";
    case SearchHitKind::Line: return "line";
    }
    return "?";
}

namespace {

std::string lower(std::string_view text) {
    std::string s(text);
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

bool contains(std::string_view haystack, std::string_view loweredNeedle) {
    if (loweredNeedle.size() > haystack.size())
        return false;
    auto it = std::search(haystack.begin(), haystack.end(), loweredNeedle.begin(), loweredNeedle.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != haystack.end();
}

// "line 14", "14", ":14", "agent.py:14": the line, and the file if one was named.
struct LineQuery {
    std::uint32_t line = 0;
    std::string file;  // lowered; empty: any file
};

std::optional<LineQuery> parseLine(std::string_view query) {
    std::string q = lower(trimmed(query));
    if (q.rfind("line ", 0) == 0)
        q = std::string(trimmed(std::string_view(q).substr(5)));
    std::string file;
    const std::size_t colon = q.rfind(':');
    if (colon != std::string::npos) {
        file = q.substr(0, colon);
        q = q.substr(colon + 1);
    }
    if (q.empty() || q.size() > 9 || !std::all_of(q.begin(), q.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    const auto line = static_cast<std::uint32_t>(std::stoul(q));
    if (line == 0)
        return std::nullopt;
    return LineQuery{line, file};
}

} // namespace

std::vector<SearchHit> searchTrace(const DerivedTrace& derived, std::string_view query) {
    std::vector<SearchHit> hits;
    const Trace& trace = derived.trace();
    query = trimmed(query);
    if (query.empty())
        return hits;
    const std::size_t taskCount = std::min(trace.tasks.size(), derived.index().lanes().size());

    if (const auto line = parseLine(query)) {
        // Sites at that line (of that file), marked once so that each event costs a lookup.
        std::vector<std::uint8_t> atLine(trace.sites.size(), 0);
        for (std::size_t s = 1; s < trace.sites.size(); ++s) {
            const Site& site = trace.sites[s];
            if (site.line != line->line)
                continue;
            if (!line->file.empty()) {
                const std::string file = lower(trace.str(site.file));
                const bool named = file == line->file || (file.size() > line->file.size() &&
                                                          file.compare(file.size() - line->file.size(), line->file.size(), line->file) == 0 &&
                                                          (file[file.size() - line->file.size() - 1] == '/' ||
                                                           file[file.size() - line->file.size() - 1] == '\\'));
                if (!named)
                    continue;
            }
            atLine[s] = 1;
        }
        auto at = [&](SiteId site) { return site < atLine.size() && atLine[site]; };
        for (TaskId task = 0; task < taskCount; ++task) {
            const TaskRecord& record = trace.tasks[task];
            if (at(record.createdAt)) {
                hits.push_back({record.created, task, SearchHitKind::Line, 0});
                continue;
            }
            // The first of its events at that line.
            for (std::uint32_t i = 0; i < record.events.size(); ++i) {
                const TraceEvent& e = record.events[i];
                SiteId site = kUnknownSite;
                if (e.kind == EventKind::Suspend && e.ref < trace.awaits.size())
                    site = trace.awaits[e.ref].site;
                else if ((e.kind == EventKind::BlockBegin) && e.ref < trace.blocks.size())
                    site = trace.blocks[e.ref].site;
                else if (e.kind == EventKind::FrameEnter && e.ref < trace.frames.size())
                    site = trace.frames[e.ref].callSite;
                if (at(site)) {
                    hits.push_back({e.time, task, SearchHitKind::Line, i});
                    break;
                }
            }
        }
        for (std::uint32_t i = 0; i < trace.output.size(); ++i)
            if (at(trace.output[i].site))
                hits.push_back({trace.output[i].time, trace.output[i].task, SearchHitKind::Output, i});
    } else {
        const std::string needle = lower(query);
        // Coroutine names: a small table, matched once.
        std::vector<std::uint8_t> frameMatches(trace.frames.size(), 0);
        for (std::size_t f = 0; f < trace.frames.size(); ++f)
            frameMatches[f] = contains(trace.str(trace.frames[f].name), needle);
        for (TaskId task = 0; task < taskCount; ++task) {
            const TaskRecord& record = trace.tasks[task];
            if (contains(trace.taskName(task), needle))
                hits.push_back({record.created, task, SearchHitKind::TaskName, 0});
            else if (record.coroutine < frameMatches.size() && frameMatches[record.coroutine])
                hits.push_back({record.created, task, SearchHitKind::Coroutine, 0});
        }
        for (std::uint32_t i = 0; i < trace.output.size(); ++i)
            if (contains(trace.str(trace.output[i].text), needle))
                hits.push_back({trace.output[i].time, trace.output[i].task, SearchHitKind::Output, i});
    }
    detail::radixSortByKey(hits, [](const SearchHit& h) { return detail::timeKey(h.time); });
    return hits;
}

} // namespace awaitscope
