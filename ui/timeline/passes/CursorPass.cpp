// The cursor overlays, drawn over the cached lanes every frame: a marked moment, the measured
// range, the playhead (with the future washed out and each lane's state on a chip), and the
// hover line.
#include <awaitscope/analysis/PlayheadState.h>

#include "timeline/passes/PaintContext.h"

#include <QFontMetrics>

#include <cmath>

namespace awaitscope::ui {

namespace {

void paintPlayhead(PaintContext& c) {
    // An overlay over the cached lanes: moving the playhead repaints no lane.
    QPainter& p = c.p;
    const TimelineFrame& f = c.frame;
    const TimeScale& scale = c.scale;
    const TimelineStyle& st = c.style;
    const QRect plot = c.geometry.plot;
    const QRect ruler = c.geometry.ruler;
    const DerivedTrace& model = c.model;
    const double x = scale.timeToX(*f.playhead);
    // What has not happened yet is washed out.
    if (x < plot.right()) {
        QColor wash = st.background;
        wash.setAlpha(st.dark ? 150 : 165);
        const double left = std::max<double>(x, plot.left());
        p.fillRect(QRectF(left, plot.top(), plot.right() + 1 - left, plot.height()), wash);
    }
    p.setPen(QPen(st.playhead, 2.0));
    p.drawLine(QPointF(x, ruler.top()), QPointF(x, plot.bottom()));
    QPolygonF knob;
    knob << QPointF(x - 6, ruler.top() + 1) << QPointF(x + 6, ruler.top() + 1) << QPointF(x, ruler.top() + 9);
    p.setPen(Qt::NoPen);
    p.setBrush(st.playhead);
    p.drawPolygon(knob);
    if (x < plot.left() - 2 || x > plot.right() + 2)
        return;

    // Each lane's state at this instant, on a chip beside the line.
    const PlayheadState state(model, *f.playhead, f.playheadStep);
    const LaneMetrics& m = c.layout.metrics();
    p.setFont(st.smallFont);
    const QFontMetrics metrics(st.smallFont);
    auto chip = [&](int top, int height, const QString& text, const QColor& fill, const QColor& ink, const QRect& clip) {
        const int w = metrics.horizontalAdvance(text) + 10;
        QRectF box(x + 5, top + (height - 16) / 2.0, w, 16);
        if (box.right() > plot.right())
            box.moveRight(x - 5);
        if (!clip.intersects(box.toAlignedRect()))
            return;
        p.save();
        p.setClipRect(clip);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(fill.darker(130), 1));
        p.setBrush(fill);
        p.drawRoundedRect(box, 4, 4);
        p.setPen(ink);
        p.drawText(box, Qt::AlignCenter, text);
        p.restore();
    };
    const auto& rows = c.layout.rows();
    const QRect pinned = c.geometry.pinnedPlot;
    const QRect tasks = c.geometry.taskPlot;
    const TaskId holder = state.holder();
    // A frozen loop already wears its red band and label.
    if (c.layout.asyncioWords()) {
        const LayoutRow& loop = rows.front();
        if (holder == kNoTask)
            chip(f.rowTop(loop), loop.height, QStringLiteral("idle"), st.loopIdle, st.text, pinned);
        else if (state.task(holder).phase != TaskPhase::Blocking)
            chip(f.rowTop(loop), loop.height, QStringLiteral("runs %1").arg(qs(model.taskName(holder))), st.taskColor(holder),
                 Qt::white, pinned);
    }
    // Only the lanes on screen ask for their state.
    const auto [first, last] = c.layout.visibleTaskRows(f.scrollY, tasks.height());
    for (std::size_t i = first; i < last; ++i) {
        const LayoutRow& row = rows[i];
        if (row.kind != RowKind::Task)
            continue;
        const int barTop = f.rowTop(row) + row.stateOffset(m);
        const TaskMoment moment = state.task(row.task);
        switch (moment.phase) {
        case TaskPhase::NotCreated: break;
        case TaskPhase::Running:
            if (model.isThread(row.task))
                chip(barTop, m.stateBarHeight, QStringLiteral("working"), st.thread, st.threadText, tasks);
            else
                chip(barTop, m.stateBarHeight, QStringLiteral("running"), st.running, st.runningText, tasks);
            break;
        case TaskPhase::Blocking:
            chip(barTop, m.stateBarHeight,
                 model.isMainProgram(row.task) ? QStringLiteral("blocking") : QStringLiteral("blocking the loop"), st.blocking,
                 st.blockingText, tasks);
            break;
        case TaskPhase::Ready: chip(barTop, m.stateBarHeight, QStringLiteral("ready"), st.ready, st.readyText, tasks); break;
        case TaskPhase::Awaiting:
            chip(barTop, m.stateBarHeight, qs(model.awaitPhrase(moment.await)), st.awaiting, st.awaitingText, tasks);
            break;
        case TaskPhase::Done: break;  // its end marker says so
        case TaskPhase::Failed: chip(barTop, m.stateBarHeight, QStringLiteral("failed"), st.failed, Qt::white, tasks); break;
        case TaskPhase::Cancelled: chip(barTop, m.stateBarHeight, QStringLiteral("cancelled"), st.cancelled, Qt::white, tasks); break;
        }
    }
    p.setFont(st.font);
}

// A dashed line down the lanes and its word on a tag in the ruler.
void paintMark(PaintContext& c, const TimeMark& mark) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const QRect plot = c.geometry.plot;
    const QRect ruler = c.geometry.ruler;
    const double x = std::round(c.scale.timeToX(mark.time)) + 0.5;
    if (x < plot.left() - 1 || x > plot.right() + 1)
        return;
    p.setPen(QPen(st.mark, 2.0, Qt::DashLine));
    p.drawLine(QPointF(x, ruler.top()), QPointF(x, plot.bottom()));
    if (mark.label.isEmpty())
        return;
    p.setFont(st.smallFont);
    const double w = QFontMetrics(st.smallFont).horizontalAdvance(mark.label) + 10;
    QRectF tag(x + 3, ruler.bottom() - 17, w, 15);
    if (tag.right() > plot.right())
        tag.moveRight(x - 3);
    p.setPen(Qt::NoPen);
    p.setBrush(st.mark);
    p.drawRoundedRect(tag, 3, 3);
    p.setPen(st.markText);
    p.drawText(tag, Qt::AlignCenter, mark.label);
    p.setFont(st.font);
}

} // namespace

