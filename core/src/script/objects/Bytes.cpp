// bytes and bytearray: one object struct and one set of methods, a Kind each (only a
// bytearray changes, and is unhashable); what a method builds has its receiver's type, as in
// CPython's bytes_methods.c. Also the codecs str.encode and bytes.decode share (utf-8, ascii,
// latin-1 with CPython's error handlers and UnicodeError texts), and int.to_bytes/from_bytes.
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace awaitscope::script {

namespace {

std::string& data(const Value& v) { return v.as<BytesObject>()->data; }
bool isArray(const Value& v) { return v.is(Kind::ByteArray); }
const char* kindName(const Value& v) { return isArray(v) ? "bytearray" : "bytes"; }

// A new value of the receiver's type.
Value like(Interpreter& interp, const Value& self, std::string bytes) { return newBytes(interp, std::move(bytes), isArray(self)); }

// A bytes-like argument, or CPython's TypeError.
const std::string& bytesArg(Interpreter& interp, const Value& v) {
    if (!isBytesLike(v))
        interp.typeError("a bytes-like object is required, not '" + interp.typeName(v) + "'");
    return data(v);
}

std::uint8_t byteValue(Interpreter& interp, const Value& v, const char* range) {
    if (!v.isIntLike())
        interp.typeError("'" + interp.typeName(v) + "' object cannot be interpreted as an integer");
    if (v.asInt() < 0 || v.asInt() > 255)
        interp.valueError(range);
    return static_cast<std::uint8_t>(v.asInt());
}

// What bytes(x) and bytearray(x) make of an iterable of ints, or of another bytes-like value.
std::string bytesFrom(Interpreter& interp, const Value& source, bool array) {
    if (isBytesLike(source))
        return data(source);
    std::string out;
    for (const Value& item : interp.toVector(source))
        out += static_cast<char>(byteValue(interp, item, array ? "byte must be in range(0, 256)" : "bytes must be in range(0, 256)"));
    return out;
}

Value construct(Interpreter& interp, CallArgs& args, bool array) {
    const char* name = array ? "bytearray" : "bytes";
    ArgParser a(interp, args, name, {"cls", "source", "encoding", "errors"}, 1);
    if (!a.has(1)) {
        if (a.has(2) || a.has(3))
            interp.typeError(a.has(2) ? "encoding without a string argument" : "errors without a string argument");
        return newBytes(interp, {}, array);
    }
    const Value& source = a[1];
    if (source.is(Kind::Str)) {
        if (!a.has(2))
            interp.typeError("string argument without an encoding");
        Value encoded = encodeText(interp, source, a[2], a.has(3) ? a[3] : Value());
        return newBytes(interp, std::move(data(encoded)), array);
    }
    if (a.has(2) || a.has(3))
        interp.typeError(a.has(2) ? "encoding without a string argument" : "errors without a string argument");
    if (source.isIntLike()) {
        if (source.asInt() < 0)
            interp.valueError("negative count");
        interp.reserveMemory(static_cast<double>(source.asInt()));
        return newBytes(interp, std::string(static_cast<std::size_t>(source.asInt()), '\0'), array);
    }
    if (!isBytesLike(source) && !source.is(Kind::Instance)) {
        const bool iterable = source.isObject() && interp.slotsOf(source).iter;
        if (!iterable)
            interp.typeError("cannot convert '" + interp.typeName(source) + "' object to " + name);
    }
    return newBytes(interp, bytesFrom(interp, source, array), array);
}

Value makeBytes(Interpreter& interp, CallArgs& args) { return construct(interp, args, false); }
Value makeByteArray(Interpreter& interp, CallArgs& args) { return construct(interp, args, true); }

// ---------------------------------------------------------------- repr, hash, operators

std::string bytesRepr(Interpreter&, const Value& value) {
    const std::string& s = data(value);
    const bool hasSingle = s.find('\'') != std::string::npos;
    const bool hasDouble = s.find('"') != std::string::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out = isArray(value) ? "bytearray(b" : "b";
    out += quote;
    for (unsigned char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c == static_cast<unsigned char>(quote)) {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c >= 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += quote;
    if (isArray(value))
        out += ')';
    return out;
}

std::int64_t bytesLength(Interpreter&, const Value& value) { return static_cast<std::int64_t>(data(value).size()); }
std::size_t bytesHash(Interpreter&, const Value& value) { return StrObject::hashBytes(data(value)); }

Value bytesBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace) {
    if (op == BinaryOp::Add) {
        if (!isBytesLike(b))
            interp.typeError("can't concat " + interp.typeName(b) + " to " + kindName(a));
        const std::string& x = data(a);
        const std::string& y = data(b);
        if (inplace && isArray(a)) {
            interp.reserveMemory(static_cast<double>(y.size()));
            const std::string extra = y;  // b may be a itself
            data(a) += extra;
            interp.heap().charge(static_cast<std::int64_t>(extra.size()));
            return a;
        }
        interp.reserveMemory(static_cast<double>(x.size() + y.size()));
        return like(interp, a, x + y);
    }
    if (op == BinaryOp::Mul) {
        const std::int64_t n = repeatCount(interp, b);
        const std::string& x = data(a);
        if (static_cast<double>(x.size()) * static_cast<double>(n) > static_cast<double>(interp.limits().memoryLimit))
            interp.raise(interp.exc.memoryError, std::string("the ") + kindName(a) + " would be larger than Awaitscope allows");
        interp.reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n));
        std::string r;
        r.reserve(x.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            r += x;
        interp.chargeOps(r.size() / 64);
        if (inplace && isArray(a)) {
            data(a) = std::move(r);
            return a;
        }
        return like(interp, a, std::move(r));
    }
    if (op == BinaryOp::Mod)
        return bytesPercentFormat(interp, a, b);
    return {};
}

bool bytesEquals(Interpreter&, const Value& a, const Value& b) { return isBytesLike(b) && data(a) == data(b); }

Value bytesCompare(Interpreter&, CompareOp op, const Value& a, const Value& b) {
    if (!isBytesLike(b))
        return {};
    const int c = data(a).compare(data(b));
    switch (op) {
    case CompareOp::Ne: return Value::boolean(c != 0);
    case CompareOp::Lt: return Value::boolean(c < 0);
    case CompareOp::Le: return Value::boolean(c <= 0);
    case CompareOp::Gt: return Value::boolean(c > 0);
    default: return Value::boolean(c >= 0);
    }
}

int bytesContains(Interpreter& interp, const Value& container, const Value& item) {
    if (item.isIntLike())
        return data(container).find(static_cast<char>(byteValue(interp, item, "byte must be in range(0, 256)"))) !=
               std::string::npos;
    if (!isBytesLike(item))
        interp.typeError("a bytes-like object is required, not '" + interp.typeName(item) + "'");
    return data(container).find(data(item)) != std::string::npos;
}

Value bytesGetItem(Interpreter& interp, const Value& object, const Value& index) {
    const std::string& s = data(object);
    if (index.isBigInt())
        interp.toIndex(index, "index");  // CPython's IndexError: no sequence is that long
    if (index.isIntLike()) {
        const std::int64_t i = itemIndex(interp, index.asInt(), static_cast<std::int64_t>(s.size()),
                                         isArray(object) ? "bytearray index out of range" : "index out of range");
        return Value::integer(static_cast<unsigned char>(s[static_cast<std::size_t>(i)]));
    }
    if (index.is(Kind::Slice)) {
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(s.size()));
        if (r.step == 1)
            return like(interp, object, s.substr(static_cast<std::size_t>(r.start), static_cast<std::size_t>(r.count)));
        std::string out;
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
            out += s[static_cast<std::size_t>(i)];
        return like(interp, object, std::move(out));
    }
    interp.typeError(std::string(isArray(object) ? "bytearray" : "byte") + " indices must be integers or slices, not " +
                     interp.typeName(index));
}

