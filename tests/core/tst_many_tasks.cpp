// Many tasks of one coroutine function: the groups the derived trace forms of them, what each
// group's band counts, and Find over names, coroutines, lines and printed text. The traces are
// run by the script interpreter, the way a learner's program would be.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/TraceSearch.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QtTest>

#include <algorithm>

using namespace awaitscope;

namespace {

constexpr TimeNs ms = 1'000'000;

// tests/bench/many_tasks.py (a TaskGroup of fetch() calls, one of which blocks the loop with
// time.sleep(0.2), every 50th printing) with `tasks` of them.
std::string program(int tasks) {
    QFile file(QStringLiteral(MANY_TASKS_SCRIPT));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", MANY_TASKS_SCRIPT);
    std::string source = file.readAll().toStdString();
    const std::size_t at = source.find("TASKS = 2000");
    source.replace(at, 12, "TASKS = " + std::to_string(tasks));
    return source;
}

// The line of the program that contains `text`.
std::string lineOf(const char* text) {
    const std::string source = program(1);
    const std::size_t at = source.find(text);
    return std::to_string(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1);
}

Trace run(int tasks) {
    ScriptRunOptions options;
    options.fileName = "crawler.py";
    ScriptRunResult result = runScript(program(tasks), options);
    if (!result.ok)
        qFatal("the program did not run: %s", result.error ? result.error->message.c_str() : "?");
    return std::move(result.trace);
}

QStringList hitWords(const DerivedTrace& derived, const std::vector<SearchHit>& hits, std::size_t first = 0, std::size_t count = 3) {
    QStringList words;
    for (std::size_t i = first; i < hits.size() && i < first + count; ++i)
        words << QStringLiteral("%1 %2").arg(QString::fromLatin1(toString(hits[i].kind)), QString::fromStdString(derived.taskName(hits[i].task)));
    return words;
}

} // namespace

class TestManyTasks : public QObject {
    Q_OBJECT
private slots:
    // A damaged or hostile file whose times spread over more than 2^61 ns: the group's counts
    // lose their lowest time bit but stay in time order and count the same tasks.
    void aGroupSpreadOverAges() {
        Trace trace = run(150);
        const DerivedTrace plain(trace);
        QCOMPARE(plain.groups().groups().size(), std::size_t{1});
        const TaskId last = plain.groups().groups()[0].tasks.back();
        trace.tasks[last].events.back().time = 4'000'000'000'000'000'000;
        const DerivedTrace wide(trace);
        const GroupActivity& activity = wide.groups().groups()[0].activity;
        QVERIFY(activity.points().size() > 10);
        for (std::size_t i = 1; i < activity.points().size(); ++i)
            QVERIFY(activity.points()[i - 1].time < activity.points()[i].time);
        QCOMPARE(activity.peakAlive(), plain.groups().groups()[0].activity.peakAlive());
        QVERIFY(std::abs(activity.points().back().time - 4'000'000'000'000'000'000) <= 1);  // its lowest bit
    }

    void siblingsOfOneCoroutineFormAGroupFromAHundredOn() {
        const Trace trace = run(150);
        const DerivedTrace derived(trace);
        const auto& groups = derived.groups().groups();
        QCOMPARE(groups.size(), std::size_t{1});
        const CoroutineGroup& group = groups[0];
        QCOMPARE(trace.str(group.name), std::string_view("fetch"));
        QCOMPARE(group.tasks.size(), std::size_t{150});
        QCOMPARE(derived.taskName(group.parent), std::string("Task-1"));
        QCOMPARE(group.done, 150u);
        QCOMPARE(group.failed + group.cancelled + group.unfinished, 0u);
        // heartbeat is alone of its kind: not in the group.
        for (TaskId task = 0; task < derived.taskCount(); ++task)
            QCOMPARE(derived.groups().groupOf(task) != kNoGroup, derived.coroutineName(task) == "fetch");
        // Tasks keep their sibling order.
        QVERIFY(std::is_sorted(group.tasks.begin(), group.tasks.end()));

        const Trace few = run(99);
        const DerivedTrace fewer(few);
        QVERIFY(fewer.groups().groups().empty());
    }

