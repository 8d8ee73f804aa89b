#include "awaitscope/runtime/detail/TimerHeap.h"

#include "awaitscope/runtime/Errors.h"

namespace awaitscope::detail {

namespace {
constexpr std::size_t kArity = 4;
}

void TimerHeap::push(std::int64_t deadline, const ReadyItem& item) {
    std::uint32_t slot;
    if (!freeSlots_.empty()) {
        slot = freeSlots_.back();
        freeSlots_.pop_back();
        slots_[slot] = item;
    } else {
        if (slots_.size() >= (1u << kSlotBits))
            throw RuntimeError("more than 16 million timers armed at once");
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.push_back(item);
    }
    keys_.push_back({deadline, (sequence_++ << kSlotBits) | slot});
    siftUp(keys_.size() - 1);
}

ReadyItem TimerHeap::pop() {
    const Key top = keys_.front();
    const std::uint32_t slot = slotOf(top);
    ReadyItem item = slots_[slot];
    item.due = top.deadline;
    freeSlots_.push_back(slot);
    keys_.front() = keys_.back();
    keys_.pop_back();
    if (!keys_.empty())
        siftDown(0);
    return item;
}

void TimerHeap::siftUp(std::size_t index) {
    const Key moving = keys_[index];
    while (index > 0) {
        const std::size_t parent = (index - 1) / kArity;
        if (!(moving < keys_[parent]))
            break;
        keys_[index] = keys_[parent];
        index = parent;
    }
    keys_[index] = moving;
}

void TimerHeap::siftDown(std::size_t index) {
    const Key moving = keys_[index];
    const std::size_t count = keys_.size();
    while (true) {
        const std::size_t first = index * kArity + 1;
        if (first >= count)
            break;
        std::size_t best = first;
        const std::size_t last = std::min(first + kArity, count);
        for (std::size_t child = first + 1; child < last; ++child)
            if (keys_[child] < keys_[best])
                best = child;
        if (!(keys_[best] < moving))
            break;
        keys_[index] = keys_[best];
        index = best;
    }
    keys_[index] = moving;
}

} // namespace awaitscope::detail
