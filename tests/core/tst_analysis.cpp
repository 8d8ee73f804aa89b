// The analysis over traces recorded from small programs on the runtime (virtual clock, so
// every figure is exact) and over hand-built traces for the edge cases.
#include "RecordedTraces.h"

#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/analysis/DerivedTrace.h>

#include <QtTest>

#include <climits>
#include <random>

using namespace awaitscope;

namespace {

constexpr TimeNs ms = 1'000'000;

// A hand-built task: events appended in order.
struct TaskBuilder {
    Trace& trace;
    TaskId id;
    TaskBuilder& ready(TimeNs t, WaitKind why, TaskId waker = kNoTask) {
        trace.tasks[id].events.push_back({t, EventKind::Ready, static_cast<std::uint8_t>(why), 0, waker});
        return *this;
    }
    TaskBuilder& resume(TimeNs t) {
        trace.tasks[id].events.push_back({t, EventKind::Resume, 0, 0, 0});
        return *this;
    }
    TaskBuilder& suspend(TimeNs t, AwaitId await) {
        trace.tasks[id].events.push_back({t, EventKind::Suspend, 0, 0, await});
        return *this;
    }
    TaskBuilder& finish(TimeNs t) {
        trace.tasks[id].events.push_back({t, EventKind::Finish, 0, 0, 0});
        return *this;
    }
};

TaskBuilder addTask(Trace& trace, const char* name, TaskId parent = kNoTask, TimeNs created = 0) {
    TaskRecord task;
    task.id = static_cast<TaskId>(trace.tasks.size());
    task.name = trace.strings.intern(name);
    task.parent = parent;
    task.created = created;
    trace.tasks.push_back(task);
    return {trace, task.id};
}

AwaitId addAwait(Trace& trace, WaitKind kind, const char* what, TaskId target = kNoTask) {
    trace.awaits.push_back({kUnknownSite, kind, trace.strings.intern(what), target});
    return static_cast<AwaitId>(trace.awaits.size() - 1);
}

QString segments(const Trace& trace, const CriticalPath& path) {
    QStringList list;
    for (const CriticalSegment& s : path.segments)
        list << QStringLiteral("%1 %2 %3..%4 ms")
                    .arg(QString::fromStdString(taskLabel(trace, s.task)))
                    .arg(s.state == SpanState::Running ? "running" : s.state == SpanState::Ready ? "ready" : "awaiting")
                    .arg(s.begin / ms)
                    .arg(s.end / ms);
    return list.join(", ");
}

QString points(const CounterSeries& series) {
    QStringList list;
    for (const CounterPoint& p : series.points)
        list << QStringLiteral("%1:%2").arg(p.time / ms).arg(p.value);
    return list.join(' ');
}

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT
private slots:
    // The example: blocked 1.5 s on a 0.5 s heartbeat.
    void blockingSleepGivesOneFrozenStretchWithTheHeartbeatAsVictim() {
        const Trace trace = recorded::blockingFreezesLoop();
        const TraceIndex index(trace);
        const std::vector<FrozenStretch> stretches = findFrozenStretches(trace, index);
        QCOMPARE(stretches.size(), std::size_t{1});
        const FrozenStretch& s = stretches[0];
        QCOMPARE(s.begin, 200 * ms);
        QCOMPARE(s.end, 1700 * ms);
        QCOMPARE(s.duration(), 1500 * ms);
        QCOMPARE(s.culprit, TaskId{2});
        QVERIFY(s.block < trace.blocks.size());
        QCOMPARE(trace.str(trace.blocks[s.block].what), std::string_view("time.sleep"));
        QCOMPARE(trace.str(trace.sites[s.site].function), std::string_view("blocker"));
        QCOMPARE(s.victims.size(), std::size_t{1});  // not the culprit's own wake-up at 0.2 s
        QCOMPARE(s.victims[0].task, TaskId{1});
        QCOMPARE(s.victims[0].due, 500 * ms);
        QCOMPARE(s.victims[0].resumed, 1700 * ms);
        QCOMPARE(s.victims[0].lateBy(), 1200 * ms);
    }

