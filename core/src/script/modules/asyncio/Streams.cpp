// asyncio's streams (CPython's streams.py) on a simulated in-process network: start_server
// listens on a port of this run, open_connection connects to it, and what one side writes the
// other side's StreamReader reads. Nothing touches a real socket, and everything happens on
// the virtual clock: a write reaches the peer at once, and the reader waiting for it wakes on
// the loop's next turn, as a socket's reader wakes when the selector reports it readable. A
// read that has to wait is an I/O wait of its own kind (WaitKind::Stream), labelled with the
// peer it waits for, so the timeline names it.
#include "script/modules/Modules.h"
#include "script/modules/asyncio/Asyncio.h"

#include "awaitscope/runtime/ToThread.h"

#include <memory>

namespace awaitscope::script {

namespace {

using Waiter = detail::Ref<detail::FutureValue<void>>;

struct Address {
    std::string host;
    std::int64_t port = 0;
    std::string text() const { return host + ":" + std::to_string(port); }
};

// One direction of a connection: what one side wrote and the other has not read yet.
struct Pipe {
    std::string buffer;
    bool eof = false;
    Waiter reader;  // the read waiting for data, if any
    Address from;   // who writes into it
};

void resolve(const Waiter& waiter) {
    if (waiter && !waiter->done()) {
        waiter->value.emplace();
        waiter->markFinished();
    }
}

// asyncio's default for how far a line may run before readline gives up (2**16).
constexpr std::int64_t kDefaultStreamLimit = 65536;

struct StreamReaderObject final : TypedObject {
    StreamReaderObject(Value cls_, std::shared_ptr<Pipe> pipe_) : TypedObject(std::move(cls_)), pipe(std::move(pipe_)) {}
    std::shared_ptr<Pipe> pipe;
    std::int64_t limit = kDefaultStreamLimit;  // only shown: reads do not enforce it yet
    bool fedByHand = false;                    // StreamReader(): no connection behind it
};

struct StreamWriterObject final : TypedObject {
    StreamWriterObject(Value cls_, std::shared_ptr<Pipe> out_, Value reader_, Address sock_, Address peer_)
        : TypedObject(std::move(cls_)), out(std::move(out_)), reader(std::move(reader_)), sock(std::move(sock_)),
          peer(std::move(peer_)) {}
    void clearReferences() override {
        TypedObject::clearReferences();
        reader.clear();
    }
    std::shared_ptr<Pipe> out;  // what the peer reads
    Value reader;               // this side's StreamReader
    Address sock;
    Address peer;
    bool closing = false;
    bool eofWritten = false;
};

struct ServerObject final : TypedObject {
    ServerObject(Value cls_, Interpreter& interp_, Address address_, Value callback_)
        : TypedObject(std::move(cls_)), interp(&interp_), address(std::move(address_)), callback(std::move(callback_)) {}
    ~ServerObject() override { stopListening(); }
    void clearReferences() override {
        TypedObject::clearReferences();
        callback.clear();
        stopListening();
    }
    void stopListening() {
        if (!serving)
            return;
        serving = false;
        interp->listeningServers.erase(address.port);
        // As Server.close() does, serve_forever's future is cancelled: its await raises CancelledError.
        if (servingForever && !servingForever->done())
            servingForever->cancel();
    }
    Interpreter* interp;
    Address address;
    Value callback;  // client_connected_cb
    bool serving = true;
    Waiter servingForever;  // the serve_forever() call waiting for close(), if any
};

// server.sockets[0]: what getsockname() needs.
struct ListeningSocketObject final : TypedObject {
    ListeningSocketObject(Value cls_, Address address_) : TypedObject(std::move(cls_)), address(std::move(address_)) {}
    Address address;
};

template <class T>
T* self(Interpreter& interp, const Value& value, ClassObject* cls, const char* method) {
    if (!interp.isInstance(value, cls))
        interp.typeError(std::string("descriptor '") + method + "' for '" + cls->nameText() + "' objects doesn't apply to a '" +
                         interp.typeName(value) + "' object");
    return static_cast<T*>(value.as<TypedObject>());
}

StreamReaderObject* readerOf(Interpreter& interp, const Value& v, const char* method) {
    return self<StreamReaderObject>(interp, v, interp.types.streamReaderType, method);
}

StreamWriterObject* writerOf(Interpreter& interp, const Value& v, const char* method) {
    return self<StreamWriterObject>(interp, v, interp.types.streamWriterType, method);
}

ServerObject* serverOf(Interpreter& interp, const Value& v, const char* method) {
    return self<ServerObject>(interp, v, interp.types.serverType, method);
}

Value addressTuple(Interpreter& interp, const Address& address) {
    return interp.newTuple({interp.str(address.host), Value::integer(address.port)});
}

// What the recorder shows for a wait: "StreamReader.readline (data from 127.0.0.1:54321)". The
// text is interned, so it stays valid as long as the run (the recorder keeps its address).
std::string_view waitLabel(Interpreter& interp, const std::string& text) {
    return interp.intern(text).as<StrObject>()->text;
}

// Waits one turn of the loop on a future of kind Stream: what connecting and closing take.
detail::Op<void> oneTurn(std::string_view label) {
    Loop& loop = Loop::running();
    Waiter waiter(new detail::FutureValue<void>(loop, WaitKind::Stream, label));
    loop.callSoon([waiter] { resolve(waiter); }, CallbackKind::StreamIo);
    co_await detail::FutureAwaiter<void>{waiter.get(), waiter.get(), WaitKind::Stream, label};
}

// ---- the network

// 127.0.0.1 and localhost are this machine; a server bound to all interfaces (None, '',
// 0.0.0.0) takes connections to either.
std::string normalHost(Interpreter& interp, const Value& host, bool listening) {
    if (host.empty() || host.isNone())
        return listening ? "0.0.0.0" : "127.0.0.1";
    if (!host.is(Kind::Str))
        interp.typeError("host must be a str, not " + interp.typeName(host));
    const std::string& text = host.as<StrObject>()->text;
    if (text == "localhost" || text == "127.0.0.1")
        return "127.0.0.1";
    if (listening && (text.empty() || text == "0.0.0.0"))
        return "0.0.0.0";
    // Streams run on a simulated network of this machine only. No colon or parenthesis in the
    // words: tst_unsupported's extraction reads what is unsupported up to them.
    notSupported(interp, "a connection to '" + text + "' or any host but 127.0.0.1 and localhost");
}

// What CPython resolves with getaddrinfo on a worker thread: a name, or no host at all (every
// interface). An address written as numbers is taken as it is.
bool needsLookup(const Value& host) {
    return host.empty() || host.isNone() || (host.is(Kind::Str) && host.as<StrObject>()->text != "127.0.0.1" &&
                                             host.as<StrObject>()->text != "0.0.0.0");
}

// loop.getaddrinfo: the lookup is a thread's work; on this network it finds the name at once.
detail::Op<void> lookUp(SourceLocation where) { co_await toThread([] {}, "getaddrinfo", where); }

std::int64_t portOf(Interpreter& interp, const Value& port) {
    if (port.empty() || port.isNone())
        return 0;
    if (!port.isIntLike())
        interp.typeError("port must be an int, not " + interp.typeName(port));
    const std::int64_t n = port.asInt();
    if (n < 0 || n > 65535)
        interp.raise(interp.exc.overflowError, "bind(): port must be 0-65535.");
    return n;
}

std::int64_t freePort(Interpreter& interp) {
    for (int tries = 0; tries < 65536; ++tries) {
        std::int64_t port = interp.nextEphemeralPort++;
        if (interp.nextEphemeralPort > 60999)
            interp.nextEphemeralPort = 32768;
        if (!interp.listeningServers.contains(port))
            return port;
    }
    interp.raise(interp.exc.osError, "no free port left");
}

// The two ends of a new connection: (reader, writer) for each side.
struct Connection {
    Value clientReader, clientWriter, serverReader, serverWriter;
};

Connection connect(Interpreter& interp, const Address& serverAddress) {
    const Address client{"127.0.0.1", freePort(interp)};
    auto toServer = std::make_shared<Pipe>();
    toServer->from = client;
    auto toClient = std::make_shared<Pipe>();
    toClient->from = serverAddress;
    auto& t = interp.types;
    Connection c;
    c.clientReader = Value(interp.heap().make<StreamReaderObject>(Value(t.streamReaderType), toClient));
    c.serverReader = Value(interp.heap().make<StreamReaderObject>(Value(t.streamReaderType), toServer));
    c.clientWriter = Value(interp.heap().make<StreamWriterObject>(Value(t.streamWriterType), toServer, c.clientReader, client,
                                                                  serverAddress));
    c.serverWriter = Value(interp.heap().make<StreamWriterObject>(Value(t.streamWriterType), toClient, c.serverReader,
                                                                  serverAddress, client));
    return c;
}

// CPython's loop does some of its work for streams in tasks of its own: they are real tasks,
// so they take Task-N numbers (a handler's task is Task-4, not Task-2) and show in the trace.
Value loopInternalTask(Interpreter& interp, const char* coroutineName, detail::Op<Value> body) {
    return createTaskOf(interp, makeOp(interp, coroutineName, std::move(body), {}, false), Value());
}

// _accept_connection2: the server's transport calls connection_made a turn later, from the
// loop (so the handler's task has no parent task), and the accepting task ends after it.
detail::Op<Value> acceptConnection(Interpreter* interp, Value callback, Value reader, Value writer, std::string_view label) {
    Loop::running().callSoon(
        [interp, callback, reader, writer] {
            const Value arguments[] = {reader, writer};
            Value result = runLoopCallback(*interp, callback, arguments, 2);
            if (result.is(Kind::Coroutine))
                createTaskOf(*interp, result, Value());
        },
        CallbackKind::StreamIo);
    co_await oneTurn(label);
    co_return Value::none();
}

// open_connection: one turn of the loop to connect, as a socket's connect takes; then the
// server accepts in a task of its own, and the client has its pair.
detail::Op<Value> openConnection(Interpreter* interp, Address target, bool lookup, std::string_view label) {
    if (lookup)
        co_await lookUp(interp->currentLocation());
    co_await oneTurn(label);
    auto found = interp->listeningServers.find(target.port);
    if (found == interp->listeningServers.end()) {
        Value error = interp->call(Value(interp->exc.connectionRefusedError),
                                   {Value::integer(111), interp->str("Connect call failed ('" + target.host + "', " +
                                                                     std::to_string(target.port) + ")")});
        throw ScriptError(error);
    }
    auto* listening = static_cast<ServerObject*>(found->second);
    Connection c = connect(*interp, Address{listening->address.host == "0.0.0.0" ? "127.0.0.1" : listening->address.host,
                                            listening->address.port});
    const std::string_view accepting = waitLabel(*interp, "accepting a connection on " + listening->address.text());
    // The server accepts from the loop's own callback (the listening socket became readable),
    // so the accepting task has no parent task.
    Loop::running().callSoon(
        [interp, callback = listening->callback, reader = c.serverReader, writer = c.serverWriter, accepting] {
            loopInternalTask(*interp, "BaseSelectorEventLoop._accept_connection2",
                             acceptConnection(interp, callback, reader, writer, accepting));
        },
        CallbackKind::StreamIo);
    // The client's side is made after the server's: the handler's task has made its first step
    // (accepting, connection_made, the handler's step) before open_connection returns, as in CPython.
    for (int turn = 0; turn < 3; ++turn)
        co_await oneTurn(label);
    co_return interp->newTuple({c.clientReader, c.clientWriter});
}

Value asyncioOpenConnection(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "open_connection", {"host", "port", "limit"}, 0);
    runningLoop(interp);
    const Address target{normalHost(interp, a[0], false), portOf(interp, a[1])};
    const std::string_view label = waitLabel(interp, "open_connection (connecting to " + target.text() + ")");
    return makeOp(interp, "open_connection", openConnection(&interp, target, needsLookup(a[0]), label));
}

// A numeric host needs no lookup: the task that resolves it ends in its first step.
detail::Op<Value> resolveHost(bool lookup, SourceLocation where) {
    if (lookup)
        co_await lookUp(where);
    co_return Value::none();
}

// create_server resolves each host in a task it gathers (_create_server_getaddrinfo), then binds.
detail::Op<Value> startServer(Interpreter* interp, Address address, bool lookup, Value callback) {
    Value resolving = loopInternalTask(*interp, "BaseEventLoop._create_server_getaddrinfo",
                                       resolveHost(lookup, interp->currentLocation()));
    co_await resolving.as<TaskObject>()->handle;
    if (address.port == 0)
        address.port = freePort(*interp);
    if (interp->listeningServers.contains(address.port))
        throw ScriptError(interp->call(Value(interp->exc.osError),
                                       {Value::integer(98), interp->str("error while attempting to bind on address ('" +
                                                                        address.host + "', " + std::to_string(address.port) +
                                                                        "): address already in use")}));
    auto* server = interp->heap().make<ServerObject>(Value(interp->types.serverType), *interp, address, callback);
    interp->listeningServers[address.port] = server;
    co_return Value(server);
}

Value asyncioStartServer(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "start_server", {"client_connected_cb", "host", "port", "limit", "reuse_address", "start_serving"},
                1);
    runningLoop(interp);
    Address address{normalHost(interp, a[1], true), portOf(interp, a[2])};
    return makeOp(interp, "start_server", startServer(&interp, std::move(address), needsLookup(a[1]), a[0]));
}

