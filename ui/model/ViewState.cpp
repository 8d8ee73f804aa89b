#include "model/ViewState.h"

namespace awaitscope::ui {

ViewState::ViewState(QObject* parent) : QObject(parent) {}

TimeRange ViewState::limits() const {
    const TimeNs margin = std::max<TimeNs>(traceRange_.duration() / 10, 1);
    return {traceRange_.begin - margin, traceRange_.end + margin};
}

void ViewState::reset(TimeRange traceRange) {
    if (traceRange.isEmpty())
        traceRange.end = traceRange.begin + 1000;
    traceRange_ = traceRange;
    emit traceRangeChanged(traceRange_);
    selection_ = {};
    emit selectionChanged(selection_);
    setPlayhead(std::nullopt);
    setMeasuredRange(std::nullopt);
    setHoverTime(std::nullopt);
    setMark(std::nullopt);
    fitAll();
}

void ViewState::setVisibleRange(TimeRange range) {
    if (range.duration() < kMinVisibleDuration)
        range.end = range.begin + kMinVisibleDuration;
    range = constrainedTo(range, limits());
    if (range == visible_)
        return;
    visible_ = range;
    emit visibleRangeChanged(visible_);
}

void ViewState::fitAll() { setVisibleRange(fitAllRange(traceRange_)); }

void ViewState::zoomTo(TimeRange range) {
    const TimeRange framed = framing(range, 0.08, 1'000'000);
    // A moment near the start (a coroutine made at 0 s) would otherwise sit mid-view with half
    // the view showing time before the run began: keep the view on the trace, with the same
    // small margin framing gives, so the moment lands near the edge instead.
    const TimeNs margin = framed.duration() / 12;
    setVisibleRange(constrainedTo(framed, {traceRange_.begin - margin, traceRange_.end + margin}));
}

void ViewState::zoomAround(TimeNs anchor, double factor) {
    setVisibleRange(zoomedAround(visible_, anchor, factor, kMinVisibleDuration, limits().duration()));
}

void ViewState::panBy(TimeNs delta) { setVisibleRange(pannedBy(visible_, delta)); }

void ViewState::select(const Selection& selection) {
    if (selection == selection_)
        return;
    selection_ = selection;
    emit selectionChanged(selection_);
}

void ViewState::clearSelection() { select({}); }

void ViewState::setPlayhead(std::optional<TimeNs> time) {
    if (time == playhead_ && !playheadStep_)
        return;
    playhead_ = time;
    playheadStep_.reset();
    emit playheadChanged(playhead_);
}

void ViewState::setPlayheadStep(TimeNs time, std::size_t applied) {
    if (playhead_ == time && playheadStep_ == applied)
        return;
    playhead_ = time;
    playheadStep_ = applied;
    emit playheadChanged(playhead_);
}

void ViewState::setTraceRange(TimeRange range) {
    if (range.isEmpty())
        range.end = range.begin + 1000;
    if (range == traceRange_)
        return;
    traceRange_ = range;
    emit traceRangeChanged(traceRange_);
    setVisibleRange(visible_);  // back inside the new limits
}

void ViewState::setMeasuredRange(std::optional<TimeRange> range) {
    if (range == measured_)
        return;
    measured_ = range;
    emit measuredRangeChanged(measured_);
}

void ViewState::setHoverTime(std::optional<TimeNs> time) {
    if (time == hover_)
        return;
    hover_ = time;
    emit hoverTimeChanged(hover_);
}

void ViewState::setMark(std::optional<TimeMark> mark) {
    if (mark == mark_)
        return;
    mark_ = std::move(mark);
    emit markChanged(mark_);
}

void ViewState::setShowCriticalPath(bool show) {
    if (show == criticalPath_)
        return;
    criticalPath_ = show;
    emit criticalPathShownChanged(criticalPath_);
}

} // namespace awaitscope::ui
