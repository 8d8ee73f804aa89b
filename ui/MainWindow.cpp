#include "MainWindow.h"

#include "app/ImageSizeDialog.h"
#include "app/NoticeBar.h"
#include "app/WallBudgetPrompt.h"
#include "app/ProposedFileName.h"
#include "app/RecentFiles.h"
#include "app/ScriptDocument.h"
#include "app/TimelineRenderer.h"
#include "app/TraceLoadJob.h"
#include "model/QtText.h"
#include "model/ThemedIcon.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/CodePanel.h"
#include "panels/ComparisonView.h"
#include "panels/DetailsPanel.h"
#include "panels/DiagnosticsPanel.h"
#include "panels/EventTablePanel.h"
#include "panels/LessonPanel.h"
#include "panels/LiveOutputView.h"
#include "panels/LoopInsidesPanel.h"
#include "panels/OutputPanel.h"
#include "panels/PlaybackBar.h"
#include "panels/PredictPanel.h"
#include "panels/ScenarioBrowser.h"
#include "teaching/CriticalPathWalk.h"
#include "teaching/PlaybackController.h"
#include "timeline/RulerTicks.h"
#include "timeline/TimelineView.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace awaitscope::ui {

namespace {

const char* const kTraceFilter = "Awaitscope traces (*.json *.json.gz);;Chrome traces (*.chrome.json *.json);;All files (*)";

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2e, 0x33), base(0x1e, 0x20, 0x24), text(0xe4, 0xe6, 0xea), muted(0x8a, 0x90, 0x9a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x25, 0x28, 0x2d));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x33, 0x37, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6a, 0xa5, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, muted);
    p.setColor(QPalette::Disabled, QPalette::WindowText, muted);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, muted);
    return p;
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : MainWindow(coreTraceSources(), parent) {}

