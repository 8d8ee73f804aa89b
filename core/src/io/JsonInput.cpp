#include "JsonInput.h"

#include "awaitscope/io/TraceLimits.h"

#include <algorithm>
#include <cstring>

namespace awaitscope::detail {

JsonInput::JsonInput(ByteSource& source, const LoadProgress& progress, std::uint64_t rawTotal)
    : source_(source), progress_(progress), rawTotal_(rawTotal) {
    const std::string_view block = source_.next();
    firstBlock_ = block;
    take(block);
    if (block.empty()) {
        done_ = true;
        if (!source_.error().empty())
            stop_ = InputStop::ReadError;
    }
    if (progress_.onProgress)
        progress_.onProgress(source_.rawOffset(), rawTotal_);
}

void JsonInput::take(std::string_view block) {
    begin_ = cur_ = block.data();
    lim_ = block.data() + block.size();
    // nlohmann's lexer reads a NUL byte as the end of the input, which would end the trace
    // early without a word (and call a NUL mid-file "unexpected end of input"): the parser
    // sees the bytes up to it, and then the input stops with a NUL byte to report.
    nul_ = block.empty() ? nullptr : static_cast<const char*>(std::memchr(block.data(), 0, block.size()));
    if (nul_)
        lim_ = nul_;
}

void JsonInput::scanGap() {
    // From the last SAX event (or from where the previous block's scan ended) to the end of
    // this block: usually a few bytes, as events come every few bytes in a trace.
    const std::uint64_t from = std::max(lastValue_, gapScanned_);
    if (lastValue_ >= gapScanned_)
        gap_ = Gap::Blank;  // just after a value: between tokens
    for (const char* p = begin_ + (from - base_); p < lim_; ++p) {
        const char c = *p;
        switch (gap_) {
        case Gap::Blank:
            if (c == '"')
                gap_ = Gap::String;
            else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != ':')
                gap_ = Gap::Token;
            break;
        case Gap::String: gap_ = c == '\\' ? Gap::StringEscape : c == '"' ? Gap::Blank : Gap::String; break;
        case Gap::StringEscape: gap_ = Gap::String; break;
        case Gap::Token:
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}')
                gap_ = Gap::Blank;
            break;
        }
    }
    gapScanned_ = base_ + static_cast<std::uint64_t>(lim_ - begin_);
}

bool JsonInput::refill() {
    if (done_)
        return false;
    if (nul_) {
        base_ += static_cast<std::uint64_t>(nul_ - begin_);
        begin_ = cur_ = lim_ = nul_;
        stop_ = InputStop::NulByte;
        done_ = true;
        return false;
    }
    scanGap();
    base_ += static_cast<std::uint64_t>(lim_ - begin_);
    begin_ = cur_ = lim_;
    if (progress_.cancelled && progress_.cancelled->load(std::memory_order_relaxed)) {
        stop_ = InputStop::Cancelled;
        done_ = true;
        return false;
    }
    if (offset() - lastValue_ > kMaxStringBytes) {
        stop_ = InputStop::ValueTooLong;
        done_ = true;
        return false;
    }
    const std::string_view block = source_.next();
    if (block.empty()) {
        if (!source_.error().empty())
            stop_ = InputStop::ReadError;
        done_ = true;
        return false;
    }
    take(block);
    if (progress_.onProgress)
        progress_.onProgress(source_.rawOffset(), rawTotal_);
    return true;
}

std::string JsonInput::stopMessage() const {
    const std::string limit = std::to_string(kMaxStringBytes) + " bytes (kMaxStringBytes)";
    switch (stop_) {
    case InputStop::None: return {};
    case InputStop::Cancelled: return "loading cancelled";
    case InputStop::ValueTooLong:
        switch (gap_) {
        case Gap::Blank:
            return "byte " + std::to_string(lastValue_) + ": more than " + limit +
                   " of white space without a value (the file may be padded or damaged)";
        case Gap::String:
        case Gap::StringEscape:
            return "byte " + std::to_string(lastValue_) + ": a single JSON string runs on for more than " + limit;
        case Gap::Token:
            return "byte " + std::to_string(lastValue_) + ": a single JSON number or literal runs on for more than " + limit;
        }
        return {};
    case InputStop::NulByte:
        return "byte " + std::to_string(offset()) + ": a NUL byte (0x00), which JSON does not allow; the file is damaged "
               "or is not a trace from here on";
    case InputStop::ReadError: return source_.error();
    }
    return {};
}

std::string syntaxErrorMessage(std::size_t position, const nlohmann::detail::exception& error) {
    // nlohmann: "[json.exception.parse_error.101] parse error at line 3, column 9: syntax error ..."
    const std::string what = error.what();
    std::string where;
    std::string message = what;
    const std::string marker = "parse error at ";
    if (const std::size_t at = what.find(marker); at != std::string::npos) {
        const std::size_t colon = what.find(": ", at);
        if (colon != std::string::npos) {
            where = what.substr(at + marker.size(), colon - at - marker.size());
            message = what.substr(colon + 2);
        }
    } else if (const std::size_t close = what.find("] "); close != std::string::npos) {
        message = what.substr(close + 2);
    }
    // nlohmann quotes the bytes it read last, which may be binary: keep the message printable.
    std::string printable;
    for (const char c : message) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f) {
            printable += c;
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            printable += "\\x";
            printable += kHex[byte >> 4];
            printable += kHex[byte & 15];
        }
    }
    const std::size_t offset = position > 0 ? position - 1 : 0;
    return "byte " + std::to_string(offset) + (where.empty() ? "" : " (" + where + ")") + ": " + printable;
}

std::string describeString(std::string_view text) {
    constexpr std::size_t kShown = 40;
    std::string shown(text.substr(0, kShown));
    return "\"" + shown + (text.size() > kShown ? "...\"" : "\"");
}

} // namespace awaitscope::detail
