// Every lesson's "What to notice in the timeline" claims, checked against the lesson's own run:
// the numbers, counts, times, orders and outcomes its text promises are what the trace shows.
// Each lesson has one slot that quotes the claims it checks; kQuotes keeps those quotes, and two
// slots keep text and test together: every quote is still in its lesson, and every bullet of a
// lesson's "What to notice" holds a quote. A lesson in samples/scenarios without a slot fails.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QtTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace awaitscope;

namespace {

// A quoted claim. Advice ("Fix: see to_thread_fix") says nothing about the run: it is quoted
// only so that its bullet counts as read.
struct Quote {
    const char* lesson;
    const char* phrase;
    bool checked = true;
};

const Quote kQuotes[] = {
    {"coroutine_runs_nothing", "The line that calls ask_llm() without await creates no lane and no frame"},
    {"coroutine_runs_nothing", "a ghost marker: never awaited"},
    {"coroutine_runs_nothing", "The awaited call shows up as a nested ask_llm frame inside main's lane, taking 1 s"},
    {"coroutine_runs_nothing", "Only one task exists (Task-1, the one asyncio.run created)"},

    {"sequential_awaits", "(0.8 + 0.5 + 0.7 = 2.0 s)"},
    {"sequential_awaits", "One lane (Task-1) with three nested frames, one after the other, never overlapping"},
    {"sequential_awaits", "Between the calls the loop is idle: it has nothing else to run"},
    {"sequential_awaits", "The total is the sum of the three waits"},
    {"sequential_awaits", "Compare with taskgroup_concurrency", false},

    {"taskgroup_concurrency", "as long as the slowest call (0.8 s) instead of the sum (2.0 s)"},
    {"taskgroup_concurrency", "Three new lanes (weather, news, stocks: `name=` names each task) start together, under main"},
    {"taskgroup_concurrency", "Their waits overlap"},
    {"taskgroup_concurrency", "main (Task-1) waits at the end of the `async with` block"},
    {"taskgroup_concurrency", "Total time is the longest call, less than half of the sequential version"},

    {"gather_results", "gather creates one task per coroutine immediately (a gather scope around them)"},
    {"gather_results", "\"fast\" finishes first, yet the result list keeps the argument order"},
    {"gather_results", "In the second gather the failing task ends red; the others still complete"},

    {"taskgroup_failure", "The \"translate\" task fails at 0.3 s (red end)"},
    {"taskgroup_failure", "\"summarize\" and \"classify\" are cancelled right after, long before their 2 s wait ends"},
    {"taskgroup_failure", "The whole block ends at 0.3 s"},

    {"forgotten_await", "A ghost marker at the line with the missing await"},
    {"forgotten_await", "No get_weather frame runs for Pune; the Mumbai call (with await) shows a 0.5 s frame"},
    {"forgotten_await", "Main finishes almost instantly for the broken call"},

    {"blocking_sleep", "The Loop lane turns red for 1.5 s: a frozen stretch caused by time.sleep"},
    {"blocking_sleep", "The heartbeat's first beat was due at 0.5 s but runs only when the freeze ends at 1.7 s"},
    {"blocking_sleep", "every later beat is late by the same 1.2 s, because each waits 0.5 s from the one before"},
    {"blocking_sleep", "With asyncio.sleep (the second half) the beats keep their rhythm"},

    {"blocking_http_call", "Three fetch tasks exist"},
    {"blocking_http_call", "the loop is frozen for 0.6 s three times in a row"},
    {"blocking_http_call", "The total is the sum (1.8 s)"},
    {"blocking_http_call", "Fix: see to_thread_fix", false},

    {"cpu_heavy_loop", "runs for a few tenths of a second while a progress ticker is due every 0.1 s"},
    {"cpu_heavy_loop", "The Loop lane is red while count_tokens runs: a frozen stretch with no await inside"},
    {"cpu_heavy_loop", "The ticker's first tick falls due during the freeze and runs only when it ends"},
    {"cpu_heavy_loop", "every later tick is late by the same amount, because each waits 0.1 s from the one before"},
    {"cpu_heavy_loop", "Splitting the work (await asyncio.sleep(0) now and then) or asyncio.to_thread avoids it", false},

    {"to_thread_fix", "all three are back after 0.65 s instead of 1.8 s"},
    {"to_thread_fix", "Each fetch hands its blocking call to a thread lane (blocking_http_get)"},
    {"to_thread_fix", "The three thread lanes overlap in time; the Loop lane is never frozen"},
    {"to_thread_fix", "The ticker keeps its 0.4 s rhythm throughout"},

    {"agent_loop", "Task-1 spends most of its time inside the two `llm` frames (planning, answering)"},
    {"agent_loop", "Between them, three tool lanes run side by side; the slowest sets the pace"},
    {"agent_loop", "The tools stage takes 0.9 s, not 0.9 + 0.6 + 0.4 = 1.9 s"},

    {"semaphore_llm_limit", "Eight task lanes start at once, but only three are inside the semaphore at any moment"},
    {"semaphore_llm_limit", "The waiting lanes show \"Semaphore.acquire\" until a running call finishes"},
    {"semaphore_llm_limit", "Calls start in waves: 0.0 s, 0.5 s, 1.0 s; the batch takes 1.5 s instead of 0.5 s or 4.0 s"},

    {"timeout_slow_tool", "The slow search is cancelled exactly 1.0 s after it starts, at 1.3 s (a cancelled end, not a failure)"},
    {"timeout_slow_tool", "Its `finally` block still runs: cleanup happens even on timeout"},
    {"timeout_slow_tool", "The fast tool under the same limit finishes normally; the agent moves on at 1.3 s"},

    {"producer_consumer_queue", "The loader (a frame in Task-1's lane) waits on \"Queue.put\" whenever the queue is full"},
    {"producer_consumer_queue", "until a worker takes a document; it is done at 0.6 s"},
    {"producer_consumer_queue", "Workers embed documents back to back, 0.3 s each"},
    {"producer_consumer_queue", "\"Queue.get\" (idle) shows only once the documents run out, from 0.9 s"},
    {"producer_consumer_queue", "Three workers embed ten documents in 1.2 s (w0 four, w1 and w2 three each)"},
    {"producer_consumer_queue", "instead of the sequential 3.0 s"},

    {"streaming_llm_reply", "Task-1 waits at the `async for` line, the `stream_reply` frame nested inside it sleeps"},
    {"streaming_llm_reply", "yields the token, and the loop body prints it"},
    {"streaming_llm_reply", "The generator is not a task"},
    {"streaming_llm_reply", "one 0.1 s frame per token, then an instant one that ends the stream"},
    {"streaming_llm_reply", "The tool's lane runs beside the stream. Its 0.25 s wait overlaps the tokens"},
    {"streaming_llm_reply", "the reply and the tool together take 0.7 s, not 0.7 + 0.25 s"},

    {"one_shot_script", "One lane, main: the steps follow each other, and no other task ever runs"},
    {"one_shot_script", "The loop is idle for the whole 0.5 s wait of fetch_forecast"},
    {"one_shot_script", "The total is the sum of the steps, 0.5 s"},
    {"one_shot_script", "Compare with taskgroup_concurrency", false},
};

// A time the text states to a tenth of a second ("1.2 s") matches within 0.05 s. Statements cost
// the virtual clock microseconds, so "at once", "right after" and "together" mean within 1 ms.
constexpr TimeNs kStated = 50'000'000;
constexpr TimeNs kInstant = 1'000'000;

constexpr TimeNs seconds(double s) { return static_cast<TimeNs>(s * 1e9 + (s < 0 ? -0.5 : 0.5)); }

bool near(TimeNs actual, double stated, TimeNs tolerance = kStated) {
    const TimeNs gap = actual - seconds(stated);
    return gap <= tolerance && -gap <= tolerance;
}

std::string describe(TimeNs actual, double stated) {
    return "got " + std::to_string(static_cast<double>(actual) / 1e9) + " s, the lesson says " + std::to_string(stated) + " s";
}

#define CHECK_TIME(actual, stated) QVERIFY2(near((actual), (stated)), describe((actual), (stated)).c_str())

// Whitespace runs as one space, so that a quote may span the docstring's line breaks.
std::string normalized(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space)
            out += c;
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// The bullets of the docstring's "What to notice in the timeline:" list, each on one line.
std::vector<std::string> noticeBullets(std::string_view docstring) {
    constexpr std::string_view kHeading = "What to notice in the timeline:";
    std::vector<std::string> bullets;
    const std::size_t at = docstring.find(kHeading);
    if (at == std::string_view::npos)
        return bullets;
    std::string current;
    std::string_view rest = docstring.substr(at + kHeading.size());
    while (!rest.empty()) {
        const std::size_t eol = rest.find('\n');
        const std::string_view line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
        const std::string text = normalized(line);
        if (text.starts_with("- ")) {
            if (!current.empty())
                bullets.push_back(current);
            current = text.substr(2);
        } else if (!text.empty() && !current.empty()) {
            current += ' ' + text;
        }
    }
    if (!current.empty())
        bullets.push_back(current);
    return bullets;
}

// "blocking_sleep" -> "blockingSleepClaims": the slot that checks a lesson.
std::string claimsSlot(std::string_view lesson) {
    std::string slot;
    bool upper = false;
    for (char c : lesson) {
        if (c == '_') {
            upper = true;
            continue;
        }
        slot += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return slot + "Claims";
}

std::pair<TimeNs, TimeNs> interval(const auto& span) { return {span.begin, span.end}; }

// The most intervals open at one moment (one that ends at t and one that begins at t do not overlap).
std::size_t peakOverlap(const std::vector<std::pair<TimeNs, TimeNs>>& intervals) {
    std::vector<std::pair<TimeNs, int>> edges;
    for (const auto& [begin, end] : intervals) {
        edges.emplace_back(begin, +1);
        edges.emplace_back(end, -1);
    }
    std::sort(edges.begin(), edges.end());
    std::size_t open = 0, peak = 0;
    for (const auto& [time, step] : edges) {
        open += step;
        peak = std::max(peak, open);
    }
    return peak;
}

// A lesson, run once on the interpreter and shared by the slot that checks it.
class LessonRun {
public:
    explicit LessonRun(const Scenario& lesson) : lesson_(lesson) {
        ScriptRunOptions options;
        options.fileName = lesson.fileName;
        options.recordLoopQueues = true;  // timeout_slow_tool reads its deadline's timer
        ScriptRunResult result = runScript(lesson.source, options);
        ok_ = result.ok;
        derived_ = std::make_unique<DerivedTrace>(std::make_shared<const Trace>(std::move(result.trace)));
    }

    bool ok() const { return ok_; }
    const Trace& trace() const { return derived_->trace(); }
    const DerivedTrace& derived() const { return *derived_; }
    const TaskLane& lane(TaskId task) const { return derived_->index().lane(task); }

    TaskId task(std::string_view name) const {
        for (const TaskRecord& task : trace().tasks)
            if (trace().taskName(task.id) == name)
                return task.id;
        return kNoTask;
    }

    // The asyncio tasks (not thread lanes) whose root coroutine is `coroutine`, in creation order.
    std::vector<TaskId> tasksOf(std::string_view coroutine) const {
        std::vector<TaskId> tasks;
        for (const TaskRecord& task : trace().tasks)
            if (task.kind == TaskKind::Task && derived_->coroutineName(task.id) == coroutine)
                tasks.push_back(task.id);
        return tasks;
    }

    std::vector<TaskId> threads() const {
        std::vector<TaskId> tasks;
        for (const TaskRecord& task : trace().tasks)
            if (task.kind == TaskKind::Thread)
                tasks.push_back(task.id);
        return tasks;
    }

    // The frames of `coroutine` in the lane of `task` (every lane when kNoTask), by start time.
    std::vector<FrameSpan> frames(std::string_view coroutine, TaskId task = kNoTask) const {
        std::vector<FrameSpan> found;
        for (TaskId t = 0; t < trace().tasks.size(); ++t)
            if (task == kNoTask || task == t)
                for (const FrameSpan& frame : lane(t).frames)
                    if (trace().str(trace().frames[frame.frame].name) == coroutine)
                        found.push_back(frame);
        std::sort(found.begin(), found.end(), [](const FrameSpan& a, const FrameSpan& b) { return a.begin < b.begin; });
        return found;
    }

    std::vector<Span> spans(TaskId task, SpanState state, WaitKind kind) const {
        std::vector<Span> found;
        for (const Span& span : lane(task).spans)
            if (span.state == state && span.kind == kind)
                found.push_back(span);
        return found;
    }
    std::vector<Span> awaiting(TaskId task, WaitKind kind) const { return spans(task, SpanState::Awaiting, kind); }
    // When the task ran after each wake-up by `kind` (a timer's: each step after an asyncio.sleep).
    std::vector<TimeNs> runsAfter(TaskId task, WaitKind kind) const {
        std::vector<TimeNs> times;
        for (const Span& span : spans(task, SpanState::Ready, kind))
            times.push_back(span.end);
        return times;
    }
    std::string awaited(const Span& span) const { return std::string(trace().str(trace().awaits[span.ref].what)); }

    // The first printed line that starts with `prefix`, or null.
    const OutputLine* output(std::string_view prefix) const {
        for (const OutputLine& line : trace().output)
            if (trace().str(line.text).starts_with(prefix))
                return &line;
        return nullptr;
    }

    // The 1-based line of the lesson's source that first contains `code` (0: none).
    std::uint32_t lineOf(std::string_view code) const {
        std::uint32_t line = 1;
        std::string_view rest = lesson_.source;
        while (!rest.empty()) {
            const std::size_t eol = rest.find('\n');
            if (rest.substr(0, eol).find(code) != std::string_view::npos)
                return line;
            if (eol == std::string_view::npos)
                break;
            rest.remove_prefix(eol + 1);
            ++line;
        }
        return 0;
    }
    std::uint32_t lineOf(SiteId site) const { return trace().sites[site].line; }

    // How long loop slices of any task ran inside [begin, end).
    TimeNs loopBusy(TimeNs begin, TimeNs end) const {
        TimeNs busy = 0;
        for (const LoopSlice& slice : derived_->index().loopSlices())
            busy += std::max<TimeNs>(0, std::min(end, slice.end) - std::max(begin, slice.begin));
        return busy;
    }

private:
    const Scenario& lesson_;
    bool ok_ = false;
    std::unique_ptr<DerivedTrace> derived_;
};

const LessonRun& lessonRun(const std::string& name) {
    static std::map<std::string, std::unique_ptr<LessonRun>> runs;
    std::unique_ptr<LessonRun>& run = runs[name];
    if (!run) {
        const Scenario* lesson = findScenario(name);
        if (!lesson)
            qFatal("no built-in lesson named %s", name.c_str());
        run = std::make_unique<LessonRun>(*lesson);
    }
    return *run;
}

} // namespace

class TestLessonClaims : public QObject {
    Q_OBJECT
private slots:
    void everyLessonHasAClaimsSlot() {
        // A new lesson must say what its claims are: one slot, and at least one quote.
        std::vector<std::string> names;
        for (const QString& file : QDir(SCENARIOS_DIR).entryList({"*.py"}, QDir::Files))
            names.push_back(QFileInfo(file).completeBaseName().toStdString());
        QVERIFY(!names.empty());
        for (const Scenario& lesson : builtinScenarios())
            names.push_back(lesson.name);
        for (const std::string& name : names) {
            const std::string slot = claimsSlot(name) + "()";
            QVERIFY2(metaObject()->indexOfSlot(slot.c_str()) >= 0, ("no slot " + slot + " checks " + name).c_str());
            QVERIFY2(std::any_of(std::begin(kQuotes), std::end(kQuotes), [&](const Quote& q) { return q.lesson == name; }),
                     ("no claim of " + name + " is quoted").c_str());
        }
    }

