#include "awaitscope/analysis/CoroutineGroups.h"

#include "RadixSort.h"

#include <algorithm>
#include <bit>
#include <unordered_map>

namespace awaitscope {

GroupActivity::GroupActivity(RecordVector<ActivityPoint> points) : points_(std::move(points)) {
    Area area;
    checkpoints_.reserve(points_.size() / kCheckpointEvery + 1);
    for (std::size_t i = 0; i < points_.size(); ++i) {
        if (i % kCheckpointEvery == 0)
            checkpoints_.push_back(area);
        const ActivityPoint& p = points_[i];
        peakAlive_ = std::max(peakAlive_, p.running + p.ready + p.awaiting);
        if (i + 1 < points_.size()) {
            const auto width = static_cast<long double>(points_[i + 1].time - p.time);
            area.running += width * p.running;
            area.ready += width * p.ready;
            area.awaiting += width * p.awaiting;
        }
    }
}

ActivityPoint GroupActivity::at(TimeNs t) const {
    const std::size_t i = lastIndex(points_, t);
    if (i == points_.size())
        return {t, 0, 0, 0};
    return points_[i];
}

GroupActivity::Area GroupActivity::areaUntil(TimeNs t) const { return areaThrough(lastIndex(points_, t), t); }

GroupActivity::Area GroupActivity::areaThrough(std::size_t last, TimeNs t) const {
    if (last == points_.size())
        return {};
    const std::size_t k = last / kCheckpointEvery;
    Area area = checkpoints_[k];
    for (std::size_t i = k * kCheckpointEvery; i < last; ++i) {
        const auto width = static_cast<long double>(points_[i + 1].time - points_[i].time);
        area.running += width * points_[i].running;
        area.ready += width * points_[i].ready;
        area.awaiting += width * points_[i].awaiting;
    }
    const ActivityPoint& p = points_[last];
    const auto width = static_cast<long double>(t - p.time);
    area.running += width * p.running;
    area.ready += width * p.ready;
    area.awaiting += width * p.awaiting;
    return area;
}

GroupActivity::Average GroupActivity::averageOver(const Area& a, const Area& b, TimeNs width) {
    const auto w = static_cast<long double>(width);
    return {static_cast<double>((b.running - a.running) / w), static_cast<double>((b.ready - a.ready) / w),
            static_cast<double>((b.awaiting - a.awaiting) / w)};
}

GroupActivity::Average GroupActivity::averageIn(TimeNs begin, TimeNs end) const {
    if (end <= begin)
        return {};
    return averageOver(areaUntil(begin), areaUntil(end), end - begin);
}

GroupActivity::Average GroupActivity::Sweep::averageIn(TimeNs begin, TimeNs end) {
    if (end <= begin)
        return {};
    const Area a = haveLast_ && begin == lastEnd_ ? lastArea_ : areaAt(begin);
    lastArea_ = areaAt(end);
    lastEnd_ = end;
    haveLast_ = true;
    return averageOver(a, lastArea_, end - begin);
}

GroupActivity::Area GroupActivity::Sweep::areaAt(TimeNs t) {
    const auto& points = activity_.points_;
    if (points.empty() || t < points.front().time)
        return {};
    // The last point at or before t: galloping on from the last search when t is past it.
    std::size_t lo = 0, hi = points.size();
    if (from_ < points.size() && points[from_].time <= t) {
        lo = from_;
        std::size_t step = 1;
        for (; lo + step < points.size() && points[lo + step].time <= t; step *= 2)
            lo += step;
        hi = std::min(points.size(), lo + step);  // points[lo] <= t < points[lo + step]
    }
    const auto after = std::upper_bound(points.begin() + static_cast<std::ptrdiff_t>(lo), points.begin() + static_cast<std::ptrdiff_t>(hi), t,
                                        [](TimeNs value, const ActivityPoint& p) { return value < p.time; });
    from_ = static_cast<std::size_t>(after - points.begin()) - 1;
    return activity_.areaThrough(from_, t);
}

namespace {

// One change of a count, packed: the time (from the earliest) above 3 bits, the state in two and
// whether it is a start in the lowest. Eight bytes, not sixteen: a group of a million tasks has
// millions of changes to sort, and their order within an instant does not matter (they add up).
constexpr int kStepBits = 3;

GroupActivity activityOf(const TraceIndex& index, const std::vector<TaskId>& tasks) {
    std::size_t spans = 0;
    std::uint64_t lowest = ~std::uint64_t{0};
    std::uint64_t highest = 0;
    for (TaskId task : tasks) {
        const std::span<const Span> laneSpans = index.lane(task).spans;
        spans += laneSpans.size();
        for (const Span& span : laneSpans) {
            lowest = std::min(lowest, detail::timeKey(span.begin));
            highest = std::max(highest, detail::timeKey(span.end));
        }
    }
    if (spans == 0 || lowest > highest)
        return GroupActivity(RecordVector<ActivityPoint>{});
    // Times spread over more than 2^61 ns (73 years) lose their lowest bits: a hostile file's
    // group activity may be a little off, never out of order.
    const int shift = std::max(0, static_cast<int>(std::bit_width(highest - lowest)) + kStepBits - 64);
    auto pack = [&](TimeNs t, SpanState state, bool start) {
        return ((detail::timeKey(t) - lowest) >> shift) << kStepBits | std::uint64_t{static_cast<std::uint8_t>(state)} << 1 |
               std::uint64_t{start};
    };
    RecordVector<std::uint64_t> steps;
    steps.reserve(spans * 2);
    for (TaskId task : tasks)
        for (const Span& span : index.lane(task).spans) {
            if (span.end <= span.begin)
                continue;  // takes no time: it adds nothing to the average of any stretch
            steps.push_back(pack(span.begin, span.state, true));
            steps.push_back(pack(span.end, span.state, false));
        }
    detail::radixSortByKey(steps, [](std::uint64_t step) { return step >> kStepBits; });
    auto timeOf = [&](std::uint64_t step) {
        return static_cast<TimeNs>((((step >> kStepBits) << shift) + lowest) ^ detail::timeKey(0));  // timeKey undone
    };
    RecordVector<ActivityPoint> points;
    std::int64_t counts[3] = {0, 0, 0};
    for (std::size_t i = 0; i < steps.size();) {
        const std::uint64_t key = steps[i] >> kStepBits;
        const TimeNs time = timeOf(steps[i]);
        for (; i < steps.size() && steps[i] >> kStepBits == key; ++i)
            counts[(steps[i] >> 1) & 3] += (steps[i] & 1) ? 1 : -1;
        auto count = [&](SpanState s) { return static_cast<std::uint32_t>(std::max<std::int64_t>(0, counts[static_cast<int>(s)])); };
        const ActivityPoint point{time, count(SpanState::Running), count(SpanState::Ready), count(SpanState::Awaiting)};
        if (!points.empty() && points.back().running == point.running && points.back().ready == point.ready &&
            points.back().awaiting == point.awaiting)
            continue;
        points.push_back(point);
    }
    return GroupActivity(std::move(points));
}

} // namespace

CoroutineGroups::CoroutineGroups(const Trace& trace, const TraceIndex& index, const TaskTree& tree,
                                 const std::vector<FrozenStretch>& frozen, const std::vector<Diagnostic>& diagnostics) {
    const std::size_t taskCount = std::min(trace.tasks.size(), index.lanes().size());
    groupOf_.assign(taskCount, kNoGroup);
    auto nameOf = [&](TaskId task) -> StringId {
        const FrameId frame = trace.tasks[task].coroutine;
        return frame < trace.frames.size() ? trace.frames[frame].name : 0;
    };
    auto formGroups = [&](std::span<const TaskId> siblings, TaskId parent) {
        if (siblings.size() < kMinGroupSize)
            return;
        // Key: the coroutine's name and whether the lanes are threads.
        std::unordered_map<std::uint64_t, std::uint32_t> counts;
        for (TaskId task : siblings)
            ++counts[(std::uint64_t{nameOf(task)} << 1) | static_cast<std::uint64_t>(trace.tasks[task].kind == TaskKind::Thread)];
        std::unordered_map<std::uint64_t, std::uint32_t> groupOfKey;
        for (TaskId task : siblings) {
            const std::uint64_t key = (std::uint64_t{nameOf(task)} << 1) | static_cast<std::uint64_t>(trace.tasks[task].kind == TaskKind::Thread);
            if (counts[key] < kMinGroupSize)
                continue;
            auto [it, added] = groupOfKey.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
            if (added) {
                CoroutineGroup group;
                group.parent = parent;
                group.kind = trace.tasks[task].kind;
                group.name = nameOf(task);
                group.tasks.reserve(counts[key]);
                groups_.push_back(std::move(group));
            }
            groups_[it->second].tasks.push_back(task);
            groupOf_[task] = it->second;
        }
    };
    formGroups(tree.roots(), kNoTask);
    for (TaskId task = 0; task < taskCount; ++task)
        formGroups(tree.children(task), task);

    for (CoroutineGroup& group : groups_) {
        group.range = {INT64_MAX, INT64_MIN};
        for (TaskId task : group.tasks) {
            const TaskLane& lane = index.lane(task);
            group.range.begin = std::min(group.range.begin, lane.begin);
            group.range.end = std::max(group.range.end, lane.end);
            if (!lane.finished)
                ++group.unfinished;
            else if (lane.outcome == TaskOutcome::Done)
                ++group.done;
            else if (lane.outcome == TaskOutcome::Failed)
                ++group.failed;
            else
                ++group.cancelled;
        }
        group.activity = activityOf(index, group.tasks);
    }
    for (std::uint32_t i = 0; i < frozen.size(); ++i)
        if (const std::uint32_t g = groupOf(frozen[i].culprit); g != kNoGroup)
            groups_[g].frozen.push_back(i);
    for (std::uint32_t i = 0; i < diagnostics.size(); ++i)
        if (const std::uint32_t g = groupOf(diagnostics[i].task); g != kNoGroup)
            groups_[g].diagnostics.push_back(i);
}

} // namespace awaitscope
