// _collections, the native half of collections and copy (modules/python/collections.py and
// copy.py are the rest): the guard that keeps a namedtuple's fields read-only, as __setattr__
// and __delattr__ natives (the interpreter honours a class's native __setattr__, not a
// script-defined one), and a new instance of a class without running its __init__.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

bool isField(Interpreter& interp, const Value& self, const Value& name) {
    Value fields;
    if (!interp.findAttr(Value(interp.typeOf(self)), interp.intern("_fields"), fields) || !fields.is(Kind::Tuple))
        return false;
    for (const Value& field : fields.as<TupleObject>()->items)
        if (interp.equals(field, name))
            return true;
    return false;
}

// A namedtuple's own attributes: none beyond its fields when its class has __slots__ (as
// namedtuple() and typing.NamedTuple make it); a subclass without __slots__ has a __dict__.
DictObject* namedtupleAttrs(Interpreter& interp, const Value& self, const Value& name) {
    DerivedParts* parts = derivedParts(self);
    const bool slotted = !interp.dictGetStr(interp.typeOf(self)->dict.as<DictObject>(), "__slots__").empty();
    if (!parts || slotted)
        interp.raise(interp.exc.attributeError,
                     "'" + interp.typeName(self) + "' object has no attribute '" + name.as<StrObject>()->text + "'");
    if (parts->attrs.empty())
        parts->attrs = interp.newDict();
    return parts->attrs.as<DictObject>();
}

Value namedtupleSetattr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__setattr__", {"self", "name", "value"}, 3);
    if (!a[1].is(Kind::Str))
        interp.typeError("attribute name must be string");
    if (isField(interp, a[0], a[1]))
        interp.raise(interp.exc.attributeError, "can't set attribute");
    interp.dictSet(namedtupleAttrs(interp, a[0], a[1]), a[1], a[2]);
    return Value::none();
}

Value namedtupleDelattr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__delattr__", {"self", "name"}, 2);
    if (!a[1].is(Kind::Str))
        interp.typeError("attribute name must be string");
    if (isField(interp, a[0], a[1]))
        interp.raise(interp.exc.attributeError, "can't delete attribute");
    if (namedtupleAttrs(interp, a[0], a[1])->table.remove(a[1], interp.hash(a[1])).empty())
        interp.raise(interp.exc.attributeError, "'" + interp.typeName(a[0]) + "' object has no attribute '" +
                                                     a[1].as<StrObject>()->text + "'");
    return Value::none();
}

// copy.copy and copy.deepcopy: an empty instance of x's class, to fill with x's attributes.
Value newInstance(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "new_instance", {"x"}, 1);
    if (!a[0].is(Kind::Instance))
        interp.typeError("cannot copy '" + interp.typeName(a[0]) + "' object");
    Value copy(interp.heap().make<InstanceObject>(a[0].as<InstanceObject>()->cls));
    copy.as<InstanceObject>()->dict = interp.newDict();
    return copy;
}

// Counter's counting of an iterable: CPython's _count_elements, a C loop calling the
// mapping's get and __setitem__, about 25 ns an element (5 of the interpreter's simple
// operations) where the same loop in collections.py would cost a script loop's quarter.
Value countElements(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "_count_elements", {"mapping", "iterable"}, 2);
    const Value get = interp.getAttr(a[0], interp.intern("get"));
    const Value zero = Value::integer(0), one = Value::integer(1);
    for (const Value& element : interp.toVector(a[1])) {
        interp.chargeOps(5);
        interp.setItem(a[0], element, interp.binary(BinaryOp::Add, interp.call(get, {element, zero}), one));
    }
    return Value::none();
}

} // namespace

Value makeCollectionsNativeModule(Interpreter& interp) {
    Value module = newModule(interp, "_collections");
    addFunction(interp, module, "namedtuple_setattr", namedtupleSetattr);
    addFunction(interp, module, "namedtuple_delattr", namedtupleDelattr);
    addFunction(interp, module, "new_instance", newInstance);
    addFunction(interp, module, "_count_elements", countElements);
    return module;
}

} // namespace awaitscope::script
