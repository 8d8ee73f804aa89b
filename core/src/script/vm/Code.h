#pragma once

// Compiled code: a stack machine close to CPython's. A code object holds one function's
// instructions, constants and names, plus a line table used by tracebacks, the trace's
// source locations and the "frozen forever at line N" diagnostic.
#include "awaitscope/trace/SourceLocation.h"
#include "script/objects/Value.h"
#include "script/vm/CostClass.h"
#include "script/vm/Opcodes.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace awaitscope::script {

struct CodeLocation {
    std::uint32_t line = 0;
    std::uint32_t col = 0;  // 0-based
};

inline constexpr int kMaxBlocks = 32;

struct CodeObject {
    std::string name;
    std::string qualname;
    const char* file = "";  // owned by the Program
    std::vector<Instr> code;
    std::vector<CodeLocation> locations;  // one per instruction
    std::vector<Value> consts;
    std::vector<Value> names;       // interned str
    std::vector<Value> localNames;  // interned str, one per fast local (parameters first)
    std::vector<Value> cellNames;
    std::vector<Value> freeNames;
    std::vector<std::int32_t> cellToArg;  // for each cell: the parameter it starts from, or -1
    std::vector<CodeObject*> children;    // code of nested functions, classes and comprehensions
    Value doc;                            // the docstring (functions), or Empty
    int argCount = 0;       // positional parameters
    int kwOnlyCount = 0;
    bool hasVarargs = false;
    bool hasVarkw = false;
    bool isCoroutine = false;
    bool isGenerator = false;
    bool isAsyncGenerator = false;
    bool isModule = false;
    bool isClassBody = false;
    // Code of a library module written in Python (modules/python/*.py): skipped when the trace
    // names a script line, and charged by its module's cost class.
    bool isLibrary = false;
    CostClass costClass = CostClass::Script;
    bool simpleArgs = false;  // positional parameters only, no cells
    int stackSize = 0;
    int blockDepth = 0;
    std::uint32_t firstLine = 0;

    int localCount() const { return static_cast<int>(localNames.size()); }
    int cellCount() const { return static_cast<int>(cellNames.size() + freeNames.size()); }
    int frameSlots() const { return localCount() + cellCount() + stackSize; }
    std::uint32_t lineAt(std::size_t instruction) const {
        return instruction < locations.size() ? locations[instruction].line : firstLine;
    }
    // For the runtime and the trace: file, function and the line of an instruction.
    SourceLocation location(std::size_t instruction) const {
        const CodeLocation at = instruction < locations.size() ? locations[instruction] : CodeLocation{firstLine, 0};
        return SourceLocation(file, qualname.c_str(), at.line, at.col + 1);
    }
    SourceLocation definition() const { return SourceLocation(file, qualname.c_str(), firstLine, 1); }
};

// Everything compiled for one run: the file name and the code objects, alive until the run ends
// (recorded source locations point into them).
struct Program {
    std::string fileName;
    std::string sourceText;
    std::vector<std::string> sourceLines;
    std::vector<std::unique_ptr<CodeObject>> codes;
    CodeObject* module = nullptr;
    // While a library module compiles: its file name (kept in libraryFiles) and cost class, so
    // new code is marked as library code.
    std::vector<std::unique_ptr<std::string>> libraryFiles;
    const char* libraryFile = nullptr;
    CostClass libraryCostClass = CostClass::InPython;

    CodeObject* newCode() {
        codes.push_back(std::make_unique<CodeObject>());
        codes.back()->file = libraryFile ? libraryFile : fileName.c_str();
        codes.back()->isLibrary = libraryFile != nullptr;
        codes.back()->costClass = libraryFile ? libraryCostClass : CostClass::Script;
        return codes.back().get();
    }
    std::string lineText(std::uint32_t line) const {
        return line >= 1 && line <= sourceLines.size() ? sourceLines[line - 1] : std::string();
    }
};

} // namespace awaitscope::script
