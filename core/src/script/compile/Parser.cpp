#include "script/compile/Parser.h"

#include "script/objects/IntDigitLimit.h"
#include "script/objects/Unicode.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>

namespace awaitscope::script {

namespace {

constexpr int kMaxDepth = 200;        // nested expressions (CPython: "too many nested parentheses")
constexpr int kMaxTreeDepth = 1000;   // long operator chains

struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
};

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

const char* describeForTarget(const Expr* e) {
    switch (e->kind) {
    case ExprKind::Call: return "function call";
    case ExprKind::Int:
    case ExprKind::Float:
    case ExprKind::Str:
    case ExprKind::Bytes:
    case ExprKind::Bool:
    case ExprKind::EllipsisLiteral: return "literal";
    case ExprKind::NoneLiteral: return "None";
    case ExprKind::JoinedStr: return "f-string expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::Await: return "await expression";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Yield: return "yield expression";
    default: return "expression";
    }
}

// The escapes that mean one fixed character in str and bytes literals alike (a backslash
// before a newline continues the line): appended to `out`; false for any other escape.
bool appendSimpleEscape(char e, std::string& out) {
    static constexpr std::string_view kFrom = "\\'\"abfnrtv";
    static constexpr std::string_view kTo = "\\'\"\a\b\f\n\r\t\v";
    if (e == '\n')
        return true;
    const std::size_t at = kFrom.find(e);
    if (at == std::string_view::npos)
        return false;
    out += kTo[at];
    return true;
}

} // namespace

std::string decodeStringBody(std::string_view body, bool raw, int line, int col) {
    if (raw || body.find('\\') == std::string_view::npos)
        return std::string(body);
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        const char e = body[++i];
        if (appendSimpleEscape(e, out))
            continue;
        switch (e) {
        case 'x':
        case 'u':
        case 'U': {
            const int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            std::uint32_t cp = 0;
            for (int k = 0; k < digits; ++k) {
                const int v = i + 1 < body.size() ? hexValue(body[i + 1]) : -1;
                if (v < 0) {
                    const char* name = e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
                    throw SyntaxErrorException{{"SyntaxError",
                                                std::string("(unicode error) 'unicodeescape' codec can't decode bytes: "
                                                            "truncated ") + name + " escape",
                                                line, col}};
                }
                cp = cp * 16 + static_cast<std::uint32_t>(v);
                ++i;
            }
            if (cp > 0x10FFFF)
                throw SyntaxErrorException{{"SyntaxError", "(unicode error) illegal Unicode character", line, col}};
            appendUtf8(out, cp);
            break;
        }
        case 'N':
            throw SyntaxErrorException{{"SyntaxError", "\\N{...} escapes are not supported by Awaitscope", line, col}};
        default:
            if (e >= '0' && e <= '7') {
                std::uint32_t cp = static_cast<std::uint32_t>(e - '0');
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    cp = cp * 8 + static_cast<std::uint32_t>(body[++i] - '0');
                appendUtf8(out, cp);
            } else {
                out += '\\';
                out += e;
            }
        }
    }
    return out;
}

namespace {

// A bytes literal's body: ASCII only, its escapes each one byte (\u and \N are not escapes here).
std::string decodeBytesBody(std::string_view body, bool raw) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (raw || c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        const char e = body[++i];
        if (appendSimpleEscape(e, out))
            continue;
        switch (e) {
        case 'x': {
            const int high = i + 1 < body.size() ? hexValue(body[i + 1]) : -1;
            const int low = i + 2 < body.size() ? hexValue(body[i + 2]) : -1;
            if (high < 0 || low < 0)
                return {};  // the caller reports it
            out += static_cast<char>(high * 16 + low);
            i += 2;
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                unsigned value = static_cast<unsigned>(e - '0');
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    value = value * 8 + static_cast<unsigned>(body[++i] - '0');
                out += static_cast<char>(value & 0xFF);
            } else {
                out += '\\';
                out += e;
            }
        }
    }
    return out;
}

// Where a bytes literal's \x escape lacks its two hex digits (npos: none does).
std::size_t badHexEscape(std::string_view body) {
    for (std::size_t i = 0; i + 1 < body.size(); ++i) {
        if (body[i] != '\\')
            continue;
        if (body[i + 1] == 'x' && (i + 2 >= body.size() || hexValue(body[i + 2]) < 0 || i + 3 >= body.size() ||
                                   hexValue(body[i + 3]) < 0))
            return i;
        ++i;
    }
    return std::string_view::npos;
}

} // namespace

Parser::Parser(std::string_view source, Ast& ast) : ast_(ast), lexer_(source) {}

Parser::Parser(std::string_view fragment, Ast& ast, int lineOffset, int colOffset)
    : ast_(ast), lexer_(fragment, lineOffset, colOffset, true) {}

// ---- tokens ----

const Token& Parser::peek(std::size_t ahead) {
    while (lookahead_.size() <= ahead)
        lookahead_.push_back(lexer_.next());
    return lookahead_[ahead];
}

Token Parser::take() {
    peek();
    const bool nameBefore = last_.kind == TokenKind::Name || last_.kind == TokenKind::Number;
    last_ = std::move(lookahead_.front());
    lookahead_.pop_front();
    if (annotationText_) {
        // Spaced as CPython prints a stringified annotation: "dict[str, int]", "int | None".
        std::string& text = *annotationText_;
        const bool name = last_.kind == TokenKind::Name || last_.kind == TokenKind::Number;
        // A string literal prints as its repr: "Tree" becomes 'Tree'.
        const std::string& t = last_.text;
        const bool doubleQuoted = last_.kind == TokenKind::String && t.size() >= 2 && t.front() == '"' &&
                                  t.back() == '"' && t.find_first_of("'\\", 1) == std::string::npos &&
                                  t.rfind("\"\"\"", 0) != 0;
        if (last_.isOp("|"))
            text += " | ";
        else if (doubleQuoted)
            text += "'" + t.substr(1, t.size() - 2) + "'";
        else if (!text.empty() && (text.back() == ',' || (nameBefore && name)))
            text += ' ' + last_.text;
        else
            text += last_.text;
    }
    return last_;
}

bool Parser::isOpOrKeyword(const Token& token) {
    return token.kind == TokenKind::Op || (token.kind == TokenKind::Name && Lexer::isKeyword(token.text));
}

bool Parser::accept(std::string_view op) {
    if (at(op)) {
        take();
        return true;
    }
    return false;
}

Token Parser::expect(std::string_view op) {
    if (!at(op))
        failAt(peek());
    return take();
}

void Parser::expectColon() {
    if (!at(":"))
        fail("expected ':'", last_.endLine, last_.endCol + 1);
    take();
}

void Parser::fail(const std::string& message, int line, int col1) {
    if (message == "invalid syntax" || message == "invalid syntax. Perhaps you forgot a comma?") {
        // CPython tokenizes the rest of the file after a generic error: a tokenizer error
        // there (an unclosed bracket, an unterminated string) is the one it reports.
        try {
            for (int guard = 0; guard < 1000000; ++guard)
                if (lexer_.next().kind == TokenKind::EndMarker)
                    break;
        } catch (const SyntaxErrorException&) {
            throw;
        }
    }
    throw SyntaxErrorException{{"SyntaxError", message, line, col1}};
}

void Parser::failAt(const Token& token, const std::string& message) {
    if (token.kind == TokenKind::Indent)
        throw SyntaxErrorException{{"IndentationError", "unexpected indent", token.line, token.col + 1}};
    if (token.kind == TokenKind::Dedent && message == "invalid syntax")
        throw SyntaxErrorException{{"IndentationError", "unexpected unindent", token.line, token.col + 1}};
    fail(message, token.line, token.col + 1);
}

std::string Parser::expectName() {
    if (!atName())
        failAt(peek());
    return take().text;
}

namespace {

bool startsExpression(const Token& t) {
    switch (t.kind) {
    case TokenKind::Name:
        if (!Lexer::isKeyword(t.text))
            return true;
        return t.text == "None" || t.text == "True" || t.text == "False" || t.text == "not" || t.text == "lambda" ||
               t.text == "await";
    case TokenKind::Number:
    case TokenKind::String: return true;
    case TokenKind::Op:
        return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" || t.text == "~" ||
               t.text == "..." || t.text == "*";
    default: return false;
    }
}

} // namespace

void Parser::missingComma(Expr* previous) {
    const Token& next = peek();
    if (startsExpression(next) && !next.isOp("*") && !next.isOp("-") && !next.isOp("+"))
        fail("invalid syntax. Perhaps you forgot a comma?", previous->line, previous->col + 1);
}

// ---- module and statements ----

void Parser::parseModule() {
    while (!atKind(TokenKind::EndMarker)) {
        if (atKind(TokenKind::Newline)) {
            take();
            continue;
        }
        statement(ast_.body);
    }
    if (!ast_.body.empty() && ast_.body.front()->kind == StmtKind::ExprStmt &&
        ast_.body.front()->value->kind == ExprKind::Str)
        ast_.docstring = ast_.body.front()->value->text;
}

