// typing, __future__ and collections.abc, inert as CPython's typing is at run time: every
// name stands for `object`, except NamedTuple (collections.py makes the classes).
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

namespace {

// Modules imported for type hints only: every name stands for `object`. Each is named for
// itself, so that a failed import names the module the script asked for.
Value hintModule(Interpreter& interp, const char* name, std::initializer_list<const char*> names) {
    Value module = newModule(interp, name);
    for (const char* hint : names)
        addValue(interp, module, hint, Value(interp.types.object));
    return module;
}

// cast(type, value) returns the value unchanged, as CPython's does.
Value typingCast(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "cast", {"typ", "val"}, 2);
    return a[1];
}

// TypeVar("T") prints as CPython's does (~T); it takes part in no check.
Value typingTypeVar(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || !args[0].is(Kind::Str))
        interp.typeError("TypeVar() argument 'name' must be str");
    return interp.str("~" + args[0].as<StrObject>()->text);
}

// class Tool(NamedTuple) with annotated fields: the namedtuple of modules/python/collections.py,
// imported when a script first asks for it (most scripts import typing and not it).
Value typingGetAttr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__getattr__", {"name"}, 1);
    if (a[0].is(Kind::Str) && a[0].as<StrObject>()->text == "NamedTuple") {
        Value named = interp.getAttr(interp.importModule("collections"), interp.intern("_TypingNamedTuple"));
        addValue(interp, interp.importModule("typing"), "NamedTuple", named);
        return named;
    }
    interp.raise(interp.exc.attributeError, "module 'typing' has no attribute '" + interp.toStr(a[0]) + "'");
}

} // namespace

Value makeTypingModule(Interpreter& interp) {
    Value module = hintModule(interp, "typing",
                      {"Any", "Optional", "Union", "List", "Dict", "Tuple", "Set", "Callable", "Awaitable", "Coroutine",
                       "Iterable", "Iterator", "Sequence", "Mapping", "Generic", "Literal", "Final", "ClassVar",
                       "annotations", "AsyncIterator", "AsyncIterable", "AsyncGenerator", "Generator", "Protocol",
                       "Annotated", "Self", "Type", "NoReturn", "Never", "MutableMapping", "MutableSequence", "Hashable",
                       "ParamSpec", "Concatenate", "TypeAlias", "LiteralString", "Required", "NotRequired"});
    addValue(interp, module, "TYPE_CHECKING", Value::boolean(false));
    addFunction(interp, module, "cast", typingCast);
    addFunction(interp, module, "TypeVar", typingTypeVar);
    addFunction(interp, module, "__getattr__", typingGetAttr);
    return module;
}

Value makeFutureModule(Interpreter& interp) { return hintModule(interp, "__future__", {"annotations"}); }

Value makeCollectionsAbcModule(Interpreter& interp) {
    return hintModule(interp, "collections.abc",
                      {"Callable", "Awaitable", "Coroutine", "Iterable", "Iterator", "Sequence", "Mapping",
                       "MutableMapping", "MutableSequence", "Set", "AsyncIterator", "AsyncIterable", "AsyncGenerator",
                       "Generator", "Hashable", "Sized", "Container", "Collection"});
}

} // namespace awaitscope::script
