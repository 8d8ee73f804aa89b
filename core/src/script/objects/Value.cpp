#include "script/objects/Value.h"

#include "script/objects/Objects.h"

namespace awaitscope::script {

void Object::release() noexcept { heap_->destroy(this); }

Heap::Heap() { ring_.prev = ring_.next = &ring_; }

Heap::~Heap() { sweep(); }

void Heap::link(Object* object) {
    object->heap_ = this;
    object->prev = ring_.prev;
    object->next = &ring_;
    ring_.prev->next = object;
    ring_.prev = object;
    ++live_;
}

void Heap::destroy(Object* object) noexcept {
    object->prev->next = object->next;
    object->next->prev = object->prev;
    object->prev = object->next = nullptr;
    --live_;
    bytes_ -= static_cast<std::int64_t>(object->footprint());
    if (bytes_ < 0)
        bytes_ = 0;
    if (draining_) {
        pending_.push_back(object);
        return;
    }
    // Freeing an object releases what it holds; those frees are queued, not nested.
    draining_ = true;
    delete object;
    while (!pending_.empty()) {
        Object* next = pending_.back();
        pending_.pop_back();
        delete next;
    }
    draining_ = false;
}

std::int64_t Heap::census() {
    std::int64_t total = 0;
    for (HeapLink* link = ring_.next; link != &ring_; link = link->next)
        total += static_cast<std::int64_t>(static_cast<Object*>(link)->footprint());
    bytes_ = total;
    gross_ = 0;
    return total + transient_;
}

void Heap::sweep() {
    // Hold every survivor, drop what they reference, then let them go.
    std::vector<Object*> survivors;
    for (HeapLink* link = ring_.next; link != &ring_; link = link->next)
        survivors.push_back(static_cast<Object*>(link));
    for (Object* object : survivors)
        object->incref();
    for (Object* object : survivors)
        object->clearReferences();
    for (Object* object : survivors)
        object->decref();
}

} // namespace awaitscope::script
