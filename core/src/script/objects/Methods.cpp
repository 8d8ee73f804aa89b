// Methods of the builtin types: str, list, tuple, dict, set, int and float.
#include "script/vm/Interpreter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace awaitscope::script {

void sortValues(Interpreter& interp, std::vector<Value>& items, const Value& key, bool reverse);

namespace {

const std::string& text(const Value& v) { return v.as<StrObject>()->text; }

const std::string& strArg(Interpreter& interp, const Value& v, const char* method) {
    if (!v.is(Kind::Str))
        interp.typeError(std::string(method) + " arg must be None or str");
    return text(v);
}

void noKeywords(Interpreter& interp, CallArgs& args, const char* name) {
    if (args.kwCount())
        interp.typeError(std::string(name) + "() takes no keyword arguments");
}

void argCount(Interpreter& interp, CallArgs& args, const char* name, int min, int max) {
    const int given = args.count - 1;
    if (given < min || given > max) {
        if (min == max && min == 0)
            interp.typeError(std::string(name) + "() takes no arguments (" + std::to_string(given) + " given)");
        if (min == max)
            interp.typeError(std::string(name) + "() takes exactly one argument (" + std::to_string(given) + " given)");
        if (given < min)
            interp.typeError(std::string(name) + " expected at least " + std::to_string(min) + " argument" +
                             (min == 1 ? "" : "s") + ", got " + std::to_string(given));
        interp.typeError(std::string(name) + " expected at most " + std::to_string(max) + " argument" +
                         (max == 1 ? "" : "s") + ", got " + std::to_string(given));
    }
}

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// ---- str ----

// Case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (what lesson
// scripts meet); other characters are left as they are.
std::uint32_t toUpper(std::uint32_t c) {
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 0x20;
    if (c == 0xFF)
        return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149)
        return ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) ? ((c & 1) ? c : c - 1) : (c & ~1u);
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)
        return c - 0x20;
    if (c == 0x3C2)
        return 0x3A3;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x20;
    if (c >= 0x450 && c <= 0x45F)
        return c - 0x50;
    return c;
}

std::uint32_t toLower(std::uint32_t c) {
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149)
        return ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) ? ((c & 1) ? c + 1 : c) : (c | 1u);
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    return c;
}

