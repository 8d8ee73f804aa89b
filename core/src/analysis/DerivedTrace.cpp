#include "awaitscope/analysis/DerivedTrace.h"

#include "awaitscope/analysis/TimeFormat.h"

#include <algorithm>

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
    index_ = TraceIndex(t);
    range_ = {index_.begin(), std::max(index_.end(), index_.begin() + 1000)};
    if (stop(options.cancelled))
        return;
    tree_ = TaskTree(t, index_);
    arrows_ = findWakeArrows(t, index_, tree_);
    if (stop(options.cancelled))
        return;
    playback_ = PlaybackOrder(t, options.cancelled);
    if (!playback_.complete() || stop(options.cancelled))
        return;
    analysis_ = analyzeTrace(t, index_, playback_, options.frozenThreshold);
    if (stop(options.cancelled))
        return;
    groups_ = CoroutineGroups(t, index_, tree_, analysis_.frozen, analysis_.diagnostics);
    complete_ = !stop(options.cancelled);
}

std::string DerivedTrace::coroutineName(TaskId task) const { return awaitscope::coroutineName(*trace_, task); }

std::string DerivedTrace::awaitDescription(AwaitId await) const { return awaitscope::awaitDescription(*trace_, await); }
std::string DerivedTrace::awaitPhrase(AwaitId await) const { return awaitscope::awaitPhrase(*trace_, await); }

SiteId DerivedTrace::siteOfSpan(TaskId task, std::size_t spanIndex) const {
    if (task >= trace_->tasks.size() || task >= index_.lanes().size())
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

} // namespace awaitscope
