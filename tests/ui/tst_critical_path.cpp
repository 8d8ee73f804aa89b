// The critical path in the timeline, without a window: shown, each link is outlined in the
// path's colour on its task's state bar and the lanes off the path are washed out, in both
// themes; the legend names it only while it is shown; hovering a link finds it and says what it
// is; a walk along it selects each link's task in order and brings the link into view.
#include "UiTestSupport.h"

#include "app/TimelineRenderer.h"
#include "model/CriticalPathText.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "teaching/CriticalPathWalk.h"
#include "timeline/ArrowGeometry.h"
#include "timeline/HitTest.h"
#include "timeline/Legend.h"
#include "timeline/TimelineFrame.h"

#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/script/Scenarios.h>

#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

// The agent_loop lesson as the window runs it: its path runs from main through the slowest tool
// back to main.
std::shared_ptr<const DerivedTrace> agentLoop() {
    static const std::shared_ptr<const DerivedTrace> model = [] {
        const Scenario* scenario = findScenario("agent_loop");
        ScriptRunOptions options;
        options.fileName = scenario->fileName;
        auto trace = std::make_shared<const Trace>(runScript(scenario->source, options).trace);
        return std::make_shared<const DerivedTrace>(trace);
    }();
    return model;
}

const std::vector<CriticalSegment>& linksOf(const DerivedTrace& model) { return model.analysis().criticalPath.segments; }

using uitest::distance;

QString colourAt(const QImage& image, int x, int y) {
    return QStringLiteral("(%1,%2) %3").arg(x).arg(y).arg(QColor(image.pixel(x, y)).name());
}

// The frame a render with `options` paints, kept with what it points into.
struct Rendered {
    TimelineStyle style;
    TimelineLayout layout;
    TimelineFrame frame;
    QImage image;
    Rendered(const DerivedTrace& model, const RenderOptions& options)
        : style(options.dark ? TimelineStyle::darkStyle() : TimelineStyle::light()), layout(model, options.collapsedTasks),
          frame(renderFrame(model, options, layout, style)), image(renderTimelineImage(model, options)) {
        frame.showCriticalPath = options.criticalPath;
    }
};

// The link of web_search's 0.9 s sleep: the slowest tool, on the path between main's two
// LLM calls.
std::size_t searchLink(const DerivedTrace& model) {
    const auto& links = linksOf(model);
    const TaskId search = uitest::taskNamed(model, "Task-2");
    for (std::size_t i = 0; i < links.size(); ++i)
        if (links[i].task == search && links[i].state == SpanState::Awaiting)
            return i;
    return links.size();
}

} // namespace

class TestCriticalPath : public QObject {
    Q_OBJECT
private slots:
    void agentLoopsPathRunsThroughTheSlowestTool() {
        const auto model = agentLoop();
        const auto& links = linksOf(*model);
        QVERIFY(links.size() >= 3);
        QVERIFY(searchLink(*model) < links.size());
        QStringList tasks;
        for (const CriticalSegment& link : links)
            if (tasks.isEmpty() || tasks.back() != QString::fromStdString(taskLabel(model->trace(), link.task)))
                tasks << QString::fromStdString(taskLabel(model->trace(), link.task));
        QCOMPARE(tasks, QStringList({"Task-1 (main)", "Task-2 (web_search)", "Task-1 (main)"}));
        QCOMPARE(criticalLinkText(*model, searchLink(*model)), QStringLiteral("Task-2 (web_search) awaits asyncio.sleep at line 23, 0.9 s"));
        QCOMPARE(criticalLinkText(*model, 1), QStringLiteral("Task-1 (main) awaits asyncio.sleep at line 18, 1 s"));
    }

