// dict: an insertion-ordered hash table (objects/HashTable.h), and its keys(), values() and
// items() views.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

DictObject* dict(const Value& v) { return v.as<DictObject>(); }

// A mapping that is not a dict (collections.Counter, OrderedDict, ChainMap are script classes):
// what its keys() gives, each with its item, as dict(mapping) reads it in CPython.
bool mergeMapping(Interpreter& interp, DictObject* d, const Value& source) {
    if (!source.is(Kind::Instance))
        return false;
    Value keys;
    if (!interp.findAttr(source, interp.intern("keys"), keys))
        return false;
    for (const Value& key : interp.toVector(interp.call(keys, nullptr, 0)))
        interp.dictSet(d, key, interp.getItem(source, key));
    return true;
}

Value makeDict(Interpreter& interp, CallArgs& args) {
    if (args.count > 2)
        interp.typeError("dict expected at most 1 argument, got " + std::to_string(args.count - 1));
    Value dict = interp.newDict();
    auto* d = dict.as<DictObject>();
    if (args.count == 2) {
        const Value& source = args[1];
        if (source.is(Kind::Dict)) {
            for (auto& e : source.as<DictObject>()->table.entries())
                if (!e.key.empty())
                    interp.dictSet(d, e.key, e.value);
        } else if (!mergeMapping(interp, d, source)) {
            std::size_t index = 0;
            for (const Value& item : interp.toVector(source)) {
                std::vector<Value> pair;
                try {
                    pair = interp.toVector(item);
                } catch (const ScriptError&) {
                    interp.typeError("cannot convert dictionary update sequence element #" + std::to_string(index) +
                                     " to a sequence");
                }
                if (pair.size() != 2)
                    interp.valueError("dictionary update sequence element #" + std::to_string(index) + " has length " +
                                      std::to_string(pair.size()) + "; 2 is required");
                interp.dictSet(d, pair[0], pair[1]);
                ++index;
            }
        }
    }
    for (int k = 0; k < args.kwCount(); ++k)
        interp.dictSet(d, args.kwNames->items[static_cast<std::size_t>(k)], args.kwValues[k]);
    return dict;
}

Value dictGet(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "get", 1, 2);
    if (Value* found = interp.dictLookup(dict(args[0]), args[1]))
        return *found;
    return args.count > 2 ? args[2] : Value::none();
}

Value dictView(Interpreter& interp, const Value& d, IteratorKind kind) {
    auto* it = interp.heap().make<IteratorObject>(kind);
    Value view(it);
    it->source = d;
    it->view = true;
    return view;
}

Value dictKeys(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "keys", 0, 0);
    return dictView(interp, args[0], IteratorKind::DictKeys);
}

Value dictValues(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "values", 0, 0);
    return dictView(interp, args[0], IteratorKind::DictValues);
}

Value dictItems(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "items", 0, 0);
    return dictView(interp, args[0], IteratorKind::DictItems);
}

Value dictPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 1, 2);
    Value removed = dict(args[0])->table.remove(args[1], interp.hash(args[1]));
    if (!removed.empty())
        return removed;
    if (args.count > 2)
        return args[2];
    interp.raise(interp.newException(interp.exc.keyError, {args[1]}));
}

Value dictPopitem(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "popitem", 0, 0);
    Value key;
    Value value;
    if (!dict(args[0])->table.popLast(key, value))
        interp.raise(interp.exc.keyError, "popitem(): dictionary is empty");
    return interp.newTuple({key, value});
}

Value dictSetdefault(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "setdefault", 1, 2);
    if (Value* found = interp.dictLookup(dict(args[0]), args[1]))
        return *found;
    Value value = args.count > 2 ? args[2] : Value::none();
    interp.dictSet(dict(args[0]), args[1], value);
    return value;
}

