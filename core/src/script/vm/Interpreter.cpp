#include "script/vm/Interpreter.h"

#include "script/modules/asyncio/AsyncObjects.h"
#include "awaitscope/trace/Recorder.h"

#include <algorithm>
#include <cstring>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace awaitscope::script {

const std::string& ClassObject::nameText() const { return name.as<StrObject>()->text; }

Interpreter::Interpreter(Program& program, Output output, InterpreterLimits limits, const std::atomic<bool>* cancelled)
    : program_(program), output_(std::move(output)), limits_(limits), cancelled_(cancelled) {
    emptyTuple_ = Value(heap_.make<TupleObject>());
    setupTypes();
    setupExceptions();
    setupBuiltins();
    globals_ = newDict();
    dictSetStr(globals_.as<DictObject>(), "__name__", intern("__main__"));
    dictSetStr(globals_.as<DictObject>(), "__builtins__", Value::none());
    dictSetStr(globals_.as<DictObject>(), "__doc__", Value::none());
    dictSetStr(globals_.as<DictObject>(), "__file__", str(program_.fileName));
}

Interpreter::~Interpreter() {
    // Drop what the run still holds, then free everything left in cycles.
    globals_.clear();
    builtins_.clear();
    modules_.clear();
    for (auto& code : program_.codes) {
        code->consts.clear();
        code->names.clear();
        code->localNames.clear();
        code->cellNames.clear();
        code->freeNames.clear();
        code->doc.clear();
    }
    emptyTuple_.clear();
    internedKeep_.clear();
    interned_.clear();
    heap_.sweep();
    for (auto& bucket : framePool_)
        for (Frame* frame : bucket) {
            frame->~Frame();
            ::operator delete(frame);
        }
}

void Interpreter::measureStack() {
    char here = 0;
    const auto top = reinterpret_cast<std::uintptr_t>(&here);
    std::size_t size = 8u << 20;  // the usual default when the thread's size is unknown
#if defined(__linux__)
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
        void* address = nullptr;
        std::size_t stackSize = 0;
        if (pthread_attr_getstack(&attributes, &address, &stackSize) == 0 && stackSize > 0) {
            const auto low = reinterpret_cast<std::uintptr_t>(address);
            if (top > low)
                size = top - low;
        }
        pthread_attr_destroy(&attributes);
    }
#endif
    // Keep a quarter of what is left (at least 256 KB) for the code that reports the error.
    const std::size_t margin = std::max<std::size_t>(size / 4, 256u << 10);
    stackFloor_ = size > margin ? top - (size - margin) : top;
}

void Interpreter::attachLoop(Loop* loop, Recorder* recorder) {
    loop_ = loop;
    recorder_ = recorder;
}

void Interpreter::detachLoop() {
    loop_ = nullptr;
    recorder_ = nullptr;
    loopDestroyed = true;
}

// ---------------------------------------------------------------- values

Value Interpreter::intern(std::string_view text) {
    auto found = interned_.find(text);
    if (found != interned_.end())
        return Value(found->second);
    auto* object = heap_.make<StrObject>(std::string(text));
    object->interned = true;
    Value value(object);
    internedKeep_.push_back(value);
    interned_.emplace(std::string_view(object->text), object);
    return value;
}

Value Interpreter::str(std::string text) {
    heap_.charge(static_cast<std::int64_t>(text.size() + sizeof(StrObject)));
    if (heap_.bytes() > limits_.memoryLimit)
        checkMemory();
    return Value(heap_.make<StrObject>(std::move(text)));
}

Value Interpreter::newTuple(std::vector<Value> items) {
    if (items.empty() && !emptyTuple_.empty())
        return emptyTuple_;
    return Value(heap_.make<TupleObject>(std::move(items)));
}

Value Interpreter::newList(std::vector<Value> items) { return Value(heap_.make<ListObject>(std::move(items))); }
namespace {

bool scriptEquals(void* context, const Value& a, const Value& b) {
    return static_cast<Interpreter*>(context)->equals(a, b);
}

} // namespace

Value Interpreter::newDict() {
    auto* dict = heap_.make<DictObject>();
    dict->table.setEquality({&scriptEquals, this});
    return Value(dict);
}

Value Interpreter::newSet() {
    auto* set = heap_.make<SetObject>();
    set->table.setEquality({&scriptEquals, this});
    return Value(set);
}

