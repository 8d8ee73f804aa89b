// Printing numbers exactly as CPython does: repr(float) is the shortest string that reads
// back to the same double, and format specs follow the format-spec mini-language.
#include "script/vm/Interpreter.h"

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

std::size_t codePoints(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++count;
    return count;
}

std::size_t utf8Length(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 6)
        return 2;
    if ((lead >> 4) == 14)
        return 3;
    return 4;
}

bool parseSpec(std::string_view text, Spec& spec) {
    std::size_t i = 0;
    auto isAlign = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    if (!text.empty()) {
        const std::size_t first = std::min(utf8Length(static_cast<unsigned char>(text[0])), text.size());
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
    const std::size_t length = codePoints(sign) + codePoints(body);
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

std::string Interpreter::floatRepr(double value) {
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
    const char* typeName = value.isFloat() ? "float" : value.isIntLike() ? (isBool ? "bool" : "int") : "str";
    if (!value.isNumber() && !value.is(Kind::Str)) {
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
        if (spec.precision >= 0 && codePoints(text) > static_cast<std::size_t>(spec.precision)) {
            std::size_t bytes = 0;
            for (int k = 0; k < spec.precision && bytes < text.size(); ++k)
                bytes += utf8Length(static_cast<unsigned char>(text[bytes]));
            text.resize(std::min(bytes, text.size()));
        }
        if (spec.zeroPad && !spec.align)
            spec.align = '<';
        return pad("", text, spec, '<');
    }

    const bool intType = spec.type == 0 || spec.type == 'd' || spec.type == 'b' || spec.type == 'o' ||
                         spec.type == 'x' || spec.type == 'X' || spec.type == 'c' || spec.type == 'n';
    if (value.isIntLike() && intType) {
        if (spec.precision >= 0)
            valueError("Precision not allowed in integer format specifier");
        const std::int64_t v = value.asInt();
        const bool negative = v < 0;
        const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        std::string digits;
        std::string prefix;
        int base = 10;
        switch (spec.type) {
        case 'b': base = 2; prefix = "0b"; break;
        case 'o': base = 8; prefix = "0o"; break;
        case 'x': base = 16; prefix = "0x"; break;
        case 'X': base = 16; prefix = "0X"; break;
        case 'c': {
            if (v < 0 || v > 0x10FFFF)
                raise(exc.overflowError, "%c arg not in range(0x110000)");
            std::string ch;
            const auto cp = static_cast<std::uint32_t>(v);
            if (cp < 0x80) {
                ch += static_cast<char>(cp);
            } else if (cp < 0x800) {
                ch += static_cast<char>(0xC0 | (cp >> 6));
                ch += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                ch += static_cast<char>(0xE0 | (cp >> 12));
                ch += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                ch += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                ch += static_cast<char>(0xF0 | (cp >> 18));
                ch += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                ch += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                ch += static_cast<char>(0x80 | (cp & 0x3F));
            }
            return pad("", ch, spec, '<');
        }
        default: break;
        }
        char buffer[80];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, magnitude, base);
        (void)ec;
        digits.assign(buffer, end);
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
            std::string raw(buffer, end);
            while (codePoints(sign) + codePoints(digits) < static_cast<std::size_t>(spec.width)) {
                raw = "0" + raw;
                digits = group(raw, spec.grouping, base == 10 ? 3 : 4);
            }
            return sign + digits;
        }
        return pad(sign, digits, spec, '>');
    }

    // Floats (and ints formatted with a float type).
    if (!value.isNumber())
        typeError("unsupported format string");
    if (value.isFloat() && intType && spec.type != 0)
        valueError(std::string("Unknown format code '") + spec.type + "' for object of type 'float'");
    double v = value.toDouble();
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

} // namespace awaitscope::script
