#pragma once

// Virtual CPU time per executed instruction, in picoseconds, modelled on CPython 3.11's own
// costs: its specialized instructions make locals, constants and jumps nearly free, calls
// cheap and string formatting dear. Each instruction has a class (vm/Opcodes.def); calibrated
// on the development machine with tests/bench/calibrate_cost_model.py (see
// docs/scenario-language.md, "The cost model").
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
} // namespace cost

inline constexpr std::array<std::uint32_t, static_cast<std::size_t>(Op::Count)> kInstructionCosts = {
#define OPCODE(name, costClass, fall, jump, flow) cost::costClass,
#include "script/vm/Opcodes.def"
#undef OPCODE
};

// A library module written in Python (modules/python/*.py) stands for CPython's C code
// (functools, collections, itertools are accelerated there): its instructions cost a quarter.
inline constexpr std::uint32_t kLibraryCostDivisor = 4;
inline constexpr std::array<std::uint32_t, static_cast<std::size_t>(Op::Count)> kLibraryInstructionCosts = [] {
    std::array<std::uint32_t, static_cast<std::size_t>(Op::Count)> costs{};
    for (std::size_t i = 0; i < costs.size(); ++i)
        costs[i] = kInstructionCosts[i] / kLibraryCostDivisor;
    return costs;
}();

// The real time a run's wall-time budget is measured on.
inline std::int64_t wallNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace awaitscope::script
