// The native format: byte-exact round trips (plain and gzip), atomic saving, progress and
// cancellation, and a table of malformed inputs, each with the exact error it must give.
#include "RecordedTraces.h"

#include <awaitscope/analysis/LoopFigures.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/io/TraceLimits.h>

#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace awaitscope;

namespace {

// Every table filled and every event kind used, with strings that need escaping.
Trace everythingTrace() {
    Trace t;
    t.metadata = {"títle \"quoted\"", "wall", "hand-built", "agent.py", "async def main():\n\tprint('hi')\n", "demo",
                  "the program called os._exit(3)"};
    const StringId file = t.strings.intern("agent.py");
    const StringId fn = t.strings.intern("main");
    const StringId what = t.strings.intern("asyncio.sleep");
    static constexpr char kControl[] = "bell\a nul\0 tab\t \\ / \xE2\x9C\x93";
    const StringId control = t.strings.intern(std::string(kControl, sizeof kControl - 1));
    const StringId error = t.strings.intern("ValueError('bad')");
    t.sites.push_back({file, fn, 3, 5});
    t.awaits.push_back({1, WaitKind::Timer, what, kNoTask});
    t.awaits.push_back({1, WaitKind::Task, control, 1});
    t.frames.push_back({fn, 1, 1});
    t.blocks.push_back({1, BlockKind::Network, what});
    t.scopes.push_back({ScopeKind::AsCompleted, 0, 1, 10, 20});
    TaskRecord main{0, kNoTask, TaskKind::Task, fn, 0, 0, 1, 0, kNoScope, {}};
    main.events = {{0, EventKind::Ready, 1, 0, kNoTask},       {0, EventKind::Resume, 0, 0, 0},
                   {0, EventKind::FrameEnter, 0, 0, 0},       {5, EventKind::BlockBegin, 0, 0, 0},
                   {9, EventKind::BlockEnd, 0, 0, 0},         {9, EventKind::Suspend, 0, 0, 1},
                   {kMaxTimeNs - 1, EventKind::Ready, 4, 0, 1}, {kMaxTimeNs, EventKind::Resume, 0, 0, 0},
                   {kMaxTimeNs, EventKind::FrameExit, 0, 0, 0}, {kMaxTimeNs, EventKind::Finish, 1, 0, error}};
    TaskRecord worker{1, 0, TaskKind::Thread, 0, 7, 0, 0, 7, 0, {}};  // asyncio's default name: Task-7
    worker.events = {{7, EventKind::Ready, 11, 0, 0}, {7, EventKind::Resume, 0, 0, 0}, {8, EventKind::Finish, 2, 0, 0}};
    t.tasks = {main, worker};
    t.output.push_back({1, 0, 1, control});
    t.output.push_back({2, kNoTask, 0, fn});
    t.neverAwaited.push_back({3, 4, 0, fn, 1});
    t.unretrievedErrors.push_back({8, 1, error});
    t.pendingAtExit.push_back({kMaxTimeNs, 1});
    t.scriptErrors.push_back({kMaxTimeNs, 0, 1, error});
    return t;
}

Trace traceFor(const QString& name) {
    if (name == "blocking")
        return recorded::blockingFreezesLoop();
    if (name == "gather")
        return recorded::gatherThreeCalls();
    if (name == "warnings")
        return recorded::threeWarnings();
    if (name == "everything")
        return everythingTrace();
    if (name == "plain script") {  // no event loop: one lane of the program's top level
        Trace t;
        const StringId module = t.strings.intern("<module>");
        t.sites.push_back({t.strings.intern("plain.py"), module, 1, 0});
        t.frames.push_back({module, 1, 1});
        t.blocks.push_back({1, BlockKind::Sleep, t.strings.intern("time.sleep")});
        TaskRecord main{0, kNoTask, TaskKind::Main, t.strings.intern("main program"), 0, 0, 1, 0, kNoScope, {}};
        main.events = {{0, EventKind::Resume, 0, 0, 0},
                       {3, EventKind::BlockBegin, 0, 0, 0},
                       {500'000'003, EventKind::BlockEnd, 0, 0, 0},
                       {500'000'010, EventKind::Finish, 0, 0, 0}};
        t.tasks = {main};
        t.output.push_back({1, 0, 1, module});
        return t;
    }
    return Trace();
}

QString loadError(const std::string& bytes) {
    const LoadResult result = loadTraceBytes(bytes, "t.json");
    return result.ok ? QStringLiteral("<loaded>") : QString::fromStdString(result.error);
}

const std::string kHead = "{\"format\":\"awaitscope-trace\",\"version\":1,";
std::string withTask(const std::string& events) { return kHead + "\"tasks\":[{\"id\":0,\"events\":[" + events + "]}]}"; }

} // namespace