MainWindow::MainWindow(TraceSources sources, QWidget* parent)
    : QMainWindow(parent), sources_(std::move(sources)), document_(new TraceDocument(this)), view_(new ViewState(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Awaitscope"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    if (sources_.scenarios)
        scenarios_ = sources_.scenarios();
    playback_ = new PlaybackController(document_, view_, this);
    walk_ = new CriticalPathWalk(document_, view_, this);
    createPanels();
    createActions();
    createPlaybackActions();
    createStatusBar();
    restoreSettings();
    connectScriptDocument();
    connect(document_, &TraceDocument::documentChanged, this, [this] {
        view_->reset(document_->model() ? document_->model()->range() : TimeRange{0, 1'000'000'000});
        comparison_->mainDocumentChanged();
        const Scenario* lesson = scenarioFor(lessonName_);
        // The welcome greets the first lesson only: another lesson or a trace file ends it for good.
        if (lesson_->showsWelcome() && (scenarios_.empty() || lessonName_ != QString::fromStdString(scenarios_.front().name)))
            lesson_->setWelcome(false);
        details_->setLesson(lesson ? QString::fromStdString(lesson->lesson) : QString());
        // A trace of a program with its source (a recorded one) explains itself by its docstring.
        const QString programDocstring = !lesson && document_->model()
                                             ? moduleDocstring(QString::fromStdString(document_->model()->trace().metadata.sourceText))
                                             : QString();
        lesson_->setLesson(lesson ? QString::fromStdString(lesson->title) : document_->displayName(),
                           lesson ? QString::fromStdString(lesson->lesson) : programDocstring);
        browser_->setCurrentScenario(lessonName_);
        updateRangeLabel();
        // The title names the new run once the timeline shows it, not while the old one is still
        // on screen (a large trace takes a while to paint); a hidden timeline paints nothing.
        if (!timeline_->isVisible() || isMinimized())
            updateTitle();
        updateActions();
    });
    connect(timeline_, &TimelineView::documentShown, this, &MainWindow::updateTitle);
    connect(document_, &TraceDocument::originChanged, this, &MainWindow::updateTitle);
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow() = default;

bool MainWindow::isLoading() const { return job_ && job_->isRunning(); }

void MainWindow::createPanels() {
    timeline_ = new TimelineView(document_, view_, this);
    comparison_ = new ComparisonView(timeline_, document_, view_, this);
    // Above the timeline: notices that stay until dismissed (a load's warnings, a fallback offer).
    auto* centre = new QWidget(this);
    auto* column = new QVBoxLayout(centre);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    fallbackBar_ = new NoticeBar(NoticeBar::Kind::Information, centre);
    fallbackBar_->setObjectName(QStringLiteral("fallbackOffer"));
    warningsBar_ = new NoticeBar(NoticeBar::Kind::Warning, centre);
    warningsBar_->setObjectName(QStringLiteral("loadWarnings"));
    runQuestionBar_ = new NoticeBar(NoticeBar::Kind::Information, centre);
    runQuestionBar_->setObjectName(QStringLiteral("runQuestion"));
    walkBar_ = new NoticeBar(NoticeBar::Kind::Information, centre);
    walkBar_->setObjectName(QStringLiteral("criticalPathWalk"));
    column->addWidget(walkBar_);
    column->addWidget(runQuestionBar_);
    column->addWidget(fallbackBar_);
    column->addWidget(warningsBar_);
    column->addWidget(comparison_, 1);
    setCentralWidget(centre);

    auto addDock = [this](QWidget* panel, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);  // saveState() needs stable names
        dock->setWidget(panel);
        addDockWidget(area, dock);
        return dock;
    };
    browser_ = new ScenarioBrowser(this);
    browser_->setScenarios(scenarios_);
    details_ = new DetailsPanel(document_, view_, this);
    code_ = new CodePanel(document_, view_, this);
    output_ = new OutputPanel(document_, view_, this);
    events_ = new EventTablePanel(document_, view_, this);
    diagnostics_ = new DiagnosticsPanel(document_, view_, this);
    lesson_ = new LessonPanel(document_, view_, this);
    insides_ = new LoopInsidesPanel(document_, view_, this);
    predict_ = new PredictPanel(document_, view_, this);

    QDockWidget* browserDock = addDock(browser_, tr("Lessons"), QStringLiteral("scenariosDock"), Qt::LeftDockWidgetArea);
    QDockWidget* lessonDock = addDock(lesson_, tr("Lesson"), QStringLiteral("lessonDock"), Qt::LeftDockWidgetArea);
    QDockWidget* diagnosticsDock = addDock(diagnostics_, tr("Problems"), QStringLiteral("diagnosticsDock"), Qt::LeftDockWidgetArea);
    QDockWidget* codeDock = addDock(code_, tr("Code"), QStringLiteral("codeDock"), Qt::RightDockWidgetArea);
    // The loop's insides scroll when their dock is short, instead of holding the code panel to
    // a few lines on a small screen.
    auto* insidesScroll = new QScrollArea(this);
    insidesScroll->setWidget(insides_);
    insidesScroll->setWidgetResizable(true);
    insidesScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget* insidesDock = addDock(insidesScroll, tr("Loop Insides"), QStringLiteral("insidesDock"), Qt::RightDockWidgetArea);
    QDockWidget* detailsDock = addDock(details_, tr("Details"), QStringLiteral("detailsDock"), Qt::RightDockWidgetArea);
    outputStack_ = new QStackedWidget(this);  // the trace's output, or a Python run's as it comes
    liveOutput_ = new LiveOutputView(outputStack_);
    outputStack_->addWidget(output_);
    outputStack_->addWidget(liveOutput_);
    QDockWidget* outputDock = addDock(outputStack_, tr("Output"), QStringLiteral("outputDock"), Qt::BottomDockWidgetArea);
    QDockWidget* predictDock = addDock(predict_, tr("Predict"), QStringLiteral("predictDock"), Qt::BottomDockWidgetArea);
    QDockWidget* eventsDock = addDock(events_, tr("Events"), QStringLiteral("eventsDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(browserDock, lessonDock, Qt::Vertical);
    tabifyDockWidget(lessonDock, diagnosticsDock);
    splitDockWidget(codeDock, insidesDock, Qt::Vertical);
    tabifyDockWidget(insidesDock, detailsDock);
    tabifyDockWidget(outputDock, predictDock);
    tabifyDockWidget(predictDock, eventsDock);
    outputDock->raise();
    lessonDock->raise();
    insidesDock->raise();

    // Playback shows what the loop holds; a problem's card explains it.
    connect(view_, &ViewState::playheadChanged, this, [insidesDock](std::optional<TimeNs> time) {
        if (time && insidesDock->isHidden() == false)
            insidesDock->raise();
    });
    connect(code_, &CodePanel::runRequested, this, &MainWindow::runEditedCode);
    connect(predict_, &PredictPanel::revealRequested, this, [this] {
        playback_->goToStart();
        playback_->play();
    });
    connect(comparison_, &ComparisonView::comparingChanged, this, [this] { updateActions(); });
    connect(browser_, &ScenarioBrowser::scenarioRequested, this, &MainWindow::runScenario);
    connect(browser_, &ScenarioBrowser::fileRequested, this, &MainWindow::openFile);
    connect(lesson_, &LessonPanel::walkCriticalPathRequested, walk_, &CriticalPathWalk::start);
    connect(walk_, &CriticalPathWalk::linkChanged, this, &MainWindow::showWalkStep);
    connect(walkBar_->closeButton(), &QToolButton::clicked, walk_, &CriticalPathWalk::end);
    refreshRecentFiles();
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(themedIcon(style()->standardIcon(QStyle::SP_DialogOpenButton)), tr("&Open Trace…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    addScriptActions(file);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    QMenu* samples = file->addMenu(tr("Open &Sample Trace"));
    samples->setObjectName(QStringLiteral("sampleTracesMenu"));
    for (const SampleTrace& sample : sources_.sampleTraces) {
        const QString path = QString::fromStdString(sample.path);
        samples->addAction(QString::fromStdString(sample.title), this, [this, path] { openFile(path); })->setToolTip(path);
    }
    if (sources_.sampleTraces.empty())
        samples->addAction(tr("(none installed)"))->setEnabled(false);
    saveAsAction_ = file->addAction(themedIcon(style()->standardIcon(QStyle::SP_DialogSaveButton)), tr("Save Trace &As…"), this, &MainWindow::saveAsDialog);
    saveAsAction_->setShortcut(QKeySequence::SaveAs);
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    exportPngAction_ = exportMenu->addAction(tr("Timeline as &PNG…"), this, [this] { exportImageDialog(false); });
    exportPngAction_->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportSvgAction_ = exportMenu->addAction(tr("Timeline as &SVG…"), this, [this] { exportImageDialog(true); });
    exportChromeAction_ = exportMenu->addAction(tr("&Chrome Trace JSON (Perfetto)…"), this, &MainWindow::exportChromeDialog);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    auto* lessonsButton = new QToolButton(this);
    lessonsButton->setText(tr("Run Lesson"));
    lessonsButton->setIcon(themedIcon(style()->standardIcon(QStyle::SP_MediaPlay)));
    lessonsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    lessonsButton->setPopupMode(QToolButton::InstantPopup);
    auto* lessonsMenu = new QMenu(lessonsButton);
    for (const Scenario& scenario : scenarios_) {
        const QString name = QString::fromStdString(scenario.name);
        QAction* action = run->addAction(QString::fromStdString(scenario.title), this, [this, name] { runScenario(name); });
        lessonsMenu->addAction(action);
    }
    if (scenarios_.empty())
        run->addAction(tr("(no lessons available)"))->setEnabled(false);
    lessonsButton->setMenu(lessonsMenu);
    run->addSeparator();
    runAgainAction_ = run->addAction(themedIcon(style()->standardIcon(QStyle::SP_BrowserReload)), tr("Run &Again"), this, [this] {
        if (script_)
            runScript();
        else if (!document_->scenarioName().isEmpty())
            runScenario(document_->scenarioName());
    });
    runAgainAction_->setShortcut(QKeySequence(tr("Ctrl+R")));
    addEngineMenu(run);
    run->addSeparator();
    compareMenu_ = run->addMenu(tr("&Compare With"));
    comparePreviousAction_ = compareMenu_->addAction(tr("The &Previous Run"), this, &MainWindow::compareWithPrevious);
    compareMenu_->addSeparator();
    for (const Scenario& scenario : scenarios_) {
        const QString name = QString::fromStdString(scenario.name);
        compareMenu_->addAction(QString::fromStdString(scenario.title), this, [this, name] { compareWithLesson(name); });
    }
    run->addAction(tr("Close the Comparison"), comparison_, &ComparisonView::closeComparison);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QAction* fit = viewMenu_->addAction(tr("&Fit Selection or All"), timeline_, &TimelineView::fitSelectionOrAll);
    fit->setShortcut(QKeySequence(tr("F")));
    fit->setShortcutContext(Qt::WidgetShortcut);  // the timeline handles F itself; the menu shows it
    QAction* fitAll = viewMenu_->addAction(themedIcon(style()->standardIcon(QStyle::SP_TitleBarMaxButton)), tr("Show &Everything"), view_, &ViewState::fitAll);
    fitAll->setShortcut(QKeySequence(Qt::Key_Home));
    fitAll->setShortcutContext(Qt::WidgetShortcut);
    QAction* zoomIn = viewMenu_->addAction(tr("Zoom &In"), this, [this] {
        const TimeRange r = view_->visibleRange();
        view_->zoomAround(r.begin + r.duration() / 2, 1.6);
    });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut = viewMenu_->addAction(tr("Zoom &Out"), this, [this] {
        const TimeRange r = view_->visibleRange();
        view_->zoomAround(r.begin + r.duration() / 2, 1 / 1.6);
    });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* find = viewMenu_->addAction(tr("&Find Task…"), timeline_, &TimelineView::showFindBar);
    find->setShortcut(QKeySequence::Find);
    viewMenu_->addSeparator();
    createCriticalPathActions(viewMenu_);
    viewMenu_->addSeparator();
    QMenu* themeMenu = viewMenu_->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const std::pair<Theme, QString> choices[] = {{Theme::System, tr("Follow the System")}, {Theme::Light, tr("Light")}, {Theme::Dark, tr("Dark")}};
    for (const auto& [theme, label] : choices) {
        QAction* action = themeMenu->addAction(label, this, [this, theme = theme] { setTheme(theme); });
        action->setCheckable(true);
        action->setData(static_cast<int>(theme));
        themes->addAction(action);
    }
    connect(themeMenu, &QMenu::aboutToShow, this, [this, themes] {
        for (QAction* action : themes->actions())
            action->setChecked(action->data().toInt() == static_cast<int>(theme_));
    });
    viewMenu_->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        viewMenu_->addAction(dock->toggleViewAction());
    viewMenu_->addAction(tr("&Reset Layout"), this, [this] {
        for (QDockWidget* dock : findChildren<QDockWidget*>())
            dock->show();
        resetLayout();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Mouse and Keys"), this, [this] { QMessageBox::information(this, tr("Mouse and keys"), mouseAndKeysHelp()); });
    help->addAction(tr("&About Awaitscope"), this, [this] {
        QMessageBox::about(this, tr("About Awaitscope"),
                           tr("<b>Awaitscope</b> %1<p>See async code: every task, every await, every frozen loop.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(open);
    bar->addWidget(lessonsButton);
    bar->addAction(runAgainAction_);
    bar->addSeparator();
    bar->addAction(saveAsAction_);
    exportPngAction_->setIcon(themedIcon(style()->standardIcon(QStyle::SP_DesktopIcon)));
    bar->addAction(exportPngAction_);
    bar->addSeparator();
    bar->addAction(fitAll);
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addAction(find);
    bar->addAction(criticalPathAction_);
}

void MainWindow::createCriticalPathActions(QMenu* view) {
    criticalPathAction_ = view->addAction(tr("Critical &Path"));
    criticalPathAction_->setObjectName(QStringLiteral("criticalPathAction"));
    criticalPathAction_->setCheckable(true);
    criticalPathAction_->setToolTip(tr("Highlight the chain of work and waiting that set the run's total time"));
    connect(criticalPathAction_, &QAction::toggled, view_, &ViewState::setShowCriticalPath);
    connect(view_, &ViewState::criticalPathShownChanged, criticalPathAction_, &QAction::setChecked);
    view->addAction(tr("&Walk the Critical Path"), walk_, &CriticalPathWalk::start);
    // Perfetto's keys for following flows; like playback's, they act while the timeline has the focus.
    auto step = [&](const QString& text, Qt::Key key, auto slot) {
        QAction* action = view->addAction(text, walk_, slot);
        action->setShortcut(QKeySequence(key));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        comparison_->addAction(action);
    };
    step(tr("&Next Stop on the Path"), Qt::Key_BracketRight, &CriticalPathWalk::next);
    step(tr("P&revious Stop on the Path"), Qt::Key_BracketLeft, &CriticalPathWalk::previous);
}

// The walk's bar says what the link is, with the way on and back.
void MainWindow::showWalkStep() {
    const std::optional<std::size_t> link = walk_->link();
    if (!link) {
        walkBar_->dismiss();
        return;
    }
    walkBar_->showNotice(walk_->linkText().toHtmlEscaped());
    QPushButton* previous = walkBar_->addButton(tr("◀ Previous"), QStringLiteral("previousLink"));
    previous->setEnabled(walk_->hasPrevious());
    connect(previous, &QPushButton::clicked, walk_, &CriticalPathWalk::previous);
    QPushButton* next = walkBar_->addButton(tr("Next ▶"), QStringLiteral("nextLink"));
    next->setEnabled(walk_->hasNext());
    connect(next, &QPushButton::clicked, walk_, &CriticalPathWalk::next);
}

QString MainWindow::mouseAndKeysHelp() {
    // Keys act while the timeline has the focus (click it first); the playback keys are the
    // Playback menu's shortcuts (createPlaybackActions).
    return tr("<table cellspacing=4>"
              "<tr><td><b>Wheel</b>, Ctrl+wheel</td><td>zoom at the cursor</td></tr>"
              "<tr><td><b>Drag</b></td><td>pan (Shift+wheel also pans)</td></tr>"
              "<tr><td><b>W / S</b></td><td>zoom in / out</td></tr>"
              "<tr><td><b>A / D</b></td><td>pan left / right</td></tr>"
              "<tr><td><b>F</b></td><td>fit the selection (or everything)</td></tr>"
              "<tr><td><b>Home</b></td><td>show everything</td></tr>"
              "<tr><td><b>Shift+drag</b></td><td>measure a stretch of time</td></tr>"
              "<tr><td><b>← →</b></td><td>previous / next event of the selected task</td></tr>"
              "<tr><td><b>↑ ↓</b></td><td>the task above / below</td></tr>"
              "<tr><td><b>Esc</b></td><td>close Find, else clear the measurement, else the selection</td></tr>"
              "<tr><td><b>Ctrl+F</b></td><td>find a task by name</td></tr>"
              "<tr><td><b>Click</b></td><td>select; the details and the code follow</td></tr>"
              "<tr><td><b>Click a lane's name</b></td><td>select the task; the keys then act on the timeline</td></tr>"
              "<tr><td><b>Wheel over names</b></td><td>scroll the lanes</td></tr>"
              "<tr><td><b>Drag the names' edge</b></td><td>widen or narrow the lane names; double-click it to fit them</td></tr>"
              "<tr><td><b>] / [</b></td><td>walk the critical path: its next / previous stop</td></tr>"
              "<tr><th colspan=2 align=left>Playback</th></tr>"
              "<tr><td><b>Space</b></td><td>play / pause, from the playhead (from the start when there is none)</td></tr>"
              "<tr><td><b>. / ,</b></td><td>one event forward / back</td></tr>"
              "<tr><td><b>Ctrl+Home / Ctrl+End</b></td><td>to the start / the end of the run</td></tr>"
              "<tr><td><b>Drag on the ruler</b></td><td>scrub the playhead</td></tr></table>");
}

void MainWindow::createStatusBar() {
    hoverLabel_ = new QLabel(this);
    hoverLabel_->setMinimumWidth(150);
    rangeLabel_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("loadProgress"));
    progress_->setMaximumWidth(220);
    progress_->setTextVisible(true);
    progress_->hide();
    cancelButton_ = new QToolButton(this);
    cancelButton_->setObjectName(QStringLiteral("cancelLoad"));
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->hide();
    connect(cancelButton_, &QToolButton::clicked, this, &MainWindow::cancelLoading);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelButton_);
    statusBar()->addPermanentWidget(rangeLabel_);
    statusBar()->addPermanentWidget(hoverLabel_);
    connect(view_, &ViewState::hoverTimeChanged, this, [this](std::optional<TimeNs> time) {
        // To what one pixel of the plot tells apart: the exact nanosecond is the Details panel's.
        const TimeNs pixel = view_->visibleRange().duration() / std::max(1, timeline_->currentFrame().plotRect().width());
        hoverLabel_->setText(time ? tr("cursor at %1").arg(qs(formatMomentTo(*time, pixel))) : QString());
    });
    connect(view_, &ViewState::visibleRangeChanged, this, &MainWindow::updateRangeLabel);
}

void MainWindow::updateRangeLabel() {
    if (!document_->model()) {
        rangeLabel_->clear();
        return;
    }
    // The view may show empty time on either side of the run (a moment at 0 s sits near the left
    // edge): the label counts only the part of the run in view.
    const TimeRange visible = view_->visibleRange();
    const TimeRange run = view_->traceRange();
    const TimeNs shown = std::max<TimeNs>(0, std::min(visible.end, run.end) - std::max(visible.begin, run.begin));
    rangeLabel_->setText(shown >= run.duration() ? tr("showing all %1").arg(qs(formatDuration(run.duration())))
                                                 : tr("showing %1 of %2").arg(qs(formatDuration(shown)), qs(formatDuration(run.duration()))));
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1440, 900);
    layoutPending_ = !restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const int theme = settings.value(QStringLiteral("window/theme"), 0).toInt();
    if (theme != static_cast<int>(Theme::System))
        setTheme(static_cast<Theme>(theme));
    view_->setShowCriticalPath(settings.value(QStringLiteral("view/criticalPath"), false).toBool());
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (std::exchange(layoutPending_, false))
        resetLayout();
}

void MainWindow::resetLayout() {
    const auto dock = [this](const char* name) { return findChild<QDockWidget*>(QLatin1String(name)); };
    for (QDockWidget* d : findChildren<QDockWidget*>())
        d->setFloating(false);
    const int w = width(), h = height();
    // Lessons and problems on the left, code and the loop's insides on the right, output below:
    // at 1366x768 the timeline keeps over half the width, the editor nine lines, the lesson
    // list six rows.
    // Never below what a panel needs (the code panel's buttons): Qt would widen it again at
    // the next relayout, for instance when a comparison closes.
    const int left = std::max(std::clamp(w * 16 / 100, 210, 300), dock("scenariosDock")->minimumSizeHint().width());
    const int right = std::max({std::clamp(w * 25 / 100, 340, 440), dock("codeDock")->minimumSizeHint().width(),
                                dock("insidesDock")->minimumSizeHint().width()});
    const int output = std::clamp(h * 20 / 100, 140, 220);
    const int column = std::max(200, h - output - 120);  // what the toolbars and status bar leave
    resizeDocks({dock("scenariosDock"), dock("codeDock")}, {left, right}, Qt::Horizontal);
    resizeDocks({dock("scenariosDock"), dock("lessonDock")}, {column * 45 / 100, column * 55 / 100}, Qt::Vertical);
    resizeDocks({dock("codeDock"), dock("insidesDock")}, {column / 2, column / 2}, Qt::Vertical);
    resizeDocks({dock("outputDock")}, {output}, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (remembersOnClose_) {
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
        settings.setValue(QStringLiteral("window/theme"), static_cast<int>(theme_));
        settings.setValue(QStringLiteral("view/criticalPath"), view_->showsCriticalPath());
    }
    cancelLoading();
    QMainWindow::closeEvent(event);
}

void MainWindow::setTheme(Theme theme) {
    // The palette the platform gave us, kept before any change so "System" can return to it.
    static const QPalette systemPalette = QApplication::palette();
    theme_ = theme;
    switch (theme) {
    case Theme::System: QApplication::setPalette(systemPalette); break;
    case Theme::Light: {
        QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QApplication::setPalette(fusion ? fusion->standardPalette() : systemPalette);
        delete fusion;
        break;
    }
    case Theme::Dark: QApplication::setPalette(darkPalette()); break;
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}

void MainWindow::refreshRecentFiles() {
    const QStringList files = RecentFiles().list();
    browser_->setRecentFiles(files);
    if (!recentMenu_)
        return;
    recentMenu_->clear();
    for (const QString& path : files)
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    if (files.isEmpty())
        recentMenu_->addAction(tr("(none yet)"))->setEnabled(false);
    else {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear the List"), this, [this] {
            RecentFiles().clear();
            refreshRecentFiles();
        });
    }
}

const Scenario* MainWindow::scenarioFor(const QString& name) const {
    for (const Scenario& info : scenarios_)
        if (!name.isEmpty() && QString::fromStdString(info.name) == name)
            return &info;
    return nullptr;
}

void MainWindow::createPlaybackActions() {
    auto* menu = new QMenu(tr("&Playback"), this);
    menuBar()->insertMenu(menuBar()->actions().value(3), menu);  // after View, before Help
    // Keys act while the timeline has the focus, so typing in the editor never triggers them.
    auto add = [&](const QString& text, const QKeySequence& key, auto slot) {
        QAction* action = menu->addAction(text, playback_, slot);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        comparison_->addAction(action);
        return action;
    };
    add(tr("&Play / Pause"), QKeySequence(Qt::Key_Space), &PlaybackController::togglePlay);
    add(tr("Step &Forward"), QKeySequence(Qt::Key_Period), &PlaybackController::stepForward);
    add(tr("Step &Back"), QKeySequence(Qt::Key_Comma), &PlaybackController::stepBackward);
    add(tr("To the &Start"), QKeySequence(tr("Ctrl+Home")), &PlaybackController::goToStart);
    add(tr("To the &End"), QKeySequence(tr("Ctrl+End")), &PlaybackController::goToEnd);
    menu->addSeparator();
    menu->addAction(tr("&Leave Playback"), playback_, &PlaybackController::stop);

    QToolBar* bar = new QToolBar(tr("Playback"), this);
    bar->setObjectName(QStringLiteral("playbackToolBar"));
    playbackBar_ = new PlaybackBar(playback_, document_, view_, bar);
    bar->addWidget(playbackBar_);
    addToolBarBreak();
    addToolBar(Qt::TopToolBarArea, bar);
}

void MainWindow::updateTitle() {
    const QString name = script_ ? script_->fileName() + QStringLiteral("[*]") : document_->displayName();
    setWindowTitle(name.isEmpty() ? tr("Awaitscope") : tr("%1 — Awaitscope").arg(name));
    setWindowModified(script_ && script_->isModified());
}

void MainWindow::updateActions() {
    const bool open = !document_->isEmpty();
    saveAsAction_->setEnabled(open && static_cast<bool>(sources_.save));
    exportChromeAction_->setEnabled(open && static_cast<bool>(sources_.save));
    exportPngAction_->setEnabled(open);
    exportSvgAction_->setEnabled(open);
    criticalPathAction_->setEnabled(open);
    runAgainAction_->setEnabled(script_ || (!document_->scenarioName().isEmpty() && static_cast<bool>(sources_.runScenario)));
    engineMenu_->setEnabled(script_ != nullptr);
    comparePreviousAction_->setEnabled(open && previousRun_);
    compareMenu_->setEnabled(open);
}

void MainWindow::showError(const QString& title, const QString& message) {
    // Window-modal and non-blocking: the app (and a test) keeps running while it is shown.
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Awaitscope"), title, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}

void MainWindow::startJob(const QString& what, std::unique_ptr<TraceLoadJob> job,
                          std::function<void(const LoadOutcome&)> onSuccess) {
    if (job_) {
        job_->cancel();  // the newer request wins
        job_.reset();
    }
    job_ = std::move(job);
    progress_->setRange(0, 0);  // busy until the first report
    progress_->setFormat(what);
    progress_->show();
    cancelButton_->show();
    statusBar()->showMessage(what);
    connect(job_.get(), &TraceLoadJob::progress, this, [this](quint64 done, quint64 total) {
        if (total == 0)
            return;
        progress_->setRange(0, 1000);
        progress_->setValue(static_cast<int>(done * 1000 / total));
    });
    connect(job_.get(), &TraceLoadJob::finished, this, [this, what, onSuccess](const LoadOutcome& outcome) {
        progress_->hide();
        cancelButton_->hide();
        statusBar()->clearMessage();
        if (outcome.ok)
            onSuccess(outcome);
        finishJob(outcome, what);
    });
    job_->start();
}

void MainWindow::finishJob(const LoadOutcome& outcome, const QString& what) {
    if (outcome.cancelled)
        statusBar()->showMessage(tr("Cancelled: %1").arg(what), 5000);
    else if (!outcome.ok && outcome.scriptError)
        statusBar()->showMessage(tr("%1: %2").arg(what, outcome.error), 15000);  // the editor marks the line
    else if (!outcome.ok)
        showError(what, outcome.error.isEmpty() ? tr("Unknown error.") : outcome.error);
    if (outcome.ok)
        showWarnings(what, outcome.warnings);
    emit loadFinished(outcome.ok);
}

void MainWindow::cancelLoading() {
    if (job_)
        job_->cancel();
}

void MainWindow::openFile(const QString& path) {
    if (path.endsWith(QStringLiteral(".py"), Qt::CaseInsensitive)) {  // a program, not a trace
        openScript(path);
        return;
    }
    if (!sources_.load) {
        showError(tr("Could not open %1").arg(QFileInfo(path).fileName()),
                  tr("Opening trace files is not available in this build."));
        emit loadFinished(false);
        return;
    }
    const std::string file = path.toStdString();
    auto load = sources_.load;
    startJob(tr("Opening %1").arg(QFileInfo(path).fileName()),
             std::make_unique<TraceLoadJob>(TraceLoadJob::FileWork([load, file](const LoadProgress& progress) { return load(file, progress); })),
             [this, path](const LoadOutcome& outcome) {
                 closeScript();
                 lessonName_.clear();
                 document_->setModel(outcome.model, DocumentOrigin::File, QFileInfo(path).fileName(), path);
                 RecentFiles().add(path);
                 refreshRecentFiles();
             });
}

void MainWindow::runScenario(const QString& name) {
    if (!sources_.runScenario) {
        showError(tr("Could not run %1").arg(name), tr("Running lessons is not available in this build."));
        emit loadFinished(false);
        return;
    }
    const Scenario* lesson = scenarioFor(name);
    const QString title = lesson ? QString::fromStdString(lesson->title) : name;
    auto run = sources_.runScenario;
    const std::string scenario = name.toStdString();
    startJob(tr("Running %1").arg(title),
             std::make_unique<TraceLoadJob>(TraceLoadJob::ScriptWork([run, scenario](const LoadProgress& progress) { return run(scenario, progress); }),
                                            lesson ? lesson->fileName : scenario),
             [this, name, title](const LoadOutcome& outcome) {
                 closeScript();
                 lessonName_ = name;
                 previousRun_.reset();
                 document_->setModel(outcome.model, DocumentOrigin::Scenario, title, name);
             });
}

void MainWindow::runEditedCode(const QString& source, const QString& fileName) {
    if (script_) {  // the learner's own program runs as itself, with its engine
        runScript();
        return;
    }
    if (!sources_.runSource) {
        showError(tr("Could not run the edited code"), tr("Running edited code needs the script interpreter, which is not in this build."));
        emit loadFinished(false);
        return;
    }
    auto run = sources_.runSource;
    const std::string code = source.toStdString();
    const std::string file = fileName.toStdString();
    auto prompt = std::make_shared<WallBudgetPrompt>(runQuestionBar_, fileName);
    startJob(
        tr("Running your edit of %1").arg(fileName),
        std::make_unique<TraceLoadJob>(TraceLoadJob::ScriptWork([run, code, file, prompt](const LoadProgress& progress) {
                                           ScriptRunResult ran = run(code, file, progress, windowWallBudget(prompt, progress));
                                           // The run's program is the code that was submitted, whatever the hook recorded.
                                           ran.trace.metadata.sourceText = code;
                                           ran.trace.metadata.sourceFile = file;
                                           return ran;
                                       }),
                                       file),
        [this, fileName](const LoadOutcome& outcome) {
            previousRun_ = document_->model();
            previousRunName_ = document_->displayName();
            const Scenario* lesson = scenarioFor(lessonName_);
            const QString base = lesson ? QString::fromStdString(lesson->title) : fileName;
            document_->setModel(outcome.model, DocumentOrigin::Recorded, tr("%1 (edited)").arg(base));
            if (previousRun_)
                comparison_->compareWith(previousRun_, previousRunName_, ComparisonKind::Edit);
            updateActions();
        });
    connect(job_.get(), &TraceLoadJob::finished, this, [this, prompt](const LoadOutcome& outcome) {
        prompt->finished();
        if (outcome.scriptError)
            code_->markProblems({*outcome.scriptError});
    });
}

void MainWindow::compareWithPrevious() {
    if (previousRun_)  // the run before the last edit: what changed is the learner's change
        comparison_->compareWith(previousRun_, previousRunName_, ComparisonKind::Edit);
}

void MainWindow::compareWithLesson(const QString& name) {
    if (!sources_.runScenario || !document_->model())
        return;
    const Scenario* lesson = scenarioFor(name);
    const QString title = lesson ? QString::fromStdString(lesson->title) : name;
    auto run = sources_.runScenario;
    const std::string scenario = name.toStdString();
    startJob(tr("Running %1 to compare").arg(title),
             std::make_unique<TraceLoadJob>(TraceLoadJob::ScriptWork([run, scenario](const LoadProgress& progress) { return run(scenario, progress); }),
                                            lesson ? lesson->fileName : scenario),
             [this, title](const LoadOutcome& outcome) { comparison_->compareWith(outcome.model, title); });
}

bool MainWindow::openInitial(const QString& path) {
    if (!path.isEmpty()) {
        openFile(path);
        return true;
    }
    if (scenarios_.empty())
        return false;
    // The very first start greets the learner in the Lesson panel, over the first lesson.
    QSettings settings;
    if (!settings.value(QStringLiteral("teaching/welcomed"), false).toBool()) {
        settings.setValue(QStringLiteral("teaching/welcomed"), true);
        lesson_->setWelcome(true);
        if (auto* dock = findChild<QDockWidget*>(QStringLiteral("lessonDock"))) {
            dock->show();
            dock->raise();
        }
    }
    runScenario(QString::fromStdString(scenarios_.front().name));
    return true;
}

void MainWindow::showTrace(std::shared_ptr<const DerivedTrace> model, const QString& displayName) {
    lessonName_.clear();
    document_->setModel(std::move(model), DocumentOrigin::Recorded, displayName);
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a trace"), QString(), tr(kTraceFilter));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::saveTo(const QString& path) {
    const auto& model = document_->model();
    if (!model || !sources_.save)
        return false;
    const SaveResult saved = sources_.save(model->trace(), path.toStdString(), saveFormatForPath(path));
    if (!saved.ok) {
        showError(tr("Could not save %1").arg(QFileInfo(path).fileName()), QString::fromStdString(saved.error));
        return false;
    }
    if (saveFormatForPath(path) != TraceFormat::Chrome) {
        document_->setFilePath(path);
        RecentFiles().add(path);
        refreshRecentFiles();
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::saveAsDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the trace"), proposedFileName(document_->displayName(), document_->scenarioName(), QStringLiteral(".json")),
        tr("Awaitscope traces (*.json);;Compressed (*.json.gz)"));
    if (!path.isEmpty())
        saveTo(path);
}

bool MainWindow::exportChromeJson(const QString& path) {
    const auto& model = document_->model();
    if (!model || !sources_.save)
        return false;
    const SaveResult saved = sources_.save(model->trace(), path.toStdString(), TraceFormat::Chrome);
    if (!saved.ok) {
        showError(tr("Could not export %1").arg(QFileInfo(path).fileName()), QString::fromStdString(saved.error));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1 (open it in Perfetto or chrome://tracing)").arg(path), 8000);
    return true;
}

void MainWindow::exportChromeDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export for Perfetto / chrome://tracing"),
        proposedFileName(document_->displayName(), document_->scenarioName(), QStringLiteral(".chrome.json")),
        tr("Chrome traces (*.json)"));
    if (!path.isEmpty())
        exportChromeJson(path);
}

bool MainWindow::exportImage(const QString& path, QSize size) {
    const auto& model = document_->model();
    if (!model)
        return false;
    RenderOptions options;
    options.size = size;
    options.dark = timeline_->timelineStyle().dark;
    options.title = document_->displayName();
    // The picture shows what the window shows: the same range, scroll and selection.
    options.visible = view_->visibleRange();
    options.selection = view_->selection();
    options.scrollY = timeline_->currentFrame().scrollY;
    options.collapsedTasks = timeline_->collapsedTasks();
    options.expandedGroups = timeline_->expandedGroups();
    options.criticalPath = view_->showsCriticalPath();
    QString error;
    const bool svg = path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive);
    const bool ok = svg ? writeTimelineSvg(*model, options, path, &error) : writeTimelinePng(*model, options, path, &error);
    if (!ok)
        showError(tr("Could not export the picture"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    return ok;
}

void MainWindow::exportImageDialog(bool svg) {
    const QString suffix = svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    const QString path = QFileDialog::getSaveFileName(
        this, svg ? tr("Export the timeline as SVG") : tr("Export the timeline as PNG"),
        proposedFileName(document_->displayName(), document_->scenarioName(), suffix), svg ? tr("SVG (*.svg)") : tr("PNG (*.png)"));
    if (path.isEmpty())
        return;
    ImageSizeDialog sizeDialog(timeline_->size(), this);
    if (sizeDialog.exec() != QDialog::Accepted)
        return;
    exportImage(path, sizeDialog.imageSize());
}

} // namespace awaitscope::ui
