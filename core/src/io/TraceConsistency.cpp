#include "TraceConsistency.h"

#include <algorithm>
#include <array>
#include <string>

namespace awaitscope::detail {

namespace {

// The faults an event sequence can have, each reported once with a count and its first place.
enum class Fault : std::uint8_t {
    DoubleResume,
    SuspendNotRunning,
    FinishNotRunning,
    AfterFinish,
    ExitWithoutEnter,
    ExitOtherFrame,
    UnblockWithoutBlock,
};
constexpr std::size_t kFaultCount = 7;

constexpr const char* kFaultText[kFaultCount] = {
    "\"resume\" events while the task was already running (a resume without a suspend before it)",
    "\"suspend\" events while the task was not running (a suspend without a resume before it)",
    "\"finish\" events while the task was not running",
    "events after their task finished",
    "frame exits (\"exit\") without a matching \"enter\"",
    "frame exits (\"exit\") of a frame other than the innermost open one",
    "\"unblock\" events without a matching \"block\"",
};

class Faults {
public:
    void add(Fault fault, std::size_t task, std::size_t event) {
        Entry& entry = entries_[static_cast<std::size_t>(fault)];
        if (entry.count++ == 0) {
            entry.where = "tasks[" + std::to_string(task) + "].events[" + std::to_string(event) + "]";
            entry.order = next_++;
        }
    }
    // In the order the faults were first met.
    void appendTo(std::vector<LoadWarning>& warnings) const {
        std::vector<std::size_t> kinds;
        for (std::size_t kind = 0; kind < kFaultCount; ++kind)
            if (entries_[kind].count)
                kinds.push_back(kind);
        std::sort(kinds.begin(), kinds.end(),
                  [&](std::size_t a, std::size_t b) { return entries_[a].order < entries_[b].order; });
        for (std::size_t kind : kinds)
            warnings.push_back({kFaultText[kind], entries_[kind].where, entries_[kind].count});
    }

private:
    struct Entry {
        std::uint64_t count = 0;
        std::string where;
        std::size_t order = 0;
    };
    std::array<Entry, kFaultCount> entries_{};
    std::size_t next_ = 0;
};

void checkEvents(const Trace& trace, Faults& faults) {
    enum class State : std::uint8_t { NotStarted, Running, Suspended, Finished };
    std::vector<FrameId> frames;
    for (std::size_t t = 0; t < trace.tasks.size(); ++t) {
        const auto& events = trace.tasks[t].events;
        State state = State::NotStarted;
        frames.clear();
        std::size_t blocks = 0;
        for (std::size_t i = 0; i < events.size(); ++i) {
            const TraceEvent& e = events[i];
            if (state == State::Finished) {
                faults.add(Fault::AfterFinish, t, i);
                continue;
            }
            switch (e.kind) {
            case EventKind::Ready: break;
            case EventKind::Resume:
                if (state == State::Running)
                    faults.add(Fault::DoubleResume, t, i);
                state = State::Running;
                break;
            case EventKind::Suspend:
                if (state != State::Running)
                    faults.add(Fault::SuspendNotRunning, t, i);
                state = State::Suspended;
                break;
            case EventKind::Finish:
                if (state != State::Running)
                    faults.add(Fault::FinishNotRunning, t, i);
                state = State::Finished;
                break;
            case EventKind::FrameEnter: frames.push_back(e.ref); break;
            case EventKind::FrameExit:
                if (frames.empty()) {
                    faults.add(Fault::ExitWithoutEnter, t, i);
                } else {
                    if (frames.back() != e.ref)
                        faults.add(Fault::ExitOtherFrame, t, i);
                    frames.pop_back();
                }
                break;
            case EventKind::BlockBegin: ++blocks; break;
            case EventKind::BlockEnd:
                if (blocks == 0)
                    faults.add(Fault::UnblockWithoutBlock, t, i);
                else
                    --blocks;
                break;
            }
        }
    }
}

// Finds every cycle of parents and cuts it at its first task (in file order), which becomes a
// top-level task. Returns how many cycles there were and the first task cut.
std::size_t cutParentCycles(Trace& trace, std::size_t& firstCut) {
    const std::size_t count = trace.tasks.size();
    // 0: not seen, 1: on the walk now, 2: known to reach a root.
    std::vector<std::uint8_t> state(count, 0);
    std::vector<std::size_t> walk;
    std::size_t cycles = 0;
    for (std::size_t start = 0; start < count; ++start) {
        walk.clear();
        std::size_t task = start;
        while (task < count && state[task] == 0) {
            state[task] = 1;
            walk.push_back(task);
            task = trace.tasks[task].parent;
        }
        if (task < count && state[task] == 1) {
            // The walk came back to itself: the cycle is the part of the walk from `task` on.
            std::size_t first = task;
            for (auto it = walk.rbegin(); it != walk.rend() && *it != task; ++it)
                first = std::min(first, *it);
            if (cycles++ == 0)
                firstCut = first;
            trace.tasks[first].parent = kNoTask;
        }
        for (std::size_t member : walk)
            state[member] = 2;
    }
    return cycles;
}

} // namespace

std::vector<LoadWarning> checkConsistency(Trace& trace) {
    std::vector<LoadWarning> warnings;
    std::size_t firstCut = 0;
    if (const std::size_t cycles = cutParentCycles(trace, firstCut))
        warnings.push_back({"tasks were their own ancestors (parents in a cycle); the first task of each cycle is shown "
                            "as a top-level task",
                            "tasks[" + std::to_string(firstCut) + "].parent", cycles});
    Faults faults;
    checkEvents(trace, faults);
    faults.appendTo(warnings);
    return warnings;
}

} // namespace awaitscope::detail
