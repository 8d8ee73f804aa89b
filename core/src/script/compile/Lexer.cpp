#include "script/compile/Lexer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace awaitscope::script {

namespace {

bool isIdentifierStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool isIdentifierChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

constexpr std::array<std::string_view, 35> kKeywords = {
    "False", "None",   "True",    "and",      "as",     "assert", "async", "await",  "break",
    "class", "continue", "def",   "del",      "elif",   "else",   "except", "finally", "for",
    "from",  "global", "if",      "import",   "in",     "is",     "lambda", "nonlocal", "not",
    "or",    "pass",   "raise",   "return",   "try",    "while",  "with",  "yield"};

constexpr std::array<std::string_view, 12> kThreeCharOps = {"**=", "//=", ">>=", "<<=", "...", "!=", "->", ":=",
                                                            "**",  "//",  ">>",  "<<"};
constexpr std::array<std::string_view, 15> kTwoCharOps = {"<=", ">=", "==", "+=", "-=", "*=", "/=", "%=",
                                                          "&=", "|=", "^=", "@=", "!=", "->", ":="};

} // namespace

bool Lexer::isKeyword(std::string_view name) {
    return std::find(kKeywords.begin(), kKeywords.end(), name) != kKeywords.end();
}

Lexer::Lexer(std::string_view source, int lineOffset, int colOffset, bool fragment)
    : source_(source), line_(1 + lineOffset), lineOffset_(lineOffset), colOffset_(colOffset), fragment_(fragment) {
    if (fragment_)
        atLineStart_ = false;
}

void Lexer::fail(const std::string& message, int line, int col, const char* kind) const {
    throw SyntaxErrorException{{kind, message, line, col}};
}

Token Lexer::make(TokenKind kind, std::size_t start, int line, int col) {
    Token token;
    token.kind = kind;
    token.text = std::string(source_.substr(start, pos_ - start));
    token.line = line;
    token.col = col;
    token.endLine = line_;
    token.endCol = column();
    lastWasNewline_ = kind == TokenKind::Newline;
    return token;
}

void Lexer::startLine() {
    atLineStart_ = false;
    while (true) {
        int width = 0;
        int alt = 0;
        std::size_t scan = pos_;
        while (scan < source_.size()) {
            const char c = source_[scan];
            if (c == ' ') {
                ++width;
                ++alt;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
                ++alt;
            } else if (c == '\f') {
                width = alt = 0;
            } else {
                break;
            }
            ++scan;
        }
        const char c = scan < source_.size() ? source_[scan] : '\0';
        if (c == '#' || c == '\n' || c == '\r' || (c == '\\' && scan + 1 < source_.size() && source_[scan + 1] == '\n')) {
            // Blank or comment-only line: no indentation meaning.
            while (scan < source_.size() && source_[scan] != '\n')
                ++scan;
            if (scan >= source_.size()) {
                pos_ = scan;
                return;
            }
            pos_ = scan + 1;
            newLine();
            continue;
        }
        pos_ = scan;
        if (c == '\0')
            return;  // end of input: DEDENTs come from next()
        const int line = line_;
        if (width > indents_.back()) {
            if (alt <= altIndents_.back())
                fail("inconsistent use of tabs and spaces in indentation", line, 1, "TabError");
            indents_.push_back(width);
            altIndents_.push_back(alt);
            Token indent;
            indent.kind = TokenKind::Indent;
            indent.line = indent.endLine = line;
            indent.col = std::max(0, width - 1);
            indent.endCol = width;
            pending_.push_back(indent);
        } else if (width < indents_.back()) {
            while (width < indents_.back()) {
                indents_.pop_back();
                altIndents_.pop_back();
                Token dedent;
                dedent.kind = TokenKind::Dedent;
                dedent.line = dedent.endLine = line;
                dedent.col = dedent.endCol = width;
                pending_.push_back(dedent);
            }
            if (width != indents_.back()) {
                std::size_t end = pos_;
                while (end < source_.size() && source_[end] != '\n' && source_[end] != '\r')
                    ++end;
                fail("unindent does not match any outer indentation level", line,
                     static_cast<int>(end - lineStart_) + 1, "IndentationError");
            }
            if (alt != altIndents_.back())
                fail("inconsistent use of tabs and spaces in indentation", line, 1, "TabError");
        } else if (alt != altIndents_.back()) {
            fail("inconsistent use of tabs and spaces in indentation", line, 1, "TabError");
        }
        return;
    }
}

