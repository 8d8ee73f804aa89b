// _collections, the native half of collections and copy (modules/python/collections.py and
// copy.py are the rest): deque, in C++ as CPython's is in C (appends and pops at either end
// in constant time); the guard that keeps a namedtuple's fields read-only, as __setattr__
// and __delattr__ natives (the interpreter honours a class's native __setattr__, not a
// script-defined one), and a new instance of a class without running its __init__.
#include "script/modules/Modules.h"
#include "script/objects/Arguments.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <deque>

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


// ---- deque

struct DequeObject final : TypedObject {
    explicit DequeObject(Value cls_) : TypedObject(std::move(cls_)) {}
    std::deque<Value> items;
    std::int64_t maxlen = -1;  // -1: unbounded
    void clearReferences() override {
        TypedObject::clearReferences();
        items.clear();
    }
    std::size_t footprint() const override { return sizeof(DequeObject) + items.size() * sizeof(Value); }
};

DequeObject& dequeOf(Interpreter& interp, const Value& value, const char* method) {
    if (!value.is(Kind::Runtime) || value.as<RuntimeObject>()->runtimeKind != RuntimeKind::Typed ||
        !dynamic_cast<DequeObject*>(value.as<RuntimeObject>()))
        interp.typeError(std::string("descriptor '") + method + "' for 'collections.deque' objects doesn't apply to a '" +
                         interp.typeName(value) + "' object");
    return *static_cast<DequeObject*>(value.as<RuntimeObject>());
}

bool isDeque(const Value& value) {
    return value.is(Kind::Runtime) && value.as<RuntimeObject>()->runtimeKind == RuntimeKind::Typed &&
           dynamic_cast<DequeObject*>(value.as<RuntimeObject>()) != nullptr;
}

void pushBack(DequeObject& d, Value x) {
    d.items.push_back(std::move(x));
    if (d.maxlen >= 0 && static_cast<std::int64_t>(d.items.size()) > d.maxlen)
        d.items.pop_front();
}

void pushFront(DequeObject& d, Value x) {
    d.items.push_front(std::move(x));
    if (d.maxlen >= 0 && static_cast<std::int64_t>(d.items.size()) > d.maxlen)
        d.items.pop_back();
}

// The items of `iterable`, a copy first when it is the deque itself (d.extend(d)).
std::vector<Value> itemsOf(Interpreter& interp, const Value& iterable) {
    if (isDeque(iterable)) {
        const auto& items = static_cast<DequeObject*>(iterable.as<RuntimeObject>())->items;
        return {items.begin(), items.end()};
    }
    return interp.toVector(iterable);
}

Value makeDeque(Interpreter& interp, const Value& cls, std::vector<Value> items, std::int64_t maxlen) {
    auto* d = interp.heap().make<DequeObject>(cls);
    Value result(d);
    d->maxlen = maxlen;
    if (items.size() > 4096)
        interp.reserveMemory(static_cast<double>(items.size() * sizeof(Value)));
    for (Value& item : items)
        pushBack(*d, std::move(item));
    return result;
}

Value dequeConstruct(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "deque", {"cls", "iterable", "maxlen"}, 1);
    std::int64_t maxlen = -1;
    if (a.has(2) && !a[2].isNone()) {
        if (!a[2].isIntLike())
            interp.typeError("an integer is required");
        maxlen = a[2].asInt();
        if (maxlen < 0)
            interp.valueError("maxlen must be non-negative");
    }
    return makeDeque(interp, a[0], a.has(1) ? itemsOf(interp, a[1]) : std::vector<Value>{}, maxlen);
}

// append / appendleft, extend / extendleft, pop / popleft: one end or the other.
Value dequeAdd(Interpreter& interp, CallArgs& args, const char* name, bool left) {
    argCount(interp, args, name, 1, 1);
    (left ? pushFront : pushBack)(dequeOf(interp, args[0], name), args[1]);
    return Value::none();
}
Value dequeAppend(Interpreter& interp, CallArgs& args) { return dequeAdd(interp, args, "append", false); }
Value dequeAppendLeft(Interpreter& interp, CallArgs& args) { return dequeAdd(interp, args, "appendleft", true); }

Value dequeAddAll(Interpreter& interp, CallArgs& args, const char* name, bool left) {
    argCount(interp, args, name, 1, 1);
    DequeObject& d = dequeOf(interp, args[0], name);
    std::vector<Value> items = itemsOf(interp, args[1]);
    interp.chargeOps(items.size() / 4);
    for (Value& item : items)
        (left ? pushFront : pushBack)(d, std::move(item));
    return Value::none();
}
Value dequeExtend(Interpreter& interp, CallArgs& args) { return dequeAddAll(interp, args, "extend", false); }
Value dequeExtendLeft(Interpreter& interp, CallArgs& args) { return dequeAddAll(interp, args, "extendleft", true); }

