// set (and frozenset, which is the same class here): a hash table of keys.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

SetObject* set(const Value& v) { return v.as<SetObject>(); }

Value makeSet(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "set", {"cls", "iterable"}, 1);
    Value set = interp.newSet();
    if (a.has(1))
        for (Value& item : interp.toVector(a[1])) {
            const std::size_t h = interp.hash(item);
            interp.setInsert(set.as<SetObject>(), std::move(item), h);
        }
    return set;
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
    if (set(args[0])->table.remove(args[1], interp.hash(args[1])).empty())
        interp.raise(interp.newException(interp.exc.keyError, {args[1]}));
    return Value::none();
}

Value setPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 0, 0);
    for (auto& e : set(args[0])->table.entries())
        if (!e.key.empty()) {
            Value key = e.key;
            set(args[0])->table.remove(key, e.hash);
            return key;
        }
    interp.raise(interp.exc.keyError, "pop from an empty set");
}

Value setClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    set(args[0])->table.clear();
    return Value::none();
}

Value setUpdate(Interpreter& interp, CallArgs& args) {
    for (int i = 1; i < args.count; ++i)
        for (Value& item : interp.toVector(args[i])) {
            const std::size_t h = interp.hash(item);
            interp.setInsert(set(args[0]), std::move(item), h);
        }
    return Value::none();
}

Value setCombine(Interpreter& interp, CallArgs& args, BinaryOp op) {
    Value result = args[0];
    for (int i = 1; i < args.count; ++i) {
        Value other = args[i];
        if (!other.is(Kind::Set)) {
            Value converted = interp.newSet();
            for (Value& item : interp.toVector(other)) {
                const std::size_t h = interp.hash(item);
                interp.setInsert(set(converted), std::move(item), h);
            }
            other = converted;
        }
        result = interp.binary(op, result, other);
    }
    if (args.count == 1) {
        Value copy = interp.newSet();
        set(copy)->table = set(args[0])->table;
        return copy;
    }
    return result;
}

Value setUnion(Interpreter& interp, CallArgs& args) { return setCombine(interp, args, BinaryOp::BitOr); }
Value setIntersection(Interpreter& interp, CallArgs& args) { return setCombine(interp, args, BinaryOp::BitAnd); }
Value setDifference(Interpreter& interp, CallArgs& args) { return setCombine(interp, args, BinaryOp::Sub); }
Value setCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    return setCombine(interp, args, BinaryOp::BitOr);
}

Value setIssubset(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "issubset", 1, 1);
    for (auto& e : set(args[0])->table.entries())
        if (!e.key.empty() && !interp.contains(args[1], e.key))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value setIssuperset(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "issuperset", 1, 1);
    for (const Value& item : interp.toVector(args[1]))
        if (!interp.contains(args[0], item))
            return Value::boolean(false);
    return Value::boolean(true);
}

std::string setRepr(Interpreter& interp, const Value& value) {
    auto& table = set(value)->table;
    if (table.size() == 0)
        return "set()";
    std::string out = "{";
    bool first = true;
    for (auto& e : table.entries()) {
        if (e.key.empty())
            continue;
        if (!first)
            out += ", ";
        first = false;
        out += interp.repr(e.key);
    }
    return out + "}";
}

std::int64_t setLength(Interpreter&, const Value& value) { return static_cast<std::int64_t>(set(value)->table.size()); }

Value setBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (!b.is(Kind::Set) || (op != BinaryOp::BitOr && op != BinaryOp::BitAnd && op != BinaryOp::Sub && op != BinaryOp::BitXor))
        return {};
    auto* x = set(a);
    auto* y = set(b);
    Value result = interp.newSet();
    auto* r = set(result);
    for (auto& e : x->table.entries()) {
        if (e.key.empty())
            continue;
        const bool inY = y->table.find(e.key, e.hash) >= 0;
        if ((op == BinaryOp::BitOr) || (op == BinaryOp::BitAnd && inY) ||
            ((op == BinaryOp::Sub || op == BinaryOp::BitXor) && !inY))
            interp.setInsert(r, e.key, e.hash);
    }
    if (op == BinaryOp::BitOr || op == BinaryOp::BitXor)
        for (auto& e : y->table.entries())
            if (!e.key.empty() && (op == BinaryOp::BitOr || x->table.find(e.key, e.hash) < 0))
                interp.setInsert(r, e.key, e.hash);
    if (inplace) {
        x->table = r->table;
        return a;
    }
    return result;
}

bool subset(SetObject* x, SetObject* y) {
    for (auto& e : x->table.entries())
        if (!e.key.empty() && y->table.find(e.key, e.hash) < 0)
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
    return set(container)->table.find(item, interp.hash(item)) >= 0;
}

Value setIter(Interpreter& interp, const Value& iterable) {
    Value it = newIterator(interp, IteratorKind::Set, iterable);
    it.as<IteratorObject>()->version = set(iterable)->table.version();
    return it;
}

constexpr TypeSlots kSetSlots{.repr = setRepr,
                              .length = setLength,
                              .hash = unhashable,
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
    interp.addMethod(s, "copy", setCopy);
    interp.addMethod(s, "issubset", setIssubset);
    interp.addMethod(s, "issuperset", setIssuperset);
}

} // namespace awaitscope::script
