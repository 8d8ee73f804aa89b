// The semantics of Python's operators on the built-in types, with CPython's error messages.
#include "script/modules/asyncio/AsyncObjects.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace awaitscope::script {

namespace {

const char* opSymbol(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::TrueDiv: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    case BinaryOp::LShift: return "<<";
    case BinaryOp::RShift: return ">>";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::MatMul: return "@";
    }
    return "?";
}

const char* dunder(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "__add__";
    case BinaryOp::Sub: return "__sub__";
    case BinaryOp::Mul: return "__mul__";
    case BinaryOp::TrueDiv: return "__truediv__";
    case BinaryOp::FloorDiv: return "__floordiv__";
    case BinaryOp::Mod: return "__mod__";
    case BinaryOp::Pow: return "__pow__";
    case BinaryOp::LShift: return "__lshift__";
    case BinaryOp::RShift: return "__rshift__";
    case BinaryOp::BitAnd: return "__and__";
    case BinaryOp::BitOr: return "__or__";
    case BinaryOp::BitXor: return "__xor__";
    case BinaryOp::MatMul: return "__matmul__";
    }
    return "";
}

const char* reflected(BinaryOp op) {
    switch (op) {
    case BinaryOp::Add: return "__radd__";
    case BinaryOp::Sub: return "__rsub__";
    case BinaryOp::Mul: return "__rmul__";
    case BinaryOp::TrueDiv: return "__rtruediv__";
    case BinaryOp::FloorDiv: return "__rfloordiv__";
    case BinaryOp::Mod: return "__rmod__";
    case BinaryOp::Pow: return "__rpow__";
    default: return "";
    }
}

std::string pointerText(const void* p) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "0x%012" PRIxPTR, reinterpret_cast<std::uintptr_t>(p));
    return buffer;
}

// Python's floor division and modulo for floats.
void floatDivmod(double a, double b, double& div, double& mod) {
    mod = std::fmod(a, b);
    div = (a - mod) / b;
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, b);
    }
    if (div != 0) {
        double floorDiv = std::floor(div);
        if (div - floorDiv > 0.5)
            floorDiv += 1.0;
        div = floorDiv;
    } else {
        div = std::copysign(0.0, a / b);
    }
}

} // namespace

bool Interpreter::truthy(const Value& value) {
    switch (value.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return false;
    case Value::Tag::Bool:
    case Value::Tag::Int: return value.asInt() != 0;
    case Value::Tag::Float: return value.asFloat() != 0.0;
    case Value::Tag::Object: break;
    }
    switch (value.object()->kind()) {
    case Kind::Str: return !value.as<StrObject>()->text.empty();
    case Kind::List: return !value.as<ListObject>()->items.empty();
    case Kind::Tuple: return !value.as<TupleObject>()->items.empty();
    case Kind::Dict: return value.as<DictObject>()->table.size() > 0;
    case Kind::Set: return value.as<SetObject>()->table.size() > 0;
    case Kind::Range: return value.as<RangeObject>()->length() > 0;
    case Kind::Iterator:
        if (value.as<IteratorObject>()->view)
            return length(value) > 0;
        return true;
    case Kind::Instance: {
        ClassObject* cls = value.as<InstanceObject>()->klass();
        if (cls->builtin == BuiltinType::None) {
            Value method = lookupClass(cls, intern("__bool__"));
            if (!method.empty()) {
                Value result = call(method, {value});
                if (!result.isBool())
                    typeError("__bool__ should return bool, returned " + typeName(result));
                return result.asBool();
            }
            method = lookupClass(cls, intern("__len__"));
            if (!method.empty())
                return length(value) != 0;
        }
        return true;
    }
    default: return true;
    }
}

