// range: an arithmetic progression that is never materialised. Its bounds may be ints of any
// size (range(2**100)); the inline form (objects/Objects.h) serves every range that fits in
// int64, and the big one computes with GMP what CPython computes with its ints.
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <cmath>

namespace awaitscope::script {

namespace {

Value startOf(const RangeObject* r) { return r->big() ? r->bigStart : Value::integer(r->start); }
Value stopOf(const RangeObject* r) { return r->big() ? r->bigStop : Value::integer(r->stop); }
Value stepOf(const RangeObject* r) { return r->big() ? r->bigStep : Value::integer(r->step); }
Value lengthOf(const RangeObject* r) { return r->big() ? r->bigLength : Value::integer(r->length()); }

// The range of `start`, `stop` and `step` (not zero), inline when it fits; the Mpz are spent.
Value newRange(Interpreter& interp, Mpz& start, Mpz& stop, Mpz& step) {
    Mpz length;
    const bool up = mpz_sgn(step.get()) > 0;
    if (up ? mpz_cmp(start.get(), stop.get()) < 0 : mpz_cmp(start.get(), stop.get()) > 0) {
        // (stop - start - 1) // step + 1, both signs flipped when counting down.
        mpz_sub(length.get(), up ? stop.get() : start.get(), up ? start.get() : stop.get());
        mpz_sub_ui(length.get(), length.get(), 1);
        if (up) {
            mpz_tdiv_q(length.get(), length.get(), step.get());
        } else {
            Mpz down;
            mpz_neg(down.get(), step.get());
            mpz_tdiv_q(length.get(), length.get(), down.get());
        }
        mpz_add_ui(length.get(), length.get(), 1);
    }
    if (mpz_fits_slong_p(start.get()) && mpz_fits_slong_p(stop.get()) && mpz_fits_slong_p(step.get()) &&
        mpz_fits_slong_p(length.get()))
        return Value(interp.heap().make<RangeObject>(mpz_get_si(start.get()), mpz_get_si(stop.get()), mpz_get_si(step.get())));
    Value first = integerValue(interp, start);
    Value last = integerValue(interp, stop);
    Value by = integerValue(interp, step);
    Value count = integerValue(interp, length);
    return Value(interp.heap().make<RangeObject>(std::move(first), std::move(last), std::move(by), std::move(count)));
}

// The inline form's item at `position` (in range): computed modulo 2**64, where the item, which
// lies between start and stop, is exact although position * step may not fit.
std::int64_t inlineItem(const RangeObject* r, std::int64_t position) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(r->start) +
                                     static_cast<std::uint64_t>(position) * static_cast<std::uint64_t>(r->step));
}

// start + position * step
Value itemAt(Interpreter& interp, const RangeObject* r, mpz_srcptr position) {
    Mpz item(stepOf(r));
    mpz_mul(item.get(), item.get(), position);
    mpz_add(item.get(), item.get(), Mpz(startOf(r)).get());
    return integerValue(interp, item);
}

Value makeRange(Interpreter& interp, CallArgs& args) {
    if (args.kwCount())
        interp.typeError("range() takes no keyword arguments");
    const int n = args.count - 1;
    if (n < 1)
        interp.typeError("range expected at least 1 argument, got 0");
    if (n > 3)
        interp.typeError("range expected at most 3 arguments, got " + std::to_string(n));
    Value bounds[4];
    for (int i = 1; i <= n; ++i) {
        bounds[i] = interp.indexValue(args[i]);  // range(Level.HIGH) as CPython's PyNumber_Index
        if (bounds[i].empty())
            interp.typeError("'" + interp.typeName(args[i]) + "' object cannot be interpreted as an integer");
    }
    if (n == 3 && integerSign(bounds[3]) == 0)
        interp.valueError("range() arg 3 must not be zero");
    Mpz start, stop(bounds[n == 1 ? 1 : 2]), step;
    mpz_set_si(step.get(), 1);
    if (n > 1)
        mpz_set(start.get(), Mpz(bounds[1]).get());
    if (n == 3)
        mpz_set(step.get(), Mpz(bounds[3]).get());
    return newRange(interp, start, stop, step);
}

std::string rangeRepr(Interpreter& interp, const Value& value) {
    auto* r = value.as<RangeObject>();
    std::string out = "range(" + integerRepr(interp, startOf(r)) + ", " + integerRepr(interp, stopOf(r));
    const Value step = stepOf(r);
    if (step.isBigInt() || step.asInt() != 1)
        out += ", " + integerRepr(interp, step);
    return out + ")";
}

