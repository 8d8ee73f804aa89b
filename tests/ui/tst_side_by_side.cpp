// Edit and run, and side by side: the edited code runs through the runSource hook off the UI
// thread, the previous run is kept and stacked above the new one on one time scale, the
// difference in total time is called out, what changed is said and listed (each difference
// selects its task and shows its moment, where the runs diverge is marked), errors are marked
// at their lines, and the script saves atomically.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "model/QtText.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/CodePanel.h"
#include "panels/ComparisonView.h"
#include "timeline/TimelineView.h"

#include <Qsci/qsciscintilla.h>

#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

#include <awaitscope/analysis/TimeFormat.h>

#include <cmath>

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

// Compares the open run with a lesson's, as Run > Compare With does; false if that failed.
bool compareWithLesson(MainWindow& window, const QString& lesson) {
    QSignalSpy loaded(&window, &MainWindow::loadFinished);
    window.compareWithLesson(lesson);
    return loaded.wait(10000) && loaded.first().first().toBool() && window.comparisonView()->isComparing();
}

// The window at `size` with the sequential lesson run, compared with the TaskGroup one above it.
bool sequentialBelowTaskGroup(MainWindow& window, QSize size) {
    window.resize(size);
    window.show();
    return uitest::runAndWait(window, QStringLiteral("sequential_awaits")) &&
           compareWithLesson(window, QStringLiteral("taskgroup_concurrency"));
}

// Clicks the list's entry whose text starts with `start`; false when there is none.
bool clickDifference(ComparisonView* comparison, const QString& start) {
    QListWidget* list = comparison->differenceList();
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem* item = list->item(row);
        if (!item->text().startsWith(start))
            continue;
        list->scrollToItem(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
        return true;
    }
    return false;
}

QStringList differenceTexts(const ComparisonView* comparison) {
    QStringList texts;
    for (int row = 0; row < comparison->differenceList()->count(); ++row)
        texts << comparison->differenceList()->item(row)->text();
    return texts;
}