Value Interpreter::binary(BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (a.isIntLike() && b.isIntLike()) {
        const std::int64_t x = a.asInt();
        const std::int64_t y = b.asInt();
        std::int64_t r = 0;
        switch (op) {
        case BinaryOp::Add:
            if (__builtin_add_overflow(x, y, &r))
                break;
            return Value::integer(r);
        case BinaryOp::Sub:
            if (__builtin_sub_overflow(x, y, &r))
                break;
            return Value::integer(r);
        case BinaryOp::Mul:
            if (__builtin_mul_overflow(x, y, &r))
                break;
            return Value::integer(r);
        case BinaryOp::TrueDiv:
            if (y == 0)
                raise(exc.zeroDivisionError, "division by zero");
            return Value::real(static_cast<double>(x) / static_cast<double>(y));
        case BinaryOp::FloorDiv: {
            if (y == 0)
                raise(exc.zeroDivisionError, "integer division or modulo by zero");
            if (x == INT64_MIN && y == -1)
                break;
            std::int64_t q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0)))
                --q;
            return Value::integer(q);
        }
        case BinaryOp::Mod: {
            if (y == 0)
                raise(exc.zeroDivisionError, "integer modulo by zero");
            if (y == -1)
                return Value::integer(0);
            std::int64_t m = x % y;
            if (m != 0 && ((m < 0) != (y < 0)))
                m += y;
            return Value::integer(m);
        }
        case BinaryOp::Pow: {
            if (y < 0) {
                if (x == 0)
                    raise(exc.zeroDivisionError, "0.0 cannot be raised to a negative power");
                return Value::real(std::pow(static_cast<double>(x), static_cast<double>(y)));
            }
            std::int64_t result = 1;
            std::int64_t base = x;
            std::int64_t e = y;
            bool overflow = false;
            while (e > 0) {
                if (e & 1)
                    overflow |= __builtin_mul_overflow(result, base, &result);
                e >>= 1;
                if (e > 0)
                    overflow |= __builtin_mul_overflow(base, base, &base);
                if (overflow)
                    break;
            }
            if (overflow)
                break;
            return Value::integer(result);
        }
        case BinaryOp::LShift:
            if (y < 0)
                valueError("negative shift count");
            if (y >= 63 || (x != 0 && (x > (INT64_MAX >> y) || x < (INT64_MIN >> y))))
                break;
            return Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(x) << y));
        case BinaryOp::RShift:
            if (y < 0)
                valueError("negative shift count");
            return Value::integer(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
        case BinaryOp::BitAnd:
            return a.isBool() && b.isBool() ? Value::boolean((x & y) != 0) : Value::integer(x & y);
        case BinaryOp::BitOr:
            return a.isBool() && b.isBool() ? Value::boolean((x | y) != 0) : Value::integer(x | y);
        case BinaryOp::BitXor:
            return a.isBool() && b.isBool() ? Value::boolean((x ^ y) != 0) : Value::integer(x ^ y);
        case BinaryOp::MatMul:
            goto unsupported;
        }
        raise(exc.overflowError, "integer result too large: Awaitscope integers are 64-bit (Python's are unbounded)");
    }
    if (a.isNumber() && b.isNumber()) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        switch (op) {
        case BinaryOp::Add: return Value::real(x + y);
        case BinaryOp::Sub: return Value::real(x - y);
        case BinaryOp::Mul: return Value::real(x * y);
        case BinaryOp::TrueDiv:
            if (y == 0)
                raise(exc.zeroDivisionError, "float division by zero");
            return Value::real(x / y);
        case BinaryOp::FloorDiv: {
            if (y == 0)
                raise(exc.zeroDivisionError, "float floor division by zero");
            double div, mod;
            floatDivmod(x, y, div, mod);
            return Value::real(div);
        }
        case BinaryOp::Mod: {
            if (y == 0)
                raise(exc.zeroDivisionError, "float modulo");
            double div, mod;
            floatDivmod(x, y, div, mod);
            return Value::real(mod);
        }
        case BinaryOp::Pow: {
            if (x == 0 && y < 0)
                raise(exc.zeroDivisionError, "0.0 cannot be raised to a negative power");
            if (x < 0 && y != std::floor(y))
                valueError("negative number cannot be raised to a fractional power (complex numbers are not supported "
                           "by Awaitscope)");
            const double r = std::pow(x, y);
            if (std::isinf(r) && !std::isinf(x) && !std::isinf(y))
                raise(newException(exc.overflowError, {Value::integer(34), str("Numerical result out of range")}));
            return Value::real(r);
        }
        default: goto unsupported;
        }
    }
    if (a.isObject()) {
        switch (a.object()->kind()) {
        case Kind::Str:
            if (op == BinaryOp::Add) {
                if (!b.is(Kind::Str))
                    typeError("can only concatenate str (not \"" + typeName(b) + "\") to str");
                const std::string& x = a.as<StrObject>()->text;
                const std::string& y = b.as<StrObject>()->text;
                if (x.size() + y.size() > (1u << 20))
                    reserveMemory(static_cast<double>(x.size() + y.size()));
                std::string r;
                r.reserve(x.size() + y.size());
                r += x;
                r += y;
                return str(std::move(r));
            }
            if (op == BinaryOp::Mul) {
                if (!b.isIntLike())
                    typeError("can't multiply sequence by non-int of type '" + typeName(b) + "'");
                const std::string& x = a.as<StrObject>()->text;
                const std::int64_t n = b.asInt();
                if (n <= 0 || x.empty())
                    return intern("");
                if (static_cast<double>(x.size()) * static_cast<double>(n) > static_cast<double>(limits_.memoryLimit))
                    raise(exc.memoryError, "the string would be larger than Awaitscope allows");
                reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n));
                std::string r;
                r.reserve(x.size() * static_cast<std::size_t>(n));
                for (std::int64_t i = 0; i < n; ++i)
                    r += x;
                chargeOps(static_cast<std::uint64_t>(r.size() / 64));
                return str(std::move(r));
            }
            if (op == BinaryOp::Mod) {
                extern Value percentFormat(Interpreter&, const Value&, const Value&);
                return percentFormat(*this, a, b);
            }
            break;
        case Kind::List:
            if (op == BinaryOp::Add) {
                if (inplace) {
                    std::vector<Value> extra = toVector(b);
                    auto& items = a.as<ListObject>()->items;
                    items.insert(items.end(), extra.begin(), extra.end());
                    heap_.charge(static_cast<std::int64_t>(extra.size() * sizeof(Value)));
                    return a;
                }
                if (!b.is(Kind::List))
                    typeError("can only concatenate list (not \"" + typeName(b) + "\") to list");
                reserveMemory(static_cast<double>(a.as<ListObject>()->items.size() + b.as<ListObject>()->items.size()) *
                              sizeof(Value));
                std::vector<Value> r = a.as<ListObject>()->items;
                const auto& y = b.as<ListObject>()->items;
                r.insert(r.end(), y.begin(), y.end());
                heap_.charge(static_cast<std::int64_t>(r.size() * sizeof(Value)));
                return newList(std::move(r));
            }
            if (op == BinaryOp::Mul) {
                if (!b.isIntLike())
                    typeError("can't multiply sequence by non-int of type '" + typeName(b) + "'");
                const auto& x = a.as<ListObject>()->items;
                const std::int64_t n = std::max<std::int64_t>(0, b.asInt());
                if (static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value) >
                    static_cast<double>(limits_.memoryLimit))
                    raise(exc.memoryError, "the list would be larger than Awaitscope allows");
                reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value));
                std::vector<Value> r;
                r.reserve(x.size() * static_cast<std::size_t>(n));
                for (std::int64_t i = 0; i < n; ++i)
                    r.insert(r.end(), x.begin(), x.end());
                heap_.charge(static_cast<std::int64_t>(r.size() * sizeof(Value)));
                chargeOps(r.size() / 8);
                if (inplace) {
                    a.as<ListObject>()->items = std::move(r);
                    return a;
                }
                return newList(std::move(r));
            }
            break;
        case Kind::Tuple:
            if (op == BinaryOp::Add) {
                if (!b.is(Kind::Tuple))
                    typeError("can only concatenate tuple (not \"" + typeName(b) + "\") to tuple");
                reserveMemory(static_cast<double>(a.as<TupleObject>()->items.size() + b.as<TupleObject>()->items.size()) *
                              sizeof(Value));
                std::vector<Value> r = a.as<TupleObject>()->items;
                const auto& y = b.as<TupleObject>()->items;
                r.insert(r.end(), y.begin(), y.end());
                return newTuple(std::move(r));
            }
            if (op == BinaryOp::Mul) {
                if (!b.isIntLike())
                    typeError("can't multiply sequence by non-int of type '" + typeName(b) + "'");
                const auto& x = a.as<TupleObject>()->items;
                const std::int64_t n = std::max<std::int64_t>(0, b.asInt());
                if (static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value) >
                    static_cast<double>(limits_.memoryLimit))
                    raise(exc.memoryError, "the tuple would be larger than Awaitscope allows");
                reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n) * sizeof(Value));
                std::vector<Value> r;
                for (std::int64_t i = 0; i < n; ++i)
                    r.insert(r.end(), x.begin(), x.end());
                return newTuple(std::move(r));
            }
            break;
        case Kind::Dict:
            if (op == BinaryOp::BitOr && b.is(Kind::Dict)) {
                Value target = inplace ? a : newDict();
                if (!inplace)
                    for (auto& e : a.as<DictObject>()->table.entries())
                        if (!e.key.empty())
                            dictSet(target.as<DictObject>(), e.key, e.value);
                for (auto& e : b.as<DictObject>()->table.entries())
                    if (!e.key.empty())
                        dictSet(target.as<DictObject>(), e.key, e.value);
                return target;
            }
            break;
        case Kind::Set:
            if (b.is(Kind::Set) && (op == BinaryOp::BitOr || op == BinaryOp::BitAnd || op == BinaryOp::Sub ||
                                    op == BinaryOp::BitXor)) {
                auto* x = a.as<SetObject>();
                auto* y = b.as<SetObject>();
                Value result = newSet();
                auto* r = result.as<SetObject>();
                for (auto& e : x->table.entries()) {
                    if (e.key.empty())
                        continue;
                    const bool inY = y->table.find(e.key, e.hash) >= 0;
                    if ((op == BinaryOp::BitOr) || (op == BinaryOp::BitAnd && inY) ||
                        ((op == BinaryOp::Sub || op == BinaryOp::BitXor) && !inY))
                        r->table.insert(e.key, e.hash, Value::none());
                }
                if (op == BinaryOp::BitOr || op == BinaryOp::BitXor)
                    for (auto& e : y->table.entries())
                        if (!e.key.empty() && (op == BinaryOp::BitOr || x->table.find(e.key, e.hash) < 0))
                            r->table.insert(e.key, e.hash, Value::none());
                if (inplace) {
                    x->table = r->table;
                    return a;
                }
                return result;
            }
            break;
        case Kind::Instance: {
            ClassObject* cls = a.as<InstanceObject>()->klass();
            if (inplace) {
                std::string iname = dunder(op);
                iname.insert(2, "i");
                Value method = lookupClass(cls, intern(iname));
                if (!method.empty())
                    return call(method, {a, b});
            }
            Value method = lookupClass(cls, intern(dunder(op)));
            if (!method.empty()) {
                Value result = call(method, {a, b});
                if (!(result.is(Kind::Native) && std::strcmp(result.as<NativeObject>()->name, "NotImplemented") == 0))
                    return result;
            }
            break;
        }
        default: break;
        }
    }
    if ((op == BinaryOp::Mul) && a.isIntLike() && b.isObject() &&
        (b.is(Kind::Str) || b.is(Kind::List) || b.is(Kind::Tuple)))
        return binary(op, b, a, inplace);
    if (b.is(Kind::Instance) && *reflected(op)) {
        Value method = lookupClass(b.as<InstanceObject>()->klass(), intern(reflected(op)));
        if (!method.empty())
            return call(method, {b, a});
    }
unsupported:
    if (op == BinaryOp::Mul && (b.is(Kind::Str) || b.is(Kind::List) || b.is(Kind::Tuple)))
        typeError("can't multiply sequence by non-int of type '" + typeName(a) + "'");
    if (op == BinaryOp::Pow)
        typeError(std::string("unsupported operand type(s) for ") + (inplace ? "**=" : "** or pow()") + ": '" +
                  typeName(a) + "' and '" + typeName(b) + "'");
    typeError(std::string("unsupported operand type(s) for ") + opSymbol(op) + (inplace ? "=" : "") + ": '" +
              typeName(a) + "' and '" + typeName(b) + "'");
}

Value Interpreter::unaryNegative(const Value& value) {
    if (value.isIntLike()) {
        if (value.asInt() == INT64_MIN)
            raise(exc.overflowError, "integer result too large: Awaitscope integers are 64-bit");
        return Value::integer(-value.asInt());
    }
    if (value.isFloat())
        return Value::real(-value.asFloat());
    if (value.is(Kind::Instance)) {
        Value method = lookupClass(value.as<InstanceObject>()->klass(), intern("__neg__"));
        if (!method.empty())
            return call(method, {value});
    }
    typeError("bad operand type for unary -: '" + typeName(value) + "'");
}

Value Interpreter::unaryPositive(const Value& value) {
    if (value.isBool())
        return Value::integer(value.asInt());
    if (value.isNumber())
        return value;
    typeError("bad operand type for unary +: '" + typeName(value) + "'");
}

Value Interpreter::unaryInvert(const Value& value) {
    if (value.isIntLike())
        return Value::integer(~value.asInt());
    typeError("bad operand type for unary ~: '" + typeName(value) + "'");
}

