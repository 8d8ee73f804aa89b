// The names the save and export dialogs offer.
#include "app/ProposedFileName.h"

#include <QtTest>

using awaitscope::ui::proposedFileName;

class TestProposedFileName : public QObject {
    Q_OBJECT
private slots:
    void offersANameAFileSystemAndAShellTakeAsIs_data() {
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a trace file, as a picture") << "trace.json" << "" << ".png" << "trace.png";
        QTest::newRow("a gzipped trace") << "run.json.gz" << "" << ".svg" << "run.svg";
        QTest::newRow("an export of an export") << "run.chrome.json" << "" << ".chrome.json" << "run.chrome.json";
        QTest::newRow("a lesson goes by its name") << "Forgetting `await`: the coroutine never runs" << "forgotten_await"
                                                   << ".png" << "forgotten_await.png";
        QTest::newRow("an edited lesson") << "Forgetting `await`: the coroutine never runs (edited)" << "" << ".json"
                                          << "Forgetting_await_the_coroutine_never_runs_edited.json";
        QTest::newRow("slashes are not directories") << "a/b\\c.json" << "" << ".png" << "a_b_c.png";
        QTest::newRow("letters of any script stay") << "Zeitplan für Aufgaben" << "" << ".png" << "Zeitplan_für_Aufgaben.png";
        QTest::newRow("nothing usable") << " `` " << "" << ".png" << "trace.png";
        QTest::newRow("nothing at all") << "" << "" << ".json" << "trace.json";
    }
    void offersANameAFileSystemAndAShellTakeAsIs() {
        QFETCH(QString, displayName);
        QFETCH(QString, scenario);
        QFETCH(QString, suffix);
        QFETCH(QString, expected);
        QCOMPARE(proposedFileName(displayName, scenario, suffix), expected);
    }
};

QTEST_APPLESS_MAIN(TestProposedFileName)
#include "tst_proposed_file_name.moc"
