#include "awaitscope/analysis/LoopFigures.h"

#include "RadixSort.h"

#include <algorithm>
#include <utility>

namespace awaitscope {

LoopUsage loopUsage(const TraceIndex& index) {
    LoopUsage usage;
    usage.begin = index.begin();
    usage.end = index.end();
    // Slices are sorted by begin; an imported trace may overlap them, so take their union.
    TimeNs coveredUntil = usage.begin;
    for (const LoopSlice& slice : index.loopSlices()) {
        const TimeNs begin = std::max(slice.begin, coveredUntil);
        const TimeNs end = std::min(slice.end, usage.end);
        if (end > begin) {
            usage.busy += end - begin;
            coveredUntil = end;
        }
    }
    usage.idle = std::max<TimeNs>(0, usage.elapsed() - usage.busy);
    return usage;
}

PeakConcurrency peakConcurrency(const Trace& trace, const TraceIndex& index) {
    std::vector<TimeNs> begins;
    std::vector<TimeNs> ends;
    for (std::size_t i = 0; i < index.lanes().size() && i < trace.tasks.size(); ++i) {
        if (trace.tasks[i].kind != TaskKind::Task)
            continue;
        const TaskLane& lane = index.lanes()[i];
        begins.push_back(lane.begin);
        ends.push_back(std::max(lane.begin, lane.end));
    }
    PeakConcurrency peak;
    detail::sweepIntervals(begins, ends, [&](TimeNs time, std::uint64_t alive) {
        if (alive > peak.tasks) {
            peak.tasks = alive;
            peak.at = time;
        }
    });
    return peak;
}

SpeedUp speedUpOverSequential(const Trace& trace, const TraceIndex& index) {
    SpeedUp speedUp;
    speedUp.elapsed = index.end() - index.begin();
    for (std::size_t i = 0; i < index.lanes().size() && i < trace.tasks.size(); ++i) {
        if (trace.tasks[i].kind != TaskKind::Task)
            continue;  // a thread's work is the awaiting task's wait on it
        for (const Span& span : index.lanes()[i].spans) {
            const bool work = span.state == SpanState::Running ||
                              (span.state == SpanState::Awaiting &&
                               (span.kind == WaitKind::Timer || span.kind == WaitKind::Thread ||
                                span.kind == WaitKind::Future));
            if (work)
                speedUp.sequential += span.duration();
        }
    }
    return speedUp;
}

} // namespace awaitscope