Value Interpreter::newNative(NativeFn fn, const char* name, Value self, Value data) {
    return Value(heap_.make<NativeObject>(fn, name, std::move(self), std::move(data)));
}

void Interpreter::checkMemory() {
    if (heap_.bytes() > limits_.memoryLimit && heap_.census() <= limits_.memoryLimit * 3 / 4)
        return;  // most of what was allocated has been freed again
    if (heap_.bytes() > limits_.memoryLimit || heap_.liveObjects() > limits_.objectLimit)
        raise(exc.memoryError, "the script used more memory than Awaitscope allows (" +
                                   std::to_string(limits_.memoryLimit >> 20) + " MB)");
}

void Interpreter::reserveMemory(double bytes) {
    if (static_cast<double>(heap_.bytes()) + bytes > static_cast<double>(limits_.memoryLimit)) {
        heap_.census();
        if (static_cast<double>(heap_.bytes()) + bytes > static_cast<double>(limits_.memoryLimit))
            raise(exc.memoryError, "the result would be larger than Awaitscope allows (" +
                                       std::to_string(limits_.memoryLimit >> 20) + " MB)");
    }
}

Value* Interpreter::dictLookup(DictObject* dict, const Value& key) { return dict->table.lookup(key, hash(key)); }

void Interpreter::dictSet(DictObject* dict, Value key, Value value) {
    const std::size_t h = hash(key);
    if (dict->table.insert(std::move(key), h, std::move(value))) {
        heap_.charge(48);
        if ((dict->table.size() & 0xFFF) == 0)
            checkMemory();
    }
}

Value Interpreter::dictGetStr(DictObject* dict, std::string_view key) {
    Value k = intern(key);
    Value* found = dict->table.lookup(k, k.as<StrObject>()->hash());
    return found ? *found : Value();
}

void Interpreter::dictSetStr(DictObject* dict, std::string_view key, Value value) {
    Value k = intern(key);
    const std::size_t h = k.as<StrObject>()->hash();
    dict->table.insert(std::move(k), h, std::move(value));
}

// ---------------------------------------------------------------- classes and types

namespace {

// C3 linearization; falls back to depth-first order for inconsistent hierarchies.
std::vector<Value> linearize(const Value& cls, const std::vector<Value>& bases) {
    std::vector<std::vector<Value>> sequences;
    for (const Value& base : bases)
        sequences.push_back(base.as<ClassObject>()->mro);
    sequences.push_back(bases);
    std::vector<Value> result{cls};
    while (true) {
        sequences.erase(std::remove_if(sequences.begin(), sequences.end(), [](auto& s) { return s.empty(); }),
                        sequences.end());
        if (sequences.empty())
            return result;
        Value candidate;
        for (auto& sequence : sequences) {
            const Value& head = sequence.front();
            const bool inTail = std::any_of(sequences.begin(), sequences.end(), [&](auto& other) {
                return std::find_if(other.begin() + 1, other.end(),
                                    [&](const Value& v) { return v.identical(head); }) != other.end();
            });
            if (!inTail) {
                candidate = head;
                break;
            }
        }
        if (candidate.empty()) {
            for (auto& sequence : sequences)
                for (const Value& v : sequence)
                    if (std::none_of(result.begin(), result.end(), [&](const Value& r) { return r.identical(v); }))
                        result.push_back(v);
            return result;
        }
        result.push_back(candidate);
        for (auto& sequence : sequences)
            if (sequence.front().identical(candidate))
                sequence.erase(sequence.begin());
    }
}

} // namespace

ClassObject* Interpreter::makeClass(const std::string& name, std::vector<ClassObject*> bases, BuiltinType builtin,
                                    NativeFn construct, const char* module) {
    auto* cls = heap_.make<ClassObject>();
    Value keep(cls);
    internedKeep_.push_back(keep);
    cls->name = intern(name);
    cls->module = intern(module);
    cls->dict = newDict();
    cls->builtin = builtin;
    cls->construct = construct;
    for (ClassObject* base : bases) {
        cls->bases.emplace_back(base);
        if (base->isException)
            cls->isException = true;
    }
    cls->mro = linearize(keep, cls->bases);
    return cls;
}

void Interpreter::addMethod(ClassObject* cls, const char* name, NativeFn fn) {
    auto* native = heap_.make<NativeObject>(fn, name);
    native->method = true;
    dictSetStr(cls->dict.as<DictObject>(), name, Value(native));
}

