// tuple: an immutable sequence; hashable when its items are.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

namespace awaitscope::script {

namespace {

Value makeTuple(Interpreter& interp, CallArgs& args) {
    if (args.count > 2)
        interp.typeError("tuple expected at most 1 argument, got " + std::to_string(args.count - 1));
    ArgParser a(interp, args, "tuple", {"cls", "iterable"}, 1);
    // tuple(t) is t itself only for an exact tuple: a subclass's instance gives a plain copy.
    if (a.has(1) && a[1].is(Kind::Tuple) && !derivedParts(a[1]))
        return a[1];
    return interp.newTuple(a.has(1) ? interp.toVector(a[1]) : std::vector<Value>{});
}

Value tupleIndex(Interpreter& interp, CallArgs& args) {
    return sequenceIndex(interp, args, args[0].as<TupleObject>()->items, "tuple");
}

Value tupleCount(Interpreter& interp, CallArgs& args) { return sequenceCount(interp, args, args[0].as<TupleObject>()->items); }

std::int64_t tupleLength(Interpreter&, const Value& value) {
    return static_cast<std::int64_t>(value.as<TupleObject>()->items.size());
}

std::size_t tupleHash(Interpreter& interp, const Value& value) {
    Interpreter::DepthGuard guard(interp);
    // CPython 3.11's tuplehash (after xxHash), so a set of tuples of ints is laid out as CPython's.
    constexpr std::uint64_t kPrime1 = 11400714785074694791ULL;
    constexpr std::uint64_t kPrime2 = 14029467366897019727ULL;
    constexpr std::uint64_t kPrime5 = 2870177450012600261ULL;
    const auto& items = value.as<TupleObject>()->items;
    std::uint64_t acc = kPrime5;
    for (const Value& item : items) {
        acc += static_cast<std::uint64_t>(interp.hash(item)) * kPrime2;
        acc = (acc << 31) | (acc >> 33);
        acc *= kPrime1;
    }
    acc += items.size() ^ (kPrime5 ^ 3527539ULL);
    return acc == ~std::uint64_t{0} ? 1546275796 : acc;
}

Value tupleBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool) {
    if (op == BinaryOp::Add) {
        if (!b.is(Kind::Tuple))
            interp.typeError("can only concatenate tuple (not \"" + interp.typeName(b) + "\") to tuple");
        interp.reserveMemory(static_cast<double>(a.as<TupleObject>()->items.size() + b.as<TupleObject>()->items.size()) *
                             sizeof(Value));
        std::vector<Value> r = a.as<TupleObject>()->items;
        const auto& y = b.as<TupleObject>()->items;
        r.insert(r.end(), y.begin(), y.end());
        return interp.newTuple(std::move(r));
    }
    if (op == BinaryOp::Mul) {
        const std::int64_t n = repeatCount(interp, b);
        const auto& x = a.as<TupleObject>()->items;
        if (static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value) >
            static_cast<double>(interp.limits().memoryLimit))
            interp.raise(interp.exc.memoryError, "the tuple would be larger than Awaitscope allows");
        interp.reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value));
        std::vector<Value> r;
        for (std::int64_t i = 0; i < n; ++i)
            r.insert(r.end(), x.begin(), x.end());
        return interp.newTuple(std::move(r));
    }
    return {};
}

constexpr TypeSlots kTupleSlots{.repr = sequenceRepr,
                                .length = tupleLength,
                                .hash = tupleHash,
                                .binary = tupleBinary,
                                .equals = sequenceEquals,
                                .compare = sequenceCompare,
                                .contains = sequenceContains,
                                .getItem = sequenceGetItem,
                                .iter = sequenceIter};

} // namespace

void installTupleType(Interpreter& interp) {
    ClassObject* tuple = interp.makeClass("tuple", {interp.types.object}, BuiltinType::Tuple, kTupleSlots, makeTuple);
    interp.types.tupleType = tuple;
    interp.addMethod(tuple, "index", tupleIndex);
    interp.addMethod(tuple, "count", tupleCount);
}

} // namespace awaitscope::script
