#pragma once

// Awaitscope's own Chrome export, read back without loss (ChromeExportKeys.h says how it is
// written). The value of metadata."awaitscope-trace" is read as a native document: it gives
// the tables and the events no slice carries. The complete slices on the task tracks give
// back every other event, in its place. The Chrome reader hands over what it parses; these
// classes know nothing else of Chrome JSON.
#include "ChromeExportKeys.h"
#include "JsonInput.h"
#include "NativeTraceReader.h"

#include "awaitscope/io/TraceFile.h"
#include "awaitscope/io/TraceLimits.h"
#include "awaitscope/trace/Trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awaitscope::detail {

// A scalar of args.data, as the Chrome reader's SAX handler saw it.
struct ArgValue {
    bool isNumber = false;
    bool isInteger = false;  // an integer that fits in 64 signed bits
    std::int64_t integer = 0;
    double number = 0;
    const std::string* text = nullptr;  // set for a string
};

// The members of an exported slice's args.data that the round trip needs. A member that is
// missing, or not of its type and range, stays unset.
struct ExportedSliceArgs {
    static constexpr std::uint32_t kUnset = 0xFFFFFFFFu;
    std::uint32_t seq = kUnset;
    std::uint32_t endSeq = kUnset;
    std::uint32_t readySeq = kUnset;
    std::uint32_t frameSeq = kUnset;
    std::uint32_t frameEndSeq = kUnset;
    std::uint32_t await = kUnset;
    std::uint32_t frame = kUnset;
    std::uint32_t block = kUnset;
    std::uint32_t waker = kUnset;
    std::int8_t outcome = -1;  // TaskOutcome
    std::int8_t woken = -1;    // WaitKind
    bool hasReadyAt = false;
    bool hasError = false;
    TimeNs readyAt = 0;
    std::string error;

    void read(std::string_view key, const ArgValue& value);
};

// The native document inside the export's metadata. The Chrome reader's SAX stream passes
// through a MetadataTap, which feeds this document's values to a NativeTraceReader.
class ExportTables {
public:
    explicit ExportTables(JsonInput& input) : input_(input), reader_(input, trace_) {}

    enum class State : std::uint8_t { Absent, Reading, Ready, Failed };
    State state() const { return state_; }
    bool ready() const { return state_ == State::Ready; }
    // Why the document could not be used (with its JSON path), for a warning.
    std::string problem() const;
    // Set when the input itself stopped (cancelled, unreadable) inside the document.
    const std::string& abortMessage() const { return abortMessage_; }

    Trace& trace() { return trace_; }
    NativeTraceReader& reader() { return reader_; }

    void begin() { state_ = State::Reading; }
    // The result of a SAX callback of the reader: a bad document is only noted (the trace is
    // then read as any Chrome trace); false stops the parse when the input stopped.
    bool handled(bool ok);
    bool failed() const { return state_ == State::Failed; }
    // Stops the parse: nesting inside the document went past kMaxJsonDepth.
    bool tooDeep();
    void end();

private:
    JsonInput& input_;
    Trace trace_;
    NativeTraceReader reader_;
    State state_ = State::Absent;
    std::string abortMessage_;
};

// The Chrome reader's SAX handler with metadata."awaitscope-trace" taken out of its stream.
template <class ChromeHandler>
class MetadataTap {
public:
    MetadataTap(ChromeHandler& chrome, ExportTables& tables) : chrome_(chrome), tables_(tables) {}

