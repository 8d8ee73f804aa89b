// The bytecode machine (CPython's ceval.c): one loop over the instructions of vm/Opcodes.def.
// Python-to-Python calls push frames and continue in the same loop; only coroutine and
// generator frames are entered from outside (and can suspend). A frame that reaches `await`
// returns the awaitable to its C++ coroutine (objects/Coroutine.cpp: coroutineBody), which
// co_awaits it on the runtime and resumes the frame with the outcome.
#include "script/objects/Awaitables.h"
#include "script/objects/Types.h"
#include "script/vm/CostModel.h"
#include "script/vm/Interpreter.h"
#include "script/modules/Modules.h"
#include "awaitscope/trace/Recorder.h"

#include <cmath>
#include <cstring>
#include <optional>

namespace awaitscope::script {

namespace {

bool isAwaitable(const Value& v) {
    if (!v.isObject())
        return false;
    switch (v.object()->kind()) {
    case Kind::Coroutine:
    case Kind::Task:
    case Kind::Future:
    case Kind::Sleep:
    case Kind::Op: return true;
    default: return false;
    }
}

} // namespace

// ---------------------------------------------------------------- the loop

void Interpreter::runModule() {
    CodeObject* code = program_.module;
    Frame* frame = newFrame(code, Value(), globals_);
    Value result;
    try {
        execute(frame, {}, false, result);
    } catch (...) {
        freeFrame(frame);
        flushCost();
        throw;
    }
    freeFrame(frame);
    flushCost();
}

namespace {

// ---------------------------------------------------------------- instruction helpers
// The bodies of the less frequent instructions, out of the loop so that it reads as a table;
// the frequent ones (loads, stores, small-int arithmetic, calls, jumps, iteration) stay inline.

[[noreturn]] void raiseUnboundLocal(Interpreter& interp, const CodeObject* code, int slot) {
    interp.raise(interp.exc.unboundLocalError, "cannot access local variable '" +
                                                   code->localNames[static_cast<std::size_t>(slot)].as<StrObject>()->text +
                                                   "' where it is not associated with a value");
}

[[noreturn]] void raiseUnboundCell(Interpreter& interp, const CodeObject* code, int slot) {
    const auto index = static_cast<std::size_t>(slot);
    if (index < code->cellNames.size())
        interp.raise(interp.exc.unboundLocalError, "cannot access local variable '" +
                                                       code->cellNames[index].as<StrObject>()->text +
                                                       "' where it is not associated with a value");
    interp.raise(interp.exc.nameError, "cannot access free variable '" +
                                           code->freeNames[index - code->cellNames.size()].as<StrObject>()->text +
                                           "' where it is not associated with a value in enclosing scope");
}

[[noreturn]] void raiseNameError(Interpreter& interp, const Frame* frame, const Value& name) {
    Value error = interp.newException(interp.exc.nameError, "name '" + name.as<StrObject>()->text + "' is not defined");
    ExceptionData* data = interp.exceptionData(error);
    data->missingName = name;
    data->nameSuggestion = interp.nameSuggestion(frame, name);
    interp.raise(std::move(error));
}

// Small ints and floats without leaving the loop: a = a OP b, or false for the general way
// (objects/Int.cpp and Float.cpp, with their errors and overflow).
[[gnu::always_inline]] inline bool arithmeticFastPath(BinaryOp op, Value& a, const Value& b) {
    if (a.isInt() && b.isInt()) {
        std::int64_t r;
        const std::int64_t x = a.asInt();
        const std::int64_t y = b.asInt();
        if (op == BinaryOp::Add && !__builtin_add_overflow(x, y, &r)) {
            a = Value::integer(r);
            return true;
        }
        if (op == BinaryOp::Sub && !__builtin_sub_overflow(x, y, &r)) {
            a = Value::integer(r);
            return true;
        }
        if (op == BinaryOp::Mul && !__builtin_mul_overflow(x, y, &r)) {
            a = Value::integer(r);
            return true;
        }
        // Python's floor modulo and division by a positive int (what `i % n` loops do).
        if (op == BinaryOp::Mod && y > 0) {
            r = x % y;
            a = Value::integer(r < 0 ? r + y : r);
            return true;
        }
        if (op == BinaryOp::FloorDiv && y > 0) {
            r = x / y;
            a = Value::integer(x % y != 0 && x < 0 ? r - 1 : r);
            return true;
        }
    } else if (a.isFloat() && b.isFloat()) {
        if (op == BinaryOp::Add) {
            a = Value::real(a.asFloat() + b.asFloat());
            return true;
        }
        if (op == BinaryOp::Mul) {
            a = Value::real(a.asFloat() * b.asFloat());
            return true;
        }
        if (op == BinaryOp::Sub) {
            a = Value::real(a.asFloat() - b.asFloat());
            return true;
        }
    }
    return false;
}

// Comparing two small ints: a = (a OP b), or false for the general way.
[[gnu::always_inline]] inline bool compareFastPath(CompareOp op, Value& a, const Value& b) {
    if (!a.isInt() || !b.isInt())
        return false;
    const std::int64_t x = a.asInt();
    const std::int64_t y = b.asInt();
    bool r;
    switch (op) {
    case CompareOp::Lt: r = x < y; break;
    case CompareOp::Le: r = x <= y; break;
    case CompareOp::Eq:
    case CompareOp::Is: r = x == y; break;
    case CompareOp::Ne:
    case CompareOp::IsNot: r = x != y; break;
    case CompareOp::Gt: r = x > y; break;
    case CompareOp::Ge: r = x >= y; break;
    default: return false;
    }
    a = Value::boolean(r);
    return true;
}

// f(*args, **kwargs): the callable, a tuple of positional arguments and (arg & 1) a mapping.
Value callUnpacked(Interpreter& interp, Value* callableSlot, bool hasKw) {
    std::vector<Value> all = callableSlot[1].as<TupleObject>()->items;
    const int count = static_cast<int>(all.size());
    Value names;
    if (hasKw) {
        const Value& kw = callableSlot[2];
        if (!kw.is(Kind::Dict))
            interp.typeError("argument after ** must be a mapping, not " + interp.typeName(kw));
        std::vector<Value> keys;
        for (auto& e : kw.as<DictObject>()->table.entries()) {
            if (e.key.empty())
                continue;
            if (!e.key.is(Kind::Str))
                interp.typeError("keywords must be strings");
            keys.push_back(e.key);
            all.push_back(e.value);
        }
        if (!keys.empty())
            names = interp.newTuple(std::move(keys));
    }
    return interp.call(callableSlot[0], all.data(), count, names.empty() ? nullptr : names.as<TupleObject>());
}

// Does `error` match an except clause's class or tuple of classes? Each must be an exception
// class (checked for every entry of a plain except's tuple); except* also refuses groups.
bool exceptionMatches(Interpreter& interp, const Value& error, const Value& type, bool star) {
    auto check = [&](const Value& t) {
        if (!t.is(Kind::Class) || !t.as<ClassObject>()->isException)
            interp.typeError("catching classes that do not inherit from BaseException is not allowed");
        if (star && Interpreter::isSubclass(t.as<ClassObject>(), interp.exc.baseExceptionGroup))
            interp.typeError("catching ExceptionGroup with except* is not allowed. Use except instead.");
        return interp.isInstance(error, t.as<ClassObject>());
    };
    if (!type.is(Kind::Tuple))
        return check(type);
    bool match = false;
    for (const Value& t : type.as<TupleObject>()->items)
        if (check(t)) {
            match = true;
            if (star)
                break;
        }
    return match;
}

// ---- match (CPython's MATCH_KEYS, MATCH_CLASS) ----

// The values of `keys` in the mapping `subject`, or None when one is missing. Looked up
// with `get` as CPython does, so a defaultdict's default factory is not called.
Value matchKeys(Interpreter& interp, const Value& subject, const Value& keys) {
    const auto& wanted = keys.as<TupleObject>()->items;
    // CPython calls subject.get for each key: about 40 ns a key.
    interp.chargeOps(8 * wanted.size());
    std::vector<Value> values;
    values.reserve(wanted.size());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j)
            if (interp.equals(wanted[j], wanted[i]))
                interp.raise(interp.exc.valueError, "mapping pattern checks duplicate key (" + interp.repr(wanted[i]) + ")");
        if (subject.is(Kind::Dict) && interp.typeOf(subject) == interp.types.dictType) {
            Value* found = interp.dictLookup(subject.as<DictObject>(), wanted[i]);
            if (!found)
                return Value::none();
            values.push_back(*found);
            continue;
        }
        // A subclass may override get: ask it, with a default of its own to tell "missing".
        Value get = interp.getAttr(subject, interp.intern("get"));
        Value sentinel = interp.newList();
        Value got = interp.call(get, {wanted[i], sentinel});
        if (got.identical(sentinel))
            return Value::none();
        values.push_back(std::move(got));
    }
    return interp.newTuple(std::move(values));
}

