#include "awaitscope/cli/DiffCommand.h"

#include "awaitscope/analysis/TimeFormat.h"
#include "awaitscope/cli/TerminalText.h"
#include "awaitscope/io/TraceFile.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>

namespace awaitscope {

namespace {

std::string runSummary(const DerivedTrace& run, std::string_view name) {
    const std::size_t freezes = run.frozenStretches().size();
    const TimeNs elapsed = run.analysis().loop.elapsed();
    return std::string(name) + ": " + (elapsed == 0 ? std::string("0 s") : plainDuration(elapsed)) + ", " + std::to_string(run.taskCount()) +
           (run.taskCount() == 1 ? " task, " : " tasks, ") +
           (freezes == 0 ? std::string("no frozen loop")
                         : std::to_string(freezes) + (freezes == 1 ? " frozen loop" : " frozen loops"));
}

std::string taskLabels(const Trace& trace, const std::vector<TaskId>& tasks, std::size_t maxRows) {
    std::string text;
    const std::size_t shown = std::min(tasks.size(), maxRows);
    for (std::size_t k = 0; k < shown; ++k)
        text += (k == 0 ? "" : ", ") + taskLabel(trace, tasks[k]);
    if (shown < tasks.size())
        text += " and " + std::to_string(tasks.size() - shown) + " more";
    return text;
}

void moreRows(std::ostream& out, std::size_t total, std::size_t maxRows) {
    if (total > maxRows)
        out << "  ... and " << total - maxRows << " more\n";
}

int writeDiffText(const DerivedTrace& a, const DerivedTrace& b, std::string_view nameA, std::string_view nameB,
                  std::ostream& out, const DiffOptions& options) {
    const RunDiff diff = diffRuns(a, b, options.diff);
    out << "Awaitscope diff\n";
    out << "  A: " << runSummary(a, nameA) << "\n";
    out << "  B: " << runSummary(b, nameB) << "\n\n";
    out << diff.headline << ".\n";
    if (diff.sameStory()) {
        out << "\nResult: the same story (exit code " << kExitClean << ")\n";
        return kExitClean;
    }

    out << "\nTasks\n";
    const auto sameLine = std::count_if(diff.matches.begin(), diff.matches.end(), [](const TaskMatch& m) { return m.sameLine; });
    out << "  " << sameLine << " matched by name, coroutine and creation line\n";
    std::size_t moved = 0;
    for (const TaskMatch& match : diff.matches)
        if (!match.sameLine && ++moved <= options.maxRows)
            out << "  " << taskLabel(b.trace(), match.b) << " matched by name and coroutine: created"
                << atLine(a.trace(), a.trace().tasks[match.a].createdAt) << " in A," << atLine(b.trace(), b.trace().tasks[match.b].createdAt)
                << " in B\n";
    moreRows(out, moved, options.maxRows);
    if (!diff.onlyInA.empty())
        out << "  only in A: " << taskLabels(a.trace(), diff.onlyInA, options.maxRows) << "\n";
    if (!diff.onlyInB.empty())
        out << "  only in B: " << taskLabels(b.trace(), diff.onlyInB, options.maxRows) << "\n";

    out << "\nOrder\n  " << describeDivergence(a, b, diff.divergence) << "\n";

    out << "\nTiming (changes of " << plainDuration(diff.threshold) << " or more)\n";
    if (diff.timing.empty())
        out << "  every matched task starts, ends and is held as before\n";
    for (std::size_t k = 0; k < std::min(diff.timing.size(), options.maxRows); ++k)
        out << "  " << describeTimingChange(a, b, diff, diff.timing[k]) << "\n";
    moreRows(out, diff.timing.size(), options.maxRows);

    out << "\nFrozen loops (" << formatDuration(a.frozenThreshold()) << " or longer)\n";
    if (diff.freezes.empty())
        out << "  the same in both runs\n";
    for (std::size_t k = 0; k < std::min(diff.freezes.size(), options.maxRows); ++k)
        out << "  " << describeFreezeChange(a, b, diff.freezes[k]) << "\n";
    moreRows(out, diff.freezes.size(), options.maxRows);

    out << "\nResult: the runs differ (exit code " << kExitRunsDiffer << ")\n";
    return kExitRunsDiffer;
}

// One side of the diff: a trace file, else a script or lesson for `runSide`.
std::optional<Trace> loadSide(const std::string& spec, const RunDiffSide& runSide, std::ostream& err) {
    std::error_code error;
    const bool traceFile =
        std::filesystem::is_regular_file(spec, error) && std::filesystem::path(spec).extension() != ".py";
    if (!traceFile && runSide)
        return runSide(spec, err);
    LoadResult loaded = loadTraceFile(spec);
    if (!loaded.ok) {
        err << "awaitscope: " << terminalSafe(loaded.error) << "\n";
        return std::nullopt;
    }
    for (const LoadWarning& warning : loaded.warnings)
        err << "awaitscope: warning: " << terminalSafe(toString(warning)) << "\n";
    return std::move(loaded.trace);
}

} // namespace

int writeDiff(const DerivedTrace& a, const DerivedTrace& b, std::string_view nameA, std::string_view nameB,
              std::ostream& out, const DiffOptions& options) {
    // Names and lines come from the traces: escaped, so that none reaches the terminal as a control sequence.
    std::ostringstream text;
    const int code = writeDiffText(a, b, nameA, nameB, text, options);
    out << terminalSafe(text.str());
    return code;
}

int runDiffCommand(const std::string& a, const std::string& b, std::ostream& out, std::ostream& err,
                   const RunDiffSide& runSide, const DiffOptions& options) {
    const std::optional<Trace> traceA = loadSide(a, runSide, err);
    if (!traceA)
        return kExitError;
    const std::optional<Trace> traceB = loadSide(b, runSide, err);
    if (!traceB)
        return kExitError;
    const DerivedTrace derivedA(*traceA, {options.frozenThreshold});
    const DerivedTrace derivedB(*traceB, {options.frozenThreshold});
    return writeDiff(derivedA, derivedB, a, b, out, options);
}

} // namespace awaitscope
