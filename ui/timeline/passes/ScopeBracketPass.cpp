// Scope brackets: a TaskGroup's, gather's, wait_for's or as_completed's tasks, bracketed from
// the moment the scope opened to the moment it closed, across the rows they are shown in.
#include "model/SelectionInfo.h"
#include "timeline/passes/PaintContext.h"

#include <QFontMetrics>
#include <QPainterPath>

namespace awaitscope::ui {

void paintScopeBrackets(PaintContext& c) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const Trace& trace = c.model.trace();
    const TimeScale& scale = c.scale;
    const TimeRange view = scale.visible();
    const QRect tasks = c.geometry.taskPlot;
    p.save();
    p.setClipRect(tasks);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setFont(st.smallFont);
    const QFontMetrics metrics(st.smallFont);
    for (ScopeId scope = 0; scope < trace.scopes.size(); ++scope) {
        const Scope& s = trace.scopes[scope];
        const TimeNs end = s.end > s.begin ? s.end : c.model.range().end;
        if (end < view.begin || s.begin > view.end)
            continue;
        const auto [contentTop, contentBottom] = c.layout.scopeExtent(scope);
        if (contentBottom <= contentTop)
            continue;  // no task of it is shown
        const int top = tasks.top() + contentTop - c.frame.scrollY + 2;
        const int bottom = tasks.top() + contentBottom - c.frame.scrollY - 3;
        if (bottom < tasks.top() || top > tasks.bottom())
            continue;
        const double x0 = scale.clampX(scale.timeToX(s.begin), 20);
        const double x1 = scale.clampX(scale.timeToX(end), 20);
        p.setPen(QPen(st.bracket, 2.0));
        p.setBrush(Qt::NoBrush);
        const double serif = 5;
        QPainterPath open;
        open.moveTo(x0 + serif, top);
        open.lineTo(x0, top);
        open.lineTo(x0, bottom);
        open.lineTo(x0 + serif, bottom);
        p.drawPath(open);
        QPainterPath close;
        close.moveTo(x1 - serif, top);
        close.lineTo(x1, top);
        close.lineTo(x1, bottom);
        close.lineTo(x1 - serif, bottom);
        p.drawPath(close);
        // The label sits left of the opening bracket, where the children do not exist yet:
        // across if there is room, else turned upright along the bracket.
        const QString label = scopeKindText(s.kind);
        const int w = metrics.horizontalAdvance(label);
        p.setPen(st.bracket);
        if (x0 - w - 6 > scale.left()) {
            p.drawText(QRectF(x0 - w - 6, (top + bottom) / 2.0 - 8, w + 2, 16), Qt::AlignRight | Qt::AlignVCenter, label);
        } else if (x0 - 14 > scale.left() - 1 && bottom - top > w + 6) {
            p.save();
            p.translate(x0 - 4, (top + bottom) / 2.0 + w / 2.0);
            p.rotate(-90);
            p.drawText(QRectF(0, -14, w + 2, 14), Qt::AlignLeft | Qt::AlignVCenter, label);
            p.restore();
        }
    }
    p.restore();
}

} // namespace awaitscope::ui