// ---- StreamReader

enum class ReadKind { Some, All, Exactly, Until };

bool canFinish(const Pipe& pipe, ReadKind kind, std::int64_t n, const std::string& separator) {
    if (pipe.eof)
        return true;
    switch (kind) {
    case ReadKind::Some: return !pipe.buffer.empty();
    case ReadKind::All: return false;
    case ReadKind::Exactly: return static_cast<std::int64_t>(pipe.buffer.size()) >= n;
    case ReadKind::Until: return pipe.buffer.find(separator) != std::string::npos;
    }
    return true;
}

Value incompleteRead(Interpreter& interp, std::string partial, const Value& expected) {
    return interp.call(Value(interp.exc.incompleteReadError), {newBytes(interp, std::move(partial)), expected});
}

// StreamReader's reads, as streams.py has them: each waits (one waiter at a time) until what
// it needs is buffered or the peer has closed, then takes it.
detail::Op<Value> readOp(Interpreter* interp, Value readerValue, ReadKind kind, std::int64_t n, std::string separator,
                         bool line, const char* method, std::string_view label, bool iterating = false) {
    std::shared_ptr<Pipe> pipe = static_cast<StreamReaderObject*>(readerValue.as<TypedObject>())->pipe;
    while (!canFinish(*pipe, kind, n, separator)) {
        if (pipe->reader)
            interp->raise(interp->exc.runtimeError,
                          std::string(method) + "() called while another coroutine is already waiting for incoming data");
        Waiter waiter(new detail::FutureValue<void>(Loop::running(), WaitKind::Stream, label));
        pipe->reader = waiter;
        try {
            co_await detail::FutureAwaiter<void>{waiter.get(), waiter.get(), WaitKind::Stream, label};
        } catch (...) {
            pipe->reader = Waiter();
            throw;
        }
        pipe->reader = Waiter();
    }
    std::string& buffer = pipe->buffer;
    std::string taken;
    switch (kind) {
    case ReadKind::Some: {
        const std::size_t count = std::min<std::size_t>(buffer.size(), static_cast<std::size_t>(n));
        taken = buffer.substr(0, count);
        buffer.erase(0, count);
        break;
    }
    case ReadKind::All:
        taken.swap(buffer);
        break;
    case ReadKind::Exactly:
        if (static_cast<std::int64_t>(buffer.size()) < n) {
            std::string partial;
            partial.swap(buffer);
            throw ScriptError(incompleteRead(*interp, std::move(partial), Value::integer(n)));
        }
        taken = buffer.substr(0, static_cast<std::size_t>(n));
        buffer.erase(0, static_cast<std::size_t>(n));
        break;
    case ReadKind::Until: {
        const std::size_t at = buffer.find(separator);
        if (at == std::string::npos) {
            std::string partial;
            partial.swap(buffer);
            // readline gives what is left at the end of the stream; readuntil raises.
            if (line) {
                // `async for` over the reader ends where readline gives b''.
                if (iterating && partial.empty())
                    interp->raise(interp->newException(interp->exc.stopAsyncIteration, std::vector<Value>{}));
                co_return newBytes(*interp, std::move(partial));
            }
            throw ScriptError(incompleteRead(*interp, std::move(partial), Value::none()));
        }
        taken = buffer.substr(0, at + separator.size());
        buffer.erase(0, at + separator.size());
        break;
    }
    }
    co_return newBytes(*interp, std::move(taken));
}

