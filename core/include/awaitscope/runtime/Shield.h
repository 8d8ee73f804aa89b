#pragma once

// asyncio.shield: an outer future that follows `inner`. Cancelling the outer one (or the
// task awaiting it) leaves the inner work running. A port of tasks.py's shield: each side
// watches the other through a done-callback; when the outer one is cancelled first, the
// inner one's outcome is marked retrieved so that no "never retrieved" warning follows.
#include "awaitscope/runtime/Task.h"

namespace awaitscope {

namespace detail {

// The inner future is not held: while it is pending, its callback holds the link and the link
// holds the outer future (a pending inner keeps the outer alive, as in asyncio). Holding the inner
// as well would make a cycle that an inner nobody else holds (it can never finish) never leaves.
template <class T>
struct ShieldLink final : RefCounted {
    FutureState* inner = nullptr;  // null once its callback ran or it was destroyed unfinished
    ValueSlot<T>* innerSlot = nullptr;
    Ref<FutureValue<T>> outer;

    // Each registered callback holds a reference, dropped when it runs or is removed.
    static void innerDone(void* self, void*, bool run) {
        Ref<ShieldLink> link(static_cast<ShieldLink*>(self));
        link->release();
        if (!run) {  // the inner future is going away unfinished: the outer can never follow it
            link->inner = nullptr;
            link->outer = nullptr;
            return;
        }
        // The inner callback has now run, and nothing holds the inner past this call: the
        // outer's callback (which may run later) must not look at it again.
        FutureState& in = *std::exchange(link->inner, nullptr);
        FutureValue<T>& out = *link->outer;
        if (out.cancelled()) {
            if (!in.cancelled())
                in.markRetrieved();
            return;
        }
        if (in.cancelled()) {
            out.cancel();
        } else if (std::exception_ptr error = in.exception()) {
            out.setException(std::move(error));
        } else {
            out.value = link->innerSlot->value;
            out.markFinished();
        }
    }
    static void outerDone(void* self, void*, bool run) {
        Ref<ShieldLink> link(static_cast<ShieldLink*>(self));
        link->release();
        if (!run || !link->inner || link->inner->done())
            return;
        for (std::size_t n = link->inner->removeDoneCallback(&ShieldLink::innerDone, link.get()); n > 0; --n)
            link->release();
    }
};

} // namespace detail

// A finished `inner` is handed back as it is, as asyncio does.
template <class T>
Future<T> shield(detail::FutureState& inner, detail::ValueSlot<T>& innerSlot) {
    if (inner.done())
        return Future<T>(&inner, &innerSlot);
    detail::Ref<detail::ShieldLink<T>> link(new detail::ShieldLink<T>);
    link->inner = &inner;
    link->innerSlot = &innerSlot;
    link->outer = new detail::FutureValue<T>(inner.loop(), WaitKind::Shield);
    link->addRef();
    inner.addDoneCallback({&detail::ShieldLink<T>::innerDone, link.get(), CallbackKind::ShieldLink});
    link->addRef();
    link->outer->addDoneCallback({&detail::ShieldLink<T>::outerDone, link.get(), CallbackKind::ShieldLink});
    return Future<T>(link->outer.get());
}

template <class T>
Future<T> shield(const TaskHandle<T>& task) {
    return shield<T>(*task.state(), *task.state());
}

template <class T>
Future<T> shield(const Future<T>& future) {
    return shield<T>(*future.state(), *future.slot());
}

} // namespace awaitscope
