#include "model/CausalOrder.h"

#include "model/TraceModel.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <string_view>

namespace awaitscope::ui {

namespace {

// A piece of one task's events at the instant: a whole step (resume .. suspend or finish),
// the end of a step that began earlier ("tail"), or a single event.
struct Unit {
    TaskId task = kNoTask;
    std::uint32_t first = 0;  // event indices into the task's vector, [first, last]
    std::uint32_t last = 0;
    enum class Kind : std::uint8_t { Step, Tail, Ready, Other } kind = Kind::Other;
    TaskId waker = kNoTask;       // Ready: the task whose unit woke it (if it runs at this instant)
    bool emitted = false;
    bool released = false;        // Ready: its waker has run; it may go as soon as it is next
    std::vector<std::size_t> wakes;  // Ready units this step or tail woke
};

Unit makeUnit(TaskId task, std::uint32_t first, std::uint32_t last, Unit::Kind kind) {
    Unit unit;
    unit.task = task;
    unit.first = first;
    unit.last = last;
    unit.kind = kind;
    return unit;
}

bool endsStep(EventKind kind) { return kind == EventKind::Suspend || kind == EventKind::Finish; }

class RunOrderer {
public:
    RunOrderer(const Trace& trace, EventRef* begin, EventRef* end) : trace_(trace), begin_(begin), end_(end) {}