bool byteArraySetItem(Interpreter& interp, const Value& object, const Value& index, Value value) {
    std::string& s = data(object);
    if (index.isIntLike()) {
        const std::int64_t i =
            itemIndex(interp, index.asInt(), static_cast<std::int64_t>(s.size()), "bytearray index out of range");
        s[static_cast<std::size_t>(i)] = static_cast<char>(byteValue(interp, value, "byte must be in range(0, 256)"));
        return true;
    }
    if (index.is(Kind::Slice)) {
        if (value.isIntLike() || value.is(Kind::Str))
            interp.typeError("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        const std::string replacement = bytesFrom(interp, value, true);
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(s.size()));
        if (r.step == 1) {
            const auto start = static_cast<std::size_t>(r.start);
            const auto stop = static_cast<std::size_t>(std::max(r.start, r.stop));
            s.replace(start, stop - start, replacement);
            return true;
        }
        if (static_cast<std::int64_t>(replacement.size()) != r.count)
            interp.valueError("attempt to assign bytes of size " + std::to_string(replacement.size()) +
                              " to extended slice of size " + std::to_string(r.count));
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
            s[static_cast<std::size_t>(i)] = replacement[static_cast<std::size_t>(k)];
        return true;
    }
    interp.typeError("bytearray indices must be integers or slices, not " + interp.typeName(index));
}

bool byteArrayDeleteItem(Interpreter& interp, const Value& object, const Value& index) {
    std::string& s = data(object);
    if (index.isIntLike()) {
        const std::int64_t i =
            itemIndex(interp, index.asInt(), static_cast<std::int64_t>(s.size()), "bytearray index out of range");
        s.erase(static_cast<std::size_t>(i), 1);
        return true;
    }
    if (index.is(Kind::Slice)) {
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(s.size()));
        std::vector<bool> drop(s.size(), false);
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
            drop[static_cast<std::size_t>(i)] = true;
        std::string kept;
        for (std::size_t i = 0; i < s.size(); ++i)
            if (!drop[i])
                kept += s[i];
        s = std::move(kept);
        return true;
    }
    interp.typeError("bytearray indices must be integers or slices, not " + interp.typeName(index));
}

Value bytesIter(Interpreter& interp, const Value& value) { return newIterator(interp, IteratorKind::Bytes, value); }

// ---------------------------------------------------------------- methods both types share


// The (start, end) window of find, count, startswith, ... clipped as CPython clips it.
void window(Interpreter& interp, CallArgs& args, int first, const char* name, std::size_t size, std::int64_t& start,
            std::int64_t& end) {
    const auto n = static_cast<std::int64_t>(size);
    start = args.count > first && !args[first].isNone() ? interp.toIndex(args[first], name) : 0;
    end = args.count > first + 1 && !args[first + 1].isNone() ? interp.toIndex(args[first + 1], name) : n;
    if (start < 0)
        start = std::max<std::int64_t>(0, start + n);
    if (end < 0)
        end = std::max<std::int64_t>(0, end + n);
    end = std::min(end, n);
}

// find, rfind, index, rindex and count take a bytes-like value or one byte as an int.
std::string needleArg(Interpreter& interp, const Value& v) {
    if (v.isIntLike())
        return std::string(1, static_cast<char>(byteValue(interp, v, "byte must be in range(0, 256)")));
    if (!isBytesLike(v))
        interp.typeError("argument should be integer or bytes-like object, not '" + interp.typeName(v) + "'");
    return data(v);
}