Expr* Parser::parseFragment() {
    Expr* e = expressionList(false);
    if (!atKind(TokenKind::EndMarker))
        failAt(peek());
    return e;
}

void Parser::statement(std::vector<Stmt*>& out) {
    DepthGuard guard(depth_);
    if (depth_ > 100)
        fail("too many statically nested blocks", peek().line, peek().col + 1);
    const Token& token = peek();
    if (token.kind == TokenKind::Indent || token.kind == TokenKind::Dedent)
        failAt(token);
    if (token.isOp("@")) {
        std::vector<Expr*> decorators;
        while (accept("@")) {
            decorators.push_back(namedExpression());
            if (!atKind(TokenKind::Newline))
                failAt(peek());
            take();
        }
        const Token start = peek();
        if (accept("def"))
            out.push_back(functionDef(false, start, std::move(decorators)));
        else if (at("async") && at("def", 1)) {
            take();
            take();
            out.push_back(functionDef(true, start, std::move(decorators)));
        } else if (accept("class"))
            out.push_back(classDef(start, std::move(decorators)));
        else
            failAt(peek());
        return;
    }
    if (token.kind == TokenKind::Name && token.text == "match" && atMatchStatement()) {
        out.push_back(matchStatement());
        return;
    }
    if (token.kind == TokenKind::Name && Lexer::isKeyword(token.text)) {
        const Token start = token;
        if (start.text == "def") {
            take();
            out.push_back(functionDef(false, start, {}));
            return;
        }
        if (start.text == "async") {
            take();
            if (accept("def"))
                out.push_back(functionDef(true, start, {}));
            else if (accept("with"))
                out.push_back(withStatement(true, start));
            else if (accept("for"))
                out.push_back(forStatement(true, start));
            else
                failAt(peek());
            return;
        }
        if (start.text == "class") {
            take();
            out.push_back(classDef(start, {}));
            return;
        }
        if (start.text == "if") {
            out.push_back(ifStatement());
            return;
        }
        if (start.text == "while") {
            out.push_back(whileStatement());
            return;
        }
        if (start.text == "for") {
            take();
            out.push_back(forStatement(false, start));
            return;
        }
        if (start.text == "try") {
            out.push_back(tryStatement());
            return;
        }
        if (start.text == "with") {
            take();
            out.push_back(withStatement(false, start));
            return;
        }
        if (start.text == "elif" || start.text == "else" || start.text == "except" || start.text == "finally")
            failAt(start);
    }
    simpleStatements(out);
}

void Parser::simpleStatements(std::vector<Stmt*>& out) {
    while (true) {
        out.push_back(smallStatement());
        if (accept(";")) {
            if (atKind(TokenKind::Newline))
                break;
            continue;
        }
        break;
    }
    if (!atKind(TokenKind::Newline)) {
        const Token& next = peek();
        Stmt* last = out.back();
        if (last->kind == StmtKind::ExprStmt && startsExpression(next) && last->value->kind == ExprKind::Name &&
            (last->value->text == "print" || last->value->text == "exec"))
            fail("Missing parentheses in call to '" + last->value->text + "'. Did you mean " + last->value->text +
                     "(...)?",
                 last->line, last->col + 1);
        failAt(next);
    }
    take();
}

std::vector<Stmt*> Parser::block(const char* what, int headerLine) {
    std::vector<Stmt*> body;
    if (!atKind(TokenKind::Newline)) {
        simpleStatements(body);
        return body;
    }
    take();
    if (!atKind(TokenKind::Indent)) {
        const Token& next = peek();
        throw SyntaxErrorException{{"IndentationError",
                                    std::string("expected an indented block after ") + what + " on line " +
                                        std::to_string(headerLine),
                                    next.line, next.col + 1}};
    }
    take();
    while (!atKind(TokenKind::Dedent) && !atKind(TokenKind::EndMarker)) {
        if (atKind(TokenKind::Newline)) {
            take();
            continue;
        }
        statement(body);
    }
    if (atKind(TokenKind::Dedent))
        take();
    return body;
}

Stmt* Parser::ifStatement(bool isElif) {
    const Token start = take();
    Stmt* s = ast_.stmt(StmtKind::If, start.line, start.col);
    s->test = namedExpression();
    expectColon();
    s->body = block(isElif ? "'elif' statement" : "'if' statement", start.line);
    if (at("elif")) {
        s->orelse.push_back(ifStatement(true));
    } else if (at("else")) {
        const Token elseToken = take();
        expectColon();
        s->orelse = block("'else' statement", elseToken.line);
    }
    return s;
}

Stmt* Parser::whileStatement() {
    const Token start = take();
    Stmt* s = ast_.stmt(StmtKind::While, start.line, start.col);
    s->test = namedExpression();
    expectColon();
    s->body = block("'while' statement", start.line);
    if (at("else")) {
        const Token elseToken = take();
        expectColon();
        s->orelse = block("'else' statement", elseToken.line);
    }
    return s;
}

Stmt* Parser::forStatement(bool isAsync, const Token& start) {
    Stmt* s = ast_.stmt(StmtKind::For, start.line, start.col);
    s->isAsync = isAsync;
    // Targets stop before `in`: parse them at the bitwise-or level.
    std::vector<Expr*> targets;
    const Token first = peek();
    while (true) {
        if (at("*")) {
            const Token star = take();
            Expr* starred = ast_.expr(ExprKind::Starred, star.line, star.col);
            starred->a = bitOr();
            targets.push_back(starred);
        } else {
            targets.push_back(bitOr());
        }
        if (!accept(","))
            break;
        if (at("in"))
            break;
    }
    Expr* target = targets.front();
    if (targets.size() > 1 || last_.isOp(",")) {
        target = ast_.expr(ExprKind::Tuple, first.line, first.col);
        target->elts = targets;
    }
    if (!at("in"))
        failAt(peek());
    take();
    checkTarget(target, "for");
    s->targets.push_back(target);
    s->value = expressionList(true);
    expectColon();
    s->body = block("'for' statement", start.line);
    if (at("else")) {
        const Token elseToken = take();
        expectColon();
        s->orelse = block("'else' statement", elseToken.line);
    }
    return s;
}

Stmt* Parser::tryStatement() {
    const Token start = take();
    Stmt* s = ast_.stmt(StmtKind::Try, start.line, start.col);
    expectColon();
    s->body = block("'try' statement", start.line);
    bool sawPlain = false;
    bool sawStar = false;
    while (at("except")) {
        const Token exceptToken = take();
        ExceptHandler handler;
        handler.line = exceptToken.line;
        handler.col = exceptToken.col;
        const bool star = accept("*");
        if (star) {
            sawStar = true;
            if (at(":"))
                fail("expected one or more exception types", peek().line, peek().col + 1);
        } else {
            sawPlain = true;
        }
        if (sawStar && sawPlain)
            fail("cannot have both 'except' and 'except*' on the same 'try'", exceptToken.line, exceptToken.col + 1);
        if (!at(":")) {
            handler.type = expression();
            if (at(",")) {
                // except A, B:  (Python 2) needs parentheses
                fail("multiple exception types must be parenthesized", handler.type->line, handler.type->col + 1);
            }
            if (accept("as"))
                handler.name = expectName();
        }
        expectColon();
        handler.body = block(star ? "'except*' statement" : "'except' statement", exceptToken.line);
        s->handlers.push_back(std::move(handler));
    }
    s->star = sawStar;
    if (at("else")) {
        const Token elseToken = take();
        if (s->handlers.empty())
            failAt(elseToken, "expected 'except' or 'finally' block");
        expectColon();
        s->orelse = block("'else' statement", elseToken.line);
    }
    if (at("finally")) {
        const Token finallyToken = take();
        expectColon();
        s->finalbody = block("'finally' statement", finallyToken.line);
    }
    if (s->handlers.empty() && s->finalbody.empty())
        failAt(peek(), "expected 'except' or 'finally' block");
    return s;
}

Stmt* Parser::withStatement(bool isAsync, const Token& start) {
    Stmt* s = ast_.stmt(StmtKind::With, start.line, start.col);
    s->isAsync = isAsync;
    do {
        WithItem item;
        item.context = expression();
        if (accept("as")) {
            item.target = starExpression();
            checkTarget(item.target, "with");
        }
        s->items.push_back(item);
    } while (accept(","));
    expectColon();
    s->body = block("'with' statement", start.line);
    return s;
}

// ---- match (PEP 634) ----

// `match` is a soft keyword: a line is a match statement when it starts with the name and its
// last token before the end of the line is ':' (a simple statement never ends with a colon,
// so `match = 3`, `match(x)` and `match: int` stay what they were).
bool Parser::atMatchStatement() {
    if (peek(1).isOp(":") || peek(1).isOp("=") || peek(1).isOp("."))
        return false;
    // `match x` followed by a name, number or string can only be a match statement, one
    // that lacks its colon when the line ends without one ("expected ':'", as CPython says).
    const Token& next = peek(1);
    const bool juxtaposed = (next.kind == TokenKind::Name && !Lexer::isKeyword(next.text)) ||
                            next.kind == TokenKind::Number || next.kind == TokenKind::String;
    // `match x: case 1: ...` on one line is a match statement too, and an error.
    int brackets = 0;
    for (std::size_t i = 1;; ++i) {
        const Token& t = peek(i);
        if (t.kind == TokenKind::Newline || t.kind == TokenKind::EndMarker)
            return juxtaposed || peek(i - 1).isOp(":");
        if (t.isOp("(") || t.isOp("[") || t.isOp("{"))
            ++brackets;
        else if (t.isOp(")") || t.isOp("]") || t.isOp("}"))
            --brackets;
        else if (brackets == 0 && t.isOp(":") && peek(i + 1).kind == TokenKind::Name && peek(i + 1).text == "case")
            return true;
    }
}

