#include "demo/DemoScenarios.h"

#include <awaitscope/Runtime.h>

#include <cstdio>
#include <memory>

namespace awaitscope::ui {

using namespace std::chrono_literals;

int lineContaining(std::string_view source, std::string_view snippet, int occurrence) {
    int line = 1;
    std::size_t start = 0;
    while (start <= source.size()) {
        const std::size_t end = std::min(source.find('\n', start), source.size());
        if (source.substr(start, end - start).find(snippet) != std::string_view::npos && --occurrence == 0)
            return line;
        if (end == source.size())
            break;
        start = end + 1;
        ++line;
    }
    return 0;
}

namespace {

// One asyncio program: `at` turns "the line with this text" into a recorded site.
struct DemoScript {
    const char* file;
    const char* source;
    SourceLocation at(const char* function, std::string_view snippet, int occurrence = 1) const {
        return SourceLocation(file, function, static_cast<std::uint32_t>(lineContaining(source, snippet, occurrence)));
    }
};

// print(): recorded as output of the running task at the current time.
void say(const SourceLocation& where, const std::string& text) {
    Loop& loop = Loop::running();
    if (Recorder* recorder = loop.recorder())
        recorder->output(loop.now(), loop.currentTaskId(), where, text);
}

template <class T>
Task<T> named(Task<T> coroutine, const char* name, const SourceLocation& definition, const SourceLocation& creation) {
    coroutine.describe(name, definition, creation);
    return coroutine;
}

std::string seconds1(TimeNs ns) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", static_cast<double>(ns) / 1e9);
    return buffer;
}

// ---------------------------------------------------------------- sequential and TaskGroup
const DemoScript kSequential{"sequential_calls.py", R"(import asyncio
import time


async def call_llm(name, seconds):
    print(f"{name}: asking")
    await asyncio.sleep(seconds)
    print(f"{name}: answered")
    return name


async def main():
    start = time.perf_counter()
    await call_llm("weather", 1.0)
    await call_llm("news", 1.5)
    await call_llm("stocks", 0.5)
    print(f"all answered in {time.perf_counter() - start:.1f} s")


asyncio.run(main())
)"};

const DemoScript kTaskGroup{"taskgroup_calls.py", R"(import asyncio
import time


async def call_llm(name, seconds):
    print(f"{name}: asking")
    await asyncio.sleep(seconds)
    print(f"{name}: answered")
    return name


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(call_llm("weather", 1.0), name="weather")
        tg.create_task(call_llm("news", 1.5), name="news")
        tg.create_task(call_llm("stocks", 0.5), name="stocks")
    print(f"all answered in {time.perf_counter() - start:.1f} s")


asyncio.run(main())
)"};

Task<std::string> callLlm(const DemoScript* s, std::string name, std::chrono::milliseconds delay) {
    say(s->at("call_llm", "asking"), name + ": asking");
    co_await at(s->at("call_llm", "await asyncio.sleep"), sleep(delay));
    say(s->at("call_llm", "answered"), name + ": answered");
    co_return name;
}

Task<std::string> callLlmNamed(const DemoScript& s, const char* name, std::chrono::milliseconds delay, std::string_view callText) {
    return named(callLlm(&s, name, delay), "call_llm", s.at("call_llm", "async def call_llm"), s.at("main", callText));
}

Task<> sequentialMain() {
    const DemoScript& s = kSequential;
    const TimeNs start = now();
    co_await at(s.at("main", "call_llm(\"weather\""), callLlmNamed(s, "weather", 1000ms, "call_llm(\"weather\""));
    co_await at(s.at("main", "call_llm(\"news\""), callLlmNamed(s, "news", 1500ms, "call_llm(\"news\""));
    co_await at(s.at("main", "call_llm(\"stocks\""), callLlmNamed(s, "stocks", 500ms, "call_llm(\"stocks\""));
    say(s.at("main", "all answered"), "all answered in " + seconds1(now() - start) + " s");
}

Task<> taskGroupMain() {
    const DemoScript& s = kTaskGroup;
    const TimeNs start = now();
    TaskGroup group(s.at("main", "async with asyncio.TaskGroup"));
    group.enter();
    group.createTask(callLlmNamed(s, "weather", 1000ms, "call_llm(\"weather\""), "weather", s.at("main", "call_llm(\"weather\""));
    group.createTask(callLlmNamed(s, "news", 1500ms, "call_llm(\"news\""), "news", s.at("main", "call_llm(\"news\""));
    group.createTask(callLlmNamed(s, "stocks", 500ms, "call_llm(\"stocks\""), "stocks", s.at("main", "call_llm(\"stocks\""));
    co_await at(s.at("main", "async with asyncio.TaskGroup"), group.exit());
    say(s.at("main", "all answered"), "all answered in " + seconds1(now() - start) + " s");
}

// ---------------------------------------------------------------- blocking the loop
const DemoScript kBlocking{"blocking_sleep.py", R"(import asyncio
import time


async def heartbeat(start):
    for i in range(3):
        await asyncio.sleep(0.5)
        print(f"beat {i} at {time.perf_counter() - start:.1f} s")


async def blocker():
    await asyncio.sleep(0.2)
    print("blocking for 1.5 s")
    time.sleep(1.5)  # holds the whole loop: nothing else can run
    print("unblocked")


async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(heartbeat(start), name="heartbeat")
        tg.create_task(blocker(), name="blocker")
    print(f"total {time.perf_counter() - start:.1f} s")


asyncio.run(main())
)"};

Task<> heartbeat(const DemoScript* s, TimeNs start) {
    for (int i = 0; i < 3; ++i) {
        co_await at(s->at("heartbeat", "await asyncio.sleep(0.5)"), sleep(500ms));
        say(s->at("heartbeat", "print(f\"beat"), "beat " + std::to_string(i) + " at " + seconds1(now() - start) + " s");
    }
}

Task<> blocker() {
    const DemoScript& s = kBlocking;
    co_await at(s.at("blocker", "await asyncio.sleep(0.2)"), sleep(200ms));
    say(s.at("blocker", "print(\"blocking"), "blocking for 1.5 s");
    blockingSleep(1500ms, s.at("blocker", "time.sleep(1.5)"));
    say(s.at("blocker", "print(\"unblocked"), "unblocked");
}

Task<> blockingMain() {
    const DemoScript& s = kBlocking;
    const TimeNs start = now();
    TaskGroup group(s.at("main", "async with asyncio.TaskGroup"));
    group.enter();
    group.createTask(named(heartbeat(&s, start), "heartbeat", s.at("heartbeat", "async def heartbeat"), s.at("main", "create_task(heartbeat")),
                     "heartbeat", s.at("main", "create_task(heartbeat"));
    group.createTask(named(blocker(), "blocker", s.at("blocker", "async def blocker"), s.at("main", "create_task(blocker")), "blocker",
                     s.at("main", "create_task(blocker"));
    co_await at(s.at("main", "async with asyncio.TaskGroup"), group.exit());
    say(s.at("main", "print(f\"total"), "total " + seconds1(now() - start) + " s");
}

// ---------------------------------------------------------------- never awaited
const DemoScript kNeverAwaited{"never_awaited.py", R"(import asyncio


async def save(note):
    await asyncio.sleep(0.3)
    print(f"saved {note}")


async def main():
    save("draft")  # forgot await: this line does nothing
    await save("final")
    print("done")


asyncio.run(main())
)"};

Task<> save(std::string note) {
    const DemoScript& s = kNeverAwaited;
    co_await at(s.at("save", "await asyncio.sleep(0.3)"), sleep(300ms));
    say(s.at("save", "print(f\"saved"), "saved " + note);
}

Task<> neverAwaitedMain() {
    const DemoScript& s = kNeverAwaited;
    {
        // Creating the coroutine object runs nothing; dropping it records "never awaited".
        Task<> forgotten = named(save("draft"), "save", s.at("save", "async def save"), s.at("main", "save(\"draft\")"));
    }
    co_await at(s.at("main", "await save(\"final\")"),
                named(save("final"), "save", s.at("save", "async def save"), s.at("main", "await save(\"final\")")));
    say(s.at("main", "print(\"done"), "done");
}

// ---------------------------------------------------------------- gather with Lock and Semaphore
const DemoScript kGatherLocks{"gather_lock_semaphore.py", R"(import asyncio


async def fetch(i, sem, lock, results):
    async with sem:  # at most two downloads at once
        print(f"fetch {i} downloading")
        await asyncio.sleep(0.4)
    async with lock:  # one writer at a time
        results.append(i)
        await asyncio.sleep(0.1)
    print(f"fetch {i} saved")


async def main():
    sem = asyncio.Semaphore(2)
    lock = asyncio.Lock()
    results = []
    await asyncio.gather(*(fetch(i, sem, lock, results) for i in range(4)))
    print(f"saved {results}")


asyncio.run(main())
)"};

Task<> fetch(int i, Semaphore sem, Lock lock, std::shared_ptr<std::vector<int>> results) {
    const DemoScript& s = kGatherLocks;
    co_await at(s.at("fetch", "async with sem"), sem.acquire());
    say(s.at("fetch", "downloading"), "fetch " + std::to_string(i) + " downloading");
    co_await at(s.at("fetch", "await asyncio.sleep(0.4)"), sleep(400ms));
    sem.release();
    co_await at(s.at("fetch", "async with lock"), lock.acquire());
    results->push_back(i);
    co_await at(s.at("fetch", "await asyncio.sleep(0.1)"), sleep(100ms));
    lock.release();
    say(s.at("fetch", "print(f\"fetch {i} saved"), "fetch " + std::to_string(i) + " saved");
}

Task<> gatherLocksMain() {
    const DemoScript& s = kGatherLocks;
    Semaphore sem(2);
    Lock lock;
    auto results = std::make_shared<std::vector<int>>();
    std::vector<Task<>> calls;
    for (int i = 0; i < 4; ++i)
        calls.push_back(named(fetch(i, sem, lock, results), "fetch", s.at("fetch", "async def fetch"), s.at("main", "asyncio.gather")));
    co_await at(s.at("main", "asyncio.gather"), gather(std::move(calls), s.at("main", "asyncio.gather")));
    std::string list;
    for (int r : *results)
        list += (list.empty() ? "" : ", ") + std::to_string(r);
    say(s.at("main", "print(f\"saved"), "saved [" + list + "]");
}

// ---------------------------------------------------------------- to_thread
const DemoScript kToThread{"to_thread.py", R"(import asyncio
import time


def download():
    time.sleep(1.2)  # blocking, but on a worker thread
    return "file"


async def fetcher(start):
    result = await asyncio.to_thread(download)
    print(f"{result} at {time.perf_counter() - start:.1f} s")


async def heartbeat(start):
    for i in range(3):
        await asyncio.sleep(0.5)
        print(f"beat {i} at {time.perf_counter() - start:.1f} s")


async def main():
    start = time.perf_counter()
    await asyncio.gather(heartbeat(start), fetcher(start))
    print(f"total {time.perf_counter() - start:.1f} s")


asyncio.run(main())
)"};

Task<> fetcher(TimeNs start) {
    const DemoScript& s = kToThread;
    std::string result = co_await at(s.at("fetcher", "asyncio.to_thread"), toThread(
                                                                                  [] {
                                                                                      blockingSleep(1200ms, kToThread.at("download", "time.sleep(1.2)"));
                                                                                      return std::string("file");
                                                                                  },
                                                                                  "download", s.at("fetcher", "asyncio.to_thread")));
    say(s.at("fetcher", "print(f\"{result}"), result + " at " + seconds1(now() - start) + " s");
}

Task<> toThreadMain() {
    const DemoScript& s = kToThread;
    const TimeNs start = now();
    std::vector<Task<>> both;
    both.push_back(named(heartbeat(&s, start), "heartbeat", s.at("heartbeat", "async def heartbeat"), s.at("main", "asyncio.gather")));
    both.push_back(named(fetcher(start), "fetcher", s.at("fetcher", "async def fetcher"), s.at("main", "asyncio.gather")));
    co_await at(s.at("main", "asyncio.gather"), gather(std::move(both), s.at("main", "asyncio.gather")));
    say(s.at("main", "print(f\"total"), "total " + seconds1(now() - start) + " s");
}

// ---------------------------------------------------------------- a failing TaskGroup
const DemoScript kTaskGroupFailure{"taskgroup_failure.py", R"(import asyncio


async def call_tool(name, seconds, fail=False):
    print(f"{name}: started")
    await asyncio.sleep(seconds)
    if fail:
        raise RuntimeError(f"{name} failed")
    print(f"{name}: done")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(call_tool("search", 1.0), name="search")
            tg.create_task(call_tool("browser", 0.4, fail=True), name="browser")
            tg.create_task(call_tool("calculator", 2.0), name="calculator")
    except* RuntimeError as group:
        print(f"caught {group.exceptions}")


asyncio.run(main())
)"};

Task<> callTool(std::string name, std::chrono::milliseconds delay, bool fail) {
    const DemoScript& s = kTaskGroupFailure;
    say(s.at("call_tool", "started"), name + ": started");
    co_await at(s.at("call_tool", "await asyncio.sleep"), sleep(delay));
    if (fail)
        throw std::runtime_error("RuntimeError('" + name + " failed')");
    say(s.at("call_tool", "done\")"), name + ": done");
}

Task<> taskGroupFailureMain() {
    const DemoScript& s = kTaskGroupFailure;
    TaskGroup group(s.at("main", "async with asyncio.TaskGroup"));
    group.enter();
    auto tool = [&](const char* name, std::chrono::milliseconds delay, bool fail, const char* line) {
        group.createTask(named(callTool(name, delay, fail), "call_tool", s.at("call_tool", "async def call_tool"), s.at("main", line)), name,
                         s.at("main", line));
    };
    tool("search", 1000ms, false, "call_tool(\"search\"");
    tool("browser", 400ms, true, "call_tool(\"browser\"");
    tool("calculator", 2000ms, false, "call_tool(\"calculator\"");
    try {
        co_await at(s.at("main", "async with asyncio.TaskGroup"), group.exit());
    } catch (const ExceptionGroup& error) {
        std::string reprs;
        for (const auto& e : error.exceptions()) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& inner) {
                reprs += inner.what();
            }
        }
        say(s.at("main", "print(f\"caught"), "caught (" + reprs + ",)");
    }
}

