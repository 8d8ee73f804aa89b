// The margins of the picture: the lane headers on the left, the ruler (and the title in the
// corner) on top, and the legend at the bottom.
#include "timeline/LaneHeader.h"
#include "timeline/passes/PaintContext.h"

#include <QFontMetrics>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

namespace {

bool isSelected(const Selection& selection, const LayoutRow& row) {
    if (selection.isEmpty())
        return false;
    if (row.kind == RowKind::Task)
        return selection.task == row.task;
    return row.kind == RowKind::Group && selection.kind == SelectionKind::Group && selection.index == row.group;
}

void paintHeader(PaintContext& c, const LayoutRow& row) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const QRect headers = c.geometry.header;
    const int top = c.frame.rowTop(row);
    const QRect rect(headers.left(), top, headers.width(), row.height);
    const bool selected = isSelected(c.frame.selection, row);
    p.fillRect(rect, selected ? st.selection.lighter(st.dark ? 60 : 180) : st.headerBackground);
    if (selected)
        p.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), st.selection);
    p.setPen(st.separator);
    p.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom());
    const LaneMetrics& m = c.layout.metrics();
    const bool lane = row.kind == RowKind::Task || row.kind == RowKind::Group;
    const int lineTop = row.kind == RowKind::Task ? top + row.stateOffset(m) : top;
    const int lineHeight = row.kind == RowKind::Task ? m.stateBarHeight : row.height;
    const LaneHeader text = laneHeader(c.model, row);
    int x = rect.left() + 6 + row.treeDepth * 14;
    if (lane) {
        if (row.hasChildren) {
            p.save();
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(st.mutedText);
            const double cy = lineTop + lineHeight / 2.0;
            QPolygonF triangle;
            if (row.collapsed)
                triangle << QPointF(x + 2, cy - 5) << QPointF(x + 8, cy) << QPointF(x + 2, cy + 5);
            else
                triangle << QPointF(x, cy - 3) << QPointF(x + 10, cy - 3) << QPointF(x + 5, cy + 3);
            p.drawPolygon(triangle);
            p.restore();
        }
        x += 13;
        if (row.kind == RowKind::Task) {
            p.fillRect(QRect(x, lineTop + lineHeight / 2 - 4, 8, 8), st.taskColor(row.task));
        } else {
            // A stack of lanes: three offset swatches.
            for (int k = 2; k >= 0; --k)
                p.fillRect(QRect(x + k * 2, lineTop + lineHeight / 2 - 6 + k * 3, 7, 5), k == 0 ? st.running : k == 1 ? st.ready : st.awaitingBorder);
        }
        x += 12;
    }
    const QRect textRect(x, lineTop, rect.right() - x - 4, lineHeight);
    const QFontMetrics bold(st.boldFont);
    const QString shownTitle = bold.elidedText(text.title, Qt::ElideRight, textRect.width());
    p.setFont(st.boldFont);
    p.setPen(st.text);
    // A group's title sits above its subtitle: the count matters as much as the name.
    const bool stacked = row.kind == RowKind::Group;
    const QRect titleRect = stacked ? textRect.adjusted(0, 0, 0, -textRect.height() / 2) : textRect;
    p.drawText(titleRect, Qt::AlignLeft | (stacked ? Qt::AlignBottom : Qt::AlignVCenter), shownTitle);
    const int used = stacked ? 0 : bold.horizontalAdvance(shownTitle) + 6;
    if (!text.subtitle.isEmpty() && used < textRect.width() - 20) {
        p.setFont(st.smallFont);
        p.setPen(st.mutedText);
        const QRect subRect = stacked ? textRect.adjusted(0, textRect.height() / 2, 0, 0) : textRect.adjusted(used, 0, 0, 0);
        p.drawText(subRect, Qt::AlignLeft | (stacked ? Qt::AlignTop : Qt::AlignVCenter),
                   QFontMetrics(st.smallFont).elidedText(text.subtitle, Qt::ElideRight, subRect.width()));
    }
    p.setFont(st.font);
}

} // namespace

