#pragma once

// The trace as data: what the runtime recorded, what a file holds and what the UI draws.
// Per task, one append-only vector of 16-byte events in time order. Names, files and
// messages are interned; sites, awaits, frames and blocking calls are small tables that
// events point into by 32-bit index. Times are signed 64-bit nanoseconds from the start.
#include "awaitscope/trace/CallbackKind.h"
#include "awaitscope/trace/memory/AppendLog.h"
#include "awaitscope/trace/memory/RecordArena.h"
#include "awaitscope/trace/StringTable.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace awaitscope {

using TimeNs = std::int64_t;
using TaskId = std::uint32_t;
using SiteId = std::uint32_t;
using AwaitId = std::uint32_t;
using FrameId = std::uint32_t;
using BlockId = std::uint32_t;
using ScopeId = std::uint32_t;

inline constexpr TaskId kNoTask = 0xFFFFFFFFu;
inline constexpr ScopeId kNoScope = 0xFFFFFFFFu;
inline constexpr SiteId kUnknownSite = 0;  // sites[0] is always the unknown location

// A source location: a script line or a C++ std::source_location.
struct Site {
    StringId file = 0;
    StringId function = 0;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    friend bool operator==(const Site&, const Site&) = default;
};

// What a task waits for, and so also what can wake it. Ready events carry the kind of
// thing that woke the task; Suspend events (through AwaitInfo) what it now awaits.
enum class WaitKind : std::uint8_t {
    None,       // nothing (placeholder)
    Start,      // a new task, scheduled by create_task
    Yield,      // asyncio.sleep(0): back of the ready queue
    Timer,      // asyncio.sleep(d) or another timer
    Task,       // awaiting another task (join)
    Gather,     // asyncio.gather
    TaskGroup,  // the end of an `async with TaskGroup()` block waiting for its children
    Event,      // asyncio.Event
    Lock,       // asyncio.Lock
    Semaphore,  // asyncio.Semaphore
    Queue,      // asyncio.Queue get or put
    Thread,     // asyncio.to_thread
    Future,     // any other future
    Cancel,     // woken by cancellation
    Condition,  // asyncio.Condition.wait
    Wait,       // asyncio.wait (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED)
    Shield,     // asyncio.shield: the outer future of a shielded awaitable
    Stream,     // a stream read waiting for data from its peer (or a connection being accepted)
};
inline constexpr int kWaitKindCount = 18;

// How a task ended.
enum class TaskOutcome : std::uint8_t { Done, Failed, Cancelled };

// Whether a lane is an asyncio task, work handed to a thread by to_thread, or the program's
// top level in a run that never started an event loop (a plain script: one lane, no loop).
enum class TaskKind : std::uint8_t { Task, Thread, Main };

// The blocking calls that hold the loop without yielding.
enum class BlockKind : std::uint8_t { Sleep, Network, Cpu };

enum class ScopeKind : std::uint8_t { TaskGroup, Gather, WaitFor, AsCompleted };

// The loop's two queues, as recorded at the start of an iteration (LoopQueueEntry).
enum class LoopQueue : std::uint8_t { Ready, Timer };

enum class EventKind : std::uint8_t {
    Ready,       // the task can run:        detail = WaitKind that woke it, ref = waker TaskId or kNoTask
    Resume,      // the loop runs a step:     (no payload)
    Suspend,     // the step ends at await:   ref = AwaitId (a Yield is ready at once: no Ready follows)
    Finish,      // the coroutine finished:   detail = TaskOutcome, ref = StringId of the exception repr
    FrameEnter,  // a nested coroutine frame: ref = FrameId
    FrameExit,   //                           ref = FrameId
    BlockBegin,  // a blocking call starts:   ref = BlockId
    BlockEnd,    //                           ref = BlockId
};
inline constexpr int kEventKindCount = 8;

