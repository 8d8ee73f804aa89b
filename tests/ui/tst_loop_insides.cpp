// The loop's insides at the playhead: the ready queue and the timer heap exactly as the run
// recorded them (Trace::loopQueues) at every playhead position, reached forwards or
// backwards; who holds the loop; who awaits whom; and a labelled approximation for traces
// that did not record the queues.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"
#include "app/TraceSources.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/LoopInsidesPanel.h"
#include "panels/PlaybackBar.h"
#include "teaching/PlaybackController.h"
#include "timeline/Legend.h"
#include "timeline/RulerTicks.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineView.h"

#include <awaitscope/analysis/LoopInsides.h>
#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

struct Shown {
    QList<int> ready;   // task ids, -1 for other callbacks
    QList<int> timers;  // task ids, in the order listed
    QStringList dues;   // as listed
    friend bool operator==(const Shown&, const Shown&) = default;
};

Shown shownIn(const LoopInsidesPanel& panel) {
    Shown shown;
    for (int i = 0; i < panel.readyList()->count(); ++i) {
        const QVariant task = panel.readyList()->item(i)->data(Qt::UserRole);
        if (panel.readyList()->item(i)->text() != QLatin1String("(empty)"))
            shown.ready << (task.isValid() ? task.toInt() : -1);
    }
    for (int i = 0; i < panel.timerList()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = panel.timerList()->topLevelItem(i);
        const QVariant task = item->data(0, Qt::UserRole);
        shown.timers << (task.isValid() ? task.toInt() : -1);
        shown.dues << item->text(0);
    }
    return shown;
}

// What the run recorded for the last loop iteration that began at or before `time`, read
// straight from the trace; a timer that has fallen due by `time` has ended its task's sleep
// and is shown at the end of the ready queue.
Shown recordedAt(const Trace& trace, TimeNs time) {
    std::uint32_t iteration = 0;
    bool found = false;
    for (const LoopQueueEntry& e : trace.loopQueues)
        if (e.time <= time) {
            iteration = e.iteration;
            found = true;
        }
    Shown shown;
    QList<int> due;
    for (const LoopQueueEntry& e : trace.loopQueues) {
        if (!found || e.iteration != iteration)
            continue;
        const int task = e.task == kNoTask ? -1 : static_cast<int>(e.task);
        if (e.queue == LoopQueue::Ready)
            shown.ready << task;
        else if (e.due <= time)
            due << task;
        else {
            shown.timers << task;
            shown.dues << QString::fromStdString(formatMoment(e.due));
        }
    }
    shown.ready << due;
    return shown;
}

void scrubTo(TimelineView* timeline, TimeNs t) {
    const TimelineFrame frame = timeline->currentFrame();
    const QPoint at(static_cast<int>(std::lround(frame.scale().timeToX(t))), frame.rulerRect().center().y());
    QTest::mousePress(timeline, Qt::LeftButton, {}, at);
    QTest::mouseRelease(timeline, Qt::LeftButton, {}, at);
}

} // namespace

