#pragma once

// The builtin types, one file each (as CPython's Objects/): what each file offers the rest of
// the interpreter. Every install function makes its type's class (Interpreter::types), fills
// its TypeSlots and registers its methods; installTypes (Types.cpp) calls them in order.
// Adding a type is adding its file and its install line in Types.cpp; when it has an object
// struct of its own, also a Kind (objects/Value.h) and its class in Interpreter::builtinTypeOf
// (Class.cpp).
#include "script/objects/Arguments.h"
#include "script/objects/Objects.h"
#include "script/objects/TypeSlots.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace awaitscope::script {

class Interpreter;
struct ExceptionData;

void installTypes(Interpreter& interp);  // every builtin type, in order (Types.cpp)

// ---- Class.cpp: object, type, NoneType, super; building and instantiating classes
void installClassTypes(Interpreter& interp);

// ---- Instance.cpp: the instances of script classes, whose operators are their dunder methods
const TypeSlots& instanceSlots();
// object.name for `classAttr`, the attribute found on object's class: a function bound to the
// object, a static or class method unwrapped, a descriptor's __get__ asked.
void bindClassAttribute(Interpreter& interp, const Value& object, const Value& classAttr, Value& out);

// ---- Derived.cpp: script classes deriving from list, tuple or dict, whose instances are the
// builtin's own object carrying their class (DerivedParts in objects/Objects.h)
const TypeSlots& derivedSlots();
inline bool derivableBuiltin(const ClassObject* cls) {
    return cls->builtin == BuiltinType::List || cls->builtin == BuiltinType::Tuple || cls->builtin == BuiltinType::Dict;
}
// Calling such a class: its __new__ (the builtin's makes an empty list or dict, or the tuple of
// an iterable), then its __init__ when __new__ returned an instance of it.
Value instantiateDerived(Interpreter& interp, ClassObject* cls, const Value* args, int count, const TupleObject* kwNames);
// The dunder methods of list, tuple and dict (super().__setitem__, dict.__init__, tuple.__new__).
void installDerivedMethods(Interpreter& interp);
// dict[key] as dict.__getitem__ does it: a subclass's __missing__ answers a missing key.
Value dictSubscript(Interpreter& interp, const Value& dict, const Value& key);

// ---- Function.cpp: function, builtin_function_or_method, method, cell; and the
// staticmethod, classmethod and property wrappers, which are natives named so that carry
// the wrapped callable in their data
void installFunctionTypes(Interpreter& interp);
// The wrappers are natives without a function of their own, named for what they are, that
// carry the wrapped callable in `data` (and a property's setter in `self`).
inline bool isDescriptor(const Value& value, const char* kind) {  // "property", "staticmethod", "classmethod"
    if (!value.is(Kind::Native))
        return false;
    const auto* native = value.as<NativeObject>();
    return !native->fn && !native->data.empty() && std::strcmp(native->name, kind) == 0;
}
Value newDescriptor(Interpreter& interp, const char* kind, Value callable, Value setter = {});
// str.upper, list.append: a builtin method as its class hands it out, checking its receiver.
Value methodDescriptor(Interpreter& interp, const Value& method, ClassObject* owner);
Value makeProperty(Interpreter& interp, const char* name, NativeFn getter);  // a read-only property of a builtin

// ---- Module.cpp
void installModuleType(Interpreter& interp);
Value newModule(Interpreter& interp, const char* name);
void addFunction(Interpreter& interp, const Value& module, const char* name, NativeFn fn);
void addValue(Interpreter& interp, const Value& module, const char* name, Value value);

// ---- Int.cpp: int and bool
void installIntTypes(Interpreter& interp);
// a OP b for two int-like values (Interpreter::binary comes here directly).
Value intBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace);

// ---- BigInt.cpp: ints past int64 (what computes with them includes objects/BigInt.h)
// The int an integer literal's text names ("123", "0x1f"), of any size.
Value integerFromLiteral(Interpreter& interp, const std::string& text);

// ---- Operations.cpp
// Two numbers (int, bool or float) compared exactly, as CPython compares an int with a float
// (a double holds every int only up to 2**53): -1, 0 or 1, and 2 when either is a NaN.
int compareNumbers(const Value& a, const Value& b);