    void everyQuoteIsStillInItsLesson_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("phrase");
        for (const Quote& quote : kQuotes)
            QTest::addRow("%s: %s", quote.lesson, quote.phrase) << quote.lesson << quote.phrase;
    }
    void everyQuoteIsStillInItsLesson() {
        QFETCH(QString, lesson);
        QFETCH(QString, phrase);
        const Scenario* scenario = findScenario(lesson.toStdString());
        QVERIFY(scenario);
        QVERIFY2(normalized(scenario->lesson).find(normalized(phrase.toStdString())) != std::string::npos,
                 "the lesson's text no longer says this: change the quote and its checks together");
    }

    void everyNoticeBulletIsQuoted() {
        // A bullet no quote covers is a claim nobody checks.
        for (const Scenario& lesson : builtinScenarios()) {
            const std::vector<std::string> bullets = noticeBullets(lesson.lesson);
            QVERIFY2(!bullets.empty(), (lesson.name + " has no \"What to notice in the timeline:\" list").c_str());
            for (const std::string& bullet : bullets) {
                const bool quoted = std::any_of(std::begin(kQuotes), std::end(kQuotes), [&](const Quote& q) {
                    return q.lesson == lesson.name && bullet.find(normalized(q.phrase)) != std::string::npos;
                });
                QVERIFY2(quoted, (lesson.name + ": no quote checks \"" + bullet + "\"").c_str());
            }
        }
    }

