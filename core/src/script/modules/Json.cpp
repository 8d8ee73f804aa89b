// The json module: CPython's encoder and scanner (Lib/json, Modules/_json.c) rebuilt in C++,
// so dumps prints what CPython prints (floats as their repr, the same separators and
// indentation) and a malformed document raises JSONDecodeError with CPython's msg, pos,
// lineno and colno. A general-purpose JSON library would not do: CPython accepts NaN and
// Infinity, keeps ints and floats apart as Python does, and words its errors its own way.
#include "script/modules/Modules.h"
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

namespace awaitscope::script {

namespace {

// What json costs, in the interpreter's simple operations (5 ns each), measured against
// CPython 3.11's C encoder and scanner (json.dumps and json.loads of documents of 1 to 300
// values): a call costs about 1 µs whatever the document (the encoder or decoder made, the
// arguments checked), each value encoded about 135 ns and each value scanned about 65 ns.
// Characters matter little: long strings are copied, not stepped through.
constexpr std::uint64_t kDumpsCallOps = 200;
constexpr std::uint64_t kDumpsValueOps = 27;
constexpr std::uint64_t kLoadsCallOps = 190;
constexpr std::uint64_t kLoadsValueOps = 13;

// ---------------------------------------------------------------- encoding

struct EncoderOptions {
    bool skipKeys = false;
    bool ensureAscii = true;
    bool checkCircular = true;
    bool allowNan = true;
    bool sortKeys = false;
    bool indented = false;
    std::string indent;
    std::string itemSeparator = ", ";
    std::string keySeparator = ": ";
    Value defaultFn;  // Empty: objects json does not know are a TypeError
};

void appendEscaped(std::string& out, const std::string& text, bool ensureAscii) {
    out += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = bytes[i];
        std::size_t length = 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else if (c < 0x7f || !ensureAscii) {
                out += static_cast<char>(c);
            } else {
                length = utf8SequenceLength(c);
                std::uint32_t codePoint = decodeUtf8(bytes + i);
                char buffer[16];
                if (codePoint >= 0x10000) {
                    codePoint -= 0x10000;
                    std::snprintf(buffer, sizeof buffer, "\\u%04x\\u%04x", 0xd800 | (codePoint >> 10), 0xdc00 | (codePoint & 0x3ff));
                } else {
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", codePoint);
                }
                out += buffer;
            }
        }
        i += length;
    }
    out += '"';
}

class Encoder {
public:
    Encoder(Interpreter& interp, const EncoderOptions& options) : interp_(interp), options_(options) {}

