#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace awaitscope {

using StringId = std::uint32_t;

// Interned strings: events refer to names, files and messages by a 32-bit id.
// Id 0 is always the empty string. Stored strings never move, so views stay valid.
class StringTable {
public:
    StringTable();
    StringTable(const StringTable& other);
    StringTable& operator=(const StringTable& other);
    StringTable(StringTable&&) noexcept = default;
    StringTable& operator=(StringTable&&) noexcept = default;

    StringId intern(std::string_view text);
    std::string_view view(StringId id) const { return id < strings_.size() ? std::string_view(strings_[id]) : std::string_view(); }
    const std::string& str(StringId id) const;
    std::size_t size() const { return strings_.size(); }
    bool contains(StringId id) const { return id < strings_.size(); }
    std::size_t bytes() const { return bytes_; }

private:
    void rebuildIndex();

    std::deque<std::string> strings_;
    std::unordered_map<std::string_view, StringId> index_;
    std::size_t bytes_ = 0;
};

} // namespace awaitscope