Value copyDictWithoutKeys(Interpreter& interp, const Value& subject, const Value& keys) {
    Value rest = interp.newDict();
    const auto& skip = keys.as<TupleObject>()->items;
    for (auto& e : subject.as<DictObject>()->table.entries()) {
        if (e.key.empty())
            continue;
        bool skipped = false;
        for (const Value& k : skip)
            if (interp.equals(e.key, k)) {
                skipped = true;
                break;
            }
        if (!skipped)
            interp.dictSet(rest.as<DictObject>(), e.key, e.value);
    }
    return rest;
}

// The built-in classes whose one positional sub-pattern matches the subject itself: int(x),
// str(), dict(d)... (CPython's _Py_TPFLAGS_MATCH_SELF), their subclasses included.
bool matchesSelf(Interpreter& interp, const ClassObject* cls) {
    for (const ClassObject* builtin : {interp.types.boolType, interp.types.intType, interp.types.floatType,
                                       interp.types.strType, interp.types.bytesType, interp.types.byteArrayType,
                                       interp.types.listType, interp.types.tupleType, interp.types.dictType,
                                       interp.types.setType})
        if (builtin && Interpreter::isSubclass(cls, builtin))
            return true;
    return false;
}

Value matchClass(Interpreter& interp, const Value& subject, const Value& type, const Value& kwNames, int positional) {
    if (!type.is(Kind::Class))
        interp.typeError("called match pattern must be a type");
    const ClassObject* cls = type.as<ClassObject>();
    if (!interp.isInstance(subject, cls))
        return Value::none();
    const std::string& className = cls->nameText();
    std::vector<Value> seen;
    std::vector<Value> attributes;
    bool missing = false;
    auto attribute = [&](const Value& name) {
        for (const Value& s : seen)
            if (s.as<StrObject>()->text == name.as<StrObject>()->text)
                interp.typeError(className + "() got multiple sub-patterns for attribute " + interp.repr(name));
        seen.push_back(name);
        interp.chargeOps(10);  // a getattr, about 50 ns in CPython
        Value out;
        if (!missing && interp.findAttr(subject, name, out))
            attributes.push_back(std::move(out));
        else
            missing = true;
    };
    if (positional > 0) {
        Value matchArgs = interp.lookupClass(cls, interp.intern("__match_args__"));
        // CPython looks __match_args__ up with getattr; a built-in class has none, and the
        // AttributeError it raises and clears costs it about half a microsecond.
        interp.chargeOps(matchArgs.empty() ? 100 : 10);
        if (!matchArgs.empty() && !matchArgs.is(Kind::Tuple))
            interp.typeError(className + ".__match_args__ must be a tuple (got " + interp.typeName(matchArgs) + ")");
        const bool self = matchArgs.empty() && matchesSelf(interp, cls);
        const std::size_t allowed = self ? 1 : matchArgs.empty() ? 0 : matchArgs.as<TupleObject>()->items.size();
        if (allowed < static_cast<std::size_t>(positional))
            interp.typeError(className + "() accepts " + std::to_string(allowed) + " positional sub-pattern" +
                             (allowed == 1 ? "" : "s") + " (" + std::to_string(positional) + " given)");
        if (self) {
            attributes.push_back(subject);
        } else {
            for (int i = 0; i < positional; ++i) {
                const Value& name = matchArgs.as<TupleObject>()->items[static_cast<std::size_t>(i)];
                if (!name.is(Kind::Str))
                    interp.typeError("__match_args__ elements must be strings (got " + interp.typeName(name) + ")");
                attribute(name);
            }
        }
    }
    for (const Value& name : kwNames.as<TupleObject>()->items)
        attribute(name);
    if (missing)
        return Value::none();
    return interp.newTuple(std::move(attributes));
}

void buildSet(Interpreter& interp, Value*& sp, int count) {
    Value set = interp.newSet();
    for (Value* p = sp - count; p < sp; ++p) {
        const std::size_t h = interp.hash(*p);
        interp.setInsert(set.as<SetObject>(), *p, h);
    }
    for (int i = 0; i < count; ++i)
        (--sp)->clear();
    *sp++ = std::move(set);
}