template <class Map>
std::string mapCase(const std::string& in, Map map) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        const auto lead = static_cast<unsigned char>(in[i]);
        std::uint32_t cp = lead;
        std::size_t length = 1;
        if (lead >= 0xF0 && i + 3 < in.size() + 0) {
            length = 4;
        } else if (lead >= 0xE0) {
            length = 3;
        } else if (lead >= 0xC0) {
            length = 2;
        }
        if (i + length > in.size())
            length = 1;
        if (length == 2)
            cp = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(in[i + 1]) & 0x3Fu);
        else if (length == 3)
            cp = ((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(in[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(in[i + 2]) & 0x3Fu);
        else if (length == 4)
            cp = 0;  // astral characters keep their case
        const std::uint32_t mapped = length == 4 ? 0 : map(cp);
        if (length == 4 || (length == 1 && cp >= 0x80)) {
            out.append(in, i, length);
        } else if (mapped < 0x80) {
            out += static_cast<char>(mapped);
        } else if (mapped < 0x800) {
            out += static_cast<char>(0xC0 | (mapped >> 6));
            out += static_cast<char>(0x80 | (mapped & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (mapped >> 12));
            out += static_cast<char>(0x80 | ((mapped >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (mapped & 0x3F));
        }
        i += length;
    }
    return out;
}

Value strUpper(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "upper", 0, 0);
    return interp.str(mapCase(text(args[0]), toUpper));
}

Value strLower(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "lower", 0, 0);
    return interp.str(mapCase(text(args[0]), toLower));
}

Value strip(Interpreter& interp, CallArgs& args, bool left, bool right, const char* name) {
    argCount(interp, args, name, 0, 1);
    const std::string& s = text(args[0]);
    std::string chars;
    const bool whitespace = args.count < 2 || args[1].isNone();
    if (!whitespace)
        chars = strArg(interp, args[1], name);
    auto strip = [&](unsigned char c) { return whitespace ? isSpace(c) : chars.find(static_cast<char>(c)) != std::string::npos; };
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
    std::int64_t maxsplit = a.has(2) ? interp.toIndex(a[2], "maxsplit") : -1;
    std::vector<std::string> parts;
    if (!a.has(1) || a[1].isNone()) {
        // Runs of whitespace separate; leading and trailing whitespace is dropped.
        if (!fromRight) {
            std::size_t i = 0;
            while (true) {
                while (i < s.size() && isSpace(static_cast<unsigned char>(s[i])))
                    ++i;
                if (i >= s.size())
                    break;
                if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
                    std::size_t end = s.size();
                    while (end > i && isSpace(static_cast<unsigned char>(s[end - 1])))
                        --end;
                    parts.push_back(s.substr(i, end - i));
                    break;
                }
                std::size_t j = i;
                while (j < s.size() && !isSpace(static_cast<unsigned char>(s[j])))
                    ++j;
                parts.push_back(s.substr(i, j - i));
                i = j;
            }
        } else {
            std::size_t i = s.size();
            while (true) {
                while (i > 0 && isSpace(static_cast<unsigned char>(s[i - 1])))
                    --i;
                if (i == 0)
                    break;
                if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
                    std::size_t start = 0;
                    while (start < i && isSpace(static_cast<unsigned char>(s[start])))
                        ++start;
                    parts.push_back(s.substr(start, i - start));
                    break;
                }
                std::size_t j = i;
                while (j > 0 && !isSpace(static_cast<unsigned char>(s[j - 1])))
                    --j;
                parts.push_back(s.substr(j, i - j));
                i = j;
            }
            std::reverse(parts.begin(), parts.end());
        }
    } else {
        const std::string& sep = strArg(interp, a[1], "split");
        if (sep.empty())
            interp.valueError("empty separator");
        if (!fromRight) {
            std::size_t start = 0;
            while (true) {
                if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
                    parts.push_back(s.substr(start));
                    break;
                }
                const std::size_t at = s.find(sep, start);
                if (at == std::string::npos) {
                    parts.push_back(s.substr(start));
                    break;
                }
                parts.push_back(s.substr(start, at - start));
                start = at + sep.size();
            }
        } else {
            std::size_t end = s.size();
            while (true) {
                if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxsplit) {
                    parts.push_back(s.substr(0, end));
                    break;
                }
                if (end < sep.size()) {
                    parts.push_back(s.substr(0, end));
                    break;
                }
                const std::size_t at = s.rfind(sep, end - sep.size());
                if (at == std::string::npos) {
                    parts.push_back(s.substr(0, end));
                    break;
                }
                parts.push_back(s.substr(at + sep.size(), end - at - sep.size()));
                end = at;
            }
            std::reverse(parts.begin(), parts.end());
        }
    }
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
        total += item.is(Kind::Str) ? text(item).size() : 0;
    if (total > (1u << 20))
        interp.reserveMemory(static_cast<double>(total));
    std::string out;
    out.reserve(total);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is(Kind::Str))
            interp.typeError("sequence item " + std::to_string(i) + ": expected str instance, " +
                             interp.typeName(items[i]) + " found");
        if (i)
            out += sep;
        out += text(items[i]);
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
        if (!candidate.is(Kind::Str))
            interp.typeError(std::string(name) + " first arg must be str or a tuple of str, not " +
                             interp.typeName(candidate));
        const std::string& t = text(candidate);
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
    const std::string& s = text(args[0]);
    const std::string& from = strArg(interp, args[1], "replace");
    const std::string& to = strArg(interp, args[2], "replace");
    std::int64_t count = args.count > 3 ? interp.toIndex(args[3], "count") : -1;
    std::string out;
    if (from.empty()) {
        // Inserts `to` between every character (and at both ends).
        std::int64_t done = 0;
        for (std::size_t i = 0; i <= s.size(); ++i) {
            if (count < 0 || done < count) {
                out += to;
                ++done;
            }
            if (i < s.size())
                out += s[i];
        }
        return interp.str(std::move(out));
    }
    std::size_t start = 0;
    std::int64_t done = 0;
    while (count < 0 || done < count) {
        const std::size_t at = s.find(from, start);
        if (at == std::string::npos)
            break;
        out.append(s, start, at - start);
        out += to;
        start = at + from.size();
        ++done;
    }
    out.append(s, start, std::string::npos);
    return interp.str(std::move(out));
}

std::int64_t findIn(Interpreter& interp, CallArgs& args, const char* name, bool reverse) {
    argCount(interp, args, name, 1, 3);
    const std::string& s = text(args[0]);
    if (!args[1].is(Kind::Str))
        interp.typeError("must be str, not " + interp.typeName(args[1]));
    const std::string& needle = text(args[1]);
    std::int64_t start = args.count > 2 && !args[2].isNone() ? interp.toIndex(args[2], name) : 0;
    std::int64_t end = args.count > 3 && !args[3].isNone() ? interp.toIndex(args[3], name)
                                                           : static_cast<std::int64_t>(s.size());
    const auto n = static_cast<std::int64_t>(s.size());
    if (start < 0)
        start = std::max<std::int64_t>(0, start + n);
    if (end < 0)
        end = std::max<std::int64_t>(0, end + n);
    end = std::min(end, n);
    if (start > end)
        return -1;
    const std::string window = s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    const std::size_t at = reverse ? window.rfind(needle) : window.find(needle);
    if (at == std::string::npos)
        return -1;
    // Byte offset to code point offset.
    return static_cast<std::int64_t>(StrObject::countCodePoints(s.substr(0, static_cast<std::size_t>(start) + at)));
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
    argCount(interp, args, "count", 1, 1);
    const std::string& s = text(args[0]);
    const std::string& needle = strArg(interp, args[1], "count");
    if (needle.empty())
        return Value::integer(static_cast<std::int64_t>(StrObject::countCodePoints(s) + 1));
    std::int64_t count = 0;
    for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + needle.size()))
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
    return classify(interp, args, "isspace", [](unsigned char c) { return isSpace(c); });
}