ClassObject* Interpreter::typeOf(const Value& value) const {
    switch (value.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return types.noneType;
    case Value::Tag::Bool: return types.boolType;
    case Value::Tag::Int: return types.intType;
    case Value::Tag::Float: return types.floatType;
    case Value::Tag::Object: break;
    }
    switch (value.object()->kind()) {
    case Kind::Str: return types.strType;
    case Kind::List: return types.listType;
    case Kind::Tuple: return types.tupleType;
    case Kind::Dict: return types.dictType;
    case Kind::Set: return types.setType;
    case Kind::Range: return types.rangeType;
    case Kind::Slice: return types.sliceType;
    case Kind::Cell: return types.cellType;
    case Kind::Function: return types.functionType;
    case Kind::Native: return types.builtinFunctionType;
    case Kind::BoundMethod: return types.methodType;
    case Kind::Class: return types.type;
    case Kind::Instance: return value.as<InstanceObject>()->klass();
    case Kind::Module: return types.moduleType;
    case Kind::Super: return types.superType;
    case Kind::Iterator: {
        auto* it = value.as<IteratorObject>();
        if (it->view) {
            if (it->iterKind == IteratorKind::DictKeys)
                return types.dictKeysType;
            if (it->iterKind == IteratorKind::DictValues)
                return types.dictValuesType;
            return types.dictItemsType;
        }
        return types.iteratorTypes[static_cast<int>(it->iterKind)];
    }
    case Kind::Generator: return types.generatorType;
    case Kind::Coroutine:
    case Kind::Sleep:
    case Kind::Op: return types.coroutineType;
    case Kind::Task: return types.taskType;
    case Kind::Future: return types.futureType;
    case Kind::Runtime:
        switch (value.as<RuntimeObject>()->runtimeKind) {
        case RuntimeKind::Event: return types.eventType;
        case RuntimeKind::Lock: return types.lockType;
        case RuntimeKind::Semaphore: return types.semaphoreType;
        case RuntimeKind::Queue: return types.queueType;
        case RuntimeKind::TaskGroup: return types.taskGroupType;
        case RuntimeKind::Timeout: return types.timeoutType;
        case RuntimeKind::Loop: return types.loopType;
        case RuntimeKind::AsCompleted: return types.asCompletedType;
        case RuntimeKind::Stream: return types.streamType;
        }
    }
    return types.object;
}

const std::string& Interpreter::typeName(const Value& value) const { return typeOf(value)->nameText(); }

bool Interpreter::isSubclass(const ClassObject* cls, const ClassObject* base) {
    if (cls == base)
        return true;
    for (const Value& entry : cls->mro)
        if (entry.object() == base)
            return true;
    return false;
}

bool Interpreter::isInstance(const Value& value, const ClassObject* cls) const { return isSubclass(typeOf(value), cls); }

Value Interpreter::lookupClass(const ClassObject* cls, const Value& name) const {
    const auto* key = name.as<StrObject>();
    for (const Value& entry : cls->mro) {
        auto* dict = entry.as<ClassObject>()->dict.as<DictObject>();
        if (Value* found = dict->table.lookup(name, key->hash()))
            return *found;
    }
    return {};
}

Value Interpreter::buildClass(const Value& bodyFunction, const Value& name, const Value& bases) {
    auto* function = bodyFunction.as<FunctionObject>();
    Value ns = newDict();
    Frame* frame = newFrame(function->code, bodyFunction, function->globals);
    frame->localsDict = ns;
    Value* cells = frame->cells();
    for (std::size_t i = 0; i < function->code->cellNames.size(); ++i)
        cells[i] = Value(heap_.make<CellObject>());
    for (std::size_t i = 0; i < function->closure.size(); ++i)
        cells[function->code->cellNames.size() + i] = function->closure[i];
    Value ignored;
    try {
        execute(frame, {}, false, ignored);
    } catch (...) {
        freeFrame(frame);
        throw;
    }
    freeFrame(frame);

    std::vector<ClassObject*> baseClasses;
    for (const Value& base : bases.as<TupleObject>()->items) {
        if (!base.is(Kind::Class))
            typeError("bases must be types");
        auto* cls = base.as<ClassObject>();
        if (cls->builtin != BuiltinType::None && cls->builtin != BuiltinType::Object &&
            cls->builtin != BuiltinType::Exception)
            typeError("Awaitscope does not support subclassing the built-in type '" + cls->nameText() + "'");
        baseClasses.push_back(cls);
    }
    if (baseClasses.empty())
        baseClasses.push_back(types.object);
    auto* cls = heap_.make<ClassObject>();
    Value result(cls);
    cls->name = name;
    cls->module = intern("__main__");
    cls->dict = ns;
    for (ClassObject* base : baseClasses) {
        cls->bases.emplace_back(base);
        if (base->isException)
            cls->isException = true;
    }
    cls->builtin = cls->isException ? BuiltinType::Exception : BuiltinType::None;
    cls->mro = linearize(result, cls->bases);
    for (auto& entry : ns.as<DictObject>()->table.entries()) {
        if (entry.value.is(Kind::Function))
            entry.value.as<FunctionObject>()->definingClass = result;
        else if (entry.value.is(Kind::Native) && entry.value.as<NativeObject>()->data.is(Kind::Function))
            entry.value.as<NativeObject>()->data.as<FunctionObject>()->definingClass = result;
    }
    return result;
}

