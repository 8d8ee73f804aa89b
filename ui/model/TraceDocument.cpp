#include "model/TraceDocument.h"

namespace awaitscope::ui {

TraceDocument::TraceDocument(QObject* parent) : QObject(parent) {}

void TraceDocument::setModel(std::shared_ptr<const DerivedTrace> model, DocumentOrigin origin, const QString& displayName,
                             const QString& filePathOrScenario) {
    model_ = std::move(model);
    origin_ = model_ ? origin : DocumentOrigin::None;
    displayName_ = displayName;
    filePath_ = origin == DocumentOrigin::File ? filePathOrScenario : QString();
    scenarioName_ = origin == DocumentOrigin::Scenario ? filePathOrScenario : QString();
    ++generation_;
    emit documentChanged();
}

void TraceDocument::setFilePath(const QString& path) {
    filePath_ = path;
    origin_ = DocumentOrigin::File;
    emit originChanged();
}

void TraceDocument::clear() { setModel(nullptr, DocumentOrigin::None, {}); }

} // namespace awaitscope::ui
