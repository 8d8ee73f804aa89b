// The window as a whole: loading through the hooks off the UI thread, errors that explain
// and lose nothing, cancelling, recent files, drag and drop, exports, and the panels
// following one shared selection.
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "app/RecentFiles.h"
#include "app/TraceSources.h"
#include "model/ThemedIcon.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/CodePanel.h"
#include "panels/DetailsPanel.h"
#include "panels/DiagnosticsPanel.h"
#include "panels/EventTablePanel.h"
#include "model/OutputModel.h"
#include "model/SelectionInfo.h"
#include "panels/OutputPanel.h"
#include "panels/PlaybackBar.h"
#include "panels/PredictPanel.h"
#include "panels/ScenarioBrowser.h"
#include "timeline/TimelineStyle.h"
#include "timeline/TimelineView.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QMenuBar>
#include <QMimeData>
#include <QRegularExpression>
#include <QPainter>
#include <QProgressBar>
#include <QSettings>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>
#include <thread>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

// A load hook that "opens" files by recording demo scenarios, and fails on "broken*".
TraceSources fakeFileSources() {
    TraceSources sources = demoTraceSources();
    sources.load = [](const std::string& path, const LoadProgress& hooks) {
        LoadResult result;
        if (path.find("broken") != std::string::npos) {
            result.error = path + ": byte 17: expected ':' after an object key";
            return result;
        }
        if (hooks.onProgress)
            hooks.onProgress(50, 100);
        result.trace = recordDemoScenario(*findDemoScenario("to_thread"));
        result.ok = true;
        return result;
    };
    return sources;
}

// A script run by the interpreter: its times are not round (statements cost microseconds), and
// what it writes to stderr (a never-awaited warning, a traceback) is in its trace.
std::shared_ptr<const DerivedTrace> scriptModel(const char* source) {
    ScriptRunOptions options;
    options.fileName = "warns.py";
    ScriptRunResult ran = runScript(source, options);
    return std::make_shared<const DerivedTrace>(std::make_shared<const Trace>(std::move(ran.trace)));
}

const char* const kWarningScript = R"(import asyncio

async def fetch():
    await asyncio.sleep(0.1)

async def main():
    print("before")
    fetch()
    await asyncio.sleep(0.2)
    print("after")
    raise ValueError("boom")

asyncio.run(main())
)";

QMessageBox* errorDialog(QWidget* window) { return window->findChild<QMessageBox*>(QStringLiteral("errorDialog")); }

