#include "awaitscope/analysis/CausalOrder.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>

namespace awaitscope {

namespace {

// A piece of one task's events at the instant: a whole step (resume .. suspend or finish),
// the end of a step that began earlier ("tail"), or a single event.
struct Unit {
    TaskId task = kNoTask;
    std::uint32_t first = 0;  // event indices into the task's vector, [first, last]
    std::uint32_t last = 0;
    enum class Kind : std::uint8_t { Step, Tail, Ready, Other } kind = Kind::Other;
    TaskId waker = kNoTask;       // Ready: the task whose unit woke it (if it runs at this instant)
    bool released = false;        // Ready: its waker has run; it may go as soon as it is next
    std::uint32_t wakesBegin = 0;  // Step / Tail: [wakesBegin, wakesEnd) in wakeList_
    std::uint32_t wakesEnd = 0;
};

bool endsStep(EventKind kind) { return kind == EventKind::Suspend || kind == EventKind::Finish; }

// Most instants hold two or three events: an insertion sort there, which (unlike
// std::stable_sort) allocates nothing.
template <class T, class Less>
void stableSortSmall(std::vector<T>& items, Less less) {
    if (items.size() > 32) {
        std::stable_sort(items.begin(), items.end(), less);
        return;
    }
    for (std::size_t i = 1; i < items.size(); ++i)
        for (std::size_t j = i; j > 0 && less(items[j], items[j - 1]); --j)
            std::swap(items[j], items[j - 1]);
}

// Reorders runs one after another, keeping its buffers: most instants hold a handful of
// events, and a trace can have millions of them.
class RunOrderer {
public:
    explicit RunOrderer(const Trace& trace) : trace_(trace) {}

    void reorder(EventRef* begin, EventRef* end) {
        begin_ = begin;
        end_ = end;
        split();
        if (tasks_.size() < 2)
            return;
        attachWakeUps();
        seedQueue();
        out_.clear();
        for (;;) {
            if (emitLoose())
                continue;
            bool ran = false;
            while (queueHead_ < queue_.size() && !ran) {
                const TaskId task = queue_[queueHead_++];
                Unit* unit = nextUnit(task);
                if (!unit || unit->kind != Unit::Kind::Step)
                    continue;
                runStep(*unit);
                ran = true;
            }
            if (ran)
                continue;
            // Nothing is known to be ready: the lowest task with work left goes next.
            Unit* forced = nullptr;
            for (TaskId task : tasks_)
                if (Unit* unit = nextUnit(task); unit && (!forced || task < forced->task))
                    forced = unit;
            if (!forced)
                break;
            if (forced->kind == Unit::Kind::Step || forced->kind == Unit::Kind::Tail)
                runStep(*forced);
            else
                emit(*forced);
        }
        std::copy(out_.begin(), out_.end(), begin_);
    }

private:
    bool queueEmpty() const { return queueHead_ >= queue_.size(); }
    std::size_t slot(TaskId task) const {
        return static_cast<std::size_t>(std::lower_bound(tasks_.begin(), tasks_.end(), task) - tasks_.begin());
    }
    Unit* nextUnit(TaskId task) {
        const std::size_t s = slot(task);
        return next_[s] < unitsEnd_[s] ? &units_[next_[s]] : nullptr;
    }
    const TraceEvent& event(TaskId task, std::uint32_t index) const { return trace_.tasks[task].events[index]; }

    void emit(Unit& unit) {
        for (std::uint32_t i = unit.first; i <= unit.last; ++i)
            out_.push_back({unit.task, i});
        ++next_[slot(unit.task)];
    }

