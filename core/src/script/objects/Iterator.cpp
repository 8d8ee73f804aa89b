// The iterators of the builtin types (one struct, a kind each: objects/Objects.h) and the
// builtins that make iterators: enumerate, zip, reversed, map and filter.
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

namespace awaitscope::script {

Value newIterator(Interpreter& interp, IteratorKind kind, Value source) {
    auto* it = interp.heap().make<IteratorObject>(kind);
    it->source = std::move(source);
    return Value(it);
}

bool iteratorNext(Interpreter& interp, const Value& iterator, Value& out) {
    auto* it = iterator.as<IteratorObject>();
    switch (it->iterKind) {
    case IteratorKind::Range:
        if (it->step > 0 ? it->index >= it->stop : it->index <= it->stop)
            return false;
        out = Value::integer(it->index);
        it->index += it->step;
        return true;
    case IteratorKind::LongRange:
        if (it->index >= it->stop)
            return false;
        out = rangeItem(interp, it->source, it->index++);
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
        out = end - at == 1 ? interp.intern(std::string_view(&text[at], 1)) : interp.str(text.substr(at, end - at));
        it->index = static_cast<std::int64_t>(end);
        return true;
    }
    case IteratorKind::Bytes: {
        if (it->source.empty())
            return false;
        const std::string& bytes = it->source.as<BytesObject>()->data;
        if (static_cast<std::size_t>(it->index) >= bytes.size()) {
            it->source.clear();
            return false;
        }
        out = Value::integer(static_cast<unsigned char>(bytes[static_cast<std::size_t>(it->index++)]));
        return true;
    }
    case IteratorKind::Set: {
        if (it->source.empty())
            return false;
        const SetTable& table = it->source.as<SetObject>()->table;
        if (table.version() != it->version)
            interp.raise(interp.exc.runtimeError, "Set changed size during iteration");
        const auto& slots = table.slots();
        while (static_cast<std::size_t>(it->index) < slots.size() && !slots[static_cast<std::size_t>(it->index)].active())
            ++it->index;
        if (static_cast<std::size_t>(it->index) >= slots.size()) {
            it->source.clear();
            return false;
        }
        out = slots[static_cast<std::size_t>(it->index++)].key;
        return true;
    }
    case IteratorKind::DictKeys:
    case IteratorKind::DictValues:
    case IteratorKind::DictItems: {
        if (it->source.empty())
            return false;
        const HashTable& table = it->source.as<DictObject>()->table;
        if (table.version() != it->version) {
            if (static_cast<std::int64_t>(table.size()) != it->stop)
                interp.raise(interp.exc.runtimeError, "dictionary changed size during iteration");
            interp.raise(interp.exc.runtimeError, "dictionary keys changed during iteration");
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
            out = interp.newTuple({entry.key, entry.value});
        else
            out = entry.key;
        return true;
    }
    case IteratorKind::Enumerate: {
        Value item;
        if (!interp.next(it->source, item))
            return false;
        out = interp.newTuple({Value::integer(it->index++), std::move(item)});
        return true;
    }
    case IteratorKind::Zip: {
        if (it->sources.empty())
            return false;
        std::vector<Value> items;
        items.reserve(it->sources.size());
        for (const Value& source : it->sources) {
            Value item;
            if (!interp.next(source, item)) {
                it->sources.clear();
                return false;
            }
            items.push_back(std::move(item));
        }
        out = interp.newTuple(std::move(items));
        return true;
    }
    case IteratorKind::Map: {
        std::vector<Value> items;
        for (const Value& source : it->sources) {
            Value item;
            if (!interp.next(source, item))
                return false;
            items.push_back(std::move(item));
        }
        out = interp.call(it->function, items.data(), static_cast<int>(items.size()));
        return true;
    }
    case IteratorKind::Filter: {
        Value item;
        while (interp.next(it->source, item)) {
            interp.chargeOps(1);
            const bool keep = it->function.isNone() ? interp.truthy(item) : interp.truthy(interp.call(it->function, {item}));
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
        out = it->produce(interp, it->source);
        if (out.empty()) {
            it->source.clear();
            return false;
        }
        return true;
    }
    }
    return false;
}

namespace {

Value makeEnumerate(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "enumerate", {"cls", "iterable", "start"}, 2);
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Enumerate);
    Value result(it);
    it->source = interp.getIter(a[1]);
    it->index = a.has(2) ? interp.toIndex(a[2], "start") : 0;
    return result;
}

Value makeZip(Interpreter& interp, CallArgs& args) {
    for (int k = 0; k < args.kwCount(); ++k)
        if (args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text != "strict")
            interp.typeError("zip() got an unexpected keyword argument '" +
                             args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text + "'");
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Zip);
    Value result(it);
    for (int i = 1; i < args.count; ++i)
        it->sources.push_back(interp.getIter(args[i]));
    return result;
}

