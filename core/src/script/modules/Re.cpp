// _re, the native half of re (modules/python/re.py is the rest): it compiles the PCRE2 pattern
// that re.py translated from Python's syntax and runs one match at a time. PCRE2's 32-bit
// library works on code points, so its offsets are Python string indices as they are.
// re.py has already checked the pattern and words every re.error; what PCRE2 still refuses
// here is an interpreter limit, reported as one.
#define PCRE2_CODE_UNIT_WIDTH 32
#include <pcre2.h>

#include "script/modules/Modules.h"
#include "script/objects/Types.h"
#include "script/objects/Unicode.h"
#include "script/vm/Interpreter.h"

#include <vector>

namespace awaitscope::script {

namespace {

// A script can never hang the app: past this many backtracking steps a match gives up with a
// RuntimeError (PCRE2's own default is ten million; a catastrophic pattern reaches that fast).
constexpr std::uint32_t kMatchLimit = 5'000'000;
constexpr std::uint32_t kDepthLimit = 100'000;

// What a search costs, in the interpreter's simple operations: measured against CPython 3.11
// (re.findall, re.sub, re.split and re.match in loops), a found match costs _sre 100-400 ns
// (its Match object, the strings it makes), a failed search little beyond its scan.
constexpr std::uint64_t kMatchOps = 40;
constexpr std::uint64_t kSearchOps = 10;

// What a search asks of PCRE2 (re.py passes these bits).
constexpr std::int64_t kAnchored = 1;         // match(): at pos only
constexpr std::int64_t kFull = 2;             // fullmatch(): at pos and up to endpos
constexpr std::int64_t kNotEmptyAtStart = 4;  // after an empty match, as _sre's must_advance

struct CompiledPattern final : TypedObject {
    explicit CompiledPattern(Value cls_) : TypedObject(std::move(cls_)) {}
    ~CompiledPattern() override {
        pcre2_match_data_free(matchData);
        pcre2_match_context_free(matchContext);
        pcre2_code_free(code);
    }
    pcre2_code* code = nullptr;
    pcre2_match_context* matchContext = nullptr;
    pcre2_match_data* matchData = nullptr;
    // The last subject, decoded: finditer, sub and split search the same string many times.
    Value subject;
    std::vector<PCRE2_UCHAR> units;

    void clearReferences() override {
        TypedObject::clearReferences();
        subject.clear();
    }
    std::size_t footprint() const override { return sizeof(CompiledPattern) + units.capacity() * sizeof(PCRE2_UCHAR); }
};

CompiledPattern* compiledPattern(Interpreter& interp, const Value& value) {
    auto* p = value.isObject() ? dynamic_cast<CompiledPattern*>(value.object()) : nullptr;
    if (!p)
        interp.typeError("expected a compiled pattern, got '" + interp.typeName(value) + "'");
    return p;
}

const std::string& textOf(Interpreter& interp, const Value& value, const char* what) {
    if (!value.is(Kind::Str))
        interp.typeError(std::string(what) + " must be str, not " + interp.typeName(value));
    return value.as<StrObject>()->text;
}

std::string pcreMessage(int code) {
    PCRE2_UCHAR buffer[256];
    const int length = pcre2_get_error_message(code, buffer, 256);
    std::string text;
    for (int i = 0; i < length; ++i)
        appendUtf8(text, buffer[i]);
    return text;
}

// compile(source, unicode): `source` is PCRE2 syntax; `unicode` makes \w, \d, \s and \b
// Unicode-aware, as a Python str pattern is unless re.ASCII is given.
Value compile(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "compile", {"source", "unicode"}, 2);
    const std::string& source = textOf(interp, a[0], "source");
    std::vector<PCRE2_UCHAR> units;
    for (std::size_t i = 0; i < source.size(); i += utf8SequenceLength(static_cast<unsigned char>(source[i])))
        units.push_back(decodeUtf8(reinterpret_cast<const unsigned char*>(source.data() + i)));
    std::uint32_t options = PCRE2_UTF | PCRE2_NO_UTF_CHECK;
    if (interp.truthy(a[1]))
        options |= PCRE2_UCP;
    pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
    // Python's ., ^ and $ know only \n as a line end.
    pcre2_set_newline(context, PCRE2_NEWLINE_LF);
    pcre2_set_bsr(context, PCRE2_BSR_UNICODE);
    int error = 0;
    PCRE2_SIZE offset = 0;
    // PCRE2 takes a null pointer for no pattern text at all, even with a length of 0.
    static const PCRE2_UCHAR kEmpty[1] = {0};
    pcre2_code* code = pcre2_compile(units.empty() ? kEmpty : units.data(), units.size(), options, &error, &offset, context);
    pcre2_compile_context_free(context);
    if (!code)
        notSupported(interp, "this regular expression (" + pcreMessage(error) + ")");
    interp.chargeOps(20 + units.size() * 2);
    auto* pattern = interp.heap().make<CompiledPattern>(args.native->data);
    Value result(pattern);
    pattern->code = code;
    pattern->matchContext = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(pattern->matchContext, kMatchLimit);
    pcre2_set_depth_limit(pattern->matchContext, kDepthLimit);
    pattern->matchData = pcre2_match_data_create_from_pattern(code, nullptr);
    return result;
}

const std::vector<PCRE2_UCHAR>& unitsOf(CompiledPattern* pattern, const Value& string) {
    if (pattern->subject.empty() || pattern->subject.object() != string.object()) {
        const std::string& text = string.as<StrObject>()->text;
        pattern->units.clear();
        pattern->units.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); i += utf8SequenceLength(static_cast<unsigned char>(text[i])))
            pattern->units.push_back(decodeUtf8(reinterpret_cast<const unsigned char*>(text.data() + i)));
        pattern->subject = string;
    }
    return pattern->units;
}

