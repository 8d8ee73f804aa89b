#pragma once

// The event loop's insides at the playhead, which no other tool shows: who holds the loop
// (and at which line), the ready queue in the order the loop will run it, the timer heap
// with deadlines, and the tasks awaiting each other. Follows the playhead both ways; says
// plainly when the queues are an approximation (a trace that did not record them).
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <awaitscope/analysis/LoopInsides.h>

#include <QWidget>

class QLabel;
class QListWidget;
class QTreeWidget;

namespace awaitscope::ui {

class LoopInsidesPanel : public QWidget {
    Q_OBJECT
public:
    LoopInsidesPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    const LoopInsides& insides() const { return insides_; }
    QListWidget* readyList() const { return ready_; }
    QTreeWidget* timerList() const { return timers_; }
    QListWidget* awaitList() const { return waits_; }
    QLabel* holderLabel() const { return holder_; }
    QLabel* sourceLabel() const { return source_; }
    QWidget* loopParts() const { return loopParts_; }
    QLabel* readyTitle() const { return readyTitle_; }    // "Ready queue: … (2)"
    QLabel* timersTitle() const { return timersTitle_; }  // "Timer heap: … (1)"

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refresh();

    TraceDocument* document_;
    ViewState* view_;
    QLabel* source_;
    QWidget* loopParts_;
    QLabel* holder_;
    QLabel* readyTitle_;
    QListWidget* ready_;
    QLabel* timersTitle_;
    QTreeWidget* timers_;
    QLabel* timersNote_;
    QListWidget* waits_;
    LoopInsides insides_;
    bool stale_ = true;
};

} // namespace awaitscope::ui