Value strIsupper(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "isupper", 0, 0);
    bool cased = false;
    for (unsigned char c : text(args[0])) {
        if (std::islower(c))
            return Value::boolean(false);
        cased = cased || std::isupper(c);
    }
    return Value::boolean(cased);
}

Value strIslower(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "islower", 0, 0);
    bool cased = false;
    for (unsigned char c : text(args[0])) {
        if (std::isupper(c))
            return Value::boolean(false);
        cased = cased || std::islower(c);
    }
    return Value::boolean(cased);
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
    std::string out = text(args[0]);
    bool previousCased = false;
    for (char& ch : out) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalpha(c)) {
            ch = static_cast<char>(previousCased ? std::tolower(c) : std::toupper(c));
            previousCased = true;
        } else {
            previousCased = false;
        }
    }
    return interp.str(std::move(out));
}

Value strCapitalize(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "capitalize", 0, 0);
    std::string out = text(args[0]);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(out[i]))
                                          : std::tolower(static_cast<unsigned char>(out[i])));
    return interp.str(std::move(out));
}

Value strSwapcase(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "swapcase", 0, 0);
    std::string out = text(args[0]);
    for (char& ch : out) {
        const auto c = static_cast<unsigned char>(ch);
        ch = static_cast<char>(std::isupper(c) ? std::tolower(c) : std::toupper(c));
    }
    return interp.str(std::move(out));
}

Value justify(Interpreter& interp, CallArgs& args, char align, const char* name) {
    argCount(interp, args, name, 1, 2);
    const std::string& s = text(args[0]);
    const std::int64_t width = interp.toIndex(args[1], name);
    std::string fill = " ";
    if (args.count > 2) {
        if (!args[2].is(Kind::Str) || args[2].as<StrObject>()->length() != 1)
            interp.typeError("The fill character must be exactly one character long");
        fill = text(args[2]);
    }
    const auto length = static_cast<std::int64_t>(StrObject::countCodePoints(s));
    if (width <= length)
        return args[0];
    if (width > (1 << 26))
        interp.raise(interp.exc.memoryError, "the string would be larger than Awaitscope allows");
    const std::int64_t padding = width - length;
    std::int64_t left = 0;
    if (align == '>')
        left = padding;
    else if (align == '^')
        left = padding / 2 + (padding & length & 1);
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
    const std::string& sep = strArg(interp, args[1], "partition");
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
    const std::string& p = strArg(interp, args[1], "removeprefix");
    return s.rfind(p, 0) == 0 ? interp.str(s.substr(p.size())) : args[0];
}

Value strRemovesuffix(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "removesuffix", 1, 1);
    const std::string& s = text(args[0]);
    const std::string& p = strArg(interp, args[1], "removesuffix");
    return !p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0
               ? interp.str(s.substr(0, s.size() - p.size()))
               : args[0];
}

