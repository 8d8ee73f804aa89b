#include "script/objects/Arguments.h"

#include "script/vm/Interpreter.h"

#include <string>

namespace awaitscope::script {

ArgParser::ArgParser(Interpreter& interp, CallArgs& args, const char* function, std::initializer_list<const char*> names,
                     int required)
    : values_(names.size()) {
    const int declared = static_cast<int>(names.size());
    if (args.count > declared) {
        if (declared == 0)
            interp.typeError(std::string(function) + "() takes no arguments (" + std::to_string(args.count) + " given)");
        interp.typeError(std::string(function) + "() takes at most " + std::to_string(declared) + " argument" +
                         (declared == 1 ? "" : "s") + " (" + std::to_string(args.count) + " given)");
    }
    for (int i = 0; i < args.count; ++i)
        values_[static_cast<std::size_t>(i)] = args[i];
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& key = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        int index = 0;
        bool found = false;
        for (const char* name : names) {
            if (key == name) {
                found = true;
                break;
            }
            ++index;
        }
        if (!found)
            interp.typeError(std::string(function) + "() got an unexpected keyword argument '" + key + "'");
        if (!values_[static_cast<std::size_t>(index)].empty())
            interp.typeError(std::string(function) + "() got multiple values for argument '" + key + "'");
        values_[static_cast<std::size_t>(index)] = args.kwValues[k];
    }
    for (int i = 0; i < required; ++i)
        if (values_[static_cast<std::size_t>(i)].empty())
            interp.typeError(std::string(function) + "() missing required argument '" +
                             *(names.begin() + i) + "' (pos " + std::to_string(i + 1) + ")");
}

void noKeywords(Interpreter& interp, CallArgs& args, const char* name) {
    if (args.kwCount())
        interp.typeError(std::string(name) + "() takes no keyword arguments");
}

void argCountError(Interpreter& interp, CallArgs& args, const char* name, int min, int max) {
    const int given = args.count - 1;
    if (min == max && min == 0)
        interp.typeError(std::string(name) + "() takes no arguments (" + std::to_string(given) + " given)");
    if (min == max)
        interp.typeError(std::string(name) + "() takes exactly one argument (" + std::to_string(given) + " given)");
    if (given < min)
        interp.typeError(std::string(name) + " expected at least " + std::to_string(min) + " argument" +
                         (min == 1 ? "" : "s") + ", got " + std::to_string(given));
    interp.typeError(std::string(name) + " expected at most " + std::to_string(max) + " argument" +
                     (max == 1 ? "" : "s") + ", got " + std::to_string(given));
}

} // namespace awaitscope::script