Value Interpreter::instantiate(ClassObject* cls, const Value* args, int count, const TupleObject* kwNames) {
    if (cls->construct) {
        std::vector<Value> all;
        const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
        all.reserve(static_cast<std::size_t>(count + kw + 1));
        all.emplace_back(cls);
        for (int i = 0; i < count + kw; ++i)
            all.push_back(args[i]);
        CallArgs callArgs{all.data(), count + 1, all.data() + count + 1, kwNames};
        return cls->construct(*this, callArgs);
    }
    auto* instance = heap_.make<InstanceObject>(Value(cls));
    Value result(instance);
    if (cls->isException) {
        instance->exception = std::make_unique<ExceptionData>();
        std::vector<Value> positional(args, args + count);
        instance->exception->args = newTuple(std::move(positional));
    }
    Value init = lookupClass(cls, intern("__init__"));
    if (!init.empty()) {
        std::vector<Value> all;
        const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
        all.reserve(static_cast<std::size_t>(count + kw + 1));
        all.push_back(result);
        for (int i = 0; i < count + kw; ++i)
            all.push_back(args[i]);
        Value returned = call(init, all.data(), count + 1, kwNames);
        if (!returned.isNone())
            typeError("__init__() should return None, not '" + typeName(returned) + "'");
    }
    return result;
}

// ---------------------------------------------------------------- frames

Frame* Interpreter::newFrame(CodeObject* code, const Value& function, const Value& globals) {
    const auto slots = static_cast<std::uint32_t>(code->frameSlots());
    std::size_t bucket = 0;
    std::uint32_t capacity = 8;
    while (capacity < slots) {
        capacity *= 2;
        ++bucket;
    }
    if (framePool_.size() <= bucket)
        framePool_.resize(bucket + 1);
    Frame* frame;
    if (!framePool_[bucket].empty()) {
        frame = framePool_[bucket].back();
        framePool_[bucket].pop_back();
    } else {
        void* memory = ::operator new(sizeof(Frame) + capacity * sizeof(Value));
        frame = new (memory) Frame();
        frame->slots = reinterpret_cast<Value*>(static_cast<char*>(memory) + sizeof(Frame));
        for (std::uint32_t i = 0; i < capacity; ++i)
            new (&frame->slots[i]) Value();
        frame->capacity = capacity;
    }
    frame->code = code;
    frame->function = function;
    frame->globals = globals;
    frame->pc = 0;
    frame->sp = 0;
    frame->blockCount = 0;
    frame->caller = nullptr;
    frame->nesting = 0;
    frame->discardResult = false;
    return frame;
}

void Interpreter::freeFrame(Frame* frame) noexcept {
    const std::uint32_t used = static_cast<std::uint32_t>(frame->code->localCount() + frame->code->cellCount()) +
                               static_cast<std::uint32_t>(frame->code->stackSize);
    for (std::uint32_t i = 0; i < used && i < frame->capacity; ++i)
        frame->slots[i].clear();
    frame->function.clear();
    frame->globals.clear();
    frame->localsDict.clear();
    frame->constructed.clear();
    std::size_t bucket = 0;
    for (std::uint32_t c = 8; c < frame->capacity; c *= 2)
        ++bucket;
    if (framePool_.size() <= bucket)
        framePool_.resize(bucket + 1);
    if (framePool_[bucket].size() < 64) {
        framePool_[bucket].push_back(frame);
    } else {
        frame->~Frame();
        ::operator delete(frame);
    }
}