// str.format: {} {0} {name} {x.attr} {x[key]} with !r/!s and :spec (nested {} in specs).
std::string formatFields(Interpreter& interp, const std::string& fmt, CallArgs& args, int& autoIndex, bool& manual,
                         int depth) {
    if (depth > 2)
        interp.valueError("Max string recursion exceeded");
    std::string out;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            interp.valueError("Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        // Find the matching close brace.
        std::size_t j = i + 1;
        int nesting = 1;
        for (; j < fmt.size(); ++j) {
            if (fmt[j] == '{')
                ++nesting;
            else if (fmt[j] == '}' && --nesting == 0)
                break;
        }
        if (j >= fmt.size())
            interp.valueError("Single '{' encountered in format string");
        std::string field = fmt.substr(i + 1, j - i - 1);
        i = j;
        std::string spec;
        char conversion = 0;
        std::size_t colon = std::string::npos;
        int bracket = 0;
        for (std::size_t k = 0; k < field.size(); ++k) {
            if (field[k] == '[')
                ++bracket;
            else if (field[k] == ']')
                --bracket;
            else if (bracket == 0 && (field[k] == ':' || field[k] == '!')) {
                colon = k;
                break;
            }
        }
        std::string name = field;
        if (colon != std::string::npos) {
            name = field.substr(0, colon);
            std::string rest = field.substr(colon);
            if (rest[0] == '!') {
                if (rest.size() < 2 || (rest[1] != 'r' && rest[1] != 's' && rest[1] != 'a'))
                    interp.valueError("Unknown conversion specifier " + rest.substr(1, 1));
                conversion = rest[1];
                rest = rest.substr(2);
                if (!rest.empty() && rest[0] != ':')
                    interp.valueError("expected ':' after conversion specifier");
            }
            if (!rest.empty())
                spec = formatFields(interp, rest.substr(1), args, autoIndex, manual, depth + 1);
        }
        // The first part of the name: an index, a keyword, or nothing (automatic numbering).
        std::size_t end = 0;
        while (end < name.size() && name[end] != '.' && name[end] != '[')
            ++end;
        const std::string head = name.substr(0, end);
        Value value;
        if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
            int index;
            if (head.empty()) {
                if (manual)
                    interp.valueError("cannot switch from manual field specification to automatic field numbering");
                index = autoIndex++;
            } else {
                if (autoIndex > 0)
                    interp.valueError("cannot switch from automatic field numbering to manual field specification");
                manual = true;
                index = std::atoi(head.c_str());
            }
            if (index + 1 >= args.count)
                interp.raise(interp.exc.indexError,
                             "Replacement index " + std::to_string(index) + " out of range for positional args tuple");
            value = args[index + 1];
        } else {
            bool found = false;
            for (int k = 0; k < args.kwCount(); ++k)
                if (args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text == head) {
                    value = args.kwValues[k];
                    found = true;
                }
            if (!found)
                interp.raise(interp.newException(interp.exc.keyError, {interp.str(head)}));
        }
        while (end < name.size()) {
            if (name[end] == '.') {
                std::size_t next = end + 1;
                while (next < name.size() && name[next] != '.' && name[next] != '[')
                    ++next;
                value = interp.getAttr(value, interp.intern(name.substr(end + 1, next - end - 1)));
                end = next;
            } else {
                const std::size_t close = name.find(']', end);
                if (close == std::string::npos)
                    interp.valueError("Missing ']' in format string");
                const std::string key = name.substr(end + 1, close - end - 1);
                Value keyValue = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); })
                                     ? Value::integer(std::atoll(key.c_str()))
                                     : interp.str(key);
                value = interp.getItem(value, keyValue);
                end = close + 1;
            }
        }
        if (conversion == 'r' || conversion == 'a')
            value = interp.str(interp.repr(value));
        else if (conversion == 's')
            value = interp.str(interp.toStr(value));
        out += interp.format(value, spec);
    }
    return out;
}

Value strFormat(Interpreter& interp, CallArgs& args) {
    int autoIndex = 0;
    bool manual = false;
    return interp.str(formatFields(interp, text(args[0]), args, autoIndex, manual, 0));
}

Value strEncode(Interpreter& interp, CallArgs& args) {
    (void)args;
    interp.raise(interp.exc.notImplementedError, "bytes are not supported by Awaitscope");
}

// ---- list ----

std::vector<Value>& items(const Value& v) { return v.as<ListObject>()->items; }

Value listAppend(Interpreter& interp, CallArgs& args) {
    noKeywords(interp, args, "append");
    argCount(interp, args, "append", 1, 1);
    auto& list = items(args[0]);
    list.push_back(args[1]);
    if ((list.size() & 0x3FF) == 0) {
        interp.heap().charge(0x400 * sizeof(Value));
        interp.checkMemory();
    }
    return Value::none();
}

Value listExtend(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "extend", 1, 1);
    std::vector<Value> extra = interp.toVector(args[1]);
    auto& list = items(args[0]);
    interp.reserveMemory(static_cast<double>(extra.size() * sizeof(Value)));
    list.insert(list.end(), extra.begin(), extra.end());
    interp.heap().charge(static_cast<std::int64_t>(extra.size() * sizeof(Value)));
    interp.chargeOps(extra.size());
    return Value::none();
}

Value listPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 0, 1);
    auto& list = items(args[0]);
    if (list.empty())
        interp.raise(interp.exc.indexError, "pop from empty list");
    std::int64_t index = args.count > 1 ? interp.toIndex(args[1], "pop") : -1;
    const auto n = static_cast<std::int64_t>(list.size());
    if (index < 0)
        index += n;
    if (index < 0 || index >= n)
        interp.raise(interp.exc.indexError, "pop index out of range");
    Value value = std::move(list[static_cast<std::size_t>(index)]);
    list.erase(list.begin() + index);
    interp.chargeOps(static_cast<std::uint64_t>(n - index) / 16);
    return value;
}

