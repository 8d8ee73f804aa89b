#pragma once

// Append-only storage for one task's events: a growable array of 16-byte records, like
// std::vector<TraceEvent>, whose large arrays grow in place in kept pages (see Pages.h), so
// recording millions of events costs little more than writing them. It may also start in
// storage borrowed from a RecordArena. Iterators are plain pointers.
#include "awaitscope/trace/memory/Pages.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <utility>

namespace awaitscope {

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

} // namespace awaitscope