Stmt* Parser::matchStatement() {
    const Token start = take();
    Stmt* s = ast_.stmt(StmtKind::Match, start.line, start.col);
    // subject: star_named_expression ',' star_named_expressions? | named_expression
    const Token first = peek();
    Expr* subject = starExpression();
    if (at(",")) {
        Expr* tuple = ast_.expr(ExprKind::Tuple, first.line, first.col);
        tuple->elts.push_back(subject);
        while (accept(",")) {
            if (at(":"))
                break;
            tuple->elts.push_back(starExpression());
        }
        tuple->endLine = last_.endLine;
        tuple->endCol = last_.endCol;
        subject = tuple;
    } else if (subject->kind == ExprKind::Starred) {
        failAt(peek());
    }
    s->value = subject;
    expectColon();
    if (!atKind(TokenKind::Newline))
        failAt(peek());
    take();
    if (!atKind(TokenKind::Indent)) {
        const Token& next = peek();
        throw SyntaxErrorException{{"IndentationError",
                                    "expected an indented block after 'match' statement on line " +
                                        std::to_string(start.line),
                                    next.line, next.col + 1}};
    }
    take();
    while (!atKind(TokenKind::Dedent) && !atKind(TokenKind::EndMarker)) {
        if (atKind(TokenKind::Newline)) {
            take();
            continue;
        }
        const Token caseToken = peek();
        if (caseToken.kind != TokenKind::Name || caseToken.text != "case")
            failAt(caseToken);
        take();
        MatchCase c;
        c.line = caseToken.line;
        c.col = caseToken.col;
        c.pattern = patterns();
        if (accept("if"))
            c.guard = namedExpression();
        if (atKind(TokenKind::Newline))
            fail("expected ':'", last_.endLine, last_.endCol + 1);
        if (!at(":"))
            failAt(peek());
        take();
        c.body = block("'case' statement", caseToken.line);
        s->cases.push_back(std::move(c));
    }
    if (s->cases.empty())
        failAt(peek());
    if (atKind(TokenKind::Dedent))
        take();
    return s;
}

// patterns: open_sequence_pattern | pattern  (`case a, *rest:` is a sequence pattern)
Pattern* Parser::patterns() {
    const Token first = peek();
    Pattern* p = maybeStarPattern();
    if (!at(",")) {
        if (p->kind == PatternKind::Star)
            failAt(peek());
        return p;
    }
    Pattern* seq = ast_.pattern(PatternKind::Sequence, first.line, first.col);
    seq->patterns.push_back(p);
    while (accept(",")) {
        if (at(":") || at("if"))
            break;
        seq->patterns.push_back(maybeStarPattern());
    }
    seq->endLine = last_.endLine;
    seq->endCol = last_.endCol;
    return seq;
}

Pattern* Parser::maybeStarPattern() {
    if (!at("*"))
        return pattern();
    const Token star = take();
    Pattern* p = ast_.pattern(PatternKind::Star, star.line, star.col);
    if (!atName())
        failAt(peek());
    const Token name = take();
    p->name = name.text == "_" ? "" : name.text;
    p->endLine = name.endLine;
    p->endCol = name.endCol;
    return p;
}

// pattern: or_pattern ['as' NAME]
Pattern* Parser::pattern() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth)
        fail("too many nested parentheses", peek().line, peek().col + 1);
    Pattern* p = orPattern();
    if (!at("as"))
        return p;
    take();
    const Token name = peek();
    if (!atName()) {
        if (name.kind == TokenKind::Name || name.kind == TokenKind::Op || name.kind == TokenKind::Newline)
            failAt(name);
        fail("invalid pattern target", name.line, name.col + 1);
    }
    take();
    if (name.text == "_")
        fail("cannot use '_' as a target", name.line, name.col + 1);
    Pattern* as = ast_.pattern(PatternKind::As, p->line, p->col);
    as->patterns.push_back(p);
    as->name = name.text;
    as->endLine = name.endLine;
    as->endCol = name.endCol;
    return as;
}

Pattern* Parser::orPattern() {
    Pattern* first = closedPattern();
    if (!at("|"))
        return first;
    Pattern* p = ast_.pattern(PatternKind::Or, first->line, first->col);
    p->patterns.push_back(first);
    while (accept("|"))
        p->patterns.push_back(closedPattern());
    p->endLine = last_.endLine;
    p->endCol = last_.endCol;
    return p;
}

// A name with attributes (`Color.RED`, `http.HTTPStatus`), as an expression.
Expr* Parser::dottedName() {
    const Token name = take();
    Expr* e = ast_.expr(ExprKind::Name, name.line, name.col);
    e->text = name.text;
    e->endLine = name.endLine;
    e->endCol = name.endCol;
    while (at(".")) {
        take();
        const Token attr = peek();
        if (!atName())
            failAt(attr);
        take();
        Expr* a = ast_.expr(ExprKind::Attribute, e->line, e->col);
        a->a = e;
        a->text = attr.text;
        a->endLine = attr.endLine;
        a->endCol = attr.endCol;
        e = a;
    }
    return e;
}

// A literal of a literal pattern or a mapping key: a signed number, strings, or null when
// the next token starts none.
Expr* Parser::literalPatternValue() {
    const Token start = peek();
    Expr* value = nullptr;
    if (atKind(TokenKind::String)) {
        value = stringLiteral();
        if (value->kind != ExprKind::Str && value->kind != ExprKind::Bytes)
            fail("patterns may only match literals and attribute lookups", start.line, start.col + 1);
        return value;
    }
    if (at("-") || atKind(TokenKind::Number)) {
        const bool negative = accept("-");
        if (!atKind(TokenKind::Number))
            failAt(peek());
        value = atom();
        if (negative) {
            value->intValue = -value->intValue;
            value->floatValue = -value->floatValue;
        }
        value->line = start.line;
        value->col = start.col;
        if (at("+") || at("-")) {
            // CPython allows only a real plus an imaginary part here; the interpreter has no
            // complex numbers, so every such sum is refused with CPython's words.
            take();
            const Token right = peek();
            if (!atKind(TokenKind::Number))
                failAt(right);
            fail("imaginary number required in complex literal", right.line, right.col + 1);
        }
        return value;
    }
    return nullptr;
}

Pattern* Parser::closedPattern() {
    const Token token = peek();
    if (Expr* literal = literalPatternValue()) {
        Pattern* p = ast_.pattern(PatternKind::Value, token.line, token.col);
        p->value = literal;
        p->endLine = last_.endLine;
        p->endCol = last_.endCol;
        return p;
    }
    if (token.kind == TokenKind::Name && (token.text == "None" || token.text == "True" || token.text == "False")) {
        Pattern* p = ast_.pattern(PatternKind::Singleton, token.line, token.col);
        p->value = atom();
        p->endLine = last_.endLine;
        p->endCol = last_.endCol;
        return p;
    }
    if (atName()) {
        Expr* name = dottedName();
        if (at("("))
            return classPattern(name);
        Pattern* p = ast_.pattern(name->kind == ExprKind::Name ? PatternKind::Capture : PatternKind::Value,
                                  token.line, token.col);
        p->endLine = name->endLine;
        p->endCol = name->endCol;
        if (name->kind == ExprKind::Name)
            p->name = name->text == "_" ? "" : name->text;
        else
            p->value = name;
        return p;
    }
    if (at("(")) {
        const Token open = take();
        if (at(")")) {
            take();
            Pattern* p = ast_.pattern(PatternKind::Sequence, open.line, open.col);
            p->endLine = last_.endLine;
            p->endCol = last_.endCol;
            return p;
        }
        Pattern* first = maybeStarPattern();
        if (at(")") && first->kind != PatternKind::Star) {
            take();
            return first;  // a group: (pattern)
        }
        if (!at(","))
            failAt(peek());
        Pattern* p = ast_.pattern(PatternKind::Sequence, open.line, open.col);
        p->patterns.push_back(first);
        while (accept(",")) {
            if (at(")"))
                break;
            p->patterns.push_back(maybeStarPattern());
        }
        expect(")");
        p->endLine = last_.endLine;
        p->endCol = last_.endCol;
        return p;
    }
    if (at("["))
        return sequencePattern(take(), "]");
    if (at("{"))
        return mappingPattern(take());
    failAt(token);
}

Pattern* Parser::sequencePattern(const Token& open, const char* close) {
    Pattern* p = ast_.pattern(PatternKind::Sequence, open.line, open.col);
    while (!at(close)) {
        p->patterns.push_back(maybeStarPattern());
        if (!accept(","))
            break;
    }
    expect(close);
    p->endLine = last_.endLine;
    p->endCol = last_.endCol;
    return p;
}

