#include "script/vm/Interpreter.h"

#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/CostModel.h"
#include "awaitscope/trace/Recorder.h"

#include <algorithm>
#include <cstring>

#if defined(__linux__)
#include <pthread.h>
#endif

namespace awaitscope::script {

Interpreter::Interpreter(Program& program, Output output, InterpreterLimits limits, const std::atomic<bool>* cancelled)
    : program_(program), output_(std::move(output)), limits_(limits), cancelled_(cancelled) {
    memoryCheckAt_ = limits_.memoryLimit;
    wallStartNs_ = wallNowNs();
    wallSecondsAllowed_ = limits_.maxWallSeconds;
    if (limits_.maxWallSeconds > 0)
        wallDeadlineNs_ = wallStartNs_ + static_cast<std::int64_t>(limits_.maxWallSeconds * 1e9);
    emptyTuple_ = Value(heap_.make<TupleObject>());
    installTypes(*this);
    builtins_ = makeBuiltins(*this);
    globals_ = newDict();
    dictSetStr(globals_.as<DictObject>(), "__name__", intern("__main__"));
    dictSetStr(globals_.as<DictObject>(), "__builtins__", Value::none());
    dictSetStr(globals_.as<DictObject>(), "__doc__", Value::none());
    dictSetStr(globals_.as<DictObject>(), "__file__", str(program_.fileName));
}

Interpreter::~Interpreter() {
    // Drop what the run still holds, then free everything left in cycles.
    globals_.clear();
    builtins_.clear();
    modules_.clear();
    for (auto& code : program_.codes) {
        code->consts.clear();
        code->names.clear();
        code->localNames.clear();
        code->cellNames.clear();
        code->freeNames.clear();
        code->doc.clear();
    }
    emptyTuple_.clear();
    internedKeep_.clear();
    interned_.clear();
    heap_.sweep();
    for (auto& bucket : framePool_)
        for (Frame* frame : bucket) {
            frame->~Frame();
            ::operator delete(frame);
        }
}

void Interpreter::measureStack() {
    const std::uintptr_t top = stackAddress();
    std::size_t size = 8u << 20;  // the usual default when the thread's size is unknown
#if defined(__linux__)
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
        void* address = nullptr;
        std::size_t stackSize = 0;
        if (pthread_attr_getstack(&attributes, &address, &stackSize) == 0 && stackSize > 0) {
            const auto low = reinterpret_cast<std::uintptr_t>(address);
            if (top > low)
                size = top - low;
        }
        pthread_attr_destroy(&attributes);
    }
#endif
    // Keep a quarter of what is left (at least 256 KB) for the code that reports the error.
    const std::size_t margin = std::max<std::size_t>(size / 4, 256u << 10);
    stackFloor_ = size > margin ? top - (size - margin) : top;
}

void Interpreter::attachLoop(Loop* loop, Recorder* recorder) {
    loop_ = loop;
    recorder_ = recorder;
}

void Interpreter::detachLoop() {
    loop_ = nullptr;
    recorder_ = nullptr;
    loopDestroyed = true;
}

// ---------------------------------------------------------------- values

Value Interpreter::intern(std::string_view text) {
    auto found = interned_.find(text);
    if (found != interned_.end())
        return Value(found->second);
    auto* object = heap_.make<StrObject>(std::string(text));
    object->interned = true;
    Value value(object);
    internedKeep_.push_back(value);
    interned_.emplace(std::string_view(object->text), object);
    return value;
}

Value Interpreter::str(std::string text) {
    if (heap_.bytes() + externalBytesEstimate_ + static_cast<std::int64_t>(text.capacity()) > memoryCheckAt_)
        reserveMemory(static_cast<double>(text.capacity()));
    return Value(heap_.make<StrObject>(std::move(text)));
}

Value Interpreter::newTuple(std::vector<Value> items) {
    if (items.empty() && !emptyTuple_.empty())
        return emptyTuple_;
    return Value(heap_.make<TupleObject>(std::move(items)));
}

Value Interpreter::newList(std::vector<Value> items) { return Value(heap_.make<ListObject>(std::move(items))); }
namespace {

bool scriptEquals(void* context, const Value& a, const Value& b) {
    return static_cast<Interpreter*>(context)->equals(a, b);
}

} // namespace

Value Interpreter::newDict() {
    auto* dict = heap_.make<DictObject>();
    dict->table.setEquality({&scriptEquals, this});
    return Value(dict);
}

Value Interpreter::newSet() {
    auto* set = heap_.make<SetObject>();
    set->table.setEquality({&scriptEquals, this});
    return Value(set);
}

Value Interpreter::newNative(NativeFn fn, const char* name, Value self, Value data) {
    return Value(heap_.make<NativeObject>(fn, name, std::move(self), std::move(data)));
}

Value* Interpreter::dictLookup(DictObject* dict, const Value& key) { return dict->table.lookup(key, hash(key)); }

void Interpreter::dictSet(DictObject* dict, Value key, Value value) {
    const std::size_t h = hash(key);
    const std::size_t before = dict->table.bytes();
    if (dict->table.insert(std::move(key), h, std::move(value)) && dict->table.bytes() != before) {
        heap_.charge(static_cast<std::int64_t>(dict->table.bytes()) - static_cast<std::int64_t>(before));
        if (memoryCheckDue())
            checkMemory();
    }
}

