#pragma once

#include <cstdint>
#if __has_include(<source_location>)
#include <source_location>
#endif

namespace awaitscope {

// Where something happens: a C++ source location or a script line.
// It holds pointers, not strings: C++ callers get string literals from the compiler, and
// the script interpreter passes strings it keeps alive for the whole run.
// std::source_location converts implicitly; SourceLocation::current() also works with
// compilers whose library lacks std::source_location (clang 14 with libstdc++ 12).
struct SourceLocation {
    const char* file = "";
    const char* function = "";
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    constexpr SourceLocation() = default;
    constexpr SourceLocation(const char* file_, const char* function_, std::uint32_t line_, std::uint32_t column_ = 0)
        : file(file_), function(function_), line(line_), column(column_) {}
#if defined(__cpp_lib_source_location)
    constexpr SourceLocation(const std::source_location& location)
        : file(location.file_name()), function(location.function_name()), line(location.line()),
          column(location.column()) {}
#endif

    static constexpr SourceLocation current(const char* file_ = __builtin_FILE(),
                                            const char* function_ = __builtin_FUNCTION(),
                                            std::uint32_t line_ = __builtin_LINE(),
#if defined(__has_builtin) && __has_builtin(__builtin_COLUMN)
                                            std::uint32_t column_ = __builtin_COLUMN()) {
#else
                                            std::uint32_t column_ = 0) {  // GCC has no __builtin_COLUMN
#endif
        return SourceLocation(file_, function_, line_, column_);
    }

    constexpr bool known() const { return line != 0 || (file && *file); }
};

} // namespace awaitscope
