#include "JsonOutput.h"

namespace awaitscope::detail {

namespace {

constexpr std::size_t kBlockBytes = 1u << 20;

// The length of the valid UTF-8 sequence at `p` (1 to 4), or 0 if it is not valid. The
// ranges are RFC 3629's, the same that nlohmann's lexer accepts (no surrogates, no overlongs).
std::size_t utf8Length(const unsigned char* p, const unsigned char* end) {
    const unsigned char c = p[0];
    auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

} // namespace

JsonOutput::JsonOutput(const ByteSink& sink) : sink_(sink), buffer_(kBlockBytes) {
    pos_ = buffer_.data();
    end_ = buffer_.data() + buffer_.size();
}

void JsonOutput::flush() {
    if (pos_ != buffer_.data() && !failed_)
        failed_ = !sink_(std::string_view(buffer_.data(), static_cast<std::size_t>(pos_ - buffer_.data())));
    pos_ = buffer_.data();
}

void JsonOutput::raw(std::string_view text) {
    while (!text.empty()) {
        ensure(1);
        const std::size_t room = std::min(text.size(), static_cast<std::size_t>(end_ - pos_));
        std::copy_n(text.data(), room, pos_);
        pos_ += room;
        text.remove_prefix(room);
    }
}

void JsonOutput::string(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    raw('"');
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        // Copy the longest run that needs no escaping in one go.
        const auto* run = p;
        while (run < end && *run >= 0x20 && *run < 0x80 && *run != '"' && *run != '\\')
            ++run;
        raw(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(run - p)));
        p = run;
        if (p == end)
            break;
        const unsigned char c = *p;
        if (c >= 0x80) {
            const std::size_t length = utf8Length(p, end);
            if (length == 0) {
                raw("\xEF\xBF\xBD");  // U+FFFD for a byte that is not valid UTF-8
                ++p;
            } else {
                raw(std::string_view(reinterpret_cast<const char*>(p), length));
                p += length;
            }
            continue;
        }
        ensure(6);
        *pos_++ = '\\';
        switch (c) {
        case '"': *pos_++ = '"'; break;
        case '\\': *pos_++ = '\\'; break;
        case '\n': *pos_++ = 'n'; break;
        case '\r': *pos_++ = 'r'; break;
        case '\t': *pos_++ = 't'; break;
        case '\b': *pos_++ = 'b'; break;
        case '\f': *pos_++ = 'f'; break;
        default:
            *pos_++ = 'u';
            *pos_++ = '0';
            *pos_++ = '0';
            *pos_++ = kHex[c >> 4];
            *pos_++ = kHex[c & 15];
        }
        ++p;
    }
    raw('"');
}

bool JsonOutput::finish() {
    flush();
    return !failed_;
}

} // namespace awaitscope::detail
