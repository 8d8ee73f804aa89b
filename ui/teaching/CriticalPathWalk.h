#pragma once

// A walk along the critical path (analysis/CriticalPath.h), stop by stop: each step shows the
// path, selects the link's task at the link (the span it lies in) and zooms the timeline to the
// link's time. Like playback it only changes the ViewState; every panel follows from there.
// The stops are the links that take a visible share of the path (kMinStopShare of it or
// more): on a virtual clock most links are a step of a few microseconds or a wake-up in the
// same instant, and stopping at each would make the learner press on through nothing. The
// hover still names those.
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QObject>

#include <optional>
#include <vector>

namespace awaitscope::ui {

class CriticalPathWalk : public QObject {
    Q_OBJECT
public:
    CriticalPathWalk(TraceDocument* document, ViewState* viewState, QObject* parent = nullptr);

    static constexpr double kMinStopShare = 1.0 / 200;

    // The link shown, in CriticalPath::segments; nothing when not walking.
    std::optional<std::size_t> link() const { return stop_ ? std::optional(stops()[*stop_]) : std::nullopt; }
    // The links the walk stops at, in path order (all of them when none is long enough).
    const std::vector<std::size_t>& stops() const { return stops_; }
    std::optional<std::size_t> stop() const { return stop_; }
    bool hasNext() const { return stop_ && *stop_ + 1 < stops().size(); }
    bool hasPrevious() const { return stop_ && *stop_ > 0; }
    // "Critical path, stop 2 of 3 (link 6 of 11, from 0.200 s to 1.100 s): Task-3 (web_search)
    // awaits asyncio.sleep at line 23, 0.9 s"; empty when not walking.
    QString linkText() const;

public slots:
    void start();     // the first stop
    void next();      // the next stop (the first when not walking yet)
    void previous();  // the stop before (the last when not walking yet)
    void goTo(std::size_t stop);
    void end();       // the path stays shown; the walk ends

signals:
    // After every step, and with nothing when the walk ends.
    void linkChanged(std::optional<std::size_t> link);

private:
    void findStops();  // once per trace: hasNext() asks on every key press and paint

    TraceDocument* document_;
    ViewState* view_;
    std::vector<std::size_t> stops_;
    std::optional<std::size_t> stop_;
};

} // namespace awaitscope::ui