Token Lexer::next() {
    if (!pending_.empty()) {
        Token token = std::move(pending_.front());
        pending_.pop_front();
        lastWasNewline_ = token.kind == TokenKind::Newline;
        return token;
    }
    if (finished_) {
        Token end;
        end.kind = TokenKind::EndMarker;
        end.line = end.endLine = line_;
        return end;
    }
    if (atLineStart_ && brackets_.empty()) {
        startLine();
        if (!pending_.empty())
            return next();
    }
    while (true) {
        // Whitespace, comments and line continuations.
        while (!atEnd()) {
            const char c = peekChar();
            if (c == ' ' || c == '\t' || c == '\f') {
                ++pos_;
            } else if (c == '#') {
                while (!atEnd() && peekChar() != '\n')
                    ++pos_;
            } else if (c == '\\' && (peekChar(1) == '\n' || (peekChar(1) == '\r' && peekChar(2) == '\n'))) {
                pos_ += peekChar(1) == '\r' ? 3 : 2;
                newLine();
                if (atEnd())
                    fail("unexpected EOF while parsing", line_, column() + 1);
            } else if (c == '\\') {
                fail("unexpected character after line continuation character", line_, column() + 2);
            } else if (c == '\r' && peekChar(1) == '\n') {
                ++pos_;  // CRLF: the \n is handled below
            } else {
                break;
            }
        }
        if (atEnd()) {
            if (!brackets_.empty() && !fragment_) {
                const Bracket& open = brackets_.back();
                fail(std::string("'") + open.open + "' was never closed", open.line, open.col + 1);
            }
            if (!lastWasNewline_ && !fragment_) {
                Token newline;
                newline.kind = TokenKind::Newline;
                newline.line = newline.endLine = line_;
                newline.col = newline.endCol = column();
                lastWasNewline_ = true;
                return newline;
            }
            while (indents_.size() > 1) {
                indents_.pop_back();
                altIndents_.pop_back();
                Token dedent;
                dedent.kind = TokenKind::Dedent;
                dedent.line = dedent.endLine = line_ + (pos_ > lineStart_ ? 1 : 0);
                pending_.push_back(dedent);
            }
            finished_ = true;
            if (!pending_.empty())
                return next();
            Token end;
            end.kind = TokenKind::EndMarker;
            end.line = end.endLine = line_ + (pos_ > lineStart_ && !fragment_ ? 1 : 0);
            end.col = end.endCol = fragment_ ? column() : 0;
            return end;
        }
        const char c = peekChar();
        if (c == '\n') {
            const int line = line_;
            const int col = column();
            ++pos_;
            newLine();
            if (!brackets_.empty() || fragment_)
                continue;  // implicit line joining
            atLineStart_ = true;
            Token newline;
            newline.kind = TokenKind::Newline;
            newline.text = "\n";
            newline.line = newline.endLine = line;
            newline.col = col;
            newline.endCol = col + 1;
            lastWasNewline_ = true;
            return newline;
        }
        break;
    }

    const std::size_t start = pos_;
    const int line = line_;
    const int col = column();
    const auto c = static_cast<unsigned char>(peekChar());

    if (isIdentifierStart(c)) {
        while (!atEnd() && isIdentifierChar(static_cast<unsigned char>(peekChar())))
            ++pos_;
        const char next = peekChar();
        if (next == '\'' || next == '"') {
            std::string prefix(source_.substr(start, pos_ - start));
            std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char ch) { return std::tolower(ch); });
            if (prefix == "r" || prefix == "u" || prefix == "f" || prefix == "b" || prefix == "rf" || prefix == "fr" ||
                prefix == "br" || prefix == "rb")
                return lexString(start, col, pos_ - start);
        }
        return make(TokenKind::Name, start, line, col);
    }
    if (std::isdigit(c) || (c == '.' && std::isdigit(static_cast<unsigned char>(peekChar(1)))))
        return lexNumber(start, col);
    if (c == '\'' || c == '"')
        return lexString(start, col, 0);

    for (std::string_view op : kThreeCharOps)
        if (op.size() == 3 && source_.substr(pos_, 3) == op) {
            pos_ += 3;
            return make(TokenKind::Op, start, line, col);
        }
    for (std::string_view op : kThreeCharOps)
        if (op.size() == 2 && source_.substr(pos_, 2) == op) {
            pos_ += 2;
            return make(TokenKind::Op, start, line, col);
        }
    for (std::string_view op : kTwoCharOps)
        if (source_.substr(pos_, 2) == op) {
            pos_ += 2;
            return make(TokenKind::Op, start, line, col);
        }
    static constexpr std::string_view kSingle = "+-*/%@&|^~<>()[]{},:;.=";
    if (kSingle.find(static_cast<char>(c)) == std::string_view::npos || c == 0) {
        if (c == '!' && fragment_) {  // f-string conversion marker
            ++pos_;
            return make(TokenKind::Op, start, line, col);
        }
        if (c < 0x20 && c != '\t')
            fail("invalid non-printable character U+" + [&] {
                static const char* hex = "0123456789ABCDEF";
                std::string code = "00";
                code += hex[c >> 4];
                code += hex[c & 15];
                return code;
            }(), line, col + 1);
        fail("invalid syntax", line, col + 1);
    }
    ++pos_;
    if (c == '(' || c == '[' || c == '{') {
        if (brackets_.size() >= 200)
            fail("too many nested parentheses", line, col + 1);
        brackets_.push_back({static_cast<char>(c), line, col});
    } else if (c == ')' || c == ']' || c == '}') {
        if (brackets_.empty()) {
            if (!fragment_)
                fail(std::string("unmatched '") + static_cast<char>(c) + "'", line, col + 1);
        } else {
            const Bracket open = brackets_.back();
            const char expected = open.open == '(' ? ')' : open.open == '[' ? ']' : '}';
            if (expected != c) {
                std::string message = std::string("closing parenthesis '") + static_cast<char>(c) +
                                      "' does not match opening parenthesis '" + open.open + "'";
                if (open.line != line)
                    message += " on line " + std::to_string(open.line);
                fail(message, line, col + 1);
            }
            brackets_.pop_back();
        }
    }
    return make(TokenKind::Op, start, line, col);
}