std::int64_t findIn(Interpreter& interp, CallArgs& args, const char* name, bool reverse) {
    argCount(interp, args, name, 1, 3);
    const std::string& s = data(args[0]);
    const std::string needle = needleArg(interp, args[1]);
    std::int64_t start = 0;
    std::int64_t end = 0;
    window(interp, args, 2, name, s.size(), start, end);
    if (start > end || static_cast<std::size_t>(end - start) < needle.size())
        return -1;
    const std::string_view part(s.data() + start, static_cast<std::size_t>(end - start));
    const std::size_t at = reverse ? part.rfind(needle) : part.find(needle);
    return at == std::string_view::npos ? -1 : start + static_cast<std::int64_t>(at);
}

Value bytesFind(Interpreter& interp, CallArgs& args) { return Value::integer(findIn(interp, args, "find", false)); }
Value bytesRfind(Interpreter& interp, CallArgs& args) { return Value::integer(findIn(interp, args, "rfind", true)); }
Value bytesIndex(Interpreter& interp, CallArgs& args) {
    const std::int64_t at = findIn(interp, args, "index", false);
    if (at < 0)
        interp.valueError("subsection not found");
    return Value::integer(at);
}
Value bytesRindex(Interpreter& interp, CallArgs& args) {
    const std::int64_t at = findIn(interp, args, "rindex", true);
    if (at < 0)
        interp.valueError("subsection not found");
    return Value::integer(at);
}

Value bytesCount(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "count", 1, 3);
    const std::string& s = data(args[0]);
    const std::string needle = needleArg(interp, args[1]);
    std::int64_t start = 0;
    std::int64_t end = 0;
    window(interp, args, 2, "count", s.size(), start, end);
    if (start > end)
        return Value::integer(0);
    const std::string_view part(s.data() + start, static_cast<std::size_t>(end - start));
    if (needle.empty())
        return Value::integer(static_cast<std::int64_t>(part.size()) + 1);
    std::int64_t count = 0;
    for (std::size_t at = part.find(needle); at != std::string_view::npos; at = part.find(needle, at + needle.size()))
        ++count;
    return Value::integer(count);
}

Value affix(Interpreter& interp, CallArgs& args, bool prefix) {
    const char* name = prefix ? "startswith" : "endswith";
    argCount(interp, args, name, 1, 3);
    const std::string& s = data(args[0]);
    std::int64_t start = 0;
    std::int64_t end = 0;
    window(interp, args, 2, name, s.size(), start, end);
    if (start > end)
        return Value::boolean(false);
    const std::string_view part(s.data() + start, static_cast<std::size_t>(end - start));
    auto test = [&](const Value& candidate) {
        if (!isBytesLike(candidate))
            interp.typeError(std::string(name) + " first arg must be bytes or a tuple of bytes, not " +
                             interp.typeName(candidate));
        const std::string& t = data(candidate);
        if (t.size() > part.size())
            return false;
        return prefix ? part.substr(0, t.size()) == t : part.substr(part.size() - t.size()) == t;
    };
    if (args[1].is(Kind::Tuple)) {
        for (const Value& candidate : args[1].as<TupleObject>()->items)
            if (test(candidate))
                return Value::boolean(true);
        return Value::boolean(false);
    }
    return Value::boolean(test(args[1]));
}

Value bytesStartswith(Interpreter& interp, CallArgs& args) { return affix(interp, args, true); }
Value bytesEndswith(Interpreter& interp, CallArgs& args) { return affix(interp, args, false); }

Value strip(Interpreter& interp, CallArgs& args, bool left, bool right, const char* name) {
    argCount(interp, args, name, 0, 1);
    const std::string& s = data(args[0]);
    const bool whitespace = args.count < 2 || args[1].isNone();
    const std::string chars = whitespace ? std::string() : bytesArg(interp, args[1]);
    auto drop = [&](unsigned char c) { return whitespace ? isAsciiSpace(c) : chars.find(static_cast<char>(c)) != std::string::npos; };
    std::size_t start = 0;
    std::size_t end = s.size();
    if (left)
        while (start < end && drop(static_cast<unsigned char>(s[start])))
            ++start;
    if (right)
        while (end > start && drop(static_cast<unsigned char>(s[end - 1])))
            --end;
    return like(interp, args[0], s.substr(start, end - start));
}

Value bytesStrip(Interpreter& interp, CallArgs& args) { return strip(interp, args, true, true, "strip"); }
Value bytesLstrip(Interpreter& interp, CallArgs& args) { return strip(interp, args, true, false, "lstrip"); }
Value bytesRstrip(Interpreter& interp, CallArgs& args) { return strip(interp, args, false, true, "rstrip"); }

Value split(Interpreter& interp, CallArgs& args, bool fromRight) {
    ArgParser a(interp, args, fromRight ? "rsplit" : "split", {"self", "sep", "maxsplit"}, 1);
    const std::string& s = data(a[0]);
    const std::int64_t maxsplit = a.has(2) ? interp.toIndex(a[2], "maxsplit") : -1;
    std::string sep;
    const bool bySeparator = a.has(1) && !a[1].isNone();
    if (bySeparator) {
        sep = bytesArg(interp, a[1]);
        if (sep.empty())
            interp.valueError("empty separator");
    }
    std::vector<std::string> parts = splitText(s, bySeparator ? &sep : nullptr, maxsplit, fromRight);
    std::vector<Value> values;
    values.reserve(parts.size());
    for (std::string& part : parts)
        values.push_back(like(interp, a[0], std::move(part)));
    interp.chargeOps(values.size());
    return interp.newList(std::move(values));
}