bool runAndWait(MainWindow& window, const QString& scenario) {
    QSignalSpy loaded(&window, &MainWindow::loadFinished);
    window.runScenario(scenario);
    return loaded.wait(10000) && loaded.first().first().toBool();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() {
        QSettings().clear();
        RecentFiles().clear();
    }

    void hasEveryPanelInADockTheUserCanMove() {
        MainWindow window(demoTraceSources());
        QStringList docks;
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            docks << dock->objectName();
            QVERIFY(dock->features() & QDockWidget::DockWidgetMovable);
        }
        docks.sort();
        QCOMPARE(docks, QStringList({"codeDock", "detailsDock", "diagnosticsDock", "eventsDock", "insidesDock", "lessonDock",
                                     "outputDock", "predictDock", "scenariosDock"}));
        QVERIFY(window.centralWidget()->isAncestorOf(window.timeline()));
    }

    // The timeline is what the window is for: at the screens learners have, the docks around
    // it leave it most of the width, and each panel still shows enough to read.
    void theTimelineIsTheMainThingAtCommonScreenSizes_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<int>("timelinePercent");
        QTest::addColumn<int>("codeLines");
        QTest::addColumn<int>("lessonCount");
        // Before, 1366x768 left the timeline 48% of the width, 7 lines of code and 4 lessons in view.
        QTest::newRow("1366x768") << QSize(1366, 768) << 50 << 9 << 6;
        QTest::newRow("1680x1000") << QSize(1680, 1000) << 55 << 14 << 8;
        QTest::newRow("1920x1080") << QSize(1920, 1080) << 58 << 16 << 9;
    }
    void theTimelineIsTheMainThingAtCommonScreenSizes() {
        QFETCH(QSize, screen);
        QFETCH(int, timelinePercent);
        QFETCH(int, codeLines);
        QFETCH(int, lessonCount);
        MainWindow window(coreTraceSources());
        window.resize(screen);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(runAndWait(window, QStringLiteral("blocking_sleep")));
        QCoreApplication::processEvents();
        const int timelineWidth = window.timeline()->width();
        const int outputHeight = window.findChild<QDockWidget*>(QStringLiteral("outputDock"))->height();
        auto* editor = window.codePanel()->findChild<QAbstractScrollArea*>();
        QVERIFY(editor);
        const int editorLines = editor->viewport()->height() / editor->fontMetrics().lineSpacing();
        auto* lessons = window.findChild<ScenarioBrowser*>()->findChild<QAbstractItemView*>();
        QVERIFY(lessons);
        const int lessonRows = lessons->viewport()->height() / std::max(1, lessons->sizeHintForRow(0));
        const QString sizes = QStringLiteral("timeline %1 px, output %2 px, %3 lines of code, %4 lesson rows")
                                  .arg(timelineWidth).arg(outputHeight).arg(editorLines).arg(lessonRows);
        QVERIFY2(timelineWidth * 100 >= screen.width() * timelinePercent, qPrintable(sizes));
        QVERIFY2(outputHeight * 100 <= screen.height() * 24, qPrintable(sizes));
        QVERIFY2(editorLines >= codeLines, qPrintable(sizes));
        QVERIFY2(lessonRows >= lessonCount, qPrintable(sizes));

        // A layout the user squeezed comes back with View > Reset Layout.
        auto* codeDock = window.findChild<QDockWidget*>(QStringLiteral("codeDock"));
        window.resizeDocks({codeDock}, {screen.width() / 2}, Qt::Horizontal);
        QCoreApplication::processEvents();
        QVERIFY(window.timeline()->width() < timelineWidth - 50);
        QAction* reset = nullptr;
        for (QAction* action : window.menuBar()->findChildren<QAction*>())
            if (action->text() == QStringLiteral("&Reset Layout"))
                reset = action;
        QVERIFY(reset);
        reset->trigger();
        QCoreApplication::processEvents();
        QVERIFY(std::abs(window.timeline()->width() - timelineWidth) <= 4);
    }

    void lessonsAreListedByTitleAndRunOnActivation() {
        MainWindow window(demoTraceSources());
        window.show();
        QTreeWidget* tree = window.scenarioBrowser()->tree();
        QTreeWidgetItem* lessons = tree->topLevelItem(0);
        QCOMPARE(lessons->childCount(), static_cast<int>(demoScenarios().size()));
        QCOMPARE(lessons->child(2)->text(0), QStringLiteral("Blocking the loop with time.sleep"));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        emit tree->itemActivated(lessons->child(2), 0);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.document()->scenarioName(), QStringLiteral("blocking_sleep"));
        QTRY_COMPARE(window.windowTitle(), QStringLiteral("Blocking the loop with time.sleep — Awaitscope"));
        QVERIFY(window.detailsPanel()->toPlainText().contains("time.sleep does not await"));
    }

    void aMalformedFileShowsAnErrorAndLosesNothing() {
        MainWindow window(fakeFileSources());
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("taskgroup_calls")));
        const auto before = window.document()->model();
        const quint64 generation = window.document()->generation();
        QTRY_COMPARE(window.windowTitle(), QStringLiteral("Three calls at once with TaskGroup — Awaitscope"));
        const QString title = window.windowTitle();
        window.viewState()->zoomTo({uitest::ms(100), uitest::ms(400)});
        const TimeRange visible = window.viewState()->visibleRange();

        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.openFile(QStringLiteral("/tmp/broken.json"));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QMessageBox* box = errorDialog(&window);
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->text(), QStringLiteral("Opening broken.json"));
        QCOMPARE(box->informativeText(), QStringLiteral("/tmp/broken.json: byte 17: expected ':' after an object key"));
        // Everything that was open is still there, untouched.
        QCOMPARE(window.document()->model(), before);
        QCOMPARE(window.document()->generation(), generation);
        QCOMPARE(window.windowTitle(), title);
        QCOMPARE(window.viewState()->visibleRange(), visible);
        QCOMPARE(window.timeline()->layout()->rows().size(), window.timeline()->layout()->firstTaskRow() + 4);
        QVERIFY(RecentFiles().list().isEmpty());
        box->close();
    }

    void sampleTracesAreInTheFileMenuAndOpen() {
        TraceSources sources = fakeFileSources();
        auto requested = std::make_shared<std::string>();
        auto load = sources.load;
        sources.load = [requested, load](const std::string& path, const LoadProgress& hooks) {
            *requested = path;
            return load(path, hooks);
        };
        sources.sampleTraces = {{"An agent's turn (agent_tools.json)", "/samples/agent_tools.json"},
                                {"A pipeline (queue_workers.json)", "/samples/queue_workers.json"}};
        MainWindow window(sources);
        window.show();
        QMenu* menu = window.findChild<QMenu*>(QStringLiteral("sampleTracesMenu"));
        QVERIFY(menu);
        QCOMPARE(menu->title(), QStringLiteral("Open &Sample Trace"));
        QCOMPARE(menu->actions().size(), 2);
        QCOMPARE(menu->actions()[1]->text(), QStringLiteral("A pipeline (queue_workers.json)"));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        menu->actions()[1]->trigger();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QCOMPARE(*requested, std::string("/samples/queue_workers.json"));
        QTRY_VERIFY(window.windowTitle().startsWith(QStringLiteral("queue_workers.json")));
    }

    void openingAFileLoadsItOffTheUiThreadAndRemembersIt() {
        MainWindow window(fakeFileSources());
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.json"));
        window.openFile(path);
        // Finished is delivered through the event loop: nothing has loaded when openFile returns,
        // however fast the worker thread is.
        QCOMPARE(loaded.count(), 0);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QCOMPARE(window.document()->origin(), DocumentOrigin::File);
        QCOMPARE(window.document()->filePath(), path);
        QTRY_COMPARE(window.windowTitle(), QStringLiteral("run.json — Awaitscope"));
        QCOMPARE(RecentFiles().list(), QStringList({path}));
        QTreeWidgetItem* recent = window.scenarioBrowser()->tree()->topLevelItem(1);
        QCOMPARE(recent->childCount(), 1);
        QCOMPARE(recent->child(0)->text(0), QStringLiteral("run.json"));
    }

    void aSlowLoadShowsProgressAndCanBeCancelled() {
        TraceSources sources = demoTraceSources();
        std::atomic<bool> started{false};
        sources.load = [&started](const std::string&, const LoadProgress& hooks) {
            started = true;
            std::uint64_t done = 0;
            while (!hooks.cancelled->load()) {  // a huge file: it would take forever
                hooks.onProgress(++done, 1'000'000);
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            LoadResult result;
            result.error = "cancelled";
            return result;
        };
        MainWindow window(sources);
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("sequential_calls")));
        const auto before = window.document()->model();
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.openFile(QStringLiteral("/tmp/huge.json"));
        auto* progress = window.findChild<QProgressBar*>(QStringLiteral("loadProgress"));
        auto* cancel = window.findChild<QToolButton*>(QStringLiteral("cancelLoad"));
        QVERIFY(progress && cancel);
        QTRY_VERIFY(started.load());
        QTRY_VERIFY(progress->value() > 0);  // the window keeps processing events meanwhile
        QVERIFY(progress->isVisible() && cancel->isVisible());
        cancel->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY(!errorDialog(&window));  // cancelling is not an error
        QVERIFY(!progress->isVisible());
        QCOMPARE(window.document()->model(), before);
    }

    void droppingAFileOpensIt() {
        MainWindow window(fakeFileSources());
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/dropped.json"))});
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.document()->filePath(), QStringLiteral("/tmp/dropped.json"));
    }

    void withoutALoadHookOpeningSaysSo() {
        MainWindow window(demoTraceSources());
        window.show();
        window.openFile(QStringLiteral("/tmp/x.json"));
        QMessageBox* box = errorDialog(&window);
        QVERIFY(box);
        QCOMPARE(box->informativeText(), QStringLiteral("Opening trace files is not available in this build."));
        box->close();
    }

    // A selected task says where its time went: a bar in the timeline's colours and each part
    // with its cause; the heartbeat's 1.2 s held by the blocker's time.sleep among them.
    void aSelectedTaskSaysWhereItsTimeWent() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("blocking_sleep")));
        const Trace& trace = window.document()->model()->trace();
        TaskId heartbeat = kNoTask;
        for (const TaskRecord& task : trace.tasks)
            if (coroutineName(trace, task.id) == "heartbeat")
                heartbeat = task.id;
        QVERIFY(heartbeat != kNoTask);
        window.viewState()->select(Selection::ofTask(heartbeat));
        const QString text = window.detailsPanel()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Where its time went")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("heartbeat took 2.7 s: 1.5 s its own sleep at line 7, 1.2 s held by blocker's time.sleep at line 14")), qPrintable(text));
        const QString frozen = TimelineStyle::forPalette(window.detailsPanel()->palette()).frozen.name();
        QVERIFY2(window.detailsPanel()->toHtml().contains(frozen, Qt::CaseInsensitive), qPrintable(frozen));
        // The loop's slice is no task: no breakdown there.
        window.viewState()->select(Selection::of(SelectionKind::LoopSlice, kNoTask, 0));
        QVERIFY(!window.detailsPanel()->toPlainText().contains(QStringLiteral("Where its time went")));
    }

    void panelsFollowTheSharedSelection() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("blocking_sleep")));
        // Clicking a problem selects it, zooms to it, and the details and code follow.
        DiagnosticsPanel* problems = window.diagnosticsPanel();
        QCOMPARE(problems->diagnosticsModel()->rowCount(), 1);
        problems->activateRow(0);
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Frozen);
        const TimeRange visible = window.viewState()->visibleRange();
        QVERIFY(visible.begin > uitest::ms(50) && visible.begin < uitest::ms(200));
        QVERIFY(visible.end > uitest::ms(1700) && visible.end < uitest::ms(1900));
        QVERIFY(window.detailsPanel()->toPlainText().contains("loop frozen 1.5 s — time.sleep, line 14"));
        QCOMPARE(window.codePanel()->highlightedLine(), 14);
        // An output line moves the playhead to its moment.
        OutputPanel* output = window.outputPanel();
        emit output->clicked(output->model()->index(2, 0));
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Output);
        QCOMPARE(window.viewState()->playhead(), std::optional<TimeNs>(uitest::ms(1700)));
        QCOMPARE(window.codePanel()->highlightedLine(), 8);
        // An event row selects that event.
        EventTablePanel* events = window.eventTablePanel();
        emit events->table()->clicked(events->tableModel()->index(0, 0));
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Event);
    }

    void aTraceFileLeavesNoLessonHighlighted() {
        MainWindow window(fakeFileSources());
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("blocking_sleep")));
        QTreeWidget* tree = window.scenarioBrowser()->tree();
        QVERIFY(tree->currentItem());
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("Blocking the loop with time.sleep"));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.openFile(QStringLiteral("/tmp/run.json"));
        QVERIFY(loaded.wait(10000));
        QVERIFY(loaded.first().first().toBool());
        QCOMPARE(tree->currentItem(), nullptr);
        QVERIFY(tree->selectedItems().isEmpty());
        QTreeWidgetItem* lessons = tree->topLevelItem(0);
        for (int i = 0; i < lessons->childCount(); ++i)
            QVERIFY2(!lessons->child(i)->font(0).bold(), qPrintable(lessons->child(i)->text(0)));
    }

    void theTitleChangesWhenTheNewRunIsOnScreen() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(runAndWait(window, QStringLiteral("blocking_sleep")));
        QTRY_COMPARE(window.timeline()->paintedGeneration(), window.document()->generation());
        // Each time the title names another run, the timeline has already drawn that run.
        std::vector<std::pair<QString, bool>> titles;
        connect(&window, &QWidget::windowTitleChanged, this, [&](const QString& title) {
            titles.emplace_back(title, window.timeline()->paintedGeneration() == window.document()->generation());
        });
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.runScenario(QStringLiteral("taskgroup_calls"));
        QVERIFY(loaded.wait(10000));
        QTRY_COMPARE(window.windowTitle(), QStringLiteral("Three calls at once with TaskGroup — Awaitscope"));
        QCOMPARE(titles.size(), std::size_t(1));
        QVERIFY(titles.front().second);
    }

    void theStatusBarCountsOnlyTheRunAndRoundsTheCursor() {
        MainWindow window(demoTraceSources());
        window.resize(1400, 900);
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("blocking_sleep")));
        ViewState* view = window.viewState();
        const TimeRange run = view->traceRange();
        view->fitAll();
        QCOMPARE(window.rangeLabel()->text(), QStringLiteral("showing all %1").arg(QString::fromStdString(formatDuration(run.duration()))));
        // A view reaching past the end shows only part of the run: the label counts the part in view.
        view->setVisibleRange({run.end - uitest::ms(500), run.end + uitest::ms(100)});
        QCOMPARE(window.rangeLabel()->text(), QStringLiteral("showing 500 ms of %1").arg(QString::fromStdString(formatDuration(run.duration()))));
        // The cursor reads to what a pixel tells apart, not to the nanosecond.
        view->fitAll();
        view->setHoverTime(458'480'090);
        QCOMPARE(window.cursorLabel()->text(), QStringLiteral("cursor at 0.458 s"));
        view->setVisibleRange({uitest::ms(458), uitest::ms(458) + 1'000'000});  // 1 ms across the plot
        view->setHoverTime(std::nullopt);
        QCOMPARE(window.cursorLabel()->text(), QString());
        view->setHoverTime(458'480'090);
        QCOMPARE(window.cursorLabel()->text(), QStringLiteral("cursor at 0.458480 s"));
    }

    void outputShowsStderrAmongThePrintedLinesInTheOrderWritten() {
        MainWindow window(demoTraceSources());
        window.show();
        window.showTrace(scriptModel(kWarningScript), QStringLiteral("warns.py"));
        const QAbstractItemModel* output = window.outputPanel()->model();
        QStringList rows;
        for (int row = 0; row < output->rowCount(); ++row)
            rows << output->index(row, OutputModel::StreamColumn).data().toString() + QLatin1Char('|') +
                        output->index(row, OutputModel::TextColumn).data().toString();
        QVERIFY2(rows.size() >= 5, qPrintable(rows.join('\n')));
        QCOMPARE(rows.front(), QStringLiteral("|before"));
        const auto warning = std::find_if(rows.begin(), rows.end(), [](const QString& r) { return r.contains(QStringLiteral("was never awaited")); });
        QVERIFY2(warning != rows.end(), qPrintable(rows.join('\n')));
        QVERIFY(warning->startsWith(QStringLiteral("stderr|")));
        const qsizetype after = rows.indexOf(QStringLiteral("|after"));
        QVERIFY(warning - rows.begin() < after);
        QCOMPARE(rows.back(), QStringLiteral("stderr|ValueError: boom"));
        QVERIFY(rows.indexOf(QStringLiteral("stderr|Traceback (most recent call last):")) > after);
        // Marked for the eye (colour) and for a screen reader (a word), not only by a column.
        const QModelIndex last = output->index(output->rowCount() - 1, OutputModel::TextColumn);
        QCOMPARE(last.data(Qt::AccessibleTextRole).toString(), QStringLiteral("stderr: ValueError: boom"));
        QVERIFY(last.data(Qt::ForegroundRole).isValid());
        QVERIFY(!output->index(0, OutputModel::TextColumn).data(Qt::ForegroundRole).isValid());
        // The Predict panel asks only for what was printed.
        QVERIFY(!window.predictPanel()->prediction().join('\n').contains(QStringLiteral("never awaited")));
    }

    // A plain script's playback tells its own story: no loop to run anyone or to block.
    void steppingThroughAPlainScriptSpeaksOfTheProgramNotTheLoop() {
        MainWindow window(demoTraceSources());
        window.show();
        window.showTrace(scriptModel("import time\nprint('fetching')\ntime.sleep(0.5)\nprint('done')\n"),
                         QStringLiteral("plain.py"));
        QStringList said;
        int lineDuringTheSleep = -1;
        for (int i = 0; i < 6; ++i) {
            QTest::mouseClick(window.playbackBar()->stepForwardButton(), Qt::LeftButton);
            said << window.playbackBar()->positionLabel()->text();
            if (said.back().contains(QStringLiteral("starts time.sleep")))
                lineDuringTheSleep = window.codePanel()->runningLine();
        }
        const QString all = said.join('\n');
        QVERIFY2(all.contains(QStringLiteral("main program starts: with no event loop, each line waits for the one before")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("main program prints “fetching”")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("main program starts time.sleep and waits: nothing else happens meanwhile")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("main program prints “done”")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("the loop runs")) && !all.contains(QStringLiteral("blocks the loop")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("(no task)")) && !all.contains(QStringLiteral("<module>")), qPrintable(all));
        // The code panel shows the line the program waits at.
        QCOMPARE(lineDuringTheSleep, 3);
    }

    void momentsAreRoundedExceptInTheDetails() {
        MainWindow window(demoTraceSources());
        window.show();
        const auto model = scriptModel(kWarningScript);
        window.showTrace(model, QStringLiteral("warns.py"));
        const Trace& trace = model->trace();
        std::uint32_t afterLine = 0;
        while (afterLine < trace.output.size() && trace.str(trace.output[afterLine].text) != "after")
            ++afterLine;
        QVERIFY(afterLine < trace.output.size());
        const TimeNs at = trace.output[afterLine].time;
        QVERIFY2(at % 1'000'000 != 0, "the statements' cost makes the moment odd");
        const Selection line = Selection::of(SelectionKind::Output, trace.output[afterLine].task, afterLine);
        const SelectionInfo tooltip = describeSelection(*model, line);
        const auto fact = std::find_if(tooltip.facts.begin(), tooltip.facts.end(), [](const auto& f) { return f.first == QStringLiteral("At"); });
        QVERIFY(fact != tooltip.facts.end());
        QCOMPARE(fact->second, QString::fromStdString(formatMoment(at)));
        window.viewState()->select(line);
        QVERIFY2(window.detailsPanel()->toPlainText().contains(QString::fromStdString(formatTimePoint(at))), qPrintable(window.detailsPanel()->toPlainText()));
    }

    void exportsThePictureAtTheChosenSize() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("taskgroup_calls")));
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("slide.png"));
        QVERIFY(window.exportImage(png, QSize(1920, 1080)));
        QCOMPARE(QImage(png).size(), QSize(1920, 1080));
        const QString svg = dir.filePath(QStringLiteral("slide.svg"));
        QVERIFY(window.exportImage(svg, QSize(1280, 720)));
        QVERIFY(QFileInfo(svg).size() > 1000);
    }

    void saveAsGoesThroughTheSaveHook() {
        TraceSources sources = demoTraceSources();
        std::vector<std::pair<std::string, TraceFormat>> saved;
        sources.save = [&saved](const Trace& trace, const std::string& path, TraceFormat format) {
            saved.emplace_back(path, format);
            SaveResult result;
            result.ok = !trace.tasks.empty();
            return result;
        };
        MainWindow window(sources);
        window.show();
        QVERIFY(runAndWait(window, QStringLiteral("taskgroup_calls")));
        QVERIFY(window.saveTo(QStringLiteral("/tmp/run.json.gz")));
        QVERIFY(window.exportChromeJson(QStringLiteral("/tmp/run.chrome.json")));
        QCOMPARE(saved.size(), std::size_t(2));
        QCOMPARE(saved[0].second, TraceFormat::NativeGzip);
        QCOMPARE(saved[1].second, TraceFormat::Chrome);
        QCOMPARE(window.document()->filePath(), QStringLiteral("/tmp/run.json.gz"));
        QTRY_COMPARE(window.windowTitle(), QStringLiteral("Three calls at once with TaskGroup — Awaitscope"));
    }

    void windowStateIsKeptInSettings() {
        {
            MainWindow window(demoTraceSources());
            window.resize(1234, 777);
            window.show();
            window.findChild<QDockWidget*>(QStringLiteral("eventsDock"))->hide();
            window.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
        MainWindow again(demoTraceSources());
        again.show();
        QCOMPARE(again.size(), QSize(1234, 777));
        QVERIFY(!again.findChild<QDockWidget*>(QStringLiteral("eventsDock"))->isVisible());
    }

    void themeSwitchesTheTimelineColours() {
        MainWindow window(demoTraceSources());
        window.show();
        window.setTheme(Theme::Dark);
        QTRY_VERIFY(window.timeline()->timelineStyle().dark);
        window.setTheme(Theme::Light);
        QTRY_VERIFY(!window.timeline()->timelineStyle().dark);
        window.setTheme(Theme::System);
    }

    // Help > Mouse and Keys lists every key of the Playback menu (Space, "." and ",", ...).
    void mouseAndKeysListsEveryPlaybackKey() {
        MainWindow window(demoTraceSources());
        QStringList listed;  // every key in a bold cell, "A / D" giving "A" and "D"
        const QRegularExpression bold(QStringLiteral("<b>(.*?)</b>"));
        const QString help = MainWindow::mouseAndKeysHelp();
        for (auto it = bold.globalMatch(help); it.hasNext();)
            listed += it.next().captured(1).split(QStringLiteral(" / "));
        QMenu* playback = nullptr;
        for (QAction* action : window.menuBar()->actions())
            if (action->text() == QStringLiteral("&Playback"))
                playback = action->menu();
        QVERIFY(playback);
        int keys = 0;
        for (QAction* action : playback->actions()) {
            if (action->shortcut().isEmpty())
                continue;
            ++keys;
            const QString key = action->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(listed.contains(key), qPrintable(QStringLiteral("%1 (%2) is not in: %3").arg(key, action->text(), listed.join(QStringLiteral(" | ")))));
        }
        QVERIFY(keys >= 5);
        for (const char* key : {"Space", ".", ",", "Home", "Esc"})
            QVERIFY2(listed.contains(QLatin1String(key)), key);
    }

    // Clicking a lane's name gives the timeline the keys: the arrows then move through the
    // tasks, not through the Output table that had the focus.
    void clickingALaneNameGivesTheTimelineTheKeys() {
        MainWindow window(demoTraceSources());
        window.resize(1400, 900);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(runAndWait(window, QStringLiteral("taskgroup_calls")));
        QTableView* table = window.outputPanel();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, QPoint(20, 8));
        QTRY_VERIFY(table->hasFocus());
        TimelineView* timeline = window.timeline();
        const TimelineFrame frame = timeline->currentFrame();
        const LayoutRow* lane = nullptr;
        for (const LayoutRow& row : timeline->layout()->rows())
            if (row.kind == RowKind::Task && !lane)
                lane = &row;
        QVERIFY(lane);
        const QPoint name(frame.headerRect().left() + 40, frame.rowTop(*lane) + 12);
        QVERIFY(frame.headerRect().contains(name));
        QTest::mouseClick(timeline, Qt::LeftButton, {}, name);
        QTRY_VERIFY(timeline->hasFocus());
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Task);
        const TaskId first = window.viewState()->selection().task;
        const QModelIndex tableRow = table->currentIndex();
        QTest::keyClick(timeline, Qt::Key_Down);
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Task);
        QVERIFY(window.viewState()->selection().task != first);
        QCOMPARE(table->currentIndex(), tableRow);
    }

    // The style's icons are dark grey; on the dark theme they must still stand out from the
    // window (WCAG's 3:1 for graphics): Play, the steps, Run and Show Everything.
    void iconsStandOutOnTheDarkTheme() {
        MainWindow window(demoTraceSources());
        window.show();
        window.setTheme(Theme::Dark);
        const QColor background = QApplication::palette().color(QPalette::Window);
        auto luminance = [](const QColor& c) {
            auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        // The icon drawn on the window's colour; its ink is every pixel that differs from it.
        auto drawn = [&](const QIcon& icon) {
            QImage image(24, 24, QImage::Format_ARGB32);
            image.fill(background);
            QPainter painter(&image);
            icon.paint(&painter, image.rect());
            painter.end();
            return image;
        };
        auto contrast = [&](const QIcon& icon) {
            const QImage image = drawn(icon);
            double ink = 0;
            int count = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (image.pixel(x, y) != background.rgb()) {
                        ink += luminance(QColor(image.pixel(x, y)));
                        ++count;
                    }
            if (count < 12)
                return 0.0;
            const double a = ink / count, b = luminance(background);
            return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
        };
        QList<QPair<QString, QIcon>> icons;
        for (const char* name : {"playButton", "stepBackButton", "stepForwardButton"}) {
            auto* button = window.findChild<QToolButton*>(QLatin1String(name));
            QVERIFY2(button, name);
            icons.append({QLatin1String(name), button->icon()});
        }
        // Every icon of every toolbar: the file actions as well as the playback ones.
        for (QToolBar* bar : window.findChildren<QToolBar*>())
            for (QAction* action : bar->actions())
                if (!action->icon().isNull())
                    icons.append({action->text(), action->icon()});
        for (QToolButton* button : window.findChildren<QToolButton*>())
            if (button->text() == QStringLiteral("Run Lesson"))
                icons.append({button->text(), button->icon()});
        const auto named = [&](const QString& text) {
            return std::any_of(icons.begin(), icons.end(), [&](const auto& icon) { return icon.first == text; });
        };
        for (const QString& text : {QStringLiteral("Show &Everything"), QStringLiteral("Run &Again"),
                                    QStringLiteral("Save Trace &As…"), QStringLiteral("Timeline as &PNG…"),
                                    QStringLiteral("&Open Trace…"), QStringLiteral("Run Lesson")})
            QVERIFY2(named(text), qPrintable(text));
        // An icon keeps its shape: recoloured, a floppy or a folder drawn for a light background
        // must not become a solid block. Within the box its ink spans, enough pixels stay unlit
        // (recoloured as one block, the floppy left 32% unlit, the folder 30%).
        auto unlitShare = [&](const QIcon& icon) {
            const QImage image = drawn(icon);
            const QColor ink = themedIconColor(QApplication::palette(), QIcon::Normal);
            QRect box;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (image.pixel(x, y) != background.rgb())
                        box |= QRect(x, y, 1, 1);
            int unlit = 0;
            for (int y = box.top(); y <= box.bottom(); ++y)
                for (int x = box.left(); x <= box.right(); ++x)
                    unlit += uitest::distance(image.pixel(x, y), ink) > 60;
            return box.isEmpty() ? 0.0 : static_cast<double>(unlit) / (box.width() * box.height());
        };
        for (const auto& [name, icon] : icons) {
            const double ratio = contrast(icon);
            QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("%1: %2:1").arg(name).arg(ratio, 0, 'f', 2)));
            const double unlit = unlitShare(icon);
            QVERIFY2(unlit >= 0.4, qPrintable(QStringLiteral("%1: %2% of its box unlit").arg(name).arg(unlit * 100, 0, 'f', 0)));
        }
        // On the light theme they keep the style's own drawing.
        window.setTheme(Theme::Light);
        QVERIFY(!themedIconColor(QApplication::palette(), QIcon::Normal).isValid());
        window.setTheme(Theme::System);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