QString taskOf(const DerivedTrace& model, const Selection& selection) {
    return selection.kind == SelectionKind::Task ? QString::fromStdString(taskLabel(model.trace(), selection.task)) : QString();
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

    // On a laptop's screen the window stays on the screen while two runs are stacked: the
    // comparison's words wrap instead of widening the window, the Code panel and "Close
    // comparison" stay in view, and closing it gives the docks back their widths.
    void aComparisonKeepsTheWindowOnTheScreen_data() {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<bool>("byEditing");
        QTest::addColumn<bool>("realLessons");
        QTest::newRow("1366x768, edit and run") << QSize(1366, 768) << true << false;
        QTest::newRow("1366x768, compare with a lesson") << QSize(1366, 768) << false << false;
        QTest::newRow("1600x1000, edit and run") << QSize(1600, 1000) << true << false;
        QTest::newRow("1600x1000, compare with a lesson") << QSize(1600, 1000) << false << false;
        // The lessons and the interpreter the app ships, with their longer titles and texts.
        QTest::newRow("1366x768, the app's lessons, edit and run") << QSize(1366, 768) << true << true;
        QTest::newRow("1366x768, the app's lessons, compare") << QSize(1366, 768) << false << true;
        QTest::newRow("1600x1000, the app's lessons, compare") << QSize(1600, 1000) << false << true;
    }
    void aComparisonKeepsTheWindowOnTheScreen() {
        QFETCH(QSize, screen);
        QFETCH(bool, byEditing);
        QFETCH(bool, realLessons);
        MainWindow window(realLessons ? coreTraceSources() : withFakeInterpreter());
        window.resize(screen);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(uitest::runAndWait(window, realLessons ? QStringLiteral("sequential_awaits") : QStringLiteral("sequential_calls")));
        QCoreApplication::processEvents();
        auto* lessonsDock = window.findChild<QDockWidget*>(QStringLiteral("scenariosDock"));
        auto* codeDock = window.findChild<QDockWidget*>(QStringLiteral("codeDock"));
        QVERIFY(lessonsDock && codeDock);
        const QSize sizeBefore = window.size();
        const int lessonsWidth = lessonsDock->width(), codeWidth = codeDock->width();
        QVERIFY(sizeBefore.width() <= screen.width() && sizeBefore.height() <= screen.height());

        if (byEditing) {
            QVERIFY(runEdited(window, window.codePanel()->source() + QStringLiteral("\n# now with a TaskGroup\n")));
        } else {
            QSignalSpy loaded(&window, &MainWindow::loadFinished);
            // What Run > Compare With does.
            window.compareWithLesson(realLessons ? QStringLiteral("to_thread_fix") : QStringLiteral("taskgroup_failure"));
            QVERIFY(loaded.wait(10000));
        }
        ComparisonView* comparison = window.comparisonView();
        QVERIFY(comparison->isComparing());
        QCoreApplication::processEvents();
        QVERIFY2(window.width() <= screen.width() && window.height() <= screen.height(),
                 qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen").arg(window.width()).arg(window.height()).arg(screen.width()).arg(screen.height())));
        // Nothing in the comparison asks for more room than the screen has (the window would
        // grow to it on the next layout).
        QVERIFY2(window.minimumSizeHint().width() <= screen.width() && comparison->minimumSizeHint().width() <= 600,
                 qPrintable(QStringLiteral("the window needs %1 px, the comparison %2 px")
                                .arg(window.minimumSizeHint().width())
                                .arg(comparison->minimumSizeHint().width())));
        const QRect inside = window.rect();
        auto shown = [&](QWidget* widget) { return widget->isVisible() && inside.contains(QRect(widget->mapTo(&window, QPoint()), widget->size())); };
        auto* close = comparison->findChild<QToolButton*>(QStringLiteral("closeComparison"));
        QVERIFY(close);
        QVERIFY(shown(close));
        QVERIFY(shown(codeDock));
        QVERIFY(shown(window.codePanel()));
        QVERIFY(shown(comparison->otherTimeline()));
        QVERIFY(shown(window.timeline()));
        QVERIFY(lessonsDock->width() >= lessonsWidth - 4);

        QTest::mouseClick(close, Qt::LeftButton);
        QVERIFY(!comparison->isComparing());
        QCoreApplication::processEvents();
        QCOMPARE(window.size(), sizeBefore);
        QVERIFY2(std::abs(lessonsDock->width() - lessonsWidth) <= 12, qPrintable(QString::number(lessonsDock->width())));
        QVERIFY2(std::abs(codeDock->width() - codeWidth) <= 12, qPrintable(QString::number(codeDock->width())));
    }

    // The TaskGroup lesson kept above the sequential one: the window says what changed in the
    // words of `--diff`, lists where the runs diverge first, and marks that step in both.
    void comparingTwoLessonsSaysWhereTheyDivergeAndMarksIt() {
        MainWindow window(coreTraceSources());
        QVERIFY(sequentialBelowTaskGroup(window, QSize(1600, 1000)));
        ComparisonView* comparison = window.comparisonView();
        QCOMPARE(comparison->storyLabel()->text(),
                 QStringLiteral("The run below made Task-1 (main) end 1.2 s later, without 3 tasks that the run above ran."));
        QVERIFY(comparison->storyLabel()->isVisible());
        const QStringList texts = differenceTexts(comparison);
        QVERIFY2(texts.size() >= 5, qPrintable(texts.join(QLatin1Char('\n'))));
        QCOMPARE(texts[0], QStringLiteral("The runs diverge at 0 s (step 2): in the run above weather (call_tool) started first (at 0 s), "
                                          "in the run below Task-1 (main) resumed first after its await at line 18 (at 0.8 s)."));
        QCOMPARE(texts.mid(1, 3), (QStringList{QStringLiteral("Only in the run above: weather (call_tool)"),
                                               QStringLiteral("Only in the run above: news (call_tool)"),
                                               QStringLiteral("Only in the run above: stocks (call_tool)")}));
        QVERIFY(texts.contains(QStringLiteral("Task-1 (main) ends 1.2 s later (0.8 s in the run above, 2 s in the run below)")));
        // The diverging step is marked in each run at its own moment.
        QVERIFY(comparison->otherViewState()->mark() && window.viewState()->mark());
        QVERIFY(comparison->otherViewState()->mark()->time < uitest::ms(1));  // 0 s, after main's first statements
        QCOMPARE(qs(plainDuration(window.viewState()->mark()->time)), QStringLiteral("0.8 s"));
        // And drawn: a dashed line of the mark's colour down the lower run's plot at 0.8 s.
        TimelineView* lower = window.timeline();
        const TimelineFrame frame = lower->currentFrame();
        const int x = static_cast<int>(std::round(frame.scale().timeToX(window.viewState()->mark()->time)));
        const QImage image = lower->grab().toImage();
        const QColor ink = lower->timelineStyle().mark;
        auto isMark = [&](QRgb pixel) {
            const QColor c(pixel);
            return std::abs(c.red() - ink.red()) + std::abs(c.green() - ink.green()) + std::abs(c.blue() - ink.blue()) < 30;
        };
        int marked = 0, markedBeside = 0;
        for (int y = frame.plotRect().top(); y <= frame.plotRect().bottom(); ++y) {
            marked += isMark(image.pixel(x, y)) || isMark(image.pixel(x + 1, y));
            markedBeside += isMark(image.pixel(x - 40, y));
        }
        QVERIFY2(marked > frame.plotRect().height() / 4, qPrintable(QString::number(marked)));
        QCOMPARE(markedBeside, 0);
        // Closing the comparison takes the mark away.
        comparison->closeComparison();
        QVERIFY(!window.viewState()->mark());
    }

    // On a small screen the list can be folded away: the toggle names how many differences
    // there are, hides and shows the list, and the choice is remembered.
    void theListOfDifferencesFoldsAwayAndStaysSo() {
        {
            MainWindow window(coreTraceSources());
            QVERIFY(sequentialBelowTaskGroup(window, QSize(1366, 768)));
            ComparisonView* comparison = window.comparisonView();
            QToolButton* toggle = comparison->differencesToggle();
            QVERIFY(toggle->isVisible());
            QVERIFY(comparison->differenceList()->isVisible());
            QCOMPARE(toggle->text(), QStringLiteral("Differences (%1)").arg(differenceTexts(comparison).size()));
            const int timelineHeight = window.timeline()->height();
            toggle->click();
            QVERIFY(!comparison->differenceList()->isVisible());
            QVERIFY(toggle->isVisible());
            QApplication::processEvents();
            // The room goes to the timelines.
            QVERIFY2(window.timeline()->height() > timelineHeight + 20, qPrintable(QStringLiteral("%1 -> %2").arg(timelineHeight).arg(window.timeline()->height())));
        }
        MainWindow window(coreTraceSources());
        QVERIFY(sequentialBelowTaskGroup(window, QSize(1366, 768)));
        QVERIFY(!window.comparisonView()->differenceList()->isVisible());
        QVERIFY(!window.comparisonView()->differencesToggle()->isChecked());
        window.comparisonView()->differencesToggle()->click();
        QVERIFY(window.comparisonView()->differenceList()->isVisible());
    }

    // Runs of more than 200,000 events are compared on a worker thread: the window goes on,
    // saying so, and the differences arrive when they are worked out.
    void bigRunsAreComparedOffTheWindowsThread() {
        const auto fewer = uitest::manyTasksModel(8000);
        const auto more = uitest::manyTasksModel(9000);
        QVERIFY(fewer->eventsInTimeOrder().size() + more->eventsInTimeOrder().size() > 200'000);
        MainWindow window(coreTraceSources());
        window.resize(1400, 900);
        window.show();
        window.showTrace(more, QStringLiteral("9000 fetches"));
        ComparisonView* comparison = window.comparisonView();
        QSignalSpy shown(comparison, &ComparisonView::differencesShown);
        comparison->compareWith(fewer, QStringLiteral("8000 fetches"));
        QCOMPARE(comparison->storyLabel()->text(), QStringLiteral("Comparing the runs…"));
        QVERIFY(comparison->runComparison().differences.empty());
        QVERIFY(!comparison->differenceList()->isVisible());
        QVERIFY(shown.wait(120'000));
        QCOMPARE(comparison->storyLabel()->text(),
                 QStringLiteral("The run below runs 1000 tasks that the run above did not: Task-8003 (fetch), Task-8004 (fetch), "
                                "Task-8005 (fetch) and 997 more."));
        const QStringList texts = differenceTexts(comparison);
        QVERIFY(texts.size() > 3);
        QVERIFY2(texts[0].startsWith(QStringLiteral("The runs diverge at 1 ms (step 8003)")), qPrintable(texts[0]));
        QCOMPARE(texts[1], QStringLiteral("Only in the run below: Task-8003 (fetch)"));
        QVERIFY(comparison->differenceList()->isVisible());
        QVERIFY(window.viewState()->mark());
    }

    void clickingADifferenceSelectsItsTaskInBothRunsAndShowsItsMoment() {
        MainWindow window(coreTraceSources());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_awaits")));
        QVERIFY(compareWithLesson(window, QStringLiteral("taskgroup_concurrency")));
        ComparisonView* comparison = window.comparisonView();
        const DerivedTrace& above = *comparison->otherDocument()->model();
        const DerivedTrace& below = *window.document()->model();
        const TimeRange whole = window.viewState()->visibleRange();

        // A task of one run only: selected there, nothing selected in the other.
        QVERIFY(clickDifference(comparison, QStringLiteral("Only in the run above: news")));
        QCOMPARE(taskOf(above, comparison->otherViewState()->selection()), QStringLiteral("news (call_tool)"));
        QVERIFY(window.viewState()->selection().isEmpty());

        // main ends at 0.8 s above and 2 s below: main selected in both, the view narrowed to
        // show both moments, on the one shared scale.
        QVERIFY(clickDifference(comparison, QStringLiteral("Task-1 (main) ends 1.2 s later")));
        QCOMPARE(taskOf(above, comparison->otherViewState()->selection()), QStringLiteral("Task-1 (main)"));
        QCOMPARE(taskOf(below, window.viewState()->selection()), QStringLiteral("Task-1 (main)"));
        const TimeRange shown = window.viewState()->visibleRange();
        QVERIFY(shown != whole);
        QVERIFY(shown.duration() < whole.duration());
        QVERIFY(shown.begin <= uitest::ms(800) && shown.end >= uitest::ms(2000));
        QCOMPARE(comparison->otherViewState()->visibleRange(), shown);

        // The first divergence: weather above, main below, from 0 s to 0.8 s.
        QVERIFY(clickDifference(comparison, QStringLiteral("The runs diverge")));
        QCOMPARE(taskOf(above, comparison->otherViewState()->selection()), QStringLiteral("weather (call_tool)"));
        QCOMPARE(taskOf(below, window.viewState()->selection()), QStringLiteral("Task-1 (main)"));
        QVERIFY(window.viewState()->visibleRange() != shown);
        QVERIFY(window.viewState()->visibleRange().begin <= 0 && window.viewState()->visibleRange().end >= uitest::ms(800));
        QVERIFY(window.viewState()->visibleRange().end < uitest::ms(2000));
    }

    void aRunComparedWithItselfTellsTheSameStory() {
        MainWindow window(coreTraceSources());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("taskgroup_concurrency")));
        QVERIFY(compareWithLesson(window, QStringLiteral("taskgroup_concurrency")));
        ComparisonView* comparison = window.comparisonView();
        QCOMPARE(comparison->storyLabel()->text(), QStringLiteral("Same story: the same tasks ran in the same order."));
        QCOMPARE(comparison->differenceList()->count(), 0);
        QVERIFY(!comparison->differenceList()->isVisible());
        QVERIFY(!window.viewState()->mark() && !comparison->otherViewState()->mark());
    }

    // After edit and run the words speak of the learner's change: a blocking sleep in place of
    // the awaited one holds back the last call, and the freeze it makes is named as the cause.
    void afterAnEditTheDiffSaysWhatYourChangeDid() {
        MainWindow window(coreTraceSources());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("taskgroup_concurrency")));
        QString source = window.codePanel()->source();
        QVERIFY(source.contains(QStringLiteral("await asyncio.sleep(seconds)")));
        source.replace(QStringLiteral("await asyncio.sleep(seconds)"), QStringLiteral("time.sleep(seconds)"));
        QVERIFY(runEdited(window, source));
        ComparisonView* comparison = window.comparisonView();
        QVERIFY(comparison->isComparing());
        QCOMPARE(comparison->storyLabel()->text(),
                 QStringLiteral("Your change made stocks (call_tool) start 1.3 s later: line 19 now blocks the loop."));
        const QStringList texts = differenceTexts(comparison);
        QVERIFY2(texts.contains(QStringLiteral("New with your change: weather (call_tool)'s time.sleep at line 19 freezes the loop for "
                                               "0.8 s at 0 s")),
                 qPrintable(texts.join(QLatin1Char('\n'))));
        // Run > Compare With > The Previous Run says the same.
        comparison->closeComparison();
        window.compareWithPrevious();
        QCOMPARE(comparison->storyLabel()->text(),
                 QStringLiteral("Your change made stocks (call_tool) start 1.3 s later: line 19 now blocks the loop."));
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