    std::string encode(const Value& value) {
        encodeValue(value, 0);
        interp_.chargeOps(kDumpsCallOps + values_ * kDumpsValueOps + out_.size() / 8);
        return std::move(out_);
    }

private:
    std::string floatText(double d) {
        if (std::isfinite(d))
            return floatRepr(d);
        if (!options_.allowNan)
            interp_.valueError("Out of range float values are not JSON compliant");
        return std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    void newline(int level) {
        out_ += '\n';
        for (int i = 0; i < level; ++i)
            out_ += options_.indent;
    }

    // Containers being encoded, to report a reference cycle instead of recursing forever.
    struct Marker {
        Encoder& encoder;
        const void* id;
        Marker(Encoder& e, const Value& value) : encoder(e), id(value.object()) {
            if (!encoder.options_.checkCircular)
                return;
            if (!encoder.active_.insert(id).second)
                encoder.interp_.valueError("Circular reference detected");
        }
        ~Marker() {
            if (encoder.options_.checkCircular)
                encoder.active_.erase(id);
        }
    };

    void encodeValue(const Value& value, int level) {
        Interpreter::DepthGuard guard(interp_);
        ++values_;
        if (value.isNone()) {
            out_ += "null";
        } else if (value.isBool()) {
            out_ += value.asBool() ? "true" : "false";
        } else if (value.isInt()) {
            out_ += std::to_string(value.asInt());
        } else if (value.isBigInt()) {
            out_ += integerRepr(interp_, value);
        } else if (value.isFloat()) {
            out_ += floatText(value.asFloat());
        } else if (value.is(Kind::Str)) {
            appendEscaped(out_, value.as<StrObject>()->text, options_.ensureAscii);
        } else if (value.is(Kind::List) || value.is(Kind::Tuple)) {
            encodeList(value, level);
        } else if (value.is(Kind::Dict)) {
            encodeDict(value, level);
        } else if (const Value stands = enumMemberValue(interp_, value); !stands.empty()) {
            encodeValue(stands, level);  // CPython's encoder takes an int or str subclass as its value
        } else {
            if (options_.defaultFn.empty())
                interp_.typeError("Object of type " + interp_.typeName(value) + " is not JSON serializable");
            Marker marker(*this, value);
            encodeValue(interp_.call(options_.defaultFn, {value}), level);
        }
    }

    void encodeList(const Value& list, int level) {
        const std::vector<Value> items = sequenceItems(list);  // a copy: default() may change the list
        if (items.empty()) {
            out_ += "[]";
            return;
        }
        Marker marker(*this, list);
        out_ += '[';
        if (options_.indented)
            newline(level + 1);
        bool first = true;
        for (const Value& item : items) {
            if (!first) {
                out_ += options_.itemSeparator;
                if (options_.indented)
                    newline(level + 1);
            }
            first = false;
            encodeValue(item, level + 1);
        }
        if (options_.indented)
            newline(level);
        out_ += ']';
    }

    std::string keyText(const Value& key) {
        if (key.is(Kind::Str))
            return key.as<StrObject>()->text;
        if (key.isFloat())
            return floatText(key.asFloat());
        if (key.isBool())
            return key.asBool() ? "true" : "false";
        if (key.isInt())
            return std::to_string(key.asInt());
        if (key.isBigInt())
            return integerRepr(interp_, key);
        if (key.isNone())
            return "null";
        return {};
    }

    void encodeDict(const Value& dict, int level) {
        std::vector<std::pair<Value, Value>> items;
        for (const auto& entry : dict.as<DictObject>()->table.entries())
            if (!entry.key.empty())
                items.emplace_back(entry.key, entry.value);
        if (items.empty()) {
            out_ += "{}";
            return;
        }
        Marker marker(*this, dict);
        if (options_.sortKeys)
            std::stable_sort(items.begin(), items.end(),
                             [&](const auto& a, const auto& b) { return interp_.lessThan(a.first, b.first); });
        out_ += '{';
        if (options_.indented)
            newline(level + 1);
        bool first = true;
        for (auto [key, value] : items) {
            if (const Value stands = enumMemberValue(interp_, key); !stands.empty())
                key = stands;
            const bool known = key.is(Kind::Str) || key.isNumber() || key.isBigInt() || key.isNone();
            if (!known) {
                if (options_.skipKeys)
                    continue;
                interp_.typeError("keys must be str, int, float, bool or None, not " + interp_.typeName(key));
            }
            if (!first) {
                out_ += options_.itemSeparator;
                if (options_.indented)
                    newline(level + 1);
            }
            first = false;
            appendEscaped(out_, keyText(key), options_.ensureAscii);
            out_ += options_.keySeparator;
            encodeValue(value, level + 1);
        }
        if (options_.indented)
            newline(level);
        out_ += '}';
    }

    Interpreter& interp_;
    const EncoderOptions& options_;
    std::string out_;
    std::uint64_t values_ = 0;
    std::unordered_set<const void*> active_;
};

// The keywords dumps and JSONEncoder share, by name (Empty when absent).
struct EncoderKeywords {
    Value skipKeys, ensureAscii, checkCircular, allowNan, sortKeys, indent, separators, defaultFn;
};

EncoderOptions encoderOptions(Interpreter& interp, const EncoderKeywords& k) {
    EncoderOptions options;
    auto flag = [&](const Value& v, bool fallback) { return v.empty() ? fallback : interp.truthy(v); };
    options.skipKeys = flag(k.skipKeys, false);
    options.ensureAscii = flag(k.ensureAscii, true);
    options.checkCircular = flag(k.checkCircular, true);
    options.allowNan = flag(k.allowNan, true);
    options.sortKeys = flag(k.sortKeys, false);
    if (!k.indent.empty() && !k.indent.isNone()) {
        options.indented = true;
        if (k.indent.is(Kind::Str))
            options.indent = k.indent.as<StrObject>()->text;
        else if (k.indent.isIntLike())
            options.indent = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, k.indent.asInt())), ' ');
        else
            interp.typeError("can't multiply sequence by non-int of type '" + interp.typeName(k.indent) + "'");
        options.itemSeparator = ",";
    }
    if (!k.separators.empty() && !k.separators.isNone()) {
        const std::vector<Value> parts = interp.toVector(k.separators);
        if (parts.size() != 2)
            interp.valueError("too many values to unpack (expected 2)");
        for (const Value& part : parts)
            if (!part.is(Kind::Str))
                interp.typeError("make_encoder() argument 6 must be str, not " + interp.typeName(part));
        options.itemSeparator = parts[0].as<StrObject>()->text;
        options.keySeparator = parts[1].as<StrObject>()->text;
    }
    if (!k.defaultFn.empty() && !k.defaultFn.isNone())
        options.defaultFn = k.defaultFn;
    return options;
}

