#pragma once

// The explorer's main window: the timeline in the centre, panels in docks the user can
// rearrange (lessons and recent files, details, code, output, events, diagnostics), menus
// and a toolbar, drag and drop, and window state kept in QSettings. It owns the one
// TraceDocument and ViewState the panels share; it wires them up and otherwise stays out
// of their way.
#include "app/TraceSources.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace awaitscope::ui {

class CodePanel;
class CriticalPathWalk;
class ComparisonView;
class DetailsPanel;
class DiagnosticsPanel;
class EventTablePanel;
class LessonPanel;
class LiveOutputView;
class LoopInsidesPanel;
class NoticeBar;
class OutputPanel;
class PlaybackBar;
class PlaybackController;
class PredictPanel;
class ScenarioBrowser;
class ScriptDocument;
class TimelineView;
class TraceDocument;
class TraceLoadJob;
class ViewState;
struct LoadOutcome;
enum class ScriptEngine;

enum class Theme { System, Light, Dark };

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);  // core's io and script (coreTraceSources)
    explicit MainWindow(TraceSources sources, QWidget* parent = nullptr);
    ~MainWindow() override;

    TraceDocument* document() const { return document_; }
    ViewState* viewState() const { return view_; }
    TimelineView* timeline() const { return timeline_; }
    CodePanel* codePanel() const { return code_; }
    DetailsPanel* detailsPanel() const { return details_; }
    OutputPanel* outputPanel() const { return output_; }
    EventTablePanel* eventTablePanel() const { return events_; }
    DiagnosticsPanel* diagnosticsPanel() const { return diagnostics_; }
    ScenarioBrowser* scenarioBrowser() const { return browser_; }
    LessonPanel* lessonPanel() const { return lesson_; }
    LoopInsidesPanel* loopInsidesPanel() const { return insides_; }
    PredictPanel* predictPanel() const { return predict_; }
    PlaybackController* playback() const { return playback_; }
    PlaybackBar* playbackBar() const { return playbackBar_; }
    ComparisonView* comparisonView() const { return comparison_; }
    // View > Critical Path (checkable), and the walk along the path with its bar over the timeline.
    QAction* criticalPathAction() const { return criticalPathAction_; }
    CriticalPathWalk* criticalPathWalk() const { return walk_; }
    NoticeBar* walkBar() const { return walkBar_; }
    // The run shown before the last edited run (what "Compare with the previous run" shows).
    const std::shared_ptr<const DerivedTrace>& previousRun() const { return previousRun_; }
    // The lesson the open run belongs to (kept across edited runs of it).
    QString lessonName() const { return lessonName_; }
    bool hasLesson(const QString& name) const { return scenarioFor(name) != nullptr; }
    bool isLoading() const;
    // The learner's own program, when one is open as a document (New / Open Script); else null.
    ScriptDocument* scriptDocument() const { return script_; }
    NoticeBar* fallbackOffer() const { return fallbackBar_; }  // "Run with Python" when the interpreter cannot
    NoticeBar* warningsBar() const { return warningsBar_; }    // the last load's warnings, until the next load
    NoticeBar* runQuestion() const { return runQuestionBar_; } // "keep running?" for a script past its real-time budget
    LiveOutputView* liveOutput() const { return liveOutput_; } // a Python run's output as it comes
    QLabel* cursorLabel() const { return hoverLabel_; }         // the status bar's "cursor at 0.450 s"
    QLabel* rangeLabel() const { return rangeLabel_; }          // the status bar's "showing 200 ms of 1.7 s"
    // Help > Mouse and Keys: every mouse gesture and key of the timeline and of playback.
    static QString mouseAndKeysHelp();

public slots:
    // Loads in the background; on failure an error dialog explains and the open trace stays.
    void openFile(const QString& path);
    void runScenario(const QString& name);
    // Runs the learner's edited code through TraceSources::runSource off the UI thread; the run
    // shown so far is kept and stacked above the new one for comparison.
    void runEditedCode(const QString& source, const QString& fileName);
    // Runs lesson `name` and stacks it above the open run, on one time scale.
    void compareWithLesson(const QString& name);
    void compareWithPrevious();
    // What the window does at start: open `path` if given, else the first lesson (greeted by a
    // welcome on the very first start). False when there was nothing to start (no path and no
    // lessons): no loadFinished will follow.
    bool openInitial(const QString& path);
    void showTrace(std::shared_ptr<const awaitscope::DerivedTrace> model, const QString& displayName);
    bool saveTo(const QString& path);
    bool exportImage(const QString& path, QSize size);
    bool exportChromeJson(const QString& path);
    void cancelLoading();
    void setTheme(awaitscope::ui::Theme theme);
    // Off for a window that only takes a picture (--screenshot): closing it then keeps the
    // user's saved layout and theme as they were.
    void setRemembersOnClose(bool remember) { remembersOnClose_ = remember; }
    // Scripts as documents (MainWindowScripts.cpp). openScript reads `path` and, when its engine
    // is the interpreter, runs it; a loadFinished follows either way.
    void newScript();
    void openScript(const QString& path);
    void runScript();  // the open script, with its engine
    void runScriptWith(awaitscope::ui::ScriptEngine engine);
    void setScriptEngine(awaitscope::ui::ScriptEngine engine);  // remembered for the script