    // Work on a thread that ends during a freeze makes its task a victim, late from the work's end.
    void threadWorkEndingInAFreezeMakesItsTaskAVictim() {
        const Trace trace = recorded::threadEndsInAFreeze();
        const std::vector<FrozenStretch> stretches = findFrozenStretches(trace, TraceIndex(trace));
        QCOMPARE(stretches.size(), std::size_t{1});
        const FrozenStretch& s = stretches[0];
        QCOMPARE(s.begin, 10 * ms);
        QCOMPARE(s.end, 510 * ms);
        QCOMPARE(s.victims.size(), std::size_t{1});
        QCOMPARE(trace.taskName(s.victims[0].task), std::string("Task-2"));  // the to_thread call
        QCOMPARE(s.victims[0].due, 100 * ms);
        QCOMPARE(s.victims[0].resumed, 510 * ms);
        QCOMPARE(s.victims[0].cause, WaitKind::Thread);
        const std::vector<Diagnostic> found = collectDiagnostics(trace, stretches);
        QCOMPARE(found.size(), std::size_t{1});
        QCOMPARE(found[0].kind, DiagnosticKind::FrozenLoop);
        QVERIFY2(found[0].detail.find(" late (its thread finished at ") != std::string::npos, found[0].detail.c_str());
    }

    void frozenThresholdIsInclusiveAndSettable_data() {
        QTest::addColumn<qint64>("threshold");
        QTest::addColumn<int>("stretches");
        QTest::newRow("default 100 ms") << qint64(100 * ms) << 1;
        QTest::newRow("exactly the 1.5 s block") << qint64(1500 * ms) << 1;
        QTest::newRow("just above it") << qint64(1500 * ms + 1) << 0;
    }
    void frozenThresholdIsInclusiveAndSettable() {
        QFETCH(qint64, threshold);
        QFETCH(int, stretches);
        const Trace trace = recorded::blockingFreezesLoop();
        QCOMPARE(int(findFrozenStretches(trace, TraceIndex(trace), threshold).size()), stretches);
    }

    void taskTotalsSplitRunningAwaitingAndReady() {
        const Trace trace = recorded::blockingFreezesLoop();
        const std::vector<TaskTotals> totals = taskTotals(TraceIndex(trace));
        QCOMPARE(totals.size(), std::size_t{3});
        QCOMPARE(totals[0].running, 0);
        QCOMPARE(totals[0].awaiting, 2700 * ms);  // main awaits the gather throughout
        QCOMPARE(totals[1].awaiting, 1500 * ms);  // three sleeps of 0.5 s
        QCOMPARE(totals[1].ready, 1200 * ms);     // due at 0.5 s, ran at 1.7 s
        QCOMPARE(totals[2].running, 1500 * ms);   // time.sleep(1.5) on the loop
        QCOMPARE(totals[2].awaiting, 200 * ms);
        QCOMPARE(totals[2].lifetime, 1700 * ms);
    }

    void loopIsBusyOnlyWhileTheBlockerHoldsIt() {
        const Trace trace = recorded::blockingFreezesLoop();
        const LoopUsage loop = loopUsage(TraceIndex(trace));
        QCOMPARE(loop.elapsed(), 2700 * ms);
        QCOMPARE(loop.busy, 1500 * ms);
        QCOMPARE(loop.idle, 1200 * ms);
    }