// A read's coroutine name, as CPython's warnings and task names spell it.
const char* qualifiedReadName(std::string_view method) {
    if (method == "read")
        return "StreamReader.read";
    if (method == "readexactly")
        return "StreamReader.readexactly";
    return "StreamReader.readuntil";
}

Value startRead(Interpreter& interp, const Value& reader, ReadKind kind, std::int64_t n, std::string separator, bool line,
                const char* method) {
    const Pipe& pipe = *readerOf(interp, reader, method)->pipe;
    const std::string_view label =
        waitLabel(interp, std::string("StreamReader.") + (line ? "readline" : method) + " (data from " + pipe.from.text() + ")");
    return makeOp(interp, line ? "StreamReader.readline" : qualifiedReadName(method), readOp(&interp, reader, kind, n, std::move(separator), line, method, label),
                  reader);
}

Value readerRead(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "read", {"self", "n"}, 1);
    const std::int64_t n = a.has(1) ? interp.toIndex(a[1], "n") : -1;
    readerOf(interp, a[0], "read");
    if (n == 0)
        return readyOp(interp, newBytes(interp, {}));
    return startRead(interp, a[0], n < 0 ? ReadKind::All : ReadKind::Some, n, {}, false, "read");
}

Value readerReadline(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "readline", {"self"}, 1);
    return startRead(interp, a[0], ReadKind::Until, 0, "\n", true, "readuntil");
}

