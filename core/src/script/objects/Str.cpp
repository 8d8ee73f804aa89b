// str: immutable UTF-8 text, indexed by code point. Its methods, its operators (+, *, the
// % formatting of objects/Format.cpp) and its iteration.
#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace awaitscope::script {

std::size_t StrObject::hashBytes(const std::string& bytes) {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return static_cast<std::size_t>(hash ^ (hash >> 29));
}

std::string quoteString(const std::string& text) {
    const bool hasSingle = text.find('\'') != std::string::npos;
    const bool hasDouble = text.find('"') != std::string::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out;
    out.reserve(text.size() + 2);
    out += quote;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c == quote) {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c == 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += quote;
    return out;
}

namespace {

const std::string& text(const Value& v) { return v.as<StrObject>()->text; }

// CPython's str-valued enum members (class Role(str, Enum), StrEnum) are str instances, so
// str's functions take them where they take a str; here a member stands for its value.
const StrObject* strLike(Interpreter& interp, const Value& v) {
    if (v.is(Kind::Str))
        return v.as<StrObject>();
    if (v.is(Kind::Instance))
        if (const Value stands = enumMemberValue(interp, v); stands.is(Kind::Str))
            return stands.as<StrObject>();  // the member's own value keeps it alive
    return nullptr;
}

// How each of str's methods words its refusal of an argument that is not a str.
enum class Refusal { Chars, Bare, BareOrNone, Named, First, Second };

const std::string& strArg(Interpreter& interp, const Value& v, const char* method, Refusal refusal) {
    if (const StrObject* s = strLike(interp, v))
        return s->text;
    const std::string type = interp.typeName(v);
    switch (refusal) {
    case Refusal::Chars: interp.typeError(std::string(method) + " arg must be None or str");
    case Refusal::Bare: break;
    case Refusal::BareOrNone: interp.typeError("must be str or None, not " + type);
    case Refusal::Named: interp.typeError(std::string(method) + "() argument must be str, not " + type);
    case Refusal::First: interp.typeError(std::string(method) + "() argument 1 must be str, not " + type);
    case Refusal::Second: interp.typeError(std::string(method) + "() argument 2 must be str, not " + type);
    }
    interp.typeError("must be str, not " + type);
}


Value makeStr(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "str", {"cls", "object", "encoding", "errors"}, 1);
    if (!a.has(1))
        return interp.intern("");
    if (a.has(2) || a.has(3)) {
        if (!isBytesLike(a[1]))
            interp.typeError("decoding to str: need a bytes-like object, " + interp.typeName(a[1]) + " found");
        return decodeBytes(interp, a[1], a.has(2) ? a[2] : Value(), a.has(3) ? a[3] : Value());
    }
    return interp.str(interp.toStr(a[1]));
}

Value strUpper(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "upper", 0, 0);
    return interp.str(upperCase(text(args[0])));
}

Value strLower(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "lower", 0, 0);
    return interp.str(lowerCase(text(args[0])));
}

Value strip(Interpreter& interp, CallArgs& args, bool left, bool right, const char* name) {
    argCount(interp, args, name, 0, 1);
    const std::string& s = text(args[0]);
    std::string chars;
    const bool whitespace = args.count < 2 || args[1].isNone();
    if (!whitespace)
        chars = strArg(interp, args[1], name, Refusal::Chars);
    auto strip = [&](unsigned char c) { return whitespace ? isAsciiSpace(c) : chars.find(static_cast<char>(c)) != std::string::npos; };
    std::size_t start = 0;
    std::size_t end = s.size();
    if (left)
        while (start < end && strip(static_cast<unsigned char>(s[start])))
            ++start;
    if (right)
        while (end > start && strip(static_cast<unsigned char>(s[end - 1])))
            --end;
    return interp.str(s.substr(start, end - start));
}

Value strStrip(Interpreter& interp, CallArgs& args) { return strip(interp, args, true, true, "strip"); }
Value strLstrip(Interpreter& interp, CallArgs& args) { return strip(interp, args, true, false, "lstrip"); }
Value strRstrip(Interpreter& interp, CallArgs& args) { return strip(interp, args, false, true, "rstrip"); }

