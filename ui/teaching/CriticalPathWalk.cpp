#include "teaching/CriticalPathWalk.h"

#include "model/CriticalPathText.h"

namespace awaitscope::ui {

CriticalPathWalk::CriticalPathWalk(TraceDocument* document, ViewState* viewState, QObject* parent)
    : QObject(parent), document_(document), view_(viewState) {
    connect(document_, &TraceDocument::documentChanged, this, [this] {
        end();
        findStops();
    });
    findStops();
    // Hiding the path ends the walk along it.
    connect(view_, &ViewState::criticalPathShownChanged, this, [this](bool shown) {
        if (!shown)
            end();
    });
}

void CriticalPathWalk::findStops() {
    stops_.clear();
    const auto& model = document_->model();
    if (!model)
        return;
    const CriticalPath& path = model->analysis().criticalPath;
    const double least = static_cast<double>(path.total()) * kMinStopShare;
    for (std::size_t i = 0; i < path.segments.size(); ++i)
        if (static_cast<double>(path.segments[i].duration()) >= least)
            stops_.push_back(i);
    if (stops_.empty())
        for (std::size_t i = 0; i < path.segments.size(); ++i)
            stops_.push_back(i);
}

QString CriticalPathWalk::linkText() const {
    const auto& model = document_->model();
    const std::optional<std::size_t> shown = link();
    if (!model || !shown)
        return {};
    return tr("Critical path, stop %1 of %2 (%3): %4")
        .arg(*stop_ + 1)
        .arg(stops().size())
        .arg(criticalLinkPlace(*model, *shown), criticalLinkText(*model, *shown));
}

void CriticalPathWalk::start() { goTo(0); }

void CriticalPathWalk::next() {
    if (!stop_)
        goTo(0);
    else if (hasNext())
        goTo(*stop_ + 1);
}

void CriticalPathWalk::previous() {
    const std::size_t count = stops().size();
    if (!stop_ && count > 0)
        goTo(count - 1);
    else if (hasPrevious())
        goTo(*stop_ - 1);
}

void CriticalPathWalk::goTo(std::size_t stop) {
    const auto& model = document_->model();
    const std::vector<std::size_t>& all = stops_;
    if (!model || stop >= all.size())
        return;
    const CriticalSegment& segment = model->analysis().criticalPath.segments[all[stop]];
    stop_ = stop;
    view_->setShowCriticalPath(true);
    // The span the link lies in, so Details says what the task was doing; its lane else.
    Selection selection = Selection::ofTask(segment.task);
    if (const Span* span = model->index().spanAt(segment.task, segment.begin + segment.duration() / 2))
        selection = Selection::of(SelectionKind::Span, segment.task,
                                  static_cast<std::uint32_t>(span - model->index().lane(segment.task).spans.data()));
    view_->select(selection);
    view_->zoomTo(TimeRange{segment.begin, segment.end});
    emit linkChanged(link());
}

void CriticalPathWalk::end() {
    if (!stop_)
        return;
    stop_.reset();
    emit linkChanged(std::nullopt);
}

} // namespace awaitscope::ui