// The JSONEncoder class: script subclasses override default(), as cls= for dumps.
Value encoderInit(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "__init__",
                {"self", "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys", "indent", "separators",
                 "default"},
                1);
    const Value& self = a[0];
    auto store = [&](const char* name, int at, Value fallback) {
        interp.setAttr(self, interp.intern(name), a.has(at) ? a[at] : fallback);
    };
    store("skipkeys", 1, Value::boolean(false));
    store("ensure_ascii", 2, Value::boolean(true));
    store("check_circular", 3, Value::boolean(true));
    store("allow_nan", 4, Value::boolean(true));
    store("sort_keys", 5, Value::boolean(false));
    store("indent", 6, Value::none());
    const bool indented = a.has(6) && !a[6].isNone();
    std::vector<Value> separators = {interp.str(indented ? "," : ", "), interp.str(": ")};
    if (a.has(7) && !a[7].isNone())
        separators = interp.toVector(a[7]);
    if (separators.size() != 2)
        interp.valueError("too many values to unpack (expected 2)");
    interp.setAttr(self, interp.intern("item_separator"), separators[0]);
    interp.setAttr(self, interp.intern("key_separator"), separators[1]);
    if (a.has(8) && !a[8].isNone())
        interp.setAttr(self, interp.intern("default"), a[8]);
    return Value::none();
}

Value encoderDefault(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "default", {"self", "o"}, 2);
    interp.typeError("Object of type " + interp.typeName(a[1]) + " is not JSON serializable");
}

Value encoderEncode(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "encode", {"self", "o"}, 2);
    const Value& self = a[0];
    auto attr = [&](const char* name) { return interp.getAttr(self, interp.intern(name)); };
    EncoderKeywords k{attr("skipkeys"), attr("ensure_ascii"), attr("check_circular"), attr("allow_nan"),
                      attr("sort_keys"),  attr("indent"),       Value(),                attr("default")};
    EncoderOptions options = encoderOptions(interp, k);
    for (const char* name : {"item_separator", "key_separator"}) {
        Value separator = attr(name);
        if (!separator.is(Kind::Str))
            interp.typeError("make_encoder() argument must be str, not " + interp.typeName(separator));
        (name[0] == 'i' ? options.itemSeparator : options.keySeparator) = separator.as<StrObject>()->text;
    }
    return interp.str(Encoder(interp, options).encode(a[1]));
}