    void coroutineRunsNothingClaims() {
        const LessonRun& run = lessonRun("coroutine_runs_nothing");
        QVERIFY(run.ok());
        // "Only one task exists (Task-1, the one asyncio.run created)"
        QCOMPARE(run.trace().tasks.size(), std::size_t(1));
        const TaskId main = run.task("Task-1");
        QCOMPARE(main, TaskId(0));
        QCOMPARE(run.derived().coroutineName(main), std::string("main"));
        // "The line that calls ask_llm() without await creates no lane and no frame" ...
        // "(a ghost marker: never awaited)"
        const std::uint32_t unawaited = run.lineOf("pending = ask_llm(");
        QVERIFY(unawaited > 0);
        QCOMPARE(run.trace().neverAwaited.size(), std::size_t(1));
        const NeverAwaited& ghost = run.trace().neverAwaited.front();
        QCOMPARE(run.trace().str(ghost.name), std::string_view("ask_llm"));
        QCOMPARE(run.lineOf(ghost.site), unawaited);
        QCOMPARE(ghost.task, main);
        // "The awaited call shows up as a nested ask_llm frame inside main's lane, taking 1 s"
        const std::vector<FrameSpan> asks = run.frames("ask_llm");
        QCOMPARE(asks.size(), std::size_t(1));
        QCOMPARE(run.frames("ask_llm", main).size(), std::size_t(1));
        QCOMPARE(asks[0].depth, 1u);
        QCOMPARE(run.lineOf(run.trace().frames[asks[0].frame].callSite), run.lineOf("answer = await ask_llm("));
        CHECK_TIME(asks[0].end - asks[0].begin, 1.0);
    }