    void split() {
        // The run keeps each task's events in their recorded order: a stable sort by task
        // gives every task's events of this instant as one sequence.
        byTask_.assign(begin_, end_);
        stableSortSmall(byTask_, [](const EventRef& a, const EventRef& b) { return a.task < b.task; });
        tasks_.clear();
        units_.clear();
        next_.clear();
        unitsEnd_.clear();
        for (std::size_t from = 0; from < byTask_.size();) {
            const TaskId task = byTask_[from].task;
            std::size_t to = from;
            while (to < byTask_.size() && byTask_[to].task == task)
                ++to;
            tasks_.push_back(task);
            next_.push_back(units_.size());
            auto at = [&](std::size_t k) -> const TraceEvent& { return event(task, byTask_[k].index); };
            std::size_t i = from;
            // A step that began before this instant and ends in it comes first.
            std::size_t tailEnd = from;
            while (tailEnd < to && at(tailEnd).kind != EventKind::Resume && at(tailEnd).kind != EventKind::Ready && !endsStep(at(tailEnd).kind))
                ++tailEnd;
            if (tailEnd < to && endsStep(at(tailEnd).kind)) {
                add(task, byTask_[from].index, byTask_[tailEnd].index, Unit::Kind::Tail);
                i = tailEnd + 1;
            }
            while (i < to) {
                const TraceEvent& e = at(i);
                if (e.kind == EventKind::Resume) {
                    std::size_t j = i;
                    while (j + 1 < to && !endsStep(at(j).kind) && at(j + 1).kind != EventKind::Resume)
                        ++j;
                    add(task, byTask_[i].index, byTask_[j].index, Unit::Kind::Step);
                    i = j + 1;
                } else {
                    Unit& unit = add(task, byTask_[i].index, byTask_[i].index, e.kind == EventKind::Ready ? Unit::Kind::Ready : Unit::Kind::Other);
                    if (e.kind == EventKind::Ready)
                        unit.waker = e.ref;
                    ++i;
                }
            }
            unitsEnd_.push_back(units_.size());
            from = to;
        }
    }

    Unit& add(TaskId task, std::uint32_t first, std::uint32_t last, Unit::Kind kind) {
        Unit& unit = units_.emplace_back();
        unit.task = task;
        unit.first = first;
        unit.last = last;
        unit.kind = kind;
        return unit;
    }

    // A Ready woken by a task that runs at this instant belongs to that task's first step.
    void attachWakeUps() {
        wakePairs_.clear();
        for (std::size_t u = 0; u < units_.size(); ++u) {
            Unit& unit = units_[u];
            if (unit.kind != Unit::Kind::Ready)
                continue;
            std::size_t owner = units_.size();
            if (unit.waker != unit.task && std::binary_search(tasks_.begin(), tasks_.end(), unit.waker)) {
                const std::size_t s = slot(unit.waker);
                for (std::size_t w = next_[s]; w < unitsEnd_[s]; ++w)
                    if (units_[w].kind == Unit::Kind::Step || units_[w].kind == Unit::Kind::Tail) {
                        owner = w;
                        break;
                    }
            }
            if (owner == units_.size())
                unit.waker = kNoTask;
            else
                wakePairs_.emplace_back(static_cast<std::uint32_t>(owner), static_cast<std::uint32_t>(u));
        }
        stableSortSmall(wakePairs_, [](const auto& a, const auto& b) { return a.first < b.first; });
        wakeList_.clear();
        for (std::size_t k = 0; k < wakePairs_.size();) {
            const std::uint32_t owner = wakePairs_[k].first;
            units_[owner].wakesBegin = static_cast<std::uint32_t>(wakeList_.size());
            while (k < wakePairs_.size() && wakePairs_[k].first == owner)
                wakeList_.push_back(wakePairs_[k++].second);
            units_[owner].wakesEnd = static_cast<std::uint32_t>(wakeList_.size());
        }
    }

    // Tasks already in the ready queue when the instant began, in the order they joined it.
    void seedQueue() {
        queue_.clear();
        queueHead_ = 0;
        waiting_.clear();
        for (std::size_t s = 0; s < tasks_.size(); ++s) {
            const Unit& first = units_[next_[s]];
            if (first.kind != Unit::Kind::Step)
                continue;
            const TaskId task = tasks_[s];
            const TimeNs joined = first.first > 0 ? event(task, first.first - 1).time : trace_.tasks[task].created;
            waiting_.emplace_back(joined, task);
        }
        stableSortSmall(waiting_, std::less<>());
        for (const auto& [time, task] : waiting_)
            queue_.push_back(task);
    }