// asyncio.run(main()), with main named and placed as in the program text.
Trace runProgram(const DemoScript& script, Task<> (*program)()) {
    Trace trace;
    Recorder recorder(trace);
    LoopOptions options{ClockKind::Virtual, &recorder};
    options.recordLoopQueues = true;  // lessons show the loop's insides exactly during playback
    Loop loop(options);
    const SourceLocation run = script.at("<module>", "asyncio.run(main())");
    loop.run(named(program(), "main", script.at("main", "async def main"), run), run);
    return trace;
}

} // namespace

const std::vector<DemoScenario>& demoScenarios() {
    static const std::vector<DemoScenario> scenarios = {
        {"sequential_calls", "One call after another", kSequential.file, kSequential.source,
         "Three slow calls, each awaited before the next one starts. While a call waits, the loop is "
         "free, but there is nothing else for it to run: the total is the sum, 3 seconds.\n\n"
         "What to notice in the timeline:\n"
         "- One lane, with three `call_llm` frames one after another, never overlapping.\n"
         "- Between the steps the loop is idle: it has nothing else to run.\n"
         "- The total is the sum of the three waits, 3 s. Compare with the TaskGroup lesson.",
         [] { return runProgram(kSequential, sequentialMain); }},
        {"taskgroup_calls", "Three calls at once with TaskGroup", kTaskGroup.file, kTaskGroup.source,
         "The same three calls as tasks in a TaskGroup. Each task awaits its own call; while one "
         "waits, the loop runs the others. The total is the longest call, 1.5 seconds, not the sum.\n\n"
         "What to notice in the timeline:\n"
         "- Three lanes (weather, news, stocks) side by side inside the TaskGroup bracket.\n"
         "- main waits at the end of the async with block (line 14) until all three are done.\n"
         "- The total is the longest call, 1.5 s, not the sum.",
         [] { return runProgram(kTaskGroup, taskGroupMain); }},
        {"blocking_sleep", "Blocking the loop with time.sleep", kBlocking.file, kBlocking.source,
         "time.sleep does not await: it holds the whole event loop. For 1.5 seconds no other task "
         "can run, so the heartbeat that should tick at 0.5 s ticks at 1.7 s. The fix: "
         "await asyncio.sleep(1.5), or asyncio.to_thread for real blocking work.\n\n"
         "What to notice in the timeline:\n"
         "- The loop freezes here: the red band, time.sleep(1.5) at line 14.\n"
         "- The heartbeat is due at 0.5 s but waits, ready, until 1.7 s: the orange bar under the red band.\n"
         "- The ready queue holds the heartbeat while the loop is frozen.",
         [] { return runProgram(kBlocking, blockingMain); }},
        {"never_awaited", "Forgetting await", kNeverAwaited.file, kNeverAwaited.source,
         "Calling a coroutine function only creates a coroutine object. Without await (or "
         "create_task) it never runs: save(\"draft\") does nothing, and Python warns that the "
         "coroutine was never awaited.\n\n"
         "What to notice in the timeline:\n"
         "- The ghost at 0 s where the draft was created: a coroutine never awaited.\n"
         "- Only one `save` frame runs: the one that was awaited.",
         [] { return runProgram(kNeverAwaited, neverAwaitedMain); }},
        {"gather_lock_semaphore", "gather with a Semaphore and a Lock", kGatherLocks.file, kGatherLocks.source,
         "Four fetches run together with gather, but a Semaphore lets only two download at once and "
         "a Lock lets only one write at a time.\n\n"
         "What to notice in the timeline:\n"
         "- Two fetches wait on \"Semaphore.acquire\" until the first downloads finish at 0.4 s.\n"
         "- The writers queue on \"Lock.acquire\": one at a time.\n"
         "- The arrows show who woke whom.",
         [] { return runProgram(kGatherLocks, gatherLocksMain); }},
        {"to_thread", "Moving blocking work to a thread", kToThread.file, kToThread.source,
         "The same 1.2 s of blocking work, but handed to a worker thread with asyncio.to_thread. "
         "The loop stays free, so the heartbeat ticks on time.\n\n"
         "What to notice in the timeline:\n"
         "- The thread lane works while the heartbeat keeps its 0.5 s rhythm.\n"
         "- No red band: the loop is never frozen.",
         [] { return runProgram(kToThread, toThreadMain); }},
        {"taskgroup_failure", "One failure cancels the TaskGroup", kTaskGroupFailure.file, kTaskGroupFailure.source,
         "When one task in a TaskGroup fails, the group cancels the others and raises all the "
         "errors together as an ExceptionGroup.\n\n"
         "What to notice in the timeline:\n"
         "- browser fails at 0.4 s (red cross).\n"
         "- search and calculator are cancelled at that moment (grey).\n"
         "- main catches the group and prints it.",
         [] { return runProgram(kTaskGroupFailure, taskGroupFailureMain); }},
    };
    return scenarios;
}