Value readerReaduntil(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "readuntil", {"self", "separator"}, 1);
    std::string separator = "\n";
    if (a.has(1)) {
        if (!isBytesLike(a[1]))
            interp.typeError("a bytes-like object is required, not '" + interp.typeName(a[1]) + "'");
        separator = bytesData(a[1]);
    }
    if (separator.empty())
        interp.valueError("Separator should be at least one-byte string");
    return startRead(interp, a[0], ReadKind::Until, 0, std::move(separator), false, "readuntil");
}

Value readerReadexactly(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "readexactly", {"self", "n"}, 2);
    const std::int64_t n = interp.toIndex(a[1], "n");
    readerOf(interp, a[0], "readexactly");
    if (n < 0)
        interp.valueError("readexactly size can not be less than zero");
    if (n == 0)
        return readyOp(interp, newBytes(interp, {}));
    return startRead(interp, a[0], ReadKind::Exactly, n, {}, false, "readexactly");
}

Value readerAtEof(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "at_eof", {"self"}, 1);
    const Pipe& pipe = *readerOf(interp, a[0], "at_eof")->pipe;
    return Value::boolean(pipe.eof && pipe.buffer.empty());
}

Value readerFeedData(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "feed_data", {"self", "data"}, 2);
    Pipe& pipe = *readerOf(interp, a[0], "feed_data")->pipe;
    if (!isBytesLike(a[1]))
        interp.typeError("a bytes-like object is required, not '" + interp.typeName(a[1]) + "'");
    pipe.buffer += bytesData(a[1]);
    resolve(pipe.reader);
    return Value::none();
}