Value makeReversed(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "reversed", {"cls", "sequence"}, 2);
    const Value& seq = a[1];
    if (seq.is(Kind::List) || seq.is(Kind::Tuple)) {
        auto* it = interp.heap().make<IteratorObject>(IteratorKind::Reversed);
        Value result(it);
        it->source = seq;
        it->index = interp.length(seq) - 1;
        return result;
    }
    if (seq.is(Kind::Range))
        return rangeReversed(interp, seq);
    if (seq.is(Kind::Str) || seq.is(Kind::Dict) || isBytesLike(seq)) {
        std::vector<Value> items = interp.toVector(seq);
        std::reverse(items.begin(), items.end());
        return interp.getIter(interp.newList(std::move(items)));
    }
    if (seq.is(Kind::Instance) || seq.is(Kind::Runtime)) {  // a script's class, or a library's (deque)
        Value method = interp.lookupClass(interp.typeOf(seq), interp.intern("__reversed__"));
        if (!method.empty())
            return interp.call(method, {seq});
    }
    interp.typeError("'" + interp.typeName(seq) + "' object is not reversible");
}

Value makeMap(Interpreter& interp, CallArgs& args) {
    if (args.count < 3)
        interp.typeError("map() must have at least two arguments.");
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Map);
    Value result(it);
    it->function = args[1];
    for (int i = 2; i < args.count; ++i)
        it->sources.push_back(interp.getIter(args[i]));
    return result;
}

Value makeFilter(Interpreter& interp, CallArgs& args) {
    if (args.count != 3)
        interp.typeError("filter expected 2 arguments, got " + std::to_string(args.count - 1));
    auto* it = interp.heap().make<IteratorObject>(IteratorKind::Filter);
    Value result(it);
    it->function = args[1];
    it->source = interp.getIter(args[2]);
    return result;
}

std::string iteratorRepr(Interpreter& interp, const Value& value) {
    return "<" + interp.typeName(value) + " object at " + pointerText(value.object()) + ">";
}

Value iteratorIter(Interpreter&, const Value& iterator) { return iterator; }

constexpr TypeSlots kIteratorSlots{.repr = iteratorRepr, .iter = iteratorIter, .next = iteratorNext};

} // namespace

void installIteratorTypes(Interpreter& interp) {
    auto& t = interp.types;
    auto iterator = [&](IteratorKind kind, const char* name, NativeFn construct = nullptr) {
        t.iteratorTypes[static_cast<int>(kind)] =
            interp.makeClass(name, {t.object}, BuiltinType::Iterator, kIteratorSlots, construct);
    };
    iterator(IteratorKind::Range, "range_iterator");
    iterator(IteratorKind::LongRange, "longrange_iterator");
    iterator(IteratorKind::Sequence, "list_iterator");
    iterator(IteratorKind::String, "str_ascii_iterator");
    iterator(IteratorKind::Bytes, "bytes_iterator");
    iterator(IteratorKind::DictKeys, "dict_keyiterator");
    iterator(IteratorKind::DictValues, "dict_valueiterator");
    iterator(IteratorKind::DictItems, "dict_itemiterator");
    iterator(IteratorKind::Set, "set_iterator");
    iterator(IteratorKind::Enumerate, "enumerate", makeEnumerate);
    iterator(IteratorKind::Zip, "zip", makeZip);
    iterator(IteratorKind::Reversed, "reversed", makeReversed);
    iterator(IteratorKind::Map, "map", makeMap);
    iterator(IteratorKind::Filter, "filter", makeFilter);
    iterator(IteratorKind::Callable, "generator");
}

} // namespace awaitscope::script
