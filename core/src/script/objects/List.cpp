// list: a mutable sequence, with its methods, its operators (+, *, +=, *=, item assignment
// and deletion, slices) and sorting, which sorted() shares.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

namespace awaitscope::script {

SortOptions sortKeywords(Interpreter& interp, CallArgs& args) {
    CallArgs keywords{args.args + args.count, 0, args.kwValues, args.kwNames, args.native};
    ArgParser a(interp, keywords, "sort", {"key", "reverse"}, 0);
    return SortOptions{a[0], a.has(1) && interp.truthy(a[1])};
}

void sortValues(Interpreter& interp, std::vector<Value>& items, const SortOptions& options) {
    const Value& key = options.key;
    const bool reverse = options.reverse;
    interp.chargeOps(items.size() * 4);
    if (reverse)
        std::reverse(items.begin(), items.end());
    if (key.empty() || key.isNone()) {
        std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
            if (a.isInt() && b.isInt())
                return a.asInt() < b.asInt();
            return interp.lessThan(a, b);
        });
    } else {
        std::vector<std::pair<Value, Value>> keyed;
        keyed.reserve(items.size());
        for (Value& item : items)
            keyed.emplace_back(interp.call(key, {item}), item);
        std::stable_sort(keyed.begin(), keyed.end(),
                         [&](const auto& a, const auto& b) { return interp.lessThan(a.first, b.first); });
        for (std::size_t i = 0; i < items.size(); ++i)
            items[i] = std::move(keyed[i].second);
    }
    if (reverse)
        std::reverse(items.begin(), items.end());
}

namespace {

std::vector<Value>& items(const Value& v) { return v.as<ListObject>()->items; }

Value makeList(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "list", {"cls", "iterable"}, 1);
    return interp.newList(a.has(1) ? interp.toVector(a[1]) : std::vector<Value>{});
}

Value listAppend(Interpreter& interp, CallArgs& args) {
    noKeywords(interp, args, "append");
    argCount(interp, args, "append", 1, 1);
    auto& list = items(args[0]);
    list.push_back(args[1]);
    if ((list.size() & 0x3FF) == 0) {
        interp.heap().charge(0x400 * sizeof(Value));
        interp.checkMemory();
    }
    return Value::none();
}

Value listExtend(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "extend", 1, 1);
    std::vector<Value> extra = interp.toVector(args[1]);
    auto& list = items(args[0]);
    interp.reserveMemory(static_cast<double>(extra.size() * sizeof(Value)));
    list.insert(list.end(), extra.begin(), extra.end());
    interp.heap().charge(static_cast<std::int64_t>(extra.size() * sizeof(Value)));
    interp.chargeOps(extra.size());
    return Value::none();
}

Value listPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 0, 1);
    auto& list = items(args[0]);
    if (list.empty())
        interp.raise(interp.exc.indexError, "pop from empty list");
    const auto n = static_cast<std::int64_t>(list.size());
    const std::int64_t given = args.count > 1 ? interp.toIndex(args[1], "pop") : -1;
    const std::int64_t index = itemIndex(interp, given, n, "pop index out of range");
    Value value = std::move(list[static_cast<std::size_t>(index)]);
    list.erase(list.begin() + index);
    interp.chargeOps(static_cast<std::uint64_t>(n - index) / 16);
    return value;
}

Value listInsert(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "insert", 2, 2);
    auto& list = items(args[0]);
    std::int64_t index = interp.toIndex(args[1], "insert");
    const auto n = static_cast<std::int64_t>(list.size());
    if (index < 0)
        index = std::max<std::int64_t>(0, index + n);
    index = std::min(index, n);
    list.insert(list.begin() + index, args[2]);
    return Value::none();
}

Value listRemove(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "remove", 1, 1);
    auto& list = items(args[0]);
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].identical(args[1]) || interp.equals(list[i], args[1])) {
            list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
            return Value::none();
        }
    interp.valueError("list.remove(x): x not in list");
}

Value listIndex(Interpreter& interp, CallArgs& args) { return sequenceIndex(interp, args, items(args[0]), "list"); }
Value listCount(Interpreter& interp, CallArgs& args) { return sequenceCount(interp, args, items(args[0])); }

Value listSort(Interpreter& interp, CallArgs& args) {
    if (args.count != 1)
        interp.typeError("sort() takes no positional arguments");
    const SortOptions options = sortKeywords(interp, args);
    std::vector<Value> sorted = items(args[0]);
    sortValues(interp, sorted, options);
    items(args[0]) = std::move(sorted);
    return Value::none();
}

Value listReverse(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "reverse", 0, 0);
    std::reverse(items(args[0]).begin(), items(args[0]).end());
    return Value::none();
}

Value listCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    return interp.newList(items(args[0]));
}

Value listClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    items(args[0]).clear();
    return Value::none();
}

std::int64_t listLength(Interpreter&, const Value& value) {
    return static_cast<std::int64_t>(value.as<ListObject>()->items.size());
}

