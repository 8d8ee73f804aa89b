#include "script/compile/Compiler.h"

#include "script/compile/SymbolTable.h"

#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <set>

namespace awaitscope::script {

namespace {

enum class FBlockKind { WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, HandlerCleanup, With, AsyncWith, ExceptStar };

} // namespace

struct Compiler::FBlock {
    explicit FBlock(FBlockKind kind_ = FBlockKind::WhileLoop, int start_ = -1, int exit_ = -1) : kind(kind_), start(start_), exit(exit_) {}
    FBlockKind kind;
    int start = -1;  // loops: continue target
    int exit = -1;   // loops: break target
    const std::vector<Stmt*>* finalbody = nullptr;
    std::string name;  // handler's `as` name
    int slot = -1;     // hidden local holding the exception being handled
};

struct Compiler::Unit {
    CodeObject* code = nullptr;
    Scope* scope = nullptr;
    std::vector<FBlock> fblocks;
    std::vector<int> labels;                                // label -> instruction index
    std::vector<std::pair<std::size_t, int>> jumps;         // instruction -> label
    CodeLocation location;
    std::map<std::string, int> strConsts;
    std::map<std::int64_t, int> intConsts;
    std::map<std::string, int> names;
    int hiddenCounter = 0;
    int retvalSlot = -1;
    int noneConst = -1;
};

namespace {

struct LocationScope {
    CodeLocation& target;
    CodeLocation saved;
    LocationScope(CodeLocation& t, int line, int col) : target(t), saved(t) {
        target = {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
    }
    ~LocationScope() { target = saved; }
};

} // namespace

Compiler::Compiler(Interpreter& interp, Program& program) : interp_(interp), program_(program) {}
Compiler::~Compiler() = default;

void Compiler::fail(const std::string& message, int line, int col) {
    throw SyntaxErrorException{{"SyntaxError", message, line, col + 1}};
}

// ---------------------------------------------------------------- scope analysis

// ---------------------------------------------------------------- emission helpers

void Compiler::emit(Op op, std::int32_t arg) {
    unit_->code->code.push_back({op, arg});
    unit_->code->locations.push_back(unit_->location);
}

int Compiler::newLabel() {
    unit_->labels.push_back(-1);
    return static_cast<int>(unit_->labels.size() - 1);
}

void Compiler::bind(int label) { unit_->labels[static_cast<std::size_t>(label)] = static_cast<int>(unit_->code->code.size()); }

void Compiler::emitJump(Op op, int label) {
    unit_->jumps.emplace_back(unit_->code->code.size(), label);
    emit(op, label);
}

void Compiler::emitBackEdge(const std::vector<Stmt*>& body, int start) {
    // As CPython does, the jump back to a `for` loop's top carries the line of the body's last
    // statement: whoever looks at a long-running loop there (a CPU block's site, a profiler)
    // sees the line doing the work, not the loop header.
    const Stmt* last = body.empty() ? nullptr : body.back();
    LocationScope location(unit_->location, last ? last->line : static_cast<int>(unit_->location.line),
                           last ? last->col : static_cast<int>(unit_->location.col));
    emitJump(Op::Jump, start);
}

int Compiler::constant(const Value& value) {
    unit_->code->consts.push_back(value);
    return static_cast<int>(unit_->code->consts.size() - 1);
}

int Compiler::constantInt(std::int64_t value) {
    auto [it, inserted] = unit_->intConsts.emplace(value, 0);
    if (inserted)
        it->second = constant(Value::integer(value));
    return it->second;
}

int Compiler::constantStr(const std::string& text) {
    auto [it, inserted] = unit_->strConsts.emplace(text, 0);
    if (inserted)
        it->second = constant(interp_.intern(text));
    return it->second;
}

int Compiler::name(const std::string& text) {
    auto [it, inserted] = unit_->names.emplace(text, 0);
    if (inserted) {
        unit_->code->names.push_back(interp_.intern(text));
        it->second = static_cast<int>(unit_->code->names.size() - 1);
    }
    return it->second;
}

int Compiler::hiddenLocal(const std::string& prefix) {
    const std::string id = "." + prefix + std::to_string(unit_->hiddenCounter++);
    unit_->code->localNames.push_back(interp_.intern(id));
    return unit_->code->localCount() - 1;
}

void Compiler::finishCode(CodeObject* code) {
    // Resolve labels.
    for (auto [at, label] : unit_->jumps)
        code->code[at].arg = unit_->labels[static_cast<std::size_t>(label)];
    // Stack depth and block depth by flow analysis.
    const std::size_t n = code->code.size();
    std::vector<int> depth(n + 1, -1);
    std::vector<int> blocks(n + 1, -1);
    std::vector<std::size_t> work{0};
    depth[0] = 0;
    blocks[0] = 0;
    int maxDepth = 0;
    int maxBlocks = 0;
    auto visit = [&](std::size_t target, int d, int b) {
        if (target > n)
            return;
        if (depth[target] < 0) {
            depth[target] = d;
            blocks[target] = b;
            work.push_back(target);
        }
    };
    while (!work.empty()) {
        const std::size_t i = work.back();
        work.pop_back();
        if (i >= n)
            continue;
        const Instr& in = code->code[i];
        int fall = 0;
        int jump = 0;
        stackEffect(in, fall, jump);
        const int d = depth[i];
        int b = blocks[i];
        maxDepth = std::max({maxDepth, d, d + fall, d + jump});
        if (in.op == Op::SetupFinally) {
            maxBlocks = std::max(maxBlocks, b + 1);
            visit(static_cast<std::size_t>(in.arg), d + jump, b);
            visit(i + 1, d + fall, b + 1);
            continue;
        }
        if (in.op == Op::PopBlock)
            b = std::max(0, b - 1);
        const Flow flow = opFlow(in.op);
        if (flow == Flow::Branch || flow == Flow::Jump)
            visit(static_cast<std::size_t>(in.arg), d + jump, b);
        if (flow == Flow::Next || flow == Flow::Branch)
            visit(i + 1, d + fall, b);
    }
    code->stackSize = maxDepth + 2;
    code->blockDepth = maxBlocks;
    if (maxBlocks > kMaxBlocks)
        fail("too many statically nested blocks", static_cast<int>(code->firstLine), 0);
}

CodeObject* Compiler::compileScope(Scope* scope, const std::function<void()>& body) {
    Unit unit;
    unit.scope = scope;
    unit.code = program_.newCode();
    Unit* parent = unit_;
    unit_ = &unit;
    CodeObject* code = unit.code;
    code->name = scope->name;
    code->qualname = scope->qualname;
    code->firstLine = static_cast<std::uint32_t>(scope->line);
    code->isModule = scope->type == ModuleScope;
    code->isClassBody = scope->type == ClassScope;
    code->isCoroutine = scope->isAsync && !scope->isGenerator;
    code->isGenerator = scope->isGenerator && !scope->isAsync;
    code->isAsyncGenerator = scope->isGenerator && scope->isAsync;
    unit.location = {static_cast<std::uint32_t>(scope->line), static_cast<std::uint32_t>(scope->col)};
    if (scope->type == FunctionScope) {
        // Parameters first: positional, keyword-only, *args, **kwargs; then the other locals.
        for (const std::string& p : scope->params)
            code->localNames.push_back(interp_.intern(p));
        for (const std::string& id : scope->assignedOrder)
            if (scope->isLocal(id) &&
                std::find(scope->params.begin(), scope->params.end(), id) == scope->params.end())
                code->localNames.push_back(interp_.intern(id));
        if (FunctionDef* f = scope->function) {
            code->argCount = static_cast<int>(f->positional.size());
            code->kwOnlyCount = static_cast<int>(f->kwonly.size());
            code->hasVarargs = !f->varargs.empty();
            code->hasVarkw = !f->kwargs.empty();
        } else {
            code->argCount = 1;  // comprehension: the iterator
        }
        for (const std::string& id : scope->cellOrder) {
            code->cellNames.push_back(interp_.intern(id));
            auto p = std::find(scope->params.begin(), scope->params.end(), id);
            code->cellToArg.push_back(p == scope->params.end() ? -1 : static_cast<std::int32_t>(p - scope->params.begin()));
        }
        code->simpleArgs = !code->hasVarargs && !code->hasVarkw && code->kwOnlyCount == 0 &&
                           std::all_of(code->cellToArg.begin(), code->cellToArg.end(), [](int a) { return a < 0; });
    } else {
        for (const std::string& id : scope->cellOrder) {
            code->cellNames.push_back(interp_.intern(id));
            code->cellToArg.push_back(-1);
        }
    }
    for (const std::string& id : scope->freeOrder)
        code->freeNames.push_back(interp_.intern(id));
    body();
    finishCode(code);
    unit_ = parent;
    return code;
}

void Compiler::makeFunction(Scope* child, CodeObject* code, int flags) {
    if (!child->freeOrder.empty()) {
        for (const std::string& id : child->freeOrder) {
            int index = unit_->scope->cellIndex(id);
            if (index < 0)
                index = static_cast<int>(unit_->scope->cellOrder.size()) + unit_->scope->freeIndex(id);
            emit(Op::LoadClosure, index);
        }
        emit(Op::BuildTuple, static_cast<int>(child->freeOrder.size()));
        flags |= kMakeFunctionClosure;
    }
    unit_->code->children.push_back(code);
    emit(Op::MakeFunction, static_cast<int>(unit_->code->children.size() - 1) | (flags << 24));
}

// ---------------------------------------------------------------- module

void Compiler::compileModule(Ast& ast) { program_.module = compileModuleCode(ast); }

CodeObject* Compiler::compileModuleCode(Ast& ast) {
    SymbolTable symbols(ast);
    symbols_ = &symbols;
    futureAnnotations_ = ast.futureAnnotations;
    ast_ = &ast;
    Scope* module = symbols.module();
    CodeObject* code = compileScope(module, [&] {
        if (!ast.docstring.empty()) {
            emit(Op::LoadConst, constantStr(ast.docstring));
            emit(Op::StoreGlobal, name("__doc__"));
        }
        std::vector<Stmt*> body = ast.body;
        setupAnnotations(body);
        statements(body);
        emit(Op::LoadConst, constant(Value::none()));
        emit(Op::ReturnValue);
    });
    symbols_ = nullptr;
    return code;
}

// ---------------------------------------------------------------- names

void Compiler::loadName(const std::string& id) {
    Scope* scope = unit_->scope;
    if (scope->type == ModuleScope) {
        emit(Op::LoadGlobal, name(id));
        return;
    }
    if (scope->type == ClassScope) {
        if (!scope->assigned.count(id) && !scope->globals.count(id)) {
            const int free = scope->freeIndex(id);
            if (free >= 0) {
                emit(Op::LoadDeref, static_cast<int>(scope->cellOrder.size()) + free);
                return;
            }
        }
        if (scope->globals.count(id))
            emit(Op::LoadGlobal, name(id));
        else
            emit(Op::LoadName, name(id));
        return;
    }
    if (scope->globals.count(id)) {
        emit(Op::LoadGlobal, name(id));
        return;
    }
    if (int cell = scope->cellIndex(id); cell >= 0) {
        emit(Op::LoadDeref, cell);
        return;
    }
    if (int free = scope->freeIndex(id); free >= 0) {
        emit(Op::LoadDeref, static_cast<int>(scope->cellOrder.size()) + free);
        return;
    }
    if (scope->isLocal(id)) {
        for (int i = 0; i < unit_->code->localCount(); ++i)
            if (unit_->code->localNames[static_cast<std::size_t>(i)].as<StrObject>()->text == id) {
                emit(Op::LoadFast, i);
                return;
            }
    }
    emit(Op::LoadGlobal, name(id));
}

// Store and delete resolve a name the same way; only the opcode family differs.
void Compiler::storeOrDeleteName(const std::string& id, const NameOps& ops) {
    Scope* scope = unit_->scope;
    if (scope->type == ModuleScope || scope->globals.count(id)) {
        emit(ops.global, name(id));
        return;
    }
    if (scope->type == ClassScope) {
        emit(ops.name, name(id));
        return;
    }
    if (int cell = scope->cellIndex(id); cell >= 0) {
        emit(ops.deref, cell);
        return;
    }
    if (int free = scope->freeIndex(id); free >= 0) {
        emit(ops.deref, static_cast<int>(scope->cellOrder.size()) + free);
        return;
    }
    for (int i = 0; i < unit_->code->localCount(); ++i)
        if (unit_->code->localNames[static_cast<std::size_t>(i)].as<StrObject>()->text == id) {
            emit(ops.fast, i);
            return;
        }
    emit(ops.global, name(id));
}

void Compiler::storeName(const std::string& id) {
    storeOrDeleteName(id, {Op::StoreGlobal, Op::StoreName, Op::StoreDeref, Op::StoreFast});
}

void Compiler::deleteName(const std::string& id) {
    storeOrDeleteName(id, {Op::DeleteGlobal, Op::DeleteName, Op::DeleteDeref, Op::DeleteFast});
}

// ---------------------------------------------------------------- statements

void Compiler::statements(const std::vector<Stmt*>& body) {
    for (Stmt* s : body)
        statement(s);
}

void Compiler::statement(Stmt* s) {
    LocationScope location(unit_->location, s->line, s->col);
    switch (s->kind) {
    case StmtKind::ExprStmt:
        if (s->value->kind == ExprKind::Str || s->value->kind == ExprKind::Bytes || s->value->kind == ExprKind::Int ||
            s->value->kind == ExprKind::Float || s->value->kind == ExprKind::NoneLiteral ||
            s->value->kind == ExprKind::EllipsisLiteral)
            return;  // docstrings and other constants do nothing
        expr(s->value);
        emit(Op::PopTop);
        return;
    case StmtKind::Assign:
        assignStatement(s);
        return;
    case StmtKind::AugAssign:
        augAssign(s);
        return;
    case StmtKind::AnnAssign: {
        if (s->value) {
            expr(s->value);
            storeTarget(s->targets[0]);
        }
        // A module or class keeps the annotations of its simple names in __annotations__,
        // evaluated (the text under `from __future__ import annotations`); a class also keeps
        // the text, for dataclasses (ClassVar, KW_ONLY), in __annotation_texts__, which
        // BuildClass takes out of its namespace. A function evaluates none of its locals'.
        const bool storing = unit_->scope->type == ClassScope || unit_->scope->type == ModuleScope;
        Expr* target = s->targets[0];
        if (!storing)
            return;
        const bool simple = target->kind == ExprKind::Name && !target->parenthesized;
        if (futureAnnotations_)
            emit(Op::LoadConst, constantStr(s->name));
        else
            expr(s->test);
        if (!simple) {
            emit(Op::PopTop);
            return;
        }
        loadName("__annotations__");
        emit(Op::LoadConst, constantStr(target->text));
        emit(Op::StoreSubscr);
        if (unit_->scope->type == ClassScope) {
            emit(Op::LoadConst, constantStr(s->name));
            loadName("__annotation_texts__");
            emit(Op::LoadConst, constantStr(target->text));
            emit(Op::StoreSubscr);
        }
        return;
    }
    case StmtKind::Pass:
        return;
    case StmtKind::Break:
        breakOrContinue(s, true);
        return;
    case StmtKind::Continue:
        breakOrContinue(s, false);
        return;
    case StmtKind::Return:
        returnStatement(s);
        return;
    case StmtKind::Raise:
        raiseStatement(s);
        return;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
        return;
    case StmtKind::Delete:
        for (Expr* t : s->targets)
            deleteTarget(t);
        return;
    case StmtKind::Assert: {
        const int done = newLabel();
        expr(s->test);
        emitJump(Op::PopJumpIfTrue, done);
        emit(Op::LoadAssertionError);
        if (s->value) {
            expr(s->value);
            emit(Op::Call, 1);
        }
        emit(Op::RaiseVarargs, 1);
        bind(done);
        return;
    }
    case StmtKind::Import:
        importStatement(s);
        return;
    case StmtKind::ImportFrom:
        importFrom(s);
        return;
    case StmtKind::If:
        ifStatement(s);
        return;
    case StmtKind::While:
        whileStatement(s);
        return;
    case StmtKind::For:
        forStatement(s);
        return;
    case StmtKind::Try:
        tryStatement(s);
        return;
    case StmtKind::With:
        if (s->isAsync && !(unit_->scope->type == FunctionScope && unit_->scope->isAsync))
            fail("'async with' outside async function", s->line, s->col);
        withStatement(s, 0);
        return;
    case StmtKind::FunctionDef:
        functionDef(s);
        return;
    case StmtKind::ClassDef:
        classDef(s);
        return;
    case StmtKind::Match:
        matchStatement(s);
        return;
    }
}

void Compiler::assignStatement(Stmt* s) {
    expr(s->value);
    for (std::size_t i = 0; i < s->targets.size(); ++i) {
        if (i + 1 < s->targets.size())
            emit(Op::DupTop);
        storeTarget(s->targets[i]);
    }
}

void Compiler::augAssign(Stmt* s) {
    Expr* target = s->targets[0];
    const int op = s->op | 0x100;
    switch (target->kind) {
    case ExprKind::Name:
        loadName(target->text);
        expr(s->value);
        emit(Op::BinaryOp, op);
        storeName(target->text);
        return;
    case ExprKind::Attribute:
        expr(target->a);
        emit(Op::DupTop);
        emit(Op::LoadAttr, name(target->text));
        expr(s->value);
        emit(Op::BinaryOp, op);
        emit(Op::RotTwo);
        emit(Op::StoreAttr, name(target->text));
        return;
    case ExprKind::Subscript:
        expr(target->a);
        expr(target->b);
        emit(Op::DupTopTwo);
        emit(Op::BinarySubscr);
        expr(s->value);
        emit(Op::BinaryOp, op);
        emit(Op::RotThree);
        emit(Op::StoreSubscr);
        return;
    default:
        fail("illegal expression for augmented assignment", target->line, target->col);
    }
}

void Compiler::storeTarget(Expr* target) {
    LocationScope location(unit_->location, target->line, target->col);
    switch (target->kind) {
    case ExprKind::Name:
        storeName(target->text);
        return;
    case ExprKind::Attribute:
        expr(target->a);
        emit(Op::StoreAttr, name(target->text));
        return;
    case ExprKind::Subscript:
        expr(target->a);
        expr(target->b);
        emit(Op::StoreSubscr);
        return;
    case ExprKind::Tuple:
    case ExprKind::List: {
        int starIndex = -1;
        for (std::size_t i = 0; i < target->elts.size(); ++i)
            if (target->elts[i]->kind == ExprKind::Starred) {
                if (starIndex >= 0)
                    fail("multiple starred expressions in assignment", target->elts[i]->line, target->elts[i]->col);
                starIndex = static_cast<int>(i);
            }
        if (starIndex >= 0) {
            const int after = static_cast<int>(target->elts.size()) - starIndex - 1;
            if (starIndex > 255 || after > 255)
                fail("too many expressions in star-unpacking assignment", target->line, target->col);
            emit(Op::UnpackEx, starIndex | (after << 8));
        } else {
            emit(Op::UnpackSequence, static_cast<int>(target->elts.size()));
        }
        for (Expr* e : target->elts)
            storeTarget(e->kind == ExprKind::Starred ? e->a : e);
        return;
    }
    case ExprKind::Starred:
        fail("starred assignment target must be in a list or tuple", target->line, target->col);
    default:
        fail("cannot assign to expression", target->line, target->col);
    }
}

void Compiler::deleteTarget(Expr* target) {
    switch (target->kind) {
    case ExprKind::Name:
        deleteName(target->text);
        return;
    case ExprKind::Attribute:
        expr(target->a);
        emit(Op::DeleteAttr, name(target->text));
        return;
    case ExprKind::Subscript:
        expr(target->a);
        expr(target->b);
        emit(Op::DeleteSubscr);
        return;
    case ExprKind::Tuple:
    case ExprKind::List:
        for (Expr* e : target->elts)
            deleteTarget(e);
        return;
    default:
        fail("cannot delete expression", target->line, target->col);
    }
}

void Compiler::unwind(const FBlock& block, bool) {
    switch (block.kind) {
    case FBlockKind::WhileLoop:
    case FBlockKind::ExceptStar:
        return;
    case FBlockKind::FinallyEnd:
        emit(Op::PopBlock);
        emit(Op::ClearFast, block.slot);
        return;
    case FBlockKind::ForLoop:
        emit(Op::PopTop);
        return;
    case FBlockKind::TryExcept:
        emit(Op::PopBlock);
        return;
    case FBlockKind::FinallyTry:
        emit(Op::PopBlock);
        statements(*block.finalbody);
        return;
    case FBlockKind::HandlerCleanup:
        emit(Op::PopBlock);
        if (!block.name.empty()) {
            emit(Op::LoadConst, constant(Value::none()));
            storeName(block.name);
            deleteName(block.name);
        }
        emit(Op::ClearFast, block.slot);
        return;
    case FBlockKind::With:
        emit(Op::PopBlock);
        emit(Op::WithExitNormal);
        emit(Op::PopTop);
        return;
    case FBlockKind::AsyncWith:
        emit(Op::PopBlock);
        emit(Op::AsyncWithExitNormal);
        emit(Op::Await);
        emit(Op::PopTop);
        return;
    }
}

void Compiler::returnStatement(Stmt* s) {
    Scope* scope = unit_->scope;
    if (scope->type != FunctionScope)
        fail("'return' outside function", s->line, s->col);
    for (const FBlock& b : unit_->fblocks)
        if (b.kind == FBlockKind::ExceptStar)
            fail("'break', 'continue' and 'return' cannot appear in an except* block", s->line, s->col);
    if (s->value && scope->isAsync && scope->isGenerator)
        fail("'return' with value in async generator", s->line, s->col);
    if (s->value)
        expr(s->value);
    else
        emit(Op::LoadConst, constant(Value::none()));
    bool needsUnwind = false;
    for (const FBlock& b : unit_->fblocks)
        if (b.kind != FBlockKind::WhileLoop && b.kind != FBlockKind::FinallyEnd)
            needsUnwind = true;
    if (needsUnwind) {
        if (unit_->retvalSlot < 0)
            unit_->retvalSlot = hiddenLocal("retval");
        emit(Op::StoreFast, unit_->retvalSlot);
        for (std::size_t i = unit_->fblocks.size(); i-- > 0;) {
            const FBlock block = unit_->fblocks[i];
            std::vector<FBlock> saved = unit_->fblocks;
            unit_->fblocks.resize(i);
            unwind(block, true);
            unit_->fblocks = std::move(saved);
        }
        emit(Op::LoadFast, unit_->retvalSlot);
    }
    emit(Op::ReturnValue);
}

void Compiler::breakOrContinue(Stmt* s, bool isBreak) {
    std::size_t loop = unit_->fblocks.size();
    for (std::size_t i = unit_->fblocks.size(); i-- > 0;) {
        const FBlockKind kind = unit_->fblocks[i].kind;
        if (kind == FBlockKind::ExceptStar)
            fail("'break', 'continue' and 'return' cannot appear in an except* block", s->line, s->col);
        if (kind == FBlockKind::WhileLoop || kind == FBlockKind::ForLoop) {
            loop = i;
            break;
        }
    }
    if (loop == unit_->fblocks.size())
        fail(isBreak ? "'break' outside loop" : "'continue' not properly in loop", s->line, s->col);
    for (std::size_t i = unit_->fblocks.size(); i-- > loop + 1;) {
        const FBlock block = unit_->fblocks[i];
        std::vector<FBlock> saved = unit_->fblocks;
        unit_->fblocks.resize(i);
        unwind(block, false);
        unit_->fblocks = std::move(saved);
    }
    const FBlock& target = unit_->fblocks[loop];
    if (isBreak) {
        if (target.kind == FBlockKind::ForLoop)
            emit(Op::PopTop);
        emitJump(Op::Jump, target.exit);
    } else {
        emitJump(Op::Jump, target.start);
    }
}

void Compiler::raiseStatement(Stmt* s) {
    if (!s->value) {
        // A bare `raise` re-raises the exception its handler is handling.
        for (std::size_t i = unit_->fblocks.size(); i-- > 0;) {
            const FBlock& b = unit_->fblocks[i];
            if ((b.kind == FBlockKind::HandlerCleanup || b.kind == FBlockKind::FinallyEnd ||
                 b.kind == FBlockKind::ExceptStar) &&
                b.slot >= 0) {
                emit(Op::LoadFast, b.slot);
                emit(Op::Reraise);
                return;
            }
        }
        emit(Op::RaiseVarargs, 0);
        return;
    }
    expr(s->value);
    if (s->cause) {
        expr(s->cause);
        emit(Op::RaiseVarargs, 2);
    } else {
        emit(Op::RaiseVarargs, 1);
    }
}

void Compiler::condition(Expr* e, int falseLabel) {
    expr(e);
    emitJump(Op::PopJumpIfFalse, falseLabel);
}

void Compiler::ifStatement(Stmt* s) {
    const int elseLabel = newLabel();
    const int end = newLabel();
    condition(s->test, elseLabel);
    statements(s->body);
    if (!s->orelse.empty())
        emitJump(Op::Jump, end);
    bind(elseLabel);
    statements(s->orelse);
    bind(end);
}

void Compiler::whileStatement(Stmt* s) {
    const int start = newLabel();
    const int elseLabel = newLabel();
    const int end = newLabel();
    bind(start);
    const bool forever = (s->test->kind == ExprKind::Bool && s->test->intValue) ||
                         (s->test->kind == ExprKind::Int && s->test->intValue != 0);
    if (!forever)
        condition(s->test, elseLabel);
    unit_->fblocks.push_back(FBlock(FBlockKind::WhileLoop, start, end));
    statements(s->body);
    unit_->fblocks.pop_back();
    emitJump(Op::Jump, start);  // at the `while` line, where CPython puts it too: the test runs there
    bind(elseLabel);
    statements(s->orelse);
    bind(end);
}

// `async for` as CPython compiles it: each item is awaited at the loop's line, under a handler
// whose EndAsyncFor ends the loop when __anext__ raises StopAsyncIteration.
void Compiler::forStatement(Stmt* s) {
    if (s->isAsync && !(unit_->scope->type == FunctionScope && unit_->scope->isAsync))
        fail("'async for' outside async function", s->line, s->col);
    const int start = newLabel();
    const int exhausted = newLabel();
    const int end = newLabel();
    expr(s->value);
    emit(s->isAsync ? Op::GetAiter : Op::GetIter);
    bind(start);
    if (s->isAsync)
        awaitNextItem(exhausted);
    else
        emitJump(Op::ForIter, exhausted);
    storeTarget(s->targets[0]);
    unit_->fblocks.push_back(FBlock(FBlockKind::ForLoop, start, end));
    statements(s->body);
    unit_->fblocks.pop_back();
    emitBackEdge(s->body, start);
    bind(exhausted);
    if (s->isAsync)
        emit(Op::EndAsyncFor);
    statements(s->orelse);
    bind(end);
}

void Compiler::awaitNextItem(int exhausted) {
    emitJump(Op::SetupFinally, exhausted);
    emit(Op::GetAnext);
    emit(Op::GetAwaitable);
    emit(Op::Await);
    emit(Op::PopBlock);
}

void Compiler::tryStatement(Stmt* s) {
    if (!s->finalbody.empty()) {
        tryFinally(s, [&] {
            if (s->handlers.empty())
                statements(s->body);
            else if (s->star)
                tryExceptStar(s);
            else
                tryExcept(s);
        });
        return;
    }
    if (s->star)
        tryExceptStar(s);
    else
        tryExcept(s);
}

void Compiler::tryFinally(Stmt* s, const std::function<void()>& body) {
    const int handler = newLabel();
    const int end = newLabel();
    emitJump(Op::SetupFinally, handler);
    FBlock block(FBlockKind::FinallyTry);
    block.finalbody = &s->finalbody;
    unit_->fblocks.push_back(block);
    body();
    unit_->fblocks.pop_back();
    emit(Op::PopBlock);
    statements(s->finalbody);
    emitJump(Op::Jump, end);
    bind(handler);
    const int slot = hiddenLocal("exc");
    emit(Op::StoreFast, slot);
    FBlock finallyEnd(FBlockKind::FinallyEnd);
    finallyEnd.slot = slot;
    unit_->fblocks.push_back(finallyEnd);
    whileHandling(slot, {}, [&] { statements(s->finalbody); });
    unit_->fblocks.pop_back();
    emit(Op::LoadFast, slot);
    emit(Op::ClearFast, slot);
    emit(Op::Reraise);
    bind(end);
}

// Runs `body` while the exception in the hidden local `slot` is being handled (what
// sys.exc_info() and implicit chaining see). However the body is left, the slot is cleared
// (and an `except ... as name` name deleted) before anything runs after it, as CPython's
// cleanup handler pops the exception state: left by an exception, by the handler block
// below; by return, break or continue, by the enclosing fblock's unwind.
void Compiler::whileHandling(int slot, const std::string& name, const std::function<void()>& body) {
    const int cleanup = newLabel();
    const int done = newLabel();
    emitJump(Op::SetupFinally, cleanup);
    body();
    emit(Op::PopBlock);
    emitJump(Op::Jump, done);
    bind(cleanup);
    if (!name.empty()) {
        emit(Op::LoadConst, constant(Value::none()));
        storeName(name);
        deleteName(name);
    }
    emit(Op::ClearFast, slot);
    emit(Op::Reraise);
    bind(done);
}

void Compiler::tryExcept(Stmt* s) {
    const int handler = newLabel();
    const int end = newLabel();
    emitJump(Op::SetupFinally, handler);
    unit_->fblocks.push_back(FBlock(FBlockKind::TryExcept));
    statements(s->body);
    unit_->fblocks.pop_back();
    emit(Op::PopBlock);
    statements(s->orelse);
    emitJump(Op::Jump, end);
    bind(handler);
    const int slot = hiddenLocal("exc");
    emit(Op::StoreFast, slot);
    for (std::size_t i = 0; i < s->handlers.size(); ++i) {
        ExceptHandler& h = s->handlers[i];
        LocationScope location(unit_->location, h.line, h.col);
        if (!h.type && i + 1 < s->handlers.size())
            fail("default 'except:' must be last", h.line, h.col);
        const int next = newLabel();
        if (h.type) {
            emit(Op::LoadFast, slot);
            expr(h.type);
            emit(Op::CheckExcMatch);
            emitJump(Op::PopJumpIfFalse, next);
        }
        if (!h.name.empty()) {
            emit(Op::LoadFast, slot);
            storeName(h.name);
        }
        FBlock cleanup(FBlockKind::HandlerCleanup);
        cleanup.name = h.name;
        cleanup.slot = slot;
        unit_->fblocks.push_back(cleanup);
        whileHandling(slot, h.name, [&] { statements(h.body); });
        unit_->fblocks.pop_back();
        if (!h.name.empty()) {
            emit(Op::LoadConst, constant(Value::none()));
            storeName(h.name);
            deleteName(h.name);
        }
        emit(Op::ClearFast, slot);
        emitJump(Op::Jump, end);
        bind(next);
    }
    emit(Op::LoadFast, slot);
    emit(Op::ClearFast, slot);
    emit(Op::Reraise);
    bind(end);
}

// except* as CPython 3.11 compiles it: each clause takes its part of what is left (EgMatch);
// what a clause's body raises is collected, not propagated, so the later clauses still run;
// at the end EgReraise raises the unhandled rest and the collected exceptions together
// (CPython's PREP_RERAISE_STAR). A bare `raise` in a clause re-raises its part.
void Compiler::tryExceptStar(Stmt* s) {
    const int handler = newLabel();
    const int end = newLabel();
    emitJump(Op::SetupFinally, handler);
    unit_->fblocks.push_back(FBlock(FBlockKind::TryExcept));
    statements(s->body);
    unit_->fblocks.pop_back();
    emit(Op::PopBlock);
    statements(s->orelse);
    emitJump(Op::Jump, end);
    bind(handler);
    const int original = hiddenLocal("eg");
    const int remaining = hiddenLocal("rest");
    const int raised = hiddenLocal("raised");
    const int reraised = hiddenLocal("reraised");
    const int matched = hiddenLocal("match");
    emit(Op::DupTop);
    emit(Op::StoreFast, original);
    emit(Op::StoreFast, remaining);
    emit(Op::BuildList, 0);
    emit(Op::StoreFast, raised);
    emit(Op::BuildList, 0);
    emit(Op::StoreFast, reraised);
    for (ExceptHandler& h : s->handlers) {
        LocationScope location(unit_->location, h.line, h.col);
        const int noMatch = newLabel();
        const int next = newLabel();
        const int cleanup = newLabel();
        const int again = newLabel();
        emit(Op::LoadFast, remaining);
        expr(h.type);
        emit(Op::EgMatch);
        emit(Op::RotTwo);
        emit(Op::StoreFast, remaining);
        emit(Op::DupTop);
        emit(Op::LoadConst, constant(Value::none()));
        emit(Op::CompareOp, static_cast<int>(CompareOp::Is));
        emitJump(Op::PopJumpIfTrue, noMatch);
        emit(Op::DupTop);
        emit(Op::StoreFast, matched);
        if (!h.name.empty())
            storeName(h.name);
        else
            emit(Op::PopTop);
        emitJump(Op::SetupFinally, cleanup);
        FBlock block(FBlockKind::ExceptStar);
        block.slot = matched;
        unit_->fblocks.push_back(block);
        statements(h.body);
        unit_->fblocks.pop_back();
        emit(Op::PopBlock);
        emitJump(Op::Jump, next);
        // The clause raised: its own part again (a bare `raise`), or something new.
        bind(cleanup);
        emit(Op::DupTop);
        emit(Op::LoadFast, matched);
        emit(Op::CompareOp, static_cast<int>(CompareOp::Is));
        emitJump(Op::PopJumpIfTrue, again);
        emit(Op::LoadFast, raised);
        emit(Op::RotTwo);
        emit(Op::ListAppend, 0);
        emit(Op::PopTop);
        emitJump(Op::Jump, next);
        bind(again);
        emit(Op::LoadFast, reraised);
        emit(Op::RotTwo);
        emit(Op::ListAppend, 0);
        emit(Op::PopTop);
        emitJump(Op::Jump, next);
        bind(noMatch);
        emit(Op::PopTop);
        bind(next);
    }
    emit(Op::LoadFast, raised);
    emit(Op::LoadFast, reraised);
    emit(Op::LoadFast, remaining);
    emit(Op::LoadFast, original);
    emit(Op::EgReraise);
    for (int slot : {original, remaining, raised, reraised, matched})
        emit(Op::ClearFast, slot);
    bind(end);
}

void Compiler::withStatement(Stmt* s, std::size_t item) {
    const WithItem& current = s->items[item];
    const bool isAsync = s->isAsync;
    const int handler = newLabel();
    const int end = newLabel();
    expr(current.context);
    emit(isAsync ? Op::BeforeAsyncWith : Op::BeforeWith);
    if (isAsync)
        emit(Op::Await);
    if (current.target)
        storeTarget(current.target);
    else
        emit(Op::PopTop);
    emitJump(Op::SetupFinally, handler);
    unit_->fblocks.push_back(FBlock(isAsync ? FBlockKind::AsyncWith : FBlockKind::With));
    if (item + 1 < s->items.size())
        withStatement(s, item + 1);
    else
        statements(s->body);
    unit_->fblocks.pop_back();
    LocationScope location(unit_->location, s->line, s->col);
    emit(Op::PopBlock);
    if (isAsync) {
        emit(Op::AsyncWithExitNormal);
        emit(Op::Await);
    } else {
        emit(Op::WithExitNormal);
    }
    emit(Op::PopTop);
    emitJump(Op::Jump, end);
    bind(handler);
    const int slot = hiddenLocal("exc");
    emit(Op::StoreFast, slot);
    whileHandling(slot, {}, [&] {
        emit(Op::LoadFast, slot);
        if (isAsync) {
            emit(Op::AsyncWithExitExc);
            emit(Op::Await);
        } else {
            emit(Op::WithExitExc);
        }
    });
    const int reraise = newLabel();
    emitJump(Op::PopJumpIfFalse, reraise);
    emit(Op::ClearFast, slot);
    emitJump(Op::Jump, end);
    bind(reraise);
    emit(Op::LoadFast, slot);
    emit(Op::ClearFast, slot);
    emit(Op::Reraise);
    bind(end);
}

// ---------------------------------------------------------------- annotations

namespace {

// Does a module or class body annotate a simple name anywhere outside nested defs and classes
// (CPython's find_ann)? Then its __annotations__ is made first.
bool findAnnotations(const std::vector<Stmt*>& body) {
    for (const Stmt* s : body) {
        switch (s->kind) {
        case StmtKind::AnnAssign:
            if (s->targets[0]->kind == ExprKind::Name && !s->targets[0]->parenthesized)
                return true;
            break;
        case StmtKind::If:
        case StmtKind::While:
        case StmtKind::For:
        case StmtKind::With:
        case StmtKind::Try:
            if (findAnnotations(s->body) || findAnnotations(s->orelse) || findAnnotations(s->finalbody))
                return true;
            for (const ExceptHandler& h : s->handlers)
                if (findAnnotations(h.body))
                    return true;
            break;
        case StmtKind::Match:
            for (const MatchCase& c : s->cases)
                if (findAnnotations(c.body))
                    return true;
            break;
        default: break;
        }
    }
    return false;
}

} // namespace

void Compiler::setupAnnotations(const std::vector<Stmt*>& body) {
    if (!findAnnotations(body))
        return;
    emit(Op::BuildMap, 0);
    storeName("__annotations__");
    if (unit_->scope->type == ClassScope) {
        emit(Op::BuildMap, 0);
        storeName("__annotation_texts__");
    }
}

// A def's annotations: {parameter: annotation, ..., 'return': ...} in its __annotations__,
// evaluated where the def is (or their text under `from __future__ import annotations`).
// The new function is on top of the stack, and stays there.
void Compiler::functionAnnotations(FunctionDef* f) {
    std::vector<std::pair<std::string, Expr*>> annotations;
    for (Parameter& p : f->positional)
        if (p.annotation)
            annotations.emplace_back(p.name, p.annotation);
    if (f->varargsAnnotation)
        annotations.emplace_back(f->varargs, f->varargsAnnotation);
    for (Parameter& p : f->kwonly)
        if (p.annotation)
            annotations.emplace_back(p.name, p.annotation);
    if (f->kwargsAnnotation)
        annotations.emplace_back(f->kwargs, f->kwargsAnnotation);
    if (f->returns)
        annotations.emplace_back("return", f->returns);
    if (annotations.empty())
        return;
    emit(Op::DupTop);
    for (auto& [parameter, annotation] : annotations) {
        emit(Op::LoadConst, constantStr(parameter));
        if (futureAnnotations_)
            emit(Op::LoadConst, constantStr(ast_->annotationTexts.at(annotation)));
        else
            expr(annotation);
    }
    emit(Op::BuildMap, static_cast<int>(annotations.size()));
    emit(Op::RotTwo);
    emit(Op::StoreAttr, name("__annotations__"));
}

// ---------------------------------------------------------------- match

// A pattern is compiled with its subject in a hidden local and an empty stack; a failed test
// jumps to the case's fail label with the stack empty again. Captures go to hidden locals of
// their own and reach the real names only when the whole pattern has matched, so a case that
// fails halfway binds nothing (as CPython, which keeps them on its stack).
struct Compiler::PatternContext {
    std::vector<std::string> names;  // bound so far, in order
    std::map<std::string, int>* slots = nullptr;
    bool allowIrrefutable = true;
    const Pattern* last = nullptr;  // the pattern compiled last: where CPython reports a duplicate
};

void Compiler::jumpUnlessLength(int subject, CompareOp op, std::size_t n, int failLabel) {
    emit(Op::LoadFast, subject);
    emit(Op::GetLen);
    emit(Op::LoadConst, constantInt(static_cast<std::int64_t>(n)));
    emit(Op::CompareOp, static_cast<int>(op));
    emitJump(Op::PopJumpIfFalse, failLabel);
}

void Compiler::captureName(const std::string& id, int subject, PatternContext& pc) {
    if (std::find(pc.names.begin(), pc.names.end(), id) != pc.names.end())
        fail("multiple assignments to name '" + id + "' in pattern", pc.last->line, pc.last->col);
    auto [it, inserted] = pc.slots->emplace(id, 0);
    if (inserted)
        it->second = hiddenLocal("capture");
    emit(Op::LoadFast, subject);
    emit(Op::StoreFast, it->second);
    pc.names.push_back(id);
}

void Compiler::matchSubpattern(Pattern* p, int subject, int failLabel, PatternContext& pc) {
    const bool allow = pc.allowIrrefutable;
    pc.allowIrrefutable = true;
    matchPattern(p, subject, failLabel, pc);
    pc.allowIrrefutable = allow;
}

namespace {

bool isWildcard(const Pattern* p) { return p->kind == PatternKind::Capture && p->name.empty(); }

} // namespace

void Compiler::matchPattern(Pattern* p, int subject, int failLabel, PatternContext& pc) {
    LocationScope location(unit_->location, p->line, p->col);
    pc.last = p;
    switch (p->kind) {
    case PatternKind::Capture:
        if (!pc.allowIrrefutable) {
            if (p->name.empty())
                fail("wildcard makes remaining patterns unreachable", p->line, p->col);
            fail("name capture '" + p->name + "' makes remaining patterns unreachable", p->line, p->col);
        }
        if (!p->name.empty())
            captureName(p->name, subject, pc);
        return;
    case PatternKind::Star:  // a sequence pattern hands over the list of the starred items
        if (!p->name.empty())
            captureName(p->name, subject, pc);
        return;
    case PatternKind::Value:
    case PatternKind::Singleton:
        emit(Op::LoadFast, subject);
        expr(p->value);
        emit(Op::CompareOp, static_cast<int>(p->kind == PatternKind::Value ? CompareOp::Eq : CompareOp::Is));
        emitJump(Op::PopJumpIfFalse, failLabel);
        return;
    case PatternKind::As:
        matchPattern(p->patterns[0], subject, failLabel, pc);
        captureName(p->name, subject, pc);  // a duplicate is reported where the last sub-pattern was
        return;
    case PatternKind::Or: {
        const std::vector<std::string> before = pc.names;
        const bool allow = pc.allowIrrefutable;
        std::vector<std::string> bound;
        const int success = newLabel();
        for (std::size_t i = 0; i < p->patterns.size(); ++i) {
            Pattern* alternative = p->patterns[i];
            const bool lastOne = i + 1 == p->patterns.size();
            const int next = lastOne ? failLabel : newLabel();
            pc.names.clear();
            pc.allowIrrefutable = lastOne && allow;
            matchPattern(alternative, subject, next, pc);
            std::vector<std::string> names = pc.names;
            std::sort(names.begin(), names.end());
            if (i == 0)
                bound = names;
            else if (names != bound)
                fail("alternative patterns bind different names", alternative->line, alternative->col);
            if (!lastOne) {
                emitJump(Op::Jump, success);
                bind(next);
            }
        }
        bind(success);
        pc.allowIrrefutable = allow;
        std::vector<std::string> alternativeNames = pc.names;
        pc.names = before;
        for (const std::string& id : alternativeNames) {
            if (std::find(pc.names.begin(), pc.names.end(), id) != pc.names.end())
                fail("multiple assignments to name '" + id + "' in pattern", pc.last->line, pc.last->col);
            pc.names.push_back(id);
        }
        return;
    }
    case PatternKind::Sequence: {
        const std::size_t n = p->patterns.size();
        std::size_t star = n;
        for (std::size_t i = 0; i < n; ++i)
            if (p->patterns[i]->kind == PatternKind::Star) {
                if (star != n)
                    fail("multiple starred names in sequence pattern", p->line, p->col);
                star = i;
            }
        emit(Op::LoadFast, subject);
        emit(Op::MatchSequence);
        emitJump(Op::PopJumpIfFalse, failLabel);
        if (star == n)
            jumpUnlessLength(subject, CompareOp::Eq, n, failLabel);
        else if (n > 1)
            jumpUnlessLength(subject, CompareOp::Ge, n - 1, failLabel);
        bool allWildcards = true;
        for (Pattern* item : p->patterns)
            allWildcards = allWildcards && (isWildcard(item) || (item->kind == PatternKind::Star && item->name.empty()));
        if (allWildcards)
            return;
        if (star != n && (star > 0xFF || n - star - 1 > 0xFF))
            fail("too many sub-patterns in sequence pattern (Awaitscope takes 255 around a starred one)", p->line,
                 p->col);
        std::vector<int> items;
        for (std::size_t i = 0; i < n; ++i)
            items.push_back(hiddenLocal("item"));
        emit(Op::LoadFast, subject);
        if (star == n)
            emit(Op::UnpackSequence, static_cast<int>(n));
        else
            emit(Op::UnpackEx, static_cast<int>(star | ((n - star - 1) << 8)));
        for (int slot : items)
            emit(Op::StoreFast, slot);
        // With a `*_`, CPython indexes the items and skips the wildcards (which then do not
        // move the position a duplicate name is reported at).
        const bool starWildcard = star != n && p->patterns[star]->name.empty();
        for (std::size_t i = 0; i < n; ++i)
            if (!(starWildcard && (i == star || isWildcard(p->patterns[i]))))
                matchSubpattern(p->patterns[i], items[i], failLabel, pc);
        return;
    }
    case PatternKind::Mapping: {
        const std::size_t n = p->keys.size();
        // Literal keys are checked for duplicates now, as CPython's compiler does.
        for (std::size_t i = 0; i < n; ++i) {
            const Expr* key = p->keys[i];
            if (key->kind == ExprKind::Attribute)
                continue;
            for (std::size_t j = 0; j < i; ++j) {
                const Expr* other = p->keys[j];
                const bool same =
                    (key->kind == ExprKind::Str && other->kind == ExprKind::Str && key->text == other->text) ||
                    (key->kind == ExprKind::Bytes && other->kind == ExprKind::Bytes && key->text == other->text) ||
                    ((key->kind == ExprKind::Int || key->kind == ExprKind::Bool) &&
                     (other->kind == ExprKind::Int || other->kind == ExprKind::Bool) && key->intValue == other->intValue &&
                     key->text == other->text) ||
                    (key->kind == ExprKind::Float && other->kind == ExprKind::Float && key->floatValue == other->floatValue) ||
                    (key->kind == ExprKind::Float && (other->kind == ExprKind::Int || other->kind == ExprKind::Bool) &&
                     key->floatValue == static_cast<double>(other->intValue)) ||
                    ((key->kind == ExprKind::Int || key->kind == ExprKind::Bool) && other->kind == ExprKind::Float &&
                     other->floatValue == static_cast<double>(key->intValue)) ||
                    (key->kind == ExprKind::NoneLiteral && other->kind == ExprKind::NoneLiteral);
                if (same) {
                    std::string text;
                    switch (key->kind) {
                    case ExprKind::Str: text = interp_.repr(interp_.str(key->text)); break;
                    case ExprKind::Bytes: text = interp_.repr(newBytes(interp_, key->text)); break;
                    case ExprKind::Int: text = std::to_string(key->intValue); break;
                    case ExprKind::Bool: text = key->intValue ? "True" : "False"; break;
                    case ExprKind::Float: text = interp_.repr(Value::real(key->floatValue)); break;
                    default: text = "None"; break;
                    }
                    fail("mapping pattern checks duplicate key (" + text + ")", p->line, p->col);
                }
            }
        }
        emit(Op::LoadFast, subject);
        emit(Op::MatchMapping);
        emitJump(Op::PopJumpIfFalse, failLabel);
        if (n == 0 && p->name.empty())
            return;
        if (n > 0)
            jumpUnlessLength(subject, CompareOp::Ge, n, failLabel);
        const int keys = hiddenLocal("keys");
        for (Expr* key : p->keys)
            expr(key);
        emit(Op::BuildTuple, static_cast<int>(n));
        emit(Op::StoreFast, keys);
        std::vector<int> values;
        if (n > 0) {
            const int found = hiddenLocal("values");
            emit(Op::LoadFast, subject);
            emit(Op::LoadFast, keys);
            emit(Op::MatchKeys);
            emit(Op::StoreFast, found);
            emit(Op::LoadFast, found);
            emit(Op::LoadConst, constant(Value::none()));
            emit(Op::CompareOp, static_cast<int>(CompareOp::Is));
            emitJump(Op::PopJumpIfTrue, failLabel);
            for (std::size_t i = 0; i < n; ++i)
                values.push_back(hiddenLocal("value"));
            emit(Op::LoadFast, found);
            emit(Op::UnpackSequence, static_cast<int>(n));
            for (int slot : values)
                emit(Op::StoreFast, slot);
            for (std::size_t i = 0; i < n; ++i)
                matchSubpattern(p->patterns[i], values[i], failLabel, pc);
        }
        if (!p->name.empty()) {
            const int rest = hiddenLocal("rest");
            emit(Op::LoadFast, subject);
            emit(Op::LoadFast, keys);
            emit(Op::CopyDictWithoutKeys);
            emit(Op::StoreFast, rest);
            captureName(p->name, rest, pc);
        }
        return;
    }
    case PatternKind::Class: {
        const std::size_t n = p->patterns.size() + p->kwPatterns.size();
        std::vector<Value> attrs;
        for (const std::string& attr : p->attrs)
            attrs.push_back(interp_.intern(attr));
        emit(Op::LoadFast, subject);
        expr(p->cls);
        emit(Op::LoadConst, constant(interp_.newTuple(std::move(attrs))));
        emit(Op::MatchClass, static_cast<int>(p->patterns.size()));
        const int found = hiddenLocal("attrs");
        emit(Op::StoreFast, found);
        emit(Op::LoadFast, found);
        emit(Op::LoadConst, constant(Value::none()));
        emit(Op::CompareOp, static_cast<int>(CompareOp::Is));
        emitJump(Op::PopJumpIfTrue, failLabel);
        bool allWildcards = true;
        for (Pattern* sub : p->patterns)
            allWildcards = allWildcards && isWildcard(sub);
        for (Pattern* sub : p->kwPatterns)
            allWildcards = allWildcards && isWildcard(sub);
        if (n == 0 || allWildcards)
            return;
        std::vector<int> values;
        for (std::size_t i = 0; i < n; ++i)
            values.push_back(hiddenLocal("attr"));
        emit(Op::LoadFast, found);
        emit(Op::UnpackSequence, static_cast<int>(n));
        for (int slot : values)
            emit(Op::StoreFast, slot);
        for (std::size_t i = 0; i < p->patterns.size(); ++i)
            matchSubpattern(p->patterns[i], values[i], failLabel, pc);
        for (std::size_t i = 0; i < p->kwPatterns.size(); ++i)
            matchSubpattern(p->kwPatterns[i], values[p->patterns.size() + i], failLabel, pc);
        return;
    }
    }
}

// match as CPython compiles it: the subject once, then each case's pattern in turn; the names
// a pattern captured are bound before its guard runs.
void Compiler::matchStatement(Stmt* s) {
    const int subject = hiddenLocal("subject");
    expr(s->value);
    emit(Op::StoreFast, subject);
    std::map<std::string, int> slots;
    const int end = newLabel();
    for (std::size_t i = 0; i < s->cases.size(); ++i) {
        MatchCase& c = s->cases[i];
        const bool lastCase = i + 1 == s->cases.size();
        const int next = newLabel();
        PatternContext pc;
        pc.slots = &slots;
        pc.allowIrrefutable = lastCase || c.guard;
        matchPattern(c.pattern, subject, next, pc);
        {
            LocationScope location(unit_->location, c.pattern->line, c.pattern->col);
            for (const std::string& id : pc.names) {
                emit(Op::LoadFast, slots[id]);
                storeName(id);
            }
        }
        if (c.guard) {
            LocationScope location(unit_->location, c.guard->line, c.guard->col);
            condition(c.guard, next);
        }
        emit(Op::ClearFast, subject);
        statements(c.body);
        if (!lastCase)
            emitJump(Op::Jump, end);
        bind(next);
    }
    emit(Op::ClearFast, subject);
    bind(end);
}

// The default values of a def or lambda, evaluated where it is defined: a tuple for the
// positional defaults and one for the keyword-only ones (Empty where a keyword-only parameter
// has none). Returns MakeFunction's flags for them.
int Compiler::defaultArguments(FunctionDef* f) {
    int flags = 0;
    std::size_t defaults = 0;
    for (Parameter& p : f->positional)
        if (p.defaultValue) {
            expr(p.defaultValue);
            ++defaults;
        }
    if (defaults) {
        emit(Op::BuildTuple, static_cast<int>(defaults));
        flags |= kMakeFunctionDefaults;
    }
    bool anyKwDefault = false;
    for (Parameter& p : f->kwonly)
        anyKwDefault = anyKwDefault || p.defaultValue;
    if (anyKwDefault) {
        for (Parameter& p : f->kwonly) {
            if (p.defaultValue)
                expr(p.defaultValue);
            else
                emit(Op::LoadConst, constant(Value()));
        }
        emit(Op::BuildTuple, static_cast<int>(f->kwonly.size()));
        flags |= kMakeFunctionKwDefaults;
    }
    return flags;
}

void Compiler::functionDef(Stmt* s) {
    FunctionDef* f = s->function;
    Scope* child = symbols_->scopeOf(s);
    for (Expr* d : f->decorators)
        expr(d);
    const int flags = defaultArguments(f);
    CodeObject* code = compileScope(child, [&] {
        if (!f->body.empty() && f->body[0]->kind == StmtKind::ExprStmt && f->body[0]->value->kind == ExprKind::Str)
            unit_->code->doc = interp_.intern(f->body[0]->value->text);
        statements(f->body);
        emit(Op::LoadConst, constant(Value::none()));
        emit(Op::ReturnValue);
    });
    makeFunction(child, code, flags);
    functionAnnotations(f);
    for (std::size_t i = 0; i < f->decorators.size(); ++i)
        emit(Op::Call, 1);
    storeName(f->name);
}

void Compiler::lambda(Expr* e) {
    FunctionDef* f = e->function;
    Scope* child = symbols_->scopeOf(e);
    const int flags = defaultArguments(f);
    CodeObject* code = compileScope(child, [&] {
        statements(f->body);
    });
    makeFunction(child, code, flags);
}

void Compiler::classDef(Stmt* s) {
    for (Expr* d : s->function->decorators)
        expr(d);
    Scope* child = symbols_->scopeOf(s);
    CodeObject* code = compileScope(child, [&] {
        emit(Op::LoadName, name("__name__"));  // the module's name, as CPython's class body reads it
        emit(Op::StoreName, name("__module__"));
        if (!s->body.empty() && s->body[0]->kind == StmtKind::ExprStmt && s->body[0]->value->kind == ExprKind::Str) {
            emit(Op::LoadConst, constantStr(s->body[0]->value->text));
            emit(Op::StoreName, name("__doc__"));
        }
        setupAnnotations(s->body);
        statements(s->body);
        emit(Op::LoadConst, constant(Value::none()));
        emit(Op::ReturnValue);
    });
    makeFunction(child, code, 0);
    emit(Op::LoadConst, constantStr(s->name));
    for (Expr* base : s->targets)
        expr(base);
    emit(Op::BuildTuple, static_cast<int>(s->targets.size()));
    emit(Op::BuildClass);
    for (std::size_t i = 0; i < s->function->decorators.size(); ++i)
        emit(Op::Call, 1);
    storeName(s->name);
}

void Compiler::importStatement(Stmt* s) {
    for (std::size_t i = 0; i < s->names.size(); ++i) {
        const std::string& dotted = s->names[i];
        // ImportName gives the module named: `import a.b as c` binds it, `import a.b` imports
        // it (which sets it as a's attribute b) and binds the package a.
        emit(Op::ImportName, name(dotted));
        if (!s->asnames[i].empty()) {
            storeName(s->asnames[i]);
        } else if (dotted.find('.') != std::string::npos) {
            emit(Op::PopTop);
            emit(Op::ImportName, name(dotted.substr(0, dotted.find('.'))));
            storeName(dotted.substr(0, dotted.find('.')));
        } else {
            storeName(dotted);
        }
    }
}

void Compiler::importFrom(Stmt* s) {
    if (s->level > 0)
        fail("relative imports are not supported by Awaitscope (scripts are single files)", s->line, s->col);
    emit(Op::ImportName, name(s->module));
    if (s->names.size() == 1 && s->names[0] == "*") {
        emit(Op::ImportStar);
        return;
    }
    for (std::size_t i = 0; i < s->names.size(); ++i) {
        emit(Op::ImportFrom, name(s->names[i]));
        storeName(!s->asnames[i].empty() ? s->asnames[i] : s->names[i]);
    }
    emit(Op::PopTop);
}

// ---------------------------------------------------------------- expressions

void Compiler::expr(Expr* e) {
    LocationScope location(unit_->location, e->line, e->col);
    switch (e->kind) {
    case ExprKind::Name:
        loadName(e->text);
        return;
    case ExprKind::Int:
        // A literal past int64 keeps its digits (Parser.cpp).
        emit(Op::LoadConst, e->text.empty() ? constantInt(e->intValue) : constant(integerFromLiteral(interp_, e->text)));
        return;
    case ExprKind::Float:
        emit(Op::LoadConst, constant(Value::real(e->floatValue)));
        return;
    case ExprKind::Str:
        emit(Op::LoadConst, constantStr(e->text));
        return;
    case ExprKind::Bytes:
        emit(Op::LoadConst, constant(newBytes(interp_, e->text)));
        return;
    case ExprKind::Bool:
        emit(Op::LoadConst, constant(Value::boolean(e->intValue != 0)));
        return;
    case ExprKind::NoneLiteral:
        if (unit_->noneConst < 0)
            unit_->noneConst = constant(Value::none());
        emit(Op::LoadConst, unit_->noneConst);
        return;
    case ExprKind::EllipsisLiteral:
        emit(Op::LoadGlobal, name("Ellipsis"));
        return;
    case ExprKind::JoinedStr:
        joinedStr(e);
        return;
    case ExprKind::FormattedValue: {
        expr(e->a);
        int arg = e->op;
        if (e->b) {
            joinedStr(e->b);
            arg |= 0x100;
        }
        emit(Op::FormatValue, arg);
        return;
    }
    case ExprKind::List:
        sequence(e, Op::BuildList, Op::ListAppend, Op::ListExtend);
        return;
    case ExprKind::Tuple:
        sequence(e, Op::BuildTuple, Op::ListAppend, Op::ListExtend);
        return;
    case ExprKind::Set:
        sequence(e, Op::BuildSet, Op::SetAdd, Op::SetUpdate);
        return;
    case ExprKind::Dict:
        dict(e);
        return;
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp:
        comprehension(e);
        return;
    case ExprKind::BinOp:
        expr(e->a);
        expr(e->b);
        emit(Op::BinaryOp, e->op);
        return;
    case ExprKind::UnaryOp:
        expr(e->a);
        switch (static_cast<UnaryOp>(e->op)) {
        case UnaryOp::Neg: emit(Op::UnaryNeg); break;
        case UnaryOp::Pos: emit(Op::UnaryPos); break;
        case UnaryOp::Not: emit(Op::UnaryNot); break;
        case UnaryOp::Invert: emit(Op::UnaryInvert); break;
        }
        return;
    case ExprKind::BoolOp:
        boolOp(e);
        return;
    case ExprKind::Compare:
        compare(e);
        return;
    case ExprKind::Call:
        call(e);
        return;
    case ExprKind::Attribute:
        expr(e->a);
        emit(Op::LoadAttr, name(e->text));
        return;
    case ExprKind::Subscript:
        expr(e->a);
        expr(e->b);
        emit(Op::BinarySubscr);
        return;
    case ExprKind::Slice: {
        auto part = [&](Expr* x) {
            if (x)
                expr(x);
            else
                emit(Op::LoadConst, constant(Value::none()));
        };
        part(e->a);
        part(e->b);
        if (e->c) {
            expr(e->c);
            emit(Op::BuildSlice, 3);
        } else {
            emit(Op::BuildSlice, 2);
        }
        return;
    }
    case ExprKind::Starred:
        fail("can't use starred expression here", e->line, e->col);
    case ExprKind::IfExp: {
        const int orelse = newLabel();
        const int end = newLabel();
        condition(e->b, orelse);
        expr(e->a);
        emitJump(Op::Jump, end);
        bind(orelse);
        expr(e->c);
        bind(end);
        return;
    }
    case ExprKind::Lambda:
        lambda(e);
        return;
    case ExprKind::Await: {
        Scope* scope = unit_->scope;
        if (!(scope->type == FunctionScope && scope->isAsync)) {
            if (scope->isComprehension)
                fail("asynchronous comprehension outside of an asynchronous function", e->line, e->col);
            if (scope->type == FunctionScope)
                fail("'await' outside async function", e->line, e->col);
            fail("'await' outside function", e->line, e->col);
        }
        expr(e->a);
        emit(Op::GetAwaitable);
        emit(Op::Await);
        return;
    }
    case ExprKind::Yield: {
        Scope* scope = unit_->scope;
        if (scope->type != FunctionScope)
            fail("'yield' outside function", e->line, e->col);
        if (scope->isComprehension)
            fail("'yield' inside comprehension", e->line, e->col);
        if (e->a)
            expr(e->a);
        else
            emit(Op::LoadConst, constant(Value::none()));
        emit(Op::YieldValue);
        return;
    }
    case ExprKind::NamedExpr:
        expr(e->b);
        emit(Op::DupTop);
        storeName(e->a->text);
        return;
    }
}

void Compiler::joinedStr(Expr* e) {
    if (e->elts.empty()) {
        emit(Op::LoadConst, constantStr(""));
        return;
    }
    for (Expr* part : e->elts)
        expr(part);
    if (e->elts.size() > 1 || e->elts[0]->kind != ExprKind::Str)
        emit(Op::BuildString, static_cast<int>(e->elts.size()));
}

namespace {

// What CPython's AST optimizer turns into a constant: literals, a sign on a number, and tuples
// of those.
bool isFoldedConstant(const Expr* x) {
    switch (x->kind) {
    case ExprKind::Int:
    case ExprKind::Float:
    case ExprKind::Str:
    case ExprKind::Bytes:
    case ExprKind::Bool:
    case ExprKind::NoneLiteral:
    case ExprKind::EllipsisLiteral: return true;
    case ExprKind::UnaryOp: return x->a && (x->a->kind == ExprKind::Int || x->a->kind == ExprKind::Float);
    case ExprKind::Tuple: return std::all_of(x->elts.begin(), x->elts.end(), isFoldedConstant);
    default: return false;
    }
}

} // namespace

void Compiler::sequence(Expr* e, Op build, Op append, Op extend) {
    const bool anyStar = std::any_of(e->elts.begin(), e->elts.end(), [](Expr* x) { return x->kind == ExprKind::Starred; });
    if (build == Op::BuildSet && !anyStar && e->elts.size() > 2 &&
        std::all_of(e->elts.begin(), e->elts.end(), isFoldedConstant)) {
        // {3, 1, 2}: CPython builds a frozenset constant and merges it into an empty set, and
        // which slots the merge picks decides the order the set prints in.
        emit(Op::BuildSet, 0);
        for (Expr* x : e->elts)
            expr(x);
        emit(Op::BuildSet, static_cast<int>(e->elts.size()));
        emit(extend, kSetUpdateFoldedConstant);
        return;
    }
    if (!anyStar) {
        for (Expr* x : e->elts)
            expr(x);
        emit(build, static_cast<int>(e->elts.size()));
        return;
    }
    emit(build == Op::BuildTuple ? Op::BuildList : build, 0);
    for (Expr* x : e->elts) {
        if (x->kind == ExprKind::Starred) {
            expr(x->a);
            emit(extend, 0);
        } else {
            expr(x);
            emit(append, 0);
        }
    }
    if (build == Op::BuildTuple)
        emit(Op::ListToTuple);
}

void Compiler::dict(Expr* e) {
    const bool anyUnpack = std::any_of(e->elts.begin(), e->elts.end(), [](Expr* x) { return x == nullptr; });
    if (!anyUnpack) {
        for (std::size_t i = 0; i < e->elts.size(); ++i) {
            expr(e->elts[i]);
            expr(e->values[i]);
        }
        emit(Op::BuildMap, static_cast<int>(e->elts.size()));
        return;
    }
    emit(Op::BuildMap, 0);
    for (std::size_t i = 0; i < e->elts.size(); ++i) {
        if (e->elts[i]) {
            expr(e->elts[i]);
            expr(e->values[i]);
            emit(Op::MapAdd, 0);
        } else {
            expr(e->values[i]);
            emit(Op::DictUpdate, 0);
        }
    }
}

void Compiler::compare(Expr* e) {
    expr(e->a);
    if (e->ops.size() == 1) {
        expr(e->elts[0]);
        emit(Op::CompareOp, e->ops[0]);
        return;
    }
    const int cleanup = newLabel();
    const int end = newLabel();
    for (std::size_t i = 0; i < e->ops.size(); ++i) {
        expr(e->elts[i]);
        if (i + 1 < e->ops.size()) {
            emit(Op::DupTop);
            emit(Op::RotThree);
            emit(Op::CompareOp, e->ops[i]);
            emitJump(Op::JumpIfFalseOrPop, cleanup);
        } else {
            emit(Op::CompareOp, e->ops[i]);
        }
    }
    emitJump(Op::Jump, end);
    bind(cleanup);
    emit(Op::RotTwo);
    emit(Op::PopTop);
    bind(end);
}

void Compiler::boolOp(Expr* e) {
    const int end = newLabel();
    const Op jump = e->op == 0 ? Op::JumpIfFalseOrPop : Op::JumpIfTrueOrPop;
    for (std::size_t i = 0; i < e->elts.size(); ++i) {
        expr(e->elts[i]);
        if (i + 1 < e->elts.size())
            emitJump(jump, end);
    }
    bind(end);
}

void Compiler::call(Expr* e) {
    const bool anyStar = std::any_of(e->elts.begin(), e->elts.end(), [](Expr* x) { return x->kind == ExprKind::Starred; }) ||
                         std::any_of(e->keywords.begin(), e->keywords.end(), [](const std::string& k) { return k.empty(); });
    if (anyStar) {
        expr(e->a);
        emit(Op::BuildList, 0);
        for (Expr* x : e->elts) {
            if (x->kind == ExprKind::Starred) {
                expr(x->a);
                emit(Op::ListExtend, 0);
            } else {
                expr(x);
                emit(Op::ListAppend, 0);
            }
        }
        emit(Op::ListToTuple);
        int flags = 0;
        if (!e->keywords.empty()) {
            emit(Op::BuildMap, 0);
            for (std::size_t i = 0; i < e->keywords.size(); ++i) {
                if (e->keywords[i].empty()) {
                    expr(e->values[i]);
                    emit(Op::DictUpdate, 0);
                } else {
                    emit(Op::LoadConst, constantStr(e->keywords[i]));
                    expr(e->values[i]);
                    emit(Op::MapAdd, 0);
                }
            }
            flags = 1;
        }
        LocationScope location(unit_->location, e->line, e->col);
        emit(Op::CallEx, flags);
        return;
    }
    auto keywordNames = [&] {
        std::vector<Value> names;
        for (const std::string& k : e->keywords)
            names.push_back(interp_.intern(k));
        return constant(interp_.newTuple(std::move(names)));
    };
    const int argc = static_cast<int>(e->elts.size() + e->values.size());
    if (e->a->kind == ExprKind::Attribute) {
        expr(e->a->a);
        {
            LocationScope location(unit_->location, e->a->line, e->a->col);
            emit(Op::LoadMethod, name(e->a->text));
        }
        for (Expr* x : e->elts)
            expr(x);
        for (Expr* x : e->values)
            expr(x);
        if (e->keywords.empty()) {
            emit(Op::CallMethod, argc);
        } else {
            emit(Op::LoadConst, keywordNames());
            emit(Op::CallMethodKw, argc);
        }
        return;
    }
    expr(e->a);
    for (Expr* x : e->elts)
        expr(x);
    for (Expr* x : e->values)
        expr(x);
    if (e->keywords.empty()) {
        emit(Op::Call, argc);
    } else {
        emit(Op::LoadConst, keywordNames());
        emit(Op::CallKw, argc);
    }
}

void Compiler::comprehension(Expr* e) {
    Scope* child = symbols_->scopeOf(e);
    CodeObject* code = compileScope(child, [&] {
        if (e->kind == ExprKind::ListComp)
            emit(Op::BuildList, 0);
        else if (e->kind == ExprKind::SetComp)
            emit(Op::BuildSet, 0);
        else if (e->kind == ExprKind::DictComp)
            emit(Op::BuildMap, 0);
        comprehensionLoop(e, 0, 0);
        if (e->kind == ExprKind::GeneratorExp)
            emit(Op::LoadConst, constant(Value::none()));
        emit(Op::ReturnValue);
    });
    makeFunction(child, code, 0);
    expr(e->generators.front().iter);
    emit(e->generators.front().isAsync ? Op::GetAiter : Op::GetIter);
    emit(Op::Call, 1);
    if (child->isAsync && !child->isGenerator) {
        emit(Op::GetAwaitable);
        emit(Op::Await);
    }
}

void Compiler::comprehensionLoop(Expr* e, std::size_t index, int depth) {
    const Comprehension& g = e->generators[index];
    const int start = newLabel();
    const int end = newLabel();
    if (index == 0) {
        emit(Op::LoadFast, 0);
    } else {
        expr(g.iter);
        emit(g.isAsync ? Op::GetAiter : Op::GetIter);
    }
    bind(start);
    if (g.isAsync)
        awaitNextItem(end);
    else
        emitJump(Op::ForIter, end);
    storeTarget(g.target);
    for (Expr* cond : g.ifs)
        condition(cond, start);
    if (index + 1 < e->generators.size()) {
        comprehensionLoop(e, index + 1, depth + 1);
    } else {
        LocationScope location(unit_->location, e->line, e->col);
        switch (e->kind) {
        case ExprKind::ListComp:
            expr(e->a);
            emit(Op::ListAppend, depth + 1);
            break;
        case ExprKind::SetComp:
            expr(e->a);
            emit(Op::SetAdd, depth + 1);
            break;
        case ExprKind::DictComp:
            expr(e->a);
            expr(e->b);
            emit(Op::MapAdd, depth + 1);
            break;
        default:
            expr(e->a);
            emit(Op::YieldValue);
            emit(Op::PopTop);
            break;
        }
    }
    emitJump(Op::Jump, start);
    bind(end);
    if (g.isAsync)
        emit(Op::EndAsyncFor);
}

} // namespace awaitscope::script
