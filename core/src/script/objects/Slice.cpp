// slice: what a[i:j:k] builds, and the indices it selects in a sequence.
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

std::int64_t itemIndex(Interpreter& interp, std::int64_t index, std::int64_t length, const char* message) {
    if (index < 0)
        index += length;
    if (index < 0 || index >= length)
        interp.raise(interp.exc.indexError, message);
    return index;
}

SliceRange adjustSlice(Interpreter& interp, const SliceObject* slice, std::int64_t length) {
    // An int past int64 is clamped, as CPython clamps it to its ssize_t: [1, 2][2**100:] is [].
    auto clamped = [&](const Value& written) {
        const Value v = written.is(Kind::Instance) ? interp.indexValue(written) : written;
        if (v.isBigInt())
            return integerSign(v) > 0 ? INT64_MAX : -INT64_MAX;
        if (!v.isIntLike())
            interp.typeError("slice indices must be integers or None or have an __index__ method");
        return v.asInt();
    };
    std::int64_t step = 1;
    if (!slice->step.isNone()) {
        step = clamped(slice->step);
        if (step == 0)
            interp.valueError("slice step cannot be zero");
    }
    auto bound = [&](const Value& v, bool isStart) {
        if (v.isNone())
            return step < 0 ? (isStart ? length - 1 : -1) : (isStart ? 0 : length);
        std::int64_t i = clamped(v);
        if (i < 0) {
            i += length;
            if (i < 0)
                i = step < 0 ? -1 : 0;
        } else if (i >= length) {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    };
    SliceRange r{bound(slice->start, true), bound(slice->stop, false), step, 0};
    // A step longer than the sequence selects one item at most, as a step of length + 2 does
    // (still not 1): the callers' index arithmetic then stays far from int64's ends.
    if (step > length + 2 || step < -(length + 2))
        step = r.step = step > 0 ? length + 2 : -(length + 2);
    if (step > 0)
        r.count = r.start < r.stop ? (r.stop - r.start - 1) / step + 1 : 0;
    else
        r.count = r.start > r.stop ? (r.start - r.stop - 1) / (-step) + 1 : 0;
    return r;
}

namespace {

Value makeSlice(Interpreter& interp, CallArgs& args) {
    const int n = args.count - 1;
    if (n < 1 || n > 3)
        interp.typeError("slice expected 1 to 3 arguments");
    if (n == 1)
        return Value(interp.heap().make<SliceObject>(Value::none(), args[1], Value::none()));
    return Value(interp.heap().make<SliceObject>(args[1], args[2], n == 3 ? args[3] : Value::none()));
}

std::string sliceRepr(Interpreter& interp, const Value& value) {
    auto* s = value.as<SliceObject>();
    return "slice(" + interp.repr(s->start) + ", " + interp.repr(s->stop) + ", " + interp.repr(s->step) + ")";
}

bool sliceEquals(Interpreter& interp, const Value& a, const Value& b) {
    auto* x = a.as<SliceObject>();
    auto* y = b.as<SliceObject>();
    return interp.equals(x->start, y->start) && interp.equals(x->stop, y->stop) && interp.equals(x->step, y->step);
}

bool sliceGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    auto* s = object.as<SliceObject>();
    const std::string& key = name.as<StrObject>()->text;
    if (key == "start" || key == "stop" || key == "step") {
        out = key == "start" ? s->start : key == "stop" ? s->stop : s->step;
        return true;
    }
    return interp.typeAttribute(object, name, out);
}

constexpr TypeSlots kSliceSlots{.repr = sliceRepr, .equals = sliceEquals, .getAttr = sliceGetAttr};

} // namespace

void installSliceType(Interpreter& interp) {
    interp.types.sliceType =
        interp.makeClass("slice", {interp.types.object}, BuiltinType::Slice, kSliceSlots, makeSlice);
}

} // namespace awaitscope::script