    void sequentialAwaitsClaims() {
        const LessonRun& run = lessonRun("sequential_awaits");
        QVERIFY(run.ok());
        // "One lane (Task-1) with three nested frames, one after the other, never overlapping"
        QCOMPARE(run.trace().tasks.size(), std::size_t(1));
        const TaskId main = run.task("Task-1");
        const std::vector<FrameSpan> calls = run.frames("call_tool", main);
        QCOMPARE(calls.size(), std::size_t(3));
        for (std::size_t i = 0; i < calls.size(); ++i) {
            QCOMPARE(calls[i].depth, 1u);
            if (i > 0)
                QVERIFY(calls[i - 1].end <= calls[i].begin);
        }
        // "(0.8 + 0.5 + 0.7 = 2.0 s)"
        CHECK_TIME(calls[0].end - calls[0].begin, 0.8);
        CHECK_TIME(calls[1].end - calls[1].begin, 0.5);
        CHECK_TIME(calls[2].end - calls[2].begin, 0.7);
        // "Between the calls the loop is idle: it has nothing else to run"
        for (const LoopSlice& slice : run.derived().index().loopSlices())
            QCOMPARE(slice.task, main);
        QVERIFY(run.derived().analysis().loop.busy < kInstant);
        // "The total is the sum of the three waits"
        TimeNs sum = 0;
        for (const FrameSpan& call : calls)
            sum += call.end - call.begin;
        QVERIFY(std::abs(run.derived().range().duration() - sum) < kInstant);
        CHECK_TIME(run.derived().range().duration(), 2.0);
    }

    void taskgroupConcurrencyClaims() {
        const LessonRun& run = lessonRun("taskgroup_concurrency");
        QVERIFY(run.ok());
        const TaskId main = run.task("Task-1");
        // "Three new lanes (weather, news, stocks: `name=` names each task) start together, under main"
        const std::vector<TaskId> tools{run.task("weather"), run.task("news"), run.task("stocks")};
        QCOMPARE(run.trace().tasks.size(), std::size_t(4));
        QCOMPARE(std::vector<TaskId>(run.derived().children(main).begin(), run.derived().children(main).end()), tools);
        for (TaskId tool : tools) {
            QVERIFY(tool != kNoTask);
            QCOMPARE(run.derived().parentOf(tool), main);
            QVERIFY(run.lane(tool).begin - run.lane(tools[0]).begin < kInstant);
        }
        // "Their waits overlap" (each task's asyncio.sleep)
        std::vector<std::pair<TimeNs, TimeNs>> waits;
        for (TaskId tool : tools) {
            QCOMPARE(run.awaiting(tool, WaitKind::Timer).size(), std::size_t(1));
            waits.push_back(interval(run.awaiting(tool, WaitKind::Timer).front()));
        }
        QCOMPARE(peakOverlap(waits), std::size_t(3));
        // "main (Task-1) waits at the end of the `async with` block": after the block's body has
        // run, at the `async with` line, until the slowest task is done.
        const std::vector<Span> blockEnd = run.awaiting(main, WaitKind::TaskGroup);
        QCOMPARE(blockEnd.size(), std::size_t(1));
        QCOMPARE(run.lineOf(run.trace().awaits[blockEnd[0].ref].site), run.lineOf("async with asyncio.TaskGroup() as group:"));
        QVERIFY(run.output("all three started")->time <= blockEnd[0].begin);
        QVERIFY(blockEnd[0].end >= run.lane(tools[0]).end);
        // "as long as the slowest call (0.8 s) instead of the sum (2.0 s)"
        // "Total time is the longest call, less than half of the sequential version"
        CHECK_TIME(blockEnd[0].duration(), 0.8);
        CHECK_TIME(run.derived().range().duration(), 0.8);
        TimeNs sum = 0;
        for (TaskId tool : tools)
            sum += run.lane(tool).end - run.lane(tool).begin;
        CHECK_TIME(sum, 2.0);
        QVERIFY(run.derived().range().duration() < sum / 2);
    }

    void gatherResultsClaims() {
        const LessonRun& run = lessonRun("gather_results");
        QVERIFY(run.ok());
        // "gather creates one task per coroutine immediately (a gather scope around them)"
        const Trace& trace = run.trace();
        QCOMPARE(trace.scopes.size(), std::size_t(2));
        for (ScopeId scope = 0; scope < 2; ++scope) {
            QCOMPARE(trace.scopes[scope].kind, ScopeKind::Gather);
            const std::span<const TaskId> tasks = run.derived().scopeTasks(scope);
            QCOMPARE(tasks.size(), std::size_t(3));
            for (TaskId task : tasks) {
                QCOMPARE(run.derived().coroutineName(task), std::string("fetch"));
                QVERIFY(trace.tasks[task].created - trace.scopes[scope].begin < kInstant);
            }
        }
        // "\"fast\" finishes first, yet the result list keeps the argument order": the tasks are
        // slow, fast, medium in argument order.
        const std::span<const TaskId> first = run.derived().scopeTasks(0);
        const TaskId slow = first[0], fast = first[1], medium = first[2];
        QVERIFY(run.lane(fast).end < run.lane(medium).end && run.lane(medium).end < run.lane(slow).end);
        QVERIFY(run.output("fast answered")->time < run.output("medium answered")->time);
        QVERIFY(run.output("['slow: 3 documents', 'fast: 3 documents', 'medium: 3 documents']"));
        // "In the second gather the failing task ends red; the others still complete"
        const std::span<const TaskId> second = run.derived().scopeTasks(1);
        const TaskLane& flaky = run.lane(second[1]);
        QVERIFY(flaky.finished);
        QCOMPARE(flaky.outcome, TaskOutcome::Failed);
        QCOMPARE(trace.str(flaky.error), std::string_view("ConnectionError('flaky is down')"));
        for (TaskId other : {second[0], second[2]}) {
            QVERIFY(run.lane(other).finished);
            QCOMPARE(run.lane(other).outcome, TaskOutcome::Done);
            QVERIFY(run.lane(other).end > flaky.end);
        }
    }

