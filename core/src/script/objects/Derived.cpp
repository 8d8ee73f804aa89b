// Script classes deriving from list, tuple or dict (CPython's subtype_* slots in typeobject.c):
// an instance is the builtin's own object carrying its class (DerivedParts), so every builtin
// method and every piece of C++ that takes a list, tuple or dict takes it. Each operator is the
// class's dunder when the script overrides it, and the builtin's otherwise; the builtin's
// methods (dict.get, dict.update, list.append) never call the overrides, as in CPython.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

// The method `name` a script class defines before the builtin along the MRO, or Empty: what
// the builtin itself has (its own dunders among them) is no override.
Value ownDunder(Interpreter& interp, const Value& object, const char* name) {
    const Value key = interp.intern(name);
    const std::size_t keyHash = key.as<StrObject>()->hash();
    for (const Value& entry : interp.typeOf(object)->mro) {
        const auto* cls = entry.as<ClassObject>();
        if (cls->builtin != BuiltinType::None)
            return {};
        if (Value* found = cls->dict.as<DictObject>()->table.lookup(key, keyHash))
            return *found;
    }
    return {};
}

// The slots of the builtin whose storage the object has (list, tuple or dict).
const TypeSlots& storageSlots(Interpreter& interp, const Value& object) {
    switch (object.object()->kind()) {
    case Kind::List: return *interp.types.listType->slots;
    case Kind::Tuple: return *interp.types.tupleType->slots;
    default: return *interp.types.dictType->slots;
    }
}

const TypeSlots& instance() { return instanceSlots(); }

std::string derivedRepr(Interpreter& interp, const Value& value) {
    if (!ownDunder(interp, value, "__repr__").empty())
        return instance().repr(interp, value);
    Interpreter::DepthGuard guard(interp);
    return storageSlots(interp, value).repr(interp, value);
}

std::string derivedStr(Interpreter& interp, const Value& value) {
    if (!ownDunder(interp, value, "__str__").empty())
        return instance().str(interp, value);
    return derivedRepr(interp, value);
}

std::int64_t derivedLength(Interpreter& interp, const Value& value) {
    if (!ownDunder(interp, value, "__len__").empty())
        return instance().length(interp, value);
    return storageSlots(interp, value).length(interp, value);
}

bool derivedTruthy(Interpreter& interp, const Value& value) {
    if (!ownDunder(interp, value, "__bool__").empty())
        return instance().truthy(interp, value);
    return derivedLength(interp, value) != 0;
}

std::size_t derivedHash(Interpreter& interp, const Value& value) {
    Value method = ownDunder(interp, value, "__hash__");
    if (method.isNone())
        return unhashable(interp, value);
    if (!method.empty())
        return instance().hash(interp, value);
    return storageSlots(interp, value).hash(interp, value);
}

Value derivedBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (Value result = instance().binary(interp, op, a, b, inplace); !result.empty())
        return result;
    auto slot = storageSlots(interp, a).binary;
    return slot ? slot(interp, op, a, b, inplace) : Value();
}

Value derivedReflectedBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b) {
    if (Value result = instance().reflectedBinary(interp, op, a, b); !result.empty())
        return result;
    auto slot = storageSlots(interp, b).reflectedBinary;
    return slot ? slot(interp, op, a, b) : Value();
}

bool derivedEquals(Interpreter& interp, const Value& a, const Value& b) {
    if (!ownDunder(interp, a, "__eq__").empty())
        return instance().equals(interp, a, b);
    return storageSlots(interp, a).equals(interp, a, b);
}

Value derivedCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    if (Value result = instance().compare(interp, op, a, b); !result.empty())
        return result;
    auto slot = storageSlots(interp, a).compare;
    return slot ? slot(interp, op, a, b) : Value();
}

Value derivedReflectedCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    if (Value result = instance().reflectedCompare(interp, op, a, b); !result.empty())
        return result;
    auto slot = storageSlots(interp, b).reflectedCompare;
    return slot ? slot(interp, op, a, b) : Value();
}

int derivedContains(Interpreter& interp, const Value& container, const Value& item) {
    if (!ownDunder(interp, container, "__contains__").empty())
        return instance().contains(interp, container, item);
    return storageSlots(interp, container).contains(interp, container, item);
}

Value derivedGetItem(Interpreter& interp, const Value& object, const Value& index) {
    if (!ownDunder(interp, object, "__getitem__").empty())
        return instance().getItem(interp, object, index);
    if (object.is(Kind::Dict))
        return dictSubscript(interp, object, index);
    return storageSlots(interp, object).getItem(interp, object, index);
}