Value bytesSplit(Interpreter& interp, CallArgs& args) { return split(interp, args, false); }
Value bytesRsplit(Interpreter& interp, CallArgs& args) { return split(interp, args, true); }

Value bytesSplitlines(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "splitlines", {"self", "keepends"}, 1);
    const std::string& s = data(a[0]);
    const bool keep = a.has(1) && interp.truthy(a[1]);
    std::vector<Value> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' || s[i] == '\r') {
            const std::size_t end = i;
            if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
            lines.push_back(like(interp, a[0], s.substr(start, (keep ? i + 1 : end) - start)));
            start = i + 1;
        }
    }
    if (start < s.size())
        lines.push_back(like(interp, a[0], s.substr(start)));
    return interp.newList(std::move(lines));
}

Value bytesJoin(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "join", 1, 1);
    const std::string sep = data(args[0]);
    const std::vector<Value> items = interp.toVector(args[1]);
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!isBytesLike(items[i]))
            interp.typeError("sequence item " + std::to_string(i) + ": expected a bytes-like object, " +
                             interp.typeName(items[i]) + " found");
        if (i)
            out += sep;
        out += data(items[i]);
    }
    interp.chargeOps(items.size());
    return like(interp, args[0], std::move(out));
}

Value bytesReplace(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "replace", 2, 3);
    const std::string& s = data(args[0]);
    const std::string from = bytesArg(interp, args[1]);
    const std::string to = bytesArg(interp, args[2]);
    std::int64_t count = args.count > 3 ? interp.toIndex(args[3], "count") : -1;
    if (count < 0)
        count = INT64_MAX;
    std::string out;
    std::size_t start = 0;
    std::int64_t done = 0;
    if (from.empty()) {
        // `to` before every byte and at the end, up to `count` times.
        for (; start <= s.size() && done < count; ++done) {
            out += to;
            if (start < s.size())
                out += s[start];
            ++start;
        }
        if (start < s.size())
            out += s.substr(start);
        return like(interp, args[0], std::move(out));
    }
    for (std::size_t at = s.find(from); at != std::string::npos && done < count; at = s.find(from, start), ++done) {
        out.append(s, start, at - start);
        out += to;
        start = at + from.size();
    }
    out.append(s, start);
    interp.chargeOps(s.size() / 64);
    return like(interp, args[0], std::move(out));
}

Value partition(Interpreter& interp, CallArgs& args, bool fromRight) {
    argCount(interp, args, fromRight ? "rpartition" : "partition", 1, 1);
    const std::string& s = data(args[0]);
    const std::string sep = bytesArg(interp, args[1]);
    if (sep.empty())
        interp.valueError("empty separator");
    const std::size_t at = fromRight ? s.rfind(sep) : s.find(sep);
    const Value self = args[0];
    if (at == std::string::npos)
        return fromRight ? interp.newTuple({like(interp, self, {}), like(interp, self, {}), like(interp, self, s)})
                         : interp.newTuple({like(interp, self, s), like(interp, self, {}), like(interp, self, {})});
    return interp.newTuple({like(interp, self, s.substr(0, at)), like(interp, self, sep), like(interp, self, s.substr(at + sep.size()))});
}

Value bytesPartition(Interpreter& interp, CallArgs& args) { return partition(interp, args, false); }
Value bytesRpartition(Interpreter& interp, CallArgs& args) { return partition(interp, args, true); }

Value bytesRemoveprefix(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "removeprefix", 1, 1);
    const std::string& s = data(args[0]);
    const std::string& p = bytesArg(interp, args[1]);
    return like(interp, args[0], s.rfind(p, 0) == 0 ? s.substr(p.size()) : s);
}

Value bytesRemovesuffix(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "removesuffix", 1, 1);
    const std::string& s = data(args[0]);
    const std::string& p = bytesArg(interp, args[1]);
    const bool ends = !p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    return like(interp, args[0], ends ? s.substr(0, s.size() - p.size()) : s);
}

template <class Map>
Value mapBytes(Interpreter& interp, CallArgs& args, const char* name, Map map) {
    argCount(interp, args, name, 0, 0);
    std::string out = data(args[0]);
    for (char& c : out)
        c = static_cast<char>(map(static_cast<unsigned char>(c)));
    return like(interp, args[0], std::move(out));
}