struct TraceEvent {
    TimeNs time = 0;
    EventKind kind = EventKind::Ready;
    std::uint8_t detail = 0;
    std::uint16_t reserved = 0;
    std::uint32_t ref = 0;
};
static_assert(sizeof(TraceEvent) == 16 && std::is_trivially_copyable_v<TraceEvent>);

// What a Suspend awaits: where the await is, what kind of thing, a description
// ("asyncio.sleep", "Lock.acquire", the awaited task's name) and the awaited task if any.
struct AwaitInfo {
    SiteId site = kUnknownSite;
    WaitKind kind = WaitKind::None;
    StringId what = 0;
    TaskId target = kNoTask;
    friend bool operator==(const AwaitInfo&, const AwaitInfo&) = default;
};

// A coroutine frame: the coroutine's name, where it is defined and where it was called.
struct FrameInfo {
    StringId name = 0;
    SiteId definition = kUnknownSite;
    SiteId callSite = kUnknownSite;
    friend bool operator==(const FrameInfo&, const FrameInfo&) = default;
};

// A blocking call: time.sleep, a synchronous HTTP request, a CPU-heavy stretch.
struct BlockInfo {
    SiteId site = kUnknownSite;
    BlockKind kind = BlockKind::Sleep;
    StringId what = 0;
    friend bool operator==(const BlockInfo&, const BlockInfo&) = default;
};

struct TaskRecord {
    TaskId id = kNoTask;
    TaskId parent = kNoTask;       // the task that created it
    TaskKind kind = TaskKind::Task;
    StringId name = 0;             // the name given to create_task; 0 for asyncio's default name
    std::uint32_t number = 0;      // asyncio's default name is "Task-<number>" (0: none)
    FrameId coroutine = 0;         // the root coroutine frame
    SiteId createdAt = kUnknownSite;
    TimeNs created = 0;
    ScopeId scope = kNoScope;      // the TaskGroup / gather it belongs to
    AppendLog<TraceEvent> events;  // in time order
};

// A TaskGroup, gather or wait_for: the owner task opened it, its tasks belong to it.
struct Scope {
    ScopeKind kind = ScopeKind::TaskGroup;
    TaskId owner = kNoTask;
    SiteId site = kUnknownSite;
    TimeNs begin = 0;
    TimeNs end = 0;
};

// Which of the program's streams a line went to: what it printed, or what it (or Python on
// its behalf: a warning, a traceback) wrote to stderr.
enum class OutputStream : std::uint8_t { Stdout, Stderr };

struct OutputLine {
    TimeNs time = 0;
    TaskId task = kNoTask;
    SiteId site = kUnknownSite;
    StringId text = 0;  // without the newline
    OutputStream stream = OutputStream::Stdout;
};

// A coroutine object that was created and dropped without being awaited or scheduled.
struct NeverAwaited {
    TimeNs created = 0;
    TimeNs dropped = 0;
    TaskId task = kNoTask;  // the task that created it
    StringId name = 0;
    SiteId site = kUnknownSite;
};

// A task that failed and whose exception nobody retrieved (asyncio: "Task exception was never retrieved").
struct UnretrievedError {
    TimeNs time = 0;
    TaskId task = kNoTask;
    StringId text = 0;
};

// A task still pending when the main coroutine returned; asyncio.run cancels it.
struct PendingAtExit {
    TimeNs time = 0;
    TaskId task = kNoTask;
};

// An uncaught error in a script, with its Python-style traceback.
struct ScriptError {
    TimeNs time = 0;
    TaskId task = kNoTask;
    SiteId site = kUnknownSite;
    StringId text = 0;
};

// One entry of the loop's queues when an iteration began (before it waits for a timer): the
// ready queue in run order, then the timer heap in deadline order. Recorded only on request (LoopOptions::
// recordLoopQueues), for lessons, so that playback can show the loop's insides exactly.
struct LoopQueueEntry {
    std::uint32_t iteration = 0;   // entries of one iteration share it; iterations ascend
    TimeNs time = 0;               // when the iteration began
    LoopQueue queue = LoopQueue::Ready;
    TaskId task = kNoTask;         // the task it runs, wakes or reports on (see `what`); kNoTask: none
    TimeNs due = 0;                // timers: the deadline
    CallbackKind what = CallbackKind::Other;
};

