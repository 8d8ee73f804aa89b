// The one time-formatting module: durations, moments and places as the report, the Chrome
// export and the window print them.
#include <awaitscope/analysis/TimeFormat.h>

#include <QtTest>

using namespace awaitscope;

class TestTimeFormat : public QObject {
    Q_OBJECT
private slots:
    void durationsReadNaturally_data() {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("1.5 s") << qint64(1'500'000'000) << "1.5 s";
        QTest::newRow("2 s") << qint64(2'000'000'000) << "2 s";
        QTest::newRow("200 ms") << qint64(200'000'000) << "200 ms";
        QTest::newRow("12.5 ms") << qint64(12'500'000) << "12.5 ms";
        QTest::newRow("1.23 µs") << qint64(1'234) << "1.23 µs";
        QTest::newRow("850 ns") << qint64(850) << "850 ns";
        QTest::newRow("0 ns") << qint64(0) << "0 ns";
        QTest::newRow("negative") << qint64(-3'000'000) << "-3 ms";
    }
    void durationsReadNaturally() {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatDuration(ns)), text);
    }

    void timePointsKeepMillisecondsAndNeededDigits_data() {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("round") << qint64(1'700'000'000) << "1.700 s";
        QTest::newRow("zero") << qint64(0) << "0.000 s";
        QTest::newRow("nanoseconds") << qint64(12'345) << "0.000012345 s";
    }
    void timePointsKeepMillisecondsAndNeededDigits() {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatTimePoint(ns)), text);
    }

    void momentsReadToTheMillisecond_data() {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("script statement noise") << qint64(200'001'212) << "0.200 s";
        QTest::newRow("rounds up") << qint64(1'499'600'000) << "1.500 s";
        QTest::newRow("zero") << qint64(0) << "0.000 s";
        QTest::newRow("under a millisecond") << qint64(863) << "0.000 s";
    }
    void momentsReadToTheMillisecond() {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatMoment(ns)), text);
    }

    void momentsReadToWhatTheResolutionTellsApart_data() {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<qint64>("resolution");
        QTest::addColumn<QString>("text");
        QTest::newRow("a millisecond a pixel") << qint64(458'480'090) << qint64(1'000'000) << "0.458 s";
        QTest::newRow("coarser stays at ms") << qint64(458'480'090) << qint64(40'000'000) << "0.458 s";
        QTest::newRow("450 µs a pixel") << qint64(458'480'090) << qint64(450'000) << "0.4585 s";
        QTest::newRow("a microsecond a pixel") << qint64(458'480'090) << qint64(1'000) << "0.458480 s";
        QTest::newRow("nanoseconds") << qint64(458'480'090) << qint64(1) << "0.458480090 s";
    }
    void momentsReadToWhatTheResolutionTellsApart() {
        QFETCH(qint64, ns);
        QFETCH(qint64, resolution);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatMomentTo(ns, resolution)), text);
    }

    void lessonsSpeakInSeconds_data() {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("half a second") << qint64(500'000'000) << "0.5 s";
        QTest::newRow("a quarter") << qint64(250'000'000) << "0.25 s";
        QTest::newRow("milliseconds") << qint64(12'340'000) << "12.3 ms";
        QTest::newRow("microseconds") << qint64(40'000) << "40 µs";
    }
    void lessonsSpeakInSeconds() {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(plainDuration(ns)), text);
    }

    void sitesNameTheFileAsRecordedOrByItsName() {
        Trace trace;
        trace.sites.push_back({trace.strings.intern("/home/me/agents/loop.py"), 0, 14, 0});
        trace.sites.push_back({0, 0, 9, 0});
        QCOMPARE(formatSite(trace, 1), std::string("/home/me/agents/loop.py:14"));
        QCOMPARE(formatSite(trace, 1, SitePath::FileName), std::string("loop.py:14"));
        QCOMPARE(formatSite(trace, 2), std::string("line 9"));
        QCOMPARE(formatSite(trace, kUnknownSite), std::string());
        QCOMPARE(formatSite(trace, 99), std::string());
    }
};

QTEST_APPLESS_MAIN(TestTimeFormat)
#include "tst_time_format.moc"
