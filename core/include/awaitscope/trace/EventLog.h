#pragma once

// Append-only storage for one task's events: a growable array of 16-byte records, like
// std::vector<TraceEvent>. Small arrays live on the heap; large ones (1 MiB and up) in their
// own mapping that grows by remapping pages instead of copying them, backed by transparent
// huge pages, so recording millions of events costs little more than writing them. Freed
// mappings are kept (up to 512 MiB) for the next recording, so that it does not pay for
// fresh pages again.
// Iterators are plain pointers.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

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

template <class T>
class AppendLog {
    static_assert(std::is_trivially_copyable_v<T>, "AppendLog moves its records with realloc");

public:
    using value_type = T;
    using size_type = std::size_t;
    using iterator = T*;
    using const_iterator = const T*;
    using reference = T&;
    using const_reference = const T&;

    AppendLog() = default;
    AppendLog(std::initializer_list<T> items) {
        reserve(items.size());
        for (const T& item : items)
            push_back(item);
    }
    AppendLog(const AppendLog& other) { assign(other.begin_, other.size()); }
    AppendLog(AppendLog&& other) noexcept { take(other); }
    AppendLog& operator=(const AppendLog& other) {
        if (this != &other)
            assign(other.begin_, other.size());
        return *this;
    }
    AppendLog& operator=(AppendLog&& other) noexcept {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    ~AppendLog() { release(); }

    // The hot path of recording: a compare, a store and an increment. The next lines are
    // fetched for writing a few records ahead, so that a long log's stores do not wait for memory.
    void push_back(const T& item) {
        if (end_ == limit_) [[unlikely]]
            grow(capacity() ? capacity() * 2 : 8, capacity() + 1);
        __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(end_) + kPrefetchBytes), 1);
        *end_++ = item;
    }
    template <class... Args>
    T& emplace_back(Args&&... args) {
        push_back(T{std::forward<Args>(args)...});
        return back();
    }
    void pop_back() { --end_; }
    void reserve(size_type capacity) {
        if (capacity > this->capacity())
            grow(capacity, capacity);
    }
    // Starts an empty log in `capacity` records of storage that someone else owns and keeps
    // alive longer than the log (a trace's arena). Outgrowing it moves the log to storage of its own.
    void useBorrowed(T* storage, size_type capacity) {
        release();
        begin_ = end_ = storage;
        limit_ = storage + capacity;
        storage_ = detail::Storage::Borrowed;
    }
    void resize(size_type size) {
        reserve(size);
        for (T* item = end_; item < begin_ + size; ++item)
            *item = T{};
        end_ = begin_ + size;
    }
    void clear() { end_ = begin_; }
    void shrink_to_fit() {
        if (end_ == limit_ || storage_ == detail::Storage::Borrowed)
            return;
        if (empty()) {
            release();
            return;
        }
        const size_type count = size();
        std::size_t bytes = count * sizeof(T);
        void* block = detail::resizeBlock(begin_, capacity() * sizeof(T), bytes, storage_);
        if (block)
            point(static_cast<T*>(block), count, count);
    }

    size_type size() const { return static_cast<size_type>(end_ - begin_); }
    size_type capacity() const { return static_cast<size_type>(limit_ - begin_); }
    bool empty() const { return end_ == begin_; }
    bool borrowed() const { return storage_ == detail::Storage::Borrowed; }
    T* data() { return begin_; }
    const T* data() const { return begin_; }
    T& operator[](size_type i) { return begin_[i]; }
    const T& operator[](size_type i) const { return begin_[i]; }
    T& front() { return *begin_; }
    const T& front() const { return *begin_; }
    T& back() { return end_[-1]; }
    const T& back() const { return end_[-1]; }
    T* begin() { return begin_; }
    T* end() { return end_; }
    const T* begin() const { return begin_; }
    const T* end() const { return end_; }

    friend bool operator==(const AppendLog& a, const AppendLog& b) {
        return a.size() == b.size() && (a.empty() || std::memcmp(a.begin_, b.begin_, a.size() * sizeof(T)) == 0);
    }

private:
    static constexpr std::size_t kPrefetchBytes = 256;

    void assign(const T* items, size_type count) {
        end_ = begin_;
        reserve(count);
        if (count)
            std::memcpy(begin_, items, count * sizeof(T));
        end_ = begin_ + count;
    }
    // To `capacity` records, or (growing a mapping in place) to no fewer than `least`.
    void grow(size_type capacity, size_type least) {
        const size_type count = size();
        std::size_t bytes = capacity * sizeof(T);
        void* block = detail::resizeBlock(begin_, this->capacity() * sizeof(T), bytes, storage_, least * sizeof(T));
        if (!block)
            throw std::bad_alloc();
        point(static_cast<T*>(block), count, bytes / sizeof(T));
    }
    void point(T* block, size_type count, size_type capacity) {
        begin_ = block;
        end_ = block + count;
        limit_ = block + capacity;
    }
    void take(AppendLog& other) {
        begin_ = std::exchange(other.begin_, nullptr);
        end_ = std::exchange(other.end_, nullptr);
        limit_ = std::exchange(other.limit_, nullptr);
        storage_ = std::exchange(other.storage_, detail::Storage::Heap);
    }
    void release() {
        detail::freeBlock(begin_, capacity() * sizeof(T), storage_);
        begin_ = end_ = limit_ = nullptr;
        storage_ = detail::Storage::Heap;
    }

    T* begin_ = nullptr;
    T* end_ = nullptr;
    T* limit_ = nullptr;
    detail::Storage storage_ = detail::Storage::Heap;
};

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

} // namespace awaitscope
