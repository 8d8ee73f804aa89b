// Playback through the real window: stepping event by event moves the playhead and the
// highlighted lines, scrubbing on the ruler goes both ways, the output shows only what was
// printed so far, speeds scale the program's own time, and the playhead never repaints a lane.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "teaching/PlaybackController.h"
#include "model/OutputModel.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/CodePanel.h"
#include "panels/OutputPanel.h"
#include "panels/PlaybackBar.h"
#include "timeline/TimelineView.h"

#include <QLabel>
#include <QToolButton>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

class TestPlayback : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void steppingPutsThePlayheadAtTheEventAndHighlightsItsLine_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("timeMs");
        QTest::addColumn<int>("runningLine");
        QTest::addColumn<QList<int>>("waitingLines");
        // sequential_calls.py: 6 print asking, 7 await sleep, 8 print answered, 12 def main, 17 print total.
        QTest::newRow("main starts") << "sequential_calls" << 2 << 0 << 12 << QList<int>{};
        QTest::newRow("first print") << "sequential_calls" << 5 << 0 << 6 << QList<int>{};
        QTest::newRow("main awaits the sleep") << "sequential_calls" << 6 << 0 << 0 << QList<int>{7};
        QTest::newRow("woken after 1 s") << "sequential_calls" << 9 << 1000 << 8 << QList<int>{};
        QTest::newRow("the next call asks") << "sequential_calls" << 12 << 1000 << 6 << QList<int>{};
        QTest::newRow("the total") << "sequential_calls" << 25 << 3000 << 17 << QList<int>{};
        // taskgroup_calls.py: 14 async with (main waits there), 7 await sleep (weather waits).
        QTest::newRow("news prints while others wait") << "taskgroup_calls" << 14 << 0 << 6 << QList<int>{7, 14};
    }
    void steppingPutsThePlayheadAtTheEventAndHighlightsItsLine() {
        QFETCH(QString, scenario);
        QFETCH(int, steps);
        QFETCH(int, timeMs);
        QFETCH(int, runningLine);
        QFETCH(QList<int>, waitingLines);
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, scenario));
        QToolButton* forward = window.playbackBar()->stepForwardButton();
        for (int i = 0; i < steps; ++i)
            QTest::mouseClick(forward, Qt::LeftButton);
        QCOMPARE(window.viewState()->playhead(), std::optional<TimeNs>(uitest::ms(timeMs)));
        QCOMPARE(window.playback()->position(), static_cast<std::size_t>(steps));
        QCOMPARE(window.codePanel()->runningLine(), runningLine);
        QCOMPARE(window.codePanel()->waitingLines(), waitingLines);
        QVERIFY(window.playbackBar()->positionLabel()->text().contains(QStringLiteral("event %1 of").arg(steps)));
    }

    void steppingBackRestoresTheEarlierMoment() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        for (int i = 0; i < 9; ++i)
            QTest::mouseClick(window.playbackBar()->stepForwardButton(), Qt::LeftButton);
        QCOMPARE(window.outputPanel()->model()->rowCount(), 2);
        for (int i = 0; i < 3; ++i)
            QTest::mouseClick(window.playbackBar()->stepBackButton(), Qt::LeftButton);
        QCOMPARE(window.playback()->position(), std::size_t(6));
        QCOMPARE(window.viewState()->playhead(), std::optional<TimeNs>(0));
        QCOMPARE(window.codePanel()->runningLine(), 0);
        QCOMPARE(window.codePanel()->waitingLines(), QList<int>{7});
        QCOMPARE(window.outputPanel()->model()->rowCount(), 1);
    }

    void theOutputShowsOnlyWhatWasPrintedSoFar() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        QAbstractItemModel* output = window.outputPanel()->model();
        QCOMPARE(output->rowCount(), 6);  // no playhead: the whole run
        window.playback()->seekTime(uitest::ms(1000));
        QCOMPARE(output->rowCount(), 1);
        QCOMPARE(output->index(0, OutputModel::TextColumn).data().toString(), QStringLiteral("blocking for 1.5 s"));
        window.playback()->seekTime(uitest::ms(2300));
        QCOMPARE(output->rowCount(), 4);
        window.playback()->seekTime(uitest::ms(100));
        QCOMPARE(output->rowCount(), 0);
        window.playback()->stop();
        QCOMPARE(output->rowCount(), 6);
    }

    void draggingOnTheRulerScrubsBothWays() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("sequential_calls")));
        TimelineView* timeline = window.timeline();
        const TimelineFrame frame = timeline->currentFrame();
        const int y = frame.rulerRect().center().y();
        auto xAt = [&](TimeNs t) { return static_cast<int>(std::lround(frame.scale().timeToX(t))); };
        const TimeNs tolerance = static_cast<TimeNs>(frame.scale().nsPerPixel()) + 1;
        QTest::mousePress(timeline, Qt::LeftButton, {}, QPoint(xAt(uitest::ms(2600)), y));
        QVERIFY(std::llabs(*window.viewState()->playhead() - uitest::ms(2600)) <= tolerance);
        QCOMPARE(window.outputPanel()->model()->rowCount(), 5);
        QMouseEvent back(QEvent::MouseMove, QPointF(xAt(uitest::ms(500)), y), timeline->mapToGlobal(QPointF(xAt(uitest::ms(500)), y)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(timeline, &back);
        QVERIFY(std::llabs(*window.viewState()->playhead() - uitest::ms(500)) <= tolerance);
        QCOMPARE(window.outputPanel()->model()->rowCount(), 1);
        QCOMPARE(window.codePanel()->waitingLines(), QList<int>{7});
        QTest::mouseRelease(timeline, Qt::LeftButton, {}, QPoint(xAt(uitest::ms(500)), y));
        QCOMPARE(window.viewState()->visibleRange(), frame.visible);  // scrubbing does not pan
    }

    void playingAdvancesTheProgramsTimeAtTheChosenSpeed_data() {
        QTest::addColumn<double>("speed");
        QTest::addColumn<int>("wallMs");
        QTest::addColumn<int>("expectedMs");
        QTest::newRow("quarter") << 0.25 << 400 << 100;
        QTest::newRow("real time") << 1.0 << 300 << 300;
        QTest::newRow("eight times") << 8.0 << 250 << 2000;
        QTest::newRow("stops at the end") << 8.0 << 1000 << 3000;
    }
    void playingAdvancesTheProgramsTimeAtTheChosenSpeed() {
        QFETCH(double, speed);
        QFETCH(int, wallMs);
        QFETCH(int, expectedMs);
        TraceDocument document;
        ViewState view;
        PlaybackController playback(&document, &view);
        document.setModel(uitest::demoModel("sequential_calls"), DocumentOrigin::Recorded, QStringLiteral("run"));
        view.reset(document.model()->range());
        playback.setSpeed(speed);
        playback.goToStart();
        playback.advance(uitest::ms(wallMs));
        QCOMPARE(view.playhead(), std::optional<TimeNs>(uitest::ms(expectedMs)));
    }

    void oneEventPerSecondStepsOncePerSecond() {
        TraceDocument document;
        ViewState view;
        PlaybackController playback(&document, &view);
        document.setModel(uitest::demoModel("sequential_calls"), DocumentOrigin::Recorded, QStringLiteral("run"));
        view.reset(document.model()->range());
        playback.setSpeed(PlaybackController::kOneEventPerSecond);
        playback.goToStart();
        playback.advance(uitest::ms(2500));
        QCOMPARE(playback.position(), std::size_t(2));
        playback.advance(uitest::ms(600));
        QCOMPARE(playback.position(), std::size_t(3));
    }

    void movingThePlayheadRepaintsNoLane() {
        MainWindow window(demoTraceSources());
        window.resize(1400, 900);
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("blocking_sleep")));
        TimelineView* timeline = window.timeline();
        timeline->grab();
        const int misses = timeline->cache().misses();
        for (int ms : {100, 900, 1500, 400, 2600}) {
            window.playback()->seekTime(uitest::ms(ms));
            timeline->grab();
        }
        QCOMPARE(timeline->cache().misses(), misses);
        QVERIFY(timeline->cache().hits() > 0);
    }
};

QTEST_MAIN(TestPlayback)
#include "tst_playback.moc"
