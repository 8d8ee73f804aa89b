// Diagnostics explained: every kind of problem gets plain words, its cause line (quoted from
// the program), its victims and its fix, and "Show me" zooms the timeline to it.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "teaching/DiagnosticsModel.h"
#include "model/SelectionInfo.h"
#include "model/SourceText.h"
#include "model/ViewState.h"
#include "panels/DiagnosticsPanel.h"

#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QLabel>
#include <QPushButton>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

DiagnosticExplanation onlyExplanation(const std::shared_ptr<const DerivedTrace>& model) {
    const auto rows = explainedDiagnostics(*model);
    if (rows.size() != 1)
        throw std::runtime_error("expected one diagnostic, got " + std::to_string(rows.size()));
    return rows.front().explained;
}

std::shared_ptr<const DerivedTrace> withProblem(void (*add)(Trace&)) {
    auto trace = std::make_shared<Trace>(recordDemoScenario(*findDemoScenario("taskgroup_calls")));
    add(*trace);
    return std::make_shared<const DerivedTrace>(trace);
}

} // namespace

class TestDiagnosticsExplained : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void aFrozenLoopNamesItsLineItsVictimsAndTheFix() {
        const DiagnosticExplanation e = onlyExplanation(uitest::demoModel("blocking_sleep"));
        QCOMPARE(e.kind, QStringLiteral("Loop frozen"));
        QCOMPARE(e.headline, QStringLiteral("time.sleep(1.5) at line 14 blocked the event loop for 1.5 s: no other task could run meanwhile."));
        QCOMPARE(e.line, 14);
        QCOMPARE(e.code, QStringLiteral("time.sleep(1.5)"));
        QCOMPARE(e.victims, QStringList({"heartbeat ran 1.2 s late"}));
        QCOMPARE(e.fix, QStringLiteral("Use `await asyncio.sleep(1.5)` instead: it waits without holding the loop. For blocking library "
                                       "calls, use `await asyncio.to_thread(...)`."));
    }

    // Three fetches that each block the loop ran one at a time: the card quotes the blocking
    // line, names the tasks, and Show me selects their TaskGroup.
    void tasksThatRanOneAtATimeQuoteTheCallAndShowTheirGroup() {
        ScriptRunOptions options;
        options.fileName = "blocking_http_call.py";
        ScriptRunResult ran = runScript(findScenario("blocking_http_call")->source, options);
        QVERIFY(ran.ok);
        const auto model = std::make_shared<const DerivedTrace>(std::make_shared<const Trace>(std::move(ran.trace)));
        const auto rows = explainedDiagnostics(*model);
        const auto lost = std::find_if(rows.begin(), rows.end(),
                                       [](const ui::Diagnostic& d) { return d.explained.kind == QStringLiteral("Concurrency lost"); });
        QVERIFY(lost != rows.end());
        QCOMPARE(lost->explained.headline,
                 QStringLiteral("3 tasks were started together to run at the same time, but they ran one at a time: "
                                "time.sleep(0.6) at line 20 held the loop each time, so the next could not start waiting. "
                                "Overlapped, they would have taken 0.6 s, not 1.8 s."));
        QCOMPARE(lost->explained.victims.size(), 3);
        QVERIFY(lost->explained.fix.contains(QStringLiteral("asyncio.to_thread")));
        QCOMPARE(lost->selection.kind, SelectionKind::Scope);
    }

    void aCoroutineNeverAwaitedQuotesTheCallToFix() {
        const DiagnosticExplanation e = onlyExplanation(uitest::demoModel("never_awaited"));
        QCOMPARE(e.kind, QStringLiteral("Never awaited"));
        QCOMPARE(e.headline, QStringLiteral("save(\"draft\") at line 10 made a coroutine object, but nothing awaited it, so save() never ran."));
        QCOMPARE(e.victims, QStringList({"the work of save() never happened"}));
        // The ghost on the timeline and its details quote the same call, tied to its line.
        const auto model = uitest::demoModel("never_awaited");
        QCOMPARE(writtenCall(model->trace(), model->trace().neverAwaited[0]), QStringLiteral("save(\"draft\")"));
        const SelectionInfo info = describeSelection(*model, Selection::of(SelectionKind::NeverAwaited, 0, 0));
        QVERIFY2(info.explanation.startsWith(QStringLiteral("save(\"draft\") made a coroutine object here; nothing awaited it, so "
                                                            "its body never ran.")),
                 qPrintable(info.explanation));
        QCOMPARE(model->trace().sites[info.site].line, 10u);
        QCOMPARE(e.fix, QStringLiteral("Write `await save(\"draft\")`, or run it alongside with `asyncio.create_task(save(\"draft\"))` (and "
                                       "await the task later)."));
    }

    void anExceptionNeverRetrievedNamesTheTaskAndTheError() {
        const auto model = withProblem([](Trace& t) { t.unretrievedErrors.push_back({uitest::ms(500), 3, t.strings.intern("RuntimeError('rate limited')")}); });
        const DiagnosticExplanation e = onlyExplanation(model);
        QCOMPARE(e.kind, QStringLiteral("Exception never retrieved"));
        QCOMPARE(e.headline, QStringLiteral("stocks failed with RuntimeError('rate limited'), and nobody awaited it, so the error went unnoticed "
                                            "until the program ended."));
        QCOMPARE(e.line, 17);  // where the task was created
        QVERIFY(e.fix.startsWith(QStringLiteral("Await the task")));
    }

    void aTaskPendingAtExitSaysItsWorkWasCutOff() {
        const auto model = withProblem([](Trace& t) { t.pendingAtExit.push_back({uitest::ms(1500), 2}); });
        const DiagnosticExplanation e = onlyExplanation(model);
        QCOMPARE(e.kind, QStringLiteral("Pending at exit"));
        QCOMPARE(e.headline, QStringLiteral("news was still running when main() returned, so asyncio.run cancelled it: its work was cut off."));
        QCOMPARE(e.victims, QStringList({"news's unfinished work"}));
        QCOMPARE(e.line, 16);
    }

    void theCardShowsEveryPartOfTheExplanation() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        uitest::raiseDock(window, "diagnosticsDock");
        DiagnosticsPanel* panel = window.diagnosticsPanel();
        QCOMPARE(panel->cardCount(), 1);
        QWidget* card = panel->findChild<QWidget*>(QStringLiteral("diagnosticCard0"));
        QVERIFY(card);
        QVERIFY(card->findChild<QLabel*>(QStringLiteral("headline"))->text().contains(QStringLiteral("blocked the event loop for 1.5 s")));
        QVERIFY(card->findChild<QLabel*>(QStringLiteral("cause"))->text().contains(QStringLiteral("line 14")));
        QVERIFY(card->findChild<QLabel*>(QStringLiteral("victims"))->text().contains(QStringLiteral("heartbeat ran 1.2 s late")));
        QVERIFY(card->findChild<QLabel*>(QStringLiteral("fix"))->text().contains(QStringLiteral("await asyncio.sleep(1.5)")));
    }

    void showMeOnAFrozenStretchZoomsToItsRange() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        uitest::raiseDock(window, "diagnosticsDock");
        const TimeRange before = window.viewState()->visibleRange();
        QPushButton* showMe = window.diagnosticsPanel()->showMeButton(0);
        QVERIFY(showMe);
        QTest::mouseClick(showMe, Qt::LeftButton);
        const TimeRange stretch{uitest::ms(200), uitest::ms(1700)};
        QCOMPARE(window.viewState()->visibleRange(), framing(stretch, 0.08, 1'000'000));
        QVERIFY(window.viewState()->visibleRange() != before);
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Frozen);
    }

    // A coroutine made at the very start: the zoom shows it near the left edge, not half a
    // view of nothing before the run began.
    void showMeNearTheStartKeepsTheViewInsideTheRun() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("never_awaited")));
        uitest::raiseDock(window, "diagnosticsDock");
        const auto& never = window.document()->model()->trace().neverAwaited;
        QCOMPARE(never.size(), std::size_t(1));
        QPushButton* showMe = window.diagnosticsPanel()->showMeButton(0);
        QVERIFY(showMe);
        QTest::mouseClick(showMe, Qt::LeftButton);
        const TimeRange visible = window.viewState()->visibleRange();
        const TimeRange trace = window.viewState()->traceRange();
        QVERIFY(visible.duration() < trace.duration());  // it did zoom in
        QVERIFY(visible.begin <= never[0].created && never[0].created <= visible.end);
        QVERIFY2(trace.begin - visible.begin <= visible.duration() / 10,
                 qPrintable(QStringLiteral("the view starts %1 ns before the run, of %2 ns").arg(trace.begin - visible.begin).arg(visible.duration())));
        QVERIFY2(visible.end - trace.end <= visible.duration() / 10, "the view ends after the run");
    }
};

QTEST_MAIN(TestDiagnosticsExplained)
#include "tst_diagnostics_explained.moc"