bool derivedSetItem(Interpreter& interp, const Value& object, const Value& index, Value value) {
    if (!ownDunder(interp, object, "__setitem__").empty())
        return instance().setItem(interp, object, index, std::move(value));
    auto slot = storageSlots(interp, object).setItem;
    return slot && slot(interp, object, index, std::move(value));
}

bool derivedDeleteItem(Interpreter& interp, const Value& object, const Value& index) {
    if (!ownDunder(interp, object, "__delitem__").empty())
        return instance().deleteItem(interp, object, index);
    auto slot = storageSlots(interp, object).deleteItem;
    return slot && slot(interp, object, index);
}

Value derivedIter(Interpreter& interp, const Value& iterable) {
    if (!ownDunder(interp, iterable, "__iter__").empty())
        return instance().iter(interp, iterable);
    return storageSlots(interp, iterable).iter(interp, iterable);
}

// Attributes: a property of the class, then the instance's own, then the class's, bound.
bool derivedGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    DerivedParts* parts = derivedParts(object);
    Value classAttr = interp.lookupClass(interp.typeOf(object), name);
    if (isDescriptor(classAttr, "property")) {
        out = interp.call(classAttr.as<NativeObject>()->data, {object});
        return true;
    }
    if (!parts->attrs.empty())
        if (Value* found = parts->attrs.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash())) {
            out = *found;
            return true;
        }
    if (name.as<StrObject>()->text == "__dict__") {
        if (parts->attrs.empty())
            parts->attrs = interp.newDict();
        out = parts->attrs;
        return true;
    }
    if (classAttr.empty())
        return false;
    bindClassAttribute(interp, object, classAttr, out);
    return true;
}

bool derivedSetAttr(Interpreter& interp, const Value& object, const Value& name, Value value) {
    DerivedParts* parts = derivedParts(object);
    // A library class's own __setattr__ (a namedtuple's) guards its instances before any
    // descriptor does, as a class's __setattr__ does in CPython: a field says "can't set attribute".
    Value guard = interp.lookupClass(interp.typeOf(object), interp.intern("__setattr__"));
    if (guard.is(Kind::Native)) {
        interp.call(guard, {object, name, value});
        return true;
    }
    Value classAttr = interp.lookupClass(interp.typeOf(object), name);
    if (isDescriptor(classAttr, "property")) {
        Value setter = classAttr.as<NativeObject>()->self;
        if (setter.empty())
            interp.raise(interp.exc.attributeError, "property '" + name.as<StrObject>()->text + "' of '" +
                                                        interp.typeName(object) + "' object has no setter");
        interp.call(setter, {object, value});
        return true;
    }
    if (parts->attrs.empty())
        parts->attrs = interp.newDict();
    interp.dictSet(parts->attrs.as<DictObject>(), name, std::move(value));
    return true;
}

bool derivedDeleteAttr(Interpreter& interp, const Value& object, const Value& name) {
    DerivedParts* parts = derivedParts(object);
    Value guard = interp.lookupClass(interp.typeOf(object), interp.intern("__delattr__"));
    if (guard.is(Kind::Native)) {
        interp.call(guard, {object, name});
        return true;
    }
    return !parts->attrs.empty() && !parts->attrs.as<DictObject>()->table.remove(name, interp.hash(name)).empty();
}

Value derivedEnter(Interpreter& interp, const Value& m) { return instance().enter(interp, m); }
Value derivedExit(Interpreter& interp, const Value& m, const Value& e) { return instance().exit(interp, m, e); }
Value derivedAsyncEnter(Interpreter& interp, const Value& m) { return instance().asyncEnter(interp, m); }
Value derivedAsyncExit(Interpreter& interp, const Value& m, const Value& e) { return instance().asyncExit(interp, m, e); }

constexpr TypeSlots kDerivedSlots{.repr = derivedRepr,
                                  .str = derivedStr,
                                  .truthy = derivedTruthy,
                                  .length = derivedLength,
                                  .hash = derivedHash,
                                  .binary = derivedBinary,
                                  .reflectedBinary = derivedReflectedBinary,
                                  .equals = derivedEquals,
                                  .compare = derivedCompare,
                                  .reflectedCompare = derivedReflectedCompare,
                                  .contains = derivedContains,
                                  .getItem = derivedGetItem,
                                  .setItem = derivedSetItem,
                                  .deleteItem = derivedDeleteItem,
                                  .getAttr = derivedGetAttr,
                                  .setAttr = derivedSetAttr,
                                  .deleteAttr = derivedDeleteAttr,
                                  .iter = derivedIter,
                                  .enter = derivedEnter,
                                  .exit = derivedExit,
                                  .asyncEnter = derivedAsyncEnter,
                                  .asyncExit = derivedAsyncExit};