Pattern* Parser::mappingPattern(const Token& open) {
    Pattern* p = ast_.pattern(PatternKind::Mapping, open.line, open.col);
    while (!at("}")) {
        if (at("**")) {
            take();
            const Token name = peek();
            if (!atName() || name.text == "_")
                failAt(name);
            take();
            p->name = name.text;
            accept(",");
            if (!at("}"))
                failAt(peek());
            break;
        }
        const Token keyToken = peek();
        Expr* key = literalPatternValue();
        if (!key) {
            if (keyToken.kind == TokenKind::Name &&
                (keyToken.text == "None" || keyToken.text == "True" || keyToken.text == "False")) {
                key = atom();
            } else if (atName()) {
                key = dottedName();
                if (key->kind == ExprKind::Name)
                    failAt(peek());
            } else {
                failAt(keyToken);
            }
        }
        p->keys.push_back(key);
        if (!at(":"))
            failAt(peek());
        take();
        p->patterns.push_back(pattern());
        if (!accept(","))
            break;
    }
    expect("}");
    p->endLine = last_.endLine;
    p->endCol = last_.endCol;
    return p;
}

Pattern* Parser::classPattern(Expr* cls) {
    Pattern* p = ast_.pattern(PatternKind::Class, cls->line, cls->col);
    p->cls = cls;
    take();  // (
    while (!at(")")) {
        if (atName() && at("=", 1)) {
            const std::string attr = take().text;
            take();
            Pattern* value = pattern();
            if (std::find(p->attrs.begin(), p->attrs.end(), attr) != p->attrs.end())
                fail("attribute name repeated in class pattern: " + attr, value->line, value->col + 1);
            p->attrs.push_back(attr);
            p->kwPatterns.push_back(value);
        } else {
            Pattern* positional = pattern();
            if (!p->attrs.empty())
                fail("positional patterns follow keyword patterns", positional->line, positional->col + 1);
            p->patterns.push_back(positional);
        }
        if (!accept(","))
            break;
    }
    expect(")");
    p->endLine = last_.endLine;
    p->endCol = last_.endCol;
    return p;
}

Expr* Parser::annotation() {
    std::string text;
    std::string* outer = annotationText_;
    annotationText_ = &text;
    Expr* e = nullptr;
    try {
        e = expression();
    } catch (...) {
        annotationText_ = outer;
        throw;
    }
    annotationText_ = outer;
    ast_.annotationTexts[e] = std::move(text);
    return e;
}

void Parser::parameters(FunctionDef& function, std::string_view closer) {
    bool sawDefault = false;
    bool keywordOnly = false;
    std::vector<std::string> seen;
    auto checkDuplicate = [&](const std::string& name, int line, int col) {
        if (std::find(seen.begin(), seen.end(), name) != seen.end())
            fail("duplicate argument '" + name + "' in function definition", line, col + 1);
        seen.push_back(name);
    };
    while (!at(closer)) {
        if (accept("/")) {
            if (!accept(","))
                break;
            continue;
        }
        if (at("**")) {
            take();
            const Token name = peek();
            function.kwargs = expectName();
            checkDuplicate(function.kwargs, name.line, name.col);
            if (closer == ")" && accept(":"))
                function.kwargsAnnotation = annotation();
            accept(",");
            if (!at(closer))
                fail("arguments cannot follow var-keyword argument", peek().line, peek().col + 1);
            break;
        }
        if (at("*")) {
            const Token star = take();
            if (keywordOnly)
                fail("* argument may appear only once", star.line, star.col + 1);
            keywordOnly = true;
            if (atName()) {
                const Token name = peek();
                function.varargs = expectName();
                checkDuplicate(function.varargs, name.line, name.col);
                if (closer == ")" && accept(":"))
                    function.varargsAnnotation = annotation();
            } else if (at(closer) || (at(",") && at("**", 1))) {
                fail("named arguments must follow bare *", star.line, star.col + 1);
            }
            if (!accept(","))
                break;
            continue;
        }
        const Token nameToken = peek();
        Parameter parameter;
        parameter.name = expectName();
        parameter.line = nameToken.line;
        parameter.col = nameToken.col;
        checkDuplicate(parameter.name, nameToken.line, nameToken.col);
        if (closer == ")" && accept(":"))
            parameter.annotation = annotation();
        if (accept("=")) {
            parameter.defaultValue = expression();
            if (!keywordOnly)
                sawDefault = true;
        } else if (sawDefault && !keywordOnly) {
            fail("non-default argument follows default argument", nameToken.line, nameToken.col + 1);
        }
        (keywordOnly ? function.kwonly : function.positional).push_back(std::move(parameter));
        if (!accept(","))
            break;
    }
}

Stmt* Parser::functionDef(bool isAsync, const Token& start, std::vector<Expr*> decorators) {
    const Token nameToken = peek();
    FunctionDef* function = ast_.function();
    function->name = expectName();
    function->isAsync = isAsync;
    function->decorators = std::move(decorators);
    function->line = start.line;
    function->col = start.col;
    if (!at("("))
        failAt(peek(), "expected '('");
    take();
    parameters(*function, ")");
    expect(")");
    if (accept("->"))
        function->returns = annotation();
    expectColon();
    Stmt* s = ast_.stmt(StmtKind::FunctionDef, start.line, start.col);
    s->function = function;
    s->name = function->name;
    function->body = block("function definition", start.line);
    (void)nameToken;
    return s;
}

Stmt* Parser::classDef(const Token& start, std::vector<Expr*> decorators) {
    Stmt* s = ast_.stmt(StmtKind::ClassDef, start.line, start.col);
    s->name = expectName();
    FunctionDef* holder = ast_.function();
    holder->decorators = std::move(decorators);
    s->function = holder;
    if (at("(")) {
        const Token open = take();
        while (!at(")")) {
            if (atName() && at("=", 1))
                fail("class keyword arguments (metaclass=...) are not supported by Awaitscope", peek().line,
                     peek().col + 1);
            s->targets.push_back(expression());
            if (!accept(","))
                break;
        }
        expect(")");
        (void)open;
    }
    expectColon();
    s->body = block("class definition", start.line);
    return s;
}

Stmt* Parser::importStatement() {
    const Token start = take();
    Stmt* s = ast_.stmt(StmtKind::Import, start.line, start.col);
    do {
        std::string name = expectName();
        while (accept("."))
            name += "." + expectName();
        std::string alias;
        if (accept("as"))
            alias = expectName();
        s->names.push_back(name);
        s->asnames.push_back(alias);
    } while (accept(","));
    return s;
}

Stmt* Parser::fromImportStatement() {
    const Token start = take();
    Stmt* s = ast_.stmt(StmtKind::ImportFrom, start.line, start.col);
    while (at(".") || at("...")) {
        s->level += take().text.size();
    }
    if (!at("import")) {
        s->module = expectName();
        while (accept("."))
            s->module += "." + expectName();
    }
    if (!at("import"))
        failAt(peek());
    take();
    if (accept("*")) {
        s->names.push_back("*");
        s->asnames.emplace_back();
        return s;
    }
    const bool parenthesized = accept("(");
    do {
        if (parenthesized && at(")"))
            break;
        s->names.push_back(expectName());
        s->asnames.push_back(accept("as") ? expectName() : std::string());
        if (s->module == "__future__" && s->level == 0 && s->names.back() == "annotations")
            ast_.futureAnnotations = true;
    } while (accept(","));
    if (parenthesized)
        expect(")");
    return s;
}

Stmt* Parser::smallStatement() {
    const Token start = peek();
    if (start.kind == TokenKind::Name) {
        const std::string& word = start.text;
        if (word == "pass" || word == "break" || word == "continue") {
            take();
            return ast_.stmt(word == "pass" ? StmtKind::Pass : word == "break" ? StmtKind::Break : StmtKind::Continue,
                             start.line, start.col);
        }
        if (word == "return") {
            take();
            Stmt* s = ast_.stmt(StmtKind::Return, start.line, start.col);
            if (!atKind(TokenKind::Newline) && !at(";"))
                s->value = expressionList(true);
            s->endLine = last_.endLine;
            s->endCol = last_.endCol;
            return s;
        }
        if (word == "raise") {
            take();
            Stmt* s = ast_.stmt(StmtKind::Raise, start.line, start.col);
            if (!atKind(TokenKind::Newline) && !at(";")) {
                s->value = expression();
                if (accept("from"))
                    s->cause = expression();
            }
            return s;
        }
        if (word == "global" || word == "nonlocal") {
            take();
            Stmt* s = ast_.stmt(word == "global" ? StmtKind::Global : StmtKind::Nonlocal, start.line, start.col);
            do
                s->names.push_back(expectName());
            while (accept(","));
            return s;
        }
        if (word == "del") {
            take();
            Stmt* s = ast_.stmt(StmtKind::Delete, start.line, start.col);
            Expr* targets = expressionList(false);
            if (targets->kind == ExprKind::Tuple && !targets->parenthesized)
                s->targets = targets->elts;
            else
                s->targets.push_back(targets);
            for (Expr* target : s->targets)
                checkTarget(target, "del");
            return s;
        }
        if (word == "assert") {
            take();
            Stmt* s = ast_.stmt(StmtKind::Assert, start.line, start.col);
            s->test = expression();
            if (accept(","))
                s->value = expression();
            return s;
        }
        if (word == "import")
            return importStatement();
        if (word == "from")
            return fromImportStatement();
    }
    return expressionStatement();
}

