// Runs the real awaitscope binary the way a user's shell would, with no display at all.
#include <QImage>
#include <QtTest>

namespace {

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};

RunResult runApp(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AWAITSCOPE_APP), arguments);
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// A trace with no tasks, as run.json in `dir`.
QString writeEmptyTrace(const QTemporaryDir& dir) {
    const QString path = dir.filePath("run.json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write("{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[]}");
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
        QVERIFY2(frozen.out.contains("[frozen loop] at 0 ns: loop frozen for 250.0 ms by main"), qPrintable(frozen.out));
        const RunResult lenient = runApp({"--report", path, "--frozen-ms", "300"});
        QCOMPARE(lenient.exitCode, 0);
        QVERIFY(lenient.out.contains("Result: clean (exit code 0)"));
        QCOMPARE(runApp({"--report", path, "--frozen-ms", "soon"}).exitCode, 2);
        QCOMPARE(runApp({"--report", dir.filePath("missing.json")}).exitCode, 1);
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

    void listSamplesNamesTheRecordedPrograms() {
        const RunResult result = runApp({"--list-samples"});
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString& line : lines)
            QVERIFY2(QFileInfo(line.section('\t', 0, 0)).isFile(), qPrintable(line));
        QVERIFY(lines[0].endsWith("\tAn AI agent's turn, as real code runs it (agent_tools.json)"));
    }

    void unknownOptionIsAUsageError() {
        const RunResult result = runApp({"--no-such-option"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("Unknown option 'no-such-option'"), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