    void speedUpComparesWithTheSameWorkInSequence_data() {
        QTest::addColumn<int>("program");
        QTest::addColumn<qint64>("sequential");
        QTest::addColumn<qint64>("elapsed");
        // 3 x 0.5 s heartbeat + 0.2 s sleep + 1.5 s blocking = 3.2 s of work in 2.7 s.
        QTest::newRow("blocking") << 0 << qint64(3200 * ms) << qint64(2700 * ms);
        QTest::newRow("gather of 1 s, 2 s, 3 s") << 1 << qint64(6000 * ms) << qint64(3000 * ms);
        QTest::newRow("the same calls in sequence") << 2 << qint64(6000 * ms) << qint64(6000 * ms);
    }
    void speedUpComparesWithTheSameWorkInSequence() {
        QFETCH(int, program);
        QFETCH(qint64, sequential);
        QFETCH(qint64, elapsed);
        const Trace trace = program == 0   ? recorded::blockingFreezesLoop()
                            : program == 1 ? recorded::gatherThreeCalls()
                                           : recorded::sequentialCalls();
        const SpeedUp speedUp = speedUpOverSequential(trace, TraceIndex(trace));
        QCOMPARE(speedUp.sequential, sequential);
        QCOMPARE(speedUp.elapsed, elapsed);
        QCOMPARE(speedUp.ratio(), double(sequential) / double(elapsed));
    }

    void peakConcurrencyCountsTasksAliveAtOnce() {
        const Trace gathered = recorded::gatherThreeCalls();
        const PeakConcurrency peak = peakConcurrency(gathered, TraceIndex(gathered));
        QCOMPARE(peak.tasks, std::size_t{4});
        QCOMPARE(peak.at, 0);
        const Trace sequential = recorded::sequentialCalls();
        QCOMPARE(peakConcurrency(sequential, TraceIndex(sequential)).tasks, std::size_t{1});
    }

    void tasksThatOnlyTouchDoNotOverlap() {
        Trace trace;
        const AwaitId sleep = addAwait(trace, WaitKind::Timer, "asyncio.sleep");
        addTask(trace, "a", kNoTask, 0).ready(0, WaitKind::Start).resume(0).suspend(0, sleep).ready(5 * ms, WaitKind::Timer).resume(5 * ms).finish(5 * ms);
        addTask(trace, "b", kNoTask, 5 * ms).ready(5 * ms, WaitKind::Start).resume(5 * ms).finish(9 * ms);
        const PeakConcurrency peak = peakConcurrency(trace, TraceIndex(trace));
        QCOMPARE(peak.tasks, std::size_t{1});
        QCOMPARE(peak.at, 0);
    }

    void criticalPathFollowsTheHeartbeatThroughTheFrozenLoop() {
        const Trace trace = recorded::blockingFreezesLoop();
        const CriticalPath path = findCriticalPath(trace, TraceIndex(trace));
        QCOMPARE(segments(trace, path), QString("Task-2 (heartbeat) awaiting 0..500 ms, Task-2 (heartbeat) ready 500..1700 ms, "
                                                "Task-2 (heartbeat) awaiting 1700..2700 ms"));
        QCOMPARE(path.total(), 2700 * ms);
        QCOMPARE(path.total(SpanState::Ready), 1200 * ms);
        QCOMPARE(path.segments[0].kind, WaitKind::Timer);
    }

    // What a hovered pixel or a selected span of a task asks: which link of the path lies there.
    void criticalPathFindsTheLinkOfATaskAtAMoment() {
        const Trace trace = recorded::blockingFreezesLoop();
        const CriticalPath path = findCriticalPath(trace, TraceIndex(trace));
        QCOMPARE(path.linkOf(1, 600 * ms, 600 * ms), std::optional<std::size_t>(1));
        QCOMPARE(path.linkOf(1, 450 * ms, 560 * ms), std::optional<std::size_t>(1));  // the link at the middle
        QCOMPARE(path.linkOf(1, 0, 3000 * ms), std::optional<std::size_t>(1));
        QCOMPARE(path.linkOf(1, 100 * ms, 200 * ms), std::optional<std::size_t>(0));
        QCOMPARE(path.linkOf(2, 600 * ms, 600 * ms), std::nullopt);  // the blocker: the path is in the heartbeat then
        QCOMPARE(path.linkOf(1, 2800 * ms, 2900 * ms), std::nullopt);
        QCOMPARE(QString::fromStdString(describeCriticalSegment(trace, TraceIndex(trace), path.segments[1])),
                 QString("Task-2 (heartbeat) waits for the loop"));
    }