Value listInsert(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "insert", 2, 2);
    auto& list = items(args[0]);
    std::int64_t index = interp.toIndex(args[1], "insert");
    const auto n = static_cast<std::int64_t>(list.size());
    if (index < 0)
        index = std::max<std::int64_t>(0, index + n);
    index = std::min(index, n);
    list.insert(list.begin() + index, args[2]);
    return Value::none();
}

Value listRemove(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "remove", 1, 1);
    auto& list = items(args[0]);
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].identical(args[1]) || interp.equals(list[i], args[1])) {
            list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
            return Value::none();
        }
    interp.valueError("list.remove(x): x not in list");
}

Value sequenceIndex(Interpreter& interp, CallArgs& args, const std::vector<Value>& list, const char* what) {
    argCount(interp, args, "index", 1, 3);
    const auto n = static_cast<std::int64_t>(list.size());
    std::int64_t start = args.count > 2 ? interp.toIndex(args[2], "index") : 0;
    std::int64_t end = args.count > 3 ? interp.toIndex(args[3], "index") : n;
    if (start < 0)
        start = std::max<std::int64_t>(0, start + n);
    if (end < 0)
        end = std::max<std::int64_t>(0, end + n);
    for (std::int64_t i = start; i < std::min(end, n); ++i)
        if (list[static_cast<std::size_t>(i)].identical(args[1]) || interp.equals(list[static_cast<std::size_t>(i)], args[1]))
            return Value::integer(i);
    if (std::strcmp(what, "list") == 0)
        interp.valueError(interp.repr(args[1]) + " is not in list");
    interp.valueError("tuple.index(x): x not in tuple");
}

Value listIndex(Interpreter& interp, CallArgs& args) { return sequenceIndex(interp, args, items(args[0]), "list"); }

Value sequenceCount(Interpreter& interp, CallArgs& args, const std::vector<Value>& list) {
    argCount(interp, args, "count", 1, 1);
    std::int64_t count = 0;
    for (const Value& v : list)
        if (v.identical(args[1]) || interp.equals(v, args[1]))
            ++count;
    return Value::integer(count);
}

Value listCount(Interpreter& interp, CallArgs& args) { return sequenceCount(interp, args, items(args[0])); }

Value listSort(Interpreter& interp, CallArgs& args) {
    if (args.count != 1)
        interp.typeError("sort() takes no positional arguments");
    Value key;
    bool reverse = false;
    for (int k = 0; k < args.kwCount(); ++k) {
        const std::string& kw = args.kwNames->items[static_cast<std::size_t>(k)].as<StrObject>()->text;
        if (kw == "key")
            key = args.kwValues[k];
        else if (kw == "reverse")
            reverse = interp.truthy(args.kwValues[k]);
        else
            interp.typeError("sort() got an unexpected keyword argument '" + kw + "'");
    }
    std::vector<Value> sorted = items(args[0]);
    sortValues(interp, sorted, key, reverse);
    items(args[0]) = std::move(sorted);
    return Value::none();
}

Value listReverse(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "reverse", 0, 0);
    std::reverse(items(args[0]).begin(), items(args[0]).end());
    return Value::none();
}

Value listCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    return interp.newList(items(args[0]));
}

Value listClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    items(args[0]).clear();
    return Value::none();
}

Value tupleIndex(Interpreter& interp, CallArgs& args) {
    return sequenceIndex(interp, args, args[0].as<TupleObject>()->items, "tuple");
}
Value tupleCount(Interpreter& interp, CallArgs& args) { return sequenceCount(interp, args, args[0].as<TupleObject>()->items); }

// ---- dict ----

DictObject* dict(const Value& v) { return v.as<DictObject>(); }

Value dictGet(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "get", 1, 2);
    if (Value* found = interp.dictLookup(dict(args[0]), args[1]))
        return *found;
    return args.count > 2 ? args[2] : Value::none();
}

Value dictView(Interpreter& interp, const Value& d, IteratorKind kind) {
    auto* it = interp.heap().make<IteratorObject>(kind);
    Value view(it);
    it->source = d;
    it->view = true;
    return view;
}

Value dictKeys(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "keys", 0, 0);
    return dictView(interp, args[0], IteratorKind::DictKeys);
}
Value dictValues(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "values", 0, 0);
    return dictView(interp, args[0], IteratorKind::DictValues);
}
Value dictItems(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "items", 0, 0);
    return dictView(interp, args[0], IteratorKind::DictItems);
}

Value dictPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 1, 2);
    Value removed = dict(args[0])->table.remove(args[1], interp.hash(args[1]));
    if (!removed.empty())
        return removed;
    if (args.count > 2)
        return args[2];
    interp.raise(interp.newException(interp.exc.keyError, {args[1]}));
}