bool Interpreter::equals(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat())
            return a.toDouble() == b.toDouble();
        return a.asInt() == b.asInt();
    }
    if (a.tag() != b.tag())
        return false;
    if (!a.isObject())
        return a.tag() == b.tag();  // None == None
    if (a.object() == b.object())
        return true;
    const Kind ka = a.object()->kind();
    const Kind kb = b.object()->kind();
    if (ka == Kind::Instance || kb == Kind::Instance) {
        const Value& instance = ka == Kind::Instance ? a : b;
        const Value& other = ka == Kind::Instance ? b : a;
        ClassObject* cls = instance.as<InstanceObject>()->klass();
        if (cls->builtin == BuiltinType::None) {
            Value method = lookupClass(cls, intern("__eq__"));
            if (!method.empty())
                return truthy(call(method, {instance, other}));
        }
        return false;
    }
    if (ka != kb)
        return false;
    DepthGuard guard(*this);
    switch (ka) {
    case Kind::Str: {
        const auto* x = a.as<StrObject>();
        const auto* y = b.as<StrObject>();
        return x->text.size() == y->text.size() && x->text == y->text;
    }
    case Kind::List:
    case Kind::Tuple: {
        const auto& x = ka == Kind::List ? a.as<ListObject>()->items : a.as<TupleObject>()->items;
        const auto& y = ka == Kind::List ? b.as<ListObject>()->items : b.as<TupleObject>()->items;
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (!x[i].identical(y[i]) && !equals(x[i], y[i]))
                return false;
        return true;
    }
    case Kind::Dict: {
        auto* x = a.as<DictObject>();
        auto* y = b.as<DictObject>();
        if (x->table.size() != y->table.size())
            return false;
        for (auto& e : x->table.entries()) {
            if (e.key.empty())
                continue;
            Value* other = y->table.lookup(e.key, e.hash);
            if (!other || !(other->identical(e.value) || equals(*other, e.value)))
                return false;
        }
        return true;
    }
    case Kind::Set: {
        auto* x = a.as<SetObject>();
        auto* y = b.as<SetObject>();
        if (x->table.size() != y->table.size())
            return false;
        for (auto& e : x->table.entries())
            if (!e.key.empty() && y->table.find(e.key, e.hash) < 0)
                return false;
        return true;
    }
    case Kind::Range: {
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
    case Kind::Slice: {
        auto* x = a.as<SliceObject>();
        auto* y = b.as<SliceObject>();
        return equals(x->start, y->start) && equals(x->stop, y->stop) && equals(x->step, y->step);
    }
    case Kind::Iterator: {
        auto* x = a.as<IteratorObject>();
        auto* y = b.as<IteratorObject>();
        if (x->view && y->view && x->iterKind == IteratorKind::DictKeys && y->iterKind == IteratorKind::DictKeys)
            return equals(x->source, y->source) || [&] {
                auto* dx = x->source.as<DictObject>();
                auto* dy = y->source.as<DictObject>();
                if (dx->table.size() != dy->table.size())
                    return false;
                for (auto& e : dx->table.entries())
                    if (!e.key.empty() && dy->table.find(e.key, e.hash) < 0)
                        return false;
                return true;
            }();
        return false;
    }
    default: return false;
    }
}

bool Interpreter::lessThan(const Value& a, const Value& b) { return truthy(compare(CompareOp::Lt, a, b)); }

Value Interpreter::compare(CompareOp op, const Value& a, const Value& b) {
    switch (op) {
    case CompareOp::Eq: return Value::boolean(equals(a, b));
    case CompareOp::Ne: {
        if (a.is(Kind::Instance) && a.as<InstanceObject>()->klass()->builtin == BuiltinType::None) {
            Value method = lookupClass(a.as<InstanceObject>()->klass(), intern("__ne__"));
            if (!method.empty())
                return Value::boolean(truthy(call(method, {a, b})));
        }
        return Value::boolean(!equals(a, b));
    }
    case CompareOp::Is: return Value::boolean(a.identical(b));
    case CompareOp::IsNot: return Value::boolean(!a.identical(b));
    case CompareOp::In: return Value::boolean(contains(b, a));
    case CompareOp::NotIn: return Value::boolean(!contains(b, a));
    default: break;
    }
    auto result = [&](int order) -> Value {
        switch (op) {
        case CompareOp::Lt: return Value::boolean(order < 0);
        case CompareOp::Le: return Value::boolean(order <= 0);
        case CompareOp::Gt: return Value::boolean(order > 0);
        default: return Value::boolean(order >= 0);
        }
    };
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            const double x = a.toDouble();
            const double y = b.toDouble();
            switch (op) {
            case CompareOp::Lt: return Value::boolean(x < y);
            case CompareOp::Le: return Value::boolean(x <= y);
            case CompareOp::Gt: return Value::boolean(x > y);
            default: return Value::boolean(x >= y);
            }
        }
        const std::int64_t x = a.asInt();
        const std::int64_t y = b.asInt();
        return result(x < y ? -1 : x > y ? 1 : 0);
    }
    const char* symbol = op == CompareOp::Lt ? "<" : op == CompareOp::Le ? "<=" : op == CompareOp::Gt ? ">" : ">=";
    if (a.is(Kind::Str) && b.is(Kind::Str)) {
        const int c = a.as<StrObject>()->text.compare(b.as<StrObject>()->text);
        return result(c < 0 ? -1 : c > 0 ? 1 : 0);
    }
    if ((a.is(Kind::List) && b.is(Kind::List)) || (a.is(Kind::Tuple) && b.is(Kind::Tuple))) {
        DepthGuard guard(*this);
        const auto& x = a.is(Kind::List) ? a.as<ListObject>()->items : a.as<TupleObject>()->items;
        const auto& y = b.is(Kind::List) ? b.as<ListObject>()->items : b.as<TupleObject>()->items;
        const std::size_t n = std::min(x.size(), y.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (x[i].identical(y[i]) || equals(x[i], y[i]))
                continue;
            return compare(op, x[i], y[i]);
        }
        return result(x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0);
    }
    if (a.is(Kind::Set) && b.is(Kind::Set)) {
        auto subset = [](SetObject* x, SetObject* y) {
            for (auto& e : x->table.entries())
                if (!e.key.empty() && y->table.find(e.key, e.hash) < 0)
                    return false;
            return true;
        };
        auto* x = a.as<SetObject>();
        auto* y = b.as<SetObject>();
        switch (op) {
        case CompareOp::Le: return Value::boolean(subset(x, y));
        case CompareOp::Lt: return Value::boolean(x->table.size() < y->table.size() && subset(x, y));
        case CompareOp::Ge: return Value::boolean(subset(y, x));
        default: return Value::boolean(x->table.size() > y->table.size() && subset(y, x));
        }
    }
    static const char* names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
    static const char* swapped[] = {"__gt__", "__ge__", "__eq__", "__ne__", "__lt__", "__le__"};
    const int index = static_cast<int>(op);
    if (a.is(Kind::Instance)) {
        Value method = lookupClass(a.as<InstanceObject>()->klass(), intern(names[index]));
        if (!method.empty())
            return call(method, {a, b});
    }
    if (b.is(Kind::Instance)) {
        Value method = lookupClass(b.as<InstanceObject>()->klass(), intern(swapped[index]));
        if (!method.empty())
            return call(method, {b, a});
    }
    typeError(std::string("'") + symbol + "' not supported between instances of '" + typeName(a) + "' and '" +
              typeName(b) + "'");
}

std::size_t Interpreter::hash(const Value& value) {
    switch (value.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return 0x5bd1e995u;
    case Value::Tag::Bool:
    case Value::Tag::Int: return static_cast<std::size_t>(value.asInt()) * 0x9E3779B97F4A7C15ULL;
    case Value::Tag::Float: {
        const double d = value.asFloat();
        if (d == std::floor(d) && std::fabs(d) < 9.2e18)
            return static_cast<std::size_t>(static_cast<std::int64_t>(d)) * 0x9E3779B97F4A7C15ULL;
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        return static_cast<std::size_t>(bits ^ (bits >> 31)) * 0x9E3779B97F4A7C15ULL;
    }
    case Value::Tag::Object: break;
    }
    switch (value.object()->kind()) {
    case Kind::Str: return value.as<StrObject>()->hash();
    case Kind::Tuple: {
        DepthGuard guard(*this);
        std::size_t h = 0x345678;
        for (const Value& item : value.as<TupleObject>()->items)
            h = (h ^ hash(item)) * 1000003;
        return h;
    }
    case Kind::List:
    case Kind::Dict:
    case Kind::Set: typeError("unhashable type: '" + typeName(value) + "'");
    case Kind::Instance: {
        ClassObject* cls = value.as<InstanceObject>()->klass();
        if (cls->builtin == BuiltinType::None) {
            Value method = lookupClass(cls, intern("__hash__"));
            if (!method.empty()) {
                if (method.isNone())
                    typeError("unhashable type: '" + cls->nameText() + "'");
                Value h = call(method, {value});
                if (!h.isIntLike())
                    typeError("__hash__ method should return an integer");
                return static_cast<std::size_t>(h.asInt());
            }
        }
        [[fallthrough]];
    }
    default: return reinterpret_cast<std::size_t>(value.object()) >> 4;
    }
}

