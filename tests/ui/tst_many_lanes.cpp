// A timeline of many tasks (tests/bench/many_tasks.py with 400 fetch() calls): the group row
// and its band, opening it to its lanes (only those on screen are painted), Find going to each
// hit, and the geometry (legend included) worked out once per size, not per paint.
#include "UiTestSupport.h"

#include "app/TimelineRenderer.h"
#include "model/SelectionInfo.h"
#include "teaching/DiagnosticExplainer.h"

#include <awaitscope/analysis/TimeFormat.h>
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "timeline/TimelineView.h"

#include <QLabel>
#include <QLineEdit>
#include <QtTest>

#include <algorithm>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

constexpr int kTasks = 400;

struct Fixture {
    TraceDocument document;
    ViewState view;
    TimelineView timeline{&document, &view};
    Fixture() {
        QObject::connect(&document, &TraceDocument::documentChanged, &view, [this] { view.reset(document.model()->range()); });
        document.setModel(uitest::manyTasksModel(kTasks), DocumentOrigin::Recorded, QStringLiteral("many tasks"));
        timeline.resize(1400, 700);
        timeline.show();
    }
    const DerivedTrace& model() const { return *document.model(); }
    const LayoutRow& groupRow() const {
        return timeline.layout()->rows()[static_cast<std::size_t>(timeline.layout()->rowOfGroup(0))];
    }
    QImage picture() {
        QImage image(timeline.size(), QImage::Format_ARGB32_Premultiplied);
        timeline.render(&image);
        return image;
    }
};

// How many pixels of `colour` the rectangle holds.
int pixelsOf(const QImage& image, const QRect& rect, const QColor& colour) {
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            count += image.pixelColor(x, y).rgb() == colour.rgb();
    return count;
}

} // namespace