    void criticalPathOfAGatherIsItsSlowestCall() {
        const Trace trace = recorded::gatherThreeCalls();
        const CriticalPath path = findCriticalPath(trace, TraceIndex(trace));
        QCOMPARE(segments(trace, path), QString("Task-4 (call) awaiting 0..3000 ms"));
    }

    void criticalPathStaysInOneTaskForSequentialAwaits() {
        const Trace trace = recorded::sequentialCalls();
        const CriticalPath path = findCriticalPath(trace, TraceIndex(trace));
        QCOMPARE(segments(trace, path), QString("Task-1 (sequentialMain) awaiting 0..6000 ms"));
    }

    void criticalPathJumpsToTheTaskThatWokeTheWaiter() {
        // main awaits worker (a join); worker runs 30 ms of CPU between two sleeps.
        Trace trace;
        const AwaitId join = addAwait(trace, WaitKind::Task, "worker", 1);
        const AwaitId sleep = addAwait(trace, WaitKind::Timer, "asyncio.sleep");
        addTask(trace, "main").ready(0, WaitKind::Start).resume(0).suspend(0, join).ready(100 * ms, WaitKind::Task, 1).resume(100 * ms).finish(100 * ms);
        addTask(trace, "worker", 0).ready(0, WaitKind::Start, 0).resume(0).suspend(0, sleep).ready(40 * ms, WaitKind::Timer)
            .resume(40 * ms).suspend(70 * ms, sleep).ready(100 * ms, WaitKind::Timer).resume(100 * ms).finish(100 * ms);
        const CriticalPath path = findCriticalPath(trace, TraceIndex(trace));
        QCOMPARE(segments(trace, path), QString("worker awaiting 0..40 ms, worker running 40..70 ms, worker awaiting 70..100 ms"));
    }

    // The playback order holds every event once, in time order, each task's events in their
    // own order; and times spread too widely to pack beside a task number (the other sorting
    // path) give the same order.
    void playbackOrderHoldsEveryEventOnceInTimeOrder() {
        Trace trace;
        const AwaitId sleep = addAwait(trace, WaitKind::Timer, "asyncio.sleep");
        const AwaitId yield = addAwait(trace, WaitKind::Yield, "asyncio.sleep(0)");
        std::mt19937 random(7);
        for (int t = 0; t < 300; ++t) {
            TaskBuilder task = addTask(trace, "t", t == 0 ? kNoTask : 0);
            TimeNs now = 0;
            task.ready(now, WaitKind::Start, t == 0 ? kNoTask : 0);
            for (int step = 0; step < 20; ++step) {
                now += static_cast<TimeNs>(random() % 3) * ms;  // many instants shared by several tasks
                task.resume(now);
                task.suspend(now, random() % 2 ? sleep : yield);
                now += static_cast<TimeNs>(random() % 2) * ms;
                task.ready(now, WaitKind::Timer);
            }
            task.resume(now).finish(now);
        }
        const PlaybackOrder order(trace);
        QVERIFY(order.complete());
        QCOMPARE(order.events().size(), trace.eventCount());
        std::vector<std::uint32_t> next(trace.tasks.size(), 0);
        TimeNs previous = INT64_MIN;
        for (const EventRef& ref : order.events()) {
            QCOMPARE(ref.index, next[ref.task]++);  // each task's events once, in their order
            QVERIFY(order.event(ref).time >= previous);
            previous = order.event(ref).time;
        }
        for (std::size_t task = 0; task < trace.tasks.size(); ++task)
            QCOMPARE(std::size_t{next[task]}, trace.tasks[task].events.size());

        Trace wide = trace;
        addTask(wide, "far").ready(INT64_MAX - 1, WaitKind::Start);  // 2^63 ns of times: no room for a task number
        const PlaybackOrder wideOrder(wide);
        QCOMPARE(wideOrder.events().size(), order.events().size() + 1);
        for (std::size_t k = 0; k < order.events().size(); ++k) {
            QCOMPARE(wideOrder.events()[k].task, order.events()[k].task);
            QCOMPARE(wideOrder.events()[k].index, order.events()[k].index);
        }
    }

