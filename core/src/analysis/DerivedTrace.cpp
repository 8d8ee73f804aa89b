#include "awaitscope/analysis/DerivedTrace.h"

#include "awaitscope/analysis/TimeFormat.h"

#include <algorithm>
#include <future>

namespace awaitscope {

namespace {

bool stop(const std::atomic<bool>* cancelled) { return cancelled && cancelled->load(std::memory_order_relaxed); }

} // namespace

DerivedTrace::DerivedTrace(std::shared_ptr<const Trace> trace, const Options& options) : trace_(std::move(trace)) {
    build(options);
}

// Aliasing a trace that is not owned: an empty owner, so nothing is freed here.
DerivedTrace::DerivedTrace(const Trace& trace, const Options& options) : trace_(std::shared_ptr<const Trace>(), &trace) {
    build(options);
}

void DerivedTrace::build(const Options& options) {
    const Trace& t = *trace_;
    frozenThreshold_ = options.frozenThreshold;
    // Two halves that share nothing but the trace, at the same time: the playback order and
    // the counters that follow it, and the index with all that is worked out from it. (Where
    // no thread can be started, the first half runs here, after the second.)
    struct Ordered {
        PlaybackOrder order;
        LoopCounters counters;
    };
    std::future<Ordered> ordering = std::async(std::launch::async | std::launch::deferred, [&t, &options] {
        Ordered ordered{PlaybackOrder(t, options.cancelled), {}};
        if (ordered.order.complete() && !stop(options.cancelled))
            ordered.counters = loopCounters(t, ordered.order);
        return ordered;
    });
    index_ = TraceIndex(t);
    range_ = {index_.begin(), std::max(index_.end(), index_.begin() + 1000)};
    bool cancelled = stop(options.cancelled);
    if (!cancelled) {
        tree_ = TaskTree(t, index_);
        arrows_ = findWakeArrows(t, index_, tree_);
        cancelled = stop(options.cancelled);
    }
    if (!cancelled) {
        analysis_ = analyzeTimeline(t, index_, options.frozenThreshold);
        groups_ = CoroutineGroups(t, index_, tree_, analysis_.frozen, analysis_.diagnostics);
    }
    Ordered ordered = ordering.get();
    playback_ = std::move(ordered.order);
    analysis_.readyQueue = std::move(ordered.counters.readyQueue);
    analysis_.timers = std::move(ordered.counters.timers);
    complete_ = !cancelled && playback_.complete() && !stop(options.cancelled);
}

std::string DerivedTrace::coroutineName(TaskId task) const { return awaitscope::coroutineName(*trace_, task); }

std::string DerivedTrace::awaitDescription(AwaitId await) const { return awaitscope::awaitDescription(*trace_, await); }
std::string DerivedTrace::awaitPhrase(AwaitId await) const { return awaitscope::awaitPhrase(*trace_, await); }

SiteId DerivedTrace::siteOfSpan(TaskId task, std::size_t spanIndex) const {
    if (task >= trace_->tasks.size() || task >= index_.lanes().size())
        return kUnknownSite;
    const std::span<const Span> spans = index_.lane(task).spans;
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

} // namespace awaitscope
