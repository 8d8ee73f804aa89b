#pragma once

// The heap objects of the script language. They are plain data: each type's behaviour (its
// methods, operators and protocols) lives in its own file in objects/, registered in its
// class's TypeSlots, and runs with the interpreter of the current run.
#include "script/objects/HashTable.h"
#include "script/objects/SetTable.h"
#include "script/objects/Unicode.h"
#include "script/objects/Value.h"

#include <memory>
#include <string>
#include <vector>

namespace awaitscope::script {

struct CodeObject;
struct Frame;
struct TypeSlots;
class Interpreter;

struct StrObject final : Object {
    explicit StrObject(std::string text_) : Object(Kind::Str), text(std::move(text_)) {}
    std::string text;
    bool interned = false;
    std::size_t footprint() const override { return sizeof(StrObject) + text.capacity(); }

    std::size_t hash() const {
        if (!hashed_) {
            hash_ = hashBytes(text);
            hashed_ = true;
        }
        return hash_;
    }
    // Length in code points (the text is UTF-8).
    std::size_t length() const {
        if (length_ < 0)
            length_ = static_cast<std::int64_t>(countCodePoints(text));
        return static_cast<std::size_t>(length_);
    }
    bool ascii() const { return length() == text.size(); }
    // Grows the text in place: only for a string nothing else holds (`s += t` where `s` was
    // the only reference, as CPython does it), so that a growing string costs linear time.
    void append(std::string_view more) {
        text.append(more);
        hashed_ = false;
        length_ = -1;
    }

    static std::size_t hashBytes(const std::string& bytes);

private:
    mutable std::size_t hash_ = 0;
    mutable bool hashed_ = false;
    mutable std::int64_t length_ = -1;
};

// bytes and bytearray (objects/Bytes.cpp): the same struct, a Kind each; only a bytearray's
// data changes.
struct BytesObject final : Object {
    BytesObject(Kind kind_, std::string data_) : Object(kind_), data(std::move(data_)) {}
    std::string data;
    std::size_t footprint() const override { return sizeof(BytesObject) + data.capacity(); }
};

// An instance of a script class deriving from list, tuple or dict is that builtin's own object
// (so everything that takes a list, tuple or dict takes it), carrying its class and its
// attributes here (objects/Derived.cpp); a plain list, tuple or dict has none.
struct DerivedParts {
    Value cls;
    Value attrs;  // the instance's __dict__, made on first store
};

struct ListObject final : Object {
    ListObject() : Object(Kind::List) {}
    explicit ListObject(std::vector<Value> items_) : Object(Kind::List), items(std::move(items_)) {}
    std::vector<Value> items;
    std::unique_ptr<DerivedParts> derived;
    void clearReferences() override {
        std::vector<Value>().swap(items);
        derived.reset();
    }
    std::size_t footprint() const override { return sizeof(ListObject) + items.capacity() * sizeof(Value); }
};

struct TupleObject final : Object {
    TupleObject() : Object(Kind::Tuple) {}
    explicit TupleObject(std::vector<Value> items_) : Object(Kind::Tuple), items(std::move(items_)) {}
    std::vector<Value> items;
    std::unique_ptr<DerivedParts> derived;
    void clearReferences() override {
        std::vector<Value>().swap(items);
        derived.reset();
    }
    std::size_t footprint() const override { return sizeof(TupleObject) + items.capacity() * sizeof(Value); }
};

struct DictObject final : Object {
    DictObject() : Object(Kind::Dict) {}
    HashTable table;
    std::unique_ptr<DerivedParts> derived;
    void clearReferences() override {
        table.clear();
        derived.reset();
    }
    std::size_t footprint() const override { return sizeof(DictObject) + table.bytes(); }
};

// The class and attributes of an instance of a script class deriving from list, tuple or dict;
// null for a plain one and for every other value.
inline DerivedParts* derivedParts(const Value& v) {
    if (!v.isObject())
        return nullptr;
    switch (v.object()->kind()) {
    case Kind::List: return v.as<ListObject>()->derived.get();
    case Kind::Tuple: return v.as<TupleObject>()->derived.get();
    case Kind::Dict: return v.as<DictObject>()->derived.get();
    default: return nullptr;
    }
}

struct SetObject final : Object {
    SetObject() : Object(Kind::Set) {}
    SetTable table;
    bool frozen = false;  // a frozenset: no methods that change it, and hashable
    void clearReferences() override { table.clear(); }
    std::size_t footprint() const override { return sizeof(SetObject) + table.bytes(); }
};

// range (objects/Range.cpp). One whose bounds and length fit in int64 holds them inline, and the
// eval loop iterates it without a call; one past int64 (range(2**100)) holds ints of any size
// and is computed with GMP, as CPython's longrange_iterator is its range_iterator's slow twin.
struct RangeObject final : Object {
    RangeObject(std::int64_t start_, std::int64_t stop_, std::int64_t step_)
        : Object(Kind::Range), start(start_), stop(stop_), step(step_) {}
    RangeObject(Value start_, Value stop_, Value step_, Value length_)
        : Object(Kind::Range), bigStart(std::move(start_)), bigStop(std::move(stop_)), bigStep(std::move(step_)),
          bigLength(std::move(length_)) {}
    // The inline form; unused by a big range.
    std::int64_t start = 0, stop = 0, step = 1;
    // The big form (its length too may be past int64); empty in an inline range.
    Value bigStart, bigStop, bigStep, bigLength;
    bool big() const { return !bigLength.empty(); }
    // The inline form's length: the span is taken modulo 2**64, where it is exact.
    std::int64_t length() const {
        const auto span = [](std::int64_t from, std::int64_t to) {
            return static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from) - 1;
        };
        if (step > 0)
            return start < stop ? static_cast<std::int64_t>(span(start, stop) / static_cast<std::uint64_t>(step) + 1) : 0;
        return start > stop ? static_cast<std::int64_t>(span(stop, start) / (0 - static_cast<std::uint64_t>(step)) + 1) : 0;
    }
};

