// What changed between two runs: the built-in lessons and edited copies of them, run on the
// interpreter, diffed as analysis (RunDiff) and as the `--diff` report (DiffCommand).
#include <awaitscope/analysis/RunDiff.h>
#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/cli/DiffCommand.h>
#include <awaitscope/cli/TerminalText.h>
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>
#include <awaitscope/script/ScriptTarget.h>

#include <QtTest>

#include <memory>
#include <sstream>

using namespace awaitscope;

namespace {

std::string lessonSource(const char* name) {
    const Scenario* scenario = findScenario(name);
    return scenario ? scenario->source : std::string();
}

std::shared_ptr<const Trace> run(const std::string& source) {
    ScriptRunOptions options;
    options.fileName = "lesson.py";
    ScriptRunResult result = runScript(source, options);
    return std::make_shared<const Trace>(std::move(result.trace));
}

// The source with `from` replaced once; fails the test when `from` is not there.
std::string edited(std::string source, const std::string& from, const std::string& to) {
    const std::size_t at = source.find(from);
    if (at == std::string::npos)
        return {};
    return source.replace(at, from.size(), to);
}

struct Diffed {
    std::unique_ptr<DerivedTrace> a;
    std::unique_ptr<DerivedTrace> b;
    RunDiff diff;
    std::string report;
    int exitCode = -1;
};

Diffed diffSources(const std::string& sourceA, const std::string& sourceB) {
    Diffed d;
    d.a = std::make_unique<DerivedTrace>(run(sourceA));
    d.b = std::make_unique<DerivedTrace>(run(sourceB));
    d.diff = diffRuns(*d.a, *d.b);
    std::ostringstream out;
    d.exitCode = writeDiff(*d.a, *d.b, "a.py", "b.py", out);
    d.report = out.str();
    return d;
}

// As the app runs a side that is no trace file.
std::optional<Trace> runSide(const std::string& target, std::ostream& err) {
    ScriptTargetRun run = runScriptTarget(target);
    if (!run.ran) {
        err << "awaitscope: " << terminalSafe(run.message) << "\n";
        return std::nullopt;
    }
    return std::move(run.result.trace);
}

QString label(const DerivedTrace& run, TaskId task) {
    return QString::fromStdString(task == kNoTask ? std::string("(none)") : taskLabel(run.trace(), task));
}

} // namespace

class TestRunDiff : public QObject {
    Q_OBJECT
private slots:
    void aLessonAgainstItselfTellsTheSameStory() {
        const Diffed d = diffSources(lessonSource("blocking_sleep"), lessonSource("blocking_sleep"));
        QVERIFY(d.diff.sameStory());
        QCOMPARE(d.diff.matches.size(), d.a->taskCount());
        QVERIFY(d.diff.onlyInA.empty() && d.diff.onlyInB.empty());
        QVERIFY(!d.diff.divergence.found);
        QVERIFY(d.diff.timing.empty());
        QVERIFY(d.diff.freezes.empty());
        QCOMPARE(d.diff.headline, std::string("A and B tell the same story"));
        QCOMPARE(d.exitCode, kExitClean);
        QVERIFY2(d.report.find("Result: the same story (exit code 0)") != std::string::npos, d.report.c_str());
    }

    void concurrentAgainstSequentialDivergesAtTheSecondStep() {
        const Diffed d = diffSources(lessonSource("taskgroup_concurrency"), lessonSource("sequential_awaits"));
        QCOMPARE(d.exitCode, kExitRunsDiffer);
        // main matches (its asyncio.run line moved); the three call_tool tasks ran only in A.
        QCOMPARE(d.diff.matches.size(), std::size_t{1});
        QCOMPARE(label(*d.a, d.diff.matches[0].a), QString("Task-1 (main)"));
        QVERIFY(!d.diff.matches[0].sameLine);
        QCOMPARE(d.diff.onlyInA.size(), std::size_t{3});
        QVERIFY(d.diff.onlyInB.empty());
        // Both runs start main; then A runs its first call_tool task, B resumes main after the sleep.
        const Divergence& divergence = d.diff.divergence;
        QVERIFY(divergence.found);
        QCOMPARE(divergence.step, std::size_t{1});
        QCOMPARE(label(*d.a, divergence.a.task), QString("weather (call_tool)"));
        QVERIFY(divergence.a.start);
        QCOMPARE(label(*d.b, divergence.b.task), QString("Task-1 (main)"));
        QVERIFY(!divergence.b.start);
        QCOMPARE(d.b->trace().sites[divergence.b.after].line, 18u);
        QCOMPARE(plainDuration(divergence.b.time), std::string("0.8 s"));
        QCOMPARE(describeDivergence(*d.a, *d.b, divergence),
                 std::string("The runs diverge at 0 s (step 2): in A weather (call_tool) started first (at 0 s), in B Task-1 (main) "
                             "resumed first after its await at line 18 (at 0.8 s)."));
        QCOMPARE(d.diff.headline, std::string("B made Task-1 (main) end 1.2 s later, without 3 tasks that A ran"));
    }

