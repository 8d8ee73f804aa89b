// Where each task's time went, on the lessons run by the interpreter (virtual clock, so every
// share is exact) and on a hand-built trace recorded by a wall-clock recorder.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/TimeBreakdown.h>
#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/script/ScriptRunner.h>
#include <awaitscope/script/Scenarios.h>

#include <QtTest>

using namespace awaitscope;

namespace {

constexpr TimeNs ms = 1'000'000;

Trace runLesson(const char* name) {
    const Scenario* scenario = findScenario(name);
    if (!scenario)
        qFatal("no lesson %s", name);
    ScriptRunOptions options;
    options.fileName = std::string(name) + ".py";
    ScriptRunResult run = runScript(scenario->source, options);
    if (!run.ok)
        qFatal("%s failed: %s", name, run.stderrText.c_str());
    return std::move(run.trace);
}

TaskId taskNamed(const Trace& trace, std::string_view coroutine, int nth = 0) {
    for (const TaskRecord& task : trace.tasks)
        if (coroutineName(trace, task.id) == coroutine && nth-- == 0)
            return task.id;
    qFatal("no task runs %s", std::string(coroutine).c_str());
}

TimeBreakdown breakdownOf(const DerivedTrace& derived, TaskId task) {
    return timeBreakdown(derived.trace(), derived.index(), derived.frozenStretches(), derived.readyQueue(), task);
}

// The interpreter charges each statement a few microseconds of virtual CPU time, so a share
// made of sleeps is exact to well within a millisecond.
bool near(TimeNs actual, TimeNs expected) { return actual >= expected && actual - expected < ms; }

const TimeShare* shareOf(const TimeBreakdown& breakdown, TimeUse use) {
    for (const TimeShare& share : breakdown.shares)
        if (share.use == use)
            return &share;
    return nullptr;
}

void sharesMakeUpEveryLifetime(const DerivedTrace& derived) {
    for (const TaskRecord& task : derived.trace().tasks) {
        const TimeBreakdown breakdown = breakdownOf(derived, task.id);
        TimeNs sum = 0;
        for (const TimeShare& share : breakdown.shares) {
            QVERIFY(share.duration > 0);
            sum += share.duration;
        }
        QCOMPARE(sum, breakdown.lifetime);
        QCOMPARE(breakdown.lifetime, derived.index().lane(task.id).end - derived.index().lane(task.id).begin);
    }
}

} // namespace

class TimeBreakdownTest : public QObject {
    Q_OBJECT

private slots:
    // The heartbeat's first timer fell due at 0.5 s while slow_step_blocking's time.sleep held
    // the loop from 0.2 s to 1.7 s: 1.2 s of its life belong to that call, named with its
    // task and line; the rest is its own sleeps. The culprit itself spent 1.5 s blocking.
    void blockingSleepNamesTheCallThatHeldTheHeartbeat() {
        const DerivedTrace derived(std::make_shared<const Trace>(runLesson("blocking_sleep")));
        const Trace& trace = derived.trace();
        sharesMakeUpEveryLifetime(derived);

        const TaskId heartbeat = taskNamed(trace, "heartbeat");
        const TaskId culprit = taskNamed(trace, "slow_step_blocking");
        const TimeBreakdown beats = breakdownOf(derived, heartbeat);
        const TimeShare* held = shareOf(beats, TimeUse::Held);
        QVERIFY(held);
        QCOMPARE(held->task, culprit);
        QVERIFY(near(held->duration, 1200 * ms));
        QVERIFY(held->block < trace.blocks.size());
        QCOMPARE(trace.sites[trace.blocks[held->block].site].line, 32u);
        QVERIFY(near(beats.total(TimeUse::Sleeping), 2000 * ms));
        QCOMPARE(beats.shares.front().use, TimeUse::Sleeping);
        QCOMPARE(QString::fromStdString(describeTimeShare(trace, *held)),
                 QString::fromStdString("1.2 s held by " + taskLabel(trace, culprit) + "'s time.sleep at line 32"));
        QVERIFY2(QString::fromStdString(describeTimeBreakdown(trace, beats))
                     .startsWith(QString::fromStdString(taskLabel(trace, heartbeat) + " took 3.2 s: 2 s its own sleep at line 25, 1.2 s held by")),
                 describeTimeBreakdown(trace, beats).c_str());
        // Its few microseconds of running and queueing are crumbs, said together at the end.
        QVERIFY2(QString::fromStdString(describeTimeBreakdown(trace, beats)).endsWith(" running and queued for the loop"),
                 describeTimeBreakdown(trace, beats).c_str());

        const TimeBreakdown blocker = breakdownOf(derived, culprit);
        QVERIFY(near(blocker.total(TimeUse::Blocking), 1500 * ms));
        QCOMPARE(blocker.total(TimeUse::Held), TimeNs(0));
        QVERIFY(near(blocker.total(TimeUse::Sleeping), 200 * ms));

        // The second half, with asyncio.sleep, holds nobody.
        const TimeBreakdown second = breakdownOf(derived, taskNamed(trace, "heartbeat", 1));
        QCOMPARE(second.total(TimeUse::Held), TimeNs(0));
        QVERIFY(near(second.total(TimeUse::Sleeping), 2000 * ms));

        const std::vector<TimeNs> held2 = heldTimes(derived.index(), derived.frozenStretches());
        QVERIFY(near(held2[heartbeat], 1200 * ms));
        for (const TaskRecord& task : trace.tasks)
            QCOMPARE(held2[task.id], breakdownOf(derived, task.id).total(TimeUse::Held));
    }

