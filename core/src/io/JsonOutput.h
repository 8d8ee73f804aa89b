#pragma once

// A JSON writer without a DOM: it formats straight into a block buffer that goes to a
// ByteSink whenever it fills. Integers use std::to_chars; strings are escaped and repaired
// to valid UTF-8, because nlohmann's reader (ours included) rejects anything else.
#include "awaitscope/io/ByteSink.h"

#include <charconv>
#include <cstdint>
#include <string_view>
#include <vector>

namespace awaitscope::detail {

class JsonOutput {
public:
    explicit JsonOutput(const ByteSink& sink);
    JsonOutput(const JsonOutput&) = delete;
    JsonOutput& operator=(const JsonOutput&) = delete;

    void raw(std::string_view text);
    void raw(char c) {
        ensure(1);
        *pos_++ = c;
    }
    template <class Integer>
    void number(Integer value) {
        ensure(24);
        pos_ = std::to_chars(pos_, pos_ + 24, value).ptr;
    }
    // A quoted JSON string.
    void string(std::string_view text);
    // Sends what is left to the sink; false if the sink failed at any point.
    bool finish();
    bool failed() const { return failed_; }

private:
    void ensure(std::size_t bytes) {
        if (static_cast<std::size_t>(end_ - pos_) < bytes)
            flush();
    }
    void flush();

    const ByteSink& sink_;
    std::vector<char> buffer_;
    char* pos_;
    char* end_;
    bool failed_ = false;
};

} // namespace awaitscope::detail