bool Interpreter::contains(const Value& container, const Value& item) {
    if (container.isObject()) {
        switch (container.object()->kind()) {
        case Kind::Str:
            if (!item.is(Kind::Str))
                typeError("'in <string>' requires string as left operand, not " + typeName(item));
            return container.as<StrObject>()->text.find(item.as<StrObject>()->text) != std::string::npos;
        case Kind::List:
        case Kind::Tuple: {
            const auto& items =
                container.is(Kind::List) ? container.as<ListObject>()->items : container.as<TupleObject>()->items;
            for (std::size_t i = 0; i < items.size(); ++i)
                if (items[i].identical(item) || equals(items[i], item))
                    return true;
            return false;
        }
        case Kind::Dict: return dictLookup(container.as<DictObject>(), item) != nullptr;
        case Kind::Set: return container.as<SetObject>()->table.find(item, hash(item)) >= 0;
        case Kind::Range: {
            if (!item.isIntLike()) {
                if (item.isFloat() && item.asFloat() == std::floor(item.asFloat()))
                    return contains(container, Value::integer(static_cast<std::int64_t>(item.asFloat())));
                return false;
            }
            auto* r = container.as<RangeObject>();
            const std::int64_t v = item.asInt();
            if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
                return false;
            return (v - r->start) % r->step == 0;
        }
        case Kind::Iterator: {
            auto* it = container.as<IteratorObject>();
            if (it->view && it->iterKind == IteratorKind::DictKeys)
                return dictLookup(it->source.as<DictObject>(), item) != nullptr;
            break;
        }
        case Kind::Instance: {
            Value method = lookupClass(container.as<InstanceObject>()->klass(), intern("__contains__"));
            if (!method.empty())
                return truthy(call(method, {container, item}));
            break;
        }
        default: break;
        }
    }
    Value iterator;
    try {
        iterator = getIter(container);
    } catch (const ScriptError&) {
        typeError("argument of type '" + typeName(container) + "' is not iterable");
    }
    Value element;
    while (next(iterator, element)) {
        chargeOps(1);
        if (element.identical(item) || equals(element, item))
            return true;
    }
    return false;
}

std::int64_t Interpreter::length(const Value& value) {
    if (value.isObject()) {
        switch (value.object()->kind()) {
        case Kind::Str: return static_cast<std::int64_t>(value.as<StrObject>()->length());
        case Kind::List: return static_cast<std::int64_t>(value.as<ListObject>()->items.size());
        case Kind::Tuple: return static_cast<std::int64_t>(value.as<TupleObject>()->items.size());
        case Kind::Dict: return static_cast<std::int64_t>(value.as<DictObject>()->table.size());
        case Kind::Set: return static_cast<std::int64_t>(value.as<SetObject>()->table.size());
        case Kind::Range: return value.as<RangeObject>()->length();
        case Kind::Iterator:
            if (value.as<IteratorObject>()->view)
                return static_cast<std::int64_t>(value.as<IteratorObject>()->source.as<DictObject>()->table.size());
            break;
        case Kind::Runtime:
            if (value.as<RuntimeObject>()->runtimeKind == RuntimeKind::Queue)
                break;
            break;
        case Kind::Instance: {
            Value method = lookupClass(value.as<InstanceObject>()->klass(), intern("__len__"));
            if (!method.empty()) {
                Value n = call(method, {value});
                if (!n.isIntLike())
                    typeError("'" + typeName(n) + "' object cannot be interpreted as an integer");
                if (n.asInt() < 0)
                    valueError("__len__() should return >= 0");
                return n.asInt();
            }
            break;
        }
        default: break;
        }
    }
    typeError("object of type '" + typeName(value) + "' has no len()");
}

std::int64_t Interpreter::toIndex(const Value& value, const char*) {
    if (value.isIntLike())
        return value.asInt();
    typeError("'" + typeName(value) + "' object cannot be interpreted as an integer");
}

double Interpreter::toDouble(const Value& value, const char* what) {
    if (value.isNumber())
        return value.toDouble();
    typeError(std::string(what) + " must be a real number, not " + typeName(value));
}

namespace {

// PySlice_AdjustIndices: the indices a slice selects in a sequence of `length`.
struct SliceRange {
    std::int64_t start, stop, step, count;
};

} // namespace

static SliceRange adjustSlice(Interpreter& interp, const SliceObject* slice, std::int64_t length) {
    std::int64_t step = 1;
    if (!slice->step.isNone()) {
        step = interp.toIndex(slice->step, "slice");
        if (step == 0)
            interp.valueError("slice step cannot be zero");
    }
    auto bound = [&](const Value& v, bool isStart) {
        if (v.isNone())
            return step < 0 ? (isStart ? length - 1 : -1) : (isStart ? 0 : length);
        if (!v.isIntLike())
            interp.typeError("slice indices must be integers or None or have an __index__ method");
        std::int64_t i = v.asInt();
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
    if (step > 0)
        r.count = r.start < r.stop ? (r.stop - r.start - 1) / step + 1 : 0;
    else
        r.count = r.start > r.stop ? (r.start - r.stop - 1) / (-step) + 1 : 0;
    return r;
}

namespace {

// Byte offsets of each code point of a UTF-8 string (for indexing non-ASCII text).
std::vector<std::size_t> codePointOffsets(const std::string& text) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            offsets.push_back(i);
    offsets.push_back(text.size());
    return offsets;
}

} // namespace

Value Interpreter::getItem(const Value& object, const Value& index) {
    if (!object.isObject())
        typeError("'" + typeName(object) + "' object is not subscriptable");
    switch (object.object()->kind()) {
    case Kind::List:
    case Kind::Tuple: {
        const bool isList = object.is(Kind::List);
        const auto& items = isList ? object.as<ListObject>()->items : object.as<TupleObject>()->items;
        if (index.isIntLike()) {
            std::int64_t i = index.asInt();
            const auto n = static_cast<std::int64_t>(items.size());
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                raise(exc.indexError, isList ? "list index out of range" : "tuple index out of range");
            return items[static_cast<std::size_t>(i)];
        }
        if (index.is(Kind::Slice)) {
            const SliceRange r = adjustSlice(*this, index.as<SliceObject>(), static_cast<std::int64_t>(items.size()));
            std::vector<Value> out;
            out.reserve(static_cast<std::size_t>(r.count));
            for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
                out.push_back(items[static_cast<std::size_t>(i)]);
            chargeOps(out.size() / 8);
            return isList ? newList(std::move(out)) : newTuple(std::move(out));
        }
        typeError(std::string(isList ? "list" : "tuple") + " indices must be integers or slices, not " + typeName(index));
    }
    case Kind::Str: {
        const auto* s = object.as<StrObject>();
        const bool ascii = s->ascii();
        if (index.isIntLike()) {
            std::int64_t i = index.asInt();
            const auto n = static_cast<std::int64_t>(s->length());
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                raise(exc.indexError, "string index out of range");
            if (ascii)
                return intern(std::string_view(&s->text[static_cast<std::size_t>(i)], 1));
            const auto offsets = codePointOffsets(s->text);
            return str(s->text.substr(offsets[static_cast<std::size_t>(i)],
                                      offsets[static_cast<std::size_t>(i) + 1] - offsets[static_cast<std::size_t>(i)]));
        }
        if (index.is(Kind::Slice)) {
            const SliceRange r = adjustSlice(*this, index.as<SliceObject>(), static_cast<std::int64_t>(s->length()));
            if (ascii) {
                if (r.step == 1)
                    return str(s->text.substr(static_cast<std::size_t>(r.start), static_cast<std::size_t>(r.count)));
                std::string out;
                for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
                    out += s->text[static_cast<std::size_t>(i)];
                return str(std::move(out));
            }
            const auto offsets = codePointOffsets(s->text);
            std::string out;
            for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step) {
                const auto at = static_cast<std::size_t>(i);
                out += s->text.substr(offsets[at], offsets[at + 1] - offsets[at]);
            }
            return str(std::move(out));
        }
        typeError("string indices must be integers, not '" + typeName(index) + "'");
    }
    case Kind::Dict: {
        if (Value* found = dictLookup(object.as<DictObject>(), index))
            return *found;
        raise(newException(exc.keyError, {index}));
    }
    case Kind::Range: {
        auto* r = object.as<RangeObject>();
        if (index.isIntLike()) {
            std::int64_t i = index.asInt();
            const std::int64_t n = r->length();
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                raise(exc.indexError, "range object index out of range");
            return Value::integer(r->start + i * r->step);
        }
        if (index.is(Kind::Slice)) {
            const SliceRange s = adjustSlice(*this, index.as<SliceObject>(), r->length());
            return Value(heap_.make<RangeObject>(r->start + s.start * r->step, r->start + (s.start + s.count * s.step) * r->step,
                                                 r->step * s.step));
        }
        typeError("range indices must be integers or slices, not " + typeName(index));
    }
    case Kind::Instance: {
        Value method = lookupClass(object.as<InstanceObject>()->klass(), intern("__getitem__"));
        if (!method.empty())
            return call(method, {object, index});
        break;
    }
    case Kind::Class:
        // list[int], dict[str, int]: generic aliases in evaluated annotations stand for the class.
        return object;
    default: break;
    }
    typeError("'" + typeName(object) + "' object is not subscriptable");
}