Stmt* Parser::expressionStatement() {
    const Token start = peek();
    auto rhs = [&]() -> Expr* {
        if (at("yield")) {
            const Token y = take();
            Expr* e = ast_.expr(ExprKind::Yield, y.line, y.col);
            if (!atKind(TokenKind::Newline) && !at(";") && !at("=") && !at(")"))
                e->a = expressionList(true);
            return e;
        }
        return expressionList(true);
    };
    Expr* first = rhs();
    if (at(":") && first->kind != ExprKind::Yield) {
        if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute && first->kind != ExprKind::Subscript) {
            if (first->kind == ExprKind::Tuple)
                fail("only single target (not tuple) can be annotated", first->line, first->col + 1);
            fail(std::string("illegal target for annotation"), first->line, first->col + 1);
        }
        take();
        // The annotation is kept as text, as `from __future__ import annotations` keeps it:
        // dataclasses, NamedTuple and TypedDict read the names of a class's fields from it.
        std::string annotation;
        annotationText_ = &annotation;
        Expr* annotationExpr = nullptr;
        try {
            annotationExpr = expression();
        } catch (...) {
            annotationText_ = nullptr;
            throw;
        }
        annotationText_ = nullptr;
        Stmt* s = ast_.stmt(StmtKind::AnnAssign, start.line, start.col);
        s->name = std::move(annotation);
        s->test = annotationExpr;
        s->targets.push_back(first);
        if (accept("="))
            s->value = rhs();
        return s;
    }
    static const char* const kAugOps[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="};
    static const BinaryOp kAugBinary[] = {BinaryOp::Add,    BinaryOp::Sub,    BinaryOp::Mul,    BinaryOp::TrueDiv,
                                          BinaryOp::FloorDiv, BinaryOp::Mod,  BinaryOp::Pow,    BinaryOp::LShift,
                                          BinaryOp::RShift, BinaryOp::BitAnd, BinaryOp::BitOr,  BinaryOp::BitXor,
                                          BinaryOp::MatMul};
    for (std::size_t i = 0; i < std::size(kAugOps); ++i) {
        if (peek().isOp(kAugOps[i])) {
            if (first->kind != ExprKind::Name && first->kind != ExprKind::Attribute && first->kind != ExprKind::Subscript)
                fail(std::string("'") + describeForTarget(first) + "' is an illegal expression for augmented assignment",
                     first->line, first->col + 1);
            take();
            Stmt* s = ast_.stmt(StmtKind::AugAssign, start.line, start.col);
            s->targets.push_back(first);
            s->op = static_cast<int>(kAugBinary[i]);
            s->value = rhs();
            return s;
        }
    }
    if (at("=")) {
        std::vector<Expr*> chain{first};
        while (accept("="))
            chain.push_back(rhs());
        Stmt* s = ast_.stmt(StmtKind::Assign, start.line, start.col);
        s->value = chain.back();
        chain.pop_back();
        for (Expr* target : chain)
            checkTarget(target, "=");
        s->targets = std::move(chain);
        return s;
    }
    Stmt* s = ast_.stmt(StmtKind::ExprStmt, start.line, start.col);
    s->value = first;
    s->endLine = last_.endLine;
    s->endCol = last_.endCol;
    return s;
}

void Parser::checkTarget(Expr* target, const char* context) {
    switch (target->kind) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript:
        return;
    case ExprKind::Tuple:
    case ExprKind::List:
        for (Expr* e : target->elts)
            checkTarget(e, context);
        return;
    case ExprKind::Starred:
        if (std::string_view(context) == "del")
            fail("cannot delete starred", target->line, target->col + 1);
        checkTarget(target->a, context);
        return;
    default: break;
    }
    const std::string what = describeForTarget(target);
    if (std::string_view(context) == "del")
        fail("cannot delete " + what, target->line, target->col + 1);
    if (std::string_view(context) == "=") {
        if (target->kind == ExprKind::Compare || target->kind == ExprKind::NamedExpr || target->kind == ExprKind::Yield)
            fail("cannot assign to " + what, target->line, target->col + 1);
        fail("cannot assign to " + what + " here. Maybe you meant '==' instead of '='?", target->line, target->col + 1);
    }
    fail("cannot assign to " + what, target->line, target->col + 1);
}

// ---- expressions ----

void Parser::checkDepth(Expr* e) {
    if (e->depth > kMaxTreeDepth)
        fail("expression too deeply nested (Awaitscope allows " + std::to_string(kMaxTreeDepth) + " levels)", e->line,
             e->col + 1);
}

Expr* Parser::binary(Expr* left, BinaryOp op, Expr* right, const Token& opToken) {
    Expr* e = ast_.expr(ExprKind::BinOp, left->line, left->col);
    e->op = static_cast<int>(op);
    e->a = left;
    e->b = right;
    e->endLine = right->endLine;
    e->endCol = right->endCol;
    e->depth = std::max(left->depth, right->depth) + 1;
    (void)opToken;
    checkDepth(e);
    return e;
}

Expr* Parser::expressionList(bool allowStar) {
    const Token start = peek();
    Expr* first = allowStar ? starExpression() : namedExpression();
    if (!at(","))
        return first;
    Expr* tuple = ast_.expr(ExprKind::Tuple, start.line, start.col);
    tuple->elts.push_back(first);
    while (accept(",")) {
        if (!startsExpression(peek()))
            break;
        tuple->elts.push_back(allowStar ? starExpression() : namedExpression());
    }
    tuple->endLine = last_.endLine;
    tuple->endCol = last_.endCol;
    return tuple;
}

Expr* Parser::starExpression() {
    if (at("*")) {
        const Token star = take();
        Expr* e = ast_.expr(ExprKind::Starred, star.line, star.col);
        e->a = bitOr();
        e->endLine = e->a->endLine;
        e->endCol = e->a->endCol;
        return e;
    }
    return namedExpression();
}

Expr* Parser::namedExpression() {
    if (atName() && at(":=", 1)) {
        const Token name = take();
        take();
        Expr* target = ast_.expr(ExprKind::Name, name.line, name.col);
        target->text = name.text;
        Expr* e = ast_.expr(ExprKind::NamedExpr, name.line, name.col);
        e->a = target;
        e->b = expression();
        return e;
    }
    return expression();
}

Expr* Parser::expression() {
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth)
        fail("too many nested parentheses", peek().line, peek().col + 1);
    if (at("lambda"))
        return lambdaExpression();
    Expr* body = disjunction();
    if (at("if")) {
        take();
        Expr* e = ast_.expr(ExprKind::IfExp, body->line, body->col);
        e->a = body;
        e->b = disjunction();
        if (!at("else"))
            fail("expected 'else' after 'if' expression", body->line, body->col + 1);
        take();
        e->c = expression();
        e->endLine = e->c->endLine;
        e->endCol = e->c->endCol;
        return e;
    }
    return body;
}

Expr* Parser::lambdaExpression() {
    const Token start = take();
    FunctionDef* function = ast_.function();
    function->name = "<lambda>";
    function->isLambda = true;
    function->line = start.line;
    function->col = start.col;
    parameters(*function, ":");
    expectColon();
    Expr* body = expression();
    Stmt* ret = ast_.stmt(StmtKind::Return, body->line, body->col);
    ret->value = body;
    function->body.push_back(ret);
    Expr* e = ast_.expr(ExprKind::Lambda, start.line, start.col);
    e->function = function;
    e->endLine = body->endLine;
    e->endCol = body->endCol;
    return e;
}

Expr* Parser::disjunction() {
    Expr* first = conjunction();
    if (!at("or"))
        return first;
    Expr* e = ast_.expr(ExprKind::BoolOp, first->line, first->col);
    e->op = 1;
    e->elts.push_back(first);
    while (accept("or"))
        e->elts.push_back(conjunction());
    e->endLine = e->elts.back()->endLine;
    e->endCol = e->elts.back()->endCol;
    return e;
}

Expr* Parser::conjunction() {
    Expr* first = inversion();
    if (!at("and"))
        return first;
    Expr* e = ast_.expr(ExprKind::BoolOp, first->line, first->col);
    e->op = 0;
    e->elts.push_back(first);
    while (accept("and"))
        e->elts.push_back(inversion());
    e->endLine = e->elts.back()->endLine;
    e->endCol = e->elts.back()->endCol;
    return e;
}

Expr* Parser::inversion() {
    if (at("not")) {
        DepthGuard guard(depth_);
        if (depth_ > kMaxDepth)
            fail("too many nested parentheses", peek().line, peek().col + 1);
        const Token start = take();
        Expr* e = ast_.expr(ExprKind::UnaryOp, start.line, start.col);
        e->op = static_cast<int>(UnaryOp::Not);
        e->a = inversion();
        e->endLine = e->a->endLine;
        e->endCol = e->a->endCol;
        return e;
    }
    return comparison();
}