    void runStep(Unit& unit) {
        emit(unit);
        for (std::uint32_t k = unit.wakesBegin; k < unit.wakesEnd; ++k) {
            Unit& ready = units_[wakeList_[k]];
            ready.released = true;
            if (nextUnit(ready.task) == &ready) {
                emit(ready);
                queue_.push_back(ready.task);
            }
        }
        // asyncio.sleep(0): the task goes straight to the back of the queue, with no Ready event.
        const TraceEvent& last = event(unit.task, unit.last);
        if (last.kind == EventKind::Suspend && last.ref < trace_.awaits.size() && trace_.awaits[last.ref].kind == WaitKind::Yield)
            queue_.push_back(unit.task);
    }

    // Tails first, then single events that may go (a Ready only once its waker has run). A
    // Ready with no known waker other than a timer (a TaskGroup, gather or lock finishing)
    // was caused by a step of this instant: it waits until the queue has run dry.
    bool emitLoose() {
        for (TaskId task : tasks_)
            if (Unit* unit = nextUnit(task); unit && unit->kind == Unit::Kind::Tail) {
                runStep(*unit);
                return true;
            }
        auto caused = [&](const Unit& unit) {
            const auto detail = event(unit.task, unit.first).detail;
            return detail != static_cast<std::uint8_t>(WaitKind::Timer) && detail != static_cast<std::uint8_t>(WaitKind::Start);
        };
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1 && !queueEmpty())
                break;
            for (TaskId task : tasks_) {
                Unit* unit = nextUnit(task);
                if (!unit)
                    continue;
                if (unit->kind == Unit::Kind::Other) {
                    emit(*unit);
                    return true;
                }
                const bool free = unit->kind == Unit::Kind::Ready &&
                                  (unit->released || (unit->waker == kNoTask && (pass == 1 || !caused(*unit))));
                if (free) {
                    emit(*unit);
                    queue_.push_back(task);
                    return true;
                }
            }
        }
        return false;
    }

    const Trace& trace_;
    EventRef* begin_ = nullptr;
    EventRef* end_ = nullptr;
    std::vector<EventRef> byTask_;
    std::vector<TaskId> tasks_;            // sorted
    std::vector<Unit> units_;              // each task's units together, in its order
    std::vector<std::size_t> next_;        // per task slot: its next unit
    std::vector<std::size_t> unitsEnd_;    // per task slot: past its last unit
    std::vector<std::pair<std::uint32_t, std::uint32_t>> wakePairs_;
    std::vector<std::uint32_t> wakeList_;
    std::vector<std::pair<TimeNs, TaskId>> waiting_;
    std::vector<TaskId> queue_;            // FIFO from queueHead_
    std::size_t queueHead_ = 0;
    std::vector<EventRef> out_;
};

} // namespace

void orderTiesCausally(const Trace& trace, EventOrder& order, const std::vector<TieRun>& runs) {
    RunOrderer orderer(trace);
    // The events of an instant lie in as many tasks' vectors, each read a cache miss: those of
    // a few instants ahead are fetched while this one is ordered.
    constexpr std::size_t kAhead = 8;
    for (std::size_t k = 0; k < runs.size(); ++k) {
        if (k + 2 * kAhead < runs.size() && runs[k + 2 * kAhead].end <= order.size())
            for (std::size_t p = runs[k + 2 * kAhead].begin; p < runs[k + 2 * kAhead].end; ++p)
                prefetchTask(trace, order[p]);
        if (k + kAhead < runs.size() && runs[k + kAhead].end <= order.size())
            for (std::size_t p = runs[k + kAhead].begin; p < runs[k + kAhead].end; ++p)
                prefetchEvent(trace, order[p]);
        const TieRun& run = runs[k];
        if (run.end - run.begin <= kMaxCausalRun && run.end <= order.size())
            orderer.reorder(order.data() + run.begin, order.data() + run.end);
    }
}