void Interpreter::setItem(const Value& object, const Value& index, Value value) {
    if (object.is(Kind::List)) {
        auto& items = object.as<ListObject>()->items;
        if (index.isIntLike()) {
            std::int64_t i = index.asInt();
            const auto n = static_cast<std::int64_t>(items.size());
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                raise(exc.indexError, "list assignment index out of range");
            items[static_cast<std::size_t>(i)] = std::move(value);
            return;
        }
        if (index.is(Kind::Slice)) {
            std::vector<Value> replacement = toVector(value);
            const SliceRange r = adjustSlice(*this, index.as<SliceObject>(), static_cast<std::int64_t>(items.size()));
            if (r.step == 1) {
                const auto start = static_cast<std::size_t>(r.start);
                const auto stop = static_cast<std::size_t>(std::max(r.start, r.stop));
                items.erase(items.begin() + static_cast<std::ptrdiff_t>(start), items.begin() + static_cast<std::ptrdiff_t>(stop));
                items.insert(items.begin() + static_cast<std::ptrdiff_t>(start), replacement.begin(), replacement.end());
                return;
            }
            if (static_cast<std::int64_t>(replacement.size()) != r.count)
                valueError("attempt to assign sequence of size " + std::to_string(replacement.size()) +
                           " to extended slice of size " + std::to_string(r.count));
            for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
                items[static_cast<std::size_t>(i)] = replacement[static_cast<std::size_t>(k)];
            return;
        }
        typeError("list indices must be integers or slices, not " + typeName(index));
    }
    if (object.is(Kind::Dict)) {
        dictSet(object.as<DictObject>(), index, std::move(value));
        return;
    }
    if (object.is(Kind::Instance)) {
        Value method = lookupClass(object.as<InstanceObject>()->klass(), intern("__setitem__"));
        if (!method.empty()) {
            call(method, {object, index, value});
            return;
        }
    }
    typeError("'" + typeName(object) + "' object does not support item assignment");
}