    void theGroupKnowsTheFreezeItsTaskCaused() {
        const Trace trace = run(150);
        const DerivedTrace derived(trace);
        const CoroutineGroup& group = derived.groups().groups()[0];
        QCOMPARE(derived.frozenStretches().size(), std::size_t{1});
        QCOMPARE(group.frozen, std::vector<std::uint32_t>({0}));
        const FrozenStretch& stretch = derived.frozenStretches()[0];
        QCOMPARE(derived.groups().groupOf(stretch.culprit), 0u);
        QVERIFY(std::abs(stretch.duration() - 200 * ms) < ms);  // time.sleep(0.2), and a statement or two
        // The frozen-loop diagnostic is about a task of the group.
        QCOMPARE(group.diagnostics.size(), std::size_t{1});
        QCOMPARE(derived.diagnostics()[group.diagnostics[0]].kind, DiagnosticKind::FrozenLoop);
    }

    void theBandCountsRunningReadyAndAwaitingTasks() {
        const Trace trace = run(150);
        const DerivedTrace derived(trace);
        const CoroutineGroup& group = derived.groups().groups()[0];
        const GroupActivity& activity = group.activity;
        // While the freeze holds the loop (from about 10 ms on), one fetch runs (blocks) and
        // the others, whose sleeps are over, wait for the loop: none runs, none is asleep.
        const FrozenStretch& stretch = derived.frozenStretches()[0];
        const ActivityPoint during = activity.at(stretch.begin + stretch.duration() / 2);
        QCOMPARE(during.running, 1u);
        QVERIFY2(during.ready > 100, qPrintable(QString::number(during.ready)));
        // Every fetch alive then (some finished before the freeze) is in one of the three.
        const TimeNs mid = stretch.begin + stretch.duration() / 2;
        const auto alive = std::count_if(group.tasks.begin(), group.tasks.end(), [&](TaskId task) {
            return derived.index().lane(task).begin <= mid && mid < derived.index().lane(task).end;
        });
        QCOMPARE(static_cast<long>(during.running + during.ready + during.awaiting), static_cast<long>(alive));
        QCOMPARE(during.awaiting, 0u);
        QCOMPARE(activity.peakAlive(), 150u);
        // The average over a stretch is the time-weighted count: over the freeze's second half
        // (when every other fetch is due), the same.
        const GroupActivity::Average average = activity.averageIn(stretch.begin + stretch.duration() / 2, stretch.end - ms);
        QCOMPARE(average.running, 1.0);
        QCOMPARE(average.ready, static_cast<double>(during.ready));
        // Before anything was created and after everything finished: nothing.
        QCOMPARE(activity.at(group.range.begin - 1).running + activity.at(group.range.begin - 1).awaiting, 0u);
        const ActivityPoint after = activity.at(group.range.end + 1);
        QCOMPARE(after.running + after.ready + after.awaiting, 0u);
        // Half a stretch of one state, half of nothing, averages to one half.
        const auto& points = activity.points();
        QVERIFY(points.size() > 2);
        const TimeNs last = points.back().time;
        const ActivityPoint before = activity.at(last - 1);
        const double aliveBefore = before.running + before.ready + before.awaiting;
        const GroupActivity::Average edge = activity.averageIn(last - 10, last + 10);
        QCOMPARE(edge.running + edge.ready + edge.awaiting, aliveBefore / 2);
    }

