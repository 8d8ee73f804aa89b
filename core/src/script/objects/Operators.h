#pragma once

// Python's operators, as the parser reads them and the machine and the types apply them.
#include <cstdint>

namespace awaitscope::script {

enum class BinaryOp : std::uint8_t { Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor, MatMul };
enum class UnaryOp : std::uint8_t { Neg, Pos, Not, Invert };
enum class CompareOp : std::uint8_t { Lt, Le, Eq, Ne, Gt, Ge, Is, IsNot, In, NotIn };

} // namespace awaitscope::script
