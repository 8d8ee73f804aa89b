// range: an arithmetic progression that is never materialised.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cmath>

namespace awaitscope::script {

namespace {

Value makeRange(Interpreter& interp, CallArgs& args) {
    if (args.kwCount())
        interp.typeError("range() takes no keyword arguments");
    const int n = args.count - 1;
    if (n < 1)
        interp.typeError("range expected at least 1 argument, got 0");
    if (n > 3)
        interp.typeError("range expected at most 3 arguments, got " + std::to_string(n));
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::int64_t step = 1;
    if (n == 1) {
        stop = interp.toIndex(args[1], "range");
    } else {
        start = interp.toIndex(args[1], "range");
        stop = interp.toIndex(args[2], "range");
        if (n == 3)
            step = interp.toIndex(args[3], "range");
    }
    if (step == 0)
        interp.valueError("range() arg 3 must not be zero");
    return Value(interp.heap().make<RangeObject>(start, stop, step));
}

std::string rangeRepr(Interpreter&, const Value& value) {
    auto* r = value.as<RangeObject>();
    std::string out = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
    if (r->step != 1)
        out += ", " + std::to_string(r->step);
    return out + ")";
}

std::int64_t rangeLength(Interpreter&, const Value& value) { return value.as<RangeObject>()->length(); }

bool rangeEquals(Interpreter&, const Value& a, const Value& b) {
    auto* x = a.as<RangeObject>();
    auto* y = b.as<RangeObject>();
    const std::int64_t n = x->length();
    if (n != y->length())
        return false;
    if (n == 0)
        return true;
    if (x->start != y->start)
        return false;
    return n == 1 || x->step == y->step;
}

int rangeContains(Interpreter& interp, const Value& container, const Value& item) {
    if (!item.isIntLike()) {
        if (item.isFloat() && item.asFloat() == std::floor(item.asFloat()))
            return rangeContains(interp, container, Value::integer(static_cast<std::int64_t>(item.asFloat())));
        return 0;
    }
    auto* r = container.as<RangeObject>();
    const std::int64_t v = item.asInt();
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
        return 0;
    return (v - r->start) % r->step == 0;
}

Value rangeGetItem(Interpreter& interp, const Value& object, const Value& index) {
    auto* r = object.as<RangeObject>();
    if (index.isIntLike()) {
        const std::int64_t i = itemIndex(interp, index.asInt(), r->length(), "range object index out of range");
        return Value::integer(r->start + i * r->step);
    }
    if (index.is(Kind::Slice)) {
        const SliceRange s = adjustSlice(interp, index.as<SliceObject>(), r->length());
        return Value(interp.heap().make<RangeObject>(r->start + s.start * r->step, r->start + (s.start + s.count * s.step) * r->step,
                                                     r->step * s.step));
    }
    interp.typeError("range indices must be integers or slices, not " + interp.typeName(index));
}

bool rangeGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    auto* r = object.as<RangeObject>();
    const std::string& key = name.as<StrObject>()->text;
    if (key == "start" || key == "stop" || key == "step") {
        out = Value::integer(key == "start" ? r->start : key == "stop" ? r->stop : r->step);
        return true;
    }
    return interp.typeAttribute(object, name, out);
}

Value rangeIter(Interpreter& interp, const Value& iterable) {
    auto* r = iterable.as<RangeObject>();
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Range);
    it->index = r->start;
    it->stop = r->stop;
    it->step = r->step;
    return Value(it);
}

constexpr TypeSlots kRangeSlots{.repr = rangeRepr,
                                .length = rangeLength,
                                .equals = rangeEquals,
                                .contains = rangeContains,
                                .getItem = rangeGetItem,
                                .getAttr = rangeGetAttr,
                                .iter = rangeIter};

} // namespace

void installRangeType(Interpreter& interp) {
    interp.types.rangeType =
        interp.makeClass("range", {interp.types.object}, BuiltinType::Range, kRangeSlots, makeRange);
}

} // namespace awaitscope::script
