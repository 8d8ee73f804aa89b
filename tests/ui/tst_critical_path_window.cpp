// The critical path in the window: View > Critical Path draws it on the timeline (and is
// remembered), the legend names it, hovering a link says what it is, Details gives the path's
// sentences; ] and [ (or the lesson's link, or the walk's bar) walk it link by link, each step
// selecting the link's task and bringing the link into view.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "app/NoticeBar.h"
#include "app/TraceSources.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/DetailsPanel.h"
#include "panels/LessonPanel.h"
#include "teaching/CriticalPathWalk.h"
#include "timeline/ArrowGeometry.h"
#include "timeline/Legend.h"
#include "timeline/TimelineView.h"

#include <QAction>
#include <QPushButton>
#include <QToolButton>
#include <QSettings>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

const std::vector<CriticalSegment>& linksOf(const MainWindow& window) {
    return window.document()->model()->analysis().criticalPath.segments;
}

// The link of web_search's 0.9 s sleep (Task-2, the slowest tool).
std::size_t searchLink(const MainWindow& window) {
    const auto& links = linksOf(window);
    for (std::size_t i = 0; i < links.size(); ++i)
        if (links[i].task == 1 && links[i].state == SpanState::Awaiting)
            return i;
    return links.size();
}

using uitest::distance;

} // namespace

class TestCriticalPathWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); }

    void theToggleDrawsThePathAndIsRemembered() {
        {
            MainWindow window(coreTraceSources());
            window.resize(1400, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(uitest::runAndWait(window, QStringLiteral("agent_loop")));
            TimelineView* timeline = window.timeline();
            QAction* toggle = window.criticalPathAction();
            QVERIFY(toggle->isCheckable() && toggle->isEnabled() && !toggle->isChecked());
            const std::size_t entries = timeline->currentFrame().geo().legendPlacements.size();
            const QImage before = timeline->grab().toImage();

            toggle->trigger();
            QVERIFY(window.viewState()->showsCriticalPath());
            QCoreApplication::processEvents();
            const QImage after = timeline->grab().toImage();
            const TimelineFrame frame = timeline->currentFrame();
            QCOMPARE(frame.geo().legendPlacements.size(), entries + 1);
            QCOMPARE(legendEntries(true, true).back().swatch, LegendSwatch::CriticalPath);

            // Just above the bar of web_search's sleep: the path's colour, not before.
            QVERIFY(searchLink(window) < linksOf(window).size());
            const CriticalSegment& link = linksOf(window)[searchLink(window)];
            const auto bar = stateBarOf(frame, link.task, false);
            QVERIFY(bar);
            const qreal ratio = after.devicePixelRatio();
            const int x = static_cast<int>(frame.scale().timeToX(link.begin + link.duration() / 2));
            const int y = static_cast<int>(bar->top) - 3;  // the ring around the bar
            const QColor path = timeline->timelineStyle().criticalPath;
            QVERIFY2(distance(after.pixel(QPoint(x, y) * ratio), path) <= 30, qPrintable(QColor(after.pixel(QPoint(x, y) * ratio)).name()));
            QVERIFY(distance(before.pixel(QPoint(x, y) * ratio), path) > 120);

            // Hovering it says what it is.
            const QString tip = timeline->toolTipAt(QPoint(x, static_cast<int>(bar->centre())));
            QVERIFY2(tip.startsWith(QStringLiteral("<b>On the critical path:</b> Task-2 (web_search) awaits asyncio.sleep at line 23, 0.9 s")),
                     qPrintable(tip));

            // Details, with nothing selected, gives the path in sentences.
            const QString details = window.detailsPanel()->toPlainText();
            QVERIFY2(details.contains(QStringLiteral("Critical path")), qPrintable(details));
            QVERIFY2(details.contains(QStringLiteral("the chain of work and waiting that set it")), qPrintable(details));
            QVERIFY2(details.contains(QStringLiteral("Its longest link is Task-1 (main)'s await asyncio.sleep at line 18 (1 s)")),
                     qPrintable(details));
            window.close();
        }
        MainWindow again(coreTraceSources());
        QVERIFY(again.viewState()->showsCriticalPath());
        QVERIFY(again.criticalPathAction()->isChecked());
    }

    void bracketKeysWalkThePathLinkByLink() {
        MainWindow window(coreTraceSources());
        window.resize(1400, 900);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(uitest::runAndWait(window, QStringLiteral("agent_loop")));
        TimelineView* timeline = window.timeline();
        timeline->setFocus();
        QVERIFY(!window.walkBar()->isVisible());
        const auto& all = linksOf(window);
        const std::vector<std::size_t> stops = window.criticalPathWalk()->stops();
        std::vector<CriticalSegment> links;
        for (std::size_t i : stops)
            links.push_back(all[i]);
        QVERIFY(links.size() >= 3);
        for (std::size_t i = 0; i < links.size(); ++i) {
            QTest::keyClick(timeline, Qt::Key_BracketRight);
            QCOMPARE(window.criticalPathWalk()->link(), std::optional<std::size_t>(stops[i]));
            QVERIFY(window.viewState()->showsCriticalPath());
            QCOMPARE(window.viewState()->selection().task, links[i].task);
            const TimeRange visible = window.viewState()->visibleRange();
            QVERIFY(visible.begin <= links[i].begin && links[i].end <= visible.end);
            QVERIFY(window.walkBar()->isVisible());
            QVERIFY2(window.walkBar()->message().startsWith(QStringLiteral("Critical path, stop %1 of %2 (link %3 of %4")
                                                                .arg(i + 1)
                                                                .arg(links.size())
                                                                .arg(stops[i] + 1)
                                                                .arg(all.size())),
                     qPrintable(window.walkBar()->message()));
            QVERIFY2(window.detailsPanel()->toPlainText().contains(QStringLiteral("On the critical path (link %1 of %2").arg(stops[i] + 1).arg(all.size())),
                     qPrintable(window.detailsPanel()->toPlainText()));
        }
        QTest::keyClick(timeline, Qt::Key_BracketLeft);
        QCOMPARE(window.criticalPathWalk()->link(), std::optional<std::size_t>(stops[stops.size() - 2]));
        QCOMPARE(window.viewState()->selection().task, links[links.size() - 2].task);

        // The bar's buttons step too; its close button ends the walk and keeps the path shown.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);  // the buttons of the steps before
        auto* previous = window.walkBar()->findChild<QPushButton*>(QStringLiteral("previousLink"));
        QVERIFY(previous && previous->isEnabled());
        previous->click();
        QCOMPARE(window.criticalPathWalk()->link(), std::optional<std::size_t>(stops[stops.size() - 3]));
        window.walkBar()->closeButton()->click();
        QCOMPARE(window.criticalPathWalk()->link(), std::nullopt);
        QVERIFY(!window.walkBar()->isVisible());
        QVERIFY(window.viewState()->showsCriticalPath());

        // Another run: the walk stops at that run's own links.
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        const CriticalPath& path = window.document()->model()->analysis().criticalPath;
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < path.segments.size(); ++i)
            if (static_cast<double>(path.segments[i].duration()) >= static_cast<double>(path.total()) * CriticalPathWalk::kMinStopShare)
                expected.push_back(i);
        QVERIFY(!expected.empty());
        QVERIFY(expected != stops);
        QCOMPARE(window.criticalPathWalk()->stops(), expected);
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_BracketRight);
        QCOMPARE(window.criticalPathWalk()->link(), std::optional<std::size_t>(expected.front()));
        QCOMPARE(window.viewState()->selection().task, path.segments[expected.front()].task);
    }

    void theLessonsLinkStartsTheWalk() {
        MainWindow window(coreTraceSources());
        window.resize(1400, 900);
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("agent_loop")));
        QVERIFY(window.lessonPanel()->toHtml().contains(QStringLiteral("walk:path")));
        emit window.lessonPanel()->anchorClicked(QUrl(QStringLiteral("walk:path")));
        QCOMPARE(window.criticalPathWalk()->link(), std::optional<std::size_t>(window.criticalPathWalk()->stops().front()));
        QCOMPARE(window.viewState()->selection().task, linksOf(window)[window.criticalPathWalk()->stops().front()].task);
        // A new run ends the walk.
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        QCOMPARE(window.criticalPathWalk()->link(), std::nullopt);
    }
};

QTEST_MAIN(TestCriticalPathWindow)
#include "tst_critical_path_window.moc"
