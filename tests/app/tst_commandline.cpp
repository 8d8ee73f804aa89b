// Runs the real awaitscope binary the way a user's shell would, with no display at all.
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

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void helpWorksWithoutADisplay() {
        const RunResult result = runApp({"--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("Usage: "), qPrintable(result.out));
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
    void convertWritesTheFormatTheOutputNameAsksFor() {
        QTemporaryDir dir;
        const QString input = dir.filePath("run.json");
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\":\"awaitscope-trace\",\"version\":1,\"tasks\":[]}");
        file.close();
        const QString output = dir.filePath("run.chrome.json");
        const RunResult result = runApp({"--convert", input, output});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("(Chrome Trace Event JSON)"), qPrintable(result.out + result.err));
        QFile converted(output);
        QVERIFY(converted.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(converted.readAll()).object().contains("traceEvents"));
        QCOMPARE(runApp({"--convert", input}).exitCode, 2);
    }
    void unknownOptionIsAUsageError() {
        const RunResult result = runApp({"--no-such-option"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("Unknown option 'no-such-option'"), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