namespace {

// Where a task is in its code, as far as its events tell: the function of its innermost
// frame, and whether it is inside a step.
struct CodePosition {
    std::string_view function;
    bool running = false;
    bool blocked = false;  // inside a blocking call: it prints nothing until it returns
};

std::string_view functionOf(const Trace& trace, SiteId site) {
    return site < trace.sites.size() ? trace.str(trace.sites[site].function) : std::string_view();
}

void apply(const Trace& trace, const TraceEvent& e, CodePosition& at) {
    switch (e.kind) {
    case EventKind::Resume: at.running = true; break;
    case EventKind::Suspend:
        at.running = false;
        if (e.ref < trace.awaits.size())
            at.function = functionOf(trace, trace.awaits[e.ref].site);
        break;
    case EventKind::Finish:
    case EventKind::Ready: at.running = false; break;
    case EventKind::BlockBegin: at.blocked = true; break;
    case EventKind::BlockEnd: at.blocked = false; break;
    case EventKind::FrameEnter:
        if (e.ref < trace.frames.size())
            at.function = trace.str(trace.frames[e.ref].name);
        break;
    case EventKind::FrameExit:
        if (e.ref < trace.frames.size())
            at.function = functionOf(trace, trace.frames[e.ref].callSite);
        break;
    default: break;
    }
}

// The task's position just before its event `index`, from the events before it.
CodePosition positionBefore(const Trace& trace, TaskId task, std::uint32_t index) {
    const auto& events = trace.tasks[task].events;
    CodePosition at;
    std::uint32_t from = index > 64 ? index - 64 : 0;
    for (std::uint32_t i = from; i < index; ++i)
        apply(trace, events[i], at);
    return at;
}

} // namespace

std::vector<std::uint32_t> outputPositions(const Trace& trace, const EventOrder& order) {
    std::vector<std::uint32_t> positions;
    positions.reserve(trace.output.size());
    auto eventAt = [&](std::size_t p) -> const TraceEvent& { return trace.tasks[order[p].task].events[order[p].index]; };
    std::size_t from = 0;  // lines are in time order: each goes at or after the one before
    const OutputLine* previous = nullptr;
    std::size_t previousAt = 0;
    for (const OutputLine& line : trace.output) {
        // Not before anything earlier (a binary search: the order is sorted by time).
        from = static_cast<std::size_t>(std::partition_point(order.begin() + static_cast<std::ptrdiff_t>(from), order.end(),
                                                             [&](const EventRef& r) { return trace.tasks[r.task].events[r.index].time < line.time; }) -
                                        order.begin());
        // The latest place it can go: before anything later, and before its task suspends,
        // finishes or blocks at that moment.
        std::size_t limit = from;
        while (limit < order.size()) {
            const TraceEvent& e = eventAt(limit);
            if (e.time > line.time)
                break;
            if (e.time == line.time && order[limit].task == line.task &&
                (endsStep(e.kind) || e.kind == EventKind::BlockBegin))
                break;
            ++limit;
        }
        // The earliest place in that window where the task runs inside the function that has
        // the print (a print of a line above the last one in the same function needs a new
        // call of it first).
        const std::string_view function = functionOf(trace, line.site);
        const bool needsNewCall = previous && previousAt == from && previous->task == line.task &&
                                  functionOf(trace, previous->site) == function && trace.sites[line.site].line <= trace.sites[previous->site].line;
        std::size_t chosen = limit;
        if (!function.empty() && line.task < trace.tasks.size()) {
            std::optional<CodePosition> at;
            bool entered = false;
            for (std::size_t p = from; p <= limit; ++p) {
                if (!at) {
                    // The task's position before the first of its events in the window.
                    std::size_t q = p;
                    while (q < limit && order[q].task != line.task)
                        ++q;
                    if (q < limit) {
                        at = positionBefore(trace, line.task, order[q].index);
                    } else {
                        // None of its events in the window: it is where its events up to here left it.
                        const auto& events = trace.tasks[line.task].events;
                        auto index = static_cast<std::uint32_t>(
                            std::partition_point(events.begin(), events.end(), [&](const TraceEvent& e) { return e.time < line.time; }) - events.begin());
                        for (std::size_t r = from; r-- > 0 && eventAt(r).time == line.time;)
                            index += order[r].task == line.task;
                        at = positionBefore(trace, line.task, index);
                    }
                }
                if (at->running && !at->blocked && at->function == function && (!needsNewCall || entered)) {
                    chosen = p;
                    break;
                }
                if (p < limit && order[p].task == line.task) {
                    const TraceEvent& e = eventAt(p);
                    apply(trace, e, *at);
                    entered |= e.kind == EventKind::FrameEnter;
                }
            }
        }
        positions.push_back(static_cast<std::uint32_t>(chosen));
        previous = &line;
        previousAt = chosen;
        from = chosen;
    }
    return positions;
}

} // namespace awaitscope
