// Level of detail without a QPainter: the draw lists the painter will draw (folding, one item
// per pixel column at most), the counter pyramid, the lane layout and hit-test searches.
#include "UiTestSupport.h"
#include "timeline/DrawList.h"
#include "timeline/HitTest.h"
#include "timeline/TimelineLayout.h"

#include <QtTest>

#include <algorithm>
#include <random>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

std::vector<Span> evenSpans(std::size_t count, TimeNs width, TimeNs gap = 0) {
    std::vector<Span> spans;
    TimeNs t = 0;
    for (std::size_t i = 0; i < count; ++i) {
        spans.push_back({t, t + width, i % 2 ? SpanState::Running : SpanState::Awaiting, WaitKind::None, 0, 0});
        t += width + gap;
    }
    return spans;
}

std::size_t foldedTotal(const std::vector<DrawItem>& items) {
    std::size_t total = 0;
    for (const DrawItem& item : items)
        total += item.count;
    return total;
}

} // namespace

class TestDrawList : public QObject {
    Q_OBJECT
private slots:
    void tinySpansFoldIntoOneBlockWithTheirCount() {
        const auto spans = evenSpans(10'000, 100);  // 1 ms of 100 ns spans
        const TimeScale scale({0, 1'000'000}, 0, 100);  // 10 µs per pixel
        std::vector<DrawItem> items;
        foldRecords(spans, scale, 3.0, items);
        QCOMPARE(items.size(), std::size_t(1));
        QCOMPARE(items[0].count, 10'000u);
        QCOMPARE(items[0].first, 0u);
        QVERIFY(items[0].x1 - items[0].x0 >= 99.0);
    }

    void wideSpansAreDrawnOneByOne() {
        const auto spans = evenSpans(10, 100'000);
        const TimeScale scale({0, 1'000'000}, 0, 1000);  // each span 100 px
        std::vector<DrawItem> items;
        foldRecords(spans, scale, 3.0, items);
        QCOMPARE(items.size(), std::size_t(10));
        for (std::size_t i = 0; i < items.size(); ++i) {
            QCOMPARE(items[i].count, 1u);
            QCOMPARE(items[i].first, static_cast<std::uint32_t>(i));
            QCOMPARE(items[i].x0, static_cast<float>(i * 100));
        }
    }

    void aWideSpanAfterTinyOnesEndsTheFold() {
        std::vector<Span> spans = evenSpans(50, 10);  // 500 ns of slivers
        spans.push_back({600, 100'000, SpanState::Awaiting, WaitKind::Timer, 0, 0});
        const TimeScale scale({0, 100'000}, 0, 1000);  // 100 ns per pixel
        std::vector<DrawItem> items;
        foldRecords(spans, scale, 3.0, items);
        QCOMPARE(items.size(), std::size_t(2));
        QCOMPARE(items[0].count, 50u);
        QCOMPARE(items[1].count, 1u);
        QCOMPARE(items[1].first, 50u);
    }

    void onlyWhatMeetsTheViewIsListed() {
        const auto spans = evenSpans(1000, 1000);  // 0 .. 1 ms, 1 µs each
        const TimeScale scale({500'000, 510'000}, 0, 1000);  // 10 µs: ten spans, 100 px each
        std::vector<DrawItem> items;
        foldRecords(spans, scale, 3.0, items);
        QCOMPARE(items.size(), std::size_t(10));
        QCOMPARE(items.front().first, 500u);
        QCOMPARE(foldedTotal(items), std::size_t(10));
    }

    void noRowHoldsMoreThanAnItemPerPixelColumn_data() {
        QTest::addColumn<int>("seed");
        QTest::addColumn<double>("width");
        QTest::newRow("1920 px") << 1 << 1920.0;
        QTest::newRow("300 px") << 2 << 300.0;
        QTest::newRow("5000 px") << 3 << 5000.0;
    }
    void noRowHoldsMoreThanAnItemPerPixelColumn() {
        QFETCH(int, seed);
        QFETCH(double, width);
        std::mt19937_64 random(static_cast<std::uint64_t>(seed));
        std::vector<Span> spans;
        TimeNs t = 0;
        for (int i = 0; i < 200'000; ++i) {  // widths from 1 ns to 10 ms, log-uniform
            const TimeNs w = static_cast<TimeNs>(std::pow(10.0, std::uniform_real_distribution<double>(0, 7)(random)));
            spans.push_back({t, t + w, SpanState::Running, WaitKind::None, 0, 0});
            t += w + static_cast<TimeNs>(random() % 1000);
        }
        const TimeScale scale({0, t}, 0, width);
        std::vector<DrawItem> items;
        foldRecords(spans, scale, 3.0, items);
        QVERIFY2(items.size() <= static_cast<std::size_t>(width), qPrintable(QString::number(items.size())));
        QCOMPARE(foldedTotal(items), spans.size());  // nothing lost, nothing counted twice
        for (const DrawItem& item : items)
            QVERIFY(item.x1 - item.x0 >= 1.0f);  // everything visible gets at least a pixel
    }

    void counterSearchesFindWhatAScanFinds() {
        std::mt19937 random(11);
        RecordVector<CounterPoint> points;
        TimeNs t = 0;
        for (int i = 0; i < 20000; ++i) {
            t += 1 + random() % 50;
            points.push_back({t, static_cast<std::uint32_t>(random() % 9)});
        }
        const CounterSeries series(points);
        auto scan = [&](std::size_t from, auto before) {
            while (from < series.points.size() && before(series.points[from].time))
                ++from;
            return from;
        };
        // From every kind of start (a sample's own point, just past it, the end), to times
        // near and far: before the first point, between points, on one, past the last.
        for (int i = 0; i < 3000; ++i) {
            const std::size_t from = i % 7 == 0 ? (random() % 320) * 64 : random() % (series.points.size() + 2);
            const TimeNs at = i % 11 == 0 ? t + 5 : i % 13 == 0 ? -3 : static_cast<TimeNs>(random() % static_cast<std::uint64_t>(t + 1));
            QCOMPARE(series.firstAfter(at, from), std::min(series.points.size(), scan(from, [&](TimeNs x) { return x <= at; })));
            QCOMPARE(series.firstAtOrAfter(at, from), std::min(series.points.size(), scan(from, [&](TimeNs x) { return x < at; })));
        }
    }

    void counterMaximumMatchesABruteForceScan() {
        std::mt19937 random(7);
        RecordVector<CounterPoint> points;
        TimeNs t = 0;
        for (int i = 0; i < 5000; ++i) {
            t += 1 + random() % 400;
            points.push_back({t, static_cast<std::uint32_t>(random() % 50)});
        }
        const CounterSeries series(points);
        auto brute = [&](TimeNs a, TimeNs b) {
            std::uint32_t best = series.valueAt(a);
            for (const CounterPoint& p : series.points)
                if (p.time > a && p.time < b)
                    best = std::max(best, p.value);
            return best;
        };
        for (int i = 0; i < 300; ++i) {
            const TimeNs a = random() % t;
            const TimeNs b = a + 1 + random() % 200'000;
            QCOMPARE(series.maximumIn(a, b), brute(a, b));
        }
    }

    void readyQueueOfTheBlockingLessonHoldsTheHeartbeat() {
        const auto model = uitest::demoModel("blocking_sleep");
        // The heartbeat's timer fell due at 0.5 s, but time.sleep held the loop until 1.7 s.
        QCOMPARE(model->readyQueue().valueAt(uitest::ms(1000)), 1u);
        QCOMPARE(model->readyQueue().valueAt(uitest::ms(2000)), 0u);
        QCOMPARE(model->pendingTimers().valueAt(uitest::ms(100)), 2u);
    }

    void childrenFollowTheirParentAndCollapseHidesThem() {
        const auto model = uitest::demoModel("taskgroup_calls");
        const TaskId main = uitest::taskNamed(*model, "Task-1");
        const TimelineLayout open(*model, {});
        QCOMPARE(open.rows().size(), open.firstTaskRow() + 4);
        QCOMPARE(open.rows()[open.firstTaskRow()].task, main);
        QStringList order;
        for (std::size_t i = open.firstTaskRow() + 1; i < open.rows().size(); ++i) {
            order << QString::fromStdString(model->taskName(open.rows()[i].task));
            QCOMPARE(open.rows()[i].treeDepth, 1);
        }
        QCOMPARE(order, QStringList({"weather", "news", "stocks"}));

        std::vector<bool> collapsed(model->taskCount(), false);
        collapsed[main] = true;
        const TimelineLayout closed(*model, collapsed);
        QCOMPARE(closed.rows().size(), closed.firstTaskRow() + 1);
        QVERIFY(closed.rows().back().collapsed);
        // A hidden task resolves to the row of its shown ancestor.
        QCOMPARE(closed.rowOfTask(uitest::taskNamed(*model, "news")), static_cast<int>(closed.firstTaskRow()));
        QCOMPARE(closed.contentHeight(), closed.rows().back().height);
    }

    // 300 fetch() tasks of one TaskGroup: one group row, closed, until it is opened.
    void manyTasksOfOneCoroutineShowAsOneGroupRow() {
        const auto model = uitest::manyTasksModel(300);
        QCOMPARE(model->groups().groups().size(), std::size_t{1});
        const TimelineLayout closed(*model, {});
        // main, then (in creation order) heartbeat and the group.
        QCOMPARE(closed.rows().size(), closed.firstTaskRow() + 3);
        const LayoutRow& group = closed.rows().back();
        QCOMPARE(group.kind, RowKind::Group);
        QCOMPARE(group.group, 0u);
        QVERIFY(group.collapsed && group.hasChildren);
        QCOMPARE(group.treeDepth, 1);
        const CoroutineGroup& fetches = model->groups().groups()[0];
        // Every task of the group resolves to the group's row, and so do their arrows.
        QCOMPARE(closed.rowOfTask(fetches.tasks[123]), static_cast<int>(closed.rows().size() - 1));
        QCOMPARE(closed.rowOfGroup(0), static_cast<int>(closed.rows().size() - 1));
        // The TaskGroup's bracket spans heartbeat's row and the group's.
        const ScopeId scope = model->trace().tasks[fetches.tasks[0]].scope;
        const auto [top, bottom] = closed.scopeExtent(scope);
        QCOMPARE(top, closed.rows()[closed.firstTaskRow() + 1].y);
        QCOMPARE(bottom, group.y + group.height);

        std::vector<bool> expanded{true};
        const TimelineLayout open(*model, {}, expanded);
        QCOMPARE(open.rows().size(), closed.firstTaskRow() + 3 + 300);
        QVERIFY(!open.rows()[open.firstTaskRow() + 2].collapsed);
        const int lane = open.rowOfTask(fetches.tasks[123]);
        QCOMPARE(open.rows()[static_cast<std::size_t>(lane)].task, fetches.tasks[123]);
        QCOMPARE(open.rows()[static_cast<std::size_t>(lane)].treeDepth, 2);
    }

    void onlyTheRowsOnScreenAreVisited() {
        const auto model = uitest::manyTasksModel(300);
        const TimelineLayout open(*model, {}, std::vector<bool>{true});
        const int lane = open.rows()[open.firstTaskRow() + 10].height;
        const auto [first, last] = open.visibleTaskRows(50 * lane, 20 * lane);
        QVERIFY(last - first <= 21);
        QVERIFY(open.rows()[first].y <= 50 * lane && open.rows()[first].y + open.rows()[first].height > 50 * lane);
        QVERIFY(open.rows()[last - 1].y < 70 * lane);
        QVERIFY(last == open.rows().size() || open.rows()[last].y >= 70 * lane);
        const auto [none, alsoNone] = open.visibleTaskRows(open.contentHeight() + 10, 100);
        QCOMPARE(none, alsoNone);
    }

    void aGroupBandIsOneColumnPerPixelOfItsLife() {
        const auto model = uitest::manyTasksModel(300);
        const TimelineLayout closed(*model, {});
        const CoroutineGroup& fetches = model->groups().groups()[0];
        const TimeScale scale({fetches.range.begin, fetches.range.end}, 0, 1000);
        RowDrawList items;
        buildRowDrawList(*model, closed.rows().back(), scale, {}, items);
        QVERIFY(!items.group.empty() && items.group.size() <= 1000);
        QCOMPARE(items.group.front().x0, 0.0f);
        QCOMPARE(items.group.back().x1, 1000.0f);
        // Mid-freeze (the 8th fetch blocks the loop for 0.2 s): one runs, every other one still
        // alive waits for the loop.
        const FrozenStretch& freeze = model->frozenStretches()[0];
        const TimeNs t = freeze.begin + freeze.duration() * 3 / 4;
        const double x = scale.timeToX(t);
        const auto column = std::find_if(items.group.begin(), items.group.end(), [&](const GroupColumn& c) { return c.x0 <= x && x < c.x1; });
        QVERIFY(column != items.group.end());
        const auto alive = std::count_if(fetches.tasks.begin(), fetches.tasks.end(), [&](TaskId task) {
            return model->index().lane(task).begin <= t && t < model->index().lane(task).end;
        });
        QVERIFY(alive > 250);
        QCOMPARE(column->running, 1.0f);
        QCOMPARE(column->ready, static_cast<float>(alive - 1));
        QCOMPARE(column->awaiting, 0.0f);
        // Its one problem, the freeze, is a marker.
        QCOMPARE(items.markers.size(), std::size_t{1});
    }

    void rowAtFindsPinnedAndScrolledRows() {
        const auto model = uitest::demoModel("gather_lock_semaphore");
        const TimelineLayout layout(*model, {});
        QCOMPARE(layout.rowAt(1, 0), 0);  // the Loop lane
        QCOMPARE(layout.rows()[0].kind, RowKind::Loop);
        const LayoutRow& third = layout.rows()[layout.firstTaskRow() + 2];
        const int y = layout.pinnedHeight() + third.y + 3;
        QCOMPARE(layout.rowAt(y, 0), static_cast<int>(layout.firstTaskRow() + 2));
        // Scrolled by one row height, the same y shows the next row.
        QCOMPARE(layout.rowAt(y, third.height), static_cast<int>(layout.firstTaskRow() + 3));
        QCOMPARE(layout.rowAt(layout.pinnedHeight() + layout.contentHeight() + 10, 0), -1);
    }

    void frameLevelsAreDrawnUnderTheStateBar() {
        const auto model = uitest::demoModel("sequential_calls");
        const TimelineLayout layout(*model, {});
        const LayoutRow& main = layout.rows()[layout.firstTaskRow()];
        QCOMPARE(main.frameLevels, 1);
        RowDrawList list;
        buildRowDrawList(*model, main, TimeScale(model->range(), 0, 1500), DrawOptions{}, list);
        QCOMPARE(list.frames.size(), std::size_t(1));
        QCOMPARE(list.frames[0].size(), std::size_t(3));  // three call_llm() frames, one after another
        QVERIFY(list.frames[0][1].x1 - list.frames[0][1].x0 > list.frames[0][0].x1 - list.frames[0][0].x0);  // news is longest
    }

    void findRecordNearPrefersTheContainingRecord_data() {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<qint64>("tolerance");
        QTest::addColumn<int>("expected");
        QTest::newRow("inside the first") << qint64(50) << qint64(5) << 0;
        QTest::newRow("inside the second") << qint64(150) << qint64(5) << 1;
        QTest::newRow("in the gap, near the second") << qint64(118) << qint64(5) << 1;
        QTest::newRow("in the gap, too far") << qint64(110) << qint64(5) << -1;
        QTest::newRow("after everything") << qint64(900) << qint64(5) << -1;
        QTest::newRow("on a sliver") << qint64(300) << qint64(5) << 2;
    }
    void findRecordNearPrefersTheContainingRecord() {
        QFETCH(qint64, t);
        QFETCH(qint64, tolerance);
        QFETCH(int, expected);
        const std::vector<Span> spans = {{0, 100, SpanState::Running, WaitKind::None, 0, 0},
                                         {120, 200, SpanState::Awaiting, WaitKind::Timer, 0, 0},
                                         {300, 300, SpanState::Running, WaitKind::None, 0, 0}};
        const auto found = findRecordNear(spans, t, tolerance);
        QCOMPARE(found ? static_cast<int>(*found) : -1, expected);
    }
};

QTEST_GUILESS_MAIN(TestDrawList)
#include "tst_draw_list.moc"
