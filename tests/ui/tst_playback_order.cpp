// The order playback steps through: events of one instant in the order the loop ran them,
// printed lines inside the step that printed them, and the state of every task after any
// number of steps.
#include "UiTestSupport.h"

#include <awaitscope/analysis/PlayheadState.h>

#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

// "weather:resume", "news:print news: asking", ... for the items in [first, last).
QStringList describe(const DerivedTrace& model, std::size_t first, std::size_t last) {
    QStringList out;
    for (std::size_t k = first; k < last; ++k) {
        const PlaybackItem item = model.playbackItem(k);
        const QString who = QString::fromStdString(model.taskName(item.task));
        if (item.output)
            out << who + ":print " + QString::fromStdString(std::string(model.trace().str(model.trace().output[item.index].text)));
        else
            out << who + ":" + QString::fromLatin1(toString(model.trace().tasks[item.task].events[item.index].kind));
    }
    return out;
}

} // namespace

class TestPlaybackOrder : public QObject {
    Q_OBJECT
private slots:
    void everyEventAndLineAppearsOnceInTimeOrder_data() {
        QTest::addColumn<QString>("scenario");
        for (const DemoScenario& demo : demoScenarios())
            QTest::newRow(demo.name.c_str()) << QString::fromStdString(demo.name);
    }
    void everyEventAndLineAppearsOnceInTimeOrder() {
        QFETCH(QString, scenario);
        const auto model = uitest::demoModel(scenario.toUtf8().constData());
        const Trace& trace = model->trace();
        QCOMPARE(model->playbackLength(), trace.eventCount() + trace.output.size());
        std::vector<std::uint32_t> nextOfTask(trace.tasks.size(), 0);
        std::size_t nextLine = 0;
        TimeNs previous = INT64_MIN;
        for (std::size_t k = 0; k < model->playbackLength(); ++k) {
            const PlaybackItem item = model->playbackItem(k);
            QVERIFY2(item.time >= previous, qPrintable(QStringLiteral("item %1 goes back in time").arg(k)));
            previous = item.time;
            if (item.output) {
                QCOMPARE(item.index, static_cast<std::uint32_t>(nextLine++));  // lines keep their printed order
                QCOMPARE(model->playbackPositionOfOutput(item.index), k);
                continue;
            }
            QCOMPARE(item.index, nextOfTask[item.task]++);  // each event once, a task's own in their order
        }
        QCOMPARE(nextLine, trace.output.size());
        for (const TaskRecord& task : trace.tasks)
            QCOMPARE(static_cast<std::size_t>(nextOfTask[task.id]), task.events.size());
    }

    void stepsOfOneInstantRunInReadyQueueOrder() {
        // taskgroup_calls at 0 s: main creates three tasks and waits; they then start in the
        // order they were created, each printing before it awaits its sleep.
        const auto model = uitest::demoModel("taskgroup_calls");
        QCOMPARE(describe(*model, 0, 19), QStringList({"Task-1:ready", "Task-1:resume", "Task-1:enter", "Task-1:suspend",
                                                       "weather:ready", "news:ready", "stocks:ready",
                                                       "weather:resume", "weather:enter", "weather:print weather: asking", "weather:suspend",
                                                       "news:resume", "news:enter", "news:print news: asking", "news:suspend",
                                                       "stocks:resume", "stocks:enter", "stocks:print stocks: asking", "stocks:suspend"}));
    }

    void aGroupWakesItsOwnerOnlyAfterTheLastChildFinished() {
        // blocking_sleep at 2.7 s: the heartbeat's last step ends the TaskGroup, which wakes main.
        const auto model = uitest::demoModel("blocking_sleep");
        const std::size_t from = model->playbackCountAtOrBefore(uitest::ms(2700) - 1);
        QCOMPARE(describe(*model, from, model->playbackLength()),
                 QStringList({"heartbeat:ready", "heartbeat:resume", "heartbeat:print beat 2 at 2.7 s", "heartbeat:exit", "heartbeat:finish",
                              "Task-1:ready", "Task-1:resume", "Task-1:print total 2.7 s", "Task-1:exit", "Task-1:finish"}));
    }