void buildMap(Interpreter& interp, Value*& sp, int count) {
    Value dict = interp.newDict();
    for (Value* p = sp - 2 * count; p < sp; p += 2)
        interp.dictSet(dict.as<DictObject>(), p[0], p[1]);
    for (int i = 0; i < 2 * count; ++i)
        (--sp)->clear();
    *sp++ = std::move(dict);
}

void buildString(Interpreter& interp, Value*& sp, int count) {
    std::size_t total = 0;
    for (Value* p = sp - count; p < sp; ++p)
        total += p->as<StrObject>()->text.size();
    std::string out;
    out.reserve(total);
    for (Value* p = sp - count; p < sp; ++p)
        out += p->as<StrObject>()->text;
    for (int i = 0; i < count; ++i)
        (--sp)->clear();
    *sp++ = interp.str(std::move(out));
}

// [*a], {*a}, {**a} in displays: extend the list, set or dict `depth` below the top.
void listExtend(Interpreter& interp, Value*& sp, int depth) {
    std::vector<Value> items = interp.toVector(sp[-1]);
    auto& list = sp[-2 - depth].as<ListObject>()->items;
    list.insert(list.end(), items.begin(), items.end());
    (--sp)->clear();
}

void unpackIntoSet(Interpreter& interp, Value*& sp, int arg) {
    const int depth = arg & (kSetUpdateFoldedConstant - 1);
    if (arg & kSetUpdateFoldedConstant) {
        // The compiler's frozenset(items), remade from its own iteration order when the
        // compiler merges equal constants (each step picks slots, so each is taken here).
        Value constant = interp.newSet();
        for (const auto& slot : sp[-1].as<SetObject>()->table.slots())
            if (slot.active())
                interp.setInsert(constant.as<SetObject>(), slot.key, slot.hash);
        sp[-1] = std::move(constant);
    }
    interp.setUpdate(sp[-2 - depth].as<SetObject>(), sp[-1]);  // {*a, *b}
    (--sp)->clear();
}

void dictUpdate(Interpreter& interp, Value*& sp, int depth) {
    const Value& source = sp[-1];
    if (!source.is(Kind::Dict))
        interp.typeError("'" + interp.typeName(source) + "' object is not a mapping");
    auto* dict = sp[-2 - depth].as<DictObject>();
    for (auto& e : source.as<DictObject>()->table.entries())
        if (!e.key.empty())
            interp.dictSet(dict, e.key, e.value);
    (--sp)->clear();
}

// An f-string field: the value on top (and its format spec above it when arg & 0x100),
// converted with !r, !s or !a (the low byte of arg).
void formatValue(Interpreter& interp, Value*& sp, int arg) {
    Value spec = (arg & 0x100) ? std::move(*--sp) : Value();
    Value& value = sp[-1];
    const int conversion = arg & 0xFF;
    const std::string_view specText = spec.empty() ? std::string_view() : spec.as<StrObject>()->text;
    std::string text;
    if (conversion == 'r' || conversion == 'a')
        text = interp.format(interp.str(interp.repr(value)), specText);
    else if (conversion == 's')
        text = interp.format(interp.str(interp.toStr(value)), specText);
    else if (value.is(Kind::Str) && spec.empty())
        return;
    else
        text = interp.format(value, specText);
    sp[-1] = interp.str(std::move(text));
}

// a, b = sequence: the items pushed last first, so that the first target is stored first.
void unpackSequence(Interpreter& interp, Value*& sp, int count) {
    const Value& sequence = sp[-1];
    const std::vector<Value>* items = nullptr;
    std::vector<Value> collected;
    if (sequence.is(Kind::Tuple))
        items = &sequence.as<TupleObject>()->items;
    else if (sequence.is(Kind::List))
        items = &sequence.as<ListObject>()->items;
    else {
        if (!sequence.isObject() || (!sequence.is(Kind::Str) && !isBytesLike(sequence) && !sequence.is(Kind::Dict) && !sequence.is(Kind::Set) &&
                                     !sequence.is(Kind::Iterator) && !sequence.is(Kind::Generator) &&
                                     !sequence.is(Kind::Range) && !sequence.is(Kind::Instance)))
            interp.typeError("cannot unpack non-iterable " + interp.typeName(sequence) + " object");
        collected = interp.toVector(sequence);
        items = &collected;
    }
    const auto n = static_cast<std::size_t>(count);
    if (items->size() != n) {
        if (items->size() > n)
            interp.valueError("too many values to unpack (expected " + std::to_string(n) + ")");
        interp.valueError("not enough values to unpack (expected " + std::to_string(n) + ", got " +
                          std::to_string(items->size()) + ")");
    }
    std::vector<Value> copy = *items;
    (--sp)->clear();
    for (std::size_t i = n; i-- > 0;)
        *sp++ = std::move(copy[i]);
}

// a, *rest, b = sequence: arg is the targets before the star | those after it << 8.
void unpackStarred(Interpreter& interp, Value*& sp, int arg) {
    const std::size_t before = static_cast<std::size_t>(arg & 0xFF);
    const std::size_t after = static_cast<std::size_t>(arg >> 8);
    std::vector<Value> items = interp.toVector(sp[-1]);
    if (items.size() < before + after)
        interp.valueError("not enough values to unpack (expected at least " + std::to_string(before + after) + ", got " +
                          std::to_string(items.size()) + ")");
    (--sp)->clear();
    for (std::size_t i = 0; i < after; ++i)
        *sp++ = std::move(items[items.size() - 1 - i]);
    std::vector<Value> middle(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(before)),
                              std::make_move_iterator(items.end() - static_cast<std::ptrdiff_t>(after)));
    *sp++ = interp.newList(std::move(middle));
    for (std::size_t i = before; i-- > 0;)
        *sp++ = std::move(items[i]);
}

Value makeFunction(Interpreter& interp, Frame* f, Value*& sp, int arg) {
    const int flags = arg >> 24;
    CodeObject* target = f->code->children[static_cast<std::size_t>(arg & 0xFFFFFF)];
    auto* function = interp.heap().make<FunctionObject>();
    Value made(function);
    function->code = target;
    function->globals = f->globals;
    auto pop = [&] { return Value(std::move(*--sp)); };
    if (flags & kMakeFunctionClosure)
        function->closure = pop().as<TupleObject>()->items;
    if (flags & kMakeFunctionKwDefaults)
        function->kwDefaults = pop().as<TupleObject>()->items;
    if (flags & kMakeFunctionDefaults)
        function->defaults = pop().as<TupleObject>()->items;
    return made;
}