Expr* Parser::comparison() {
    Expr* left = bitOr();
    Expr* e = nullptr;
    while (true) {
        CompareOp op;
        const Token& t = peek();
        if (t.isOp("<"))
            op = CompareOp::Lt;
        else if (t.isOp("<="))
            op = CompareOp::Le;
        else if (t.isOp("=="))
            op = CompareOp::Eq;
        else if (t.isOp("!="))
            op = CompareOp::Ne;
        else if (t.isOp(">"))
            op = CompareOp::Gt;
        else if (t.isOp(">="))
            op = CompareOp::Ge;
        else if (at("in"))
            op = CompareOp::In;
        else if (at("not") && at("in", 1)) {
            take();
            op = CompareOp::NotIn;
        } else if (at("is")) {
            if (at("not", 1)) {
                take();
                op = CompareOp::IsNot;
            } else {
                op = CompareOp::Is;
            }
        } else {
            break;
        }
        take();
        if (!e) {
            e = ast_.expr(ExprKind::Compare, left->line, left->col);
            e->a = left;
        }
        e->ops.push_back(static_cast<int>(op));
        e->elts.push_back(bitOr());
        e->endLine = e->elts.back()->endLine;
        e->endCol = e->elts.back()->endCol;
    }
    return e ? e : left;
}

Expr* Parser::bitOr() {
    Expr* left = bitXor();
    while (at("|")) {
        const Token op = take();
        left = binary(left, BinaryOp::BitOr, bitXor(), op);
    }
    return left;
}

Expr* Parser::bitXor() {
    Expr* left = bitAnd();
    while (at("^")) {
        const Token op = take();
        left = binary(left, BinaryOp::BitXor, bitAnd(), op);
    }
    return left;
}

Expr* Parser::bitAnd() {
    Expr* left = shift();
    while (at("&")) {
        const Token op = take();
        left = binary(left, BinaryOp::BitAnd, shift(), op);
    }
    return left;
}

Expr* Parser::shift() {
    Expr* left = sum();
    while (at("<<") || at(">>")) {
        const Token op = take();
        left = binary(left, op.text == "<<" ? BinaryOp::LShift : BinaryOp::RShift, sum(), op);
    }
    return left;
}

Expr* Parser::sum() {
    Expr* left = term();
    while (at("+") || at("-")) {
        const Token op = take();
        left = binary(left, op.text == "+" ? BinaryOp::Add : BinaryOp::Sub, term(), op);
    }
    return left;
}

Expr* Parser::term() {
    Expr* left = factor();
    while (true) {
        BinaryOp op;
        if (at("*"))
            op = BinaryOp::Mul;
        else if (at("/"))
            op = BinaryOp::TrueDiv;
        else if (at("//"))
            op = BinaryOp::FloorDiv;
        else if (at("%"))
            op = BinaryOp::Mod;
        else if (at("@"))
            op = BinaryOp::MatMul;
        else
            break;
        const Token opToken = take();
        left = binary(left, op, factor(), opToken);
    }
    return left;
}

Expr* Parser::factor() {
    if (at("-") || at("+") || at("~")) {
        DepthGuard guard(depth_);
        if (depth_ > kMaxDepth)
            fail("too many nested parentheses", peek().line, peek().col + 1);
        const Token op = take();
        Expr* operand = factor();
        // Fold negative number literals so that -9223372036854775808 and -1.5 are constants.
        if (op.text == "-" && (operand->kind == ExprKind::Int || operand->kind == ExprKind::Float) &&
            operand->text.empty() && !operand->parenthesized && operand->op == 0) {
            Expr* folded = ast_.expr(operand->kind, op.line, op.col);
            folded->intValue = -operand->intValue;
            folded->floatValue = -operand->floatValue;
            folded->op = 1;  // already folded once
            folded->endLine = operand->endLine;
            folded->endCol = operand->endCol;
            return folded;
        }
        Expr* e = ast_.expr(ExprKind::UnaryOp, op.line, op.col);
        e->op = static_cast<int>(op.text == "-" ? UnaryOp::Neg : op.text == "+" ? UnaryOp::Pos : UnaryOp::Invert);
        e->a = operand;
        e->depth = operand->depth + 1;
        e->endLine = operand->endLine;
        e->endCol = operand->endCol;
        return e;
    }
    return power();
}

Expr* Parser::power() {
    Expr* base = awaitPrimary();
    if (at("**")) {
        const Token op = take();
        return binary(base, BinaryOp::Pow, factor(), op);
    }
    return base;
}

Expr* Parser::awaitPrimary() {
    if (at("await")) {
        DepthGuard guard(depth_);
        if (depth_ > kMaxDepth)
            fail("too many nested parentheses", peek().line, peek().col + 1);
        const Token start = take();
        Expr* e = ast_.expr(ExprKind::Await, start.line, start.col);
        e->a = awaitPrimary();
        e->endLine = e->a->endLine;
        e->endCol = e->a->endCol;
        return e;
    }
    return primary();
}

Expr* Parser::primary() {
    Expr* e = atom();
    while (true) {
        if (at(".")) {
            take();
            const Token name = peek();
            if (name.kind != TokenKind::Name)
                failAt(name);
            take();
            Expr* attribute = ast_.expr(ExprKind::Attribute, e->line, e->col);
            attribute->a = e;
            attribute->text = name.text;
            attribute->endLine = name.endLine;
            attribute->endCol = name.endCol;
            attribute->depth = e->depth + 1;
            checkDepth(attribute);
            e = attribute;
        } else if (at("(")) {
            e = callArguments(e);
        } else if (at("[")) {
            e = subscript(e);
        } else {
            return e;
        }
    }
}

Expr* Parser::callArguments(Expr* function) {
    const Token open = take();
    Expr* call = ast_.expr(ExprKind::Call, function->line, function->col);
    call->a = function;
    call->depth = function->depth + 1;
    checkDepth(call);
    bool sawKeyword = false;
    bool sawDoubleStar = false;
    while (!at(")")) {
        const Token start = peek();
        if (accept("**")) {
            call->keywords.emplace_back();
            call->values.push_back(expression());
            sawKeyword = sawDoubleStar = true;
        } else if (accept("*")) {
            if (sawDoubleStar)
                fail("iterable argument unpacking follows keyword argument unpacking", start.line, start.col + 1);
            Expr* starred = ast_.expr(ExprKind::Starred, start.line, start.col);
            starred->a = expression();
            call->elts.push_back(starred);
        } else if (atName() && at("=", 1)) {
            const std::string name = take().text;
            take();
            if (std::find(call->keywords.begin(), call->keywords.end(), name) != call->keywords.end())
                fail("keyword argument repeated: " + name, start.line, start.col + 1);
            call->keywords.push_back(name);
            call->values.push_back(expression());
            sawKeyword = true;
        } else {
            Expr* argument = namedExpression();
            if (at("=")) {
                fail("expression cannot contain assignment, perhaps you meant \"==\"?", argument->line, argument->col + 1);
            }
            if (at("for") || (at("async") && at("for", 1))) {
                Expr* generator = ast_.expr(ExprKind::GeneratorExp, argument->line, argument->col);
                generator->a = argument;
                comprehensionClauses(generator->generators);
                argument = generator;
                if (!call->elts.empty() || !at(")"))
                    fail("Generator expression must be parenthesized", argument->line, argument->col + 1);
            }
            if (sawKeyword) {
                if (sawDoubleStar)
                    fail("positional argument follows keyword argument unpacking", argument->endLine, argument->endCol + 1);
                fail("positional argument follows keyword argument", argument->endLine, argument->endCol + 1);
            }
            call->elts.push_back(argument);
            if (!at(",") && !at(")"))
                missingComma(argument);
        }
        if (!accept(","))
            break;
    }
    if (!at(")"))
        failAt(peek());
    const Token close = take();
    call->endLine = close.endLine;
    call->endCol = close.endCol;
    (void)open;
    return call;
}

Expr* Parser::sliceItem() {
    const Token start = peek();
    Expr* lower = nullptr;
    if (!at(":"))
        lower = namedExpression();
    if (!at(":"))
        return lower;
    take();
    Expr* slice = ast_.expr(ExprKind::Slice, start.line, start.col);
    slice->a = lower;
    if (!at(":") && !at("]") && !at(","))
        slice->b = expression();
    if (accept(":")) {
        if (!at("]") && !at(","))
            slice->c = expression();
    }
    return slice;
}

Expr* Parser::subscript(Expr* value) {
    take();
    Expr* e = ast_.expr(ExprKind::Subscript, value->line, value->col);
    e->a = value;
    e->depth = value->depth + 1;
    checkDepth(e);
    const Token start = peek();
    Expr* index = sliceItem();
    if (at(",")) {
        Expr* tuple = ast_.expr(ExprKind::Tuple, start.line, start.col);
        tuple->elts.push_back(index);
        while (accept(",")) {
            if (at("]"))
                break;
            tuple->elts.push_back(sliceItem());
        }
        index = tuple;
    }
    e->b = index;
    if (!at("]"))
        failAt(peek());
    const Token close = take();
    e->endLine = close.endLine;
    e->endCol = close.endCol;
    return e;
}