Value bytesUpper(Interpreter& interp, CallArgs& args) {
    return mapBytes(interp, args, "upper", [](unsigned char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
}
Value bytesLower(Interpreter& interp, CallArgs& args) {
    return mapBytes(interp, args, "lower", [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
}

// ASCII only, whatever the C locale says.
bool asciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool asciiAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

template <class Pred>
Value classify(Interpreter& interp, CallArgs& args, const char* name, Pred pred) {
    argCount(interp, args, name, 0, 0);
    const std::string& s = data(args[0]);
    if (s.empty())
        return Value::boolean(false);
    for (unsigned char c : s)
        if (!pred(c))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value bytesIsdigit(Interpreter& interp, CallArgs& args) { return classify(interp, args, "isdigit", asciiDigit); }
Value bytesIsalpha(Interpreter& interp, CallArgs& args) { return classify(interp, args, "isalpha", asciiAlpha); }
Value bytesIsalnum(Interpreter& interp, CallArgs& args) {
    return classify(interp, args, "isalnum", [](unsigned char c) { return asciiDigit(c) || asciiAlpha(c); });
}
Value bytesIsspace(Interpreter& interp, CallArgs& args) { return classify(interp, args, "isspace", isAsciiSpace); }
Value bytesIsascii(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "isascii", 0, 0);
    const std::string& s = data(args[0]);
    return Value::boolean(std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
}

// isupper/islower: some cased byte, and none of the other case.
Value caseTest(Interpreter& interp, CallArgs& args, const char* name, bool upper) {
    argCount(interp, args, name, 0, 0);
    bool cased = false;
    for (unsigned char c : data(args[0])) {
        const bool isUpper = c >= 'A' && c <= 'Z';
        const bool isLower = c >= 'a' && c <= 'z';
        if (upper ? isLower : isUpper)
            return Value::boolean(false);
        cased = cased || (upper ? isUpper : isLower);
    }
    return Value::boolean(cased);
}

Value bytesIsupper(Interpreter& interp, CallArgs& args) { return caseTest(interp, args, "isupper", true); }
Value bytesIslower(Interpreter& interp, CallArgs& args) { return caseTest(interp, args, "islower", false); }

Value bytesHex(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "hex", {"self", "sep", "bytes_per_sep"}, 1);
    const std::string& s = data(a[0]);
    std::string sep;
    if (a.has(1)) {
        if (a[1].is(Kind::Str))
            sep = a[1].as<StrObject>()->text;
        else if (isBytesLike(a[1]))
            sep = data(a[1]);
        else
            interp.typeError("sep must be str or bytes.");
        if (countCodePoints(sep) != 1)
            interp.valueError("sep must be length 1.");
    }
    const std::int64_t per = a.has(2) ? interp.toIndex(a[2], "bytes_per_sep") : 1;
    const auto group = static_cast<std::size_t>(per < 0 ? -per : per);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        // Groups count from the right for a positive bytes_per_sep, from the left for a negative one.
        if (i > 0 && !sep.empty() && group > 0 && (per > 0 ? (n - i) % group == 0 : i % group == 0))
            out += sep;
        const auto c = static_cast<unsigned char>(s[i]);
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return interp.str(std::move(out));
}

Value fromHex(Interpreter& interp, CallArgs& args, bool array) {
    if (args.count != 1 || args.kwCount() > 0)
        interp.typeError("fromhex() takes exactly one argument (" + std::to_string(args.count) + " given)");
    if (!args[0].is(Kind::Str))
        interp.typeError("fromhex() argument must be str, not " + interp.typeName(args[0]));
    const std::string& s = args[0].as<StrObject>()->text;
    auto hexDigit = [](unsigned char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    std::string out;
    const std::vector<std::size_t> offsets = codePointOffsets(s);
    auto position = [&](std::size_t byteOffset) {
        return std::to_string(std::lower_bound(offsets.begin(), offsets.end(), byteOffset) - offsets.begin());
    };
    std::size_t i = 0;
    while (i < s.size()) {
        if (isAsciiSpace(static_cast<unsigned char>(s[i]))) {
            ++i;
            continue;
        }
        const int high = hexDigit(static_cast<unsigned char>(s[i]));
        if (high < 0)
            interp.valueError("non-hexadecimal number found in fromhex() arg at position " + position(i));
        const int low = i + 1 < s.size() ? hexDigit(static_cast<unsigned char>(s[i + 1])) : -1;
        if (low < 0)
            interp.valueError("non-hexadecimal number found in fromhex() arg at position " + position(i + 1));
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return newBytes(interp, std::move(out), array);
}

Value bytesFromhex(Interpreter& interp, CallArgs& args) { return fromHex(interp, args, false); }
Value byteArrayFromhex(Interpreter& interp, CallArgs& args) { return fromHex(interp, args, true); }

Value bytesDecode(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "decode", {"self", "encoding", "errors"}, 1);
    return decodeBytes(interp, a[0], a.has(1) ? a[1] : Value(), a.has(2) ? a[2] : Value());
}

// ---------------------------------------------------------------- bytearray's own methods

Value byteArrayAppend(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "append", 1, 1);
    std::string& s = data(args[0]);
    s += static_cast<char>(byteValue(interp, args[1], "byte must be in range(0, 256)"));
    if ((s.size() & 0xFFF) == 0) {
        interp.heap().charge(0x1000);
        interp.checkMemory();
    }
    return Value::none();
}

Value byteArrayExtend(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "extend", 1, 1);
    const std::string extra = bytesFrom(interp, args[1], true);
    interp.reserveMemory(static_cast<double>(extra.size()));
    data(args[0]) += extra;
    interp.heap().charge(static_cast<std::int64_t>(extra.size()));
    return Value::none();
}

Value byteArrayPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 0, 1);
    std::string& s = data(args[0]);
    if (s.empty())
        interp.raise(interp.exc.indexError, "pop from empty bytearray");
    const std::int64_t given = args.count > 1 ? interp.toIndex(args[1], "pop") : -1;
    const std::int64_t index = itemIndex(interp, given, static_cast<std::int64_t>(s.size()), "pop index out of range");
    const auto byte = static_cast<unsigned char>(s[static_cast<std::size_t>(index)]);
    s.erase(static_cast<std::size_t>(index), 1);
    return Value::integer(byte);
}

Value byteArrayInsert(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "insert", 2, 2);
    std::string& s = data(args[0]);
    std::int64_t index = interp.toIndex(args[1], "insert");
    const auto n = static_cast<std::int64_t>(s.size());
    if (index < 0)
        index = std::max<std::int64_t>(0, index + n);
    index = std::min(index, n);
    s.insert(s.begin() + index, static_cast<char>(byteValue(interp, args[2], "byte must be in range(0, 256)")));
    return Value::none();
}

Value byteArrayRemove(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "remove", 1, 1);
    std::string& s = data(args[0]);
    const std::size_t at = s.find(static_cast<char>(byteValue(interp, args[1], "byte must be in range(0, 256)")));
    if (at == std::string::npos)
        interp.valueError("value not found in bytearray");
    s.erase(at, 1);
    return Value::none();
}

