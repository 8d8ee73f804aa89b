// Task lanes: the state bar (running, awaiting, ready, folded runs), the blocking calls on it,
// the flame-chart levels under it, the end marker and the never-awaited ghosts above it.
#include "timeline/passes/PaintContext.h"

#include "model/SourceText.h"
#include "timeline/LaneHeader.h"

#include <QHash>

namespace awaitscope::ui {

namespace {

// What a task lane draws from, worked out once per lane.
struct TaskLaneScene {
    PaintContext& c;
    const LayoutRow& row;
    int top;
    const RowDrawList& items;
    const TaskLane& lane;
    int barTop;
    int barHeight;
    bool thread;
};

void flushLabels(PaintContext& c, std::vector<PendingLabel>& labels) {
    for (const PendingLabel& l : labels)
        c.labels.draw(c.p, l.rect, l.text, l.color, l.align);
    labels.clear();
}

// A label only where it can be read.
void addLabel(std::vector<PendingLabel>& labels, const QRect& rect, QString text, const QColor& color,
              Qt::Alignment align = Qt::AlignCenter) {
    if (rect.width() >= 28)
        labels.push_back({rect, std::move(text), color, align});
}

void paintStates(const TaskLaneScene& s) {
    PaintContext& c = s.c;
    const TimelineStyle& st = c.style;
    QColor readyHatch = st.readyText;
    readyHatch.setAlpha(60);
    RectBatch running, awaiting, awaitingEdge, ready, folded;
    const QColor& runningColor = s.thread ? st.thread : st.running;
    const QColor& runningText = s.thread ? st.threadText : st.runningText;
    std::vector<PendingLabel> labels;
    for (const DrawItem& item : s.items.spans) {
        const QRect rect = itemRect(item, s.barTop, s.barHeight);
        if (item.folded()) {
            folded.add(rect);
            if (rect.width() > 60)
                addLabel(labels, rect, QStringLiteral("%1 steps and waits").arg(item.count), st.foldedText);
            continue;
        }
        const Span& span = s.lane.spans[item.first];
        switch (span.state) {
        case SpanState::Running:
            running.add(rect);
            addLabel(labels, rect, s.thread ? QStringLiteral("working on a thread") : QStringLiteral("running"), runningText);
            break;
        case SpanState::Awaiting: {
            const QRect inner = rect.adjusted(0, 3, 0, -3);
            awaiting.add(inner);
            awaitingEdge.add(QRect(inner.left(), inner.top(), inner.width(), 1));
            awaitingEdge.add(QRect(inner.left(), inner.bottom(), inner.width(), 1));
            addLabel(labels, inner, waitLabel(c.model, s.row.task, span), st.awaitingText, Qt::AlignLeft);
            break;
        }
        case SpanState::Ready:
            ready.add(rect);
            addLabel(labels, rect, QStringLiteral("ready, waiting for the loop"), st.readyText);
            break;
        }
    }
    running.fill(c.p, runningColor);
    awaiting.fill(c.p, st.awaiting);
    awaitingEdge.fill(c.p, st.awaitingBorder);
    ready.fill(c.p, st.ready, true);
    ready.fill(c.p, QBrush(readyHatch, Qt::BDiagPattern));
    folded.fill(c.p, st.folded);
    flushLabels(c, labels);
}

// Blocking calls lie on top of the running step that made them, with their own words.
void paintBlockingCalls(const TaskLaneScene& s) {
    PaintContext& c = s.c;
    const TimelineStyle& st = c.style;
    const Trace& trace = c.model.trace();
    QColor blockingHatch = st.blockingText;
    blockingHatch.setAlpha(50);
    RectBatch blocking, threadWork;
    std::vector<PendingLabel> labels;
    for (const DrawItem& item : s.items.blocks) {
        const QRect rect = itemRect(item, s.barTop + 2, s.barHeight - 4);
        (s.thread ? threadWork : blocking).add(rect);
        if (item.folded())
            continue;
        const BlockSpan& block = s.lane.blocks[item.first];
        const QString what = block.block < trace.blocks.size() ? qs(trace.str(trace.blocks[block.block].what)) : QString();
        if (s.thread)
            addLabel(labels, rect, what + QStringLiteral(" — on a thread, the loop stays free"), st.threadText);
        else if (c.model.isMainProgram(s.row.task))
            addLabel(labels, rect, what + QStringLiteral(" — the program waits"), st.blockingText);
        else
            addLabel(labels, rect, what + QStringLiteral(" — blocks the whole loop"), st.blockingText);
    }
    threadWork.fill(c.p, st.thread.darker(125));
    blocking.fill(c.p, st.blocking, true);
    blocking.fill(c.p, QBrush(blockingHatch, Qt::FDiagPattern));
    flushLabels(c, labels);
}

// Flame-chart levels: a border colour under a lighter fill, batched per colour.
void paintFrames(const TaskLaneScene& s) {
    PaintContext& c = s.c;
    const TimelineStyle& st = c.style;
    const Trace& trace = c.model.trace();
    const LaneMetrics& m = c.layout.metrics();
    c.p.setFont(st.smallFont);
    QHash<QRgb, std::vector<QRect>> frameFills;
    RectBatch frameBorders, foldedFrames;
    std::vector<PendingLabel> labels;
    for (std::size_t level = 0; level < s.items.frames.size(); ++level) {
        const int depth = static_cast<int>(level) + 1;
        const int frameTop = s.top + s.row.frameOffset(m, depth);
        const auto frames = c.model.frameLevel(s.row.task, static_cast<std::size_t>(depth));
        for (const DrawItem& item : s.items.frames[level]) {
            const QRect rect = itemRect(item, frameTop, m.frameHeight - 2);
            if (item.folded()) {
                foldedFrames.add(rect);
                continue;
            }
            const FrameSpan& frame = s.lane.frames[frames[item.first].frameIndex];
            const std::string_view name = frame.frame < trace.frames.size() ? trace.str(trace.frames[frame.frame].name) : std::string_view();
            frameBorders.add(rect);
            if (rect.width() > 2 && rect.height() > 2)
                frameFills[st.frameColor(name).rgb()].push_back(rect.adjusted(1, 1, -1, -1));
            addLabel(labels, rect, qs(name) + QStringLiteral("()"), st.text, Qt::AlignLeft);
        }
    }
    foldedFrames.fill(c.p, st.folded);
    frameBorders.fill(c.p, st.dark ? st.separator : st.mutedText.lighter(150));
    for (auto it = frameFills.begin(); it != frameFills.end(); ++it) {
        RectBatch batch{std::move(it.value())};
        batch.fill(c.p, QColor::fromRgb(it.key()));
    }
    flushLabels(c, labels);
}

// How the task ended, just after its last moment.
void paintEnd(const TaskLaneScene& s) {
    PaintContext& c = s.c;
    const TimelineStyle& st = c.style;
    const TaskLane& lane = s.lane;
    if (!lane.finished)
        return;
    const double x = c.scale.timeToX(lane.end);
    if (x < c.scale.left() - 8 || x > c.scale.right() + 8)
        return;
    const double r = s.barHeight * 0.36;
    drawEndMarker(c.p, st, lane.outcome, QPointF(x + r + 2, s.barTop + s.barHeight / 2.0), r);
    QString note;
    QColor noteColor = st.mutedText;
    if (lane.outcome == TaskOutcome::Failed) {
        note = lane.error ? qs(c.model.trace().str(lane.error)) : QStringLiteral("failed");
        noteColor = st.failed;
    } else if (lane.outcome == TaskOutcome::Cancelled) {
        note = QStringLiteral("cancelled");
        noteColor = st.cancelled;
    }
    if (note.isEmpty())
        return;
    // After the marker if there is room, else just before it on a plate.
    const double width = c.labels.width(c.p.font(), note) + 10;
    const double after = x + 2 * r + 6;
    QRectF noteRect(after, s.barTop + 2, width, s.barHeight - 4);
    if (after + width > c.scale.right())
        noteRect.moveRight(x - 3);
    QColor plate = st.background;
    plate.setAlpha(230);
    c.p.fillRect(noteRect, plate);
    c.labels.draw(c.p, noteRect, note, noteColor);
}

// Never-awaited coroutines: ghosts in the strip above the bar, where they were created, with
// a dotted drop line to the moment on the bar.
void paintGhosts(const TaskLaneScene& s) {
    PaintContext& c = s.c;
    const TimelineStyle& st = c.style;
    const Trace& trace = c.model.trace();
    const auto list = c.model.neverAwaitedBy(s.row.task);
    const double ghostY = s.top + s.row.markerCentreOffset(c.layout.metrics());
    for (const MarkerItem& marker : s.items.markers) {
        const double r = s.row.markerStrip * 0.42;
        c.p.setPen(QPen(st.ghost, 1, Qt::DotLine));
        c.p.drawLine(QPointF(marker.x, ghostY + r), QPointF(marker.x, s.barTop + s.barHeight));
        drawGhostMarker(c.p, st, QPointF(marker.x, ghostY), r);
        const NeverAwaited& never = trace.neverAwaited[list[marker.first]];
        const QString text = marker.count > 1 ? QStringLiteral("%1 coroutines never awaited").arg(marker.count)
                                              : QStringLiteral("%1 made a coroutine here; nothing awaited it, so it never ran")
                                                    .arg(writtenCall(trace, never));
        const QRectF box(marker.x + r + 3, ghostY - 8, c.labels.width(c.p.font(), text) + 12, 16);
        QColor back = st.background;
        back.setAlpha(225);
        c.p.setPen(QPen(st.ghost, 1));
        c.p.setBrush(back);
        c.p.drawRoundedRect(box, 3, 3);
        c.labels.draw(c.p, box, text, st.ghostText);
    }
}

} // namespace

void paintTaskLane(PaintContext& c, const LayoutRow& row, int top, const RowDrawList& items) {
    if (row.task >= c.model.taskCount())
        return;
    const LaneMetrics& m = c.layout.metrics();
    const TaskLaneScene scene{c, row, top, items, c.model.index().lane(row.task), top + row.stateOffset(m), m.stateBarHeight,
                              c.model.isThread(row.task)};
    paintStates(scene);
    paintBlockingCalls(scene);
    paintFrames(scene);
    paintEnd(scene);
    paintGhosts(scene);
    c.p.setFont(c.style.font);
}

} // namespace awaitscope::ui
