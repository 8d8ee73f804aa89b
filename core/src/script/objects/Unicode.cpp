#include "script/objects/Unicode.h"

#include <algorithm>
#include <iterator>

namespace awaitscope::script {

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::size_t utf8SequenceLength(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 6)
        return 2;
    if ((lead >> 4) == 14)
        return 3;
    return 4;
}

std::uint32_t decodeUtf8(const unsigned char* bytes) {
    std::uint32_t cp = bytes[0];
    if (cp >= 0xF0)
        cp = ((cp & 0x07) << 18) | ((bytes[1] & 0x3F) << 12) | ((bytes[2] & 0x3F) << 6) | (bytes[3] & 0x3F);
    else if (cp >= 0xE0)
        cp = ((cp & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F);
    else if (cp >= 0xC0)
        cp = ((cp & 0x1F) << 6) | (bytes[1] & 0x3F);
    return cp;
}

std::string stripWhitespace(const std::string& text) {
    const std::size_t start = text.find_first_not_of(" \t\n\r\f\v");
    if (start == std::string::npos)
        return {};
    const std::size_t end = text.find_last_not_of(" \t\n\r\f\v");
    return text.substr(start, end - start + 1);
}

std::vector<std::size_t> codePointOffsets(const std::string& text) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            offsets.push_back(i);
    offsets.push_back(text.size());
    return offsets;
}

namespace {

struct CaseRange {
    std::uint32_t start;
    std::uint8_t flags;
};
struct CaseMapping {
    std::uint32_t codePoint;
    std::uint16_t upper, lower, title, fold;  // offsets into kCaseSequences, 0: unchanged
};

#include "script/objects/UnicodeCaseData.inc"

enum CaseFlag : std::uint8_t { kCased = 1, kCaseIgnorable = 2, kLower = 4, kUpper = 8, kTitle = 16 };
enum class CaseForm { Upper, Lower, Title, Fold };

std::uint8_t caseFlags(std::uint32_t c) {
    const auto* end = kCaseProperties + std::size(kCaseProperties);
    const auto* it = std::upper_bound(kCaseProperties, end, c,
                                      [](std::uint32_t v, const CaseRange& r) { return v < r.start; });
    return it == kCaseProperties ? 0 : (it - 1)->flags;
}

const CaseMapping* caseMapping(std::uint32_t c) {
    const auto* end = kCaseMappings + std::size(kCaseMappings);
    const auto* it = std::lower_bound(kCaseMappings, end, c,
                                      [](const CaseMapping& m, std::uint32_t v) { return m.codePoint < v; });
    return it != end && it->codePoint == c ? it : nullptr;
}

void appendForm(std::string& out, std::uint32_t c, CaseForm form) {
    if (c < 0x80) {
        const bool toUpperCase = form == CaseForm::Upper || form == CaseForm::Title;
        if (toUpperCase && c >= 'a' && c <= 'z')
            c -= 32;
        else if (!toUpperCase && c >= 'A' && c <= 'Z')
            c += 32;
        out += static_cast<char>(c);
        return;
    }
    const CaseMapping* m = caseMapping(c);
    const std::uint16_t at = !m                         ? 0
                             : form == CaseForm::Upper ? m->upper
                             : form == CaseForm::Lower ? m->lower
                             : form == CaseForm::Title ? m->title
                                                       : m->fold;
    if (at == 0) {
        appendUtf8(out, c);
        return;
    }
    for (std::uint32_t i = 1; i <= kCaseSequences[at]; ++i)
        appendUtf8(out, kCaseSequences[at + i]);
}

std::vector<std::uint32_t> decodeAll(const std::string& text) {
    std::vector<std::uint32_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = utf8SequenceLength(static_cast<unsigned char>(text[i]));
        if (i + length > text.size())
            length = 1;
        out.push_back(length == 1 ? static_cast<unsigned char>(text[i])
                                  : decodeUtf8(reinterpret_cast<const unsigned char*>(text.data() + i)));
        i += length;
    }
    return out;
}

// Lowercasing U+03A3 (CPython's handle_capital_sigma): final sigma when a cased letter comes
// before it and none after it, skipping case-ignorable characters both ways.
std::uint32_t lowerSigma(const std::vector<std::uint32_t>& s, std::size_t i) {
    std::size_t j = i;
    std::uint32_t c = 0;
    bool found = false;
    while (j-- > 0) {
        c = s[j];
        if (!(caseFlags(c) & kCaseIgnorable)) {
            found = true;
            break;
        }
    }
    bool finalSigma = found && (caseFlags(c) & kCased);
    if (finalSigma) {
        for (j = i + 1; j < s.size(); ++j)
            if (!(caseFlags(s[j]) & kCaseIgnorable))
                break;
        finalSigma = j == s.size() || !(caseFlags(s[j]) & kCased);
    }
    return finalSigma ? 0x3C2 : 0x3C3;
}

