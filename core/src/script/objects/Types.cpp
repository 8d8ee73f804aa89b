#include "script/objects/Types.h"

namespace awaitscope::script {

void installTypes(Interpreter& interp) {
    installClassTypes(interp);  // object first: every other class derives from it
    installIntTypes(interp);
    installFloatType(interp);
    installStrType(interp);
    installBytesTypes(interp);
    installListType(interp);
    installTupleType(interp);
    installDictTypes(interp);
    installSetType(interp);
    installRangeType(interp);
    installSliceType(interp);
    installFunctionTypes(interp);
    installDerivedMethods(interp);  // after list, tuple, dict and the staticmethod wrapper
    installModuleType(interp);
    installGeneratorType(interp);
    installCoroutineType(interp);
    installAsyncGeneratorType(interp);  // its steps' types share the coroutine type's slots
    installIteratorTypes(interp);
    installExceptions(interp);
}

} // namespace awaitscope::script