Value dictUpdate(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "update", 0, 1);
    DictObject* d = dict(args[0]);
    if (args.count > 1) {
        const Value& source = args[1];
        if (source.is(Kind::Dict)) {
            for (auto& e : source.as<DictObject>()->table.entries())
                if (!e.key.empty())
                    interp.dictSet(d, e.key, e.value);
        } else if (!mergeMapping(interp, d, source)) {
            for (const Value& item : interp.toVector(source)) {
                std::vector<Value> pair = interp.toVector(item);
                if (pair.size() != 2)
                    interp.valueError("dictionary update sequence element has length " + std::to_string(pair.size()) +
                                      "; 2 is required");
                interp.dictSet(d, pair[0], pair[1]);
            }
        }
    }
    for (int k = 0; k < args.kwCount(); ++k)
        interp.dictSet(d, args.kwNames->items[static_cast<std::size_t>(k)], args.kwValues[k]);
    return Value::none();
}

Value dictCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    Value copy = interp.newDict();
    for (auto& e : dict(args[0])->table.entries())
        if (!e.key.empty())
            interp.dictSet(dict(copy), e.key, e.value);
    return copy;
}

Value dictClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    dict(args[0])->table.clear();
    return Value::none();
}

// A class method: a subclass's fromkeys makes an instance of it (cls(), then its __setitem__).
Value dictFromkeys(Interpreter& interp, CallArgs& args) {
    if (args.count < 2 || args.count > 3)
        interp.typeError("fromkeys expected 1 or 2 arguments");
    const Value value = args.count > 2 ? args[2] : Value::none();
    const bool plain = args[0].is(Kind::Class) && args[0].as<ClassObject>() == interp.types.dictType;
    Value result = plain ? interp.newDict() : interp.call(args[0], {});
    for (const Value& key : interp.toVector(args[1])) {
        if (plain)
            interp.dictSet(dict(result), key, value);
        else
            interp.setItem(result, key, value);
    }
    return result;
}

std::string dictRepr(Interpreter& interp, const Value& value) {
    std::string out = "{";
    bool first = true;
    for (auto& e : value.as<DictObject>()->table.entries()) {
        if (e.key.empty())
            continue;
        if (!first)
            out += ", ";
        first = false;
        const bool self = e.value.isObject() && e.value.object() == value.object();
        out += interp.repr(e.key) + ": " + (self ? "{...}" : interp.repr(e.value));
    }
    return out + "}";
}

std::int64_t dictLength(Interpreter&, const Value& value) { return static_cast<std::int64_t>(dict(value)->table.size()); }

Value dictBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (op != BinaryOp::BitOr || !b.is(Kind::Dict))
        return {};
    Value target = inplace ? a : interp.newDict();
    if (!inplace)
        for (auto& e : dict(a)->table.entries())
            if (!e.key.empty())
                interp.dictSet(dict(target), e.key, e.value);
    for (auto& e : dict(b)->table.entries())
        if (!e.key.empty())
            interp.dictSet(dict(target), e.key, e.value);
    return target;
}

bool dictEquals(Interpreter& interp, const Value& a, const Value& b) {
    auto* x = dict(a);
    auto* y = dict(b);
    if (x->table.size() != y->table.size())
        return false;
    for (auto& e : x->table.entries()) {
        if (e.key.empty())
            continue;
        Value* other = y->table.lookup(e.key, e.hash);
        if (!other || !(other->identical(e.value) || interp.equals(*other, e.value)))
            return false;
    }
    return true;
}

int dictContains(Interpreter& interp, const Value& container, const Value& item) {
    return interp.dictLookup(dict(container), item) != nullptr;
}

Value dictGetItem(Interpreter& interp, const Value& object, const Value& index) {
    if (Value* found = interp.dictLookup(dict(object), index))
        return *found;
    interp.raise(interp.newException(interp.exc.keyError, {index}));
}

bool dictSetItem(Interpreter& interp, const Value& object, const Value& index, Value value) {
    interp.dictSet(dict(object), index, std::move(value));
    return true;
}

bool dictDeleteItem(Interpreter& interp, const Value& object, const Value& index) {
    Value removed = dict(object)->table.remove(index, interp.hash(index));
    if (removed.empty())
        interp.raise(interp.newException(interp.exc.keyError, {index}));
    return true;
}

// Iterating a dict (or a view of it) walks its entries and fails if keys come or go meanwhile.
Value dictIterator(Interpreter& interp, IteratorKind kind, const Value& source) {
    Value it = newIterator(interp, kind, source);
    it.as<IteratorObject>()->version = dict(source)->table.version();
    it.as<IteratorObject>()->stop = static_cast<std::int64_t>(dict(source)->table.size());
    return it;
}

