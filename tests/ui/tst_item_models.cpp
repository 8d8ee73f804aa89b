// The panels' item models: checked by QAbstractItemModelTester through loads, sorts and
// filters, and for the rows they produce.
#include "UiTestSupport.h"

#include "teaching/DiagnosticsModel.h"
#include "model/EventTableModel.h"
#include "model/OutputModel.h"

#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

class TestItemModels : public QObject {
    Q_OBJECT
private slots:
    void eventTablePassesTheModelTesterThroughSortAndFilter() {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTraceModel(uitest::demoModel("gather_lock_semaphore"));
        QVERIFY(model.rowCount() > 20);
        QPersistentModelIndex kept = model.index(5, EventTableModel::DetailColumn);
        const EventRef keptEvent = model.eventAt(5);
        for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
            model.sort(column, Qt::AscendingOrder);
            model.sort(column, Qt::DescendingOrder);
        }
        // A persistent index follows its event through the sorts.
        QVERIFY(kept.isValid());
        QCOMPARE(model.eventAt(kept.row()).task, keptEvent.task);
        QCOMPARE(model.eventAt(kept.row()).index, keptEvent.index);
        model.setFilterText(QStringLiteral("lock"));
        model.setFilterText(QString());
        model.setTraceModel(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void eventTableIsInTimeOrderAndHasEveryEvent() {
        const auto trace = uitest::demoModel("taskgroup_calls");
        EventTableModel model;
        model.setTraceModel(trace);
        QCOMPARE(static_cast<std::size_t>(model.rowCount()), trace->trace().eventCount());
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(trace->event(model.eventAt(row - 1)).time <= trace->event(model.eventAt(row)).time);
        QCOMPARE(model.data(model.index(0, EventTableModel::TimeColumn)).toString(), QStringLiteral("0.000 s"));
    }

    // Times read to the millisecond, as the Output panel's; the exact moment is the tooltip.
    void eventTimesAreRoundedWithTheExactMomentInTheTooltip() {
        ScriptRunOptions options;
        options.fileName = "steps.py";
        ScriptRunResult run = runScript("import asyncio\n\nasync def main():\n    total = sum(range(2000))\n"
                                        "    await asyncio.sleep(0.25)\n    print(total)\n\nasyncio.run(main())\n",
                                        options);
        QVERIFY2(run.ok, run.stderrText.c_str());
        const auto trace = std::make_shared<const DerivedTrace>(std::make_shared<const Trace>(std::move(run.trace)));
        EventTableModel model;
        model.setTraceModel(trace);
        int checked = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const TimeNs time = trace->event(model.eventAt(row)).time;
            const QString shown = model.data(model.index(row, EventTableModel::TimeColumn)).toString();
            const QString exact = model.data(model.index(row, EventTableModel::TimeColumn), Qt::ToolTipRole).toString();
            QCOMPARE(shown, QString::fromStdString(formatMoment(time)));
            QCOMPARE(exact, QString::fromStdString(formatTimePoint(time)));
            if (time % 1'000'000 != 0) {
                QVERIFY2(shown != exact, qPrintable(exact));
                ++checked;
            }
        }
        QVERIFY(checked > 0);  // the sum's microseconds put the later events off the millisecond
    }

    void sortingByTaskGroupsEachTasksEventsInTimeOrder() {
        const auto trace = uitest::demoModel("taskgroup_calls");
        EventTableModel model;
        model.setTraceModel(trace);
        model.sort(EventTableModel::TaskColumn, Qt::AscendingOrder);
        QStringList tasks;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString task = model.data(model.index(row, EventTableModel::TaskColumn)).toString();
            if (tasks.isEmpty() || tasks.last() != task)
                tasks << task;
        }
        QCOMPARE(tasks, QStringList({"news", "stocks", "Task-1", "weather"}));
        model.sort(EventTableModel::TimeColumn, Qt::DescendingOrder);
        QVERIFY(trace->event(model.eventAt(0)).time >= trace->event(model.eventAt(model.rowCount() - 1)).time);
    }

    void filterKeepsRowsThatMentionTheText_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("by task name") << "heartbeat" << "task" << "heartbeat";
        QTest::newRow("by detail") << "time.sleep" << "detail" << "time.sleep";
        QTest::newRow("by event kind, any case") << "UNBLOCKS" << "event" << "unblocks";
    }
    void filterKeepsRowsThatMentionTheText() {
        QFETCH(QString, filter);
        QFETCH(QString, column);
        QFETCH(QString, mustContain);
        EventTableModel model;
        model.setTraceModel(uitest::demoModel("blocking_sleep"));
        const int all = model.rowCount();
        model.setFilterText(filter);
        QVERIFY(model.rowCount() > 0);
        QVERIFY(model.rowCount() < all);
        const int c = column == "task" ? EventTableModel::TaskColumn : column == "detail" ? EventTableModel::DetailColumn : EventTableModel::EventColumn;
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.data(model.index(row, c)).toString().contains(mustContain, Qt::CaseInsensitive));
    }

    void eventTableShowsTheLineOfABlockingCall() {
        EventTableModel model;
        model.setTraceModel(uitest::demoModel("blocking_sleep"));
        model.setFilterText(QStringLiteral("blocks"));  // "blocks" and "unblocks"
        QCOMPARE(model.rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(model.data(model.index(row, EventTableModel::LineColumn)).toInt(), 14);
            QCOMPARE(model.data(model.index(row, EventTableModel::TaskColumn)).toString(), QStringLiteral("blocker"));
            QCOMPARE(model.data(model.index(row, EventTableModel::DetailColumn)).toString(), QStringLiteral("time.sleep"));
        }
        const Selection selection = model.selectionAt(0);
        QCOMPARE(selection.kind, SelectionKind::Event);
    }

    void outputModelPassesTheTesterAndListsPrintedLines() {
        OutputModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTraceModel(uitest::demoModel("blocking_sleep"));
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.data(model.index(2, OutputModel::TextColumn)).toString(), QStringLiteral("beat 0 at 1.7 s"));
        QCOMPARE(model.data(model.index(2, OutputModel::TaskColumn)).toString(), QStringLiteral("heartbeat"));
        QCOMPARE(model.data(model.index(2, OutputModel::TimeColumn)).toString(), QStringLiteral("1.700 s"));
        QCOMPARE(model.rowAtOrBefore(uitest::ms(1000)), 0);
        QCOMPARE(model.rowAtOrBefore(-1), -1);
        model.setTraceModel(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void diagnosticsModelPassesTheTesterAndNamesTheProblems() {
        DiagnosticsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTraceModel(uitest::demoModel("blocking_sleep"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("loop frozen 1.5 s — time.sleep, line 14"));
        QVERIFY(model.data(model.index(0), Qt::ToolTipRole).toString().contains("asyncio.to_thread"));
        QCOMPARE(model.diagnostic(0).range, (TimeRange{uitest::ms(200), uitest::ms(1700)}));

        model.setTraceModel(uitest::demoModel("never_awaited"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("save() was never awaited"));
        QCOMPARE(model.diagnostic(0).selection.kind, SelectionKind::NeverAwaited);

        model.setTraceModel(uitest::demoModel("taskgroup_calls"));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestItemModels)
#include "tst_item_models.moc"
