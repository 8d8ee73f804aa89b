#include "awaitscope/analysis/CriticalPath.h"

#include "awaitscope/analysis/TimeFormat.h"

#include <algorithm>

namespace awaitscope {

TimeNs CriticalPath::total(SpanState state) const {
    TimeNs sum = 0;
    for (const CriticalSegment& segment : segments)
        if (segment.state == state)
            sum += segment.duration();
    return sum;
}

TimeNs CriticalPath::total() const {
    TimeNs sum = 0;
    for (const CriticalSegment& segment : segments)
        sum += segment.duration();
    return sum;
}

std::optional<std::size_t> CriticalPath::linkOf(TaskId task, TimeNs begin, TimeNs end) const {
    // Links follow one another in time without overlapping: the ones that meet the range are
    // a run found by binary search.
    auto it = std::partition_point(segments.begin(), segments.end(), [&](const CriticalSegment& s) { return s.end < begin; });
    const TimeNs middle = begin + (end - begin) / 2;
    std::optional<std::size_t> first;
    for (; it != segments.end() && it->begin <= end; ++it) {
        if (it->task != task)
            continue;
        const auto link = static_cast<std::size_t>(it - segments.begin());
        if (it->begin <= middle && middle < it->end)
            return link;
        if (!first)
            first = link;
    }
    return first;
}

namespace {

class PathWalker {
public:
    PathWalker(const Trace& trace, const TraceIndex& index) : trace_(trace), lanes_(index.lanes()) {
        children_.resize(lanes_.size());
        for (std::size_t i = 0; i < trace.tasks.size() && i < lanes_.size(); ++i) {
            const ScopeId scope = trace.tasks[i].scope;
            if (scope < trace.scopes.size() && trace.scopes[scope].owner < lanes_.size())
                children_[trace.scopes[scope].owner].push_back(static_cast<TaskId>(i));
        }
        // By finishing time, so the child that finished last before a wait ended is a binary search.
        for (std::vector<TaskId>& children : children_)
            std::stable_sort(children.begin(), children.end(),
                             [&](TaskId a, TaskId b) { return lanes_[a].end < lanes_[b].end; });
    }

    CriticalPath walk(TaskId task, TimeNs t) {
        // Every step moves to an earlier span or to another task at a time no later than now;
        // the budget stops a malformed trace from cycling between tasks at one instant.
        std::size_t budget = lanes_.size() + 16;
        for (const TaskLane& lane : lanes_)
            budget += lane.spans.size();
        while (budget-- > 0 && task < lanes_.size()) {
            const TaskLane& lane = lanes_[task];
            const auto& spans = lane.spans;
            // The last span that begins before t: what the task was doing just before t.
            const auto after = std::lower_bound(spans.begin(), spans.end(), t,
                                                [](const Span& s, TimeNs value) { return s.begin < value; });
            if (after == spans.begin()) {
                const TaskId parent = task < trace_.tasks.size() ? trace_.tasks[task].parent : kNoTask;
                if (parent >= lanes_.size() || parent == task)
                    break;
                t = std::min(t, lane.begin);
                task = parent;
                continue;
            }
            const std::size_t i = static_cast<std::size_t>(after - spans.begin()) - 1;
            const Span& span = spans[i];
            const TimeNs end = std::min(span.end, t);
            if (span.state != SpanState::Awaiting) {
                add(span.begin, end, task, span.state, span.kind);
                t = span.begin;
                continue;
            }
            const TaskId cause = causeOf(task, i);
            if (cause != kNoTask) {
                t = std::min(t, std::min(span.end, lanes_[cause].end));
                task = cause;
                continue;
            }
            add(span.begin, end, task, span.state, span.kind);  // a wait with no task behind it
            t = span.begin;
        }
        std::reverse(path_.segments.begin(), path_.segments.end());
        return std::move(path_);
    }

private:
    // The task whose work ended the await at spans[i], or kNoTask for a leaf wait.
    TaskId causeOf(TaskId task, std::size_t i) const {
        const auto& spans = lanes_[task].spans;
        const Span& span = spans[i];
        if (i + 1 < spans.size() && spans[i + 1].state == SpanState::Ready && spans[i + 1].begin == span.end) {
            const TaskId waker = spans[i + 1].ref;
            if (waker < lanes_.size() && waker != task)
                return waker;
        }
        if (span.ref < trace_.awaits.size()) {
            const TaskId target = trace_.awaits[span.ref].target;
            if (target < lanes_.size() && target != task)
                return target;
        }
        if (span.kind == WaitKind::Gather || span.kind == WaitKind::TaskGroup) {
            // The child that finished last before the wait ended (and after it began).
            const std::vector<TaskId>& children = children_[task];
            auto after = std::upper_bound(children.begin(), children.end(), span.end,
                                          [&](TimeNs t, TaskId child) { return t < lanes_[child].end; });
            while (after != children.begin()) {
                const TaskId child = *--after;
                if (lanes_[child].end < span.begin)
                    break;
                if (child != task)
                    return child;
            }
            return kNoTask;
        }
        return kNoTask;
    }

