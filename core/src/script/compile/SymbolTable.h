#pragma once

// The scopes of a module: for each function, class, lambda and comprehension, which names are
// its fast locals, cells (read by an inner function), free variables (an outer function's
// cells) and globals, so that closures work as in CPython. The compiler asks it for the scope
// each definition opens. Errors CPython's symtable reports ("no binding for nonlocal 'x'
// found", "name 'x' is parameter and global", ...) come out as SyntaxErrorException.
#include "script/compile/Ast.h"
#include "script/compile/Lexer.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace awaitscope::script {

enum ScopeType { ModuleScope, FunctionScope, ClassScope };

struct Scope {
    int type = ModuleScope;
    Scope* parent = nullptr;
    std::string name;
    std::string qualname;
    int line = 0;
    int col = 0;
    FunctionDef* function = nullptr;
    std::vector<std::string> params;
    std::vector<std::string> assignedOrder;
    std::set<std::string> assigned;
    std::set<std::string> globals;
    std::set<std::string> nonlocals;
    std::set<std::string> used;
    std::vector<Scope*> children;
    bool isAsync = false;
    bool isGenerator = false;
    bool isComprehension = false;
    bool isLambda = false;
    bool hasAwait = false;
    // Resolution results.
    std::set<std::string> locals;
    std::vector<std::string> cellOrder;
    std::vector<std::string> freeOrder;

    void assign(const std::string& id) {
        if (assigned.insert(id).second)
            assignedOrder.push_back(id);
    }
    bool isLocal(const std::string& id) const { return locals.count(id) > 0; }
    int cellIndex(const std::string& id) const {
        auto found = std::find(cellOrder.begin(), cellOrder.end(), id);
        return found == cellOrder.end() ? -1 : static_cast<int>(found - cellOrder.begin());
    }
    int freeIndex(const std::string& id) const {
        auto found = std::find(freeOrder.begin(), freeOrder.end(), id);
        return found == freeOrder.end() ? -1 : static_cast<int>(found - freeOrder.begin());
    }
    void addFree(const std::string& id) {
        if (freeIndex(id) < 0)
            freeOrder.push_back(id);
    }
    void addCell(const std::string& id) {
        if (cellIndex(id) < 0)
            cellOrder.push_back(id);
    }
};

class SymbolTable {
public:
    explicit SymbolTable(Ast& ast);
    Scope* module() const { return module_; }
    // The scope a def, lambda, class or comprehension opens (keyed by its node).
    Scope* scopeOf(const void* node) const;

private:
    Scope* newScope(int type, Scope* parent, const std::string& name, int line, int col);
    void collectStatements(Scope* scope, const std::vector<Stmt*>& body);
    void collectStatement(Scope* scope, Stmt* s);
    void collectExpr(Scope* scope, Expr* e);
    void collectTarget(Scope* scope, Expr* target);
    void collectPattern(Scope* scope, Pattern* pattern);
    void collectFunction(Scope* scope, FunctionDef* function, const void* key, int line, int col);
    void collectComprehension(Scope* scope, Expr* e, const char* name);
    void resolve(Scope* scope);
    [[noreturn]] static void fail(const std::string& message, int line, int col);

    std::vector<std::unique_ptr<Scope>> scopes_;
    std::map<const void*, Scope*> scopeOf_;
    Scope* module_ = nullptr;
};

} // namespace awaitscope::script
