#pragma once

// Tokens of the Python subset, produced on demand so that errors come out in the order
// CPython reports them. Tracks indentation (INDENT / DEDENT), bracket nesting (newlines
// inside brackets are ignored) and the positions of every token.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::script {

// A syntax error with CPython's wording: kind is "SyntaxError", "IndentationError" or "TabError".
struct SyntaxErrorInfo {
    std::string kind = "SyntaxError";
    std::string message;
    int line = 0;
    int column = 0;  // 1-based, as CPython's SyntaxError.offset
    bool showLine = true;  // CPython prints no file, line or caret for some source errors
};

struct SyntaxErrorException {
    SyntaxErrorInfo info;
};

enum class TokenKind : std::uint8_t {
    EndMarker,
    Newline,
    Indent,
    Dedent,
    Name,
    Number,
    String,
    Op,
};

struct Token {
    TokenKind kind = TokenKind::EndMarker;
    std::string text;  // the source text (for strings: the whole literal, prefix and quotes)
    int line = 1;      // 1-based
    int col = 0;       // 0-based byte offset in the line
    int endLine = 1;
    int endCol = 0;
    // Strings: where the body starts (after prefix and quotes).
    int bodyLine = 0;
    int bodyCol = 0;

    bool is(std::string_view op) const { return (kind == TokenKind::Op || kind == TokenKind::Name) && text == op; }
    bool isOp(std::string_view op) const { return kind == TokenKind::Op && text == op; }
};

class Lexer {
public:
    // `lineOffset`/`colOffset` place a fragment (an f-string expression) in its file.
    explicit Lexer(std::string_view source, int lineOffset = 0, int colOffset = 0, bool fragment = false);

    // The next token; throws SyntaxErrorException.
    Token next();

    static bool isKeyword(std::string_view name);

private:
    void fail(const std::string& message, int line, int col, const char* kind = "SyntaxError") const;
    bool atEnd() const { return pos_ >= source_.size(); }
    char peekChar(std::size_t ahead = 0) const {
        return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0';
    }
    int column() const { return static_cast<int>(pos_ - lineStart_) + (line_ == 1 + lineOffset_ ? colOffset_ : 0); }
    void newLine() {
        ++line_;
        lineStart_ = pos_;
    }
    void startLine();  // measures indentation at the start of a logical line
    Token make(TokenKind kind, std::size_t start, int line, int col);
    Token lexNumber(std::size_t start, int col);
    Token lexString(std::size_t start, int col, std::size_t prefixLength);

    std::string_view source_;
    std::size_t pos_ = 0;
    std::size_t lineStart_ = 0;
    int line_;
    int lineOffset_;
    int colOffset_;
    bool fragment_;
    bool atLineStart_ = true;
    bool lastWasNewline_ = true;  // no NEWLINE token for blank input
    bool finished_ = false;
    std::vector<int> indents_{0};
    std::vector<int> altIndents_{0};  // tabs counted as 1: to detect inconsistent tabs
    struct Bracket {
        char open;
        int line;
        int col;
    };
    std::vector<Bracket> brackets_;
    std::deque<Token> pending_;
};

} // namespace awaitscope::script
