// Frames and calls: a pool of frames by size, binding arguments to parameters with CPython's
// TypeErrors, and calling any callable from C++ (the machine calls script functions inline,
// vm/Eval.cpp).
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

namespace awaitscope::script {

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
    frame->awaiter = nullptr;
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

Frame* Interpreter::scriptFrame(Frame* frame) {
    // A library module's frames (functools.wraps' wrapper, a contextlib helper) are the
    // script's own work: the line that matters is the script's line that called or awaited them.
    Frame* at = frame;
    while (at && at->code->isLibrary)
        at = at->caller ? at->caller : at->awaiter;
    return at ? at : frame;
}

SourceLocation Interpreter::locationOf(Frame* frame) {
    Frame* at = scriptFrame(frame);
    return at->code->location(at->pc > 0 ? static_cast<std::size_t>(at->pc - 1) : 0);
}

SourceLocation Interpreter::currentLocation() const {
    if (!current_)
        return SourceLocation(program_.fileName.c_str(), "<module>", 0, 0);
    return locationOf(current_);
}

Value Interpreter::handledException() const {
    // An `except` or `finally` block keeps the exception it handles in a hidden local named
    // ".excN" (compile/Compiler.cpp), cleared when the block ends; the innermost is the newest.
    for (Frame* frame = current_; frame; frame = frame->caller ? frame->caller : frame->awaiter) {
        const CodeObject* code = frame->code;
        for (int slot = code->localCount(); slot-- > 0;) {
            const std::string& name = code->localNames[static_cast<std::size_t>(slot)].as<StrObject>()->text;
            if (name.size() > 4 && name.compare(0, 4, ".exc") == 0 && !frame->locals()[slot].empty())
                return frame->locals()[slot];
        }
    }
    return Value::none();
}

void Interpreter::chainContext(const Value& error, bool keepExisting) {
    ExceptionData* data = exceptionData(error);
    if (!data || (keepExisting && !data->context.empty()))
        return;
    const Value handled = handledException();
    if (handled.isNone() || handled.identical(error))
        return;
    // Chains are short, but one built by hand may already loop: stop after a bound.
    Value at = handled;
    for (int steps = 0; steps < 1000; ++steps) {
        ExceptionData* link = exceptionData(at);
        if (!link || link->context.empty() || link->context.isNone())
            break;
        if (link->context.identical(error)) {
            link->context = Value();
            break;
        }
        at = link->context;
    }
    data->context = handled;
}

std::uint32_t Interpreter::currentLine() const { return current_ ? scriptFrame(current_)->currentLine() : 0; }

// ---------------------------------------------------------------- calls

Value Interpreter::callFunctionNested(FunctionObject* function, const Value* args, int count, const TupleObject* kwNames) {
    Frame* frame = frameForCall(function, args, count, kwNames);
    CodeObject* code = function->code;
    if (code->isCoroutine)
        return makeCoroutine(function, frame);
    if (code->isGenerator)
        return makeGenerator(frame);
    if (code->isAsyncGenerator)
        return makeAsyncGenerator(frame);
    frame->awaiter = current_;  // a call from C++ (a builtin calling back): where it came from
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
        // list[int](...) makes a list.
        if (const GenericAliasObject* alias = genericAlias(*this, callable))
            return call(alias->origin, args, count, kwNames);
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

} // namespace awaitscope::script
