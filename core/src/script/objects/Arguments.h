#pragma once

// How builtin functions and methods receive and check their arguments (Wren's
// wren_primitive.h): positional values, then keyword values named by a tuple, read by name
// with ArgParser, with CPython's TypeError messages.
#include "script/objects/Objects.h"

#include <initializer_list>
#include <vector>

namespace awaitscope::script {

class Interpreter;

// Positional arguments, then keyword values named by kwNames (a tuple of str).
struct CallArgs {
    const Value* args = nullptr;
    int count = 0;
    const Value* kwValues = nullptr;
    const TupleObject* kwNames = nullptr;
    int kwCount() const { return kwNames ? static_cast<int>(kwNames->items.size()) : 0; }
    const Value& operator[](int i) const { return args[i]; }
    const NativeObject* native = nullptr;  // the native being called
};

// Reads call arguments for builtins by position or keyword, CPython style.
class ArgParser {
public:
    ArgParser(Interpreter& interp, CallArgs& args, const char* function, std::initializer_list<const char*> names,
              int required);
    // The argument at position i of the declared names, or Empty.
    const Value& operator[](int i) const { return values_[static_cast<std::size_t>(i)]; }
    bool has(int i) const { return !values_[static_cast<std::size_t>(i)].empty(); }

private:
    std::vector<Value> values_;
};

[[noreturn]] void argCountError(Interpreter& interp, CallArgs& args, const char* name, int min, int max);
// A method's own arguments (the receiver is args[0]) must number between min and max.
inline void argCount(Interpreter& interp, CallArgs& args, const char* name, int min, int max) {
    if (args.count - 1 < min || args.count - 1 > max)
        argCountError(interp, args, name, min, max);
}
void noKeywords(Interpreter& interp, CallArgs& args, const char* name);

} // namespace awaitscope::script