    bool null() { return inner() ? feed([&](NativeTraceReader& r) { return r.null(); }) : chrome_.null(); }
    bool boolean(bool v) { return inner() ? feed([&](NativeTraceReader& r) { return r.boolean(v); }) : chrome_.boolean(v); }
    bool number_integer(std::int64_t v) {
        return inner() ? feed([&](NativeTraceReader& r) { return r.number_integer(v); }) : chrome_.number_integer(v);
    }
    bool number_unsigned(std::uint64_t v) {
        return inner() ? feed([&](NativeTraceReader& r) { return r.number_unsigned(v); }) : chrome_.number_unsigned(v);
    }
    bool number_float(double v, const std::string& s) {
        return inner() ? feed([&](NativeTraceReader& r) { return r.number_float(v, s); }) : chrome_.number_float(v, s);
    }
    bool string(std::string& s) { return inner() ? feed([&](NativeTraceReader& r) { return r.string(s); }) : chrome_.string(s); }
    bool binary(nlohmann::json::binary_t& b) {
        return inner() ? feed([&](NativeTraceReader& r) { return r.binary(b); }) : chrome_.binary(b);
    }
    bool key(std::string& name) {
        if (inner())
            return feed([&](NativeTraceReader& r) { return r.key(name); });
        if (depth_ == 1 && topIsObject_)
            topKey_ = name;
        else if (depth_ == 2 && inMetadata_)
            metadataKey_ = name;
        return chrome_.key(name);
    }
    bool start_object(std::size_t n) {
        if (inner())
            return deeper() && feed([&](NativeTraceReader& r) { return r.start_object(n); });
        if (depth_ == 2 && inMetadata_ && metadataKey_ == chrome_export::kTablesKey &&
            tables_.state() == ExportTables::State::Absent) {
            tables_.begin();
            innerDepth_ = 1;
            return feed([&](NativeTraceReader& r) { return r.start_object(n); });
        }
        opened(true);
        return chrome_.start_object(n);
    }
    bool start_array(std::size_t n) {
        if (inner())
            return deeper() && feed([&](NativeTraceReader& r) { return r.start_array(n); });
        opened(false);
        return chrome_.start_array(n);
    }
    bool end_object() {
        if (inner())
            return closeInner([&](NativeTraceReader& r) { return r.end_object(); });
        closed();
        return chrome_.end_object();
    }
    bool end_array() {
        if (inner())
            return closeInner([&](NativeTraceReader& r) { return r.end_array(); });
        closed();
        return chrome_.end_array();
    }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& error) {
        return chrome_.parse_error(position, token, error);
    }

private:
    bool inner() const { return innerDepth_ > 0; }
    // The reader refuses deep nesting, but what follows its failure is only counted here.
    bool deeper() { return ++innerDepth_ <= kMaxJsonDepth || tables_.tooDeep(); }
    // Once the document has failed, the rest of it is skipped: the reader stopped where it failed.
    template <class Call>
    bool feed(Call call) {
        return tables_.failed() || tables_.handled(call(tables_.reader()));
    }
    template <class Call>
    bool closeInner(Call call) {
        const bool result = feed(call);
        if (--innerDepth_ == 0)
            tables_.end();
        return result;
    }
    void opened(bool object) {
        ++depth_;
        if (depth_ == 1)
            topIsObject_ = object;
        else if (depth_ == 2)
            inMetadata_ = object && topIsObject_ && topKey_ == "metadata";
    }
    void closed() {
        if (depth_ == 2)
            inMetadata_ = false;
        --depth_;
    }

    ChromeHandler& chrome_;
    ExportTables& tables_;
    int depth_ = 0;       // containers open outside the document
    int innerDepth_ = 0;  // containers open inside it
    bool topIsObject_ = false;
    bool inMetadata_ = false;
    std::string topKey_;
    std::string metadataKey_;
};

// Gives each task back the events its exported slices carry, merged with the ones the
// metadata kept, in the order the slices number them.
class ExportRebuilder {
public:
    explicit ExportRebuilder(Trace& tables) : trace_(tables), numbered_(tables.tasks.size()) {}

    // One complete slice ("X") of the export, on track `tid` (task tid - 1).
    void add(std::int64_t tid, TimeNs begin, TimeNs end, std::string_view category, const ExportedSliceArgs& args);
    // Puts each task's events in place. Returns false with `error` set when the trace holds
    // more events than a trace may; what does not fit together becomes a warning.
    bool finish(std::vector<LoadWarning>& warnings, std::string& error);

private:
    struct Numbered {
        std::uint32_t seq = 0;
        TraceEvent event;
    };
    void push(TaskId task, std::uint32_t seq, const TraceEvent& event);

    Trace& trace_;
    std::vector<std::vector<Numbered>> numbered_;  // per task
    std::uint64_t unusable_ = 0;                   // slices that carried an event in a form not understood
};

} // namespace awaitscope::detail