Token Lexer::lexNumber(std::size_t start, int col) {
    const int line = line_;
    auto digits = [&](auto accept) {
        while (!atEnd()) {
            const char ch = peekChar();
            if (accept(static_cast<unsigned char>(ch)) || (ch == '_' && accept(static_cast<unsigned char>(peekChar(1)))))
                ++pos_;
            else
                break;
        }
    };
    auto isDec = [](unsigned char ch) { return std::isdigit(ch) != 0; };
    const char first = peekChar();
    const char second = static_cast<char>(std::tolower(static_cast<unsigned char>(peekChar(1))));
    if (first == '0' && (second == 'x' || second == 'o' || second == 'b')) {
        pos_ += 2;
        const std::size_t bodyStart = pos_;
        if (second == 'x')
            digits([](unsigned char ch) { return std::isxdigit(ch) != 0; });
        else if (second == 'o')
            digits([](unsigned char ch) { return ch >= '0' && ch <= '7'; });
        else
            digits([](unsigned char ch) { return ch == '0' || ch == '1'; });
        if (pos_ == bodyStart || isIdentifierChar(static_cast<unsigned char>(peekChar()))) {
            const char* base = second == 'x' ? "hexadecimal" : second == 'o' ? "octal" : "binary";
            fail(std::string("invalid ") + base + " literal", line, col + 1);
        }
        return make(TokenKind::Number, start, line, col);
    }
    digits(isDec);
    bool isFloat = false;
    if (peekChar() == '.') {
        isFloat = true;
        ++pos_;
        digits(isDec);
    }
    if (peekChar() == 'e' || peekChar() == 'E') {
        const std::size_t save = pos_;
        ++pos_;
        if (peekChar() == '+' || peekChar() == '-')
            ++pos_;
        if (std::isdigit(static_cast<unsigned char>(peekChar()))) {
            digits(isDec);
            isFloat = true;
        } else {
            pos_ = save;
        }
    }
    if (peekChar() == 'j' || peekChar() == 'J')
        fail("complex numbers are not supported by Awaitscope", line, col + 1);
    if (isIdentifierChar(static_cast<unsigned char>(peekChar())))
        fail("invalid decimal literal", line, col + 1);
    if (!isFloat) {
        const std::string_view text = source_.substr(start, pos_ - start);
        if (text.size() > 1 && text[0] == '0' && text.find_first_not_of("0_") != std::string_view::npos)
            fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                 line, col + 1);
    }
    return make(TokenKind::Number, start, line, col);
}

Token Lexer::lexString(std::size_t start, int col, std::size_t prefixLength) {
    const int line = line_;
    bool raw = false;
    for (std::size_t i = start; i < start + prefixLength; ++i)
        if (source_[i] == 'r' || source_[i] == 'R')
            raw = true;
    const char quote = peekChar();
    const bool triple = peekChar(1) == quote && peekChar(2) == quote;
    pos_ += triple ? 3 : 1;
    const int bodyLine = line_;
    const int bodyCol = column();
    while (true) {
        if (atEnd()) {
            // CPython counts the line the file ends on, not the empty one after a final newline.
            const int detected = pos_ > 0 && source_[pos_ - 1] == '\n' && line_ > line ? line_ - 1 : line_;
            if (triple)
                fail("unterminated triple-quoted string literal (detected at line " + std::to_string(detected) + ")",
                     line, col + 1);
            fail("unterminated string literal (detected at line " + std::to_string(line_) + ")", line, col + 1);
        }
        const char ch = peekChar();
        if (ch == '\\') {
            pos_ += 1;
            if (atEnd())
                continue;
            if (peekChar() == '\n') {
                ++pos_;
                newLine();
            } else {
                ++pos_;
            }
            (void)raw;  // raw strings still skip the escaped quote, as in Python
            continue;
        }
        if (ch == '\n') {
            if (!triple)
                fail("unterminated string literal (detected at line " + std::to_string(line_) + ")", line, col + 1);
            ++pos_;
            newLine();
            continue;
        }
        if (ch == quote) {
            if (!triple) {
                ++pos_;
                break;
            }
            if (peekChar(1) == quote && peekChar(2) == quote) {
                pos_ += 3;
                break;
            }
        }
        ++pos_;
    }
    Token token = make(TokenKind::String, start, line, col);
    token.bodyLine = bodyLine;
    token.bodyCol = bodyCol;
    return token;
}

} // namespace awaitscope::script
