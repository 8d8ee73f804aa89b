#pragma once

// Two compared runs' differences as the window shows them: the headline in the window's
// words, and one entry per difference (where the runs first diverge, tasks of one run only,
// moved starts, ends and held times, freezes that came or went), each with the task to select
// and the moments to bring into view in each run. Read from core's RunDiff, so the window and
// `--diff` tell one story.
#include <awaitscope/analysis/RunDiff.h>

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace awaitscope::ui {

// Whose runs are compared: a run kept above the open one (Run ▸ Compare With), or the run
// before an edit above the edited run; the words then speak of "your change".
enum class ComparisonKind : std::uint8_t { Runs, Edit };

enum class DifferenceKind : std::uint8_t { Divergence, OnlyAbove, OnlyBelow, Timing, Freeze, More };

struct Difference {
    DifferenceKind kind = DifferenceKind::More;
    QString text;
    TaskId taskAbove = kNoTask;  // the task to select in the run above, if it has one
    TaskId taskBelow = kNoTask;
    std::optional<TimeRange> above;  // what to bring into view, in each run's time
    std::optional<TimeRange> below;
    // Both runs' moments together, for their one shared time scale; empty: none.
    std::optional<TimeRange> span() const;
};

struct RunComparison {
    bool sameStory = false;
    // "Your change made Task-3 (call_tool) start 1.2 s later: line 14 now blocks the loop", or
    // "Same story: the same tasks ran in the same order".
    QString headline;
    std::vector<Difference> differences;
    // Where each run's first diverging step happened (none when they take the same turns, or
    // when that run had no more steps).
    std::optional<TimeNs> divergenceAbove;
    std::optional<TimeNs> divergenceBelow;
};

RunNames runNames(ComparisonKind kind);

// Lists at most `maxDifferences` entries, then one that counts the rest.
RunComparison compareRuns(const DerivedTrace& above, const DerivedTrace& below, ComparisonKind kind,
                          std::size_t maxDifferences = 300);

} // namespace awaitscope::ui