Value split(Interpreter& interp, CallArgs& args, bool fromRight) {
    ArgParser a(interp, args, fromRight ? "rsplit" : "split", {"self", "sep", "maxsplit"}, 1);
    const std::string& s = text(a[0]);
    const std::int64_t maxsplit = a.has(2) ? interp.toIndex(a[2], "maxsplit") : -1;
    const std::string* sep = nullptr;
    if (a.has(1) && !a[1].isNone()) {
        sep = &strArg(interp, a[1], "split", Refusal::BareOrNone);
        if (sep->empty())
            interp.valueError("empty separator");
    }
    std::vector<std::string> parts = splitText(s, sep, maxsplit, fromRight);
    std::vector<Value> values;
    values.reserve(parts.size());
    for (std::string& part : parts)
        values.push_back(interp.str(std::move(part)));
    interp.chargeOps(values.size());
    return interp.newList(std::move(values));
}

Value strSplit(Interpreter& interp, CallArgs& args) { return split(interp, args, false); }
Value strRsplit(Interpreter& interp, CallArgs& args) { return split(interp, args, true); }

Value strSplitlines(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "splitlines", {"self", "keepends"}, 1);
    const std::string& s = text(a[0]);
    const bool keep = a.has(1) && interp.truthy(a[1]);
    std::vector<Value> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' || s[i] == '\r') {
            std::size_t end = i;
            if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
            lines.push_back(interp.str(s.substr(start, (keep ? i + 1 : end) - start)));
            start = i + 1;
        }
    }
    if (start < s.size())
        lines.push_back(interp.str(s.substr(start)));
    return interp.newList(std::move(lines));
}

Value strJoin(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "join", 1, 1);
    const std::string& sep = text(args[0]);
    std::vector<Value> items = interp.toVector(args[1]);
    std::size_t total = sep.size() * items.size();
    for (const Value& item : items)
        if (const StrObject* s = strLike(interp, item))
            total += s->text.size();
    if (total > (1u << 20))
        interp.reserveMemory(static_cast<double>(total));
    std::string out;
    out.reserve(total);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const StrObject* item = strLike(interp, items[i]);
        if (!item)
            interp.typeError("sequence item " + std::to_string(i) + ": expected str instance, " +
                             interp.typeName(items[i]) + " found");
        if (i)
            out += sep;
        out += item->text;
    }
    interp.chargeOps(items.size());
    return interp.str(std::move(out));
}

Value affix(Interpreter& interp, CallArgs& args, bool prefix) {
    const char* name = prefix ? "startswith" : "endswith";
    argCount(interp, args, name, 1, 3);
    const std::string& s = text(args[0]);
    std::int64_t start = 0;
    std::int64_t end = static_cast<std::int64_t>(s.size());
    if (args.count > 2 && !args[2].isNone()) {
        start = interp.toIndex(args[2], name);
        if (start < 0)
            start = std::max<std::int64_t>(0, start + static_cast<std::int64_t>(s.size()));
    }
    if (args.count > 3 && !args[3].isNone()) {
        end = interp.toIndex(args[3], name);
        if (end < 0)
            end = std::max<std::int64_t>(0, end + static_cast<std::int64_t>(s.size()));
    }
    end = std::min<std::int64_t>(end, static_cast<std::int64_t>(s.size()));
    if (start > end)
        return Value::boolean(false);
    const std::string_view window(s.data() + start, static_cast<std::size_t>(end - start));
    auto test = [&](const Value& candidate) {
        const StrObject* affix = strLike(interp, candidate);
        if (!affix)
            interp.typeError(std::string(name) + " first arg must be str or a tuple of str, not " +
                             interp.typeName(candidate));
        const std::string& t = affix->text;
        if (t.size() > window.size())
            return false;
        return prefix ? window.substr(0, t.size()) == t : window.substr(window.size() - t.size()) == t;
    };
    if (args[1].is(Kind::Tuple)) {
        for (const Value& candidate : args[1].as<TupleObject>()->items)
            if (test(candidate))
                return Value::boolean(true);
        return Value::boolean(false);
    }
    return Value::boolean(test(args[1]));
}

Value strStartswith(Interpreter& interp, CallArgs& args) { return affix(interp, args, true); }
Value strEndswith(Interpreter& interp, CallArgs& args) { return affix(interp, args, false); }