Value readerFeedEof(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "feed_eof", {"self"}, 1);
    Pipe& pipe = *readerOf(interp, a[0], "feed_eof")->pipe;
    pipe.eof = true;
    resolve(pipe.reader);
    return Value::none();
}

// `async for line in reader`: readline until it gives b''.
Value readerAiter(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__aiter__", {"self"}, 1);
    readerOf(interp, a[0], "__aiter__");
    return a[0];
}

Value readerAnext(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__anext__", {"self"}, 1);
    const Pipe& pipe = *readerOf(interp, a[0], "__anext__")->pipe;
    const std::string_view label = waitLabel(interp, "StreamReader.readline (data from " + pipe.from.text() + ")");
    return makeOp(interp, "StreamReader.__anext__", readOp(&interp, a[0], ReadKind::Until, 0, "\n", true, "readuntil", label, true), a[0]);
}

// CPython's fields in its order. Where CPython names its socket transport (with a file
// descriptor no simulation can share), the connection is named by its peer.
std::string readerRepr(Interpreter& interp, const Value& value) {
    const auto* reader = static_cast<StreamReaderObject*>(value.as<TypedObject>());
    const Pipe& pipe = *reader->pipe;
    std::string out = "<StreamReader";
    if (!pipe.buffer.empty())
        out += " " + std::to_string(pipe.buffer.size()) + " bytes";
    if (pipe.eof)
        out += " eof";
    if (reader->limit != kDefaultStreamLimit)
        out += " limit=" + std::to_string(reader->limit);
    (void)interp;
    if (!reader->fedByHand)
        out += " transport=<connection from " + pipe.from.text() + ">";
    return out + ">";
}