// ---- Float.cpp
void installFloatType(Interpreter& interp);
// a OP b for two numbers, one of them a float (Interpreter::binary comes here directly).
Value floatBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace);
// Python's floor division and modulo for floats.
void floatDivmod(double a, double b, double& div, double& mod);

// ---- Str.cpp
void installStrType(Interpreter& interp);
std::string quoteString(const std::string& text);  // repr of a str
bool isAsciiSpace(unsigned char c);  // what split() and strip() drop by default in str and bytes
// str.split/rsplit and bytes.split/rsplit on the bytes of `s`: by `sep`, or (null) by runs of
// whitespace with whitespace at either end dropped; at most `maxsplit` splits (< 0: no limit).
std::vector<std::string> splitText(const std::string& s, const std::string* sep, std::int64_t maxsplit, bool fromRight);

// ---- Bytes.cpp: bytes and bytearray, the codecs of str.encode and bytes.decode, and
// int.to_bytes / int.from_bytes
void installBytesTypes(Interpreter& interp);
Value newBytes(Interpreter& interp, std::string bytes, bool array = false);
inline bool isBytesLike(const Value& value) { return value.is(Kind::Bytes) || value.is(Kind::ByteArray); }
const std::string& bytesData(const Value& bytesLike);
// str.encode and bytes.decode: Empty encoding or errors mean 'utf-8' and 'strict'.
Value encodeText(Interpreter& interp, const Value& text, const Value& encoding, const Value& errors);
Value decodeBytes(Interpreter& interp, const Value& bytes, const Value& encoding, const Value& errors);
Value bytesPercentFormat(Interpreter& interp, const Value& format, const Value& values);  // bytes % values
// A UnicodeDecodeError's or UnicodeEncodeError's encoding, object, start, end and reason, from its args.
void setUnicodeErrorAttributes(Interpreter& interp, const Value& error);

// ---- Format.cpp: format specs, str.format, % formatting and the repr of floats
std::string floatRepr(double value);
std::string formatFields(Interpreter& interp, const std::string& fmt, CallArgs& args);  // str.format
Value percentFormat(Interpreter& interp, const Value& format, const Value& values);    // str % values

// ---- Sequence.cpp: what list and tuple share
const std::vector<Value>& sequenceItems(const Value& listOrTuple);
bool sequenceEquals(Interpreter& interp, const Value& a, const Value& b);
Value sequenceCompare(Interpreter& interp, CompareOp op, const Value& a, const Value& b);
int sequenceContains(Interpreter& interp, const Value& container, const Value& item);
std::string sequenceRepr(Interpreter& interp, const Value& value);
Value sequenceGetItem(Interpreter& interp, const Value& object, const Value& index);
Value sequenceIndex(Interpreter& interp, CallArgs& args, const std::vector<Value>& items, const char* what);
Value sequenceCount(Interpreter& interp, CallArgs& args, const std::vector<Value>& items);
Value sequenceIter(Interpreter& interp, const Value& listOrTuple);

// ---- List.cpp
void installListType(Interpreter& interp);
// The key= and reverse= keywords of list.sort and sorted.
struct SortOptions {
    Value key;
    bool reverse = false;
};
SortOptions sortKeywords(Interpreter& interp, CallArgs& args);
// Stable, with key and reverse as CPython does them.
void sortValues(Interpreter& interp, std::vector<Value>& items, const SortOptions& options);

// ---- Tuple.cpp
void installTupleType(Interpreter& interp);

// ---- Dict.cpp: dict and its keys, values and items views
void installDictTypes(Interpreter& interp);

// ---- Set.cpp
void installSetType(Interpreter& interp);

// ---- Range.cpp
void installRangeType(Interpreter& interp);
// The item at `position` (in range) of a range, for its iterator past int64 (IteratorKind::LongRange).
Value rangeItem(Interpreter& interp, const Value& range, std::int64_t position);
// reversed(range): the iterator of the range counting down, of any size.
Value rangeReversed(Interpreter& interp, const Value& range);

