#include "timeline/TimelineFrame.h"

#include "timeline/Legend.h"

#include <algorithm>

namespace awaitscope::ui {

int TimelineFrame::headerWidth() const { return std::min(style ? style->headerWidth : 230, rect.width() / 3); }

QRect TimelineFrame::cornerRect() const {
    return QRect(rect.left(), rect.top(), headerWidth(), style ? style->rulerHeight : 30);
}

QRect TimelineFrame::rulerRect() const {
    const QRect corner = cornerRect();
    return QRect(corner.right() + 1, rect.top(), rect.right() - corner.right(), corner.height());
}

QRect TimelineFrame::legendRect() const {
    const int height = showLegend && style ? legendHeight(style->smallFont, rect.width()) : 0;
    return QRect(rect.left(), rect.bottom() + 1 - height, rect.width(), height);
}

QRect TimelineFrame::plotRect() const {
    const QRect ruler = rulerRect();
    const QRect legend = legendRect();
    return QRect(QPoint(ruler.left(), ruler.bottom() + 1), QPoint(rect.right(), legend.top() - 1));
}

QRect TimelineFrame::headerRect() const {
    const QRect plot = plotRect();
    return QRect(QPoint(rect.left(), plot.top()), QPoint(plot.left() - 1, plot.bottom()));
}

QRect TimelineFrame::pinnedPlotRect() const {
    const QRect plot = plotRect();
    const int pinned = layout ? std::min(layout->pinnedHeight(), plot.height()) : 0;
    return QRect(plot.left(), plot.top(), plot.width(), pinned);
}

QRect TimelineFrame::taskPlotRect() const {
    const QRect plot = plotRect();
    const QRect pinned = pinnedPlotRect();
    return QRect(QPoint(plot.left(), pinned.bottom() + 1), plot.bottomRight());
}

int TimelineFrame::rowTop(const LayoutRow& row) const {
    return plotRect().top() + (layout ? layout->screenTop(row, scrollY) : row.y);
}

int TimelineFrame::maxScrollY() const {
    if (!layout)
        return 0;
    return std::max(0, layout->contentHeight() - taskPlotRect().height());
}

} // namespace awaitscope::ui
