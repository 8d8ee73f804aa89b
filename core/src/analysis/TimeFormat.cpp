#include "awaitscope/analysis/TimeFormat.h"

#include <cstdio>
#include <cstdlib>

namespace awaitscope {

std::string formatDuration(TimeNs duration) {
    char text[48];
    const double value = static_cast<double>(duration);
    const TimeNs magnitude = duration < 0 ? -duration : duration;
    if (magnitude >= 1'000'000'000)
        std::snprintf(text, sizeof text, "%.3f s", value / 1e9);
    else if (magnitude >= 1'000'000)
        std::snprintf(text, sizeof text, "%.1f ms", value / 1e6);
    else if (magnitude >= 1'000)
        std::snprintf(text, sizeof text, "%.1f us", value / 1e3);
    else
        std::snprintf(text, sizeof text, "%lld ns", static_cast<long long>(duration));
    return text;
}

std::string formatSite(const Trace& trace, SiteId site) {
    if (site >= trace.sites.size())
        return {};
    const Site& s = trace.sites[site];
    std::string text(trace.str(s.file));
    if (s.line != 0)
        text += (text.empty() ? "line " : ":") + std::to_string(s.line);
    return text;
}

std::string taskLabel(const Trace& trace, TaskId task) {
    if (task >= trace.tasks.size())
        return "(no task)";
    const TaskRecord& record = trace.tasks[task];
    std::string label = trace.taskName(task);
    if (label.empty())
        label = "task " + std::to_string(task);
    if (record.coroutine < trace.frames.size()) {
        const std::string_view coroutine = trace.str(trace.frames[record.coroutine].name);
        if (!coroutine.empty() && coroutine != label)
            label += " (" + std::string(coroutine) + ")";
    }
    return label;
}

} // namespace awaitscope