Value dictIter(Interpreter& interp, const Value& iterable) { return dictIterator(interp, IteratorKind::DictKeys, iterable); }

// ---- views

IteratorObject* view(const Value& v) { return v.as<IteratorObject>(); }

std::string viewRepr(Interpreter& interp, const Value& value) {
    std::vector<Value> items = interp.toVector(interp.getIter(value));
    const IteratorKind kind = view(value)->iterKind;
    const char* name = kind == IteratorKind::DictKeys     ? "dict_keys"
                       : kind == IteratorKind::DictValues ? "dict_values"
                                                          : "dict_items";
    return std::string(name) + "(" + interp.repr(interp.newList(std::move(items))) + ")";
}

std::int64_t viewLength(Interpreter&, const Value& value) {
    return static_cast<std::int64_t>(dict(view(value)->source)->table.size());
}

// keys() views compare as sets of keys.
bool keysEquals(Interpreter& interp, const Value& a, const Value& b) {
    auto* x = view(a);
    auto* y = view(b);
    if (!y->view || y->iterKind != IteratorKind::DictKeys)
        return false;
    if (interp.equals(x->source, y->source))
        return true;
    auto* dx = dict(x->source);
    auto* dy = dict(y->source);
    if (dx->table.size() != dy->table.size())
        return false;
    for (auto& e : dx->table.entries())
        if (!e.key.empty() && dy->table.find(e.key, e.hash) < 0)
            return false;
    return true;
}

int keysContains(Interpreter& interp, const Value& container, const Value& item) {
    return interp.dictLookup(dict(view(container)->source), item) != nullptr;
}

Value viewIter(Interpreter& interp, const Value& iterable) {
    return dictIterator(interp, view(iterable)->iterKind, view(iterable)->source);
}

constexpr TypeSlots kDictSlots{.repr = dictRepr,
                               .length = dictLength,
                               .hash = unhashable,
                               .binary = dictBinary,
                               .equals = dictEquals,
                               .contains = dictContains,
                               .getItem = dictGetItem,
                               .setItem = dictSetItem,
                               .deleteItem = dictDeleteItem,
                               .iter = dictIter};

// A view is also its own iterator when next() is called on it, as it always has been here
// (CPython raises TypeError).
constexpr TypeSlots kKeysSlots{.repr = viewRepr,
                               .length = viewLength,
                               .equals = keysEquals,
                               .contains = keysContains,
                               .iter = viewIter,
                               .next = iteratorNext};
constexpr TypeSlots kViewSlots{.repr = viewRepr, .length = viewLength, .iter = viewIter, .next = iteratorNext};

} // namespace

void installDictTypes(Interpreter& interp) {
    auto& t = interp.types;
    ClassObject* d = interp.makeClass("dict", {t.object}, BuiltinType::Dict, kDictSlots, makeDict);
    t.dictType = d;
    interp.addMethod(d, "get", dictGet);
    interp.addMethod(d, "keys", dictKeys);
    interp.addMethod(d, "values", dictValues);
    interp.addMethod(d, "items", dictItems);
    interp.addMethod(d, "pop", dictPop);
    interp.addMethod(d, "popitem", dictPopitem);
    interp.addMethod(d, "setdefault", dictSetdefault);
    interp.addMethod(d, "update", dictUpdate);
    interp.addMethod(d, "copy", dictCopy);
    interp.addMethod(d, "clear", dictClear);
    interp.dictSetStr(d->dict.as<DictObject>(), "fromkeys",
                      interp.newNative(nullptr, "classmethod", {}, interp.newNative(dictFromkeys, "fromkeys")));
    t.dictKeysType = interp.makeClass("dict_keys", {t.object}, BuiltinType::Iterator, kKeysSlots);
    t.dictValuesType = interp.makeClass("dict_values", {t.object}, BuiltinType::Iterator, kViewSlots);
    t.dictItemsType = interp.makeClass("dict_items", {t.object}, BuiltinType::Iterator, kViewSlots);
}

} // namespace awaitscope::script