struct SliceObject final : Object {
    SliceObject(Value start_, Value stop_, Value step_)
        : Object(Kind::Slice), start(std::move(start_)), stop(std::move(stop_)), step(std::move(step_)) {}
    Value start, stop, step;
};

struct CellObject final : Object {
    CellObject() : Object(Kind::Cell) {}
    Value value;  // Empty while unbound
    void clearReferences() override { value.clear(); }
};

struct FunctionObject final : Object {
    FunctionObject() : Object(Kind::Function) {}
    CodeObject* code = nullptr;
    Value globals;                  // the module's dict
    std::vector<Value> defaults;    // for the last positional parameters
    std::vector<Value> kwDefaults;  // one per keyword-only parameter (Empty: required)
    std::vector<Value> closure;     // cells for the free variables
    Value definingClass;            // for zero-argument super()
    Value dict;                     // function attributes, made on demand
    void clearReferences() override {
        globals.clear();
        defaults.clear();
        kwDefaults.clear();
        closure.clear();
        definingClass.clear();
        dict.clear();
    }
};

struct CallArgs;
using NativeFn = Value (*)(Interpreter&, CallArgs&);

// A builtin function or a builtin method (then `self` is passed as the first argument).
struct NativeObject final : Object {
    NativeObject(NativeFn fn_, const char* name_, Value self_ = {}, Value data_ = {})
        : Object(Kind::Native), fn(fn_), name(name_), self(std::move(self_)), data(std::move(data_)) {}
    NativeFn fn;
    const char* name;
    Value self;  // bound receiver (Empty: a plain function)
    Value data;  // extra state a native may carry
    bool method = false;  // a method of a builtin type (its first argument is the receiver)
    bool specializedCall = false;  // CPython 3.11 calls it with an instruction of its own (list.append)
    void clearReferences() override {
        self.clear();
        data.clear();
    }
};