Value strReplace(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "replace", 2, 3);
    const std::string_view s = text(args[0]);
    const std::string_view from = strArg(interp, args[1], "replace", Refusal::First);
    const std::string_view to = strArg(interp, args[2], "replace", Refusal::Second);
    std::int64_t count = args.count > 3 ? interp.toIndex(args[3], "count") : -1;
    if (count < 0)
        count = INT64_MAX;
    // Count first, so that the result is refused before it is built if it cannot fit, and is
    // then built in one allocation (CPython's cost: linear in what is read and written).
    // memmem and memcpy do the byte work: linear, and fast even in an unoptimised build.
    auto next = [&](std::size_t at) {
        const void* hit = memmem(s.data() + at, s.size() - at, from.data(), from.size());
        return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - s.data()) : std::string_view::npos;
    };
    std::int64_t found = 0;
    if (from.empty()) {
        found = std::min<std::int64_t>(count, static_cast<std::int64_t>(countCodePoints(s)) + 1);
    } else {
        for (std::size_t at = next(0); at != std::string_view::npos && found < count; at = next(at + from.size()))
            ++found;
    }
    if (found == 0)
        return args[0];
    const double size = static_cast<double>(s.size()) +
                        static_cast<double>(found) * (static_cast<double>(to.size()) - static_cast<double>(from.size()));
    if (size > (1 << 20))
        interp.reserveMemory(size);
    std::string out(static_cast<std::size_t>(size), '\0');
    char* write = out.data();
    auto copy = [&](std::string_view part) {
        std::memcpy(write, part.data(), part.size());
        write += part.size();
    };
    std::size_t start = 0;
    for (std::int64_t done = 0; done < found; ++done) {
        if (from.empty()) {
            // `to` before every character and at the end, up to `count` times.
            copy(to);
            const std::size_t length =
                start < s.size() ? std::min(s.size() - start, utf8SequenceLength(static_cast<unsigned char>(s[start]))) : 0;
            copy(s.substr(start, length));
            start += length;
        } else {
            const std::size_t at = next(start);
            copy(s.substr(start, at - start));
            copy(to);
            start = at + from.size();
        }
    }
    copy(s.substr(std::min(start, s.size())));
    return interp.str(std::move(out));
}

// The part of the receiver that find, count and their kin search: the code points from the
// optional start to the optional end (args 2 and 3), clamped as a slice is. Byte offsets,
// and the first code point's index; none when start passes the end or the text.
struct SearchWindow {
    std::size_t begin = 0, end = 0;
    std::int64_t firstCodePoint = 0;
    bool none = false;
};

SearchWindow searchWindow(Interpreter& interp, CallArgs& args, const char* name) {
    const StrObject* self = args[0].as<StrObject>();
    const auto n = static_cast<std::int64_t>(self->length());
    std::int64_t start = args.count > 2 && !args[2].isNone() ? interp.toIndex(args[2], name) : 0;
    std::int64_t end = args.count > 3 && !args[3].isNone() ? interp.toIndex(args[3], name) : n;
    if (start < 0)
        start = std::max<std::int64_t>(0, start + n);
    if (end < 0)
        end = std::max<std::int64_t>(0, end + n);
    end = std::min(end, n);
    SearchWindow w;
    w.firstCodePoint = start;
    if (start > end) {
        w.none = true;
        return w;
    }
    if (self->ascii()) {
        w.begin = static_cast<std::size_t>(start);
        w.end = static_cast<std::size_t>(end);
        return w;
    }
    const std::vector<std::size_t> offsets = codePointOffsets(self->text);
    w.begin = offsets[static_cast<std::size_t>(start)];
    w.end = offsets[static_cast<std::size_t>(end)];
    return w;
}

std::int64_t findIn(Interpreter& interp, CallArgs& args, const char* name, bool reverse) {
    argCount(interp, args, name, 1, 3);
    const std::string& s = text(args[0]);
    const std::string& needle = strArg(interp, args[1], name, Refusal::Bare);
    const SearchWindow w = searchWindow(interp, args, name);
    if (w.none)
        return -1;
    const std::string_view window = std::string_view(s).substr(w.begin, w.end - w.begin);
    const std::size_t at = reverse ? window.rfind(needle) : window.find(needle);
    if (at == std::string_view::npos)
        return -1;
    return w.firstCodePoint + static_cast<std::int64_t>(countCodePoints(window.substr(0, at)));
}

