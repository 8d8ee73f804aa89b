#include "awaitscope/analysis/PlayheadState.h"

#include <algorithm>

namespace awaitscope {

namespace {

// Enough to find the holder's last item in any real step; a pathological instant falls back
// to the holder's last event.
constexpr std::size_t kMaxLookBack = 4096;

} // namespace

const char* toString(TaskPhase phase) {
    switch (phase) {
    case TaskPhase::NotCreated: return "not created yet";
    case TaskPhase::Ready: return "ready";
    case TaskPhase::Running: return "running";
    case TaskPhase::Blocking: return "blocking the loop";
    case TaskPhase::Awaiting: return "awaiting";
    case TaskPhase::Done: return "done";
    case TaskPhase::Failed: return "failed";
    case TaskPhase::Cancelled: return "cancelled";
    }
    return "?";
}

PlayheadState::PlayheadState(const DerivedTrace& model, TimeNs time, std::optional<std::size_t> step) : model_(model), time_(time) {
    applied_ = step ? std::min(*step, model.playbackLength()) : model.playbackCountAtOrBefore(time);
    printed_ = model.outputsAmongFirst(applied_);
    const auto& order = model.eventsInTimeOrder();
    const std::size_t eventsApplied = std::min(applied_ - printed_, order.size());
    const auto runBegin = std::partition_point(order.begin(), order.end(), [&](const EventRef& r) { return model.event(r).time < time_; });
    for (auto it = runBegin; it < order.begin() + static_cast<std::ptrdiff_t>(eventsApplied); ++it) {
        auto found = std::find_if(atInstant_.begin(), atInstant_.end(), [&](const auto& p) { return p.first == it->task; });
        if (found == atInstant_.end())
            atInstant_.emplace_back(it->task, it->index);
        else
            found->second = std::max(found->second, it->index);
    }
    std::sort(atInstant_.begin(), atInstant_.end());

    // The holder: the task of the last item if it still runs, else a loop slice at the playhead.
    const Trace& trace = model.trace();
    auto holds = [&](TaskId task) {
        if (task >= trace.tasks.size() || trace.tasks[task].kind == TaskKind::Thread)
            return false;
        const TaskPhase phase = this->task(task).phase;
        return phase == TaskPhase::Running || phase == TaskPhase::Blocking;
    };
    if (const auto last = lastItem(); last && holds(last->task))
        holder_ = last->task;
    if (holder_ == kNoTask) {
        const auto& slices = model.index().loopSlices();
        auto it = std::partition_point(slices.begin(), slices.end(), [&](const LoopSlice& s) { return s.begin <= time_; });
        for (int guard = 0; it != slices.begin() && guard < 256; ++guard) {
            --it;
            if (it->end < time_)
                break;
            if (holds(it->task)) {
                holder_ = it->task;
                break;
            }
        }
    }
    if (holder_ != kNoTask) {
        const std::size_t stop = applied_ > kMaxLookBack ? applied_ - kMaxLookBack : 0;
        for (std::size_t k = applied_; k-- > stop;) {
            const PlaybackItem item = model.playbackItem(k);
            if (item.task == holder_) {
                holderLine_ = siteOfItem(item);
                break;
            }
        }
        if (holderLine_ == kUnknownSite)
            if (const auto event = lastEvent(holder_))
                holderLine_ = siteOfItem({time_, holder_, false, *event});
    }
}

std::optional<PlaybackItem> PlayheadState::lastItem() const {
    if (applied_ == 0)
        return std::nullopt;
    return model_.playbackItem(applied_ - 1);
}

std::optional<std::uint32_t> PlayheadState::lastEvent(TaskId task) const {
    auto found = std::lower_bound(atInstant_.begin(), atInstant_.end(), std::make_pair(task, 0u));
    if (found != atInstant_.end() && found->first == task)
        return found->second;
    const auto& events = model_.trace().tasks[task].events;
    const auto before = std::partition_point(events.begin(), events.end(), [&](const TraceEvent& e) { return e.time < time_; });
    if (before == events.begin())
        return std::nullopt;
    return static_cast<std::uint32_t>(before - events.begin() - 1);
}

SiteId PlayheadState::lastAwaitSite(TaskId task, std::uint32_t before) const {
    const Trace& trace = model_.trace();
    const auto& events = trace.tasks[task].events;
    for (std::uint32_t i = before; i-- > 0;) {
        const TraceEvent& e = events[i];
        if (e.kind == EventKind::Suspend)
            return e.ref < trace.awaits.size() ? trace.awaits[e.ref].site : kUnknownSite;
        if (e.kind == EventKind::Resume && i + 1 < before)
            break;  // a step with no await before it: none to show
    }
    return kUnknownSite;
}

SiteId PlayheadState::siteOfItem(const PlaybackItem& item) const {
    const Trace& trace = model_.trace();
    if (item.output)
        return trace.output[item.index].site;
    const TraceEvent& e = trace.tasks[item.task].events[item.index];
    auto frameSite = [&](std::uint32_t frame, bool definition) {
        if (frame >= trace.frames.size())
            return kUnknownSite;
        const FrameInfo& info = trace.frames[frame];
        return definition && info.definition != kUnknownSite ? info.definition : info.callSite;
    };
    switch (e.kind) {
    case EventKind::Resume: {
        // It comes back at the await it left off at; a first step starts at the coroutine's def.
        const SiteId resumed = lastAwaitSite(item.task, item.index);
        return resumed != kUnknownSite ? resumed : frameSite(trace.tasks[item.task].coroutine, true);
    }
    case EventKind::FrameEnter: return frameSite(e.ref, true);
    case EventKind::FrameExit: return frameSite(e.ref, false);
    case EventKind::BlockBegin:
    case EventKind::BlockEnd: return e.ref < trace.blocks.size() ? trace.blocks[e.ref].site : kUnknownSite;
    case EventKind::Suspend: return e.ref < trace.awaits.size() ? trace.awaits[e.ref].site : kUnknownSite;
    case EventKind::Ready:
    case EventKind::Finish: return lastAwaitSite(item.task, item.index);
    }
    return kUnknownSite;
}

TaskMoment PlayheadState::task(TaskId task) const {
    TaskMoment moment;
    const Trace& trace = model_.trace();
    if (task >= trace.tasks.size())
        return moment;
    const auto last = lastEvent(task);
    if (!last) {
        // A task's first event is its creation (Ready); a trace without one counts it ready
        // from any moment after it was created.
        if (trace.tasks[task].created < time_) {
            moment.phase = TaskPhase::Ready;
            moment.since = trace.tasks[task].created;
        }
        return moment;
    }
    const TraceEvent& e = trace.tasks[task].events[*last];
    moment.since = e.time;
    switch (e.kind) {
    case EventKind::Ready:
        moment.phase = TaskPhase::Ready;
        moment.line = lastAwaitSite(task, *last);
        break;
    case EventKind::Suspend: {
        const bool yielded = e.ref < trace.awaits.size() && trace.awaits[e.ref].kind == WaitKind::Yield;
        moment.phase = yielded ? TaskPhase::Ready : TaskPhase::Awaiting;
        moment.await = e.ref;
        moment.line = e.ref < trace.awaits.size() ? trace.awaits[e.ref].site : kUnknownSite;
        break;
    }
    case EventKind::Finish:
        moment.phase = e.detail == static_cast<std::uint8_t>(TaskOutcome::Done)     ? TaskPhase::Done
                       : e.detail == static_cast<std::uint8_t>(TaskOutcome::Failed) ? TaskPhase::Failed
                                                                                    : TaskPhase::Cancelled;
        break;
    case EventKind::BlockBegin:
        moment.phase = TaskPhase::Blocking;
        moment.line = task == holder_ ? holderLine_ : siteOfItem({e.time, task, false, *last});
        break;
    default:
        moment.phase = TaskPhase::Running;
        moment.line = task == holder_ ? holderLine_ : siteOfItem({e.time, task, false, *last});
        break;
    }
    return moment;
}

} // namespace awaitscope