void Parser::comprehensionClauses(std::vector<Comprehension>& out) {
    while (at("for") || (at("async") && at("for", 1))) {
        Comprehension clause;
        if (accept("async"))
            clause.isAsync = true;
        take();
        std::vector<Expr*> targets;
        const Token first = peek();
        bool trailingComma = false;
        while (true) {
            targets.push_back(bitOr());
            if (!accept(","))
                break;
            trailingComma = true;
            if (at("in"))
                break;
        }
        clause.target = targets.front();
        if (targets.size() > 1 || trailingComma) {
            clause.target = ast_.expr(ExprKind::Tuple, first.line, first.col);
            clause.target->elts = targets;
        }
        if (!at("in"))
            failAt(peek());
        take();
        checkTarget(clause.target, "for");
        clause.iter = disjunction();
        while (at("if")) {
            take();
            clause.ifs.push_back(disjunction());
        }
        out.push_back(std::move(clause));
    }
}

Expr* Parser::parenthesized(const Token& open) {
    if (at(")")) {
        const Token close = take();
        Expr* tuple = ast_.expr(ExprKind::Tuple, open.line, open.col);
        tuple->endLine = close.endLine;
        tuple->endCol = close.endCol;
        tuple->parenthesized = true;
        return tuple;
    }
    if (at("yield")) {
        const Token y = take();
        Expr* e = ast_.expr(ExprKind::Yield, y.line, y.col);
        if (!at(")"))
            e->a = expressionList(true);
        expect(")");
        return e;
    }
    Expr* first = starExpression();
    if (at("for") || (at("async") && at("for", 1))) {
        Expr* generator = ast_.expr(ExprKind::GeneratorExp, open.line, open.col);
        generator->a = first;
        comprehensionClauses(generator->generators);
        expect(")");
        return generator;
    }
    if (at(",")) {
        Expr* tuple = ast_.expr(ExprKind::Tuple, open.line, open.col);
        tuple->elts.push_back(first);
        while (accept(",")) {
            if (at(")"))
                break;
            tuple->elts.push_back(starExpression());
            if (!at(",") && !at(")"))
                missingComma(tuple->elts.back());
        }
        if (!at(")"))
            failAt(peek());
        const Token close = take();
        tuple->endLine = close.endLine;
        tuple->endCol = close.endCol;
        tuple->parenthesized = true;
        return tuple;
    }
    if (!at(")")) {
        missingComma(first);
        failAt(peek());
    }
    take();
    first->parenthesized = true;
    return first;
}

Expr* Parser::listDisplay(const Token& open) {
    Expr* list = ast_.expr(ExprKind::List, open.line, open.col);
    if (at("]")) {
        take();
        return list;
    }
    Expr* first = starExpression();
    if (at("for") || (at("async") && at("for", 1))) {
        Expr* comp = ast_.expr(ExprKind::ListComp, open.line, open.col);
        comp->a = first;
        comprehensionClauses(comp->generators);
        expect("]");
        return comp;
    }
    list->elts.push_back(first);
    if (!at(",") && !at("]"))
        missingComma(first);
    while (accept(",")) {
        if (at("]"))
            break;
        list->elts.push_back(starExpression());
        if (!at(",") && !at("]"))
            missingComma(list->elts.back());
    }
    if (!at("]"))
        failAt(peek());
    const Token close = take();
    list->endLine = close.endLine;
    list->endCol = close.endCol;
    return list;
}

Expr* Parser::dictOrSetDisplay(const Token& open) {
    if (at("}")) {
        take();
        return ast_.expr(ExprKind::Dict, open.line, open.col);
    }
    if (at("**")) {
        Expr* dict = ast_.expr(ExprKind::Dict, open.line, open.col);
        while (true) {
            if (accept("**")) {
                dict->elts.push_back(nullptr);
                dict->values.push_back(bitOr());
            } else {
                Expr* key = expression();
                if (!at(":"))
                    fail("':' expected after dictionary key", key->line, key->col + 1);
                take();
                dict->elts.push_back(key);
                dict->values.push_back(expression());
            }
            if (!accept(",") || at("}"))
                break;
        }
        expect("}");
        return dict;
    }
    Expr* first = starExpression();
    if (at(":") && first->kind != ExprKind::Starred) {
        take();
        Expr* value = expression();
        if (at("for") || (at("async") && at("for", 1))) {
            Expr* comp = ast_.expr(ExprKind::DictComp, open.line, open.col);
            comp->a = first;
            comp->b = value;
            comprehensionClauses(comp->generators);
            expect("}");
            return comp;
        }
        Expr* dict = ast_.expr(ExprKind::Dict, open.line, open.col);
        dict->elts.push_back(first);
        dict->values.push_back(value);
        while (accept(",")) {
            if (at("}"))
                break;
            if (accept("**")) {
                dict->elts.push_back(nullptr);
                dict->values.push_back(bitOr());
                continue;
            }
            Expr* key = expression();
            if (!at(":"))
                fail("':' expected after dictionary key", key->line, key->col + 1);
            take();
            dict->elts.push_back(key);
            dict->values.push_back(expression());
        }
        if (!at("}"))
            failAt(peek());
        take();
        return dict;
    }
    if (at("for") || (at("async") && at("for", 1))) {
        Expr* comp = ast_.expr(ExprKind::SetComp, open.line, open.col);
        comp->a = first;
        comprehensionClauses(comp->generators);
        expect("}");
        return comp;
    }
    Expr* set = ast_.expr(ExprKind::Set, open.line, open.col);
    set->elts.push_back(first);
    while (accept(",")) {
        if (at("}"))
            break;
        set->elts.push_back(starExpression());
    }
    if (!at("}"))
        failAt(peek());
    take();
    return set;
}

Expr* Parser::atom() {
    const Token& token = peek();
    switch (token.kind) {
    case TokenKind::Name: {
        if (!Lexer::isKeyword(token.text)) {
            const Token name = take();
            Expr* e = ast_.expr(ExprKind::Name, name.line, name.col);
            e->text = name.text;
            e->endLine = name.endLine;
            e->endCol = name.endCol;
            return e;
        }
        if (token.text == "None" || token.text == "True" || token.text == "False") {
            const Token word = take();
            Expr* e = ast_.expr(word.text == "None" ? ExprKind::NoneLiteral : ExprKind::Bool, word.line, word.col);
            e->intValue = word.text == "True" ? 1 : 0;
            e->endLine = word.endLine;
            e->endCol = word.endCol;
            return e;
        }
        if (token.text == "yield")
            fail("'yield' outside function", token.line, token.col + 1);
        failAt(token);
    }
    case TokenKind::Number: {
        const Token number = take();
        std::string digits;
        for (char c : number.text)
            if (c != '_')
                digits += c;
        const bool isFloat = digits.size() > 1 && (digits[1] == 'x' || digits[1] == 'X' || digits[1] == 'o' ||
                                                   digits[1] == 'O' || digits[1] == 'b' || digits[1] == 'B')
                                 ? false
                                 : digits.find_first_of(".eE") != std::string::npos;
        Expr* e = ast_.expr(isFloat ? ExprKind::Float : ExprKind::Int, number.line, number.col);
        e->endLine = number.endLine;
        e->endCol = number.endCol;
        if (isFloat) {
            e->floatValue = std::strtod(digits.c_str(), nullptr);
        } else {
            int base = 10;
            std::size_t skip = 0;
            if (digits.size() > 1 && digits[0] == '0') {
                const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[1])));
                base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 10;
                skip = base == 10 ? 0 : 2;
            }
            // CPython converts a literal with the run's digit limit, which no script has
            // changed yet; zeros alone (000) make no conversion.
            if (base == 10 && digits.size() > kDefaultMaxStrDigits && digits.find_first_not_of('0') != std::string::npos)
                fail(intTextTooLongMessage(kDefaultMaxStrDigits, digits.size()) +
                         " - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                     number.line, 0);
            std::uint64_t value = 0;
            auto [ptr, ec] = std::from_chars(digits.data() + skip, digits.data() + digits.size(), value, base);
            (void)ptr;
            // Past int64 the compiler makes a big int of the digits.
            if (ec != std::errc() || value > static_cast<std::uint64_t>(INT64_MAX))
                e->text = digits;
            else
                e->intValue = static_cast<std::int64_t>(value);
        }
        return e;
    }
    case TokenKind::String:
        return stringLiteral();
    case TokenKind::Op: {
        if (token.text == "(") {
            const Token open = take();
            DepthGuard guard(depth_);
            return parenthesized(open);
        }
        if (token.text == "[") {
            const Token open = take();
            DepthGuard guard(depth_);
            return listDisplay(open);
        }
        if (token.text == "{") {
            const Token open = take();
            DepthGuard guard(depth_);
            return dictOrSetDisplay(open);
        }
        if (token.text == "...") {
            const Token dots = take();
            return ast_.expr(ExprKind::EllipsisLiteral, dots.line, dots.col);
        }
        failAt(token);
    }
    default:
        failAt(token);
    }
}

