#include "timeline/LaneHeader.h"

#include "model/QtText.h"
#include "model/SelectionInfo.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>

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
        // A name asyncio made up ("Task-3") says less than the coroutine the task runs: that
        // leads, and the made-up name follows in small print.
        static const QRegularExpression madeUp(QStringLiteral("^Task-\\d+$"));
        if (model.trace().metadata.fromAsyncio() && !coroutine.empty() && !model.isThread(row.task) &&
            madeUp.match(text.title).hasMatch())
            return {qs(coroutine) + QStringLiteral("()"), text.title};
        if (model.isThread(row.task))
            text.subtitle = QStringLiteral("thread");
        else if (model.isMainProgram(row.task))
            text.subtitle = QStringLiteral("no event loop");
        else if (!coroutine.empty() && coroutine != model.taskName(row.task))
            text.subtitle = qs(coroutine) + QStringLiteral("()");
        return text;
    }
    }
    return {};
}

QString waitLabel(const DerivedTrace& model, TaskId task, const Span& span) {
    const QString phrase = qs(model.awaitPhrase(span.ref));
    if (!model.trace().metadata.fromAsyncio() || task >= model.taskCount())
        return phrase;
    const TaskLane& lane = model.index().lane(task);
    for (std::size_t depth = model.frameLevelCount(task); depth-- > 1;) {
        const auto level = model.frameLevel(task, depth);
        const auto after = std::partition_point(level.begin(), level.end(), [&](const LevelFrame& f) { return f.begin <= span.begin; });
        if (after == level.begin() || std::prev(after)->end <= span.begin)
            continue;
        const FrameSpan& frame = lane.frames[std::prev(after)->frameIndex];
        const Trace& trace = model.trace();
        if (frame.frame >= trace.frames.size())
            break;
        return QStringLiteral("%1() awaits %2").arg(qs(trace.str(trace.frames[frame.frame].name)), qs(model.awaitDescription(span.ref)));
    }
    return phrase;
}

} // namespace awaitscope::ui
