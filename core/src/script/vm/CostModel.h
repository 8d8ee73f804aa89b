#pragma once

// Virtual CPU time per executed instruction, in picoseconds, modelled on CPython 3.11's own
// costs: its specialized instructions make locals, constants and jumps nearly free, calls
// cheap and string formatting dear. Each instruction has a class (vm/Opcodes.def); calibrated
// on the development machine with tests/bench/calibrate_cost_model.py (see
// docs/scenario-language.md, "The cost model").
#include "script/objects/Operators.h"
#include "script/vm/CostClass.h"
#include "script/vm/Opcodes.h"

#include <array>
#include <chrono>
#include <cstdint>

namespace awaitscope::script {

namespace cost {
inline constexpr std::uint32_t Free = 0;
inline constexpr std::uint32_t Local = 1000;         // stack shuffles, fast locals, constants, jumps, try blocks
inline constexpr std::uint32_t Cell = 2000;          // closure cells
inline constexpr std::uint32_t GlobalLoad = 3000;
inline constexpr std::uint32_t Simple = 5000;        // the rest; also what builtins charge per element they touch
inline constexpr std::uint32_t Iterate = 8000;       // the next item of a for loop (a new int for range's)
inline constexpr std::uint32_t AttrLoad = 6000;
inline constexpr std::uint32_t Subscript = 6000;
inline constexpr std::uint32_t Return = 6000;
inline constexpr std::uint32_t Append = 6000;        // list.append / set.add inside comprehensions
inline constexpr std::uint32_t Arithmetic = 7000;
inline constexpr std::uint32_t NameLoad = 8000;      // module and class bodies
inline constexpr std::uint32_t AttrStore = 9000;
inline constexpr std::uint32_t IterStart = 10000;
inline constexpr std::uint32_t SubscriptStore = 10000;
inline constexpr std::uint32_t Unpack = 10000;
inline constexpr std::uint32_t MapAdd = 12000;
inline constexpr std::uint32_t NameStore = 15000;    // globals and module/class names
inline constexpr std::uint32_t Build = 20000;        // list, tuple, dict, set and slice displays
inline constexpr std::uint32_t Call = 22000;
inline constexpr std::uint32_t MakeFunction = 30000;
inline constexpr std::uint32_t BuildString = 40000;
inline constexpr std::uint32_t Import = 100000;
inline constexpr std::uint32_t Format = 120000;      // one f-string field
inline constexpr std::uint32_t BuildClass = 500000;

// Work beyond one instruction, charged with Interpreter::chargeOps in Simple instructions
// (5 ns each), where CPython's cost is in the C code an instruction calls.
inline constexpr std::uint64_t ConstructOps = 4;      // a built-in type called: int(x), bytes(n), set(items)
inline constexpr std::uint64_t InstantiateOps = 10;   // an instance of a class made (type_call, object_new)
inline constexpr std::uint64_t ScriptInitOps = 10;    // its __init__ in Python: CPython enters its eval loop again
inline constexpr std::uint64_t TracebackOps = 16;     // each frame an exception is raised in or passes through
inline constexpr std::uint64_t GroupOps = 12;         // an exception group made, plus GroupItemOps per exception
inline constexpr std::uint64_t GroupItemOps = 4;
inline constexpr std::uint64_t GroupSubsetOps = 60;   // split's part of a group: metadata copied, __notes__ looked up
inline constexpr std::uint64_t GroupMatchOps = 4;     // split's test of one exception
inline constexpr std::uint64_t ExceptStarOps = 60;    // the end of except* clauses (CPython's _PyExc_PrepReraiseStar)
inline constexpr std::uint64_t AsyncGenStepOps = 8;   // an async generator's step: the asend awaitable, the value wrapped
} // namespace cost

inline constexpr std::array<std::uint32_t, static_cast<std::size_t>(Op::Count)> kInstructionCosts = {
#define OPCODE(name, costClass, fall, jump, flow) cost::costClass,
#include "script/vm/Opcodes.def"
#undef OPCODE
};

// What a binary operator costs beyond the Arithmetic class, by BinaryOp: CPython 3.11
// specializes + and - on ints and floats; the others take the generic path, and a product,
// quotient or shift makes a new int where a small sum would not.
inline constexpr std::array<std::uint32_t, 13> kBinaryOpExtraCosts = {
    0,      // Add
    0,      // Sub
    5000,   // Mul
    5000,   // TrueDiv
    10000,  // FloorDiv
    6000,   // Mod
    25000,  // Pow
    10000,  // LShift
    10000,  // RShift
    0,      // BitAnd
    0,      // BitOr
    0,      // BitXor
    0,      // MatMul
};
static_assert(kBinaryOpExtraCosts.size() == static_cast<std::size_t>(BinaryOp::MatMul) + 1);

// What each cost class (vm/CostClass.h) pays for an instruction: the script's cost divided by
// its divisor. Calibrated with tests/bench/calibrate_cost_model.py's library group.
inline constexpr std::array<std::uint32_t, 4> kCostClassDivisors = {
    1,  // Script
    1,  // InPython: CPython runs the same kind of code
    4,  // InC: what takes several of our instructions is one step of C there
    12, // InCCalls
};

static_assert(kCostClassDivisors.size() == static_cast<std::size_t>(CostClass::InCCalls) + 1);

inline constexpr std::array<std::array<std::uint32_t, static_cast<std::size_t>(Op::Count)>, kCostClassDivisors.size()>
    kClassInstructionCosts = [] {
    std::array<std::array<std::uint32_t, static_cast<std::size_t>(Op::Count)>, kCostClassDivisors.size()> costs{};
    for (std::size_t c = 0; c < costs.size(); ++c)
        for (std::size_t i = 0; i < costs[c].size(); ++i)
            costs[c][i] = kInstructionCosts[i] / kCostClassDivisors[c];
    return costs;
}();

// The real time a run's wall-time budget is measured on.
inline std::int64_t wallNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace awaitscope::script
