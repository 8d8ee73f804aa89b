#include "awaitscope/analysis/TimeFormat.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace awaitscope {

namespace {

// `value` with `decimals` digits, then without the zeros (and point) that say nothing.
std::string trimmed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string s = text;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.')
            s.pop_back();
    }
    if (s == "-0")
        s = "0";
    return s;
}

TimeUnit unitFor(TimeNs magnitude) {
    if (magnitude >= 1'000'000'000)
        return TimeUnit::Seconds;
    if (magnitude >= 1'000'000)
        return TimeUnit::Milliseconds;
    if (magnitude >= 1'000)
        return TimeUnit::Microseconds;
    return TimeUnit::Nanoseconds;
}

std::string fileName(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

} // namespace

TimeNs unitNanoseconds(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::Nanoseconds: return 1;
    case TimeUnit::Microseconds: return 1'000;
    case TimeUnit::Milliseconds: return 1'000'000;
    case TimeUnit::Seconds: return 1'000'000'000;
    }
    return 1;
}

const char* unitSuffix(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::Nanoseconds: return "ns";
    case TimeUnit::Microseconds: return "µs";
    case TimeUnit::Milliseconds: return "ms";
    case TimeUnit::Seconds: return "s";
    }
    return "";
}

std::string formatInUnit(TimeNs value, TimeUnit unit, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f %s", decimals,
                  static_cast<double>(value) / static_cast<double>(unitNanoseconds(unit)), unitSuffix(unit));
    return text;
}

std::string formatDuration(TimeNs duration) {
    const TimeNs magnitude = duration < 0 ? -duration : duration;
    const TimeUnit unit = unitFor(magnitude);
    if (unit == TimeUnit::Nanoseconds)
        return std::to_string(duration) + " ns";
    const double scaled = static_cast<double>(duration) / static_cast<double>(unitNanoseconds(unit));
    const double absScaled = std::fabs(scaled);
    // Three significant digits: "1.23 µs", "12.5 ms", "200 ms".
    const int decimals = absScaled >= 100 ? 0 : absScaled >= 10 ? 1 : 2;
    return trimmed(scaled, decimals) + " " + unitSuffix(unit);
}

std::string formatTimePoint(TimeNs time) {
    // Nanosecond precision, without the zeros a virtual clock's round numbers would show.
    char text[64];
    std::snprintf(text, sizeof text, "%.9f", static_cast<double>(time) / 1e9);
    std::string s = text;
    const std::size_t point = s.find('.');
    while (s.size() > point + 4 && s.back() == '0')
        s.pop_back();
    return s + " s";
}

std::string formatMoment(TimeNs time) {
    char text[64];
    std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(time) / 1e9);
    return text;
}

std::string formatMomentTo(TimeNs time, TimeNs resolution) {
    int decimals = 3;
    for (TimeNs step = 1'000'000; decimals < 9 && step > resolution; step /= 10)
        ++decimals;
    char text[64];
    std::snprintf(text, sizeof text, "%.*f s", decimals, static_cast<double>(time) / 1e9);
    return text;
}

std::string plainDuration(TimeNs duration) {
    const double ns = static_cast<double>(duration);
    if (std::fabs(ns) >= 1e8)
        return trimmed(ns / 1e9, 2) + " s";
    if (std::fabs(ns) >= 1e6)
        return trimmed(ns / 1e6, 1) + " ms";
    if (std::fabs(ns) >= 1e3)
        return trimmed(ns / 1e3, 1) + " µs";
    return std::to_string(duration) + " ns";
}

std::string formatSite(const Trace& trace, SiteId site, SitePath path) {
    if (site == kUnknownSite || site >= trace.sites.size())
        return {};
    const Site& s = trace.sites[site];
    const std::string_view recorded = trace.str(s.file);
    std::string text = path == SitePath::FileName ? fileName(recorded) : std::string(recorded);
    if (s.line != 0)
        text += (text.empty() ? "line " : ":") + std::to_string(s.line);
    return text;
}

std::string taskLabel(const Trace& trace, TaskId task) {
    if (task >= trace.tasks.size())
        return "(no task)";
    std::string label = trace.taskName(task);
    if (label.empty())
        label = "task " + std::to_string(task);
    if (trace.tasks[task].kind == TaskKind::Main)
        return label;  // its frame is only "<module>"
    const std::string coroutine = coroutineName(trace, task);
    if (!coroutine.empty() && coroutine != label)
        label += " (" + coroutine + ")";
    return label;
}

std::string coroutineName(const Trace& trace, TaskId task) {
    if (task >= trace.tasks.size())
        return {};
    const FrameId frame = trace.tasks[task].coroutine;
    return frame < trace.frames.size() ? std::string(trace.str(trace.frames[frame].name)) : std::string();
}

std::string awaitDescription(const Trace& trace, AwaitId await) {
    if (await >= trace.awaits.size())
        return "something";
    const AwaitInfo& info = trace.awaits[await];
    if (info.kind == WaitKind::Task && info.target < trace.tasks.size())
        return "task " + trace.taskName(info.target);
    const std::string_view what = trace.str(info.what);
    return what.empty() ? std::string(toString(info.kind)) : std::string(what);
}

std::string awaitPhrase(const Trace& trace, AwaitId await) {
    return trace.metadata.fromAsyncio() ? "await " + awaitDescription(trace, await) : awaitDescription(trace, await);
}

std::string blockDescription(const Trace& trace, BlockId block) {
    if (block >= trace.blocks.size())
        return "a blocking call";
    const std::string_view what = trace.str(trace.blocks[block].what);
    return what.empty() ? std::string(toString(trace.blocks[block].kind)) : std::string(what);
}

std::string atLine(const Trace& trace, SiteId site) {
    if (site >= trace.sites.size() || trace.sites[site].line == 0)
        return {};
    return " at line " + std::to_string(trace.sites[site].line);
}

} // namespace awaitscope
