#include "script/compile/SourceDecoder.h"

#include "script/objects/Unicode.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace awaitscope::script {

namespace {

enum class Encoding { Utf8, Latin1, Ascii };

[[noreturn]] void fail(std::string message, int line, int column, bool showLine) {
    SyntaxErrorInfo info;
    info.message = std::move(message);
    info.line = line;
    info.column = column;
    info.showLine = showLine;
    throw SyntaxErrorException{std::move(info)};
}

// The line starting at `start` (without its ending) and where the next one starts.
std::string_view lineAt(std::string_view text, std::size_t start, std::size_t& next) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r')
        ++end;
    next = end;
    if (next < text.size())
        next += text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n' ? 2 : 1;
    return text.substr(start, end - start);
}

bool blankOrComment(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t\f");
    return first == std::string_view::npos || line[first] == '#';
}

// PEP 263's `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`; empty when the line declares nothing.
std::string cookieIn(std::string_view line) {
    const std::size_t hash = line.find_first_not_of(" \t\f");
    if (hash == std::string_view::npos || line[hash] != '#')
        return {};
    for (std::size_t at = line.find("coding", hash); at != std::string_view::npos; at = line.find("coding", at + 1)) {
        std::size_t i = at + 6;
        if (i >= line.size() || (line[i] != ':' && line[i] != '='))
            continue;
        ++i;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        std::size_t end = i;
        while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '-' ||
                                     line[end] == '_' || line[end] == '.'))
            ++end;
        if (end > i)
            return std::string(line.substr(i, end - i));
    }
    return {};
}

// CPython's get_normal_name: the spellings its tokenizer knows without asking the codecs.
std::string normalName(const std::string& name) {
    std::string lower = name.substr(0, 12);
    for (char& c : lower)
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto is = [&](std::string_view base) { return lower == base || lower.rfind(std::string(base) + "-", 0) == 0; };
    if (is("utf-8"))
        return "utf-8";
    if (is("latin-1") || is("iso-8859-1") || is("iso-latin-1"))
        return "iso-8859-1";
    return name;
}

bool encodingNamed(const std::string& normal, Encoding& encoding) {
    std::string key = normal;
    for (char& c : key)
        c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* alias : {"utf-8", "utf8", "u8", "utf", "cp65001"})
        if (key == alias)
            return encoding = Encoding::Utf8, true;
    for (const char* alias : {"iso-8859-1", "latin1", "latin", "l1", "iso8859-1", "8859", "cp819", "iso-ir-100"})
        if (key == alias)
            return encoding = Encoding::Latin1, true;
    for (const char* alias : {"ascii", "us-ascii", "646", "us"})
        if (key == alias)
            return encoding = Encoding::Ascii, true;
    return false;
}

// The length of the well-formed UTF-8 sequence at `i` (as Python's decoder accepts it:
// shortest form, no surrogates, nothing past U+10FFFF), or 0.
std::size_t validSequence(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
    const unsigned lead = byte(0);
    if (lead < 0x80)
        return 1;
    auto continuation = [&](std::size_t k, unsigned low = 0x80, unsigned high = 0xBF) {
        return byte(k) >= low && byte(k) <= high && i + k < text.size();
    };
    if (lead >= 0xC2 && lead <= 0xDF)
        return continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned high = lead == 0xED ? 0x9F : 0xBF;
        return continuation(1, low, high) && continuation(2) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
        return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

} // namespace

std::string decodeSource(std::string_view bytes, const std::string& fileName) {
    const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    if (bom)
        bytes.remove_prefix(3);

    std::size_t second = 0;
    const std::string_view first = lineAt(bytes, 0, second);
    std::string cookie = cookieIn(first);
    if (cookie.empty() && blankOrComment(first) && second < bytes.size()) {
        std::size_t third = 0;
        cookie = cookieIn(lineAt(bytes, second, third));
    }
    Encoding encoding = Encoding::Utf8;
    if (!cookie.empty()) {
        const std::string normal = normalName(cookie);
        if (bom && normal != "utf-8")
            fail("encoding problem: " + normal + " with BOM", 0, 0, false);
        if (!encodingNamed(normal, encoding))
            fail("encoding problem: " + normal + " (Awaitscope reads scripts in utf-8, latin-1 or ascii)", 0, 0, false);
    }

    // One pass in line order, as CPython's tokenizer meets the problems: the first bad byte
    // or NUL decides the error.
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    int line = 1;
    for (std::size_t i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\r' || c == '\n') {
            out += '\n';
            i += c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n' ? 2 : 1;
            ++line;
            continue;
        }
        if (c == 0)
            fail("source code cannot contain null bytes", line, 0, true);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        if (encoding == Encoding::Latin1) {
            appendUtf8(out, c);
            ++i;
            continue;
        }
        if (encoding == Encoding::Ascii)
            fail("encoding problem: ascii", 0, 0, false);
        const std::size_t length = validSequence(bytes, i);
        if (length == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            fail("Non-UTF-8 code starting with '" + std::string(hex) + "' in file " + fileName + " on line " +
                     std::to_string(line) + ", but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                 line, 0, false);
        }
        out.append(bytes.substr(i, length));
        i += length;
    }
    return out;
}

} // namespace awaitscope::script
