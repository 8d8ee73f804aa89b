// What a script run records: tasks and frames named after the script's coroutines, awaits
// and output at script lines, blocking calls, frozen stretches, never-awaited coroutines and
// uncaught errors, and the trace metadata. Also: runs share nothing (threads), `cancelled`
// stops a run, and the virtual clock matches the script's own timing.
#include <awaitscope/analysis/FrozenStretches.h>
#include <awaitscope/analysis/TraceIndex.h>
#include <awaitscope/runtime/Loop.h>
#include <awaitscope/runtime/Sleep.h>
#include <awaitscope/runtime/Task.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>

using namespace awaitscope;

namespace {

ScriptRunResult run(const char* source) {
    ScriptRunOptions options;
    options.fileName = "lesson.py";
    return runScript(source, options);
}

// The task whose name is `name` (task names are interned).
TaskId taskNamed(const Trace& trace, std::string_view name) {
    for (const TaskRecord& task : trace.tasks)
        if (trace.taskName(task.id) == name)
            return task.id;
    return kNoTask;
}

std::vector<std::uint32_t> suspendLines(const Trace& trace, TaskId task) {
    std::vector<std::uint32_t> lines;
    for (const TraceEvent& event : trace.tasks[task].events)
        if (event.kind == EventKind::Suspend)
            lines.push_back(trace.sites[trace.awaits[event.ref].site].line);
    return lines;
}

const char* const kTwoWorkers = R"(import asyncio


async def work(name, seconds):
    await asyncio.sleep(seconds)
    print(name, "done")


async def main():
    async with asyncio.TaskGroup() as group:
        group.create_task(work("a", 0.5))
        group.create_task(work("b", 1.0))
    print("all done")


asyncio.run(main())
)";

} // namespace

class TestScriptTrace : public QObject {
    Q_OBJECT
private slots:
    void theLoopsQueuesAreRecordedOnRequest() {
        ScriptRunOptions options;
        options.fileName = "lesson.py";
        QVERIFY(runScript(kTwoWorkers, options).trace.loopQueues.empty());
        options.recordLoopQueues = true;
        const Trace trace = runScript(kTwoWorkers, options).trace;
        QVERIFY(!trace.loopQueues.empty());
        // The first iteration runs main; the second its two new tasks, in creation order.
        const TaskId a = taskNamed(trace, "Task-2"), b = taskNamed(trace, "Task-3");
        std::vector<std::pair<std::uint32_t, TaskId>> ready;
        for (const LoopQueueEntry& e : trace.loopQueues)
            if (e.queue == LoopQueue::Ready && e.iteration <= trace.loopQueues.front().iteration + 1)
                ready.emplace_back(e.iteration - trace.loopQueues.front().iteration, e.task);
        QCOMPARE(ready, (std::vector<std::pair<std::uint32_t, TaskId>>{{0, taskNamed(trace, "Task-1")}, {1, a}, {1, b}}));
        // While both sleep, the heap holds their timers by deadline: a at 0.5 s, then b at 1 s.
        bool sawBoth = false;
        for (std::size_t i = 0; i + 1 < trace.loopQueues.size(); ++i) {
            const LoopQueueEntry& x = trace.loopQueues[i];
            const LoopQueueEntry& y = trace.loopQueues[i + 1];
            if (x.queue == LoopQueue::Timer && y.queue == LoopQueue::Timer && x.iteration == y.iteration && x.task == a && y.task == b) {
                // Statements cost a few microseconds of virtual time before each sleep starts.
                QVERIFY(x.due >= 500'000'000 && x.due < 501'000'000);
                QVERIFY(y.due >= 1'000'000'000 && y.due < 1'001'000'000);
                sawBoth = true;
            }
        }
        QVERIFY(sawBoth);
    }

    void everyQueuedCallbackOfEveryLessonIsNamed() {
        // Loop Insides names each entry of the queues by what the runtime tagged it with; an
        // untagged callback would read as "a callback (this trace does not say whose)".
        for (const Scenario& lesson : builtinScenarios()) {
            ScriptRunOptions options;
            options.fileName = lesson.fileName;
            options.recordLoopQueues = true;
            const Trace trace = runScript(lesson.source, options).trace;
            QVERIFY2(!trace.loopQueues.empty(), lesson.name.c_str());
            for (const LoopQueueEntry& e : trace.loopQueues)
                QVERIFY2(e.what != CallbackKind::Other, (lesson.name + " iteration " + std::to_string(e.iteration)).c_str());
        }
    }