    void countersFollowReadyAndTimerStates() {
        const Trace trace = recorded::blockingFreezesLoop();
        const PlaybackOrder order(trace);
        const CounterSeries ready = readyQueueDepth(trace, order);
        // heartbeat and blocker queue together as they start; blocker is woken and runs at
        // 0.2 s (1 ns in the queue); the heartbeat's timer falls due at 0.5 s, but it waits in
        // the queue until the frozen loop lets go at 1.7 s; its later beats run as they wake.
        QCOMPARE(points(ready), QString("0:2 0:0 200:1 200:0 500:1 1700:0 2200:1 2200:0 2700:1 2700:0"));
        QCOMPARE(ready.peak, 2u);
        QCOMPARE(ready.peakAt, 0);
        QCOMPARE(ready.valueAt(1000 * ms), 1u);
        const CounterSeries timers = pendingTimers(trace, order);
        QCOMPARE(points(timers), QString("0:2 200:1 500:0 1700:1 2700:0"));
        QCOMPARE(timers.peak, 2u);
        QCOMPARE(timers.peakAt, 0);
    }

    // One rule for an instant: a task woken and run in the same nanosecond was in the queue,
    // in the order the loop ran things. At 10 ms the timer wakes `a`, `a` runs and finishes and
    // that wakes `main`: the queue held one task at a time, never two (counting every arrival
    // first would say 2) and not none (counting departures first would say 0).
    void readyQueueCountsAnInstantInTheOrderTheLoopRanIt() {
        Trace trace;
        const AwaitId join = addAwait(trace, WaitKind::Task, "a", 1);
        const AwaitId sleep = addAwait(trace, WaitKind::Timer, "asyncio.sleep");
        addTask(trace, "main").ready(0, WaitKind::Start).resume(0).suspend(0, join).ready(10 * ms, WaitKind::Task, 1).resume(10 * ms).finish(10 * ms);
        addTask(trace, "a", 0).ready(0, WaitKind::Start, 0).resume(0).suspend(0, sleep).ready(10 * ms, WaitKind::Timer).resume(10 * ms).finish(10 * ms);
        const PlaybackOrder order(trace);
        auto inNs = [](const CounterSeries& series) {
            QStringList list;
            for (const CounterPoint& p : series.points)
                list << QStringLiteral("%1:%2").arg(p.time).arg(p.value);
            return list.join(' ');
        };
        const CounterSeries ready = readyQueueDepth(trace, order);
        QCOMPARE(inNs(ready), QString("0:1 1:0 10000000:1 10000001:0"));
        QCOMPARE(ready.peak, 1u);
        QCOMPARE(ready.peakAt, 0);
        QCOMPARE(ready.maximumIn(5 * ms, 11 * ms), 1u);
        QCOMPARE(ready.valueAt(5 * ms), 0u);
        // The timer is armed at 0 and fires at 10 ms: one pending in between, no spike.
        QCOMPARE(inNs(pendingTimers(trace, order)), QString("0:1 10000000:0"));
    }