Value dictPopitem(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "popitem", 0, 0);
    Value key;
    Value value;
    if (!dict(args[0])->table.popLast(key, value))
        interp.raise(interp.exc.keyError, "popitem(): dictionary is empty");
    return interp.newTuple({key, value});
}

Value dictSetdefault(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "setdefault", 1, 2);
    if (Value* found = interp.dictLookup(dict(args[0]), args[1]))
        return *found;
    Value value = args.count > 2 ? args[2] : Value::none();
    interp.dictSet(dict(args[0]), args[1], value);
    return value;
}

Value dictUpdate(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "update", 0, 1);
    DictObject* d = dict(args[0]);
    if (args.count > 1) {
        const Value& source = args[1];
        if (source.is(Kind::Dict)) {
            for (auto& e : source.as<DictObject>()->table.entries())
                if (!e.key.empty())
                    interp.dictSet(d, e.key, e.value);
        } else {
            for (const Value& item : interp.toVector(source)) {
                std::vector<Value> pair = interp.toVector(item);
                if (pair.size() != 2)
                    interp.valueError("dictionary update sequence element has length " + std::to_string(pair.size()) +
                                      "; 2 is required");
                interp.dictSet(d, pair[0], pair[1]);
            }
        }
    }
    for (int k = 0; k < args.kwCount(); ++k)
        interp.dictSet(d, args.kwNames->items[static_cast<std::size_t>(k)], args.kwValues[k]);
    return Value::none();
}

Value dictCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    Value copy = interp.newDict();
    for (auto& e : dict(args[0])->table.entries())
        if (!e.key.empty())
            interp.dictSet(dict(copy), e.key, e.value);
    return copy;
}

Value dictClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    dict(args[0])->table.clear();
    return Value::none();
}

Value dictFromkeys(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || args.count > 2)
        interp.typeError("fromkeys expected 1 or 2 arguments");
    Value result = interp.newDict();
    const Value value = args.count > 1 ? args[1] : Value::none();
    for (const Value& key : interp.toVector(args[0]))
        interp.dictSet(dict(result), key, value);
    return result;
}

// ---- set ----

SetObject* set(const Value& v) { return v.as<SetObject>(); }

Value setAdd(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "add", 1, 1);
    set(args[0])->table.insert(args[1], interp.hash(args[1]), Value::none());
    return Value::none();
}

Value setDiscard(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "discard", 1, 1);
    set(args[0])->table.remove(args[1], interp.hash(args[1]));
    return Value::none();
}

Value setRemove(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "remove", 1, 1);
    if (set(args[0])->table.remove(args[1], interp.hash(args[1])).empty())
        interp.raise(interp.newException(interp.exc.keyError, {args[1]}));
    return Value::none();
}

Value setPop(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "pop", 0, 0);
    for (auto& e : set(args[0])->table.entries())
        if (!e.key.empty()) {
            Value key = e.key;
            set(args[0])->table.remove(key, e.hash);
            return key;
        }
    interp.raise(interp.exc.keyError, "pop from an empty set");
}

Value setClear(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "clear", 0, 0);
    set(args[0])->table.clear();
    return Value::none();
}

Value setUpdate(Interpreter& interp, CallArgs& args) {
    for (int i = 1; i < args.count; ++i)
        for (Value& item : interp.toVector(args[i])) {
            const std::size_t h = interp.hash(item);
            set(args[0])->table.insert(std::move(item), h, Value::none());
        }
    return Value::none();
}

Value setCombine(Interpreter& interp, CallArgs& args, BinaryOp op) {
    Value result = args[0];
    for (int i = 1; i < args.count; ++i) {
        Value other = args[i];
        if (!other.is(Kind::Set)) {
            Value converted = interp.newSet();
            for (Value& item : interp.toVector(other)) {
                const std::size_t h = interp.hash(item);
                set(converted)->table.insert(std::move(item), h, Value::none());
            }
            other = converted;
        }
        result = interp.binary(op, result, other);
    }
    if (args.count == 1) {
        Value copy = interp.newSet();
        set(copy)->table = set(args[0])->table;
        return copy;
    }
    return result;
}

Value setUnion(Interpreter& interp, CallArgs& args) { return setCombine(interp, args, BinaryOp::BitOr); }
Value setIntersection(Interpreter& interp, CallArgs& args) { return setCombine(interp, args, BinaryOp::BitAnd); }
Value setDifference(Interpreter& interp, CallArgs& args) { return setCombine(interp, args, BinaryOp::Sub); }
Value setCopy(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "copy", 0, 0);
    return setCombine(interp, args, BinaryOp::BitOr);
}

Value setIssubset(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "issubset", 1, 1);
    for (auto& e : set(args[0])->table.entries())
        if (!e.key.empty() && !interp.contains(args[1], e.key))
            return Value::boolean(false);
    return Value::boolean(true);
}