Value listBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (op == BinaryOp::Add) {
        if (inplace) {
            std::vector<Value> extra = interp.toVector(b);
            auto& items = a.as<ListObject>()->items;
            items.insert(items.end(), extra.begin(), extra.end());
            interp.heap().charge(static_cast<std::int64_t>(extra.size() * sizeof(Value)));
            return a;
        }
        if (!b.is(Kind::List))
            interp.typeError("can only concatenate list (not \"" + interp.typeName(b) + "\") to list");
        interp.reserveMemory(static_cast<double>(a.as<ListObject>()->items.size() + b.as<ListObject>()->items.size()) *
                             sizeof(Value));
        std::vector<Value> r = a.as<ListObject>()->items;
        const auto& y = b.as<ListObject>()->items;
        r.insert(r.end(), y.begin(), y.end());
        interp.heap().charge(static_cast<std::int64_t>(r.size() * sizeof(Value)));
        return interp.newList(std::move(r));
    }
    if (op == BinaryOp::Mul) {
        const std::int64_t n = repeatCount(interp, b);
        const auto& x = a.as<ListObject>()->items;
        if (static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value) >
            static_cast<double>(interp.limits().memoryLimit))
            interp.raise(interp.exc.memoryError, "the list would be larger than Awaitscope allows");
        interp.reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value));
        std::vector<Value> r;
        r.reserve(x.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            r.insert(r.end(), x.begin(), x.end());
        interp.heap().charge(static_cast<std::int64_t>(r.size() * sizeof(Value)));
        interp.chargeOps(r.size() / 8);
        if (inplace) {
            a.as<ListObject>()->items = std::move(r);
            return a;
        }
        return interp.newList(std::move(r));
    }
    return {};
}

bool listSetItem(Interpreter& interp, const Value& object, const Value& index, Value value) {
    auto& items = object.as<ListObject>()->items;
    if (index.isIntLike()) {
        const std::int64_t i =
            itemIndex(interp, index.asInt(), static_cast<std::int64_t>(items.size()), "list assignment index out of range");
        items[static_cast<std::size_t>(i)] = std::move(value);
        return true;
    }
    if (index.is(Kind::Slice)) {
        std::vector<Value> replacement = interp.toVector(value);
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(items.size()));
        if (r.step == 1) {
            const auto start = static_cast<std::size_t>(r.start);
            const auto stop = static_cast<std::size_t>(std::max(r.start, r.stop));
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(start), items.begin() + static_cast<std::ptrdiff_t>(stop));
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(start), replacement.begin(), replacement.end());
            return true;
        }
        if (static_cast<std::int64_t>(replacement.size()) != r.count)
            interp.valueError("attempt to assign sequence of size " + std::to_string(replacement.size()) +
                              " to extended slice of size " + std::to_string(r.count));
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
            items[static_cast<std::size_t>(i)] = replacement[static_cast<std::size_t>(k)];
        return true;
    }
    interp.typeError("list indices must be integers or slices, not " + interp.typeName(index));
}

bool listDeleteItem(Interpreter& interp, const Value& object, const Value& index) {
    auto& items = object.as<ListObject>()->items;
    if (index.isIntLike()) {
        const std::int64_t i =
            itemIndex(interp, index.asInt(), static_cast<std::int64_t>(items.size()), "list assignment index out of range");
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
        return true;
    }
    if (index.is(Kind::Slice)) {
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(items.size()));
        std::vector<bool> drop(items.size(), false);
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
            drop[static_cast<std::size_t>(i)] = true;
        std::vector<Value> kept;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!drop[i])
                kept.push_back(std::move(items[i]));
        items = std::move(kept);
        return true;
    }
    interp.typeError("list indices must be integers or slices, not " + interp.typeName(index));
}

constexpr TypeSlots kListSlots{.repr = sequenceRepr,
                               .length = listLength,
                               .hash = unhashable,
                               .binary = listBinary,
                               .equals = sequenceEquals,
                               .compare = sequenceCompare,
                               .contains = sequenceContains,
                               .getItem = sequenceGetItem,
                               .setItem = listSetItem,
                               .deleteItem = listDeleteItem,
                               .iter = sequenceIter};

} // namespace

void installListType(Interpreter& interp) {
    ClassObject* list = interp.makeClass("list", {interp.types.object}, BuiltinType::List, kListSlots, makeList);
    interp.types.listType = list;
    interp.addMethod(list, "append", listAppend);
    interp.lookupClass(list, interp.intern("append")).as<NativeObject>()->specializedCall = true;
    interp.addMethod(list, "extend", listExtend);
    interp.addMethod(list, "pop", listPop);
    interp.addMethod(list, "insert", listInsert);
    interp.addMethod(list, "remove", listRemove);
    interp.addMethod(list, "index", listIndex);
    interp.addMethod(list, "count", listCount);
    interp.addMethod(list, "sort", listSort);
    interp.addMethod(list, "reverse", listReverse);
    interp.addMethod(list, "copy", listCopy);
    interp.addMethod(list, "clear", listClear);
}

} // namespace awaitscope::script
