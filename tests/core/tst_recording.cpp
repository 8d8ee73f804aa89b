// What the recorder writes for small programs: the exact events per task, what woke each
// step, nested frames, blocking calls, and the three asyncio warnings.
#include <awaitscope/Runtime.h>
#include <awaitscope/analysis/FrozenStretches.h>

#include <QtTest>

#include <map>
#include <optional>

using namespace awaitscope;
using namespace std::chrono_literals;

namespace {

// One line per event: "kind@ms[/detail]", e.g. "ready@0/start", "suspend@0/asyncio.sleep".
QStringList describeEvents(const Trace& trace, TaskId task) {
    QStringList out;
    for (const TraceEvent& e : trace.tasks[task].events) {
        QString line = QString("%1@%2").arg(toString(e.kind)).arg(static_cast<double>(e.time) / 1e6);
        switch (e.kind) {
        case EventKind::Ready:
            line += QString("/%1").arg(toString(static_cast<WaitKind>(e.detail)));
            if (e.ref != kNoTask)
                line += QString("<%1").arg(QString::fromStdString(trace.taskName(e.ref)));
            break;
        case EventKind::Suspend:
            line += "/" + QString::fromStdString(std::string(trace.str(trace.awaits[e.ref].what)));
            break;
        case EventKind::Finish:
            line += QString("/%1").arg(toString(static_cast<TaskOutcome>(e.detail)));
            break;
        case EventKind::FrameEnter:
        case EventKind::FrameExit:
            line += "/" + QString::fromStdString(std::string(trace.str(trace.frames[e.ref].name)));
            break;
        case EventKind::BlockBegin:
        case EventKind::BlockEnd:
            line += "/" + QString::fromStdString(std::string(trace.str(trace.blocks[e.ref].what)));
            break;
        case EventKind::Resume: break;
        }
        out << line;
    }
    return out;
}

template <class F>
Trace record(F program, LoopOptions options = {}) {
    Trace trace;
    Recorder recorder(trace);
    options.recorder = &recorder;
    Loop loop(options);
    loop.run(program());
    return trace;
}

Task<int> child(std::chrono::milliseconds delay) {
    co_await sleep(delay);
    co_return 1;
}

Task<> nested() { co_await child(100ms); }

Task<int> failing() {
    co_await sleep(10ms);
    throw std::runtime_error("boom");
}

Task<> sleepsForAnHour() { co_await sleep(1h); }

} // namespace

class TestRecording : public QObject {
    Q_OBJECT
private slots:
    void joinRecordsWhoWokeWhom() {
        const Trace trace = record([]() -> Task<> {
            TaskHandle<int> worker = createTask(child(100ms), "worker");
            co_await worker;
        });
        QCOMPARE(trace.tasks.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(std::string(trace.str(trace.tasks[1].name))), QString("worker"));
        QCOMPARE(trace.tasks[1].parent, TaskId(0));
        QCOMPARE(describeEvents(trace, 0),
                 QStringList({"ready@0/start", "resume@0", "enter@0/operator()", "suspend@0/worker",
                              "ready@100/task<worker", "resume@100", "exit@100/operator()", "finish@100/done"}));
        QCOMPARE(describeEvents(trace, 1),
                 QStringList({"ready@0/start<Task-1", "resume@0", "enter@0/child", "suspend@0/asyncio.sleep",
                              "ready@100/timer", "resume@100", "exit@100/child", "finish@100/done"}));
    }

    void awaitingACoroutineNestsAFrameInTheSameTask() {
        const Trace trace = record([]() -> Task<> { co_await nested(); });
        QCOMPARE(trace.tasks.size(), std::size_t(1));
        QCOMPARE(describeEvents(trace, 0),
                 QStringList({"ready@0/start", "resume@0", "enter@0/operator()", "enter@0/nested", "enter@0/child",
                              "suspend@0/asyncio.sleep", "ready@100/timer", "resume@100", "exit@100/child",
                              "exit@100/nested", "exit@100/operator()", "finish@100/done"}));
    }

