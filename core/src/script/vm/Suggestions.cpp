// "NameError: name 'reslt' is not defined. Did you mean: 'result'?": the hint CPython 3.11
// adds when it prints a NameError or an AttributeError that ends a program. The same names are
// offered by the same measure (Python/suggestions.c): an edit distance over UTF-8 bytes in
// which a case flip costs half a move, searched in the same order (the frame's own variables,
// then its globals, then the builtins; an object's attributes in dir() order), so a tie goes
// to the name CPython would name. A builtin CPython has and this interpreter lacks is not offered.
#include "script/vm/Frame.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

namespace awaitscope::script {

namespace {

constexpr std::size_t kMoveCost = 2;
constexpr std::size_t kCaseCost = 1;
constexpr std::size_t kMaxNameBytes = 40;     // longer names are never offered
constexpr std::size_t kMaxCandidates = 750;   // a bigger namespace offers nothing

// The builtins module's names in the order of CPython 3.11's dict (vars(builtins) with site):
// a tie between two builtins goes to the earlier one.
constexpr std::array<std::string_view, 157> kCPythonBuiltins = {
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__", "__import__", "abs", "all",
    "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod", "eval", "exec",
    "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter",
    "aiter", "len", "locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round", "setattr",
    "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True", "bool", "memoryview", "bytearray",
    "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float", "frozenset", "property", "int", "list",
    "map", "object", "range", "reversed", "set", "slice", "staticmethod", "str", "super", "tuple", "type", "zip",
    "__debug__", "BaseException", "BaseExceptionGroup", "Exception", "GeneratorExit", "KeyboardInterrupt",
    "SystemExit", "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError", "ImportError",
    "LookupError", "MemoryError", "NameError", "OSError", "ReferenceError", "RuntimeError", "StopAsyncIteration",
    "StopIteration", "SyntaxError", "SystemError", "TypeError", "ValueError", "Warning", "FloatingPointError",
    "OverflowError", "ZeroDivisionError", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning",
    "ImportWarning", "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning",
    "UnicodeWarning", "UserWarning", "BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError",
    "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
    "ProcessLookupError", "TimeoutError", "IndentationError", "IndexError", "KeyError", "ModuleNotFoundError",
    "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError", "BrokenPipeError",
    "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "TabError", "UnicodeDecodeError",
    "UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup", "EnvironmentError", "IOError", "open", "quit",
    "exit", "copyright", "credits", "license", "help"};

std::size_t substitutionCost(char a, char b) {
    if ((a & 31) != (b & 31))
        return kMoveCost;  // not even a case flip of each other
    if (a == b)
        return 0;
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

// The edit distance, or more than maxCost as soon as it must exceed it.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t maxCost) {
    while (!a.empty() && !b.empty() && a.front() == b.front()) {
        a.remove_prefix(1);
        b.remove_prefix(1);
    }
    while (!a.empty() && !b.empty() && a.back() == b.back()) {
        a.remove_suffix(1);
        b.remove_suffix(1);
    }
    if (a.empty() || b.empty())
        return (a.size() + b.size()) * kMoveCost;
    if (a.size() > kMaxNameBytes || b.size() > kMaxNameBytes)
        return maxCost + 1;
    if (b.size() < a.size())
        std::swap(a, b);
    if ((b.size() - a.size()) * kMoveCost > maxCost)
        return maxCost + 1;
    // One row of the table, updated in place: row[i] is the cost from b's prefix to a[:i+1].
    std::array<std::size_t, kMaxNameBytes> row{};
    for (std::size_t i = 0; i < a.size(); ++i)
        row[i] = (i + 1) * kMoveCost;
    std::size_t result = 0;
    for (std::size_t bi = 0; bi < b.size(); ++bi) {
        std::size_t diagonal = bi * kMoveCost;
        result = diagonal;
        std::size_t rowMinimum = SIZE_MAX;
        for (std::size_t ai = 0; ai < a.size(); ++ai) {
            const std::size_t substitute = diagonal + substitutionCost(b[bi], a[ai]);
            diagonal = row[ai];
            result = std::min(std::min(result, diagonal) + kMoveCost, substitute);
            row[ai] = result;
            rowMinimum = std::min(rowMinimum, result);
        }
        if (rowMinimum > maxCost)
            return maxCost + 1;
    }
    return result;
}

// The closest candidate within a third of the characters involved, the first of equals.
template <typename Names>
std::string closest(const Names& candidates, std::string_view name) {
    if (candidates.size() >= kMaxCandidates)
        return {};
    std::string best;
    std::size_t bestDistance = SIZE_MAX;
    bool found = false;
    for (const auto& each : candidates) {
        const std::string_view candidate(each);
        if (candidate == name)
            continue;
        const std::size_t maxDistance =
            std::min((name.size() + candidate.size() + 3) * kMoveCost / 6, bestDistance - 1);
        const std::size_t distance = editDistance(name, candidate, maxDistance);
        if (distance > maxDistance)
            continue;
        if (!found || distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
            found = true;
        }
    }
    return best;
}

std::vector<std::string> keysOf(const Value& dict) {
    std::vector<std::string> keys;
    if (!dict.is(Kind::Dict))
        return keys;
    for (const auto& entry : dict.as<DictObject>()->table.entries())
        if (!entry.key.empty() && entry.key.is(Kind::Str))
            keys.push_back(entry.key.as<StrObject>()->text);
    return keys;
}

std::string hint(const std::string& suggestion) { return suggestion.empty() ? "" : ". Did you mean: '" + suggestion + "'?"; }

} // namespace

std::string Interpreter::nameSuggestion(const Frame* frame, const Value& name) {
    const std::string_view wanted = name.as<StrObject>()->text;
    std::vector<std::string> locals;
    for (const Value& local : frame->code->localNames)
        locals.push_back(local.as<StrObject>()->text);
    std::string found = closest(locals, wanted);
    if (found.empty())
        found = closest(keysOf(frame->globals), wanted);
    if (found.empty()) {
        // Only the builtins there are here: offering one this interpreter lacks would send
        // the learner to a second NameError.
        std::vector<std::string_view> builtins;
        for (std::string_view builtin : kCPythonBuiltins)
            if (const Value key = intern(builtin); builtins_.as<DictObject>()->table.find(key, key.as<StrObject>()->hash()) >= 0)
                builtins.push_back(builtin);
        found = closest(builtins, wanted);
    }
    return found;
}

std::string Interpreter::suggestion(const Value& exception) {
    ExceptionData* data = exceptionData(exception);
    if (!data || data->missingName.empty())
        return {};
    ClassObject* cls = typeOf(exception);
    if (cls == exc.nameError)
        return hint(data->nameSuggestion);
    if (cls != exc.attributeError)
        return {};
    // dir(object): its own attributes and its class's, sorted.
    std::set<std::string> names;
    const Value& object = data->missingFrom;
    auto addClass = [&](const ClassObject* cls) {
        for (const Value& entry : cls->mro)
            for (std::string& key : keysOf(entry.as<ClassObject>()->dict))
                names.insert(std::move(key));
    };
    if (object.is(Kind::Module)) {
        for (std::string& key : keysOf(object.as<ModuleObject>()->dict))
            names.insert(std::move(key));
    } else if (object.is(Kind::Class)) {
        addClass(object.as<ClassObject>());
    } else {
        if (object.is(Kind::Instance))
            for (std::string& key : keysOf(object.as<InstanceObject>()->dict))
                names.insert(std::move(key));
        if (const DerivedParts* parts = derivedParts(object))
            for (std::string& key : keysOf(parts->attrs))
                names.insert(std::move(key));
        addClass(typeOf(object));
    }
    return hint(closest(names, data->missingName.as<StrObject>()->text));
}

} // namespace awaitscope::script