std::int64_t rangeLength(Interpreter& interp, const Value& value) {
    auto* r = value.as<RangeObject>();
    if (!r->big())
        return r->length();
    if (r->bigLength.isBigInt())
        interp.raise(interp.exc.overflowError, "Python int too large to convert to C ssize_t");
    return r->bigLength.asInt();
}

// bool(range(2**100)) is True although its len() overflows.
bool rangeTruthy(Interpreter&, const Value& value) { return integerSign(lengthOf(value.as<RangeObject>())) != 0; }

bool rangeEquals(Interpreter&, const Value& a, const Value& b) {
    auto* x = a.as<RangeObject>();
    auto* y = b.as<RangeObject>();
    // Equal ranges have the same values: the same length, and start and step where they matter.
    auto same = [](const Value& u, const Value& v) { return mpz_cmp(Mpz(u).get(), Mpz(v).get()) == 0; };
    const Value n = lengthOf(x);
    if (!same(n, lengthOf(y)))
        return false;
    if (integerSign(n) == 0)
        return true;
    if (!same(startOf(x), startOf(y)))
        return false;
    return (!n.isBigInt() && n.asInt() == 1) || same(stepOf(x), stepOf(y));
}

int rangeContains(Interpreter& interp, const Value& container, const Value& item) {
    if (!item.isInteger()) {
        if (item.isFloat() && std::isfinite(item.asFloat()) && item.asFloat() == std::floor(item.asFloat()))
            return rangeContains(interp, container, integerFromDouble(interp, item.asFloat()));
        return 0;
    }
    auto* r = container.as<RangeObject>();
    if (!r->big()) {
        if (item.isBigInt())
            return 0;
        const std::int64_t v = item.asInt();
        if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
            return 0;
        // The distance from start and the step's size, in uint64 where both are exact.
        const auto distance = r->step > 0 ? static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(r->start)
                                          : static_cast<std::uint64_t>(r->start) - static_cast<std::uint64_t>(v);
        const auto stride = r->step > 0 ? static_cast<std::uint64_t>(r->step) : 0 - static_cast<std::uint64_t>(r->step);
        return distance % stride == 0;
    }
    Mpz v(item), start(r->bigStart), stop(r->bigStop), step(r->bigStep);
    const bool inside = mpz_sgn(step.get()) > 0 ? mpz_cmp(v.get(), start.get()) >= 0 && mpz_cmp(v.get(), stop.get()) < 0
                                                 : mpz_cmp(v.get(), start.get()) <= 0 && mpz_cmp(v.get(), stop.get()) > 0;
    if (!inside)
        return 0;
    mpz_sub(v.get(), v.get(), start.get());
    return mpz_divisible_p(v.get(), step.get()) != 0;
}

// r[slice]: the range of the positions the slice selects, bounds clamped as CPython's
// _PySlice_GetLongIndices clamps them; exact for any size.
Value rangeSlice(Interpreter& interp, const RangeObject* r, const SliceObject* slice) {
    auto index = [&](const Value& v) {
        Value given = interp.indexValue(v);
        if (given.empty())
            interp.typeError("slice indices must be integers or None or have an __index__ method");
        return given;
    };
    Mpz step;
    mpz_set_si(step.get(), 1);
    if (!slice->step.isNone()) {
        mpz_set(step.get(), Mpz(index(slice->step)).get());
        if (mpz_sgn(step.get()) == 0)
            interp.valueError("slice step cannot be zero");
    }
    const bool down = mpz_sgn(step.get()) < 0;
    const Mpz length(lengthOf(r));
    Mpz lower, upper;  // [0, length], or [-1, length - 1] going down
    mpz_set(upper.get(), length.get());
    if (down) {
        mpz_set_si(lower.get(), -1);
        mpz_sub_ui(upper.get(), upper.get(), 1);
    }
    auto bound = [&](const Value& v, bool isStart, Mpz& out) {
        if (v.isNone()) {
            mpz_set(out.get(), isStart == down ? upper.get() : lower.get());
            return;
        }
        mpz_set(out.get(), Mpz(index(v)).get());
        if (mpz_sgn(out.get()) < 0) {
            mpz_add(out.get(), out.get(), length.get());
            if (mpz_cmp(out.get(), lower.get()) < 0)
                mpz_set(out.get(), lower.get());
        } else if (mpz_cmp(out.get(), upper.get()) > 0) {
            mpz_set(out.get(), upper.get());
        }
    };
    Mpz first, last;
    bound(slice->start, true, first);
    bound(slice->stop, false, last);
    const Value rangeStep = stepOf(r);
    Mpz start, stop, by(rangeStep);
    mpz_set(start.get(), Mpz(itemAt(interp, r, first.get())).get());
    mpz_set(stop.get(), Mpz(itemAt(interp, r, last.get())).get());
    mpz_mul(by.get(), by.get(), step.get());
    return newRange(interp, start, stop, by);
}

