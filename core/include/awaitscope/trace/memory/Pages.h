#pragma once

// The pages that a trace's records live in. Small blocks come from the heap; large ones
// (1 MiB and up) get a mapping of their own that grows by remapping pages instead of copying
// them, backed by transparent huge pages. Freed mappings are kept (up to 512 MiB) for the
// next recording, so that it does not pay for fresh pages again.
#include <cstddef>
#include <cstdint>

namespace awaitscope {

namespace detail {
// Where a block of records lives: on the heap, in a mapping of its own, or in storage that
// someone else owns (never freed here).
enum class Storage : std::uint8_t { Heap, Mapped, Borrowed };
// Moves a block to `newBytes` (contents kept up to the smaller size); null if out of memory.
// `storage` tells, and is updated to tell, where the block lives; a borrowed block is copied
// out, not freed. When growing into a mapping, `newBytes` becomes all the mapping holds; a
// mapping may grow in place by less than asked, to no less than `leastBytes` (0: all of it).
void* resizeBlock(void* block, std::size_t oldBytes, std::size_t& newBytes, Storage& storage,
                  std::size_t leastBytes = 0);
void freeBlock(void* block, std::size_t bytes, Storage storage) noexcept;
// A mapping of at least `bytes` (rounded up to huge pages; `bytes` becomes its size), taken
// from the kept ones when one is big enough; null if out of memory. Give it back with freeBlock.
void* newMapping(std::size_t& bytes);
// Bytes of freed mappings kept for reuse now.
std::size_t keptMappingBytes();
// A block for a container: on the heap when small, else a (kept) mapping. Free it with the
// same size.
void* allocateRecords(std::size_t bytes);
void freeRecords(void* block, std::size_t bytes) noexcept;
} // namespace detail

} // namespace awaitscope
