// Edit and run, and side by side: the edited code runs through the runSource hook off the UI
// thread, the previous run is kept and stacked above the new one on one time scale, the
// difference in total time is called out, errors are marked at their lines, and the script
// saves atomically.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/CodePanel.h"
#include "panels/ComparisonView.h"
#include "timeline/TimelineView.h"

#include <Qsci/qsciscintilla.h>

#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

// The "interpreter" of these tests: any code runs as the TaskGroup lesson, except code that
// says "syntax error" (no trace: the error at line 3) or "raise" (a trace that failed at line 7).
TraceSources withFakeInterpreter(std::vector<std::string>* ran = nullptr) {
    TraceSources sources = demoTraceSources();
    sources.runSource = [ran](const std::string& source, const std::string& fileName, const LoadProgress&, const WallBudget&) {
        if (ran)
            ran->push_back(fileName);
        ScriptRunResult result;
        if (source.find("syntax error") != std::string::npos) {
            result.error = ScriptDiagnostic{3, 9, "SyntaxError: expected ':'"};
            return result;
        }
        result.trace = recordDemoScenario(*findDemoScenario("taskgroup_calls"));
        if (source.find("raise") != std::string::npos) {
            const SiteId site = static_cast<SiteId>(result.trace.sites.size());
            result.trace.sites.push_back({result.trace.strings.intern(fileName), result.trace.strings.intern("call_llm"), 7, 5});
            result.trace.scriptErrors.push_back({uitest::ms(500), 1, site,
                                                 result.trace.strings.intern("Traceback (most recent call last):\n  File \"x.py\", line 7\nValueError: no answer\n")});
            result.error = ScriptDiagnostic{7, 5, "ValueError: no answer"};
        }
        result.ok = !result.error;
        return result;
    };
    return sources;
}

bool runEdited(MainWindow& window, const QString& code) {
    window.codePanel()->editor()->setText(code);
    QSignalSpy loaded(&window, &MainWindow::loadFinished);
    QTest::mouseClick(window.codePanel()->findChild<QToolButton*>(QStringLiteral("runEditedButton")), Qt::LeftButton);
    return loaded.count() > 0 || loaded.wait(10000);
}

} // namespace

class TestSideBySide : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void anEditRunCompareCycleEndsWithTwoStackedRunsSharingAScale() {
        std::vector<std::string> ran;
        MainWindow window(withFakeInterpreter(&ran));
        window.resize(1500, 950);
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        const auto before = window.document()->model();
        QVERIFY(!window.comparisonView()->isComparing());

