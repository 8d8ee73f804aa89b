#include "JsonInput.h"

#include "awaitscope/io/TraceLimits.h"

namespace awaitscope::detail {

JsonInput::JsonInput(ByteSource& source, const LoadProgress& progress, std::uint64_t rawTotal)
    : source_(source), progress_(progress), rawTotal_(rawTotal) {
    const std::string_view block = source_.next();
    begin_ = cur_ = block.data();
    lim_ = block.data() + block.size();
    if (block.empty()) {
        done_ = true;
        if (!source_.error().empty())
            stop_ = InputStop::ReadError;
    }
    if (progress_.onProgress)
        progress_.onProgress(source_.rawOffset(), rawTotal_);
}

bool JsonInput::refill() {
    if (done_)
        return false;
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
    begin_ = cur_ = block.data();
    lim_ = block.data() + block.size();
    if (progress_.onProgress)
        progress_.onProgress(source_.rawOffset(), rawTotal_);
    return true;
}

std::string JsonInput::stopMessage() const {
    switch (stop_) {
    case InputStop::None: return {};
    case InputStop::Cancelled: return "loading cancelled";
    case InputStop::ValueTooLong:
        return "byte " + std::to_string(lastValue_) + ": a single JSON value runs on for more than " +
               std::to_string(kMaxStringBytes) + " bytes (kMaxStringBytes)";
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