    void suspendRecordsTheAwaitLine() {
        const Trace trace = record([]() -> Task<> {
            co_await sleep(5ms);  // the line recorded for this await
        });
        const std::uint32_t expectedLine = __LINE__ - 2;
        const TraceEvent& suspend = trace.tasks[0].events[3];
        QCOMPARE(suspend.kind, EventKind::Suspend);
        const Site& site = trace.sites[trace.awaits[suspend.ref].site];
        QCOMPARE(site.line, expectedLine);
        QVERIFY(QString::fromStdString(std::string(trace.str(site.file))).endsWith("tst_recording.cpp"));
    }

    void blockingCallIsRecordedInsideTheStep() {
        const Trace trace = record([]() -> Task<> {
            co_await sleep(100ms);
            blockingCall("requests.get(url)", 800ms);
        });
        QCOMPARE(describeEvents(trace, 0),
                 QStringList({"ready@0/start", "resume@0", "enter@0/operator()", "suspend@0/asyncio.sleep",
                              "ready@100/timer", "resume@100", "block@100/requests.get(url)",
                              "unblock@900/requests.get(url)", "exit@900/operator()", "finish@900/done"}));
        QCOMPARE(trace.blocks[0].kind, BlockKind::Network);
    }

    void frozenLoopMakesTimersLateAndNamesTheCulprit() {
        // blocking_freezes_loop.py: frozen 1.5 s from 0.2 s; the heartbeat due at 0.5 s runs at 1.7 s.
        const Trace trace = record([]() -> Task<> {
            std::vector<Task<>> both;
            both.push_back([]() -> Task<> {
                for (int i = 0; i < 3; ++i)
                    co_await sleep(500ms);
            }());
            both.push_back([]() -> Task<> {
                co_await sleep(200ms);
                blockingSleep(1500ms);
            }());
            co_await gather(std::move(both));
        });
        const TraceIndex index(trace);
        const auto stretches = findFrozenStretches(trace, index);
        QCOMPARE(stretches.size(), std::size_t(1));
        QCOMPARE(stretches[0].begin, TimeNs(200'000'000));
        QCOMPARE(stretches[0].duration(), TimeNs(1'500'000'000));
        QCOMPARE(stretches[0].culprit, TaskId(2));
        QCOMPARE(QString::fromStdString(std::string(trace.str(trace.blocks[stretches[0].block].what))), QString("time.sleep"));
        QCOMPARE(stretches[0].victims.size(), std::size_t(1));
        QCOMPARE(stretches[0].victims[0].task, TaskId(1));
        QCOMPARE(stretches[0].victims[0].due, TimeNs(500'000'000));
        QCOMPARE(stretches[0].victims[0].lateBy(), TimeNs(1'200'000'000));
        // The heartbeat's lane shows the wait: ready from 0.5 s, running only at 1.7 s.
        const Span* waiting = index.spanAt(1, 600'000'000);
        QVERIFY(waiting);
        QCOMPARE(waiting->state, SpanState::Ready);
        QCOMPARE(waiting->end, TimeNs(1'700'000'000));
    }

    void coroutineNeverAwaitedIsRecordedWithItsCreator() {
        const Trace trace = record([]() -> Task<> {
            co_await sleep(10ms);
            auto forgotten = child(5ms);  // created, never awaited
            (void)forgotten;
        });
        QCOMPARE(trace.neverAwaited.size(), std::size_t(1));
        const NeverAwaited& n = trace.neverAwaited[0];
        QCOMPARE(QString::fromStdString(std::string(trace.str(n.name))), QString("child"));
        QCOMPARE(n.created, TimeNs(10'000'000));
        QCOMPARE(n.task, TaskId(0));
        QVERIFY(trace.sites[n.site].line > 0);
    }

    void taskExceptionNeverRetrievedIsRecorded() {
        const Trace trace = record([]() -> Task<> {
            createTask(failing());  // the handle is dropped; nobody awaits it
            co_await sleep(50ms);
        });
        QCOMPARE(trace.unretrievedErrors.size(), std::size_t(1));
        QCOMPARE(trace.unretrievedErrors[0].task, TaskId(1));
        QCOMPARE(QString::fromStdString(std::string(trace.str(trace.unretrievedErrors[0].text))), QString("boom"));
        QCOMPARE(describeEvents(trace, 1).last(), QString("finish@10/failed"));
    }

    void retrievedExceptionIsNotReported() {
        const Trace trace = record([]() -> Task<> {
            TaskHandle<int> t = createTask(failing());
            try {
                co_await t;
            } catch (const std::runtime_error&) {
            }
        });
        QVERIFY(trace.unretrievedErrors.empty());
    }

    void taskPendingWhenMainReturnsIsRecordedAndCancelled() {
        const Trace trace = record([]() -> Task<> {
            createTask(sleepsForAnHour(), "straggler");
            co_await sleep(20ms);
        });
        QCOMPARE(trace.pendingAtExit.size(), std::size_t(1));
        QCOMPARE(trace.pendingAtExit[0].task, TaskId(1));
        QCOMPARE(trace.pendingAtExit[0].time, TimeNs(20'000'000));
        QCOMPARE(describeEvents(trace, 1).mid(4),
                 QStringList({"ready@20/cancel", "resume@20", "exit@20/sleepsForAnHour", "finish@20/cancelled"}));
    }

    void toThreadGetsALaneOfItsOwn() {
        static int value = 0;
        const Trace trace = record([]() -> Task<> {
            value = co_await toThread([] {
                blockingSleep(300ms);
                return 7;
            }, "download");
        });
        QCOMPARE(value, 7);
        QCOMPARE(trace.tasks.size(), std::size_t(2));
        QCOMPARE(trace.tasks[1].kind, TaskKind::Thread);
        QCOMPARE(describeEvents(trace, 1),
                 QStringList({"resume@0", "block@0/time.sleep", "unblock@300/time.sleep", "finish@300/done"}));
        QCOMPARE(describeEvents(trace, 0)[3], QString("suspend@0/asyncio.to_thread"));
        QCOMPARE(describeEvents(trace, 0)[4], QString("ready@300/thread"));
    }

    void taskGroupAndGatherAreRecordedAsScopes() {
        const Trace trace = record([]() -> Task<> {
            co_await withTaskGroup([](TaskGroup& g) -> Task<> {
                g.createTask(child(100ms));
                g.createTask(child(200ms));
                co_return;
            });
            std::vector<Task<int>> two;
            two.push_back(child(50ms));
            two.push_back(child(50ms));
            co_await gather(std::move(two));
        });
        QCOMPARE(trace.scopes.size(), std::size_t(2));
        QCOMPARE(trace.scopes[0].kind, ScopeKind::TaskGroup);
        QCOMPARE(trace.scopes[0].begin, TimeNs(0));
        QCOMPARE(trace.scopes[0].end, TimeNs(200'000'000));
        QCOMPARE(trace.scopes[1].kind, ScopeKind::Gather);
        QCOMPARE(trace.scopes[1].end, TimeNs(250'000'000));
        QCOMPARE(trace.tasks[1].scope, ScopeId(0));
        QCOMPARE(trace.tasks[2].scope, ScopeId(0));
        QCOMPARE(trace.tasks[3].scope, ScopeId(1));
        QCOMPARE(trace.tasks[4].scope, ScopeId(1));
    }

    void printedLinesAreRecordedWithTaskTimeAndLine() {
        const Trace trace = record([]() -> Task<> {
            co_await sleep(300ms);
            print("hello from the loop");
        });
        const std::uint32_t expectedLine = __LINE__ - 2;
        QCOMPARE(trace.output.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(std::string(trace.str(trace.output[0].text))), QString("hello from the loop"));
        QCOMPARE(trace.output[0].time, TimeNs(300'000'000));
        QCOMPARE(trace.output[0].task, TaskId(0));
        QCOMPARE(trace.sites[trace.output[0].site].line, expectedLine);
    }

    void loopQueuesAreRecordedAtEveryIterationOnRequest() {
        Trace trace;
        Recorder recorder(trace);
        LoopOptions options{ClockKind::Virtual, &recorder};
        options.recordLoopQueues = true;
        Loop loop(options);
        loop.run([]() -> Task<> {
            TaskHandle<int> slow = createTask(child(300ms), "slow");
            TaskHandle<int> fast = createTask(child(100ms), "fast");
            co_await sleep(0s);
            co_await slow;
            co_await fast;
        }());
        // Iteration by iteration: (queue, task name or "-", due in ms for timers).
        std::map<std::uint32_t, QStringList> byIteration;
        for (const LoopQueueEntry& e : trace.loopQueues) {
            const QString task = e.task == kNoTask ? "-" : QString::fromStdString(trace.taskName(e.task));
            byIteration[e.iteration] << (e.queue == LoopQueue::Ready ? QString("ready %1").arg(task)
                                                                     : QString("timer %1@%2").arg(task).arg(e.due / 1'000'000));
        }
        // Iteration 0: main's first step. 1: main yielded after creating slow and fast, which run first.
        QCOMPARE(byIteration[0], QStringList({"ready Task-1"}));
        QCOMPARE(byIteration[1], QStringList({"ready slow", "ready fast", "ready Task-1"}));
        // 2: both sleep; the loop, idle, waits for the earliest timer (the queues are taken before
        // the wait, so the heap still holds both).
        QCOMPARE(byIteration[2], QStringList({"timer fast@100", "timer slow@300"}));
        // 3: the wait moved fast's timer to the ready queue and ran it, which resolved fast's
        // future: fast's wake-up runs in this iteration. slow's timer waits.
        QCOMPARE(byIteration[3], QStringList({"ready fast", "timer slow@300"}));
        QCOMPARE(byIteration[4], QStringList({"timer slow@300"}));
        QCOMPARE(byIteration[5], QStringList({"ready slow"}));
        QCOMPARE(byIteration[6], QStringList({"ready Task-1"}));
        QCOMPARE(byIteration[7], QStringList({"ready Task-1"}));  // asyncio.run's stop callback: main finished
        QCOMPARE(trace.loopQueues.back().what, CallbackKind::LoopStop);
        QCOMPARE(trace.loopQueues.front().what, CallbackKind::TaskStep);
        QCOMPARE(trace.loopQueues[5].what, CallbackKind::TimerDue);
        QCOMPARE(byIteration.size(), std::size_t(8));
        QCOMPARE(trace.loopQueues[5].time, TimeNs(0));            // iteration 2 began at once
        QCOMPARE(trace.loopQueues[6].time, TimeNs(100'000'000));  // iteration 3 after its wait
    }

    void waitingForeverIsReportedAsADeadlock() {
        Loop loop;
        QString message;
        try {
            loop.run([]() -> Task<> {
                Event never;
                co_await never.wait();
            }());
        } catch (const DeadlockError& e) {
            message = e.what();
        }
        QVERIFY2(message.startsWith("every task is waiting and nothing is scheduled"), qPrintable(message));
        QVERIFY(message.endsWith("Waiting: Task-1"));
    }

    void endlessYieldingHitsTheIterationBudget() {
        Loop loop(LoopOptions{ClockKind::Virtual, nullptr, nullptr, 1000, 0});
        QString message;
        try {
            loop.run([]() -> Task<> {
                while (true)
                    co_await sleep(0s);
            }());
        } catch (const BudgetExceeded& e) {
            message = e.what();
        }
        QCOMPARE(message, QString("the run did not finish within 1000 loop iterations"));
        QCOMPARE(loop.iterations(), std::uint64_t(1000));
    }

    void recordingIsCompact() {
        Trace trace;
        Recorder recorder(trace);
        Loop loop({ClockKind::Virtual, &recorder});
        loop.run([]() -> Task<> {
            for (int i = 0; i < 10000; ++i)
                co_await sleep(0s);
        }());
        QCOMPARE(trace.tasks[0].events.size(), std::size_t(3 + 2 * 10000 + 2));  // ready, resume, enter; suspend+resume per yield; exit, finish
        QCOMPARE(sizeof(TraceEvent), std::size_t(16));
    }

    // 200,000 events (3.2 MB) take a log from the heap into a mapping of its own.
    static AppendLog<TraceEvent> numberedLog(std::uint32_t count) {
        AppendLog<TraceEvent> log;
        for (std::uint32_t i = 0; i < count; ++i)
            log.push_back({TimeNs(i) * 3, EventKind::Resume, 0, 0, i});
        return log;
    }
    static bool isNumbered(const AppendLog<TraceEvent>& log, std::uint32_t count) {
        if (log.size() != count)
            return false;
        for (std::uint32_t i = 0; i < count; ++i)
            if (log[i].time != TimeNs(i) * 3 || log[i].ref != i)
                return false;
        return true;
    }

    void aLongLogKeepsEveryEventThroughGrowthCopyAndShrink() {
        AppendLog<TraceEvent> log = numberedLog(200'000);
        QVERIFY(isNumbered(log, 200'000));
        QVERIFY(log.capacity() >= 200'000);
        const AppendLog<TraceEvent> copy = log;
        QVERIFY(copy == log);
        log.shrink_to_fit();
        QCOMPARE(log.capacity(), std::size_t(200'000));
        QVERIFY(isNumbered(log, 200'000));
        log.push_back({1, EventKind::Finish, 0, 0, 0});
        QCOMPARE(log.size(), std::size_t(200'001));
        QCOMPARE(log.back().kind, EventKind::Finish);
        QVERIFY(isNumbered(copy, 200'000));
    }

#if defined(__linux__)
    void theNextLongLogReusesAFreedLogsMapping() {
        // The second recording writes into the pages the first one left, instead of fresh ones.
        // 48 MB: bigger than anything an earlier test left behind.
        const void* firstStorage = nullptr;
        const std::size_t keptBefore = detail::keptMappingBytes();
        {
            AppendLog<TraceEvent> first;
            first.reserve(3'000'000);
            first.push_back({1, EventKind::Resume, 0, 0, 1});
            firstStorage = first.data();
        }
        const std::size_t keptAfterFirst = detail::keptMappingBytes();
        QVERIFY(keptAfterFirst >= keptBefore + 48'000'000);
        // Carved from the front of what the first left; growing takes the rest in place.
        AppendLog<TraceEvent> second;
        second.reserve(1'000'000);
        QCOMPARE(static_cast<const void*>(second.data()), firstStorage);
        QVERIFY(second.empty());
        for (std::uint32_t i = 0; i < 2'000'000; ++i)  // 16 MiB, grown to 32 MiB
            second.push_back({TimeNs(i) * 3, EventKind::Resume, 0, 0, i});
        QCOMPARE(static_cast<const void*>(second.data()), firstStorage);
        QCOMPARE(second.capacity(), std::size_t(2 << 20));
        QCOMPARE(detail::keptMappingBytes(), keptAfterFirst - (32u << 20));
        QVERIFY(isNumbered(second, 2'000'000));
    }

    void twoLogsGrowingInTurnBothGrowInPlaceInKeptPages() {
        // Two tasks of a ping-pong: their logs start from the kept pages of one freed log and
        // grow in turn. Neither may start where the other must grow, or that one moves to
        // fresh pages (mremap) and the kept ones go unused.
        {
            AppendLog<TraceEvent> freed;
            freed.reserve(6'000'000);  // 96 MB
            freed.push_back({1, EventKind::Resume, 0, 0, 1});
        }
        const std::size_t keptBefore = detail::keptMappingBytes();
        AppendLog<TraceEvent> ping;
        AppendLog<TraceEvent> pong;
        ping.reserve(1'000'000);  // 16 MB each, grown to 32 MB below
        pong.reserve(1'000'000);
        const void* pingStorage = ping.data();
        const void* pongStorage = pong.data();
        QVERIFY(pingStorage != pongStorage);
        for (std::uint32_t i = 0; i < 2'000'000; ++i) {
            ping.push_back({TimeNs(i) * 3, EventKind::Resume, 0, 0, i});
            pong.push_back({TimeNs(i) * 3, EventKind::Resume, 0, 0, i});
        }
        // On to 56 MB: doubling asks for 64, more than ping's half of the range may hold, so it
        // grows in place by what there is rather than move.
        for (std::uint32_t i = 2'000'000; i < 3'500'000; ++i)
            ping.push_back({TimeNs(i) * 3, EventKind::Resume, 0, 0, i});
        QCOMPARE(static_cast<const void*>(ping.data()), pingStorage);
        QCOMPARE(static_cast<const void*>(pong.data()), pongStorage);
        // Every page the two hold came from the kept ones.
        QCOMPARE(keptBefore - detail::keptMappingBytes(), (ping.capacity() + pong.capacity()) * sizeof(TraceEvent));
        QVERIFY(isNumbered(ping, 3'500'000));
        QVERIFY(isNumbered(pong, 2'000'000));
    }
#endif

    void aTracesEventsSurviveItsCopiesMovesAndTheOriginalsEnd() {
        // Short tasks keep their events in the trace's arena; copies and moves must still see them.
        const QStringList expected = {"ready@0/start<Task-1", "resume@0", "enter@0/child", "suspend@0/asyncio.sleep",
                                      "ready@100/timer", "resume@100", "exit@100/child", "finish@100/done"};
        std::optional<Trace> original = record([]() -> Task<> {
            auto task = createTask(child(100ms));
            co_await task;
        });
        QVERIFY(original->tasks[1].events.borrowed());
        QCOMPARE(describeEvents(*original, 1), expected);
        Trace copy = *original;
        QVERIFY(!copy.tasks[1].events.borrowed());
        Trace moved = std::move(*original);
        original.reset();
        QCOMPARE(describeEvents(copy, 1), expected);
        QCOMPARE(describeEvents(moved, 1), expected);
        Trace assigned;
        assigned = std::move(moved);
        assigned.tasks[1].events.push_back({200'000'000, EventKind::Resume, 0, 0, 0});  // outgrows its share
        QCOMPARE(describeEvents(assigned, 1), expected + QStringList{"resume@200"});
    }

    void borrowedStorageIsLeftAloneWhenTheLogOutgrowsIt() {
        TraceEvent arena[8] = {};
        AppendLog<TraceEvent> log;
        log.useBorrowed(arena, 8);
        for (std::uint32_t i = 0; i < 8; ++i)
            log.push_back({TimeNs(i), EventKind::Resume, 0, 0, i});
        QVERIFY(log.borrowed());
        QCOMPARE(static_cast<void*>(log.data()), static_cast<void*>(arena));
        log.push_back({8, EventKind::Finish, 0, 0, 8});
        QVERIFY(!log.borrowed());
        QVERIFY(static_cast<void*>(log.data()) != static_cast<void*>(arena));
        QCOMPARE(log.size(), std::size_t(9));
        for (std::uint32_t i = 0; i < 9; ++i)
            QCOMPARE(log[i].ref, i);
        QCOMPARE(arena[7].ref, std::uint32_t(7));  // the lender's storage is untouched
        QCOMPARE(arena[7].kind, EventKind::Resume);
    }
};

QTEST_APPLESS_MAIN(TestRecording)
#include "tst_recording.moc"