Expr* Parser::stringLiteral() {
    const Token first = peek();
    std::vector<Expr*> parts;
    bool formatted = false;
    std::string plain;
    int endLine = first.endLine;
    int endCol = first.endCol;
    bool bytesMode = false;
    bool mixed = false;
    for (bool firstToken = true; atKind(TokenKind::String); firstToken = false) {
        const Token token = take();
        endLine = token.endLine;
        endCol = token.endCol;
        std::size_t prefixLength = 0;
        bool raw = false;
        bool fString = false;
        bool bytes = false;
        while (prefixLength < token.text.size() && token.text[prefixLength] != '\'' && token.text[prefixLength] != '"') {
            const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(token.text[prefixLength])));
            raw = raw || p == 'r';
            fString = fString || p == 'f';
            bytes = bytes || p == 'b';
            ++prefixLength;
        }
        if (firstToken)
            bytesMode = bytes;
        else if (bytes != bytesMode)
            mixed = true;  // reported after the last literal, where CPython reports it
        if (mixed)
            continue;
        const char quote = token.text[prefixLength];
        const bool triple = token.text.size() >= prefixLength + 6 && token.text[prefixLength + 1] == quote &&
                            token.text[prefixLength + 2] == quote;
        const std::size_t q = triple ? 3 : 1;
        const std::string_view body =
            std::string_view(token.text).substr(prefixLength + q, token.text.size() - prefixLength - 2 * q);
        if (bytes) {
            for (unsigned char c : body)
                if (c >= 0x80)
                    fail("bytes can only contain ASCII literal characters", token.line, token.col + 1);
            if (!raw)
                if (const std::size_t at = badHexEscape(body); at != std::string_view::npos)
                    fail("(value error) invalid \\x escape at position " + std::to_string(at), peek().line,
                         peek().col + 1);
            plain += decodeBytesBody(body, raw);
        } else if (fString) {
            formatted = true;
            if (!plain.empty()) {
                Expr* literal = ast_.expr(ExprKind::Str, token.line, token.col);
                literal->text = std::move(plain);
                plain.clear();
                parts.push_back(literal);
            }
            formattedString(token, body, token.bodyLine, token.bodyCol, raw, parts);
        } else {
            plain += decodeStringBody(body, raw, token.line, token.col + 1);
        }
    }
    if (mixed)
        fail("cannot mix bytes and nonbytes literals", peek().line, peek().col + 1);
    if (bytesMode) {
        Expr* e = ast_.expr(ExprKind::Bytes, first.line, first.col);
        e->text = std::move(plain);
        e->endLine = endLine;
        e->endCol = endCol;
        return e;
    }
    if (!formatted) {
        Expr* e = ast_.expr(ExprKind::Str, first.line, first.col);
        e->text = std::move(plain);
        e->endLine = endLine;
        e->endCol = endCol;
        return e;
    }
    if (!plain.empty()) {
        Expr* literal = ast_.expr(ExprKind::Str, first.line, first.col);
        literal->text = std::move(plain);
        parts.push_back(literal);
    }
    Expr* joined = ast_.expr(ExprKind::JoinedStr, first.line, first.col);
    joined->elts = std::move(parts);
    joined->endLine = endLine;
    joined->endCol = endCol;
    return joined;
}

Expr* Parser::formattedString(const Token& token, std::string_view body, int line, int col, bool raw,
                              std::vector<Expr*>& parts) {
    // Position of a body offset in the file, for expressions inside the braces.
    auto positionOf = [&](std::size_t offset, int& outLine, int& outCol) {
        outLine = line;
        outCol = col;
        for (std::size_t i = 0; i < offset; ++i) {
            if (body[i] == '\n') {
                ++outLine;
                outCol = 0;
            } else {
                ++outCol;
            }
        }
    };
    auto failHere = [&](const std::string& message) -> void {
        fail("f-string: " + message, token.line, token.col + 1);
    };
    std::string literal;
    auto flushLiteral = [&] {
        if (literal.empty())
            return;
        Expr* e = ast_.expr(ExprKind::Str, token.line, token.col);
        e->text = decodeStringBody(literal, raw, token.line, token.col + 1);
        parts.push_back(e);
        literal.clear();
    };
    std::size_t i = 0;
    while (i < body.size()) {
        const char c = body[i];
        if (c == '{' && i + 1 < body.size() && body[i + 1] == '{') {
            literal += '{';
            i += 2;
            continue;
        }
        if (c == '}') {
            if (i + 1 < body.size() && body[i + 1] == '}') {
                literal += '}';
                i += 2;
                continue;
            }
            failHere("single '}' is not allowed");
        }
        if (c == '\\' && !raw && i + 1 < body.size()) {
            literal += c;
            literal += body[i + 1];
            i += 2;
            continue;
        }
        if (c != '{') {
            literal += c;
            ++i;
            continue;
        }
        flushLiteral();
        // An expression: find where it ends (a top-level '}', '!', ':' or '=').
        const std::size_t exprStart = ++i;
        int nesting = 0;
        char inString = 0;
        std::size_t exprEnd = std::string_view::npos;
        bool selfDocumenting = false;
        std::size_t documentedEnd = 0;
        for (; i < body.size(); ++i) {
            const char ch = body[i];
            if (inString) {
                if (ch == inString)
                    inString = 0;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                inString = ch;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                ++nesting;
            } else if ((ch == ')' || ch == ']' || ch == '}') && nesting > 0) {
                --nesting;
            } else if (nesting == 0) {
                if (ch == '}' || ch == ':') {
                    exprEnd = i;
                    break;
                }
                if (ch == '!' && i + 1 < body.size() && body[i + 1] != '=') {
                    exprEnd = i;
                    break;
                }
                if (ch == '=' && i > exprStart && body[i - 1] != '=' && body[i - 1] != '!' && body[i - 1] != '<' &&
                    body[i - 1] != '>' && (i + 1 >= body.size() || body[i + 1] != '=')) {
                    std::size_t after = i + 1;
                    while (after < body.size() && (body[after] == ' ' || body[after] == '\t'))
                        ++after;
                    if (after < body.size() && (body[after] == '}' || body[after] == '!' || body[after] == ':')) {
                        selfDocumenting = true;
                        exprEnd = i;
                        documentedEnd = after;
                        break;
                    }
                }
            }
        }
        if (exprEnd == std::string_view::npos)
            failHere("expecting '}'");
        const std::string_view source = body.substr(exprStart, exprEnd - exprStart);
        if (source.find_first_not_of(" \t\n") == std::string_view::npos)
            failHere("empty expression not allowed");
        if (source.find('\\') != std::string_view::npos)
            failHere("expression part cannot include a backslash");
        int exprLine = 0;
        int exprCol = 0;
        positionOf(exprStart, exprLine, exprCol);
        Expr* value = nullptr;
        try {
            Parser sub(source, ast_, exprLine - 1, exprCol);
            sub.depth_ = depth_ + 1;
            value = sub.parseFragment();
        } catch (SyntaxErrorException& error) {
            if (error.info.message.rfind("f-string: ", 0) != 0)
                error.info.message = "f-string: " + error.info.message;
            throw;
        }
        i = exprEnd;
        if (selfDocumenting) {
            i = documentedEnd;
            literal = std::string(body.substr(exprStart, i - exprStart));
            Expr* text = ast_.expr(ExprKind::Str, token.line, token.col);
            text->text = literal;
            parts.push_back(text);
            literal.clear();
        }
        Expr* formattedValue = ast_.expr(ExprKind::FormattedValue, value->line, value->col);
        formattedValue->a = value;
        if (i < body.size() && body[i] == '!') {
            if (i + 1 >= body.size())
                failHere("expecting '}'");
            const char conversion = body[i + 1];
            if (conversion != 'r' && conversion != 's' && conversion != 'a')
                failHere("invalid conversion character: expected 's', 'r', or 'a'");
            formattedValue->op = conversion;
            i += 2;
        }
        if (i < body.size() && body[i] == ':') {
            ++i;
            // The spec runs to the matching '}' and may hold nested {expressions}.
            std::size_t specEnd = i;
            int depth = 0;
            for (; specEnd < body.size(); ++specEnd) {
                if (body[specEnd] == '{')
                    ++depth;
                else if (body[specEnd] == '}') {
                    if (depth == 0)
                        break;
                    --depth;
                }
            }
            if (specEnd >= body.size())
                failHere("expecting '}'");
            std::vector<Expr*> specParts;
            int specLine = 0;
            int specCol = 0;
            positionOf(i, specLine, specCol);
            formattedString(token, body.substr(i, specEnd - i), specLine, specCol, raw, specParts);
            Expr* spec = ast_.expr(ExprKind::JoinedStr, token.line, token.col);
            spec->elts = std::move(specParts);
            formattedValue->b = spec;
            i = specEnd;
        } else if (selfDocumenting && formattedValue->op == 0) {
            formattedValue->op = 'r';
        }
        if (i >= body.size() || body[i] != '}')
            failHere("expecting '}'");
        ++i;
        parts.push_back(formattedValue);
    }
    flushLiteral();
    return nullptr;
}

} // namespace awaitscope::script
