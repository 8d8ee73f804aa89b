#include "timeline/LaneHeader.h"

#include "model/QtText.h"
#include "model/SelectionInfo.h"

namespace awaitscope::ui {

LaneHeader laneHeader(const DerivedTrace& model, const LayoutRow& row) {
    switch (row.kind) {
    case RowKind::Loop: return {QStringLiteral("Event loop"), QStringLiteral("who runs now")};
    case RowKind::ReadyQueue:
        return {QStringLiteral("Ready queue"), QStringLiteral("waiting to run · max %1").arg(model.readyQueue().peak)};
    case RowKind::PendingTimers:
        return {QStringLiteral("Timers"), QStringLiteral("tasks asleep · max %1").arg(model.pendingTimers().peak)};
    case RowKind::Group: return {groupTitle(model, row.group), groupSubtitle(model, row.group)};
    case RowKind::Task: {
        LaneHeader text{qs(model.taskName(row.task)), {}};
        const std::string coroutine = model.coroutineName(row.task);
        if (model.isThread(row.task))
            text.subtitle = QStringLiteral("thread");
        else if (!coroutine.empty() && coroutine != model.taskName(row.task))
            text.subtitle = qs(coroutine) + QStringLiteral("()");
        return text;
    }
    }
    return {};
}

} // namespace awaitscope::ui