Value importFrom(Interpreter& interp, const Value& module, const Value& name) {
    Value found;
    if (!interp.findAttr(module, name, found)) {
        const std::string moduleName =
            module.is(Kind::Module) ? module.as<ModuleObject>()->name.as<StrObject>()->text : std::string("?");
        // `from collections import abc`: a submodule not imported yet is imported now.
        const std::string submodule = moduleName + "." + name.as<StrObject>()->text;
        if (module.is(Kind::Module) && findModule(submodule))
            return interp.importModule(submodule);
        interp.raise(interp.exc.importError,
                     "cannot import name '" + name.as<StrObject>()->text + "' from '" + moduleName + "' (unknown location)");
    }
    return found;
}

void importStar(Interpreter& interp, const Value& module, const Value& globals) {
    if (module.is(Kind::Module))
        for (auto& e : module.as<ModuleObject>()->dict.as<DictObject>()->table.entries())
            if (!e.key.empty() && e.key.as<StrObject>()->text[0] != '_')
                interp.dictSet(globals.as<DictObject>(), e.key, e.value);
}

// raise X / raise X from Y (arg: how many operands): the exception to raise.
Value exceptionToRaise(Interpreter& interp, Value*& sp, int arg) {
    Value cause = arg == 2 ? std::move(*--sp) : Value();
    if (arg == 0)
        interp.raise(interp.exc.runtimeError, "No active exception to reraise");
    Value error = std::move(*--sp);
    if (error.is(Kind::Class) && error.as<ClassObject>()->isException)
        error = interp.call(error, nullptr, 0);
    if (!interp.isException(error))
        interp.typeError("exceptions must derive from BaseException");
    if (arg == 2) {
        if (cause.is(Kind::Class) && cause.as<ClassObject>()->isException)
            cause = interp.call(cause, nullptr, 0);
        if (!cause.isNone() && !interp.isException(cause))
            interp.typeError("exception causes must derive from BaseException");
        ExceptionData* data = interp.exceptionData(error);
        data->cause = std::move(cause);
        data->suppressContext = true;
    }
    interp.chainContext(error, false);
    return error;
}

// except*: split the group still unhandled (under the type) into the part this clause
// matches, pushed on top, and the rest below it (None when empty).
// except*: the part of the group that matches the clause, and the rest (CPython's
// exception_group_match): a group that matches as a whole is the match; otherwise its split()
// by the clause's types, nested groups kept as they were.
void exceptStarMatch(Interpreter& interp, Value*& sp) {
    Value type = std::move(*--sp);
    Value remaining = std::move(*--sp);
    if (remaining.isNone()) {
        *sp++ = Value::none();
        *sp++ = Value::none();
        return;
    }
    if (exceptionMatches(interp, remaining, type, true)) {
        // A naked exception that matches reaches the handler wrapped in a group.
        const bool group = interp.isInstance(remaining, interp.exc.baseExceptionGroup);
        *sp++ = Value::none();
        *sp++ = group ? std::move(remaining) : interp.makeExceptionGroup("", {remaining}, false);
        return;
    }
    if (!interp.isInstance(remaining, interp.exc.baseExceptionGroup)) {
        *sp++ = std::move(remaining);
        *sp++ = Value::none();
        return;
    }
    Value rest;
    Value match = splitExceptionGroup(interp, remaining, type, rest);
    *sp++ = std::move(rest);
    *sp++ = std::move(match);
}

// What the except* clauses leave to raise (CPython's _PyExc_PrepReraiseStar), or Empty.
Value exceptStarResult(Interpreter& interp, const Value& original, const Value& remaining, const Value& raisedList,
                       const Value& reraisedList) {
    const auto& raised = raisedList.as<ListObject>()->items;
    const auto& reraised = reraisedList.as<ListObject>()->items;
    interp.chargeOps(cost::ExceptStarOps);
    if (!interp.isInstance(original, interp.exc.baseExceptionGroup)) {
        // A naked exception: one clause at most took it.
        if (!raised.empty())
            return raised.front();
        if (!reraised.empty())
            return reraised.front();
        return remaining.isNone() ? Value() : original;
    }
    std::vector<Value> keep = reraised;
    if (!remaining.isNone())
        keep.push_back(remaining);
    Value kept = keep.empty() ? Value() : projectExceptionGroup(interp, original, keep);
    if (raised.empty())
        return kept.isNone() ? Value() : kept;
    std::vector<Value> all = raised;
    if (!kept.empty() && !kept.isNone())
        all.push_back(kept);
    return interp.makeExceptionGroup("", std::move(all), true);
}

struct CurrentFrameScope {
    Frame*& slot;
    Frame* saved;
    CurrentFrameScope(Frame*& s, Frame* f) : slot(s), saved(s) { slot = f; }
    ~CurrentFrameScope() { slot = saved; }
};

} // namespace

// `s += t` on strings, as CPython's unicode_concatenate: when the next instruction stores
// the result back where `s` came from, that reference is dropped first, and if the stack then
// holds the only one, `t` is appended in place. A loop that grows a string so costs linear
// time, not quadratic.
bool Interpreter::concatenateInPlace(Frame* f, const Instr& next, Value* locals, Value* sp) {
    auto* left = sp[-2].as<StrObject>();
    if (left->interned || left->refs() != 2)  // the stack and the variable, nothing else
        return false;
    Value* variable = nullptr;
    if (next.op == Op::StoreFast) {
        variable = &locals[next.arg];
    } else if (next.op == Op::StoreName || next.op == Op::StoreGlobal) {
        const Value& name = f->code->names[static_cast<std::size_t>(next.arg)];
        const Value& scope = next.op == Op::StoreName && !f->localsDict.empty() ? f->localsDict : f->globals;
        variable = scope.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash());
    }
    if (!variable || !variable->identical(sp[-2]))
        return false;
    const std::string& more = sp[-1].as<StrObject>()->text;
    const std::size_t before = left->text.capacity();
    if (left->text.size() + more.size() > before)
        reserveMemory(static_cast<double>(std::max(left->text.size() + more.size(), 2 * before)));
    *variable = Value::none();  // the store that follows puts the grown string back
    left->append(more);
    heap_.charge(static_cast<std::int64_t>(left->text.capacity()) - static_cast<std::int64_t>(before));
    return true;
}

