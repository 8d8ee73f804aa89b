// Scope analysis, as CPython's symtable.c: a first pass over the tree finds each scope's
// parameters, assigned, global, nonlocal and used names, then decides which are fast
// locals, which live in cells because an inner function reads them, and which are free.
#include "script/compile/SymbolTable.h"

#include <algorithm>

namespace awaitscope::script {

void SymbolTable::fail(const std::string& message, int line, int col) {
    throw SyntaxErrorException{{"SyntaxError", message, line, col + 1}};
}

Scope* SymbolTable::scopeOf(const void* node) const {
    auto found = scopeOf_.find(node);
    return found == scopeOf_.end() ? nullptr : found->second;
}

Scope* SymbolTable::newScope(int type, Scope* parent, const std::string& name, int line, int col) {
    scopes_.push_back(std::make_unique<Scope>());
    Scope* scope = scopes_.back().get();
    scope->type = type;
    scope->parent = parent;
    scope->name = name;
    scope->line = line;
    scope->col = col;
    if (parent) {
        parent->children.push_back(scope);
        if (parent->type == ModuleScope)
            scope->qualname = name;
        else if (parent->type == ClassScope)
            scope->qualname = parent->qualname + "." + name;
        else
            scope->qualname = parent->qualname + ".<locals>." + name;
    } else {
        scope->qualname = name;
    }
    return scope;
}

SymbolTable::SymbolTable(Ast& ast) {
    module_ = newScope(ModuleScope, nullptr, "<module>", 1, 0);
    Scope* module = module_;
    collectStatements(module, ast.body);
    for (auto& scope : scopes_)
        if (scope->type == FunctionScope) {
            for (const std::string& p : scope->params)
                scope->locals.insert(p);
            for (const std::string& id : scope->assignedOrder)
                if (!scope->globals.count(id) && !scope->nonlocals.count(id))
                    scope->locals.insert(id);
        }
    for (auto& scope : scopes_)
        resolve(scope.get());
}

void SymbolTable::resolve(Scope* scope) {
    if (scope->type == ModuleScope)
        return;
    std::set<std::string> candidates = scope->used;
    for (const std::string& id : scope->nonlocals)
        candidates.insert(id);
    for (const std::string& id : candidates) {
        if (scope->globals.count(id))
            continue;
        if (scope->type == FunctionScope && scope->isLocal(id))
            continue;
        if (scope->type == ClassScope && scope->assigned.count(id))
            continue;
        // Find the nearest enclosing function that binds it.
        Scope* owner = nullptr;
        for (Scope* outer = scope->parent; outer && outer->type != ModuleScope; outer = outer->parent) {
            if (outer->type != FunctionScope)
                continue;
            if (outer->globals.count(id))
                break;
            if (outer->isLocal(id)) {
                owner = outer;
                break;
            }
        }
        if (!owner) {
            if (scope->nonlocals.count(id))
                fail("no binding for nonlocal '" + id + "' found", scope->line, scope->col);
            continue;
        }
        owner->addCell(id);
        for (Scope* s = scope; s != owner; s = s->parent)
            s->addFree(id);
    }
}

void SymbolTable::collectStatements(Scope* scope, const std::vector<Stmt*>& body) {
    for (Stmt* s : body)
        collectStatement(scope, s);
}

void SymbolTable::collectTarget(Scope* scope, Expr* target) {
    switch (target->kind) {
    case ExprKind::Name:
        scope->assign(target->text);
        break;
    case ExprKind::Tuple:
    case ExprKind::List:
        for (Expr* e : target->elts)
            collectTarget(scope, e);
        break;
    case ExprKind::Starred:
        collectTarget(scope, target->a);
        break;
    default:
        collectExpr(scope, target);
    }
}

// A pattern binds its captures (and `as`, `*rest`, `**rest` names); its values, classes and
// mapping keys are expressions read in the enclosing scope.
void SymbolTable::collectPattern(Scope* scope, Pattern* p) {
    if (!p)
        return;
    if (!p->name.empty())
        scope->assign(p->name);
    collectExpr(scope, p->value);
    collectExpr(scope, p->cls);
    for (Expr* key : p->keys)
        collectExpr(scope, key);
    for (Pattern* sub : p->patterns)
        collectPattern(scope, sub);
    for (Pattern* sub : p->kwPatterns)
        collectPattern(scope, sub);
}

void SymbolTable::collectFunction(Scope* scope, FunctionDef* function, const void* key, int line, int col) {
    for (Expr* d : function->decorators)
        collectExpr(scope, d);
    for (Parameter& p : function->positional)
        if (p.defaultValue)
            collectExpr(scope, p.defaultValue);
    for (Parameter& p : function->kwonly)
        if (p.defaultValue)
            collectExpr(scope, p.defaultValue);
    // Annotations are evaluated where the def is, as its defaults are.
    for (Parameter& p : function->positional)
        collectExpr(scope, p.annotation);
    for (Parameter& p : function->kwonly)
        collectExpr(scope, p.annotation);
    collectExpr(scope, function->varargsAnnotation);
    collectExpr(scope, function->kwargsAnnotation);
    collectExpr(scope, function->returns);
    Scope* child = newScope(FunctionScope, scope, function->name, line, col);
    child->function = function;
    child->isAsync = function->isAsync;
    child->isLambda = function->isLambda;
    for (Parameter& p : function->positional)
        child->params.push_back(p.name);
    for (Parameter& p : function->kwonly)
        child->params.push_back(p.name);
    if (!function->varargs.empty())
        child->params.push_back(function->varargs);
    if (!function->kwargs.empty())
        child->params.push_back(function->kwargs);
    scopeOf_[key] = child;
    collectStatements(child, function->body);
}

void SymbolTable::collectComprehension(Scope* scope, Expr* e, const char* name) {
    collectExpr(scope, e->generators.front().iter);
    Scope* child = newScope(FunctionScope, scope, name, e->line, e->col);
    child->isComprehension = true;
    child->params.push_back(".0");
    scopeOf_[e] = child;
    bool asyncFor = false;
    for (std::size_t i = 0; i < e->generators.size(); ++i) {
        Comprehension& g = e->generators[i];
        asyncFor = asyncFor || g.isAsync;
        if (i > 0)
            collectExpr(child, g.iter);
        collectTarget(child, g.target);
        for (Expr* cond : g.ifs)
            collectExpr(child, cond);
    }
    if (e->a)
        collectExpr(child, e->a);
    if (e->b)
        collectExpr(child, e->b);
    if (e->kind == ExprKind::GeneratorExp) {
        child->isGenerator = true;
        // With `async for` or `await` it is an async generator expression, allowed anywhere.
        child->isAsync = asyncFor || child->hasAwait;
    } else if (child->hasAwait || asyncFor) {
        // A comprehension with `await` or `async for` inside an async function becomes a
        // coroutine that the enclosing function awaits, as in CPython.
        Scope* enclosing = scope;
        while (enclosing && enclosing->isComprehension)
            enclosing = enclosing->parent;
        if (enclosing && enclosing->type == FunctionScope && enclosing->isAsync) {
            child->isAsync = true;
            scope->hasAwait = true;
        } else if (asyncFor) {
            fail("asynchronous comprehension outside of an asynchronous function", e->line, e->col);
        }
    }
}

void SymbolTable::collectExpr(Scope* scope, Expr* e) {
    if (!e)
        return;
    switch (e->kind) {
    case ExprKind::Name:
        scope->used.insert(e->text);
        return;
    case ExprKind::Lambda:
        collectFunction(scope, e->function, e, e->line, e->col);
        return;
    case ExprKind::ListComp:
        collectComprehension(scope, e, "<listcomp>");
        return;
    case ExprKind::SetComp:
        collectComprehension(scope, e, "<setcomp>");
        return;
    case ExprKind::DictComp:
        collectComprehension(scope, e, "<dictcomp>");
        return;
    case ExprKind::GeneratorExp:
        collectComprehension(scope, e, "<genexpr>");
        return;
    case ExprKind::NamedExpr:
        collectExpr(scope, e->b);
        if (scope->isComprehension && e->a->kind == ExprKind::Name) {
            // PEP 572: the target belongs to the scope around the comprehensions.
            Scope* owner = scope;
            while (owner->isComprehension)
                owner = owner->parent;
            if (owner->type == ClassScope)
                fail("assignment expression within a comprehension cannot be used in a class body", e->line, e->col);
            const std::string& id = e->a->text;
            for (Scope* s = scope; s != owner; s = s->parent) {
                if (s->assigned.count(id))
                    fail("assignment expression cannot rebind comprehension iteration variable '" + id + "'", e->line,
                         e->col);
                (owner->type == ModuleScope || owner->globals.count(id) ? s->globals : s->nonlocals).insert(id);
            }
            owner->assign(id);
            return;
        }
        collectTarget(scope, e->a);
        return;
    case ExprKind::Await:
        scope->hasAwait = true;
        break;
    case ExprKind::Yield:
        scope->isGenerator = true;
        break;
    default:
        break;
    }
    collectExpr(scope, e->a);
    collectExpr(scope, e->b);
    collectExpr(scope, e->c);
    for (Expr* x : e->elts)
        collectExpr(scope, x);
    for (Expr* x : e->values)
        collectExpr(scope, x);
}

void SymbolTable::collectStatement(Scope* scope, Stmt* s) {
    switch (s->kind) {
    case StmtKind::FunctionDef:
        scope->assign(s->function->name);
        collectFunction(scope, s->function, s, s->line, s->col);
        return;
    case StmtKind::ClassDef: {
        for (Expr* d : s->function->decorators)
            collectExpr(scope, d);
        for (Expr* base : s->targets)
            collectExpr(scope, base);
        scope->assign(s->name);
        Scope* child = newScope(ClassScope, scope, s->name, s->line, s->col);
        scopeOf_[s] = child;
        collectStatements(child, s->body);
        return;
    }
    case StmtKind::Assign:
    case StmtKind::AugAssign:
    case StmtKind::AnnAssign:
        // A module's or class's annotation is evaluated; a function's local one is not.
        if (s->kind == StmtKind::AnnAssign && scope->type != FunctionScope)
            collectExpr(scope, s->test);
        collectExpr(scope, s->value);
        for (Expr* t : s->targets) {
            collectTarget(scope, t);
            if (s->kind == StmtKind::AugAssign && t->kind == ExprKind::Name)
                scope->used.insert(t->text);
        }
        return;
    case StmtKind::For:
        collectExpr(scope, s->value);
        collectTarget(scope, s->targets[0]);
        collectStatements(scope, s->body);
        collectStatements(scope, s->orelse);
        return;
    case StmtKind::With:
        for (WithItem& item : s->items) {
            collectExpr(scope, item.context);
            if (item.target)
                collectTarget(scope, item.target);
        }
        collectStatements(scope, s->body);
        return;
    case StmtKind::Try:
        collectStatements(scope, s->body);
        for (ExceptHandler& h : s->handlers) {
            collectExpr(scope, h.type);
            if (!h.name.empty())
                scope->assign(h.name);
            collectStatements(scope, h.body);
        }
        collectStatements(scope, s->orelse);
        collectStatements(scope, s->finalbody);
        return;
    case StmtKind::Match:
        collectExpr(scope, s->value);
        for (MatchCase& c : s->cases) {
            collectPattern(scope, c.pattern);
            collectExpr(scope, c.guard);
            collectStatements(scope, c.body);
        }
        return;
    case StmtKind::Import:
        for (std::size_t i = 0; i < s->names.size(); ++i) {
            const std::string& dotted = s->names[i];
            scope->assign(!s->asnames[i].empty() ? s->asnames[i] : dotted.substr(0, dotted.find('.')));
        }
        return;
    case StmtKind::ImportFrom:
        if (s->names.size() == 1 && s->names[0] == "*") {
            if (scope->type != ModuleScope)
                fail("import * only allowed at module level", s->line, s->col);
            return;
        }
        for (std::size_t i = 0; i < s->names.size(); ++i)
            scope->assign(!s->asnames[i].empty() ? s->asnames[i] : s->names[i]);
        return;
    case StmtKind::Global:
        for (const std::string& id : s->names) {
            if (scope->params.end() != std::find(scope->params.begin(), scope->params.end(), id))
                fail("name '" + id + "' is parameter and global", s->line, s->col);
            scope->globals.insert(id);
        }
        return;
    case StmtKind::Nonlocal:
        if (scope->type == ModuleScope)
            fail("nonlocal declaration not allowed at module level", s->line, s->col);
        for (const std::string& id : s->names)
            scope->nonlocals.insert(id);
        return;
    case StmtKind::Delete:
        for (Expr* t : s->targets)
            collectTarget(scope, t);
        return;
    default:
        break;
    }
    collectExpr(scope, s->value);
    collectExpr(scope, s->test);
    collectExpr(scope, s->cause);
    for (Expr* t : s->targets)
        collectExpr(scope, t);
    collectStatements(scope, s->body);
    collectStatements(scope, s->orelse);
    collectStatements(scope, s->finalbody);
}

} // namespace awaitscope::script