// dumps(obj, *, skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators,
// default, sort_keys): with cls, cls(**keywords).encode(obj) as CPython does.
std::string dumpsText(Interpreter& interp, const Value& obj, const ArgParser& a, int first) {
    const EncoderKeywords k{a[first], a[first + 1], a[first + 2], a[first + 3], a[first + 8], a[first + 5], a[first + 6], a[first + 7]};
    const Value& cls = a[first + 4];
    if (cls.empty() || cls.isNone())
        return Encoder(interp, encoderOptions(interp, k)).encode(obj);
    static const char* const kNames[] = {"skipkeys", "ensure_ascii", "check_circular", "allow_nan", "sort_keys",
                                         "indent",   "separators",   "default"};
    const Value values[] = {k.skipKeys, k.ensureAscii, k.checkCircular, k.allowNan, k.sortKeys, k.indent, k.separators, k.defaultFn};
    std::vector<Value> kwValues, kwNames;
    for (std::size_t i = 0; i < std::size(kNames); ++i)
        if (!values[i].empty()) {
            kwValues.push_back(values[i]);
            kwNames.push_back(interp.intern(kNames[i]));
        }
    const Value names = interp.newTuple(std::move(kwNames));
    const Value encoder = interp.call(cls, kwValues.data(), 0, names.as<TupleObject>());
    const Value text = interp.callMethod(encoder, "encode", {obj});
    if (!text.is(Kind::Str))
        interp.typeError("encode() returned " + interp.typeName(text) + ", not str");
    return text.as<StrObject>()->text;
}

#define DUMPS_KEYWORDS "skipkeys", "ensure_ascii", "check_circular", "allow_nan", "cls", "indent", "separators", "default", "sort_keys"

Value jsonDumps(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "dumps", {"obj", DUMPS_KEYWORDS}, 1);
    return interp.str(dumpsText(interp, a[0], a, 1));
}

Value jsonDump(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "dump", {"obj", "fp", DUMPS_KEYWORDS}, 2);
    interp.callMethod(a[1], "write", {interp.str(dumpsText(interp, a[0], a, 2))});
    return Value::none();
}

// ---------------------------------------------------------------- decoding

struct DecoderHooks {
    Value objectHook, pairsHook, parseFloat, parseInt, parseConstant;
    bool strict = true;
};

std::string utf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text)
        appendUtf8(out, c);
    return out;
}

class Scanner {
public:
    Scanner(Interpreter& interp, ClassObject* errorClass, const Value& doc, const DecoderHooks& hooks)
        : interp_(interp), errorClass_(errorClass), doc_(doc), hooks_(hooks) {
        const std::string& text = doc.as<StrObject>()->text;
        const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
        for (std::size_t i = 0; i < text.size(); i += utf8SequenceLength(bytes[i]))
            s_.push_back(decodeUtf8(bytes + i));
        interp.chargeOps(kLoadsCallOps + s_.size() / 4);
    }

    // json.loads: the one value the whole document holds.
    Value decodeDocument() {
        if (!s_.empty() && s_[0] == 0xfeff)
            fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
        std::size_t end = skipSpace(0);
        Value value = scanOnce(end, end);
        end = skipSpace(end);
        if (end != s_.size())
            fail("Extra data", end);
        return value;
    }

private:
    // StopIteration(idx) inside _json.c: nothing starts a value here.
    struct NoValue {
        std::size_t at;
    };

    [[noreturn]] void fail(const std::string& msg, std::size_t pos) {
        std::size_t lineno = 1, lineStart = 0;
        for (std::size_t i = 0; i < pos && i < s_.size(); ++i)
            if (s_[i] == '\n') {
                ++lineno;
                lineStart = i + 1;
            }
        const std::size_t colno = pos - lineStart + 1;
        Value error = interp_.newException(errorClass_, msg + ": line " + std::to_string(lineno) + " column " +
                                                            std::to_string(colno) + " (char " + std::to_string(pos) + ")");
        interp_.setAttr(error, interp_.intern("msg"), interp_.str(msg));
        interp_.setAttr(error, interp_.intern("doc"), doc_);
        interp_.setAttr(error, interp_.intern("pos"), Value::integer(static_cast<std::int64_t>(pos)));
        interp_.setAttr(error, interp_.intern("lineno"), Value::integer(static_cast<std::int64_t>(lineno)));
        interp_.setAttr(error, interp_.intern("colno"), Value::integer(static_cast<std::int64_t>(colno)));
        interp_.raise(error);
    }

    std::size_t skipSpace(std::size_t i) const {
        while (i < s_.size() && (s_[i] == ' ' || s_[i] == '\t' || s_[i] == '\n' || s_[i] == '\r'))
            ++i;
        return i;
    }

