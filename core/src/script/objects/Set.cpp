// set and frozenset: a table of keys laid out as CPython lays out its own (objects/SetTable.h).
// A frozenset is the same object marked frozen: its class has only the methods that leave it
// as it is, it hashes as CPython's frozenset_hash, and what an operation makes from it is a
// frozenset again (the type of the left operand, as make_new_set_basetype picks).
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

SetObject* set(const Value& v) { return v.as<SetObject>(); }

// Each operation builds its result the way CPython's setobject.c does (which table it copies,
// which one it walks), because that decides the slots and so the order the result prints in.
Value copyOf(Interpreter& interp, const Value& source) {
    Value copy = interp.newSet();
    interp.setUpdate(set(copy), source);
    return copy;
}

// The result takes the kind of the set it was made from.
Value like(const Value& model, Value result) {
    set(result)->frozen = model.is(Kind::Set) && set(model)->frozen;
    return result;
}

Value makeFrozenset(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "frozenset", {"cls", "iterable"}, 1);
    if (a.has(1) && a[1].is(Kind::Set) && set(a[1])->frozen)
        return a[1];  // frozenset(f) is f
    Value result = interp.newSet();
    if (a.has(1))
        interp.setUpdate(set(result), a[1]);
    set(result)->frozen = true;
    return result;
}

Value makeSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set", {"cls", "iterable"}, 1);
    Value result = interp.newSet();
    if (a.has(1))
        interp.setUpdate(set(result), a[1]);
    return result;
}

Value setAdd(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "add", 1, 1);
    interp.setInsert(set(args[0]), args[1], interp.hash(args[1]));
    return Value::none();
}

Value setDiscard(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "discard", 1, 1);
    set(args[0])->table.remove(args[1], interp.hash(args[1]));
    return Value::none();
}

Value setRemove(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "remove", 1, 1);
    if (!set(args[0])->table.remove(args[1], interp.hash(args[1])))
        interp.raise(interp.newException(interp.exc.keyError, {args[1]}));
    return Value::none();
}

Value setPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 0, 0);
    Value key;
    if (!set(args[0])->table.pop(key))
        interp.raise(interp.exc.keyError, "pop from an empty set");
    return key;
}

Value setClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    set(args[0])->table.clear();
    return Value::none();
}

Value setUpdate(Interpreter& interp, CallArgs& args) {
    for (int i = 1; i < args.count; ++i)
        interp.setUpdate(set(args[0]), args[i]);
    return Value::none();
}

// The keys of a set as they lie in its slots (a copy: a script's __eq__ may change the set).
std::vector<SetTable::Slot> activeSlots(const SetObject* s) {
    std::vector<SetTable::Slot> keys;
    keys.reserve(s->table.size());
    for (const auto& slot : s->table.slots())
        if (slot.active())
            keys.push_back(slot);
    return keys;
}

Value intersection(Interpreter& interp, const Value& a, const Value& b) {
    if (a.identical(b))
        return copyOf(interp, a);
    Value result = interp.newSet();
    if (b.is(Kind::Set)) {
        // Walks the smaller set and looks in the larger.
        const SetObject* larger = set(a);
        const SetObject* smaller = set(b);
        if (smaller->table.size() > larger->table.size())
            std::swap(larger, smaller);
        for (auto& slot : activeSlots(smaller))
            if (larger->table.contains(slot.key, slot.hash))
                interp.setInsert(set(result), slot.key, slot.hash);
        return result;
    }
    for (Value& item : interp.toVector(b)) {
        const std::size_t h = interp.hash(item);
        if (set(a)->table.contains(item, h))
            interp.setInsert(set(result), std::move(item), h);
    }
    return result;
}

void differenceUpdate(Interpreter& interp, SetObject* target, const Value& other) {
    if (other.is(Kind::Set)) {
        if (set(other) == target) {
            target->table.clear();
            return;
        }
        for (auto& slot : activeSlots(set(other)))
            target->table.remove(slot.key, slot.hash);
    } else {
        for (const Value& item : interp.toVector(other))
            target->table.remove(item, interp.hash(item));
    }
    target->table.purgeDummies();
}

Value difference(Interpreter& interp, const Value& a, const Value& b) {
    std::size_t otherSize = 0;
    if (b.is(Kind::Set))
        otherSize = set(b)->table.size();
    else if (b.is(Kind::Dict))
        otherSize = b.as<DictObject>()->table.size();
    if ((!b.is(Kind::Set) && !b.is(Kind::Dict)) || (set(a)->table.size() >> 2) > otherSize) {
        Value result = copyOf(interp, a);  // copy, then take the other's keys out
        differenceUpdate(interp, set(result), b);
        return result;
    }
    Value result = interp.newSet();
    for (auto& slot : activeSlots(set(a))) {
        const bool inOther = b.is(Kind::Set) ? set(b)->table.contains(slot.key, slot.hash)
                                             : b.as<DictObject>()->table.find(slot.key, slot.hash) >= 0;
        if (!inOther)
            interp.setInsert(set(result), slot.key, slot.hash);
    }
    return result;
}