class TestManyLanes : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void theGroupIsOneRowWithAStackedBand() {
        Fixture f;
        QCOMPARE(f.groupRow().kind, RowKind::Group);
        QCOMPARE(groupTitle(f.model(), 0), QStringLiteral("fetch() × 400"));
        QCOMPARE(groupSubtitle(f.model(), 0), QStringLiteral("400 done"));
        // Three task rows in all: main, heartbeat, the group.
        QCOMPARE(f.timeline.layout()->rows().size(), f.timeline.layout()->firstTaskRow() + 3);
        // Mid-freeze, the band is all "ready" (the other 399 wait for the loop), with a pixel of
        // "running"; an hour after the start, nothing is left.
        f.view.setVisibleRange(f.model().groups().groups()[0].range);
        TimelineStyle style = f.timeline.timelineStyle();
        style.frozenBand = Qt::transparent;  // the freeze's band would tint the lanes under it
        f.timeline.setStyle(style);
        const QImage image = f.picture();
        const TimelineFrame frame = f.timeline.currentFrame();
        const FrozenStretch& freeze = f.model().frozenStretches()[0];
        const int x = static_cast<int>(frame.scale().timeToX(freeze.begin + freeze.duration() * 3 / 4));
        const int top = frame.rowTop(f.groupRow());
        const QRect column(x, top, 1, f.groupRow().height);
        QVERIFY2(pixelsOf(image, column, style.ready) >= f.timeline.layout()->metrics().groupBandHeight - 4,
                 qPrintable(QString::number(pixelsOf(image, column, style.ready))));
        QVERIFY(pixelsOf(image, column, style.running) >= 1);
        QCOMPARE(pixelsOf(image, column, style.awaiting), 0);
        // Early on, most of them await their sleep.
        const int early = static_cast<int>(frame.scale().timeToX(freeze.begin - 5'000'000));
        QVERIFY(pixelsOf(image, QRect(early, top, 1, f.groupRow().height), style.awaiting) > 10);
    }

    void clickingTheToggleOpensTheLanesAndOnlyTheVisibleOnesArePainted() {
        Fixture f;
        const TimelineFrame before = f.timeline.currentFrame();
        const QPoint toggle(before.headerRect().left() + 6 + f.groupRow().treeDepth * 14 + 4,
                            before.rowTop(f.groupRow()) + f.groupRow().height / 2);
        QTest::mouseClick(&f.timeline, Qt::LeftButton, Qt::NoModifier, toggle);
        QVERIFY(f.timeline.isGroupExpanded(0));
        QCOMPARE(f.timeline.layout()->rows().size(), f.timeline.layout()->firstTaskRow() + 3 + kTasks);
        f.timeline.invalidateCache();
        (void)f.picture();
        // 700 px show about twenty lanes of 400: the rest were neither laid out on screen nor painted.
        const TimelineFrame frame = f.timeline.currentFrame();
        const auto [first, last] = f.timeline.layout()->visibleTaskRows(frame.scrollY, frame.taskPlotRect().height());
        QVERIFY(last - first < 30);
        const int painted = f.timeline.cache().misses();
        QVERIFY2(painted <= static_cast<int>(last - first) + 3 + 2, qPrintable(QString::number(painted)));
        QTest::mouseClick(&f.timeline, Qt::LeftButton, Qt::NoModifier, toggle);
        QVERIFY(!f.timeline.isGroupExpanded(0));
    }

    void findGoesToEachHitAndOpensTheGroupToShowIt() {
        Fixture f;
        QTest::keyClick(&f.timeline, Qt::Key_F, Qt::ControlModifier);
        auto* edit = f.timeline.findChild<QLineEdit*>(QStringLiteral("findEdit"));
        QVERIFY(edit && edit->isVisible());
        QTest::keyClicks(edit, QStringLiteral("fetch"));
        QTest::keyClick(edit, Qt::Key_Return);
        const CoroutineGroup& fetches = f.model().groups().groups()[0];
        QCOMPARE(f.view.selection(), Selection::ofTask(fetches.tasks[0]));
        QVERIFY(f.timeline.isGroupExpanded(0));
        const QLabel* status = nullptr;
        for (QLabel* label : f.timeline.findChildren<QLabel*>())
            if (label->text().contains(QStringLiteral(" of ")))
                status = label;
        QVERIFY(status);
        // 400 tasks run fetch(), and main printed "fetched 400".
        QCOMPARE(status->text(), QStringLiteral("1 of 401 · coroutine"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(f.view.selection(), Selection::ofTask(fetches.tasks[1]));
        // Shift+Enter goes back; from the first, back is the last: the printed line, then the
        // last fetch.
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(f.view.selection().kind, SelectionKind::Output);
        QCOMPARE(status->text(), QStringLiteral("401 of 401 · printed"));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(f.view.selection(), Selection::ofTask(fetches.tasks.back()));
        // The lane of the hit is on screen.
        const int row = f.timeline.layout()->rowOfTask(fetches.tasks.back());
        const TimelineFrame frame = f.timeline.currentFrame();
        const int y = frame.rowTop(f.timeline.layout()->rows()[static_cast<std::size_t>(row)]);
        QVERIFY(y >= frame.taskPlotRect().top() && y < frame.taskPlotRect().bottom());

        // A printed line: the output line is selected and the view moved to its moment.
        QVERIFY(f.timeline.findNext(QStringLiteral("parsed 350")));
        QCOMPARE(f.view.selection().kind, SelectionKind::Output);
        const OutputLine& line = f.model().trace().output[f.view.selection().index];
        QCOMPARE(QString::fromStdString(std::string(f.model().trace().str(line.text))).left(10), QStringLiteral("parsed 350"));
        QVERIFY(f.view.visibleRange().contains(line.time));
        QVERIFY(!f.timeline.findNext(QStringLiteral("no such thing")));
    }

    void theGeometryIsWorkedOutOncePerSize() {
        Fixture f;
        const auto first = f.timeline.currentFrame().geometry;
        (void)f.picture();
        f.view.panBy(1'000'000);
        (void)f.picture();
        QCOMPARE(f.timeline.currentFrame().geometry.get(), first.get());  // the same, not a copy
        QVERIFY(!first->legendPlacements.empty());
        f.timeline.resize(1000, 600);
        const auto resized = f.timeline.currentFrame().geometry;
        QVERIFY(resized.get() != first.get());
        QCOMPARE(resized->rect.width(), 1000 - (1400 - first->rect.width()));
    }

    // The freeze delays hundreds of fetches: its card and its details name the worst few and
    // count the rest (a card listing every one took minutes to lay out at 200,000 tasks).
    void aFreezeNamesTheWorstFewVictimsAndCountsTheRest() {
        const auto model = uitest::manyTasksModel(kTasks);
        const FrozenStretch& freeze = model->frozenStretches().at(0);
        QVERIFY(freeze.victims.size() > 300);
        const awaitscope::Diagnostic* frozen = nullptr;
        for (const awaitscope::Diagnostic& d : model->diagnostics())
            if (d.kind == DiagnosticKind::FrozenLoop)
                frozen = &d;
        QVERIFY(frozen);
        const DiagnosticExplanation e = explainDiagnostic(*model, *frozen);
        QCOMPARE(e.victims.size(), 7);
        const LateVictims late = lateVictims(freeze, 6);
        QVERIFY(late.more > 300);
        QCOMPARE(e.victims.last(), QStringLiteral("%1 more tasks, each up to %2 late")
                                       .arg(late.more)
                                       .arg(QString::fromStdString(plainDuration(late.moreUpTo))));
        // Worst first: nobody unnamed waited longer than the last one named.
        QVERIFY(late.named.back().lateBy() >= late.moreUpTo);
        QVERIFY(late.named.front().lateBy() >= late.named.back().lateBy());

        const SelectionInfo info = describeSelection(*model, Selection::of(SelectionKind::Frozen, freeze.culprit, 0));
        int ranLate = 0;
        for (const auto& [label, value] : info.facts)
            ranLate += label == QStringLiteral("Ran late");
        QCOMPARE(ranLate, 12);
        const auto more = std::find_if(info.facts.begin(), info.facts.end(), [](const auto& f) { return f.first == QStringLiteral("And"); });
        QVERIFY(more != info.facts.end());
        QVERIFY2(more->second.startsWith(QStringLiteral("%1 more tasks").arg(lateVictims(freeze, 12).more)), qPrintable(more->second));
    }

    void anExportShowsTheGroupOpenWhenTheWindowDoes() {
        const auto model = uitest::manyTasksModel(kTasks);
        RenderOptions options;
        options.size = QSize(1200, 700);
        const QImage closed = renderTimelineImage(*model, options);
        options.expandedGroups = {true};
        const QImage open = renderTimelineImage(*model, options);
        QVERIFY(closed != open);
    }
};

QTEST_MAIN(TestManyLanes)
#include "tst_many_lanes.moc"
