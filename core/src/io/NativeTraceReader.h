#pragma once

// The native format's SAX handler: it writes each value straight into the compact Trace
// (16-byte events appended to per-task vectors), never building a JSON DOM. It is a small
// state machine over a fixed stack of containers, so it knows the JSON path of every value
// for error messages. Cross-references (ids into tables that may come later in the file)
// are checked once the whole file is read.
#include "JsonInput.h"

#include "awaitscope/io/TraceLimits.h"
#include "awaitscope/trace/Trace.h"

#include <array>
#include <cstdint>
#include <string>

namespace awaitscope::detail {

class NativeTraceReader {
public:
    NativeTraceReader(JsonInput& input, Trace& trace) : input_(input), trace_(trace) {}

    // Reads the whole input into the trace. On failure, error() says where and why.
    bool read();
    const std::string& error() const { return error_; }
    // The cross-references between the tables and from the events, which read() checks at
    // the end. A document embedded in another file is fed through the SAX callbacks below by
    // its reader, which calls this once the document (and what it adds to it) is complete.
    bool validate();

    // ---- nlohmann SAX interface ----
    bool null();
    bool boolean(bool value);
    bool number_integer(std::int64_t value);
    bool number_unsigned(std::uint64_t value);
    bool number_float(double value, const std::string& text);
    bool string(std::string& value);
    bool binary(nlohmann::json::binary_t& value);
    bool start_object(std::size_t elements);
    bool key(std::string& name);
    bool end_object();
    bool start_array(std::size_t elements);
    bool end_array();
    bool parse_error(std::size_t position, const std::string& lastToken, const nlohmann::detail::exception& error);

    // The tables of the format, in the order the writer puts them.
    enum class Table : std::uint8_t {
        Sites,
        Awaits,
        Frames,
        Blocks,
        Scopes,
        Output,
        NeverAwaited,
        UnretrievedErrors,
        PendingAtExit,
        ScriptErrors,
        LoopQueues,
    };

private:
    enum class Context : std::uint8_t { Document, Top, Metadata, Strings, Table, Row, Tasks, Task, Events, Event };

    struct Value {
        enum class Type : std::uint8_t { Null, Bool, Negative, Unsigned, Float, String, Object, Array } type;
        std::uint64_t unsignedValue = 0;
        std::int64_t negativeValue = 0;
        const std::string* text = nullptr;
    };

    struct Frame {
        Context context = Context::Document;
        Table table = Table::Sites;
        int key = -1;               // objects: the member being read (index into the context's names)
        std::uint32_t count = 0;    // arrays: elements started so far; objects: members seen
        std::uint32_t seen = 0;     // objects: bit per member already read
    };

    bool value(const Value& v);
    bool valueInTop(const Value& v);
    bool valueInMetadata(const Value& v);
    bool valueInRow(const Value& v);
    bool valueInTask(const Value& v);
    bool valueInEvent(const Value& v);
    bool push(Context context, Table table = Table::Sites);
    bool finishEvent();
    bool finishRow();

    // Conversions that report a typed error on mismatch.
    bool asId(const Value& v, std::uint32_t& out);
    bool asNullableId(const Value& v, std::uint32_t& out);
    bool asTime(const Value& v, TimeNs& out);
    template <class Enum>
    bool asEnum(const Value& v, int count, Enum& out, const char* what);

    bool fail(std::string message);          // at the current JSON path, near the current byte
    bool failAt(std::string path, std::string message);  // a path found after reading
    std::string path() const;
    Frame& top() { return stack_[depth_]; }

    JsonInput& input_;
    Trace& trace_;
    std::string error_;
    std::string unknownKey_;
    std::array<Frame, kMaxJsonDepth + 1> stack_{};
    int depth_ = 0;
    bool formatSeen_ = false;
    bool versionSeen_ = false;
    std::uint64_t events_ = 0;
    TraceEvent event_{};      // the event being read
    int eventMaxFields_ = 2;  // how many elements its kind allows
};

} // namespace awaitscope::detail