class TestLoopInsides : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void scrubbingBackwardsRestoresTheRecordedQueuesExactly_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("earlierMs");
        QTest::addColumn<int>("laterMs");
        QTest::newRow("before the freeze, back from the end") << "blocking_sleep" << 100 << 2650;
        QTest::newRow("mid-freeze, back from after it") << "blocking_sleep" << 1000 << 2000;
        QTest::newRow("three timers, back from two") << "taskgroup_calls" << 300 << 1200;
        QTest::newRow("semaphore waiters") << "gather_lock_semaphore" << 450 << 950;
    }
    void scrubbingBackwardsRestoresTheRecordedQueuesExactly() {
        QFETCH(QString, scenario);
        QFETCH(int, earlierMs);
        QFETCH(int, laterMs);
        MainWindow window(demoTraceSources());
        window.resize(1500, 950);
        window.show();
        QVERIFY(uitest::runAndWait(window, scenario));
        uitest::raiseDock(window, "insidesDock");
        const Trace& trace = window.document()->model()->trace();
        QVERIFY(!trace.loopQueues.empty());
        LoopInsidesPanel* panel = window.loopInsidesPanel();

        scrubTo(window.timeline(), uitest::ms(earlierMs));
        const TimeNs earlier = *window.viewState()->playhead();
        const Shown first = shownIn(*panel);
        QCOMPARE(first, recordedAt(trace, earlier));
        QVERIFY(panel->sourceLabel()->text().startsWith(QStringLiteral("Recorded")));

        scrubTo(window.timeline(), uitest::ms(laterMs));
        const Shown later = shownIn(*panel);
        QCOMPARE(later, recordedAt(trace, *window.viewState()->playhead()));
        QVERIFY(later != first);  // the queues did change in between

        scrubTo(window.timeline(), uitest::ms(earlierMs));
        QCOMPARE(*window.viewState()->playhead(), earlier);
        QCOMPARE(shownIn(*panel), first);
        QCOMPARE(shownIn(*panel), recordedAt(trace, earlier));
    }

    void theHolderIsNamedWithItsLineAndAFrozenLoopSaysSo() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        uitest::raiseDock(window, "insidesDock");
        window.viewState()->setPlayhead(uitest::ms(1000));
        const QString holder = window.loopInsidesPanel()->holderLabel()->text();
        QVERIFY2(holder.contains(QStringLiteral("<b>blocker</b> runs, at line 14: time.sleep(1.5)")), qPrintable(holder));
        QVERIFY(holder.contains(QStringLiteral("the loop is frozen")));
        // The heartbeat's sleep ended at 0.5 s: it waits for the loop at the end of the ready queue.
        QCOMPARE(window.loopInsidesPanel()->timerList()->topLevelItemCount(), 0);
        const QListWidget* ready = window.loopInsidesPanel()->readyList();
        QCOMPARE(ready->item(ready->count() - 1)->text(), QStringLiteral("1. heartbeat: its sleep ended at 0.500 s; it waits for the frozen loop"));
    }

    void outsidePlaybackTheTitlesCountNothingOverTheEmptyLists() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        uitest::raiseDock(window, "insidesDock");
        LoopInsidesPanel* panel = window.loopInsidesPanel();
        window.viewState()->setPlayhead(uitest::ms(1000));
        // At the playhead the count and the list agree: the blocker runs (listed, not counted: it
        // has left the queue), the heartbeat waits.
        QCOMPARE(panel->readyTitle()->text(), QStringLiteral("Ready queue: runs next, in this order (%1)").arg(panel->readyList()->count() - 1));
        QCOMPARE(panel->timersTitle()->text(), QStringLiteral("Timer heap: sleeping tasks, by deadline (%1)").arg(panel->timerList()->topLevelItemCount()));
        QVERIFY(panel->readyList()->count() > 0);

        window.viewState()->setPlayhead(std::nullopt);  // playback left: no moment to show
        QCOMPARE(panel->readyList()->count(), 0);
        QCOMPARE(panel->timerList()->topLevelItemCount(), 0);
        QCOMPARE(panel->readyTitle()->text(), QStringLiteral("Ready queue: runs next, in this order"));
        QCOMPARE(panel->timersTitle()->text(), QStringLiteral("Timer heap: sleeping tasks, by deadline"));
    }

    void everyQueuedCallbackSaysWhatItIs() {
        MainWindow window(coreTraceSources());  // the lesson as a script, on the interpreter
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("taskgroup_concurrency")));
        uitest::raiseDock(window, "insidesDock");
        LoopInsidesPanel* panel = window.loopInsidesPanel();
        const Trace& trace = window.document()->model()->trace();
        QStringList rows;
        for (const LoopQueueEntry& e : trace.loopQueues) {
            window.viewState()->setPlayhead(e.time);
            for (int i = 0; i < panel->readyList()->count(); ++i)
                rows << panel->readyList()->item(i)->text();
        }
        // No entry is left unexplained, and the one after main's end is asyncio.run's.
        for (const QString& row : rows)
            QVERIFY2(!row.contains(QStringLiteral("a callback")), qPrintable(row));
        QVERIFY(rows.last().endsWith(QStringLiteral("(main) finished, so the loop stops")));
        QVERIFY(rows.last().contains(QStringLiteral(". asyncio.run's callback: Task-1")));
    }

    void duringAFreezeTheLanesTheQueuesAndTheStatusLineTellOneStory() {
        MainWindow window(coreTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        uitest::raiseDock(window, "insidesDock");
        LoopInsidesPanel* panel = window.loopInsidesPanel();
        const DerivedTrace& model = *window.document()->model();
        auto count = [](const QLabel* title) {
            const QString text = title->text();
            return text.mid(text.lastIndexOf('(') + 1).chopped(1).toUInt();
        };
        // Before, during and after the freeze (0.2 s to 1.7 s): what the panel counts is what
        // the Ready queue and Timers lanes show at that moment.
        for (const int ms : {100, 300, 600, 1000, 1600, 1900, 2400}) {
            window.playback()->seekTime(uitest::ms(ms));
            const TimeNs t = *window.viewState()->playhead();
            QCOMPARE(count(panel->timersTitle()), model.pendingTimers().valueAt(t));
            QCOMPARE(count(panel->readyTitle()), model.readyQueue().valueAt(t));
        }
        // Mid-freeze: the heartbeat's sleep ended at 0.5 s; it waits at the end of the ready
        // queue, not in the heap, and the status line says why it has not run.
        window.playback()->seekTime(uitest::ms(1000));
        QStringList ready;
        for (int i = 0; i < panel->readyList()->count(); ++i)
            ready << panel->readyList()->item(i)->text();
        QCOMPARE(ready, (QStringList{QStringLiteral("▶ Task-3 (slow_step_blocking)  — running now"),
                                     QStringLiteral("1. Task-2 (heartbeat): its sleep ended at 0.500 s; it waits for the frozen loop")}));
        QCOMPARE(panel->timerList()->topLevelItemCount(), 0);
        const QString status = window.playbackBar()->positionLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Task-2 (heartbeat)'s sleep is over, but Task-3 (slow_step_blocking) blocks the "
                                                "loop: it must wait")),
                 qPrintable(status));
        QVERIFY(!status.contains(QStringLiteral("joins the ready queue")));
    }

    // At 1366x768, with its dock made short, the panel scrolls: its wrapped text keeps the height
    // it needs and lies above its lists, never drawn over them.
    void aShortDockScrollsRatherThanOverlapping() {
        MainWindow window(coreTraceSources());
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        uitest::raiseDock(window, "insidesDock");
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("insidesDock"));
        QVERIFY(dock);
        window.resizeDocks({dock}, {140}, Qt::Vertical);
        window.playback()->seekTime(uitest::ms(1000));  // mid-freeze: the longest texts
        QCoreApplication::processEvents();
        LoopInsidesPanel* panel = window.loopInsidesPanel();
        QVERIFY2(dock->height() < 300, qPrintable(QString::number(dock->height())));
        QVERIFY2(panel->height() > dock->height(), qPrintable(QStringLiteral("panel %1 px in a dock of %2 px").arg(panel->height()).arg(dock->height())));
        for (QLabel* label : {panel->sourceLabel(), panel->holderLabel(), panel->readyTitle(), panel->timersTitle()})
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("'%1' is %2 px high and needs %3").arg(label->text()).arg(label->height()).arg(label->heightForWidth(label->width()))));
        auto bottomOf = [&](QWidget* w) { return w->mapTo(panel, QPoint(0, w->height())).y(); };
        auto topOf = [&](QWidget* w) { return w->mapTo(panel, QPoint()).y(); };
        QVERIFY(bottomOf(panel->holderLabel()) <= topOf(panel->readyTitle()));
        QVERIFY(bottomOf(panel->readyTitle()) <= topOf(panel->readyList()));
        QVERIFY(bottomOf(panel->readyList()) <= topOf(panel->timersTitle()));
    }

    void whoAwaitsWhomFollowsThePlayhead() {
        const auto model = uitest::demoModel("taskgroup_calls");
        auto edges = [&](TimeNs t) {
            QStringList out;
            for (const AwaitEdge& edge : loopInsidesAt(*model, PlayheadState(*model, t)).waits) {
                QStringList targets;
                for (TaskId target : edge.targets)
                    targets << QString::fromStdString(model->taskName(target));
                out << QString::fromStdString(model->taskName(edge.waiter) + " awaits " + edge.what) + " -> " + targets.join(',');
            }
            return out;
        };
        QCOMPARE(edges(uitest::ms(200)), QStringList({"Task-1 awaits TaskGroup -> weather,news,stocks"}));
        QCOMPARE(edges(uitest::ms(1200)), QStringList({"Task-1 awaits TaskGroup -> news"}));

        // The panel names a task as its lane does: asyncio's made-up name with the coroutine.
        TraceDocument document;
        ViewState view;
        LoopInsidesPanel panel(&document, &view);
        panel.show();
        document.setModel(model, DocumentOrigin::Scenario, QStringLiteral("taskgroup_calls"));
        view.setPlayhead(uitest::ms(1200));
        QCOMPARE(panel.awaitList()->count(), 1);
        QVERIFY2(panel.awaitList()->item(0)->text().startsWith(QStringLiteral("Task-1 (main) awaits TaskGroup")),
                 qPrintable(panel.awaitList()->item(0)->text()));
    }

    void withoutRecordedQueuesItShowsALabelledApproximation() {
        auto trace = std::make_shared<Trace>(recordDemoScenario(*findDemoScenario("blocking_sleep")));
        trace->loopQueues.clear();  // as a CPython recording would be
        const DerivedTrace model(trace);
        const TaskId heartbeat = uitest::taskNamed(model, "heartbeat");
        const TaskId blocker = uitest::taskNamed(model, "blocker");
        const LoopInsides early = loopInsidesAt(model, PlayheadState(model, uitest::ms(100)));
        QVERIFY(!early.recorded);
        QVERIFY(early.ready.empty());
        QCOMPARE(early.timers, (std::vector<QueuedCallback>{{blocker, uitest::ms(200), CallbackKind::TimerDue},
                                                             {heartbeat, uitest::ms(500), CallbackKind::TimerDue}}));
        const LoopInsides frozen = loopInsidesAt(model, PlayheadState(model, uitest::ms(1000)));
        QCOMPARE(frozen.ready, (std::vector<QueuedCallback>{{heartbeat, 0, CallbackKind::TaskStep}}));
        QVERIFY(frozen.timers.empty());
        QCOMPARE(frozen.holder, blocker);
        QVERIFY(frozen.holderBlocking);

        TraceDocument document;
        ViewState view;
        LoopInsidesPanel panel(&document, &view);
        panel.show();
        document.setModel(std::make_shared<const DerivedTrace>(trace), DocumentOrigin::Recorded, QStringLiteral("cpython"));
        view.setPlayhead(uitest::ms(1000));
        QVERIFY(panel.sourceLabel()->text().startsWith(QStringLiteral("Approximation")));
        QCOMPARE(panel.readyList()->item(0)->text(), QStringLiteral("1. heartbeat"));
    }
    // A browser's trace has threads and slices, not an event loop: no loop rows, no words about
    // awaits and holding the loop, and a Loop Insides panel that says why it has nothing to show.
    void aBrowserTraceHasNoEventLoopToShow() {
        LoadResult loaded = loadTraceFile(TEST_DATA_DIR "/chrome/Chrome_65_simple-timeline.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QVERIFY(!loaded.trace.metadata.fromAsyncio());
        QVERIFY(!loaded.trace.awaits.empty());
        const auto model = std::make_shared<const DerivedTrace>(std::make_shared<Trace>(std::move(loaded.trace)));
        QCOMPARE(QString::fromStdString(awaitPhrase(model->trace(), 0)), QStringLiteral("idle"));

        const TimelineLayout layout(*model, {});
        QVERIFY(!layout.asyncioWords());
        QCOMPARE(layout.pinnedHeight(), 0);
        for (const LayoutRow& row : layout.rows())
            QVERIFY(row.kind == RowKind::Task || row.kind == RowKind::Group);
        QStringList legend;
        for (const LegendEntry& entry : legendEntries(false))
            legend << entry.text;
        QCOMPARE(legend, QStringList({"busy (in a slice)", "idle", "flow"}));

        TraceDocument document;
        ViewState view;
        LoopInsidesPanel panel(&document, &view);
        panel.show();
        document.setModel(model, DocumentOrigin::File, QStringLiteral("Chrome_65_simple-timeline.json"));
        view.setPlayhead(uitest::ms(100));
        QVERIFY(!panel.loopParts()->isVisible());
        QCOMPARE(panel.sourceLabel()->text(),
                 QStringLiteral("This trace was not recorded from an asyncio program (it was read from Chrome Trace Event "
                                "JSON): it has no event loop, ready queue or timers to look inside."));
        QCOMPARE(panel.readyList()->count(), 0);
    }
};

QTEST_MAIN(TestLoopInsides)
#include "tst_loop_insides.moc"
