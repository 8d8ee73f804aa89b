#pragma once

// One activation of a code object: its fast locals, cells and value stack in one block, the
// handler blocks of its `try` statements, and where it stopped. Python-to-Python calls push
// frames without recursing in C++; coroutine and generator frames are resumed later.
#include "script/vm/Code.h"
#include "script/objects/Value.h"

namespace awaitscope::script {

struct HandlerBlock {
    std::int32_t handler;  // instruction index
    std::int32_t level;    // stack depth to return to
};

struct Frame {
    CodeObject* code = nullptr;
    Value function;   // keeps defaults, closure and globals alive
    Value globals;    // dict
    Value localsDict; // module and class bodies: the namespace dict (null otherwise)
    Frame* caller = nullptr;  // for frames pushed inline by a call
    // The frame this one runs for, when it is not `caller`: the frame awaiting a coroutine, or
    // the frame whose call into C++ called back into the script (a builtin, a generator's next).
    Frame* awaiter = nullptr;
    std::int32_t pc = 0;      // next instruction
    std::int32_t sp = 0;      // stack height
    std::int32_t blockCount = 0;
    std::int32_t nesting = 0;  // await depth of coroutine frames (RecursionError at the limit)
    std::uint32_t capacity = 0;
    bool discardResult = false;  // a constructor's __init__ frame: the instance is pushed instead
    Value constructed;           // the instance being constructed
    HandlerBlock blocks[kMaxBlocks];
    Value* slots = nullptr;  // locals, then cells, then the stack

    Value* locals() { return slots; }
    Value* cells() { return slots + code->localCount(); }
    Value* stack() { return slots + code->localCount() + code->cellCount(); }
    std::uint32_t currentLine() const { return code->lineAt(pc > 0 ? static_cast<std::size_t>(pc - 1) : 0); }
};

} // namespace awaitscope::script
