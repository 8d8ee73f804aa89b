#pragma once

// Two runs stacked on one shared time scale: the run kept for comparison on top, the open
// run below, the difference in total time called out between them, and what changed
// (RunComparison): a sentence naming the biggest change and its cause, a list of the
// differences that selects each one's task in both runs and brings it into view, and the
// first step where the runs diverge marked in both timelines. Both timelines show the same
// visible range and the same playhead time, so zooming or panning either moves both.
#include "model/RunComparison.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QListWidget;
class QSplitter;
class QThread;
class QToolButton;

namespace awaitscope::ui {

class TimelineView;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    // `main` is the window's timeline of `document` / `view`; it moves into this widget.
    ComparisonView(TimelineView* main, TraceDocument* document, ViewState* view, QWidget* parent = nullptr);
    ~ComparisonView() override;  // waits for a comparison still being worked out

    bool isComparing() const { return static_cast<bool>(other_->model()); }
    TimelineView* otherTimeline() const { return otherTimeline_; }
    TraceDocument* otherDocument() const { return other_; }
    ViewState* otherViewState() const { return otherView_; }
    QLabel* banner() const { return banner_; }
    // Under the banner: the biggest change in words, or that the runs tell the same story.
    QLabel* storyLabel() const { return story_; }
    QListWidget* differenceList() const { return differences_; }
    // "Differences (5)": shows or hides the list (remembered), for the timelines' room on a
    // small screen.
    QToolButton* differencesToggle() const { return differencesToggle_; }
    // What changed between the runs; empty until it has been worked out (differencesShown).
    const RunComparison& runComparison() const { return comparison_; }
    // "Now 1.5 s faster: 1.5 s instead of 3 s (2× as fast)."
    static QString differenceText(const QString& beforeName, TimeNs before, const QString& nowName, TimeNs now);

public slots:
    // `kind` Edit: `other` is the run before the learner's edit, and the words say "your change".
    void compareWith(std::shared_ptr<const awaitscope::DerivedTrace> other, const QString& name,
                     awaitscope::ui::ComparisonKind kind = awaitscope::ui::ComparisonKind::Runs);
    void closeComparison();
    // After the open run changed: the shared range and the words follow.
    void mainDocumentChanged();
    // Selects the difference's task in both runs (where each has it) and brings its moments into view.
    void showDifference(int row);

signals:
    void comparingChanged(bool comparing);
    // The differences of the runs now compared are worked out and listed.
    void differencesShown();

private:
    void updateRange();
    void updateLabels();
    void updateDifferences();
    void showComparison(RunComparison comparison);
    void showDifferenceList(bool shown);


    TraceDocument* document_;
    ViewState* view_;
    TraceDocument* other_;
    ViewState* otherView_;
    TimelineView* mainTimeline_;
    int mainMinimumHeight_;  // when it is the only timeline
    TimelineView* otherTimeline_;
    QWidget* header_;
    QLabel* banner_;
    QLabel* story_;
    QListWidget* differences_;
    QToolButton* differencesToggle_;
    RunComparison comparison_;
    ComparisonKind kind_ = ComparisonKind::Runs;
    quint64 comparisonGeneration_ = 0;  // a comparison worked out for runs since replaced is dropped
    std::vector<QPointer<QThread>> workers_;
    QToolButton* close_;
    QLabel* otherLabel_;
    QLabel* mainLabel_;
    QSplitter* splitter_;
    bool syncing_ = false;
};

} // namespace awaitscope::ui