void appendLower(std::string& out, const std::vector<std::uint32_t>& s, std::size_t i) {
    if (s[i] == 0x3A3)
        appendUtf8(out, lowerSigma(s, i));
    else
        appendForm(out, s[i], CaseForm::Lower);
}

bool isAscii(const std::string& text) {
    for (unsigned char c : text)
        if (c >= 0x80)
            return false;
    return true;
}

} // namespace

std::uint32_t toUpper(std::uint32_t c) {
    std::string out;
    appendForm(out, c, CaseForm::Upper);
    return countCodePoints(out) == 1 ? decodeUtf8(reinterpret_cast<const unsigned char*>(out.data())) : c;
}

std::uint32_t toLower(std::uint32_t c) {
    std::string out;
    appendForm(out, c, CaseForm::Lower);
    return countCodePoints(out) == 1 ? decodeUtf8(reinterpret_cast<const unsigned char*>(out.data())) : c;
}

bool isCasedChar(std::uint32_t c) { return caseFlags(c) & kCased; }
bool isLowerChar(std::uint32_t c) { return caseFlags(c) & kLower; }
bool isUpperChar(std::uint32_t c) { return caseFlags(c) & kUpper; }
bool isTitleChar(std::uint32_t c) { return caseFlags(c) & kTitle; }

std::string upperCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    if (isAscii(text)) {
        for (char c : text)
            out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
        return out;
    }
    for (std::uint32_t c : decodeAll(text))
        appendForm(out, c, CaseForm::Upper);
    return out;
}

std::string lowerCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    if (isAscii(text)) {
        for (char c : text)
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        return out;
    }
    const std::vector<std::uint32_t> s = decodeAll(text);
    for (std::size_t i = 0; i < s.size(); ++i)
        appendLower(out, s, i);
    return out;
}

std::string foldCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::uint32_t c : decodeAll(text))
        appendForm(out, c, CaseForm::Fold);
    return out;
}

std::string titleCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    const std::vector<std::uint32_t> s = decodeAll(text);
    bool previousCased = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (previousCased)
            appendLower(out, s, i);
        else
            appendForm(out, s[i], CaseForm::Title);
        previousCased = isCasedChar(s[i]);
    }
    return out;
}

std::string capitalizeCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    const std::vector<std::uint32_t> s = decodeAll(text);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 0)
            appendForm(out, s[i], CaseForm::Title);
        else
            appendLower(out, s, i);
    }
    return out;
}

std::string swapCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    const std::vector<std::uint32_t> s = decodeAll(text);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (isUpperChar(s[i]))
            appendLower(out, s, i);
        else if (isLowerChar(s[i]))
            appendForm(out, s[i], CaseForm::Upper);
        else
            appendUtf8(out, s[i]);
    }
    return out;
}

// str.isupper / islower / istitle, as CPython walks the characters.
bool textIsUpper(const std::string& text) {
    const std::vector<std::uint32_t> s = decodeAll(text);
    if (s.size() == 1)
        return isUpperChar(s[0]);
    bool cased = false;
    for (std::uint32_t c : s) {
        if (isLowerChar(c) || isTitleChar(c))
            return false;
        cased = cased || isUpperChar(c);
    }
    return cased;
}

bool textIsLower(const std::string& text) {
    const std::vector<std::uint32_t> s = decodeAll(text);
    if (s.size() == 1)
        return isLowerChar(s[0]);
    bool cased = false;
    for (std::uint32_t c : s) {
        if (isUpperChar(c) || isTitleChar(c))
            return false;
        cased = cased || isLowerChar(c);
    }
    return cased;
}

bool textIsTitle(const std::string& text) {
    bool cased = false;
    bool previousCased = false;
    for (std::uint32_t c : decodeAll(text)) {
        if (isUpperChar(c) || isTitleChar(c)) {
            if (previousCased)
                return false;
            previousCased = cased = true;
        } else if (isLowerChar(c)) {
            if (!previousCased)
                return false;
            previousCased = cased = true;
        } else {
            previousCased = false;
        }
    }
    return cased;
}

} // namespace awaitscope::script