void Interpreter::deleteItem(const Value& object, const Value& index) {
    if (object.is(Kind::List)) {
        auto& items = object.as<ListObject>()->items;
        if (index.isIntLike()) {
            std::int64_t i = index.asInt();
            const auto n = static_cast<std::int64_t>(items.size());
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                raise(exc.indexError, "list assignment index out of range");
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
        if (index.is(Kind::Slice)) {
            const SliceRange r = adjustSlice(*this, index.as<SliceObject>(), static_cast<std::int64_t>(items.size()));
            std::vector<bool> drop(items.size(), false);
            for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
                drop[static_cast<std::size_t>(i)] = true;
            std::vector<Value> kept;
            for (std::size_t i = 0; i < items.size(); ++i)
                if (!drop[i])
                    kept.push_back(std::move(items[i]));
            items = std::move(kept);
            return;
        }
        typeError("list indices must be integers or slices, not " + typeName(index));
    }
    if (object.is(Kind::Dict)) {
        Value removed = object.as<DictObject>()->table.remove(index, hash(index));
        if (removed.empty())
            raise(newException(exc.keyError, {index}));
        return;
    }
    if (object.is(Kind::Instance)) {
        Value method = lookupClass(object.as<InstanceObject>()->klass(), intern("__delitem__"));
        if (!method.empty()) {
            call(method, {object, index});
            return;
        }
    }
    typeError("'" + typeName(object) + "' object doesn't support item deletion");
}

// ---------------------------------------------------------------- attributes

namespace {

bool isMarker(const Value& v, const char* name) {
    return v.is(Kind::Native) && std::strcmp(v.as<NativeObject>()->name, name) == 0 &&
           !v.as<NativeObject>()->data.empty();
}

} // namespace

bool Interpreter::findAttr(const Value& object, const Value& name, Value& out) {
    const std::string& key = name.as<StrObject>()->text;
    const std::size_t keyHash = name.as<StrObject>()->hash();
    if (key == "__class__") {
        out = Value(typeOf(object));
        return true;
    }
    if (object.isObject()) {
        switch (object.object()->kind()) {
        case Kind::Instance: {
            auto* instance = object.as<InstanceObject>();
            ClassObject* cls = instance->klass();
            Value classAttr = lookupClass(cls, name);
            if (isMarker(classAttr, "property")) {
                out = call(classAttr.as<NativeObject>()->data, {object});
                return true;
            }
            if (!instance->dict.empty())
                if (Value* found = instance->dict.as<DictObject>()->table.lookup(name, keyHash)) {
                    out = *found;
                    return true;
                }
            if (ExceptionData* data = instance->exception.get()) {
                if (key == "args") {
                    out = data->args;
                    return true;
                }
                if (key == "__cause__") {
                    out = data->cause.empty() ? Value::none() : data->cause;
                    return true;
                }
                if (key == "__context__") {
                    out = data->context.empty() ? Value::none() : data->context;
                    return true;
                }
                if (key == "__traceback__" || key == "__notes__") {
                    out = Value::none();
                    return true;
                }
                if (!data->exceptions.empty() && (key == "exceptions" || key == "message")) {
                    out = key == "exceptions" ? data->exceptions : data->message;
                    return true;
                }
            }
            if (key == "__dict__") {
                if (instance->dict.empty())
                    instance->dict = newDict();
                out = instance->dict;
                return true;
            }
            if (classAttr.empty())
                return false;
            if (classAttr.is(Kind::Function)) {
                out = Value(heap_.make<BoundMethodObject>(classAttr, object));
                return true;
            }
            if (classAttr.is(Kind::Native)) {
                auto* native = classAttr.as<NativeObject>();
                if (isMarker(classAttr, "staticmethod")) {
                    out = native->data;
                    return true;
                }
                if (isMarker(classAttr, "classmethod")) {
                    out = Value(heap_.make<BoundMethodObject>(native->data, Value(cls)));
                    return true;
                }
                if (native->method) {
                    out = newNative(native->fn, native->name, object);
                    return true;
                }
            }
            out = classAttr;
            return true;
        }
        case Kind::Class: {
            auto* cls = object.as<ClassObject>();
            if (key == "__name__" || key == "__qualname__") {
                out = cls->name;
                return true;
            }
            if (key == "__module__") {
                out = cls->module;
                return true;
            }
            if (key == "__mro__") {
                out = newTuple(cls->mro);
                return true;
            }
            if (key == "__bases__") {
                out = newTuple(cls->bases);
                return true;
            }
            if (key == "__dict__") {
                out = cls->dict;
                return true;
            }
            Value found = lookupClass(cls, name);
            if (found.empty())
                return false;
            if (isMarker(found, "staticmethod"))
                out = found.as<NativeObject>()->data;
            else if (isMarker(found, "classmethod"))
                out = Value(heap_.make<BoundMethodObject>(found.as<NativeObject>()->data, object));
            else
                out = found;
            return true;
        }
        case Kind::Module: {
            auto* module = object.as<ModuleObject>();
            if (Value* found = module->dict.as<DictObject>()->table.lookup(name, keyHash)) {
                out = *found;
                return true;
            }
            if (key == "__name__") {
                out = module->name;
                return true;
            }
            return false;
        }
        case Kind::Function: {
            auto* function = object.as<FunctionObject>();
            if (key == "__name__") {
                out = intern(function->code->name);
                return true;
            }
            if (key == "__qualname__") {
                out = intern(function->code->qualname);
                return true;
            }
            if (key == "__doc__" || key == "__module__") {
                out = key == "__module__" ? intern("__main__")
                                          : (function->code->doc.empty() ? Value::none() : function->code->doc);
                return true;
            }
            if (key == "__defaults__") {
                out = function->defaults.empty() ? Value::none() : newTuple(function->defaults);
                return true;
            }
            if (!function->dict.empty())
                if (Value* found = function->dict.as<DictObject>()->table.lookup(name, keyHash)) {
                    out = *found;
                    return true;
                }
            return false;
        }
        case Kind::Native:
            if (key == "__name__" || key == "__qualname__") {
                out = intern(object.as<NativeObject>()->name);
                return true;
            }
            break;
        case Kind::BoundMethod:
            if (key == "__self__") {
                out = object.as<BoundMethodObject>()->self;
                return true;
            }
            if (key == "__func__") {
                out = object.as<BoundMethodObject>()->function;
                return true;
            }
            if (key == "__name__" || key == "__qualname__")
                return findAttr(object.as<BoundMethodObject>()->function, name, out);
            break;
        case Kind::Range: {
            auto* r = object.as<RangeObject>();
            if (key == "start" || key == "stop" || key == "step") {
                out = Value::integer(key == "start" ? r->start : key == "stop" ? r->stop : r->step);
                return true;
            }
            break;
        }
        case Kind::Slice: {
            auto* s = object.as<SliceObject>();
            if (key == "start" || key == "stop" || key == "step") {
                out = key == "start" ? s->start : key == "stop" ? s->stop : s->step;
                return true;
            }
            break;
        }
        case Kind::Super: {
            auto* super = object.as<SuperObject>();
            ClassObject* start = super->cls.as<ClassObject>();
            ClassObject* cls = typeOf(super->self);
            if (super->self.is(Kind::Class))
                cls = super->self.as<ClassObject>();
            bool after = false;
            for (const Value& entry : cls->mro) {
                if (!after) {
                    after = entry.object() == start;
                    continue;
                }
                auto* dict = entry.as<ClassObject>()->dict.as<DictObject>();
                if (Value* found = dict->table.lookup(name, keyHash)) {
                    if (found->is(Kind::Function))
                        out = Value(heap_.make<BoundMethodObject>(*found, super->self));
                    else if (found->is(Kind::Native) && found->as<NativeObject>()->method)
                        out = newNative(found->as<NativeObject>()->fn, found->as<NativeObject>()->name, super->self);
                    else if (isMarker(*found, "classmethod"))
                        out = Value(heap_.make<BoundMethodObject>(found->as<NativeObject>()->data, Value(cls)));
                    else if (isMarker(*found, "staticmethod"))
                        out = found->as<NativeObject>()->data;
                    else
                        out = *found;
                    return true;
                }
            }
            return false;
        }
        default: break;
        }
    }
    // Builtin types: their methods, bound to the value.
    ClassObject* cls = typeOf(object);
    Value found = lookupClass(cls, name);
    if (found.empty())
        return false;
    if (isMarker(found, "property")) {
        out = call(found.as<NativeObject>()->data, {object});
        return true;
    }
    if (found.is(Kind::Native) && found.as<NativeObject>()->method) {
        out = newNative(found.as<NativeObject>()->fn, found.as<NativeObject>()->name, object);
        return true;
    }
    out = found;
    return true;
}

Value Interpreter::getAttr(const Value& object, const Value& name) {
    Value out;
    if (findAttr(object, name, out))
        return out;
    const std::string& key = name.as<StrObject>()->text;
    if (object.is(Kind::Instance)) {
        Value getattr = lookupClass(object.as<InstanceObject>()->klass(), intern("__getattr__"));
        if (!getattr.empty())
            return call(getattr, {object, name});
    }
    if (object.is(Kind::Module))
        raise(exc.attributeError, "module '" + object.as<ModuleObject>()->name.as<StrObject>()->text +
                                      "' has no attribute '" + key + "'");
    if (object.is(Kind::Class))
        raise(exc.attributeError, "type object '" + object.as<ClassObject>()->nameText() + "' has no attribute '" + key + "'");
    raise(exc.attributeError, "'" + typeName(object) + "' object has no attribute '" + key + "'");
}

void Interpreter::setAttr(const Value& object, const Value& name, Value value) {
    const std::string& key = name.as<StrObject>()->text;
    if (object.is(Kind::Instance)) {
        auto* instance = object.as<InstanceObject>();
        Value classAttr = lookupClass(instance->klass(), name);
        if (isMarker(classAttr, "property")) {
            Value setter = classAttr.as<NativeObject>()->self;
            if (setter.empty())
                raise(exc.attributeError, "property '" + key + "' of '" + typeName(object) + "' object has no setter");
            call(setter, {object, value});
            return;
        }
        if (ExceptionData* data = instance->exception.get()) {
            if (key == "__cause__") {
                data->cause = std::move(value);
                return;
            }
            if (key == "args") {
                data->args = newTuple(toVector(value));
                return;
            }
        }
        if (instance->dict.empty())
            instance->dict = newDict();
        dictSet(instance->dict.as<DictObject>(), name, std::move(value));
        return;
    }
    if (object.is(Kind::Class)) {
        auto* cls = object.as<ClassObject>();
        if (cls->builtin != BuiltinType::None && cls->builtin != BuiltinType::Exception)
            typeError("cannot set '" + key + "' attribute of immutable type '" + cls->nameText() + "'");
        dictSet(cls->dict.as<DictObject>(), name, std::move(value));
        return;
    }
    if (object.is(Kind::Module)) {
        dictSet(object.as<ModuleObject>()->dict.as<DictObject>(), name, std::move(value));
        return;
    }
    if (object.is(Kind::Function)) {
        auto* function = object.as<FunctionObject>();
        if (function->dict.empty())
            function->dict = newDict();
        dictSet(function->dict.as<DictObject>(), name, std::move(value));
        return;
    }
    Value ignored;
    if (findAttr(object, name, ignored))
        raise(exc.attributeError, "'" + typeName(object) + "' object attribute '" + key + "' is read-only");
    raise(exc.attributeError, "'" + typeName(object) + "' object has no attribute '" + key + "'");
}

void Interpreter::deleteAttr(const Value& object, const Value& name) {
    const std::string& key = name.as<StrObject>()->text;
    if (object.is(Kind::Instance)) {
        auto* instance = object.as<InstanceObject>();
        if (!instance->dict.empty() && !instance->dict.as<DictObject>()->table.remove(name, hash(name)).empty())
            return;
        raise(exc.attributeError, "'" + typeName(object) + "' object has no attribute '" + key + "'");
    }
    if (object.is(Kind::Class)) {
        if (!object.as<ClassObject>()->dict.as<DictObject>()->table.remove(name, hash(name)).empty())
            return;
        raise(exc.attributeError, "type object '" + object.as<ClassObject>()->nameText() + "' has no attribute '" + key + "'");
    }
    if (object.is(Kind::Module)) {
        if (!object.as<ModuleObject>()->dict.as<DictObject>()->table.remove(name, hash(name)).empty())
            return;
    }
    raise(exc.attributeError, "'" + typeName(object) + "' object has no attribute '" + key + "'");
}

void Interpreter::loadMethod(const Value& object, const Value& name, Value& function, Value& self) {
    if (object.isObject()) {
        const Kind kind = object.object()->kind();
        if (kind == Kind::Instance) {
            auto* instance = object.as<InstanceObject>();
            ClassObject* cls = instance->klass();
            if (instance->dict.empty() || !instance->dict.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash())) {
                Value found = lookupClass(cls, name);
                if (found.is(Kind::Function) || (found.is(Kind::Native) && found.as<NativeObject>()->method)) {
                    function = std::move(found);
                    self = object;
                    return;
                }
            }
        } else if (kind != Kind::Class && kind != Kind::Module && kind != Kind::Super) {
            Value found = lookupClass(typeOf(object), name);
            if (found.is(Kind::Native) && found.as<NativeObject>()->method) {
                function = std::move(found);
                self = object;
                return;
            }
        }
    } else {
        Value found = lookupClass(typeOf(object), name);
        if (found.is(Kind::Native) && found.as<NativeObject>()->method) {
            function = std::move(found);
            self = object;
            return;
        }
    }
    function = getAttr(object, name);
    self.clear();
}

// ---------------------------------------------------------------- iteration

