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

// Case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (what lesson scripts
// meet); other characters are left as they are.
std::uint32_t toUpper(std::uint32_t c);
std::uint32_t toLower(std::uint32_t c);
std::string upperCase(const std::string& text);
std::string lowerCase(const std::string& text);

} // namespace awaitscope::script
