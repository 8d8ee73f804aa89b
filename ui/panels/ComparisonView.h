#pragma once

// Two runs stacked on one shared time scale: the run kept for comparison on top, the open
// run below, the difference in total time called out between them. Both timelines show the
// same visible range and the same playhead time, so zooming or panning either moves both.
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;
class QToolButton;

namespace awaitscope::ui {

class TimelineView;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    // `main` is the window's timeline of `document` / `view`; it moves into this widget.
    ComparisonView(TimelineView* main, TraceDocument* document, ViewState* view, QWidget* parent = nullptr);

    bool isComparing() const { return static_cast<bool>(other_->model()); }
    TimelineView* otherTimeline() const { return otherTimeline_; }
    TraceDocument* otherDocument() const { return other_; }
    ViewState* otherViewState() const { return otherView_; }
    QLabel* banner() const { return banner_; }
    // "Now 1.5 s faster: 1.5 s instead of 3 s (2× as fast)."
    static QString differenceText(const QString& beforeName, TimeNs before, const QString& nowName, TimeNs now);

public slots:
    void compareWith(std::shared_ptr<const awaitscope::DerivedTrace> other, const QString& name);
    void closeComparison();
    // After the open run changed: the shared range and the words follow.
    void mainDocumentChanged();

signals:
    void comparingChanged(bool comparing);

private:
    void updateRange();
    void updateLabels();

    TraceDocument* document_;
    ViewState* view_;
    TraceDocument* other_;
    ViewState* otherView_;
    TimelineView* mainTimeline_;
    TimelineView* otherTimeline_;
    QWidget* header_;
    QLabel* banner_;
    QToolButton* close_;
    QLabel* otherLabel_;
    QLabel* mainLabel_;
    QSplitter* splitter_;
    bool syncing_ = false;
};

} // namespace awaitscope::ui
