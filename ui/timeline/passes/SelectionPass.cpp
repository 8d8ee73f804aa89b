// The selection: the selected lane tinted, the selected span, frame, blocking call, loop slice,
// ghost or frozen stretch outlined, and a caret at a selected moment.
#include "model/SelectionInfo.h"
#include "timeline/passes/PaintContext.h"

#include <algorithm>

namespace awaitscope::ui {

void paintSelection(PaintContext& c) {
    const TimelineFrame& f = c.frame;
    const Selection& sel = f.selection;
    if (sel.isEmpty())
        return;
    QPainter& p = c.p;
    const TimeScale& scale = c.scale;
    const TimelineStyle& st = c.style;
    const DerivedTrace& model = c.model;
    const TimelineLayout& layout = c.layout;
    const LaneMetrics& m = layout.metrics();
    const QRect plot = c.geometry.plot;
    auto rowOf = [&](TaskId task) -> const LayoutRow* {
        const int index = layout.rowOfTask(task);
        return index < 0 ? nullptr : &layout.rows()[static_cast<std::size_t>(index)];
    };
    auto outline = [&](double x0, double x1, double top, double height) {
        p.setPen(QPen(st.selection, 2.0));
        p.setBrush(Qt::NoBrush);
        const double left = scale.clampX(x0, 3);
        const double right = std::max(left + 2, scale.clampX(x1, 3));
        p.drawRect(QRectF(left - 1, top - 1, right - left + 2, height + 2));
    };
    p.save();
    p.setClipRect(plot);
    const LayoutRow* row = sel.task != kNoTask ? rowOf(sel.task) : nullptr;
    if (row && row->kind == RowKind::Task) {
        // The selected task's lane gets a soft tint across the plot.
        QColor tint = st.selection;
        tint.setAlpha(22);
        p.fillRect(QRect(plot.left(), f.rowTop(*row), plot.width(), row->height), tint);
    }
    const double barTop = row ? f.rowTop(*row) + row->stateOffset(m) : 0;
    switch (sel.kind) {
    case SelectionKind::Span:
        if (row && row->task == sel.task && sel.index < model.index().lane(sel.task).spans.size()) {
            const Span& span = model.index().lane(sel.task).spans[sel.index];
            outline(scale.timeToX(span.begin), scale.timeToX(span.end), barTop, m.stateBarHeight);
        }
        break;
    case SelectionKind::Block:
        if (row && row->task == sel.task && sel.index < model.index().lane(sel.task).blocks.size()) {
            const BlockSpan& block = model.index().lane(sel.task).blocks[sel.index];
            outline(scale.timeToX(block.begin), scale.timeToX(block.end), barTop, m.stateBarHeight);
        }
        break;
    case SelectionKind::Frame:
        if (row && row->task == sel.task && sel.index < model.index().lane(sel.task).frames.size()) {
            const FrameSpan& frame = model.index().lane(sel.task).frames[sel.index];
            if (frame.depth >= 1 && static_cast<int>(frame.depth) <= row->frameLevels)
                outline(scale.timeToX(frame.begin), scale.timeToX(frame.end),
                        f.rowTop(*row) + row->frameOffset(m, static_cast<int>(frame.depth)), m.frameHeight - 2);
        }
        break;
    case SelectionKind::LoopSlice: {
        const auto& slices = model.index().loopSlices();
        if (sel.index < slices.size() && layout.asyncioWords()) {
            const LayoutRow& loop = layout.rows().front();
            outline(scale.timeToX(slices[sel.index].begin), scale.timeToX(slices[sel.index].end), f.rowTop(loop) + 5, loop.height - 10);
        }
        break;
    }
    case SelectionKind::NeverAwaited:
        if (sel.index < model.trace().neverAwaited.size() && row && row->markerStrip > 0) {
            const double x = scale.timeToX(model.trace().neverAwaited[sel.index].created);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(QPen(st.selection, 2.0));
            p.setBrush(Qt::NoBrush);
            const double r = row->markerStrip * 0.62;
            p.drawEllipse(QPointF(x, f.rowTop(*row) + row->markerCentreOffset(m)), r, r);
        }
        break;
    case SelectionKind::Frozen:
        if (sel.index < model.frozenStretches().size()) {
            const FrozenStretch& stretch = model.frozenStretches()[sel.index];
            outline(scale.timeToX(stretch.begin), scale.timeToX(stretch.end), plot.top() + 1, plot.height() - 3);
        }
        break;
    case SelectionKind::Group:
        if (const int index = layout.rowOfGroup(sel.index); index >= 0) {
            const LayoutRow& group = layout.rows()[static_cast<std::size_t>(index)];
            QColor tint = st.selection;
            tint.setAlpha(22);
            p.fillRect(QRect(plot.left(), f.rowTop(group), plot.width(), group.height), tint);
        }
        break;
    default: {
        // Moments (output lines, events, diagnostics): a caret on the lane at that time. Only
        // the moment is needed here; the details text is built when the selection changes.
        const std::optional<TimeRange> range = selectionRange(model, sel);
        if (range && row) {
            const double x = scale.timeToX(range->begin);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(st.selection);
            QPolygonF caret;
            caret << QPointF(x - 6, barTop - 4) << QPointF(x + 6, barTop - 4) << QPointF(x, barTop + 4);
            p.drawPolygon(caret);
            p.setPen(QPen(st.selection, 1.5));
            p.drawLine(QPointF(x, barTop), QPointF(x, barTop + m.stateBarHeight));
        }
        break;
    }
    }
    p.restore();
}

} // namespace awaitscope::ui
