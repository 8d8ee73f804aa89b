#include "awaitscope/analysis/TaskTotals.h"

namespace awaitscope {

std::vector<TaskTotals> taskTotals(const TraceIndex& index) {
    std::vector<TaskTotals> totals(index.lanes().size());
    for (std::size_t i = 0; i < totals.size(); ++i) {
        const TaskLane& lane = index.lanes()[i];
        TaskTotals& t = totals[i];
        for (const Span& span : lane.spans) {
            switch (span.state) {
            case SpanState::Running: t.running += span.duration(); break;
            case SpanState::Awaiting: t.awaiting += span.duration(); break;
            case SpanState::Ready: t.ready += span.duration(); break;
            }
        }
        t.lifetime = lane.end > lane.begin ? lane.end - lane.begin : 0;
    }
    return totals;
}

} // namespace awaitscope
