// Runs the real awaitscope binary the way a user's shell would, with no display at all.
#include <QImage>
#include <QtTest>

namespace {

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};

// The app's settings during these tests: a folder of their own, never the user's.
const QTemporaryDir& configHome() {
    static const QTemporaryDir dir;
    return dir;
}

RunResult runApp(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome().path());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AWAITSCOPE_APP), arguments);
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
}

// A trace with no tasks, as run.json in `dir`.
QString writeEmptyTrace(const QTemporaryDir& dir) {
    const QString path = dir.filePath("run.json");
    writeText(path, "{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[]}");
    return path;
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void helpWorksWithoutADisplay() {
        const RunResult result = runApp({"--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("Usage: awaitscope [options] [file]\n"), qPrintable(result.out));
        QVERIFY(result.out.contains("--version"));
        QVERIFY(result.err.isEmpty());
    }
    void versionPrintsTheProjectVersion() {
        const RunResult result = runApp({"--version"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QString("awaitscope 0.1.0\n"));
    }
    void windowWithoutADisplayExplainsHowToRunIt() {
        const RunResult result = runApp({});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("xvfb-run make run"), qPrintable(result.err));
    }
    void reportOfAFrozenLoopExitsThreeWithoutADisplay() {
        QTemporaryDir dir;
        const QString path = dir.filePath("frozen.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // One task that runs 250 ms without awaiting.
        file.write("{\"format\":\"awaitscope-trace\",\"version\":1,\"strings\":[\"\",\"main\"],\"tasks\":[{\"id\":0,"
                   "\"name\":1,\"events\":[[0,\"ready\",\"start\"],[0,\"resume\"],[250000000,\"finish\",\"done\"]]}]}");
        file.close();
        const RunResult frozen = runApp({"--report", path});
        QCOMPARE(frozen.exitCode, 3);
        QVERIFY2(frozen.out.contains("[frozen loop] at 0 ns: loop frozen for 250 ms by main"), qPrintable(frozen.out));
        const RunResult lenient = runApp({"--report", path, "--frozen-ms", "300"});
        QCOMPARE(lenient.exitCode, 0);
        QVERIFY(lenient.out.contains("Result: clean (exit code 0)"));
        QCOMPARE(runApp({"--report", path, "--frozen-ms", "soon"}).exitCode, 2);
        QCOMPARE(runApp({"--report", dir.filePath("missing.json")}).exitCode, 1);
    }
    void diffOfALessonWithItselfTellsTheSameStoryAndExitsZero() {
        const RunResult result = runApp({"--diff", "blocking_sleep", "blocking_sleep"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("\nA and B tell the same story.\n"), qPrintable(result.out));
        QVERIFY(result.out.endsWith("Result: the same story (exit code 0)\n"));
        QCOMPARE(result.err, QString());
    }
    void diffOfABlockingCallInPlaceOfAnAwaitExitsFourWithItsHeadline() {
        QTemporaryDir dir;
        QFile lesson(QStringLiteral(SCENARIOS_DIR "/taskgroup_concurrency.py"));
        QVERIFY(lesson.open(QIODevice::ReadOnly));
        QByteArray source = lesson.readAll();
        const QString before = dir.filePath("before.py");
        const QString after = dir.filePath("after.py");
        writeText(before, source);
        QVERIFY(source.contains("await asyncio.sleep(seconds)"));
        writeText(after, source.replace("await asyncio.sleep(seconds)", "time.sleep(seconds)"));
        const RunResult result = runApp({"--diff", before, after});
        QCOMPARE(result.exitCode, 4);
        const QStringList lines = result.out.split('\n');
        QVERIFY2(lines.size() > 4, qPrintable(result.out));
        QCOMPARE(lines[0], QString("Awaitscope diff"));
        QCOMPARE(lines[4], QString("B made stocks (call_tool) start 1.3 s later: line 19 now blocks the loop."));
        QVERIFY(lines.contains("  new in B: weather (call_tool)'s time.sleep at line 19 freezes the loop for 0.8 s at 0 s"));
        QVERIFY(result.out.endsWith("Result: the runs differ (exit code 4)\n"));
        // The scripts' own output stays out of the diff.
        QVERIFY(!result.out.contains("request sent"));
    }
    void diffOfABadSideIsALocatedErrorAndNeedsTwoRuns() {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.json");
        writeText(broken, "{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[{\"id\":");
        const RunResult result = runApp({"--diff", broken, "blocking_sleep"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.startsWith("awaitscope: " + broken), qPrintable(result.err));
        QCOMPARE(result.out, QString());
        const QString script = dir.filePath("bad.py");
        writeText(script, "import asyncio\n\nasync def main(:\n    pass\n");
        const RunResult bad = runApp({"--diff", "blocking_sleep", script});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.startsWith("awaitscope: " + script + ":3:"), qPrintable(bad.err));
        QCOMPARE(runApp({"--diff", "no_such_lesson", "blocking_sleep"}).exitCode, 1);
        QCOMPARE(runApp({"--diff", "blocking_sleep"}).exitCode, 2);
    }
    void diffOfAScriptThatRaisesComparesTheRunAsFarAsItWent() {
        QTemporaryDir dir;
        const QString script = dir.filePath("raises.py");
        writeText(script, "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(0.1)\n    raise ValueError(\"boom\")\n\n"
                          "asyncio.run(main())\n");
        const RunResult result = runApp({"--diff", script, script});
        QCOMPARE(result.exitCode, 0);
        const QString warning = "awaitscope: warning: " + script + ":6: ValueError: boom (diffing the run as far as it went)\n";
        QCOMPARE(result.err, warning + warning);
    }
    void convertWritesTheFormatTheOutputNameAsksFor() {
        QTemporaryDir dir;
        const QString input = writeEmptyTrace(dir);
        const QString output = dir.filePath("run.chrome.json");
        const RunResult result = runApp({"--convert", input, output});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("(Chrome Trace Event JSON)"), qPrintable(result.out + result.err));
        QFile converted(output);
        QVERIFY(converted.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(converted.readAll()).object().contains("traceEvents"));
        QCOMPARE(runApp({"--convert", input}).exitCode, 2);
    }
    void tasksAwaitingEachOtherEndInRecursionErrorWithEverythingPrintedKept() {
        QTemporaryDir dir;
        const QString script = dir.filePath("mutual.py");
        writeText(script, "import asyncio\n\ntasks = {}\n\n\nasync def a():\n    print('a waits for b')\n"
                          "    await tasks['b']\n\n\nasync def b():\n    print('b waits for a')\n    await tasks['a']\n\n\n"
                          "async def main():\n    print('start')\n    tasks['a'] = asyncio.create_task(a())\n"
                          "    tasks['b'] = asyncio.create_task(b())\n    await asyncio.sleep(0.1)\n    print('end main')\n\n\n"
                          "asyncio.run(main())\n");
        const QString trace = dir.filePath("mutual.json");
        const RunResult result = runApp({"--run", script, "--out", trace});
        // As CPython: the lines printed, then a RecursionError from asyncio.run's shutdown, exit 1.
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QString("start\na waits for b\nb waits for a\nend main\n"));
        QVERIFY2(result.err.contains("RecursionError: cannot cancel Task-2: it awaits itself round a cycle (Task-2 "
                                     "awaits Task-3, which awaits Task-2)"),
                 qPrintable(result.err));
        QVERIFY(QFileInfo(trace).size() > 0);
    }
    // A plain script has no event loop: the report gives what applies (time, blocking calls)
    // and leaves out the loop's figures and a speed-up of 0.00x.
    void reportOfAPlainScriptLeavesOutTheLoopsFigures() {
        QTemporaryDir dir;
        const QString script = dir.filePath("plain.py");
        writeText(script, "import time\n\nfor city in ['pune', 'oslo']:\n    print('fetching', city)\n    time.sleep(0.5)\n");
        const QString trace = dir.filePath("plain.json");
        QCOMPARE(runApp({"--run", script, "--out", trace}).exitCode, 0);
        const RunResult report = runApp({"--report", trace});
        QCOMPARE(report.exitCode, 0);
        QVERIFY2(report.out.contains("\n  event loop      none: the program never called asyncio.run, so each line waited for "
                                     "the one before\n"),
                 qPrintable(report.out));
        QVERIFY2(report.out.contains("\n  blocking calls  2 calls, 1 s ("), qPrintable(report.out));
        QVERIFY2(report.out.contains("main program [no event loop]"), qPrintable(report.out));
        for (const char* absent : {"speed-up", "loop busy", "loop idle", "critical path", "frozen-loop threshold"})
            QVERIFY2(!report.out.contains(QLatin1String(absent)), absent);
    }
    void aFailedSaveNamesItsPathOnce() {
        QTemporaryDir dir;
        const QString script = dir.filePath("hello.py");
        writeText(script, "print('hello')\n");
        const RunResult result = runApp({"--run", script, "--out", "/nonexistent-dir/run.json"});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QString("hello\n"));
        QCOMPARE(result.err, QString("awaitscope: /nonexistent-dir/run.json: cannot create a temporary file next to it: No "
                                     "such file or directory\n"));
    }
    void renderAndConvertPrintWhatTheLoadDropped_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("--convert") << "--convert";
        QTest::newRow("--render") << "--render";
    }
    void renderAndConvertPrintWhatTheLoadDropped() {
        QFETCH(QString, mode);
        QTemporaryDir dir;
        const QString input = dir.filePath("cycle.json");
        // Two tasks, each the other's parent.
        writeText(input, "{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[{\"id\":0,\"parent\":1},"
                         "{\"id\":1,\"parent\":0}]}");
        const QString output = dir.filePath(mode == "--render" ? "cycle.png" : "cycle.chrome.json");
        const RunResult result = mode == "--render" ? runApp({"--render", input, "--out", output})
                                                    : runApp({"--convert", input, output});
        QCOMPARE(result.exitCode, 0);
        // Only our own lines: Qt may say something about its runtime directory first.
        QStringList ours = result.err.split('\n').filter(QRegularExpression("^awaitscope: "));
        QCOMPARE(ours, QStringList{"awaitscope: warning: 1 tasks were their own ancestors (parents in a cycle); the first "
                                   "task of each cycle is shown as a top-level task (the first is tasks[0].parent)"});
        QVERIFY(QFileInfo(output).size() > 0);
    }
    void reportEscapesControlCharactersFromTheTrace() {
        QTemporaryDir dir;
        const QString input = dir.filePath("hostile.json");
        // A task name that would retitle the terminal and clear the screen, and an unknown
        // phase that is an escape character.
        writeText(input, "[{\"ph\":\"M\",\"name\":\"thread_name\",\"tid\":1,\"args\":{\"name\":"
                         "\"\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e\"}},"
                         "{\"ph\":\"X\",\"name\":\"step\",\"ts\":0,\"dur\":5,\"tid\":1},"
                         "{\"ph\":\"\\u001b\",\"ts\":0}]");
        const RunResult result = runApp({"--report", input});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(!result.out.contains(QChar(0x1b)) && !result.out.contains(QChar(0x9b)) && !result.out.contains(QChar(0x202e)),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains("\\x1B]0;pwned\\x07\\x1B[2J\\u009B31m\\u202E"), qPrintable(result.out));
        QCOMPARE(result.err, QString("awaitscope: warning: 1 events of an unknown phase \"\\x1B\" were skipped (the first "
                                     "is traceEvents[2])\n"));
    }

    void convertWritesTheFormatItIsToldTo_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("begins");
        QTest::newRow("chrome") << "chrome" << QByteArray("{\"displayTimeUnit\"");
        QTest::newRow("native") << "native" << QByteArray("{\"format\":\"awaitscope-trace\"");
        QTest::newRow("native-gz") << "native-gz" << QByteArray("\x1f\x8b");
    }
    void convertWritesTheFormatItIsToldTo() {
        QFETCH(QString, format);
        QFETCH(QByteArray, begins);
        QTemporaryDir dir;
        const QString input = writeEmptyTrace(dir);
        const QString output = dir.filePath("out.json");  // the name alone would ask for native JSON
        const RunResult result = runApp({"--convert", input, output, "--to", format});
        QCOMPARE(result.exitCode, 0);
        QFile converted(output);
        QVERIFY(converted.open(QIODevice::ReadOnly));
        QCOMPARE(converted.read(begins.size()), begins);
    }
    void convertToAnUnknownFormatIsAUsageError() {
        const RunResult result = runApp({"--convert", "in.json", "out.json", "--to", "pdf"});
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err, QString("awaitscope: --to pdf: the formats are chrome, native, native-gz\n"));
    }

    void helpAllListsQtsOwnOptionsAndExits() {
        const RunResult result = runApp({"--help-all"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("Usage: "), qPrintable(result.out));
        QVERIFY(result.out.contains("--convert <in>"));
        QVERIFY(!runApp({"--help"}).out.contains("--style"));  // Qt's options only in --help-all
        for (const char* qt : {"--platform <platformName[:options]>", "--reverse", "--style <style>", "--stylesheet <file>"})
            QVERIFY2(result.out.contains(qt), qPrintable(result.out));
    }

    // Qt's own options reach the window: -reverse lays it out right to left.
    void qtOptionsReachTheWindow() {
        QTemporaryDir dir;
        const QString plain = dir.filePath("plain.png");
        const QString reversed = dir.filePath("reversed.png");
        QCOMPARE(runApp({"-platform", "offscreen", "-style", "fusion", "--screenshot", plain}).exitCode, 0);
        QCOMPARE(runApp({"-platform", "offscreen", "-style=fusion", "-reverse", "--screenshot", reversed}).exitCode, 0);
        const QImage left(plain);
        const QImage right(reversed);
        QVERIFY(!left.isNull() && left.size() == right.size());
        QVERIFY(left != right);
        // The menu bar's first menu, "File", sits at the left, or at the right when reversed.
        auto inkAt = [](const QImage& image, int fromX, int toX) {
            int ink = 0;
            for (int y = 2; y < 20; ++y)
                for (int x = fromX; x < toX; ++x)
                    ink += qGray(image.pixel(x, y)) < 100;
            return ink;
        };
        const int w = left.width();
        QVERIFY2(inkAt(left, 0, 60) > 0 && inkAt(left, w - 60, w) == 0, "File is at the left");
        QVERIFY2(inkAt(right, w - 60, w) > 0 && inkAt(right, 0, 60) == 0, "File is at the right");
    }

    // --theme dark pictures the window in its dark theme, as View ▸ Theme ▸ Dark shows it.
    void aScreenshotTakesTheTheme() {
        QTemporaryDir dir;
        const QString light = dir.filePath("light.png");
        const QString dark = dir.filePath("dark.png");
        QCOMPARE(runApp({"-platform", "offscreen", "--screenshot", light, "--theme", "light"}).exitCode, 0);
        QCOMPARE(runApp({"-platform", "offscreen", "--screenshot", dark, "--theme", "dark"}).exitCode, 0);
        auto meanGrey = [](const QImage& image) {
            qint64 sum = 0;
            for (int y = 0; y < image.height(); y += 4)
                for (int x = 0; x < image.width(); x += 4)
                    sum += qGray(image.pixel(x, y));
            return sum / ((image.height() + 3) / 4 * ((image.width() + 3) / 4));
        };
        const QImage lightImage(light), darkImage(dark);
        QVERIFY(!lightImage.isNull() && !darkImage.isNull());
        QVERIFY2(meanGrey(lightImage) > 180, qPrintable(QString::number(meanGrey(lightImage))));
        QVERIFY2(meanGrey(darkImage) < 90, qPrintable(QString::number(meanGrey(darkImage))));
        // A picture's theme is for that run: the next start is light again, and keeps its layout.
        const QString after = dir.filePath("after.png");
        QCOMPARE(runApp({"-platform", "offscreen", "--screenshot", after}).exitCode, 0);
        QVERIFY2(meanGrey(QImage(after)) > 180, qPrintable(QString::number(meanGrey(QImage(after)))));
    }

    void listSamplesNamesTheRecordedPrograms() {
        const RunResult result = runApp({"--list-samples"});
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString& line : lines)
            QVERIFY2(QFileInfo(line.section('\t', 0, 0)).isFile(), qPrintable(line));
        QVERIFY(lines[0].endsWith("\tAn AI agent's turn, as real code runs it (agent_tools.json)"));
    }

    // --engine python: the program runs under python3 with the recorder, on the virtual clock;
    // stdout is the program's, so is the exit code, and --out keeps the trace.
    void runWithThePythonEngineGivesTheProgramsOutputExitCodeAndTrace() {
        QTemporaryDir dir;
        QFile script(dir.filePath("agent.py"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("import asyncio, sys, time\n"
                     "async def tool(n):\n"
                     "    await asyncio.sleep(30)\n"  // half a minute of sleeping: virtual, it costs nothing
                     "    return n\n"
                     "async def main():\n"
                     "    start = time.monotonic()\n"
                     "    print(await asyncio.gather(tool(1), tool(2)), sys.argv[1:], round(time.monotonic() - start))\n"
                     "    sys.exit(4)\n"
                     "asyncio.run(main())\n");
        script.close();
        const QString trace = dir.filePath("run.json");
        const RunResult result = runApp({"--run", script.fileName(), "--engine", "python", "--out", trace, "x", "y"});
        QCOMPARE(result.out, QString("[1, 2] ['x', 'y'] 30\n"));
        QCOMPARE(result.exitCode, 4);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        QFile saved(trace);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY(text.startsWith("{\"format\":\"awaitscope-trace\""));
        QVERIFY(text.contains("\"clock\":\"virtual\""));
    }

    void aPythonProgramThatWaitsForeverIsStoppedWithItsTrace() {
        QTemporaryDir dir;
        QFile script(dir.filePath("stuck.py"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("import asyncio\n"
                     "async def main():\n"
                     "    print('started', flush=True)\n"
                     "    await asyncio.Event().wait()\n"
                     "asyncio.run(main())\n");
        script.close();
        const QString trace = dir.filePath("stuck.json");
        const RunResult result = runApp({"--run", script.fileName(), "--engine", "python", "--out", trace});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QString("started\n"));
        QVERIFY2(result.err.contains("stopped: the program would wait forever") && result.err.contains("stuck.py:4 in main"),
                 qPrintable(result.err));
        const RunResult report = runApp({"--report", trace});
        QVERIFY2(report.out.contains("stuck.py"), qPrintable(report.out));
    }

    void anUnknownEngineIsAUsageError() {
        const RunResult result = runApp({"--run", "x.py", "--engine", "pypy"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("--engine is 'interpreter' or 'python', not 'pypy'"), qPrintable(result.err));
    }

    void unknownOptionIsAUsageError() {
        const RunResult result = runApp({"--no-such-option"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("Unknown option 'no-such-option'"), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
