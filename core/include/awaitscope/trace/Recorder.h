#pragma once

// The recorder turns runtime happenings into a Trace as they occur. Appending an event is
// a bounds check and a 16-byte store; locations, awaits and frames are interned through
// small direct-mapped caches so that the hot path rarely touches a hash map.
#include "awaitscope/trace/SourceLocation.h"
#include "awaitscope/trace/Trace.h"

#include <array>
#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace awaitscope {

class Recorder {
public:
    explicit Recorder(Trace& trace);

    Trace& trace() { return trace_; }
    const Trace& trace() const { return trace_; }

    // Tasks. Ids are handed out in creation order: the returned id is tasks.size() before the call.
    // An empty name with a number stands for asyncio's "Task-<number>" (not interned).
    TaskId taskCreated(TaskId parent, TaskKind kind, std::string_view name, FrameId coroutine, SiteId createdAt,
                       TimeNs time, ScopeId scope = kNoScope, std::uint64_t number = 0);
    void setTaskName(TaskId task, std::string_view name);

    // A timer's deadline can lie before the task's own last event (the loop was frozen and
    // the task suspended late): the task cannot be ready before it suspended, so clamp.
    void ready(TaskId task, TimeNs time, WaitKind cause, TaskId waker) {
        const auto& events = trace_.tasks[task].events;
        if (!events.empty() && events.back().time > time)
            time = events.back().time;
        append(task, {time, EventKind::Ready, static_cast<std::uint8_t>(cause), 0, waker});
    }
    void resume(TaskId task, TimeNs time) { append(task, {time, EventKind::Resume, 0, 0, 0}); }
    void suspend(TaskId task, TimeNs time, AwaitId await) { append(task, {time, EventKind::Suspend, 0, 0, await}); }
    void finish(TaskId task, TimeNs time, TaskOutcome outcome, StringId text) {
        append(task, {time, EventKind::Finish, static_cast<std::uint8_t>(outcome), 0, text});
    }
    void frameEnter(TaskId task, TimeNs time, FrameId frame) { append(task, {time, EventKind::FrameEnter, 0, 0, frame}); }
    void frameExit(TaskId task, TimeNs time, FrameId frame) { append(task, {time, EventKind::FrameExit, 0, 0, frame}); }
    void blockBegin(TaskId task, TimeNs time, BlockId block) { append(task, {time, EventKind::BlockBegin, 0, 0, block}); }
    void blockEnd(TaskId task, TimeNs time, BlockId block) { append(task, {time, EventKind::BlockEnd, 0, 0, block}); }
    // A block found to have begun earlier (CPU work noticed once it ran long): the BlockBegin
    // goes in at `since`, after the task's events up to that time.
    void blockSince(TaskId task, TimeNs since, BlockId block);

    // Interning.
    StringId string(std::string_view text) { return trace_.strings.intern(text); }
    SiteId site(const SourceLocation& location);
    AwaitId await(const SourceLocation& location, WaitKind kind, std::string_view what, TaskId target = kNoTask);
    // The await a task suspends on, through a cache per task: a task usually suspends at the
    // same place again. `what` is compared by address (await labels are stable strings);
    // renaming a task, the one label that changes, makes every cached await stale.
    AwaitId taskAwait(TaskId task, const SourceLocation& location, WaitKind kind, std::string_view what, TaskId target);
    // asyncio.sleep(0), the hottest await, cached apart so that a loop alternating yields with
    // other awaits hits both.
    AwaitId taskYield(TaskId task, const SourceLocation& location);
    FrameId frame(std::string_view name, const SourceLocation& definition, const SourceLocation& callSite);
    BlockId block(const SourceLocation& location, BlockKind kind, std::string_view what);

    // The id the next taskCreated hands out (a recorder may continue a trace).
    TaskId nextTaskId() const { return static_cast<TaskId>(trace_.tasks.size()); }
    // Which clock the times are on: "virtual" or "wall".
    void setClock(std::string_view clock) { trace_.metadata.clock = std::string(clock); }
    // What waited in the loop's queues at one iteration (Loop Insides). Bounded: a long run
    // keeps its first queues rather than growing without limit; false once full.
    bool loopQueuesFull() const { return trace_.loopQueues.size() >= kMaxLoopQueueEntries; }
    void loopQueue(const LoopQueueEntry& entry) {
        if (!loopQueuesFull())
            trace_.loopQueues.push_back(entry);
    }

    // Scopes and diagnostics.
    ScopeId scopeBegin(ScopeKind kind, TaskId owner, const SourceLocation& location, TimeNs time);
    void scopeEnd(ScopeId scope, TimeNs time);
    void output(TimeNs time, TaskId task, const SourceLocation& location, std::string_view text,
                OutputStream stream = OutputStream::Stdout);
    void neverAwaited(TimeNs created, TimeNs dropped, TaskId task, std::string_view name, const SourceLocation& site);
    void unretrievedError(TimeNs time, TaskId task, std::string_view text);
    void pendingAtExit(TimeNs time, TaskId task);
    void scriptError(TimeNs time, TaskId task, const SourceLocation& location, std::string_view text);

