// Formatting as CPython does it: repr(float) is the shortest string that reads back to the
// same double; format specs follow the format-spec mini-language (format(), f-strings);
// str.format fields and printf-style % formatting build on them.
#include "script/modules/Modules.h"
#include "script/objects/BigInt.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace awaitscope::script {

namespace {

struct Spec {
    std::string fill = " ";  // one code point (UTF-8)
    char align = 0;
    char sign = 0;
    bool alternate = false;
    bool zeroPad = false;
    int width = -1;
    char grouping = 0;
    int precision = -1;
    char type = 0;
};

bool parseSpec(std::string_view text, Spec& spec) {
    std::size_t i = 0;
    auto isAlign = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    if (!text.empty()) {
        const std::size_t first = std::min(utf8SequenceLength(static_cast<unsigned char>(text[0])), text.size());
        if (text.size() > first && isAlign(text[first])) {
            spec.fill = std::string(text.substr(0, first));
            spec.align = text[first];
            i = first + 1;
        } else if (isAlign(text[0])) {
            spec.align = text[0];
            i = 1;
        }
    }
    if (i < text.size() && (text[i] == '+' || text[i] == '-' || text[i] == ' '))
        spec.sign = text[i++];
    if (i < text.size() && text[i] == 'z')
        ++i;
    if (i < text.size() && text[i] == '#') {
        spec.alternate = true;
        ++i;
    }
    if (i < text.size() && text[i] == '0') {
        spec.zeroPad = true;
        ++i;
    }
    if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        spec.width = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            spec.width = spec.width * 10 + (text[i++] - '0');
            if (spec.width > 100000)
                return false;
        }
    }
    if (i < text.size() && (text[i] == ',' || text[i] == '_'))
        spec.grouping = text[i++];
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
        spec.precision = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            spec.precision = spec.precision * 10 + (text[i++] - '0');
            if (spec.precision > 10000)
                return false;
        }
    }
    if (i < text.size())
        spec.type = text[i++];
    return i == text.size();
}

// Inserts `separator` every `every` digits of the integer part of a number string.
std::string group(const std::string& digits, char separator, int every) {
    std::size_t end = digits.find_first_not_of("0123456789abcdefABCDEF");
    if (end == std::string::npos)
        end = digits.size();
    const std::string integer = digits.substr(0, end);
    std::string out;
    const int n = static_cast<int>(integer.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % every == 0)
            out += separator;
        out += integer[static_cast<std::size_t>(i)];
    }
    return out + digits.substr(end);
}

// Joins pieces with append (GCC 12 -O3 misreports operator+ chains under -Wrestrict).
std::string join(std::initializer_list<std::string_view> pieces) {
    std::size_t size = 0;
    for (std::string_view piece : pieces)
        size += piece.size();
    std::string out;
    out.reserve(size);
    for (std::string_view piece : pieces)
        out.append(piece);
    return out;
}

// Pads `body` (after the sign/prefix) to the spec's width.
std::string pad(const std::string& sign, const std::string& body, const Spec& spec, char defaultAlign) {
    std::string fill = spec.fill;
    char align = spec.align ? spec.align : defaultAlign;
    if (spec.zeroPad && !spec.align) {
        fill = "0";
        align = '=';
    }
    const std::size_t length = countCodePoints(sign) + countCodePoints(body);
    if (spec.width < 0 || length >= static_cast<std::size_t>(spec.width))
        return join({sign, body});
    const std::size_t padding = static_cast<std::size_t>(spec.width) - length;
    auto repeat = [&](std::size_t n) {
        std::string out;
        for (std::size_t k = 0; k < n; ++k)
            out.append(fill);
        return out;
    };
    switch (align) {
    case '<': return join({sign, body, repeat(padding)});
    case '^': return join({repeat(padding / 2), sign, body, repeat(padding - padding / 2)});
    case '=': return join({sign, repeat(padding), body});
    default: return join({repeat(padding), sign, body});
    }
}

std::string signOf(bool negative, const Spec& spec) {
    if (negative)
        return "-";
    if (spec.sign == '+')
        return "+";
    if (spec.sign == ' ')
        return " ";
    return "";
}

} // namespace