const DemoScenario* findDemoScenario(std::string_view name) {
    for (const DemoScenario& scenario : demoScenarios())
        if (scenario.name == name)
            return &scenario;
    return nullptr;
}

Trace recordDemoScenario(const DemoScenario& scenario) {
    Trace trace = scenario.record();
    trace.metadata.title = scenario.title;
    trace.metadata.recorder = "awaitscope demo (C++ runtime)";
    trace.metadata.sourceFile = scenario.fileName;
    trace.metadata.sourceText = scenario.source;
    trace.metadata.scenario = scenario.name;
    return trace;
}

TraceSources demoTraceSources() {
    TraceSources sources;
    sources.scenarios = [] {
        std::vector<Scenario> list;
        for (const DemoScenario& demo : demoScenarios())
            list.push_back({demo.name, demo.title, demo.fileName, demo.source, demo.lesson});
        return list;
    };
    sources.runScenario = [](const std::string& name, const LoadProgress&) {
        ScriptRunResult result;
        const DemoScenario* demo = findDemoScenario(name);
        if (!demo) {
            result.error = ScriptDiagnostic{0, 0, "no built-in scenario named '" + name + "'"};
            return result;
        }
        result.trace = recordDemoScenario(*demo);
        result.ok = true;
        return result;
    };
    return sources;
}

} // namespace awaitscope::ui
