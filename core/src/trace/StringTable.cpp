#include "awaitscope/trace/StringTable.h"

namespace awaitscope {

StringTable::StringTable() { intern({}); }

StringTable::StringTable(const StringTable& other) : strings_(other.strings_), bytes_(other.bytes_) { rebuildIndex(); }

StringTable& StringTable::operator=(const StringTable& other) {
    if (this != &other) {
        strings_ = other.strings_;
        bytes_ = other.bytes_;
        rebuildIndex();
    }
    return *this;
}

void StringTable::rebuildIndex() {
    index_.clear();
    index_.reserve(strings_.size());
    for (StringId id = 0; id < strings_.size(); ++id)
        index_.emplace(strings_[id], id);
}

StringId StringTable::intern(std::string_view text) {
    if (auto found = index_.find(text); found != index_.end())
        return found->second;
    const auto id = static_cast<StringId>(strings_.size());
    strings_.emplace_back(text);
    bytes_ += text.size();
    index_.emplace(strings_.back(), id);
    return id;
}

const std::string& StringTable::str(StringId id) const {
    static const std::string empty;
    return id < strings_.size() ? strings_[id] : empty;
}

} // namespace awaitscope