std::string floatRepr(double value) {
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    (void)ec;
    std::string text(buffer, end);
    bool negative = false;
    std::size_t at = 0;
    if (text[0] == '-') {
        negative = true;
        at = 1;
    }
    const std::size_t e = text.find('e');
    std::string digits;
    for (std::size_t i = at; i < e; ++i)
        if (text[i] != '.')
            digits += text[i];
    const int exponent = std::atoi(text.c_str() + e + 1);
    std::string out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out += "0.";
            out.append(static_cast<std::size_t>(-exponent - 1), '0');
            out += digits;
        } else {
            const std::size_t intDigits = static_cast<std::size_t>(exponent) + 1;
            if (digits.size() <= intDigits) {
                out += digits;
                out.append(intDigits - digits.size(), '0');
                out += ".0";
            } else {
                out += digits.substr(0, intDigits);
                out += '.';
                out += digits.substr(intDigits);
            }
        }
        return out;
    }
    out += digits[0];
    if (digits.size() > 1) {
        out += '.';
        out += digits.substr(1);
    }
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp;
}

std::string Interpreter::format(const Value& value, std::string_view specText) {
    const bool isBool = value.isBool();
    if (specText.empty())
        return toStr(value);
    Spec spec;
    const char* typeName = value.isFloat() ? "float" : value.isInteger() ? (isBool ? "bool" : "int") : "str";
    if (!value.isNumber() && !value.isBigInt() && !value.is(Kind::Str)) {
        if (value.is(Kind::Instance)) {
            Value method = lookupClass(value.as<InstanceObject>()->klass(), intern("__format__"));
            if (!method.empty()) {
                Value args[] = {value, str(std::string(specText))};
                Value result = call(method, args, 2);
                if (!result.is(Kind::Str))
                    typeError("__format__ must return a str, not " + this->typeName(result));
                return result.as<StrObject>()->text;
            }
        }
        typeError("unsupported format string passed to " + this->typeName(value) + ".__format__");
    }
    if (!parseSpec(specText, spec))
        valueError("Invalid format specifier '" + std::string(specText) + "' for object of type '" + typeName + "'");

    if (value.is(Kind::Str)) {
        if (spec.type && spec.type != 's')
            valueError(std::string("Unknown format code '") + spec.type + "' for object of type 'str'");
        if (spec.sign)
            valueError("Sign not allowed in string format specifier");
        if (spec.align == '=')
            valueError("'=' alignment not allowed in string format specifier");
        if (spec.grouping)
            valueError(std::string("Cannot specify '") + spec.grouping + "' with 's'.");
        std::string text = value.as<StrObject>()->text;
        if (spec.precision >= 0 && countCodePoints(text) > static_cast<std::size_t>(spec.precision)) {
            std::size_t bytes = 0;
            for (int k = 0; k < spec.precision && bytes < text.size(); ++k)
                bytes += utf8SequenceLength(static_cast<unsigned char>(text[bytes]));
            text.resize(std::min(bytes, text.size()));
        }
        if (spec.zeroPad && !spec.align)
            spec.align = '<';
        return pad("", text, spec, '<');
    }

    const bool intType = spec.type == 0 || spec.type == 'd' || spec.type == 'b' || spec.type == 'o' ||
                         spec.type == 'x' || spec.type == 'X' || spec.type == 'c' || spec.type == 'n';
    if (value.isInteger() && intType) {
        if (spec.precision >= 0)
            valueError("Precision not allowed in integer format specifier");
        const bool negative = integerSign(value) < 0;
        std::string digits;
        std::string prefix;
        int base = 10;
        switch (spec.type) {
        case 'b': base = 2; prefix = "0b"; break;
        case 'o': base = 8; prefix = "0o"; break;
        case 'x': base = 16; prefix = "0x"; break;
        case 'X': base = 16; prefix = "0X"; break;
        case 'c': {
            if (value.isBigInt() || value.asInt() < 0 || value.asInt() > 0x10FFFF)
                raise(exc.overflowError, "%c arg not in range(0x110000)");
            std::string ch;
            appendUtf8(ch, static_cast<std::uint32_t>(value.asInt()));
            return pad("", ch, spec, '<');
        }
        default: break;
        }
        digits = integerDigits(*this, value, base);
        const std::string rawDigits = digits;
        if (spec.type == 'X')
            for (char& c : digits)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (spec.grouping) {
            if (spec.grouping == ',' && base != 10)
                valueError(std::string("Cannot specify ',' with '") + spec.type + "'.");
            digits = group(digits, spec.grouping, base == 10 ? 3 : 4);
        }
        const std::string sign = signOf(negative, spec) + (spec.alternate ? prefix : "");
        if (spec.zeroPad && !spec.align && spec.grouping && spec.width > 0) {
            // Zero padding keeps the grouping going, as CPython does.
            std::string raw = rawDigits;
            while (countCodePoints(sign) + countCodePoints(digits) < static_cast<std::size_t>(spec.width)) {
                raw = "0" + raw;
                digits = group(raw, spec.grouping, base == 10 ? 3 : 4);
            }
            return sign + digits;
        }
        return pad(sign, digits, spec, '>');
    }

    // Floats (and ints formatted with a float type).
    if (!value.isNumber() && !value.isBigInt())
        typeError("unsupported format string");
    if (value.isFloat() && intType && spec.type != 0)
        valueError(std::string("Unknown format code '") + spec.type + "' for object of type 'float'");
    double v = toDouble(value, "format");
    const bool negative = std::signbit(v) && !std::isnan(v);
    const double magnitude = std::fabs(v);
    std::string body;
    char type = spec.type;
    if (std::isinf(magnitude) || std::isnan(magnitude)) {
        body = std::isnan(magnitude) ? "nan" : "inf";
        if (type == 'E' || type == 'F' || type == 'G')
            for (char& c : body)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (type == '%')
            body += '%';
    } else if (type == 0 && spec.precision < 0) {
        body = floatRepr(magnitude);
    } else {
        const int precision = spec.precision < 0 ? 6 : spec.precision;
        std::vector<char> buffer(static_cast<std::size_t>(precision) + 400);
        auto print = [&](const char* conversion, double x) {
            std::string fmt = std::string("%") + (spec.alternate ? "#" : "") + "." + std::to_string(precision) + conversion;
            std::snprintf(buffer.data(), buffer.size(), fmt.c_str(), x);
            return std::string(buffer.data());
        };
        switch (type) {
        case 'f':
        case 'F': body = print(type == 'f' ? "f" : "F", magnitude); break;
        case 'e':
        case 'E': body = print(type == 'e' ? "e" : "E", magnitude); break;
        case 'g':
        case 'G':
        case 'n': body = print(type == 'G' ? "G" : "g", magnitude); break;
        case '%': body = print("f", magnitude * 100) + "%"; break;
        case 0: {
            body = print("g", magnitude);
            if (body.find_first_of(".e") == std::string::npos)
                body += ".0";
            // Python's general format never switches to exponent form only for width; keep C's choice.
            if (precision == 0 && body.find('e') == std::string::npos && body.find('.') == std::string::npos)
                body += ".0";
            break;
        }
        default:
            valueError(std::string("Unknown format code '") + type + "' for object of type '" + typeName + "'");
        }
    }
    if (spec.grouping && !(std::isinf(magnitude) || std::isnan(magnitude)))
        body = group(body, spec.grouping, 3);
    return pad(signOf(negative, spec), body, spec, '>');
}