Value dequeTake(Interpreter& interp, CallArgs& args, const char* name, bool left) {
    argCount(interp, args, name, 0, 0);
    DequeObject& d = dequeOf(interp, args[0], name);
    if (d.items.empty())
        interp.raise(interp.exc.indexError, "pop from an empty deque");
    Value item = std::move(left ? d.items.front() : d.items.back());
    if (left)
        d.items.pop_front();
    else
        d.items.pop_back();
    return item;
}
Value dequePop(Interpreter& interp, CallArgs& args) { return dequeTake(interp, args, "pop", false); }
Value dequePopLeft(Interpreter& interp, CallArgs& args) { return dequeTake(interp, args, "popleft", true); }

Value dequeClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    std::deque<Value> dropped;
    dropped.swap(dequeOf(interp, args[0], "clear").items);  // items' destructors may reach the deque
    return Value::none();
}

Value dequeCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    const DequeObject& d = dequeOf(interp, args[0], "copy");
    interp.chargeOps(d.items.size() / 8);
    return makeDeque(interp, d.cls, {d.items.begin(), d.items.end()}, d.maxlen);
}

Value dequeDeepCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__deepcopy__", 1, 1);
    const DequeObject& d = dequeOf(interp, args[0], "__deepcopy__");
    const Value deepcopy = interp.getAttr(interp.importModule("copy"), interp.intern("deepcopy"));
    const Value items = interp.call(deepcopy, {interp.newList({d.items.begin(), d.items.end()}), args[1]});
    return makeDeque(interp, d.cls, interp.toVector(items), d.maxlen);
}

Value dequeCount(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "count", 1, 1);
    const std::vector<Value> items = itemsOf(interp, args[0]);  // __eq__ may change the deque
    std::int64_t n = 0;
    for (const Value& item : items)
        n += item.identical(args[1]) || interp.equals(item, args[1]) ? 1 : 0;
    interp.chargeOps(items.size() / 2);
    return Value::integer(n);
}

std::int64_t clampIndex(std::int64_t index, std::int64_t length) {
    if (index < 0)
        index = std::max<std::int64_t>(0, index + length);
    return std::min(index, length);
}

Value dequeIndex(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "index", 1, 3);
    const std::vector<Value> items = itemsOf(interp, args[0]);
    const auto length = static_cast<std::int64_t>(items.size());
    const std::int64_t start = args.count > 2 ? clampIndex(interp.toIndex(args[2], "start"), length) : 0;
    const std::int64_t stop = args.count > 3 ? clampIndex(interp.toIndex(args[3], "stop"), length) : length;
    for (std::int64_t i = start; i < stop; ++i) {
        interp.chargeOps(1);
        if (items[static_cast<std::size_t>(i)].identical(args[1]) || interp.equals(items[static_cast<std::size_t>(i)], args[1]))
            return Value::integer(i);
    }
    interp.valueError(interp.repr(args[1]) + " is not in deque");
}

Value dequeInsert(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "insert", 2, 2);
    DequeObject& d = dequeOf(interp, args[0], "insert");
    const std::int64_t index = interp.toIndex(args[1], "index");
    if (d.maxlen >= 0 && static_cast<std::int64_t>(d.items.size()) >= d.maxlen)
        interp.raise(interp.exc.indexError, "deque already at its maximum size");
    const std::int64_t at = clampIndex(index, static_cast<std::int64_t>(d.items.size()));
    d.items.insert(d.items.begin() + static_cast<std::ptrdiff_t>(at), args[2]);
    return Value::none();
}

Value dequeRemove(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "remove", 1, 1);
    DequeObject& d = dequeOf(interp, args[0], "remove");
    for (std::size_t i = 0; i < d.items.size(); ++i) {
        interp.chargeOps(1);
        const Value item = d.items[i];
        if (item.identical(args[1]) || interp.equals(item, args[1])) {
            if (i < d.items.size() && d.items[i].identical(item))
                d.items.erase(d.items.begin() + static_cast<std::ptrdiff_t>(i));
            else
                interp.raise(interp.exc.indexError, "deque mutated during remove().");
            return Value::none();
        }
    }
    interp.valueError(interp.repr(args[1]) + " is not in deque");
}