namespace {

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string nameList(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        out += "'" + names[i] + "'";
    }
    return out;
}

} // namespace

Frame* Interpreter::frameForCall(FunctionObject* function, const Value* args, int count, const TupleObject* kwNames) {
    CodeObject* code = function->code;
    Frame* frame = newFrame(code, Value(function), function->globals);
    Value* locals = frame->locals();
    const int n = code->argCount;
    const int kwCount = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
    try {
        if (kwCount == 0 && count == n && code->simpleArgs) {
            for (int i = 0; i < n; ++i)
                locals[i] = args[i];
        } else {
            const int kwOnly = code->kwOnlyCount;
            const int varargsSlot = code->hasVarargs ? n + kwOnly : -1;
            const int varkwSlot = code->hasVarkw ? n + kwOnly + (code->hasVarargs ? 1 : 0) : -1;
            for (int i = 0; i < std::min(count, n); ++i)
                locals[i] = args[i];
            const std::string& qualname = code->qualname;
            if (count > n) {
                if (varargsSlot < 0) {
                    const int required = n - static_cast<int>(function->defaults.size());
                    std::string takes = required == n ? plural(static_cast<std::size_t>(n), "positional argument")
                                                      : "from " + std::to_string(required) + " to " + std::to_string(n) +
                                                            " positional arguments";
                    int kwGiven = 0;
                    for (int k = 0; k < kwCount; ++k)
                        for (int j = n; j < n + kwOnly; ++j)
                            if (code->localNames[static_cast<std::size_t>(j)].as<StrObject>()->text ==
                                kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text)
                                ++kwGiven;
                    std::string given = std::to_string(count) + (count == 1 ? " was" : " were");
                    if (kwGiven)
                        given = std::to_string(count) + " positional argument" + (count == 1 ? "" : "s") + " (and " +
                                plural(static_cast<std::size_t>(kwGiven), "keyword-only argument") + ") were";
                    typeError(qualname + "() takes " + takes + " but " + given + " given");
                }
                locals[varargsSlot] = newTuple(std::vector<Value>(args + n, args + count));
            } else if (varargsSlot >= 0) {
                locals[varargsSlot] = emptyTuple_;
            }
            if (varkwSlot >= 0)
                locals[varkwSlot] = newDict();
            for (int k = 0; k < kwCount; ++k) {
                const Value& key = kwNames->items[static_cast<std::size_t>(k)];
                const std::string& keyText = key.as<StrObject>()->text;
                int slot = -1;
                for (int j = 0; j < n + kwOnly; ++j)
                    if (code->localNames[static_cast<std::size_t>(j)].identical(key) ||
                        code->localNames[static_cast<std::size_t>(j)].as<StrObject>()->text == keyText) {
                        slot = j;
                        break;
                    }
                if (slot < 0) {
                    if (varkwSlot < 0)
                        typeError(qualname + "() got an unexpected keyword argument '" + keyText + "'");
                    dictSet(locals[varkwSlot].as<DictObject>(), key, args[count + k]);
                    continue;
                }
                if (!locals[slot].empty())
                    typeError(qualname + "() got multiple values for argument '" + keyText + "'");
                locals[slot] = args[count + k];
            }
            const int firstDefault = n - static_cast<int>(function->defaults.size());
            std::vector<std::string> missing;
            for (int i = 0; i < n; ++i) {
                if (!locals[i].empty())
                    continue;
                if (i >= firstDefault)
                    locals[i] = function->defaults[static_cast<std::size_t>(i - firstDefault)];
                else
                    missing.push_back(code->localNames[static_cast<std::size_t>(i)].as<StrObject>()->text);
            }
            if (!missing.empty())
                typeError(qualname + "() missing " + plural(missing.size(), "required positional argument") + ": " +
                          nameList(missing));
            for (int j = 0; j < kwOnly; ++j) {
                Value& slot = locals[n + j];
                if (!slot.empty())
                    continue;
                if (static_cast<std::size_t>(j) < function->kwDefaults.size() &&
                    !function->kwDefaults[static_cast<std::size_t>(j)].empty())
                    slot = function->kwDefaults[static_cast<std::size_t>(j)];
                else
                    missing.push_back(code->localNames[static_cast<std::size_t>(n + j)].as<StrObject>()->text);
            }
            if (!missing.empty())
                typeError(qualname + "() missing " + plural(missing.size(), "required keyword-only argument") + ": " +
                          nameList(missing));
        }
        const std::size_t cellCount = code->cellNames.size();
        if (cellCount || !function->closure.empty()) {
            Value* cells = frame->cells();
            for (std::size_t i = 0; i < cellCount; ++i) {
                auto* cell = heap_.make<CellObject>();
                const std::int32_t arg = code->cellToArg[i];
                if (arg >= 0)
                    cell->value = std::move(locals[arg]);
                cells[i] = Value(cell);
            }
            for (std::size_t i = 0; i < function->closure.size(); ++i)
                cells[cellCount + i] = function->closure[i];
        }
    } catch (...) {
        freeFrame(frame);
        throw;
    }
    return frame;
}