void symmetricDifferenceUpdate(Interpreter& interp, SetObject* target, const Value& other) {
    if (other.is(Kind::Set) && set(other) == target) {
        target->table.clear();
        return;
    }
    const Value others = other.is(Kind::Set) ? other : copyOf(interp, other);
    for (auto& slot : activeSlots(set(others)))
        if (!target->table.remove(slot.key, slot.hash))
            interp.setInsert(target, slot.key, slot.hash);
}

Value symmetricDifference(Interpreter& interp, const Value& a, const Value& b) {
    Value result = copyOf(interp, b);
    symmetricDifferenceUpdate(interp, set(result), a);
    return result;
}

Value setUnion(Interpreter& interp, CallArgs& args) {
    Value result = copyOf(interp, args[0]);
    for (int i = 1; i < args.count; ++i)
        interp.setUpdate(set(result), args[i]);
    return like(args[0], result);
}

Value intersectionOf(Interpreter& interp, CallArgs& args) {
    if (args.count == 1)
        return copyOf(interp, args[0]);
    Value result = args[0];
    for (int i = 1; i < args.count; ++i)
        result = intersection(interp, result, args[i]);
    return result;
}

Value setIntersection(Interpreter& interp, CallArgs& args) { return like(args[0], intersectionOf(interp, args)); }

Value setIntersectionUpdate(Interpreter& interp, CallArgs& args) {
    Value result = intersectionOf(interp, args);
    set(args[0])->table.swap(set(result)->table);
    return Value::none();
}

Value setDifference(Interpreter& interp, CallArgs& args) {
    if (args.count == 1)
        return like(args[0], copyOf(interp, args[0]));
    Value result = difference(interp, args[0], args[1]);
    for (int i = 2; i < args.count; ++i)
        differenceUpdate(interp, set(result), args[i]);
    return like(args[0], result);
}

Value setDifferenceUpdate(Interpreter& interp, CallArgs& args) {
    for (int i = 1; i < args.count; ++i)
        differenceUpdate(interp, set(args[0]), args[i]);
    return Value::none();
}

Value setSymmetricDifference(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "symmetric_difference", 1, 1);
    return like(args[0], symmetricDifference(interp, args[0], args[1]));
}

Value setSymmetricDifferenceUpdate(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "symmetric_difference_update", 1, 1);
    symmetricDifferenceUpdate(interp, set(args[0]), args[1]);
    return Value::none();
}

Value setCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    if (set(args[0])->frozen)
        return args[0];  // CPython's frozenset.copy is the frozenset itself
    return copyOf(interp, args[0]);
}

Value setIssubset(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "issubset", 1, 1);
    const Value other = args[1].is(Kind::Set) ? args[1] : copyOf(interp, args[1]);
    for (auto& slot : activeSlots(set(args[0])))
        if (!set(other)->table.contains(slot.key, slot.hash))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value setIssuperset(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "issuperset", 1, 1);
    for (const Value& item : interp.toVector(args[1]))
        if (!set(args[0])->table.contains(item, interp.hash(item)))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value setIsdisjoint(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "isdisjoint", 1, 1);
    for (const Value& item : interp.toVector(args[1]))
        if (set(args[0])->table.contains(item, interp.hash(item)))
            return Value::boolean(false);
    return Value::boolean(true);
}

std::string setRepr(Interpreter& interp, const Value& value) {
    const bool frozen = set(value)->frozen;
    if (set(value)->table.size() == 0)
        return frozen ? "frozenset()" : "set()";
    std::string out = frozen ? "frozenset({" : "{";
    bool first = true;
    for (auto& slot : activeSlots(set(value))) {
        if (!first)
            out += ", ";
        first = false;
        out += interp.repr(slot.key);
    }
    return out + (frozen ? "})" : "}");
}

std::int64_t setLength(Interpreter&, const Value& value) { return static_cast<std::int64_t>(set(value)->table.size()); }

Value setBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (!b.is(Kind::Set) || (op != BinaryOp::BitOr && op != BinaryOp::BitAnd && op != BinaryOp::Sub && op != BinaryOp::BitXor))
        return {};
    if (inplace && !set(a)->frozen) {  // a frozenset's |= makes a new one, as its | does
        switch (op) {
        case BinaryOp::BitOr: interp.setUpdate(set(a), b); break;
        case BinaryOp::BitAnd: {
            Value result = intersection(interp, a, b);
            set(a)->table.swap(set(result)->table);
            break;
        }
        case BinaryOp::Sub: differenceUpdate(interp, set(a), b); break;
        default: symmetricDifferenceUpdate(interp, set(a), b); break;
        }
        return a;
    }
    switch (op) {
    case BinaryOp::BitOr: {
        Value result = copyOf(interp, a);
        interp.setUpdate(set(result), b);
        return like(a, result);
    }
    case BinaryOp::BitAnd: return like(a, intersection(interp, a, b));
    case BinaryOp::Sub: return like(a, difference(interp, a, b));
    default: return like(a, symmetricDifference(interp, a, b));
    }
}

