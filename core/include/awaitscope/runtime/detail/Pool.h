#pragma once

#include <cstddef>

namespace awaitscope::detail {

// A small-object allocator for coroutine frames, futures and tasks: per-thread free lists in
// 16-byte size classes, refilled from 64 KiB slabs. A runtime creating a million tasks spends
// most of its time in malloc otherwise. A block must be freed on the thread that allocated
// it, before that thread ends: each thread counts its live blocks and carves its slabs again
// from the start once none is left, and slabs go back to the system when their thread ends.
// A loop's frames, tasks and futures all die with its run, on its thread (to_thread's workers
// hand everything back to the loop thread). Sizes above 1 KiB use operator new.
void* poolAllocate(std::size_t size);
void poolFree(void* block, std::size_t size) noexcept;

// Gives a class pooled `new`/`delete` (sized delete finds the class of a derived object).
struct Pooled {
    static void* operator new(std::size_t size) { return poolAllocate(size); }
    static void operator delete(void* block, std::size_t size) noexcept { poolFree(block, size); }
};

} // namespace awaitscope::detail
