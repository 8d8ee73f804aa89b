#include "awaitscope/analysis/LoopInsides.h"

#include <algorithm>

namespace awaitscope {

namespace {

bool finished(TaskPhase phase) { return phase == TaskPhase::Done || phase == TaskPhase::Failed || phase == TaskPhase::Cancelled; }

// The awaiting span of `task` that covers `time`: its end is when the task was woken, which
// for a timer is its deadline.
const Span* awaitingSpanAt(const DerivedTrace& model, TaskId task, TimeNs time) {
    const auto& spans = model.index().lane(task).spans;
    auto it = std::partition_point(spans.begin(), spans.end(), [&](const Span& s) { return s.begin <= time; });
    while (it != spans.begin()) {
        --it;
        if (it->state == SpanState::Awaiting && it->end >= time)
            return &*it;
        if (it->end < time)
            break;
    }
    return nullptr;
}

AwaitEdge edgeFor(const DerivedTrace& model, const PlayheadState& state, TaskId waiter, const TaskMoment& moment) {
    const Trace& trace = model.trace();
    const AwaitInfo& info = trace.awaits[moment.await];
    AwaitEdge edge;
    edge.waiter = waiter;
    edge.kind = info.kind;
    edge.line = info.site;
    edge.what = model.awaitDescription(moment.await);
    switch (info.kind) {
    case WaitKind::Task:
        if (info.target < trace.tasks.size())
            edge.targets.push_back(info.target);
        break;
    case WaitKind::Gather:
    case WaitKind::TaskGroup: {
        const ScopeKind wanted = info.kind == WaitKind::Gather ? ScopeKind::Gather : ScopeKind::TaskGroup;
        edge.what = info.kind == WaitKind::Gather ? "gather" : "TaskGroup";
        for (ScopeId scope = 0; scope < trace.scopes.size(); ++scope) {
            const Scope& s = trace.scopes[scope];
            if (s.owner != waiter || s.kind != wanted || s.begin > state.time() || (s.end != 0 && s.end < state.time()))
                continue;
            for (TaskId task : model.scopeTasks(scope))
                if (!finished(state.task(task).phase))
                    edge.targets.push_back(task);
        }
        break;
    }
    case WaitKind::Thread:
        for (TaskId child : model.children(waiter))
            if (trace.tasks[child].kind == TaskKind::Thread && state.task(child).phase == TaskPhase::Running)
                edge.targets.push_back(child);
        break;
    default: break;
    }
    return edge;
}

} // namespace

std::pair<std::size_t, std::size_t> recordedIterationAt(const Trace& trace, TimeNs time) {
    const auto& q = trace.loopQueues;
    const auto after = std::partition_point(q.begin(), q.end(), [&](const LoopQueueEntry& e) { return e.time <= time; });
    if (after == q.begin())
        return {0, 0};
    const std::uint32_t iteration = (after - 1)->iteration;
    const auto first = std::partition_point(q.begin(), after, [&](const LoopQueueEntry& e) { return e.iteration < iteration; });
    const auto last = std::partition_point(first, q.end(), [&](const LoopQueueEntry& e) { return e.iteration <= iteration; });
    return {static_cast<std::size_t>(first - q.begin()), static_cast<std::size_t>(last - q.begin())};
}

LoopInsides loopInsidesAt(const DerivedTrace& model, const PlayheadState& state) {
    const Trace& trace = model.trace();
    LoopInsides insides;
    insides.holder = state.holder();
    insides.holderLine = state.holderLine();
    insides.holderBlocking = insides.holder != kNoTask && state.task(insides.holder).phase == TaskPhase::Blocking;

    std::vector<std::pair<TimeNs, TaskId>> readyTasks;
    std::vector<QueuedCallback> timerTasks;
    for (TaskId task = 0; task < trace.tasks.size(); ++task) {
        if (trace.tasks[task].kind == TaskKind::Thread)
            continue;
        const TaskMoment moment = state.task(task);
        if (moment.phase == TaskPhase::Ready)
            readyTasks.emplace_back(moment.since, task);
        if (moment.phase != TaskPhase::Awaiting || moment.await >= trace.awaits.size())
            continue;
        if (trace.awaits[moment.await].kind == WaitKind::Timer) {
            const Span* span = awaitingSpanAt(model, task, state.time());
            timerTasks.push_back({task, span ? span->end : model.range().end, CallbackKind::TimerDue});
        } else if (insides.waits.size() < kMaxInsidesRows) {
            insides.waits.push_back(edgeFor(model, state, task, moment));
        }
    }

    if (!trace.loopQueues.empty()) {
        const auto [first, last] = recordedIterationAt(trace, state.time());
        insides.recorded = true;
        if (first < last) {
            insides.iteration = trace.loopQueues[first].iteration;
            insides.iterationTime = trace.loopQueues[first].time;
        }
        // The snapshot is from the iteration's start; a timer that fell due since (at once, or
        // while a step held the loop) has ended its task's sleep. asyncio keeps such a timer in
        // the heap until the loop gets control back, but the trace makes the task ready from
        // its deadline, as the lanes and the counters show it. So does this list: the timer
        // joins the ready queue's end, where the loop will put it (CPython's _run_once), with
        // its deadline; once its task has run and moved on, the entry is gone.
        std::vector<QueuedCallback> dueTimers;
        for (std::size_t i = first; i < last; ++i) {
            const LoopQueueEntry& e = trace.loopQueues[i];
            if (e.queue == LoopQueue::Ready) {
                insides.ready.push_back({e.task, 0, e.what});
                continue;
            }
            const TaskMoment moment = e.task < trace.tasks.size() ? state.task(e.task) : TaskMoment{TaskPhase::Awaiting};
            const TaskPhase phase = moment.phase;
            // Still asleep on the timer recorded (not on one it armed since the snapshot).
            const bool stillAsleep = phase == TaskPhase::Awaiting && moment.since <= e.time;
            if (e.due > state.time() || stillAsleep)
                insides.timers.push_back({e.task, e.due, e.what});
            else if (phase == TaskPhase::Ready || phase == TaskPhase::Running || phase == TaskPhase::Blocking)
                dueTimers.push_back({e.task, e.due, e.what});
        }
        insides.ready.insert(insides.ready.end(), dueTimers.begin(), dueTimers.end());
        return insides;
    }
    // No recorded queues: tasks that are ready, in the order they became ready (FIFO), and the
    // tasks sleeping on a timer, by the time they woke.
    std::stable_sort(readyTasks.begin(), readyTasks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [since, task] : readyTasks)
        insides.ready.push_back({task, 0, CallbackKind::TaskStep});
    std::stable_sort(timerTasks.begin(), timerTasks.end(), [](const QueuedCallback& a, const QueuedCallback& b) { return a.due < b.due; });
    insides.timers = std::move(timerTasks);
    return insides;
}

} // namespace awaitscope
