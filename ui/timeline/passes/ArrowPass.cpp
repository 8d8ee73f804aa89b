// Arrows from cause to effect: who woke (or created) whom, from the moment it did to the
// moment the woken task ran; creations dashed and grey, wake-ups solid. Beyond maxArrows in view only the selected task's are drawn, and
// arrows into a closed group of lanes only when they are the selected task's.
#include "timeline/passes/PaintContext.h"

#include "timeline/ArrowGeometry.h"

#include <QPainterPath>

#include <algorithm>

namespace awaitscope::ui {

namespace {

void drawArrow(PaintContext& c, const WakeArrow& arrow, double y0, double y1, bool highlighted) {
    QPainter& p = c.p;
    // A task made at 0 s that first runs at 0.8 s was not woken at 0 s: a creation is drawn thin,
    // dashed and grey, apart from the solid arrows of wake-ups.
    const bool created = arrow.creation();
    const QColor color = highlighted ? c.style.selection : created ? c.style.creationArrow : c.style.arrow;
    double dx = 0;
    const QPainterPath path = arrowCurve(c.scale, arrow, y0, y1, &dx);
    const QPointF start = path.elementAt(0);
    const QPointF end = path.currentPosition();
    QPen pen(color, highlighted ? 1.8 : created ? 1.0 : 1.2);
    if (created)
        pen.setDashPattern({4, 3});
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(start, 2.2, 2.2);
    drawArrowHead(p, end, QPointF(end.x() - dx, end.y()), 7);
}

} // namespace

void paintArrows(PaintContext& c) {
    const ArrowsInView view = arrowsInView(c.frame);
    if (view.onlySelected && c.frame.selection.task == kNoTask)
        return;
    c.p.save();
    c.p.setClipRect(c.geometry.taskPlot);
    c.p.setRenderHint(QPainter::Antialiasing, true);
    for (const WakeArrow& arrow : view.arrows)
        if (const auto place = placeArrow(c.frame, view, arrow))
            drawArrow(c, arrow, place->y0, place->y1, place->highlighted);
    c.p.restore();
}

} // namespace awaitscope::ui