Value strFind(Interpreter& interp, CallArgs& args) { return Value::integer(findIn(interp, args, "find", false)); }
Value strRfind(Interpreter& interp, CallArgs& args) { return Value::integer(findIn(interp, args, "rfind", true)); }
Value strIndex(Interpreter& interp, CallArgs& args) {
    const std::int64_t at = findIn(interp, args, "index", false);
    if (at < 0)
        interp.valueError("substring not found");
    return Value::integer(at);
}
Value strRindex(Interpreter& interp, CallArgs& args) {
    const std::int64_t at = findIn(interp, args, "rindex", true);
    if (at < 0)
        interp.valueError("substring not found");
    return Value::integer(at);
}

Value strCount(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "count", 1, 3);
    const std::string& needle = strArg(interp, args[1], "count", Refusal::Bare);
    const SearchWindow w = searchWindow(interp, args, "count");
    if (w.none)
        return Value::integer(0);
    const std::string_view window = std::string_view(text(args[0])).substr(w.begin, w.end - w.begin);
    if (needle.empty())
        return Value::integer(static_cast<std::int64_t>(countCodePoints(window) + 1));
    std::int64_t count = 0;
    for (std::size_t at = window.find(needle); at != std::string_view::npos; at = window.find(needle, at + needle.size()))
        ++count;
    return Value::integer(count);
}

template <class Pred>
Value classify(Interpreter& interp, CallArgs& args, const char* name, Pred pred) {
    argCount(interp, args, name, 0, 0);
    const std::string& s = text(args[0]);
    if (s.empty())
        return Value::boolean(false);
    for (unsigned char c : s)
        if (!pred(c))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value strIsdigit(Interpreter& interp, CallArgs& args) {
    return classify(interp, args, "isdigit", [](unsigned char c) { return std::isdigit(c) != 0; });
}
Value strIsalpha(Interpreter& interp, CallArgs& args) {
    return classify(interp, args, "isalpha", [](unsigned char c) { return std::isalpha(c) != 0 || c >= 0x80; });
}
Value strIsalnum(Interpreter& interp, CallArgs& args) {
    return classify(interp, args, "isalnum", [](unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; });
}
Value strIsspace(Interpreter& interp, CallArgs& args) {
    return classify(interp, args, "isspace", [](unsigned char c) { return isAsciiSpace(c); });
}

Value strIsupper(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "isupper", 0, 0);
    return Value::boolean(textIsUpper(text(args[0])));
}

Value strIslower(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "islower", 0, 0);
    return Value::boolean(textIsLower(text(args[0])));
}

Value strIstitle(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "istitle", 0, 0);
    return Value::boolean(textIsTitle(text(args[0])));
}

Value strIsidentifier(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "isidentifier", 0, 0);
    const std::string& s = text(args[0]);
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
        return Value::boolean(false);
    for (unsigned char c : s)
        if (!std::isalnum(c) && c != '_' && c < 0x80)
            return Value::boolean(false);
    return Value::boolean(true);
}

Value strTitle(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "title", 0, 0);
    return interp.str(titleCase(text(args[0])));
}

Value strCapitalize(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "capitalize", 0, 0);
    return interp.str(capitalizeCase(text(args[0])));
}

Value strSwapcase(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "swapcase", 0, 0);
    return interp.str(swapCase(text(args[0])));
}

Value strCasefold(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "casefold", 0, 0);
    return interp.str(foldCase(text(args[0])));
}

Value justify(Interpreter& interp, CallArgs& args, char align, const char* name) {
    argCount(interp, args, name, 1, 2);
    const std::string& s = text(args[0]);
    const std::int64_t width = interp.toIndex(args[1], name);
    std::string fill = " ";
    if (args.count > 2) {
        const StrObject* given = strLike(interp, args[2]);
        if (!given)
            interp.typeError("The fill character must be a unicode character, not " + interp.typeName(args[2]));
        if (given->length() != 1)
            interp.typeError("The fill character must be exactly one character long");
        fill = given->text;
    }
    const auto length = static_cast<std::int64_t>(countCodePoints(s));
    if (width <= length)
        return args[0];
    if (width > (1 << 26))
        interp.raise(interp.exc.memoryError, "the string would be larger than Awaitscope allows");
    const std::int64_t padding = width - length;
    std::int64_t left = 0;
    if (align == '>')
        left = padding;
    else if (align == '^')
        left = padding / 2 + (padding & width & 1);  // CPython's pad(): the odd one goes by the width
    std::string out;
    for (std::int64_t i = 0; i < left; ++i)
        out += fill;
    out += s;
    for (std::int64_t i = 0; i < padding - left; ++i)
        out += fill;
    return interp.str(std::move(out));
}