    void reorder() {
        split();
        if (tasks_.size() < 2)
            return;
        attachWakeUps();
        seedQueue();
        std::vector<EventRef> out;
        out.reserve(static_cast<std::size_t>(end_ - begin_));
        auto emit = [&](Unit& unit) {
            unit.emitted = true;
            for (std::uint32_t i = unit.first; i <= unit.last; ++i)
                out.push_back({unit.task, i});
            ++next_[slot(unit.task)];
        };
        for (;;) {
            if (emitLoose(emit, queue_.empty()))
                continue;
            bool ran = false;
            while (!queue_.empty() && !ran) {
                const TaskId task = queue_.front();
                queue_.pop_front();
                Unit* unit = nextUnit(task);
                if (!unit || unit->kind != Unit::Kind::Step)
                    continue;
                runStep(*unit, emit);
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
                runStep(*forced, emit);
            else
                emit(*forced);
        }
        std::copy(out.begin(), out.end(), begin_);
    }

private:
    std::size_t slot(TaskId task) const {
        return static_cast<std::size_t>(std::lower_bound(tasks_.begin(), tasks_.end(), task) - tasks_.begin());
    }
    Unit* nextUnit(TaskId task) {
        const std::size_t s = slot(task);
        return next_[s] < unitsOf_[s].size() ? &units_[unitsOf_[s][next_[s]]] : nullptr;
    }
    const TraceEvent& event(TaskId task, std::uint32_t index) const { return trace_.tasks[task].events[index]; }

    void split() {
        for (EventRef* it = begin_; it != end_; ++it)
            tasks_.push_back(it->task);
        std::sort(tasks_.begin(), tasks_.end());
        tasks_.erase(std::unique(tasks_.begin(), tasks_.end()), tasks_.end());
        unitsOf_.resize(tasks_.size());
        next_.assign(tasks_.size(), 0);
        // The run keeps each task's events in their recorded order.
        std::vector<std::vector<std::uint32_t>> eventsOf(tasks_.size());
        for (EventRef* it = begin_; it != end_; ++it)
            eventsOf[slot(it->task)].push_back(it->index);
        for (std::size_t s = 0; s < tasks_.size(); ++s) {
            const TaskId task = tasks_[s];
            const auto& events = eventsOf[s];
            std::size_t i = 0;
            // A step that began before this instant and ends in it comes first.
            std::size_t tailEnd = 0;
            while (tailEnd < events.size() && event(task, events[tailEnd]).kind != EventKind::Resume &&
                   event(task, events[tailEnd]).kind != EventKind::Ready && !endsStep(event(task, events[tailEnd]).kind))
                ++tailEnd;
            if (tailEnd < events.size() && endsStep(event(task, events[tailEnd]).kind)) {
                add(s, makeUnit(task, events[0], events[tailEnd], Unit::Kind::Tail));
                i = tailEnd + 1;
            }
            while (i < events.size()) {
                const TraceEvent& e = event(task, events[i]);
                if (e.kind == EventKind::Resume) {
                    std::size_t j = i;
                    while (j + 1 < events.size() && !endsStep(event(task, events[j]).kind) &&
                           event(task, events[j + 1]).kind != EventKind::Resume)
                        ++j;
                    add(s, makeUnit(task, events[i], events[j], Unit::Kind::Step));
                    i = j + 1;
                } else {
                    Unit unit = makeUnit(task, events[i], events[i], e.kind == EventKind::Ready ? Unit::Kind::Ready : Unit::Kind::Other);
                    if (e.kind == EventKind::Ready)
                        unit.waker = e.ref;
                    add(s, std::move(unit));
                    ++i;
                }
            }
        }
    }

    void add(std::size_t s, Unit unit) {
        unitsOf_[s].push_back(units_.size());
        units_.push_back(std::move(unit));
    }

    // A Ready woken by a task that runs at this instant belongs to that task's first step.
    void attachWakeUps() {
        for (std::size_t u = 0; u < units_.size(); ++u) {
            Unit& unit = units_[u];
            if (unit.kind != Unit::Kind::Ready || unit.waker == unit.task || !std::binary_search(tasks_.begin(), tasks_.end(), unit.waker)) {
                unit.waker = kNoTask;
                continue;
            }
            Unit* owner = nullptr;
            for (std::size_t w : unitsOf_[slot(unit.waker)])
                if (units_[w].kind == Unit::Kind::Step || units_[w].kind == Unit::Kind::Tail) {
                    owner = &units_[w];
                    break;
                }
            if (owner)
                owner->wakes.push_back(u);
            else
                unit.waker = kNoTask;
        }
    }

    // Tasks already in the ready queue when the instant began, in the order they joined it.
    void seedQueue() {
        std::vector<std::pair<TimeNs, TaskId>> waiting;
        for (std::size_t s = 0; s < tasks_.size(); ++s) {
            const Unit& first = units_[unitsOf_[s].front()];
            if (first.kind != Unit::Kind::Step)
                continue;
            const TaskId task = tasks_[s];
            const TimeNs joined = first.first > 0 ? event(task, first.first - 1).time : trace_.tasks[task].created;
            waiting.emplace_back(joined, task);
        }
        std::stable_sort(waiting.begin(), waiting.end());
        for (const auto& [time, task] : waiting)
            queue_.push_back(task);
    }

    template <class Emit>
    void runStep(Unit& unit, Emit& emit) {
        emit(unit);
        for (std::size_t w : unit.wakes) {
            Unit& ready = units_[w];
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
    template <class Emit>
    bool emitLoose(Emit& emit, bool queueEmpty) {
        for (TaskId task : tasks_)
            if (Unit* unit = nextUnit(task); unit && unit->kind == Unit::Kind::Tail) {
                runStep(*unit, emit);
                return true;
            }
        auto caused = [&](const Unit& unit) {
            const auto detail = event(unit.task, unit.first).detail;
            return detail != static_cast<std::uint8_t>(WaitKind::Timer) && detail != static_cast<std::uint8_t>(WaitKind::Start);
        };
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1 && !queueEmpty)
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
    EventRef* begin_;
    EventRef* end_;
    std::vector<TaskId> tasks_;                     // sorted
    std::vector<Unit> units_;
    std::vector<std::vector<std::size_t>> unitsOf_;  // per task slot, in order
    std::vector<std::size_t> next_;                  // per task slot: its next unit
    std::deque<TaskId> queue_;
};

} // namespace

void orderTiesCausally(const Trace& trace, std::vector<EventRef>& order) {
    auto timeOf = [&](const EventRef& ref) { return trace.tasks[ref.task].events[ref.index].time; };
    std::size_t i = 0;
    while (i < order.size()) {
        std::size_t j = i + 1;
        const TimeNs t = timeOf(order[i]);
        bool several = false;
        while (j < order.size() && timeOf(order[j]) == t) {
            several |= order[j].task != order[i].task;
            ++j;
        }
        if (several && j - i <= kMaxCausalRun)
            RunOrderer(trace, order.data() + i, order.data() + j).reorder();
        i = j;
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

std::vector<std::uint32_t> outputPositions(const Trace& trace, const std::vector<EventRef>& order) {
    std::vector<std::uint32_t> positions;
    positions.reserve(trace.output.size());
    auto eventAt = [&](std::size_t p) -> const TraceEvent& { return trace.tasks[order[p].task].events[order[p].index]; };
    std::size_t from = 0;  // lines are in time order: each goes at or after the one before
    const OutputLine* previous = nullptr;
    std::size_t previousAt = 0;
    for (const OutputLine& line : trace.output) {
        // Not before anything earlier.
        while (from < order.size() && eventAt(from).time < line.time)
            ++from;
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

} // namespace awaitscope::ui
