#pragma once

// The table behind set and frozenset, laid out as CPython's setobject.c lays out its own: open
// addressing that probes nine neighbours before it jumps, deleted keys left as dummies, a table
// of eight slots that grows fourfold when three fifths are taken. A set iterates, prints and
// pops in slot order, so the same program shows its ints in the same order as CPython does
// ({3, 1, 2} prints {1, 2, 3}).
#include "script/objects/HashTable.h"

#include <cstdint>
#include <vector>

namespace awaitscope::script {

class SetTable {
public:
    struct Slot {
        std::size_t hash = 0;
        Value key;           // Empty: unused, or a dummy
        bool dummy = false;  // a key was here and was removed
        bool active() const { return !key.empty(); }
    };

    void setEquality(KeyEquality equality) { equality_ = equality; }

    std::size_t size() const { return used_; }
    std::size_t bytes() const { return slots_.capacity() * sizeof(Slot); }
    // Changes whenever keys are added or removed (iterators detect changes during iteration).
    std::uint64_t version() const { return version_; }

    bool contains(const Value& key, std::size_t hash) const { return find(key, hash) >= 0; }
    // The key stored equal to `key`, or Empty.
    Value stored(const Value& key, std::size_t hash) const;
    // Adds the key if no equal one is there (set.add); true if it was added.
    bool insert(Value key, std::size_t hash);
    // Removes the key (set.discard); true if it was there.
    bool remove(const Value& key, std::size_t hash);
    // set.pop: the key after where the last pop stopped, removed; false when empty.
    bool pop(Value& key);
    void clear();
    // set.update(other set): one resize up front, then the other's keys in its slot order.
    void merge(const SetTable& other);
    // Before `incoming` keys are added from a dict: one resize up front, as CPython does.
    void prepareFor(std::size_t incoming);
    // After set -= other: a table more than a quarter dummies is rebuilt without them.
    void purgeDummies();
    // set &= other: this set takes the other's table whole.
    void swap(SetTable& other) noexcept;

    const std::vector<Slot>& slots() const { return slots_; }

private:
    std::int64_t find(const Value& key, std::size_t hash) const;
    void resize(std::size_t minUsed);
    static void insertClean(std::vector<Slot>& slots, Value key, std::size_t hash);

    std::vector<Slot> slots_ = std::vector<Slot>(8);
    KeyEquality equality_;
    std::size_t fill_ = 0;  // active and dummy slots
    std::size_t used_ = 0;  // active slots
    std::size_t finger_ = 0;
    std::uint64_t version_ = 0;
};

} // namespace awaitscope::script