void Interpreter::setUpdate(SetObject* set, const Value& iterable) {
    if (iterable.is(Kind::Set)) {
        const std::size_t before = set->table.bytes();
        set->table.merge(iterable.as<SetObject>()->table);
        heap_.charge(static_cast<std::int64_t>(set->table.bytes()) - static_cast<std::int64_t>(before));
        return;
    }
    if (iterable.is(Kind::Dict))
        set->table.prepareFor(iterable.as<DictObject>()->table.size());
    for (Value& item : toVector(iterable)) {
        const std::size_t h = hash(item);
        setInsert(set, std::move(item), h);
    }
}

void Interpreter::setInsert(SetObject* set, Value key, std::size_t hash) {
    const std::size_t before = set->table.bytes();
    if (set->table.insert(std::move(key), hash) && set->table.bytes() != before) {
        heap_.charge(static_cast<std::int64_t>(set->table.bytes()) - static_cast<std::int64_t>(before));
        if (memoryCheckDue())
            checkMemory();
    }
}

Value Interpreter::dictGetStr(DictObject* dict, std::string_view key) {
    Value k = intern(key);
    Value* found = dict->table.lookup(k, k.as<StrObject>()->hash());
    return found ? *found : Value();
}

void Interpreter::dictSetStr(DictObject* dict, std::string_view key, Value value) {
    Value k = intern(key);
    const std::size_t h = k.as<StrObject>()->hash();
    dict->table.insert(std::move(k), h, std::move(value));
}

// ---------------------------------------------------------------- modules

Value Interpreter::importModule(const std::string& name) {
    auto found = modules_.find(name);
    if (found != modules_.end())
        return found->second;
    const ModuleDef* definition = findModule(name);
    if (!definition)
        raise(moduleNotFound(*this, name));
    // A submodule is an attribute of its package, which is imported first (as CPython does).
    Value package;
    const std::size_t dot = name.rfind('.');
    if (dot != std::string::npos && findModule(name.substr(0, dot)))
        package = importModule(name.substr(0, dot));
    Value module;
    if (definition->make) {
        module = definition->make(*this);
        modules_[name] = module;
    } else {
        // In the table before its body runs, so that a module importing it back finds it.
        module = newModule(*this, definition->name);
        modules_[name] = module;
        try {
            runLibraryModule(*this, name, module);
        } catch (...) {
            modules_.erase(name);
            throw;
        }
    }
    if (!package.empty() && package.is(Kind::Module))
        dictSetStr(package.as<ModuleObject>()->dict.as<DictObject>(), name.substr(dot + 1), module);
    return module;
}

// ---------------------------------------------------------------- output

void Interpreter::writeStdout(std::string_view text) {
    if (output_.stdoutText)
        output_.stdoutText->append(text);
    if (output_.onStdout)
        output_.onStdout(text);
}

void Interpreter::writeStderr(std::string_view text) {
    if (output_.stderrText)
        output_.stderrText->append(text);
    if (output_.onStderr)
        output_.onStderr(text);
    // The trace keeps stderr too, among the printed lines: a warning or a traceback belongs at
    // the moment it was written.
    recordLines(pendingStderrLine_, text, OutputStream::Stderr);
}

void Interpreter::recordOutput(std::string_view text) { recordLines(pendingStdoutLine_, text, OutputStream::Stdout); }

void Interpreter::recordLines(std::string& pending, std::string_view text, OutputStream stream) {
    if (!recorder_ || !loop_)
        return;
    // One output record per line; a write without a newline waits for the rest of its line.
    pending.append(text);
    std::size_t newline;
    while ((newline = pending.find('\n')) != std::string::npos) {
        recorder_->output(loop_->now(), loop_->currentTaskId(), currentLocation(), std::string_view(pending).substr(0, newline), stream);
        pending.erase(0, newline + 1);
    }
}

void Interpreter::flushOutputLine() {
    if (recorder_ && loop_) {
        if (!pendingStdoutLine_.empty())
            recorder_->output(loop_->now(), loop_->currentTaskId(), currentLocation(), pendingStdoutLine_);
        if (!pendingStderrLine_.empty())
            recorder_->output(loop_->now(), loop_->currentTaskId(), currentLocation(), pendingStderrLine_, OutputStream::Stderr);
    }
    pendingStdoutLine_.clear();
    pendingStderrLine_.clear();
}

void Interpreter::warnNeverAwaited(const char* name, const SourceLocation& created) {
    std::string text = std::string(created.file) + ":" + std::to_string(currentLine() ? currentLine() : created.line) +
                       ": RuntimeWarning: coroutine '" + name + "' was never awaited\n";
    const std::string source = program_.lineText(currentLine() ? currentLine() : created.line);
    const std::size_t start = source.find_first_not_of(" \t");
    if (start != std::string::npos)
        text += "  " + source.substr(start) + "\n";
    text += "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
    writeStderr(text);
}

} // namespace awaitscope::script