    // The agent's tools: each its own sleep, the agent itself awaiting the model and then its
    // TaskGroup for 0.9 s (the slowest tool), nobody held.
    void agentLoopSaysWhatEachTaskAwaited() {
        const DerivedTrace derived(std::make_shared<const Trace>(runLesson("agent_loop")));
        const Trace& trace = derived.trace();
        sharesMakeUpEveryLifetime(derived);
        for (const TaskRecord& task : trace.tasks)
            QCOMPARE(breakdownOf(derived, task.id).total(TimeUse::Held), TimeNs(0));
        const TimeBreakdown search = breakdownOf(derived, taskNamed(trace, "web_search"));
        QVERIFY(near(search.total(TimeUse::Sleeping), 900 * ms));
        const TimeBreakdown agent = breakdownOf(derived, 0);
        QVERIFY(near(agent.total(TimeUse::Sleeping), 1800 * ms));  // the two llm() calls, in its own frames
        QVERIFY(near(agent.total(TimeUse::AwaitingTask), 900 * ms));
        const TimeShare* group = shareOf(agent, TimeUse::AwaitingTask);
        QCOMPARE(trace.sites[group->site].line, 41u);  // the `async with TaskGroup()` block waits at its end
    }

    // A trace from a wall-clock recorder: task 1 sleeps from 0 (due at 100 ms); task 2 blocks
    // the loop from 50 ms to 400 ms; task 1 resumes at 420 ms. Held from its due time to the
    // freeze's end, then queued until the loop got to it.
    void aTimerDueInsideAFreezeIsHeldFromItsDueTime() {
        Trace trace;
        trace.metadata.clock = "wall";
        const SiteId sleepSite = 1, blockSite = 2;
        trace.sites = {Site{}, Site{0, 0, 9, 0}, Site{0, 0, 14, 0}};
        trace.awaits = {AwaitInfo{sleepSite, WaitKind::Timer, trace.strings.intern("asyncio.sleep(0.1)"), kNoTask}};
        trace.blocks = {BlockInfo{blockSite, BlockKind::Sleep, trace.strings.intern("time.sleep(0.35)")}};
        for (TaskId id : {TaskId(0), TaskId(1)}) {
            TaskRecord task;
            task.id = id;
            task.number = id + 1;
            trace.tasks.push_back(task);
        }
        auto event = [&](TaskId task, TimeNs t, EventKind kind, std::uint8_t detail, std::uint32_t ref) {
            trace.tasks[task].events.push_back({t, kind, detail, 0, ref});
        };
        event(0, 0, EventKind::Ready, std::uint8_t(WaitKind::Start), kNoTask);
        event(0, 0, EventKind::Resume, 0, 0);
        event(0, 0, EventKind::Suspend, 0, 0);
        event(1, 50 * ms, EventKind::Ready, std::uint8_t(WaitKind::Start), kNoTask);
        event(1, 50 * ms, EventKind::Resume, 0, 0);
        event(1, 50 * ms, EventKind::BlockBegin, 0, 0);
        event(1, 400 * ms, EventKind::BlockEnd, 0, 0);
        event(1, 400 * ms, EventKind::Finish, 0, 0);
        event(0, 100 * ms, EventKind::Ready, std::uint8_t(WaitKind::Timer), kNoTask);
        event(0, 420 * ms, EventKind::Resume, 0, 0);
        event(0, 430 * ms, EventKind::Finish, 0, 0);
        const DerivedTrace derived(trace);
        QCOMPARE(derived.frozenStretches().size(), std::size_t(1));
        sharesMakeUpEveryLifetime(derived);
        const TimeBreakdown sleeper = breakdownOf(derived, 0);
        QCOMPARE(sleeper.total(TimeUse::Sleeping), 100 * ms);
        QCOMPARE(sleeper.total(TimeUse::Held), 300 * ms);  // due at 100 ms, the freeze ends at 400 ms
        QCOMPARE(sleeper.total(TimeUse::Queued), 20 * ms);
        QCOMPARE(sleeper.total(TimeUse::Running), 10 * ms);
        QCOMPARE(QString::fromStdString(describeTimeShare(trace, *shareOf(sleeper, TimeUse::Held))),
                 QString("0.3 s held by Task-2's time.sleep(0.35) at line 14"));
    }
};

QTEST_GUILESS_MAIN(TimeBreakdownTest)
#include "tst_time_breakdown.moc"
