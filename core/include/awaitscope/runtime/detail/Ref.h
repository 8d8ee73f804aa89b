#pragma once

#include "awaitscope/runtime/detail/Pool.h"

#include <cstdint>
#include <utility>

namespace awaitscope::detail {

// Intrusive, single-threaded reference counting for futures and tasks: a future is shared
// by its creator, its awaiter, timers and queued callbacks, and must outlive all of them.
class RefCounted : public Pooled {
public:
    RefCounted() = default;
    RefCounted(const RefCounted&) = delete;
    RefCounted& operator=(const RefCounted&) = delete;
    virtual ~RefCounted() = default;

    void addRef() noexcept { ++refs_; }
    void release() noexcept {
        if (--refs_ == 0)
            delete this;
    }
    std::uint32_t refCount() const noexcept { return refs_; }

private:
    std::uint32_t refs_ = 0;
};

template <class T>
class Ref {
public:
    Ref() = default;
    Ref(T* object) noexcept : object_(object) {  // NOLINT: implicit by design, like a raw pointer
        if (object_)
            object_->addRef();
    }
    Ref(const Ref& other) noexcept : Ref(other.object_) {}
    Ref(Ref&& other) noexcept : object_(std::exchange(other.object_, nullptr)) {}
    template <class U>
    Ref(const Ref<U>& other) noexcept : Ref(static_cast<T*>(other.get())) {}
    ~Ref() { reset(); }
    Ref& operator=(Ref other) noexcept {
        std::swap(object_, other.object_);
        return *this;
    }

    void reset() noexcept {
        if (T* object = std::exchange(object_, nullptr))
            object->release();
    }
    T* get() const noexcept { return object_; }
    T* operator->() const noexcept { return object_; }
    T& operator*() const noexcept { return *object_; }
    explicit operator bool() const noexcept { return object_ != nullptr; }
    friend bool operator==(const Ref& a, const Ref& b) { return a.object_ == b.object_; }

private:
    T* object_ = nullptr;
};

} // namespace awaitscope::detail
