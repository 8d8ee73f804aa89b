#include "awaitscope/runtime/detail/Promise.h"

#include "awaitscope/runtime/Loop.h"

namespace awaitscope::detail {

PromiseBase::PromiseBase(const SourceLocation& definition_, bool visible_)
    : loop(Loop::current()), name(definition_.function), definition(definition_), visible(visible_) {
    ++liveCounts().frames;
    if (loop) {
        createdAt = loop->now();
        createdBy = loop->currentTaskId();
    }
}

PromiseBase::~PromiseBase() { --liveCounts().frames; }

void PromiseBase::enterFrame() {
    if (!visible || !task)
        return;
    Recorder* recorder = task->loop().recorder();
    if (!recorder)
        return;
    if (!frameKnown)
        frame = recorder->frame(name, definition, task->location);
    recorder->frameEnter(task->id(), task->loop().now(), frame);
    frameEntered = true;
}

void PromiseBase::exitFrame() {
    if (!frameEntered)
        return;
    if (Recorder* recorder = task->loop().recorder())
        recorder->frameExit(task->id(), task->loop().now(), frame);
}

void PromiseBase::dropped() {
    if (started || !visible || !loop)
        return;
    if (Recorder* recorder = loop->recorder())
        recorder->neverAwaited(createdAt, loop->now(), createdBy, name, creation.known() ? creation : definition);
}

} // namespace awaitscope::detail