// ---- Slice.cpp: slices, and what a subscript selects
void installSliceType(Interpreter& interp);
// The position `index` names in a sequence of `length` items, negative indices counting from
// the end; IndexError(message) when it is outside.
std::int64_t itemIndex(Interpreter& interp, std::int64_t index, std::int64_t length, const char* message);
// PySlice_AdjustIndices: the indices a slice selects in a sequence of `length`.
struct SliceRange {
    std::int64_t start, stop, step, count;
};
SliceRange adjustSlice(Interpreter& interp, const SliceObject* slice, std::int64_t length);

// ---- Iterator.cpp: the iterators of the builtin types, enumerate, zip, reversed, map, filter
void installIteratorTypes(Interpreter& interp);
Value newIterator(Interpreter& interp, IteratorKind kind, Value source);
bool iteratorNext(Interpreter& interp, const Value& iterator, Value& out);

// ---- Generator.cpp
void installGeneratorType(Interpreter& interp);

// ---- AsyncGenerator.cpp: async generators, aiter() and anext()
void installAsyncGeneratorType(Interpreter& interp);
// What `async for` and aiter() iterate: __aiter__ of `iterable` (raises TypeError as CPython).
Value asyncIterator(Interpreter& interp, const Value& iterable, bool forStatement);
// The awaitable of the next item: __anext__ of `iterator`.
Value asyncNext(Interpreter& interp, const Value& iterator, bool forStatement);

// ---- Coroutine.cpp: script coroutines and asyncio's own (sleep, Lock.acquire, ...)
void installCoroutineType(Interpreter& interp);
enum class AsyncGenAction : std::uint8_t { Send, Throw, Close };
// One step of an async generator as a coroutine (its asend, athrow or aclose): it runs the
// frame until the next `yield`, awaiting on the runtime whatever the body awaits.
Value asyncGeneratorStep(Interpreter& interp, const Value& generator, AsyncGenAction action, Value argument);
// anext(iterator, default): `awaitable`'s result, or `fallback` when it raises StopAsyncIteration.
Value awaitOrDefault(Interpreter& interp, Value awaitable, Value fallback);

// ---- Class.cpp: the members of `int | None` (a types.UnionType), or null for anything else
const std::vector<Value>* unionMembers(const Interpreter& interp, const Value& value);
// ---- Class.cpp: the class a `list[int]` (a types.GenericAlias) stands for, or null
const GenericAliasObject* genericAlias(const Interpreter& interp, const Value& value);

// ---- Exception.cpp: the exception classes and what their instances answer
void installExceptions(Interpreter& interp);
std::string exceptionRepr(Interpreter& interp, const Value& exception);
// except*'s split of a group by a clause's exception types: the match (None when nothing matched);
// `rest` gets the remainder (None when all matched). objects/Exception.cpp.
Value splitExceptionGroup(Interpreter& interp, const Value& group, const Value& type, Value& rest);
// What except* raises again: `original` cut down to the leaves of `keep`, with its nesting
// and through its derive() (CPython's exception_group_projection); always a new group.
Value projectExceptionGroup(Interpreter& interp, const Value& original, const std::vector<Value>& keep);
std::string exceptionStr(Interpreter& interp, const Value& exception);
bool exceptionAttribute(ExceptionData& data, const std::string& name, Value& out);
bool setExceptionAttribute(Interpreter& interp, ExceptionData& data, const std::string& name, Value& value);

// ---- Operations.cpp: shared by the types' slots
// TypeError: the operator does not apply to these operands.
[[noreturn]] void unsupportedOperands(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool inplace);
std::size_t unhashable(Interpreter& interp, const Value& value);  // raises TypeError
inline std::size_t identityHash(const Value& value) { return reinterpret_cast<std::size_t>(value.object()) >> 4; }
std::string pointerText(const void* p);  // 0x7f..., as CPython prints addresses
// The count of a sequence repetition (seq * n): 0 for a negative one, TypeError for a non-int
// and CPython's OverflowError for an int past int64.
std::int64_t repeatCount(Interpreter& interp, const Value& count);

} // namespace awaitscope::script
