#pragma once

// Append-only storage for one task's events: a growable array of 16-byte records, like
// std::vector<TraceEvent>. Small arrays live on the heap; large ones (4 MiB and up) in their
// own mapping that grows by remapping pages instead of copying them, backed by transparent
// huge pages, so recording millions of events costs little more than writing them.
// Iterators are plain pointers.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <utility>

namespace awaitscope {

namespace detail {
// Moves a block to `newBytes` (contents kept up to the smaller size); null if out of memory.
// `mapped` tells, and is updated to tell, whether the block is a mapping of its own.
void* resizeBlock(void* block, std::size_t oldBytes, std::size_t newBytes, bool& mapped);
void freeBlock(void* block, std::size_t bytes, bool mapped) noexcept;
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
    AppendLog(const AppendLog& other) { assign(other.data_, other.size_); }
    AppendLog(AppendLog&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
          capacity_(std::exchange(other.capacity_, 0)), mapped_(std::exchange(other.mapped_, false)) {}
    AppendLog& operator=(const AppendLog& other) {
        if (this != &other)
            assign(other.data_, other.size_);
        return *this;
    }
    AppendLog& operator=(AppendLog&& other) noexcept {
        if (this != &other) {
            release();
            data_ = std::exchange(other.data_, nullptr);
            size_ = std::exchange(other.size_, 0);
            capacity_ = std::exchange(other.capacity_, 0);
            mapped_ = std::exchange(other.mapped_, false);
        }
        return *this;
    }
    ~AppendLog() { release(); }

    void push_back(const T& item) {
        if (size_ == capacity_)
            grow(capacity_ ? capacity_ * 2 : 8);
        data_[size_++] = item;
    }
    template <class... Args>
    T& emplace_back(Args&&... args) {
        push_back(T{std::forward<Args>(args)...});
        return back();
    }
    void pop_back() { --size_; }
    void reserve(size_type capacity) {
        if (capacity > capacity_)
            grow(capacity);
    }
    void resize(size_type size) {
        reserve(size);
        for (size_type i = size_; i < size; ++i)
            data_[i] = T{};
        size_ = size;
    }
    void clear() { size_ = 0; }
    void shrink_to_fit() {
        if (size_ == capacity_)
            return;
        if (size_ == 0) {
            release();
            return;
        }
        void* block = detail::resizeBlock(data_, capacity_ * sizeof(T), size_ * sizeof(T), mapped_);
        if (block) {
            data_ = static_cast<T*>(block);
            capacity_ = size_;
        }
    }

    size_type size() const { return size_; }
    size_type capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](size_type i) { return data_[i]; }
    const T& operator[](size_type i) const { return data_[i]; }
    T& front() { return data_[0]; }
    const T& front() const { return data_[0]; }
    T& back() { return data_[size_ - 1]; }
    const T& back() const { return data_[size_ - 1]; }
    T* begin() { return data_; }
    T* end() { return data_ + size_; }
    const T* begin() const { return data_; }
    const T* end() const { return data_ + size_; }

    friend bool operator==(const AppendLog& a, const AppendLog& b) {
        return a.size_ == b.size_ && (a.size_ == 0 || std::memcmp(a.data_, b.data_, a.size_ * sizeof(T)) == 0);
    }

private:
    void assign(const T* items, size_type count) {
        size_ = 0;
        reserve(count);
        if (count)
            std::memcpy(data_, items, count * sizeof(T));
        size_ = count;
    }
    void grow(size_type capacity) {
        void* block = detail::resizeBlock(data_, capacity_ * sizeof(T), capacity * sizeof(T), mapped_);
        if (!block)
            throw std::bad_alloc();
        data_ = static_cast<T*>(block);
        capacity_ = capacity;
    }
    void release() {
        detail::freeBlock(data_, capacity_ * sizeof(T), mapped_);
        data_ = nullptr;
        size_ = capacity_ = 0;
        mapped_ = false;
    }

    T* data_ = nullptr;
    size_type size_ = 0;
    size_type capacity_ = 0;
    bool mapped_ = false;  // the block is a mapping of its own, not heap memory
};

} // namespace awaitscope