struct BoundMethodObject final : Object {
    BoundMethodObject(Value function_, Value self_)
        : Object(Kind::BoundMethod), function(std::move(function_)), self(std::move(self_)) {}
    Value function;
    Value self;
    void clearReferences() override {
        function.clear();
        self.clear();
    }
};

// What the builtin classes construct, and how values of builtin kinds find their class.
enum class BuiltinType : std::uint8_t {
    None,  // a class defined by a script
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Cell,
    Iterator,
    Generator,
    AsyncGenerator,
    Coroutine,
    Task,
    Future,
    Super,
    Runtime,
    Exception,  // BaseException and every class derived from it
};

struct ClassObject final : Object {
    ClassObject() : Object(Kind::Class) {}
    Value name;                 // str
    Value module;               // str, for repr
    std::vector<Value> bases;   // classes
    std::vector<Value> mro;     // this class first
    Value dict;                 // attributes
    BuiltinType builtin = BuiltinType::None;
    NativeFn construct = nullptr;  // builtin classes: called with the class as first argument
    const TypeSlots* slots = nullptr;  // never null: what values of this class do (objects/TypeSlots.h)
    bool isException = false;
    // A script class deriving from list, tuple or dict: that builtin, whose object its
    // instances are (objects/Derived.cpp). Null for every other class.
    ClassObject* storage = nullptr;
    Value annotationTexts;  // a script class's annotations as text, name -> str (dataclasses read them)
    void clearReferences() override {
        bases.clear();
        mro.clear();
        dict.clear();
        annotationTexts.clear();
    }
    const std::string& nameText() const;
};

// Where an exception passed: one line of a traceback.
struct TracebackEntry {
    const CodeObject* code = nullptr;
    std::uint32_t line = 0;
};

struct ExceptionData {
    Value args;  // tuple
    Value cause;
    Value context;
    bool suppressContext = false;  // `raise ... from ...` hides the context when printed
    std::vector<TracebackEntry> traceback;  // innermost first
    // ExceptionGroup
    Value message;     // str
    Value exceptions;  // tuple
    Value exceptionsAsPassed;  // what repr shows (the list or tuple given to the constructor)
    // What a NameError or AttributeError did not find, for the "Did you mean" of its traceback
    // (vm/Suggestions.cpp): the name, the object searched, the name a NameError's frame offers.
    Value missingName;
    Value missingFrom;
    std::string nameSuggestion;
};

struct InstanceObject final : Object {
    explicit InstanceObject(Value cls_) : Object(Kind::Instance), cls(std::move(cls_)) {}
    Value cls;
    Value dict;  // made on first attribute store
    std::unique_ptr<ExceptionData> exception;
    void clearReferences() override {
        cls.clear();
        dict.clear();
        if (exception)
            exception.reset();
    }
    ClassObject* klass() const { return cls.as<ClassObject>(); }
};

struct ModuleObject final : Object {
    ModuleObject() : Object(Kind::Module) {}
    Value name;
    Value dict;
    void clearReferences() override { dict.clear(); }
};

struct SuperObject final : Object {
    SuperObject(Value cls_, Value self_) : Object(Kind::Super), cls(std::move(cls_)), self(std::move(self_)) {}
    Value cls;
    Value self;
};

enum class IteratorKind : std::uint8_t {
    Range,      // index: the next value, up to stop by step
    LongRange,  // a range whose values reach past int64: source is the range, index the next position
    Sequence,  // list or tuple, by index
    String,    // by code point
    Bytes,     // bytes or bytearray, by index
    DictKeys,
    DictValues,
    DictItems,
    Set,
    Enumerate,
    Zip,
    Reversed,  // list or tuple, backwards
    Map,
    Filter,
    Callable,  // asks `produce` for each item (asyncio.as_completed)
};

