// A recorder's journal (what tools/awaitscope_record.py leaves when its program dies) opens as
// a trace marked as ended abruptly; a finished trace keeps how its program ended.
#include <awaitscope/io/TraceFile.h>

#include <QtTest>

using namespace awaitscope;

namespace {

// A program that printed a line and was killed while its task slept. (Defined at the end of
// the file: moc does not read past raw string literals.)
std::string header();
std::string records();

LoadResult load(const std::string& bytes) { return loadTraceBytes(bytes, "killed.json"); }

} // namespace

class TestJournal : public QObject {
    Q_OBJECT
private slots:
    void aJournalOpensAsATraceThatEndedAbruptly() {
        const LoadResult loaded = load(header() + records());
        QVERIFY2(loaded.ok, loaded.error.c_str());
        const Trace& trace = loaded.trace;
        QCOMPARE(trace.tasks.size(), std::size_t(1));
        QCOMPARE(trace.tasks[0].events.size(), std::size_t(4));
        QCOMPARE(trace.tasks[0].events.back().kind, EventKind::Suspend);
        QCOMPARE(trace.output.size(), std::size_t(1));
        QCOMPARE(trace.str(trace.output[0].text), std::string_view("tick"));
        QVERIFY(trace.metadata.ending.starts_with("ended abruptly"));
        QCOMPARE(loaded.warnings.size(), std::size_t(1));
        QVERIFY(loaded.warnings[0].what.starts_with("the recording did not run to its end: ended abruptly"));
    }

    void aLastLineCutOffIsLeftOutAndSaid() {
        const LoadResult loaded = load(header() + records() + "[\"rows\",0,[9,\"rea");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(loaded.trace.tasks[0].events.size(), std::size_t(4));
        QCOMPARE(loaded.warnings.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(toString(loaded.warnings[0])),
                 QString("the journal's last line (line 12) was cut off as it was written, and is left out"));
    }

    void aJournalThatEndedNormallyHasNoMark() {
        const LoadResult loaded =
            load(header() + records() + "[\"taskName\",[0,3,0]]\n[\"end\",{\"ending\":\"\"}]\n");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(loaded.trace.metadata.ending, std::string());
        QVERIFY(loaded.warnings.empty());
        QCOMPARE(loaded.trace.taskName(0), std::string("tick"));  // renamed
    }

    void badJournalsFailWithTheirLine_data() {
        QTest::addColumn<QString>("records");
        QTest::addColumn<QString>("error");
        QTest::newRow("not a record") << "hello\n" << "killed.json: journal line 2: not a journal record";
        QTest::newRow("unknown record") << "[\"nonsense\",{}]\n" << "killed.json: journal line 2: unknown record \"nonsense\"";
        QTest::newRow("rows of no task") << "[\"rows\",4,[0,\"resume\"]]\n"
                                         << "killed.json: journal line 2: rows of task 4, which does not exist";
        QTest::newRow("a dangling reference")
            << "[\"task\",{\"id\":0,\"name\":0,\"number\":1,\"kind\":\"task\",\"parent\":null,\"coroutine\":7,\"createdAt\":0,\"created\":0,\"scope\":null}]\n"
            << "killed.json: tasks[0].coroutine: frame 7 does not exist (\"frames\" has 0) (in the trace made from the journal)";
    }
    void badJournalsFailWithTheirLine() {
        QFETCH(QString, records);
        QFETCH(QString, error);
        const LoadResult loaded = load(header() + records.toStdString());
        QVERIFY(!loaded.ok);
        QCOMPARE(QString::fromStdString(loaded.error), error);
    }

    void anEndingSurvivesSavingAndLoading() {
        LoadResult loaded = load(header() + records());
        QVERIFY(loaded.ok);
        const std::string native = traceFileBytes(loaded.trace, TraceFormat::Native);
        const LoadResult again = loadTraceBytes(native, "saved.json");
        QVERIFY2(again.ok, again.error.c_str());
        QCOMPARE(again.trace.metadata.ending, loaded.trace.metadata.ending);
        QCOMPARE(again.warnings, loaded.warnings);
        // A run that ended normally writes no "ending" at all.
        loaded.trace.metadata.ending.clear();
        QVERIFY(traceFileBytes(loaded.trace, TraceFormat::Native).find("\"ending\"") == std::string::npos);
    }
};

namespace {

std::string header() {
    return
    R"({"format":"awaitscope-journal","version":1,"metadata":{"title":"killed.py","clock":"virtual","recorder":"test","sourceFile":"","scenario":"","sourceText":""}})"
    "\n";
}

std::string records() {
    return R"(["string","killed.py"]
["string","main"]
["string","tick"]
["site",{"file":1,"function":2,"line":3,"column":0}]
["frame",{"name":2,"definition":1,"callSite":1}]
["await",{"site":1,"kind":"timer","what":3,"target":null}]
["task",{"id":0,"name":0,"number":1,"kind":"task","parent":null,"coroutine":0,"createdAt":1,"created":0,"scope":null}]
["rows",0,[0,"ready","start",null],[0,"resume"],[0,"enter",0]]
["output",{"t":5,"task":0,"site":1,"text":3}]
["rows",0,[7,"suspend",0]]
)";
}

} // namespace

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