// StreamReader(): a reader fed by hand (feed_data, feed_eof), as tests of protocols use it.
Value newStreamReader(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "StreamReader", {"cls", "limit", "loop"}, 1);
    auto pipe = std::make_shared<Pipe>();
    pipe->from = Address{"feed_data", 0};
    auto* reader = interp.heap().make<StreamReaderObject>(Value(interp.types.streamReaderType), std::move(pipe));
    reader->fedByHand = true;
    if (a.has(1)) {
        if (!a[1].isIntLike())  // CPython compares it with 0 first
            interp.typeError("'<=' not supported between instances of '" + interp.typeName(a[1]) + "' and 'int'");
        const std::int64_t limit = a[1].asInt();
        if (limit <= 0)
            interp.valueError("Limit cannot be <= 0");
        reader->limit = limit;
    }
    return Value(reader);
}

// A writer or a server comes from open_connection or start_server: it needs a connection.
Value refuseDirectConstruction(Interpreter& interp, CallArgs& args) {
    interp.typeError("cannot create '" + interp.toStr(interp.getAttr(args[0], interp.intern("__name__"))) +
                     "' objects directly: use asyncio.open_connection() or asyncio.start_server()");
}

// ---- StreamWriter

Value writerWrite(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "write", {"self", "data"}, 2);
    StreamWriterObject* writer = writerOf(interp, a[0], "write");
    if (!isBytesLike(a[1]))
        interp.typeError("data argument must be a bytes-like object, not '" + interp.typeName(a[1]) + "'");
    if (writer->eofWritten)
        interp.raise(interp.exc.runtimeError, "Cannot call write() after write_eof()");
    // After close() the transport drops what is written, as CPython's does once its connection is lost.
    if (writer->closing)
        return Value::none();
    interp.flushCost();
    writer->out->buffer += bytesData(a[1]);
    resolve(writer->out->reader);
    return Value::none();
}

Value writerWritelines(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "writelines", {"self", "data"}, 2);
    for (const Value& item : interp.toVector(a[1]))
        interp.callMethod(a[0], "write", {item});
    return Value::none();
}

void endOutput(StreamWriterObject* writer) {
    writer->out->eof = true;
    resolve(writer->out->reader);
}

Value writerWriteEof(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "write_eof", {"self"}, 1);
    StreamWriterObject* writer = writerOf(interp, a[0], "write_eof");
    if (!writer->closing) {
        writer->eofWritten = true;
        endOutput(writer);
    }
    return Value::none();
}

Value writerCanWriteEof(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "can_write_eof", {"self"}, 1);
    writerOf(interp, a[0], "can_write_eof");
    return Value::boolean(true);
}

// close(): the peer reads to the end of what was written and then sees the end of the stream;
// this side's reader sees it too (its connection is lost).
Value writerClose(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "close", {"self"}, 1);
    StreamWriterObject* writer = writerOf(interp, a[0], "close");
    if (writer->closing)
        return Value::none();
    writer->closing = true;
    interp.flushCost();
    endOutput(writer);
    Pipe& in = *static_cast<StreamReaderObject*>(writer->reader.as<TypedObject>())->pipe;
    in.eof = true;
    resolve(in.reader);
    return Value::none();
}

Value writerIsClosing(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "is_closing", {"self"}, 1);
    return Value::boolean(writerOf(interp, a[0], "is_closing")->closing);
}

Value writerDrain(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "drain", {"self"}, 1);
    StreamWriterObject* writer = writerOf(interp, a[0], "drain");
    if (writer->closing)
        return raisingOp(interp, "StreamWriter.drain", interp.newException(interp.exc.connectionResetError, "Connection lost"));
    return readyOp(interp, Value::none());
}

detail::Op<Value> closed(std::string_view label) {
    co_await oneTurn(label);
    co_return Value::none();
}

Value writerWaitClosed(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait_closed", {"self"}, 1);
    StreamWriterObject* writer = writerOf(interp, a[0], "wait_closed");
    const std::string_view label = waitLabel(interp, "StreamWriter.wait_closed (connection to " + writer->peer.text() + ")");
    return makeOp(interp, "StreamWriter.wait_closed", closed(label), a[0]);
}

