#include "teaching/CriticalPathWalk.h"

#include "model/CriticalPathText.h"

namespace awaitscope::ui {

CriticalPathWalk::CriticalPathWalk(TraceDocument* document, ViewState* viewState, QObject* parent)
    : QObject(parent), document_(document), view_(viewState) {
    connect(document_, &TraceDocument::documentChanged, this, &CriticalPathWalk::stop);
    // Hiding the path ends the walk along it.
    connect(view_, &ViewState::criticalPathShownChanged, this, [this](bool shown) {
        if (!shown)
            stop();
    });
}

std::size_t CriticalPathWalk::linkCount() const {
    const auto& model = document_->model();
    return model ? model->analysis().criticalPath.segments.size() : 0;
}

QString CriticalPathWalk::linkText() const {
    const auto& model = document_->model();
    if (!model || !link_)
        return {};
    return tr("Critical path, %1: %2").arg(criticalLinkPlace(*model, *link_), criticalLinkText(*model, *link_));
}

void CriticalPathWalk::start() { goTo(0); }

void CriticalPathWalk::next() {
    if (!link_)
        goTo(0);
    else if (*link_ + 1 < linkCount())
        goTo(*link_ + 1);
}

void CriticalPathWalk::previous() {
    if (!link_ && linkCount() > 0)
        goTo(linkCount() - 1);
    else if (link_ && *link_ > 0)
        goTo(*link_ - 1);
}

void CriticalPathWalk::goTo(std::size_t link) {
    const auto& model = document_->model();
    if (!model || link >= linkCount())
        return;
    const CriticalSegment& segment = model->analysis().criticalPath.segments[link];
    link_ = link;
    view_->setShowCriticalPath(true);
    // The span the link lies in, so Details says what the task was doing; its lane else.
    Selection selection = Selection::ofTask(segment.task);
    if (const Span* span = model->index().spanAt(segment.task, segment.begin + segment.duration() / 2))
        selection = Selection::of(SelectionKind::Span, segment.task,
                                  static_cast<std::uint32_t>(span - model->index().lane(segment.task).spans.data()));
    view_->select(selection);
    view_->zoomTo(TimeRange{segment.begin, segment.end});
    emit linkChanged(link_);
}

void CriticalPathWalk::stop() {
    if (!link_)
        return;
    link_.reset();
    emit linkChanged(link_);
}

} // namespace awaitscope::ui
