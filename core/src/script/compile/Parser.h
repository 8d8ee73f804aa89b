#pragma once

// A recursive-descent parser for the Python subset. Errors carry CPython's wording and
// position (SyntaxErrorException), e.g. "expected ':'" at the end of an `if` header.
#include "script/compile/Ast.h"
#include "script/compile/Lexer.h"

#include <deque>
#include <string_view>
#include <vector>

namespace awaitscope::script {

class Parser {
public:
    explicit Parser(std::string_view source, Ast& ast);
    // A fragment of a larger file (an f-string expression), placed at its position.
    Parser(std::string_view fragment, Ast& ast, int lineOffset, int colOffset);
    // Parses a lone expression (list) that must use up the whole fragment.
    Expr* parseFragment();
    // Parses a whole module into ast.body. Throws SyntaxErrorException.
    void parseModule();

private:
    // Tokens
    const Token& peek(std::size_t ahead = 0);
    Token take();
    bool at(std::string_view op, std::size_t ahead = 0) { return peek(ahead).is(op) && isOpOrKeyword(peek(ahead)); }
    bool atKind(TokenKind kind, std::size_t ahead = 0) { return peek(ahead).kind == kind; }
    bool accept(std::string_view op);
    Token expect(std::string_view op);
    void expectColon();
    [[noreturn]] void fail(const std::string& message, int line, int col1);
    [[noreturn]] void failAt(const Token& token, const std::string& message = "invalid syntax");
    static bool isOpOrKeyword(const Token& token);
    bool atName() { return peek().kind == TokenKind::Name && !Lexer::isKeyword(peek().text); }
    std::string expectName();

    // Statements
    void statement(std::vector<Stmt*>& out);
    void simpleStatements(std::vector<Stmt*>& out);
    Stmt* smallStatement();
    std::vector<Stmt*> block(const char* what, int headerLine);
    Stmt* ifStatement(bool isElif = false);
    Stmt* whileStatement();
    Stmt* forStatement(bool isAsync, const Token& start);
    Stmt* tryStatement();
    Stmt* withStatement(bool isAsync, const Token& start);
    bool atMatchStatement();
    Stmt* matchStatement();
    Pattern* patterns();
    Pattern* pattern();
    Pattern* orPattern();
    Pattern* closedPattern();
    Pattern* maybeStarPattern();
    Pattern* sequencePattern(const Token& open, const char* close);
    Pattern* mappingPattern(const Token& open);
    Pattern* classPattern(Expr* cls);
    Expr* literalPatternValue();
    Expr* dottedName();
    Stmt* functionDef(bool isAsync, const Token& start, std::vector<Expr*> decorators);
    Stmt* classDef(const Token& start, std::vector<Expr*> decorators);
    Stmt* importStatement();
    Stmt* fromImportStatement();
    Stmt* expressionStatement();
    void parameters(FunctionDef& function, std::string_view closer);
    Expr* annotation();  // an annotation expression, its text kept in ast_.annotationTexts

    // Expressions
    Expr* namedExpression();
    Expr* expression();  // includes lambda and conditional expressions
    Expr* expressionList(bool allowStar);  // a, b, *c  -> Tuple when there is a comma
    Expr* disjunction();
    Expr* conjunction();
    Expr* inversion();
    Expr* comparison();
    Expr* bitOr();
    Expr* bitXor();
    Expr* bitAnd();
    Expr* shift();
    Expr* sum();
    Expr* term();
    Expr* factor();
    Expr* power();
    Expr* awaitPrimary();
    Expr* primary();
    Expr* atom();
    Expr* lambdaExpression();
    Expr* starExpression();
    Expr* parenthesized(const Token& open);
    Expr* listDisplay(const Token& open);
    Expr* dictOrSetDisplay(const Token& open);
    Expr* callArguments(Expr* function);
    Expr* subscript(Expr* value);
    Expr* sliceItem();
    void comprehensionClauses(std::vector<Comprehension>& out);
    Expr* stringLiteral();
    Expr* formattedString(const Token& token, std::string_view body, int line, int col, bool raw, std::vector<Expr*>& parts);
    Expr* binary(Expr* left, BinaryOp op, Expr* right, const Token& opToken);
    void checkDepth(Expr* e);
    void checkTarget(Expr* target, const char* context);
    void missingComma(Expr* previous);

    Ast& ast_;
    Lexer lexer_;
    std::deque<Token> lookahead_;
    Token last_;  // the most recently taken token
    // While an annotation is parsed: its source text, rebuilt from the tokens taken.
    std::string* annotationText_ = nullptr;
    int depth_ = 0;
};

// Decodes the body of a string literal (escapes unless raw). Throws SyntaxErrorException.
std::string decodeStringBody(std::string_view body, bool raw, int line, int col);

} // namespace awaitscope::script
