// Predict, then reveal: a prediction is scored line by line (lines printed twice matched by
// occurrence), the panel marks right and wrong after Reveal, explains each line out of
// place, plays the run from the start, and jumps to a line's moment when clicked.
#include "UiTestSupport.h"
#include "WindowTestSupport.h"

#include "teaching/PlaybackController.h"
#include "teaching/Prediction.h"
#include "model/OutputModel.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/OutputPanel.h"
#include "panels/PredictPanel.h"
#include "model/QtText.h"

#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

class TestPrediction : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void aPredictionIsScoredLineByLine_data() {
        QTest::addColumn<QStringList>("predicted");
        QTest::addColumn<QStringList>("actual");
        QTest::addColumn<QList<int>>("actualIndex");
        QTest::addColumn<int>("right");
        QTest::newRow("all right") << QStringList{"a", "b", "c"} << QStringList{"a", "b", "c"} << QList<int>{0, 1, 2} << 3;
        QTest::newRow("two swapped") << QStringList{"a", "c", "b", "d"} << QStringList{"a", "b", "c", "d"} << QList<int>{0, 2, 1, 3} << 2;
        QTest::newRow("one moved to the front") << QStringList{"c", "a", "b"} << QStringList{"a", "b", "c"} << QList<int>{2, 0, 1} << 0;
        QTest::newRow("repeated lines by occurrence") << QStringList{"done", "x", "done"} << QStringList{"done", "done", "x"} << QList<int>{0, 2, 1} << 1;
        QTest::newRow("a line never printed") << QStringList{"a", "zzz"} << QStringList{"a", "b"} << QList<int>{0, -1} << 1;
    }
    void aPredictionIsScoredLineByLine() {
        QFETCH(QStringList, predicted);
        QFETCH(QStringList, actual);
        QFETCH(QList<int>, actualIndex);
        QFETCH(int, right);
        const PredictionScore score = scorePrediction(predicted, actual);
        QCOMPARE(score.total(), predicted.size());
        QCOMPARE(score.rightCount, right);
        QList<int> indices;
        for (const PlacedLine& line : score.lines)
            indices << line.actual;
        QCOMPARE(indices, actualIndex);
    }

    void twoSwappedLinesAreMarkedWrongAndExplained() {
        MainWindow window(demoTraceSources());
        window.show();
        QVERIFY(uitest::runAndWait(window, QStringLiteral("taskgroup_calls")));
        uitest::raiseDock(window, "predictDock");
        PredictPanel* panel = window.predictPanel();
        QStringList lines = printedLines(window.document()->model()->trace());
        QCOMPARE(panel->prediction().size(), lines.size());
        QVERIFY(panel->prediction() != lines);  // the starting order gives nothing away
        std::swap(lines[1], lines[2]);  // "stocks: asking" before "news: asking"
        panel->setPrediction(lines);
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("revealButton")), Qt::LeftButton);

        QVERIFY(panel->score());
        QCOMPARE(panel->score()->rightCount, lines.size() - 2);
        QStringList marks;
        for (int i = 0; i < panel->list()->count(); ++i)
            marks << panel->list()->item(i)->text().left(1);
        QCOMPARE(marks, QStringList({"✓", "✗", "✗", "✓", "✓", "✓", "✓"}));
        const QString stocks = panel->list()->item(1)->text();
        QVERIFY2(stocks.contains(QStringLiteral("printed 3 of 7")), qPrintable(stocks));
        QVERIFY2(stocks.contains(QStringLiteral("in the order they were created")), qPrintable(stocks));
        QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("predictionResult"))->text(),
                 QStringLiteral("5 of 7 lines in the right place. Click a line marked ✗ to see the moment that explains it."));
        // Reveal plays the run from the start.
        QVERIFY(window.playback()->isPlaying());
        QVERIFY(*window.viewState()->playhead() < uitest::ms(100));
        window.playback()->pause();

        // A wrong line leads to its moment: the playhead just after it was printed.
        emit panel->list()->itemClicked(panel->list()->item(1));
        QCOMPARE(window.outputPanel()->model()->rowCount(), 3);
        QCOMPARE(window.outputPanel()->model()->index(2, OutputModel::TextColumn).data().toString(), QStringLiteral("stocks: asking"));
        QCOMPARE(window.viewState()->selection().kind, SelectionKind::Output);
    }

    void explanationsSayWhyALineCameWhenItDid() {
        const auto model = uitest::demoModel("blocking_sleep");
        // The line printed after the blocking call is explained by the freeze, not by the await before it.
        QCOMPARE(explainOutputMoment(*model, 1),
                 QStringLiteral("blocker printed it at 1.7 s, right after its time.sleep at line 14 held the loop (frozen) from 0.2 s "
                                "to 1.7 s; that step began at 0.2 s, when its await asyncio.sleep (line 12) was over."));
        QCOMPARE(explainOutputMoment(*model, 2),
                 QStringLiteral("heartbeat printed it at 1.7 s: it was ready at 0.5 s, but blocker held the loop (frozen) until 1.7 s."));
        QCOMPARE(explainOutputMoment(*model, 3), QStringLiteral("heartbeat printed it at 2.2 s, as soon as its await asyncio.sleep (line 7) was over at 2.2 s."));
    }

    // The lesson under the interpreter, whose statements cost microseconds: its explanations
    // read moments to the millisecond ("at 0 s"), not "at 1.1 µs" or "at 869 ns".
    void explanationsReadMomentsToTheMillisecond() {
        const Scenario* lesson = findScenario("taskgroup_concurrency");
        QVERIFY(lesson);
        ScriptRunOptions options;
        options.fileName = lesson->fileName;
        ScriptRunResult run = runScript(lesson->source, options);
        QVERIFY(run.ok);
        const DerivedTrace model(std::make_shared<const Trace>(std::move(run.trace)));
        const Trace& trace = model.trace();
        bool sawFirstStep = false;
        for (std::size_t line = 0; line < trace.output.size(); ++line) {
            const QString text = explainOutputMoment(model, line);
            QVERIFY2(!text.contains(QStringLiteral("µs")) && !text.contains(QStringLiteral(" ns")), qPrintable(text));
            if (qs(trace.str(trace.output[line].text)) == QStringLiteral("news: request sent")) {
                QVERIFY2(trace.output[line].time > 0, "the line is printed a little after 0 s");
                QVERIFY2(text.startsWith(QStringLiteral("news printed it at 0 s in its first step.")), qPrintable(text));
                sawFirstStep = true;
            }
        }
        QVERIFY(sawFirstStep);
    }
};

QTEST_MAIN(TestPrediction)
#include "tst_prediction.moc"
