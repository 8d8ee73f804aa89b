// Files that are damaged, hand-made or hostile, in every reader: each fails fast with an error
// that says where, or loads with warnings that name what was dropped or doubted. Small
// versions of the big cases; bench_trace_io measures the big ones.
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/io/TraceLimits.h>

#include <QtTest>

#include <zlib.h>

using namespace awaitscope;

namespace {

QString loadError(const std::string& bytes) {
    const LoadResult result = loadTraceBytes(bytes, "t.json");
    return result.ok ? QStringLiteral("<loaded>") : QString::fromStdString(result.error);
}

QStringList warnings(const LoadResult& result) {
    QStringList list;
    for (const LoadWarning& warning : result.warnings)
        list << QString::fromStdString(toString(warning));
    return list;
}

const std::string kHead = "{\"format\":\"awaitscope-trace\",\"version\":1,";

// A native trace whose tasks have these parents and event lists (JSON text of each list).
std::string nativeTrace(const std::vector<std::pair<std::string, std::string>>& tasks) {
    std::string text = kHead + "\"strings\":[\"\",\"f\"],\"awaits\":[{\"site\":0,\"kind\":\"timer\",\"what\":1}],"
                               "\"frames\":[{\"name\":1},{\"name\":1}],\"blocks\":[{\"site\":0,\"kind\":\"cpu\",\"what\":1}],"
                               "\"tasks\":[";
    for (std::size_t i = 0; i < tasks.size(); ++i)
        text += std::string(i ? "," : "") + "{\"id\":" + std::to_string(i) + ",\"parent\":" + tasks[i].first +
                ",\"events\":[" + tasks[i].second + "]}";
    return text + "]}";
}

std::string gzip(const std::string& bytes) {
    std::string out(compressBound(static_cast<uLong>(bytes.size())) + 32, '\0');
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

// "[e0,e1,...]" of `count` copies of `entry`.
std::string chromeArray(const std::string& entry, std::size_t count) {
    std::string text = "[";
    text.reserve(count * (entry.size() + 1) + 2);
    for (std::size_t i = 0; i < count; ++i)
        text += (i ? "," : "") + entry;
    return text + "]";
}

// "[0,0,0,...]"
std::string numbers(std::size_t count) {
    std::string text = "[";
    for (std::size_t i = 0; i < count; ++i)
        text += i ? ",0" : "0";
    return text + "]";
}

QStringList laneNames(const Trace& trace) {
    QStringList names;
    for (const TaskRecord& task : trace.tasks)
        names << QString::fromStdString(std::string(trace.str(task.name)));
    return names;
}

} // namespace

class TestHostileTraces : public QObject {
    Q_OBJECT
private slots:
    // ---- Bytes that are not JSON ----

    void aNulByteIsAnErrorWhereverItIs_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        const std::string valid = nativeTraceJson(Trace());
        const std::string nul(1, '\0');
        QTest::newRow("after a valid native trace")
            << QByteArray::fromStdString(valid + nul + std::string(3000, '\0'))
            << QString("t.json: byte %1: a NUL byte (0x00), which JSON does not allow; the file is damaged or is not a "
                       "trace from here on").arg(valid.size());
        QTest::newRow("in the middle of a native trace")
            << QByteArray::fromStdString(kHead + "\"tasks\":[" + nul + "]}")
            << QString("t.json: byte 50: a NUL byte (0x00), which JSON does not allow; the file is damaged or is not a "
                       "trace from here on");
        QTest::newRow("after a valid Chrome trace")
            << QByteArray::fromStdString("[{\"ph\":\"X\",\"ts\":1,\"dur\":2,\"tid\":1}]\n" + nul + "junk")
            << QString("t.json: byte 36: a NUL byte (0x00), which JSON does not allow; the file is damaged or is not a "
                       "trace from here on");
        QTest::newRow("in an unfinished Chrome trace")
            << QByteArray::fromStdString("[{\"ph\":\"X\",\"ts\":1,\"dur\":2,\"tid\":1}," + nul + nul)
            << QString("t.json: byte 35: a NUL byte (0x00), which JSON does not allow; the file is damaged or is not a "
                       "trace from here on");
        // Past the first block (1 MiB): the check is made on every block.
        QTest::newRow("two megabytes in")
            << QByteArray::fromStdString(kHead + "\"tasks\":[]" + std::string(2u << 20, ' ') + nul + "}")
            << QString("t.json: byte %1: a NUL byte (0x00), which JSON does not allow; the file is damaged or is not a "
                       "trace from here on").arg(kHead.size() + 10 + (2u << 20));
    }
    void aNulByteIsAnErrorWhereverItIs() {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        QCOMPARE(loadError(input.toStdString()), error);
    }