    void shownPathOutlinesEachLinkAndWashesOutTheOtherLanes_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void shownPathOutlinesEachLinkAndWashesOutTheOtherLanes() {
        QFETCH(bool, dark);
        const auto model = agentLoop();
        RenderOptions options;
        options.size = QSize(1600, 700);
        options.dark = dark;
        const Rendered plain(*model, options);
        options.criticalPath = true;
        const Rendered shown(*model, options);
        const TimelineStyle& style = shown.style;
        const TimeScale scale = shown.frame.scale();
        const auto& links = linksOf(*model);

        // Every link wide enough to sample: the path's colour just above its bar, where there
        // was none before; inside the bar a tint over the state's colour.
        int sampled = 0;
        for (const CriticalSegment& link : links) {
            const double x0 = scale.timeToX(link.begin), x1 = scale.timeToX(link.end);
            if (x1 - x0 < 8)
                continue;
            const auto bar = stateBarOf(shown.frame, link.task, true);
            QVERIFY(bar);
            const int x = static_cast<int>((x0 + x1) / 2);
            const int outline = static_cast<int>(bar->top) - 3;  // the ring around the bar
            QVERIFY2(distance(shown.image.pixel(x, outline), style.criticalPath) <= 30, qPrintable(colourAt(shown.image, x, outline)));
            QVERIFY2(distance(plain.image.pixel(x, outline), style.criticalPath) > 120, qPrintable(colourAt(plain.image, x, outline)));
            const int inside = static_cast<int>(bar->centre());
            QVERIFY2(shown.image.pixel(x, inside) != plain.image.pixel(x, inside), qPrintable(colourAt(shown.image, x, inside)));
            ++sampled;
        }
        QVERIFY(sampled >= 3);

        // A tool off the path (calculator) is washed towards the background; main's lane, on the
        // path, is untouched while the path runs through web_search.
        const TaskId calculator = uitest::taskNamed(*model, "Task-3");
        QCOMPARE(QString::fromStdString(coroutineName(model->trace(), calculator)), QStringLiteral("calculator"));
        const CriticalSegment& search = links[searchLink(*model)];
        const int x = static_cast<int>(scale.timeToX(search.begin + search.duration() / 4));
        const int offPath = static_cast<int>(stateBarOf(shown.frame, calculator, false)->centre());
        const QColor before(plain.image.pixel(x, offPath)), after(shown.image.pixel(x, offPath));
        QVERIFY2(dark ? after.lightness() < before.lightness() - 10 : after.lightness() > before.lightness() + 10,
                 qPrintable(before.name() + " -> " + after.name()));
        const int main = static_cast<int>(stateBarOf(shown.frame, 0, false)->centre());
        QCOMPARE(QColor(shown.image.pixel(x, main)).name(), QColor(plain.image.pixel(x, main)).name());
    }

    void theLegendNamesThePathOnlyWhileItIsShown_data() {
        QTest::addColumn<bool>("asyncio");
        QTest::newRow("asyncio") << true;
        QTest::newRow("another tool's trace") << false;
    }
    void theLegendNamesThePathOnlyWhileItIsShown() {
        QFETCH(bool, asyncio);
        auto has = [](const std::vector<LegendEntry>& entries) {
            return std::any_of(entries.begin(), entries.end(), [](const LegendEntry& e) { return e.swatch == LegendSwatch::CriticalPath; });
        };
        QVERIFY(!has(legendEntries(asyncio, false)));
        QVERIFY(has(legendEntries(asyncio, true)));
        QCOMPARE(legendEntries(asyncio, true).size(), legendEntries(asyncio, false).size() + 1);

        // The swatch is drawn in the path's colour.
        const auto model = agentLoop();
        RenderOptions options;
        options.size = QSize(1600, 700);
        options.criticalPath = true;
        const Rendered shown(*model, options);
        const TimelineGeometry& g = shown.frame.geo();
        QCOMPARE(g.legendPlacements.size(), legendEntries(true, true).size());
        const LegendPlacement& place = g.legendPlacements.back();
        const int top = g.legend.top() + 4 + place.row * kLegendRowHeight;
        int pathPixels = 0;
        for (int y = top; y < top + kLegendRowHeight; ++y)
            for (int x = g.legend.left() + place.x; x < g.legend.left() + place.x + kLegendSwatchWidth; ++x)
                pathPixels += distance(shown.image.pixel(x, y), shown.style.criticalPath) <= 30;
        QVERIFY2(pathPixels >= 20, qPrintable(QString::number(pathPixels)));
    }

