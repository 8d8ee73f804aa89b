// `awaitscope --render` as a user's shell runs it: no display at all, a picture out.
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct RunResult {
    int exitCode = -1;
    QString err;
};

RunResult runApp(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(AWAITSCOPE_APP), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestRenderCommand : public QObject {
    Q_OBJECT
private slots:
    void rendersAScenarioWithoutADisplay() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("blocking.png"));
        const RunResult result = runApp({"--render-scenario", "blocking_sleep", "--out", out, "--size", "1200x600"});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(QImage(out).size(), QSize(1200, 600));
    }
    void rendersSvgByExtension() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("t.svg"));
        QCOMPARE(runApp({"--render-scenario", "taskgroup_concurrency", "--out", out}).exitCode, 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("<svg"));
    }
    void badArgumentsAreUsageErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no --out") << QStringList{"--render-scenario", "blocking_sleep"} << 2 << "awaitscope: --render needs --out <file.png|file.svg>\n";
        QTest::newRow("bad size") << QStringList{"--render-scenario", "blocking_sleep", "--out", "/tmp/x.png", "--size", "big"} << 2
                                  << "awaitscope: --size big: expected WIDTHxHEIGHT, each 100..20000, like 1600x900\n";
        QTest::newRow("unknown scenario") << QStringList{"--render-scenario", "nope", "--out", "/tmp/x.png"} << 1
                                          << "awaitscope: no built-in scenario named 'nope'\n";
    }
    void badArgumentsAreUsageErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const RunResult result = runApp(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.endsWith(message), qPrintable(result.err));  // Qt may warn first (XDG_RUNTIME_DIR)
    }
};

QTEST_GUILESS_MAIN(TestRenderCommand)
#include "tst_render_command.moc"