Value dequeReverse(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "reverse", 0, 0);
    DequeObject& d = dequeOf(interp, args[0], "reverse");
    std::reverse(d.items.begin(), d.items.end());
    interp.chargeOps(d.items.size() / 8);
    return Value::none();
}

Value dequeRotate(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "rotate", 0, 1);
    DequeObject& d = dequeOf(interp, args[0], "rotate");
    const std::int64_t n = args.count > 1 ? interp.toIndex(args[1], "n") : 1;
    const auto length = static_cast<std::int64_t>(d.items.size());
    if (length <= 1)
        return Value::none();
    const std::int64_t shift = ((n % length) + length) % length;  // to the right
    std::rotate(d.items.begin(), d.items.begin() + static_cast<std::ptrdiff_t>(length - shift), d.items.end());
    interp.chargeOps(static_cast<std::uint64_t>(std::min(shift, length - shift)) / 4);
    return Value::none();
}

Value dequeReversed(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "__reversed__", 0, 0);
    const DequeObject& d = dequeOf(interp, args[0], "__reversed__");
    return interp.getIter(interp.newList({d.items.rbegin(), d.items.rend()}));
}

std::string dequeRepr(Interpreter& interp, const Value& value) {
    const auto* d = static_cast<const DequeObject*>(value.as<RuntimeObject>());
    const std::vector<Value> items(d->items.begin(), d->items.end());  // a repr may change the deque
    std::string out = "deque([";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ", ";
        out += items[i].isObject() && items[i].object() == value.object() ? "[...]" : interp.repr(items[i]);
        if (out.size() > 64 * 1024 * 1024)
            interp.raise(interp.exc.memoryError, "repr too large");
    }
    out += "]";
    if (d->maxlen >= 0)
        out += ", maxlen=" + std::to_string(d->maxlen);
    return out + ")";
}

std::int64_t dequeLength(Interpreter&, const Value& value) {
    return static_cast<std::int64_t>(static_cast<const DequeObject*>(value.as<RuntimeObject>())->items.size());
}

std::size_t dequeHash(Interpreter& interp, const Value&) { interp.typeError("unhashable type: 'collections.deque'"); }

int dequeContains(Interpreter& interp, const Value& container, const Value& item) {
    for (const Value& each : itemsOf(interp, container)) {
        interp.chargeOps(1);
        if (each.identical(item) || interp.equals(each, item))
            return 1;
    }
    return 0;
}

Value dequeIter(Interpreter& interp, const Value& value) {
    const auto& items = static_cast<const DequeObject*>(value.as<RuntimeObject>())->items;
    return interp.getIter(interp.newList({items.begin(), items.end()}));
}

// d[i]: an int position; CPython's deque takes no slices.
std::size_t dequePosition(Interpreter& interp, const DequeObject& d, const Value& index) {
    if (!index.isIntLike() && !index.isBigInt())
        interp.typeError("sequence index must be integer, not '" + interp.typeName(index) + "'");
    if (index.isBigInt())
        interp.raise(interp.exc.indexError, "cannot fit 'int' into an index-sized integer");
    return static_cast<std::size_t>(
        itemIndex(interp, index.asInt(), static_cast<std::int64_t>(d.items.size()), "deque index out of range"));
}

Value dequeGetItem(Interpreter& interp, const Value& object, const Value& index) {
    const auto& d = *static_cast<const DequeObject*>(object.as<RuntimeObject>());
    return d.items[dequePosition(interp, d, index)];
}

bool dequeSetItem(Interpreter& interp, const Value& object, const Value& index, Value value) {
    auto& d = *static_cast<DequeObject*>(object.as<RuntimeObject>());
    const std::size_t at = dequePosition(interp, d, index);
    Value old = std::exchange(d.items[at], std::move(value));
    return true;
}

bool dequeDeleteItem(Interpreter& interp, const Value& object, const Value& index) {
    auto& d = *static_cast<DequeObject*>(object.as<RuntimeObject>());
    const std::size_t at = dequePosition(interp, d, index);
    Value old = std::move(d.items[at]);
    d.items.erase(d.items.begin() + static_cast<std::ptrdiff_t>(at));
    return true;
}

bool dequeEquals(Interpreter& interp, const Value& a, const Value& b) {
    if (!isDeque(b))
        return false;
    const std::vector<Value> x = itemsOf(interp, a), y = itemsOf(interp, b);
    if (x.size() != y.size())
        return false;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!x[i].identical(y[i]) && !interp.equals(x[i], y[i]))
            return false;
    return true;
}