    void hoveringALinkFindsItOnlyWhileThePathIsShown() {
        const auto model = agentLoop();
        RenderOptions options;
        options.size = QSize(1600, 700);
        options.criticalPath = true;
        Rendered shown(*model, options);
        const std::size_t longest = searchLink(*model);  // the slowest tool's sleep
        QVERIFY(longest < linksOf(*model).size());
        const CriticalSegment& link = linksOf(*model)[longest];
        const auto bar = stateBarOf(shown.frame, link.task, false);
        const QPoint point(static_cast<int>(shown.frame.scale().timeToX(link.begin + link.duration() / 2)), static_cast<int>(bar->centre()));
        const Hit hit = hitTest(shown.frame, point);
        QCOMPARE(hit.criticalLink, std::optional<std::size_t>(longest));
        QCOMPARE(hit.selection.task, link.task);
        QCOMPARE(criticalLinkPlace(*model, longest),
                 QStringLiteral("link %1 of %2, from 1.000 s to 1.900 s").arg(longest + 1).arg(linksOf(*model).size()));
        // Off the path's task at that moment: nothing.
        const QPoint main(point.x(), static_cast<int>(stateBarOf(shown.frame, 0, false)->centre()));
        QCOMPARE(hitTest(shown.frame, main).criticalLink, std::nullopt);
        shown.frame.showCriticalPath = false;
        QCOMPARE(hitTest(shown.frame, point).criticalLink, std::nullopt);
    }

    void aWalkSelectsEachLinkInOrderAndBringsItIntoView() {
        const auto model = agentLoop();
        TraceDocument document;
        document.setModel(model, DocumentOrigin::Scenario, QStringLiteral("agent loop"), QStringLiteral("agent_loop"));
        ViewState view;
        view.reset(model->range());
        CriticalPathWalk walk(&document, &view);
        const auto& all = linksOf(*model);
        // The walk stops at the links that take at least 1/200 of the path: in agent_loop the
        // LLM's and the tools' sleeps, not the microsecond steps between them.
        TimeNs total = 0;
        for (const CriticalSegment& link : all)
            total += link.duration();
        std::vector<std::size_t> stops;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].duration() * 200 >= total)
                stops.push_back(i);
        QCOMPARE(walk.stops(), stops);
        QVERIFY(stops.size() >= 3 && stops.size() < all.size());
        std::vector<CriticalSegment> links;
        for (std::size_t i : stops)
            links.push_back(all[i]);
        QVERIFY(!view.showsCriticalPath());
        walk.start();
        QVERIFY(view.showsCriticalPath());
        for (std::size_t i = 0; i < links.size(); ++i) {
            if (i > 0)
                walk.next();
            QCOMPARE(walk.link(), std::optional<std::size_t>(stops[i]));
            const CriticalSegment& link = links[i];
            QCOMPARE(view.selection().task, link.task);
            QCOMPARE(view.selection().kind, SelectionKind::Span);
            const Span& span = model->index().lane(link.task).spans[view.selection().index];
            QVERIFY(span.begin <= link.begin && link.end <= span.end);
            QVERIFY(view.visibleRange().begin <= link.begin && link.end <= view.visibleRange().end);
            // Zoomed to the link: it fills most of the view (the shortest view is 1 ms).
            QVERIFY(view.visibleRange().duration() * 7 <= std::max(link.duration(), uitest::ms(1)) * 10);
            QVERIFY(walk.linkText().startsWith(QStringLiteral("Critical path, stop %1 of %2 (link %3 of %4")
                                                   .arg(i + 1)
                                                   .arg(links.size())
                                                   .arg(stops[i] + 1)
                                                   .arg(all.size())));
        }
        walk.next();  // past the last: stays
        QCOMPARE(walk.link(), std::optional<std::size_t>(stops.back()));
        walk.previous();
        QCOMPARE(walk.link(), std::optional<std::size_t>(stops[stops.size() - 2]));
        QCOMPARE(view.selection().task, links[links.size() - 2].task);
        // Hiding the path ends the walk.
        view.setShowCriticalPath(false);
        QCOMPARE(walk.link(), std::nullopt);
        QVERIFY(walk.linkText().isEmpty());
    }
};

QTEST_MAIN(TestCriticalPath)
#include "tst_critical_path.moc"