bool subset(SetObject* x, SetObject* y) {
    for (auto& slot : activeSlots(x))
        if (!y->table.contains(slot.key, slot.hash))
            return false;
    return true;
}

bool setEquals(Interpreter&, const Value& a, const Value& b) {
    return set(a)->table.size() == set(b)->table.size() && subset(set(a), set(b));
}

// Ordering is inclusion.
Value setCompare(Interpreter&, CompareOp op, const Value& a, const Value& b) {
    if (op == CompareOp::Ne || !b.is(Kind::Set))
        return {};
    auto* x = set(a);
    auto* y = set(b);
    switch (op) {
    case CompareOp::Le: return Value::boolean(subset(x, y));
    case CompareOp::Lt: return Value::boolean(x->table.size() < y->table.size() && subset(x, y));
    case CompareOp::Ge: return Value::boolean(subset(y, x));
    default: return Value::boolean(x->table.size() > y->table.size() && subset(y, x));
    }
}

int setContains(Interpreter& interp, const Value& container, const Value& item) {
    return set(container)->table.contains(item, interp.hash(item));
}

Value setIter(Interpreter& interp, const Value& iterable) {
    Value it = newIterator(interp, IteratorKind::Set, iterable);
    it.as<IteratorObject>()->version = set(iterable)->table.version();
    return it;
}

// CPython's frozenset_hash: each key's hash shuffled and xor-ed in (so the order does not
// matter), the size mixed in, then spread; a set has none.
std::size_t setHash(Interpreter& interp, const Value& value) {
    if (!set(value)->frozen)
        return unhashable(interp, value);
    auto shuffle = [](std::uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; };
    std::uint64_t h = 0;
    for (const auto& slot : set(value)->table.slots())
        if (slot.active())
            h ^= shuffle(slot.hash);
    h ^= (static_cast<std::uint64_t>(set(value)->table.size()) + 1) * 1927868237ULL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923ULL;
    return h == ~std::uint64_t{0} ? 590923713ULL : h;
}

constexpr TypeSlots kSetSlots{.repr = setRepr,
                              .length = setLength,
                              .hash = setHash,
                              .binary = setBinary,
                              .equals = setEquals,
                              .compare = setCompare,
                              .contains = setContains,
                              .iter = setIter};

} // namespace

void installSetType(Interpreter& interp) {
    ClassObject* s = interp.makeClass("set", {interp.types.object}, BuiltinType::Set, kSetSlots, makeSet);
    interp.types.setType = s;
    interp.addMethod(s, "add", setAdd);
    interp.addMethod(s, "discard", setDiscard);
    interp.addMethod(s, "remove", setRemove);
    interp.addMethod(s, "pop", setPop);
    interp.addMethod(s, "clear", setClear);
    interp.addMethod(s, "update", setUpdate);
    interp.addMethod(s, "union", setUnion);
    interp.addMethod(s, "intersection", setIntersection);
    interp.addMethod(s, "difference", setDifference);
    interp.addMethod(s, "difference_update", setDifferenceUpdate);
    interp.addMethod(s, "intersection_update", setIntersectionUpdate);
    interp.addMethod(s, "symmetric_difference", setSymmetricDifference);
    interp.addMethod(s, "symmetric_difference_update", setSymmetricDifferenceUpdate);
    interp.addMethod(s, "isdisjoint", setIsdisjoint);
    interp.addMethod(s, "copy", setCopy);
    interp.addMethod(s, "issubset", setIssubset);
    interp.addMethod(s, "issuperset", setIssuperset);

    ClassObject* f = interp.makeClass("frozenset", {interp.types.object}, BuiltinType::Set, kSetSlots, makeFrozenset);
    interp.types.frozensetType = f;
    const std::pair<const char*, NativeFn> unchanging[] = {
        {"copy", setCopy},
        {"union", setUnion},
        {"intersection", setIntersection},
        {"difference", setDifference},
        {"symmetric_difference", setSymmetricDifference},
        {"issubset", setIssubset},
        {"issuperset", setIssuperset},
        {"isdisjoint", setIsdisjoint}};
    for (const auto& [name, fn] : unchanging)
        interp.addMethod(f, name, fn);
}

} // namespace awaitscope::script