    void theQueuesSayWhoseBookkeepingACallbackIs() {
        ScriptRunOptions options;
        options.fileName = "lesson.py";
        options.recordLoopQueues = true;
        const Trace trace = runScript(R"(import asyncio


async def fetch(n):
    await asyncio.sleep(0.1 * n)
    return n


async def main():
    print(await asyncio.gather(fetch(1), fetch(2)))
    asyncio.get_running_loop().call_soon(print, "soon")
    await asyncio.sleep(0)


asyncio.run(main())
)",
                                      options)
                                .trace;
        const TaskId main = taskNamed(trace, "Task-1"), first = taskNamed(trace, "Task-2");
        std::vector<std::pair<CallbackKind, TaskId>> ready;
        for (const LoopQueueEntry& e : trace.loopQueues)
            if (e.queue == LoopQueue::Ready && e.what != CallbackKind::TaskStep && e.what != CallbackKind::TaskWakeup)
                ready.emplace_back(e.what, e.task);
        // When fetch(1)'s sleep ends its timer moves to the ready queue, then its end is gather's
        // to count; the program's call_soon is its own; the end of main stops the loop.
        auto has = [&](CallbackKind what, TaskId task) { return std::find(ready.begin(), ready.end(), std::pair{what, task}) != ready.end(); };
        QVERIFY(has(CallbackKind::GatherChild, first));
        QVERIFY(has(CallbackKind::Program, kNoTask));
        QVERIFY(has(CallbackKind::LoopStop, main));
        QVERIFY(ready.back() == (std::pair{CallbackKind::LoopStop, main}));
        bool sleepTimer = false;
        for (const LoopQueueEntry& e : trace.loopQueues)
            sleepTimer |= e.queue == LoopQueue::Timer && e.what == CallbackKind::TimerDue && e.task == first;
        QVERIFY(sleepTimer);
    }

    void tasksAreNamedAndCreatedAtScriptLines() {
        const ScriptRunResult result = run(kTwoWorkers);
        QVERIFY2(result.ok, result.stderrText.c_str());
        const Trace& trace = result.trace;
        QCOMPARE(trace.tasks.size(), std::size_t(3));
        const TaskId worker = taskNamed(trace, "Task-2");
        QVERIFY(worker != kNoTask);
        QCOMPARE(trace.tasks[worker].parent, taskNamed(trace, "Task-1"));
        QCOMPARE(trace.sites[trace.tasks[worker].createdAt].line, 11u);
        const FrameInfo& root = trace.frames[trace.tasks[worker].coroutine];
        QCOMPARE(trace.str(root.name), std::string_view("work"));
        QCOMPARE(trace.sites[root.definition].line, 4u);
        QCOMPARE(trace.str(trace.sites[root.definition].file), std::string_view("lesson.py"));
    }

    void anAsyncGeneratorsFramesNestInsideTheConsumingTask() {
        const ScriptRunResult result = run(R"(import asyncio


async def stream_reply():
    for token in ["a", "b", "c"]:
        await asyncio.sleep(0.1)
        yield token


async def tool():
    await asyncio.sleep(0.5)


async def main():
    task = asyncio.create_task(tool())
    async for token in stream_reply():
        print(token)
    await task


asyncio.run(main())
)");
        QVERIFY2(result.ok, result.stderrText.c_str());
        const Trace& trace = result.trace;
        // The generator is not a task: main and the tool are the only lanes.
        QCOMPARE(trace.tasks.size(), std::size_t(2));
        const TaskId main = taskNamed(trace, "Task-1");
        // One stream_reply frame per item (three tokens, then the step that ends the loop),
        // each entered from the `async for` line, inside main's lane.
        int entered = 0;
        for (const TraceEvent& event : trace.tasks[main].events) {
            if (event.kind != EventKind::FrameEnter)
                continue;
            const FrameInfo& frame = trace.frames[event.ref];
            if (trace.str(frame.name) != "stream_reply")
                continue;
            ++entered;
            QCOMPARE(trace.sites[frame.callSite].line, 16u);
        }
        QCOMPARE(entered, 4);
        // main waits inside the generator, at its sleep, once per token; then for the tool.
        QCOMPARE(suspendLines(trace, main), (std::vector<std::uint32_t>{6, 6, 6, 18}));
    }

    void awaitsAreAttributedToTheirScriptLines() {
        const ScriptRunResult result = run(kTwoWorkers);
        const Trace& trace = result.trace;
        QCOMPARE(suspendLines(trace, taskNamed(trace, "Task-2")), std::vector<std::uint32_t>{5});
        // main waits at the end of the `async with` block (line 10).
        QCOMPARE(suspendLines(trace, taskNamed(trace, "Task-1")), std::vector<std::uint32_t>{10});
    }

    void anAwaitInsideALibraryModuleIsRecordedAtTheScriptsLine() {
        // AsyncExitStack (contextlib.py) awaits the callback in its own frames; the timeline
        // shows the wait at the script's `async with` line, not at a line of contextlib.py.
        const ScriptRunResult result = run(R"(import asyncio
import contextlib


async def main():
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(asyncio.sleep, 0.1)
        await asyncio.sleep(0.2)
    print("done")


asyncio.run(main())
)");
        QVERIFY2(result.ok, result.stderrText.c_str());
        const Trace& trace = result.trace;
        const TaskId main = taskNamed(trace, "Task-1");
        QCOMPARE(suspendLines(trace, main), (std::vector<std::uint32_t>{8, 6}));
        for (const TraceEvent& event : trace.tasks[main].events)
            if (event.kind == EventKind::Suspend)
                QCOMPARE(trace.str(trace.sites[trace.awaits[event.ref].site].file), std::string_view("lesson.py"));
        // contextlib's own coroutines are frames of the task, placed at the script's lines too.
        for (const Site& site : trace.sites)
            QVERIFY(trace.str(site.file) != std::string_view("contextlib.py"));
    }

    void loggingAndDatetimeReadTheVirtualClock() {
        // The run starts at time.time() 1700000000 (2023-11-14 22:13:20 UTC); a sleep of 1.5 s
        // moves asctime and datetime.now() by exactly that, on every run.
        const ScriptRunResult result = run(R"(import asyncio
import datetime
import logging
import sys

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")


async def main():
    logging.info("start")
    await asyncio.sleep(1.5)
    logging.info("after %s", datetime.datetime.now().isoformat(timespec="milliseconds"))


asyncio.run(main())
)");
        QVERIFY2(result.ok, result.stderrText.c_str());
        QCOMPARE(result.stdoutText, std::string("2023-11-14 22:13:20,000 INFO start\n"
                                                "2023-11-14 22:13:21,500 INFO after 2023-11-14T22:13:21.500\n"));
    }

    void virtualTimeMatchesTheScriptsWaits() {
        const ScriptRunResult result = run(kTwoWorkers);
        const TraceIndex index(result.trace);
        const TaskLane& slow = index.lane(taskNamed(result.trace, "Task-3"));
        QVERIFY(slow.finished);
        // One second of sleeping plus microseconds of interpreted work and the 1 ms wake granularity.
        QVERIFY2(slow.end >= 1'000'000'000 && slow.end < 1'005'000'000, qPrintable(QString::number(slow.end)));
    }

    void printedLinesAreRecordedWithTaskAndLine() {
        const ScriptRunResult result = run(kTwoWorkers);
        const Trace& trace = result.trace;
        QCOMPARE(result.stdoutText, std::string("a done\nb done\nall done\n"));
        QCOMPARE(trace.output.size(), std::size_t(3));
        QCOMPARE(trace.str(trace.output[0].text), std::string_view("a done"));
        QCOMPARE(trace.output[0].task, taskNamed(trace, "Task-2"));
        QCOMPARE(trace.sites[trace.output[0].site].line, 6u);
        QCOMPARE(trace.output[2].task, taskNamed(trace, "Task-1"));
        QCOMPARE(trace.sites[trace.output[2].site].line, 13u);
    }

    void nestedCoroutinesAreFramesOfTheSameTask() {
        const ScriptRunResult result = run(R"(import asyncio


async def llm(prompt):
    await asyncio.sleep(0.2)
    return prompt


async def agent():
    return await llm("plan")


async def main():
    await agent()


asyncio.run(main())
)");
        QVERIFY(result.ok);
        const TraceIndex index(result.trace);
        QCOMPARE(result.trace.tasks.size(), std::size_t(1));
        const TaskLane& lane = index.lane(0);
        QCOMPARE(lane.maxDepth, 2u);
        std::vector<std::string> names;
        for (const FrameSpan& frame : lane.frames)
            names.emplace_back(result.trace.str(result.trace.frames[frame.frame].name));
        QCOMPARE(names, (std::vector<std::string>{"main", "agent", "llm"}));
    }

    void neverAwaitedCoroutineIsRecordedAtItsLine() {
        const ScriptRunResult result = run(R"(import asyncio


async def get_weather(city):
    return 31


async def main():
    await asyncio.sleep(0.1)
    get_weather("Pune")
    await asyncio.sleep(0.1)


asyncio.run(main())
)");
        QVERIFY(result.ok);
        const Trace& trace = result.trace;
        QCOMPARE(trace.neverAwaited.size(), std::size_t(1));
        QCOMPARE(trace.str(trace.neverAwaited[0].name), std::string_view("get_weather"));
        QCOMPARE(trace.sites[trace.neverAwaited[0].site].line, 10u);
        QCOMPARE(trace.neverAwaited[0].task, taskNamed(trace, "Task-1"));
        QVERIFY(trace.neverAwaited[0].created >= 100'000'000);
    }

    void unawaitedAsyncioSleepIsNeverAwaitedToo() {
        const ScriptRunResult result = run("import asyncio\n\n\nasync def main():\n    asyncio.sleep(1)\n\n\nasyncio.run(main())\n");
        QCOMPARE(result.trace.neverAwaited.size(), std::size_t(1));
        QCOMPARE(result.trace.str(result.trace.neverAwaited[0].name), std::string_view("sleep"));
        QVERIFY(QString::fromStdString(result.stderrText).contains("coroutine 'sleep' was never awaited"));
    }

    void asyncioWaitsAreRecordedWithTheirOwnKindAndLine_data() {
        QTest::addColumn<QString>("await");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("what");
        QTest::newRow("asyncio.wait") << "await asyncio.wait([t])" << int(WaitKind::Wait) << "asyncio.wait";
        QTest::newRow("asyncio.shield") << "await asyncio.shield(t)" << int(WaitKind::Shield) << "asyncio.shield";
        QTest::newRow("Condition.wait") << "async with c:\n            await c.wait()" << int(WaitKind::Condition)
                                        << "Condition.wait";
        QTest::newRow("PriorityQueue.get") << "await asyncio.PriorityQueue().get()" << int(WaitKind::Queue) << "Queue.get";
        QTest::newRow("loop.create_future") << "await asyncio.get_running_loop().create_future()" << int(WaitKind::Future)
                                            << "future";
    }
    void asyncioWaitsAreRecordedWithTheirOwnKindAndLine() {
        QFETCH(QString, await);
        QFETCH(int, kind);
        QFETCH(QString, what);
        // Line 9 is the await; a timer cancels main at 1 s so that every wait ends.
        const std::string source = "import asyncio\n\n\nasync def main():\n"
                                   "    asyncio.get_running_loop().call_later(1, asyncio.current_task().cancel)\n"
                                   "    t = asyncio.create_task(asyncio.sleep(5))\n"
                                   "    c = asyncio.Condition()\n"
                                   "    try:\n"
                                   "        " + await.toStdString() + "\n"
                                   "    except asyncio.CancelledError:\n"
                                   "        print('cancelled')\n\n\nasyncio.run(main())\n";
        const ScriptRunResult result = run(source.c_str());
        QVERIFY2(result.ok, result.stderrText.c_str());
        QCOMPARE(result.stdoutText, std::string("cancelled\n"));
        const Trace& trace = result.trace;
        const TaskId main = taskNamed(trace, "Task-1");
        const auto& events = trace.tasks[main].events;
        const auto suspend = std::find_if(events.begin(), events.end(), [](const TraceEvent& e) { return e.kind == EventKind::Suspend; });
        QVERIFY(suspend != events.end());
        const AwaitInfo& info = trace.awaits[suspend->ref];
        QCOMPARE(int(info.kind), kind);
        QCOMPARE(QString::fromUtf8(trace.str(info.what).data(), qsizetype(trace.str(info.what).size())), what);
        QCOMPARE(trace.sites[info.site].line, await.contains("async with") ? 10u : 9u);
    }

    void aStreamReadWaitsAsAStreamLabelledWithItsPeer_data() {
        QTest::addColumn<QString>("read");
        QTest::addColumn<QString>("method");
        QTest::newRow("readline") << "await reader.readline()" << "readline";
        QTest::newRow("readuntil") << "await reader.readuntil(b'\\n')" << "readuntil";
        QTest::newRow("readexactly") << "await reader.readexactly(6)" << "readexactly";
        QTest::newRow("async for") << "[line async for line in reader]" << "readline";
    }
    void aStreamReadWaitsAsAStreamLabelledWithItsPeer() {
        QFETCH(QString, read);
        QFETCH(QString, method);
        // The server's handler (Task-4, after create_server's and accept's own tasks) waits at
        // line 7 for the client, which writes after 0.5 s.
        const std::string source = "import asyncio\n\n\nasync def handle(reader, writer):\n"
                                   "    print(writer.get_extra_info('peername')[1])\n"
                                   "    await asyncio.sleep(0)\n"
                                   "    print(" + read.toStdString() + ")\n"
                                   "    writer.close()\n\n\n"
                                   "async def main():\n"
                                   "    server = await asyncio.start_server(handle, '127.0.0.1', 0)\n"
                                   "    reader, writer = await asyncio.open_connection('127.0.0.1', server.sockets[0].getsockname()[1])\n"
                                   "    await asyncio.sleep(0.5)\n"
                                   "    writer.write(b'hello\\n')\n"
                                   "    writer.close()\n"
                                   "    await asyncio.sleep(0.1)\n"
                                   "    server.close()\n\n\nasyncio.run(main())\n";
        const ScriptRunResult result = run(source.c_str());
        QVERIFY2(result.ok, result.stderrText.c_str());
        const std::string port = result.stdoutText.substr(0, result.stdoutText.find('\n'));
        QVERIFY2(port.size() == 5, result.stdoutText.c_str());
        const Trace& trace = result.trace;
        const TaskId handler = taskNamed(trace, "Task-4");
        QVERIFY(handler != kNoTask);
        const auto& events = trace.tasks[handler].events;
        const auto suspend = std::find_if(events.begin(), events.end(), [&](const TraceEvent& e) {
            return e.kind == EventKind::Suspend && trace.sites[trace.awaits[e.ref].site].line == 7;
        });
        QVERIFY(suspend != events.end());
        const AwaitInfo& info = trace.awaits[suspend->ref];
        QCOMPARE(int(info.kind), int(WaitKind::Stream));
        QCOMPARE(QString::fromUtf8(trace.str(info.what).data(), qsizetype(trace.str(info.what).size())),
                 "StreamReader." + method + " (data from 127.0.0.1:" + QString::fromStdString(port) + ")");
        // It waits from the start until the client's write at 0.5 s, and is woken as a stream.
        QVERIFY(suspend->time < 1'000'000);
        const auto ready = std::find_if(suspend, events.end(), [](const TraceEvent& e) { return e.kind == EventKind::Ready; });
        QVERIFY(ready != events.end());
        QCOMPARE(int(ready->detail), int(WaitKind::Stream));
        QVERIFY2(ready->time >= 500'000'000 && ready->time < 501'000'000, qPrintable(QString::number(ready->time)));
    }

    void aTaskOfAsyncioSleepCancelledBeforeItRunsIsNotNeverAwaited() {
        const ScriptRunResult result = run("import asyncio\n\n\nasync def main():\n"
                                           "    t = asyncio.create_task(asyncio.sleep(5))\n"
                                           "    t.cancel()\n    await asyncio.sleep(0.1)\n    print(t.cancelled())\n\n\n"
                                           "asyncio.run(main())\n");
        QVERIFY2(result.ok, result.stderrText.c_str());
        QCOMPARE(result.stdoutText, std::string("True\n"));
        QCOMPARE(result.trace.neverAwaited.size(), std::size_t(0));
        QVERIFY2(!QString::fromStdString(result.stderrText).contains("never awaited"), result.stderrText.c_str());
    }

    void timeSleepIsABlockingCallThatFreezesTheLoop() {
        const ScriptRunResult result = run(R"(import asyncio
import time


async def ticker():
    for _ in range(3):
        await asyncio.sleep(0.2)


async def blocker():
    await asyncio.sleep(0.1)
    time.sleep(1.0)


async def main():
    await asyncio.gather(ticker(), blocker())


asyncio.run(main())
)");
        QVERIFY(result.ok);
        const Trace& trace = result.trace;
        QCOMPARE(trace.blocks.size(), std::size_t(1));
        QCOMPARE(trace.blocks[0].kind, BlockKind::Sleep);
        QCOMPARE(trace.str(trace.blocks[0].what), std::string_view("time.sleep"));
        QCOMPARE(trace.sites[trace.blocks[0].site].line, 12u);
        const TraceIndex index(trace);
        const std::vector<FrozenStretch> frozen = findFrozenStretches(trace, index);
        QCOMPARE(frozen.size(), std::size_t(1));
        QCOMPARE(frozen[0].culprit, taskNamed(trace, "Task-3"));
        QVERIFY(frozen[0].duration() >= 1'000'000'000);
        const TaskId ticker = taskNamed(trace, "Task-2");
        QVERIFY(std::any_of(frozen[0].victims.begin(), frozen[0].victims.end(),
                            [&](const FrozenVictim& victim) { return victim.task == ticker && victim.lateBy() > 0; }));
    }

    // A plain script never starts a loop: its top level is one lane, so its picture shows the
    // blocking calls and prints where they happened, not an idle loop.
    void aPlainScriptIsOneLaneOfItsTopLevel() {
        const ScriptRunResult result = run(R"(import time


def fetch(city):
    print("fetching", city)
    time.sleep(0.5)
    return city.upper()


async def unused():
    pass


unused()
for city in ["pune", "oslo"]:
    print(fetch(city))
)");
        QVERIFY(result.ok);
        const Trace& trace = result.trace;
        QVERIFY(!trace.hasEventLoop());
        QCOMPARE(trace.tasks.size(), std::size_t(1));
        const TaskRecord& main = trace.tasks[0];
        QCOMPARE(main.kind, TaskKind::Main);
        QCOMPARE(trace.taskName(0), std::string("main program"));
        QCOMPARE(trace.str(trace.frames[main.coroutine].name), std::string_view("<module>"));
        // Resume at 0, the two sleeps in order, then the end.
        const auto& events = main.events;
        QCOMPARE(events.size(), std::size_t(6));
        QCOMPARE(events[0].kind, EventKind::Resume);
        QCOMPARE(events[0].time, TimeNs{0});
        QCOMPARE(events[1].kind, EventKind::BlockBegin);
        QCOMPARE(events[2].kind, EventKind::BlockEnd);
        QCOMPARE(events[2].time - events[1].time, TimeNs{500'000'000});
        QCOMPARE(events[3].kind, EventKind::BlockBegin);
        QVERIFY(events[3].time >= events[2].time);
        QCOMPARE(events[4].time - events[3].time, TimeNs{500'000'000});
        QCOMPARE(events[5].kind, EventKind::Finish);
        QCOMPARE(static_cast<TaskOutcome>(events[5].detail), TaskOutcome::Done);
        QVERIFY(events[5].time >= events[4].time);
        QCOMPARE(trace.sites[trace.blocks[events[1].ref].site].line, 6u);
        // Its output and the coroutine it never awaited are the lane's.
        QCOMPARE(std::count_if(trace.output.begin(), trace.output.end(),
                               [](const OutputLine& line) { return line.stream == OutputStream::Stdout; }),
                 4L);
        for (const OutputLine& line : trace.output)
            QCOMPARE(line.task, TaskId{0});
        QCOMPARE(trace.neverAwaited.size(), std::size_t(1));
        QCOMPARE(trace.neverAwaited[0].task, TaskId{0});
        QVERIFY(findFrozenStretches(trace, TraceIndex(trace)).empty());  // there is no loop to freeze
    }

    void aPlainScriptThatFailsEndsItsLaneFailed() {
        const ScriptRunResult result = run("import time\ntime.sleep(0.2)\nraise ValueError('no key')\n");
        QVERIFY(!result.ok);
        const Trace& trace = result.trace;
        QCOMPARE(trace.tasks.size(), std::size_t(1));
        const TraceEvent& end = trace.tasks[0].events.back();
        QCOMPARE(end.kind, EventKind::Finish);
        QCOMPARE(static_cast<TaskOutcome>(end.detail), TaskOutcome::Failed);
        QVERIFY(end.time >= 200'000'000 && end.time < 201'000'000);  // the sleep, and a little CPU work
        QCOMPARE(trace.str(end.ref), std::string_view("ValueError: no key"));
        QCOMPARE(trace.scriptErrors.size(), std::size_t(1));
        QCOMPARE(trace.scriptErrors[0].task, TaskId{0});
    }

    // Code around asyncio.run is not drawn: the loop's first task stays the first lane.
    void aScriptWithAnEventLoopGetsNoTopLevelLane() {
        const ScriptRunResult result = run(R"(import asyncio
import time

print("starting")
time.sleep(0.1)


async def main():
    await asyncio.sleep(0.1)


asyncio.run(main())
print("finished")
)");
        QVERIFY(result.ok);
        const Trace& trace = result.trace;
        QVERIFY(trace.hasEventLoop());
        QCOMPARE(trace.tasks.size(), std::size_t(1));
        QCOMPARE(trace.tasks[0].kind, TaskKind::Task);
        QCOMPARE(trace.taskName(0), std::string("Task-1"));
        QVERIFY(trace.tasks[0].created >= 100'000'000 && trace.tasks[0].created < 101'000'000);
        QCOMPARE(trace.output.front().task, kNoTask);
        QCOMPARE(trace.output.back().task, kNoTask);
    }

    void cpuHeavyLoopFreezesTheLoopThroughTheCostModel() {
        const ScriptRunResult result = run(R"(import asyncio


async def ticker():
    await asyncio.sleep(0.05)
    await asyncio.sleep(0.05)


async def crunch():
    total = 0
    for i in range(300000):
        total += i % 7
    return total


async def main():
    await asyncio.gather(ticker(), crunch())


asyncio.run(main())
)");
        QVERIFY(result.ok);
        const TraceIndex index(result.trace);
        const std::vector<FrozenStretch> frozen = findFrozenStretches(result.trace, index, 5'000'000);
        QCOMPARE(frozen.size(), std::size_t(1));
        QCOMPARE(frozen[0].culprit, taskNamed(result.trace, "Task-3"));
        QVERIFY(result.trace.blocks.empty());
    }

    // What CPython spends in the C an instruction calls is charged too. Each row times a loop
    // with the construct and an empty one on the virtual clock: the difference per iteration
    // must be about what CPython 3.11 spends on it (docs/scenario-language.md, "The cost model").
    void constructsCostAboutWhatCPythonSpendsOnThem_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("atLeastNs");
        QTest::addColumn<int>("atMostNs");
        QTest::newRow("addition") << "" << "        i + 7" << 5 << 15;
        QTest::newRow("modulo, CPython's generic path") << "" << "        i % 7" << 12 << 30;
        QTest::newRow("raising and catching")
            << "    e = ValueError()" << "        try:\n            raise e\n        except ValueError:\n            pass" << 60
            << 200;
        QTest::newRow("an instance of a class with __init__")
            << "    class C:\n        def __init__(self):\n            pass" << "        C()" << 80 << 250;
        QTest::newRow("except* splitting a group")
            << "    g = ExceptionGroup('g', [ValueError(), KeyError()])"
            << "        try:\n            raise g\n        except* ValueError:\n            pass\n"
               "        except* KeyError:\n            pass"
            << 800 << 4000;
        // Library calls: what CPython 3.11's own implementation (C or Python) spends on them.
        const QString doc = "{'id': 7, 'name': 'agent', 'tags': ['a', 'b', 'c'], 'score': 0.75, 'ok': True, 'meta': {'k': None, 'n': [1, 2, 3]}}";
        QTest::newRow("json.dumps of 13 values") << "    import json\n    doc = " + doc << "        json.dumps(doc)" << 1500 << 7000;
        QTest::newRow("json.loads of 13 values")
            << "    import json\n    text = json.dumps(" + doc + ")" << "        json.loads(text)" << 1200 << 6000;
        QTest::newRow("random.randint, Python in CPython") << "    import random" << "        random.randint(1, 6)" << 150 << 600;
        QTest::newRow("random.uniform") << "    import random" << "        random.uniform(1, 2)" << 50 << 250;
        QTest::newRow("a dataclass instance")
            << "    from dataclasses import dataclass\n\n    @dataclass\n    class P:\n        x: int\n        y: int\n"
               "        label: str = 'p'"
            << "        P(1, 2)" << 60 << 400;
        QTest::newRow("an enum member by value")
            << "    from enum import Enum\n\n    class Color(Enum):\n        RED = 1\n        GREEN = 2" << "        Color(2)" << 250
            << 1000;
        QTest::newRow("datetime plus timedelta, one C call in CPython")
            << "    from datetime import datetime, timedelta\n    t = datetime(2024, 1, 1)\n    step = timedelta(minutes=7)"
            << "        t + step" << 100 << 500;
    }
    void constructsCostAboutWhatCPythonSpendsOnThem() {
        QFETCH(QString, setup);
        QFETCH(QString, body);
        QFETCH(int, atLeastNs);
        QFETCH(int, atMostNs);
        const QString source = QStringLiteral(
            "import time\n\n\ndef empty(n):\n    for i in range(n):\n        pass\n\n\ndef work(n):\n%1\n    for i in range(n):\n%2\n\n\n"
            "t = time.perf_counter()\nempty(10000)\nbase = time.perf_counter() - t\n"
            "t = time.perf_counter()\nwork(10000)\nspent = time.perf_counter() - t\n"
            "print(round((spent - base) / 10000 * 1e9))\n").arg(setup, body);
        const ScriptRunResult result = run(source.toStdString().c_str());
        QVERIFY2(result.ok, result.stderrText.c_str());
        const int ns = std::stoi(result.stdoutText);
        QVERIFY2(ns >= atLeastNs && ns <= atMostNs, qPrintable(QStringLiteral("%1 ns an iteration").arg(ns)));
    }

    // The same Python code costs less in a library module that CPython runs in C than in the
    // script: collections.OrderedDict's move_to_end against a copy of it in the script.
    void libraryCodeCostsByItsModulesCostClass() {
        const ScriptRunResult result = run(R"(import time
from collections import OrderedDict


class ScriptOrderedDict(dict):
    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)


def churn(d):
    t = time.perf_counter()
    for i in range(5000):
        d.move_to_end(i % 8)
    return time.perf_counter() - t


print(round(churn(OrderedDict.fromkeys(range(8))) / churn(ScriptOrderedDict.fromkeys(range(8))), 2))
)");
        QVERIFY2(result.ok, result.stderrText.c_str());
        const double ratio = std::stod(result.stdoutText);
        // The calls themselves are the script's either way; the methods' bodies cost a quarter.
        QVERIFY2(ratio > 0.3 && ratio < 0.8, result.stdoutText.c_str());
    }

    void longCpuWorkIsABlockNamingTheLineAtWork() {
        // Past the CPU-block threshold (100 ms), the step's work becomes a block at the line
        // doing it (the loop body, as CPython's sampler sees it); a time.sleep later in the
        // same step ends that block and gets its own.
        const ScriptRunResult result = run(R"(import asyncio
import time


def crunch(rounds):
    total = 0
    for i in range(rounds):
        total += i % 7
    return total


async def main():
    await asyncio.sleep(0.01)
    crunch(5000000)
    time.sleep(0.2)


asyncio.run(main())
)");
        QVERIFY(result.ok);
        const Trace& trace = result.trace;
        QCOMPARE(trace.blocks.size(), std::size_t(2));
        const BlockInfo& cpu = trace.blocks[0];
        QCOMPARE(cpu.kind, BlockKind::Cpu);
        QCOMPARE(trace.sites[cpu.site].line, 8u);  // total += i % 7
        QCOMPARE(trace.str(cpu.what), std::string_view("CPU work in crunch()"));
        QCOMPARE(trace.blocks[1].kind, BlockKind::Sleep);

        // Begin and end events: the CPU block from the step's start (10 ms) to the sleep.
        QStringList kinds;
        std::vector<TimeNs> times;
        TimeNs resumed = -1;
        for (const TraceEvent& e : trace.tasks[taskNamed(trace, "Task-1")].events)
            if (e.kind == EventKind::Resume && times.empty())
                resumed = e.time;
            else if (e.kind == EventKind::BlockBegin || e.kind == EventKind::BlockEnd) {
                kinds << (e.kind == EventKind::BlockBegin ? "begin" : "end");
                times.push_back(e.time);
            }
        QCOMPARE(kinds, QStringList({"begin", "end", "begin", "end"}));
        QVERIFY(resumed >= 10'000'000);
        QCOMPARE(times[0], resumed);
        QVERIFY2(times[1] > 110'000'000, qPrintable(QString::number(times[1])));
        QCOMPARE(times[2], times[1]);
        QCOMPARE(times[3], times[1] + 200'000'000);

        // The frozen stretch blames the longer of the two.
        const std::vector<FrozenStretch> frozen = findFrozenStretches(trace, TraceIndex(trace));
        QCOMPARE(frozen.size(), std::size_t(1));
        QCOMPARE(frozen[0].block, BlockId(1));  // time.sleep(0.2) outlasts the 125 ms of work
    }

    void toThreadWorkGetsAThreadLane() {
        const ScriptRunResult result = run(R"(import asyncio
import time


def download(url):
    time.sleep(0.5)
    return url


async def main():
    await asyncio.to_thread(download, "a")


asyncio.run(main())
)");
        QVERIFY(result.ok);
        const Trace& trace = result.trace;
        QCOMPARE(trace.tasks.size(), std::size_t(2));
        QCOMPARE(trace.tasks[1].kind, TaskKind::Thread);
        QCOMPARE(trace.taskName(1), std::string("download"));
        QCOMPARE(trace.sites[trace.tasks[1].createdAt].line, 11u);
        const TraceIndex index(trace);
        QVERIFY(findFrozenStretches(trace, index).empty());
    }

    void executorJobsQueueForAFreeWorkerOnThreadLanesNamedForTheirFunctions() {
        // Two workers, three jobs: the third queues for the worker that frees first (_1, at 0.1 s).
        const ScriptRunResult result = run(R"(import time
from concurrent.futures import ThreadPoolExecutor


def call(seconds):
    time.sleep(seconds)


with ThreadPoolExecutor(max_workers=2) as pool:
    for seconds in [0.3, 0.1, 0.2]:
        pool.submit(call, seconds)
)");
        QVERIFY2(result.ok, result.stderrText.c_str());
        const Trace& trace = result.trace;
        QCOMPARE(trace.tasks.size(), std::size_t(3));
                const TimeNs starts[] = {0, 0, 100'000'000};
        const TimeNs ends[] = {300'000'000, 100'000'000, 300'000'000};
        for (TaskId lane = 0; lane < 3; ++lane) {
            const TaskRecord& task = trace.tasks[lane];
            QCOMPARE(task.kind, TaskKind::Thread);
            QCOMPARE(trace.taskName(lane), std::string("call"));
            QCOMPARE(trace.sites[task.createdAt].line, 11u);
            TimeNs start = -1;
            TimeNs end = -1;
            for (const TraceEvent& event : task.events) {
                if (event.kind == EventKind::Resume && start < 0)
                    start = event.time;
                if (event.kind == EventKind::Finish)
                    end = event.time;
            }
            // The interpreter's cost model adds microseconds of CPU time per statement.
            QVERIFY2(std::llabs(start - starts[lane]) < 1'000'000, qPrintable(QString::number(start)));
            QVERIFY2(std::llabs(end - ends[lane]) < 1'000'000, qPrintable(QString::number(end)));
        }
        QVERIFY(std::llabs(trace.endTime() - 300'000'000) < 1'000'000);
    }

    void blockingFutureResultFreezesTheLoopButRunInExecutorDoesNot() {
        const ScriptRunResult result = run(R"(import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def call(seconds):
    time.sleep(seconds)
    return seconds


async def tick():
    await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sdk") as pool:
        await asyncio.gather(loop.run_in_executor(pool, call, 0.5), tick())
        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0)
        pool.submit(call, 0.4).result()
        await ticker


asyncio.run(main())
)");
        QVERIFY2(result.ok, result.stderrText.c_str());
        const Trace& trace = result.trace;
        std::size_t jobLanes = 0;  // one per job: run_in_executor's and submit's
        for (TaskId lane = 0; lane < trace.tasks.size(); ++lane)
            jobLanes += trace.tasks[lane].kind == TaskKind::Thread && trace.taskName(lane) == "call";
        QCOMPARE(jobLanes, std::size_t(2));
        const std::vector<FrozenStretch> frozen = findFrozenStretches(trace, TraceIndex(trace));
        QCOMPARE(frozen.size(), std::size_t(1));  // only the blocking result(): the executor kept the loop free
        QCOMPARE(trace.sites[frozen[0].site].line, 21u);
        QVERIFY2(std::llabs(frozen[0].duration() - 400'000'000) < 1'000'000, qPrintable(QString::number(frozen[0].duration())));
        QCOMPARE(trace.str(trace.blocks[frozen[0].block].what), std::string_view("Future.result"));
        QCOMPARE(frozen[0].victims.size(), std::size_t(1));
    }

    void frozenForeverIsRecordedAsAScriptErrorAtTheLoop() {
        ScriptRunOptions options;
        options.fileName = "spin.py";
        options.maxOperationsPerStep = 200000;
        const ScriptRunResult result = runScript("import asyncio\n\n\nasync def spin():\n    while True:\n        pass\n\n\n"
                                                 "asyncio.run(spin())\n",
                                                 options);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(QString::fromStdString(result.stderrText).contains("the loop never yielded: frozen forever at line 5"));
        QCOMPARE(result.trace.scriptErrors.size(), std::size_t(1));
        const ScriptError& error = result.trace.scriptErrors[0];
        QCOMPARE(result.trace.sites[error.site].line, 5u);
        QCOMPARE(error.task, 0u);
        const TraceIndex index(result.trace);
        const std::vector<FrozenStretch> frozen = findFrozenStretches(result.trace, index, 100'000);
        QCOMPARE(frozen.size(), std::size_t(1));
        QCOMPARE(frozen[0].culprit, 0u);
    }

    void abortStopsTheLoopAtOnce() {
        // The spinning task is aborted; the loop must not then wait an hour for main's timer.
        ScriptRunOptions options;
        options.maxOperationsPerStep = 100000;
        const ScriptRunResult result = runScript(R"(import asyncio


async def spin():
    await asyncio.sleep(0.1)
    while True:
        pass


async def main():
    asyncio.create_task(spin())
    await asyncio.sleep(3600)


asyncio.run(main())
)",
                                                 options);
        QCOMPARE(result.error->message, std::string("the loop never yielded: frozen forever at line 6"));
        QVERIFY2(result.trace.endTime() < 1'000'000'000, qPrintable(QString::number(result.trace.endTime())));
        QVERIFY(!QString::fromStdString(result.stderrText).contains("never retrieved"));
    }

    void nothingOutlivesARun_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("normal run") << QString(kTwoWorkers);
        QTest::newRow("abort inside a gather child")
            << "import asyncio\n\n\nasync def spin():\n    await asyncio.sleep(0.1)\n    while True:\n        pass\n\n\n"
               "async def tick():\n    await asyncio.sleep(60)\n\n\nasync def main():\n"
               "    await asyncio.gather(spin(), tick())\n\n\nasyncio.run(main())\n";
        QTest::newRow("deadlock inside a gather")
            << "import asyncio\n\n\nasync def wait(event):\n    await event.wait()\n\n\nasync def main():\n"
               "    event = asyncio.Event()\n    await asyncio.gather(wait(event), wait(event))\n\n\nasyncio.run(main())\n";
        QTest::newRow("failure in a task group")
            << "import asyncio\n\n\nasync def bad():\n    raise ValueError('x')\n\n\nasync def main():\n"
               "    async with asyncio.TaskGroup() as group:\n        group.create_task(bad())\n"
               "        group.create_task(asyncio.sleep(5))\n\n\nasyncio.run(main())\n";
        QTest::newRow("never-awaited coroutines in a cycle")
            << "import asyncio\n\n\nasync def f():\n    pass\n\n\nloop = []\nloop.append(loop)\nloop.append(f())\n";
        QTest::newRow("shield, wait and timers pending at the end")
            << "import asyncio\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n"
               "    t = asyncio.create_task(asyncio.sleep(60))\n    s = asyncio.shield(t)\n"
               "    loop.call_later(30, print, 'late')\n    f = loop.create_future()\n    f.add_done_callback(print)\n"
               "    await asyncio.wait([t, f], timeout=0.1)\n\n\nasyncio.run(main())\n";
        QTest::newRow("a shield of a future that never finishes")
            << "import asyncio\n\n\nasync def main():\n    f = asyncio.get_running_loop().create_future()\n"
               "    s = asyncio.shield(f)\n\n\nasyncio.run(main())\n";
        QTest::newRow("a shield outliving its failed inner future")
            << "import asyncio\n\n\nasync def main():\n    f = asyncio.get_running_loop().create_future()\n"
               "    s = asyncio.shield(f)\n    f.set_exception(NameError('x'))\n\n\nasyncio.run(main())\n";
        QTest::newRow("a gather of futures that never finish")
            << "import asyncio\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n"
               "    f, g = loop.create_future(), loop.create_future()\n    both = asyncio.gather(f, g, f)\n"
               "    g.set_result(1)\n    await asyncio.sleep(0)\n\n\nasyncio.run(main())\n";
        QTest::newRow("unretrieved task exception")
            << "import asyncio\n\n\nasync def bad():\n    raise KeyError(1)\n\n\nasync def main():\n"
               "    asyncio.create_task(bad())\n    await asyncio.sleep(0.1)\n\n\nasyncio.run(main())\n";
    }
    void nothingOutlivesARun() {
        QFETCH(QString, source);
        ScriptRunOptions options;
        options.maxOperationsPerStep = 50000;
        const ScriptRunResult result = runScript(source.toStdString(), options);
        (void)result;
        const detail::LiveCounts& live = detail::liveCounts();
        QCOMPARE(live.frames, 0L);
        QCOMPARE(live.futures, 0L);
        QCOMPARE(live.tasks, 0L);
    }

    void uncaughtErrorIsRecordedWithItsTraceback() {
        const ScriptRunResult result = run("def f():\n    raise ValueError('boom')\n\n\nf()\n");
        QCOMPARE(result.trace.scriptErrors.size(), std::size_t(1));
        const std::string_view text = result.trace.str(result.trace.scriptErrors[0].text);
        QVERIFY(text.find("Traceback (most recent call last):") == 0);
        QVERIFY(text.find("ValueError: boom") != std::string_view::npos);
        QCOMPARE(result.trace.sites[result.trace.scriptErrors[0].site].line, 2u);
    }

    void metadataHoldsTheSourceAndTheDocstringTitle() {
        const char* source = "\"\"\"Blocking the loop with time.sleep\n\nMore text.\n\"\"\"\nprint('x')\n";
        const ScriptRunResult result = run(source);
        QCOMPARE(result.trace.metadata.title, std::string("Blocking the loop with time.sleep"));
        QCOMPARE(result.trace.metadata.sourceText, std::string(source));
        QCOMPARE(result.trace.metadata.sourceFile, std::string("lesson.py"));
        QCOMPARE(result.trace.metadata.clock, std::string("virtual"));
    }

    void outputIsStreamedAsItIsPrinted() {
        std::string streamed;
        ScriptRunOptions options;
        options.onStdout = [&](std::string_view text) { streamed += text; };
        const ScriptRunResult result = runScript("for i in range(3):\n    print(i)\n", options);
        QCOMPARE(streamed, std::string("0\n1\n2\n"));
        QCOMPARE(result.stdoutText, streamed);
    }

    void cancelledFlagStopsARun() {
        std::atomic<bool> cancelled{true};
        ScriptRunOptions options;
        options.cancelled = &cancelled;
        const ScriptRunResult result = runScript("while True:\n    x = 1\n", options);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(QString::fromStdString(result.error->message), QString("the run was cancelled"));
    }

    void runsOnSeveralThreadsAtOnceShareNothing() {
        const Scenario* scenario = findScenario("agent_loop");
        QVERIFY(scenario);
        const ScriptRunResult reference = runScript(scenario->source);
        std::vector<std::string> outputs(4);
        std::vector<std::size_t> events(4);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < outputs.size(); ++i)
            threads.emplace_back([&, i] {
                const ScriptRunResult result = runScript(scenario->source);
                outputs[i] = result.stdoutText;
                events[i] = result.trace.eventCount();
            });
        for (std::thread& thread : threads)
            thread.join();
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            QCOMPARE(outputs[i], reference.stdoutText);
            QCOMPARE(events[i], reference.trace.eventCount());
        }
    }

    void timerResolutionBatchesTimersArmedMicrosecondsApart() {
        // The runtime's option behind the interpreter's CPython-like wake-ups (1 ms epoll waits).
        std::vector<TimeNs> wakes;
        LoopOptions options;
        options.timerResolution = 1'000'000;
        Loop loop(options);
        auto sleeper = [&](TimeNs delay) -> Task<> {
            co_await sleepNs(delay);
            wakes.push_back(loop.now());
        };
        auto main = [&]() -> Task<> {
            TaskHandle<> a = createTask(sleeper(100'000'000));
            loop.chargeCpu(300);  // a few hundred ns of work between the two sleeps
            TaskHandle<> b = createTask(sleeper(100'000'000));
            co_await a;
            co_await b;
        };
        loop.run(main());
        QCOMPARE(wakes.size(), std::size_t(2));
        QCOMPARE(wakes[0], wakes[1]);
        QVERIFY(wakes[0] >= 100'000'300 && wakes[0] <= 101'000'300);
    }
};

QTEST_APPLESS_MAIN(TestScriptTrace)
#include "tst_script_trace.moc"
