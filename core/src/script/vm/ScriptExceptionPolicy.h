#pragma once

// Makes the runtime's exceptions Python objects: cancellation, timeouts, exception groups and
// asyncio's RuntimeErrors become instances of the script's classes, so `except` catches them.
#include "awaitscope/runtime/Errors.h"

namespace awaitscope::script {

class Interpreter;

class ScriptExceptionPolicy final : public ExceptionPolicy {
public:
    explicit ScriptExceptionPolicy(Interpreter& interp) : interp_(interp) {}

    std::exception_ptr cancelled(const std::optional<std::string>& message) const override;
    bool isCancelled(const std::exception_ptr& error) const override;
    std::exception_ptr timeout() const override;
    std::exception_ptr withCause(std::exception_ptr error, std::exception_ptr cause) const override;
    std::exception_ptr exceptionGroup(const std::string& message, std::vector<std::exception_ptr> errors) const override;
    bool isBaseError(const std::exception_ptr& error) const override;
    std::exception_ptr runtimeError(const std::string& message) const override;
    std::exception_ptr recursionError(const std::string& message) const override;
    std::exception_ptr invalidState(const std::string& message) const override;
    std::exception_ptr queueEmpty() const override;
    std::exception_ptr queueFull() const override;
    std::string describe(const std::exception_ptr& error) const override;

private:
    Interpreter& interp_;
};

} // namespace awaitscope::script
