#include "awaitscope/runtime/Errors.h"

#include <typeinfo>

namespace awaitscope {

namespace {

std::string quoted(const std::string& text) { return "'" + text + "'"; }

} // namespace

CancelledError::CancelledError(std::optional<std::string> message)
    : message_(std::move(message)), what_(message_ ? "CancelledError(" + quoted(*message_) + ")" : "CancelledError()") {}

ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : message_(std::move(message)), exceptions_(std::move(exceptions)) {
    what_ = message_ + " (" + std::to_string(exceptions_.size()) + " sub-exception" +
            (exceptions_.size() == 1 ? ")" : "s)");
}

std::exception_ptr ExceptionPolicy::cancelled(const std::optional<std::string>& message) const {
    return std::make_exception_ptr(CancelledError(message));
}

bool ExceptionPolicy::isCancelled(const std::exception_ptr& error) const {
    if (!error)
        return false;
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::exception_ptr ExceptionPolicy::timeout() const { return std::make_exception_ptr(TimeoutError()); }

std::exception_ptr ExceptionPolicy::withCause(std::exception_ptr error, std::exception_ptr) const { return error; }

std::exception_ptr ExceptionPolicy::exceptionGroup(const std::string& message,
                                                   std::vector<std::exception_ptr> errors) const {
    return std::make_exception_ptr(ExceptionGroup(message, std::move(errors)));
}

bool ExceptionPolicy::isBaseError(const std::exception_ptr&) const { return false; }

std::exception_ptr ExceptionPolicy::runtimeError(const std::string& message) const {
    return std::make_exception_ptr(RuntimeError(message));
}

std::exception_ptr ExceptionPolicy::recursionError(const std::string& message) const {
    return std::make_exception_ptr(RecursionError(message));
}

std::exception_ptr ExceptionPolicy::invalidState(const std::string& message) const {
    return std::make_exception_ptr(InvalidStateError(message));
}

std::exception_ptr ExceptionPolicy::queueEmpty() const { return std::make_exception_ptr(QueueEmpty()); }
std::exception_ptr ExceptionPolicy::queueFull() const { return std::make_exception_ptr(QueueFull()); }

std::string ExceptionPolicy::describe(const std::exception_ptr& error) const {
    if (!error)
        return {};
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError& e) {
        return e.what();
    } catch (const TimeoutError&) {
        return "TimeoutError()";
    } catch (const ExceptionGroup& e) {
        return "ExceptionGroup(" + quoted(e.message()) + ", " + std::to_string(e.exceptions().size()) + " errors)";
    } catch (const std::exception& e) {
        return std::string(e.what());
    } catch (...) {
        return "unknown exception";
    }
}

const ExceptionPolicy& defaultExceptionPolicy() {
    static const ExceptionPolicy policy;
    return policy;
}

} // namespace awaitscope
