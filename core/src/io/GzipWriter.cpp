#include "GzipWriter.h"

#include <zlib.h>

namespace awaitscope::detail {

struct GzipWriter::State {
    z_stream stream{};
    bool initialised = false;
};

GzipWriter::GzipWriter(const ByteSink& downstream)
    : downstream_(downstream), state_(std::make_unique<State>()), buffer_(1u << 18) {
    // Level 6 (zlib's default) and 16 + MAX_WBITS: a gzip wrapper with a zero time stamp.
    if (deflateInit2(&state_->stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK)
        state_->initialised = true;
    else
        failed_ = true;
}

GzipWriter::~GzipWriter() {
    if (state_->initialised)
        deflateEnd(&state_->stream);
}

bool GzipWriter::pump(int flush) {
    z_stream& z = state_->stream;
    while (true) {
        z.next_out = reinterpret_cast<Bytef*>(buffer_.data());
        z.avail_out = static_cast<uInt>(buffer_.size());
        const int status = deflate(&z, flush);
        if (status == Z_STREAM_ERROR)
            return false;
        const std::size_t produced = buffer_.size() - z.avail_out;
        if (produced && !downstream_(std::string_view(buffer_.data(), produced)))
            return false;
        if (flush == Z_FINISH ? status == Z_STREAM_END : (z.avail_in == 0 && z.avail_out != 0))
            return true;
    }
}

bool GzipWriter::write(std::string_view bytes) {
    if (failed_)
        return false;
    z_stream& z = state_->stream;
    while (!bytes.empty()) {
        // avail_in is 32-bit: feed at most 1 GiB at a time.
        const std::size_t part = std::min<std::size_t>(bytes.size(), 1u << 30);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
        z.avail_in = static_cast<uInt>(part);
        if (!pump(Z_NO_FLUSH)) {
            failed_ = true;
            return false;
        }
        bytes.remove_prefix(part);
    }
    return true;
}

bool GzipWriter::finish() {
    if (failed_)
        return false;
    state_->stream.avail_in = 0;
    failed_ = !pump(Z_FINISH);
    return !failed_;
}

} // namespace awaitscope::detail