namespace {

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

} // namespace

std::string formatFields(Interpreter& interp, const std::string& fmt, CallArgs& args) {
    int autoIndex = 0;
    bool manual = false;
    return formatFields(interp, fmt, args, autoIndex, manual, 0);
}

// "%s is %d years" % (name, age): printf-style formatting.
Value percentFormat(Interpreter& interp, const Value& format, const Value& values) {
    const std::string& fmt = format.as<StrObject>()->text;
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
            // An int's enum member (IntEnum, class Level(int, Enum)) formats as its value.
            if (const Value stands = enumMemberValue(interp, value); !stands.empty())
                value = stands;
            if (!value.isNumber() && !value.isBigInt())
                interp.typeError(std::string("%") + type + " format: a real number is required, not " + interp.typeName(value));
            Value integer = value.isFloat() ? integerFromDouble(interp, std::trunc(value.asFloat()))
                            : value.isBigInt() ? value
                                               : Value::integer(value.asInt());
            piece = interp.format(integer, (left ? "<" : "") + sign + (zero ? "0" : "") + width);
            width.clear();
            break;
        }
        case 'x':
        case 'X':
        case 'o': {
            if (!value.isInteger())
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
            if (!value.isNumber() && !value.isBigInt())
                interp.typeError(std::string("must be real number, not ") + interp.typeName(value));
            piece = interp.format(Value::real(interp.toDouble(value, "format")), (left ? "<" : "") + sign + (zero ? "0" : "") + width +
                                                                     (precision.empty() ? ".6" : precision) + std::string(1, type));
            width.clear();
            break;
        }
        case 'c':
            if (value.is(Kind::Str))
                piece = value.as<StrObject>()->text;
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
            const std::size_t length = countCodePoints(piece);
            if (length < w)
                piece = left ? piece + std::string(w - length, ' ') : std::string(w - length, ' ') + piece;
        }
        out += piece;
    }
    if (next < positional.size() && !mapping)
        interp.typeError("not all arguments converted during string formatting");
    return interp.str(std::move(out));
}

} // namespace awaitscope::script
