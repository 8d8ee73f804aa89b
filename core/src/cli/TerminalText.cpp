#include "awaitscope/cli/TerminalText.h"

#include <cstdint>
#include <cstdio>

namespace awaitscope {

namespace {

// The length of the UTF-8 sequence at `text[i]` and its code point; 0 if it is not valid
// UTF-8 (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, cut short).
std::size_t decode(std::string_view text, std::size_t i, char32_t& point) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, point = lead & 0x1F, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, point = lead & 0x0F, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, point = lead & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80)
            return 0;
        point = (point << 6) | (next & 0x3F);
    }
    if (point < min || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
        return 0;
    return length;
}

// C1 controls (a terminal may read U+009B as CSI) and the marks that reorder what follows
// (CVE-2021-42574, "Trojan Source").
bool hidesOrControls(char32_t point) {
    return (point >= 0x80 && point <= 0x9F) || point == 0x061C || point == 0x200E || point == 0x200F ||
           (point >= 0x202A && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069);
}

} // namespace

std::string terminalSafe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char escape[16];
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte >= 0x20 && byte < 0x7F) || byte == '\n' || byte == '\t') {
            out += static_cast<char>(byte);
            ++i;
            continue;
        }
        char32_t point = 0;
        const std::size_t length = byte >= 0x80 ? decode(text, i, point) : 0;
        if (length == 0) {
            std::snprintf(escape, sizeof escape, "\\x%02X", byte);
            out += escape;
            ++i;
        } else if (hidesOrControls(point)) {
            std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned>(point));
            out += escape;
            i += length;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

} // namespace awaitscope
