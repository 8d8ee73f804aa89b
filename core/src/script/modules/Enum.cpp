// The enum module, after Lib/enum.py: a subclass of Enum turns its plain class attributes into
// members when it is created (Enum.__init_subclass__ stands in for EnumType.__new__), and the
// class answers iteration, len, `in`, Color['RED'] and Color(1) as EnumType makes it answer
// (the __meta_* hooks of objects/Class.cpp). IntEnum and StrEnum members behave as their
// values in comparisons, hashing, arithmetic, str() and format(), but are not int or str
// instances (the interpreter cannot subclass builtin types).
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

enum class EnumKind { Plain, Int, Str };

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
    Value byValue = classDictValue(interp, cls, "_member_map_");
    if (!byValue.empty())
        for (const auto& entry : byValue.as<DictObject>()->table.entries())
            if (!entry.key.empty() && interp.equals(memberValue(interp, entry.value), value))
                return entry.value;
    interp.valueError(interp.repr(value) + " is not a valid " + cls.as<ClassObject>()->nameText());
}

// Enum.__init_subclass__: the class body's plain attributes become members.
Value enumInitSubclass(Interpreter& interp, CallArgs& args) {
    const Value& clsValue = args[0];
    ClassObject* cls = clsValue.as<ClassObject>();
    auto* ns = cls->dict.as<DictObject>();
    const EnumKind kind = kindOf(interp, clsValue);
    Value autoClass = classDictValue(interp, clsValue, "_awaitscope_auto_");
    Value memberNames = interp.newList();
    Value memberMap = interp.newDict();
    std::vector<Value> values;
    std::vector<std::pair<std::string, Value>> definitions;
    for (const auto& entry : ns->table.entries())
        if (!entry.key.empty() && !skipName(entry.key.as<StrObject>()->text) && !isDescriptorLike(entry.value))
            definitions.emplace_back(entry.key.as<StrObject>()->text, entry.value);
    for (auto& [name, raw] : definitions) {
        Value value = raw;
        if (!autoClass.empty() && interp.typeOf(value) == autoClass.as<ClassObject>()) {
            if (kind == EnumKind::Str) {
                value = interp.str(lowerCase(name));
            } else {
                value = Value::integer(1);
                for (auto last = values.rbegin(); last != values.rend(); ++last)
                    if (last->isIntLike()) {
                        value = interp.binary(BinaryOp::Add, *last, Value::integer(1));
                        break;
                    }
            }
        }
        if (kind == EnumKind::Str && !value.is(Kind::Str))
            interp.typeError(interp.repr(value) + " is not a string");
        if (kind == EnumKind::Int && !value.isIntLike())
            value = interp.call(Value(interp.types.intType), {value});
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
    for (const Value& name : names.as<ListObject>()->items)
        out.push_back(*interp.dictLookup(map.as<DictObject>(), name));
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
    return interp.str("<enum '" + args[0].as<ClassObject>()->nameText() + "'>");
}

Value memberRepr(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    return interp.str("<" + interp.typeName(self) + "." + memberName(interp, self) + ": " + interp.repr(memberValue(interp, self)) + ">");
}

Value memberStr(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    if (kindOf(interp, Value(interp.typeOf(self))) != EnumKind::Plain)
        return interp.str(interp.toStr(memberValue(interp, self)));
    return interp.str(interp.typeName(self) + "." + memberName(interp, self));
}

Value memberFormat(Interpreter& interp, CallArgs& args) {
    const Value& self = args[0];
    const std::string spec = args.count > 1 && args[1].is(Kind::Str) ? args[1].as<StrObject>()->text : "";
    if (kindOf(interp, Value(interp.typeOf(self))) != EnumKind::Plain)
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
Value valueBinary(Interpreter& interp, CallArgs& args, BinaryOp op, bool reflected) {
    const Value a = plain(interp, args[0]), b = plain(interp, args[1]);
    return reflected ? interp.binary(op, b, a) : interp.binary(op, a, b);
}
Value valueAdd(Interpreter& interp, CallArgs& args) { return valueBinary(interp, args, BinaryOp::Add, false); }
Value valueRadd(Interpreter& interp, CallArgs& args) { return valueBinary(interp, args, BinaryOp::Add, true); }
Value valueSub(Interpreter& interp, CallArgs& args) { return valueBinary(interp, args, BinaryOp::Sub, false); }
Value valueRsub(Interpreter& interp, CallArgs& args) { return valueBinary(interp, args, BinaryOp::Sub, true); }
Value valueMul(Interpreter& interp, CallArgs& args) { return valueBinary(interp, args, BinaryOp::Mul, false); }
Value valueRmul(Interpreter& interp, CallArgs& args) { return valueBinary(interp, args, BinaryOp::Mul, true); }
Value valueInt(Interpreter& interp, CallArgs& args) { return memberValue(interp, args[0]); }
Value valueLen(Interpreter& interp, CallArgs& args) { return Value::integer(interp.length(memberValue(interp, args[0]))); }
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

Value flagInitSubclass(Interpreter& interp, CallArgs& args) {
    (void)args;
    notSupported(interp, "enum.Flag");
}

void method(Interpreter& interp, ClassObject* cls, const char* name, NativeFn fn) { interp.addMethod(cls, name, fn); }

} // namespace

Value makeEnumModule(Interpreter& interp) {
    auto make = [&](const char* name, ClassObject* base) {
        return interp.makeClass(name, {base}, BuiltinType::None, instanceSlots(), nullptr, "enum");
    };
    ClassObject* autoClass = interp.makeClass("auto", {interp.types.object}, BuiltinType::None, instanceSlots(), autoConstruct, "enum");
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
        const std::pair<const char*, NativeFn> methods[] = {
            {"__eq__", valueEq},   {"__ne__", valueNe},     {"__lt__", valueLt},   {"__le__", valueLe},
            {"__gt__", valueGt},   {"__ge__", valueGe},     {"__hash__", valueHash}, {"__add__", valueAdd},
            {"__radd__", valueRadd}, {"__sub__", valueSub}, {"__rsub__", valueRsub}, {"__mul__", valueMul},
            {"__rmul__", valueRmul}, {"__getattr__", valueGetattr}};
        for (const auto& [methodName, fn] : methods)
            method(interp, cls, methodName, fn);
        if (kind == EnumKind::Int) {
            method(interp, cls, "__int__", valueInt);
            method(interp, cls, "__index__", valueInt);
        } else {
            method(interp, cls, "__len__", valueLen);
        }
        return cls;
    };
    ClassObject* intEnum = valueEnum("IntEnum", EnumKind::Int);
    ClassObject* strEnum = valueEnum("StrEnum", EnumKind::Str);
    ClassObject* flag = interp.makeClass("Flag", {interp.types.object}, BuiltinType::None, instanceSlots(), nullptr, "enum");
    interp.addMethod(flag, "__init_subclass__", flagInitSubclass);
    ClassObject* intFlag = interp.makeClass("IntFlag", {flag}, BuiltinType::None, instanceSlots(), nullptr, "enum");

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
