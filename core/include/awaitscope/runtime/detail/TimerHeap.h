#pragma once

// The timer heap: callbacks ordered by (deadline, insertion sequence), like asyncio's
// _scheduled. Keys are 16 bytes (deadline, then sequence and slot packed in one word) in a
// 4-ary heap, and the callbacks sit in a slot array, so a million timers sift cheaply.
#include "awaitscope/runtime/detail/ReadyQueue.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace awaitscope::detail {

class TimerHeap {
public:
    bool empty() const { return keys_.empty(); }
    std::size_t size() const { return keys_.size(); }
    std::int64_t nextDeadline() const { return keys_.front().deadline; }
    const ReadyItem& next() const { return slots_[slotOf(keys_.front())]; }

    void push(std::int64_t deadline, const ReadyItem& item);
    // Removes the earliest timer; its deadline is stored in item.due.
    ReadyItem pop();
    // Hands every timer to `visit` with its deadline, in deadline order (for inspection).
    template <class Visit>
    void forEachInOrder(Visit visit) const {
        std::vector<Key> ordered(keys_);
        std::sort(ordered.begin(), ordered.end());
        for (const Key& key : ordered)
            visit(key.deadline, slots_[slotOf(key)]);
    }
    // Hands every timer to `visit` and empties the heap (for teardown).
    template <class Visit>
    void drain(Visit visit) {
        for (const Key& key : keys_)
            visit(slots_[slotOf(key)]);
        keys_.clear();
        slots_.clear();
        freeSlots_.clear();
    }

private:
    struct Key {
        std::int64_t deadline;
        std::uint64_t order;  // sequence << kSlotBits | slot: comparing it compares the sequence
        bool operator<(const Key& other) const {
            return deadline != other.deadline ? deadline < other.deadline : order < other.order;
        }
    };
    static constexpr int kSlotBits = 24;
    static std::uint32_t slotOf(const Key& key) { return static_cast<std::uint32_t>(key.order & ((1u << kSlotBits) - 1)); }

    void siftUp(std::size_t index);
    void siftDown(std::size_t index);

    std::vector<Key> keys_;
    std::vector<ReadyItem> slots_;
    std::vector<std::uint32_t> freeSlots_;
    std::uint64_t sequence_ = 0;
};

} // namespace awaitscope::detail
