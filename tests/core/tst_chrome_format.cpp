// Chrome Trace Event JSON: the export is parsed back (with Qt's JSON parser, independent of
// ours) and checked for what Perfetto and chrome://tracing need; the import is run on traces
// written by Chrome and other tools, including ones cut short.
#include "RecordedTraces.h"

#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/Diagnostics.h>
#include <awaitscope/analysis/FrozenStretches.h>
#include <awaitscope/analysis/TimeFormat.h>
#include <awaitscope/io/ChromeFormat.h>
#include <awaitscope/io/NativeFormat.h>
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QtTest>

#include <map>

using namespace awaitscope;

namespace {

QJsonArray exportedEvents(const Trace& trace, QJsonObject* top = nullptr) {
    const std::string text = chromeTraceJson(trace);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "exported JSON does not parse:" << error.errorString() << "at" << error.offset;
    if (top)
        *top = document.object();
    return document.object().value("traceEvents").toArray();
}

QList<QJsonObject> select(const QJsonArray& events, const QString& phase, int tid = -1) {
    QList<QJsonObject> found;
    for (const QJsonValue& value : events) {
        const QJsonObject e = value.toObject();
        if (e.value("ph").toString() == phase && (tid < 0 || e.value("tid").toInt() == tid))
            found << e;
    }
    return found;
}

QString describe(const QList<QJsonObject>& events) {
    QStringList list;
    for (const QJsonObject& e : events)
        list << QStringLiteral("%1@%2+%3").arg(e.value("name").toString()).arg(qint64(e.value("ts").toDouble())).arg(qint64(e.value("dur").toDouble()));
    return list.join(", ");
}

QString dataFile(const char* name) { return QStringLiteral(TEST_DATA_DIR "/chrome/") + name; }

QByteArray readData(const char* name) {
    QFile file(dataFile(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

LoadResult load(const QByteArray& bytes) { return loadTraceBytes(bytes.toStdString(), "c.json"); }

// "name: t kind, t kind ..." with times in microseconds, for compact comparisons.
QString lane(const Trace& trace, TaskId task) {
    QStringList parts;
    for (const TraceEvent& e : trace.tasks[task].events) {
        QString part = QStringLiteral("%1 %2").arg(e.time / 1000).arg(toString(e.kind));
        if (e.kind == EventKind::FrameEnter)
            part += " " + QString::fromUtf8(trace.str(trace.frames[e.ref].name).data(),
                                            qsizetype(trace.str(trace.frames[e.ref].name).size()));
        parts << part;
    }
    return QString::fromStdString(std::string(trace.str(trace.tasks[task].name))) + ": " + parts.join(", ");
}

QStringList warnings(const LoadResult& result) {
    QStringList list;
    for (const LoadWarning& w : result.warnings)
        list << QString::fromStdString(toString(w));
    return list;
}

// Every trace the project ships or records: the lessons as the window runs them, the recorded
// sample programs, the test data, and runs of the C++ runtime.
void addEveryTrace() {
    QTest::addColumn<QString>("source");
    for (const Scenario& scenario : builtinScenarios())
        QTest::newRow(("lesson " + scenario.name).c_str()) << QString::fromStdString("lesson:" + scenario.name);
    for (const QString& dir : {QStringLiteral(SAMPLE_TRACES_DIR), QStringLiteral(TEST_DATA_DIR "/native")})
        for (const QFileInfo& file : QDir(dir).entryInfoList({"*.json"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable("file " + file.fileName())) << "file:" + file.absoluteFilePath();
    for (const char* name : {"blocking", "thread", "gather", "sequential", "warnings"})
        QTest::newRow((std::string("recorded ") + name).c_str()) << QString("recorded:") + name;
}

Trace makeTrace(const QString& source) {
    const QString what = source.section(':', 1);
    if (source.startsWith("lesson:")) {
        const Scenario* scenario = findScenario(what.toStdString());
        ScriptRunOptions options;
        options.fileName = scenario->fileName;
        options.recordLoopQueues = true;
        Trace trace = runScript(scenario->source, options).trace;
        trace.metadata.scenario = scenario->name;
        return trace;
    }
    if (source.startsWith("file:")) {
        LoadResult loaded = loadTraceFile(what.toStdString());
        if (!loaded.ok)
            qWarning() << loaded.error.c_str();
        return std::move(loaded.trace);
    }
    if (what == "blocking")
        return recorded::blockingFreezesLoop();
    if (what == "thread")
        return recorded::threadEndsInAFreeze();
    if (what == "gather")
        return recorded::gatherThreeCalls();
    if (what == "sequential")
        return recorded::sequentialCalls();
    return recorded::threeWarnings();
}

// Each trace is made once for all the tests that use it (a CPU-heavy lesson takes seconds).
const Trace& traceFor(const QString& source) {
    static std::map<QString, Trace> made;
    auto found = made.find(source);
    if (found == made.end())
        found = made.emplace(source, makeTrace(source)).first;
    return found->second;
}

QStringList summaries(const Trace& trace) {
    QStringList list;
    for (const Diagnostic& d : collectDiagnostics(trace, findFrozenStretches(trace, TraceIndex(trace))))
        list << QStringLiteral("%1 %2-%3 %4: %5").arg(toString(d.kind)).arg(d.time).arg(d.end).arg(QString::fromStdString(taskLabel(trace, d.task)), QString::fromStdString(d.summary));
    return list;
}

// "name parent=N coroutine" per task, and the frame table, for readable failures.
QStringList taskTree(const Trace& trace) {
    QStringList list;
    for (const TaskRecord& task : trace.tasks)
        list << QStringLiteral("%1 parent=%2 %3").arg(QString::fromStdString(trace.taskName(task.id))).arg(qint64(task.parent == kNoTask ? -1 : qint64(task.parent)))
                    .arg(task.coroutine < trace.frames.size() ? QString::fromStdString(std::string(trace.str(trace.frames[task.coroutine].name))) : QString());
    for (const FrameInfo& frame : trace.frames)
        list << "frame " + QString::fromStdString(std::string(trace.str(frame.name)));
    return list;
}

} // namespace

class TestChromeFormat : public QObject {
    Q_OBJECT
private slots:
    void exportNamesATrackPerTask() {
        QJsonObject top;
        const QJsonArray events = exportedEvents(recorded::blockingFreezesLoop(), &top);
        QVERIFY(!events.isEmpty());
        QCOMPARE(top.value("displayTimeUnit").toString(), QString("ns"));
        QStringList names;
        for (const QJsonObject& m : select(events, "M"))
            if (m.value("name").toString() == "thread_name")
                names << QStringLiteral("%1=%2").arg(m.value("tid").toInt()).arg(m.value("args").toObject().value("name").toString());
        QCOMPARE(names, QStringList({"0=event loop", "1=Task-1 (blockingMain)", "2=Task-2 (heartbeat)", "3=Task-3 (blocker)",
                                     "4=critical path"}));
        for (const QJsonValue& value : events) {
            const QJsonObject e = value.toObject();
            QCOMPARE(e.value("pid").toInt(), 1);
            if (e.value("ph").toString() != "M")
                QVERIFY2(e.value("ts").isDouble(), qPrintable(QJsonDocument(e).toJson()));
        }
    }

    void exportShowsStepsFramesAndBlockingCalls() {
        const QJsonArray events = exportedEvents(recorded::blockingFreezesLoop());
        QCOMPARE(describe(select(events, "X", 3)), QString("blocker@0+0, blocker@200000+1500000, time.sleep@200000+1500000"));
        QCOMPARE(describe(select(events, "X", 0)), QString("FROZEN 1.5 s: Task-3 (blocker)@200000+1500000"));
    }

    void exportHasAsyncSlicesForAwaitsAndTheLoop() {
        const QJsonArray events = exportedEvents(recorded::blockingFreezesLoop());
        QStringList heartbeat;
        for (const QJsonObject& e : select(events, "b", 2) + select(events, "e", 2))
            heartbeat << QStringLiteral("%1 %2 %3 %4").arg(e.value("ph").toString(), e.value("cat").toString(),
                                                           e.value("name").toString()).arg(e.value("ts").toDouble());
        heartbeat.sort();
        QVERIFY2(heartbeat.contains("b await asyncio.sleep 0") && heartbeat.contains("e await asyncio.sleep 500000"),
                 qPrintable(heartbeat.join("; ")));
        QVERIFY(heartbeat.contains("b ready ready: waiting for the loop 500000"));
        QVERIFY(heartbeat.contains("e ready ready: waiting for the loop 1.7e+06"));
        // Every async begin has its end, with the same category and id.
        QMap<QString, int> open;
        for (const QJsonValue& value : events) {
            const QJsonObject e = value.toObject();
            const QString key = e.value("cat").toString() + "/" + QString::number(e.value("id").toInt());
            if (e.value("ph").toString() == "b")
                ++open[key];
            else if (e.value("ph").toString() == "e")
                QVERIFY(--open[key] >= 0);
        }
        for (int count : open)
            QCOMPARE(count, 0);
    }

    void exportDrawsWakeUpsAsFlowsBoundToSlices() {
        const QJsonArray events = exportedEvents(recorded::blockingFreezesLoop());
        QStringList flows;
        for (const QJsonObject& e : select(events, "X")) {
            if (!e.contains("bind_id"))
                continue;
            flows << QStringLiteral("%1 %2 tid=%3 %4@%5 %6").arg(e.value("bind_id").toInt()).arg(e.contains("flow_out") ? "out" : "in")
                         .arg(e.value("tid").toInt()).arg(e.value("name").toString()).arg(e.value("ts").toDouble()).arg(e.value("cat").toString());
        }
        flows.sort();
        // main starts the heartbeat and the blocker. Timers wake nobody's arrow, nor does the
        // gather that wakes main (this runtime records no waker task for it).
        QCOMPARE(flows, QStringList({"1 in tid=2 heartbeat@0 step", "1 out tid=1 starts Task-2 (heartbeat)@0 wakeup",
                                     "2 in tid=3 blocker@0 step", "2 out tid=1 starts Task-3 (blocker)@0 wakeup"}));
        QVERIFY(select(events, "s").isEmpty() && select(events, "f").isEmpty());  // no flow events of the old kind
    }

    // Perfetto and chrome://tracing draw a flow between the slices that carry its bind_id:
    // each arrow must start inside the step that woke (or created) the task, and end on the
    // step it woke. Every argument is under args.data, which the Firefox Profiler keeps.
    void exportedFlowsStartAndEndInsideSlices_data() { addEveryTrace(); }
    void exportedFlowsStartAndEndInsideSlices() {
        QFETCH(QString, source);
        const Trace& trace = traceFor(source);
        const QJsonArray events = exportedEvents(trace);
        QVERIFY(!events.isEmpty());
        QMap<qint64, QList<QJsonObject>> steps;  // by tid
        QMap<qint64, QJsonObject> outs;
        QMap<qint64, QJsonObject> ins;
        for (const QJsonValue& value : events) {
            const QJsonObject e = value.toObject();
            const QString phase = e.value("ph").toString();
            QVERIFY2(phase != "s" && phase != "t" && phase != "f", "flows are bound to slices, not separate events");
            if (e.contains("args") && phase != "M" && phase != "C")
                QCOMPARE(e.value("args").toObject().keys(), QStringList({"data"}));
            if (phase != "X")
                continue;
            if (e.value("cat").toString() == "step")
                steps[e.value("tid").toInteger()] << e;
            if (!e.contains("bind_id"))
                continue;
            const qint64 id = e.value("bind_id").toInteger();
            QMap<qint64, QJsonObject>& ends = e.value("flow_out").toBool() ? outs : ins;
            QVERIFY2(!ends.contains(id), qPrintable(QStringLiteral("bind_id %1 used twice").arg(id)));
            QVERIFY(e.value("flow_out").toBool() != e.value("flow_in").toBool());
            ends.insert(id, e);
        }
        QCOMPARE(outs.keys(), ins.keys());
        int wakeUps = 0;  // Ready events woken by another task and followed by a step
        for (const TaskRecord& task : trace.tasks)
            for (std::size_t i = 0; i + 1 < task.events.size(); ++i)
                wakeUps += task.events[i].kind == EventKind::Ready && task.events[i].ref < trace.tasks.size() &&
                           task.events[i].ref != task.id && task.events[i + 1].kind == EventKind::Resume;
        QCOMPARE(outs.size(), wakeUps);
        for (auto it = outs.begin(); it != outs.end(); ++it) {
            const QJsonObject& out = it.value();
            const QJsonObject& in = ins.value(it.key());
            QCOMPARE(in.value("cat").toString(), QString("step"));
            QCOMPARE(out.value("cat").toString(), QString("wakeup"));
            QCOMPARE(out.value("dur").toDouble(), 0.0);
            const double at = out.value("ts").toDouble();
            QVERIFY(at <= in.value("ts").toDouble());
            bool inside = false;
            for (const QJsonObject& step : steps.value(out.value("tid").toInteger())) {
                const double begin = step.value("ts").toDouble();
                const double length = step.value("dur").toDouble();
                inside |= length > 0 ? begin <= at && at < begin + length : at == begin;
            }
            QVERIFY2(inside, qPrintable(QJsonDocument(out).toJson(QJsonDocument::Compact)));
        }
    }

    void exportMarksDiagnosticsAndCounters() {
        const QJsonArray events = exportedEvents(recorded::threeWarnings());
        QStringList instants;
        for (const QJsonObject& e : select(events, "i"))
            instants << QStringLiteral("%1 %2 %3").arg(e.value("tid").toInt()).arg(e.value("ts").toDouble()).arg(e.value("name").toString().section(' ', 0, 2));
        QCOMPARE(instants, QStringList({"1 0 coroutine 'forgotten' was", "2 100000 Task exception was",
                                        "3 200000 Task-3 (sleepy) was"}));
        const QJsonArray blocking = exportedEvents(recorded::blockingFreezesLoop());
        const QList<QJsonObject> frozen = select(blocking, "i", 0);
        QCOMPARE(frozen.size(), 1);
        QVERIFY(frozen[0].value("name").toString().startsWith("loop frozen for 1.5 s by Task-3 (blocker)"));
        QVERIFY(frozen[0].value("args").toObject().value("data").toObject().value("fix").toString().startsWith(
            "time.sleep blocks the loop"));
        QStringList ready;
        for (const QJsonObject& c : select(blocking, "C"))
            if (c.value("name").toString() == "ready queue")
                ready << QStringLiteral("%1:%2").arg(c.value("ts").toDouble()).arg(c.value("args").toObject().value("tasks").toInt());
        // The counter the window shows: two tasks queued as they start, the heartbeat waiting
        // from its timer at 0.5 s until the frozen loop lets go at 1.7 s (CounterSeries.h).
        QCOMPARE(ready.mid(0, 6), QStringList({"0:2", "0.001:0", "200000:1", "200000:0", "500000:1", "1.7e+06:0"}));
    }

    void exportNamesStderrLinesAndTheRoundTripKeepsTheirStream() {
        Trace trace;
        trace.tasks.push_back({});
        trace.tasks[0].id = 0;
        trace.tasks[0].events = {{0, EventKind::Ready, 1, 0, kNoTask}, {0, EventKind::Resume, 0, 0, 0},
                                 {5'000'000, EventKind::Finish, 0, 0, 0}};
        trace.output = {{1'000'000, 0, kUnknownSite, trace.strings.intern("asking"), OutputStream::Stdout},
                        {2'000'000, 0, kUnknownSite, trace.strings.intern("RuntimeWarning: never awaited"), OutputStream::Stderr}};
        const std::string text = chromeTraceJson(trace);
        QVERIFY(text.find("\"print: asking\"") != std::string::npos);
        QVERIFY2(text.find("\"stderr: RuntimeWarning: never awaited\"") != std::string::npos, text.c_str());
        const LoadResult back = loadTraceBytes(text, "s.chrome.json");
        QVERIFY2(back.ok, back.error.c_str());
        QCOMPARE(back.trace.output.size(), std::size_t{2});
        QCOMPARE(back.trace.output[1].stream, OutputStream::Stderr);
    }

    void exportKeepsEveryNanosecond() {
        Trace trace;
        trace.tasks.push_back({});
        trace.tasks[0].id = 0;
        trace.tasks[0].events = {{1, EventKind::Ready, 1, 0, kNoTask}, {1'234'567, EventKind::Resume, 0, 0, 0},
                                 {5'000'000, EventKind::Finish, 0, 0, 0}};
        const std::string text = chromeTraceJson(trace);
        QVERIFY2(text.find("\"ts\":0.001,") != std::string::npos, text.c_str());
        QVERIFY(text.find("\"ts\":1234.567,\"dur\":3765.433") != std::string::npos);
    }

    void exportedTraceImportsBackWithTheSameTasksAndFrozenLoop() {
        const LoadResult back = loadTraceBytes(chromeTraceJson(recorded::blockingFreezesLoop()), "b.chrome.json");
        QVERIFY2(back.ok, back.error.c_str());
        QCOMPARE(back.trace.tasks.size(), std::size_t{3});
        QCOMPARE(back.trace.taskName(2), std::string("Task-3"));
        QCOMPARE(back.trace.tasks[2].parent, TaskId{0});
        const std::vector<FrozenStretch> frozen = findFrozenStretches(back.trace, TraceIndex(back.trace));
        QCOMPARE(frozen.size(), std::size_t{1});
        QCOMPARE(frozen[0].culprit, TaskId{2});
        QCOMPARE(frozen[0].begin, TimeNs{200'000'000});
        QCOMPARE(frozen[0].duration(), TimeNs{1'500'000'000});
        QCOMPARE(frozen[0].victims.size(), std::size_t{1});
        QVERIFY(back.warnings.empty());
    }

    // Export, then import: the same trace, down to the bytes of its native form: tasks (names,
    // parents, coroutines), frames, every event and its time, the diagnostics.
    void roundTripGivesBackTheSameTrace_data() { addEveryTrace(); }
    void roundTripGivesBackTheSameTrace() {
        QFETCH(QString, source);
        const Trace& original = traceFor(source);
        QVERIFY(!original.tasks.empty() || !original.output.empty());
        const LoadResult back = loadTraceBytes(chromeTraceJson(original), "t.chrome.json");
        QVERIFY2(back.ok, back.error.c_str());
        QCOMPARE(warnings(back), QStringList());
        QCOMPARE(taskTree(back.trace), taskTree(original));
        QCOMPARE(summaries(back.trace), summaries(original));
        QCOMPARE(back.trace.eventCount(), original.eventCount());
        QCOMPARE(nativeTraceJson(back.trace), nativeTraceJson(original));
    }

    // The critical path rides along on a track of its own after the tasks': one slice per link,
    // at the link's times, named for what its task did; the trace read back has the same path.
    void exportDrawsTheCriticalPathOnATrackOfItsOwn_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("blocking") << "recorded:blocking";
        QTest::newRow("lesson agent_loop") << "lesson:agent_loop";
        QTest::newRow("lesson taskgroup_failure") << "lesson:taskgroup_failure";
    }
    void exportDrawsTheCriticalPathOnATrackOfItsOwn() {
        QFETCH(QString, source);
        const Trace& trace = traceFor(source);
        const DerivedTrace derived(trace);
        const std::vector<CriticalSegment>& links = derived.analysis().criticalPath.segments;
        QVERIFY(!links.empty());
        const QJsonArray events = exportedEvents(trace);
        QList<int> tracks;
        for (const QJsonObject& e : select(events, "M"))
            if (e.value("name").toString() == "thread_name" && e.value("args").toObject().value("name").toString() == "critical path")
                tracks << e.value("tid").toInt();
        QCOMPARE(tracks, QList<int>({int(trace.tasks.size()) + 1}));
        const QList<QJsonObject> slices = select(events, "X", tracks.front());
        QCOMPARE(slices.size(), qsizetype(links.size()));
        for (std::size_t i = 0; i < links.size(); ++i) {
            const QJsonObject& slice = slices[qsizetype(i)];
            QCOMPARE(slice.value("cat").toString(), QString("critical_path"));
            QCOMPARE(qRound64(slice.value("ts").toDouble() * 1000), links[i].begin);
            QCOMPARE(qRound64(slice.value("dur").toDouble() * 1000), links[i].duration());
            QCOMPARE(slice.value("name").toString(), QString::fromStdString(describeCriticalSegment(trace, derived.index(), links[i])));
            QCOMPARE(slice.value("args").toObject().value("data").toObject().value("link").toString(),
                     QStringLiteral("%1 of %2").arg(i + 1).arg(links.size()));
        }
        const LoadResult back = loadTraceBytes(chromeTraceJson(trace), "t.chrome.json");
        QVERIFY2(back.ok, back.error.c_str());
        QCOMPARE(back.trace.tasks.size(), trace.tasks.size());
        const DerivedTrace again(back.trace);
        QCOMPARE(again.analysis().criticalPath.segments.size(), links.size());
        for (std::size_t i = 0; i < links.size(); ++i) {
            QCOMPARE(again.analysis().criticalPath.segments[i].begin, links[i].begin);
            QCOMPARE(again.analysis().criticalPath.segments[i].end, links[i].end);
            QCOMPARE(again.analysis().criticalPath.segments[i].task, links[i].task);
        }
    }

    void exportedCriticalPathNamesEachLink() {
        const QJsonArray events = exportedEvents(recorded::blockingFreezesLoop());
        QCOMPARE(describe(select(events, "X", 4)), QString("Task-2 (heartbeat) awaits asyncio.sleep at line 33@0+500000, "
                                                           "Task-2 (heartbeat) waits for the loop@500000+1200000, "
                                                           "Task-2 (heartbeat) awaits asyncio.sleep at line 33@1700000+1000000"));
    }

    // Read without its metadata, the export's critical path track is left out like the loop's
    // (the analysis recomputes both): it never becomes a lane of its own.
    void criticalPathTrackNeverBecomesATask() {
        QJsonObject top;
        exportedEvents(recorded::blockingFreezesLoop(), &top);
        top.remove("metadata");
        const LoadResult plain = load(QJsonDocument(top).toJson(QJsonDocument::Compact));
        QVERIFY2(plain.ok, plain.error.c_str());
        for (const TaskRecord& task : plain.trace.tasks)
            QVERIFY2(!plain.trace.str(task.name).starts_with("critical path"), plain.trace.str(task.name).data());
        const QStringList said = warnings(plain);
        QVERIFY2(std::any_of(said.begin(), said.end(), [](const QString& w) {
                     return w.startsWith("4 events on the exported \"critical path\" track were skipped (the analysis recomputes it)");
                 }),
                 qPrintable(said.join('\n')));
    }

    // Our export read by a reader that ignores its metadata sees the same tasks, on their tracks.
    void exportWithoutItsMetadataStillImportsAsAChromeTrace() {
        QJsonObject top;
        const QJsonArray events = exportedEvents(recorded::blockingFreezesLoop(), &top);
        top.remove("metadata");
        const LoadResult plain = load(QJsonDocument(top).toJson(QJsonDocument::Compact));
        QVERIFY2(plain.ok, plain.error.c_str());
        QStringList names;
        for (const TaskRecord& task : plain.trace.tasks)
            names << QString::fromStdString(std::string(plain.trace.str(task.name)));
        QCOMPARE(names.mid(0, 3), QStringList({"Task-1 (blockingMain)", "Task-2 (heartbeat)", "Task-3 (blocker)"}));
        // The flow arrows still say who started whom.
        QCOMPARE(plain.trace.tasks[1].events[0].kind, EventKind::Ready);
        QCOMPARE(plain.trace.tasks[1].events[0].ref, TaskId{0});
        QCOMPARE(plain.trace.tasks[2].events[0].ref, TaskId{0});
    }

    void damagedMetadataIsReportedAndTheEventsStillLoad() {
        std::string text = chromeTraceJson(recorded::blockingFreezesLoop());
        const std::size_t parent = text.find("\"parent\":0", text.find("{\"id\":1,"));
        QVERIFY(parent < text.find("\"traceEvents\""));
        text.replace(parent, 10, "\"parent\":7");  // no such task
        const LoadResult result = loadTraceBytes(text, "c.json");
        QVERIFY2(result.ok, result.error.c_str());
        QVERIFY(!result.warnings.empty());
        QCOMPARE(QString::fromStdString(toString(result.warnings.front())),
                 QString("the Awaitscope metadata could not be read (metadata.awaitscope-trace: tasks[1].parent: task 7 "
                         "does not exist (\"tasks\" has 3)), so the trace was read as a plain Chrome trace"));
        QCOMPARE(std::string(result.trace.str(result.trace.tasks[2].name)), std::string("Task-3 (blocker)"));
    }

    void editedExportKeepsEveryEventItHasInTimeOrder() {
        const std::string text = chromeTraceJson(recorded::blockingFreezesLoop());
        // Cut out the blocker's long step (and the blocking call inside it): its events go missing.
        const std::size_t step = text.find("\"tid\":3,\"ts\":200000,\"dur\":1500000,\"cat\":\"step\"");
        QVERIFY(step != std::string::npos);
        const std::size_t from = text.rfind("\n{", step);
        const std::size_t to = text.find("\n{", step);
        const LoadResult result = loadTraceBytes(text.substr(0, from) + text.substr(to), "edited.chrome.json");
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(warnings(result), QStringList({"1 tasks' exported events were not numbered one after another (was the "
                                                "file edited?): their events were put in time order"}));
        QCOMPARE(result.trace.tasks.size(), std::size_t{3});
        QCOMPARE(result.trace.tasks[2].events.size(), recorded::blockingFreezesLoop().tasks[2].events.size() - 4);
    }

    void importNestsBeginEndAndCompleteEvents() {
        const LoadResult result = load(readData("trace-event_simple.json"));
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.trace.tasks.size(), std::size_t{1});
        QCOMPARE(lane(result.trace, 0), QString("thread 0: 0 resume, 0 enter alpha, 1 enter beta, 2 enter gamma, 7 exit, "
                                                "7 enter epsilon, 7 exit, 13 exit, 14 exit, 14 suspend"));
        QCOMPARE(warnings(result), QStringList({"1 complete events (X) without a usable \"dur\" were read as zero-length "
                                                "(the first is traceEvents[3])"}));
    }

    void importReadsTheObjectForm() {
        const LoadResult result = load(readData("trace-event_simple-object.json"));
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(lane(result.trace, 0), QString("thread 0: 0 resume, 0 enter alpha, 1 enter beta, 7 enter , 7 exit, "
                                                "13 exit, 14 exit, 14 suspend"));
    }

    void importNamesThreadsAfterTheirProcess() {
        const LoadResult result = load(readData("trace-event_multiprocess.json"));
        QVERIFY2(result.ok, result.error.c_str());
        QStringList names;
        for (const TaskRecord& task : result.trace.tasks)
            names << QString::fromStdString(std::string(result.trace.str(task.name)));
        QCOMPARE(names, QStringList({"p0 / p0t0", "p0 / p0t1", "p1 / p1t0", "p1 / p1t1", "pid 2 / p2t0", "pid 2 / p2t1",
                                     "p3 / thread 0", "p3 / thread 1"}));
        QVERIFY(result.warnings.empty());
    }

    void importReadsARealChromeTraceAndCountsWhatItCannotMap() {
        const LoadResult result = load(readData("Chrome_65_simple-timeline.json"));
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.trace.tasks.size(), std::size_t{83});  // 42 threads, 41 async tracks
        QCOMPARE(result.trace.eventCount(), std::size_t{8482});
        QCOMPARE(result.trace.output.size(), std::size_t{275});  // the instant events (I, n, T)
        // The Browser process sorts first (process_sort_index -6), its main thread first within it.
        QCOMPARE(std::string(result.trace.str(result.trace.tasks[0].name)), std::string("Browser / CrBrowserMain"));
        QCOMPARE(warnings(result),
                 QStringList({"13 complete events (X) without a usable \"dur\" were read as zero-length (the first is "
                              "traceEvents[14])",
                              "12 metadata events (M) other than thread and process names and sort indices were skipped "
                              "(the first is traceEvents[19])",
                              "4 object events (N/O/D) could not be mapped and were skipped (the first is traceEvents[1966])",
                              "20 end events (E, e, F) without a matching begin were skipped (the first is traceEvents[2])",
                              "17 begin events (B, b, S) without an end were closed at the end of the trace (the first is "
                              "traceEvents[3])",
                              // Steps of flows (v2: "flow_in" and "flow_out" on one slice) that began before the capture.
                              "21 flow events with no other end were skipped (the first is traceEvents[392])"}));
    }

    void traceWithoutItsClosingBracketLoadsAsComplete_data() {
        QTest::addColumn<QString>("ending");
        QTest::addColumn<int>("extraWarnings");
        QTest::newRow("no ]") << "" << 0;
        QTest::newRow("trailing comma") << "," << 0;
        QTest::newRow("trailing comma and newline") << ",\n" << 0;
        QTest::newRow("cut inside the next event") << ",\n  {\"pid\": 0, \"tid\": 0, \"ph\": \"E\", \"na" << 1;
    }
    void traceWithoutItsClosingBracketLoadsAsComplete() {
        QFETCH(QString, ending);
        QFETCH(int, extraWarnings);
        const QByteArray complete = readData("trace-event_simple.json");
        QByteArray cut = complete.left(complete.lastIndexOf(']'));
        while (cut.endsWith('\n'))
            cut.chop(1);
        cut += ending.toUtf8();
        const LoadResult full = load(complete);
        const LoadResult partial = load(cut);
        QVERIFY2(partial.ok, partial.error.c_str());
        QCOMPARE(lane(partial.trace, 0), lane(full.trace, 0));
        QCOMPARE(partial.warnings.size(), full.warnings.size() + std::size_t(extraWarnings));
        if (extraWarnings)
            QCOMPARE(QString::fromStdString(toString(partial.warnings.back())),
                     QString("1 event cut off at the end of the file could not be read"));
    }

    void unmappableEventsAreCountedNotDropped() {
        const QByteArray input = "[\n"
            "            {\"ph\":\"C\",\"ts\":1,\"pid\":1,\"tid\":1,\"name\":\"heap\",\"args\":{\"v\":3}},\n"
            "            {\"ph\":\"C\",\"ts\":2,\"pid\":1,\"tid\":1,\"name\":\"heap\",\"args\":{\"v\":4}},\n"
            "            {\"ph\":\"P\",\"ts\":3,\"pid\":1,\"tid\":1},\n"
            "            {\"ph\":\"Z\",\"ts\":4,\"pid\":1,\"tid\":1},\n"
            "            {\"ts\":5,\"pid\":1,\"tid\":1,\"name\":\"no phase\"},\n"
            "            {\"ph\":\"X\",\"ts\":\"soon\",\"pid\":1,\"tid\":1,\"name\":\"bad time\"},\n"
            "            {\"ph\":\"X\",\"ts\":1e300,\"dur\":1,\"pid\":1,\"tid\":1,\"name\":\"too late\"},\n"
            "            {\"ph\":\"E\",\"ts\":6,\"pid\":1,\"tid\":1},\n"
            "            {\"ph\":\"X\",\"ts\":7,\"dur\":2,\"pid\":1,\"tid\":1,\"name\":\"kept\"},\n"
            "            17\n"
            "        ]";
        const LoadResult result = load(input);
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(lane(result.trace, 0), QString("thread 1: 1 resume, 1 enter kept, 3 exit, 3 suspend"));
        QCOMPARE(warnings(result),
                 QStringList({"2 counter events (C) could not be mapped and were skipped (the first is traceEvents[0])",
                              "1 sample events (P) could not be mapped and were skipped (the first is traceEvents[2])",
                              "1 events of an unknown phase \"Z\" were skipped (the first is traceEvents[3])",
                              "1 events without a \"ph\" (phase) were skipped (the first is traceEvents[4])",
                              "2 events with a missing or unusable \"ts\" were skipped (the first is traceEvents[5])",
                              "1 entries of traceEvents that are not objects were skipped (the first is traceEvents[9])",
                              "1 end events (E, e, F) without a matching begin were skipped (the first is traceEvents[7])"}));
    }

    void flowArrowsBecomeWakeUps() {
        const QByteArray input = "[\n"
            "            {\"ph\":\"M\",\"pid\":1,\"tid\":1,\"name\":\"thread_name\",\"args\":{\"name\":\"producer\"}},\n"
            "            {\"ph\":\"M\",\"pid\":1,\"tid\":2,\"name\":\"thread_name\",\"args\":{\"name\":\"consumer\"}},\n"
            "            {\"ph\":\"X\",\"ts\":0,\"dur\":10,\"pid\":1,\"tid\":1,\"name\":\"put\"},\n"
            "            {\"ph\":\"s\",\"ts\":5,\"pid\":1,\"tid\":1,\"name\":\"item\",\"cat\":\"q\",\"id\":7},\n"
            "            {\"ph\":\"f\",\"ts\":12,\"pid\":1,\"tid\":2,\"name\":\"item\",\"cat\":\"q\",\"id\":7},\n"
            "            {\"ph\":\"X\",\"ts\":20,\"dur\":5,\"pid\":1,\"tid\":2,\"name\":\"get\"}\n"
            "        ]";
        const LoadResult result = load(input);
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(lane(result.trace, 1), QString("consumer: 12 ready, 20 resume, 20 enter get, 25 exit, 25 suspend"));
        const TraceEvent& ready = result.trace.tasks[1].events[0];
        QCOMPARE(ready.ref, TaskId{0});  // woken by the producer
        QVERIFY(result.warnings.empty());
    }

    void boundFlowsBecomeWakeUpsWhicheverEndComesFirst() {
        const QByteArray input = "[\n"
            "            {\"ph\":\"X\",\"ts\":0,\"dur\":10,\"pid\":1,\"tid\":1,\"name\":\"put\"},\n"
            "            {\"ph\":\"X\",\"ts\":20,\"dur\":5,\"pid\":1,\"tid\":2,\"name\":\"get\",\"bind_id\":\"0x7\",\"flow_in\":true},\n"
            "            {\"ph\":\"X\",\"ts\":5,\"dur\":0,\"pid\":1,\"tid\":1,\"name\":\"notify\",\"bind_id\":\"0x7\",\"flow_out\":true}\n"
            "        ]";
        const LoadResult result = load(input);
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(lane(result.trace, 1), QString("thread 2: 20 ready, 20 resume, 20 enter get, 25 exit, 25 suspend"));
        QCOMPARE(result.trace.tasks[1].events[0].ref, TaskId{0});  // woken by thread 1
        QVERIFY(result.warnings.empty());
    }

    void asyncSlicesGetTheirOwnLanes() {
        const QByteArray input = "{\"traceEvents\":[\n"
            "            {\"ph\":\"b\",\"ts\":0,\"pid\":1,\"tid\":1,\"cat\":\"net\",\"name\":\"fetch\",\"id\":\"0x1\"},\n"
            "            {\"ph\":\"b\",\"ts\":1,\"pid\":1,\"tid\":1,\"cat\":\"net\",\"name\":\"fetch\",\"id\":\"0x2\"},\n"
            "            {\"ph\":\"n\",\"ts\":2,\"pid\":1,\"tid\":1,\"cat\":\"net\",\"name\":\"headers\",\"id\":\"0x1\"},\n"
            "            {\"ph\":\"e\",\"ts\":3,\"pid\":1,\"tid\":1,\"cat\":\"net\",\"id\":\"0x1\"},\n"
            "            {\"ph\":\"e\",\"ts\":4,\"pid\":1,\"tid\":1,\"cat\":\"net\",\"id\":\"0x2\"}\n"
            "        ]}";
        const LoadResult result = load(input);
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.trace.tasks.size(), std::size_t{2});
        QCOMPARE(lane(result.trace, 0), QString("fetch (async 0x1): 0 resume, 0 enter fetch, 3 exit, 3 suspend"));
        QCOMPARE(lane(result.trace, 1), QString("fetch (async 0x2): 1 resume, 1 enter fetch, 4 exit, 4 suspend"));
        QCOMPARE(result.trace.output.size(), std::size_t{1});
        QCOMPARE(std::string(result.trace.str(result.trace.output[0].text)), std::string("headers"));
    }

    void deeplyNestedMetadataIsRefused() {
        std::string input = "{\"metadata\":{\"awaitscope-trace\":";
        for (int i = 0; i < 100000; ++i)
            input += "{\"a\":";
        const LoadResult result = loadTraceBytes(input, "c.json");
        QVERIFY(!result.ok);
        // The 65th object inside the document starts at byte 32 + 64 * 5.
        QCOMPARE(QString::fromStdString(result.error), QString("c.json: byte 353: nesting deeper than 64 levels (kMaxJsonDepth)"));
    }

    void deeplyNestedArgsAreRefused() {
        std::string input = "{\"traceEvents\":[{\"ph\":\"X\",\"args\":";
        for (int i = 0; i < 100000; ++i)
            input += "{\"a\":";
        QCOMPARE(QString::fromStdString(loadTraceBytes(input, "c.json").error),
                 QString("c.json: byte 339: nesting deeper than 64 levels (kMaxJsonDepth)"));
    }
};

QTEST_APPLESS_MAIN(TestChromeFormat)
#include "tst_chrome_format.moc"