Value setIssuperset(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "issuperset", 1, 1);
    for (const Value& item : interp.toVector(args[1]))
        if (!interp.contains(args[0], item))
            return Value::boolean(false);
    return Value::boolean(true);
}

// ---- numbers ----

Value intBitLength(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "bit_length", 0, 0);
    std::uint64_t v = static_cast<std::uint64_t>(args[0].asInt() < 0 ? -(args[0].asInt() + 1) + 1 : args[0].asInt());
    int bits = 0;
    while (v) {
        ++bits;
        v >>= 1;
    }
    return Value::integer(bits);
}

Value floatIsInteger(Interpreter& interp, CallArgs& args) {
    argCount(interp, args, "is_integer", 0, 0);
    const double d = args[0].asFloat();
    return Value::boolean(std::isfinite(d) && d == std::floor(d));
}

} // namespace

// "%s is %d years" % (name, age): printf-style formatting.
Value percentFormat(Interpreter& interp, const Value& format, const Value& values) {
    const std::string& fmt = text(format);
    std::vector<Value> positional;
    const DictObject* mapping = nullptr;
    if (values.is(Kind::Tuple))
        positional = values.as<TupleObject>()->items;
    else if (values.is(Kind::Dict))
        mapping = values.as<DictObject>();
    else
        positional.push_back(values);
    std::size_t next = 0;
    std::string out;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out += fmt[i];
            continue;
        }
        if (++i >= fmt.size())
            interp.valueError("incomplete format");
        Value value;
        if (fmt[i] == '(') {
            const std::size_t close = fmt.find(')', i);
            if (close == std::string::npos)
                interp.valueError("incomplete format key");
            if (!mapping)
                interp.typeError("format requires a mapping");
            Value key = interp.str(fmt.substr(i + 1, close - i - 1));
            Value* found = interp.dictLookup(const_cast<DictObject*>(mapping), key);
            if (!found)
                interp.raise(interp.newException(interp.exc.keyError, {key}));
            value = *found;
            i = close + 1;
        }
        std::string flags;
        while (i < fmt.size() && std::strchr("-+ #0", fmt[i]))
            flags += fmt[i++];
        std::string width;
        while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
            width += fmt[i++];
        std::string precision;
        if (i < fmt.size() && fmt[i] == '.') {
            ++i;
            precision = ".";
            while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i])))
                precision += fmt[i++];
        }
        if (i >= fmt.size())
            interp.valueError("incomplete format");
        const char type = fmt[i];
        if (type == '%') {
            out += '%';
            continue;
        }
        if (value.empty()) {
            if (mapping && positional.empty())
                interp.typeError("format requires a mapping");
            if (next >= positional.size())
                interp.typeError("not enough arguments for format string");
            value = positional[next++];
        }
        std::string spec;
        const bool left = flags.find('-') != std::string::npos;
        const bool zero = flags.find('0') != std::string::npos && !left;
        const std::string sign = flags.find('+') != std::string::npos ? "+" : flags.find(' ') != std::string::npos ? " " : "";
        std::string piece;
        switch (type) {
        case 's': piece = interp.toStr(value); break;
        case 'r':
        case 'a': piece = interp.repr(value); break;
        case 'd':
        case 'i':
        case 'u': {
            if (!value.isNumber())
                interp.typeError(std::string("%") + type + " format: a real number is required, not " + interp.typeName(value));
            Value integer = value.isFloat() ? Value::integer(static_cast<std::int64_t>(value.asFloat())) : value;
            piece = interp.format(Value::integer(integer.asInt()), (left ? "<" : "") + sign + (zero ? "0" : "") + width);
            width.clear();
            break;
        }
        case 'x':
        case 'X':
        case 'o': {
            if (!value.isIntLike())
                interp.typeError(std::string("%") + type + " format: an integer is required, not " + interp.typeName(value));
            piece = interp.format(value, (left ? "<" : "") + sign + (flags.find('#') != std::string::npos ? "#" : "") +
                                             (zero ? "0" : "") + width + std::string(1, type));
            width.clear();
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
            if (!value.isNumber())
                interp.typeError(std::string("must be real number, not ") + interp.typeName(value));
            piece = interp.format(Value::real(value.toDouble()), (left ? "<" : "") + sign + (zero ? "0" : "") + width +
                                                                     (precision.empty() ? ".6" : precision) + std::string(1, type));
            width.clear();
            break;
        }
        case 'c':
            if (value.is(Kind::Str))
                piece = text(value);
            else
                piece = interp.format(value, "c");
            break;
        default:
            interp.valueError(std::string("unsupported format character '") + type + "'");
        }
        if (type == 's' || type == 'r' || type == 'a') {
            if (precision.size() > 1) {
                const auto n = static_cast<std::size_t>(std::atoi(precision.c_str() + 1));
                if (piece.size() > n)
                    piece.resize(n);
            }
        }
        if (!width.empty()) {
            const auto w = static_cast<std::size_t>(std::atoi(width.c_str()));
            const std::size_t length = StrObject::countCodePoints(piece);
            if (length < w)
                piece = left ? piece + std::string(w - length, ' ') : std::string(w - length, ' ') + piece;
        }
        out += piece;
    }
    if (next < positional.size() && !mapping)
        interp.typeError("not all arguments converted during string formatting");
    return interp.str(std::move(out));
}

