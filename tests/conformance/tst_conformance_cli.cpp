// `awaitscope --run SCRIPT.py` prints exactly what `python3 SCRIPT.py` printed (the .out
// files), exits as python3 would, and needs no display; `--run NAME` and `--list-scenarios`
// work with the built-in lessons.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QtTest>

namespace {

struct RunResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

RunResult runApp(const QStringList& arguments, const QString& workingDirectory = {}) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(AWAITSCOPE_APP), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing " + path.toUtf8() + ">");
}

} // namespace

class TestConformanceCli : public QObject {
    Q_OBJECT
private slots:
    void runPrintsExactlyWhatPython3Printed_data() {
        QTest::addColumn<QString>("directory");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("exitCode");
        const QDir conformance(QStringLiteral(CONFORMANCE_DIR));
        for (const QString& name : conformance.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name))
            if (name != QLatin1String("regenerate.py"))
                QTest::newRow(qPrintable(name)) << conformance.path() << name
                                                << conformance.filePath(QFileInfo(name).completeBaseName() + ".out") << 0;
        const QDir scenarios(QStringLiteral(SCENARIO_DIR));
        for (const QString& name : scenarios.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
            const QString stem = QFileInfo(name).completeBaseName();
            QTest::newRow(qPrintable("scenario " + name))
                << scenarios.path() << name << conformance.filePath("scenarios/" + stem + ".out")
                << readFile(conformance.filePath("scenarios/" + stem + ".exit")).trimmed().toInt();
        }
    }
    void runPrintsExactlyWhatPython3Printed() {
        QFETCH(QString, directory);
        QFETCH(QString, script);
        QFETCH(QString, expected);
        QFETCH(int, exitCode);
        const RunResult result = runApp({QStringLiteral("--run"), script}, directory);
        QCOMPARE(result.out, readFile(expected));
        QCOMPARE(result.exitCode, exitCode);
    }

    void listScenariosShowsNamesAndTitles() {
        const RunResult result = runApp({QStringLiteral("--list-scenarios")});
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> lines = result.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 14);
        QVERIFY(lines.first().startsWith("coroutine_runs_nothing"));
        QVERIFY2(result.out.contains("blocking_sleep             Blocking the loop with time.sleep\n"), result.out.constData());
    }

    void runByNameRunsTheBuiltInScenario() {
        const RunResult result = runApp({QStringLiteral("--run"), QStringLiteral("sequential_awaits")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, readFile(QStringLiteral(CONFORMANCE_DIR "/scenarios/sequential_awaits.out")));
    }

    void failingScriptExitsNonZeroWithATracebackOnStderr() {
        QTemporaryDir directory;
        QFile file(directory.filePath(QStringLiteral("fails.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("print('before')\nraise ValueError('boom')\n");
        file.close();
        const RunResult result = runApp({QStringLiteral("--run"), QStringLiteral("fails.py")}, directory.path());
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QByteArray("before\n"));
        QVERIFY(result.err.startsWith("Traceback (most recent call last):\n"));
        QVERIFY(result.err.endsWith("ValueError: boom\n"));
    }

    void unknownScriptIsAUsageError() {
        const RunResult result = runApp({QStringLiteral("--run"), QStringLiteral("no_such_lesson")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("no such script or built-in scenario: no_such_lesson"));
    }
};

QTEST_GUILESS_MAIN(TestConformanceCli)
#include "tst_conformance_cli.moc"
