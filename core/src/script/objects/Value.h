#pragma once

// A script value: None, bool, int and float live inline in 16 bytes; everything else is a
// reference-counted heap object, ints too large for int64 included (objects/BigInt.h). Counting is not atomic: one interpreter runs on one thread.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace awaitscope::script {

class Heap;

enum class Kind : std::uint8_t {
    Str,
    Bytes,
    ByteArray,
    BigInt,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Slice,
    Cell,
    Function,
    Native,
    BoundMethod,
    Class,
    Instance,
    Module,
    Super,
    Iterator,
    Generator,
    AsyncGenerator,
    Coroutine,
    Task,
    Future,
    Sleep,
    Op,
    Runtime,
};

// Every heap object is linked into its interpreter's heap, so that objects kept alive only by
// reference cycles can be found and freed when the run ends.
struct HeapLink {
    HeapLink* prev = nullptr;
    HeapLink* next = nullptr;
};

class Object : public HeapLink {
public:
    explicit Object(Kind kind) : kind_(kind) {}
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    virtual ~Object() = default;

    Kind kind() const { return kind_; }
    std::uint32_t refs() const { return refs_; }
    void incref() noexcept { ++refs_; }
    void decref() noexcept {
        if (--refs_ == 0)
            release();
    }
    // Drops every reference this object holds (breaks cycles when a run ends).
    virtual void clearReferences() {}
    // Bytes this object holds, for the memory budget's census.
    virtual std::size_t footprint() const { return 64; }

private:
    friend class Heap;
    void release() noexcept;

    std::uint32_t refs_ = 0;
    Kind kind_;
    Heap* heap_ = nullptr;
};

class Value {
public:
    enum class Tag : std::uint8_t { Empty, None, Bool, Int, Float, Object };

    constexpr Value() noexcept : tag_(Tag::Empty), i_(0) {}
    Value(Object* object) noexcept : tag_(Tag::Object), o_(object) { object->incref(); }  // NOLINT: implicit
    Value(const Value& other) noexcept : tag_(other.tag_), i_(other.i_) {
        if (tag_ == Tag::Object)
            o_->incref();
    }
    Value(Value&& other) noexcept : tag_(other.tag_), i_(other.i_) { other.tag_ = Tag::Empty; }
    ~Value() {
        if (tag_ == Tag::Object)
            o_->decref();
    }
    Value& operator=(const Value& other) noexcept {
        Value copy(other);
        swap(copy);
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        Value moved(std::move(other));
        swap(moved);
        return *this;
    }
    void swap(Value& other) noexcept {
        std::swap(tag_, other.tag_);
        std::swap(i_, other.i_);
    }
    void clear() noexcept {
        if (tag_ == Tag::Object) {
            Object* object = o_;
            tag_ = Tag::Empty;
            object->decref();
        }
        tag_ = Tag::Empty;
    }

    static Value none() noexcept {
        Value v;
        v.tag_ = Tag::None;
        return v;
    }
    static Value boolean(bool b) noexcept {
        Value v;
        v.tag_ = Tag::Bool;
        v.i_ = b ? 1 : 0;
        return v;
    }
    static Value integer(std::int64_t i) noexcept {
        Value v;
        v.tag_ = Tag::Int;
        v.i_ = i;
        return v;
    }
    static Value real(double d) noexcept {
        Value v;
        v.tag_ = Tag::Float;
        v.d_ = d;
        return v;
    }

    Tag tag() const { return tag_; }
    bool empty() const { return tag_ == Tag::Empty; }
    bool isNone() const { return tag_ == Tag::None; }
    bool isBool() const { return tag_ == Tag::Bool; }
    bool isInt() const { return tag_ == Tag::Int; }
    bool isFloat() const { return tag_ == Tag::Float; }
    // int or bool (bool is a subclass of int)
    bool isIntLike() const { return tag_ == Tag::Int || tag_ == Tag::Bool; }
    bool isNumber() const { return tag_ == Tag::Int || tag_ == Tag::Bool || tag_ == Tag::Float; }
    // An int of any size: inline, or a big int object (never one that fits in int64).
    bool isBigInt() const { return is(Kind::BigInt); }
    bool isInteger() const { return isIntLike() || isBigInt(); }
    bool isObject() const { return tag_ == Tag::Object; }
    bool is(Kind kind) const { return tag_ == Tag::Object && o_->kind() == kind; }

    bool asBool() const { return i_ != 0; }
    std::int64_t asInt() const { return i_; }
    double asFloat() const { return d_; }
    // int, bool or float as a double
    double toDouble() const { return tag_ == Tag::Float ? d_ : static_cast<double>(i_); }
    Object* object() const { return o_; }
    template <class T>
    T* as() const {
        return static_cast<T*>(o_);
    }

    // Python's `is`.
    bool identical(const Value& other) const {
        if (tag_ != other.tag_)
            return false;
        if (tag_ == Tag::Float)
            return d_ == other.d_ || (d_ != d_ && other.d_ != other.d_);
        return i_ == other.i_;
    }

private:
    Tag tag_;
    union {
        std::int64_t i_;
        double d_;
        Object* o_;
    };
};

// The objects of one interpreter. Freeing is trampolined (a long chain of nested lists is
// freed in a loop, not by recursion) and the heap can sweep objects left in cycles.
class Heap {
public:
    Heap();
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;
    ~Heap();

    template <class T, class... Args>
    T* make(Args&&... args) {
        T* object = new T(std::forward<Args>(args)...);
        link(object);
        charge(static_cast<std::int64_t>(object->footprint()));
        return object;
    }

    std::size_t liveObjects() const { return live_; }
    // What is held, estimated cheaply: every object's footprint when made, growth charged by
    // the containers as they grow, footprints subtracted when freed. Growth that goes
    // uncharged makes it drift, so a census() gives the truth when it passes the budget, and
    // after every `budget` bytes allocated in all (grossBytes) whatever the estimate says.
    std::int64_t bytes() const { return bytes_ + transient_; }
    std::int64_t grossBytes() const { return gross_; }
    void charge(std::int64_t bytes) {
        bytes_ += bytes;
        gross_ += bytes;
    }
    // Memory held by C++ while it builds a value (a list being filled from an iterator):
    // counted by the budget though no object holds it yet.
    void holdTransient(std::int64_t delta) { transient_ += delta; }
    // Sums the footprint of every live object and restarts the estimate from there.
    std::int64_t census();

    // Clears the references of every live object, then frees them all (end of a run).
    void sweep();

private:
    friend class Object;
    void link(Object* object);
    void destroy(Object* object) noexcept;

    HeapLink ring_;
    std::size_t live_ = 0;
    std::int64_t bytes_ = 0;
    std::int64_t gross_ = 0;
    std::int64_t transient_ = 0;
    std::vector<Object*> pending_;
    bool draining_ = false;
};

} // namespace awaitscope::script
