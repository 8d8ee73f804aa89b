#pragma once

// Turns a syntax tree into code objects: the symbol table (compile/SymbolTable.h) tells each
// scope's local, cell, free and global names, then the compiler emits instructions. Errors that
// CPython reports while compiling ('return' outside function, 'await' outside async
// function, ...) come out as SyntaxErrorException with its wording.
#include "script/compile/Ast.h"
#include "script/vm/Code.h"
#include "script/compile/Lexer.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::script {

class Interpreter;
class SymbolTable;
struct Scope;

class Compiler {
public:
    Compiler(Interpreter& interp, Program& program);
    ~Compiler();
    // Compiles the module; fills program.module. Throws SyntaxErrorException.
    void compileModule(Ast& ast);
    // Compiles a module other than the script (a library module): returns its code.
    CodeObject* compileModuleCode(Ast& ast);

private:
    struct Unit;
    struct FBlock;

    // Code generation
    CodeObject* compileScope(Scope* scope, const std::function<void()>& body);
    void emit(Op op, std::int32_t arg = 0);
    int newLabel();
    void bind(int label);
    void emitJump(Op op, int label);
    void emitBackEdge(const std::vector<Stmt*>& body, int start);
    int constant(const Value& value);
    int constantInt(std::int64_t value);
    int constantStr(const std::string& text);
    int name(const std::string& text);
    int hiddenLocal(const std::string& prefix);
    void finishCode(CodeObject* code);
    [[noreturn]] void fail(const std::string& message, int line, int col);

    void statements(const std::vector<Stmt*>& body);
    void statement(Stmt* s);
    void assignStatement(Stmt* s);
    void augAssign(Stmt* s);
    void returnStatement(Stmt* s);
    void breakOrContinue(Stmt* s, bool isBreak);
    void raiseStatement(Stmt* s);
    void ifStatement(Stmt* s);
    void whileStatement(Stmt* s);
    void forStatement(Stmt* s);
    void awaitNextItem(int exhausted);
    void tryStatement(Stmt* s);
    void tryExcept(Stmt* s);
    void tryExceptStar(Stmt* s);
    void tryFinally(Stmt* s, const std::function<void()>& body);
    void whileHandling(int slot, const std::string& name, const std::function<void()>& body);
    void withStatement(Stmt* s, std::size_t item);
    struct PatternContext;
    void matchStatement(Stmt* s);
    void matchPattern(Pattern* p, int subject, int failLabel, PatternContext& pc);
    void matchSubpattern(Pattern* p, int subject, int failLabel, PatternContext& pc);
    void captureName(const std::string& id, int subject, PatternContext& pc);
    void jumpUnlessLength(int subject, CompareOp op, std::size_t n, int failLabel);
    void functionDef(Stmt* s);
    void classDef(Stmt* s);
    void importStatement(Stmt* s);
    void importFrom(Stmt* s);
    void deleteTarget(Expr* target);
    void unwind(const FBlock& block, bool preserveTop);
    int defaultArguments(FunctionDef* function);
    void makeFunction(Scope* child, CodeObject* code, int flags);

    void expr(Expr* e);
    void storeTarget(Expr* target);
    void loadName(const std::string& id);
    void storeName(const std::string& id);
    void deleteName(const std::string& id);
    struct NameOps {
        Op global, name, deref, fast;
    };
    void storeOrDeleteName(const std::string& id, const NameOps& ops);
    void call(Expr* e);
    void sequence(Expr* e, Op build, Op append, Op extend);
    void dict(Expr* e);
    void compare(Expr* e);
    void boolOp(Expr* e);
    void comprehension(Expr* e);
    void comprehensionLoop(Expr* e, std::size_t index, int depth);
    void joinedStr(Expr* e);
    void lambda(Expr* e);
    void condition(Expr* e, int falseLabel);

    Interpreter& interp_;
    Program& program_;
    SymbolTable* symbols_ = nullptr;  // of the module being compiled
    Unit* unit_ = nullptr;
    std::string docstring_;
    const Ast* ast_ = nullptr;
    bool futureAnnotations_ = false;  // `from __future__ import annotations`: annotations as text
    void setupAnnotations(const std::vector<Stmt*>& body);
    void functionAnnotations(FunctionDef* f);
};

} // namespace awaitscope::script
