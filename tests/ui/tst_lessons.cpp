// Lessons: the docstring read into a title, paragraphs and "What to notice" items; each item
// resolved to its moment by the documented rules; clicking one moves the playhead and zooms;
// the very first start greets the learner with the first lesson.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "teaching/Lesson.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/LessonPanel.h"

#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <map>

#include <QSettings>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

// samples/scenarios/blocking_sleep.py and blocking_http_call.py (the interpreter's lessons).
const char* const kBlockingDocstring = R"(Blocking the loop with time.sleep

`time.sleep()` does not yield to the event loop: it freezes the whole thread.
While one coroutine sleeps that way, no other task can run, even tasks whose
timers are long due. `await asyncio.sleep()` waits without blocking.

What to notice in the timeline:
- The Loop lane turns red for 1.5 s: a frozen stretch caused by time.sleep.
- The heartbeat task was due every 0.5 s but runs late; its beats bunch up after the freeze.
- With asyncio.sleep (the second half) the beats keep their rhythm.
)";

const char* const kHttpDocstring = R"(A synchronous HTTP call inside a coroutine

Libraries like `requests` are synchronous.

What to notice in the timeline:
- Three tasks exist, but their blocking calls run back to back: the loop is
  frozen for 0.6 s three times in a row.
- The total is the sum (1.8 s), as if there were no concurrency at all.
)";

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); }

    void aDocstringGivesTitleParagraphsAndItems() {
        const LessonText lesson = parseLesson(QString::fromUtf8(kBlockingDocstring), QStringLiteral("Blocking the loop with time.sleep"));
        QCOMPARE(lesson.title, QStringLiteral("Blocking the loop with time.sleep"));
        QCOMPARE(lesson.paragraphs.size(), 1);
        QVERIFY(lesson.paragraphs[0].startsWith(QStringLiteral("`time.sleep()` does not yield to the event loop")));
        QCOMPARE(lesson.notices.size(), 3);
        QCOMPARE(lesson.notices[1], QStringLiteral("The heartbeat task was due every 0.5 s but runs late; its beats bunch up after the freeze."));
    }

    void aProgramsDocstringIsFoundAfterCommentsAndBlankLines_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("docstring");
        QTest::newRow("first line") << "\"\"\"An agent.\n\nMore.\"\"\"\nimport asyncio\n" << "An agent.\n\nMore.";
        QTest::newRow("after a shebang and comments") << "#!/usr/bin/env python3\n# a comment\n\n'''Quoted.'''\n" << "Quoted.";
        QTest::newRow("raw") << "r\"\"\"C:\\path\"\"\"\n" << "C:\\path";
        QTest::newRow("code first") << "import asyncio\n\"\"\"Not a docstring.\"\"\"\n" << "";
        QTest::newRow("unterminated") << "\"\"\"Never closed\n" << "";
        QTest::newRow("empty") << "" << "";
    }
    void aProgramsDocstringIsFoundAfterCommentsAndBlankLines() {
        QFETCH(QString, source);
        QFETCH(QString, docstring);
        QCOMPARE(moduleDocstring(source), docstring);
    }

    void anIndentedLineContinuesItsItem() {
        const LessonText lesson = parseLesson(QString::fromUtf8(kHttpDocstring));
        QCOMPARE(lesson.title, QStringLiteral("A synchronous HTTP call inside a coroutine"));
        QCOMPARE(lesson.notices, QStringList({"Three tasks exist, but their blocking calls run back to back: the loop is frozen for 0.6 s three times in a row.",
                                              "The total is the sum (1.8 s), as if there were no concurrency at all."}));
    }

    void itemsResolveToTheirMoment_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("playheadMs");
        QTest::addColumn<int>("fromMs");
        QTest::addColumn<int>("toMs");
        QTest::addColumn<int>("selection");
        QTest::newRow("frozen, in the demo's words") << "blocking_sleep" << "The loop freezes here: the red band, time.sleep(1.5) at line 14."
                                                    << "frozen stretch" << 200 << 200 << 1700 << int(SelectionKind::Frozen);
        QTest::newRow("frozen, in the interpreter's words") << "blocking_sleep" << "The Loop lane turns red for 1.5 s: a frozen stretch caused by time.sleep."
                                                           << "frozen stretch" << 200 << 200 << 1700 << int(SelectionKind::Frozen);
        QTest::newRow("a ghost") << "never_awaited" << "A ghost marker at the line with the missing await: a coroutine created, never awaited."
                                 << "never-awaited coroutine" << 0 << -1 << -1 << int(SelectionKind::NeverAwaited);
        QTest::newRow("a failure by name") << "taskgroup_failure" << "browser fails at 0.4 s (red cross)." << "failed task" << 400 << -1 << -1
                                           << int(SelectionKind::Task);
        QTest::newRow("cancelled siblings") << "taskgroup_failure" << "search and calculator are cancelled at that moment (grey)."
                                            << "cancelled tasks" << 400 << -1 << -1 << int(SelectionKind::Task);
        QTest::newRow("a line") << "taskgroup_calls" << "main waits at the end of the async with block (line 14) until all three are done."
                                << "line 14" << 0 << -1 << -1 << int(SelectionKind::None);
        QTest::newRow("tasks by name") << "taskgroup_calls" << "Three lanes (weather, news, stocks) side by side inside the TaskGroup bracket."
                                       << "tasks by name" << 0 << 0 << 1500 << int(SelectionKind::Task);
        QTest::newRow("frames in backticks") << "sequential_calls" << "One lane, with three `call_llm` frames one after another, never overlapping."
                                             << "frames of call_llm" << 0 << 0 << 3000 << int(SelectionKind::Frame);
        QTest::newRow("the idle loop") << "sequential_calls" << "Between the steps the loop is idle: it has nothing else to run."
                                       << "idle loop" << 1000 << 1000 << 2500 << int(SelectionKind::None);
        QTest::newRow("an await by its label") << "gather_lock_semaphore" << "The writers queue on \"Lock.acquire\": one at a time."
                                               << "awaits on Lock.acquire" << -1 << -1 << -1 << int(SelectionKind::Span);
    }
    void itemsResolveToTheirMoment() {
        QFETCH(QString, scenario);
        QFETCH(QString, item);
        QFETCH(QString, rule);
        QFETCH(int, playheadMs);
        QFETCH(int, fromMs);
        QFETCH(int, toMs);
        QFETCH(int, selection);
        const auto model = uitest::demoModel(scenario.toUtf8().constData());
        const auto moment = resolveMoment(*model, item);
        QVERIFY(moment);
        QCOMPARE(moment->rule, rule);
        if (playheadMs >= 0)
            QCOMPARE(moment->playhead, uitest::ms(playheadMs));
        if (fromMs >= 0)
            QCOMPARE(moment->range, (TimeRange{uitest::ms(fromMs), uitest::ms(toMs)}));
        QVERIFY(moment->range.contains(moment->playhead) || moment->range.begin == moment->playhead);
        QCOMPARE(int(moment->selection.kind), selection);
    }

    // Every lesson's "What to notice" items, against the lesson's own run under the
    // interpreter: each item that a click can show lands inside the run, on a task that exists.
    void everyLessonsItemsPointIntoItsOwnRun() {
        QStringList unresolved;
        int resolved = 0;
        for (const Scenario& lesson : builtinScenarios()) {
            ScriptRunOptions options;
            options.fileName = lesson.fileName;
            ScriptRunResult run = runScript(lesson.source, options);
            QVERIFY2(run.ok, lesson.name.c_str());
            const DerivedTrace model(std::make_shared<const Trace>(std::move(run.trace)));
            const LessonText text = parseLesson(QString::fromStdString(lesson.lesson), QString::fromStdString(lesson.title));
            QVERIFY2(!text.notices.isEmpty(), lesson.name.c_str());
            for (const QString& item : text.notices) {
                const auto moment = resolveMoment(model, item);
                if (!moment) {
                    unresolved << QString::fromStdString(lesson.name) + QStringLiteral(": ") + item;
                    continue;
                }
                ++resolved;
                const QString where = QString::fromStdString(lesson.name) + QStringLiteral(": ") + item;
                QVERIFY2(moment->range.end >= model.range().begin && moment->range.begin <= model.range().end, qPrintable(where));
                QVERIFY2(model.range().contains(moment->playhead) || moment->playhead == model.range().end, qPrintable(where));
                QVERIFY2(moment->selection.task == kNoTask || moment->selection.task < model.taskCount(), qPrintable(where));
            }
        }
        // What stays text names nothing a click could show: another lesson, a count, a fix.
        QCOMPARE(unresolved, QStringList({
                                 "gather_results: \"fast\" finishes first, yet the result list keeps the argument order.",
                                 "blocking_http_call: Fix: see to_thread_fix (or use an async HTTP client).",
                                 "timeout_slow_tool: Its `finally` block still runs: cleanup happens even on timeout.",
                                 "one_shot_script: Compare with taskgroup_concurrency, where concurrency actually helps.",
                             }));
        QCOMPARE(resolved, 45);
    }

    // Before, the word "freeze" won and the item selected the culprit and its red band.
    void anItemAboutATaskTheFreezeHeldBackSelectsThatTask() {
        const auto model = uitest::demoModel("blocking_sleep");
        const auto moment = resolveMoment(*model, QStringLiteral("The heartbeat's first beat was due at 0.5 s but runs only when "
                                                                 "the freeze ends at 1.7 s; every later beat is late by the same 1.2 s."));
        QVERIFY(moment);
        QCOMPARE(moment->rule, QStringLiteral("task held back by a frozen stretch"));
        QCOMPARE(int(moment->selection.kind), int(SelectionKind::Task));
        QCOMPARE(QString::fromStdString(std::string(model->taskName(moment->selection.task))), QStringLiteral("heartbeat"));
        QCOMPARE(moment->playhead, uitest::ms(1700));
        // Naming the culprit still shows the freeze itself.
        const auto culprit = resolveMoment(*model, QStringLiteral("blocker freezes the loop for 1.5 s."));
        QVERIFY(culprit);
        QCOMPARE(int(culprit->selection.kind), int(SelectionKind::Frozen));
    }

    // Lanes that run the same coroutine are told apart by name: where a lesson makes such tasks
    // itself (create_task, a TaskGroup), it names them, as its printed lines do. Tasks that
    // gather makes cannot be named; their lanes keep asyncio's Task-N.
    void tasksOfOneCoroutineAreNamedWhereTheLessonMakesThem() {
        QStringList unnamed;
        for (const Scenario& lesson : builtinScenarios()) {
            ScriptRunOptions options;
            options.fileName = lesson.fileName;
            const ScriptRunResult run = runScript(lesson.source, options);
            QVERIFY2(run.ok, lesson.name.c_str());
            const Trace& trace = run.trace;
            std::map<FrameId, std::vector<TaskId>> byCoroutine;
            for (TaskId task = 0; task < trace.tasks.size(); ++task) {
                const TaskRecord& record = trace.tasks[task];
                const bool byGather = record.scope < trace.scopes.size() && trace.scopes[record.scope].kind == ScopeKind::Gather;
                if (record.kind == TaskKind::Task && !byGather)
                    byCoroutine[trace.frames[record.coroutine].name].push_back(task);
            }
            for (const auto& [coroutine, tasks] : byCoroutine)
                for (TaskId task : tasks)
                    if (tasks.size() > 1 && trace.tasks[task].name == 0)
                        unnamed << QStringLiteral("%1: Task-%2 (%3)").arg(QString::fromStdString(lesson.name)).arg(trace.tasks[task].number)
                                       .arg(QString::fromStdString(std::string(trace.str(coroutine))));
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    }

    void anItemThatNamesNothingInTheRunStaysText() {
        const auto model = uitest::demoModel("to_thread");
        QVERIFY(!resolveMoment(*model, QStringLiteral("No red band: the loop is never frozen.")));
    }

    void clickingAnItemMovesThePlayheadAndZoomsThere() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        LessonPanel* lesson = window.lessonPanel();
        QCOMPARE(lesson->lesson().notices.size(), 3);
        QVERIFY(lesson->toHtml().contains(QStringLiteral("moment:0")));
        emit lesson->anchorClicked(QUrl(QStringLiteral("moment:0")));
        QCOMPARE(window.viewState()->playhead(), std::optional<TimeNs>(uitest::ms(200)));
        QCOMPARE(window.viewState()->visibleRange(), framing({uitest::ms(200), uitest::ms(1700)}, 0.08, 1'000'000));
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Frozen);
    }

    void theFirstStartWelcomesWithTheFirstLessonOnce() {
        {
            MainWindow window(demoTraceSources());
            window.show();
            QSignalSpy loaded(&window, &MainWindow::loadFinished);
            QVERIFY(window.openInitial(QString()));
            QVERIFY(loaded.wait(10000));
            QVERIFY(window.lessonPanel()->showsWelcome());
            QVERIFY(window.lessonPanel()->toPlainText().contains(QStringLiteral("Welcome to Awaitscope")));
            QCOMPARE(window.document()->scenarioName(), QString::fromStdString(demoScenarios().front().name));
            QCOMPARE(window.lessonPanel()->lesson().title, QString::fromStdString(demoScenarios().front().title));
        }
        QVERIFY(QSettings().value(QStringLiteral("teaching/welcomed")).toBool());
        MainWindow again(demoTraceSources());
        again.show();
        QSignalSpy loaded(&again, &MainWindow::loadFinished);
        QVERIFY(again.openInitial(QString()));
        QVERIFY(loaded.wait(10000));
        QVERIFY(!again.lessonPanel()->showsWelcome());
    }

    void theWelcomeGoesOnceAnotherLessonOrATraceIsOpen() {
        QSettings().remove(QStringLiteral("teaching/welcomed"));
        MainWindow window(demoTraceSources());
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        QVERIFY(window.openInitial(QString()));
        QVERIFY(loaded.wait(10000));
        QVERIFY(window.lessonPanel()->toPlainText().contains(QStringLiteral("This is the first lesson")));

        // Another lesson is not the first lesson: no welcome over it, nor when the first comes back.
        QVERIFY(uitest::runAndWait(window, QString::fromStdString(demoScenarios()[2].name)));
        QVERIFY(!window.lessonPanel()->showsWelcome());
        QVERIFY(!window.lessonPanel()->toPlainText().contains(QStringLiteral("Welcome to Awaitscope")));
        QVERIFY(uitest::runAndWait(window, QString::fromStdString(demoScenarios().front().name)));
        QVERIFY(!window.lessonPanel()->toPlainText().contains(QStringLiteral("Welcome to Awaitscope")));
    }

    void aTraceFileOpenedFirstGetsNoWelcome() {
        QSettings().remove(QStringLiteral("teaching/welcomed"));
        MainWindow window(demoTraceSources());
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        QVERIFY(window.openInitial(QString()));
        QVERIFY(loaded.wait(10000));
        QVERIFY(window.lessonPanel()->showsWelcome());
        window.showTrace(uitest::demoModel("to_thread"), QStringLiteral("recorded.json"));
        QVERIFY(!window.lessonPanel()->showsWelcome());
        QVERIFY(!window.lessonPanel()->toPlainText().contains(QStringLiteral("This is the first lesson")));
    }
};

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
