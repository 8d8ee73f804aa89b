#pragma once

// The table behind dict and set: insertion-ordered entries plus an open-addressing index,
// as CPython's compact dict. Keys compare with Python's built-in equality (numbers by value,
// str by content, tuples element-wise, anything else by identity).
#include "script/objects/Value.h"

#include <cstdint>
#include <vector>

namespace awaitscope::script {

// How keys that are script objects with their own __eq__ compare (set by the interpreter).
struct KeyEquality {
    bool (*equals)(void* context, const Value& a, const Value& b) = nullptr;
    void* context = nullptr;
    // Python's equality of two keys: the built-in types' own, else the script's __eq__.
    bool same(const Value& a, const Value& b) const;
};

class HashTable {
public:
    void setEquality(KeyEquality equality) { equality_ = equality; }

    struct Entry {
        std::size_t hash = 0;
        Value key;  // Empty: a deleted entry
        Value value;
    };

    std::size_t size() const { return used_; }
    std::size_t bytes() const { return entries_.capacity() * sizeof(Entry) + index_.capacity() * sizeof(std::int32_t); }
    // Changes whenever keys are added or removed (iterators detect changes during iteration).
    std::uint64_t version() const { return version_; }

    // Index of the entry holding `key`, or -1.
    std::int64_t find(const Value& key, std::size_t hash) const;
    Value* lookup(const Value& key, std::size_t hash) {
        const std::int64_t at = find(key, hash);
        return at < 0 ? nullptr : &entries_[static_cast<std::size_t>(at)].value;
    }
    // Inserts or replaces; returns true if the key was new.
    bool insert(Value key, std::size_t hash, Value value);
    // Removes `key`; returns its value, or Empty if it was not there.
    Value remove(const Value& key, std::size_t hash);
    // The last entry (dict.popitem), removed.
    bool popLast(Value& key, Value& value);
    void clear();

    // Entries in insertion order, with holes (key Empty) where entries were removed.
    const std::vector<Entry>& entries() const { return entries_; }
    std::vector<Entry>& entries() { return entries_; }

private:
    void rebuild(std::size_t indexSize);
    std::size_t slotFor(const Value& key, std::size_t hash) const;

    bool same(const Value& a, const Value& b) const;

    std::vector<Entry> entries_;
    std::vector<std::int32_t> index_;  // -1 empty; else entry position
    KeyEquality equality_;
    std::size_t used_ = 0;
    std::uint64_t version_ = 0;
};

// Python's equality for the built-in key types (no user __eq__).
bool keyEquals(const Value& a, const Value& b);

} // namespace awaitscope::script