    // The program's top level before any task exists (outside any event loop). Its blocking calls
    // are kept aside rather than given a lane at once: a program that goes on to asyncio.run
    // keeps "Task-1" as its first lane, as its picture has always shown.
    void topLevelBlock(TimeNs begin, TimeNs end, BlockId block) {
        topLevelBlocks_.push_back({begin, end, block});
        eventsRecorded_ += 2;  // a BlockBegin and a BlockEnd, once they have a lane
    }
    // At the end of a run: when the program never created a task, its top level becomes the one
    // lane (TaskKind::Main, named `name`), holding those blocking calls, its output and its
    // error, from 0 to `end`, ending as `outcome` (with `error`, the exception's line, when it
    // failed). Returns that lane, or kNoTask when tasks ran.
    TaskId mainProgramEnded(TimeNs end, std::string_view name, const SourceLocation& where, TaskOutcome outcome,
                            std::string_view error);

    // Bytes of recorded storage per event, counting event logs at their capacity and the
    // trace's arena at what it handed out.
    double bytesPerEvent() const;
    // Events appended so far: cheap to ask, for a run's memory budget.
    std::uint64_t eventsRecorded() const { return eventsRecorded_; }

private:
    static constexpr std::size_t kMaxLoopQueueEntries = 1'000'000;

    struct TopLevelBlock {
        TimeNs begin = 0;
        TimeNs end = 0;
        BlockId block = 0;
    };
    std::vector<TopLevelBlock> topLevelBlocks_;

    void append(TaskId task, const TraceEvent& event) {
        assert(taskRecords_ == trace_.tasks.data() && task < trace_.tasks.size());
        taskRecords_[task].events.push_back(event);
        ++eventsRecorded_;
    }

    struct SiteCacheEntry {
        const char* file = nullptr;
        const char* function = nullptr;
        std::uint32_t line = 0;
        std::uint32_t column = 0;
        SiteId id = 0;
    };
    struct AwaitCacheEntry {
        SiteId site = 0;
        WaitKind kind = WaitKind::None;
        StringId what = 0;  // compared by content: callers may pass short-lived strings
        TaskId target = kNoTask;
        AwaitId id = 0;
        bool used = false;
    };
    // One task's last await and last yield (taskAwait, taskYield).
    struct TaskAwaitCache {
        const char* file = nullptr;
        std::uint32_t line = 0;
        std::uint32_t column = 0;
        WaitKind kind = WaitKind::None;
        const char* what = nullptr;
        std::size_t whatSize = 0;
        TaskId target = kNoTask;
        std::uint64_t generation = 0;
        AwaitId id = 0;
        const char* yieldFile = nullptr;
        std::uint32_t yieldLine = 0;
        std::uint32_t yieldColumn = 0;
        AwaitId yieldId = 0;
    };
    TaskAwaitCache& taskCache(TaskId task) {
        if (task >= taskCaches_.size()) [[unlikely]]
            taskCaches_.resize(static_cast<std::size_t>(task) + 1);
        return taskCaches_[task];
    }
    struct FrameCacheEntry {
        FrameInfo key;
        FrameId id = 0;
        bool used = false;
    };
    struct SiteHash {
        std::size_t operator()(const Site& s) const;
    };
    struct AwaitHash {
        std::size_t operator()(const AwaitInfo& a) const;
    };
    struct FrameHash {
        std::size_t operator()(const FrameInfo& f) const;
    };
    struct BlockHash {
        std::size_t operator()(const BlockInfo& b) const;
    };

    Trace& trace_;
    // trace_.tasks.data(), one load nearer: only taskCreated adds tasks while recording.
    TaskRecord* taskRecords_;
    std::uint64_t eventsRecorded_ = 0;
    std::array<SiteCacheEntry, 512> siteCache_{};
    std::array<AwaitCacheEntry, 512> awaitCache_{};
    std::array<FrameCacheEntry, 512> frameCache_{};
    std::vector<TaskAwaitCache> taskCaches_;
    std::uint64_t labelGeneration_ = 1;  // renames so far, plus one (a fresh cache entry is stale)
    std::unordered_map<Site, SiteId, SiteHash> siteIndex_;
    std::unordered_map<AwaitInfo, AwaitId, AwaitHash> awaitIndex_;
    std::unordered_map<FrameInfo, FrameId, FrameHash> frameIndex_;
    std::unordered_map<BlockInfo, BlockId, BlockHash> blockIndex_;
};

} // namespace awaitscope