Value Interpreter::getIter(const Value& iterable) {
    if (iterable.isObject()) {
        auto make = [&](IteratorKind kind, Value source) {
            auto* it = heap_.make<IteratorObject>(kind);
            it->source = std::move(source);
            return Value(it);
        };
        switch (iterable.object()->kind()) {
        case Kind::List:
        case Kind::Tuple: return make(IteratorKind::Sequence, iterable);
        case Kind::Str: return make(IteratorKind::String, iterable);
        case Kind::Dict: {
            Value it = make(IteratorKind::DictKeys, iterable);
            it.as<IteratorObject>()->version = iterable.as<DictObject>()->table.version();
            it.as<IteratorObject>()->stop = static_cast<std::int64_t>(iterable.as<DictObject>()->table.size());
            return it;
        }
        case Kind::Set: {
            Value it = make(IteratorKind::Set, iterable);
            it.as<IteratorObject>()->version = iterable.as<SetObject>()->table.version();
            return it;
        }
        case Kind::Range: {
            auto* r = iterable.as<RangeObject>();
            auto* it = heap_.make<IteratorObject>(IteratorKind::Range);
            it->index = r->start;
            it->stop = r->stop;
            it->step = r->step;
            return Value(it);
        }
        case Kind::Iterator: {
            auto* view = iterable.as<IteratorObject>();
            if (!view->view)
                return iterable;
            Value it = make(view->iterKind, view->source);
            it.as<IteratorObject>()->version = view->source.as<DictObject>()->table.version();
            it.as<IteratorObject>()->stop = static_cast<std::int64_t>(view->source.as<DictObject>()->table.size());
            return it;
        }
        case Kind::Generator: return iterable;
        case Kind::Runtime:
            if (iterable.as<RuntimeObject>()->runtimeKind == RuntimeKind::AsCompleted)
                return make(IteratorKind::Callable, iterable);
            break;
        case Kind::Instance: {
            ClassObject* cls = iterable.as<InstanceObject>()->klass();
            Value method = lookupClass(cls, intern("__iter__"));
            if (!method.empty())
                return call(method, {iterable});
            if (!lookupClass(cls, intern("__getitem__")).empty())
                typeError("Awaitscope does not iterate objects through __getitem__; define __iter__");
            break;
        }
        default: break;
        }
    }
    typeError("'" + typeName(iterable) + "' object is not iterable");
}

extern bool resumeGenerator(Interpreter& interp, GeneratorObject* generator, Value& out);
extern Value asCompletedNext(Interpreter& interp, const Value& asCompleted);

bool Interpreter::next(const Value& iterator, Value& out) {
    if (iterator.is(Kind::Iterator)) {
        auto* it = iterator.as<IteratorObject>();
        switch (it->iterKind) {
        case IteratorKind::Range:
            if (it->step > 0 ? it->index >= it->stop : it->index <= it->stop)
                return false;
            out = Value::integer(it->index);
            it->index += it->step;
            return true;
        case IteratorKind::Sequence: {
            if (it->source.empty())
                return false;
            const auto& items = it->source.is(Kind::List) ? it->source.as<ListObject>()->items
                                                          : it->source.as<TupleObject>()->items;
            if (static_cast<std::size_t>(it->index) >= items.size()) {
                it->source.clear();
                return false;
            }
            out = items[static_cast<std::size_t>(it->index++)];
            return true;
        }
        case IteratorKind::Reversed: {
            if (it->source.empty() || it->index < 0)
                return false;
            const auto& items = it->source.is(Kind::List) ? it->source.as<ListObject>()->items
                                                          : it->source.as<TupleObject>()->items;
            if (static_cast<std::size_t>(it->index) >= items.size()) {
                it->index = -1;
                return false;
            }
            out = items[static_cast<std::size_t>(it->index--)];
            return true;
        }
        case IteratorKind::String: {
            if (it->source.empty())
                return false;
            const std::string& text = it->source.as<StrObject>()->text;
            auto at = static_cast<std::size_t>(it->index);
            if (at >= text.size()) {
                it->source.clear();
                return false;
            }
            std::size_t end = at + 1;
            while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
                ++end;
            out = end - at == 1 ? intern(std::string_view(&text[at], 1)) : str(text.substr(at, end - at));
            it->index = static_cast<std::int64_t>(end);
            return true;
        }
        case IteratorKind::DictKeys:
        case IteratorKind::DictValues:
        case IteratorKind::DictItems:
        case IteratorKind::Set: {
            if (it->source.empty())
                return false;
            const HashTable& table =
                it->iterKind == IteratorKind::Set ? it->source.as<SetObject>()->table : it->source.as<DictObject>()->table;
            if (table.version() != it->version) {
                if (it->iterKind == IteratorKind::Set)
                    raise(exc.runtimeError, "Set changed size during iteration");
                if (static_cast<std::int64_t>(table.size()) != it->stop)
                    raise(exc.runtimeError, "dictionary changed size during iteration");
                raise(exc.runtimeError, "dictionary keys changed during iteration");
            }
            const auto& entries = table.entries();
            while (static_cast<std::size_t>(it->index) < entries.size() &&
                   entries[static_cast<std::size_t>(it->index)].key.empty())
                ++it->index;
            if (static_cast<std::size_t>(it->index) >= entries.size()) {
                it->source.clear();
                return false;
            }
            const auto& entry = entries[static_cast<std::size_t>(it->index++)];
            if (it->iterKind == IteratorKind::DictValues)
                out = entry.value;
            else if (it->iterKind == IteratorKind::DictItems)
                out = newTuple({entry.key, entry.value});
            else
                out = entry.key;
            return true;
        }
        case IteratorKind::Enumerate: {
            Value item;
            if (!next(it->source, item))
                return false;
            out = newTuple({Value::integer(it->index++), std::move(item)});
            return true;
        }
        case IteratorKind::Zip: {
            if (it->sources.empty())
                return false;
            std::vector<Value> items;
            items.reserve(it->sources.size());
            for (const Value& source : it->sources) {
                Value item;
                if (!next(source, item)) {
                    it->sources.clear();
                    return false;
                }
                items.push_back(std::move(item));
            }
            out = newTuple(std::move(items));
            return true;
        }
        case IteratorKind::Map: {
            std::vector<Value> items;
            for (const Value& source : it->sources) {
                Value item;
                if (!next(source, item))
                    return false;
                items.push_back(std::move(item));
            }
            out = call(it->function, items.data(), static_cast<int>(items.size()));
            return true;
        }
        case IteratorKind::Filter: {
            Value item;
            while (next(it->source, item)) {
                chargeOps(1);
                const bool keep = it->function.isNone() ? truthy(item) : truthy(call(it->function, {item}));
                if (keep) {
                    out = std::move(item);
                    return true;
                }
            }
            return false;
        }
        case IteratorKind::Callable: {
            if (it->source.empty())
                return false;
            out = asCompletedNext(*this, it->source);
            if (out.empty()) {
                it->source.clear();
                return false;
            }
            return true;
        }
        }
        return false;
    }
    if (iterator.is(Kind::Generator))
        return resumeGenerator(*this, iterator.as<GeneratorObject>(), out);
    if (iterator.is(Kind::Instance)) {
        Value method = lookupClass(iterator.as<InstanceObject>()->klass(), intern("__next__"));
        if (method.empty())
            typeError("'" + typeName(iterator) + "' object is not an iterator");
        try {
            out = call(method, {iterator});
            return true;
        } catch (const ScriptError& e) {
            if (isInstance(e.exception, exc.stopIteration))
                return false;
            throw;
        }
    }
    typeError("'" + typeName(iterator) + "' object is not an iterator");
}

std::vector<Value> Interpreter::toVector(const Value& iterable) {
    if (iterable.is(Kind::List))
        return iterable.as<ListObject>()->items;
    if (iterable.is(Kind::Tuple))
        return iterable.as<TupleObject>()->items;
    std::vector<Value> out;
    Value iterator = getIter(iterable);
    Value item;
    while (next(iterator, item)) {
        out.push_back(std::move(item));
        if ((out.size() & 1023) == 0) {
            chargeOps(1024);
            heap_.charge(1024 * sizeof(Value));
            checkMemory();
        }
    }
    return out;
}

// ---------------------------------------------------------------- repr and str

namespace {

std::string quoteString(const std::string& text) {
    const bool hasSingle = text.find('\'') != std::string::npos;
    const bool hasDouble = text.find('"') != std::string::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out;
    out.reserve(text.size() + 2);
    out += quote;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c == quote) {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c == 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += quote;
    return out;
}

} // namespace

