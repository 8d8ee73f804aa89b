#pragma once

// The instruction set (vm/Opcodes.def) and what the compiler and the machine ask about an
// instruction: its name, stack effect and control flow.
#include <cstdint>

namespace awaitscope::script {

inline constexpr int kMakeFunctionDefaults = 1;
inline constexpr int kMakeFunctionKwDefaults = 2;
inline constexpr int kMakeFunctionClosure = 4;
// SetUpdate's flag for a set display of constants ({3, 1, 2}), which CPython builds as a
// frozenset constant: the set on top is rebuilt as that constant is before it is merged.
inline constexpr int kSetUpdateFoldedConstant = 1 << 20;

// How many tuples MakeFunction pops besides the code: one per flag.
constexpr int makeFunctionOperands(int arg) {
    const int flags = arg >> 24;
    return ((flags & kMakeFunctionDefaults) ? 1 : 0) + ((flags & kMakeFunctionKwDefaults) ? 1 : 0) +
           ((flags & kMakeFunctionClosure) ? 1 : 0);
}

enum class Op : std::uint8_t {
#define OPCODE(name, cost, fall, jump, flow) name,
#include "script/vm/Opcodes.def"
#undef OPCODE
    Count
};

enum class Flow : std::uint8_t { Next, Branch, Jump, Exit };

struct Instr {
    Op op = Op::Nop;
    std::int32_t arg = 0;
};

const char* opName(Op op);
Flow opFlow(Op op);
// Stack effect of an instruction: on the fall-through path, and (for jumps) on the jump.
void stackEffect(const Instr& in, int& fall, int& jump);

} // namespace awaitscope::script
