#pragma once

// The timeline widget: paints TimelineFrames with a per-lane pixmap cache and turns mouse and
// keys into ViewState changes, the way Perfetto users expect: wheel (or Ctrl+wheel) zooms at
// the cursor, drag pans, W/S zoom, A/D pan, F fits the selection (or all), Shift+drag measures,
// Ctrl+F finds tasks, coroutines, lines and printed text (Enter: next hit, Shift+Enter: the one
// before), arrows step to the neighbouring event, hovering explains. Pressing on the ruler (or
// grabbing the playhead) scrubs the playhead both ways. The lane names' right edge drags to
// resize them; a double-click on it fits the names on screen. Many tasks of one coroutine show as one
// group row that opens to their lanes. The layout and the geometry (legend included) are
// worked out once per change of size or of what is shown, not per paint.
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "timeline/HitTest.h"
#include "timeline/RowPixmapCache.h"
#include "timeline/TimelinePainter.h"

#include <awaitscope/analysis/TraceSearch.h>

#include <QWidget>

#include <tuple>

class QLabel;
class QLineEdit;
class QScrollBar;

namespace awaitscope::ui {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    TimelineView(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    // The frame the next paint will draw (geometry for tests and exports).
    TimelineFrame currentFrame() const;
    const TimelineLayout* layout() const { return layout_.get(); }
    enum class LanePart { StateBar, Ghosts };
    // Widget pixels of the centre of `task`'s state bar (or ghost strip) at time t.
    QPoint pointAt(TaskId task, TimeNs t, LanePart part = LanePart::StateBar) const;
    void setStyle(const TimelineStyle& style);
    // The legend under the lanes (off for the upper of two stacked runs: one legend is enough).
    void setShowLegend(bool show);
    const TimelineStyle& timelineStyle() const { return style_; }
    // What hovering `point` says (rich text): a link of the shown critical path, an arrow, or
    // what a click there would select; empty when nothing is there.
    QString toolTipAt(QPoint point) const;
    void setCollapsed(TaskId task, bool collapsed);
    bool isCollapsed(TaskId task) const;
    // A group of many tasks (CoroutineGroups.h): open shows its lanes under the group's row.
    void setGroupExpanded(std::uint32_t group, bool expanded);
    bool isGroupExpanded(std::uint32_t group) const;
    const std::vector<bool>& collapsedTasks() const { return collapsed_; }
    const std::vector<bool>& expandedGroups() const { return expandedGroups_; }
    // Scrolls so that the row of `task` is on screen.
    void ensureTaskVisible(TaskId task);
    // The lane headers' width, as a drag of their right edge sets it (remembered across runs);
    // a double-click on that edge fits the widest title of the rows on screen.
    void setHeaderWidth(int width);
    int fittingHeaderWidth() const;
    void invalidateCache();  // everything (theme, trace)
    void invalidateLanes();  // what a zoom or pan invalidates
    std::size_t lastPaintedItems() const { return painter_.lastItemCount(); }
    const RowPixmapCache& cache() const { return cache_; }
    // The document generation (TraceDocument::generation) the last paint drew; 0 before any.
    quint64 paintedGeneration() const { return paintedGeneration_; }

signals:
    // The first paint of a newly opened document has drawn it: it is on screen now.
    void documentShown();

public slots:
    void showFindBar();
    // The find bar showing `text`, and its first hit found (the window's --find).
    bool findInBar(const QString& text);
    // Goes to the next (previous) place that `text` finds (TraceSearch.h): the task is shown,
    // selected, and the view moved to the moment; false when nothing matches.
    bool findNext(const QString& text);
    bool findPrevious(const QString& text);
    void stepEvent(int direction);   // Left/Right
    void stepTask(int direction);    // Up/Down
    void fitSelectionOrAll();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void rebuildLayout();
    bool find(const QString& text, int direction);
    void goToHit(const SearchHit& hit);
    // Opens what hides `task`: collapsed ancestors and closed groups (true when any was).
    bool reveal(TaskId task);
    void updateScrollBar();
    QRect timelineRect() const;
    TimeNs anchorTime() const;  // under the cursor if it is over the plot, else the centre
    void scrollBy(int dy);
    void scrubTo(int x);

    TraceDocument* document_;
    ViewState* view_;
    TimelineStyle style_;
    bool styleFollowsPalette_ = true;
    std::unique_ptr<TimelineLayout> layout_;
    std::vector<bool> collapsed_;
    std::vector<bool> expandedGroups_;
    // The geometry for the last size, style, legend and layout (computed when one changes).
    mutable std::shared_ptr<const TimelineGeometry> geometry_;
    mutable std::tuple<QRect, bool, bool, int, bool, bool> geometryKey_;
    // Find: the hits of the last query, and the one shown.
    QString findQuery_;
    std::vector<SearchHit> findHits_;
    std::size_t findAt_ = 0;
    RowPixmapCache cache_;
    TimelinePainter painter_;
    QScrollBar* scrollBar_;
    QWidget* findBar_;
    QLineEdit* findEdit_;
    QLabel* findStatus_;
    int scrollY_ = 0;
    bool showLegend_ = true;
    quint64 paintedGeneration_ = 0;

    bool onHeaderEdge(const TimelineFrame& frame, QPoint point) const;
    void applyChosenHeaderWidth();

    enum class Drag { None, Pending, Pan, Measure, Scrub, HeaderWidth };
    Drag drag_ = Drag::None;
    QPoint pressPoint_;
    TimeRange pressRange_;
    int pressScroll_ = 0;
    TimeNs measureAnchor_ = 0;
    QPoint lastMouse_{-1, -1};
    int chosenHeaderWidth_ = 0;  // 0: the style's default
    bool edgeCursor_ = false;
};

} // namespace awaitscope::ui