    void whiteSpaceOverTheLimitIsCalledWhiteSpace() {
        // Valid JSON, but no trace holds 16 MiB of nothing: it fails fast, and says what it found.
        // (A string over the limit: tst_native_format.)
        const std::string input = kHead + "\"tasks\":[]" + std::string(kMaxStringBytes + (2u << 20), '\n') + "}";
        QCOMPARE(loadError(input), QString("t.json: byte 51: more than 16777216 bytes (kMaxStringBytes) of white space "
                                           "without a value (the file may be padded or damaged)"));
    }

    // ---- Files whose entries are not events fail fast ----

    void aLongRunOfEntriesThatAreNotEventsFails_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        const QString tail = QStringLiteral(" entries in a row are not trace events (not objects, no \"ph\", or an unknown "
                                            "phase): this is not a Chrome trace, or it is damaged from traceEvents[%1] on");
        // The small version of a 5 MB gzip that inflates to 5 GB of numbers.
        QTest::newRow("gzip of an array of numbers")
            << QByteArray::fromStdString(gzip(numbers(2'000'000)))
            << "t.json: traceEvents[0] to [9999]: 10000" + tail.arg(0);
        QTest::newRow("objects without ph")
            << QByteArray::fromStdString(chromeArray("{\"name\":\"x\",\"ts\":1}", 200'000))
            << "t.json: traceEvents[0] to [9999]: 10000" + tail.arg(0);
        QTest::newRow("unknown phases after real events")
            << QByteArray::fromStdString("[{\"ph\":\"X\",\"ts\":1,\"dur\":1}," +
                                         chromeArray("{\"ph\":\"Z\",\"ts\":1}", 20'000).substr(1))
            << "t.json: traceEvents[1] to [10000]: 10000" + tail.arg(1);
    }
    void aLongRunOfEntriesThatAreNotEventsFails() {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        QCOMPARE(loadError(input.toStdString()), error);
    }

    void scatteredEntriesThatAreNotEventsAreOnlyCounted() {
        // 9,999 in a row, then an event, then 9,999 more: a damaged but readable trace.
        const std::string junk = chromeArray("{\"name\":\"x\"}", 9'999);
        const std::string input = junk.substr(0, junk.size() - 1) + ",{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"tid\":1}," +
                                  junk.substr(1);
        const LoadResult result = loadTraceBytes(input, "t.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(warnings(result), QStringList{"19998 events without a \"ph\" (phase) were skipped (the first is "
                                               "traceEvents[0])"});
    }

    // ---- Chrome ids and times ----

    void asyncIdsThatAreNotIntegersKeepTheirOwnLanes() {
        const std::string input = "[{\"ph\":\"b\",\"cat\":\"c\",\"name\":\"a\",\"id\":1.5,\"ts\":1},"
                                  "{\"ph\":\"e\",\"cat\":\"c\",\"name\":\"a\",\"id\":1.5,\"ts\":2},"
                                  "{\"ph\":\"b\",\"cat\":\"c\",\"name\":\"b\",\"id\":2.5,\"ts\":3},"
                                  "{\"ph\":\"e\",\"cat\":\"c\",\"name\":\"b\",\"id\":2.5,\"ts\":4},"
                                  "{\"ph\":\"b\",\"cat\":\"c\",\"name\":\"c\",\"id\":18446744073709551615,\"ts\":5},"
                                  "{\"ph\":\"e\",\"cat\":\"c\",\"name\":\"c\",\"id\":18446744073709551615,\"ts\":6},"
                                  "{\"ph\":\"b\",\"cat\":\"c\",\"name\":\"d\",\"id2\":{\"local\":0.25},\"ts\":7},"
                                  "{\"ph\":\"e\",\"cat\":\"c\",\"name\":\"d\",\"id2\":{\"local\":0.25},\"ts\":8}]";
        const LoadResult result = loadTraceBytes(input, "t.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(laneNames(result.trace), QStringList({"a (async 1.5)", "b (async 2.5)", "c (async 18446744073709551615)",
                                                       "d (async local:0.25)"}));
        QVERIFY(result.warnings.empty());
    }

    void threadIdsThatAreNotIntegersKeepTheirOwnLanes() {
        const std::string input = "[{\"ph\":\"X\",\"ts\":1,\"dur\":1,\"pid\":1,\"tid\":1.5},"
                                  "{\"ph\":\"X\",\"ts\":2,\"dur\":1,\"pid\":1,\"tid\":1.25},"
                                  "{\"ph\":\"X\",\"ts\":3,\"dur\":1,\"pid\":1,\"tid\":18446744073709551615}]";
        const LoadResult result = loadTraceBytes(input, "t.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.trace.tasks.size(), std::size_t{3});
    }

    void aChromeTraceSpanningMoreThanATraceCanHoldFails() {
        // Each time is in range (under 2^62 ns); together they span more.
        const std::string input = "[{\"ph\":\"i\",\"ts\":-4000000000000000,\"tid\":1},"
                                  "{\"ph\":\"i\",\"ts\":4000000000000000,\"tid\":1}]";
        QCOMPARE(loadError(input), QString("t.json: traceEvents[0] (at -4000000000000000 us) and traceEvents[1] (at "
                                           "4000000000000000 us) are more than 2^62 ns (146 years) apart, the longest "
                                           "span a trace can hold"));
        // At the limit it loads, and what it converts to loads back.
        const std::string fits = "[{\"ph\":\"i\",\"ts\":-2000000000000000,\"tid\":1},"
                                 "{\"ph\":\"i\",\"ts\":2000000000000000,\"tid\":1}]";
        const LoadResult loaded = loadTraceBytes(fits, "t.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        const LoadResult back = loadTraceBytes(nativeTraceJson(loaded.trace), "back.json");
        QVERIFY2(back.ok, back.error.c_str());
    }

    // ---- Native traces that the grammar allows but no run can make ----

    void parentsInACycleAreCutAndReported() {
        // 0 is a root; 1 -> 2 -> 3 -> 1 is a cycle; 4 is its own parent; 5 hangs off the cycle.
        const LoadResult result =
            loadTraceBytes(nativeTrace({{"null", ""}, {"3", ""}, {"1", ""}, {"2", ""}, {"4", ""}, {"2", ""}}), "t.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(warnings(result), QStringList{"2 tasks were their own ancestors (parents in a cycle); the first task of "
                                               "each cycle is shown as a top-level task (the first is tasks[1].parent)"});
        std::vector<TaskId> parents;
        for (const TaskRecord& task : result.trace.tasks)
            parents.push_back(task.parent);
        QCOMPARE(parents, (std::vector<TaskId>{kNoTask, kNoTask, 1, 2, kNoTask, 2}));
    }

    void impossibleEventSequencesAreReportedWithTheirPlace_data() {
        QTest::addColumn<QString>("events");
        QTest::addColumn<QString>("warning");
        QTest::newRow("exit without enter") << "[0,\"resume\"],[1,\"exit\",0]"
                                            << "1 frame exits (\"exit\") without a matching \"enter\" (the first is "
                                               "tasks[0].events[1])";
        QTest::newRow("exit of another frame") << "[0,\"resume\"],[0,\"enter\",0],[0,\"enter\",1],[1,\"exit\",0]"
                                               << "1 frame exits (\"exit\") of a frame other than the innermost open one "
                                                  "(the first is tasks[0].events[3])";
        QTest::newRow("double resume") << "[0,\"resume\"],[1,\"resume\"],[2,\"resume\"]"
                                       << "2 \"resume\" events while the task was already running (a resume without a "
                                          "suspend before it) (the first is tasks[0].events[1])";
        QTest::newRow("suspend while not running") << "[0,\"ready\",\"start\"],[1,\"suspend\",0]"
                                                   << "1 \"suspend\" events while the task was not running (a suspend "
                                                      "without a resume before it) (the first is tasks[0].events[1])";
        QTest::newRow("finish while not running") << "[0,\"resume\"],[1,\"suspend\",0],[2,\"finish\",\"done\"]"
                                                  << "1 \"finish\" events while the task was not running (the first is "
                                                     "tasks[0].events[2])";
        QTest::newRow("events after finish") << "[0,\"resume\"],[1,\"finish\",\"done\"],[2,\"resume\"],[3,\"suspend\",0]"
                                             << "2 events after their task finished (the first is tasks[0].events[2])";
        QTest::newRow("unblock without block") << "[0,\"resume\"],[1,\"unblock\",0]"
                                               << "1 \"unblock\" events without a matching \"block\" (the first is "
                                                  "tasks[0].events[1])";
    }
    void impossibleEventSequencesAreReportedWithTheirPlace() {
        QFETCH(QString, events);
        QFETCH(QString, warning);
        const LoadResult result = loadTraceBytes(nativeTrace({{"null", events.toStdString()}}), "t.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(warnings(result), QStringList{warning});
    }

    void aWellFormedRunHasNoWarnings() {
        const LoadResult result = loadTraceBytes(
            nativeTrace({{"null", "[0,\"ready\",\"start\"],[0,\"resume\"],[0,\"enter\",0],[1,\"block\",0],[2,\"unblock\",0],"
                                  "[2,\"enter\",1],[3,\"suspend\",0],[5,\"ready\",\"timer\"],[6,\"resume\"],[6,\"exit\",1],"
                                  "[7,\"exit\",0],[7,\"finish\",\"done\"]"},
                         {"0", "[1,\"ready\",\"start\",0]"}}),
            "t.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(warnings(result), QStringList());
    }
};

QTEST_APPLESS_MAIN(TestHostileTraces)
#include "tst_hostile_traces.moc"