    void aBlockingSleepInPlaceOfAnAwaitIsTheNewFreezeTheHeadlineNames() {
        const std::string before = lessonSource("taskgroup_concurrency");
        const std::string after = edited(before, "await asyncio.sleep(seconds)", "time.sleep(seconds)");
        QVERIFY(!after.empty());
        const Diffed d = diffSources(before, after);
        QCOMPARE(d.exitCode, kExitRunsDiffer);
        QCOMPARE(d.diff.matches.size(), std::size_t{4});
        QVERIFY(d.diff.onlyInA.empty() && d.diff.onlyInB.empty());
        // Each call now freezes the loop at line 19, for its own time: three freezes new in B.
        QCOMPARE(d.diff.freezes.size(), std::size_t{3});
        std::vector<std::string> durations;
        for (const FreezeChange& change : d.diff.freezes) {
            QVERIFY(change.added());
            const FrozenStretch& stretch = d.b->frozenStretches()[change.inB];
            QCOMPARE(d.b->trace().sites[stretch.site].line, 19u);
            durations.push_back(plainDuration(stretch.duration()));
        }
        QCOMPARE(durations, (std::vector<std::string>{"0.8 s", "0.5 s", "0.7 s"}));
        // stocks waited for weather's and news' freezes: it starts 1.3 s later, the biggest move.
        QCOMPARE(d.diff.headline, std::string("B made stocks (call_tool) start 1.3 s later: line 19 now blocks the loop"));
        QVERIFY2(d.report.find("B made stocks (call_tool) start 1.3 s later: line 19 now blocks the loop.\n") !=
                     std::string::npos,
                 d.report.c_str());
        QVERIFY2(d.report.find("  new in B: weather (call_tool)'s time.sleep at line 19 freezes the loop for 0.8 s at 0 s\n") !=
                     std::string::npos,
                 d.report.c_str());
    }

    // A window names the runs by where they stand or by the learner's change; the command
    // line's "A" and "B" stay the default.
    void theSentencesNameTheRunsAsAsked() {
        const std::string before = lessonSource("taskgroup_concurrency");
        const Diffed d = diffSources(before, edited(before, "await asyncio.sleep(seconds)", "time.sleep(seconds)"));
        const RunNames change{"the run before", "your change", "in the run before", "with your change"};
        QCOMPARE(describeHeadline(*d.a, *d.b, d.diff, {}), d.diff.headline);
        QCOMPARE(describeHeadline(*d.a, *d.b, d.diff, change),
                 std::string("your change made stocks (call_tool) start 1.3 s later: line 19 now blocks the loop"));
        QCOMPARE(describeFreezeChange(*d.a, *d.b, d.diff.freezes.front(), change),
                 std::string("new with your change: weather (call_tool)'s time.sleep at line 19 freezes the loop for 0.8 s at 0 s"));
        const Diffed same = diffSources(before, before);
        QCOMPARE(describeHeadline(*same.a, *same.b, same.diff, {"the run above", "the run below", "in the run above", "in the run below"}),
                 std::string("the run above and the run below tell the same story"));
    }

    void longListsAreCutAndCounted() {
        const std::string before = lessonSource("taskgroup_concurrency");
        const std::string after = edited(before, "await asyncio.sleep(seconds)", "time.sleep(seconds)");
        auto a = std::make_unique<DerivedTrace>(run(before));
        auto b = std::make_unique<DerivedTrace>(run(after));
        DiffOptions options;
        options.maxRows = 2;
        std::ostringstream out;
        QCOMPARE(writeDiff(*a, *b, "a.py", "b.py", out, options), kExitRunsDiffer);
        const QStringList lines = QString::fromStdString(out.str()).split('\n');
        const int freezes = int(lines.indexOf("Frozen loops (100 ms or longer)"));
        QVERIFY2(freezes > 0, out.str().c_str());
        QVERIFY(lines[freezes + 1].startsWith("  new in B: weather (call_tool)"));
        QVERIFY(lines[freezes + 2].startsWith("  new in B: news (call_tool)"));
        QCOMPARE(lines[freezes + 3], QString("  ... and 1 more"));
    }