Value strCenter(Interpreter& interp, CallArgs& args) { return justify(interp, args, '^', "center"); }
Value strLjust(Interpreter& interp, CallArgs& args) { return justify(interp, args, '<', "ljust"); }
Value strRjust(Interpreter& interp, CallArgs& args) { return justify(interp, args, '>', "rjust"); }

Value strZfill(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "zfill", 1, 1);
    std::string s = text(args[0]);
    const std::int64_t width = interp.toIndex(args[1], "zfill");
    const auto length = static_cast<std::int64_t>(s.size());
    if (width <= length)
        return args[0];
    std::string sign;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        sign = s.substr(0, 1);
        s = s.substr(1);
    }
    return interp.str(sign + std::string(static_cast<std::size_t>(width - length), '0') + s);
}

Value partition(Interpreter& interp, CallArgs& args, bool fromRight) {
    argCount(interp, args, fromRight ? "rpartition" : "partition", 1, 1);
    const std::string& s = text(args[0]);
    const std::string& sep = strArg(interp, args[1], "partition", Refusal::Bare);
    if (sep.empty())
        interp.valueError("empty separator");
    const std::size_t at = fromRight ? s.rfind(sep) : s.find(sep);
    if (at == std::string::npos)
        return fromRight ? interp.newTuple({interp.intern(""), interp.intern(""), args[0]})
                         : interp.newTuple({args[0], interp.intern(""), interp.intern("")});
    return interp.newTuple({interp.str(s.substr(0, at)), args[1], interp.str(s.substr(at + sep.size()))});
}

Value strPartition(Interpreter& interp, CallArgs& args) { return partition(interp, args, false); }
Value strRpartition(Interpreter& interp, CallArgs& args) { return partition(interp, args, true); }

Value strRemoveprefix(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "removeprefix", 1, 1);
    const std::string& s = text(args[0]);
    const std::string& p = strArg(interp, args[1], "removeprefix", Refusal::Named);
    return s.rfind(p, 0) == 0 ? interp.str(s.substr(p.size())) : args[0];
}

Value strRemovesuffix(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "removesuffix", 1, 1);
    const std::string& s = text(args[0]);
    const std::string& p = strArg(interp, args[1], "removesuffix", Refusal::Named);
    return !p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0
               ? interp.str(s.substr(0, s.size() - p.size()))
               : args[0];
}

Value strFormat(Interpreter& interp, CallArgs& args) { return interp.str(formatFields(interp, text(args[0]), args)); }

Value strEncode(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "encode", {"self", "encoding", "errors"}, 1);
    return encodeText(interp, a[0], a.has(1) ? a[1] : Value(), a.has(2) ? a[2] : Value());
}

std::string strRepr(Interpreter&, const Value& value) { return quoteString(text(value)); }
std::string strStr(Interpreter&, const Value& value) { return text(value); }
bool strTruthy(Interpreter&, const Value& value) { return !text(value).empty(); }
std::int64_t strLength(Interpreter&, const Value& value) { return static_cast<std::int64_t>(value.as<StrObject>()->length()); }
std::size_t strHash(Interpreter&, const Value& value) { return value.as<StrObject>()->hash(); }

