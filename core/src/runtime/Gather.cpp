#include "awaitscope/runtime/Gather.h"

#include <algorithm>

namespace awaitscope::detail {

GatheringFuture::GatheringFuture(Loop& loop, bool returnExceptions, const SourceLocation& where)
    : FutureState(loop, WaitKind::Gather), returnExceptions_(returnExceptions) {
    if (Recorder* recorder = loop.recorder())
        scope_ = recorder->scopeBegin(ScopeKind::Gather, loop.currentTaskId(), where, loop.now());
}

void GatheringFuture::addChild(FutureState& child) {
    children_.push_back(&child);
    addRef();  // each pending child callback keeps the gather alive
    child.addDoneCallback({&GatheringFuture::childDone, this, CallbackKind::GatherChild});
}

void GatheringFuture::sealChildren() {
    if (children_.empty()) {
        collect();
        finish(nullptr);
    }
}

bool GatheringFuture::cancel(std::optional<std::string> message) {
    if (done())
        return false;
    bool cancelledAny = false;
    for (FutureState* child : children_)
        if (child && child->cancel(message))
            cancelledAny = true;
    if (cancelledAny)
        cancelRequested_ = true;
    return cancelledAny;
}

std::exception_ptr GatheringFuture::outcomeError(FutureState& child) {
    if (child.cancelled())
        return loop().exceptionPolicy().cancelled(child.cancelMessage().value_or(std::string()));
    return child.exception();
}

void GatheringFuture::childDone(void* self, void* future, bool run) {
    auto* outer = static_cast<GatheringFuture*>(self);
    auto* child = static_cast<FutureState*>(future);
    if (run) {
        outer->finishedChildren_.emplace_back(child);
        outer->onChildDone(*child);
    } else {
        std::replace(outer->children_.begin(), outer->children_.end(), child, static_cast<FutureState*>(nullptr));
    }
    outer->release();
}

void GatheringFuture::finish(std::exception_ptr error) {
    if (Recorder* recorder = loop().recorder())
        recorder->scopeEnd(scope_, loop().now());
    if (error)
        setException(std::move(error));
    else
        markFinished();
}

void GatheringFuture::onChildDone(FutureState& child) {
    ++finished_;
    if (done()) {
        if (!child.cancelled())
            child.markRetrieved();
        return;
    }
    if (!returnExceptions_) {
        if (child.cancelled()) {
            finish(child.makeCancelledError());
            return;
        }
        if (std::exception_ptr error = child.exception()) {
            finish(error);
            return;
        }
    }
    if (finished_ == children_.size()) {
        for (FutureState* each : children_)
            if (!each->cancelled())
                each->markRetrieved();
        if (cancelRequested_) {
            finish(child.makeCancelledError());
        } else {
            collect();
            finish(nullptr);
        }
    }
}

} // namespace awaitscope::detail
