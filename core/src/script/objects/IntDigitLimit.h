#pragma once

// CPython's limit on the decimal digits of an int converted to or from text
// (sys.set_int_max_str_digits): decimal conversion takes time quadratic in the digits, so text
// past the limit is refused. The compiler checks literals against the default; a run's own
// limit is in InterpreterLimits.
#include <cstddef>
#include <string>

namespace awaitscope::script {

inline constexpr std::size_t kDefaultMaxStrDigits = 4300;
// The smallest limit but 0 (none) that sys.set_int_max_str_digits accepts.
inline constexpr std::size_t kStrDigitsCheckThreshold = 640;

// CPython's ValueError text for decimal text of `digits` digits made an int past `limit`.
inline std::string intTextTooLongMessage(std::size_t limit, std::size_t digits) {
    return "Exceeds the limit (" + std::to_string(limit) + " digits) for integer string conversion: value has " +
           std::to_string(digits) + " digits; use sys.set_int_max_str_digits() to increase the limit";
}

} // namespace awaitscope::script