Value byteArrayClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    data(args[0]).clear();
    return Value::none();
}

Value byteArrayCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    return newBytes(interp, data(args[0]), true);
}

Value byteArrayReverse(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "reverse", 0, 0);
    std::reverse(data(args[0]).begin(), data(args[0]).end());
    return Value::none();
}

// ---------------------------------------------------------------- int.to_bytes and int.from_bytes

bool littleEndian(Interpreter& interp, const Value& order) {
    if (order.empty())
        return false;
    if (!order.is(Kind::Str))
        interp.typeError("to_bytes() argument 'byteorder' must be str, not " + interp.typeName(order));
    const std::string& text = order.as<StrObject>()->text;
    if (text != "big" && text != "little")
        interp.valueError("byteorder must be either 'little' or 'big'");
    return text == "little";
}

Value intToBytes(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "to_bytes", {"self", "length", "byteorder", "signed"}, 1);
    if (a.has(1) && a[1].isBigInt())
        interp.raise(interp.exc.overflowError, "Python int too large to convert to C ssize_t");
    const std::int64_t length = a.has(1) ? interp.toIndex(a[1], "length") : 1;
    if (length < 0)
        interp.valueError("length argument must be non-negative");
    const bool little = littleEndian(interp, a.has(2) ? a[2] : Value());
    const bool isSigned = a.has(3) && interp.truthy(a[3]);
    return newBytes(interp, integerToBytes(interp, a[0], length, little, isSigned));
}

Value intFromBytes(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "from_bytes", {"bytes", "byteorder", "signed"}, 1);
    const std::string bytes = isBytesLike(a[0]) ? data(a[0]) : bytesFrom(interp, a[0], false);
    const bool little = littleEndian(interp, a.has(1) ? a[1] : Value());
    const bool isSigned = a.has(2) && interp.truthy(a[2]);
    return integerFromBytes(interp, bytes, little, isSigned);
}

// ---------------------------------------------------------------- codecs

enum class Codec { Utf8, Ascii, Latin1 };

const char* codecName(Codec codec) { return codec == Codec::Utf8 ? "utf-8" : codec == Codec::Ascii ? "ascii" : "latin-1"; }

// An encoding's name as CPython's codec registry normalizes it.
Codec lookupCodec(Interpreter& interp, const Value& encoding) {
    if (encoding.empty())
        return Codec::Utf8;
    if (!encoding.is(Kind::Str))
        interp.typeError("decode() argument 'encoding' must be str, not " + interp.typeName(encoding));
    std::string name;
    for (char c : encoding.as<StrObject>()->text)
        name += c == '_' || c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "utf-8" || name == "utf8" || name == "u8" || name == "utf")
        return Codec::Utf8;
    if (name == "ascii" || name == "us-ascii" || name == "646")
        return Codec::Ascii;
    if (name == "latin-1" || name == "latin1" || name == "latin" || name == "l1" || name == "iso-8859-1" ||
        name == "iso8859-1" || name == "8859" || name == "cp819")
        return Codec::Latin1;
    interp.raise(interp.exc.lookupError, "unknown encoding: " + encoding.as<StrObject>()->text);
}

enum class ErrorMode { Strict, Ignore, Replace, BackslashReplace, XmlCharRefReplace, Unknown };

ErrorMode errorMode(Interpreter& interp, const Value& errors, std::string& name) {
    if (errors.empty())
        return ErrorMode::Strict;
    if (!errors.is(Kind::Str))
        interp.typeError("decode() argument 'errors' must be str, not " + interp.typeName(errors));
    name = errors.as<StrObject>()->text;
    if (name == "strict")
        return ErrorMode::Strict;
    if (name == "ignore")
        return ErrorMode::Ignore;
    if (name == "replace")
        return ErrorMode::Replace;
    if (name == "backslashreplace")
        return ErrorMode::BackslashReplace;
    if (name == "xmlcharrefreplace")
        return ErrorMode::XmlCharRefReplace;
    return ErrorMode::Unknown;
}

[[noreturn]] void raiseUnicodeError(Interpreter& interp, ClassObject* cls, Codec codec, Value object, std::size_t start,
                                    std::size_t end, const char* reason) {
    Value error = interp.newException(cls, {interp.str(codecName(codec)), std::move(object),
                                            Value::integer(static_cast<std::int64_t>(start)),
                                            Value::integer(static_cast<std::int64_t>(end)), interp.str(reason)});
    setUnicodeErrorAttributes(interp, error);
    interp.raise(std::move(error));
}

// The length of the valid UTF-8 sequence at `i`, or 0 with `end` and `reason` set to the
// maximal invalid part as CPython's decoder reports it.
std::size_t utf8Sequence(const std::string& s, std::size_t i, std::size_t& end, const char*& reason) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return 1;
    int need = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        low = c == 0xE0 ? 0xA0 : 0x80;
        high = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        low = c == 0xF0 ? 0x90 : 0x80;
        high = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        end = i + 1;
        reason = "invalid start byte";
        return 0;
    }
    for (int k = 1; k <= need; ++k) {
        if (i + static_cast<std::size_t>(k) >= s.size()) {
            end = s.size();
            reason = "unexpected end of data";
            return 0;
        }
        const auto next = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
            end = i + static_cast<std::size_t>(k);
            reason = "invalid continuation byte";
            return 0;
        }
    }
    return static_cast<std::size_t>(need) + 1;
}

} // namespace

// ---------------------------------------------------------------- what the other files use

