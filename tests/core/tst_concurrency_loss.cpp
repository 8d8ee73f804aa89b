// Concurrency lost: tasks started together that did their waiting one after another, found on
// the lessons and on small programs run by the interpreter (virtual clock: exact times).
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/script/ScriptRunner.h>
#include <awaitscope/script/Scenarios.h>

#include <QtTest>

using namespace awaitscope;

namespace {

constexpr TimeNs ms = 1'000'000;

std::shared_ptr<const Trace> run(std::string_view source, const std::string& name) {
    ScriptRunOptions options;
    options.fileName = name;
    ScriptRunResult ran = runScript(source, options);
    if (!ran.ok)
        qFatal("%s failed: %s", name.c_str(), ran.stderrText.c_str());
    return std::make_shared<const Trace>(std::move(ran.trace));
}

std::shared_ptr<const Trace> runLesson(const char* name) {
    const Scenario* scenario = findScenario(name);
    if (!scenario)
        qFatal("no lesson %s", name);
    return run(scenario->source, std::string(name) + ".py");
}

std::vector<const Diagnostic*> lost(const DerivedTrace& derived) {
    std::vector<const Diagnostic*> found;
    for (const Diagnostic& d : derived.diagnostics())
        if (d.kind == DiagnosticKind::ConcurrencyLost)
            found.push_back(&d);
    return found;
}

// Four workers started together, each holding one shared resource for 0.3 s of awaiting.
std::string workers(const std::string& guard) {
    return "import asyncio\n"
           "\n"
           "async def work(guard, n):\n"
           "    async with guard:\n"
           "        await asyncio.sleep(0.3)\n"
           "\n"
           "async def main():\n"
           "    guard = " + guard + "\n"
           "    async with asyncio.TaskGroup() as group:\n"
           "        for n in range(4):\n"
           "            group.create_task(work(guard, n))\n"
           "\n"
           "asyncio.run(main())\n";
}

} // namespace

class ConcurrencyLossTest : public QObject {
    Q_OBJECT

private slots:
    // Three fetches in a TaskGroup, each blocking the loop 0.6 s: they ran one at a time, which
    // the blocking call explains; overlapped they would have taken 0.6 s, not 1.8 s.
    void blockingCallsInATaskGroupRunOneAtATime() {
        const DerivedTrace derived(runLesson("blocking_http_call"));
        const Trace& trace = derived.trace();
        QCOMPARE(derived.analysis().concurrencyLoss.size(), std::size_t(1));
        const ConcurrencyLoss& loss = derived.analysis().concurrencyLoss.front();
        QCOMPARE(loss.tasks.size(), std::size_t(3));
        QCOMPARE(loss.peakInFlight, 1u);
        QVERIFY(loss.scope < trace.scopes.size());
        QVERIFY(loss.overlapped >= 600 * ms && loss.overlapped < 601 * ms);
        QVERIFY(loss.end - loss.begin >= 1800 * ms && loss.end - loss.begin < 1801 * ms);
        QVERIFY(loss.block < trace.blocks.size());
        QCOMPARE(trace.sites[loss.site].line, 20u);  // time.sleep(0.6) inside blocking_http_get
        const std::vector<const Diagnostic*> found = lost(derived);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(found.front()->summary),
                 QString::fromStdString("3 fetch() tasks started together at " + formatMoment(loss.started) +
                                        " ran one at a time: fetch held the loop with time.sleep at blocking_http_call.py:20; "
                                        "overlapped, they would have taken 600 ms, not 1.8 s"));
        QVERIFY(QString::fromStdString(found.front()->advice).contains("asyncio.to_thread"));
    }

    // The same calls moved to threads overlap: no finding. Neither has any lesson whose tasks
    // run side by side.
    void tasksThatOverlapLoseNothing_data() {
        QTest::addColumn<QString>("lesson");
        for (const char* name : {"to_thread_fix", "taskgroup_concurrency", "agent_loop", "gather_results", "blocking_sleep",
                                 "semaphore_llm_limit", "producer_consumer_queue", "streaming_llm_reply"})
            QTest::newRow(name) << QString(name);
    }
    void tasksThatOverlapLoseNothing() {
        QFETCH(QString, lesson);
        const DerivedTrace derived(runLesson(lesson.toUtf8().constData()));
        const auto found = lost(derived);
        QVERIFY2(found.empty(), found.empty() ? "" : found.front()->summary.c_str());
    }

    // A lock held around the waiting serialises the workers: the await on the lock is named.
    // A semaphore of two lets two overlap: half the time, no finding.
    void aLockAroundTheWaitingIsNamed() {
        const DerivedTrace locked(run(workers("asyncio.Lock()"), "locked.py"));
        const auto found = lost(locked);
        QCOMPARE(found.size(), std::size_t(1));
        const ConcurrencyLoss& loss = locked.analysis().concurrencyLoss.front();
        QVERIFY(loss.byAwait);
        QCOMPARE(locked.trace().awaits[loss.await].kind, WaitKind::Lock);
        QCOMPARE(loss.peakInFlight, 1u);
        QVERIFY2(QString::fromStdString(found.front()->summary).startsWith("4 work() tasks started together at "),
                 found.front()->summary.c_str());
        QVERIFY2(QString::fromStdString(found.front()->summary).contains(" ran one at a time: each waited for "),
                 found.front()->summary.c_str());
        QVERIFY2(QString::fromStdString(found.front()->summary).endsWith("overlapped, they would have taken 300 ms, not 1.2 s"),
                 found.front()->summary.c_str());

        const DerivedTrace halved(run(workers("asyncio.Semaphore(2)"), "halved.py"));
        QVERIFY(lost(halved).empty());
        const DerivedTrace free(run(workers("asyncio.Semaphore(4)"), "free.py"));
        QVERIFY(lost(free).empty());
    }
};

QTEST_GUILESS_MAIN(ConcurrencyLossTest)
#include "tst_concurrency_loss.moc"
