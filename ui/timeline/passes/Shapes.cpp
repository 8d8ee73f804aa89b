#include "timeline/passes/PaintContext.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

QRect itemRect(const DrawItem& item, int top, int height) {
    const int x0 = static_cast<int>(std::floor(item.x0));
    const int x1 = std::max(x0 + 1, static_cast<int>(std::lround(item.x1)));
    return QRect(x0, top, x1 - x0, height);
}

QColor rowBackground(const TimelineStyle& style, const LayoutRow& row, int rowIndex) {
    return row.pinned ? style.headerBackground.lighter(style.dark ? 115 : 103) : (rowIndex % 2 ? style.alternateRow : style.background);
}

void RectBatch::fill(QPainter& p, const QBrush& brush, bool keep) {
    if (rects.empty())
        return;
    p.setPen(Qt::NoPen);
    p.setBrush(brush);
    p.drawRects(rects.data(), static_cast<int>(rects.size()));
    if (!keep)
        rects.clear();
}

void drawGhostMarker(QPainter& p, const TimelineStyle& style, QPointF centre, double radius) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    QColor fill = style.ghost;
    fill.setAlpha(70);
    QPen pen(style.ghost, 1.6, Qt::DashLine);
    p.setPen(pen);
    p.setBrush(fill);
    // A ghost: round head, wavy hem. Reads as "something that was never really there".
    QPainterPath path;
    const double r = radius;
    path.moveTo(centre.x() - r, centre.y() + r);
    path.lineTo(centre.x() - r, centre.y());
    path.arcTo(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), 180, -180);
    path.lineTo(centre.x() + r, centre.y() + r);
    path.lineTo(centre.x() + r / 2, centre.y() + r * 0.6);
    path.lineTo(centre.x(), centre.y() + r);
    path.lineTo(centre.x() - r / 2, centre.y() + r * 0.6);
    path.closeSubpath();
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(style.ghost);
    p.drawEllipse(QPointF(centre.x() - r * 0.35, centre.y() - r * 0.15), r * 0.16, r * 0.2);
    p.drawEllipse(QPointF(centre.x() + r * 0.35, centre.y() - r * 0.15), r * 0.16, r * 0.2);
    p.restore();
}

void drawEndMarker(QPainter& p, const TimelineStyle& style, TaskOutcome outcome, QPointF c, double r) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const QColor color = outcome == TaskOutcome::Done ? style.done : outcome == TaskOutcome::Failed ? style.failed : style.cancelled;
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(c, r, r);
    QPen pen(Qt::white, std::max(1.4, r / 3.5), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const double k = r * 0.5;
    switch (outcome) {
    case TaskOutcome::Done: {
        QPainterPath tick;
        tick.moveTo(c.x() - k, c.y());
        tick.lineTo(c.x() - k * 0.2, c.y() + k * 0.8);
        tick.lineTo(c.x() + k, c.y() - k * 0.7);
        p.drawPath(tick);
        break;
    }
    case TaskOutcome::Failed:
        p.drawLine(QPointF(c.x() - k, c.y() - k), QPointF(c.x() + k, c.y() + k));
        p.drawLine(QPointF(c.x() - k, c.y() + k), QPointF(c.x() + k, c.y() - k));
        break;
    case TaskOutcome::Cancelled:
        p.drawLine(QPointF(c.x() - k, c.y() + k), QPointF(c.x() + k, c.y() - k));
        break;
    }
    p.restore();
}

void drawArrowHead(QPainter& p, QPointF tip, QPointF from, double size) {
    const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    QPolygonF head;
    head << tip << QPointF(tip.x() - size * std::cos(angle - 0.45), tip.y() - size * std::sin(angle - 0.45))
         << QPointF(tip.x() - size * std::cos(angle + 0.45), tip.y() - size * std::sin(angle + 0.45));
    p.drawPolygon(head);
}

void drawCriticalLink(QPainter& p, const TimelineStyle& style, const QRectF& bar) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.fillRect(bar, style.criticalPathFill);
    // The ring sits outside the bar, and outside the selection's ring: walking the path selects
    // each link, and both must show.
    p.setPen(QPen(style.criticalPath, 2.0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar.adjusted(-3, -3, 3, 3));
    p.restore();
}

} // namespace awaitscope::ui
