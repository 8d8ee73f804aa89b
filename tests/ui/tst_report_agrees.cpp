// `awaitscope --report` and the window, given the same file, show the same figures: the
// ready-queue and timer peaks (the lane headers), the frozen stretches and the other
// diagnostics (the Diagnostics panel), and the tasks (every one has a lane or sits in a group).
// The file is a TaskGroup of fetch() calls whose eighth blocks the loop, in both formats.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "panels/DiagnosticsPanel.h"
#include "teaching/DiagnosticsModel.h"
#include "timeline/LaneHeader.h"
#include "timeline/TimelineView.h"

#include <awaitscope/cli/ReportCommand.h>
#include <awaitscope/io/TraceFile.h>

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

// The first number after `label` in the report's text; -1 when the label is missing.
long long reportNumber(const QString& report, const QString& pattern) {
    const QRegularExpressionMatch match = QRegularExpression(pattern).match(report);
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

long long headerNumber(const DerivedTrace& model, const TimelineLayout& layout, RowKind kind) {
    for (const LayoutRow& row : layout.rows())
        if (row.kind == kind) {
            const QString subtitle = laneHeader(model, row).subtitle;
            const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("max (\\d+)$")).match(subtitle);
            return match.hasMatch() ? match.captured(1).toLongLong() : -2;
        }
    return -3;
}

} // namespace

class TestReportAgrees : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void theWindowShowsWhatTheReportPrints_data() {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("native JSON") << QStringLiteral("crawler.json");
        QTest::newRow("Chrome JSON") << QStringLiteral("crawler.trace.json");
    }
    void theWindowShowsWhatTheReportPrints() {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        const QString path = dir.filePath(fileName);
        const auto recorded = uitest::manyTasksModel(300);
        const std::optional<TraceFormat> format =
            fileName.endsWith(QStringLiteral(".trace.json")) ? std::optional(TraceFormat::Chrome) : std::optional(TraceFormat::Native);
        QVERIFY(saveTraceFile(recorded->trace(), path.toStdString(), format).ok);

        std::ostringstream out, err;
        runReportCommand(path.toStdString(), out, err);
        const QString report = QString::fromStdString(out.str());
        QVERIFY2(err.str().empty(), err.str().c_str());

        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.openFile(path);
        QVERIFY(loaded.wait(20000));
        QVERIFY(loaded.first().first().toBool());
        const DerivedTrace& model = *window.document()->model();
        const TimelineLayout& layout = *window.timeline()->layout();

        // The counters' peaks, as the lane headers word them.
        const long long readyPeak = reportNumber(report, QStringLiteral("ready queue\\s+at most (\\d+) tasks"));
        QVERIFY(readyPeak > 1);
        QCOMPARE(headerNumber(model, layout, RowKind::ReadyQueue), readyPeak);
        const long long timerPeak = reportNumber(report, QStringLiteral("pending timers\\s+at most (\\d+)"));
        QVERIFY(timerPeak > 1);
        QCOMPARE(headerNumber(model, layout, RowKind::PendingTimers), timerPeak);

        // The diagnostics: as many cards as the report lists, the frozen stretches among them.
        const long long diagnostics = reportNumber(report, QStringLiteral("Diagnostics \\((\\d+)\\)"));
        const DiagnosticsModel& cards = *window.diagnosticsPanel()->diagnosticsModel();
        QVERIFY(diagnostics >= 1);
        QCOMPARE(cards.rowCount(), static_cast<int>(diagnostics));
        const long long frozenInReport = report.count(QStringLiteral("[frozen loop]"));
        int frozenCards = 0;
        for (int row = 0; row < cards.rowCount(); ++row)
            frozenCards += cards.diagnostic(row).selection.kind == SelectionKind::Frozen;
        QVERIFY(frozenInReport >= 1);
        QCOMPARE(frozenCards, static_cast<int>(frozenInReport));

        // The tasks: each one a lane or a member of a group row.
        const long long tasks = reportNumber(report, QStringLiteral("\\n  tasks\\s+(\\d+) "));
        QVERIFY(tasks > 300);
        long long shown = 0;
        for (const LayoutRow& row : layout.rows()) {
            QVERIFY(row.kind != RowKind::Task || !row.collapsed);
            if (row.kind == RowKind::Task)
                ++shown;
            else if (row.kind == RowKind::Group)
                shown += static_cast<long long>(model.groups().groups()[row.group].tasks.size());
        }
        QCOMPARE(shown, tasks);
    }
};

QTEST_MAIN(TestReportAgrees)
#include "tst_report_agrees.moc"