    bool at(std::size_t i, std::u32string_view word) const { return s_.compare(i, word.size(), word) == 0 && i + word.size() <= s_.size(); }

    Value constant(const char* name, double value) {
        if (!hooks_.parseConstant.empty())
            return interp_.call(hooks_.parseConstant, {interp_.str(name)});
        return Value::real(value);
    }

    Value scanOnce(std::size_t idx, std::size_t& next) {
        if (idx >= s_.size())
            throw NoValue{idx};
        Interpreter::DepthGuard guard(interp_);
        interp_.chargeOps(kLoadsValueOps);
        switch (s_[idx]) {
        case '"': return scanString(idx + 1, next);
        case '{': return parseObject(idx + 1, next);
        case '[': return parseArray(idx + 1, next);
        case 'n':
            if (at(idx, U"null")) {
                next = idx + 4;
                return Value::none();
            }
            break;
        case 't':
            if (at(idx, U"true")) {
                next = idx + 4;
                return Value::boolean(true);
            }
            break;
        case 'f':
            if (at(idx, U"false")) {
                next = idx + 5;
                return Value::boolean(false);
            }
            break;
        case 'N':
            if (at(idx, U"NaN")) {
                next = idx + 3;
                return constant("NaN", NAN);
            }
            break;
        case 'I':
            if (at(idx, U"Infinity")) {
                next = idx + 8;
                return constant("Infinity", INFINITY);
            }
            break;
        case '-':
            if (at(idx, U"-Infinity")) {
                next = idx + 9;
                return constant("-Infinity", -INFINITY);
            }
            break;
        default: break;
        }
        return matchNumber(idx, next);
    }

    static bool digit(char32_t c) { return c >= '0' && c <= '9'; }

    Value matchNumber(std::size_t start, std::size_t& next) {
        const std::size_t length = s_.size();
        std::size_t idx = start;
        if (s_[idx] == '-') {
            ++idx;
            if (idx >= length)
                throw NoValue{start};
        }
        if (s_[idx] >= '1' && s_[idx] <= '9') {
            ++idx;
            while (idx < length && digit(s_[idx]))
                ++idx;
        } else if (s_[idx] == '0') {
            ++idx;
        } else {
            throw NoValue{start};
        }
        bool isFloat = false;
        if (idx + 1 < length && s_[idx] == '.' && digit(s_[idx + 1])) {
            isFloat = true;
            idx += 2;
            while (idx < length && digit(s_[idx]))
                ++idx;
        }
        if (idx + 1 < length && (s_[idx] == 'e' || s_[idx] == 'E')) {
            const std::size_t eStart = idx;
            ++idx;
            if (idx + 1 < length && (s_[idx] == '-' || s_[idx] == '+'))
                ++idx;
            while (idx < length && digit(s_[idx]))
                ++idx;
            if (digit(s_[idx - 1]))
                isFloat = true;
            else
                idx = eStart;
        }
        next = idx;
        const std::string text = utf8(std::u32string_view(s_).substr(start, idx - start));
        if (isFloat) {
            if (!hooks_.parseFloat.empty())
                return interp_.call(hooks_.parseFloat, {interp_.str(text)});
            return Value::real(std::strtod(text.c_str(), nullptr));
        }
        if (!hooks_.parseInt.empty())
            return interp_.call(hooks_.parseInt, {interp_.str(text)});
        errno = 0;
        const long long value = std::strtoll(text.c_str(), nullptr, 10);
        if (errno == ERANGE)
            return integerFromDigits(interp_, text[0] == '-' ? text.substr(1) : text, 10, text[0] == '-');
        return Value::integer(value);
    }

    static int hexValue(char32_t c) {
        if (c >= '0' && c <= '9')
            return static_cast<int>(c - '0');
        if (c >= 'a' && c <= 'f')
            return static_cast<int>(c - 'a' + 10);
        if (c >= 'A' && c <= 'F')
            return static_cast<int>(c - 'A' + 10);
        return -1;
    }