void installMethods(Interpreter& interp) {
    auto& t = interp.types;
    auto add = [&](ClassObject* cls, const char* name, NativeFn fn) { interp.addMethod(cls, name, fn); };
    add(t.strType, "upper", strUpper);
    add(t.strType, "lower", strLower);
    add(t.strType, "casefold", strLower);
    add(t.strType, "strip", strStrip);
    add(t.strType, "lstrip", strLstrip);
    add(t.strType, "rstrip", strRstrip);
    add(t.strType, "split", strSplit);
    add(t.strType, "rsplit", strRsplit);
    add(t.strType, "splitlines", strSplitlines);
    add(t.strType, "join", strJoin);
    add(t.strType, "startswith", strStartswith);
    add(t.strType, "endswith", strEndswith);
    add(t.strType, "replace", strReplace);
    add(t.strType, "find", strFind);
    add(t.strType, "rfind", strRfind);
    add(t.strType, "index", strIndex);
    add(t.strType, "rindex", strRindex);
    add(t.strType, "count", strCount);
    add(t.strType, "isdigit", strIsdigit);
    add(t.strType, "isdecimal", strIsdigit);
    add(t.strType, "isnumeric", strIsdigit);
    add(t.strType, "isalpha", strIsalpha);
    add(t.strType, "isalnum", strIsalnum);
    add(t.strType, "isspace", strIsspace);
    add(t.strType, "isupper", strIsupper);
    add(t.strType, "islower", strIslower);
    add(t.strType, "isidentifier", strIsidentifier);
    add(t.strType, "title", strTitle);
    add(t.strType, "capitalize", strCapitalize);
    add(t.strType, "swapcase", strSwapcase);
    add(t.strType, "center", strCenter);
    add(t.strType, "ljust", strLjust);
    add(t.strType, "rjust", strRjust);
    add(t.strType, "zfill", strZfill);
    add(t.strType, "partition", strPartition);
    add(t.strType, "rpartition", strRpartition);
    add(t.strType, "removeprefix", strRemoveprefix);
    add(t.strType, "removesuffix", strRemovesuffix);
    add(t.strType, "format", strFormat);
    add(t.strType, "encode", strEncode);

    add(t.listType, "append", listAppend);
    add(t.listType, "extend", listExtend);
    add(t.listType, "pop", listPop);
    add(t.listType, "insert", listInsert);
    add(t.listType, "remove", listRemove);
    add(t.listType, "index", listIndex);
    add(t.listType, "count", listCount);
    add(t.listType, "sort", listSort);
    add(t.listType, "reverse", listReverse);
    add(t.listType, "copy", listCopy);
    add(t.listType, "clear", listClear);

    add(t.tupleType, "index", tupleIndex);
    add(t.tupleType, "count", tupleCount);

    add(t.dictType, "get", dictGet);
    add(t.dictType, "keys", dictKeys);
    add(t.dictType, "values", dictValues);
    add(t.dictType, "items", dictItems);
    add(t.dictType, "pop", dictPop);
    add(t.dictType, "popitem", dictPopitem);
    add(t.dictType, "setdefault", dictSetdefault);
    add(t.dictType, "update", dictUpdate);
    add(t.dictType, "copy", dictCopy);
    add(t.dictType, "clear", dictClear);
    interp.dictSetStr(t.dictType->dict.as<DictObject>(), "fromkeys",
                      interp.newNative(nullptr, "staticmethod", {}, interp.newNative(dictFromkeys, "fromkeys")));

    add(t.setType, "add", setAdd);
    add(t.setType, "discard", setDiscard);
    add(t.setType, "remove", setRemove);
    add(t.setType, "pop", setPop);
    add(t.setType, "clear", setClear);
    add(t.setType, "update", setUpdate);
    add(t.setType, "union", setUnion);
    add(t.setType, "intersection", setIntersection);
    add(t.setType, "difference", setDifference);
    add(t.setType, "copy", setCopy);
    add(t.setType, "issubset", setIssubset);
    add(t.setType, "issuperset", setIssuperset);

    add(t.intType, "bit_length", intBitLength);
    add(t.floatType, "is_integer", floatIsInteger);
}

} // namespace awaitscope::script