    void aTaskOnlyOneRunCreatesIsListedAndMatchesTheRest() {
        const std::string before = lessonSource("taskgroup_concurrency");
        const std::string after =
            edited(before, "        print(\"all three started",
                   "        group.create_task(call_tool(\"maps\", 0.3))\n        print(\"all three started");
        QVERIFY(!after.empty());
        const Diffed d = diffSources(before, after);
        QCOMPARE(d.exitCode, kExitRunsDiffer);
        QCOMPARE(d.diff.matches.size(), std::size_t{4});
        QVERIFY(d.diff.onlyInA.empty());
        QCOMPARE(d.diff.onlyInB.size(), std::size_t{1});
        QCOMPARE(label(*d.b, d.diff.onlyInB[0]), QString("Task-5 (call_tool)"));
        QCOMPARE(d.b->trace().sites[d.b->trace().tasks[d.diff.onlyInB[0]].createdAt].line, 30u);
        QVERIFY2(d.report.find("  only in B: Task-5 (call_tool)\n") != std::string::npos, d.report.c_str());
        // The new task is the first step that differs: it starts where A resumed weather.
        QVERIFY(d.diff.divergence.found);
        QCOMPARE(label(*d.b, d.diff.divergence.b.task), QString("Task-5 (call_tool)"));
    }

    void aTraceFileAndTheLessonItRecordedTellTheSameStory_data() {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("native JSON") << "blocking.json";
        QTest::newRow("Chrome JSON") << "blocking.chrome.json";
    }
    void aTraceFileAndTheLessonItRecordedTellTheSameStory() {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        const std::string path = dir.filePath(fileName).toStdString();
        const auto trace = run(findScenario("blocking_sleep")->source);
        QVERIFY(saveTraceFile(*trace, path).ok);
        std::ostringstream out, err;
        const int code = runDiffCommand(path, "blocking_sleep", out, err, runSide);
        QVERIFY2(code == kExitClean, (out.str() + err.str()).c_str());
        QCOMPARE(err.str(), std::string());
    }

    void namesFromATraceReachTheTerminalEscapedAndAnEmptyRunIsNoCrash() {
        QTemporaryDir dir;
        const QString evil = dir.filePath("evil.json");
        const QString empty = dir.filePath("empty.json");
        QFile file(evil);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // One task named with an escape sequence that would clear the screen, freezing the loop 250 ms.
        file.write("{\"format\":\"awaitscope-trace\",\"version\":1,\"strings\":[\"\",\"evil\\u001b[2J\"],\"tasks\":[{\"id\":0,"
                   "\"name\":1,\"events\":[[0,\"ready\",\"start\"],[0,\"resume\"],[250000000,\"finish\",\"done\"]]}]}");
        file.close();
        QFile none(empty);
        QVERIFY(none.open(QIODevice::WriteOnly));
        none.write("{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[]}");
        none.close();
        std::ostringstream out, err;
        QCOMPARE(runDiffCommand(empty.toStdString(), evil.toStdString(), out, err, runSide), kExitRunsDiffer);
        QVERIFY2(out.str().find('\x1b') == std::string::npos, out.str().c_str());
        QVERIFY2(out.str().find("B runs 1 task that A did not: evil\\x1B[2J.\n") != std::string::npos, out.str().c_str());
        QVERIFY2(out.str().find("  new in B: evil\\x1B[2J freezes the loop for 0.25 s at 0 s\n") != std::string::npos,
                 out.str().c_str());
        std::ostringstream same, sameErr;
        QCOMPARE(runDiffCommand(empty.toStdString(), empty.toStdString(), same, sameErr, runSide), kExitClean);
    }

    void aBrokenSideIsALocatedError() {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"awaitscope-trace\", \"version\": 1, \"tasks\": 7}");
        file.close();
        std::ostringstream out, err;
        QCOMPARE(runDiffCommand(path.toStdString(), "blocking_sleep", out, err, runSide), kExitError);
        QVERIFY2(err.str().find(path.toStdString()) != std::string::npos, err.str().c_str());
        QCOMPARE(out.str(), std::string());

        const QString script = dir.filePath("bad.py");
        QFile bad(script);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("import asyncio\n\nasync def main(:\n    pass\n");
        bad.close();
        std::ostringstream out2, err2;
        QCOMPARE(runDiffCommand("blocking_sleep", script.toStdString(), out2, err2, runSide), kExitError);
        QVERIFY2(err2.str().rfind("awaitscope: " + script.toStdString() + ":3:", 0) == 0, err2.str().c_str());
    }
};

QTEST_APPLESS_MAIN(TestRunDiff)
#include "tst_run_diff.moc"