    // scanstring: `end` is just past the opening quote.
    Value scanString(std::size_t end, std::size_t& nextOut) {
        const std::size_t length = s_.size();
        const std::size_t begin = end - 1;
        std::string out;
        for (;;) {
            std::size_t next = end;
            char32_t c = 0;
            for (; next < length; ++next) {
                c = s_[next];
                if (c == '"' || c == '\\')
                    break;
                if (c <= 0x1f && hooks_.strict)
                    fail("Invalid control character at", next);
            }
            if (next >= length)
                fail("Unterminated string starting at", begin);
            for (std::size_t i = end; i < next; ++i)
                appendUtf8(out, s_[i]);
            ++next;
            if (c == '"') {
                end = next;
                break;
            }
            if (next == length)
                fail("Unterminated string starting at", begin);
            c = s_[next];
            if (c != 'u') {
                end = next + 1;
                switch (c) {
                case '"':
                case '\\':
                case '/': break;
                case 'b': c = '\b'; break;
                case 'f': c = '\f'; break;
                case 'n': c = '\n'; break;
                case 'r': c = '\r'; break;
                case 't': c = '\t'; break;
                default: fail("Invalid \\escape", end - 2);
                }
            } else {
                c = 0;
                ++next;
                end = next + 4;
                if (end >= length)
                    fail("Invalid \\uXXXX escape", next - 1);
                for (; next < end; ++next) {
                    const int h = hexValue(s_[next]);
                    if (h < 0)
                        fail("Invalid \\uXXXX escape", end - 5);
                    c = (c << 4) | static_cast<char32_t>(h);
                }
                if (c >= 0xd800 && c <= 0xdbff && end + 6 < length && s_[next] == '\\' && s_[next + 1] == 'u') {
                    next += 2;
                    char32_t c2 = 0;
                    end += 6;
                    for (; next < end; ++next) {
                        const int h = hexValue(s_[next]);
                        if (h < 0)
                            fail("Invalid \\uXXXX escape", end - 5);
                        c2 = (c2 << 4) | static_cast<char32_t>(h);
                    }
                    if (c2 >= 0xdc00 && c2 <= 0xdfff)
                        c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                    else
                        end -= 6;
                }
                if (c >= 0xd800 && c <= 0xdfff)
                    notSupported(interp_, "a lone surrogate (\\u" + utf8(std::u32string_view(s_).substr(end - 4, 4)) + ") in a JSON string");
            }
            appendUtf8(out, c);
        }
        nextOut = end;
        return interp_.str(std::move(out));
    }

    Value parseObject(std::size_t idx, std::size_t& next) {
        std::vector<std::pair<Value, Value>> pairs;
        idx = skipSpace(idx);
        if (idx >= s_.size() || s_[idx] != '}') {
            for (;;) {
                if (idx >= s_.size() || s_[idx] != '"')
                    fail("Expecting property name enclosed in double quotes", idx);
                std::size_t after = 0;
                Value key = scanString(idx + 1, after);
                idx = skipSpace(after);
                if (idx >= s_.size() || s_[idx] != ':')
                    fail("Expecting ':' delimiter", idx);
                idx = skipSpace(idx + 1);
                Value value = scanOnce(idx, after);
                pairs.emplace_back(std::move(key), std::move(value));
                idx = skipSpace(after);
                if (idx < s_.size() && s_[idx] == '}')
                    break;
                if (idx >= s_.size() || s_[idx] != ',')
                    fail("Expecting ',' delimiter", idx);
                idx = skipSpace(idx + 1);
            }
        }
        next = idx + 1;
        interp_.chargeOps(pairs.size() * 4);
        if (!hooks_.pairsHook.empty()) {
            std::vector<Value> items;
            for (auto& [key, value] : pairs)
                items.push_back(interp_.newTuple({key, value}));
            return interp_.call(hooks_.pairsHook, {interp_.newList(std::move(items))});
        }
        Value dict = interp_.newDict();
        for (auto& [key, value] : pairs)
            interp_.dictSet(dict.as<DictObject>(), std::move(key), std::move(value));
        if (!hooks_.objectHook.empty())
            return interp_.call(hooks_.objectHook, {dict});
        return dict;
    }

