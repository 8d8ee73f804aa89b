#pragma once

// UTF-8, the encoding of every str: encoding and decoding code points, counting them, and case
// mapping. The one place that knows the byte layout.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::script {

void appendUtf8(std::string& out, std::uint32_t codePoint);
// The length of the sequence a lead byte starts (1 for ASCII and for stray continuation bytes).
std::size_t utf8SequenceLength(unsigned char lead);
// The code point at the start of a well-formed sequence.
std::uint32_t decodeUtf8(const unsigned char* bytes);
inline std::size_t countCodePoints(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++count;
    return count;
}
// The text without ASCII whitespace at either end.
std::string stripWhitespace(const std::string& text);
// Byte offsets of each code point, plus the text's size at the end (indexing non-ASCII text).
std::vector<std::size_t> codePointOffsets(const std::string& text);

// Case mapping as CPython 3.11 does it, for all of Unicode (full mappings: 'ß'.upper() is
// 'SS'; final sigma in lower()), from tables generated out of CPython's database
// (objects/UnicodeCaseData.inc, tools/gen_unicode_case.py).
std::uint32_t toUpper(std::uint32_t c);  // the simple (one character) mapping
std::uint32_t toLower(std::uint32_t c);
bool isCasedChar(std::uint32_t c);
bool isLowerChar(std::uint32_t c);
bool isUpperChar(std::uint32_t c);
bool isTitleChar(std::uint32_t c);
std::string upperCase(const std::string& text);
std::string lowerCase(const std::string& text);
std::string foldCase(const std::string& text);
std::string titleCase(const std::string& text);
std::string capitalizeCase(const std::string& text);
std::string swapCase(const std::string& text);
bool textIsUpper(const std::string& text);
bool textIsLower(const std::string& text);
bool textIsTitle(const std::string& text);

} // namespace awaitscope::script
