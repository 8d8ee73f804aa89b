// The typing module, inert as CPython's is at run time: every name stands for `object`.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/vm/Interpreter.h"

namespace awaitscope::script {

Value makeTypingModule(Interpreter& interp) {
    Value module = newModule(interp, "typing");
    for (const char* name : {"Any", "Optional", "Union", "List", "Dict", "Tuple", "Set", "Callable", "Awaitable",
                             "Coroutine", "Iterable", "Iterator", "Sequence", "Mapping", "TypeVar", "Generic",
                             "Literal", "Final", "ClassVar", "annotations"})
        addValue(interp, module, name, Value(interp.types.object));
    return module;
}

} // namespace awaitscope::script
