// What list and tuple share: equality and ordering element by element, membership, repr,
// indexing and slicing, index() and count().
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cstring>

namespace awaitscope::script {

const std::vector<Value>& sequenceItems(const Value& listOrTuple) {
    return listOrTuple.is(Kind::List) ? listOrTuple.as<ListObject>()->items : listOrTuple.as<TupleObject>()->items;
}

bool sequenceEquals(Interpreter& interp, const Value& a, const Value& b) {
    const auto& x = sequenceItems(a);
    const auto& y = sequenceItems(b);
    if (x.size() != y.size())
        return false;
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (!x[i].identical(y[i]) && !interp.equals(x[i], y[i]))
            return false;
    return true;
}

Value sequenceCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    if (op == CompareOp::Ne || !b.isObject() || a.object()->kind() != b.object()->kind())
        return {};
    Interpreter::DepthGuard guard(interp);
    const auto& x = sequenceItems(a);
    const auto& y = sequenceItems(b);
    const std::size_t n = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (x[i].identical(y[i]) || interp.equals(x[i], y[i]))
            continue;
        return interp.compare(op, x[i], y[i]);
    }
    const int order = x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    switch (op) {
    case CompareOp::Lt: return Value::boolean(order < 0);
    case CompareOp::Le: return Value::boolean(order <= 0);
    case CompareOp::Gt: return Value::boolean(order > 0);
    default: return Value::boolean(order >= 0);
    }
}

int sequenceContains(Interpreter& interp, const Value& container, const Value& item) {
    const auto& items = sequenceItems(container);
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].identical(item) || interp.equals(items[i], item))
            return 1;
    return 0;
}

std::string sequenceRepr(Interpreter& interp, const Value& value) {
    const bool isList = value.is(Kind::List);
    const auto& items = sequenceItems(value);
    std::string out = isList ? "[" : "(";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ", ";
        if (items[i].isObject() && items[i].object() == value.object())
            out += isList ? "[...]" : "(...)";
        else
            out += interp.repr(items[i]);
        if (out.size() > 64 * 1024 * 1024)
            interp.raise(interp.exc.memoryError, "repr too large");
    }
    if (!isList && items.size() == 1)
        out += ",";
    out += isList ? "]" : ")";
    return out;
}

Value sequenceGetItem(Interpreter& interp, const Value& object, const Value& index) {
    const bool isList = object.is(Kind::List);
    const auto& items = sequenceItems(object);
    if (index.isBigInt())
        interp.toIndex(index, "index");  // CPython's IndexError: no sequence is that long
    if (index.isIntLike()) {
        const std::int64_t i = itemIndex(interp, index.asInt(), static_cast<std::int64_t>(items.size()),
                                         isList ? "list index out of range" : "tuple index out of range");
        return items[static_cast<std::size_t>(i)];
    }
    if (index.is(Kind::Slice)) {
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(items.size()));
        std::vector<Value> out;
        out.reserve(static_cast<std::size_t>(r.count));
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
            out.push_back(items[static_cast<std::size_t>(i)]);
        interp.chargeOps(out.size() / 8);
        return isList ? interp.newList(std::move(out)) : interp.newTuple(std::move(out));
    }
    interp.typeError(std::string(isList ? "list" : "tuple") + " indices must be integers or slices, not " +
                     interp.typeName(index));
}

Value sequenceIter(Interpreter& interp, const Value& listOrTuple) {
    return newIterator(interp, IteratorKind::Sequence, listOrTuple);
}

Value sequenceIndex(Interpreter& interp, CallArgs& args, const std::vector<Value>& list, const char* what) {
    argCount(interp, args, "index", 1, 3);
    const auto n = static_cast<std::int64_t>(list.size());
    std::int64_t start = args.count > 2 ? interp.toIndex(args[2], "index") : 0;
    std::int64_t end = args.count > 3 ? interp.toIndex(args[3], "index") : n;
    if (start < 0)
        start = std::max<std::int64_t>(0, start + n);
    if (end < 0)
        end = std::max<std::int64_t>(0, end + n);
    for (std::int64_t i = start; i < std::min(end, n); ++i)
        if (list[static_cast<std::size_t>(i)].identical(args[1]) || interp.equals(list[static_cast<std::size_t>(i)], args[1]))
            return Value::integer(i);
    if (std::strcmp(what, "list") == 0)
        interp.valueError(interp.repr(args[1]) + " is not in list");
    interp.valueError("tuple.index(x): x not in tuple");
}

Value sequenceCount(Interpreter& interp, CallArgs& args, const std::vector<Value>& list) {
    argCount(interp, args, "count", 1, 1);
    std::int64_t count = 0;
    for (const Value& v : list)
        if (v.identical(args[1]) || interp.equals(v, args[1]))
            ++count;
    return Value::integer(count);
}

} // namespace awaitscope::script
