// The bytecode machine (CPython's ceval.c): one loop over the instructions of vm/Opcodes.def.
// Python-to-Python calls push frames and continue in the same loop; only coroutine and
// generator frames are entered from outside (and can suspend). A frame that reaches `await`
// returns the awaitable to its C++ coroutine (objects/Coroutine.cpp: coroutineBody), which
// co_awaits it on the runtime and resumes the frame with the outcome.
#include "script/objects/Awaitables.h"
#include "script/objects/Types.h"
#include "script/vm/CostModel.h"
#include "script/vm/Interpreter.h"
#include "awaitscope/trace/Recorder.h"

#include <cmath>
#include <cstring>

namespace awaitscope::script {

namespace {

std::string unboundMessage(const CodeObject* code, int slot) {
    return "cannot access local variable '" + code->localNames[static_cast<std::size_t>(slot)].as<StrObject>()->text +
           "' where it is not associated with a value";
}

} // namespace

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

struct CurrentFrameScope {
    Frame*& slot;
    Frame* saved;
    CurrentFrameScope(Frame*& s, Frame* f) : slot(s), saved(s) { slot = f; }
    ~CurrentFrameScope() { slot = saved; }
};

} // namespace

Interpreter::Status Interpreter::execute(Frame* entry, Value sent, bool throwIn, Value& result) {
    if (aborting_)
        throw ScriptAbort("aborted", 0);
    DepthGuard depthGuard(*this);
    CurrentFrameScope currentScope(current_, entry);

    Frame* f = entry;
    CodeObject* code = f->code;
    const Instr* instrs = code->code.data();
    Value* locals = f->locals();
    Value* stack = f->stack();
    Value* sp = stack + f->sp;
    std::int32_t pc = f->pc;
    Value pending;
    bool reraise = false;
    bool raising = false;

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
    } while (0)
