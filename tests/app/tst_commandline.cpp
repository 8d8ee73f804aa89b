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
    void unknownOptionIsAUsageError() {
        const RunResult result = runApp({"--no-such-option"});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("Unknown option 'no-such-option'"), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