    void taskgroupFailureClaims() {
        const LessonRun& run = lessonRun("taskgroup_failure");
        QVERIFY(run.ok());
        // "The \"translate\" task fails at 0.3 s (red end)"
        const TaskLane& translate = run.lane(run.task("translate"));
        QVERIFY(translate.finished);
        QCOMPARE(translate.outcome, TaskOutcome::Failed);
        CHECK_TIME(translate.end, 0.3);
        // "\"summarize\" and \"classify\" are cancelled right after, long before their 2 s wait ends"
        for (const char* name : {"summarize", "classify"}) {
            const TaskId task = run.task(name);
            const TaskLane& lane = run.lane(task);
            QVERIFY(lane.finished);
            QCOMPARE(lane.outcome, TaskOutcome::Cancelled);
            QVERIFY(lane.end >= translate.end && lane.end - translate.end < kInstant);
            const std::vector<Span> sleeps = run.awaiting(task, WaitKind::Timer);
            QCOMPARE(sleeps.size(), std::size_t(1));
            QVERIFY(sleeps[0].end < sleeps[0].begin + seconds(2.0) - seconds(1.5));
            QCOMPARE(run.spans(task, SpanState::Ready, WaitKind::Cancel).size(), std::size_t(1));
        }
        // "The whole block ends at 0.3 s": the failure cancels the block's wait too (as the
        // siblings), and it waits once more, an instant, for the cancelled tasks to finish.
        const std::vector<Span> blockEnd = run.awaiting(run.task("Task-1"), WaitKind::TaskGroup);
        QVERIFY(!blockEnd.empty());
        CHECK_TIME(blockEnd.back().end, 0.3);
        QCOMPARE(run.trace().scopes.size(), std::size_t(1));
        CHECK_TIME(run.trace().scopes[0].end, 0.3);
        CHECK_TIME(run.derived().range().duration(), 0.3);
        QVERIFY(run.output("group ended after 0.3s"));
    }

    void forgottenAwaitClaims() {
        const LessonRun& run = lessonRun("forgotten_await");
        QVERIFY(run.ok());
        // "A ghost marker at the line with the missing await"
        QCOMPARE(run.trace().neverAwaited.size(), std::size_t(1));
        const NeverAwaited& ghost = run.trace().neverAwaited.front();
        QCOMPARE(run.trace().str(ghost.name), std::string_view("get_weather"));
        QCOMPARE(run.lineOf(ghost.site), run.lineOf("# BUG: missing await"));
        // "No get_weather frame runs for Pune; the Mumbai call (with await) shows a 0.5 s frame"
        const std::vector<FrameSpan> calls = run.frames("get_weather");
        QCOMPARE(calls.size(), std::size_t(1));
        QCOMPARE(run.lineOf(run.trace().frames[calls[0].frame].callSite), run.lineOf("await get_weather(\"Mumbai\")"));
        CHECK_TIME(calls[0].end - calls[0].begin, 0.5);
        // "Main finishes almost instantly for the broken call": nothing waits between the broken
        // call and the line that reports it done.
        const OutputLine* after = run.output("after the buggy call:");
        QVERIFY(after && after->time - ghost.created < kInstant);
        QCOMPARE(run.trace().str(after->text), std::string_view("after the buggy call: 0.0s"));
    }

    void blockingSleepClaims() {
        const LessonRun& run = lessonRun("blocking_sleep");
        QVERIFY(run.ok());
        const std::vector<TaskId> heartbeats = run.tasksOf("heartbeat");
        QCOMPARE(heartbeats.size(), std::size_t(2));
        // "The Loop lane turns red for 1.5 s: a frozen stretch caused by time.sleep"
        const std::vector<FrozenStretch>& frozen = run.derived().frozenStretches();
        QCOMPARE(frozen.size(), std::size_t(1));
        CHECK_TIME(frozen[0].duration(), 1.5);
        QCOMPARE(run.derived().coroutineName(frozen[0].culprit), std::string("slow_step_blocking"));
        QVERIFY(frozen[0].block != kNoBlock);
        QCOMPARE(run.trace().blocks[frozen[0].block].kind, BlockKind::Sleep);
        QCOMPARE(run.lineOf(frozen[0].site), run.lineOf("time.sleep(1.5)"));
        // "The heartbeat's first beat was due at 0.5 s but runs only when the freeze ends at 1.7 s"
        CHECK_TIME(frozen[0].end, 1.7);
        QCOMPARE(frozen[0].victims.size(), std::size_t(1));
        const FrozenVictim& beat = frozen[0].victims.front();
        QCOMPARE(beat.task, heartbeats[0]);
        CHECK_TIME(beat.due, 0.5);
        CHECK_TIME(beat.resumed, 1.7);
        QVERIFY(beat.resumed - frozen[0].end < kInstant);
        // "every later beat is late by the same 1.2 s, because each waits 0.5 s from the one before"
        const std::vector<TimeNs> blocked = run.runsAfter(heartbeats[0], WaitKind::Timer);
        QCOMPARE(blocked.size(), std::size_t(4));
        for (std::size_t i = 0; i < blocked.size(); ++i)
            CHECK_TIME(blocked[i] - run.lane(heartbeats[0]).begin - seconds(0.5 * double(i + 1)), 1.2);
        // "With asyncio.sleep (the second half) the beats keep their rhythm": on time, every 0.5 s.
        const std::vector<TimeNs> kept = run.runsAfter(heartbeats[1], WaitKind::Timer);
        QCOMPARE(kept.size(), std::size_t(4));
        for (std::size_t i = 0; i < kept.size(); ++i)
            QVERIFY(near(kept[i] - run.lane(heartbeats[1]).begin, 0.5 * double(i + 1), kInstant));
    }

