#include "awaitscope/trace/Trace.h"

#include <iterator>
#include <limits>

namespace awaitscope {

std::string Trace::taskName(TaskId task) const {
    if (task >= tasks.size())
        return "?";
    const TaskRecord& record = tasks[task];
    if (record.name != 0 || record.number == 0)
        return std::string(str(record.name));
    return "Task-" + std::to_string(record.number);
}

std::size_t Trace::eventCount() const {
    std::size_t count = 0;
    for (const TaskRecord& task : tasks)
        count += task.events.size();
    return count;
}

TimeNs Trace::startTime() const {
    TimeNs start = std::numeric_limits<TimeNs>::max();
    for (const TaskRecord& task : tasks) {
        start = std::min(start, task.created);
        if (!task.events.empty())
            start = std::min(start, task.events.front().time);
    }
    for (const OutputLine& line : output)
        start = std::min(start, line.time);
    return start == std::numeric_limits<TimeNs>::max() ? 0 : start;
}

TimeNs Trace::endTime() const {
    TimeNs end = std::numeric_limits<TimeNs>::min();
    for (const TaskRecord& task : tasks) {
        end = std::max(end, task.created);
        if (!task.events.empty())
            end = std::max(end, task.events.back().time);
    }
    for (const OutputLine& line : output)
        end = std::max(end, line.time);
    for (const NeverAwaited& n : neverAwaited)
        end = std::max(end, n.created);
    return end == std::numeric_limits<TimeNs>::min() ? 0 : end;
}

const char* toString(WaitKind kind) {
    switch (kind) {
    case WaitKind::None: return "none";
    case WaitKind::Start: return "start";
    case WaitKind::Yield: return "yield";
    case WaitKind::Timer: return "timer";
    case WaitKind::Task: return "task";
    case WaitKind::Gather: return "gather";
    case WaitKind::TaskGroup: return "taskgroup";
    case WaitKind::Event: return "event";
    case WaitKind::Lock: return "lock";
    case WaitKind::Semaphore: return "semaphore";
    case WaitKind::Queue: return "queue";
    case WaitKind::Thread: return "thread";
    case WaitKind::Future: return "future";
    case WaitKind::Cancel: return "cancel";
    case WaitKind::Condition: return "condition";
    case WaitKind::Wait: return "wait";
    case WaitKind::Shield: return "shield";
    case WaitKind::Stream: return "stream";
    }
    return "?";
}

const char* toString(EventKind kind) {
    switch (kind) {
    case EventKind::Ready: return "ready";
    case EventKind::Resume: return "resume";
    case EventKind::Suspend: return "suspend";
    case EventKind::Finish: return "finish";
    case EventKind::FrameEnter: return "enter";
    case EventKind::FrameExit: return "exit";
    case EventKind::BlockBegin: return "block";
    case EventKind::BlockEnd: return "unblock";
    }
    return "?";
}

const char* toString(TaskOutcome outcome) {
    switch (outcome) {
    case TaskOutcome::Done: return "done";
    case TaskOutcome::Failed: return "failed";
    case TaskOutcome::Cancelled: return "cancelled";
    }
    return "?";
}

const char* toString(BlockKind kind) {
    switch (kind) {
    case BlockKind::Sleep: return "sleep";
    case BlockKind::Network: return "network";
    case BlockKind::Cpu: return "cpu";
    }
    return "?";
}

const char* toString(OutputStream stream) { return stream == OutputStream::Stderr ? "stderr" : "stdout"; }

const char* toString(ScopeKind kind) {
    switch (kind) {
    case ScopeKind::TaskGroup: return "taskgroup";
    case ScopeKind::Gather: return "gather";
    case ScopeKind::WaitFor: return "wait_for";
    case ScopeKind::AsCompleted: return "as_completed";
    }
    return "?";
}

const char* toString(TaskKind kind) {
    switch (kind) {
    case TaskKind::Task: return "task";
    case TaskKind::Thread: return "thread";
    case TaskKind::Main: return "main";
    }
    return "?";
}

const char* toString(LoopQueue queue) { return queue == LoopQueue::Timer ? "timer" : "ready"; }

const char* toString(CallbackKind kind) {
    static constexpr const char* kNames[] = {"other",     "step",         "wakeup",       "timer",   "loopStop",
                                             "gather",    "taskGroup",    "wait",         "shield",  "timeout",
                                             "thread",    "program",      "asyncGenClose", "runCleanup",
                                             "streamIo"};
    static_assert(std::size(kNames) == kCallbackKindCount);
    const auto i = static_cast<std::size_t>(kind);
    return i < std::size(kNames) ? kNames[i] : "other";
}

} // namespace awaitscope
