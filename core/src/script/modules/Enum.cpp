// The enum module, after Lib/enum.py: a subclass of Enum turns its plain class attributes into
// members when it is created (Enum.__init_subclass__ stands in for EnumType.__new__), and the
// class answers iteration, len, `in`, Color['RED'] and Color(1) as EnumType makes it answer
// (the __meta_* hooks of objects/Class.cpp). Flag and IntFlag members combine with | & ^ ~
// into composite members made on demand. IntEnum, StrEnum and IntFlag members behave as their
// values in comparisons, hashing, arithmetic, str() and format(); an Enum mixed with str or int
// (class Role(str, Enum)) behaves as its values too but prints as an Enum ("Role.USER"), as
// 3.11 prints it. None is an int or str object (the interpreter cannot subclass builtin
// types), but isinstance and issubclass answer as CPython does (enumValueType), and str's and
// int's functions, methods and json take a member for its value (enumMemberValue).
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <bit>
#include <optional>

namespace awaitscope::script {

namespace {

enum class EnumKind { Plain, Int, Str, Flag, IntFlag, StrMixin, IntMixin };

bool isFlag(EnumKind kind) { return kind == EnumKind::Flag || kind == EnumKind::IntFlag; }
bool standsForValue(EnumKind kind) { return kind != EnumKind::Plain && kind != EnumKind::Flag; }
bool isIntKind(EnumKind kind) { return kind == EnumKind::Int || kind == EnumKind::IntFlag || kind == EnumKind::IntMixin; }
// IntEnum and StrEnum print as their values; the mixins print as an Enum does.
bool printsAsValue(EnumKind kind) { return kind == EnumKind::Int || kind == EnumKind::Str; }

Value classDictValue(Interpreter& interp, const Value& cls, const char* name) {
    return interp.lookupClass(cls.as<ClassObject>(), interp.intern(name));
}

EnumKind kindOf(Interpreter& interp, const Value& cls) {
    Value kind = classDictValue(interp, cls, "_awaitscope_enum_kind_");
    return kind.isInt() ? static_cast<EnumKind>(kind.asInt()) : EnumKind::Plain;
}

Value memberValue(Interpreter& interp, const Value& member) { return interp.getAttr(member, interp.intern("_value_")); }
std::string memberName(Interpreter& interp, const Value& member) {
    return interp.getAttr(member, interp.intern("_name_")).as<StrObject>()->text;
}

bool isMember(Interpreter& interp, const Value& value) {
    return value.is(Kind::Instance) && !classDictValue(interp, Value(interp.typeOf(value)), "_member_map_").empty();
}

// The value a member stands for in IntEnum/StrEnum arithmetic and comparisons.
Value plain(Interpreter& interp, const Value& value) { return isMember(interp, value) ? memberValue(interp, value) : value; }

bool skipName(const std::string& name) { return name.empty() || name[0] == '_'; }

bool isDescriptorLike(const Value& value) {
    return value.is(Kind::Function) || value.is(Kind::Native) || value.is(Kind::Class) || value.is(Kind::BoundMethod);
}

// ---- Flag and IntFlag (3.11's boundaries: STRICT for Flag, KEEP for IntFlag)

Value newMember(Interpreter& interp, const Value& cls, const Value& name, const Value& value) {
    auto* instance = interp.heap().make<InstanceObject>(cls);
    instance->dict = interp.newDict();
    auto* dict = instance->dict.as<DictObject>();
    interp.dictSetStr(dict, "_name_", name);
    interp.dictSetStr(dict, "_value_", value);
    interp.dictSetStr(dict, "name", name);
    interp.dictSetStr(dict, "value", value);
    return Value(instance);
}

std::vector<Value> members(Interpreter& interp, const Value& cls);

// The one-bit members, in definition order, and all their bits.
std::int64_t flagMask(Interpreter& interp, const Value& cls, std::vector<Value>* bits = nullptr) {
    std::int64_t mask = 0;
    for (const Value& member : members(interp, cls)) {
        mask |= memberValue(interp, member).asInt();
        if (bits)
            bits->push_back(member);
    }
    return mask;
}

// enum.bin: a sign digit, then the digits padded to `width` with it ("0b0 0110", "0b1 111").
std::string flagBits(std::int64_t num, int width) {
    const bool negative = num < 0;
    auto magnitude = static_cast<std::uint64_t>(negative ? ~num : num);
    std::string digits;
    for (; magnitude; magnitude >>= 1)
        digits.insert(digits.begin(), ((magnitude & 1) != 0) != negative ? '1' : '0');
    if (static_cast<int>(digits.size()) < width)
        digits.insert(0, static_cast<std::size_t>(width) - digits.size(), negative ? '1' : '0');
    return std::string(negative ? "0b1 " : "0b0 ") + digits;
}

int bitLength(std::int64_t v) { return std::bit_width(static_cast<std::uint64_t>(v < 0 ? ~v : v)); }

// Cls(value) for a flag: a named member, or the member made of several (cached, so that the
// same value is the same object, as CPython's _value2member_map_ keeps it).
Value flagMember(Interpreter& interp, const Value& cls, const Value& value) {
    const bool intFlag = kindOf(interp, cls) == EnumKind::IntFlag;
    const std::string clsName = cls.as<ClassObject>()->nameText();
    if (!value.isIntLike())
        interp.valueError(interp.repr(value) + " is not a valid " + clsName);
    std::int64_t v = value.asInt();
    std::vector<Value> bits;
    const std::int64_t mask = flagMask(interp, cls, &bits);
    if (v < 0 && intFlag)
        v = mask + 1 + v;  // IntFlag's negative values count down from its bits
    if (v < 0 || (!intFlag && (v & ~mask) != 0)) {
        const int width = std::max(bitLength(value.asInt()), bitLength(mask));
        interp.valueError("<flag '" + clsName + "'> invalid value " + std::to_string(value.asInt()) + "\n    given " +
                          flagBits(value.asInt(), width) + "\n  allowed " + flagBits(mask, width));
    }
    for (const auto& entry : classDictValue(interp, cls, "_member_map_").as<DictObject>()->table.entries())
        if (!entry.key.empty() && memberValue(interp, entry.value).asInt() == v)
            return entry.value;
    Value cache = classDictValue(interp, cls, "_awaitscope_composites_");
    if (cache.empty()) {
        cache = interp.newDict();
        interp.dictSetStr(cls.as<ClassObject>()->dict.as<DictObject>(), "_awaitscope_composites_", cache);
    }
    const Value key = Value::integer(v);
    if (Value* found = interp.dictLookup(cache.as<DictObject>(), key))
        return *found;
    std::string name;
    for (const Value& member : bits)
        if (v & memberValue(interp, member).asInt())
            name += (name.empty() ? "" : "|") + memberName(interp, member);
    if (const std::int64_t extra = v & ~mask; extra != 0 && !name.empty())
        name += "|" + std::to_string(extra);
    Value member = newMember(interp, cls, name.empty() ? Value::none() : interp.str(name), key);
    interp.dictSet(cache.as<DictObject>(), key, member);
    return member;
}

std::int64_t flagValue(Interpreter& interp, const Value& member) { return memberValue(interp, member).asInt(); }

// The other operand's bits: a member of the same flag, or (IntFlag) an int; else none.
std::optional<std::int64_t> flagOperand(Interpreter& interp, const Value& self, const Value& other) {
    if (isMember(interp, other) && interp.typeOf(other) == interp.typeOf(self))
        return flagValue(interp, other);
    if (kindOf(interp, Value(interp.typeOf(self))) == EnumKind::IntFlag && other.isIntLike())
        return other.asInt();
    return std::nullopt;
}

Value flagBinary(Interpreter& interp, CallArgs& args, BinaryOp op) {
    const std::optional<std::int64_t> other = flagOperand(interp, args[0], args[1]);
    if (!other)
        return interp.dictGetStr(interp.builtins().as<DictObject>(), "NotImplemented");
    const std::int64_t a = flagValue(interp, args[0]);
    const std::int64_t result = op == BinaryOp::BitOr ? (a | *other) : op == BinaryOp::BitAnd ? (a & *other) : (a ^ *other);
    return flagMember(interp, Value(interp.typeOf(args[0])), Value::integer(result));
}
Value flagOr(Interpreter& interp, CallArgs& args) { return flagBinary(interp, args, BinaryOp::BitOr); }
Value flagAnd(Interpreter& interp, CallArgs& args) { return flagBinary(interp, args, BinaryOp::BitAnd); }
Value flagXor(Interpreter& interp, CallArgs& args) { return flagBinary(interp, args, BinaryOp::BitXor); }

Value flagInvert(Interpreter& interp, CallArgs& args) {
    const Value cls(interp.typeOf(args[0]));
    return flagMember(interp, cls, Value::integer(flagMask(interp, cls) & ~flagValue(interp, args[0])));
}

Value flagContains(Interpreter& interp, CallArgs& args) {
    if (!isMember(interp, args[1]) || interp.typeOf(args[1]) != interp.typeOf(args[0]))
        interp.typeError("unsupported operand type(s) for 'in': '" + interp.typeName(args[1]) + "' and '" +
                         interp.typeName(args[0]) + "'");
    const std::int64_t other = flagValue(interp, args[1]);
    return Value::boolean((flagValue(interp, args[0]) & other) == other);
}

// The one-bit members a value holds, in definition order.
std::vector<Value> flagParts(Interpreter& interp, const Value& self) {
    std::vector<Value> parts;
    const std::int64_t v = flagValue(interp, self);
    for (const Value& member : members(interp, Value(interp.typeOf(self))))
        if (v & flagValue(interp, member))
            parts.push_back(member);
    return parts;
}

Value flagIter(Interpreter& interp, CallArgs& args) { return interp.getIter(interp.newList(flagParts(interp, args[0]))); }
Value flagLen(Interpreter& interp, CallArgs& args) {
    return Value::integer(static_cast<std::int64_t>(flagParts(interp, args[0]).size()));
}
Value flagBool(Interpreter& interp, CallArgs& args) { return Value::boolean(flagValue(interp, args[0]) != 0); }

Value flagRepr(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    const Value name = interp.getAttr(self, interp.intern("_name_"));
    const std::string value = std::to_string(flagValue(interp, self));
    if (name.isNone())
        return interp.str("<" + interp.typeName(self) + ": " + value + ">");
    return interp.str("<" + interp.typeName(self) + "." + name.as<StrObject>()->text + ": " + value + ">");
}

// str(): Flag's "Perm.R|W" or "Perm(0)"; IntFlag's is its int's.
std::string flagText(Interpreter& interp, const Value& self) {
    const std::int64_t value = flagValue(interp, self);
    if (kindOf(interp, Value(interp.typeOf(self))) == EnumKind::IntFlag)
        return std::to_string(value);
    const Value name = interp.getAttr(self, interp.intern("_name_"));
    if (name.isNone())
        return interp.typeName(self) + "(" + std::to_string(value) + ")";
    return interp.typeName(self) + "." + name.as<StrObject>()->text;
}
Value flagStr(Interpreter& interp, CallArgs& args) { return interp.str(flagText(interp, args[0])); }
Value flagFormat(Interpreter& interp, CallArgs& args) {
    const std::string spec = args.count > 1 && args[1].is(Kind::Str) ? args[1].as<StrObject>()->text : "";
    if (kindOf(interp, Value(interp.typeOf(args[0]))) == EnumKind::IntFlag)
        return interp.str(interp.format(memberValue(interp, args[0]), spec));
    return interp.str(interp.format(interp.str(flagText(interp, args[0])), spec));
}

Value enumConstruct(Interpreter& interp, CallArgs& args) {
    if (args.count != 2 || args.kwCount() != 0)
        notSupported(interp, "the functional Enum API (Enum('Name', ...)) or calling an enum with other than one value");
    const Value& cls = args[0];
    const Value& value = args[1];
    // CPython 3.11's EnumType.__call__ and Enum.__new__ are Python: a lookup by value costs
    // about 500 ns there (measured), in the interpreter's simple operations of 5 ns.
    interp.chargeOps(90);
    if (interp.typeOf(value) == cls.as<ClassObject>())
        return value;
    if (isFlag(kindOf(interp, cls)))
        return flagMember(interp, cls, value);
    Value byValue = classDictValue(interp, cls, "_member_map_");
    if (!byValue.empty())
        for (const auto& entry : byValue.as<DictObject>()->table.entries())
            if (!entry.key.empty() && interp.equals(memberValue(interp, entry.value), value))
                return entry.value;
    interp.valueError(interp.repr(value) + " is not a valid " + cls.as<ClassObject>()->nameText());
}

// `A | B` of auto() values in a class body (ALL = READ | WRITE): CPython has given each its
// value by then; here they get theirs when the class is made, so the `|` waits until then.
Value autoOr(Interpreter& interp, CallArgs& args) {
    auto* instance = interp.heap().make<InstanceObject>(Value(interp.typeOf(args[0])));
    instance->dict = interp.newDict();
    interp.dictSetStr(instance->dict.as<DictObject>(), "_parts", interp.newList({args[0], args[1]}));
    return Value(instance);
}

Value resolveAutoParts(Interpreter& interp, const Value& parts, const std::vector<std::pair<Value, Value>>& autoValues) {
    Value result = Value::integer(0);
    for (const Value& part : parts.as<ListObject>()->items) {
        Value value = part;
        if (Value nested; part.is(Kind::Instance) && interp.findAttr(part, interp.intern("_parts"), nested)) {
            value = resolveAutoParts(interp, nested, autoValues);
        } else if (part.is(Kind::Instance)) {
            value = Value();
            for (const auto& [seen, became] : autoValues)
                if (seen.identical(part))
                    value = became;
            if (value.empty())
                notSupported(interp, "combining an auto() value with one defined after it");
        }
        result = interp.binary(BinaryOp::BitOr, result, value);
    }
    return result;
}

// Enum.__init_subclass__: the class body's plain attributes become members.
Value enumInitSubclass(Interpreter& interp, CallArgs& args) {
    const Value& clsValue = args[0];
    ClassObject* cls = clsValue.as<ClassObject>();
    auto* ns = cls->dict.as<DictObject>();
    const EnumKind kind = kindOf(interp, clsValue);
    if (kind == EnumKind::StrMixin || kind == EnumKind::IntMixin)
        for (const Value& base : cls->mro)
            if (kindOf(interp, base) == EnumKind::Flag)
                notSupported(interp, "a Flag mixed with str or int (use IntFlag)");
    Value autoClass = classDictValue(interp, clsValue, "_awaitscope_auto_");
    Value memberNames = interp.newList();
    Value memberMap = interp.newDict();
    std::vector<Value> values;
    std::vector<std::pair<std::string, Value>> definitions;
    for (const auto& entry : ns->table.entries())
        if (!entry.key.empty() && !skipName(entry.key.as<StrObject>()->text) && !isDescriptorLike(entry.value))
            definitions.emplace_back(entry.key.as<StrObject>()->text, entry.value);
    std::vector<std::pair<Value, Value>> autoValues;  // each auto() met, and the value it became
    for (auto& [name, raw] : definitions) {
        Value value = raw;
        const bool isAuto = !autoClass.empty() && interp.typeOf(value) == autoClass.as<ClassObject>();
        if (Value parts; isAuto && interp.findAttr(value, interp.intern("_parts"), parts)) {
            value = resolveAutoParts(interp, parts, autoValues);
        } else if (isAuto) {
            if (kind == EnumKind::Str) {
                value = interp.str(lowerCase(name));
            } else if (isFlag(kind)) {
                // Flag's _generate_next_value_: the power of two above the last value's high bit.
                value = Value::integer(1);
                for (auto last = values.rbegin(); last != values.rend(); ++last)
                    if (last->isIntLike()) {
                        value = Value::integer(std::int64_t{1} << std::bit_width(static_cast<std::uint64_t>(last->asInt())));
                        break;
                    }
            } else {
                value = Value::integer(1);
                for (auto last = values.rbegin(); last != values.rend(); ++last)
                    if (last->isIntLike()) {
                        value = interp.binary(BinaryOp::Add, *last, Value::integer(1));
                        break;
                    }
            }
        }
        if (isAuto)
            autoValues.emplace_back(raw, value);
        if (kind == EnumKind::Str && !value.is(Kind::Str))
            interp.typeError(interp.repr(value) + " is not a string");
        // A mixin member is made by its type from the value: str(1) is '1'.
        if (kind == EnumKind::StrMixin && !value.is(Kind::Str))
            value = interp.call(Value(interp.types.strType), {value});
        if (isIntKind(kind) && !value.isIntLike())
            value = interp.call(Value(interp.types.intType), {value});
        if (kind == EnumKind::Flag && (!value.isIntLike() || value.asInt() < 0))
            notSupported(interp, "a Flag member whose value is not a non-negative int");
        Value member;
        for (const auto& existing : memberMap.as<DictObject>()->table.entries())
            if (!existing.key.empty() && interp.equals(memberValue(interp, existing.value), value)) {
                member = existing.value;  // an alias of the first member with this value
                break;
            }
        if (member.empty()) {
            auto* instance = interp.heap().make<InstanceObject>(clsValue);
            member = Value(instance);
            instance->dict = interp.newDict();
            auto* dict = instance->dict.as<DictObject>();
            interp.dictSetStr(dict, "_name_", interp.str(name));
            interp.dictSetStr(dict, "_value_", value);
            interp.dictSetStr(dict, "name", interp.str(name));
            interp.dictSetStr(dict, "value", value);
            memberNames.as<ListObject>()->items.push_back(interp.str(name));
            values.push_back(value);
        }
        interp.dictSetStr(memberMap.as<DictObject>(), name, member);
        interp.dictSetStr(ns, name, member);
    }
    interp.dictSetStr(ns, "_member_names_", memberNames);
    interp.dictSetStr(ns, "_member_map_", memberMap);
    interp.dictSetStr(ns, "__members__", memberMap);
    cls->construct = enumConstruct;
    return Value::none();
}

std::vector<Value> members(Interpreter& interp, const Value& cls) {
    std::vector<Value> out;
    Value names = classDictValue(interp, cls, "_member_names_");
    Value map = classDictValue(interp, cls, "_member_map_");
    if (names.empty() || map.empty())
        return out;
    const bool flag = isFlag(kindOf(interp, cls));
    for (const Value& name : names.as<ListObject>()->items) {
        const Value member = *interp.dictLookup(map.as<DictObject>(), name);
        if (!flag || std::has_single_bit(static_cast<std::uint64_t>(memberValue(interp, member).asInt())))
            out.push_back(member);
    }
    return out;
}

Value metaIter(Interpreter& interp, CallArgs& args) { return interp.getIter(interp.newList(members(interp, args[0]))); }
Value metaLen(Interpreter& interp, CallArgs& args) {
    return Value::integer(static_cast<std::int64_t>(members(interp, args[0]).size()));
}

Value metaContains(Interpreter& interp, CallArgs& args) {
    const Value& cls = args[0];
    const Value& item = args[1];
    if (!isMember(interp, item))
        interp.typeError("unsupported operand type(s) for 'in': '" + interp.typeName(item) + "' and 'EnumType'");
    for (const Value& m : members(interp, cls))
        if (m.identical(item))
            return Value::boolean(true);
    return Value::boolean(false);
}

Value metaGetItem(Interpreter& interp, CallArgs& args) {
    Value map = classDictValue(interp, args[0], "_member_map_");
    if (map.empty())
        return args[0];  // Enum[...] itself, as a generic alias
    if (Value* member = interp.dictLookup(map.as<DictObject>(), args[1]))
        return *member;
    interp.raise(interp.newException(interp.exc.keyError, std::vector<Value>{args[1]}));
}

Value metaRepr(Interpreter& interp, CallArgs& args) {
    const char* what = isFlag(kindOf(interp, args[0])) ? "flag" : "enum";
    return interp.str(std::string("<") + what + " '" + args[0].as<ClassObject>()->nameText() + "'>");
}

Value memberRepr(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    return interp.str("<" + interp.typeName(self) + "." + memberName(interp, self) + ": " + interp.repr(memberValue(interp, self)) + ">");
}

Value memberStr(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    if (printsAsValue(kindOf(interp, Value(interp.typeOf(self)))))
        return interp.str(interp.toStr(memberValue(interp, self)));
    return interp.str(interp.typeName(self) + "." + memberName(interp, self));
}

Value memberFormat(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    const std::string spec = args.count > 1 && args[1].is(Kind::Str) ? args[1].as<StrObject>()->text : "";
    if (printsAsValue(kindOf(interp, Value(interp.typeOf(self)))))
        return interp.str(interp.format(memberValue(interp, self), spec));
    return interp.str(interp.format(interp.str(interp.typeName(self) + "." + memberName(interp, self)), spec));
}

Value memberReduce(Interpreter& interp, CallArgs& args) {
    return interp.newTuple({Value(interp.typeOf(args[0])), interp.newTuple({memberValue(interp, args[0])})});
}

// ---- IntEnum / StrEnum members stand for their values

Value valueCompare(Interpreter& interp, CallArgs& args, CompareOp op) {
    return interp.compare(op, plain(interp, args[0]), plain(interp, args[1]));
}
Value valueEq(Interpreter& interp, CallArgs& args) { return valueCompare(interp, args, CompareOp::Eq); }
Value valueNe(Interpreter& interp, CallArgs& args) { return valueCompare(interp, args, CompareOp::Ne); }
Value valueLt(Interpreter& interp, CallArgs& args) { return valueCompare(interp, args, CompareOp::Lt); }
Value valueLe(Interpreter& interp, CallArgs& args) { return valueCompare(interp, args, CompareOp::Le); }
Value valueGt(Interpreter& interp, CallArgs& args) { return valueCompare(interp, args, CompareOp::Gt); }
Value valueGe(Interpreter& interp, CallArgs& args) { return valueCompare(interp, args, CompareOp::Ge); }
Value valueHash(Interpreter& interp, CallArgs& args) {
    return Value::integer(static_cast<std::int64_t>(interp.hash(memberValue(interp, args[0]))));
}
template <BinaryOp op, bool reflected>
Value valueBinary(Interpreter& interp, CallArgs& args) {
    const Value a = plain(interp, args[0]), b = plain(interp, args[1]);
    return reflected ? interp.binary(op, b, a) : interp.binary(op, a, b);
}
Value valueNeg(Interpreter& interp, CallArgs& args) { return interp.unaryNegative(memberValue(interp, args[0])); }
Value valuePos(Interpreter& interp, CallArgs& args) { return interp.unaryPositive(memberValue(interp, args[0])); }
Value valueAbs(Interpreter& interp, CallArgs& args) {
    const Value v = memberValue(interp, args[0]);
    return interp.lessThan(v, Value::integer(0)) ? interp.unaryNegative(v) : v;
}
Value valueBool(Interpreter& interp, CallArgs& args) { return Value::boolean(interp.truthy(memberValue(interp, args[0]))); }
Value valueFloat(Interpreter& interp, CallArgs& args) { return Value::real(interp.toDouble(memberValue(interp, args[0]), "float()")); }
Value valueInt(Interpreter& interp, CallArgs& args) { return memberValue(interp, args[0]); }
Value valueLen(Interpreter& interp, CallArgs& args) { return Value::integer(interp.length(memberValue(interp, args[0]))); }
Value valueIter(Interpreter& interp, CallArgs& args) { return interp.getIter(memberValue(interp, args[0])); }
Value valueGetItem(Interpreter& interp, CallArgs& args) { return interp.getItem(memberValue(interp, args[0]), args[1]); }
Value valueContains(Interpreter& interp, CallArgs& args) {
    return Value::boolean(interp.contains(memberValue(interp, args[0]), args[1]));
}
Value valueGetattr(Interpreter& interp, CallArgs& args) { return interp.getAttr(memberValue(interp, args[0]), args[1]); }

Value uniqueDecorator(Interpreter& interp, CallArgs& args) {
    if (args.count != 1 || !args[0].is(Kind::Class))
        interp.typeError("unique() takes an enumeration class");
    const Value& cls = args[0];
    Value map = classDictValue(interp, cls, "_member_map_");
    std::string duplicates;
    if (!map.empty())
        for (const auto& entry : map.as<DictObject>()->table.entries()) {
            if (entry.key.empty())
                continue;
            const std::string& alias = entry.key.as<StrObject>()->text;
            const std::string name = memberName(interp, entry.value);
            if (alias != name)
                duplicates += (duplicates.empty() ? "" : ", ") + alias + " -> " + name;
        }
    if (!duplicates.empty())
        interp.valueError("duplicate values found in <enum '" + cls.as<ClassObject>()->nameText() + "'>: " + duplicates);
    return cls;
}

Value autoConstruct(Interpreter& interp, CallArgs& args) {
    auto* instance = interp.heap().make<InstanceObject>(args[0]);
    return Value(instance);
}

void method(Interpreter& interp, ClassObject* cls, const char* name, NativeFn fn) { interp.addMethod(cls, name, fn); }

// IntEnum, StrEnum, IntFlag and the mixins' members compare, hash and do arithmetic as their values.
void addValueMethods(Interpreter& interp, ClassObject* cls) {
    const std::pair<const char*, NativeFn> methods[] = {
        {"__eq__", valueEq},
        {"__ne__", valueNe},
        {"__lt__", valueLt},
        {"__le__", valueLe},
        {"__gt__", valueGt},
        {"__ge__", valueGe},
        {"__hash__", valueHash},
        {"__bool__", valueBool},
        {"__add__", valueBinary<BinaryOp::Add, false>},
        {"__radd__", valueBinary<BinaryOp::Add, true>},
        {"__sub__", valueBinary<BinaryOp::Sub, false>},
        {"__rsub__", valueBinary<BinaryOp::Sub, true>},
        {"__mul__", valueBinary<BinaryOp::Mul, false>},
        {"__rmul__", valueBinary<BinaryOp::Mul, true>},
        {"__mod__", valueBinary<BinaryOp::Mod, false>},
        {"__rmod__", valueBinary<BinaryOp::Mod, true>}};
    for (const auto& [name, fn] : methods)
        method(interp, cls, name, fn);
}

// An int kind's members also divide, negate and convert as their ints.
void addIntMethods(Interpreter& interp, ClassObject* cls) {
    const std::pair<const char*, NativeFn> methods[] = {
        {"__truediv__", valueBinary<BinaryOp::TrueDiv, false>},
        {"__rtruediv__", valueBinary<BinaryOp::TrueDiv, true>},
        {"__floordiv__", valueBinary<BinaryOp::FloorDiv, false>},
        {"__rfloordiv__", valueBinary<BinaryOp::FloorDiv, true>},
        {"__neg__", valueNeg},
        {"__pos__", valuePos},
        {"__abs__", valueAbs},
        {"__int__", valueInt},
        {"__index__", valueInt},
        {"__float__", valueFloat}};
    for (const auto& [name, fn] : methods)
        method(interp, cls, name, fn);
}

} // namespace

ClassObject* enumValueType(Interpreter& interp, ClassObject* cls) {
    const Value kind = interp.lookupClass(cls, interp.intern("_awaitscope_enum_kind_"));
    if (!kind.isInt() || !standsForValue(static_cast<EnumKind>(kind.asInt())))
        return nullptr;
    return isIntKind(static_cast<EnumKind>(kind.asInt())) ? interp.types.intType : interp.types.strType;
}

Value enumMemberValue(Interpreter& interp, const Value& value) {
    if (!value.is(Kind::Instance) || !isMember(interp, value) || !standsForValue(kindOf(interp, Value(interp.typeOf(value)))))
        return {};
    return memberValue(interp, value);
}

Value makeEnumModule(Interpreter& interp) {
    auto make = [&](const char* name, ClassObject* base) {
        return interp.makeClass(name, {base}, BuiltinType::None, instanceSlots(), nullptr, "enum");
    };
    ClassObject* autoClass = interp.makeClass("auto", {interp.types.object}, BuiltinType::None, instanceSlots(), autoConstruct, "enum");
    method(interp, autoClass, "__or__", autoOr);
    method(interp, autoClass, "__ror__", autoOr);
    ClassObject* enumClass = make("Enum", interp.types.object);
    auto* ns = enumClass->dict.as<DictObject>();
    interp.dictSetStr(ns, "_awaitscope_auto_", Value(autoClass));
    method(interp, enumClass, "__init_subclass__", enumInitSubclass);
    method(interp, enumClass, "__meta_iter__", metaIter);
    method(interp, enumClass, "__meta_len__", metaLen);
    method(interp, enumClass, "__meta_contains__", metaContains);
    method(interp, enumClass, "__meta_getitem__", metaGetItem);
    method(interp, enumClass, "__meta_repr__", metaRepr);
    method(interp, enumClass, "__repr__", memberRepr);
    method(interp, enumClass, "__str__", memberStr);
    method(interp, enumClass, "__format__", memberFormat);
    method(interp, enumClass, "__reduce_ex__", memberReduce);

    auto valueEnum = [&](const char* name, EnumKind kind) {
        ClassObject* cls = make(name, enumClass);
        auto* dict = cls->dict.as<DictObject>();
        interp.dictSetStr(dict, "_awaitscope_enum_kind_", Value::integer(static_cast<std::int64_t>(kind)));
        addValueMethods(interp, cls);
        method(interp, cls, "__getattr__", valueGetattr);
        if (isIntKind(kind)) {
            addIntMethods(interp, cls);
        } else {
            method(interp, cls, "__len__", valueLen);
            method(interp, cls, "__iter__", valueIter);
            method(interp, cls, "__getitem__", valueGetItem);
            method(interp, cls, "__contains__", valueContains);
        }
        return cls;
    };
    ClassObject* intEnum = valueEnum("IntEnum", EnumKind::Int);
    ClassObject* strEnum = valueEnum("StrEnum", EnumKind::Str);
    // What str and int become when mixed into an Enum (objects/Class.cpp reads the table).
    Value mixins = interp.newDict();
    interp.dictSet(mixins.as<DictObject>(), Value(interp.types.strType), Value(valueEnum("str", EnumKind::StrMixin)));
    interp.dictSet(mixins.as<DictObject>(), Value(interp.types.intType), Value(valueEnum("int", EnumKind::IntMixin)));
    interp.dictSetStr(ns, "_awaitscope_mixins_", mixins);
    ClassObject* flag = make("Flag", enumClass);
    interp.dictSetStr(flag->dict.as<DictObject>(), "_awaitscope_enum_kind_", Value::integer(static_cast<std::int64_t>(EnumKind::Flag)));
    const std::pair<const char*, NativeFn> flagMethods[] = {
        {"__or__", flagOr},   {"__ror__", flagOr},     {"__and__", flagAnd},   {"__rand__", flagAnd},
        {"__xor__", flagXor}, {"__rxor__", flagXor},   {"__invert__", flagInvert}, {"__contains__", flagContains},
        {"__iter__", flagIter}, {"__len__", flagLen},  {"__bool__", flagBool},  {"__repr__", flagRepr},
        {"__str__", flagStr}, {"__format__", flagFormat}};
    for (const auto& [methodName, fn] : flagMethods)
        method(interp, flag, methodName, fn);
    // IntFlag: a Flag whose members are also their ints (compare, hash and add as them).
    ClassObject* intFlag = make("IntFlag", flag);
    interp.dictSetStr(intFlag->dict.as<DictObject>(), "_awaitscope_enum_kind_",
                      Value::integer(static_cast<std::int64_t>(EnumKind::IntFlag)));
    addValueMethods(interp, intFlag);
    addIntMethods(interp, intFlag);

    Value module = newModule(interp, "enum");
    addValue(interp, module, "Enum", Value(enumClass));
    addValue(interp, module, "IntEnum", Value(intEnum));
    addValue(interp, module, "StrEnum", Value(strEnum));
    addValue(interp, module, "Flag", Value(flag));
    addValue(interp, module, "IntFlag", Value(intFlag));
    addValue(interp, module, "auto", Value(autoClass));
    addFunction(interp, module, "unique", uniqueDecorator);
    return module;
}

} // namespace awaitscope::script