    Value parseArray(std::size_t idx, std::size_t& next) {
        std::vector<Value> items;
        idx = skipSpace(idx);
        if (idx >= s_.size() || s_[idx] != ']') {
            for (;;) {
                std::size_t after = 0;
                items.push_back(scanOnce(idx, after));
                idx = skipSpace(after);
                if (idx < s_.size() && s_[idx] == ']')
                    break;
                if (idx >= s_.size() || s_[idx] != ',')
                    fail("Expecting ',' delimiter", idx);
                idx = skipSpace(idx + 1);
            }
        }
        next = idx + 1;
        interp_.chargeOps(items.size() * 2);
        return interp_.newList(std::move(items));
    }

    Interpreter& interp_;
    ClassObject* errorClass_;
    Value doc_;
    const DecoderHooks& hooks_;
    std::u32string s_;

public:
    Value decodeOrExpectValue() {
        try {
            return decodeDocument();
        } catch (const NoValue& none) {
            fail("Expecting value", none.at);
        }
    }
};

ClassObject* errorClassOf(const CallArgs& args) { return args.native->data.as<ClassObject>(); }

Value loadsText(Interpreter& interp, ClassObject* errorClass, const Value& given, const ArgParser& a, int first) {
    // bytes are read as UTF-8, as CPython reads them when they carry no BOM.
    const Value doc = isBytesLike(given) ? decodeBytes(interp, given, interp.str("utf-8"), Value()) : given;
    if (!doc.is(Kind::Str))
        interp.typeError("the JSON object must be str, bytes or bytearray, not " + interp.typeName(doc));
    if (a.has(first) && !a[first].isNone())
        notSupported(interp, "json.loads(cls=...)");
    DecoderHooks hooks;
    auto hook = [&](int at) { return a.has(at) && !a[at].isNone() ? a[at] : Value(); };
    hooks.objectHook = hook(first + 1);
    hooks.parseFloat = hook(first + 2);
    hooks.parseInt = hook(first + 3);
    hooks.parseConstant = hook(first + 4);
    hooks.pairsHook = hook(first + 5);
    hooks.strict = !a.has(first + 6) || interp.truthy(a[first + 6]);
    return Scanner(interp, errorClass, doc, hooks).decodeOrExpectValue();
}

#define LOADS_KEYWORDS "cls", "object_hook", "parse_float", "parse_int", "parse_constant", "object_pairs_hook", "strict"

Value jsonLoads(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "loads", {"s", LOADS_KEYWORDS}, 1);
    return loadsText(interp, errorClassOf(args), a[0], a, 1);
}

Value jsonLoad(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "load", {"fp", LOADS_KEYWORDS}, 1);
    return loadsText(interp, errorClassOf(args), interp.callMethod(a[0], "read", {}), a, 1);
}

} // namespace

Value makeJsonModule(Interpreter& interp) {
    ClassObject* error = interp.makeClass("JSONDecodeError", {interp.exc.valueError}, BuiltinType::Exception,
                                          instanceSlots(), nullptr, "json.decoder");
    error->isException = true;
    ClassObject* encoder =
        interp.makeClass("JSONEncoder", {interp.types.object}, BuiltinType::None, instanceSlots(), nullptr, "json.encoder");
    interp.addMethod(encoder, "__init__", encoderInit);
    interp.addMethod(encoder, "default", encoderDefault);
    interp.addMethod(encoder, "encode", encoderEncode);

    Value module = newModule(interp, "json");
    addValue(interp, module, "JSONDecodeError", Value(error));
    addValue(interp, module, "JSONEncoder", Value(encoder));
    addFunction(interp, module, "dumps", jsonDumps);
    addFunction(interp, module, "dump", jsonDump);
    // The decoders raise the module's own JSONDecodeError, which they carry.
    addValue(interp, module, "loads", interp.newNative(jsonLoads, "loads", {}, Value(error)));
    addValue(interp, module, "load", interp.newNative(jsonLoad, "load", {}, Value(error)));
    return module;
}

} // namespace awaitscope::script
