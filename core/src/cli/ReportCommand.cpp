#include "awaitscope/cli/ReportCommand.h"

#include "awaitscope/analysis/TimeFormat.h"
#include "awaitscope/analysis/DerivedTrace.h"
#include "awaitscope/analysis/TimeBreakdown.h"
#include "awaitscope/cli/TerminalText.h"
#include "awaitscope/io/TraceFile.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <ostream>
#include <sstream>

namespace awaitscope {

namespace {

std::string percent(TimeNs part, TimeNs whole) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
    return text;
}

// Left-aligned in a column of `width`, cut short (with "..") to keep one space before the next.
std::string padded(std::string text, std::size_t width) {
    if (text.size() >= width)
        text = text.substr(0, width - 3) + "..";
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text;
}

void figure(std::ostream& out, const char* name, const std::string& value) {
    out << "  " << padded(name, 16) << value << "\n";
}

std::string outcomeOf(const TaskLane& lane) {
    return lane.finished ? toString(lane.outcome) : "unfinished";
}

// A trace another tool wrote (a browser's, a profiler's) holds threads and slices: no event loop,
// so neither the loop's figures nor a speed-up over running its tasks one after another apply.
void writeForeignFigures(const Trace& trace, const TraceAnalysis& a, std::ostream& out) {
    out << "Key figures\n";
    figure(out, "elapsed", formatDuration(a.loop.elapsed()));
    figure(out, "lanes", std::to_string(trace.tasks.size()) + " (threads and async slices)");
    figure(out, "events", std::to_string(trace.eventCount()));
}

// A plain script never started an event loop: it ran one line after another, so the loop's
// figures and a speed-up do not apply. What its blocking calls took does.
void writeNoLoopFigures(const Trace& trace, const TraceIndex& index, const TraceAnalysis& a, std::ostream& out) {
    out << "Key figures\n";
    figure(out, "elapsed", formatDuration(a.loop.elapsed()));
    figure(out, "event loop", "none: the program never called asyncio.run, so each line waited for the one before");
    TimeNs blocked = 0;
    std::size_t calls = 0;
    for (const TaskLane& lane : index.lanes())
        for (const BlockSpan& block : lane.blocks) {
            blocked += block.end - block.begin;
            ++calls;
        }
    figure(out, "blocking calls", std::to_string(calls) + (calls == 1 ? " call, " : " calls, ") + formatDuration(blocked) +
                                      " (" + percent(blocked, a.loop.elapsed()) + " of the run)");
    figure(out, "events", std::to_string(trace.eventCount()));
}

void writeFigures(const Trace& trace, const TraceIndex& index, const TraceAnalysis& a, std::ostream& out) {
    if (!trace.metadata.fromAsyncio()) {
        writeForeignFigures(trace, a, out);
        return;
    }
    if (!trace.hasEventLoop()) {
        writeNoLoopFigures(trace, index, a, out);
        return;
    }
    out << "Key figures\n";
    figure(out, "elapsed", formatDuration(a.loop.elapsed()));
    figure(out, "tasks", std::to_string(trace.tasks.size()) + " (at most " + std::to_string(a.concurrency.tasks) +
                             " alive at once, first at " + formatDuration(a.concurrency.at) + ")");
    figure(out, "events", std::to_string(trace.eventCount()));
    figure(out, "loop busy", formatDuration(a.loop.busy) + " (" + percent(a.loop.busy, a.loop.elapsed()) + ")");
    figure(out, "loop idle", formatDuration(a.loop.idle) + " (" + percent(a.loop.idle, a.loop.elapsed()) + ")");
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.2fx", a.speedUp.ratio());
    figure(out, "speed-up", std::string(ratio) + " (the same work one piece after another: " +
                                formatDuration(a.speedUp.sequential) + ")");
    figure(out, "critical path",
           formatDuration(a.criticalPath.total()) + ": running " + formatDuration(a.criticalPath.total(SpanState::Running)) +
               ", awaiting " + formatDuration(a.criticalPath.total(SpanState::Awaiting)) + ", waiting for the loop " +
               formatDuration(a.criticalPath.total(SpanState::Ready)));
    figure(out, "ready queue", "at most " + std::to_string(a.readyQueue.peak) + " tasks, first at " +
                                   formatDuration(a.readyQueue.peakAt));
    figure(out, "pending timers", "at most " + std::to_string(a.timers.peak) + ", first at " +
                                      formatDuration(a.timers.peakAt));
    (void)index;
}

void writeDiagnostics(const TraceAnalysis& a, const ReportOptions& options, std::ostream& out) {
    out << "\nDiagnostics (" << a.diagnostics.size() << ")\n";
    if (a.diagnostics.empty()) {
        out << "  none\n";
        return;
    }
    const std::size_t shown = std::min(a.diagnostics.size(), options.maxDiagnostics);
    for (std::size_t i = 0; i < shown; ++i) {
        const Diagnostic& d = a.diagnostics[i];
        out << "  [" << toString(d.kind) << "] at " << formatDuration(d.time) << ": " << d.summary << "\n";
        std::size_t start = 0;
        while (start < d.detail.size()) {
            std::size_t end = d.detail.find('\n', start);
            if (end == std::string::npos)
                end = d.detail.size();
            out << "      " << std::string_view(d.detail).substr(start, end - start) << "\n";
            start = end + 1;
        }
        if (!d.advice.empty())
            out << "      fix: " << d.advice << "\n";
    }
    if (shown < a.diagnostics.size()) {
        std::size_t byKind[5] = {};
        for (std::size_t i = shown; i < a.diagnostics.size(); ++i)
            ++byKind[static_cast<int>(a.diagnostics[i].kind)];
        out << "  ... and " << a.diagnostics.size() - shown << " more:";
        const char* separator = " ";
        for (int kind = 0; kind < 5; ++kind) {
            if (byKind[kind] == 0)
                continue;
            out << separator << byKind[kind] << " " << toString(static_cast<DiagnosticKind>(kind));
            separator = ", ";
        }
        out << "\n";
    }
}

void writeTasks(const Trace& trace, const TraceIndex& index, const TraceAnalysis& a, const ReportOptions& options,
                std::ostream& out) {
    // Another tool's trace: a lane is a thread or an async slice, busy in a slice or idle between.
    const bool asyncio = trace.metadata.fromAsyncio();
    out << (asyncio ? "\nTasks (busiest first)\n" : "\nLanes (busiest first)\n");
    std::vector<std::size_t> order(trace.tasks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return a.tasks[x].running > a.tasks[y].running; });
    const std::size_t labelWidth = asyncio ? 32 : 48;
    if (asyncio)
        out << "  " << padded("task", labelWidth) << padded("running", 12) << padded("awaiting", 12) << padded("ready", 12)
            << "outcome\n";
    else
        out << "  " << padded("lane", labelWidth) << padded("busy", 12) << "idle\n";
    const std::size_t shown = std::min(order.size(), options.maxTaskRows);
    for (std::size_t row = 0; row < shown; ++row) {
        const std::size_t task = order[row];
        const TaskTotals& t = a.tasks[task];
        std::string label = taskLabel(trace, static_cast<TaskId>(task));
        if (trace.tasks[task].kind == TaskKind::Thread)
            label += " [thread]";
        else if (trace.tasks[task].kind == TaskKind::Main)
            label += " [no event loop]";
        out << "  " << padded(label, labelWidth) << padded(formatDuration(t.running), 12);
        if (asyncio)
            out << padded(formatDuration(t.awaiting), 12) << padded(formatDuration(t.ready), 12)
                << outcomeOf(index.lane(static_cast<TaskId>(task))) << "\n";
        else
            out << formatDuration(t.awaiting) << "\n";
    }
    if (order.size() > shown)
        out << "  ... and " << order.size() - shown << " more\n";
}

