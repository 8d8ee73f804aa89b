#pragma once

// What a type does for each operator and protocol, as CPython's type slots do: every builtin
// type fills its own TypeSlots in its file (objects/List.cpp, ...), and the generic operations
// of objects/Operations.cpp (Interpreter::binary, repr, getItem, ...) ask the value's class for
// them. A script class's instances all use the slots of objects/Instance.cpp, which call the
// class's dunder methods. A null slot means the type does not take part: the generic operation
// falls back as CPython does (identity hash, repr for str, ...) or raises CPython's TypeError.
#include "script/objects/Operators.h"
#include "script/objects/Value.h"

#include <cstdint>
#include <string>

namespace awaitscope::script {

class Interpreter;

struct TypeSlots {
    std::string (*repr)(Interpreter&, const Value&) = nullptr;
    std::string (*str)(Interpreter&, const Value&) = nullptr;  // null: repr
    bool (*truthy)(Interpreter&, const Value&) = nullptr;      // null: length() != 0, or true without a length
    std::int64_t (*length)(Interpreter&, const Value&) = nullptr;
    std::size_t (*hash)(Interpreter&, const Value&) = nullptr;  // null: by identity

    // a OP b (in place: a OP= b) with `a` of this type; Empty when this type does not handle b.
    Value (*binary)(Interpreter&, BinaryOp, const Value& a, const Value& b, bool inplace) = nullptr;
    // a OP b with `b` of this type, when a's type did not handle it; Empty when unhandled.
    Value (*reflectedBinary)(Interpreter&, BinaryOp, const Value& a, const Value& b) = nullptr;
    // a == b for two distinct objects of this type (a script instance: b may be anything).
    bool (*equals)(Interpreter&, const Value& a, const Value& b) = nullptr;
    // a OP b for <, <=, >, >= (and != for types that define it) with `a` of this type; Empty
    // when unhandled.
    Value (*compare)(Interpreter&, CompareOp, const Value& a, const Value& b) = nullptr;
    // The same with `b` of this type, asked as CPython asks the reflected method.
    Value (*reflectedCompare)(Interpreter&, CompareOp, const Value& a, const Value& b) = nullptr;
    // `item in container`: 1 or 0, or -1 to fall back to iterating the container.
    int (*contains)(Interpreter&, const Value& container, const Value& item) = nullptr;

    // object[index]: Empty when the type does not support subscripting.
    Value (*getItem)(Interpreter&, const Value& object, const Value& index) = nullptr;
    // object[index] = value / del object[index]: false when the type does not support it.
    bool (*setItem)(Interpreter&, const Value& object, const Value& index, Value value) = nullptr;
    bool (*deleteItem)(Interpreter&, const Value& object, const Value& index) = nullptr;

    // object.name: true with `out` set when found. Null: the attributes of the value's class
    // (Interpreter::typeAttribute), which types with attributes of their own also fall back on.
    bool (*getAttr)(Interpreter&, const Value& object, const Value& name, Value& out) = nullptr;
    // object.name = value / del object.name: false when the type has no such attribute to set.
    bool (*setAttr)(Interpreter&, const Value& object, const Value& name, Value value) = nullptr;
    bool (*deleteAttr)(Interpreter&, const Value& object, const Value& name) = nullptr;

    // iter(object): Empty when not iterable. next(iterator): false when exhausted.
    Value (*iter)(Interpreter&, const Value&) = nullptr;
    bool (*next)(Interpreter&, const Value& iterator, Value& out) = nullptr;

    // `with` and `async with`: Empty when the type is no (async) context manager. The async
    // forms return what the statement then awaits.
    Value (*enter)(Interpreter&, const Value& manager) = nullptr;
    Value (*exit)(Interpreter&, const Value& manager, const Value& error) = nullptr;
    Value (*asyncEnter)(Interpreter&, const Value& manager) = nullptr;
    Value (*asyncExit)(Interpreter&, const Value& manager, const Value& error) = nullptr;
};

} // namespace awaitscope::script