    void aSweepOfStretchesAveragesAsEachAlone() {
        const Trace trace = run(150);
        const DerivedTrace derived(trace);
        const GroupActivity& activity = derived.groups().groups()[0].activity;
        const TimeRange range = derived.groups().groups()[0].range;
        // Columns of widths from 1 ns to a fifth of the run, left to right, from before the
        // first point to after the last; then a jump back (a sweep restarted mid-row).
        for (const TimeNs width : {TimeNs{1}, TimeNs{997}, range.duration() / 1500, range.duration() / 5}) {
            GroupActivity::Sweep sweep(activity);
            int columns = 0;
            for (TimeNs t = range.begin - 3 * width; t < range.end + 3 * width && columns < 4000; t += width, ++columns) {
                const GroupActivity::Average swept = sweep.averageIn(t, t + width);
                const GroupActivity::Average alone = activity.averageIn(t, t + width);
                QCOMPARE(swept.running, alone.running);
                QCOMPARE(swept.ready, alone.ready);
                QCOMPARE(swept.awaiting, alone.awaiting);
            }
            QVERIFY(columns > 5);
            const TimeNs middle = range.begin + range.duration() / 2;
            QCOMPARE(sweep.averageIn(middle, middle + width).ready, activity.averageIn(middle, middle + width).ready);
        }
    }

    void findLooksAtNamesCoroutinesAndPrintedText() {
        const Trace trace = run(150);
        const DerivedTrace derived(trace);
        // A coroutine's name finds every task that runs it, in the order they were created.
        // The line main() prints at the end ("fetched 150") is a hit as well, the last one.
        const std::vector<SearchHit> fetches = searchTrace(derived, "FETCH");
        QCOMPARE(fetches.size(), std::size_t{151});
        QCOMPARE(std::count_if(fetches.begin(), fetches.end(), [](const SearchHit& h) { return h.kind == SearchHitKind::Coroutine; }), std::ptrdiff_t{150});
        QCOMPARE(fetches.back().kind, SearchHitKind::Output);
        QCOMPARE(derived.trace().str(derived.trace().output[fetches.back().index].text), std::string_view("fetched 150"));
        QCOMPARE(hitWords(derived, fetches), QStringList({"coroutine Task-3", "coroutine Task-4", "coroutine Task-5"}));
        QVERIFY(std::is_sorted(fetches.begin(), fetches.end(), [](const SearchHit& a, const SearchHit& b) { return a.time < b.time; }));
        // A task's name.
        const std::vector<SearchHit> named = searchTrace(derived, "task-2");
        QVERIFY(!named.empty());
        QCOMPARE(hitWords(derived, named, 0, 1), QStringList({"task Task-2"}));
        // Printed text: "parsed 0", "parsed 50", "parsed 100".
        const std::vector<SearchHit> printed = searchTrace(derived, "parsed");
        QCOMPARE(printed.size(), std::size_t{3});
        for (const SearchHit& hit : printed) {
            QCOMPARE(hit.kind, SearchHitKind::Output);
            QCOMPARE(derived.trace().output[hit.index].task, hit.task);
        }
        QVERIFY(searchTrace(derived, "no such thing").empty());
        QVERIFY(searchTrace(derived, "   ").empty());
    }

    void findGoesToEveryTaskAtALine() {
        const Trace trace = run(150);
        const DerivedTrace derived(trace);
        // time.sleep(0.2), the one blocking call of fetch 7.
        const std::vector<SearchHit> blocking = searchTrace(derived, "line " + lineOf("time.sleep(0.2)"));
        QCOMPARE(blocking.size(), std::size_t{1});
        QCOMPARE(blocking[0].kind, SearchHitKind::Line);
        QCOMPARE(derived.frozenStretches()[0].culprit, blocking[0].task);
        // The await of every fetch; the file may be named.
        const std::string await = lineOf("await asyncio.sleep(0.01");
        QCOMPARE(searchTrace(derived, await).size(), std::size_t{150});
        QCOMPARE(searchTrace(derived, "crawler.py:" + await).size(), std::size_t{150});
        QVERIFY(searchTrace(derived, "other.py:" + await).empty());
        // The print: the lines printed there.
        const std::vector<SearchHit> prints = searchTrace(derived, std::string(":").append(lineOf("print(\"parsed\"")));
        QCOMPARE(prints.size(), std::size_t{3});
        QCOMPARE(prints[0].kind, SearchHitKind::Output);
    }
};

QTEST_APPLESS_MAIN(TestManyTasks)
#include "tst_many_tasks.moc"