Value newBytes(Interpreter& interp, std::string bytes, bool array) {
    if (bytes.size() > (1u << 20))
        interp.reserveMemory(static_cast<double>(bytes.size()));
    return Value(interp.heap().make<BytesObject>(array ? Kind::ByteArray : Kind::Bytes, std::move(bytes)));
}

const std::string& bytesData(const Value& value) { return data(value); }

void setUnicodeErrorAttributes(Interpreter& interp, const Value& error) {
    ExceptionData* exception = interp.exceptionData(error);
    const auto& args = exception->args.as<TupleObject>()->items;
    if (args.size() != 5)
        return;
    auto* instance = error.as<InstanceObject>();
    if (instance->dict.empty())
        instance->dict = interp.newDict();
    auto* dict = instance->dict.as<DictObject>();
    const char* names[] = {"encoding", "object", "start", "end", "reason"};
    for (std::size_t i = 0; i < 5; ++i)
        interp.dictSetStr(dict, names[i], args[i]);
}

Value decodeBytes(Interpreter& interp, const Value& bytes, const Value& encoding, const Value& errors) {
    const Codec codec = lookupCodec(interp, encoding);
    std::string handler;
    const ErrorMode mode = errorMode(interp, errors, handler);
    const std::string& s = data(bytes);
    std::string out;
    out.reserve(s.size());
    interp.chargeOps(s.size() / 16);
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t end = i + 1;
        const char* reason = "ordinal not in range(128)";
        if (codec == Codec::Latin1) {
            appendUtf8(out, c);
            ++i;
            continue;
        }
        if (codec == Codec::Ascii) {
            if (c < 0x80) {
                out += static_cast<char>(c);
                ++i;
                continue;
            }
        } else if (const std::size_t length = utf8Sequence(s, i, end, reason)) {
            out.append(s, i, length);
            i += length;
            continue;
        }
        switch (mode) {
        case ErrorMode::Strict:
            raiseUnicodeError(interp, interp.exc.unicodeDecodeError, codec, isArray(bytes) ? newBytes(interp, s) : bytes, i,
                              end, reason);
        case ErrorMode::Unknown: interp.raise(interp.exc.lookupError, "unknown error handler name '" + handler + "'");
        case ErrorMode::Ignore: break;
        case ErrorMode::Replace:
        case ErrorMode::XmlCharRefReplace: appendUtf8(out, 0xFFFD); break;
        case ErrorMode::BackslashReplace:
            for (std::size_t k = i; k < end; ++k) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned char>(s[k]));
                out += buffer;
            }
            break;
        }
        i = end;
    }
    return interp.str(std::move(out));
}

Value encodeText(Interpreter& interp, const Value& text, const Value& encoding, const Value& errors) {
    const Codec codec = lookupCodec(interp, encoding);
    const std::string& s = text.as<StrObject>()->text;
    if (codec == Codec::Utf8 || text.as<StrObject>()->ascii())
        return newBytes(interp, s);
    std::string handler;
    const ErrorMode mode = errorMode(interp, errors, handler);
    const std::uint32_t limit = codec == Codec::Ascii ? 0x80 : 0x100;
    const char* reason = codec == Codec::Ascii ? "ordinal not in range(128)" : "ordinal not in range(256)";
    std::vector<std::uint32_t> points;
    for (std::size_t at = 0; at < s.size(); at += utf8SequenceLength(static_cast<unsigned char>(s[at])))
        points.push_back(decodeUtf8(reinterpret_cast<const unsigned char*>(s.data() + at)));
    std::string out;
    for (std::size_t i = 0; i < points.size();) {
        if (points[i] < limit) {
            out += static_cast<char>(points[i++]);
            continue;
        }
        // A run of characters the codec cannot encode is one error, as in CPython.
        std::size_t end = i;
        while (end < points.size() && points[end] >= limit)
            ++end;
        for (std::size_t k = i; k < end; ++k) {
            char buffer[16];
            switch (mode) {
            case ErrorMode::Strict: raiseUnicodeError(interp, interp.exc.unicodeEncodeError, codec, text, i, end, reason);
            case ErrorMode::Unknown: interp.raise(interp.exc.lookupError, "unknown error handler name '" + handler + "'");
            case ErrorMode::Ignore: break;
            case ErrorMode::Replace: out += '?'; break;
            case ErrorMode::BackslashReplace:
                std::snprintf(buffer, sizeof buffer, points[k] < 0x100 ? "\\x%02x" : points[k] < 0x10000 ? "\\u%04x" : "\\U%08x",
                              points[k]);
                out += buffer;
                break;
            case ErrorMode::XmlCharRefReplace:
                out += "&#" + std::to_string(points[k]) + ";";
                break;
            }
        }
        i = end;
    }
    return newBytes(interp, std::move(out));
}