Interpreter::Status Interpreter::execute(Frame* entry, Value sent, bool throwIn, Value& result) {
    if (aborting_)
        throw ScriptAbort("aborted", 0);
    std::optional<DepthGuard> depthGuard;
    try {
        depthGuard.emplace(*this);
    } catch (ScriptError& e) {
        // Out of stack while unwinding into this frame: the RecursionError happens here, at the
        // line the frame stopped on, while the exception being thrown in was being handled.
        if (throwIn) {
            if (ExceptionData* data = exceptionData(e.exception); data && data->context.empty())
                data->context = sent;
            addTraceback(e.exception, entry->code,
                         entry->code->lineAt(static_cast<std::size_t>(entry->pc > 0 ? entry->pc - 1 : 0)));
        }
        throw;
    }
    CurrentFrameScope currentScope(current_, entry);

    Frame* f = entry;
    CodeObject* code = f->code;
    const Instr* instrs = code->code.data();
    Value* locals = f->locals();
    Value* stack = f->stack();
    Value* sp = stack + f->sp;
    std::int32_t pc = f->pc;
    const std::uint32_t* costs = kClassInstructionCosts[static_cast<std::size_t>(code->costClass)].data();
    Value pending;
    bool reraise = false;
    bool raising = false;
    bool chain = false;  // an error raised by an instruction, not thrown in or re-raised

    if (throwIn) {
        pending = std::move(sent);
        raising = true;
    } else if (pc > 0) {
        *sp++ = std::move(sent);
    }

#define SAVE() \
    do { \
        f->pc = pc; \
        f->sp = static_cast<std::int32_t>(sp - stack); \
    } while (0)
#define LOAD() \
    do { \
        code = f->code; \
        instrs = code->code.data(); \
        locals = f->locals(); \
        stack = f->stack(); \
        sp = stack + f->sp; \
        pc = f->pc; \
        current_ = f; \
        costs = kClassInstructionCosts[static_cast<std::size_t>(code->costClass)].data(); \
    } while (0)
#define POP() (std::move(*--sp))
#define TOP() (sp[-1])

    while (true) {
        if (raising)
            goto handle;
        try {
            while (true) {
                const Instr in = instrs[pc++];
                f->pc = pc;  // destructors (never-awaited warnings) and errors read the current line
                costPs_ += costs[static_cast<int>(in.op)];
                ++opsTotal_;
                switch (in.op) {
                case Op::Nop: break;
                case Op::PopTop: (--sp)->clear(); break;
                case Op::DupTop:
                    *sp = sp[-1];
                    ++sp;
                    break;
                case Op::DupTopTwo:
                    sp[0] = sp[-2];
                    sp[1] = sp[-1];
                    sp += 2;
                    break;
                case Op::RotTwo: sp[-1].swap(sp[-2]); break;
                case Op::RotThree: {
                    Value top = std::move(sp[-1]);
                    sp[-1] = std::move(sp[-2]);
                    sp[-2] = std::move(sp[-3]);
                    sp[-3] = std::move(top);
                    break;
                }
                case Op::LoadConst: *sp++ = code->consts[static_cast<std::size_t>(in.arg)]; break;
                case Op::LoadFast: {
                    const Value& v = locals[in.arg];
                    if (v.empty())
                        raiseUnboundLocal(*this, code, in.arg);
                    *sp++ = v;
                    break;
                }
                case Op::StoreFast: locals[in.arg] = POP(); break;
                case Op::DeleteFast:
                    if (locals[in.arg].empty())
                        raiseUnboundLocal(*this, code, in.arg);
                    locals[in.arg].clear();
                    break;
                case Op::ClearFast: locals[in.arg].clear(); break;
                case Op::LoadDeref: {
                    auto* cell = f->cells()[in.arg].as<CellObject>();
                    if (cell->value.empty())
                        raiseUnboundCell(*this, code, in.arg);
                    *sp++ = cell->value;
                    break;
                }
                case Op::StoreDeref: f->cells()[in.arg].as<CellObject>()->value = POP(); break;
                case Op::DeleteDeref: f->cells()[in.arg].as<CellObject>()->value.clear(); break;
                case Op::LoadClosure: *sp++ = f->cells()[in.arg]; break;
                case Op::LoadGlobal: {
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    const std::size_t h = name.as<StrObject>()->hash();
                    Value* found = f->globals.as<DictObject>()->table.lookup(name, h);
                    if (!found)
                        found = builtins_.as<DictObject>()->table.lookup(name, h);
                    if (!found)
                        raiseNameError(*this, f, name);
                    *sp++ = *found;
                    break;
                }
                case Op::StoreGlobal: {
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    f->globals.as<DictObject>()->table.insert(name, name.as<StrObject>()->hash(), std::move(sp[-1]));
                    --sp;
                    break;
                }
                case Op::DeleteGlobal: {
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    if (f->globals.as<DictObject>()->table.remove(name, name.as<StrObject>()->hash()).empty())
                        raiseNameError(*this, f, name);
                    break;
                }
                case Op::LoadName: {
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    const std::size_t h = name.as<StrObject>()->hash();
                    Value* found = nullptr;
                    if (!f->localsDict.empty())
                        found = f->localsDict.as<DictObject>()->table.lookup(name, h);
                    if (!found)
                        found = f->globals.as<DictObject>()->table.lookup(name, h);
                    if (!found)
                        found = builtins_.as<DictObject>()->table.lookup(name, h);
                    if (!found)
                        raiseNameError(*this, f, name);
                    *sp++ = *found;
                    break;
                }
                case Op::StoreName: {
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    Value target = f->localsDict.empty() ? f->globals : f->localsDict;
                    target.as<DictObject>()->table.insert(name, name.as<StrObject>()->hash(), std::move(sp[-1]));
                    --sp;
                    break;
                }
                case Op::DeleteName: {
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    Value target = f->localsDict.empty() ? f->globals : f->localsDict;
                    if (target.as<DictObject>()->table.remove(name, name.as<StrObject>()->hash()).empty())
                        raiseNameError(*this, f, name);
                    break;
                }
                case Op::LoadAttr: {
                    Value v = getAttr(sp[-1], code->names[static_cast<std::size_t>(in.arg)]);
                    sp[-1] = std::move(v);
                    break;
                }
                case Op::StoreAttr:
                    setAttr(sp[-1], code->names[static_cast<std::size_t>(in.arg)], sp[-2]);
                    (--sp)->clear();
                    (--sp)->clear();
                    break;
                case Op::DeleteAttr:
                    deleteAttr(sp[-1], code->names[static_cast<std::size_t>(in.arg)]);
                    (--sp)->clear();
                    break;
                case Op::LoadMethod: {
                    Value function;
                    Value self;
                    loadMethod(sp[-1], code->names[static_cast<std::size_t>(in.arg)], function, self);
                    sp[-1] = std::move(function);
                    *sp++ = std::move(self);
                    break;
                }
                case Op::CallMethod:
                case Op::CallMethodKw:
                case Op::Call:
                case Op::CallKw: {
                    const bool method = in.op == Op::CallMethod || in.op == Op::CallMethodKw;
                    const bool keywords = in.op == Op::CallKw || in.op == Op::CallMethodKw;
                    const TupleObject* kwNames = keywords ? sp[-1].as<TupleObject>() : nullptr;
                    const int extra = keywords ? 1 : 0;
                    const int argc = in.arg;
                    const int kwCount = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
                    Value* callableSlot = sp - extra - argc - (method ? 2 : 1);
                    Value* args = callableSlot + 1;
                    int count = argc - kwCount;
                    if (method) {
                        if (args[0].empty())
                            ++args;
                        else
                            ++count;
                    }
                    const Value& callable = *callableSlot;
                    if (callable.is(Kind::Function)) {
                        auto* function = callable.as<FunctionObject>();
                        CodeObject* target = function->code;
                        if (!target->isCoroutine && !target->isGenerator && !target->isAsyncGenerator) {
                            Frame* next = frameForCall(function, args, count, kwNames);
                            for (Value* p = sp; p > callableSlot;)
                                (--p)->clear();
                            sp = callableSlot;
                            callableSlot->clear();
                            if (depth_ + 1 > limits_.recursionLimit) {
                                freeFrame(next);
                                raiseRecursionError();
                            }
                            ++depth_;
                            SAVE();
                            next->caller = f;
                            f = next;
                            LOAD();
                            if (opsTotal_ >= nextCancelCheck_)
                                checkBudget(code->firstLine);
                            break;
                        }
                    }
                    SAVE();
                    Value value;
                    if (callable.is(Kind::Native) && callable.as<NativeObject>()->self.empty() &&
                        callable.as<NativeObject>()->fn) {
                        auto* native = callable.as<NativeObject>();
                        if (native->specializedCall)  // CPython 3.11's own instruction for it: an append's cost
                            costPs_ -= costs[static_cast<int>(in.op)] - costs[static_cast<int>(Op::ListAppend)];
                        flushCost();
                        CallArgs callArgs{args, count, args + count, kwNames, native};
                        value = native->fn(*this, callArgs);
                    } else {
                        value = call(callable, args, count, kwNames);
                    }
                    current_ = f;
                    for (Value* p = sp; p > callableSlot;)
                        (--p)->clear();
                    sp = callableSlot;
                    *sp++ = std::move(value);
                    break;
                }
                case Op::CallEx: {
                    Value* callableSlot = sp - ((in.arg & 1) ? 3 : 2);
                    SAVE();
                    Value value = callUnpacked(*this, callableSlot, (in.arg & 1) != 0);
                    current_ = f;
                    for (Value* p = sp; p > callableSlot;)
                        (--p)->clear();
                    sp = callableSlot;
                    *sp++ = std::move(value);
                    break;
                }
                case Op::BinaryOp: {
                    const auto op = static_cast<BinaryOp>(in.arg & 0xFF);
                    costPs_ += kBinaryOpExtraCosts[static_cast<std::size_t>(op)] / kCostClassDivisors[static_cast<std::size_t>(code->costClass)];
                    if (arithmeticFastPath(op, sp[-2], sp[-1])) {
                        --sp;
                        break;
                    }
                    if (in.arg == (static_cast<int>(BinaryOp::Add) | 0x100) && sp[-2].is(Kind::Str) &&
                        sp[-1].is(Kind::Str) && concatenateInPlace(f, instrs[pc], locals, sp)) {
                        (--sp)->clear();
                        break;
                    }
                    SAVE();
                    Value r = binary(op, sp[-2], sp[-1], (in.arg & 0x100) != 0);
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::UnaryNeg: {
                    Value r = unaryNegative(sp[-1]);
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::UnaryPos: {
                    Value r = unaryPositive(sp[-1]);
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::UnaryNot: sp[-1] = Value::boolean(!truthy(sp[-1])); break;
                case Op::UnaryInvert: {
                    Value r = unaryInvert(sp[-1]);
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::CompareOp: {
                    const auto op = static_cast<CompareOp>(in.arg);
                    if (compareFastPath(op, sp[-2], sp[-1])) {
                        --sp;
                        break;
                    }
                    SAVE();
                    Value r = compare(op, sp[-2], sp[-1]);
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::CheckExcMatch: {
                    const bool match = exceptionMatches(*this, sp[-2], sp[-1], false);
                    (--sp)->clear();
                    sp[-1] = Value::boolean(match);
                    break;
                }
                case Op::BinarySubscr: {
                    Value& object = sp[-2];
                    const Value& index = sp[-1];
                    if (object.is(Kind::List) && index.isInt() && !object.as<ListObject>()->derived) {
                        auto& items = object.as<ListObject>()->items;
                        std::int64_t i = index.asInt();
                        if (i < 0)
                            i += static_cast<std::int64_t>(items.size());
                        if (i >= 0 && i < static_cast<std::int64_t>(items.size())) {
                            Value v = items[static_cast<std::size_t>(i)];
                            --sp;
                            sp[-1] = std::move(v);
                            break;
                        }
                    }
                    SAVE();
                    Value v = getItem(object, index);
                    (--sp)->clear();
                    sp[-1] = std::move(v);
                    break;
                }
                case Op::StoreSubscr:
                    SAVE();
                    setItem(sp[-2], sp[-1], sp[-3]);
                    (--sp)->clear();
                    (--sp)->clear();
                    (--sp)->clear();
                    break;
                case Op::DeleteSubscr:
                    SAVE();
                    deleteItem(sp[-2], sp[-1]);
                    (--sp)->clear();
                    (--sp)->clear();
                    break;
                case Op::BuildSlice: {
                    Value step = in.arg == 3 ? POP() : Value::none();
                    Value stop = POP();
                    Value start = POP();
                    *sp++ = Value(heap_.make<SliceObject>(std::move(start), std::move(stop), std::move(step)));
                    break;
                }
                case Op::BuildTuple:
                case Op::BuildList: {
                    std::vector<Value> items;
                    items.reserve(static_cast<std::size_t>(in.arg));
                    for (Value* p = sp - in.arg; p < sp; ++p)
                        items.push_back(std::move(*p));
                    sp -= in.arg;
                    *sp++ = in.op == Op::BuildTuple ? newTuple(std::move(items)) : newList(std::move(items));
                    break;
                }
                case Op::BuildSet: buildSet(*this, sp, in.arg); break;
                case Op::BuildMap: buildMap(*this, sp, in.arg); break;
                case Op::BuildString: buildString(*this, sp, in.arg); break;
                case Op::ListAppend: {
                    auto& items = sp[-2 - in.arg].as<ListObject>()->items;
                    items.push_back(POP());
                    if ((items.size() & 0x3FF) == 0) {
                        heap_.charge(0x400 * sizeof(Value));
                        checkMemory();
                    }
                    break;
                }
                case Op::SetAdd: {
                    auto* set = sp[-2 - in.arg].as<SetObject>();
                    const std::size_t h = hash(sp[-1]);
                    setInsert(set, POP(), h);
                    break;
                }
                case Op::MapAdd: {
                    auto* dict = sp[-3 - in.arg].as<DictObject>();
                    dictSet(dict, sp[-2], sp[-1]);
                    (--sp)->clear();
                    (--sp)->clear();
                    break;
                }
                case Op::ListExtend: listExtend(*this, sp, in.arg); break;
                case Op::SetUpdate: unpackIntoSet(*this, sp, in.arg); break;
                case Op::DictUpdate: dictUpdate(*this, sp, in.arg); break;
                case Op::ListToTuple: {
                    Value tuple = newTuple(std::move(sp[-1].as<ListObject>()->items));
                    sp[-1] = std::move(tuple);
                    break;
                }
                case Op::FormatValue:
                    SAVE();
                    formatValue(*this, sp, in.arg);
                    break;
                case Op::UnpackSequence: unpackSequence(*this, sp, in.arg); break;
                case Op::UnpackEx: unpackStarred(*this, sp, in.arg); break;
                case Op::Jump:
                    if (in.arg < pc) {
                        if (opsTotal_ >= nextCancelCheck_) {
                            SAVE();
                            checkBudget(code->lineAt(static_cast<std::size_t>(pc - 1)));
                        }
                    }
                    pc = in.arg;
                    break;
                case Op::PopJumpIfFalse: {
                    const Value& v = sp[-1];
                    const bool t = v.isBool() ? v.asBool() : truthy(v);
                    (--sp)->clear();
                    if (!t)
                        pc = in.arg;
                    break;
                }
                case Op::PopJumpIfTrue: {
                    const Value& v = sp[-1];
                    const bool t = v.isBool() ? v.asBool() : truthy(v);
                    (--sp)->clear();
                    if (t)
                        pc = in.arg;
                    break;
                }
                case Op::JumpIfFalseOrPop:
                    if (!truthy(sp[-1]))
                        pc = in.arg;
                    else
                        (--sp)->clear();
                    break;
                case Op::JumpIfTrueOrPop:
                    if (truthy(sp[-1]))
                        pc = in.arg;
                    else
                        (--sp)->clear();
                    break;
                case Op::GetIter: {
                    SAVE();
                    Value it = getIter(sp[-1]);
                    sp[-1] = std::move(it);
                    break;
                }
                case Op::ForIter: {
                    Value& iterator = sp[-1];
                    if (iterator.is(Kind::Iterator)) {
                        auto* it = iterator.as<IteratorObject>();
                        if (it->iterKind == IteratorKind::Range) {
                            if (it->step > 0 ? it->index < it->stop : it->index > it->stop) {
                                *sp++ = Value::integer(it->index);
                                it->index += it->step;
                                break;
                            }
                            (--sp)->clear();
                            pc = in.arg;
                            break;
                        }
                        if (it->iterKind == IteratorKind::Sequence && it->source.is(Kind::List)) {
                            auto& items = it->source.as<ListObject>()->items;
                            if (static_cast<std::size_t>(it->index) < items.size()) {
                                *sp++ = items[static_cast<std::size_t>(it->index++)];
                                break;
                            }
                            (--sp)->clear();
                            pc = in.arg;
                            break;
                        }
                    }
                    SAVE();
                    Value item;
                    if (next(iterator, item)) {
                        *sp++ = std::move(item);
                    } else {
                        (--sp)->clear();
                        pc = in.arg;
                    }
                    current_ = f;
                    break;
                }
                case Op::MakeFunction: {
                    Value function = makeFunction(*this, f, sp, in.arg);
                    *sp++ = std::move(function);
                    break;
                }
                case Op::ReturnValue: {
                    Value value = POP();
                    if (f == entry) {
                        SAVE();
                        result = std::move(value);
                        flushCost();  // the CPU time belongs to this step, not to whoever runs next
                        return Status::Returned;
                    }
                    while (sp > stack)
                        (--sp)->clear();
                    Frame* caller = f->caller;
                    freeFrame(f);
                    --depth_;
                    f = caller;
                    LOAD();
                    *sp++ = std::move(value);
                    break;
                }
                case Op::ImportName: {
                    SAVE();
                    *sp++ = importModule(code->names[static_cast<std::size_t>(in.arg)].as<StrObject>()->text);
                    break;
                }
                case Op::ImportFrom: {
                    Value found = importFrom(*this, sp[-1], code->names[static_cast<std::size_t>(in.arg)]);
                    *sp++ = std::move(found);
                    break;
                }
                case Op::ImportStar: {
                    Value module = POP();
                    importStar(*this, module, f->globals);
                    break;
                }
                case Op::RaiseVarargs:
                    SAVE();
                    pending = exceptionToRaise(*this, sp, in.arg);
                    goto handle;
                case Op::Reraise:
                    pending = POP();
                    reraise = true;
                    goto handle;
                case Op::SetupFinally:
                    f->blocks[f->blockCount++] = {in.arg, static_cast<std::int32_t>(sp - stack)};
                    break;
                case Op::PopBlock: --f->blockCount; break;
                case Op::BeforeWith: {
                    SAVE();
                    Value entered = enterContext(sp[-1]);
                    *sp++ = std::move(entered);
                    break;
                }
                case Op::WithExitNormal: {
                    SAVE();
                    Value r = exitContext(sp[-1], Value());
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::WithExitExc: {
                    SAVE();
                    Value r = exitContext(sp[-2], sp[-1]);
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::BeforeAsyncWith: {
                    SAVE();
                    Value awaitable = enterAsyncContext(sp[-1]);
                    *sp++ = std::move(awaitable);
                    break;
                }
                case Op::AsyncWithExitNormal: {
                    SAVE();
                    Value awaitable = exitAsyncContext(sp[-1], Value());
                    sp[-1] = std::move(awaitable);
                    break;
                }
                case Op::AsyncWithExitExc: {
                    SAVE();
                    Value awaitable = exitAsyncContext(sp[-2], sp[-1]);
                    (--sp)->clear();
                    sp[-1] = std::move(awaitable);
                    break;
                }
                case Op::GetAwaitable: {
                    const Value& v = sp[-1];
                    if (!isAwaitable(v))
                        typeError("object " + typeName(v) + " can't be used in 'await' expression");
                    if (v.is(Kind::Coroutine) && v.as<CoroutineObject>()->consumed)
                        raise(exc.runtimeError, "cannot reuse already awaited coroutine");
                    break;
                }
                case Op::Await: {
                    Value& v = sp[-1];
                    if (v.is(Kind::Op)) {
                        auto* op = v.as<OpObject>();
                        if (!op->raiseInstead.empty()) {
                            op->awaited = true;
                            Value error = op->raiseInstead;
                            raise(std::move(error));
                        }
                        if (!op->ready.empty()) {
                            op->awaited = true;
                            Value ready = op->ready;
                            sp[-1] = std::move(ready);
                            break;
                        }
                    }
                    if (!loopRunning_ || !loop_ || !loop_->currentTask())
                        raise(exc.runtimeError, "no running event loop");
                    result = POP();
                    SAVE();
                    flushCost();
                    return Status::Awaiting;
                }
                case Op::GetAiter: {
                    SAVE();
                    Value it = asyncIterator(*this, sp[-1], true);
                    current_ = f;
                    sp[-1] = std::move(it);
                    break;
                }
                case Op::GetAnext: {
                    SAVE();
                    Value awaitable = asyncNext(*this, sp[-1], true);
                    current_ = f;
                    *sp++ = std::move(awaitable);
                    break;
                }
                case Op::EndAsyncFor: {
                    if (!isInstance(sp[-1], exc.stopAsyncIteration)) {
                        pending = POP();
                        reraise = true;
                        goto handle;
                    }
                    (--sp)->clear();
                    (--sp)->clear();
                    break;
                }
                case Op::YieldValue:
                    result = POP();
                    SAVE();
                    flushCost();
                    return Status::Yielded;
                case Op::BuildClass: {
                    SAVE();
                    Value cls = buildClass(sp[-3], sp[-2], sp[-1]);
                    current_ = f;
                    (--sp)->clear();
                    (--sp)->clear();
                    sp[-1] = std::move(cls);
                    break;
                }
                case Op::LoadAssertionError: *sp++ = Value(exc.assertionError); break;
                case Op::EgMatch: exceptStarMatch(*this, sp); break;
                case Op::EgReraise: {
                    SAVE();
                    Value original = POP();
                    Value remaining = POP();
                    Value reraisedList = POP();
                    Value raisedList = POP();
                    Value error = exceptStarResult(*this, original, remaining, raisedList, reraisedList);
                    current_ = f;
                    if (error.empty())
                        break;
                    pending = std::move(error);
                    reraise = true;
                    goto handle;
                }
                case Op::MatchSequence: {
                    const Value& subject = sp[-1];
                    const bool sequence = subject.is(Kind::List) || subject.is(Kind::Tuple) ||
                                          subject.is(Kind::Range) || isInstance(subject, types.listType) ||
                                          isInstance(subject, types.tupleType);
                    sp[-1] = Value::boolean(sequence);
                    break;
                }
                case Op::MatchMapping: {
                    const bool mapping = sp[-1].is(Kind::Dict) || isInstance(sp[-1], types.dictType);
                    sp[-1] = Value::boolean(mapping);
                    break;
                }
                case Op::GetLen: {
                    SAVE();
                    const std::int64_t n = length(sp[-1]);
                    sp[-1] = Value::integer(n);
                    break;
                }
                case Op::MatchKeys: {
                    SAVE();
                    Value r = matchKeys(*this, sp[-2], sp[-1]);
                    current_ = f;
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::CopyDictWithoutKeys: {
                    SAVE();
                    Value r = copyDictWithoutKeys(*this, sp[-2], sp[-1]);
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::MatchClass: {
                    SAVE();
                    Value r = matchClass(*this, sp[-3], sp[-2], sp[-1], in.arg);
                    current_ = f;
                    (--sp)->clear();
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::Count: break;
                }
            }
        } catch (ScriptError& error) {
            pending = std::move(error.exception);
            reraise = false;
            chain = true;
        } catch (ScriptAbort&) {
            // Unwind the frames pushed by this call; the caller frees the entry frame.
            while (f != entry) {
                while (sp > stack)
                    (--sp)->clear();
                Frame* caller = f->caller;
                freeFrame(f);
                --depth_;
                f = caller;
                LOAD();
            }
            SAVE();
            throw;
        } catch (...) {
            // Any other C++ exception from a builtin or the runtime becomes a Python exception.
            pending = exceptionFrom(std::current_exception());
            reraise = false;
            chain = true;
        }
    handle:
        raising = false;
        current_ = f;
        if (chain) {
            chainContext(pending, true);
            chain = false;
        }
        if (!reraise)
            addTraceback(pending, code, code->lineAt(static_cast<std::size_t>(pc > 0 ? pc - 1 : 0)));
        reraise = false;
        while (true) {
            if (f->blockCount > 0) {
                const HandlerBlock block = f->blocks[--f->blockCount];
                Value* level = stack + block.level;
                while (sp > level)
                    (--sp)->clear();
                *sp++ = std::move(pending);
                pc = block.handler;
                break;
            }
            while (sp > stack)
                (--sp)->clear();
            if (f == entry) {
                SAVE();
                flushCost();
                Value error = std::move(pending);
                throw ScriptError(std::move(error));
            }
            Frame* caller = f->caller;
            freeFrame(f);
            --depth_;
            f = caller;
            LOAD();
            addTraceback(pending, code, code->lineAt(static_cast<std::size_t>(pc > 0 ? pc - 1 : 0)));
        }
    }
#undef SAVE
#undef LOAD
#undef POP
#undef TOP
}

} // namespace awaitscope::script