#define POP() (std::move(*--sp))
#define TOP() (sp[-1])

    const std::uint32_t* costs = kInstructionCosts.data();
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
                        raise(exc.unboundLocalError, unboundMessage(code, in.arg));
                    *sp++ = v;
                    break;
                }
                case Op::StoreFast: locals[in.arg] = POP(); break;
                case Op::DeleteFast:
                    if (locals[in.arg].empty())
                        raise(exc.unboundLocalError, unboundMessage(code, in.arg));
                    locals[in.arg].clear();
                    break;
                case Op::ClearFast: locals[in.arg].clear(); break;
                case Op::LoadDeref: {
                    auto* cell = f->cells()[in.arg].as<CellObject>();
                    if (cell->value.empty()) {
                        const auto index = static_cast<std::size_t>(in.arg);
                        if (index < code->cellNames.size())
                            raise(exc.unboundLocalError, "cannot access local variable '" +
                                                             code->cellNames[index].as<StrObject>()->text +
                                                             "' where it is not associated with a value");
                        raise(exc.nameError, "cannot access free variable '" +
                                                 code->freeNames[index - code->cellNames.size()].as<StrObject>()->text +
                                                 "' where it is not associated with a value in enclosing scope");
                    }
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
                        raise(exc.nameError, "name '" + name.as<StrObject>()->text + "' is not defined");
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
                        raise(exc.nameError, "name '" + name.as<StrObject>()->text + "' is not defined");
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
                        raise(exc.nameError, "name '" + name.as<StrObject>()->text + "' is not defined");
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
                        raise(exc.nameError, "name '" + name.as<StrObject>()->text + "' is not defined");
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
                        if (!target->isCoroutine && !target->isGenerator) {
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
                    const bool hasKw = (in.arg & 1) != 0;
                    Value* callableSlot = sp - (hasKw ? 3 : 2);
                    std::vector<Value> all = callableSlot[1].as<TupleObject>()->items;
                    const int count = static_cast<int>(all.size());
                    Value names;
                    if (hasKw) {
                        const Value& kw = callableSlot[2];
                        if (!kw.is(Kind::Dict))
                            typeError("argument after ** must be a mapping, not " + typeName(kw));
                        std::vector<Value> keys;
                        for (auto& e : kw.as<DictObject>()->table.entries()) {
                            if (e.key.empty())
                                continue;
                            if (!e.key.is(Kind::Str))
                                typeError("keywords must be strings");
                            keys.push_back(e.key);
                            all.push_back(e.value);
                        }
                        if (!keys.empty())
                            names = newTuple(std::move(keys));
                    }
                    SAVE();
                    Value value = call(callableSlot[0], all.data(), count,
                                       names.empty() ? nullptr : names.as<TupleObject>());
                    current_ = f;
                    for (Value* p = sp; p > callableSlot;)
                        (--p)->clear();
                    sp = callableSlot;
                    *sp++ = std::move(value);
                    break;
                }
                case Op::BinaryOp: {
                    Value& a = sp[-2];
                    const Value& b = sp[-1];
                    const auto op = static_cast<BinaryOp>(in.arg & 0xFF);
                    if (a.isInt() && b.isInt()) {
                        std::int64_t r;
                        const std::int64_t x = a.asInt();
                        const std::int64_t y = b.asInt();
                        if (op == BinaryOp::Add && !__builtin_add_overflow(x, y, &r)) {
                            a = Value::integer(r);
                            --sp;
                            break;
                        }
                        if (op == BinaryOp::Sub && !__builtin_sub_overflow(x, y, &r)) {
                            a = Value::integer(r);
                            --sp;
                            break;
                        }
                        if (op == BinaryOp::Mul && !__builtin_mul_overflow(x, y, &r)) {
                            a = Value::integer(r);
                            --sp;
                            break;
                        }
                    } else if (a.isFloat() && b.isFloat()) {
                        if (op == BinaryOp::Add) {
                            a = Value::real(a.asFloat() + b.asFloat());
                            --sp;
                            break;
                        }
                        if (op == BinaryOp::Mul) {
                            a = Value::real(a.asFloat() * b.asFloat());
                            --sp;
                            break;
                        }
                        if (op == BinaryOp::Sub) {
                            a = Value::real(a.asFloat() - b.asFloat());
                            --sp;
                            break;
                        }
                    }
                    SAVE();
                    Value r = binary(op, a, b, (in.arg & 0x100) != 0);
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
                    Value& a = sp[-2];
                    const Value& b = sp[-1];
                    const auto op = static_cast<CompareOp>(in.arg);
                    if (a.isInt() && b.isInt()) {
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
                        default: goto slowCompare;
                        }
                        a = Value::boolean(r);
                        --sp;
                        break;
                    }
                slowCompare:
                    SAVE();
                    Value r = compare(op, a, b);
                    (--sp)->clear();
                    sp[-1] = std::move(r);
                    break;
                }
                case Op::CheckExcMatch: {
                    const Value& type = sp[-1];
                    const Value& error = sp[-2];
                    bool match = false;
                    auto check = [&](const Value& t) {
                        if (!t.is(Kind::Class) || !t.as<ClassObject>()->isException)
                            typeError("catching classes that do not inherit from BaseException is not allowed");
                        return isInstance(error, t.as<ClassObject>());
                    };
                    if (type.is(Kind::Tuple)) {
                        for (const Value& t : type.as<TupleObject>()->items)
                            if (check(t))
                                match = true;
                    } else {
                        match = check(type);
                    }
                    (--sp)->clear();
                    sp[-1] = Value::boolean(match);
                    break;
                }
                case Op::BinarySubscr: {
                    Value& object = sp[-2];
                    const Value& index = sp[-1];
                    if (object.is(Kind::List) && index.isInt()) {
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
                case Op::BuildSet: {
                    Value set = newSet();
                    for (Value* p = sp - in.arg; p < sp; ++p) {
                        const std::size_t h = hash(*p);
                        set.as<SetObject>()->table.insert(*p, h, Value::none());
                    }
                    for (int i = 0; i < in.arg; ++i)
                        (--sp)->clear();
                    *sp++ = std::move(set);
                    break;
                }
                case Op::BuildMap: {
                    Value dict = newDict();
                    for (Value* p = sp - 2 * in.arg; p < sp; p += 2)
                        dictSet(dict.as<DictObject>(), p[0], p[1]);
                    for (int i = 0; i < 2 * in.arg; ++i)
                        (--sp)->clear();
                    *sp++ = std::move(dict);
                    break;
                }
                case Op::BuildString: {
                    std::size_t total = 0;
                    for (Value* p = sp - in.arg; p < sp; ++p)
                        total += p->as<StrObject>()->text.size();
                    std::string out;
                    out.reserve(total);
                    for (Value* p = sp - in.arg; p < sp; ++p)
                        out += p->as<StrObject>()->text;
                    for (int i = 0; i < in.arg; ++i)
                        (--sp)->clear();
                    *sp++ = str(std::move(out));
                    break;
                }
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
                    set->table.insert(POP(), h, Value::none());
                    break;
                }
                case Op::MapAdd: {
                    auto* dict = sp[-3 - in.arg].as<DictObject>();
                    dictSet(dict, sp[-2], sp[-1]);
                    (--sp)->clear();
                    (--sp)->clear();
                    break;
                }
                case Op::ListExtend: {
                    std::vector<Value> items = toVector(sp[-1]);
                    auto& list = sp[-2 - in.arg].as<ListObject>()->items;
                    list.insert(list.end(), items.begin(), items.end());
                    (--sp)->clear();
                    break;
                }
                case Op::SetUpdate: {
                    std::vector<Value> items = toVector(sp[-1]);
                    auto* set = sp[-2 - in.arg].as<SetObject>();
                    for (Value& item : items) {
                        const std::size_t h = hash(item);
                        set->table.insert(std::move(item), h, Value::none());
                    }
                    (--sp)->clear();
                    break;
                }
                case Op::DictUpdate: {
                    const Value& source = sp[-1];
                    if (!source.is(Kind::Dict))
                        typeError("'" + typeName(source) + "' object is not a mapping");
                    auto* dict = sp[-2 - in.arg].as<DictObject>();
                    for (auto& e : source.as<DictObject>()->table.entries())
                        if (!e.key.empty())
                            dictSet(dict, e.key, e.value);
                    (--sp)->clear();
                    break;
                }
                case Op::ListToTuple: {
                    Value tuple = newTuple(std::move(sp[-1].as<ListObject>()->items));
                    sp[-1] = std::move(tuple);
                    break;
                }
                case Op::FormatValue: {
                    Value spec = (in.arg & 0x100) ? POP() : Value();
                    Value& value = sp[-1];
                    const int conversion = in.arg & 0xFF;
                    SAVE();
                    std::string text;
                    if (conversion == 'r' || conversion == 'a')
                        text = format(str(repr(value)), spec.empty() ? std::string_view() : spec.as<StrObject>()->text);
                    else if (conversion == 's')
                        text = format(str(toStr(value)), spec.empty() ? std::string_view() : spec.as<StrObject>()->text);
                    else if (value.is(Kind::Str) && spec.empty()) {
                        break;
                    } else
                        text = format(value, spec.empty() ? std::string_view() : spec.as<StrObject>()->text);
                    sp[-1] = str(std::move(text));
                    break;
                }
                case Op::UnpackSequence: {
                    const Value& sequence = sp[-1];
                    const std::vector<Value>* items = nullptr;
                    std::vector<Value> collected;
                    if (sequence.is(Kind::Tuple))
                        items = &sequence.as<TupleObject>()->items;
                    else if (sequence.is(Kind::List))
                        items = &sequence.as<ListObject>()->items;
                    else {
                        if (!sequence.isObject() || (!sequence.is(Kind::Str) && !sequence.is(Kind::Dict) &&
                                                     !sequence.is(Kind::Set) && !sequence.is(Kind::Iterator) &&
                                                     !sequence.is(Kind::Generator) && !sequence.is(Kind::Range) &&
                                                     !sequence.is(Kind::Instance)))
                            typeError("cannot unpack non-iterable " + typeName(sequence) + " object");
                        collected = toVector(sequence);
                        items = &collected;
                    }
                    const auto n = static_cast<std::size_t>(in.arg);
                    if (items->size() != n) {
                        if (items->size() > n)
                            valueError("too many values to unpack (expected " + std::to_string(n) + ")");
                        valueError("not enough values to unpack (expected " + std::to_string(n) + ", got " +
                                   std::to_string(items->size()) + ")");
                    }
                    std::vector<Value> copy = *items;
                    (--sp)->clear();
                    for (std::size_t i = n; i-- > 0;)
                        *sp++ = std::move(copy[i]);
                    break;
                }
                case Op::UnpackEx: {
                    const std::size_t before = static_cast<std::size_t>(in.arg & 0xFF);
                    const std::size_t after = static_cast<std::size_t>(in.arg >> 8);
                    std::vector<Value> items = toVector(sp[-1]);
                    if (items.size() < before + after)
                        valueError("not enough values to unpack (expected at least " + std::to_string(before + after) +
                                   ", got " + std::to_string(items.size()) + ")");
                    (--sp)->clear();
                    for (std::size_t i = 0; i < after; ++i)
                        *sp++ = std::move(items[items.size() - 1 - i]);
                    std::vector<Value> middle(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(before)),
                                              std::make_move_iterator(items.end() - static_cast<std::ptrdiff_t>(after)));
                    *sp++ = newList(std::move(middle));
                    for (std::size_t i = before; i-- > 0;)
                        *sp++ = std::move(items[i]);
                    break;
                }
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
                    const int flags = in.arg >> 24;
                    CodeObject* target = code->children[static_cast<std::size_t>(in.arg & 0xFFFFFF)];
                    auto* function = heap_.make<FunctionObject>();
                    Value made(function);
                    function->code = target;
                    function->globals = f->globals;
                    if (flags & kMakeFunctionClosure) {
                        function->closure = POP().as<TupleObject>()->items;
                    }
                    if (flags & kMakeFunctionKwDefaults)
                        function->kwDefaults = POP().as<TupleObject>()->items;
                    if (flags & kMakeFunctionDefaults)
                        function->defaults = POP().as<TupleObject>()->items;
                    *sp++ = std::move(made);
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
                    const Value& name = code->names[static_cast<std::size_t>(in.arg)];
                    Value found;
                    if (!findAttr(sp[-1], name, found)) {
                        const std::string module = sp[-1].is(Kind::Module)
                                                       ? sp[-1].as<ModuleObject>()->name.as<StrObject>()->text
                                                       : std::string("?");
                        raise(exc.importError, "cannot import name '" + name.as<StrObject>()->text + "' from '" + module +
                                                   "' (unknown location)");
                    }
                    *sp++ = std::move(found);
                    break;
                }
                case Op::ImportStar: {
                    Value module = POP();
                    if (module.is(Kind::Module))
                        for (auto& e : module.as<ModuleObject>()->dict.as<DictObject>()->table.entries())
                            if (!e.key.empty() && e.key.as<StrObject>()->text[0] != '_')
                                dictSet(f->globals.as<DictObject>(), e.key, e.value);
                    break;
                }
                case Op::RaiseVarargs: {
                    Value cause = in.arg == 2 ? POP() : Value();
                    if (in.arg == 0)
                        raise(exc.runtimeError, "No active exception to reraise");
                    Value error = POP();
                    if (error.is(Kind::Class) && error.as<ClassObject>()->isException) {
                        SAVE();
                        error = call(error, nullptr, 0);
                    }
                    if (!isException(error))
                        typeError("exceptions must derive from BaseException");
                    if (in.arg == 2) {
                        if (cause.is(Kind::Class) && cause.as<ClassObject>()->isException)
                            cause = call(cause, nullptr, 0);
                        if (!cause.isNone() && !isException(cause))
                            typeError("exception causes must derive from BaseException");
                        exceptionData(error)->cause = std::move(cause);
                    }
                    pending = std::move(error);
                    goto handle;
                }
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
                case Op::EgPrepare: {
                    Value& error = sp[-1];
                    if (!isInstance(error, exc.baseExceptionGroup)) {
                        Value group = makeExceptionGroup("", {error}, false);
                        sp[-1] = std::move(group);
                    }
                    break;
                }
                case Op::EgMatch: {
                    Value type = POP();
                    Value remaining = POP();
                    auto matches = [&](const Value& e) {
                        auto check = [&](const Value& t) {
                            if (!t.is(Kind::Class) || !t.as<ClassObject>()->isException)
                                typeError("catching classes that do not inherit from BaseException is not allowed");
                            if (isSubclass(t.as<ClassObject>(), exc.baseExceptionGroup))
                                typeError("catching ExceptionGroup with except* is not allowed. Use except instead.");
                            return isInstance(e, t.as<ClassObject>());
                        };
                        if (type.is(Kind::Tuple)) {
                            for (const Value& t : type.as<TupleObject>()->items)
                                if (check(t))
                                    return true;
                            return false;
                        }
                        return check(type);
                    };
                    if (remaining.isNone()) {
                        *sp++ = Value::none();
                        *sp++ = Value::none();
                        break;
                    }
                    ExceptionData* data = exceptionData(remaining);
                    std::vector<Value> matched;
                    std::vector<Value> rest;
                    for (const Value& e : data->exceptions.as<TupleObject>()->items)
                        (matches(e) ? matched : rest).push_back(e);
                    const std::string message = data->message.as<StrObject>()->text;
                    Value matchValue = Value::none();
                    Value restValue = Value::none();
                    if (!matched.empty())
                        matchValue = rest.empty() ? remaining : makeExceptionGroup(message, matched, true);
                    if (!rest.empty())
                        restValue = matched.empty() ? remaining : makeExceptionGroup(message, rest, true);
                    if (!matched.empty() && !rest.empty()) {
                        exceptionData(matchValue)->traceback = data->traceback;
                        exceptionData(restValue)->traceback = data->traceback;
                    }
                    *sp++ = std::move(restValue);
                    *sp++ = std::move(matchValue);
                    break;
                }
                case Op::EgReraise: {
                    Value original = POP();
                    Value remaining = POP();
                    if (remaining.isNone())
                        break;
                    if (!isInstance(original, exc.baseExceptionGroup) || remaining.identical(original))
                        pending = std::move(original);
                    else
                        pending = std::move(remaining);
                    reraise = true;
                    goto handle;
                }
                case Op::Count: break;
                }
            }
        } catch (ScriptError& error) {
            pending = std::move(error.exception);
            reraise = false;
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
        }
    handle:
        raising = false;
        current_ = f;
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