    void diagnosticsExplainTheFrozenLoop() {
        const Trace trace = recorded::blockingFreezesLoop();
        const TraceIndex index(trace);
        const std::vector<FrozenStretch> stretches = findFrozenStretches(trace, index);
        const std::vector<Diagnostic> list = collectDiagnostics(trace, stretches);
        QCOMPARE(list.size(), std::size_t{1});
        const Diagnostic& d = list[0];
        QCOMPARE(d.kind, DiagnosticKind::FrozenLoop);
        QVERIFY(d.failsReport());
        QCOMPARE(d.time, 200 * ms);
        QCOMPARE(d.end, 1700 * ms);
        QCOMPARE(d.task, TaskId{2});
        const std::string site = formatSite(trace, stretches[0].site);
        QVERIFY2(QString::fromStdString(site).contains(QRegularExpression("RecordedTraces\\.h:\\d+$")), site.c_str());
        QCOMPARE(d.summary, "loop frozen for 1.5 s by Task-3 (blocker): time.sleep at " + site);
        QCOMPARE(d.detail, std::string("Task-2 (heartbeat) ran 1.2 s late (its timer fell due at 500 ms)"));
        QVERIFY(d.advice.rfind("time.sleep blocks the loop: use await asyncio.sleep(...)", 0) == 0);
    }

    void diagnosticsListAsyncioWarningsInTimeOrder() {
        const Trace trace = recorded::threeWarnings();
        const DerivedTrace derived(trace);
        const TraceAnalysis& analysis = derived.analysis();
        QCOMPARE(analysis.diagnostics.size(), std::size_t{3});
        const Diagnostic& never = analysis.diagnostics[0];
        QCOMPARE(never.kind, DiagnosticKind::NeverAwaited);
        QCOMPARE(never.task, TaskId{0});
        QVERIFY2(never.summary.rfind("coroutine 'forgotten' was never awaited (created at ", 0) == 0, never.summary.c_str());
        QVERIFY(never.failsReport());
        const Diagnostic& unretrieved = analysis.diagnostics[1];
        QCOMPARE(unretrieved.kind, DiagnosticKind::UnretrievedError);
        QCOMPARE(unretrieved.time, 100 * ms);
        QCOMPARE(unretrieved.task, TaskId{1});
        QCOMPARE(unretrieved.summary, std::string("Task exception was never retrieved: Task-2 (failing) failed with tool failed"));
        QVERIFY(!unretrieved.failsReport());
        const Diagnostic& pending = analysis.diagnostics[2];
        QCOMPARE(pending.kind, DiagnosticKind::PendingAtExit);
        QCOMPARE(pending.time, 200 * ms);
        QCOMPARE(pending.summary,
                 std::string("Task-3 (sleepy) was still pending when the main coroutine returned; asyncio.run cancelled it"));
        QVERIFY(analysis.failsReport());
    }

    void scriptErrorsAreSummarisedByTheirLastTracebackLine() {
        Trace trace;
        addTask(trace, "main").ready(0, WaitKind::Start).resume(0).finish(3 * ms);
        trace.sites.push_back({trace.strings.intern("agent.py"), 0, 7, 0});
        trace.scriptErrors.push_back({3 * ms, 0, 1,
                                      trace.strings.intern("Traceback (most recent call last):\n  File \"agent.py\", line 7\n"
                                                           "ValueError: bad input\n")});
        const std::vector<Diagnostic> list = collectDiagnostics(trace, {});
        QCOMPARE(list.size(), std::size_t{1});
        QCOMPARE(list[0].summary, std::string("script error at agent.py:7: ValueError: bad input"));
        QVERIFY(list[0].detail.find("line 7") != std::string::npos);
        QVERIFY(list[0].detail.back() != '\n');
        QVERIFY(list[0].failsReport());
    }

    void stepWithoutABlockingCallIsBlamedOnItsNextAwait() {
        Trace trace;
        trace.sites.push_back({trace.strings.intern("loop.py"), 0, 12, 0});
        trace.awaits.push_back({1, WaitKind::Timer, trace.strings.intern("asyncio.sleep"), kNoTask});
        addTask(trace, "cruncher").ready(0, WaitKind::Start).resume(0).suspend(250 * ms, 0).ready(300 * ms, WaitKind::Timer).resume(300 * ms).finish(300 * ms);
        const std::vector<FrozenStretch> stretches = findFrozenStretches(trace, TraceIndex(trace));
        QCOMPARE(stretches.size(), std::size_t{1});
        QCOMPARE(stretches[0].block, kNoBlock);
        QCOMPARE(stretches[0].site, SiteId{1});
        const std::vector<Diagnostic> list = collectDiagnostics(trace, stretches);
        QCOMPARE(list[0].summary, std::string("loop frozen for 250 ms by cruncher, in the step that ends at loop.py:12"));
    }

