#pragma once

// A walk along the critical path, link by link (analysis/CriticalPath.h): each step shows the
// path, selects the link's task at the link (the span it lies in) and zooms the timeline to the
// link's time. Like playback it only changes the ViewState; every panel follows from there.
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QObject>

#include <optional>

namespace awaitscope::ui {

class CriticalPathWalk : public QObject {
    Q_OBJECT
public:
    CriticalPathWalk(TraceDocument* document, ViewState* viewState, QObject* parent = nullptr);

    // The link shown, in CriticalPath::segments; nothing when not walking.
    std::optional<std::size_t> link() const { return link_; }
    std::size_t linkCount() const;
    // "Critical path, link 2 of 5, from 0.200 s to 1.100 s: Task-3 (web_search) awaits
    // asyncio.sleep at line 23, 0.9 s"; empty when not walking.
    QString linkText() const;

public slots:
    void start();     // the first link
    void next();      // the next link (the first when not walking yet)
    void previous();  // the link before (the last when not walking yet)
    void goTo(std::size_t link);
    void stop();      // the path stays shown; the walk ends

signals:
    // After every step, and with nothing when the walk ends.
    void linkChanged(std::optional<std::size_t> link);

private:
    TraceDocument* document_;
    ViewState* view_;
    std::optional<std::size_t> link_;
};

} // namespace awaitscope::ui