// The tasks a frozen loop held longest, each with where its whole time went (TimeBreakdown.h).
// Only when a freeze held anyone: a clean run's report stays as it was.
void writeHeldTasks(const DerivedTrace& derived, const ReportOptions& options, std::ostream& out) {
    const std::vector<TimeNs> held = heldTimes(derived.index(), derived.frozenStretches());
    std::vector<TaskId> order;
    for (std::size_t task = 0; task < held.size(); ++task)
        if (held[task] > 0)
            order.push_back(static_cast<TaskId>(task));
    if (order.empty())
        return;
    std::stable_sort(order.begin(), order.end(), [&](TaskId x, TaskId y) { return held[x] > held[y]; });
    out << "\nHeld longest by a frozen loop (" << order.size() << (order.size() == 1 ? " task" : " tasks") << ")\n";
    const std::size_t shown = std::min(order.size(), options.maxHeldRows);
    for (std::size_t row = 0; row < shown; ++row) {
        const TimeBreakdown breakdown = timeBreakdown(derived.trace(), derived.index(), derived.frozenStretches(),
                                                      derived.readyQueue(), order[row]);
        out << "  " << describeTimeBreakdown(derived.trace(), breakdown) << "\n";
    }
    if (order.size() > shown)
        out << "  ... and " << order.size() - shown << " more\n";
}