void paintHeaders(PaintContext& c) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const TimelineLayout& layout = c.layout;
    const QRect headers = c.geometry.header;
    const auto& rows = layout.rows();
    p.save();
    p.setClipRect(QRect(headers.left(), headers.top(), headers.width(), std::min(layout.pinnedHeight(), headers.height())));
    for (std::size_t i = 0; i < layout.firstTaskRow(); ++i)
        paintHeader(c, rows[i]);
    p.restore();
    const QRect tasks = c.geometry.taskPlot;
    p.save();
    p.setClipRect(QRect(headers.left(), tasks.top(), headers.width(), tasks.height()));
    p.fillRect(QRect(headers.left(), tasks.top(), headers.width(), tasks.height()), st.headerBackground);
    const auto [first, last] = layout.visibleTaskRows(c.frame.scrollY, tasks.height());
    for (std::size_t i = first; i < last; ++i)
        paintHeader(c, rows[i]);
    p.restore();
    p.setPen(st.separator);
    p.drawLine(headers.right(), headers.top(), headers.right(), headers.bottom());
}

QStringList linesThatFit(const QFont& font, const QString& text, QSize box) {
    // Word-wrapped text taller than its box loses its first and last lines to the clip, half
    // cut; a long title instead shows what fits, whole, and ends in an ellipsis.
    const QFontMetrics metrics(font);
    const int most = std::max(1, (box.height() + metrics.leading()) / std::max(1, metrics.lineSpacing()));
    const QString simple = text.simplified();
    QTextLayout layout(simple, font);
    layout.setTextOption(QTextOption(Qt::AlignLeft));  // breaks at word boundaries only
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(box.width());
        const bool last = static_cast<int>(lines.size()) + 1 == most;
        // The last line that fits takes the rest; a word wider than the box is cut, not dropped.
        const QString piece = (last ? simple.mid(line.textStart()) : simple.mid(line.textStart(), line.textLength())).trimmed();
        lines << metrics.elidedText(piece, Qt::ElideRight, box.width());
        if (last)
            break;
    }
    layout.endLayout();
    return lines;
}

void paintRuler(PaintContext& c) {
    QPainter& p = c.p;
    const TimelineFrame& f = c.frame;
    const TimelineStyle& st = c.style;
    const QRect ruler = c.geometry.ruler;
    const QRect corner = c.geometry.corner;
    p.fillRect(ruler, st.rulerBackground);
    p.fillRect(corner, st.rulerBackground);
    p.setPen(st.separator);
    p.drawLine(f.rect.left(), ruler.bottom(), f.rect.right(), ruler.bottom());
    p.drawLine(corner.right(), corner.top(), corner.right(), corner.bottom());
    const QRect titleRect = corner.adjusted(8, 1, -6, -1);
    QFont titleFont = st.titleFont;
    if (QFontMetrics(titleFont).horizontalAdvance(f.title) > titleRect.width())
        titleFont.setPixelSize(11);  // two short lines read better than one cut off
    p.setFont(titleFont);
    p.setPen(st.text);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, linesThatFit(titleFont, f.title, titleRect.size()).join(u'\n'));

    const RulerTicks& ticks = c.ruler;
    p.save();
    p.setClipRect(ruler);
    p.setFont(st.smallFont);
    int textStart = ruler.left() + 4;
    if (!ticks.originLabel().isEmpty()) {
        const QString origin = ticks.originLabel() + QStringLiteral(" +");
        p.setPen(st.text);
        const QRect originRect(ruler.left() + 4, ruler.top(), QFontMetrics(st.smallFont).horizontalAdvance(origin) + 8, ruler.height());
        p.fillRect(originRect, st.rulerBackground.darker(108));
        p.drawText(originRect, Qt::AlignCenter, origin);
        textStart = originRect.right() + 4;
    }
    for (TimeNs tick : ticks.ticks) {
        const int x = static_cast<int>(std::lround(c.scale.timeToX(tick)));
        p.setPen(st.mutedText);
        p.drawLine(x, ruler.bottom() - 7, x, ruler.bottom());
        if (x + 3 < textStart)
            continue;
        c.labels.draw(p, QRect(x, ruler.top(), 140, ruler.height() - 4), ticks.label(tick), st.text, Qt::AlignLeft);
    }
    p.restore();
}

