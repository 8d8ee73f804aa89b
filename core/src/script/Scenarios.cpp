#include "awaitscope/script/Scenarios.h"

#include "script/compile/Parser.h"
#include "script/ScenarioTexts.h"

namespace awaitscope {

namespace {

std::vector<Scenario> loadScenarios() {
    std::vector<Scenario> scenarios;
    for (std::size_t i = 0; i < script::kEmbeddedScenarioCount; ++i) {
        const script::EmbeddedScenario& embedded = script::kEmbeddedScenarios[i];
        Scenario scenario;
        scenario.name = embedded.name;
        scenario.fileName = embedded.fileName;
        scenario.source.assign(embedded.source, embedded.size);
        try {
            script::Ast ast;
            script::Parser parser(scenario.source, ast);
            parser.parseModule();
            scenario.lesson = ast.docstring;
        } catch (const script::SyntaxErrorException&) {
            scenario.lesson.clear();
        }
        const std::size_t start = scenario.lesson.find_first_not_of(" \n");
        if (start != std::string::npos) {
            const std::size_t end = scenario.lesson.find('\n', start);
            scenario.title = scenario.lesson.substr(start, end == std::string::npos ? std::string::npos : end - start);
            while (!scenario.title.empty() && (scenario.title.back() == ' ' || scenario.title.back() == '.'))
                scenario.title.pop_back();
        }
        if (scenario.title.empty())
            scenario.title = scenario.name;
        scenarios.push_back(std::move(scenario));
    }
    return scenarios;
}

} // namespace

const std::vector<Scenario>& builtinScenarios() {
    // Built once, then read-only: thread-safe by the rules of function-local statics.
    static const std::vector<Scenario> scenarios = loadScenarios();
    return scenarios;
}

const Scenario* findScenario(std::string_view name) {
    for (const Scenario& scenario : builtinScenarios())
        if (scenario.name == name || scenario.fileName == name)
            return &scenario;
    return nullptr;
}

} // namespace awaitscope