    void blockingHttpCallClaims() {
        const LessonRun& run = lessonRun("blocking_http_call");
        QVERIFY(run.ok());
        // "Three fetch tasks exist" (beside main)
        const std::vector<TaskId> fetches = run.tasksOf("fetch");
        QCOMPARE(fetches.size(), std::size_t(3));
        QCOMPARE(run.trace().tasks.size(), std::size_t(4));
        // "the loop is frozen for 0.6 s three times in a row": one freeze per fetch, in order,
        // each starting as the one before ends.
        const std::vector<FrozenStretch>& frozen = run.derived().frozenStretches();
        QCOMPARE(frozen.size(), std::size_t(3));
        for (std::size_t i = 0; i < frozen.size(); ++i) {
            CHECK_TIME(frozen[i].duration(), 0.6);
            QCOMPARE(frozen[i].culprit, fetches[i]);
            if (i > 0)
                QVERIFY(frozen[i].begin - frozen[i - 1].end < kInstant);
        }
        // "The total is the sum (1.8 s)"
        CHECK_TIME(run.derived().range().duration(), 1.8);
        QVERIFY(run.output("total: 1.8s"));
    }

    void cpuHeavyLoopClaims() {
        const LessonRun& run = lessonRun("cpu_heavy_loop");
        QVERIFY(run.ok());
        const TaskId ticker = run.tasksOf("ticker").at(0);
        // "runs for a few tenths of a second while a progress ticker is due every 0.1 s"
        const std::vector<FrozenStretch>& frozen = run.derived().frozenStretches();
        QCOMPARE(frozen.size(), std::size_t(1));
        const FrozenStretch& crunch = frozen[0];
        QVERIFY(crunch.duration() >= seconds(0.2) && crunch.duration() < seconds(1.0));
        // "The Loop lane is red while count_tokens runs: a frozen stretch with no await inside"
        QCOMPARE(run.derived().coroutineName(crunch.culprit), std::string("crunch"));
        QVERIFY(crunch.block != kNoBlock);
        QCOMPARE(run.trace().blocks[crunch.block].kind, BlockKind::Cpu);
        QCOMPARE(run.lineOf(crunch.site), run.lineOf("total += len(word)"));
        for (const Span& span : run.lane(crunch.culprit).spans)
            if (span.state == SpanState::Awaiting)
                QVERIFY(span.end <= crunch.begin || span.begin >= crunch.end);
        // "The ticker's first tick falls due during the freeze and runs only when it ends"
        QCOMPARE(crunch.victims.size(), std::size_t(1));
        const FrozenVictim& tick = crunch.victims.front();
        QCOMPARE(tick.task, ticker);
        QVERIFY(tick.due > crunch.begin && tick.due < crunch.end);
        QVERIFY(near(tick.due - run.lane(ticker).begin, 0.1, kInstant));
        QVERIFY(tick.resumed >= crunch.end && tick.resumed - crunch.end < kInstant);
        // "every later tick is late by the same amount, because each waits 0.1 s from the one before"
        const std::vector<TimeNs> ticks = run.runsAfter(ticker, WaitKind::Timer);
        QCOMPARE(ticks.size(), std::size_t(5));
        for (std::size_t i = 0; i < ticks.size(); ++i) {
            const TimeNs late = ticks[i] - run.lane(ticker).begin - seconds(0.1 * double(i + 1));
            QVERIFY2(std::abs(late - tick.lateBy()) < kInstant, describe(late, double(tick.lateBy()) / 1e9).c_str());
        }
    }

    void toThreadFixClaims() {
        const LessonRun& run = lessonRun("to_thread_fix");
        QVERIFY(run.ok());
        // "Each fetch hands its blocking call to a thread lane (blocking_http_get)"
        const std::vector<TaskId> fetches = run.tasksOf("fetch");
        const std::vector<TaskId> threads = run.threads();
        QCOMPARE(fetches.size(), std::size_t(3));
        QCOMPARE(threads.size(), std::size_t(3));
        std::vector<std::pair<TimeNs, TimeNs>> lanes;
        for (std::size_t i = 0; i < threads.size(); ++i) {
            QCOMPARE(run.derived().coroutineName(threads[i]), std::string("blocking_http_get"));
            QCOMPARE(run.derived().parentOf(threads[i]), fetches[i]);
            QCOMPARE(run.awaiting(fetches[i], WaitKind::Thread).size(), std::size_t(1));
            lanes.emplace_back(run.lane(threads[i]).begin, run.lane(threads[i]).end);
        }
        // "all three are back after 0.65 s instead of 1.8 s"
        TimeNs back = 0, sum = 0;
        for (const auto& [begin, end] : lanes) {
            back = std::max(back, end);
            sum += end - begin;
        }
        CHECK_TIME(back, 0.65);
        CHECK_TIME(sum, 1.8);
        // "The three thread lanes overlap in time; the Loop lane is never frozen"
        QCOMPARE(peakOverlap(lanes), std::size_t(3));
        QVERIFY(run.derived().frozenStretches().empty());
        // "The ticker keeps its 0.4 s rhythm throughout": each tick on time.
        const TaskId ticker = run.tasksOf("ticker").at(0);
        const std::vector<TimeNs> ticks = run.runsAfter(ticker, WaitKind::Timer);
        QCOMPARE(ticks.size(), std::size_t(2));
        for (std::size_t i = 0; i < ticks.size(); ++i)
            QVERIFY(near(ticks[i] - run.lane(ticker).begin, 0.4 * double(i + 1), kInstant));
    }

    void agentLoopClaims() {
        const LessonRun& run = lessonRun("agent_loop");
        QVERIFY(run.ok());
        const TaskId main = run.task("Task-1");
        // "Task-1 spends most of its time inside the two `llm` frames (planning, answering)"
        const std::vector<FrameSpan> llm = run.frames("llm", main);
        QCOMPARE(llm.size(), std::size_t(2));
        CHECK_TIME(llm[0].end - llm[0].begin, 1.0);
        CHECK_TIME(llm[1].end - llm[1].begin, 0.8);
        const TimeNs life = run.lane(main).end - run.lane(main).begin;
        QVERIFY((llm[0].end - llm[0].begin) + (llm[1].end - llm[1].begin) > life / 2);
        // "Between them, three tool lanes run side by side; the slowest sets the pace"
        const std::vector<TaskId> tools{run.tasksOf("web_search").at(0), run.tasksOf("calculator").at(0),
                                        run.tasksOf("read_calendar").at(0)};
        QCOMPARE(run.trace().tasks.size(), std::size_t(4));
        std::vector<std::pair<TimeNs, TimeNs>> lanes;
        TimeNs slowest = 0, sum = 0;
        for (TaskId tool : tools) {
            const TaskLane& lane = run.lane(tool);
            QVERIFY(lane.begin >= llm[0].end && lane.end <= llm[1].begin);
            lanes.emplace_back(lane.begin, lane.end);
            slowest = std::max(slowest, lane.end);
            sum += lane.end - lane.begin;
        }
        QCOMPARE(peakOverlap(lanes), std::size_t(3));
        QCOMPARE(slowest, run.lane(tools[0]).end);  // web_search
        QVERIFY(llm[1].begin - slowest < kInstant);
        // "The tools stage takes 0.9 s, not 0.9 + 0.6 + 0.4 = 1.9 s"
        CHECK_TIME(llm[1].begin - llm[0].end, 0.9);
        CHECK_TIME(sum, 1.9);
    }