int writeReportText(const Trace& trace, std::string_view name, std::ostream& out, const ReportOptions& options) {
    const DerivedTrace derived(trace, {options.frozenThreshold});
    const TraceIndex& index = derived.index();
    const TraceAnalysis& a = derived.analysis();

    out << "Awaitscope report: " << name << "\n";
    if (!trace.metadata.title.empty())
        out << "  title: " << trace.metadata.title << "\n";
    out << "  clock: " << trace.metadata.clock;
    if (!trace.metadata.recorder.empty())
        out << ", recorded by " << trace.metadata.recorder;
    // A browser's trace or a plain script has no event loop to freeze or to walk.
    const bool loopFigures = trace.metadata.fromAsyncio() && trace.hasEventLoop();
    if (loopFigures)
        out << ", frozen-loop threshold " << formatDuration(options.frozenThreshold);
    out << "\n\n";

    writeFigures(trace, index, a, out);
    const std::vector<std::string> chain =
        loopFigures ? describeCriticalPath(trace, index, a.criticalPath, a.frozen) : std::vector<std::string>();
    if (!chain.empty()) {
        out << "\nCritical path\n";
        for (const std::string& sentence : chain)
            out << "  " << sentence << "\n";
    }
    writeDiagnostics(a, options, out);
    writeTasks(trace, index, a, options, out);
    writeHeldTasks(derived, options, out);

    const auto count = [&](DiagnosticKind kind) {
        return std::count_if(a.diagnostics.begin(), a.diagnostics.end(), [&](const Diagnostic& d) { return d.kind == kind; });
    };
    const auto frozen = count(DiagnosticKind::FrozenLoop);
    const auto neverAwaited = count(DiagnosticKind::NeverAwaited);
    out << "\nResult: ";
    if (!a.failsReport()) {
        out << "clean (exit code " << kExitClean << ")\n";
        return kExitClean;
    }
    std::string findings;
    if (frozen)
        findings += "the loop froze " + std::to_string(frozen) + (frozen == 1 ? " time" : " times");
    if (neverAwaited)
        findings += (findings.empty() ? "" : ", and ") + std::to_string(neverAwaited) +
                    (neverAwaited == 1 ? " coroutine was" : " coroutines were") + " never awaited";
    const auto raised = std::find_if(a.diagnostics.begin(), a.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.kind == DiagnosticKind::ScriptError; });
    if (raised != a.diagnostics.end())
        findings += (findings.empty() ? "the script raised " : ", and the script raised ") +
                    std::string(tracebackLastLine(trace.str(trace.scriptErrors[raised->source].text)));
    out << findings << " (exit code " << kExitFindings << ")\n";
    return kExitFindings;
}

} // namespace

int writeReport(const Trace& trace, std::string_view name, std::ostream& out, const ReportOptions& options) {
    // Names, titles and messages come from the trace: escaped, so that none reaches the terminal as a control sequence.
    std::ostringstream text;
    const int code = writeReportText(trace, name, text, options);
    out << terminalSafe(text.str());
    return code;
}

int runReportCommand(const std::string& path, std::ostream& out, std::ostream& err, const ReportOptions& options) {
    const LoadResult loaded = loadTraceFile(path);
    if (!loaded.ok) {
        err << "awaitscope: " << terminalSafe(loaded.error) << "\n";
        return kExitError;
    }
    for (const LoadWarning& warning : loaded.warnings)
        err << "awaitscope: warning: " << terminalSafe(toString(warning)) << "\n";
    return writeReport(loaded.trace, path, out, options);
}

} // namespace awaitscope
