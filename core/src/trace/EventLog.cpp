#include "awaitscope/trace/EventLog.h"

#include <cstdint>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace awaitscope::detail {

namespace {

#if defined(__linux__)
constexpr std::size_t kMappedFrom = 4u << 20;  // below this, the heap is cheaper
constexpr std::size_t kHugePage = 2u << 20;

std::size_t roundUp(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }
#endif

} // namespace

void* resizeBlock(void* block, std::size_t oldBytes, std::size_t newBytes, bool& mapped) {
#if defined(__linux__)
    if (mapped) {
        void* moved = mremap(block, roundUp(oldBytes), roundUp(newBytes), MREMAP_MAYMOVE);
        return moved == MAP_FAILED ? nullptr : moved;
    }
    if (newBytes >= kMappedFrom) {
        void* fresh = mmap(nullptr, roundUp(newBytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (fresh == MAP_FAILED)
            return nullptr;
        madvise(fresh, roundUp(newBytes), MADV_HUGEPAGE);
        if (block) {
            std::memcpy(fresh, block, oldBytes < newBytes ? oldBytes : newBytes);
            std::free(block);
        }
        mapped = true;
        return fresh;
    }
#else
    (void)oldBytes;
    (void)mapped;
#endif
    return std::realloc(block, newBytes);
}

void freeBlock(void* block, std::size_t bytes, bool mapped) noexcept {
    if (!block)
        return;
#if defined(__linux__)
    if (mapped) {
        munmap(block, roundUp(bytes));
        return;
    }
#else
    (void)bytes;
    (void)mapped;
#endif
    std::free(block);
}

} // namespace awaitscope::detail