        const QString edited = window.codePanel()->source() + QStringLiteral("\n# now with a TaskGroup\n");
        QVERIFY(runEdited(window, edited));
        QCOMPARE(ran, std::vector<std::string>{"sequential_calls.py"});
        // The new run is open, with the edited code; the old one is kept and stacked above it.
        QCOMPARE(window.codePanel()->source(), edited);
        QVERIFY(!window.codePanel()->isModified());
        QCOMPARE(window.previousRun(), before);
        ComparisonView* comparison = window.comparisonView();
        QVERIFY(comparison->isComparing());
        QCOMPARE(comparison->otherDocument()->model(), before);
        TimelineView* upper = comparison->otherTimeline();
        TimelineView* lower = window.timeline();
        QVERIFY(upper->isVisible() && lower->isVisible());
        QVERIFY(upper->mapTo(&window, QPoint()).y() + upper->height() <= lower->mapTo(&window, QPoint()).y());
        // One time scale: the same range over the same pixels, covering the longer run.
        auto sameScale = [&] {
            const TimelineFrame a = upper->currentFrame(), b = lower->currentFrame();
            return a.visible == b.visible && a.plotRect().left() == b.plotRect().left() && a.plotRect().width() == b.plotRect().width();
        };
        QVERIFY(sameScale());
        QVERIFY(lower->currentFrame().visible.end >= uitest::ms(3000));
        QCOMPARE(comparison->banner()->text(),
                 QStringLiteral("“One call after another (edited)” is 1.5 s faster than “One call after another”: 1.5 s instead of "
                                "3 s (2.0× as fast)."));
        // Zooming or panning either one moves both.
        window.viewState()->zoomTo({uitest::ms(900), uitest::ms(1600)});
        QVERIFY(sameScale());
        comparison->otherViewState()->panBy(uitest::ms(300));
        QVERIFY(sameScale());
        QCOMPARE(window.viewState()->visibleRange(), comparison->otherViewState()->visibleRange());
        // Closing it leaves the new run alone on its own scale.
        comparison->closeComparison();
        QVERIFY(!upper->isVisible());
        QCOMPARE(window.viewState()->traceRange(), window.document()->model()->range());
    }

    void theDifferenceInTotalTimeIsCalledOut_data() {
        QTest::addColumn<int>("beforeMs");
        QTest::addColumn<int>("nowMs");
        QTest::addColumn<QString>("text");
        QTest::newRow("faster") << 3000 << 1500 << "“B” is 1.5 s faster than “A”: 1.5 s instead of 3 s (2.0× as fast).";
        QTest::newRow("slower") << 600 << 1800 << "“B” is 1.2 s slower than “A”: 1.8 s instead of 0.6 s (3.0× as long).";
        QTest::newRow("the same") << 1000 << 1004 << "Both runs take the same time: 1 s.";
    }
    void theDifferenceInTotalTimeIsCalledOut() {
        QFETCH(int, beforeMs);
        QFETCH(int, nowMs);
        QFETCH(QString, text);
        QCOMPARE(ComparisonView::differenceText(QStringLiteral("A"), uitest::ms(beforeMs), QStringLiteral("B"), uitest::ms(nowMs)), text);
    }

    void aSyntaxErrorIsMarkedAtItsLineAndTheRunShownStays() {
        MainWindow window(withFakeInterpreter());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        const auto before = window.document()->model();
        QVERIFY(runEdited(window, QStringLiteral("import asyncio\n\nasync def main()  # syntax error\n    pass\n")));
        QCOMPARE(window.codePanel()->errorLines(), QList<int>{3});
        QCOMPARE(window.document()->model(), before);
        QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("errorDialog")));
        QVERIFY(window.codePanel()->isModified());  // the learner's text is kept to fix
    }

    void aRuntimeErrorIsMarkedAtItsLine() {
        MainWindow window(withFakeInterpreter());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        QVERIFY(runEdited(window, window.codePanel()->source() + QStringLiteral("\n# raise\n")));
        QCOMPARE(window.codePanel()->errorLines(), QList<int>{7});
    }

    void withoutTheInterpreterRunningEditsSaysSo() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        QVERIFY(runEdited(window, QStringLiteral("print('hi')\n")));
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("errorDialog"));
        QVERIFY(box);
        QCOMPARE(box->informativeText(), QStringLiteral("Running edited code needs the script interpreter, which is not in this build."));
        box->close();
    }

    void savingWritesTheScriptAndReplacesItWhole() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.py"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(4096, 'x'));  // longer than the script: nothing of it may remain
        old.close();
        window.codePanel()->editor()->setText(QStringLiteral("print('first')\n"));
        QVERIFY(window.codePanel()->saveTo(path));
        window.codePanel()->editor()->setText(QStringLiteral("print('second')\n"));
        window.codePanel()->save();  // Save goes where Save As went
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), QByteArray("print('second')\n"));
        QCOMPARE(window.codePanel()->savePath(), path);
        QString error;
        QVERIFY(!window.codePanel()->saveTo(dir.filePath(QStringLiteral("no/such/dir/x.py")), &error));
        QVERIFY(error.contains(QStringLiteral("no/such/dir/x.py")));
    }
};

QTEST_MAIN(TestSideBySide)
#include "tst_side_by_side.moc"
