#include "script/modules/Modules.h"

#include "script/compile/Compiler.h"
#include "script/compile/Parser.h"
#include "script/modules/LibraryModules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

constexpr ModuleDef kModules[] = {
#define MODULE(name, maker) {name, maker},
#define LIBRARY_MODULE(name, costClass) {name, nullptr, CostClass::costClass},
#include "script/modules/Modules.def"
#undef LIBRARY_MODULE
#undef MODULE
};

} // namespace

const ModuleDef* findModule(std::string_view name) {
    for (const ModuleDef& module : kModules)
        if (name == module.name)
            return &module;
    return nullptr;
}

std::string libraryLineText(std::string_view file, std::uint32_t line) {
    for (std::size_t i = 0; i < kLibraryModuleCount; ++i) {
        const LibraryModuleText& module = kLibraryModules[i];
        if (file != std::string(module.name) + ".py")
            continue;
        const std::string_view text(module.source, module.size);
        std::size_t start = 0;
        for (std::uint32_t n = 1; n < line && start != std::string_view::npos; ++n) {
            start = text.find('\n', start);
            if (start != std::string_view::npos)
                ++start;
        }
        if (start == std::string_view::npos || line == 0)
            return {};
        const std::size_t end = text.find('\n', start);
        return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    }
    return {};
}

void runLibraryModule(Interpreter& interp, const std::string& name, const Value& module) {
    const LibraryModuleText* text = nullptr;
    for (std::size_t i = 0; i < kLibraryModuleCount; ++i)
        if (name == kLibraryModules[i].name)
            text = &kLibraryModules[i];
    if (!text)
        interp.raise(moduleNotFound(interp, name));
    Program& program = interp.program();
    program.libraryFiles.push_back(std::make_unique<std::string>(name + ".py"));
    CodeObject* code = nullptr;
    {
        struct LibraryScope {
            Program& program;
            ~LibraryScope() { program.libraryFile = nullptr; }
        } scope{program};
        program.libraryFile = program.libraryFiles.back()->c_str();
        const ModuleDef* def = findModule(name);
        program.libraryCostClass = def ? def->costClass : CostClass::InPython;
        try {
            Ast ast;
            Parser parser(std::string_view(text->source, text->size), ast);
            parser.parseModule();
            Compiler compiler(interp, program);
            code = compiler.compileModuleCode(ast);
        } catch (const SyntaxErrorException& error) {
            // The embedded modules are tested; this names the module should one ever break.
            interp.raise(interp.exc.importError, "the library module " + name + " does not compile: " + error.info.message +
                                                     " (line " + std::to_string(error.info.line) + ")");
        }
    }
    const Value globals = module.as<ModuleObject>()->dict;
    interp.dictSetStr(globals.as<DictObject>(), "__file__", interp.str(name + ".py"));
    Frame* frame = interp.newFrame(code, Value(), globals);
    frame->awaiter = interp.currentFrame();  // the import statement's frame
    Value result;
    try {
        interp.execute(frame, {}, false, result);
    } catch (...) {
        interp.freeFrame(frame);
        throw;
    }
    interp.freeFrame(frame);
}

Value moduleNotFound(Interpreter& interp, const std::string& name) {
    std::string message = "No module named '" + name + "'";
    if (name == "requests" || name == "httpx" || name == "aiohttp" || name == "openai")
        message += " (Awaitscope scripts use the standard library only: simulate a network call with a function that sleeps)";
    return interp.newException(interp.exc.moduleNotFoundError, message);
}

void notSupported(Interpreter& interp, const std::string& what) {
    interp.raise(interp.exc.notImplementedError, what + " is not supported by Awaitscope's interpreter yet (line " +
                                                     std::to_string(interp.currentLine()) + ")");
}

} // namespace awaitscope::script