    void add(TimeNs begin, TimeNs end, TaskId task, SpanState state, WaitKind kind) {
        if (end <= begin)
            return;
        if (!path_.segments.empty()) {
            CriticalSegment& later = path_.segments.back();
            if (later.task == task && later.state == state && later.kind == kind && later.begin == end) {
                later.begin = begin;
                return;
            }
        }
        path_.segments.push_back({begin, end, task, state, kind});
    }

    const Trace& trace_;
    const std::vector<TaskLane>& lanes_;
    std::vector<std::vector<TaskId>> children_;
    CriticalPath path_;
};

} // namespace

CriticalPath findCriticalPath(const Trace& trace, const TraceIndex& index) {
    const auto& lanes = index.lanes();
    TaskId last = kNoTask;
    for (std::size_t i = 0; i < lanes.size() && i < trace.tasks.size(); ++i)
        if (trace.tasks[i].kind == TaskKind::Task && (last == kNoTask || lanes[i].end > lanes[last].end))
            last = static_cast<TaskId>(i);
    if (last == kNoTask)
        return {};
    return PathWalker(trace, index).walk(last, lanes[last].end);
}

namespace {

// The await a segment spent waiting in, or null when it is not an await the lane knows.
const Span* awaitOf(const TraceIndex& index, const CriticalSegment& segment) {
    if (segment.state != SpanState::Awaiting || segment.task >= index.lanes().size())
        return nullptr;
    // The middle: a zero-length step may begin where the link does.
    const Span* span = index.spanAt(segment.task, segment.begin + segment.duration() / 2);
    return span && span->state == SpanState::Awaiting ? span : nullptr;
}

std::string awaitSite(const Trace& trace, const Span& span) {
    return span.ref < trace.awaits.size() ? atLine(trace, trace.awaits[span.ref].site) : std::string();
}

// What a segment of the path is, in words: "running", "waiting for the loop", or the await.
std::string segmentText(const Trace& trace, const TraceIndex& index, const CriticalSegment& segment) {
    switch (segment.state) {
    case SpanState::Running: return "running";
    case SpanState::Ready: return "waiting for the loop";
    case SpanState::Awaiting: break;
    }
    const Span* span = awaitOf(index, segment);
    return span ? awaitPhrase(trace, span->ref) + awaitSite(trace, *span) : "awaiting";
}

} // namespace

std::vector<std::string> describeCriticalPath(const Trace& trace, const TraceIndex& index, const CriticalPath& path,
                                              const std::vector<FrozenStretch>& frozen) {
    std::vector<std::string> sentences;
    if (path.segments.empty())
        return sentences;
    // The tasks along the chain, each once per visit; a long chain keeps its two ends.
    std::vector<TaskId> chain;
    for (const CriticalSegment& segment : path.segments)
        if (chain.empty() || chain.back() != segment.task)
            chain.push_back(segment.task);
    constexpr std::size_t kNamed = 6;
    std::string names;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        if (chain.size() > kNamed && i == kNamed / 2) {
            names += " → … (" + std::to_string(chain.size() - kNamed) + " more)";
            i = chain.size() - kNamed / 2 - 1;
            continue;
        }
        names += (i ? " → " : "") + taskLabel(trace, chain[i]);
    }
    const TimeNs run = index.end() - index.begin();
    sentences.push_back("The run took " + plainDuration(run) + "; the chain of work and waiting that set it (" +
                        plainDuration(path.total()) + ") runs through " + names + ".");
    // The longest link: one segment, or the same await of one task over consecutive segments.
    const auto longest = std::max_element(path.segments.begin(), path.segments.end(),
                                          [](const CriticalSegment& a, const CriticalSegment& b) { return a.duration() < b.duration(); });
    std::string link = taskLabel(trace, longest->task) + "'s " + segmentText(trace, index, *longest);
    if (longest->state == SpanState::Ready) {
        link = taskLabel(trace, longest->task) + " waiting for the loop";
        // Most of that wait inside another task's freeze: the freeze is the link to shorten.
        for (const FrozenStretch& stretch : frozen) {
            const TimeNs overlap = std::min(stretch.end, longest->end) - std::max(stretch.begin, longest->begin);
            if (stretch.culprit != longest->task && overlap * 2 > longest->duration()) {
                link += ", frozen by " + taskLabel(trace, stretch.culprit) + "'s ";
                link += (stretch.block < trace.blocks.size() ? blockDescription(trace, stretch.block) : "long step") +
                        atLine(trace, stretch.site);
                break;
            }
        }
    }
    sentences.push_back("Its longest link is " + link + " (" + plainDuration(longest->duration()) +
                        "): each second taken off it takes up to a second off the run, until another chain is the longest.");
    return sentences;
}

std::string describeCriticalSegment(const Trace& trace, const TraceIndex& index, const CriticalSegment& segment) {
    const std::string task = taskLabel(trace, segment.task);
    switch (segment.state) {
    case SpanState::Running: return task + " runs";
    case SpanState::Ready: return task + " waits for the loop";
    case SpanState::Awaiting: break;
    }
    const Span* span = awaitOf(index, segment);
    if (!span)
        return task + " waits";
    // Another tool's trace has no awaits, only gaps between its slices ("idle").
    return task + (trace.metadata.fromAsyncio() ? " awaits " : " waits: ") + awaitDescription(trace, span->ref) +
           awaitSite(trace, *span);
}

} // namespace awaitscope