// <, <=, >, >= between deques: as their items compare, like lists.
Value dequeCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b) {
    if (!isDeque(b))
        return {};
    if (op == CompareOp::Ne)
        return Value::boolean(!dequeEquals(interp, a, b));
    return interp.compare(op, interp.newList(itemsOf(interp, a)), interp.newList(itemsOf(interp, b)));
}

Value dequeBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    auto& d = *static_cast<DequeObject*>(a.as<RuntimeObject>());
    if (op == BinaryOp::Add) {
        if (inplace) {
            for (Value& item : itemsOf(interp, b))
                pushBack(d, std::move(item));
            return a;
        }
        if (!isDeque(b))
            interp.typeError("can only concatenate deque (not \"" + interp.typeName(b) + "\") to deque");
        std::vector<Value> items(d.items.begin(), d.items.end());
        for (Value& item : itemsOf(interp, b))
            items.push_back(std::move(item));
        return makeDeque(interp, d.cls, std::move(items), d.maxlen);
    }
    if (op == BinaryOp::Mul && b.isIntLike()) {
        const std::int64_t n = b.asInt();
        std::vector<Value> once(d.items.begin(), d.items.end());
        if (n > 0 && static_cast<double>(once.size()) * static_cast<double>(n) * sizeof(Value) >
                         static_cast<double>(interp.limits().memoryLimit))
            interp.raise(interp.exc.memoryError, "the deque would be larger than Awaitscope allows");
        std::vector<Value> items;
        for (std::int64_t i = 0; i < n; ++i)
            items.insert(items.end(), once.begin(), once.end());
        if (!inplace)
            return makeDeque(interp, d.cls, std::move(items), d.maxlen);
        d.items.clear();
        for (Value& item : items)
            pushBack(d, std::move(item));
        return a;
    }
    return {};
}

bool dequeGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    if (name.as<StrObject>()->text == "maxlen") {
        const std::int64_t maxlen = static_cast<const DequeObject*>(object.as<RuntimeObject>())->maxlen;
        out = maxlen < 0 ? Value::none() : Value::integer(maxlen);
        return true;
    }
    return interp.typeAttribute(object, name, out);
}

constexpr TypeSlots kDequeSlots{.repr = dequeRepr,
                                .length = dequeLength,
                                .hash = dequeHash,
                                .binary = dequeBinary,
                                .equals = dequeEquals,
                                .compare = dequeCompare,
                                .contains = dequeContains,
                                .getItem = dequeGetItem,
                                .setItem = dequeSetItem,
                                .deleteItem = dequeDeleteItem,
                                .getAttr = dequeGetAttr,
                                .iter = dequeIter};

constexpr std::pair<const char*, NativeFn> kDequeMethods[] = {
    {"append", dequeAppend},     {"appendleft", dequeAppendLeft}, {"extend", dequeExtend},
    {"extendleft", dequeExtendLeft}, {"pop", dequePop},           {"popleft", dequePopLeft},
    {"clear", dequeClear},       {"copy", dequeCopy},             {"__copy__", dequeCopy},
    {"__deepcopy__", dequeDeepCopy}, {"count", dequeCount},       {"index", dequeIndex},
    {"insert", dequeInsert},     {"remove", dequeRemove},         {"reverse", dequeReverse},
    {"rotate", dequeRotate},     {"__reversed__", dequeReversed}};

} // namespace

Value makeCollectionsNativeModule(Interpreter& interp) {
    Value module = newModule(interp, "_collections");
    ClassObject* deque = interp.makeClass("deque", {interp.types.object}, BuiltinType::Runtime, kDequeSlots, dequeConstruct,
                                          "collections");
    for (const auto& [name, fn] : kDequeMethods)
        interp.addMethod(deque, name, fn);
    // CPython 3.11 calls these with its instructions for a C method of one argument or none
    // (CALL_NO_KW_METHOD_DESCRIPTOR_O / _NOARGS), about what list.append's own costs.
    for (const char* name : {"append", "appendleft", "pop", "popleft"})
        interp.lookupClass(deque, interp.intern(name)).as<NativeObject>()->specializedCall = true;
    addValue(interp, module, "deque", Value(deque));
    addFunction(interp, module, "namedtuple_setattr", namedtupleSetattr);
    addFunction(interp, module, "namedtuple_delattr", namedtupleDelattr);
    addFunction(interp, module, "new_instance", newInstance);
    addFunction(interp, module, "_count_elements", countElements);
    return module;
}

} // namespace awaitscope::script