Value strBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool) {
    if (op == BinaryOp::Add) {
        if (!b.is(Kind::Str)) {
            // A class of the script's may add itself to a str ("to " + Role.TOOL).
            if (b.is(Kind::Instance) && !interp.lookupClass(interp.typeOf(b), interp.intern("__radd__")).empty())
                return {};
            interp.typeError("can only concatenate str (not \"" + interp.typeName(b) + "\") to str");
        }
        const std::string& x = a.as<StrObject>()->text;
        const std::string& y = b.as<StrObject>()->text;
        if (x.size() + y.size() > (1u << 20))
            interp.reserveMemory(static_cast<double>(x.size() + y.size()));
        std::string r;
        r.reserve(x.size() + y.size());
        r += x;
        r += y;
        return interp.str(std::move(r));
    }
    if (op == BinaryOp::Mul) {
        const std::int64_t n = repeatCount(interp, b);
        const std::string& x = a.as<StrObject>()->text;
        if (n <= 0 || x.empty())
            return interp.intern("");
        if (static_cast<double>(x.size()) * static_cast<double>(n) > static_cast<double>(interp.limits().memoryLimit))
            interp.raise(interp.exc.memoryError, "the string would be larger than Awaitscope allows");
        interp.reserveMemory(static_cast<double>(x.size()) * static_cast<double>(n));
        // Doubling copies, as CPython does: a few memcpy calls, not one append per copy.
        const std::size_t total = x.size() * static_cast<std::size_t>(n);
        std::string r;
        r.reserve(total);
        r = x;
        while (r.size() < total)
            r.append(r, 0, std::min(r.size(), total - r.size()));
        interp.chargeOps(static_cast<std::uint64_t>(r.size() / 64));
        return interp.str(std::move(r));
    }
    if (op == BinaryOp::Mod)
        return percentFormat(interp, a, b);
    return {};
}

bool strEquals(Interpreter&, const Value& a, const Value& b) {
    const auto* x = a.as<StrObject>();
    const auto* y = b.as<StrObject>();
    return x->text.size() == y->text.size() && x->text == y->text;
}

// Ordering is by code point, which for UTF-8 is byte order.
Value strCompare(Interpreter&, CompareOp op, const Value& a, const Value& b) {
    if (op == CompareOp::Ne || !b.is(Kind::Str))
        return {};
    const int c = text(a).compare(text(b));
    switch (op) {
    case CompareOp::Lt: return Value::boolean(c < 0);
    case CompareOp::Le: return Value::boolean(c <= 0);
    case CompareOp::Gt: return Value::boolean(c > 0);
    default: return Value::boolean(c >= 0);
    }
}

int strContains(Interpreter& interp, const Value& container, const Value& item) {
    const StrObject* part = strLike(interp, item);
    if (!part)
        interp.typeError("'in <string>' requires string as left operand, not " + interp.typeName(item));
    return text(container).find(part->text) != std::string::npos;
}

Value strGetItem(Interpreter& interp, const Value& object, const Value& index) {
    const auto* s = object.as<StrObject>();
    const bool ascii = s->ascii();
    if (index.isBigInt())
        interp.toIndex(index, "index");  // CPython's IndexError: no sequence is that long
    if (index.isIntLike()) {
        const std::int64_t i =
            itemIndex(interp, index.asInt(), static_cast<std::int64_t>(s->length()), "string index out of range");
        if (ascii)
            return interp.intern(std::string_view(&s->text[static_cast<std::size_t>(i)], 1));
        const auto offsets = codePointOffsets(s->text);
        return interp.str(s->text.substr(offsets[static_cast<std::size_t>(i)],
                                         offsets[static_cast<std::size_t>(i) + 1] - offsets[static_cast<std::size_t>(i)]));
    }
    if (index.is(Kind::Slice)) {
        const SliceRange r = adjustSlice(interp, index.as<SliceObject>(), static_cast<std::int64_t>(s->length()));
        if (ascii) {
            if (r.step == 1)
                return interp.str(s->text.substr(static_cast<std::size_t>(r.start), static_cast<std::size_t>(r.count)));
            std::string out;
            for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step)
                out += s->text[static_cast<std::size_t>(i)];
            return interp.str(std::move(out));
        }
        const auto offsets = codePointOffsets(s->text);
        std::string out;
        for (std::int64_t k = 0, i = r.start; k < r.count; ++k, i += r.step) {
            const auto at = static_cast<std::size_t>(i);
            out += s->text.substr(offsets[at], offsets[at + 1] - offsets[at]);
        }
        return interp.str(std::move(out));
    }
    interp.typeError("string indices must be integers, not '" + interp.typeName(index) + "'");
}

Value strIter(Interpreter& interp, const Value& iterable) { return newIterator(interp, IteratorKind::String, iterable); }