void paintCursorAndPlayhead(PaintContext& c) {
    QPainter& p = c.p;
    const TimelineFrame& f = c.frame;
    const TimeScale& scale = c.scale;
    const TimelineStyle& st = c.style;
    const QRect plot = c.geometry.plot;
    const QRect ruler = c.geometry.ruler;
    p.save();
    p.setClipRect(plot.united(ruler));
    if (f.mark)
        paintMark(c, *f.mark);
    if (f.measure && !f.measure->isEmpty()) {
        const double x0 = scale.clampX(scale.timeToX(f.measure->begin));
        const double x1 = scale.clampX(scale.timeToX(f.measure->end));
        p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), st.measure);
        p.setPen(QPen(st.measureText, 1.0, Qt::DashLine));
        p.drawLine(QPointF(x0, ruler.top()), QPointF(x0, plot.bottom()));
        p.drawLine(QPointF(x1, ruler.top()), QPointF(x1, plot.bottom()));
        const QString text = QStringLiteral("Δ %1").arg(qs(formatDuration(f.measure->duration())));
        p.setFont(st.boldFont);
        const double w = QFontMetrics(st.boldFont).horizontalAdvance(text) + 12;
        const QRectF box((x0 + x1) / 2 - w / 2, ruler.top() + 4, w, ruler.height() - 8);
        p.setPen(Qt::NoPen);
        p.setBrush(st.measureText);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(st.invertedText);
        p.drawText(box, Qt::AlignCenter, text);
    }
    if (f.playhead)
        paintPlayhead(c);
    if (f.hoverTime) {
        const double x = std::round(scale.timeToX(*f.hoverTime)) + 0.5;
        p.setPen(QPen(st.hover, 1.0));
        p.drawLine(QPointF(x, ruler.top()), QPointF(x, plot.bottom()));
    }
    p.restore();
    p.setFont(st.font);
}

} // namespace awaitscope::ui
