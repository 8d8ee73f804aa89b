#include "model/RunComparison.h"

#include "model/QtText.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <algorithm>

namespace awaitscope::ui {

namespace {

QString sentence(const std::string& text) { return qs(capitalized(text)); }

Difference differenceOf(DifferenceKind kind, const std::string& text) {
    Difference difference;
    difference.kind = kind;
    difference.text = sentence(text);
    return difference;
}

TimeRange pointAt(TimeNs time) { return {time, time}; }

TimeRange lifetime(const DerivedTrace& run, TaskId task) { return {run.index().lane(task).begin, run.index().lane(task).end}; }

} // namespace

std::optional<TimeRange> Difference::span() const {
    if (above && below)
        return TimeRange{std::min(above->begin, below->begin), std::max(above->end, below->end)};
    return above ? above : below;
}

RunNames runNames(ComparisonKind kind) {
    if (kind == ComparisonKind::Edit)
        return {"the run before", "your change", "in the run before", "with your change"};
    return {"the run above", "the run below", "in the run above", "in the run below"};
}

RunComparison compareRuns(const DerivedTrace& above, const DerivedTrace& below, ComparisonKind kind,
                          std::size_t maxDifferences) {
    const RunDiff diff = diffRuns(above, below);
    const RunNames names = runNames(kind);
    RunComparison result;
    result.sameStory = diff.sameStory();
    result.headline = result.sameStory ? QStringLiteral("Same story: the same tasks ran in the same order")
                                       : sentence(describeHeadline(above, below, diff, names));
    std::size_t total = 0;
    auto add = [&](Difference difference) {
        if (++total <= maxDifferences)
            result.differences.push_back(std::move(difference));
    };

    if (diff.divergence.found) {
        const Divergence& d = diff.divergence;
        Difference entry = differenceOf(DifferenceKind::Divergence, describeDivergence(above, below, d, names));
        if (d.a.task != kNoTask) {
            entry.taskAbove = d.a.task;
            entry.above = pointAt(d.a.time);
            result.divergenceAbove = d.a.time;
        }
        if (d.b.task != kNoTask) {
            entry.taskBelow = d.b.task;
            entry.below = pointAt(d.b.time);
            result.divergenceBelow = d.b.time;
        }
        add(std::move(entry));
    }
    for (const TaskId task : diff.onlyInA)
        add({DifferenceKind::OnlyAbove, sentence("only " + names.inA + ": " + taskLabel(above.trace(), task)),
             task, kNoTask, lifetime(above, task), std::nullopt});
    for (const TaskId task : diff.onlyInB)
        add({DifferenceKind::OnlyBelow, sentence("only " + names.inB + ": " + taskLabel(below.trace(), task)),
             kNoTask, task, std::nullopt, lifetime(below, task)});
    for (const TimingChange& change : diff.timing) {
        const TaskMatch& match = diff.matches[change.match];
        const bool held = change.timing == TaskTiming::Held;
        add({DifferenceKind::Timing, sentence(describeTimingChange(above, below, diff, change, names)), match.a, match.b,
             held ? lifetime(above, match.a) : pointAt(change.inA), held ? lifetime(below, match.b) : pointAt(change.inB)});
    }
    for (const FreezeChange& change : diff.freezes) {
        Difference entry = differenceOf(DifferenceKind::Freeze, describeFreezeChange(above, below, change, names));
        if (!change.added()) {
            const FrozenStretch& stretch = above.frozenStretches()[change.inA];
            entry.taskAbove = stretch.culprit;
            entry.above = TimeRange{stretch.begin, stretch.end};
        }
        if (!change.removed()) {
            const FrozenStretch& stretch = below.frozenStretches()[change.inB];
            entry.taskBelow = stretch.culprit;
            entry.below = TimeRange{stretch.begin, stretch.end};
        }
        add(std::move(entry));
    }
    if (total > maxDifferences)
        result.differences.push_back(differenceOf(DifferenceKind::More, "… and " + std::to_string(total - maxDifferences) + " more"));
    return result;
}

} // namespace awaitscope::ui
