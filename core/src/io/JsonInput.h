#pragma once

// Feeds nlohmann's SAX parser from a ByteSource one block at a time. The parser reads
// through an iterator whose end test is the only place that touches the source, so the hot
// path is a pointer compare; block boundaries are where progress is reported, cancellation
// is noticed and over-long values are cut off (kMaxStringBytes).
#include "ByteSource.h"

#include "awaitscope/io/TraceFile.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iterator>
#include <string>

namespace awaitscope::detail {

enum class InputStop : std::uint8_t { None, Cancelled, ValueTooLong, NulByte, ReadError };

class JsonInput {
public:
    JsonInput(ByteSource& source, const LoadProgress& progress, std::uint64_t rawTotal);

    // The first block, untouched, for format detection.
    std::string_view firstBlock() const { return firstBlock_; }
    // Bytes handed to the parser so far.
    std::uint64_t offset() const { return base_ + static_cast<std::uint64_t>(cur_ - begin_); }
    // Handlers call this on every SAX event: a long gap since the last one means an over-long value.
    void markValue() { lastValue_ = offset(); }
    InputStop stop() const { return stop_; }
    // The parser has read every byte: an error now is an error at the end of the input.
    bool exhausted() const { return done_ && stop_ == InputStop::None; }
    const std::string& readError() const { return source_.error(); }
    // Why the input stopped early, as an error message (empty for a normal end).
    std::string stopMessage() const;

    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = char;
        using difference_type = std::ptrdiff_t;
        using pointer = const char*;
        using reference = const char&;

        explicit Iterator(JsonInput* input) : input_(input) {}
        const char& operator*() const { return *input_->cur_; }
        Iterator& operator++() {
            ++input_->cur_;
            return *this;
        }
        Iterator operator++(int) {
            Iterator before = *this;
            ++input_->cur_;
            return before;
        }
        // Only ever compared with the end iterator.
        bool operator==(const Iterator&) const { return input_->cur_ == input_->lim_ && !input_->refill(); }
        bool operator!=(const Iterator& other) const { return !(*this == other); }

    private:
        JsonInput* input_;
    };

    // Runs the SAX parser over the whole input.
    template <class Handler>
    bool parse(Handler& handler) {
        return nlohmann::json::sax_parse(Iterator(this), Iterator(this), &handler);
    }

private:
    bool refill();
    void take(std::string_view block);
    void scanGap();

    // What the bytes since the last SAX event are: a value can run on for a long time only as
    // a string or a number (a token), or as white space between values.
    enum class Gap : std::uint8_t { Blank, String, StringEscape, Token };

    ByteSource& source_;
    const LoadProgress& progress_;
    std::uint64_t rawTotal_;
    const char* begin_ = nullptr;
    const char* cur_ = nullptr;
    const char* lim_ = nullptr;
    std::uint64_t base_ = 0;
    std::uint64_t lastValue_ = 0;
    std::string_view firstBlock_;
    const char* nul_ = nullptr;  // a NUL byte in this block: the parser is handed the bytes before it
    Gap gap_ = Gap::Blank;
    std::uint64_t gapScanned_ = 0;  // where scanGap() got to
    InputStop stop_ = InputStop::None;
    bool done_ = false;
};

// "byte 57 (line 3, column 9): syntax error while parsing value - invalid literal; last read: 'x'"
std::string syntaxErrorMessage(std::size_t position, const nlohmann::detail::exception& error);

// A short description of a JSON value for messages: `a string "abc"`, `the number -5`.
std::string describeString(std::string_view text);

} // namespace awaitscope::detail
