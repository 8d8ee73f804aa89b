#include "model/TraceModel.h"

#include "model/CausalOrder.h"

#include <algorithm>
#include <queue>

namespace awaitscope::ui {

namespace {

bool stop(const std::atomic<bool>* cancelled) { return cancelled && cancelled->load(std::memory_order_relaxed); }

} // namespace

TraceModel::TraceModel(std::shared_ptr<const Trace> trace, TimeNs frozenThreshold, const std::atomic<bool>* cancelled)
    : trace_(std::move(trace)), index_(*trace_) {
    const Trace& t = *trace_;
    const std::size_t taskCount = t.tasks.size();
    range_ = {index_.begin(), std::max(index_.end(), index_.begin() + 1000)};
    frozen_ = findFrozenStretches(t, index_, frozenThreshold);
    if ((cancelledEarly_ = stop(cancelled)))
        return;

    // The task tree. A child's sort key is the first sibling of its scope, so each TaskGroup
    // or gather keeps its tasks in adjacent rows (their bracket is then one vertical run).
    children_.resize(taskCount);
    scopeTasks_.resize(t.scopes.size());
    for (const TaskRecord& task : t.tasks) {
        if (task.scope < t.scopes.size())
            scopeTasks_[task.scope].push_back(task.id);
        if (task.parent < taskCount && task.parent != task.id)
            children_[task.parent].push_back(task.id);
        else
            roots_.push_back(task.id);
    }
    for (std::vector<TaskId>& kids : children_) {
        std::vector<std::pair<TaskId, TaskId>> keyed;  // (group key, task)
        std::vector<std::pair<ScopeId, TaskId>> firstOfScope;
        for (TaskId kid : kids) {
            const ScopeId scope = t.tasks[kid].scope;
            TaskId key = kid;
            if (scope != kNoScope) {
                auto found = std::find_if(firstOfScope.begin(), firstOfScope.end(), [&](const auto& p) { return p.first == scope; });
                if (found == firstOfScope.end())
                    firstOfScope.emplace_back(scope, kid);
                else
                    key = found->second;
            }
            keyed.emplace_back(key, kid);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t i = 0; i < kids.size(); ++i)
            kids[i] = keyed[i].second;
    }

    // Flame-chart levels, never-awaited markers and wake-up arrows, lane by lane.
    frameLevels_.resize(taskCount);
    neverAwaitedByTask_.resize(taskCount);
    for (TaskId task = 0; task < taskCount; ++task) {
        if (stop(cancelled)) {
            cancelledEarly_ = true;
            return;
        }
        const TaskLane& lane = index_.lane(task);
        auto& levels = frameLevels_[task];
        levels.resize(lane.frames.empty() ? 0 : lane.maxDepth + 1);
        for (std::size_t i = 0; i < lane.frames.size(); ++i) {
            const FrameSpan& frame = lane.frames[i];
            levels[frame.depth].push_back({frame.begin, frame.end, static_cast<std::uint32_t>(i)});
        }
        for (const Span& span : lane.spans) {
            if (span.state != SpanState::Ready)
                continue;
            TaskId waker = span.ref;
            if (span.kind == WaitKind::Thread && waker >= taskCount) {
                // to_thread: the worker lane that finished at this moment is the waker.
                for (TaskId child : children_[task]) {
                    const TaskLane& worker = index_.lane(child);
                    if (t.tasks[child].kind == TaskKind::Thread && worker.finished && worker.end == span.begin)
                        waker = child;
                }
            }
            if (waker >= taskCount || waker == task)
                continue;
            arrows_.push_back({span.begin, span.end, waker, task, span.kind});
            longestArrow_ = std::max(longestArrow_, span.end - span.begin);
        }
    }
    std::stable_sort(arrows_.begin(), arrows_.end(), [](const WakeArrow& a, const WakeArrow& b) { return a.cause < b.cause; });
    for (std::uint32_t i = 0; i < t.neverAwaited.size(); ++i) {
        const TaskId owner = t.neverAwaited[i].task;
        (owner < taskCount ? neverAwaitedByTask_[owner] : neverAwaitedOutside_).push_back(i);
    }
    auto byCreation = [&](std::uint32_t a, std::uint32_t b) { return t.neverAwaited[a].created < t.neverAwaited[b].created; };
    for (auto& list : neverAwaitedByTask_)
        std::stable_sort(list.begin(), list.end(), byCreation);
    std::stable_sort(neverAwaitedOutside_.begin(), neverAwaitedOutside_.end(), byCreation);

    readyQueue_ = buildReadyQueueSeries(t, index_);
    pendingTimers_ = buildPendingTimerSeries(t, index_);
    if ((cancelledEarly_ = stop(cancelled)))
        return;

    // A k-way merge of the per-task vectors (each already in time order).
    eventOrder_.reserve(t.eventCount());
    struct Head {
        TimeNs time;
        TaskId task;
        std::uint32_t index;
    };
    auto later = [](const Head& a, const Head& b) { return a.time != b.time ? a.time > b.time : a.task > b.task; };
    // Instants with events of several tasks, noted while merging (the times are at hand here).
    std::vector<TieRun> ties;
    std::size_t runBegin = 0;
    TimeNs runTime = INT64_MIN;
    TaskId runTask = kNoTask;
    bool runMixed = false;
    auto note = [&](TimeNs time, TaskId task) {
        if (time != runTime) {
            if (runMixed)
                ties.push_back({runBegin, eventOrder_.size()});
            runBegin = eventOrder_.size();
            runTime = time;
            runTask = task;
            runMixed = false;
        } else {
            runMixed |= task != runTask;
        }
    };
    std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
    for (const TaskRecord& task : t.tasks)
        if (!task.events.empty())
            heads.push({task.events.front().time, task.id, 0});
    while (!heads.empty()) {
        Head head = heads.top();
        heads.pop();
        const auto& events = t.tasks[head.task].events;
        // Take the run of this task's events that come before the next task's head.
        const TimeNs limit = heads.empty() ? INT64_MAX : heads.top().time;
        std::uint32_t i = head.index;
        do {
            note(events[i].time, head.task);
            eventOrder_.push_back({head.task, i});
            ++i;
        } while (i < events.size() && (events[i].time < limit || (!heads.empty() && events[i].time == limit && head.task < heads.top().task)));
        if (i < events.size())
            heads.push({events[i].time, head.task, i});
        if ((eventOrder_.size() & 0xFFFFF) == 0 && stop(cancelled)) {
            cancelledEarly_ = true;
            return;
        }
    }
    if (runMixed)
        ties.push_back({runBegin, eventOrder_.size()});
    orderTiesCausally(t, eventOrder_, ties);
    outputPositions_ = outputPositions(t, eventOrder_);
}

TraceModel::PlaybackItem TraceModel::playbackItem(std::size_t k) const {
    const std::size_t outputsBefore = outputsAmongFirst(k);
    if (outputsBefore < outputPositions_.size() && outputPositions_[outputsBefore] + outputsBefore == k) {
        const OutputLine& line = trace_->output[outputsBefore];
        return {line.time, line.task, true, static_cast<std::uint32_t>(outputsBefore)};
    }
    const EventRef ref = eventOrder_[k - outputsBefore];
    return {event(ref).time, ref.task, false, ref.index};
}

std::size_t TraceModel::outputsAmongFirst(std::size_t count) const {
    // Output i sits at merged position outputPositions_[i] + i, which strictly increases with i.
    std::size_t low = 0, high = outputPositions_.size();
    while (low < high) {
        const std::size_t mid = (low + high) / 2;
        if (outputPositions_[mid] + mid < count)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

std::size_t TraceModel::playbackCountAtOrBefore(TimeNs t) const {
    const auto events = std::partition_point(eventOrder_.begin(), eventOrder_.end(), [&](const EventRef& r) { return event(r).time <= t; });
    const auto& output = trace_->output;
    const auto lines = std::partition_point(output.begin(), output.end(), [&](const OutputLine& l) { return l.time <= t; });
    return static_cast<std::size_t>(events - eventOrder_.begin()) + static_cast<std::size_t>(lines - output.begin());
}

TaskId TraceModel::parentOf(TaskId task) const {
    const TaskId parent = task < trace_->tasks.size() ? trace_->tasks[task].parent : kNoTask;
    return parent < trace_->tasks.size() && parent != task ? parent : kNoTask;
}

std::string TraceModel::taskName(TaskId task) const { return trace_->taskName(task); }

std::string TraceModel::coroutineName(TaskId task) const {
    if (task >= trace_->tasks.size())
        return {};
    const FrameId frame = trace_->tasks[task].coroutine;
    return frame < trace_->frames.size() ? std::string(trace_->str(trace_->frames[frame].name)) : std::string();
}

std::string TraceModel::taskLabel(TaskId task) const {
    if (task >= trace_->tasks.size())
        return "?";
    const TaskRecord& record = trace_->tasks[task];
    const std::string name = taskName(task);
    const std::string coroutine = coroutineName(task);
    if (record.kind == TaskKind::Thread)
        return "thread · " + name;
    if (coroutine.empty() || coroutine == name)
        return name;
    return name + " · " + coroutine + "()";
}

std::string TraceModel::awaitDescription(AwaitId await) const {
    if (await >= trace_->awaits.size())
        return "something";
    const AwaitInfo& info = trace_->awaits[await];
    std::string what(trace_->str(info.what));
    if (info.kind == WaitKind::Task && info.target < trace_->tasks.size())
        return "task " + taskName(info.target);
    if (what.empty())
        what = toString(info.kind);
    return what;
}

SiteId TraceModel::siteOfSpan(TaskId task, std::size_t spanIndex) const {
    if (task >= trace_->tasks.size())
        return kUnknownSite;
    const std::vector<Span>& spans = index_.lane(task).spans;
    if (spanIndex >= spans.size())
        return trace_->tasks[task].createdAt;
    auto awaitSite = [&](const Span& span) {
        return span.ref < trace_->awaits.size() ? trace_->awaits[span.ref].site : kUnknownSite;
    };
    const Span& span = spans[spanIndex];
    switch (span.state) {
    case SpanState::Awaiting: return awaitSite(span);
    case SpanState::Running:  // the line the step ran up to: the await that ended it
        for (std::size_t i = spanIndex + 1; i < spans.size(); ++i)
            if (spans[i].state == SpanState::Awaiting)
                return awaitSite(spans[i]);
        break;
    case SpanState::Ready:  // the await it is coming back from
        for (std::size_t i = spanIndex; i-- > 0;)
            if (spans[i].state == SpanState::Awaiting)
                return awaitSite(spans[i]);
        break;
    }
    return trace_->tasks[task].createdAt;
}

} // namespace awaitscope::ui