// ---- the builtins' own dunders, which act on the storage whatever the subclass overrides

// The receiver of list.__x__ / tuple.__x__ / dict.__x__: one of the three, or TypeError.
const TypeSlots& receiverSlots(Interpreter& interp, CallArgs& args, const char* name) {
    if (args.count < 1 || !(args[0].is(Kind::List) || args[0].is(Kind::Tuple) || args[0].is(Kind::Dict)))
        interp.typeError(std::string("descriptor '") + name + "' requires a list, tuple or dict object");
    return storageSlots(interp, args[0]);
}

Value builtinGetItem(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__getitem__", 1, 1);
    if (args[0].is(Kind::Dict))
        return dictSubscript(interp, args[0], args[1]);
    return receiverSlots(interp, args, "__getitem__").getItem(interp, args[0], args[1]);
}

Value builtinSetItem(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__setitem__", 2, 2);
    auto slot = receiverSlots(interp, args, "__setitem__").setItem;
    if (!slot || !slot(interp, args[0], args[1], args[2]))
        interp.typeError("'" + interp.typeName(args[0]) + "' object does not support item assignment");
    return Value::none();
}

Value builtinDelItem(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__delitem__", 1, 1);
    auto slot = receiverSlots(interp, args, "__delitem__").deleteItem;
    if (!slot || !slot(interp, args[0], args[1]))
        interp.typeError("'" + interp.typeName(args[0]) + "' object doesn't support item deletion");
    return Value::none();
}

Value builtinContains(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__contains__", 1, 1);
    return Value::boolean(receiverSlots(interp, args, "__contains__").contains(interp, args[0], args[1]) == 1);
}

Value builtinLen(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__len__", 0, 0);
    return Value::integer(receiverSlots(interp, args, "__len__").length(interp, args[0]));
}

Value builtinIter(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__iter__", 0, 0);
    return receiverSlots(interp, args, "__iter__").iter(interp, args[0]);
}

Value builtinRepr(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__repr__", 0, 0);
    Interpreter::DepthGuard guard(interp);
    return interp.str(receiverSlots(interp, args, "__repr__").repr(interp, args[0]));
}

Value builtinEq(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__eq__", 1, 1);
    const TypeSlots& slots = receiverSlots(interp, args, "__eq__");
    if (!args[1].isObject() || args[1].object()->kind() != args[0].object()->kind())
        return interp.dictGetStr(interp.builtins().as<DictObject>(), "NotImplemented");
    return Value::boolean(args[0].object() == args[1].object() || slots.equals(interp, args[0], args[1]));
}

Value builtinHash(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__hash__", 0, 0);
    auto slot = receiverSlots(interp, args, "__hash__").hash;
    return Value::integer(static_cast<std::int64_t>(slot(interp, args[0])));
}

// A new, empty object of `cls` (list, dict or a class deriving from one), for their __new__.
Value newStorage(Interpreter& interp, const Value& cls, ClassObject* builtin, std::vector<Value> items = {}) {
    if (!cls.is(Kind::Class))
        interp.typeError(builtin->nameText() + ".__new__(X): X is not a type object (" + interp.typeName(cls) + ")");
    auto* klass = cls.as<ClassObject>();
    if (!Interpreter::isSubclass(klass, builtin))
        interp.typeError(builtin->nameText() + ".__new__(" + klass->nameText() + "): " + klass->nameText() +
                         " is not a subtype of " + builtin->nameText());
    Value made;
    if (builtin == interp.types.tupleType)
        made = interp.newTuple(std::move(items));
    else if (builtin == interp.types.listType)
        made = interp.newList();
    else
        made = interp.newDict();
    if (klass != builtin) {
        auto parts = std::make_unique<DerivedParts>();
        parts->cls = cls;
        if (made.is(Kind::Tuple))
            made.as<TupleObject>()->derived = std::move(parts);
        else if (made.is(Kind::List))
            made.as<ListObject>()->derived = std::move(parts);
        else
            made.as<DictObject>()->derived = std::move(parts);
    }
    return made;
}

// list.__new__ and dict.__new__ take any arguments and make an empty object; __init__ fills it.
Value listNew(Interpreter& interp, CallArgs& args) {
    if (args.count < 1)
        interp.typeError("list.__new__(): not enough arguments");
    return newStorage(interp, args[0], interp.types.listType);
}

Value dictNew(Interpreter& interp, CallArgs& args) {
    if (args.count < 1)
        interp.typeError("dict.__new__(): not enough arguments");
    return newStorage(interp, args[0], interp.types.dictType);
}

