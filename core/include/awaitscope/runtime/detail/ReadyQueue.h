#pragma once

#include "awaitscope/runtime/detail/Ref.h"
#include "awaitscope/trace/CallbackKind.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace awaitscope::detail {

// A cancellable handle's flag (asyncio's Handle.cancel()): a queued callback whose token
// was cancelled is skipped when its turn comes.
class CancelToken : public RefCounted {
public:
    bool cancelled = false;
};

// One callback in the ready queue or the timer heap. `run` is false when the callback is
// skipped (cancelled, or dropped at teardown), so the function can still release what it holds.
struct ReadyItem {
    using Fn = void (*)(void* self, void* arg, bool run);
    Fn fn = nullptr;
    void* self = nullptr;
    void* arg = nullptr;
    const bool* cancelled = nullptr;  // asyncio's Handle.cancel(): skipped if true when due
    RefCounted* owned = nullptr;      // a reference the loop drops after the call
    CallbackKind what = CallbackKind::Other;  // recorded with the loop's queues, never read to run it
    std::int64_t due = -1;            // for timer callbacks: the deadline it fired for

    bool isCancelled() const { return cancelled && *cancelled; }

    // Runs (or skips) the callback and drops what the item owned.
    void finish(bool run) const {
        fn(self, arg, run && !isCancelled());
        if (owned)
            owned->release();
    }
};

// FIFO ring buffer; asyncio's ready deque. Grows by doubling, never shrinks.
class ReadyQueue {
public:
    ReadyQueue() : items_(std::make_unique<ReadyItem[]>(kInitialCapacity)), mask_(kInitialCapacity - 1) {}
    ReadyQueue(const ReadyQueue&) = delete;
    ReadyQueue& operator=(const ReadyQueue&) = delete;

    bool empty() const { return head_ == tail_; }
    std::size_t size() const { return tail_ - head_; }

    void push(const ReadyItem& item) {
        if (size() == mask_ + 1)
            grow();
        items_[tail_++ & mask_] = item;
    }
    ReadyItem pop() { return items_[head_++ & mask_]; }
    const ReadyItem& front() const { return items_[head_ & mask_]; }
    void dropFront() { ++head_; }
    const ReadyItem& at(std::size_t index) const { return items_[(head_ + index) & mask_]; }

private:
    static constexpr std::size_t kInitialCapacity = 64;

    void grow() {
        const std::size_t capacity = (mask_ + 1) * 2;
        auto bigger = std::make_unique<ReadyItem[]>(capacity);
        const std::size_t count = size();
        for (std::size_t i = 0; i < count; ++i)
            bigger[i] = items_[(head_ + i) & mask_];
        items_ = std::move(bigger);
        mask_ = capacity - 1;
        head_ = 0;
        tail_ = count;
    }

    std::unique_ptr<ReadyItem[]> items_;
    std::size_t mask_;
    std::size_t head_ = 0;
    std::size_t tail_ = 0;
};

} // namespace awaitscope::detail
