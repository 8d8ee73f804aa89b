// A learner's own program as a document of its own: New Script, Open Script (and a .py given
// to openFile, as the command line and a drop do), the engine chosen per script and
// remembered, the offer to run under Python when the interpreter cannot, a Python run's
// output streamed as it comes, Cancel, and a load's warnings as a lasting list.
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "app/NoticeBar.h"
#include "app/RecentFiles.h"
#include "app/ScriptDocument.h"
#include "app/WallBudgetPrompt.h"
#include "model/TraceDocument.h"
#include "panels/CodePanel.h"
#include "panels/LessonPanel.h"
#include "panels/LiveOutputView.h"
#include "panels/OutputPanel.h"

#include <Qsci/qsciscintilla.h>

#include <QDockWidget>
#include <QFile>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

using namespace awaitscope;
using namespace awaitscope::ui;
using namespace std::chrono_literals;

namespace {

// What the fake engines saw, shared with the test.
struct Engines {
    std::atomic<int> interpreterRuns{0};
    std::atomic<int> pythonRuns{0};
    std::atomic<bool> pythonSawCancel{false};
    std::atomic<bool> releaseOutput{false};  // a streaming run holds after its first line until this is set
    std::mutex mutex;
    std::string lastPythonScript;
    bool lastVirtualClock = false;
    std::atomic<double> budgetSeconds{-1};
    std::atomic<double> budgetAnswer{-1};
};

// The interpreter rejects 'async for' as CPython never would; "# hold" makes the Python run
// stream a line and wait for the test; "# forever" makes it run until cancelled.
TraceSources fakeSources(std::shared_ptr<Engines> engines) {
    TraceSources sources = demoTraceSources();
    sources.runSource = [engines](const std::string& source, const std::string&, const LoadProgress&, const WallBudget& budget) {
        ++engines->interpreterRuns;
        engines->budgetSeconds = budget.seconds;
        ScriptRunResult ran;
        if (source.find("# spins") != std::string::npos && budget.onSpent) {
            // A run past its real-time budget: the question, and what the answer allows.
            engines->budgetAnswer = budget.onSpent(budget.seconds + 0.4);
            if (!(engines->budgetAnswer > 0)) {  // stopped: the trace so far, and why
                ran.exitCode = 1;
                ran.error = ScriptDiagnostic{1, 0, "the script ran out of its wall-time budget (5 s) at line 1"};
                ran.trace = recordDemoScenario(*findDemoScenario("to_thread"));
                return ran;
            }
        }
        if (const std::size_t at = source.find("async for"); at != std::string::npos) {
            const int line = 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<long>(at), '\n'));
            ran.exitCode = 1;
            ran.error = ScriptDiagnostic{line, 5, "SyntaxError: 'async for' is not supported by Awaitscope"};
            return ran;
        }
        ran.trace = recordDemoScenario(*findDemoScenario("to_thread"));
        ran.ok = true;
        return ran;
    };
    sources.pythonUnavailable = [] { return std::string(); };
    sources.runPython = [engines](const PythonRunRequest& request, const LoadProgress& progress) {
        ++engines->pythonRuns;
        std::string text;
        {
            std::lock_guard lock(engines->mutex);
            engines->lastPythonScript = request.script;
            engines->lastVirtualClock = request.virtualClock;
            QFile file(QString::fromStdString(request.script));
            if (file.open(QIODevice::ReadOnly))
                text = file.readAll().toStdString();
        }
        LoadResult loaded;
        if (text.find("# forever") != std::string::npos) {
            while (!progress.cancelled->load()) {
                request.onOutput(1, "tick\n");
                std::this_thread::sleep_for(20ms);
            }
            engines->pythonSawCancel = true;
            return loaded;
        }
        request.onOutput(1, "first line\n");
        if (text.find("# hold") != std::string::npos)
            for (int i = 0; i < 1000 && !engines->releaseOutput.load() && !progress.cancelled->load(); ++i)
                std::this_thread::sleep_for(10ms);
        request.onOutput(2, "a warning on stderr\n");
        loaded.trace = recordDemoScenario(*findDemoScenario("to_thread"));
        loaded.ok = true;
        return loaded;
    };
    return sources;
}

