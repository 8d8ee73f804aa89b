#pragma once

// Storage for many small records at once: the first records of thousands of logs in one
// bump-allocated block, and an allocator whose big blocks come from the kept pages.
#include "awaitscope/trace/memory/Pages.h"

#include <cstddef>
#include <new>
#include <utility>
#include <vector>

namespace awaitscope {

// Storage for many small logs at once: one bump-allocated block holds the first records of
// thousands of logs (useBorrowed), instead of a heap block each. The blocks come and go with
// the arena; a log that outgrows its share moves out, and its share stays unused.
// A copy starts empty: a copied log copies its records into storage of its own.
template <class T>
class RecordArena {
public:
    RecordArena() = default;
    RecordArena(const RecordArena&) noexcept {}
    RecordArena(RecordArena&& other) noexcept { take(other); }
    RecordArena& operator=(const RecordArena&) noexcept { return *this; }
    RecordArena& operator=(RecordArena&& other) noexcept {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    ~RecordArena() { release(); }

    // Room for `count` records (count is small: at most a block's size).
    T* take(std::size_t count) {
        if (count > left_) [[unlikely]]
            addBlock(count);
        T* share = next_;
        next_ += count;
        left_ -= count;
        handedOut_ += count;
        return share;
    }
    // Bytes handed out so far.
    std::size_t bytes() const { return handedOut_ * sizeof(T); }

private:
    static constexpr std::size_t kFirstBlockBytes = 64u << 10;
    static constexpr std::size_t kLargestBlockBytes = 32u << 20;
    struct Block {
        void* start;
        std::size_t bytes;
        detail::Storage storage;
    };

    void addBlock(std::size_t count) {
        const std::size_t last = blocks_.empty() ? kFirstBlockBytes / 2 : blocks_.back().bytes;
        std::size_t bytes = last * 2 < kLargestBlockBytes ? last * 2 : kLargestBlockBytes;
        if (bytes < count * sizeof(T))
            bytes = count * sizeof(T);
        detail::Storage storage = detail::Storage::Heap;
        void* start = detail::resizeBlock(nullptr, 0, bytes, storage);
        if (!start)
            throw std::bad_alloc();
        blocks_.push_back({start, bytes, storage});
        next_ = static_cast<T*>(start);
        left_ = bytes / sizeof(T);
    }
    void take(RecordArena& other) {
        blocks_ = std::move(other.blocks_);
        other.blocks_.clear();
        next_ = std::exchange(other.next_, nullptr);
        left_ = std::exchange(other.left_, 0);
        handedOut_ = std::exchange(other.handedOut_, 0);
    }
    void release() noexcept {
        for (const Block& block : blocks_)
            detail::freeBlock(block.start, block.bytes, block.storage);
        blocks_.clear();
        next_ = nullptr;
        left_ = handedOut_ = 0;
    }

    std::vector<Block> blocks_;
    T* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t handedOut_ = 0;
};

// For containers of records that grow large (a trace's tasks): big blocks come from the kept
// mappings, so that recording again does not pay for fresh pages again.
template <class T>
struct RecordAllocator {
    using value_type = T;
    RecordAllocator() = default;
    template <class U>
    RecordAllocator(const RecordAllocator<U>&) noexcept {}
    T* allocate(std::size_t count) {
        if (void* block = detail::allocateRecords(count * sizeof(T)))
            return static_cast<T*>(block);
        throw std::bad_alloc();
    }
    void deallocate(T* block, std::size_t count) noexcept { detail::freeRecords(block, count * sizeof(T)); }
    template <class U>
    friend bool operator==(const RecordAllocator&, const RecordAllocator<U>&) noexcept {
        return true;
    }
};

// A vector whose large blocks live in kept huge-page mappings: for the analysis' arrays of
// millions of items, which would otherwise fault in a 4 KiB page at a time on every build.
template <class T>
using RecordVector = std::vector<T, RecordAllocator<T>>;

} // namespace awaitscope