struct TraceMetadata {
    std::string title;
    std::string clock = "virtual";  // "virtual" or "wall"
    std::string recorder;           // what produced the trace
    std::string sourceFile;         // the script, if any
    std::string sourceText;
    std::string scenario;           // built-in scenario name, if any
    // How a recording that did not run to its end stopped ("" when it did): the program was
    // killed or crashed (a recorder's journal), called os._exit, or a budget stopped it.
    std::string ending;

    // What the Chrome importer names as the recorder of a trace another tool wrote (a browser, a
    // profiler): threads and slices, with no event loop, tasks or awaits to speak of.
    static constexpr std::string_view kForeignChrome = "Chrome Trace Event JSON";
    // A trace of an asyncio program (recorded by Awaitscope or exported by it): its words and
    // figures (loop, tasks, awaits, speed-up) apply.
    bool fromAsyncio() const { return recorder != kForeignChrome; }
};

class Trace {
public:
    Trace() { sites.push_back({}); }

    TraceMetadata metadata;
    StringTable strings;
    std::vector<Site> sites;
    std::vector<AwaitInfo> awaits;
    std::vector<FrameInfo> frames;
    std::vector<BlockInfo> blocks;
    std::vector<TaskRecord, RecordAllocator<TaskRecord>> tasks;
    // Where the recorder puts each task's first events; they stay valid as long as the trace.
    // (Move a task's events out of the trace only together with the trace.)
    RecordArena<TraceEvent> eventArena;
    std::vector<Scope> scopes;
    std::vector<OutputLine> output;
    std::vector<NeverAwaited> neverAwaited;
    std::vector<UnretrievedError> unretrievedErrors;
    std::vector<PendingAtExit> pendingAtExit;
    std::vector<ScriptError> scriptErrors;
    std::vector<LoopQueueEntry> loopQueues;

    std::string_view str(StringId id) const { return strings.view(id); }
    // The task's name as asyncio reports it: the given name, else "Task-N".
    std::string taskName(TaskId task) const;
    std::size_t eventCount() const;
    // Whether an event loop ran: false for a plain script, whose one lane is its top level
    // (TaskKind::Main), and for a trace with no lanes at all.
    bool hasEventLoop() const { return !tasks.empty() && tasks.front().kind != TaskKind::Main; }
    // The earliest and latest time of anything recorded (0, 0 for an empty trace).
    TimeNs startTime() const;
    TimeNs endTime() const;
};

// Time queries over any time-sorted array of records with a `time` member.
// firstIndex: the first record at or after t, or size() if there is none.
// lastIndex:  the last record at or before t, or size() if there is none.
template <class Records>
std::size_t firstIndex(const Records& records, TimeNs t) {
    using Record = typename Records::value_type;
    return static_cast<std::size_t>(std::lower_bound(records.begin(), records.end(), t,
                                                     [](const Record& r, TimeNs value) { return r.time < value; }) -
                                    records.begin());
}
template <class Records>
std::size_t lastIndex(const Records& records, TimeNs t) {
    using Record = typename Records::value_type;
    auto after = std::upper_bound(records.begin(), records.end(), t,
                                  [](TimeNs value, const Record& r) { return value < r.time; });
    return after == records.begin() ? records.size() : static_cast<std::size_t>(after - records.begin() - 1);
}

const char* toString(WaitKind kind);
const char* toString(EventKind kind);
const char* toString(TaskOutcome outcome);
const char* toString(BlockKind kind);
const char* toString(ScopeKind kind);
const char* toString(TaskKind kind);
const char* toString(LoopQueue queue);
const char* toString(OutputStream stream);

} // namespace awaitscope