    void semaphoreLlmLimitClaims() {
        const LessonRun& run = lessonRun("semaphore_llm_limit");
        QVERIFY(run.ok());
        // "Eight task lanes start at once, but only three are inside the semaphore at any moment":
        // the LLM call (the asyncio.sleep inside `async with limit:`) of three at most.
        const std::vector<TaskId> calls = run.tasksOf("summarize");
        QCOMPARE(calls.size(), std::size_t(8));
        std::vector<std::pair<TimeNs, TimeNs>> inside;
        std::vector<TimeNs> starts;
        for (TaskId task : calls) {
            QVERIFY(run.lane(task).begin - run.lane(calls[0]).begin < kInstant);
            const std::vector<Span> llm = run.awaiting(task, WaitKind::Timer);
            QCOMPARE(llm.size(), std::size_t(1));
            inside.push_back(interval(llm[0]));
            starts.push_back(llm[0].begin);
        }
        QCOMPARE(peakOverlap(inside), std::size_t(3));
        // "The waiting lanes show \"Semaphore.acquire\" until a running call finishes"
        std::size_t waited = 0;
        for (TaskId task : calls)
            for (const Span& wait : run.awaiting(task, WaitKind::Semaphore)) {
                ++waited;
                QCOMPARE(run.awaited(wait), std::string("Semaphore.acquire"));
                QVERIFY(std::any_of(inside.begin(), inside.end(), [&](const auto& call) {
                    return wait.end >= call.second && wait.end - call.second < kInstant;
                }));
            }
        QCOMPARE(waited, std::size_t(5));
        // "Calls start in waves: 0.0 s, 0.5 s, 1.0 s; the batch takes 1.5 s instead of 0.5 s or 4.0 s"
        std::sort(starts.begin(), starts.end());
        const double waves[] = {0.0, 0.0, 0.0, 0.5, 0.5, 0.5, 1.0, 1.0};
        for (std::size_t i = 0; i < starts.size(); ++i)
            CHECK_TIME(starts[i], waves[i]);
        CHECK_TIME(run.derived().range().duration(), 1.5);
        TimeNs sum = 0;
        for (const auto& [begin, end] : inside) {
            CHECK_TIME(end - begin, 0.5);
            sum += end - begin;
        }
        CHECK_TIME(sum, 4.0);
    }

    void timeoutSlowToolClaims() {
        const LessonRun& run = lessonRun("timeout_slow_tool");
        QVERIFY(run.ok());
        const TaskId main = run.task("Task-1");
        const std::vector<FrameSpan> searches = run.frames("search", main);
        const std::vector<FrameSpan> deadlines = run.frames("with_deadline", main);
        QCOMPARE(searches.size(), std::size_t(2));
        QCOMPARE(deadlines.size(), std::size_t(2));
        // "The slow search is cancelled exactly 1.0 s after it starts, at 1.3 s (a cancelled end,
        // not a failure)": the timeout's timer wakes main with a cancellation at its deadline,
        // which is 1.0 s after the `async with asyncio.timeout(1.0)` line, just before the search.
        const std::vector<Span> cancels = run.spans(main, SpanState::Ready, WaitKind::Cancel);
        QCOMPARE(cancels.size(), std::size_t(1));
        const TimeNs cancelled = cancels[0].begin;
        const FrameSpan& slow = searches[1];
        QVERIFY(cancelled > slow.begin && cancelled < slow.end);
        QVERIFY(cancelled - seconds(1.0) >= deadlines[1].begin && cancelled - seconds(1.0) <= slow.begin);
        QVERIFY(std::any_of(run.trace().loopQueues.begin(), run.trace().loopQueues.end(), [&](const LoopQueueEntry& e) {
            return e.queue == LoopQueue::Timer && e.what == CallbackKind::Timeout && e.due == cancelled;
        }));
        CHECK_TIME(cancelled, 1.3);
        QVERIFY(run.trace().scriptErrors.empty());
        QCOMPARE(run.lane(main).outcome, TaskOutcome::Done);
        // "Its `finally` block still runs: cleanup happens even on timeout"
        const OutputLine* closed = run.output("slow-engine: connection closed");
        QVERIFY(closed && closed->time >= cancelled && closed->time <= slow.end);
        // "The fast tool under the same limit finishes normally; the agent moves on at 1.3 s"
        const FrameSpan& fast = searches[0];
        CHECK_TIME(fast.end - fast.begin, 0.3);
        QVERIFY(fast.end < cancelled);
        QVERIFY(run.output("fast-engine: 10 results"));
        const OutputLine* movesOn = run.output("slow-engine: timed out, using cached results");
        QVERIFY(movesOn);
        CHECK_TIME(movesOn->time, 1.3);
    }