SourceLocation Interpreter::currentLocation() const {
    if (!current_)
        return SourceLocation(program_.fileName.c_str(), "<module>", 0, 0);
    return current_->code->location(current_->pc > 0 ? static_cast<std::size_t>(current_->pc - 1) : 0);
}

std::uint32_t Interpreter::currentLine() const { return current_ ? current_->currentLine() : 0; }

// ---------------------------------------------------------------- calls

Value Interpreter::callFunctionNested(FunctionObject* function, const Value* args, int count, const TupleObject* kwNames) {
    Frame* frame = frameForCall(function, args, count, kwNames);
    CodeObject* code = function->code;
    if (code->isCoroutine)
        return makeCoroutine(function, frame);
    if (code->isGenerator)
        return makeGenerator(frame);
    Value result;
    try {
        execute(frame, {}, false, result);
    } catch (...) {
        freeFrame(frame);
        throw;
    }
    freeFrame(frame);
    return result;
}

Value Interpreter::call(const Value& callable, const Value* args, int count, const TupleObject* kwNames) {
    if (!callable.isObject())
        typeError("'" + typeName(callable) + "' object is not callable");
    switch (callable.object()->kind()) {
    case Kind::Function:
        return callFunctionNested(callable.as<FunctionObject>(), args, count, kwNames);
    case Kind::Native: {
        auto* native = callable.as<NativeObject>();
        if (!native->fn)
            typeError("'" + std::string(native->name) + "' object is not callable");
        flushCost();
        if (native->self.empty()) {
            CallArgs callArgs{args, count, args + count, kwNames, native};
            return native->fn(*this, callArgs);
        }
        const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
        std::vector<Value> all;
        all.reserve(static_cast<std::size_t>(count + kw + 1));
        all.push_back(native->self);
        for (int i = 0; i < count + kw; ++i)
            all.push_back(args[i]);
        CallArgs callArgs{all.data(), count + 1, all.data() + count + 1, kwNames, native};
        return native->fn(*this, callArgs);
    }
    case Kind::BoundMethod: {
        auto* method = callable.as<BoundMethodObject>();
        const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
        std::vector<Value> all;
        all.reserve(static_cast<std::size_t>(count + kw + 1));
        all.push_back(method->self);
        for (int i = 0; i < count + kw; ++i)
            all.push_back(args[i]);
        return call(method->function, all.data(), count + 1, kwNames);
    }
    case Kind::Class:
        return instantiate(callable.as<ClassObject>(), args, count, kwNames);
    case Kind::Instance: {
        Value method = lookupClass(callable.as<InstanceObject>()->klass(), intern("__call__"));
        if (method.empty())
            break;
        const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
        std::vector<Value> all;
        all.push_back(callable);
        for (int i = 0; i < count + kw; ++i)
            all.push_back(args[i]);
        return call(method, all.data(), count + 1, kwNames);
    }
    default:
        break;
    }
    typeError("'" + typeName(callable) + "' object is not callable");
}

Value Interpreter::callMethod(const Value& object, std::string_view name, std::initializer_list<Value> args) {
    Value function;
    Value self;
    loadMethod(object, intern(name), function, self);
    std::vector<Value> all;
    if (!self.empty())
        all.push_back(self);
    all.insert(all.end(), args.begin(), args.end());
    return call(function, all.data(), static_cast<int>(all.size()));
}

Value Interpreter::makeGenerator(Frame* frame) { return Value(heap_.make<GeneratorObject>(*this, frame)); }

GeneratorObject::~GeneratorObject() {
    if (frame)
        interp->freeFrame(frame);
}

void GeneratorObject::clearReferences() {
    if (frame && !running) {
        interp->freeFrame(frame);
        frame = nullptr;
    }
}