void paintLegend(PaintContext& c) {
    QPainter& p = c.p;
    const TimelineStyle& st = c.style;
    const QRect legend = c.geometry.legend;
    if (legend.height() <= 0)
        return;
    p.save();
    p.setClipRect(legend);
    p.fillRect(legend, st.rulerBackground);
    p.setPen(st.separator);
    p.drawLine(legend.left(), legend.top(), legend.right(), legend.top());
    p.setFont(st.smallFont);
    const auto& placements = c.geometry.legendPlacements;
    const auto& entries = legendEntries(c.layout.asyncioWords(), c.frame.showCriticalPath);
    for (std::size_t i = 0; i < entries.size() && i < placements.size(); ++i) {
        const int x = legend.left() + placements[i].x;
        const int top = legend.top() + 4 + placements[i].row * kLegendRowHeight;
        const QRectF r(x, top + kLegendRowHeight / 2 - 6, kLegendSwatchWidth, 12);
        p.save();
        switch (entries[i].swatch) {
        case LegendSwatch::Running: p.fillRect(r, st.running); break;
        case LegendSwatch::Thread: p.fillRect(r, st.thread); break;
        case LegendSwatch::Awaiting:
            p.fillRect(r.adjusted(0, 2, 0, -2), st.awaiting);
            p.setPen(st.awaitingBorder);
            p.drawRect(r.adjusted(0, 2, -1, -2));
            break;
        case LegendSwatch::Ready: {
            p.fillRect(r, st.ready);
            QColor hatch = st.readyText;
            hatch.setAlpha(60);
            p.fillRect(r, QBrush(hatch, Qt::BDiagPattern));
            break;
        }
        case LegendSwatch::Blocking: p.fillRect(r, st.blocking); break;
        case LegendSwatch::Frozen:
            p.fillRect(r, st.frozenBand);
            p.fillRect(r.adjusted(0, 3, 0, -3), st.frozen);
            break;
        case LegendSwatch::NeverAwaited: drawGhostMarker(p, st, r.center(), 6); break;
        case LegendSwatch::Done: drawEndMarker(p, st, TaskOutcome::Done, r.center(), 6); break;
        case LegendSwatch::Failed: drawEndMarker(p, st, TaskOutcome::Failed, r.center(), 6); break;
        case LegendSwatch::Cancelled: drawEndMarker(p, st, TaskOutcome::Cancelled, r.center(), 6); break;
        case LegendSwatch::WakeUp:
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(QPen(st.arrow, 1.4));
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right() - 2, r.center().y()));
            p.setPen(Qt::NoPen);
            p.setBrush(st.arrow);
            drawArrowHead(p, QPointF(r.right(), r.center().y()), QPointF(r.left(), r.center().y()), 6);
            break;
        case LegendSwatch::Created: {
            p.setRenderHint(QPainter::Antialiasing, true);
            QPen dashed(st.creationArrow, 1.0);
            dashed.setDashPattern({4, 3});
            p.setPen(dashed);
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right() - 2, r.center().y()));
            p.setPen(Qt::NoPen);
            p.setBrush(st.creationArrow);
            drawArrowHead(p, QPointF(r.right(), r.center().y()), QPointF(r.left(), r.center().y()), 6);
            break;
        }
        case LegendSwatch::CriticalPath:
            p.fillRect(r, st.awaiting);
            drawCriticalLink(p, st, r.adjusted(3, 3, -3, -3));
            break;
        case LegendSwatch::Bracket:
            p.setPen(QPen(st.bracket, 2));
            p.drawLine(QPointF(r.left() + 3, r.top()), QPointF(r.left() + 3, r.bottom()));
            p.drawLine(QPointF(r.left() + 3, r.top()), QPointF(r.left() + 7, r.top()));
            p.drawLine(QPointF(r.left() + 3, r.bottom()), QPointF(r.left() + 7, r.bottom()));
            break;
        }
        p.restore();
        p.setPen(st.text);
        p.drawText(QRect(x + kLegendSwatchWidth + 5, top, legend.width(), kLegendRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   entries[i].text);
    }
    p.restore();
}

} // namespace awaitscope::ui
