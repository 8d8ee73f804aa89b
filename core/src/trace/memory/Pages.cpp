#include "awaitscope/trace/memory/Pages.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#if defined(__linux__)
#include <mutex>
#include <sys/mman.h>
#include <vector>
#endif

namespace awaitscope::detail {

namespace {

#if defined(__linux__)
constexpr std::size_t kMappedFrom = 1u << 20;  // below this, the heap is cheaper
constexpr std::size_t kHugePage = 2u << 20;

std::size_t roundUp(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

// Pages of mappings that were freed, kept for the next recording. A fresh mapping costs the
// kernel a fault and the zeroing of every page on first write, which is a third of what
// recording a long run costs; kept pages are written at memory speed. They are given back
// with MADV_FREE: the kernel reclaims them if it needs the memory, and until then they are
// reused as they are.
// A request is carved from the front of a kept range, so a log that grows finds the rest of
// that range right after its end and takes it without a system call.
class KeptPages {
public:
    static KeptPages& instance() {
        static KeptPages* kept = new KeptPages;  // never destroyed: logs may be freed at exit
        return *kept;
    }

    // `bytes` (a multiple of kHugePage) of kept pages, or null, for a new log. They are taken
    // where the log has the most room to grow in place: the front of a range, or the middle
    // of a range that a live log grows into (which leaves each of the two half the room).
    // Two logs growing at once would otherwise stand in each other's way: one carved right
    // after the other's start, the first must move (to fresh pages) the next time it grows.
    void* take(std::size_t bytes) {
        std::lock_guard lock(mutex_);
        Range* best = nullptr;
        std::size_t bestRoom = 0;
        for (Range& range : ranges_)
            if (const std::size_t room = roomFor(range); room >= bytes && room > bestRoom) {
                best = &range;
                bestRoom = room;
            }
        if (!best)
            return nullptr;
        if (best->grownInto) {
            // Split: the lower part stays the older log's room, the new log starts the upper part.
            const std::size_t lower = best->bytes - bestRoom;
            const Range upper{best->start + lower, bestRoom, false};
            best->bytes = lower;
            ranges_.push_back(upper);
            best = &ranges_.back();
        }
        return carve(*best, bytes);
    }

    // The kept pages from `start` on: `wanted` bytes of them, or as many as are kept there if
    // that is at least `least`. Returns how many were taken (0: none).
    std::size_t takeAt(char* start, std::size_t wanted, std::size_t least) {
        std::lock_guard lock(mutex_);
        for (Range& range : ranges_)
            if (range.start == start && range.bytes >= least) {
                const std::size_t taken = std::min(range.bytes, wanted);
                carve(range, taken);
                return taken;
            }
        return 0;
    }

    // Keeps the pages if there is room, else unmaps them.
    void give(char* start, std::size_t bytes) {
        {
            std::lock_guard lock(mutex_);
            if (total_ + bytes <= kLimit && ranges_.size() < kMaxRanges) {
                madvise(start, bytes, MADV_FREE);
                keep(start, bytes);
                total_ += bytes;
                return;
            }
        }
        munmap(start, bytes);
    }

    std::size_t bytes() {
        std::lock_guard lock(mutex_);
        return total_;
    }

private:
    static constexpr std::size_t kLimit = 512u << 20;
    static constexpr std::size_t kMaxRanges = 64;
    struct Range {
        char* start;
        std::size_t bytes;
        bool grownInto;  // it starts right after pages handed out: that log grows into it
    };

    // How much a new log taking pages from `range` could grow into.
    static std::size_t roomFor(const Range& range) {
        if (!range.grownInto)
            return range.bytes;
        return (range.bytes - range.bytes / 2) & ~(kHugePage - 1);  // the upper half, whole huge pages
    }

    // Joined with the kept ranges right before and after it: a log's storage freed in two
    // parts (the tail at shrink_to_fit, the rest later) is one range again.
    // The joined range is grown into if the range it starts with was.
    void keep(char* start, std::size_t bytes) {
        Range joined{start, bytes, false};
        for (std::size_t i = 0; i < ranges_.size();) {
            Range& range = ranges_[i];
            if (range.start + range.bytes == joined.start || joined.start + joined.bytes == range.start) {
                const bool grownInto = range.start < joined.start ? range.grownInto : joined.grownInto;
                joined = {std::min(range.start, joined.start), range.bytes + joined.bytes, grownInto};
                range = ranges_.back();
                ranges_.pop_back();
            } else {
                ++i;
            }
        }
        ranges_.push_back(joined);
    }

    // Hands out the front of `range`; what is left is the room of the log that took it.
    char* carve(Range& range, std::size_t bytes) {
        char* start = range.start;
        range.start += bytes;
        range.bytes -= bytes;
        range.grownInto = true;
        total_ -= bytes;
        if (range.bytes == 0) {
            range = ranges_.back();
            ranges_.pop_back();
        }
        return start;
    }

    std::mutex mutex_;
    std::vector<Range> ranges_;
    std::size_t total_ = 0;
};

#endif

} // namespace

void* newMapping(std::size_t& bytes) {
#if defined(__linux__)
    bytes = roundUp(bytes);
    if (void* kept = KeptPages::instance().take(bytes))
        return kept;
    void* fresh = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (fresh == MAP_FAILED)
        return nullptr;
    madvise(fresh, bytes, MADV_HUGEPAGE);
    return fresh;
#else
    return std::malloc(bytes);
#endif
}

std::size_t keptMappingBytes() {
#if defined(__linux__)
    return KeptPages::instance().bytes();
#else
    return 0;
#endif
}

void* allocateRecords(std::size_t bytes) {
    Storage storage = Storage::Heap;
    return resizeBlock(nullptr, 0, bytes, storage);
}

void freeRecords(void* block, std::size_t bytes) noexcept {
    // resizeBlock maps exactly the blocks of kMappedFrom bytes and up.
#if defined(__linux__)
    freeBlock(block, bytes, bytes >= kMappedFrom ? Storage::Mapped : Storage::Heap);
#else
    freeBlock(block, bytes, Storage::Heap);
#endif
}

void* resizeBlock(void* block, std::size_t oldBytes, std::size_t& newBytes, Storage& storage, std::size_t leastBytes) {
#if defined(__linux__)
    if (storage == Storage::Mapped) {
        char* start = static_cast<char*>(block);
        const std::size_t oldMapped = roundUp(oldBytes);
        const std::size_t newMapped = roundUp(newBytes);
        if (newMapped <= oldMapped) {
            if (newMapped < oldMapped)
                KeptPages::instance().give(start + newMapped, oldMapped - newMapped);
            return block;
        }
        newBytes = newMapped;  // growing: the whole mapping is usable
        // Growing in place by less than asked beats moving to fresh pages: two logs sharing
        // a kept range have room in halves, not in the powers of two that doubling asks for.
        const std::size_t least = leastBytes ? std::min(leastBytes, newBytes) : newBytes;
        const std::size_t leastMapped = std::max(roundUp(least), oldMapped + kHugePage);
        if (const std::size_t taken =
                KeptPages::instance().takeAt(start + oldMapped, newMapped - oldMapped, leastMapped - oldMapped)) {
            newBytes = oldMapped + taken;
            return block;
        }
        void* moved = mremap(block, oldMapped, newMapped, MREMAP_MAYMOVE);
        if (moved != MAP_FAILED)
            return moved;
        // The block spans mappings that mremap cannot move as one: copy it, below.
    }
    const bool toMapping = newBytes >= kMappedFrom;
#else
    const bool toMapping = false;
#endif
    if (storage == Storage::Heap && !toMapping)
        return std::realloc(block, newBytes);
    // Into storage of its own: out of borrowed storage, or into (another) mapping.
    std::size_t freshBytes = newBytes;
    void* fresh = toMapping ? newMapping(freshBytes) : std::malloc(freshBytes);
    if (!fresh)
        return nullptr;
    if (block)
        std::memcpy(fresh, block, oldBytes < newBytes ? oldBytes : newBytes);
    freeBlock(block, oldBytes, storage);
    newBytes = freshBytes;
    storage = toMapping ? Storage::Mapped : Storage::Heap;
    return fresh;
}

void freeBlock(void* block, std::size_t bytes, Storage storage) noexcept {
    if (!block || storage == Storage::Borrowed)
        return;
#if defined(__linux__)
    if (storage == Storage::Mapped) {
        KeptPages::instance().give(static_cast<char*>(block), roundUp(bytes));
        return;
    }
#endif
    (void)bytes;
    std::free(block);
}

} // namespace awaitscope::detail