// tuple.__new__(cls, iterable=()): the items are fixed here, as a tuple's are.
Value tupleNew(Interpreter& interp, CallArgs& args) {
    if (args.count < 1)
        interp.typeError("tuple.__new__(): not enough arguments");
    Value plain = interp.types.tupleType->construct(interp, args);
    if (args[0].is(Kind::Class) && args[0].object() == interp.types.tupleType)
        return plain;
    return newStorage(interp, args[0], interp.types.tupleType, plain.as<TupleObject>()->items);
}

// list.__init__(iterable=()): the list becomes the iterable's items.
Value listInit(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || !args[0].is(Kind::List))
        interp.typeError("descriptor '__init__' requires a 'list' object");
    Value filled = interp.types.listType->construct(interp, args);
    args[0].as<ListObject>()->items = std::move(filled.as<ListObject>()->items);
    return Value::none();
}

// dict.__init__(mapping_or_pairs=(), **kwargs): what dict(...) would hold is added, without
// calling an overridden __setitem__, as CPython's dict_update_common does.
Value dictInit(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || !args[0].is(Kind::Dict))
        interp.typeError("descriptor '__init__' requires a 'dict' object");
    Value filled = interp.types.dictType->construct(interp, args);
    auto* target = args[0].as<DictObject>();
    for (auto& e : filled.as<DictObject>()->table.entries())
        if (!e.key.empty())
            interp.dictSet(target, e.key, e.value);
    return Value::none();
}

void addStaticNew(Interpreter& interp, ClassObject* cls, NativeFn fn) {
    Value native = interp.newNative(fn, "__new__");
    interp.dictSetStr(cls->dict.as<DictObject>(), "__new__", newDescriptor(interp, "staticmethod", native));
}

} // namespace

const TypeSlots& derivedSlots() { return kDerivedSlots; }

Value dictSubscript(Interpreter& interp, const Value& dict, const Value& key) {
    if (Value* found = interp.dictLookup(dict.as<DictObject>(), key))
        return *found;
    if (derivedParts(dict)) {
        Value missing = ownDunder(interp, dict, "__missing__");
        if (!missing.empty())
            return interp.call(missing, {dict, key});
    }
    interp.raise(interp.newException(interp.exc.keyError, {key}));
}

Value instantiateDerived(Interpreter& interp, ClassObject* cls, const Value* args, int count, const TupleObject* kwNames) {
    const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
    std::vector<Value> all;
    all.reserve(static_cast<std::size_t>(count + kw + 1));
    all.emplace_back(cls);
    for (int i = 0; i < count + kw; ++i)
        all.push_back(args[i]);
    Value make = interp.lookupClass(cls, interp.intern("__new__"));
    if (isDescriptor(make, "staticmethod"))
        make = make.as<NativeObject>()->data;
    Value self = interp.call(make, all.data(), count + 1, kwNames);
    if (!interp.isInstance(self, cls))
        return self;
    Value init = interp.lookupClass(cls, interp.intern("__init__"));
    // tuple has no __init__ of its own: its __new__ took the arguments.
    if (init.empty())
        return self;
    all[0] = self;
    Value returned = interp.call(init, all.data(), count + 1, kwNames);
    if (!returned.isNone())
        interp.typeError("__init__() should return None, not '" + interp.typeName(returned) + "'");
    return self;
}

void installDerivedMethods(Interpreter& interp) {
    auto& t = interp.types;
    for (ClassObject* cls : {t.listType, t.tupleType, t.dictType}) {
        interp.addMethod(cls, "__getitem__", builtinGetItem);
        interp.addMethod(cls, "__contains__", builtinContains);
        interp.addMethod(cls, "__len__", builtinLen);
        interp.addMethod(cls, "__iter__", builtinIter);
        interp.addMethod(cls, "__repr__", builtinRepr);
        interp.addMethod(cls, "__eq__", builtinEq);
    }
    for (ClassObject* cls : {t.listType, t.dictType}) {
        interp.addMethod(cls, "__setitem__", builtinSetItem);
        interp.addMethod(cls, "__delitem__", builtinDelItem);
    }
    interp.addMethod(t.tupleType, "__hash__", builtinHash);
    interp.addMethod(t.listType, "__init__", listInit);
    interp.addMethod(t.dictType, "__init__", dictInit);
    addStaticNew(interp, t.listType, listNew);
    addStaticNew(interp, t.dictType, dictNew);
    addStaticNew(interp, t.tupleType, tupleNew);
}

} // namespace awaitscope::script