class TestNativeFormat : public QObject {
    Q_OBJECT
private slots:
    void writeReadWriteGivesIdenticalBytes_data() {
        QTest::addColumn<QString>("trace");
        for (const char* name : {"empty", "blocking", "gather", "warnings", "everything", "plain script"})
            QTest::newRow(name) << QString(name);
    }
    void writeReadWriteGivesIdenticalBytes() {
        QFETCH(QString, trace);
        const Trace original = traceFor(trace);
        const std::string first = nativeTraceJson(original);
        const LoadResult loaded = loadTraceBytes(first, "first.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        // Only how a run that did not end normally ended is said (the "everything" trace's).
        QCOMPARE(loaded.warnings.size(), std::size_t(original.metadata.ending.empty() ? 0 : 1));
        QCOMPARE(nativeTraceJson(loaded.trace), first);
        // And the model itself survived, not just its text.
        QCOMPARE(loaded.trace.tasks.size(), original.tasks.size());
        QCOMPARE(loaded.trace.eventCount(), original.eventCount());
        QCOMPARE(loaded.trace.strings.size(), original.strings.size());
        QCOMPARE(loaded.trace.metadata.sourceText, original.metadata.sourceText);
        QCOMPARE(loaded.trace.hasEventLoop(), original.hasEventLoop());
        for (std::size_t i = 0; i < original.tasks.size(); ++i)
            QCOMPARE(loaded.trace.tasks[i].kind, original.tasks[i].kind);
        for (std::size_t i = 0; i < original.tasks.size(); ++i)
            QVERIFY(std::equal(original.tasks[i].events.begin(), original.tasks[i].events.end(),
                               loaded.trace.tasks[i].events.begin(), [](const TraceEvent& a, const TraceEvent& b) {
                                   return a.time == b.time && a.kind == b.kind && a.detail == b.detail && a.ref == b.ref;
                               }));
    }

    void loadedTraceGivesTheSameAnalysis() {
        const LoadResult loaded = loadTraceBytes(nativeTraceJson(recorded::blockingFreezesLoop()), "b.json");
        QVERIFY(loaded.ok);
        const LoopUsage loop = loopUsage(TraceIndex(loaded.trace));
        QCOMPARE(loop.busy, TimeNs{1'500'000'000});
        QCOMPARE(loop.idle, TimeNs{1'200'000'000});
    }

    void loopQueuesRoundTrip() {
        Trace trace;
        trace.tasks.push_back(TaskRecord{});
        trace.tasks[0].id = 0;
        trace.loopQueues = {{0, 0, LoopQueue::Ready, 0, 0, CallbackKind::TaskStep},
                            {1, 5, LoopQueue::Ready, kNoTask, 0, CallbackKind::Timeout},
                            {1, 5, LoopQueue::Timer, 0, 300, CallbackKind::TimerDue}};
        const std::string first = nativeTraceJson(trace);
        QVERIFY(first.find("\"loopQueues\":[\n{\"iteration\":0,\"t\":0,\"queue\":\"ready\",\"task\":0,\"due\":0,"
                           "\"what\":\"step\"}") != std::string::npos);
        const LoadResult loaded = loadTraceBytes(first, "q.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(loaded.trace.loopQueues.size(), std::size_t(3));
        QCOMPARE(loaded.trace.loopQueues[1].task, kNoTask);
        QCOMPARE(loaded.trace.loopQueues[2].queue, LoopQueue::Timer);
        QCOMPARE(loaded.trace.loopQueues[2].due, TimeNs(300));
        QCOMPARE(loaded.trace.loopQueues[1].what, CallbackKind::Timeout);
        QCOMPARE(nativeTraceJson(loaded.trace), first);
        // A file written before entries were named still loads; its callbacks are unnamed.
        std::string older = first;
        for (std::size_t at; (at = older.find(",\"what\":")) != std::string::npos;)
            older.erase(at, older.find('}', at) - at);
        const LoadResult old = loadTraceBytes(older, "old.json");
        QVERIFY2(old.ok, old.error.c_str());
        QCOMPARE(old.trace.loopQueues[1].what, CallbackKind::Other);
    }

    void outputStreamsRoundTripAndOldFilesReadAsStdout() {
        Trace trace;
        const StringId printed = trace.strings.intern("printed");
        const StringId warning = trace.strings.intern("RuntimeWarning: coroutine 'fetch' was never awaited");
        trace.output = {{0, kNoTask, kUnknownSite, printed, OutputStream::Stdout},
                        {5, kNoTask, kUnknownSite, warning, OutputStream::Stderr}};
        const std::string first = nativeTraceJson(trace);
        // stdout goes without the member, as in files written before streams were kept.
        QVERIFY(first.find("\"stream\":\"stdout\"") == std::string::npos);
        QVERIFY(first.find("\"stream\":\"stderr\"") != std::string::npos);
        const LoadResult loaded = loadTraceBytes(first, "o.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(loaded.trace.output.size(), std::size_t(2));
        QCOMPARE(loaded.trace.output[0].stream, OutputStream::Stdout);
        QCOMPARE(loaded.trace.output[1].stream, OutputStream::Stderr);
        QCOMPARE(nativeTraceJson(loaded.trace), first);
        // A stream that is neither is an error that names it.
        std::string bad = first;
        bad.replace(bad.find("\"stderr\""), 8, "\"stdin\"");
        const LoadResult refused = loadTraceBytes(bad, "o.json");
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.find("unknown output stream \"stdin\"") != std::string::npos, refused.error.c_str());
    }

    void invalidUtf8IsWrittenAsReplacementCharacters() {
        Trace trace;
        trace.metadata.title = "caf\xE9 \xED\xA0\x80 ok";  // Latin-1 é and a UTF-16 surrogate: not UTF-8
        const std::string first = nativeTraceJson(trace);
        const LoadResult loaded = loadTraceBytes(first, "u.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(loaded.trace.metadata.title, std::string("caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ok"));
        QCOMPARE(nativeTraceJson(loaded.trace), first);
    }

    void gzipRoundTripIsDetectedFromTheContent() {
        const Trace original = recorded::blockingFreezesLoop();
        const std::string gz = traceFileBytes(original, TraceFormat::NativeGzip);
        QCOMPARE(static_cast<unsigned char>(gz[0]), 0x1fu);
        QCOMPARE(static_cast<unsigned char>(gz[1]), 0x8bu);
        QVERIFY(gz.size() < nativeTraceJson(original).size());
        QCOMPARE(traceFileBytes(original, TraceFormat::NativeGzip), gz);  // no time stamp in the header
        const LoadResult loaded = loadTraceBytes(gz, "b.json.gz");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(nativeTraceJson(loaded.trace), nativeTraceJson(original));
    }

    void damagedGzipGivesAnErrorWithTheCompressedOffset_data() {
        QTest::addColumn<int>("cut");
        QTest::addColumn<int>("flip");
        QTest::addColumn<QString>("error");
        QTest::newRow("truncated") << 60 << -1 << "t.json: the gzip data ends early at compressed byte 60: the file is truncated";
        QTest::newRow("corrupted") << 0 << 40 << "t.json: invalid gzip data at compressed byte 64: invalid bit length repeat";
    }
    void damagedGzipGivesAnErrorWithTheCompressedOffset() {
        QFETCH(int, cut);
        QFETCH(int, flip);
        QFETCH(QString, error);
        // A checked-in trace, not a fresh recording: zlib's message depends on the exact bytes.
        QFile file(QStringLiteral(TEST_DATA_DIR "/native/example.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        const LoadResult example = loadTraceBytes(std::string_view(json.constData(), static_cast<std::size_t>(json.size())),
                                                  "example.json");
        QVERIFY2(example.ok, example.error.c_str());
        std::string gz = traceFileBytes(example.trace, TraceFormat::NativeGzip);
        if (cut > 0)
            gz.resize(static_cast<std::size_t>(cut));
        if (flip >= 0)
            gz[static_cast<std::size_t>(flip)] = static_cast<char>(~gz[static_cast<std::size_t>(flip)]);
        QCOMPARE(loadError(gz), error);
    }

    void formatComesFromTheFileName_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format");
        QTest::newRow("json") << "run.json" << int(TraceFormat::Native);
        QTest::newRow("gzip") << "dir/run.json.gz" << int(TraceFormat::NativeGzip);
        QTest::newRow("chrome") << "run.chrome.json" << int(TraceFormat::Chrome);
        QTest::newRow("chrome, other separator") << "run-chrome.json" << int(TraceFormat::Chrome);
        QTest::newRow("chrome, bare") << "dir/chrome.json" << int(TraceFormat::Chrome);
        QTest::newRow("anything else") << "run.trace" << int(TraceFormat::Native);
    }
    void formatComesFromTheFileName() {
        QFETCH(QString, path);
        QFETCH(int, format);
        QCOMPARE(int(formatForPath(path.toStdString())), format);
    }

    void savedFileLoadsBackAndLeavesNoTemporaries() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.json.gz").toStdString();
        const Trace original = recorded::gatherThreeCalls();
        const SaveResult saved = saveTraceFile(original, path);
        QVERIFY2(saved.ok, saved.error.c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run.json.gz"});
        const LoadResult loaded = loadTraceFile(path);
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(nativeTraceJson(loaded.trace), nativeTraceJson(original));
    }

    void failedSaveLeavesTheOldFileUntouched() {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.json");
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old contents");
        }
        // Make every write past 100 bytes fail (EFBIG), which works even when tests run as root.
        rlimit saved{};
        getrlimit(RLIMIT_FSIZE, &saved);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 100;
        setrlimit(RLIMIT_FSIZE, &small);
        const SaveResult result = saveTraceFile(recorded::blockingFreezesLoop(), path.toStdString());
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(!result.ok);
        QCOMPARE(QString::fromStdString(result.error), path + ": cannot save: File too large");
        QFile old(path);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old contents"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run.json"});
    }

    void recordedProgramsSourceIsFoundBesideTheTrace() {
        QTemporaryDir dir;
        auto write = [&](const QString& name, const QByteArray& text) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        const std::string tracePath = dir.filePath("run.json").toStdString();
        // Recorded elsewhere: the recorded path is gone, the program sits beside the trace.
        Trace moved;
        moved.metadata.sourceFile = "/home/someone/project/agent.py";
        write("agent.py", "print('hi')\n");
        QCOMPARE(QString::fromStdString(attachSourceBeside(moved, tracePath)), dir.filePath("agent.py"));
        QCOMPARE(moved.metadata.sourceText, std::string("print('hi')\n"));
        // The recorded path wins when it still exists.
        Trace here;
        write("other.py", "x = 1\n");
        here.metadata.sourceFile = dir.filePath("other.py").toStdString();
        QCOMPARE(attachSourceBeside(here, "/nowhere/run.json"), here.metadata.sourceFile);
        QCOMPARE(here.metadata.sourceText, std::string("x = 1\n"));
        // An embedded source is kept; a trace naming no file, or a missing one, gets nothing.
        Trace embedded;
        embedded.metadata.sourceFile = dir.filePath("agent.py").toStdString();
        embedded.metadata.sourceText = "embedded";
        QCOMPARE(attachSourceBeside(embedded, tracePath), std::string());
        QCOMPARE(embedded.metadata.sourceText, std::string("embedded"));
        Trace missing;
        missing.metadata.sourceFile = "/gone/missing.py";
        QCOMPARE(attachSourceBeside(missing, tracePath), std::string());
        QVERIFY(missing.metadata.sourceText.empty());
        // Too big to be a program: not read.
        Trace huge;
        huge.metadata.sourceFile = "huge.py";
        write("huge.py", QByteArray(static_cast<qsizetype>(kMaxSourceBytes) + 1, 'x'));
        QCOMPARE(attachSourceBeside(huge, tracePath), std::string());
        QVERIFY(huge.metadata.sourceText.empty());
    }

    void saveIntoAMissingDirectoryFails() {
        const SaveResult result = saveTraceFile(Trace(), "/nonexistent-dir/run.json");
        QVERIFY(!result.ok);
        QCOMPARE(QString::fromStdString(result.error),
                 QString("/nonexistent-dir/run.json: cannot create a temporary file next to it: No such file or directory"));
    }

    void progressReachesTheTotalAndCancelStops() {
        // Enough events for several 1 MiB blocks.
        Trace big;
        big.tasks.push_back({});
        big.tasks[0].id = 0;
        for (TimeNs t = 0; t < 170'000; ++t)
            big.tasks[0].events.push_back({t * 1000, EventKind::Resume, 0, 0, 0});
        const std::string bytes = nativeTraceJson(big);
        QVERIFY(bytes.size() > 3u << 20);

        std::vector<std::uint64_t> done;
        LoadProgress progress;
        progress.onProgress = [&](std::uint64_t bytesDone, std::uint64_t total) {
            QCOMPARE(total, std::uint64_t(bytes.size()));
            done.push_back(bytesDone);
        };
        QVERIFY(loadTraceBytes(bytes, "big.json", progress).ok);
        QVERIFY(done.size() >= 4);
        QVERIFY(std::is_sorted(done.begin(), done.end()));
        QCOMPARE(done.back(), std::uint64_t(bytes.size()));

        std::atomic<bool> cancel{false};
        progress.cancelled = &cancel;
        progress.onProgress = [&](std::uint64_t, std::uint64_t) { cancel = true; };
        const LoadResult cancelled = loadTraceBytes(bytes, "big.json", progress);
        QVERIFY(!cancelled.ok);
        QCOMPARE(QString::fromStdString(cancelled.error), QString("big.json: loading cancelled"));
        QCOMPARE(cancelled.trace.tasks.size(), std::size_t{0});
    }

    void malformedInputGivesAnErrorThatSaysWhere_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        auto row = [](const char* name, const std::string& input, const char* error) {
            QTest::newRow(name) << QByteArray::fromStdString(input) << QString(error);
        };
        row("empty file", "", "t.json: the file is empty (0 bytes)");
        row("only white space", " \n\t ",
            "t.json: byte 4 (line 2, column 3): syntax error while parsing value - unexpected end of input; expected '[', "
            "'{', or a literal");
        row("binary file", "\x7f" "ELF\x02\x01",
            "t.json: byte 0: not a trace: it starts with 0x7F where a trace starts with '{' (Awaitscope or Chrome JSON), "
            "'[' (Chrome JSON) or gzip data");
        row("a number", "42",
            "t.json: byte 0: not a trace: it starts with '4' where a trace starts with '{' (Awaitscope or Chrome JSON), "
            "'[' (Chrome JSON) or gzip data");
        row("truncated", withTask("[0,\"resume\"],[5,").substr(0, 84),
            "t.json: byte 84 (line 1, column 85): syntax error while parsing value - unexpected end of input; expected "
            "'[', '{', or a literal (in tasks[0].events[1][0])");
        row("trailing garbage", kHead + "\"tasks\":[]} xyz",
            "t.json: byte 53 (line 1, column 54): syntax error while parsing value - invalid literal; last read: "
            "'\"tasks\":[]} x'; expected end of input");
        row("not UTF-8", kHead + "\"metadata\":{\"title\":\"\xff\"}}",
            "t.json: byte 62 (line 1, column 63): syntax error while parsing value - invalid string: ill-formed UTF-8 "
            "byte; last read: '\"\\xFF' (in metadata.title)");
        row("wrong format", "{\"format\":\"perfetto\",\"version\":1}",
            "t.json: format (near byte 20): not an Awaitscope trace: \"format\" must be \"awaitscope-trace\"");
        row("format not first", "{\"version\":1,\"format\":\"awaitscope-trace\"}",
            "t.json: an Awaitscope trace must have \"format\" as its first member");
        row("version as a string", "{\"format\":\"awaitscope-trace\",\"version\":\"1\"}",
            "t.json: version (near byte 42): expected the format version, an integer");
        row("newer version", "{\"format\":\"awaitscope-trace\",\"version\":2}",
            "t.json: version (near byte 41): version 2 is not supported: this Awaitscope reads version 1");
        row("no version", "{\"format\":\"awaitscope-trace\",\"tasks\":[]}",
            "t.json: near byte 40: the \"version\" member is missing");
        row("unknown member", kHead + "\"taskz\":[]}", "t.json: taskz (near byte 48): unknown member \"taskz\"");
        row("member twice", kHead + "\"tasks\":[],\"tasks\":[]}", "t.json: tasks (near byte 59): member \"tasks\" appears twice");
        row("unknown event kind", withTask("[0,\"sleep\"]"),
            "t.json: tasks[0].events[0][1] (near byte 78): unknown event kind \"sleep\"; expected one of \"ready\", "
            "\"resume\", \"suspend\", \"finish\", \"enter\", \"exit\", \"block\", \"unblock\"");
        row("unknown wait kind", withTask("[0,\"ready\",\"nap\"]"),
            "t.json: tasks[0].events[0][2] (near byte 84): unknown wait kind \"nap\"; expected one of \"none\", \"start\", "
            "\"yield\", \"timer\", \"task\", \"gather\", \"taskgroup\", \"event\", \"lock\", \"semaphore\", \"queue\", "
            "\"thread\", \"future\", \"cancel\", \"condition\", \"wait\", \"shield\", \"stream\"");
        row("negative time", withTask("[-5,\"resume\"]"),
            "t.json: tasks[0].events[0][0] (near byte 72): time -5 ns is negative: times count from the start of the run");
        row("time past 2^62", withTask("[4611686018427387905,\"resume\"]"),
            "t.json: tasks[0].events[0][0] (near byte 89): time 4611686018427387905 ns is out of range (0 to "
            "4611686018427387904)");
        row("time past 2^64", withTask("[99999999999999999999999,\"resume\"]"),
            "t.json: tasks[0].events[0][0] (near byte 93): time 99999999999999999999999 is not a whole number of "
            "nanoseconds (or is out of range)");
        row("fractional time", withTask("[1.5,\"resume\"]"),
            "t.json: tasks[0].events[0][0] (near byte 73): time 1.5 is not a whole number of nanoseconds (or is out of "
            "range)");
        row("events out of order", withTask("[9,\"resume\"],[3,\"resume\"]"),
            "t.json: tasks[0].events[1][0] (near byte 84): time 3 is earlier than the previous event's (9): events must "
            "be in time order");
        row("event with too many elements", withTask("[0,\"resume\",1]"),
            "t.json: tasks[0].events[0][2] (near byte 82): a \"resume\" event has at most 2 elements");
        row("event without its payload", withTask("[0,\"suspend\"]"),
            "t.json: tasks[0].events[0] (near byte 81): a \"suspend\" event needs its await id as the third element");
        row("event with only a time", withTask("[0]"),
            "t.json: tasks[0].events[0] (near byte 71): an event is [time, kind, ...]; this one has 1 element");
        row("event as an object", withTask("{\"t\":0}"),
            "t.json: tasks[0].events[0] (near byte 69): expected an event [time, kind, ...]");
        row("missing await", withTask("[0,\"suspend\",7]"),
            "t.json: tasks[0].events[0][2]: await 7 does not exist (\"awaits\" has 0)");
        row("missing waker task", withTask("[0,\"ready\",\"task\",3]"),
            "t.json: tasks[0].events[0][3]: task 3 does not exist (\"tasks\" has 1)");
        row("missing parent task", kHead + "\"tasks\":[{\"id\":0,\"parent\":1}]}",
            "t.json: tasks[0].parent: task 1 does not exist (\"tasks\" has 1)");
        row("missing string", kHead + "\"tasks\":[{\"id\":0,\"name\":5}]}",
            "t.json: tasks[0].name: string 5 does not exist (\"strings\" has 1)");
        row("missing site", kHead + "\"awaits\":[{\"site\":4,\"kind\":\"timer\"}]}",
            "t.json: awaits[0].site: site 4 does not exist (\"sites\" has 1)");
        row("task id not its position", kHead + "\"tasks\":[{\"id\":3}]}",
            "t.json: tasks[0].id (near byte 58): id 3 does not match the task's position 0 in \"tasks\"");
        row("id out of range", kHead + "\"tasks\":[{\"id\":0,\"name\":4294967295}]}",
            "t.json: tasks[0].name (near byte 76): id 4294967295 is out of range (0 to 4294967294)");
        row("name as a string", kHead + "\"tasks\":[{\"id\":0,\"name\":\"main\"}]}",
            "t.json: tasks[0].name (near byte 71): expected an id (an integer from 0), got a string");
        row("string listed twice", kHead + "\"strings\":[\"\",\"a\",\"a\"]}",
            "t.json: strings[2] (near byte 62): \"a\" appears twice: every string is listed once");
        row("first string not empty", kHead + "\"strings\":[\"x\"]}",
            "t.json: strings[0] (near byte 55): strings[0] must be the empty string");
        row("first site not unknown", kHead + "\"sites\":[{\"line\":3}]}",
            "t.json: sites[0] (near byte 60): sites[0] must be the unknown site "
            "{\"file\":0,\"function\":0,\"line\":0,\"column\":0}");
        row("output out of order", kHead + "\"output\":[{\"t\":5},{\"t\":4}]}",
            "t.json: output[1] (near byte 66): output lines must be in time order: this one is earlier than the one before");
        row("unknown loop queue", kHead + "\"loopQueues\":[{\"queue\":\"heap\"}]}",
            "t.json: loopQueues[0].queue (near byte 70): unknown loop queue \"heap\"; expected one of \"ready\", \"timer\"");
        row("unknown callback kind", kHead + "\"loopQueues\":[{\"what\":\"nap\"}]}",
            "t.json: loopQueues[0].what (near byte 68): unknown callback kind \"nap\"; expected one of \"other\", \"step\", "
            "\"wakeup\", \"timer\", \"loopStop\", \"gather\", \"taskGroup\", \"wait\", \"shield\", \"timeout\", \"thread\", "
            "\"program\", \"asyncGenClose\", \"runCleanup\", \"streamIo\"");
        row("loop queue of a missing task", kHead + "\"loopQueues\":[{\"task\":4}]}",
            "t.json: loopQueues[0].task: task 4 does not exist (\"tasks\" has 0)");
        row("metadata not a string", kHead + "\"metadata\":{\"title\":3}}",
            "t.json: metadata.title (near byte 63): expected a string");
        row("arrays nested 100000 deep", "[" + std::string(100000, '['),
            "t.json: byte 65: nesting deeper than 64 levels (kMaxJsonDepth)");
        row("task as an array", kHead + "\"tasks\":[[[[[[", "t.json: tasks[0] (near byte 51): expected a task object");
        row("object without events", "{\"displayTimeUnit\":\"ns\"}",
            "t.json: not a trace: an Awaitscope trace starts with {\"format\": ...}, a Chrome trace is an array of events "
            "or has \"traceEvents\"");
    }
    void malformedInputGivesAnErrorThatSaysWhere() {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        QCOMPARE(loadError(input.toStdString()), error);
    }

    void overlongValueIsCutOffWithoutReadingItAll() {
        std::string input = kHead + "\"metadata\":{\"title\":\"";
        input.append(kMaxStringBytes + (2u << 20), 'x');
        input += "\"}}";
        const QString error = loadError(input);
        QCOMPARE(error, QString("t.json: byte 60: a single JSON string runs on for more than 16777216 bytes "
                                "(kMaxStringBytes)"));
    }

    void fileErrorsNameTheFile() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("missing.json").toStdString();
        QCOMPARE(QString::fromStdString(loadTraceFile(missing).error),
                 QString::fromStdString(missing) + ": cannot open: No such file or directory");
        QCOMPARE(QString::fromStdString(loadTraceFile(dir.path().toStdString()).error),
                 dir.path() + ": is a directory, not a trace file");
    }

    // Sparse files: no disk space used, and only the first block is ever read.
    void hugeFilesAreRefusedOrRejectedAtOnce_data() {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("error");
        QTest::newRow("2 GiB of zeros") << qint64(2) * 1024 * 1024 * 1024
                                        << "byte 0: not a trace: it starts with 0x00 where a trace starts with '{' "
                                           "(Awaitscope or Chrome JSON), '[' (Chrome JSON) or gzip data";
        QTest::newRow("5 GiB") << qint64(5) * 1024 * 1024 * 1024
                               << "the file is 5368709120 bytes, over the limit of 4294967296 (kMaxTraceFileBytes)";
    }
    void hugeFilesAreRefusedOrRejectedAtOnce() {
        QFETCH(qint64, size);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = dir.filePath("huge.json");
        const int fd = ::open(path.toLocal8Bit().constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY(fd >= 0);
        QCOMPARE(::ftruncate(fd, size), 0);
        ::close(fd);
        QCOMPARE(QString::fromStdString(loadTraceFile(path.toStdString()).error), path + ": " + error);
    }

    void annotatedExampleLoadsAndWritesBackUnchanged() {
        QFile file(QStringLiteral(TEST_DATA_DIR "/native/example.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string bytes = file.readAll().toStdString();
        const LoadResult loaded = loadTraceBytes(bytes, "example.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
        QCOMPARE(nativeTraceJson(loaded.trace), bytes);
        const LoopUsage loop = loopUsage(TraceIndex(loaded.trace));
        QCOMPARE(loop.busy, TimeNs{200'000'000});
        QCOMPARE(loop.elapsed(), TimeNs{700'000'000});
        QVERIFY(loaded.trace.metadata.sourceText.find("time.sleep(0.2)  # blocks the loop") != std::string::npos);
    }

    void byteOrderMarkIsAccepted() {
        const LoadResult loaded = loadTraceBytes("\xEF\xBB\xBF" + nativeTraceJson(Trace()), "bom.json");
        QVERIFY2(loaded.ok, loaded.error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestNativeFormat)
#include "tst_native_format.moc"
