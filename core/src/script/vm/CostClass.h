#pragma once

// Whose cost a piece of code stands for. A script's code costs what CPython's bytecode costs.
// A library module written in Python (modules/python/*.py) stands for CPython's own library:
// some of it is Python there too (logging, textwrap), some of it is C (itertools, deque,
// heapq's _heapq, datetime's _datetime), where one call does in C what takes many of our
// instructions. Each library module declares its class in modules/Modules.def; the costs of
// each class are in vm/CostModel.h.
#include <cstdint>

namespace awaitscope::script {

enum class CostClass : std::uint8_t {
    Script,    // the script itself
    InPython,  // a library module that is Python in CPython as well
    InC,       // a library module that CPython runs in C
    InCCalls,  // one that CPython answers with one C function per call, where the Python here
               // runs a whole method for it (datetime's arithmetic and comparisons)
};

} // namespace awaitscope::script
