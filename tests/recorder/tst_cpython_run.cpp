// core's CPython runner (awaitscope/cpython/CPythonRun.h), as the window will use it from a
// worker thread: the program's output streams through callbacks in order, Cancel ends the
// process and keeps the trace so far, budgets stop programs that never end, and a missing
// python3 or recorder is said plainly.
#include <awaitscope/cpython/CPythonRun.h>

#include <QtTest>

#include <atomic>
#include <csignal>
#include <thread>
#include <vector>

using namespace awaitscope;

namespace {

QString write(QTemporaryDir& dir, const QString& name, const QByteArray& source) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(source);
    return file.fileName();
}

CPythonRunOptions optionsFor(const QString& script) {
    CPythonRunOptions options;
    options.python = PYTHON3;
    options.recorder = RECORDER;
    options.script = script.toStdString();
    return options;
}

// What the program printed (stdout): stderr's words name files as each run saw them.
QStringList printed(const Trace& trace) {
    QStringList lines;
    for (const OutputLine& line : trace.output)
        if (line.stream == OutputStream::Stdout)
            lines << QString::fromStdString(std::string(trace.str(line.text)));
    return lines;
}

} // namespace

class TestCPythonRun : public QObject {
    Q_OBJECT
private slots:
    void outputStreamsInOrderAndTheTraceComesBack() {
        QTemporaryDir dir;
        const QString script = write(dir, "talk.py", "import asyncio, sys\n"
                                                     "async def main():\n"
                                                     "    for n in range(3):\n"
                                                     "        print('out', n, flush=True)\n"
                                                     "        print('err', n, file=sys.stderr, flush=True)\n"
                                                     "        await asyncio.sleep(1)\n"
                                                     "    sys.exit(5)\n"
                                                     "asyncio.run(main())\n");
        CPythonRunOptions options = optionsFor(script);
        std::string out, err;
        options.onStdout = [&](std::string_view bytes) { out.append(bytes); };
        options.onStderr = [&](std::string_view bytes) { err.append(bytes); };
        const CPythonRunResult result = runUnderCPython(options);
        QCOMPARE(result.ending, CPythonEnding::Exited);
        QCOMPARE(result.exitCode, 5);
        QCOMPARE(QString::fromStdString(out), QString("out 0\nout 1\nout 2\n"));
        QCOMPARE(QString::fromStdString(err), QString("err 0\nerr 1\nerr 2\n"));
        QVERIFY2(result.trace.ok, result.trace.error.c_str());
        QCOMPARE(printed(result.trace.trace), QStringList({"out 0", "out 1", "out 2"}));
        // Two sleeps of a second; four callbacks before the last print (three steps, two timers
        // but the one the last step began with), a microsecond each.
        QCOMPARE(result.trace.trace.output.back().time, TimeNs{2'000'000'000} + 4 * 1000);
    }

    // Cancel from another thread, once the program has said something: the process group ends,
    // the recorder finishes its trace first, and what happened until then is in it.
    void cancelEndsTheProgramAndKeepsTheTraceSoFar() {
        QTemporaryDir dir;
        const QString script = write(dir, "long.py", "import time\n"
                                                     "print('begun', flush=True)\n"
                                                     "while True:\n"
                                                     "    time.sleep(0.001)\n"
                                                     "    sum(range(10000))\n");
        CPythonRunOptions options = optionsFor(script);
        std::atomic<bool> cancelled{false};
        options.cancelled = &cancelled;
        options.onStdout = [&](std::string_view) { cancelled = true; };
        const CPythonRunResult result = runUnderCPython(options);
        QCOMPARE(result.ending, CPythonEnding::Cancelled);
        QCOMPARE(result.exitCode, 128 + SIGTERM);
        QVERIFY2(result.trace.ok, result.trace.error.c_str());
        QCOMPARE(printed(result.trace.trace), QStringList({"begun"}));
        QCOMPARE(QString::fromStdString(result.trace.trace.metadata.ending), QString("the program was ended by SIGTERM"));
    }

    void aBudgetStopsAProgramThatNeverEnds_data() {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<double>("maxVirtual");
        QTest::addColumn<double>("maxWall");
        QTest::addColumn<QString>("message");
        QTest::newRow("virtual time") << QByteArray("import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(60)\n"
                                                    "asyncio.run(main())\n")
                                      << 3600.0 << 0.0 << "the program ran past its virtual-time budget of 3600 s";
        QTest::newRow("waits forever") << QByteArray("import asyncio\nasync def main():\n    await asyncio.Future()\n"
                                                     "asyncio.run(main())\n")
                                       << 3600.0 << 0.0 << "the program would wait forever";
        QTest::newRow("wall clock") << QByteArray("while True:\n    pass\n") << 0.0 << 1.0
                                    << "the program ran past its wall-clock budget of 1 s (--max-wall-time); it was at "
                                       "endless.py:";
    }
    void aBudgetStopsAProgramThatNeverEnds() {
        QFETCH(QByteArray, source);
        QFETCH(double, maxVirtual);
        QFETCH(double, maxWall);
        QFETCH(QString, message);
        QTemporaryDir dir;
        CPythonRunOptions options = optionsFor(write(dir, "endless.py", source));
        options.maxVirtualSeconds = maxVirtual;
        options.maxWallSeconds = maxWall;
        std::string err;
        options.onStderr = [&](std::string_view bytes) { err.append(bytes); };
        const CPythonRunResult result = runUnderCPython(options);
        QCOMPARE(result.ending, CPythonEnding::Stopped);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(QString::fromStdString(err).contains(message), err.c_str());
        QVERIFY2(result.trace.ok, result.trace.error.c_str());
        QVERIFY(QString::fromStdString(result.trace.trace.metadata.ending).contains(message));
    }

    // With a question to ask, the spent budget pauses the program (SIGSTOP) and asks: "go on"
    // extends it, "stop" ends it with the trace so far and the whole budget named.
    void aSpentWallBudgetPausesTheProgramAndAsks() {
        QTemporaryDir dir;
        CPythonRunOptions options = optionsFor(write(dir, "endless.py", "n = 0\nwhile True:\n    n += 1\n"));
        options.maxWallSeconds = 0.5;
        std::vector<double> asked;
        options.onWallBudgetSpent = [&](double elapsed) {
            asked.push_back(elapsed);
            return asked.size() == 1 ? 0.5 : 0.0;
        };
        std::string err;
        options.onStderr = [&](std::string_view bytes) { err.append(bytes); };
        const CPythonRunResult result = runUnderCPython(options);
        QCOMPARE(asked.size(), std::size_t(2));
        QVERIFY(asked[0] >= 0.5 && asked[1] >= asked[0] + 0.5);
        QCOMPARE(result.ending, CPythonEnding::Stopped);
        QVERIFY2(QString::fromStdString(err).contains("the program ran past its wall-clock budget of 1 s"), err.c_str());
        QVERIFY2(result.trace.ok, result.trace.error.c_str());
    }

    void whatCannotStartIsSaid() {
        QTemporaryDir dir;
        CPythonRunOptions options = optionsFor(write(dir, "ok.py", "print('hi')\n"));
        options.python = "/nonexistent/python3";
        CPythonRunResult result = runUnderCPython(options);
        QCOMPARE(result.ending, CPythonEnding::NotStarted);
        QVERIFY2(QString::fromStdString(result.error).startsWith("cannot start /nonexistent/python3"), result.error.c_str());
        options = optionsFor(dir.filePath("ok.py"));
        options.recorder = "/nonexistent/awaitscope_record.py";
        result = runUnderCPython(options);
        QCOMPARE(result.ending, CPythonEnding::NotStarted);
        QCOMPARE(QString::fromStdString(result.error),
                 QString("the recorder (awaitscope_record.py) was not found at /nonexistent/awaitscope_record.py"));
    }

    // The window calls it from a worker thread while its own thread goes on.
    void runsOnAWorkerThread() {
        QTemporaryDir dir;
        CPythonRunOptions options = optionsFor(write(dir, "ok.py", "print('from python')\n"));
        std::string out;
        options.onStdout = [&](std::string_view bytes) { out.append(bytes); };
        CPythonRunResult result;
        std::thread worker([&] { result = runUnderCPython(options); });
        worker.join();
        QCOMPARE(result.ending, CPythonEnding::Exited);
        QCOMPARE(out, std::string("from python\n"));
    }
};

QTEST_GUILESS_MAIN(TestCPythonRun)
#include "tst_cpython_run.moc"
