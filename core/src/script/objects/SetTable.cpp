#include "script/objects/SetTable.h"

#include "script/objects/Objects.h"

namespace awaitscope::script {

namespace {

constexpr std::size_t kMinSize = 8;
constexpr std::size_t kLinearProbes = 9;
constexpr unsigned kPerturbShift = 5;

// The slots a key with this hash is looked for in, in CPython's order: nine neighbours from
// hash & mask (when they fit before the end), then a jump stirred by the hash's higher bits.
template <typename Visit>
void probe(std::size_t hash, std::size_t mask, Visit visit) {
    std::size_t i = hash & mask;
    std::size_t perturb = hash;
    while (true) {
        std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
        for (std::size_t j = i;; ++j) {
            if (visit(j))
                return;
            if (probes-- == 0)
                break;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

} // namespace

std::int64_t SetTable::find(const Value& key, std::size_t hash) const {
    while (true) {
        const std::uint64_t version = version_;
        const std::vector<Slot>* table = &slots_;
        std::int64_t found = -1;
        bool changed = false;
        probe(hash, slots_.size() - 1, [&](std::size_t at) {
            const Slot& slot = (*table)[at];
            if (!slot.active() && !slot.dummy)
                return true;
            if (slot.active() && slot.hash == hash) {
                const Value candidate = slot.key;  // a script's __eq__ may change the set
                const bool equal = equality_.same(candidate, key);
                if (version != version_ || table->size() != slots_.size()) {
                    changed = true;
                    return true;
                }
                if (equal) {
                    found = static_cast<std::int64_t>(at);
                    return true;
                }
            }
            return false;
        });
        if (!changed)
            return found;
    }
}

Value SetTable::stored(const Value& key, std::size_t hash) const {
    const std::int64_t at = find(key, hash);
    return at < 0 ? Value() : slots_[static_cast<std::size_t>(at)].key;
}

bool SetTable::insert(Value key, std::size_t hash) {
    if (find(key, hash) >= 0)
        return false;
    // Where CPython's set_add_entry puts a new key: the last dummy met before the first unused
    // slot, else that unused slot.
    std::size_t freeSlot = SIZE_MAX;
    std::size_t unused = SIZE_MAX;
    probe(hash, slots_.size() - 1, [&](std::size_t at) {
        const Slot& slot = slots_[at];
        if (!slot.active() && !slot.dummy) {
            unused = at;
            return true;
        }
        if (slot.dummy)
            freeSlot = at;
        return false;
    });
    ++version_;
    ++used_;
    if (freeSlot != SIZE_MAX) {
        slots_[freeSlot] = Slot{hash, std::move(key), false};
        return true;
    }
    slots_[unused] = Slot{hash, std::move(key), false};
    ++fill_;
    const std::size_t mask = slots_.size() - 1;
    if (fill_ * 5 >= mask * 3)
        resize(used_ > 50000 ? used_ * 2 : used_ * 4);
    return true;
}

bool SetTable::remove(const Value& key, std::size_t hash) {
    const std::int64_t at = find(key, hash);
    if (at < 0)
        return false;
    Slot& slot = slots_[static_cast<std::size_t>(at)];
    slot.key.clear();
    slot.dummy = true;
    --used_;
    ++version_;
    return true;
}

bool SetTable::pop(Value& key) {
    if (used_ == 0)
        return false;
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = finger_ & mask;
    while (!slots_[at].active())
        at = at == mask ? 0 : at + 1;
    key = std::move(slots_[at].key);
    slots_[at].key.clear();
    slots_[at].dummy = true;
    --used_;
    ++version_;
    finger_ = at + 1;
    return true;
}

void SetTable::clear() {
    std::vector<Slot>(kMinSize).swap(slots_);
    fill_ = used_ = 0;
    ++version_;
}

void SetTable::insertClean(std::vector<Slot>& slots, Value key, std::size_t hash) {
    probe(hash, slots.size() - 1, [&](std::size_t at) {
        if (slots[at].active())
            return false;
        slots[at] = Slot{hash, std::move(key), false};
        return true;
    });
}

void SetTable::resize(std::size_t minUsed) {
    std::size_t size = kMinSize;
    while (size <= minUsed)
        size <<= 1;
    std::vector<Slot> old(size);
    old.swap(slots_);
    for (Slot& slot : old)
        if (slot.active())
            insertClean(slots_, std::move(slot.key), slot.hash);
    fill_ = used_;
    ++version_;
}

void SetTable::purgeDummies() {
    if (fill_ - used_ > (slots_.size() - 1) / 4)
        resize(used_ > 50000 ? used_ * 2 : used_ * 4);
}

void SetTable::prepareFor(std::size_t incoming) {
    if ((fill_ + incoming) * 5 >= (slots_.size() - 1) * 3)
        resize((used_ + incoming) * 2);
}

void SetTable::merge(const SetTable& other) {
    if (&other == this || other.used_ == 0)
        return;
    if ((fill_ + other.used_) * 5 >= (slots_.size() - 1) * 3)
        resize((used_ + other.used_) * 2);
    if (fill_ == 0 && slots_.size() == other.slots_.size() && other.fill_ == other.used_) {
        // An empty table the other's size, and no dummies there: the same slots.
        for (std::size_t i = 0; i < slots_.size(); ++i)
            if (other.slots_[i].active())
                slots_[i] = other.slots_[i];
        fill_ = used_ = other.used_;
        ++version_;
        return;
    }
    if (fill_ == 0) {
        for (const Slot& slot : other.slots_)
            if (slot.active())
                insertClean(slots_, slot.key, slot.hash);
        fill_ = used_ = other.used_;
        ++version_;
        return;
    }
    // A copy of the keys first: a script's __eq__ may change the other set meanwhile.
    std::vector<Slot> keys;
    for (const Slot& slot : other.slots_)
        if (slot.active())
            keys.push_back(slot);
    for (Slot& slot : keys)
        insert(std::move(slot.key), slot.hash);
}

void SetTable::swap(SetTable& other) noexcept {
    std::swap(slots_, other.slots_);
    std::swap(fill_, other.fill_);
    std::swap(used_, other.used_);
    ++version_;
    ++other.version_;
}

} // namespace awaitscope::script
