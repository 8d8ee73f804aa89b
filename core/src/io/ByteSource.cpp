#include "ByteSource.h"

#include "awaitscope/io/TraceLimits.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace awaitscope::detail {

std::string_view MemorySource::next() {
    const std::size_t size = std::min(kReadBlockBytes, bytes_.size() - offset_);
    std::string_view block = bytes_.substr(offset_, size);
    offset_ += size;
    return block;
}

FileSource::FileSource(int fd) : fd_(fd), buffer_(kReadBlockBytes) {}

FileSource::~FileSource() {
    if (fd_ >= 0)
        ::close(fd_);
}

std::string_view FileSource::next() {
    if (!error_.empty())
        return {};
    std::size_t filled = 0;
    // Fill the whole block unless the file ends: format detection looks at the first block.
    while (filled < buffer_.size()) {
        const ssize_t got = ::read(fd_, buffer_.data() + filled, buffer_.size() - filled);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            error_ = "read error at byte " + std::to_string(offset_ + filled) + ": " + std::strerror(errno);
            return {};
        }
        if (got == 0)
            break;
        filled += static_cast<std::size_t>(got);
    }
    offset_ += filled;
    if (offset_ > kMaxTraceFileBytes) {  // a pipe or device: no size to check up front
        error_ = "the input exceeds the limit of " + std::to_string(kMaxTraceFileBytes) + " bytes (kMaxTraceFileBytes)";
        return {};
    }
    return {buffer_.data(), filled};
}

struct GzipSource::State {
    z_stream stream{};
    bool initialised = false;
    bool inMember = true;  // inside a gzip member: its end has not been seen yet
};

GzipSource::GzipSource(ByteSource& compressed, std::string_view pending)
    : compressed_(compressed), state_(std::make_unique<State>()), buffer_(kReadBlockBytes), pending_(pending) {
    pendingBase_ = compressed_.rawOffset() - pending.size();
    // 16 + MAX_WBITS: gzip wrapper only.
    if (inflateInit2(&state_->stream, 16 + MAX_WBITS) != Z_OK) {
        error_ = "cannot start gzip decompression";
        return;
    }
    state_->initialised = true;
    state_->stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pending_.data()));
    state_->stream.avail_in = static_cast<uInt>(pending_.size());
}

GzipSource::~GzipSource() {
    if (state_->initialised)
        inflateEnd(&state_->stream);
}

std::uint64_t GzipSource::rawOffset() const { return pendingBase_ + (pending_.size() - state_->stream.avail_in); }

std::string_view GzipSource::next() {
    if (!error_.empty() || finished_)
        return {};
    z_stream& z = state_->stream;
    z.next_out = reinterpret_cast<Bytef*>(buffer_.data());
    z.avail_out = static_cast<uInt>(buffer_.size());
    while (z.avail_out > 0) {
        if (z.avail_in == 0) {
            pendingBase_ += pending_.size();
            pending_ = compressed_.next();
            if (!compressed_.error().empty()) {
                error_ = compressed_.error();
                return {};
            }
            if (pending_.empty()) {
                finished_ = true;
                if (state_->inMember) {
                    error_ = "the gzip data ends early at compressed byte " + std::to_string(rawOffset()) +
                             ": the file is truncated";
                    return {};
                }
                break;
            }
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(pending_.data()));
            z.avail_in = static_cast<uInt>(pending_.size());
        }
        if (!state_->inMember) {
            // gzip allows several members one after another: each starts a fresh stream.
            inflateReset(&z);
            state_->inMember = true;
        }
        const int status = inflate(&z, Z_NO_FLUSH);
        if (status == Z_STREAM_END) {
            state_->inMember = false;
            continue;
        }
        if (status == Z_OK || (status == Z_BUF_ERROR && z.avail_in == 0))
            continue;
        error_ = "invalid gzip data at compressed byte " + std::to_string(rawOffset()) + ": " +
                 (z.msg ? z.msg : "inflate failed");
        return {};
    }
    const std::size_t produced = buffer_.size() - z.avail_out;
    produced_ += produced;
    if (produced_ > kMaxTraceFileBytes) {
        error_ = "the decompressed data exceeds the limit of " + std::to_string(kMaxTraceFileBytes) +
                 " bytes (kMaxTraceFileBytes)";
        return {};
    }
    return {buffer_.data(), produced};
}

} // namespace awaitscope::detail