Value writerGetExtraInfo(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_extra_info", {"self", "name", "default"}, 2);
    StreamWriterObject* writer = writerOf(interp, a[0], "get_extra_info");
    const std::string name = interp.toStr(a[1]);
    if (name == "peername")
        return addressTuple(interp, writer->peer);
    if (name == "sockname")
        return addressTuple(interp, writer->sock);
    return a.has(2) ? a[2] : Value::none();
}

Value writerReader(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "reader", {"self"}, 1);
    return writerOf(interp, a[0], "reader")->reader;
}

std::string writerRepr(Interpreter&, const Value& value) {
    const auto* writer = static_cast<const StreamWriterObject*>(value.as<TypedObject>());
    return "<StreamWriter " + writer->sock.text() + " to " + writer->peer.text() + (writer->closing ? " closing" : "") + ">";
}

// ---- Server

Value serverClose(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "close", {"self"}, 1);
    interp.flushCost();
    serverOf(interp, a[0], "close")->stopListening();
    return Value::none();
}

Value serverIsServing(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "is_serving", {"self"}, 1);
    return Value::boolean(serverOf(interp, a[0], "is_serving")->serving);
}

// CPython 3.11's wait_closed returns at once once the server is closed.
Value serverWaitClosed(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "wait_closed", {"self"}, 1);
    serverOf(interp, a[0], "wait_closed");
    return readyOp(interp, Value::none());
}

Value serverStartServing(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "start_serving", {"self"}, 1);
    serverOf(interp, a[0], "start_serving");
    return readyOp(interp, Value::none());
}

// serve_forever(): waits until the server is closed; cancelled, it closes the server first.
detail::Op<Value> serveForever(Interpreter* interp, Value serverValue, std::string_view label) {
    auto* server = static_cast<ServerObject*>(serverValue.as<TypedObject>());
    if (!server->serving)
        interp->raise(interp->exc.runtimeError, "server " + interp->repr(serverValue) + " is closed");
    if (server->servingForever && !server->servingForever->done())
        interp->raise(interp->exc.runtimeError, "server " + interp->repr(serverValue) + " is already being awaited on serve_forever()");
    Waiter waiter(new detail::FutureValue<void>(Loop::running(), WaitKind::Stream, label));
    server->servingForever = waiter;
    try {
        co_await detail::FutureAwaiter<void>{waiter.get(), waiter.get(), WaitKind::Stream, label};
    } catch (...) {
        server->stopListening();
        throw;
    }
    co_return Value::none();
}

Value serverServeForever(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "serve_forever", {"self"}, 1);
    ServerObject* server = serverOf(interp, a[0], "serve_forever");
    const std::string_view label = waitLabel(interp, "Server.serve_forever (connections to " + server->address.text() + ")");
    return makeOp(interp, "Server.serve_forever", serveForever(&interp, a[0], label), a[0]);
}

Value serverSockets(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "sockets", {"self"}, 1);
    ServerObject* server = serverOf(interp, a[0], "sockets");
    if (!server->serving)
        return interp.newTuple({});
    return interp.newTuple(
        {Value(interp.heap().make<ListeningSocketObject>(Value(interp.types.listeningSocketType), server->address))});
}

Value serverGetLoop(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "get_loop", {"self"}, 1);
    return interp.call(interp.getAttr(interp.importModule("asyncio"), interp.intern("get_running_loop")), {});
}

Value serverEnter(Interpreter& interp, const Value& server) { return readyOp(interp, server); }

Value serverExit(Interpreter& interp, const Value& server, const Value&) {
    interp.flushCost();
    static_cast<ServerObject*>(server.as<TypedObject>())->stopListening();
    return readyOp(interp, Value::none());
}

std::string serverRepr(Interpreter&, const Value& value) {
    const auto* server = static_cast<const ServerObject*>(value.as<TypedObject>());
    return "<Server sockets=(" + (server->serving ? "<socket " + server->address.text() + ">," : std::string()) + ")>";
}

Value socketGetsockname(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "getsockname", {"self"}, 1);
    return addressTuple(interp, self<ListeningSocketObject>(interp, a[0], interp.types.listeningSocketType, "getsockname")->address);
}

