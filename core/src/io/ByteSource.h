#pragma once

// Where the bytes of a trace come from: a buffer in memory, a file read block by block, or
// gzip data inflated on the fly. Readers pull blocks, so a file never has to fit in memory
// twice and a gzip bomb stops at kMaxTraceFileBytes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::detail {

inline constexpr std::size_t kReadBlockBytes = 1u << 20;

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // The next block; empty at the end or after a failure (then error() says why).
    virtual std::string_view next() = 0;
    // Bytes of the underlying input used so far: file bytes, or compressed bytes for gzip.
    virtual std::uint64_t rawOffset() const = 0;
    const std::string& error() const { return error_; }

protected:
    std::string error_;
};

// Hands out an existing buffer in blocks, without copying it.
class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
    std::string_view next() override;
    std::uint64_t rawOffset() const override { return offset_; }

private:
    std::string_view bytes_;
    std::size_t offset_ = 0;
};

// Reads an open file descriptor (owned) in blocks.
class FileSource final : public ByteSource {
public:
    explicit FileSource(int fd);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    std::string_view next() override;
    std::uint64_t rawOffset() const override { return offset_; }

private:
    int fd_;
    std::vector<char> buffer_;
    std::uint64_t offset_ = 0;
};

// Inflates gzip data (one or more concatenated members) from another source. `pending` is
// a block already taken from `compressed` (format detection looked at it first).
class GzipSource final : public ByteSource {
public:
    GzipSource(ByteSource& compressed, std::string_view pending);
    ~GzipSource() override;
    GzipSource(const GzipSource&) = delete;
    GzipSource& operator=(const GzipSource&) = delete;
    std::string_view next() override;
    std::uint64_t rawOffset() const override;

private:
    struct State;
    ByteSource& compressed_;
    std::unique_ptr<State> state_;
    std::vector<char> buffer_;
    std::string_view pending_;
    std::uint64_t pendingBase_ = 0;  // raw offset where `pending_` started
    std::uint64_t produced_ = 0;
    bool finished_ = false;
};

} // namespace awaitscope::detail