signals:
    // After every load or run: ok false for failures and cancels (tests wait on it).
    void loadFinished(bool ok);

public:
    // The docks' default sizes for the window's current size: the timeline gets most of the
    // width; View > Reset Layout and a first start without a saved layout use it.
    void resetLayout();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createPanels();
    void createActions();
    void createPlaybackActions();
    void createCriticalPathActions(QMenu* view);
    void showWalkStep();
    void createStatusBar();
    void restoreSettings();
    bool remembersOnClose_ = true;
    bool layoutPending_ = false;  // no saved layout: resetLayout() once the window has its size
    void refreshRecentFiles();
    void startJob(const QString& what, std::unique_ptr<TraceLoadJob> job, std::function<void(const LoadOutcome&)> onSuccess);
    void finishJob(const LoadOutcome& outcome, const QString& what);
    void showError(const QString& title, const QString& message);
    void updateTitle();
    void updateRangeLabel();  // the status bar's "showing 200 ms of 1.7 s"
    void updateActions();
    const Scenario* scenarioFor(const QString& name) const;
    void saveAsDialog();
    void exportImageDialog(bool svg);
    void exportChromeDialog();
    void openDialog();
    void addScriptActions(QMenu* file);
    void addEngineMenu(QMenu* run);
    void connectScriptDocument();
    void showScriptDocument(ScriptDocument* script, const QString& text);
    void closeScript();
    void runScriptInInterpreter(const QString& source);
    void runScriptUnderPython(const QString& source, bool virtualClock);
    void showScriptRun(const LoadOutcome& outcome);
    void offerPython(const LoadOutcome& outcome, const QString& pythonMissing);
    void showWarnings(const QString& what, const QStringList& warnings);

    TraceSources sources_;
    std::vector<Scenario> scenarios_;
    TraceDocument* document_;
    ViewState* view_;
    TimelineView* timeline_ = nullptr;
    CodePanel* code_ = nullptr;
    DetailsPanel* details_ = nullptr;
    OutputPanel* output_ = nullptr;
    EventTablePanel* events_ = nullptr;
    DiagnosticsPanel* diagnostics_ = nullptr;
    ScenarioBrowser* browser_ = nullptr;
    LessonPanel* lesson_ = nullptr;
    LoopInsidesPanel* insides_ = nullptr;
    PredictPanel* predict_ = nullptr;
    PlaybackController* playback_ = nullptr;
    PlaybackBar* playbackBar_ = nullptr;
    ComparisonView* comparison_ = nullptr;
    QMenu* compareMenu_ = nullptr;
    QAction* comparePreviousAction_ = nullptr;
    std::shared_ptr<const DerivedTrace> previousRun_;
    QString previousRunName_;
    QString lessonName_;
    ScriptDocument* script_ = nullptr;
    int untitledScripts_ = 0;
    NoticeBar* fallbackBar_ = nullptr;
    NoticeBar* warningsBar_ = nullptr;
    NoticeBar* runQuestionBar_ = nullptr;  // a script run past its real-time budget asks whether to go on
    NoticeBar* walkBar_ = nullptr;         // the link of the critical path being walked
    CriticalPathWalk* walk_ = nullptr;
    QAction* criticalPathAction_ = nullptr;
    LiveOutputView* liveOutput_ = nullptr;
    QStackedWidget* outputStack_ = nullptr;
    QMenu* engineMenu_ = nullptr;

    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QAction* exportPngAction_ = nullptr;
    QAction* exportSvgAction_ = nullptr;
    QAction* exportChromeAction_ = nullptr;
    QAction* runAgainAction_ = nullptr;
    QLabel* hoverLabel_ = nullptr;
    QLabel* rangeLabel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    std::unique_ptr<TraceLoadJob> job_;
    QString pendingScenario_;
    Theme theme_ = Theme::System;
};

} // namespace awaitscope::ui