Value rangeGetItem(Interpreter& interp, const Value& object, const Value& index) {
    auto* r = object.as<RangeObject>();
    if (index.isIntLike() && !r->big()) {
        const std::int64_t i = itemIndex(interp, index.asInt(), r->length(), "range object index out of range");
        return Value::integer(inlineItem(r, i));
    }
    if (index.isInteger()) {
        Mpz i(index);
        const Mpz length(lengthOf(r));
        if (mpz_sgn(i.get()) < 0)
            mpz_add(i.get(), i.get(), length.get());
        if (mpz_sgn(i.get()) < 0 || mpz_cmp(i.get(), length.get()) >= 0)
            interp.raise(interp.exc.indexError, "range object index out of range");
        return itemAt(interp, r, i.get());
    }
    if (index.is(Kind::Slice))
        return rangeSlice(interp, r, index.as<SliceObject>());
    interp.typeError("range indices must be integers or slices, not " + interp.typeName(index));
}

bool rangeGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    auto* r = object.as<RangeObject>();
    const std::string& key = name.as<StrObject>()->text;
    if (key == "start" || key == "stop" || key == "step") {
        out = key == "start" ? startOf(r) : key == "stop" ? stopOf(r) : stepOf(r);
        return true;
    }
    return interp.typeAttribute(object, name, out);
}

Value rangeIter(Interpreter& interp, const Value& iterable) {
    auto* r = iterable.as<RangeObject>();
    // The eval loop's iterator steps its value past the last one: that step must fit too.
    std::int64_t past = 0;
    const std::int64_t n = r->big() ? 0 : r->length();
    if (!r->big() && (n == 0 || !__builtin_add_overflow(inlineItem(r, n - 1), r->step, &past))) {
        auto* it = interp.heap().make<IteratorObject>(IteratorKind::Range);
        it->index = r->start;
        it->stop = r->stop;
        it->step = r->step;
        return Value(it);
    }
    // Positions count from 0; past int64 of them, the run's budgets end it first.
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::LongRange);
    it->source = iterable;
    it->index = 0;
    it->stop = r->big() && r->bigLength.isBigInt() ? INT64_MAX : lengthOf(r).asInt();
    return Value(it);
}

constexpr TypeSlots kRangeSlots{.repr = rangeRepr,
                                .truthy = rangeTruthy,
                                .length = rangeLength,
                                .equals = rangeEquals,
                                .contains = rangeContains,
                                .getItem = rangeGetItem,
                                .getAttr = rangeGetAttr,
                                .iter = rangeIter};

} // namespace

Value rangeItem(Interpreter& interp, const Value& range, std::int64_t position) {
    Mpz at;
    mpz_set_si(at.get(), static_cast<long>(position));
    return itemAt(interp, range.as<RangeObject>(), at.get());
}

Value rangeReversed(Interpreter& interp, const Value& range) {
    auto* r = range.as<RangeObject>();
    // range(last, start - step, -step), which may leave int64 where the range did not.
    Mpz start, stop(startOf(r)), step(stepOf(r)), n(lengthOf(r));
    if (mpz_sgn(n.get()) > 0) {
        mpz_sub_ui(n.get(), n.get(), 1);
        mpz_set(start.get(), Mpz(itemAt(interp, r, n.get())).get());
        mpz_sub(stop.get(), stop.get(), step.get());
    } else {
        mpz_set(stop.get(), start.get());
    }
    mpz_neg(step.get(), step.get());
    return rangeIter(interp, newRange(interp, start, stop, step));
}

void installRangeType(Interpreter& interp) {
    interp.types.rangeType =
        interp.makeClass("range", {interp.types.object}, BuiltinType::Range, kRangeSlots, makeRange);
}

} // namespace awaitscope::script