    // Thousands of spans take the radix-sorted paths; a brute-force count must agree.
    void largeTracesGiveTheSameFiguresAsABruteForceCount() {
        Trace trace;
        const AwaitId sleep = addAwait(trace, WaitKind::Timer, "asyncio.sleep");
        std::uint64_t seed = 12345;
        auto next = [&](TimeNs range) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            return static_cast<TimeNs>((seed >> 33) % static_cast<std::uint64_t>(range));
        };
        for (int i = 0; i < 1200; ++i) {
            TimeNs t = next(1'000'000) * 1000;  // some equal times, spread over 2^40 ns
            TaskBuilder task = addTask(trace, "t", kNoTask, t);
            task.ready(t, WaitKind::Start);
            for (int step = 0; step < 4; ++step) {
                t += 1000 + next(5) * 1000;  // every ready span lasts: more than 4096 of them
                task.resume(t);
                t += next(3) * 1000;
                task.suspend(t, sleep);
                t += next(7) * 1000;
                task.ready(t, WaitKind::Timer);
            }
            t += next(4) * 1000;
            task.resume(t).finish(t + next(2) * 1000);
        }
        const TraceIndex index(trace);
        QVERIFY(index.loopSlices().size() > 4096);
        QVERIFY(std::is_sorted(index.loopSlices().begin(), index.loopSlices().end(),
                               [](const LoopSlice& a, const LoopSlice& b) { return a.begin < b.begin; }));
        // Brute force: the number of ready spans covering (a sample of) the moments between two
        // consecutive span boundaries, where nothing happens and no instant's order matters.
        std::vector<TimeNs> times;
        for (const TaskLane& lane : index.lanes())
            for (const Span& span : lane.spans) {
                times.push_back(span.begin);
                times.push_back(span.end);
            }
        std::sort(times.begin(), times.end());
        times.erase(std::unique(times.begin(), times.end()), times.end());
        const CounterSeries ready = readyQueueDepth(trace, PlaybackOrder(trace));
        std::size_t sampled = 0;
        for (std::size_t i = 0; i + 1 < times.size(); i += 5) {
            if (times[i + 1] - times[i] < 2)
                continue;
            const TimeNs t = times[i] + (times[i + 1] - times[i]) / 2;
            std::uint32_t count = 0;
            for (const TaskLane& lane : index.lanes())
                for (const Span& span : lane.spans)
                    count += span.state == SpanState::Ready && span.begin <= t && t < span.end;
            QCOMPARE(ready.valueAt(t), count);
            ++sampled;
        }
        QVERIFY(sampled > 1000);
        QVERIFY(ready.peak >= 2);
        std::uint32_t highest = 0;
        for (const CounterPoint& p : ready.points)
            highest = std::max(highest, p.value);
        QCOMPARE(ready.peak, highest);
    }

    void emptyTraceGivesZeroFigures() {
        const Trace trace;
        const DerivedTrace derived(trace);
        const TraceAnalysis& a = derived.analysis();
        QCOMPARE(a.tasks.size(), std::size_t{0});
        QCOMPARE(a.loop.elapsed(), 0);
        QCOMPARE(a.concurrency.tasks, std::size_t{0});
        QCOMPARE(a.speedUp.ratio(), 1.0);
        QVERIFY(a.criticalPath.segments.empty());
        QCOMPARE(a.readyQueue.points.size(), std::size_t{1});
        QVERIFY(a.diagnostics.empty());
        QVERIFY(!a.failsReport());
    }
};

QTEST_APPLESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
