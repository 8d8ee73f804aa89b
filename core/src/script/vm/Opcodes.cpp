#include "script/vm/Opcodes.h"

namespace awaitscope::script {

const char* opName(Op op) {
    switch (op) {
#define OPCODE(name, cost, fall, jump, flow) \
    case Op::name: return #name;
#include "script/vm/Opcodes.def"
#undef OPCODE
    case Op::Count: break;
    }
    return "?";
}

Flow opFlow(Op op) {
    switch (op) {
#define OPCODE(name, cost, fall, jump, flow) \
    case Op::name: return Flow::flow;
#include "script/vm/Opcodes.def"
#undef OPCODE
    case Op::Count: break;
    }
    return Flow::Next;
}

void stackEffect(const Instr& in, int& fall, int& jump) {
    [[maybe_unused]] const int a = in.arg;
    switch (in.op) {
#define OPCODE(name, cost, fallEffect, jumpEffect, flow) \
    case Op::name: \
        fall = (fallEffect); \
        jump = (jumpEffect); \
        return;
#include "script/vm/Opcodes.def"
#undef OPCODE
    case Op::Count: break;
    }
    fall = 0;
    jump = 0;
}

} // namespace awaitscope::script