// ---------------------------------------------------------------- modules

Value Interpreter::importModule(const std::string& name) {
    auto found = modules_.find(name);
    if (found != modules_.end())
        return found->second;
    Value module;
    if (name == "asyncio")
        module = makeAsyncioModule();
    else if (name == "time")
        module = makeTimeModule();
    else if (name == "sys")
        module = makeSysModule();
    else if (name == "typing" || name == "__future__" || name == "dataclasses" || name == "collections.abc")
        module = makeTypingModule();
    else if (name == "random")
        module = makeRandomModule();
    else {
        Value error = newException(exc.moduleNotFoundError, "No module named '" + name + "'");
        if (name == "requests" || name == "httpx" || name == "aiohttp" || name == "openai")
            error = newException(exc.moduleNotFoundError,
                                 "No module named '" + name +
                                     "' (Awaitscope scripts use the standard library only: simulate a network call "
                                     "with a function that sleeps)");
        raise(error);
    }
    modules_[name] = module;
    return module;
}

// ---------------------------------------------------------------- output

void Interpreter::writeStdout(std::string_view text) {
    if (output_.stdoutText)
        output_.stdoutText->append(text);
    if (output_.onStdout)
        output_.onStdout(text);
}

void Interpreter::writeStderr(std::string_view text) {
    if (output_.stderrText)
        output_.stderrText->append(text);
    if (output_.onStderr)
        output_.onStderr(text);
}

void Interpreter::recordOutput(std::string_view text) {
    if (!recorder_ || !loop_)
        return;
    // One output record per line; a print without a newline waits for the rest of its line.
    pendingStdoutLine_.append(text);
    std::size_t newline;
    while ((newline = pendingStdoutLine_.find('\n')) != std::string::npos) {
        recorder_->output(loop_->now(), loop_->currentTaskId(), currentLocation(), pendingStdoutLine_.substr(0, newline));
        pendingStdoutLine_.erase(0, newline + 1);
    }
}

void Interpreter::flushOutputLine() {
    if (recorder_ && loop_ && !pendingStdoutLine_.empty())
        recorder_->output(loop_->now(), loop_->currentTaskId(), currentLocation(), pendingStdoutLine_);
    pendingStdoutLine_.clear();
}

void Interpreter::warnNeverAwaited(const char* name, const SourceLocation& created) {
    std::string text = std::string(created.file) + ":" + std::to_string(currentLine() ? currentLine() : created.line) +
                       ": RuntimeWarning: coroutine '" + name + "' was never awaited\n";
    const std::string source = program_.lineText(currentLine() ? currentLine() : created.line);
    const std::size_t start = source.find_first_not_of(" \t");
    if (start != std::string::npos)
        text += "  " + source.substr(start) + "\n";
    text += "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
    writeStderr(text);
}

// ---------------------------------------------------------------- ArgParser

ArgParser::ArgParser(Interpreter& interp, CallArgs& args, const char* function, std::initializer_list<const char*> names,
                     int required)
    : values_(names.size()) {
    const int declared = static_cast<int>(names.size());
    if (args.count > declared) {
        if (declared == 0)
            interp.typeError(std::string(function) + "() takes no arguments (" + std::to_string(args.count) + " given)");
        interp.typeError(std::string(function) + "() takes at most " + std::to_string(declared) + " argument" +
                         (declared == 1 ? "" : "s") + " (" + std::to_string(args.count) + " given)");
    }
    for (int i = 0; i < args.count; ++i)
        values_[static_cast<std::size_t>(i)] = args[i];
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& key = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        int index = 0;
        bool found = false;
        for (const char* name : names) {
            if (key == name) {
                found = true;
                break;
            }
            ++index;
        }
        if (!found)
            interp.typeError(std::string(function) + "() got an unexpected keyword argument '" + key + "'");
        if (!values_[static_cast<std::size_t>(index)].empty())
            interp.typeError(std::string(function) + "() got multiple values for argument '" + key + "'");
        values_[static_cast<std::size_t>(index)] = args.kwValues[k];
    }
    for (int i = 0; i < required; ++i)
        if (values_[static_cast<std::size_t>(i)].empty())
            interp.typeError(std::string(function) + "() missing required argument '" +
                             *(names.begin() + i) + "' (pos " + std::to_string(i + 1) + ")");
}

} // namespace awaitscope::script
