#pragma once

// Many tasks of one coroutine function: a TaskGroup of 200,000 fetch() calls is one thing to
// look at, not 200,000 lanes. Siblings (tasks of one parent) that run the same coroutine
// function form a group once there are kMinGroupSize of them; the timeline shows the group as
// one track ("fetch() × 199,999") with how many of its tasks run, wait for the loop and await
// at each moment, and expands it to its lanes on request.
#include "awaitscope/analysis/Diagnostics.h"
#include "awaitscope/analysis/TaskTree.h"
#include "awaitscope/analysis/TimeRange.h"

#include <cstdint>
#include <vector>

namespace awaitscope {

inline constexpr std::size_t kMinGroupSize = 100;
inline constexpr std::uint32_t kNoGroup = 0xFFFFFFFFu;

// How many of a group's tasks are in each state from `time` until the next point.
struct ActivityPoint {
    TimeNs time = 0;
    std::uint32_t running = 0;
    std::uint32_t ready = 0;
    std::uint32_t awaiting = 0;
};

// The three counts over time, with the time-weighted average over any stretch in
// O(log n): a pixel column of a zoomed-out band shows how many were in each state on average.
class GroupActivity {
public:
    struct Average {
        double running = 0;
        double ready = 0;
        double awaiting = 0;
    };
    GroupActivity() = default;
    explicit GroupActivity(RecordVector<ActivityPoint> points);

    const RecordVector<ActivityPoint>& points() const { return points_; }
    ActivityPoint at(TimeNs t) const;        // the counts in effect at t (zeros before the first point)
    Average averageIn(TimeNs begin, TimeNs end) const;
    std::uint32_t peakAlive() const { return peakAlive_; }  // the most tasks in any state at once

private:
    struct Area {
        long double running = 0, ready = 0, awaiting = 0;
    };
    static Average averageOver(const Area& a, const Area& b, TimeNs width);

public:
    // Averages over stretches that follow one another (a row of pixel columns, left to
    // right): where one stretch ends, the next begins, so each boundary's area is worked out
    // once, and each search goes on from the last one instead of over the whole series.
    class Sweep {
    public:
        explicit Sweep(const GroupActivity& activity) : activity_(activity) {}
        Average averageIn(TimeNs begin, TimeNs end);  // as GroupActivity::averageIn

    private:
        Area areaAt(TimeNs t);
        const GroupActivity& activity_;
        std::size_t from_ = 0;  // where the last search ended
        bool haveLast_ = false;
        TimeNs lastEnd_ = 0;
        Area lastArea_;
    };

private:
    Area areaUntil(TimeNs t) const;  // the integral of each count from the first point to t
    Area areaThrough(std::size_t last, TimeNs t) const;  // the same, with points_[last] the last at or before t

    static constexpr std::size_t kCheckpointEvery = 32;
    RecordVector<ActivityPoint> points_;
    RecordVector<Area> checkpoints_;  // checkpoints_[k]: the area up to points_[k * kCheckpointEvery]
    std::uint32_t peakAlive_ = 0;
};

struct CoroutineGroup {
    TaskId parent = kNoTask;        // every task of the group has this parent (kNoTask: top level)
    TaskKind kind = TaskKind::Task;
    StringId name = 0;              // the coroutine function
    std::vector<TaskId> tasks;      // in the parent's child order
    TimeRange range;                // from the first creation to the last finish
    std::uint32_t done = 0, failed = 0, cancelled = 0, unfinished = 0;
    GroupActivity activity;
    std::vector<std::uint32_t> frozen;       // frozen stretches a task of the group caused (indices)
    std::vector<std::uint32_t> diagnostics;  // diagnostics about a task of the group (indices)
};

class CoroutineGroups {
public:
    CoroutineGroups() = default;
    // `frozen` and `diagnostics` are the analysis' lists the groups index into.
    CoroutineGroups(const Trace& trace, const TraceIndex& index, const TaskTree& tree,
                    const std::vector<FrozenStretch>& frozen, const std::vector<Diagnostic>& diagnostics);

    const std::vector<CoroutineGroup>& groups() const { return groups_; }
    // The group `task` belongs to, or kNoGroup.
    std::uint32_t groupOf(TaskId task) const { return task < groupOf_.size() ? groupOf_[task] : kNoGroup; }

private:
    std::vector<CoroutineGroup> groups_;
    std::vector<std::uint32_t> groupOf_;
};

} // namespace awaitscope
