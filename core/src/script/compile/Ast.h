#pragma once

// The syntax tree. Nodes are "fat" structs (one per family, fields used as the kind needs)
// owned flat by an Ast arena, so freeing a deep tree never recurses.
#include "script/objects/Operators.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace awaitscope::script {

enum class ExprKind : std::uint8_t {
    Name,
    Int,
    Float,
    Str,
    Bytes,           // text: the bytes
    Bool,
    NoneLiteral,
    EllipsisLiteral,
    JoinedStr,       // f-string: elts are Str and FormattedValue parts
    FormattedValue,  // a: value; b: format spec (JoinedStr) or null; op: conversion char or 0
    List,
    Tuple,
    Set,
    Dict,            // elts: keys (null for **mapping); values: values
    ListComp,        // a: element
    SetComp,
    DictComp,        // a: key, b: value
    GeneratorExp,
    BinOp,           // op: BinaryOp
    UnaryOp,         // op: UnaryOp
    BoolOp,          // op: 0 and, 1 or; elts: operands
    Compare,         // a: left; ops; elts: comparators
    Call,            // a: function; elts: positional (Starred for *x); values + keywords ("" for **x)
    Attribute,       // a: value; text: name
    Subscript,       // a: value; b: index
    Slice,           // a, b, c: lower, upper, step (each may be null)
    Starred,         // a
    IfExp,           // a: body, b: test, c: orelse
    Lambda,          // function
    Await,           // a
    Yield,           // a (may be null)
    NamedExpr,       // a: target, b: value
};


struct Expr;
struct Stmt;

struct Comprehension {
    Expr* target = nullptr;
    Expr* iter = nullptr;
    std::vector<Expr*> ifs;
    bool isAsync = false;
};

struct Parameter {
    std::string name;
    Expr* defaultValue = nullptr;
    Expr* annotation = nullptr;
    int line = 0;
    int col = 0;
};

struct FunctionDef {
    std::string name;
    std::vector<Parameter> positional;  // positional-or-keyword (positional-only merged in)
    std::string varargs;                // "" when absent
    std::vector<Parameter> kwonly;
    std::string kwargs;
    Expr* varargsAnnotation = nullptr;
    Expr* kwargsAnnotation = nullptr;
    Expr* returns = nullptr;            // the -> annotation
    std::vector<Stmt*> body;            // lambda: one Return statement
    std::vector<Expr*> decorators;
    bool isAsync = false;
    bool isLambda = false;
    int line = 0;
    int col = 0;
};

struct Expr {
    ExprKind kind = ExprKind::Name;
    int line = 0;
    int col = 0;
    int endLine = 0;
    int endCol = 0;
    int op = 0;
    int depth = 1;  // nesting depth, to refuse trees that would exhaust the stack
    bool parenthesized = false;
    std::int64_t intValue = 0;
    double floatValue = 0;
    std::string text;
    Expr* a = nullptr;
    Expr* b = nullptr;
    Expr* c = nullptr;
    std::vector<Expr*> elts;
    std::vector<Expr*> values;
    std::vector<std::string> keywords;
    std::vector<int> ops;
    std::vector<Comprehension> generators;
    FunctionDef* function = nullptr;
};

enum class StmtKind : std::uint8_t {
    ExprStmt,    // value
    Assign,      // targets (chain), value
    AugAssign,   // targets[0], op, value
    AnnAssign,   // targets[0], value (may be null); test: the annotation, name: its text
    Pass,
    Break,
    Continue,
    Return,      // value (may be null)
    Raise,       // value (exception, may be null), cause
    Global,      // names
    Nonlocal,    // names
    Delete,      // targets
    Assert,      // test, value (message)
    Import,      // names (dotted), asnames
    ImportFrom,  // module, names, asnames
    If,          // test, body, orelse
    While,       // test, body, orelse
    For,         // targets[0], value (iter), body, orelse, isAsync
    Try,         // body, handlers, orelse, finalbody, star
    With,        // items, body, isAsync
    FunctionDef, // function
    ClassDef,    // name, bases (targets), body, decorators (via function->decorators)
    Match,       // value (subject), cases
};

