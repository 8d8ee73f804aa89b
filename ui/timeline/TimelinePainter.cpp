#include "timeline/TimelinePainter.h"

#include "timeline/RulerTicks.h"
#include "timeline/passes/PaintContext.h"

#include <QHashFunctions>
#include <QPainter>

#include <cmath>

namespace awaitscope::ui {

void TimelinePainter::paint(QPainter& p, const TimelineFrame& f, RowPixmapCache* cache) {
    const TimelineStyle& st = *f.style;
    lastItemCount_ = 0;
    p.save();
    p.setClipRect(f.rect);
    p.setFont(st.font);
    if (!f.model || !f.layout) {
        p.fillRect(f.rect, st.background);
        p.setPen(st.mutedText);
        p.setFont(st.titleFont);
        p.drawText(f.rect, Qt::AlignCenter | Qt::TextWordWrap,
                   QStringLiteral("Pick a lesson on the left, or open a trace (Ctrl+O).\n"
                                  "Every task of the program gets a lane; time runs from left to right."));
        p.restore();
        return;
    }
    const TimelineGeometry& g = f.geo();
    const TimeScale scale = f.scale();
    const RulerTicks ruler = computeRulerTicks(scale);
    PaintContext c{p, f, *f.model, *f.layout, st, g, scale, labels_, ruler};
    // Below the last lane the plot is plain background; the lanes paint themselves.
    const int contentBottom = g.taskPlot.top() + f.layout->contentHeight() - f.scrollY;
    if (contentBottom <= g.taskPlot.bottom())
        p.fillRect(QRect(QPoint(g.plot.left(), std::max(contentBottom, g.taskPlot.top())), g.plot.bottomRight()), st.background);
    const qreal ratio = p.device() ? p.device()->devicePixelRatioF() : 1.0;

    paintLanes(c, cache);
    paintScopeBrackets(c);
    paintFrozenBands(c);
    paintArrows(c);
    paintCriticalPath(c);
    paintSelection(c);
    if (cache && g.header.isValid()) {
        // Headers change with the layout, the scroll offset and the selection, not with zoom.
        const quint64 key = qHashMulti(0, f.layout->serial(), f.scrollY, f.selection.task, static_cast<int>(f.selection.kind),
                                       f.selection.index, st.dark, g.header.height());
        const QPixmap& pixmap = cache->fixedPixmap(RowPixmapCache::Fixed::Headers, key, g.header.size(), ratio, st.headerBackground,
                                                   [&](QPainter& hp) {
                                                       hp.translate(-g.header.topLeft());
                                                       hp.setFont(st.font);
                                                       PaintContext hc{hp, f, *f.model, *f.layout, st, g, scale, labels_, ruler};
                                                       paintHeaders(hc);
                                                   });
        p.drawPixmap(g.header.topLeft(), pixmap);
    } else {
        paintHeaders(c);
    }
    p.setPen(st.separator);
    p.drawLine(g.plot.left(), g.taskPlot.top() - 1, g.plot.right(), g.taskPlot.top() - 1);
    paintRuler(c);
    paintCursorAndPlayhead(c);
    if (f.showLegend && g.legend.height() > 0) {
        if (cache) {
            const quint64 key = qHashMulti(0, g.legend.width(), st.dark, f.showCriticalPath, c.layout.asyncioWords());
            const QPixmap& pixmap = cache->fixedPixmap(RowPixmapCache::Fixed::Legend, key, g.legend.size(), ratio, st.rulerBackground,
                                                       [&](QPainter& lp) {
                                                           lp.translate(-g.legend.topLeft());
                                                           PaintContext lc{lp, f, *f.model, *f.layout, st, g, scale, labels_, ruler};
                                                           paintLegend(lc);
                                                       });
            p.drawPixmap(g.legend.topLeft(), pixmap);
        } else {
            paintLegend(c);
        }
    }
    p.restore();
}

void TimelinePainter::paintLanes(PaintContext& c, RowPixmapCache* cache) {
    QPainter& p = c.p;
    const TimelineFrame& f = c.frame;
    const TimelineGeometry& g = c.geometry;
    if (cache)
        cache->beginFrame({f.visible, g.plot.width(), p.device() ? p.device()->devicePixelRatioF() : 1.0, c.style.dark,
                           reinterpret_cast<quintptr>(f.model)});
    auto paintOne = [&](const LayoutRow& row, int rowIndex) {
        const int top = f.rowTop(row);
        if (!cache) {
            paintLane(c, row, top, rowIndex);
            return;
        }
        const quint64 key = qHashMulti(0, static_cast<int>(row.kind), row.task, row.group, rowIndex & 1);
        const QPixmap& pixmap = cache->rowPixmap(key, QSize(g.plot.width(), row.height), rowBackground(c.style, row, rowIndex),
                                                 [&](QPainter& rowPainter) {
                                                     rowPainter.translate(-g.plot.left(), 0);
                                                     rowPainter.setFont(c.style.font);
                                                     PaintContext rc{rowPainter, f, c.model, c.layout, c.style, g, c.scale, c.labels, c.ruler};
                                                     paintLane(rc, row, 0, rowIndex);
                                                 });
        p.drawPixmap(g.plot.left(), top, pixmap);
    };
    const auto& rows = c.layout.rows();
    p.save();
    p.setClipRect(g.pinnedPlot);
    for (std::size_t i = 0; i < c.layout.firstTaskRow(); ++i)
        paintOne(rows[i], static_cast<int>(i));
    p.restore();

    p.save();
    p.setClipRect(g.taskPlot);
    const auto [first, last] = c.layout.visibleTaskRows(f.scrollY, g.taskPlot.height());
    for (std::size_t i = first; i < last; ++i)
        paintOne(rows[i], static_cast<int>(i));
    p.restore();
}

void TimelinePainter::paintLane(PaintContext& c, const LayoutRow& row, int top, int rowIndex) {
    QPainter& p = c.p;
    const TimeScale& scale = c.scale;
    const QRect band(static_cast<int>(scale.left()), top, static_cast<int>(std::ceil(scale.width())), row.height);
    p.fillRect(band, rowBackground(c.style, row, rowIndex));
    // Grid lines at the ruler's ticks, under everything else.
    RectBatch grid;
    for (TimeNs tick : c.ruler.ticks)
        grid.add(QRect(static_cast<int>(std::lround(scale.timeToX(tick))), top, 1, row.height - 1));
    grid.add(QRect(band.left(), top + row.height - 1, band.width(), 1));
    grid.fill(p, c.style.grid);
    buildRowDrawList(c.model, row, scale, c.frame.drawOptions, scratch_);
    lastItemCount_ += scratch_.itemCount();
    switch (row.kind) {
    case RowKind::Loop: paintLoopLane(c, row, top, scratch_); break;
    case RowKind::ReadyQueue:
    case RowKind::PendingTimers: paintCounterLane(c, row, top, scratch_); break;
    case RowKind::Task: paintTaskLane(c, row, top, scratch_); break;
    case RowKind::Group: paintGroupLane(c, row, top, scratch_); break;
    }
}

} // namespace awaitscope::ui