    void producerConsumerQueueClaims() {
        const LessonRun& run = lessonRun("producer_consumer_queue");
        QVERIFY(run.ok());
        const TaskId main = run.task("Task-1");
        const std::vector<TaskId> workers{run.task("w0"), run.task("w1"), run.task("w2")};
        // "The loader (a frame in Task-1's lane) waits on \"Queue.put\" whenever the queue is full"
        // "until a worker takes a document; it is done at 0.6 s"
        QVERIFY(run.tasksOf("loader").empty());
        const std::vector<FrameSpan> loader = run.frames("loader", main);
        QCOMPARE(loader.size(), std::size_t(1));
        CHECK_TIME(loader[0].end, 0.6);
        const std::vector<Span> puts = run.awaiting(main, WaitKind::Queue);
        QVERIFY(!puts.empty());
        std::size_t longPuts = 0;
        for (const Span& put : puts) {
            QCOMPARE(run.awaited(put), std::string("Queue.put"));
            QVERIFY(put.begin >= loader[0].begin && put.end <= loader[0].end);
            longPuts += put.duration() > kStated;
        }
        QCOMPARE(longPuts, std::size_t(2));  // 0.0 s to 0.3 s, then 0.3 s to 0.6 s
        for (const Span& woken : run.spans(main, SpanState::Ready, WaitKind::Queue))
            QVERIFY(std::find(workers.begin(), workers.end(), woken.ref) != workers.end());
        // "Workers embed documents back to back, 0.3 s each" ... "\"Queue.get\" (idle) shows only
        // once the documents run out, from 0.9 s"
        // "Three workers embed ten documents in 1.2 s (w0 four, w1 and w2 three each)"
        // "instead of the sequential 3.0 s"
        const std::size_t embedded[] = {4, 3, 3};
        TimeNs sum = 0;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            const std::vector<Span> embeds = run.awaiting(workers[i], WaitKind::Timer);
            QCOMPARE(embeds.size(), embedded[i]);
            for (std::size_t k = 0; k < embeds.size(); ++k) {
                CHECK_TIME(embeds[k].duration(), 0.3);
                if (k > 0)
                    QVERIFY(embeds[k].begin - embeds[k - 1].end < kInstant);
                sum += embeds[k].duration();
            }
            for (const Span& get : run.awaiting(workers[i], WaitKind::Queue)) {
                QCOMPARE(run.awaited(get), std::string("Queue.get"));
                if (get.duration() > kInstant)
                    CHECK_TIME(get.begin, 0.9);
            }
        }
        CHECK_TIME(run.derived().range().duration(), 1.2);
        CHECK_TIME(sum, 3.0);
        QVERIFY(run.output("10 documents embedded"));
    }

    void streamingLlmReplyClaims() {
        const LessonRun& run = lessonRun("streaming_llm_reply");
        QVERIFY(run.ok());
        const TaskId main = run.task("Task-1");
        // "The generator is not a task"
        QVERIFY(run.tasksOf("stream_reply").empty());
        QCOMPARE(run.trace().tasks.size(), std::size_t(2));
        // "Task-1 waits at the `async for` line, the `stream_reply` frame nested inside it sleeps"
        // "one 0.1 s frame per token, then an instant one that ends the stream"
        const std::vector<FrameSpan> frames = run.frames("stream_reply");
        QCOMPARE(run.frames("stream_reply", main).size(), frames.size());
        QCOMPARE(frames.size(), std::size_t(8));
        const std::uint32_t asyncFor = run.lineOf("async for token in stream_reply(");
        for (std::size_t i = 0; i < frames.size(); ++i) {
            QCOMPARE(frames[i].depth, 1u);
            QCOMPARE(run.lineOf(run.trace().frames[frames[i].frame].callSite), asyncFor);
            if (i + 1 < frames.size())
                CHECK_TIME(frames[i].end - frames[i].begin, 0.1);
            else
                QVERIFY(frames[i].end - frames[i].begin < kInstant);
        }
        const std::vector<Span> sleeps = run.awaiting(main, WaitKind::Timer);
        QCOMPARE(sleeps.size(), std::size_t(7));
        for (const Span& sleep : sleeps)
            QCOMPARE(run.lineOf(run.trace().awaits[sleep.ref].site), run.lineOf("await asyncio.sleep(0.1)"));
        // "yields the token, and the loop body prints it": token k is printed between frame k's end
        // and frame k + 1's start.
        std::vector<const OutputLine*> tokens;
        for (const OutputLine& line : run.trace().output)
            if (line.task == main && run.trace().str(line.text).starts_with("0."))
                tokens.push_back(&line);
        QCOMPARE(tokens.size(), std::size_t(7));
        for (std::size_t i = 0; i < tokens.size(); ++i)
            QVERIFY(tokens[i]->time >= frames[i].end && tokens[i]->time <= frames[i + 1].begin);
        // "The tool's lane runs beside the stream. Its 0.25 s wait overlaps the tokens"
        const TaskId tool = run.tasksOf("weather_tool").at(0);
        const std::vector<Span> wait = run.awaiting(tool, WaitKind::Timer);
        QCOMPARE(wait.size(), std::size_t(1));
        CHECK_TIME(wait[0].duration(), 0.25);
        QVERIFY(wait[0].begin < frames[0].end && wait[0].end > frames[2].begin);
        // "the reply and the tool together take 0.7 s, not 0.7 + 0.25 s"
        CHECK_TIME(run.derived().range().duration(), 0.7);
    }

    void oneShotScriptClaims() {
        const LessonRun& run = lessonRun("one_shot_script");
        QVERIFY(run.ok());
        // "One lane, main: the steps follow each other, and no other task ever runs"
        QCOMPARE(run.trace().tasks.size(), std::size_t(1));
        const TaskId main = run.task("Task-1");
        QCOMPARE(run.derived().coroutineName(main), std::string("main"));
        for (const LoopSlice& slice : run.derived().index().loopSlices())
            QCOMPARE(slice.task, main);
        const std::vector<FrameSpan> config = run.frames("load_config", main);
        const std::vector<FrameSpan> fetch = run.frames("fetch_forecast", main);
        QCOMPARE(config.size(), std::size_t(1));
        QCOMPARE(fetch.size(), std::size_t(1));
        QVERIFY(config[0].end <= fetch[0].begin);
        QVERIFY(run.output("Lisbon: 16-24 degrees (metric)")->time >= fetch[0].end);
        // "The loop is idle for the whole 0.5 s wait of fetch_forecast"
        const std::vector<Span> waits = run.awaiting(main, WaitKind::Timer);
        QCOMPARE(waits.size(), std::size_t(1));
        QVERIFY(waits[0].begin >= fetch[0].begin && waits[0].end <= fetch[0].end);
        CHECK_TIME(waits[0].duration(), 0.5);
        QCOMPARE(run.loopBusy(waits[0].begin, waits[0].end), TimeNs(0));
        // "The total is the sum of the steps, 0.5 s"
        CHECK_TIME(run.derived().range().duration(), 0.5);
        QVERIFY(run.output("done in 0.5s"));
    }
};

QTEST_APPLESS_MAIN(TestLessonClaims)
#include "tst_lesson_claims.moc"
