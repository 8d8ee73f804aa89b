#pragma once

// The one place that holds what the user is looking at: the visible time range, the
// selection, the playhead, the measured range, a marked moment and the time under the cursor. Every panel
// listens to its signals and changes it through its slots; no panel talks to another
// (after Hotspot's zoom/filter QObject).
#include "model/Selection.h"
#include "model/TimeMark.h"
#include "model/ViewRange.h"

#include <QObject>

#include <optional>

namespace awaitscope::ui {

class ViewState : public QObject {
    Q_OBJECT
public:
    explicit ViewState(QObject* parent = nullptr);

    // The whole trace; the visible range is kept within it (plus a margin).
    TimeRange traceRange() const { return traceRange_; }
    TimeRange visibleRange() const { return visible_; }
    const Selection& selection() const { return selection_; }
    std::optional<TimeNs> playhead() const { return playhead_; }
    // How many playback items (DerivedTrace::playbackItem) have happened at the playhead, when it
    // was put after one exactly (stepping); empty: everything up to and including its time.
    std::optional<std::size_t> playheadStep() const { return playheadStep_; }
    std::optional<TimeRange> measuredRange() const { return measured_; }
    std::optional<TimeNs> hoverTime() const { return hover_; }
    std::optional<TimeMark> mark() const { return mark_; }
    // Whether the critical path (analysis/CriticalPath.h) is highlighted. A way of looking, not
    // part of a trace: a new trace keeps it.
    bool showsCriticalPath() const { return criticalPath_; }
    // The widest allowed view: the trace with 10 % on each side.
    TimeRange limits() const;

public slots:
    // A new trace: resets everything and shows all of it.
    void reset(awaitscope::TimeRange traceRange);
    void setVisibleRange(awaitscope::TimeRange range);
    void fitAll();
    // Shows `range` with a small margin (a point is centred in a short view).
    void zoomTo(awaitscope::TimeRange range);
    void zoomAround(awaitscope::TimeNs anchor, double factor);
    void panBy(awaitscope::TimeNs delta);
    void select(const awaitscope::ui::Selection& selection);
    void clearSelection();
    void setPlayhead(std::optional<awaitscope::TimeNs> time);
    // The playhead just after `applied` playback items, the last of which happened at `time`.
    void setPlayheadStep(awaitscope::TimeNs time, std::size_t applied);
    // Widens (or restores) the range the view may show, keeping the selection and playhead:
    // two runs compared side by side share the longer one's range.
    void setTraceRange(awaitscope::TimeRange range);
    void setMeasuredRange(std::optional<awaitscope::TimeRange> range);
    void setHoverTime(std::optional<awaitscope::TimeNs> time);
    void setMark(std::optional<awaitscope::ui::TimeMark> mark);
    void setShowCriticalPath(bool show);

signals:
    void visibleRangeChanged(awaitscope::TimeRange range);
    void selectionChanged(const awaitscope::ui::Selection& selection);
    void playheadChanged(std::optional<awaitscope::TimeNs> time);
    void measuredRangeChanged(std::optional<awaitscope::TimeRange> range);
    void hoverTimeChanged(std::optional<awaitscope::TimeNs> time);
    void markChanged(const std::optional<awaitscope::ui::TimeMark>& mark);
    void traceRangeChanged(awaitscope::TimeRange range);
    void criticalPathShownChanged(bool shown);

private:
    TimeRange traceRange_{0, 1'000'000'000};
    TimeRange visible_{0, 1'000'000'000};
    Selection selection_;
    std::optional<TimeNs> playhead_;
    std::optional<std::size_t> playheadStep_;
    std::optional<TimeRange> measured_;
    std::optional<TimeNs> hover_;
    std::optional<TimeMark> mark_;
    bool criticalPath_ = false;
};

} // namespace awaitscope::ui
