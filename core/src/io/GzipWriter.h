#pragma once

// Compresses a byte stream to gzip on its way to another sink (.json.gz). The gzip header
// carries no time stamp, so the same input always gives the same bytes.
#include "awaitscope/io/ByteSink.h"

#include <memory>
#include <vector>

namespace awaitscope::detail {

class GzipWriter {
public:
    explicit GzipWriter(const ByteSink& downstream);
    ~GzipWriter();
    GzipWriter(const GzipWriter&) = delete;
    GzipWriter& operator=(const GzipWriter&) = delete;

    bool write(std::string_view bytes);
    // Ends the gzip stream; false if anything failed.
    bool finish();

private:
    bool pump(int flush);

    struct State;
    const ByteSink& downstream_;
    std::unique_ptr<State> state_;
    std::vector<char> buffer_;
    bool failed_ = false;
};

} // namespace awaitscope::detail
