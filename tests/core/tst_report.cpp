// The command-line report and conversion, called as functions over streams.
#include "RecordedTraces.h"

#include <awaitscope/cli/ConvertCommand.h>
#include <awaitscope/cli/ReportCommand.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <QtTest>

#include <sstream>

using namespace awaitscope;

namespace {

QStringList reportLines(const Trace& trace, int* exitCode = nullptr, const ReportOptions& options = {}) {
    std::ostringstream out;
    const int code = writeReport(trace, "run.json", out, options);
    if (exitCode)
        *exitCode = code;
    return QString::fromStdString(out.str()).split('\n');
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT
private slots:
    void cleanTraceReportsItsFiguresAndExitsZero() {
        int code = -1;
        const QStringList lines = reportLines(recorded::gatherThreeCalls(), &code);
        QCOMPARE(code, kExitClean);
        QCOMPARE(lines, QStringList({
                            "Awaitscope report: run.json",
                            "  title: gather three calls",
                            "  clock: virtual, recorded by awaitscope tests, frozen-loop threshold 100 ms",
                            "",
                            "Key figures",
                            "  elapsed         3 s",
                            "  tasks           4 (at most 4 alive at once, first at 0 ns)",
                            "  events          32",
                            "  loop busy       0 ns (0.0%)",
                            "  loop idle       3 s (100.0%)",
                            "  speed-up        2.00x (the same work one piece after another: 6 s)",
                            "  critical path   3 s: running 0 ns, awaiting 3 s, waiting for the loop 0 ns",
                            "  ready queue     at most 3 tasks, first at 0 ns",
                            "  pending timers  at most 3, first at 0 ns",
                            "",
                            "Critical path",
                            "  The run took 3 s; the chain of work and waiting that set it (3 s) runs through Task-4 (call).",
                            "  Its longest link is Task-4 (call)'s await asyncio.sleep at line 61 (3 s): each second taken off it takes up to a second off the run, until another chain is the longest.",
                            "",
                            "Diagnostics (0)",
                            "  none",
                            "",
                            "Tasks (busiest first)",
                            "  task                            running     awaiting    ready       outcome",
                            "  Task-1 (gatherMain)             0 ns        3 s         0 ns        done",
                            "  Task-2 (call)                   0 ns        1 s         0 ns        done",
                            "  Task-3 (call)                   0 ns        2 s         0 ns        done",
                            "  Task-4 (call)                   0 ns        3 s         0 ns        done",
                            "",
                            "Result: clean (exit code 0)",
                            "",
                        }));
    }

    void frozenLoopIsReportedWithItsVictimAndExitsThree() {
        int code = -1;
        const QStringList lines = reportLines(recorded::blockingFreezesLoop(), &code);
        QCOMPARE(code, kExitFindings);
        QVERIFY(lines.contains("  loop busy       1.5 s (55.6%)"));
        QVERIFY(lines.contains("  loop idle       1.2 s (44.4%)"));
        QVERIFY(lines.contains("  speed-up        1.19x (the same work one piece after another: 3.2 s)"));
        QVERIFY(lines.contains("  critical path   2.7 s: running 0 ns, awaiting 1.5 s, waiting for the loop 1.2 s"));
        const int at = int(lines.indexOf("Diagnostics (1)"));
        QVERIFY(at > 0);
        QVERIFY2(lines[at + 1].startsWith("  [frozen loop] at 200 ms: loop frozen for 1.5 s by Task-3 (blocker): time.sleep at "),
                 qPrintable(lines[at + 1]));
        QCOMPARE(lines[at + 2], QString("      Task-2 (heartbeat) ran 1.2 s late (its timer fell due at 500 ms)"));
        QVERIFY(lines[at + 3].startsWith("      fix: time.sleep blocks the loop"));
        QCOMPARE(lines[lines.size() - 2], QString("Result: the loop froze 1 time (exit code 3)"));
        // Who the freeze held, and where the rest of its time went.
        const int held = int(lines.indexOf("Held longest by a frozen loop (1 task)"));
        QVERIFY(held > 0);
        QVERIFY2(lines[held + 1].startsWith("  Task-2 (heartbeat) took ") &&
                     lines[held + 1].contains("1.2 s held by Task-3 (blocker)'s time.sleep at line "),
                 qPrintable(lines[held + 1]));
        // The critical path's longest link is that wait, named by the freeze.
        const int path = int(lines.indexOf("Critical path"));
        QVERIFY(path > 0);
        QVERIFY2(lines[path + 2].startsWith("  Its longest link is Task-2 (heartbeat) waiting for the loop, frozen by Task-3 (blocker)'s time.sleep at line "),
                 qPrintable(lines[path + 2]));
    }

    void aRunThatRaisedIsNotCleanAndSaysWhatItRaised() {
        int code = -1;
        Trace trace = recorded::gatherThreeCalls();
        trace.scriptErrors.push_back({3'000'000'000, 0, kUnknownSite,
                                      trace.strings.intern("Traceback (most recent call last):\n  File \"agent.py\", "
                                                           "line 7, in main\nValueError: bad input\n")});
        QStringList lines = reportLines(trace, &code);
        QCOMPARE(code, kExitFindings);
        QCOMPARE(lines[lines.size() - 2], QString("Result: the script raised ValueError: bad input (exit code 3)"));
        // With another finding, both are named.
        trace.neverAwaited.push_back({1'000'000'000, 1'000'000'000, 1, trace.strings.intern("call"), kUnknownSite});
        lines = reportLines(trace, &code);
        QCOMPARE(lines[lines.size() - 2],
                 QString("Result: 1 coroutine was never awaited, and the script raised ValueError: bad input (exit code 3)"));
    }

    void raisingTheThresholdClearsTheFinding() {
        int code = -1;
        ReportOptions options;
        options.frozenThreshold = 2'000'000'000;
        const QStringList lines = reportLines(recorded::blockingFreezesLoop(), &code, options);
        QCOMPARE(code, kExitClean);
        QVERIFY(lines.contains("  clock: virtual, recorded by awaitscope tests, frozen-loop threshold 2 s"));
    }

    void neverAwaitedCoroutineExitsThreeButOtherWarningsDoNot() {
        int code = -1;
        const QStringList lines = reportLines(recorded::threeWarnings(), &code);
        QCOMPARE(code, kExitFindings);
        QCOMPARE(lines[lines.size() - 2], QString("Result: 1 coroutine was never awaited (exit code 3)"));
        Trace onlyWarnings = recorded::threeWarnings();
        onlyWarnings.neverAwaited.clear();
        const QStringList rest = reportLines(onlyWarnings, &code);
        QCOMPARE(code, kExitClean);
        QVERIFY(rest.contains("Diagnostics (2)"));
    }

    void longTaskListsShowTheBusiestFirst() {
        Trace trace = recorded::gatherThreeCalls();
        ReportOptions options;
        options.maxTaskRows = 2;
        const QStringList lines = reportLines(trace, nullptr, options);
        QVERIFY(lines.contains("  ... and 2 more"));
    }

    void manyDiagnosticsAreCountedBeyondTheLimit() {
        ReportOptions options;
        options.maxDiagnostics = 1;
        const QStringList lines = reportLines(recorded::threeWarnings(), nullptr, options);
        QVERIFY(lines.contains("Diagnostics (3)"));
        QVERIFY2(lines.contains("  ... and 2 more: 1 exception never retrieved, 1 pending at exit"), qPrintable(lines.join('\n')));
    }

    // Written by tools/awaitscope_record.py running runtime_cases/blocking_freezes_loop.py under CPython.
    void reportOfARealCPythonTraceFindsTheFrozenLoop() {
        std::ostringstream out;
        std::ostringstream err;
        QCOMPARE(runReportCommand(TEST_DATA_DIR "/native/cpython_blocking_freezes_loop.json", out, err), kExitFindings);
        QVERIFY(err.str().empty());
        const QStringList lines = QString::fromStdString(out.str()).split('\n');
        QVERIFY(lines.contains("  clock: wall, recorded by awaitscope_record.py (CPython 3.11.7), frozen-loop threshold 100 ms"));
        QVERIFY(lines.contains("  [frozen loop] at 203 ms: loop frozen for 1.5 s by Task-3 (blocker): time.sleep at "
                               "tests/core/runtime_cases/blocking_freezes_loop.py:15"));
        QVERIFY(lines.contains("      Task-2 (heartbeat) ran 1.2 s late (its timer fell due at 503 ms)"));
    }

    // A browser's trace has threads and slices, not an event loop: no loop figures, no speed-up
    // ("0.00x" said nothing), no critical path, and lanes named in full.
    void reportOfABrowserTraceUsesNeutralWords() {
        std::ostringstream out;
        std::ostringstream err;
        QCOMPARE(runReportCommand(TEST_DATA_DIR "/chrome/Chrome_65_simple-timeline.json", out, err), kExitClean);
        const QString text = QString::fromStdString(out.str());
        const QStringList lines = text.split('\n');
        QVERIFY2(lines.contains("  clock: wall, recorded by Chrome Trace Event JSON"), qPrintable(text));
        QVERIFY(lines.contains("  lanes           83 (threads and async slices)"));
        QVERIFY(lines.contains("Lanes (busiest first)"));
        QVERIFY(lines.contains("  Renderer / CrRendererMain [thread]              69.9 ms     482 ms"));
        for (const char* word : {"speed-up", "loop busy", "loop idle", "critical path", "Critical path", "ready queue",
                                 "pending timers", "awaiting", "frozen-loop threshold", "Tasks (busiest first)"})
            QVERIFY2(!text.contains(word), word);
    }

    void reportOfAMissingFileFailsWithExitOne() {
        std::ostringstream out;
        std::ostringstream err;
        QCOMPARE(runReportCommand("/nonexistent/run.json", out, err), kExitError);
        QCOMPARE(QString::fromStdString(err.str()),
                 QString("awaitscope: /nonexistent/run.json: cannot open: No such file or directory\n"));
        QVERIFY(out.str().empty());
    }

    void reportReadsAnyFormatAndPrintsImportWarnings() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("c.json").toStdString();
        {
            QFile file(QString::fromStdString(path));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[{\"ph\":\"C\",\"ts\":1,\"pid\":1,\"tid\":1},{\"ph\":\"X\",\"ts\":0,\"dur\":5,\"pid\":1,\"tid\":1,\"name\":\"w\"}");
        }
        std::ostringstream out;
        std::ostringstream err;
        QCOMPARE(runReportCommand(path, out, err), kExitClean);
        QCOMPARE(QString::fromStdString(err.str()),
                 QString("awaitscope: warning: 1 counter events (C) could not be mapped and were skipped (the first is "
                         "traceEvents[0])\n"));
        QVERIFY(out.str().find("  elapsed         5 µs\n") != std::string::npos);
    }

    void convertGoesThroughEveryFormatAndBack() {
        QTemporaryDir dir;
        const std::string native = dir.filePath("a.json").toStdString();
        const std::string gzip = dir.filePath("b.json.gz").toStdString();
        const std::string back = dir.filePath("c.json").toStdString();
        const std::string chrome = dir.filePath("d.chrome.json").toStdString();
        const Trace original = recorded::blockingFreezesLoop();
        QVERIFY(saveTraceFile(original, native).ok);
        std::ostringstream out;
        std::ostringstream err;
        QCOMPARE(runConvertCommand(native, gzip, out, err), kExitClean);
        QCOMPARE(runConvertCommand(gzip, back, out, err), kExitClean);
        QCOMPARE(runConvertCommand(back, chrome, out, err), kExitClean);
        QVERIFY(err.str().empty());
        QCOMPARE(QString::fromStdString(out.str()).split('\n').first(),
                 QString::fromStdString("converted " + native + " (3 tasks, 32 events) to " + gzip +
                                        " (native JSON, gzip-compressed)"));
        const LoadResult nativeBack = loadTraceFile(back);
        QVERIFY(nativeBack.ok);
        QCOMPARE(nativeTraceJson(nativeBack.trace), nativeTraceJson(original));
        const LoadResult chromeBack = loadTraceFile(chrome);
        QVERIFY2(chromeBack.ok, chromeBack.error.c_str());
        QCOMPARE(nativeTraceJson(chromeBack.trace), nativeTraceJson(original));  // nothing lost on the way
    }

    void convertOfABrokenFileWritesNothing() {
        QTemporaryDir dir;
        const QString input = dir.filePath("broken.json");
        {
            QFile file(input);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[");
        }
        std::ostringstream out;
        std::ostringstream err;
        QCOMPARE(runConvertCommand(input.toStdString(), dir.filePath("out.json").toStdString(), out, err), kExitError);
        QCOMPARE(QString::fromStdString(err.str()),
                 "awaitscope: " + input +
                     ": byte 50 (line 1, column 51): syntax error while parsing value - unexpected end of input; "
                     "expected '[', '{', or a literal (in tasks)\n");
        QVERIFY(!QFile::exists(dir.filePath("out.json")));
    }
};

QTEST_APPLESS_MAIN(TestReport)
#include "tst_report.moc"