constexpr TypeSlots kStrSlots{.repr = strRepr,
                              .str = strStr,
                              .truthy = strTruthy,
                              .length = strLength,
                              .hash = strHash,
                              .binary = strBinary,
                              .equals = strEquals,
                              .compare = strCompare,
                              .contains = strContains,
                              .getItem = strGetItem,
                              .iter = strIter};

} // namespace

bool isAsciiSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string> splitText(const std::string& s, const std::string* sep, std::int64_t maxsplit, bool fromRight) {
    std::vector<std::string> parts;
    auto full = [&] { return maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit; };
    auto space = [](char c) { return isAsciiSpace(static_cast<unsigned char>(c)); };
    if (!sep && !fromRight) {
        std::size_t i = 0;
        while (true) {
            while (i < s.size() && space(s[i]))
                ++i;
            if (i >= s.size())
                break;
            if (full()) {
                std::size_t end = s.size();
                while (end > i && space(s[end - 1]))
                    --end;
                parts.push_back(s.substr(i, end - i));
                break;
            }
            std::size_t j = i;
            while (j < s.size() && !space(s[j]))
                ++j;
            parts.push_back(s.substr(i, j - i));
            i = j;
        }
    } else if (!sep) {
        std::size_t i = s.size();
        while (true) {
            while (i > 0 && space(s[i - 1]))
                --i;
            if (i == 0)
                break;
            if (full()) {
                std::size_t start = 0;
                while (start < i && space(s[start]))
                    ++start;
                parts.push_back(s.substr(start, i - start));
                break;
            }
            std::size_t j = i;
            while (j > 0 && !space(s[j - 1]))
                --j;
            parts.push_back(s.substr(j, i - j));
            i = j;
        }
        std::reverse(parts.begin(), parts.end());
    } else if (!fromRight) {
        std::size_t start = 0;
        while (true) {
            const std::size_t at = full() ? std::string::npos : s.find(*sep, start);
            if (at == std::string::npos) {
                parts.push_back(s.substr(start));
                break;
            }
            parts.push_back(s.substr(start, at - start));
            start = at + sep->size();
        }
    } else {
        std::size_t end = s.size();
        while (true) {
            const std::size_t at = full() || end < sep->size() ? std::string::npos : s.rfind(*sep, end - sep->size());
            if (at == std::string::npos) {
                parts.push_back(s.substr(0, end));
                break;
            }
            parts.push_back(s.substr(at + sep->size(), end - at - sep->size()));
            end = at;
        }
        std::reverse(parts.begin(), parts.end());
    }
    return parts;
}

void installStrType(Interpreter& interp) {
    ClassObject* s = interp.makeClass("str", {interp.types.object}, BuiltinType::Str, kStrSlots, makeStr);
    interp.types.strType = s;
    auto add = [&](const char* name, NativeFn fn) { interp.addMethod(s, name, fn); };
    add("upper", strUpper);
    add("lower", strLower);
    add("casefold", strCasefold);
    add("strip", strStrip);
    add("lstrip", strLstrip);
    add("rstrip", strRstrip);
    add("split", strSplit);
    add("rsplit", strRsplit);
    add("splitlines", strSplitlines);
    add("join", strJoin);
    add("startswith", strStartswith);
    add("endswith", strEndswith);
    add("replace", strReplace);
    add("find", strFind);
    add("rfind", strRfind);
    add("index", strIndex);
    add("rindex", strRindex);
    add("count", strCount);
    add("isdigit", strIsdigit);
    add("isdecimal", strIsdigit);
    add("isnumeric", strIsdigit);
    add("isalpha", strIsalpha);
    add("isalnum", strIsalnum);
    add("isspace", strIsspace);
    add("isupper", strIsupper);
    add("islower", strIslower);
    add("istitle", strIstitle);
    add("isidentifier", strIsidentifier);
    add("title", strTitle);
    add("capitalize", strCapitalize);
    add("swapcase", strSwapcase);
    add("center", strCenter);
    add("ljust", strLjust);
    add("rjust", strRjust);
    add("zfill", strZfill);
    add("partition", strPartition);
    add("rpartition", strRpartition);
    add("removeprefix", strRemoveprefix);
    add("removesuffix", strRemovesuffix);
    add("format", strFormat);
    add("encode", strEncode);
}

} // namespace awaitscope::script