std::string Interpreter::repr(const Value& value) {
    switch (value.tag()) {
    case Value::Tag::Empty: return "<unset>";
    case Value::Tag::None: return "None";
    case Value::Tag::Bool: return value.asBool() ? "True" : "False";
    case Value::Tag::Int: return std::to_string(value.asInt());
    case Value::Tag::Float: return floatRepr(value.asFloat());
    case Value::Tag::Object: break;
    }
    Object* object = value.object();
    DepthGuard guard(*this);
    chargeOps(1);
    switch (object->kind()) {
    case Kind::Str: return quoteString(value.as<StrObject>()->text);
    case Kind::List:
    case Kind::Tuple: {
        const bool isList = object->kind() == Kind::List;
        const auto& items = isList ? value.as<ListObject>()->items : value.as<TupleObject>()->items;
        std::string out = isList ? "[" : "(";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ", ";
            if (items[i].isObject() && items[i].object() == object)
                out += isList ? "[...]" : "(...)";
            else
                out += repr(items[i]);
            if (out.size() > 64 * 1024 * 1024)
                raise(exc.memoryError, "repr too large");
        }
        if (!isList && items.size() == 1)
            out += ",";
        out += isList ? "]" : ")";
        return out;
    }
    case Kind::Dict: {
        std::string out = "{";
        bool first = true;
        for (auto& e : value.as<DictObject>()->table.entries()) {
            if (e.key.empty())
                continue;
            if (!first)
                out += ", ";
            first = false;
            out += repr(e.key) + ": " + (e.value.isObject() && e.value.object() == object ? "{...}" : repr(e.value));
        }
        return out + "}";
    }
    case Kind::Set: {
        auto& table = value.as<SetObject>()->table;
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
            out += repr(e.key);
        }
        return out + "}";
    }
    case Kind::Range: {
        auto* r = value.as<RangeObject>();
        std::string out = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
        if (r->step != 1)
            out += ", " + std::to_string(r->step);
        return out + ")";
    }
    case Kind::Slice: {
        auto* s = value.as<SliceObject>();
        return "slice(" + repr(s->start) + ", " + repr(s->stop) + ", " + repr(s->step) + ")";
    }
    case Kind::Function:
        return "<function " + value.as<FunctionObject>()->code->qualname + " at " + pointerText(object) + ">";
    case Kind::Native: {
        auto* native = value.as<NativeObject>();
        if (!native->fn && native->data.empty() &&
            (std::strcmp(native->name, "Ellipsis") == 0 || std::strcmp(native->name, "NotImplemented") == 0))
            return native->name;
        if (!native->self.empty())
            return std::string("<built-in method ") + native->name + " of " + typeName(native->self) + " object at " +
                   pointerText(native->self.isObject() ? native->self.object() : nullptr) + ">";
        return std::string("<built-in function ") + native->name + ">";
    }
    case Kind::BoundMethod: {
        auto* method = value.as<BoundMethodObject>();
        std::string name = "?";
        if (method->function.is(Kind::Function))
            name = method->function.as<FunctionObject>()->code->qualname;
        return "<bound method " + name + " of " + repr(method->self) + ">";
    }
    case Kind::Class: {
        auto* cls = value.as<ClassObject>();
        const std::string& module = cls->module.as<StrObject>()->text;
        return "<class '" + (module == "builtins" ? "" : module + ".") + cls->nameText() + "'>";
    }
    case Kind::Instance: {
        auto* instance = value.as<InstanceObject>();
        ClassObject* cls = instance->klass();
        Value method = lookupClass(cls, intern("__repr__"));
        if (!method.empty()) {
            Value result = call(method, {value});
            if (!result.is(Kind::Str))
                typeError("__repr__ returned non-string (type " + typeName(result) + ")");
            return result.as<StrObject>()->text;
        }
        if (ExceptionData* data = instance->exception.get()) {
            std::string out = cls->nameText() + "(";
            const auto& args = data->args.as<TupleObject>()->items;
            for (std::size_t i = 0; i < args.size(); ++i) {
                if (i)
                    out += ", ";
                out += repr(args[i]);
            }
            return out + ")";
        }
        const std::string& module = cls->module.as<StrObject>()->text;
        return "<" + module + "." + cls->nameText() + " object at " + pointerText(object) + ">";
    }
    case Kind::Module: return "<module '" + value.as<ModuleObject>()->name.as<StrObject>()->text + "' (built-in)>";
    case Kind::Cell: return "<cell at " + pointerText(object) + ">";
    case Kind::Super: return "<super: <class '" + value.as<SuperObject>()->cls.as<ClassObject>()->nameText() + "'>>";
    case Kind::Iterator: {
        auto* it = value.as<IteratorObject>();
        if (it->view) {
            std::vector<Value> items = toVector(getIter(value));
            const char* name = it->iterKind == IteratorKind::DictKeys     ? "dict_keys"
                               : it->iterKind == IteratorKind::DictValues ? "dict_values"
                                                                          : "dict_items";
            return std::string(name) + "(" + repr(newList(std::move(items))) + ")";
        }
        return "<" + typeName(value) + " object at " + pointerText(object) + ">";
    }
    case Kind::Generator:
        return "<generator object " +
               (value.as<GeneratorObject>()->frame ? value.as<GeneratorObject>()->frame->code->qualname
                                                   : std::string("<genexpr>")) +
               " at " + pointerText(object) + ">";
    case Kind::Coroutine:
        return "<coroutine object " + value.as<CoroutineObject>()->code->qualname + " at " + pointerText(object) + ">";
    case Kind::Sleep: return "<coroutine object sleep at " + pointerText(object) + ">";
    case Kind::Op: return std::string("<coroutine object ") + value.as<OpObject>()->name + " at " + pointerText(object) + ">";
    case Kind::Task: {
        auto* task = value.as<TaskObject>();
        if (!task->handle.valid())
            return "<Task>";
        std::string state = "pending";
        std::string extra;
        if (task->handle.done()) {
            if (task->handle.cancelled()) {
                state = "cancelled";
            } else {
                state = "finished";
                const std::exception_ptr& error = task->handle.state()->storedException();
                if (error)
                    extra = " exception=" + repr(exceptionFrom(error));
                else
                    extra = " result=" + repr(task->handle.state()->value ? *task->handle.state()->value : Value::none());
            }
        }
        std::string coro;
        if (task->code)
            coro = " coro=<" + task->code->qualname + "() " + (task->handle.done() ? "done, defined" : "running") + " at " +
                   task->code->file + ":" + std::to_string(task->code->firstLine) + ">";
        return "<Task " + state + " name='" + task->handle.name() + "'" + coro + extra + ">";
    }
    case Kind::Future: {
        auto* future = value.as<FutureObject>();
        return std::string("<_GatheringFuture ") +
               (future->future.valid() && future->future.done() ? (future->future.cancelled() ? "cancelled" : "finished")
                                                                : "pending") +
               ">";
    }
    case Kind::Runtime: {
        auto* runtime = value.as<RuntimeObject>();
        switch (runtime->runtimeKind) {
        case RuntimeKind::Event:
            return "<asyncio.locks.Event object at " + pointerText(object) + " [" +
                   (static_cast<EventObject*>(runtime)->event.isSet() ? "set" : "unset") + "]>";
        case RuntimeKind::Lock:
            return "<asyncio.locks.Lock object at " + pointerText(object) + " [" +
                   (static_cast<LockObject*>(runtime)->lock.locked() ? "locked" : "unlocked") + "]>";
        case RuntimeKind::Semaphore: {
            auto* s = static_cast<SemaphoreObject*>(runtime);
            return "<asyncio.locks.Semaphore object at " + pointerText(object) + " [" +
                   (s->semaphore.locked() ? "locked" : "unlocked, value:" + std::to_string(s->semaphore.value())) + "]>";
        }
        case RuntimeKind::Queue: {
            auto* q = static_cast<QueueObject*>(runtime);
            return "<Queue at " + pointerText(object) + " maxsize=" + std::to_string(q->queue.maxsize()) +
                   (q->queue.qsize() ? " _queue=" + std::to_string(q->queue.qsize()) + " items" : "") + ">";
        }
        case RuntimeKind::TaskGroup: return "<TaskGroup" + std::string(static_cast<TaskGroupObject*>(runtime)->entered ? " entered" : "") + ">";
        case RuntimeKind::Timeout: return "<Timeout>";
        case RuntimeKind::Loop: return "<_UnixSelectorEventLoop running=True closed=False debug=False>";
        case RuntimeKind::AsCompleted: return "<generator object as_completed at " + pointerText(object) + ">";
        case RuntimeKind::Stream:
            return static_cast<StreamObject*>(runtime)->error ? "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>"
                                                              : "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>";
        }
        break;
    }
    }
    return "<object>";
}

std::string Interpreter::toStr(const Value& value) {
    if (value.is(Kind::Str))
        return value.as<StrObject>()->text;
    if (value.is(Kind::Instance)) {
        auto* instance = value.as<InstanceObject>();
        ClassObject* cls = instance->klass();
        Value method = lookupClass(cls, intern("__str__"));
        if (!method.empty()) {
            DepthGuard guard(*this);
            Value result = call(method, {value});
            if (!result.is(Kind::Str))
                typeError("__str__ returned non-string (type " + typeName(result) + ")");
            return result.as<StrObject>()->text;
        }
        if (ExceptionData* data = instance->exception.get()) {
            if (!lookupClass(cls, intern("__repr__")).empty() && cls->builtin == BuiltinType::None &&
                data->args.as<TupleObject>()->items.empty())
                return "";
            if (isInstance(value, exc.baseExceptionGroup) && !data->exceptions.empty()) {
                const std::size_t n = data->exceptions.as<TupleObject>()->items.size();
                return toStr(data->message) + " (" + std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")";
            }
            const auto& args = data->args.as<TupleObject>()->items;
            if (args.empty())
                return "";
            if (args.size() == 1)
                return isInstance(value, exc.keyError) ? repr(args[0]) : toStr(args[0]);
            return repr(data->args);
        }
    }
    return repr(value);
}

} // namespace awaitscope::script