enum class PatternKind : std::uint8_t {
    Value,      // value: a literal or dotted name, compared with ==
    Singleton,  // value: None, True or False, compared with `is`
    Capture,    // name ("" for the wildcard _)
    Sequence,   // patterns (one Star at most)
    Star,       // name ("" for *_)
    Mapping,    // keys, patterns; name: the **rest capture ("" when absent)
    Class,      // cls; patterns (positional); attrs with kwPatterns
    Or,         // patterns
    As,         // patterns[0] (null for a bare capture), name
};

struct Pattern {
    PatternKind kind = PatternKind::Capture;
    int line = 0;
    int col = 0;
    int endLine = 0;
    int endCol = 0;
    Expr* value = nullptr;
    Expr* cls = nullptr;
    std::string name;
    std::vector<Pattern*> patterns;
    std::vector<Expr*> keys;
    std::vector<std::string> attrs;
    std::vector<Pattern*> kwPatterns;
};

struct MatchCase {
    Pattern* pattern = nullptr;
    Expr* guard = nullptr;
    std::vector<Stmt*> body;
    int line = 0;
    int col = 0;
};

struct ExceptHandler {
    Expr* type = nullptr;  // null: bare except
    std::string name;
    std::vector<Stmt*> body;
    int line = 0;
    int col = 0;
};

struct WithItem {
    Expr* context = nullptr;
    Expr* target = nullptr;
};

struct Stmt {
    StmtKind kind = StmtKind::Pass;
    int line = 0;
    int col = 0;
    int endLine = 0;
    int endCol = 0;
    int op = 0;
    bool isAsync = false;
    bool star = false;  // except*
    std::vector<Expr*> targets;
    Expr* value = nullptr;
    Expr* test = nullptr;
    Expr* cause = nullptr;
    std::vector<Stmt*> body;
    std::vector<Stmt*> orelse;
    std::vector<Stmt*> finalbody;
    std::vector<ExceptHandler> handlers;
    std::vector<WithItem> items;
    std::vector<MatchCase> cases;
    std::vector<std::string> names;
    std::vector<std::string> asnames;
    std::string module;
    std::string name;
    int level = 0;  // relative import dots
    FunctionDef* function = nullptr;
};

class Ast {
public:
    Expr* expr(ExprKind kind, int line, int col) {
        exprs_.push_back(std::make_unique<Expr>());
        Expr* e = exprs_.back().get();
        e->kind = kind;
        e->line = e->endLine = line;
        e->col = e->endCol = col;
        return e;
    }
    Stmt* stmt(StmtKind kind, int line, int col) {
        stmts_.push_back(std::make_unique<Stmt>());
        Stmt* s = stmts_.back().get();
        s->kind = kind;
        s->line = s->endLine = line;
        s->col = s->endCol = col;
        return s;
    }
    FunctionDef* function() {
        functions_.push_back(std::make_unique<FunctionDef>());
        return functions_.back().get();
    }
    Pattern* pattern(PatternKind kind, int line, int col) {
        patterns_.push_back(std::make_unique<Pattern>());
        Pattern* p = patterns_.back().get();
        p->kind = kind;
        p->line = p->endLine = line;
        p->col = p->endCol = col;
        return p;
    }

    std::vector<Stmt*> body;
    std::string docstring;  // the module docstring, if any
    bool futureAnnotations = false;  // `from __future__ import annotations`: annotations stay text
    std::map<const Expr*, std::string> annotationTexts;  // each annotation's text, as CPython prints it

private:
    std::vector<std::unique_ptr<Expr>> exprs_;
    std::vector<std::unique_ptr<Stmt>> stmts_;
    std::vector<std::unique_ptr<FunctionDef>> functions_;
    std::vector<std::unique_ptr<Pattern>> patterns_;
};

} // namespace awaitscope::script
