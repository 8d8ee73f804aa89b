#include "script/objects/HashTable.h"

#include "script/objects/BigInt.h"
#include "script/objects/Objects.h"
#include "script/objects/Types.h"

namespace awaitscope::script {

bool keyEquals(const Value& a, const Value& b) {
    if (a.identical(b))
        return true;
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat())
            return compareNumbers(a, b) == 0;
        return a.asInt() == b.asInt();
    }
    if (a.isBigInt() || b.isBigInt())
        return bigEquals(a, b);
    if (!a.isObject() || !b.isObject() || a.object()->kind() != b.object()->kind())
        return false;
    switch (a.object()->kind()) {
    case Kind::Str: {
        const auto* x = a.as<StrObject>();
        const auto* y = b.as<StrObject>();
        return x->hash() == y->hash() && x->text == y->text;
    }
    case Kind::Bytes: return a.as<BytesObject>()->data == b.as<BytesObject>()->data;
    case Kind::Set: {  // frozenset keys: the same members
        const SetTable& x = a.as<SetObject>()->table;
        const SetTable& y = b.as<SetObject>()->table;
        if (x.size() != y.size())
            return false;
        for (const auto& slot : x.slots())
            if (slot.active() && !y.contains(slot.key, slot.hash))
                return false;
        return true;
    }
    case Kind::Tuple: {
        const auto& x = a.as<TupleObject>()->items;
        const auto& y = b.as<TupleObject>()->items;
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!keyEquals(x[i], y[i]))
                return false;
        return true;
    }
    default:
        return false;
    }
}

bool KeyEquality::same(const Value& a, const Value& b) const {
    if (keyEquals(a, b))
        return true;
    if (equals && (a.is(Kind::Instance) || b.is(Kind::Instance)))
        return equals(context, a, b);
    return false;
}

bool HashTable::same(const Value& a, const Value& b) const { return equality_.same(a, b); }

std::size_t HashTable::slotFor(const Value& key, std::size_t hash) const {
    const std::size_t mask = index_.size() - 1;
    std::size_t slot = hash & mask;
    std::size_t perturb = hash;
    while (true) {
        const std::int32_t at = index_[slot];
        if (at < 0)
            return slot;
        const Entry& entry = entries_[static_cast<std::size_t>(at)];
        if (!entry.key.empty() && entry.hash == hash && same(entry.key, key))
            return slot;
        perturb >>= 5;
        slot = (slot * 5 + 1 + perturb) & mask;
    }
}

std::int64_t HashTable::find(const Value& key, std::size_t hash) const {
    if (used_ == 0)
        return -1;
    const std::int32_t at = index_[slotFor(key, hash)];
    return at;
}

bool HashTable::insert(Value key, std::size_t hash, Value value) {
    if (index_.empty())
        rebuild(8);
    std::size_t slot = slotFor(key, hash);
    if (index_[slot] >= 0) {
        entries_[static_cast<std::size_t>(index_[slot])].value = std::move(value);
        return false;
    }
    if ((entries_.size() + 1) * 3 >= index_.size() * 2) {
        std::size_t size = 8;
        while (size * 2 <= (used_ + 1) * 3)
            size *= 2;
        size *= 2;
        rebuild(size);
        slot = slotFor(key, hash);
    }
    index_[slot] = static_cast<std::int32_t>(entries_.size());
    entries_.push_back({hash, std::move(key), std::move(value)});
    ++used_;
    ++version_;
    return true;
}

Value HashTable::remove(const Value& key, std::size_t hash) {
    const std::int64_t at = find(key, hash);
    if (at < 0)
        return {};
    Entry& entry = entries_[static_cast<std::size_t>(at)];
    Value value = std::move(entry.value);
    entry.key.clear();
    entry.value.clear();
    --used_;
    ++version_;
    // Index slots keep pointing at the hole; lookups skip it. Compact when holes dominate.
    if (used_ == 0) {
        entries_.clear();
        std::fill(index_.begin(), index_.end(), -1);
    }
    return value;
}

bool HashTable::popLast(Value& key, Value& value) {
    while (!entries_.empty() && entries_.back().key.empty())
        entries_.pop_back();
    if (entries_.empty())
        return false;
    Entry& last = entries_.back();
    key = last.key;
    value = last.value;
    remove(Value(key), last.hash);
    return true;
}

void HashTable::clear() {
    std::vector<Entry> old;
    old.swap(entries_);
    index_.clear();
    used_ = 0;
    ++version_;
}

void HashTable::rebuild(std::size_t indexSize) {
    std::vector<Entry> live;
    live.reserve(used_ + 1);
    for (Entry& entry : entries_)
        if (!entry.key.empty())
            live.push_back(std::move(entry));
    entries_ = std::move(live);
    index_.assign(indexSize, -1);
    const std::size_t mask = indexSize - 1;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        std::size_t slot = entries_[i].hash & mask;
        std::size_t perturb = entries_[i].hash;
        while (index_[slot] >= 0) {
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb) & mask;
        }
        index_[slot] = static_cast<std::int32_t>(i);
    }
    ++version_;
}

} // namespace awaitscope::script