    void aLineIsPrintedInsideTheFrameThatPrintsIt() {
        // sequential_calls at 1 s: "weather: answered" before call_llm returns, "news: asking"
        // only once the next call_llm has begun.
        const auto model = uitest::demoModel("sequential_calls");
        const std::size_t from = model->playbackCountAtOrBefore(uitest::ms(1000) - 1);
        QCOMPARE(describe(*model, from, from + 7), QStringList({"Task-1:ready", "Task-1:resume", "Task-1:print weather: answered", "Task-1:exit",
                                                                "Task-1:enter", "Task-1:print news: asking", "Task-1:suspend"}));
    }

    void aLinePrintedAfterABlockingCallComesAfterIt() {
        const auto model = uitest::demoModel("blocking_sleep");
        const std::size_t from = model->playbackCountAtOrBefore(uitest::ms(1700) - 1);
        QCOMPARE(describe(*model, from, from + 4), QStringList({"blocker:unblock", "blocker:print unblocked", "blocker:exit", "blocker:finish"}));
    }

    void playheadStateKnowsEachTasksPhaseAndLine_data() {
        QTest::addColumn<int>("steps");
        QTest::addColumn<QString>("holder");
        QTest::addColumn<int>("holderLine");
        QTest::addColumn<QString>("phases");  // Task-1, weather, news, stocks
        QTest::newRow("start") << 0 << "" << 0 << "not created yet,not created yet,not created yet,not created yet";
        QTest::newRow("main runs") << 2 << "Task-1" << 12 << "running,not created yet,not created yet,not created yet";
        QTest::newRow("tasks created") << 7 << "" << 0 << "awaiting,ready,ready,ready";
        QTest::newRow("news prints") << 14 << "news" << 6 << "awaiting,awaiting,running,ready";
        QTest::newRow("stocks done") << 24 << "" << 0 << "awaiting,awaiting,awaiting,done";
    }
    void playheadStateKnowsEachTasksPhaseAndLine() {
        QFETCH(int, steps);
        QFETCH(QString, holder);
        QFETCH(int, holderLine);
        QFETCH(QString, phases);
        const auto model = uitest::demoModel("taskgroup_calls");
        const auto step = static_cast<std::size_t>(steps);
        const TimeNs time = step > 0 ? model->playbackItem(step - 1).time : 0;
        const PlayheadState state(*model, time, step);
        QCOMPARE(state.holder() == kNoTask ? QString() : QString::fromStdString(model->taskName(state.holder())), holder);
        QCOMPARE(state.holderLine() == kUnknownSite ? 0 : static_cast<int>(model->trace().sites[state.holderLine()].line), holderLine);
        QStringList actual;
        for (const char* name : {"Task-1", "weather", "news", "stocks"})
            actual << QString::fromLatin1(toString(state.task(uitest::taskNamed(*model, name)).phase));
        QCOMPARE(actual.join(','), phases);
    }

    void aPlayheadAtATimeHasSeenEverythingUpToIt() {
        const auto model = uitest::demoModel("blocking_sleep");
        const PlayheadState state(*model, uitest::ms(1000));
        QCOMPARE(state.holder(), uitest::taskNamed(*model, "blocker"));
        QCOMPARE(state.task(state.holder()).phase, TaskPhase::Blocking);
        QCOMPARE(state.task(uitest::taskNamed(*model, "heartbeat")).phase, TaskPhase::Ready);
        QCOMPARE(state.printedCount(), std::size_t(1));
        QCOMPARE(model->trace().sites[state.holderLine()].line, 14u);
    }
};

QTEST_GUILESS_MAIN(TestPlaybackOrder)
#include "tst_playback_order.moc"