// search(pattern, string, pos, endpos, mode): None, or a tuple of 2 * (groups + 1) offsets
// (start, end of each group; -1 for a group that did not take part). pos and endpos are
// already clamped to the string by re.py.
Value search(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "search", {"pattern", "string", "pos", "endpos", "mode"}, 5);
    CompiledPattern* pattern = compiledPattern(interp, a[0]);
    textOf(interp, a[1], "string");
    const std::vector<PCRE2_UCHAR>& units = unitsOf(pattern, a[1]);
    const std::int64_t pos = a[2].asInt(), endpos = a[3].asInt(), mode = a[4].asInt();
    std::uint32_t options = PCRE2_NO_UTF_CHECK;
    if (mode & kAnchored)
        options |= PCRE2_ANCHORED;
    if (mode & kFull)
        options |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
    if (mode & kNotEmptyAtStart)
        options |= PCRE2_NOTEMPTY_ATSTART;
    // endpos works as if the string ended there, as in _sre.
    static const PCRE2_UCHAR kEmpty[1] = {0};
    const int rc = pcre2_match(pattern->code, units.empty() ? kEmpty : units.data(), static_cast<PCRE2_SIZE>(endpos), static_cast<PCRE2_SIZE>(pos),
                               options, pattern->matchData, pattern->matchContext);
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
        // Charged below the per-step budget a test may set, so the error names the pattern
        // rather than a frozen loop; CPython would spend far longer before giving an answer.
        interp.chargeOps(kMatchLimit / 100);
        interp.raise(interp.exc.runtimeError, "regular expression backtracked too much (over " +
                                                  std::to_string(kMatchLimit) +
                                                  " steps): the pattern has nested or overlapping repeats that "
                                                  "try exponentially many ways to match");
    }
    if (rc == PCRE2_ERROR_NOMATCH) {
        // _sre tries every start position from pos to endpos (fast where a literal prefix
        // lets it skip ahead, as in the common case).
        interp.chargeOps(kSearchOps + static_cast<std::uint64_t>(endpos - pos) / 16);
        return Value::none();
    }
    if (rc < 0)
        interp.raise(interp.exc.runtimeError, "regular expression failed: " + pcreMessage(rc));
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(pattern->matchData);
    const std::uint32_t pairs = pcre2_get_ovector_count(pattern->matchData);
    std::uint32_t groups = 0;
    pcre2_pattern_info(pattern->code, PCRE2_INFO_CAPTURECOUNT, &groups);
    std::vector<Value> offsets;
    offsets.reserve(2 * (groups + 1));
    for (std::uint32_t i = 0; i <= groups; ++i) {
        const bool set = i < pairs && i < static_cast<std::uint32_t>(rc) && ovector[2 * i] != PCRE2_UNSET;
        offsets.push_back(Value::integer(set ? static_cast<std::int64_t>(ovector[2 * i]) : -1));
        offsets.push_back(Value::integer(set ? static_cast<std::int64_t>(ovector[2 * i + 1]) : -1));
    }
    // Scanning up to the match is cheap; matching is a few nanoseconds a character.
    interp.chargeOps(kMatchOps + static_cast<std::uint64_t>(ovector[0] - static_cast<PCRE2_SIZE>(pos)) / 8 +
                     static_cast<std::uint64_t>(ovector[1] - ovector[0]) + 2 * groups);
    return interp.newTuple(std::move(offsets));
}

constexpr TypeSlots kPatternSlots{};

// unsupported(what): re.py's way to name a construct the interpreter does not support.
Value unsupported(Interpreter& interp, CallArgs& args) {
    ArgParser a(interp, args, "unsupported", {"what"}, 1);
    notSupported(interp, textOf(interp, a[0], "what"));
}

} // namespace

Value makeReNativeModule(Interpreter& interp) {
    ClassObject* cls = interp.makeClass("Pattern", {interp.types.object}, BuiltinType::Runtime, kPatternSlots, nullptr, "_re");
    Value module = newModule(interp, "_re");
    addValue(interp, module, "compile", interp.newNative(compile, "compile", {}, Value(cls)));
    addFunction(interp, module, "search", search);
    addFunction(interp, module, "unsupported", unsupported);
    return module;
}

} // namespace awaitscope::script