struct IteratorObject final : Object {
    explicit IteratorObject(IteratorKind kind_) : Object(Kind::Iterator), iterKind(kind_) {}
    IteratorKind iterKind;
    Value source;                // what is iterated (or the inner iterator)
    std::vector<Value> sources;  // zip's iterators
    Value function;              // map / filter
    std::int64_t index = 0;      // position, or range current value
    std::int64_t stop = 0;
    std::int64_t step = 1;
    std::uint64_t version = 0;   // dict layout when iteration began
    bool view = false;           // dict.keys()/values()/items(): re-iterable, made into iterators
    // Callable: the next item of `source`, or Empty when it is exhausted.
    Value (*produce)(Interpreter&, const Value& source) = nullptr;
    void clearReferences() override {
        source.clear();
        sources.clear();
        function.clear();
    }
};

struct GeneratorObject final : Object {
    GeneratorObject(Interpreter& interp_, Frame* frame_) : Object(Kind::Generator), interp(&interp_), frame(frame_) {}
    ~GeneratorObject() override;
    Interpreter* interp;
    Frame* frame;  // owned; null once finished
    bool running = false;
    bool started = false;
    void clearReferences() override;
};

// An `async def` with `yield` (objects/AsyncGenerator.cpp). Each __anext__/asend/athrow/aclose
// is a coroutine that runs the frame until its next `yield`, awaiting whatever the body awaits
// on the way, so the generator's frames nest inside the task that consumes it.
struct AsyncGeneratorObject final : Object {
    AsyncGeneratorObject(Interpreter& interp_, Frame* frame_, const CodeObject* code_)
        : Object(Kind::AsyncGenerator), interp(&interp_), frame(frame_), code(code_) {}
    ~AsyncGeneratorObject() override;
    void clearReferences() override;
    void finish();  // the frame is done: free it, and the loop forgets the generator
    Interpreter* interp;
    Frame* frame;  // owned; null once finished or closed
    const CodeObject* code;
    bool running = false;  // a step is in progress (it may be awaiting inside the body)
    bool hooked = false;   // iterated while the loop ran: the loop closes it if it is left unfinished
};

// An object wrapping a piece of the runtime or of the host: the asyncio primitives
// (modules/asyncio/AsyncioObjects.h), sys.stdout / sys.stderr (modules/Sys.cpp), and the
// C++ types of library modules (TypedObject).
enum class RuntimeKind : std::uint8_t {
    Event, Lock, Semaphore, Queue, TaskGroup, Timeout, Loop, AsCompleted, Stream, Condition, Handle, Typed
};

struct RuntimeObject : Object {
    explicit RuntimeObject(RuntimeKind kind_) : Object(Kind::Runtime), runtimeKind(kind_) {}
    RuntimeKind runtimeKind;
    ClassObject* subclass = nullptr;  // a subclass of the kind's class (BoundedSemaphore, PriorityQueue, ...)
};

// An object of a type that a library module defines in C++ (random.Random, ...). It carries
// its class, so a module adds a type without a kind of its own here.
struct TypedObject : RuntimeObject {
    explicit TypedObject(Value cls_) : RuntimeObject(RuntimeKind::Typed), cls(std::move(cls_)) {}
    Value cls;
    void clearReferences() override { cls.clear(); }
};

// `int | None`: a types.UnionType, its members in args (a tuple of classes, NoneType for None).
struct UnionObject final : TypedObject {
    UnionObject(Value cls_, Value args_) : TypedObject(std::move(cls_)), args(std::move(args_)) {}
    Value args;
    void clearReferences() override {
        TypedObject::clearReferences();
        args.clear();
    }
};

// `list[int]`: a types.GenericAlias, made by subscripting a builtin container class. It
// prints as written, calls its origin, and is refused by isinstance, as CPython's is.
struct GenericAliasObject final : TypedObject {
    GenericAliasObject(Value cls_, Value origin_, Value args_)
        : TypedObject(std::move(cls_)), origin(std::move(origin_)), args(std::move(args_)) {}
    Value origin;
    Value args;  // tuple
    void clearReferences() override {
        TypedObject::clearReferences();
        origin.clear();
        args.clear();
    }
};

struct StreamObject final : RuntimeObject {
    explicit StreamObject(bool error_) : RuntimeObject(RuntimeKind::Stream), error(error_) {}
    bool error;
};

} // namespace awaitscope::script
