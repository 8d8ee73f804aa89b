// The timeline widget under mouse and keys, the way Perfetto users drive it, and the code
// panel following a click.
#include "UiTestSupport.h"

#include "MainWindow.h"
#include "model/SelectionInfo.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/CodePanel.h"
#include "timeline/ArrowGeometry.h"
#include "timeline/HitTest.h"
#include "timeline/LaneHeader.h"
#include "timeline/Legend.h"
#include "timeline/TimelineStyle.h"
#include "timeline/TimelineView.h"

#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/io/TraceFile.h>

#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

void sendMouse(QWidget* widget, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, QPointF(pos), widget->mapToGlobal(QPointF(pos)), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

void click(QWidget* widget, QPoint pos, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    sendMouse(widget, QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton, modifiers);
    sendMouse(widget, QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton, modifiers);
}

void wheel(QWidget* widget, QPoint pos, int delta, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWheelEvent event(QPointF(pos), widget->mapToGlobal(QPointF(pos)), QPoint(), QPoint(0, delta), Qt::NoButton, modifiers,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

// A timeline with its document and view state, at a fixed size.
struct Fixture {
    TraceDocument document;
    ViewState view;
    TimelineView timeline{&document, &view};
    explicit Fixture(const char* demo) {
        QObject::connect(&document, &TraceDocument::documentChanged, &view, [this] { view.reset(document.model()->range()); });
        document.setModel(uitest::demoModel(demo), DocumentOrigin::Scenario, QString::fromLatin1(demo), QString::fromLatin1(demo));
        timeline.resize(1400, 700);
        timeline.show();
    }
    TaskId task(const char* name) const { return uitest::taskNamed(*document.model(), name); }
};

} // namespace

class TestTimelineView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void wheelZoomKeepsTheTimeUnderTheCursor_data() {
        QTest::addColumn<int>("x");
        QTest::addColumn<int>("delta");
        QTest::addColumn<bool>("ctrl");
        QTest::newRow("zoom in, left part") << 420 << 120 << false;
        QTest::newRow("zoom in, right part") << 1300 << 240 << false;
        QTest::newRow("zoom out") << 800 << -120 << false;
        QTest::newRow("Ctrl+wheel zooms too") << 700 << 120 << true;
    }
    void wheelZoomKeepsTheTimeUnderTheCursor() {
        QFETCH(int, x);
        QFETCH(int, delta);
        QFETCH(bool, ctrl);
        Fixture f("blocking_sleep");
        f.view.zoomTo({uitest::ms(300), uitest::ms(2000)});  // room to zoom out too
        const TimeRange before = f.view.visibleRange();
        const TimeNs under = f.timeline.currentFrame().scale().xToTime(x);
        const QPoint point(x, f.timeline.currentFrame().taskPlotRect().top() + 20);
        wheel(&f.timeline, point, delta, ctrl ? Qt::ControlModifier : Qt::NoModifier);
        const TimeRange after = f.view.visibleRange();
        QVERIFY(delta > 0 ? after.duration() < before.duration() : after.duration() > before.duration());
        const double pixel = f.timeline.currentFrame().scale().timeToX(under);
        QVERIFY2(std::abs(pixel - x) <= 1.0, qPrintable(QString::number(pixel)));
    }

    void keysZoomAndPan() {
        Fixture f("blocking_sleep");
        f.view.zoomTo({uitest::ms(500), uitest::ms(1500)});
        const TimeRange start = f.view.visibleRange();
        QTest::keyClick(&f.timeline, Qt::Key_W);
        QVERIFY(f.view.visibleRange().duration() < start.duration());
        QTest::keyClick(&f.timeline, Qt::Key_S);
        QVERIFY(std::abs(f.view.visibleRange().duration() - start.duration()) <= 2);
        const TimeRange beforePan = f.view.visibleRange();
        QTest::keyClick(&f.timeline, Qt::Key_D);
        QCOMPARE(f.view.visibleRange().begin - beforePan.begin, static_cast<TimeNs>(beforePan.duration() * 0.15));
        QTest::keyClick(&f.timeline, Qt::Key_A);
        QCOMPARE(f.view.visibleRange().begin, beforePan.begin);
        QTest::keyClick(&f.timeline, Qt::Key_F);  // nothing selected: fit everything
        QCOMPARE(f.view.visibleRange(), fitAllRange(f.document.model()->range()));
    }

    void draggingPansByThePixelsMoved() {
        Fixture f("blocking_sleep");
        f.view.zoomTo({uitest::ms(500), uitest::ms(1500)});
        const TimeRange before = f.view.visibleRange();
        const double nsPerPixel = f.timeline.currentFrame().scale().nsPerPixel();
        const int y = f.timeline.currentFrame().taskPlotRect().top() + 100;
        sendMouse(&f.timeline, QEvent::MouseButtonPress, {800, y}, Qt::LeftButton, Qt::LeftButton);
        sendMouse(&f.timeline, QEvent::MouseMove, {700, y}, Qt::NoButton, Qt::LeftButton);
        sendMouse(&f.timeline, QEvent::MouseButtonRelease, {700, y}, Qt::LeftButton, Qt::NoButton);
        const TimeNs moved = f.view.visibleRange().begin - before.begin;
        QVERIFY(std::abs(static_cast<double>(moved) - 100 * nsPerPixel) <= nsPerPixel);
        QVERIFY(f.view.selection().isEmpty());  // a drag is not a click
    }

    // A browser's thread names are longer than the default headers: dragging their edge widens
    // them (and is remembered), a double-click on it fits the names on screen.
    void theHeadersEdgeDragsAndADoubleClickFitsTheNames() {
        QSettings().remove(QStringLiteral("timeline/headerWidth"));
        LoadResult loaded = loadTraceFile(TEST_DATA_DIR "/chrome/Chrome_65_simple-timeline.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        TraceDocument document;
        ViewState view;
        document.setModel(std::make_shared<const DerivedTrace>(std::make_shared<Trace>(std::move(loaded.trace))),
                          DocumentOrigin::File, QStringLiteral("chrome"));
        view.reset(document.model()->range());
        TimelineView timeline(&document, &view);
        timeline.resize(1400, 700);
        timeline.show();
        QCOMPARE(timeline.currentFrame().headerWidth(), 230);
        const int edge = timeline.currentFrame().plotRect().left();
        const int y = timeline.currentFrame().taskPlotRect().top() + 10;
        sendMouse(&timeline, QEvent::MouseMove, {edge + 1, y}, Qt::NoButton, Qt::NoButton);
        QCOMPARE(timeline.cursor().shape(), Qt::SplitHCursor);
        const TimeRange before = view.visibleRange();
        sendMouse(&timeline, QEvent::MouseButtonPress, {edge + 1, y}, Qt::LeftButton, Qt::LeftButton);
        sendMouse(&timeline, QEvent::MouseMove, {edge + 151, y}, Qt::NoButton, Qt::LeftButton);
        sendMouse(&timeline, QEvent::MouseButtonRelease, {edge + 151, y}, Qt::LeftButton, Qt::NoButton);
        QCOMPARE(timeline.currentFrame().headerWidth(), edge + 151);
        QCOMPARE(view.visibleRange(), before);  // resizing is not panning
        QCOMPARE(QSettings().value(QStringLiteral("timeline/headerWidth")).toInt(), edge + 151);
        {
            TimelineView again(&document, &view);
            again.resize(1400, 700);
            QCOMPARE(again.currentFrame().headerWidth(), edge + 151);
        }
        // No wider than 3/5 of the timeline, however far it is dragged.
        timeline.setHeaderWidth(5000);
        QCOMPARE(timeline.currentFrame().headerWidth(), timeline.currentFrame().rect.width() * 3 / 5);

        const int newEdge = timeline.currentFrame().plotRect().left();
        sendMouse(&timeline, QEvent::MouseButtonDblClick, {newEdge, y}, Qt::LeftButton, Qt::LeftButton);
        const int fitted = timeline.currentFrame().headerWidth();
        const QFontMetrics bold(timeline.timelineStyle().boldFont);
        // The longest thread name on screen, cut to "Browser / Chrome_DevTool…" by the default width.
        const QString longName = QStringLiteral("Browser / Chrome_DevToolsHandlerThread");
        QVERIFY(bold.horizontalAdvance(longName) + 31 > 230);
        QVERIFY2(fitted >= bold.horizontalAdvance(longName) + 31, qPrintable(QString::number(fitted)));
        QVERIFY(fitted < timeline.currentFrame().rect.width() * 3 / 5);
        QCOMPARE(timeline.currentFrame().headerWidth(), timeline.fittingHeaderWidth());
    }

    void shiftDragMeasuresARange() {
        Fixture f("blocking_sleep");
        const TimeScale scale = f.timeline.currentFrame().scale();
        const int y = f.timeline.currentFrame().taskPlotRect().top() + 100;
        sendMouse(&f.timeline, QEvent::MouseButtonPress, {900, y}, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
        sendMouse(&f.timeline, QEvent::MouseMove, {600, y}, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
        sendMouse(&f.timeline, QEvent::MouseButtonRelease, {600, y}, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
        QVERIFY(f.view.measuredRange().has_value());
        QCOMPARE(f.view.measuredRange()->begin, scale.xToTime(600));
        QCOMPARE(f.view.measuredRange()->end, scale.xToTime(900));
        QCOMPARE(f.view.visibleRange(), fitAllRange(f.document.model()->range()));  // measuring does not pan
    }

    void clickingASpanSelectsItsTaskAndShowsItsLine_data() {
        QTest::addColumn<QString>("task");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("lineText");
        QTest::newRow("heartbeat awaiting its second sleep") << "heartbeat" << qint64(2000) << int(SelectionKind::Span) << 7
                                                             << "await asyncio.sleep(0.5)";
        QTest::newRow("heartbeat ready, waiting for the loop") << "heartbeat" << qint64(1000) << int(SelectionKind::Span) << 7
                                                               << "await asyncio.sleep(0.5)";
        QTest::newRow("blocker inside time.sleep") << "blocker" << qint64(1000) << int(SelectionKind::Block) << 14 << "time.sleep(1.5)";
        QTest::newRow("main awaiting the TaskGroup") << "Task-1" << qint64(2500) << int(SelectionKind::Span) << 20
                                                     << "async with asyncio.TaskGroup()";
    }
    void clickingASpanSelectsItsTaskAndShowsItsLine() {
        QFETCH(QString, task);
        QFETCH(qint64, ms);
        QFETCH(int, kind);
        QFETCH(int, line);
        QFETCH(QString, lineText);
        MainWindow window(demoTraceSources());
        window.resize(1600, 1000);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.runScenario(QStringLiteral("blocking_sleep"));
        QVERIFY(loaded.wait(10000));
        const TaskId id = uitest::taskNamed(*window.document()->model(), task.toStdString());
        QVERIFY(id != kNoTask);
        const QPoint point = window.timeline()->pointAt(id, uitest::ms(ms));
        QVERIFY(window.timeline()->rect().contains(point));
        click(window.timeline(), point);
        QCOMPARE(int(window.viewState()->selection().kind), kind);
        QCOMPARE(window.viewState()->selection().task, id);
        QCOMPARE(window.codePanel()->highlightedLine(), line);
        QVERIFY2(window.codePanel()->lineText(line).contains(lineText), qPrintable(window.codePanel()->lineText(line)));
    }

    void clickingTheFrozenLoopSelectsTheStretch() {
        Fixture f("blocking_sleep");
        const LayoutRow& loop = f.timeline.layout()->rows().front();
        const int y = f.timeline.currentFrame().rowTop(loop) + loop.height / 2;
        const int x = static_cast<int>(f.timeline.currentFrame().scale().timeToX(uitest::ms(900)));
        click(&f.timeline, {x, y});
        QCOMPARE(f.view.selection().kind, SelectionKind::Frozen);
        QCOMPARE(f.view.selection().task, f.task("blocker"));
    }

    void clickingAGhostSelectsTheNeverAwaitedCoroutine() {
        MainWindow window(demoTraceSources());
        window.resize(1600, 1000);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadFinished);
        window.runScenario(QStringLiteral("never_awaited"));
        QVERIFY(loaded.wait(10000));
        const auto& model = *window.document()->model();
        QCOMPARE(model.trace().neverAwaited.size(), std::size_t(1));
        click(window.timeline(), window.timeline()->pointAt(model.trace().neverAwaited[0].task, model.trace().neverAwaited[0].created,
                                                            TimelineView::LanePart::Ghosts));
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::NeverAwaited);
        QCOMPARE(window.codePanel()->highlightedLine(), 10);
        QVERIFY(window.codePanel()->lineText(10).contains("save(\"draft\")"));
    }

    void theCollapseToggleHidesAndShowsChildren() {
        Fixture f("taskgroup_calls");
        const TimelineLayout* layout = f.timeline.layout();
        const std::size_t rows = layout->rows().size();
        const LayoutRow& main = layout->rows()[layout->firstTaskRow()];
        QVERIFY(main.hasChildren);
        const QPoint toggle(8 + main.treeDepth * 14, f.timeline.currentFrame().rowTop(main) + main.height / 2 - 4);
        click(&f.timeline, toggle);
        QCOMPARE(f.timeline.layout()->rows().size(), f.timeline.layout()->firstTaskRow() + 1);
        QVERIFY(f.view.selection().isEmpty());  // toggling is not selecting
        click(&f.timeline, toggle);
        QCOMPARE(f.timeline.layout()->rows().size(), rows);
    }

    void findSelectsTheNextTaskWhoseNameMatches() {
        Fixture f("gather_lock_semaphore");
        QTest::keyClick(&f.timeline, Qt::Key_F, Qt::ControlModifier);
        auto* edit = f.timeline.findChild<QLineEdit*>(QStringLiteral("findEdit"));
        QVERIFY(edit && edit->isVisible());
        QTest::keyClicks(edit, QStringLiteral("task-3"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(f.view.selection().kind, SelectionKind::Task);
        QCOMPARE(f.view.selection().task, f.task("Task-3"));
        // The coroutine name matches too; Enter moves on to the next match.
        QVERIFY(f.timeline.findNext(QStringLiteral("FETCH")));
        QCOMPARE(f.view.selection().task, f.task("Task-4"));
        QVERIFY(!f.timeline.findNext(QStringLiteral("no such task")));
    }

    void arrowsStepToTheNeighbouringEventAndTask() {
        Fixture f("blocking_sleep");
        const TaskId heartbeat = f.task("heartbeat");
        f.view.select(Selection::of(SelectionKind::Span, heartbeat, 1));
        QTest::keyClick(&f.timeline, Qt::Key_Right);
        QCOMPARE(f.view.selection(), Selection::of(SelectionKind::Span, heartbeat, 2));
        QTest::keyClick(&f.timeline, Qt::Key_Left);
        QTest::keyClick(&f.timeline, Qt::Key_Left);
        QCOMPARE(f.view.selection(), Selection::of(SelectionKind::Span, heartbeat, 0));
        QTest::keyClick(&f.timeline, Qt::Key_Left);  // no event before the first: stays
        QCOMPARE(f.view.selection(), Selection::of(SelectionKind::Span, heartbeat, 0));
        QTest::keyClick(&f.timeline, Qt::Key_Down);  // the blocker's span at the same moment
        QCOMPARE(f.view.selection().task, f.task("blocker"));
        QCOMPARE(f.view.selection().kind, SelectionKind::Span);
    }

    void fFitsTheSelection() {
        Fixture f("blocking_sleep");
        const TaskId blocker = f.task("blocker");
        const auto& lane = f.document.model()->index().lane(blocker);
        std::uint32_t running = 0;
        while (lane.spans[running].state != SpanState::Running || lane.spans[running].duration() == 0)
            ++running;
        f.view.select(Selection::of(SelectionKind::Span, blocker, running));
        QTest::keyClick(&f.timeline, Qt::Key_F);
        const TimeRange visible = f.view.visibleRange();
        QVERIFY(visible.begin < lane.spans[running].begin && visible.begin > lane.spans[running].begin - uitest::ms(200));
        QVERIFY(visible.end > lane.spans[running].end && visible.end < lane.spans[running].end + uitest::ms(200));
    }

    void hoveringReportsTheTimeAndExplains() {
        Fixture f("blocking_sleep");
        const QPoint point = f.timeline.pointAt(f.task("heartbeat"), uitest::ms(1000));
        sendMouse(&f.timeline, QEvent::MouseMove, point, Qt::NoButton, Qt::NoButton);
        QVERIFY(f.view.hoverTime().has_value());
        QVERIFY(std::abs(*f.view.hoverTime() - uitest::ms(1000)) <= static_cast<TimeNs>(f.timeline.currentFrame().scale().nsPerPixel()));
        QHelpEvent help(QEvent::ToolTip, point, f.timeline.mapToGlobal(point));
        QApplication::sendEvent(&f.timeline, &help);
        QVERIFY2(QToolTip::text().contains("ready, waiting for the loop"), qPrintable(QToolTip::text()));
    }

    void creationsAndWakeUpsAreDrawnApartAndNamed() {
        Fixture f("gather_lock_semaphore");  // tasks made at once, then woken by each other's lock
        const auto& arrows = f.document.model()->arrows();
        QVERIFY(std::any_of(arrows.begin(), arrows.end(), [](const WakeArrow& a) { return a.creation(); }));
        QVERIFY(std::any_of(arrows.begin(), arrows.end(), [](const WakeArrow& a) { return !a.creation(); }));
        // Each kind in a colour nothing else uses: the pixels of that colour are its arrows.
        const QColor marker(255, 0, 255);
        auto markedPixels = [&](bool creations) {
            TimelineStyle style = TimelineStyle::light();
            (creations ? style.creationArrow : style.arrow) = marker;
            f.timeline.setStyle(style);
            const QImage image = f.timeline.grab().toImage();
            const QRect plot = f.timeline.currentFrame().taskPlotRect();
            int count = 0;
            for (int y = plot.top(); y <= plot.bottom(); ++y)
                for (int x = plot.left(); x <= plot.right(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    count += std::abs(c.red() - 255) + c.green() + std::abs(c.blue() - 255) < 60;
                }
            return count;
        };
        QVERIFY(markedPixels(true) > 0);
        QVERIFY(markedPixels(false) > 0);
        // The legend says which is which, and hovering a new task's wait says it was created.
        const auto& entries = legendEntries();
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const LegendEntry& e) { return e.swatch == LegendSwatch::Created && e.text == QStringLiteral("created it"); }));
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const LegendEntry& e) { return e.swatch == LegendSwatch::WakeUp && e.text == QStringLiteral("woke it"); }));
        const DerivedTrace& model = *f.document.model();
        int created = 0, woken = 0;
        for (TaskId task = 0; task < model.taskCount(); ++task) {
            const auto& spans = model.index().lane(task).spans;
            for (std::uint32_t i = 0; i < spans.size(); ++i) {
                if (spans[i].state != SpanState::Ready)
                    continue;
                const SelectionInfo info = describeSelection(model, Selection::of(SelectionKind::Span, task, i));
                for (const auto& [label, value] : info.facts) {
                    created += label == QStringLiteral("Arrow") && value.startsWith(QStringLiteral("dashed: created by"));
                    woken += label == QStringLiteral("Woken by") && value.endsWith(QStringLiteral("(solid arrow)"));
                }
            }
        }
        QVERIFY(created > 0);
        QVERIFY(woken > 0);
    }

    // An arrow under the mouse says what it is: who woke or created whom, and when.
    void hoveringAnArrowSaysWhoWokeOrCreatedWhom() {
        Fixture f("gather_lock_semaphore");
        const DerivedTrace& model = *f.document.model();
        const TimelineFrame frame = f.timeline.currentFrame();
        const ArrowsInView view = arrowsInView(frame);
        for (const bool creation : {false, true}) {
            std::optional<std::size_t> found;
            QPointF middle;
            for (const WakeArrow& arrow : view.arrows) {
                const auto place = placeArrow(frame, view, arrow);
                if (arrow.creation() != creation || !place || std::abs(place->y1 - place->y0) < 30)
                    continue;
                middle = arrowCurve(frame.scale(), arrow, place->y0, place->y1).pointAtPercent(0.5);
                found = static_cast<std::size_t>(&arrow - model.arrows().data());
                break;
            }
            QVERIFY2(found, creation ? "no creation arrow to hover" : "no wake-up arrow to hover");
            const Hit hit = hitTest(frame, middle.toPoint());
            QCOMPARE(hit.arrow, found);
            const WakeArrow& arrow = model.arrows()[*found];
            const QString title = arrowTitle(model, arrow);
            QVERIFY2(title.contains(creation ? QStringLiteral(" created ") : QStringLiteral(" woke ")), qPrintable(title));
            QVERIFY(title.startsWith(QString::fromStdString(taskLabel(model.trace(), arrow.from))));
            QHelpEvent help(QEvent::ToolTip, middle.toPoint(), f.timeline.mapToGlobal(middle.toPoint()));
            QApplication::sendEvent(&f.timeline, &help);
            QVERIFY2(QToolTip::text().contains(title.toHtmlEscaped()), qPrintable(QToolTip::text()));
            QVERIFY(QToolTip::text().contains(QString::fromStdString(formatMoment(arrow.cause))));
            // Off the curve, the arrow is not hit.
            QVERIFY(hitTest(frame, (middle + QPointF(40, 0)).toPoint()).arrow != found);
        }
    }

    void lanesAreCachedUntilTheViewChanges() {
        Fixture f("taskgroup_calls");
        f.timeline.grab();
        const int misses = f.timeline.cache().misses();
        f.view.setHoverTime(uitest::ms(700));  // an overlay change only
        f.timeline.grab();
        QCOMPARE(f.timeline.cache().misses(), misses);
        QVERIFY(f.timeline.cache().hits() > 0);
        f.view.zoomAround(uitest::ms(700), 2.0);
        f.timeline.grab();
        QVERIFY(f.timeline.cache().misses() > misses);
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timeline_view.moc"
