// The built-in demo lessons: each prints what CPython prints for its program
// (demo_cases/*.out, from demo_cases/regenerate.py), and every recorded line points at the
// program line that did it, so the code panel highlights the right Python.
#include "UiTestSupport.h"

#include "demo/DemoScenarios.h"

#include <QFile>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

QString lineOf(const std::string& source, std::uint32_t line) {
    const QStringList lines = QString::fromStdString(source).split('\n');
    return line >= 1 && line <= static_cast<std::uint32_t>(lines.size()) ? lines[static_cast<qsizetype>(line - 1)] : QString();
}

} // namespace

class TestDemoScenarios : public QObject {
    Q_OBJECT
private slots:
    void printsWhatCPythonPrints_data() {
        QTest::addColumn<QString>("name");
        for (const DemoScenario& demo : demoScenarios())
            QTest::newRow(demo.name.c_str()) << QString::fromStdString(demo.name);
    }
    void printsWhatCPythonPrints() {
        QFETCH(QString, name);
        const DemoScenario* demo = findDemoScenario(name.toStdString());
        QVERIFY(demo);
        const Trace trace = recordDemoScenario(*demo);
        QStringList printed;
        for (const OutputLine& line : trace.output)
            printed << QString::fromStdString(std::string(trace.str(line.text)));
        QFile expected(QStringLiteral(DEMO_CASES_DIR "/") + QString::fromStdString(demo->fileName).chopped(3) + QStringLiteral(".out"));
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(expected.fileName()));
        QStringList lines = QString::fromUtf8(expected.readAll()).split('\n');
        lines.removeAll(QString());
        QCOMPARE(printed, lines);
        QCOMPARE(QString::fromStdString(trace.metadata.sourceFile), QString::fromStdString(demo->fileName));
        QCOMPARE(QString::fromStdString(trace.metadata.title), QString::fromStdString(demo->title));
    }

    void everySitePointsAtTheLineThatDidIt_data() { printsWhatCPythonPrints_data(); }
    void everySitePointsAtTheLineThatDidIt() {
        QFETCH(QString, name);
        const DemoScenario* demo = findDemoScenario(name.toStdString());
        const Trace trace = recordDemoScenario(*demo);
        auto line = [&](SiteId site) { return lineOf(demo->source, trace.sites[site].line); };
        for (const AwaitInfo& await : trace.awaits)
            QVERIFY2(line(await.site).contains("await") || line(await.site).contains("async with"), qPrintable(line(await.site)));
        for (const BlockInfo& block : trace.blocks)
            QVERIFY2(line(block.site).contains("time.sleep"), qPrintable(line(block.site)));
        for (const OutputLine& output : trace.output)
            QVERIFY2(line(output.site).contains("print("), qPrintable(line(output.site)));
        for (const TaskRecord& task : trace.tasks) {
            const QString created = line(task.createdAt);
            QVERIFY2(created.contains("create_task") || created.contains("gather") || created.contains("asyncio.run") ||
                         created.contains("to_thread"),
                     qPrintable(created));
        }
        for (const NeverAwaited& never : trace.neverAwaited)
            QVERIFY(line(never.site).contains(QString::fromStdString(std::string(trace.str(never.name))) + "("));
    }

    void mainIsNamedAsInPython() {
        const Trace trace = recordDemoScenario(*findDemoScenario("taskgroup_calls"));
        QCOMPARE(QString::fromStdString(trace.taskName(0)), QStringLiteral("Task-1"));
        QCOMPARE(QString::fromStdString(std::string(trace.str(trace.frames[trace.tasks[0].coroutine].name))), QStringLiteral("main"));
        QCOMPARE(trace.scopes.size(), std::size_t(1));
        QCOMPARE(trace.scopes[0].kind, ScopeKind::TaskGroup);
    }

    void lineContainingFindsTheNthMatch_data() {
        QTest::addColumn<QString>("snippet");
        QTest::addColumn<int>("occurrence");
        QTest::addColumn<int>("line");
        QTest::newRow("first") << "b" << 1 << 2;
        QTest::newRow("second") << "b" << 2 << 3;
        QTest::newRow("missing") << "zzz" << 1 << 0;
        QTest::newRow("last line without newline") << "end" << 1 << 4;
    }
    void lineContainingFindsTheNthMatch() {
        QFETCH(QString, snippet);
        QFETCH(int, occurrence);
        QFETCH(int, line);
        QCOMPARE(lineContaining("a\nb\nab\nend", snippet.toStdString(), occurrence), line);
    }
};

QTEST_GUILESS_MAIN(TestDemoScenarios)
#include "tst_demo_scenarios.moc"