std::string socketRepr(Interpreter&, const Value& value) {
    const auto* socket = static_cast<const ListeningSocketObject*>(value.as<TypedObject>());
    return "<asyncio.TransportSocket family=AddressFamily.AF_INET, type=SocketKind.SOCK_STREAM, proto=6, laddr=('" +
           socket->address.host + "', " + std::to_string(socket->address.port) + ")>";
}

constexpr TypeSlots kReaderSlots{.repr = readerRepr};
constexpr TypeSlots kWriterSlots{.repr = writerRepr};
constexpr TypeSlots kServerSlots{.repr = serverRepr, .asyncEnter = serverEnter, .asyncExit = serverExit};
constexpr TypeSlots kSocketSlots{.repr = socketRepr};

} // namespace

void installStreamTypes(Interpreter& interp) {
    auto& t = interp.types;
    auto make = [&](const char* name, const TypeSlots& slots, const char* module, NativeFn construct = nullptr) {
        return interp.makeClass(name, {t.object}, BuiltinType::Runtime, slots, construct, module);
    };
    t.streamReaderType = make("StreamReader", kReaderSlots, "asyncio.streams", newStreamReader);
    interp.addMethod(t.streamReaderType, "read", readerRead);
    interp.addMethod(t.streamReaderType, "readline", readerReadline);
    interp.addMethod(t.streamReaderType, "readuntil", readerReaduntil);
    interp.addMethod(t.streamReaderType, "readexactly", readerReadexactly);
    interp.addMethod(t.streamReaderType, "at_eof", readerAtEof);
    interp.addMethod(t.streamReaderType, "feed_data", readerFeedData);
    interp.addMethod(t.streamReaderType, "feed_eof", readerFeedEof);
    interp.addMethod(t.streamReaderType, "__aiter__", readerAiter);
    interp.addMethod(t.streamReaderType, "__anext__", readerAnext);
    t.streamWriterType = make("StreamWriter", kWriterSlots, "asyncio.streams", refuseDirectConstruction);
    interp.addMethod(t.streamWriterType, "write", writerWrite);
    interp.addMethod(t.streamWriterType, "writelines", writerWritelines);
    interp.addMethod(t.streamWriterType, "write_eof", writerWriteEof);
    interp.addMethod(t.streamWriterType, "can_write_eof", writerCanWriteEof);
    interp.addMethod(t.streamWriterType, "close", writerClose);
    interp.addMethod(t.streamWriterType, "is_closing", writerIsClosing);
    interp.addMethod(t.streamWriterType, "drain", writerDrain);
    interp.addMethod(t.streamWriterType, "wait_closed", writerWaitClosed);
    interp.addMethod(t.streamWriterType, "get_extra_info", writerGetExtraInfo);
    interp.dictSetStr(t.streamWriterType->dict.as<DictObject>(), "reader", makeProperty(interp, "reader", writerReader));
    t.serverType = make("Server", kServerSlots, "asyncio.base_events", refuseDirectConstruction);
    interp.addMethod(t.serverType, "close", serverClose);
    interp.addMethod(t.serverType, "is_serving", serverIsServing);
    interp.addMethod(t.serverType, "wait_closed", serverWaitClosed);
    interp.addMethod(t.serverType, "start_serving", serverStartServing);
    interp.addMethod(t.serverType, "serve_forever", serverServeForever);
    interp.addMethod(t.serverType, "get_loop", serverGetLoop);
    interp.dictSetStr(t.serverType->dict.as<DictObject>(), "sockets", makeProperty(interp, "sockets", serverSockets));
    t.listeningSocketType = make("TransportSocket", kSocketSlots, "asyncio.trsock", refuseDirectConstruction);
    interp.addMethod(t.listeningSocketType, "getsockname", socketGetsockname);
}

void addStreamFunctions(Interpreter& interp, const Value& module) {
    addFunction(interp, module, "open_connection", asyncioOpenConnection);
    addFunction(interp, module, "start_server", asyncioStartServer);
    auto& t = interp.types;
    for (ClassObject* cls : {t.streamReaderType, t.streamWriterType, t.serverType})
        addValue(interp, module, cls->nameText().c_str(), Value(cls));
    addValue(interp, module, "IncompleteReadError", Value(interp.exc.incompleteReadError));
}

} // namespace awaitscope::script
