#include "script/vm/ScriptExceptionPolicy.h"

#include "script/vm/Interpreter.h"

#include <stdexcept>

namespace awaitscope::script {

std::exception_ptr ScriptExceptionPolicy::cancelled(const std::optional<std::string>& message) const {
    if (message && !message->empty())
        return interp_.toExceptionPtr(interp_.newException(interp_.exc.cancelledError, *message));
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.cancelledError, std::vector<Value>{}));
}

bool ScriptExceptionPolicy::isCancelled(const std::exception_ptr& error) const {
    if (!error)
        return false;
    try {
        std::rethrow_exception(error);
    } catch (const ScriptError& e) {
        return interp_.isInstance(e.exception, interp_.exc.cancelledError);
    } catch (const awaitscope::CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::exception_ptr ScriptExceptionPolicy::timeout() const {
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.timeoutError, std::vector<Value>{}));
}

std::exception_ptr ScriptExceptionPolicy::withCause(std::exception_ptr error, std::exception_ptr cause) const {
    try {
        Value exception = interp_.exceptionFrom(error);
        if (ExceptionData* data = interp_.exceptionData(exception))
            data->cause = interp_.exceptionFrom(cause);
    } catch (const ScriptAbort&) {
    }
    return error;
}

std::exception_ptr ScriptExceptionPolicy::exceptionGroup(const std::string& message,
                                                         std::vector<std::exception_ptr> errors) const {
    std::vector<Value> exceptions;
    for (const std::exception_ptr& error : errors) {
        try {
            exceptions.push_back(interp_.exceptionFrom(error));
        } catch (const ScriptAbort&) {
            return error;  // an abort outranks the group
        }
    }
    return interp_.toExceptionPtr(interp_.makeExceptionGroup(message, std::move(exceptions), true));
}

bool ScriptExceptionPolicy::isBaseError(const std::exception_ptr& error) const {
    try {
        std::rethrow_exception(error);
    } catch (const ScriptError& e) {
        return interp_.isInstance(e.exception, interp_.exc.systemExit) ||
               interp_.isInstance(e.exception, interp_.exc.keyboardInterrupt);
    } catch (const ScriptAbort&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::exception_ptr ScriptExceptionPolicy::runtimeError(const std::string& message) const {
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.runtimeError, message));
}

std::exception_ptr ScriptExceptionPolicy::recursionError(const std::string& message) const {
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.recursionError, message));
}

std::exception_ptr ScriptExceptionPolicy::invalidState(const std::string& message) const {
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.invalidStateError, message));
}

std::exception_ptr ScriptExceptionPolicy::queueEmpty() const {
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.queueEmpty, std::vector<Value>{}));
}

std::exception_ptr ScriptExceptionPolicy::queueFull() const {
    return interp_.toExceptionPtr(interp_.newException(interp_.exc.queueFull, std::vector<Value>{}));
}

std::string ScriptExceptionPolicy::describe(const std::exception_ptr& error) const {
    if (!error)
        return {};
    try {
        return interp_.repr(interp_.exceptionFrom(error));
    } catch (const ScriptAbort& abort) {
        return abort.message;
    } catch (...) {
        return "exception";
    }
}

} // namespace awaitscope::script
