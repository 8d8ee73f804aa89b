// The timeline's coordinate maths: time <-> pixels, zoom and pan arithmetic, ruler ticks and
// time formatting. Pure functions, table-driven.
#include "timeline/RulerTicks.h"
#include "timeline/TimeScale.h"

#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

Q_DECLARE_METATYPE(awaitscope::TimeRange)

class TestTimeScale : public QObject {
    Q_OBJECT
private slots:
    void pixelToTimeToPixelIsWithinOnePixel_data() {
        QTest::addColumn<qint64>("begin");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("x");
        QTest::newRow("3 s over 1600 px") << qint64(0) << qint64(3'000'000'000) << 230.0 << 1370.0 << 911.0;
        QTest::newRow("left edge") << qint64(0) << qint64(3'000'000'000) << 230.0 << 1370.0 << 230.0;
        QTest::newRow("right edge") << qint64(0) << qint64(3'000'000'000) << 230.0 << 1370.0 << 1600.0;
        QTest::newRow("outside on the left") << qint64(0) << qint64(3'000'000'000) << 230.0 << 1370.0 << -500.0;
        QTest::newRow("2 µs over 1920 px (about 1 ns a pixel)") << qint64(500) << qint64(2500) << 0.0 << 1920.0 << 1000.0;
        QTest::newRow("negative times") << qint64(-2'000'000) << qint64(1'000'000) << 10.0 << 800.0 << 400.0;
        QTest::newRow("an hour at 12 days in") << qint64(1'036'800'000'000'000) << qint64(1'040'400'000'000'000) << 0.0 << 1920.0 << 1919.0;
        QTest::newRow("one pixel wide plot") << qint64(0) << qint64(1000) << 50.0 << 1.0 << 50.0;
    }
    void pixelToTimeToPixelIsWithinOnePixel() {
        QFETCH(qint64, begin);
        QFETCH(qint64, end);
        QFETCH(double, left);
        QFETCH(double, width);
        QFETCH(double, x);
        const TimeScale scale({begin, end}, left, width);
        const double back = scale.timeToX(scale.xToTime(x));
        QVERIFY2(std::abs(back - x) <= 1.0, qPrintable(QStringLiteral("%1 -> %2").arg(x).arg(back)));
    }

    void timeToPixelToTimeIsWithinOnePixelOfTime_data() {
        QTest::addColumn<qint64>("begin");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("t");
        QTest::newRow("middle") << qint64(0) << qint64(3'000'000'000) << qint64(1'234'567'890);
        QTest::newRow("before the view") << qint64(1'000'000) << qint64(2'000'000) << qint64(0);
        QTest::newRow("after the view") << qint64(1'000'000) << qint64(2'000'000) << qint64(9'000'000);
        QTest::newRow("zoomed to nanoseconds") << qint64(1'700'000'000) << qint64(1'700'002'000) << qint64(1'700'000'042);
    }
    void timeToPixelToTimeIsWithinOnePixelOfTime() {
        QFETCH(qint64, begin);
        QFETCH(qint64, end);
        QFETCH(qint64, t);
        const TimeScale scale({begin, end}, 100, 1500);
        const TimeNs back = scale.xToTime(scale.timeToX(t));
        QVERIFY(std::abs(back - t) <= std::max<TimeNs>(1, static_cast<TimeNs>(scale.nsPerPixel())));
    }

    void degenerateZeroWidthRangeStillMaps() {
        const TimeScale scale({5000, 5000}, 0, 0);
        QCOMPARE(scale.visible().duration(), kMinVisibleDuration);
        QCOMPARE(scale.width(), 1.0);
        QCOMPARE(scale.xToTime(0), TimeNs(5000));
    }

    void extremeCoordinatesSaturateInsteadOfOverflowing() {
        const TimeScale scale({0, 1'000'000'000}, 0, 1000);
        QVERIFY(scale.xToTime(1e30) > 9'000'000'000'000'000'000LL);
        QVERIFY(scale.xToTime(-1e30) < -9'000'000'000'000'000'000LL);
        QCOMPARE(scale.clampX(1e12), 1002.0);
        QCOMPARE(scale.clampX(-1e12), -2.0);
    }

    void zoomingAroundAPointKeepsItsPixel_data() {
        QTest::addColumn<TimeRange>("range");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("factor");
        QTest::newRow("zoom in at the left third") << TimeRange{0, 3'000'000'000} << 700.0 << 1.2;
        QTest::newRow("zoom out at the right edge") << TimeRange{0, 3'000'000'000} << 1599.0 << 1 / 1.2;
        QTest::newRow("deep zoom in") << TimeRange{0, 3'000'000'000} << 1000.0 << 1e6;
        QTest::newRow("zoom in up to the limit") << TimeRange{1'000'000, 1'003'000} << 400.0 << 8.0;
        QTest::newRow("far from zero") << TimeRange{86'400'000'000'000, 86'400'500'000'000} << 1200.0 << 3.0;
    }
    void zoomingAroundAPointKeepsItsPixel() {
        QFETCH(TimeRange, range);
        QFETCH(double, x);
        QFETCH(double, factor);
        const TimeScale before(range, 230, 1370);
        const TimeNs anchor = before.xToTime(x);
        const TimeRange zoomed = zoomedAround(range, anchor, factor);
        const TimeScale after(zoomed, 230, 1370);
        QVERIFY2(std::abs(after.timeToX(anchor) - x) <= 1.0, qPrintable(QString::number(after.timeToX(anchor))));
        QVERIFY(zoomed.duration() >= kMinVisibleDuration);
    }

    void zoomStopsAtTheNarrowestView() {
        const TimeRange zoomed = zoomedAround({0, 1000}, 500, 1e9);
        QCOMPARE(zoomed.duration(), kMinVisibleDuration);
        QVERIFY(zoomed.contains(500));
    }

    void constrainingKeepsTheRangeInsideTheLimits_data() {
        QTest::addColumn<TimeRange>("range");
        QTest::addColumn<TimeRange>("limits");
        QTest::addColumn<TimeRange>("expected");
        QTest::newRow("inside stays") << TimeRange{10, 20} << TimeRange{0, 100} << TimeRange{10, 20};
        QTest::newRow("off the left shifts right") << TimeRange{-30, -10} << TimeRange{0, 100} << TimeRange{0, 20};
        QTest::newRow("off the right shifts left") << TimeRange{90, 130} << TimeRange{0, 100} << TimeRange{60, 100};
        QTest::newRow("wider becomes the limits") << TimeRange{-50, 500} << TimeRange{0, 100} << TimeRange{0, 100};
        QTest::newRow("empty limits leave it") << TimeRange{5, 9} << TimeRange{0, 0} << TimeRange{5, 9};
    }
    void constrainingKeepsTheRangeInsideTheLimits() {
        QFETCH(TimeRange, range);
        QFETCH(TimeRange, limits);
        QFETCH(TimeRange, expected);
        QCOMPARE(constrainedTo(range, limits), expected);
    }

    void framingAddsAMarginAndCentresPoints_data() {
        QTest::addColumn<TimeRange>("target");
        QTest::addColumn<TimeRange>("expected");
        QTest::newRow("a second gets 5 % each side") << TimeRange{1'000'000'000, 2'000'000'000} << TimeRange{950'000'000, 2'050'000'000};
        QTest::newRow("a point is centred in 1 µs") << TimeRange{5000, 5000} << TimeRange{4500, 5500};
        QTest::newRow("a tiny span grows to 1 µs") << TimeRange{100, 110} << TimeRange{-395, 605};
    }
    void framingAddsAMarginAndCentresPoints() {
        QFETCH(TimeRange, target);
        QFETCH(TimeRange, expected);
        QCOMPARE(framing(target, 0.05, 1000), expected);
    }

    void rulerTicksHaveNiceStepsAndUnits_data() {
        QTest::addColumn<TimeRange>("range");
        QTest::addColumn<double>("width");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<QString>("firstLabel");
        QTest::addColumn<QString>("secondLabel");
        QTest::addColumn<QString>("origin");
        QTest::newRow("3 s on 1370 px") << TimeRange{0, 3'000'000'000} << 1370.0 << qint64(200'000'000) << "0.0 s" << "0.2 s" << "";
        QTest::newRow("30 s on 1370 px") << TimeRange{0, 30'000'000'000} << 1370.0 << qint64(2'000'000'000) << "0 s" << "2 s" << "";
        QTest::newRow("40 ms") << TimeRange{0, 40'000'000} << 1370.0 << qint64(5'000'000) << "0 ms" << "5 ms" << "";
        QTest::newRow("2 ms starting at 1 ms") << TimeRange{1'000'000, 3'000'000} << 1370.0 << qint64(200'000) << "1.0 ms" << "1.2 ms" << "";
        QTest::newRow("40 µs") << TimeRange{0, 40'000} << 1370.0 << qint64(5'000) << "0 µs" << "5 µs" << "";
        QTest::newRow("300 ns") << TimeRange{0, 300} << 1370.0 << qint64(20) << "0 ns" << "20 ns" << "";
        QTest::newRow("deep zoom at 12 s gets an origin") << TimeRange{12'345'600'000, 12'345'640'000} << 1370.0 << qint64(5'000)
                                                         << "+600 µs" << "+605 µs" << "12.345 s";
    }
    void rulerTicksHaveNiceStepsAndUnits() {
        QFETCH(TimeRange, range);
        QFETCH(double, width);
        QFETCH(qint64, step);
        QFETCH(QString, firstLabel);
        QFETCH(QString, secondLabel);
        QFETCH(QString, origin);
        const RulerTicks ticks = computeRulerTicks(TimeScale(range, 0, width), 90);
        QCOMPARE(ticks.step, step);
        QVERIFY(ticks.ticks.size() >= 2);
        QCOMPARE(ticks.label(ticks.ticks[0]), firstLabel);
        QCOMPARE(ticks.label(ticks.ticks[1]), secondLabel);
        QCOMPARE(ticks.originLabel(), origin);
        // Neighbouring labels are at least the minimum spacing apart.
        QVERIFY(static_cast<double>(ticks.step) / (static_cast<double>(range.duration()) / width) >= 90.0);
    }
};

QTEST_GUILESS_MAIN(TestTimeScale)
#include "tst_time_scale.moc"