// bytes % values: the str formatting of objects/Format.cpp over the bytes read as latin-1, with
// %s and %b taking bytes-like values only, as CPython's bytes formatting does.
Value bytesPercentFormat(Interpreter& interp, const Value& format, const Value& values) {
    auto latin1 = [&](const std::string& bytes) {
        std::string text;
        for (unsigned char c : bytes)
            appendUtf8(text, c);
        return interp.str(std::move(text));
    };
    auto asText = [&](const Value& value) {
        if (!isBytesLike(value))
            interp.typeError("%b requires a bytes-like object, or an object that implements __bytes__, not '" +
                             interp.typeName(value) + "'");
        return latin1(data(value));
    };
    const std::string& fmt = data(format);
    // Which conversion each positional value meets; %b becomes %s.
    std::string textFormat;
    std::vector<char> conversions;
    bool keyed = false;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        textFormat += fmt[i];
        if (fmt[i] != '%')
            continue;
        std::size_t j = i + 1;
        if (j < fmt.size() && fmt[j] == '(')
            keyed = true;
        while (j < fmt.size() && !std::isalpha(static_cast<unsigned char>(fmt[j])) && fmt[j] != '%')
            ++j;
        if (j >= fmt.size())
            break;
        textFormat.append(fmt, i + 1, j - i - 1);
        textFormat += fmt[j] == 'b' ? 's' : fmt[j];
        if (fmt[j] != '%')
            conversions.push_back(fmt[j]);
        i = j;
    }
    auto convert = [&](const Value& value, char conversion) {
        if (conversion == 'c' && isBytesLike(value) && data(value).size() == 1)
            return latin1(data(value));
        return conversion == 's' || conversion == 'b' ? asText(value) : value;
    };
    Value converted = values;
    if (values.is(Kind::Dict) && keyed) {
        converted = interp.newDict();
        for (auto& e : values.as<DictObject>()->table.entries())
            if (!e.key.empty())
                interp.dictSet(converted.as<DictObject>(), isBytesLike(e.key) ? latin1(data(e.key)) : e.key,
                               isBytesLike(e.value) ? asText(e.value) : e.value);
    } else if (values.is(Kind::Tuple)) {
        std::vector<Value> items = values.as<TupleObject>()->items;
        for (std::size_t k = 0; k < items.size() && k < conversions.size(); ++k)
            items[k] = convert(items[k], conversions[k]);
        converted = interp.newTuple(std::move(items));
    } else if (!conversions.empty()) {
        converted = convert(values, conversions[0]);
    }
    std::string textFormatUtf8;
    for (unsigned char c : textFormat)
        appendUtf8(textFormatUtf8, c);
    const Value result = percentFormat(interp, interp.str(std::move(textFormatUtf8)), converted);
    Value encoded = encodeText(interp, result, interp.str("latin-1"), interp.str("backslashreplace"));
    return newBytes(interp, std::move(data(encoded)), isArray(format));
}

namespace {

constexpr TypeSlots kBytesSlots{.repr = bytesRepr,
                                .length = bytesLength,
                                .hash = bytesHash,
                                .binary = bytesBinary,
                                .equals = bytesEquals,
                                .compare = bytesCompare,
                                .contains = bytesContains,
                                .getItem = bytesGetItem,
                                .iter = bytesIter};

constexpr TypeSlots kByteArraySlots{.repr = bytesRepr,
                                    .length = bytesLength,
                                    .hash = unhashable,
                                    .binary = bytesBinary,
                                    .equals = bytesEquals,
                                    .compare = bytesCompare,
                                    .contains = bytesContains,
                                    .getItem = bytesGetItem,
                                    .setItem = byteArraySetItem,
                                    .deleteItem = byteArrayDeleteItem,
                                    .iter = bytesIter};

} // namespace

void installBytesTypes(Interpreter& interp) {
    auto& t = interp.types;
    t.bytesType = interp.makeClass("bytes", {t.object}, BuiltinType::Bytes, kBytesSlots, makeBytes);
    t.byteArrayType = interp.makeClass("bytearray", {t.object}, BuiltinType::ByteArray, kByteArraySlots, makeByteArray);
    for (ClassObject* cls : {t.bytesType, t.byteArrayType}) {
        auto add = [&](const char* name, NativeFn fn) { interp.addMethod(cls, name, fn); };
        add("decode", bytesDecode);
        add("hex", bytesHex);
        add("find", bytesFind);
        add("rfind", bytesRfind);
        add("index", bytesIndex);
        add("rindex", bytesRindex);
        add("count", bytesCount);
        add("startswith", bytesStartswith);
        add("endswith", bytesEndswith);
        add("strip", bytesStrip);
        add("lstrip", bytesLstrip);
        add("rstrip", bytesRstrip);
        add("split", bytesSplit);
        add("rsplit", bytesRsplit);
        add("splitlines", bytesSplitlines);
        add("join", bytesJoin);
        add("replace", bytesReplace);
        add("partition", bytesPartition);
        add("rpartition", bytesRpartition);
        add("removeprefix", bytesRemoveprefix);
        add("removesuffix", bytesRemovesuffix);
        add("upper", bytesUpper);
        add("lower", bytesLower);
        add("isdigit", bytesIsdigit);
        add("isalpha", bytesIsalpha);
        add("isalnum", bytesIsalnum);
        add("isspace", bytesIsspace);
        add("isascii", bytesIsascii);
        add("isupper", bytesIsupper);
        add("islower", bytesIslower);
    }
    interp.dictSetStr(t.bytesType->dict.as<DictObject>(), "fromhex",
                      interp.newNative(nullptr, "staticmethod", {}, interp.newNative(bytesFromhex, "fromhex")));
    interp.dictSetStr(t.byteArrayType->dict.as<DictObject>(), "fromhex",
                      interp.newNative(nullptr, "staticmethod", {}, interp.newNative(byteArrayFromhex, "fromhex")));
    auto add = [&](const char* name, NativeFn fn) { interp.addMethod(t.byteArrayType, name, fn); };
    add("append", byteArrayAppend);
    add("extend", byteArrayExtend);
    add("pop", byteArrayPop);
    add("insert", byteArrayInsert);
    add("remove", byteArrayRemove);
    add("clear", byteArrayClear);
    add("copy", byteArrayCopy);
    add("reverse", byteArrayReverse);
    // int's conversions to and from bytes live here, beside the type they make and read.
    interp.addMethod(t.intType, "to_bytes", intToBytes);
    interp.dictSetStr(t.intType->dict.as<DictObject>(), "from_bytes",
                      interp.newNative(nullptr, "staticmethod", {}, interp.newNative(intFromBytes, "from_bytes")));
}

} // namespace awaitscope::script