QString writeScript(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return path;
}

QAction* engineAction(MainWindow& window, ScriptEngine engine) {
    auto* menu = window.findChild<QMenu*>(QStringLiteral("engineMenu"));
    if (!menu)
        return nullptr;
    emit menu->aboutToShow();  // the checks are set as the menu opens
    for (QAction* action : menu->actions())
        if (action->data().toInt() == static_cast<int>(engine))
            return action;
    return nullptr;
}

QAction* fileAction(MainWindow& window, const QString& text) {
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu())
            for (QAction* action : menu->menu()->actions())
                if (action->text() == text)
                    return action;
    return nullptr;
}

// Starts something with `start` and waits for the window's loadFinished: its ok, or false
// when nothing finished within ten seconds.
template <typename Start>
bool runAndWaitFor(MainWindow& window, Start start) {
    QSignalSpy loaded(&window, &MainWindow::loadFinished);
    start();
    if (loaded.isEmpty() && !loaded.wait(10000))
        return false;
    return loaded.first().first().toBool();
}

const char* const kAsyncForScript =
    "import asyncio\n\nasync def tokens():\n    yield 'hi'\n\nasync def main():\n    async for t in tokens():\n        print(t)\n\nasyncio.run(main())\n";

} // namespace

class TestScripts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() {
        QSettings().clear();
        RecentFiles().clear();
    }

    void newScriptIsAnUntitledDocumentWithNoLessonAndRunsAsItself() {
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        window.show();
        QVERIFY(runAndWaitFor(window, [&] { window.runScenario(QStringLiteral("to_thread")); }));
        QVERIFY(!window.lessonPanel()->lesson().paragraphs.isEmpty());

        QAction* newScript = fileAction(window, QStringLiteral("&New Script"));
        QVERIFY(newScript);
        QCOMPARE(newScript->shortcut(), QKeySequence(QKeySequence::New));
        newScript->trigger();
        QVERIFY(window.scriptDocument());
        QCOMPARE(window.scriptDocument()->fileName(), QStringLiteral("untitled.py"));
        QVERIFY(window.scriptDocument()->isUntitled());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("untitled.py")));
        QVERIFY(window.isWindowModified());  // never saved
        QVERIFY(window.document()->isEmpty());  // the lesson's trace is gone with it
        QVERIFY(window.lessonPanel()->lesson().paragraphs.isEmpty());
        QVERIFY(window.lessonName().isEmpty());
        QCOMPARE(window.codePanel()->source(), newScriptTemplate());
        QVERIFY(!window.codePanel()->editor()->isReadOnly());
        // The editor is given room: at least a third of the window's width.
        QTRY_VERIFY(window.codePanel()->width() >= window.width() / 3);

        // Run: the interpreter runs the editor's text, and the trace is the script's own.
        window.codePanel()->editor()->setText(QStringLiteral("print('mine')\n"));
        QVERIFY(runAndWaitFor(window, [&] { window.runScript(); }));
        QCOMPARE(engines->interpreterRuns.load(), 1);
        QCOMPARE(window.document()->displayName(), QStringLiteral("untitled.py"));
        QCOMPARE(window.document()->model()->trace().metadata.sourceText, std::string("print('mine')\n"));
        QCOMPARE(window.codePanel()->source(), QStringLiteral("print('mine')\n"));  // the run did not replace it
        QVERIFY(!window.windowTitle().contains(QStringLiteral("edited")));

        // A second New Script gets its own name.
        newScript->trigger();
        QCOMPARE(window.scriptDocument()->fileName(), QStringLiteral("untitled-2.py"));
    }

    void saveAsMovesTheScriptToItsFileAndSaveWritesItAtomically() {
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        window.newScript();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agent.py"));
        QVERIFY(window.codePanel()->saveTo(path));
        QCOMPARE(window.scriptDocument()->path(), path);
        QCOMPARE(window.scriptDocument()->fileName(), QStringLiteral("agent.py"));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("agent.py")));
        QVERIFY(!window.isWindowModified());
        window.codePanel()->editor()->append(QStringLiteral("# more\n"));
        QVERIFY(window.isWindowModified());
        window.codePanel()->save();  // Save: to the script's own file, no dialog
        QVERIFY(!window.isWindowModified());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().endsWith("# more\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("agent.py")});  // no temporary left
    }

    void openScriptShowsTheProgramUnderItsOwnNameAndRunsIt_data() {
        QTest::addColumn<bool>("throughOpenFile");  // as the command line and a drop reach it
        QTest::newRow("Open Script") << false;
        QTest::newRow("a .py given to openFile") << true;
    }
    void openScriptShowsTheProgramUnderItsOwnNameAndRunsIt() {
        QFETCH(bool, throughOpenFile);
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        QTemporaryDir dir;
        const QString path = writeScript(dir, QStringLiteral("my_agent.py"), "print('hello')\n");
        QVERIFY(!path.isEmpty());
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        if (throughOpenFile)
            window.openFile(path);
        else
            window.openScript(path);
        QVERIFY(loaded.wait(10000));
        QVERIFY(loaded.first().first().toBool());
        QVERIFY(window.scriptDocument());
        QCOMPARE(window.scriptDocument()->path(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(window.codePanel()->source(), QStringLiteral("print('hello')\n"));
        QCOMPARE(engines->interpreterRuns.load(), 1);
        QCOMPARE(window.document()->displayName(), QStringLiteral("my_agent.py"));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("my_agent.py")));
        QVERIFY(!window.isWindowModified());
        QCOMPARE(RecentFiles().list().value(0), QFileInfo(path).absoluteFilePath());
        QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("errorDialog")));

        // Opening a lesson closes the script document.
        QVERIFY(runAndWaitFor(window, [&] { window.runScenario(QStringLiteral("to_thread")); }));
        QVERIFY(!window.scriptDocument());
        QVERIFY(!window.windowTitle().startsWith(QStringLiteral("my_agent.py")));
    }

    void openScriptThatIsNotTextSaysWhyAndKeepsWhatIsOpen() {
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        QVERIFY(runAndWaitFor(window, [&] { window.runScenario(QStringLiteral("to_thread")); }));
        QTemporaryDir dir;
        const QString path = writeScript(dir, QStringLiteral("binary.py"), QByteArray("print(1)\n\xff\xfe\x00", 12));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.openScript(path);
        QCOMPARE(loaded.size(), 1);
        QVERIFY(!loaded.first().first().toBool());
        auto* error = window.findChild<QMessageBox*>(QStringLiteral("errorDialog"));
        QVERIFY(error);
        QVERIFY(error->informativeText().contains(QStringLiteral("not UTF-8")));
        QVERIFY(!window.scriptDocument());
        QCOMPARE(window.document()->scenarioName(), QStringLiteral("to_thread"));
    }

    void engineChoiceRunsThePythonEngineAndIsRememberedPerScript() {
        auto engines = std::make_shared<Engines>();
        QTemporaryDir dir;
        const QString first = writeScript(dir, QStringLiteral("first.py"), "print(1)\n");
        const QString second = writeScript(dir, QStringLiteral("second.py"), "print(2)\n");
        {
            MainWindow window(fakeSources(engines));
            QVERIFY(!window.findChild<QMenu*>(QStringLiteral("engineMenu"))->isEnabled());  // no script, no choice
            QVERIFY(runAndWaitFor(window, [&] { window.openScript(first); }));
            QVERIFY(window.findChild<QMenu*>(QStringLiteral("engineMenu"))->isEnabled());
            QVERIFY(engineAction(window, ScriptEngine::Interpreter)->isChecked());
            QAction* realTime = engineAction(window, ScriptEngine::PythonRealTime);
            QCOMPARE(realTime->text(), QStringLiteral("Python, real time"));
            realTime->trigger();
            QVERIFY(engineAction(window, ScriptEngine::PythonRealTime)->isChecked());
            QVERIFY(runAndWaitFor(window, [&] { window.runScript(); }));
            QCOMPARE(engines->pythonRuns.load(), 1);
            QVERIFY(!engines->lastVirtualClock);
            QCOMPARE(QString::fromStdString(engines->lastPythonScript), QFileInfo(first).absoluteFilePath());  // saved: run in place
            QCOMPARE(window.document()->displayName(), QStringLiteral("first.py"));
        }
        // A new window: first.py comes back with its engine (and so does not run by itself);
        // second.py still has the interpreter.
        MainWindow window(fakeSources(engines));
        QVERIFY(runAndWaitFor(window, [&] { window.openScript(first); }));
        QCOMPARE(window.scriptDocument()->engine(), ScriptEngine::PythonRealTime);
        QVERIFY(engineAction(window, ScriptEngine::PythonRealTime)->isChecked());
        QCOMPARE(engines->interpreterRuns.load(), 1);
        QCOMPARE(engines->pythonRuns.load(), 1);
        QVERIFY(runAndWaitFor(window, [&] { window.openScript(second); }));
        QCOMPARE(window.scriptDocument()->engine(), ScriptEngine::Interpreter);
        QVERIFY(engineAction(window, ScriptEngine::Interpreter)->isChecked());
        QCOMPARE(engines->interpreterRuns.load(), 2);
    }

    void interpreterThatCannotRunAScriptOffersPythonAndNamesTheConstruct() {
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        window.show();
        window.newScript();
        window.codePanel()->editor()->setText(QString::fromLatin1(kAsyncForScript));
        QVERIFY(!runAndWaitFor(window, [&] { window.runScript(); }));  // nothing ran
        NoticeBar* offer = window.fallbackOffer();
        QTRY_VERIFY(offer->isVisible());
        QVERIFY(offer->message().contains(QStringLiteral("'async for'")));
        QVERIFY(offer->message().contains(QStringLiteral("line 7")));
        QCOMPARE(window.codePanel()->errorLines(), QList<int>{7});
        auto* runWithPython = offer->findChild<QPushButton*>(QStringLiteral("runWithPython"));
        QVERIFY(runWithPython);
        QVERIFY(runWithPython->isVisible());
        QCOMPARE(runWithPython->text(), QStringLiteral("Run with Python"));

        // Run with Python: once, on the virtual clock, from a copy of the untitled script.
        QVERIFY(runAndWaitFor(window, [&] { runWithPython->click(); }));
        QCOMPARE(engines->pythonRuns.load(), 1);
        QVERIFY(engines->lastVirtualClock);
        QCOMPARE(QFileInfo(QString::fromStdString(engines->lastPythonScript)).fileName(), QStringLiteral("untitled.py"));
        QVERIFY(!offer->isVisible());
        QCOMPARE(window.scriptDocument()->engine(), ScriptEngine::Interpreter);  // the choice did not change
        QVERIFY(!window.document()->isEmpty());
        QCOMPARE(window.document()->model()->trace().metadata.sourceText, std::string(kAsyncForScript));

        // "Always Use Python for This Script" changes the engine and runs.
        QVERIFY(!runAndWaitFor(window, [&] { window.runScript(); }));
        QTRY_VERIFY(offer->isVisible());
        auto* always = offer->findChild<QPushButton*>(QStringLiteral("alwaysUsePython"));
        QVERIFY(always);
        QVERIFY(runAndWaitFor(window, [&] { always->click(); }));
        QCOMPARE(window.scriptDocument()->engine(), ScriptEngine::PythonVirtual);
        QCOMPARE(engines->pythonRuns.load(), 2);
    }

    void offerSaysWhyWhenPythonIsMissing() {
        auto engines = std::make_shared<Engines>();
        TraceSources sources = fakeSources(engines);
        sources.pythonUnavailable = [] { return std::string("python3 on the PATH is 3.9; 3.11 or newer is needed"); };
        MainWindow window(sources);
        window.show();
        window.newScript();
        window.codePanel()->editor()->setText(QString::fromLatin1(kAsyncForScript));
        QVERIFY(!runAndWaitFor(window, [&] { window.runScript(); }));
        QTRY_VERIFY(window.fallbackOffer()->isVisible());
        QVERIFY(window.fallbackOffer()->message().contains(QStringLiteral("3.9; 3.11 or newer")));
        QVERIFY(!window.fallbackOffer()->findChild<QPushButton*>(QStringLiteral("runWithPython")));
    }

    void pythonRunStreamsItsOutputWhileItRuns() {
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        window.show();
        window.newScript();
        window.setScriptEngine(ScriptEngine::PythonVirtual);
        window.codePanel()->editor()->setText(QStringLiteral("print('first line')  # hold\n"));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.runScript();
        auto* stack = qobject_cast<QStackedWidget*>(window.liveOutput()->parentWidget());
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget(), window.liveOutput());
        // The first line is there while the program still runs.
        QTRY_VERIFY(window.liveOutput()->printed().contains(QStringLiteral("first line\n")));
        QVERIFY(window.isLoading());
        QCOMPARE(loaded.size(), 0);
        QVERIFY(!window.liveOutput()->printed().contains(QStringLiteral("stderr")));
        engines->releaseOutput = true;
        QVERIFY(loaded.wait(10000));
        QVERIFY(loaded.first().first().toBool());
        QCOMPARE(window.liveOutput()->printed(), QStringLiteral("first line\na warning on stderr\n"));
        // Then the trace's own output takes the panel's place.
        QCOMPARE(stack->currentWidget(), window.outputPanel());
        QVERIFY(!window.document()->isEmpty());
    }

    void cancelEndsAPythonRunAndKeepsWhatWasShown() {
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        window.show();
        window.newScript();
        window.setScriptEngine(ScriptEngine::PythonVirtual);
        window.codePanel()->editor()->setText(QStringLiteral("while True: print('tick')  # forever\n"));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.runScript();
        QTRY_VERIFY(window.liveOutput()->printed().contains(QStringLiteral("tick\ntick\n")));
        auto* cancel = window.findChild<QToolButton*>(QStringLiteral("cancelLoad"));
        QVERIFY(cancel);
        QVERIFY(cancel->isVisible());
        cancel->click();
        QVERIFY(loaded.wait(10000));
        QVERIFY(!loaded.first().first().toBool());
        QVERIFY(engines->pythonSawCancel.load());
        QTRY_VERIFY(!window.isLoading());
        QVERIFY(!cancel->isVisible());
        QVERIFY(window.document()->isEmpty());
        QVERIFY(window.liveOutput()->toPlainText().contains(QStringLiteral("Cancelled")));
        QCOMPARE(qobject_cast<QStackedWidget*>(window.liveOutput()->parentWidget())->currentWidget(), window.liveOutput());
    }

    // A script run that takes its real-time budget (a few seconds) is paused and asked about:
    // "Keep Running" lets it go on, "Stop and Show the Trace" ends it with the trace so far,
    // and a cancel while the question is open ends it too and takes the question down.
    void aScriptPastItsRealTimeBudgetAsksWhetherToGoOn_data() {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<double>("granted");
        QTest::newRow("keep running") << QStringLiteral("keepRunning") << WallBudgetPrompt::kKeepRunningSeconds;
        QTest::newRow("stop") << QStringLiteral("stopRun") << 0.0;
        QTest::newRow("cancel") << QStringLiteral("cancelLoad") << 0.0;
    }
    void aScriptPastItsRealTimeBudgetAsksWhetherToGoOn() {
        QFETCH(QString, answer);
        QFETCH(double, granted);
        auto engines = std::make_shared<Engines>();
        MainWindow window(fakeSources(engines));
        window.show();
        window.newScript();
        window.codePanel()->editor()->setText(QStringLiteral("while True: pass  # spins\n"));
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.runScript();
        NoticeBar* question = window.runQuestion();
        QTRY_VERIFY(question->isVisible());
        QCOMPARE(engines->budgetSeconds.load(), kWindowScriptWallSeconds);
        QVERIFY2(question->message().contains(QStringLiteral("untitled.py has been running for 5 s of real time")),
                 qPrintable(question->message()));
        QVERIFY(window.isLoading());  // paused, not ended
        auto* button = answer == QStringLiteral("cancelLoad") ? static_cast<QAbstractButton*>(window.findChild<QToolButton*>(answer))
                                                                : question->findChild<QPushButton*>(answer);
        QVERIFY(button);
        button->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(engines->budgetAnswer.load(), granted);
        QTRY_VERIFY(!question->isVisible());
        QCOMPARE(loaded.first().first().toBool(), answer != QStringLiteral("cancelLoad"));
        if (answer == QStringLiteral("stopRun")) {  // the trace so far, with the reason beside it
            QVERIFY(!window.document()->isEmpty());
            QCOMPARE(window.codePanel()->errorLines(), QList<int>{1});
            QVERIFY(window.warningsBar()->details().join(QLatin1Char('\n')).contains(QStringLiteral("wall-time budget (5 s)")));
        }
    }

    void loadWarningsStayAsAListWithCountsUntilTheNextLoad() {
        TraceSources sources = demoTraceSources();
        sources.load = [](const std::string& path, const LoadProgress&) {
            LoadResult result;
            result.trace = recordDemoScenario(*findDemoScenario("to_thread"));
            result.ok = true;
            // Remarks (count 0) print as they are, so identical ones reach the bar to be folded.
            const LoadWarning unknownPhase{"traceEvents[3]: unknown phase 'Q', skipped", {}, 0};
            if (path.find("doubtful") != std::string::npos)
                result.warnings = {unknownPhase, {"tasks 4 and 5 are each other's parent", {}, 0}, unknownPhase, unknownPhase};
            return result;
        };
        MainWindow window(sources);
        window.show();
        QVERIFY(runAndWaitFor(window, [&] { window.openFile(QStringLiteral("/tmp/doubtful.json")); }));
        NoticeBar* bar = window.warningsBar();
        QVERIFY(bar->isVisible());
        QVERIFY(bar->message().contains(QStringLiteral("4 warnings")));
        QCOMPARE(bar->details(), (QStringList{QStringLiteral("3×  traceEvents[3]: unknown phase 'Q', skipped"),
                                              QStringLiteral("tasks 4 and 5 are each other's parent")}));
        // Lasting: still there long after a status-bar message would have gone.
        QTest::qWait(50);
        QVERIFY(bar->isVisible());
        // Dismissable.
        bar->closeButton()->click();
        QVERIFY(!bar->isVisible());
        // The next load replaces the list: a clean one leaves none.
        QVERIFY(runAndWaitFor(window, [&] { window.openFile(QStringLiteral("/tmp/doubtful.json")); }));
        QVERIFY(bar->isVisible());
        QVERIFY(runAndWaitFor(window, [&] { window.openFile(QStringLiteral("/tmp/clean.json")); }));
        QVERIFY(!bar->isVisible());
    }
};

QTEST_MAIN(TestScripts)
#include "tst_scripts.moc"
