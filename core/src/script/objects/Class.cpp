// Classes: `type` (what a value's class is, lookup along the method resolution order,
// building a script's classes and calling them), `object`, NoneType and super.
#include "script/objects/Awaitables.h"
#include "script/objects/Types.h"
#include "script/vm/CostModel.h"
#include "script/vm/Interpreter.h"

#include <algorithm>

namespace awaitscope::script {

const std::string& ClassObject::nameText() const { return name.as<StrObject>()->text; }

namespace {

// C3 linearization. For an inconsistent hierarchy, `conflict` (when given) gets the classes
// that could not be ordered, as CPython names them, and the result is empty; without it the
// built-in hierarchies fall back to depth-first order.
std::vector<Value> linearize(const Value& cls, const std::vector<Value>& bases, std::vector<Value>* conflict = nullptr) {
    std::vector<std::vector<Value>> sequences;
    for (const Value& base : bases)
        sequences.push_back(base.as<ClassObject>()->mro);
    sequences.push_back(bases);
    std::vector<Value> result{cls};
    while (true) {
        sequences.erase(std::remove_if(sequences.begin(), sequences.end(), [](auto& s) { return s.empty(); }),
                        sequences.end());
        if (sequences.empty())
            return result;
        Value candidate;
        for (auto& sequence : sequences) {
            const Value& head = sequence.front();
            const bool inTail = std::any_of(sequences.begin(), sequences.end(), [&](auto& other) {
                return std::find_if(other.begin() + 1, other.end(),
                                    [&](const Value& v) { return v.identical(head); }) != other.end();
            });
            if (!inTail) {
                candidate = head;
                break;
            }
        }
        if (candidate.empty()) {
            if (conflict) {
                for (auto& sequence : sequences)
                    if (std::none_of(conflict->begin(), conflict->end(),
                                     [&](const Value& seen) { return seen.identical(sequence.front()); }))
                        conflict->push_back(sequence.front());
                return {};
            }
            for (auto& sequence : sequences)
                for (const Value& v : sequence)
                    if (std::none_of(result.begin(), result.end(), [&](const Value& r) { return r.identical(v); }))
                        result.push_back(v);
            return result;
        }
        result.push_back(candidate);
        for (auto& sequence : sequences)
            if (sequence.front().identical(candidate))
                sequence.erase(sequence.begin());
    }
}

} // namespace

ClassObject* Interpreter::makeClass(const std::string& name, std::vector<ClassObject*> bases, BuiltinType builtin,
                                    const TypeSlots& slots, NativeFn construct, const char* module) {
    auto* cls = heap_.make<ClassObject>();
    Value keep(cls);
    internedKeep_.push_back(keep);
    cls->name = intern(name);
    cls->module = intern(module);
    cls->dict = newDict();
    cls->builtin = builtin;
    cls->construct = construct;
    cls->slots = &slots;
    for (ClassObject* base : bases) {
        cls->bases.emplace_back(base);
        if (base->isException)
            cls->isException = true;
    }
    cls->mro = linearize(keep, cls->bases);
    return cls;
}

void Interpreter::addMethod(ClassObject* cls, const char* name, NativeFn fn) {
    auto* native = heap_.make<NativeObject>(fn, name);
    native->method = true;
    dictSetStr(cls->dict.as<DictObject>(), name, Value(native));
}

ClassObject* Interpreter::builtinTypeOf(const Value& value) const {
    switch (value.tag()) {
    case Value::Tag::Empty:
    case Value::Tag::None: return types.noneType;
    case Value::Tag::Bool: return types.boolType;
    case Value::Tag::Int: return types.intType;
    case Value::Tag::Float: return types.floatType;
    case Value::Tag::Object: break;
    }
    switch (value.object()->kind()) {
    case Kind::Str: return types.strType;
    case Kind::Bytes: return types.bytesType;
    case Kind::ByteArray: return types.byteArrayType;
    case Kind::BigInt: return types.intType;
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict:
        if (const DerivedParts* parts = derivedParts(value))
            return parts->cls.as<ClassObject>();
        return value.is(Kind::List) ? types.listType : value.is(Kind::Tuple) ? types.tupleType : types.dictType;
    case Kind::Set: return static_cast<const SetObject*>(value.object())->frozen ? types.frozensetType : types.setType;
    case Kind::Range: return types.rangeType;
    case Kind::Slice: return types.sliceType;
    case Kind::Cell: return types.cellType;
    case Kind::Function: return types.functionType;
    case Kind::Native: return types.builtinFunctionType;
    case Kind::BoundMethod: return types.methodType;
    case Kind::Class: return types.type;
    case Kind::Instance: return value.as<InstanceObject>()->klass();
    case Kind::Module: return types.moduleType;
    case Kind::Super: return types.superType;
    case Kind::Iterator: {
        auto* it = value.as<IteratorObject>();
        if (it->view) {
            if (it->iterKind == IteratorKind::DictKeys)
                return types.dictKeysType;
            if (it->iterKind == IteratorKind::DictValues)
                return types.dictValuesType;
            return types.dictItemsType;
        }
        return types.iteratorTypes[static_cast<int>(it->iterKind)];
    }
    case Kind::Generator: return types.generatorType;
    case Kind::AsyncGenerator: return types.asyncGeneratorType;
    case Kind::Coroutine:
        if (ClassObject* type = value.as<CoroutineObject>()->nativeType)
            return type;
        return types.coroutineType;
    case Kind::Sleep:
    case Kind::Op: return types.coroutineType;
    case Kind::Task: return types.taskType;
    case Kind::Future: return value.as<FutureObject>()->cls ? value.as<FutureObject>()->cls : types.futureType;
    case Kind::Runtime:
        if (ClassObject* cls = value.as<RuntimeObject>()->subclass)
            return cls;
        switch (value.as<RuntimeObject>()->runtimeKind) {
        case RuntimeKind::Event: return types.eventType;
        case RuntimeKind::Lock: return types.lockType;
        case RuntimeKind::Semaphore: return types.semaphoreType;
        case RuntimeKind::Queue: return types.queueType;
        case RuntimeKind::TaskGroup: return types.taskGroupType;
        case RuntimeKind::Timeout: return types.timeoutType;
        case RuntimeKind::Loop: return types.loopType;
        case RuntimeKind::AsCompleted: return types.asCompletedType;
        case RuntimeKind::Stream: return types.streamType;
        case RuntimeKind::Condition: return types.conditionType;
        case RuntimeKind::Handle: return types.handleType;
        case RuntimeKind::Typed: return value.as<TypedObject>()->cls.as<ClassObject>();
        }
    }
    return types.object;
}

const std::string& Interpreter::typeName(const Value& value) const { return typeOf(value)->nameText(); }

bool Interpreter::isSubclass(const ClassObject* cls, const ClassObject* base) {
    if (cls == base)
        return true;
    for (const Value& entry : cls->mro)
        if (entry.object() == base)
            return true;
    return false;
}

bool Interpreter::isInstance(const Value& value, const ClassObject* cls) const { return isSubclass(typeOf(value), cls); }

Value Interpreter::lookupClass(const ClassObject* cls, const Value& name) const {
    const auto* key = name.as<StrObject>();
    for (const Value& entry : cls->mro) {
        auto* dict = entry.as<ClassObject>()->dict.as<DictObject>();
        if (Value* found = dict->table.lookup(name, key->hash()))
            return *found;
    }
    return {};
}

Value Interpreter::buildClass(const Value& bodyFunction, const Value& name, const Value& bases) {
    auto* function = bodyFunction.as<FunctionObject>();
    Value ns = newDict();
    Frame* frame = newFrame(function->code, bodyFunction, function->globals);
    frame->localsDict = ns;
    frame->awaiter = current_;  // a class statement in a library function: the script line is the caller's
    Value* cells = frame->cells();
    for (std::size_t i = 0; i < function->code->cellNames.size(); ++i)
        cells[i] = Value(heap_.make<CellObject>());
    for (std::size_t i = 0; i < function->closure.size(); ++i)
        cells[function->code->cellNames.size() + i] = function->closure[i];
    Value ignored;
    try {
        execute(frame, {}, false, ignored);
    } catch (...) {
        freeFrame(frame);
        throw;
    }
    freeFrame(frame);

    std::vector<ClassObject*> baseClasses;
    std::vector<Value> written;
    for (const Value& each : bases.as<TupleObject>()->items) {
        // class Rows(list[int]) derives from list, as CPython's __mro_entries__ makes it.
        const GenericAliasObject* alias = genericAlias(*this, each);
        written.push_back(alias ? alias->origin : each);
    }
    for (const Value& base : written) {
        if (!base.is(Kind::Class))
            typeError("bases must be types");
        auto* cls = base.as<ClassObject>();
        if (cls->builtin != BuiltinType::None && cls->builtin != BuiltinType::Object &&
            cls->builtin != BuiltinType::Exception && !derivableBuiltin(cls)) {
            // A builtin type mixed into a class that offers a stand-in for it (Enum's for str
            // and int: class Role(str, Enum)) is replaced by the stand-in.
            Value standIn;
            for (const Value& other : written)
                if (other.is(Kind::Class) && !other.identical(base))
                    if (Value mixins = lookupClass(other.as<ClassObject>(), intern("_awaitscope_mixins_")); mixins.is(Kind::Dict))
                        if (Value* found = dictLookup(mixins.as<DictObject>(), base); found && standIn.empty())
                            standIn = *found;
            if (standIn.empty())
                typeError("Awaitscope does not support subclassing the built-in type '" + cls->nameText() + "'");
            cls = standIn.as<ClassObject>();
        }
        baseClasses.push_back(cls);
    }
    // One object holds one builtin's storage: list, tuple, dict and the exceptions' do not mix.
    ClassObject* storage = nullptr;
    bool exceptionLayout = false;
    for (ClassObject* base : baseClasses) {
        ClassObject* layout = derivableBuiltin(base) ? base : base->storage;
        exceptionLayout = exceptionLayout || base->isException;
        if (layout && storage && layout != storage)
            typeError("multiple bases have instance lay-out conflict");
        if (layout)
            storage = layout;
    }
    if (storage && exceptionLayout)
        typeError("multiple bases have instance lay-out conflict");
    if (baseClasses.empty())
        baseClasses.push_back(types.object);
    auto* cls = heap_.make<ClassObject>();
    Value result(cls);
    cls->name = name;
    // The module whose code made the class, as CPython's class body reads __name__ from its
    // globals: a library module's classes print as <class 'collections.OrderedDict'>.
    const Value moduleName = function->globals.is(Kind::Dict) ? dictGetStr(function->globals.as<DictObject>(), "__name__") : Value();
    cls->module = moduleName.is(Kind::Str) ? moduleName : intern("__main__");
    if (const Value own = dictGetStr(ns.as<DictObject>(), "__module__"); own.is(Kind::Str))
        cls->module = own;  // the body's own __module__ = '...' wins, as it does in CPython
    cls->dict = ns;
    // The compiler's text of each annotation (objects/Objects.h), not a class attribute.
    const Value textsKey = intern("__annotation_texts__");
    cls->annotationTexts = ns.as<DictObject>()->table.remove(textsKey, hash(textsKey));
    for (ClassObject* base : baseClasses) {
        cls->bases.emplace_back(base);
        if (base->isException)
            cls->isException = true;
    }
    cls->builtin = cls->isException ? BuiltinType::Exception : BuiltinType::None;
    cls->storage = storage;
    cls->slots = storage ? &derivedSlots() : &instanceSlots();
    for (std::size_t i = 0; i < cls->bases.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (cls->bases[i].identical(cls->bases[j]))
                typeError("duplicate base class " + cls->bases[i].as<ClassObject>()->nameText());
    std::vector<Value> conflict;
    cls->mro = linearize(result, cls->bases, &conflict);
    if (!conflict.empty()) {
        std::string names;
        for (const Value& each : conflict)
            names += (names.empty() ? "" : ", ") + each.as<ClassObject>()->nameText();
        typeError("Cannot create a consistent method resolution\norder (MRO) for bases " + names);
    }
    const Value newName = intern("__new__");
    for (auto& entry : ns.as<DictObject>()->table.entries()) {
        if (entry.value.is(Kind::Function)) {
            entry.value.as<FunctionObject>()->definingClass = result;
            // __new__ is a static method without the decorator, as in CPython.
            if (entry.key.identical(newName))
                entry.value = newDescriptor(*this, "staticmethod", entry.value);
        } else if (entry.value.is(Kind::Native) && entry.value.as<NativeObject>()->data.is(Kind::Function))
            entry.value.as<NativeObject>()->data.as<FunctionObject>()->definingClass = result;
    }
    // A base's __init_subclass__ (implicitly a classmethod) sees the new class, as in CPython.
    for (std::size_t i = 1; i < cls->mro.size(); ++i) {
        Value hook = dictGetStr(cls->mro[i].as<ClassObject>()->dict.as<DictObject>(), "__init_subclass__");
        if (hook.empty())
            continue;
        if (hook.is(Kind::Function) || hook.is(Kind::Native))
            call(hook, {result});
        else if (isDescriptor(hook, "classmethod"))
            call(hook.as<NativeObject>()->data, {result});
        break;
    }
    return result;
}

namespace {

// `first` (the class, or the new object), then the arguments the class was called with.
std::vector<Value> withFirst(Value first, const Value* args, int count, const TupleObject* kwNames) {
    const int kw = kwNames ? static_cast<int>(kwNames->items.size()) : 0;
    std::vector<Value> all;
    all.reserve(static_cast<std::size_t>(count + kw + 1));
    all.push_back(std::move(first));
    all.insert(all.end(), args, args + count + kw);
    return all;
}

// The class's __init__ on a new object, with the arguments the class was called with.
void runInit(Interpreter& interp, ClassObject* cls, const Value& object, const Value* args, int count,
             const TupleObject* kwNames) {
    Value init = interp.lookupClass(cls, interp.intern("__init__"));
    if (init.empty())
        return;
    if (init.is(Kind::Function))
        interp.chargeOps(cost::ScriptInitOps);
    std::vector<Value> all = withFirst(object, args, count, kwNames);
    Value returned = interp.call(init, all.data(), count + 1, kwNames);
    if (!returned.isNone())
        interp.typeError("__init__() should return None, not '" + interp.typeName(returned) + "'");
}

} // namespace

Value Interpreter::instantiate(ClassObject* cls, const Value* args, int count, const TupleObject* kwNames) {
    // Calling a type costs CPython more than calling a function: tp_new, then tp_init.
    chargeOps(cls->construct ? cost::ConstructOps : cost::InstantiateOps);
    if (cls->storage)
        return instantiateDerived(*this, cls, args, count, kwNames);
    if (cls->construct) {
        std::vector<Value> all = withFirst(Value(cls), args, count, kwNames);
        CallArgs callArgs{all.data(), count + 1, all.data() + count + 1, kwNames};
        return cls->construct(*this, callArgs);
    }
    // BaseExceptionGroup.__new__: a group of Exceptions only is an ExceptionGroup.
    if (cls == exc.baseExceptionGroup && count == 2 && (args[1].is(Kind::List) || args[1].is(Kind::Tuple))) {
        bool allExceptions = true;
        for (const Value& e : toVector(args[1]))
            allExceptions = allExceptions && isInstance(e, exc.exception);
        if (allExceptions)
            cls = exc.exceptionGroup;
    }
    // A __new__ the script wrote (a plain function; __new__ is a static method without the
    // decorator) makes the object from the class and the arguments; __init__ then runs only if
    // it made an instance of the class, as type.__call__ does.
    if (!cls->isException)
        if (Value custom = lookupClass(cls, intern("__new__"));
            isDescriptor(custom, "staticmethod") && custom.as<NativeObject>()->data.is(Kind::Function)) {
            std::vector<Value> all = withFirst(Value(cls), args, count, kwNames);
            Value made = call(custom.as<NativeObject>()->data, all.data(), count + 1, kwNames);
            if (isInstance(made, cls))
                runInit(*this, typeOf(made), made, args, count, kwNames);
            return made;
        }
    auto* instance = heap_.make<InstanceObject>(Value(cls));
    Value result(instance);
    if (cls->isException) {
        instance->exception = std::make_unique<ExceptionData>();
        std::vector<Value> positional(args, args + count);
        instance->exception->args = newTuple(std::move(positional));
    }
    runInit(*this, cls, result, args, count, kwNames);
    return result;
}

namespace {

// object.__new__(cls): a bare instance of a script's class, for its own __new__ to fill.
Value objectNew(Interpreter& interp, CallArgs& args) {
    if (args.count < 1 || !args[0].is(Kind::Class))
        interp.typeError("object.__new__(X): X is not a type object");
    ClassObject* cls = args[0].as<ClassObject>();
    if (cls->builtin != BuiltinType::None || cls->storage || cls->isException)
        interp.typeError("object.__new__(" + cls->nameText() + ") is not safe, use " + cls->nameText() + ".__new__()");
    return Value(interp.heap().make<InstanceObject>(args[0]));
}

Value makeObject(Interpreter& interp, CallArgs& args) {
    if (args.count > 1 || args.kwCount())
        interp.typeError("object() takes no arguments");
    return Value(interp.heap().make<InstanceObject>(args[0]));
}

Value makeType(Interpreter& interp, CallArgs& args) {
    if (args.count == 2 && args.kwCount() == 0)
        return Value(interp.typeOf(args[1]));
    interp.typeError("type() takes 1 argument (creating classes with type() is not supported by Awaitscope)");
}

Value makeSuper(Interpreter& interp, CallArgs& args) {
    if (args.count == 3)
        return Value(interp.heap().make<SuperObject>(args[1], args[2]));
    Frame* frame = interp.currentFrame();
    if (!frame || !frame->function.is(Kind::Function) ||
        frame->function.as<FunctionObject>()->definingClass.empty() || frame->code->argCount == 0)
        interp.raise(interp.exc.runtimeError, "super(): no arguments");
    Value self = frame->locals()[0];
    if (self.empty() && !frame->code->cellToArg.empty()) {
        for (std::size_t i = 0; i < frame->code->cellToArg.size(); ++i)
            if (frame->code->cellToArg[i] == 0)
                self = frame->cells()[i].as<CellObject>()->value;
    }
    if (self.empty())
        interp.raise(interp.exc.runtimeError, "super(): arg[0] deleted");
    return Value(interp.heap().make<SuperObject>(frame->function.as<FunctionObject>()->definingClass, self));
}

// ---- type: the class objects themselves

// The class-level hooks a builtin class keeps as methods take a class, not an instance.
bool takesInstance(const std::string& name) {
    return name != "__new__" && name != "__init_subclass__" && name != "__class_getitem__" && !name.starts_with("__meta_");
}

bool classGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    const std::string& key = name.as<StrObject>()->text;
    auto* cls = object.as<ClassObject>();
    if (key == "__name__" || key == "__qualname__") {
        out = cls->name;
        return true;
    }
    if (key == "__module__") {
        out = cls->module;
        return true;
    }
    if (key == "__mro__") {
        out = interp.newTuple(cls->mro);
        return true;
    }
    if (key == "__bases__") {
        out = interp.newTuple(cls->bases);
        return true;
    }
    if (key == "__dict__") {
        out = cls->dict;
        // A builtin's methods read out of its namespace check their receiver too (CPython
        // hands out a read-only view holding method descriptors).
        if (cls->builtin != BuiltinType::None) {
            out = interp.newDict();
            for (const auto& entry : cls->dict.as<DictObject>()->table.entries())
                if (!entry.key.empty()) {
                    const bool method = entry.value.is(Kind::Native) && entry.value.as<NativeObject>()->method &&
                                        takesInstance(entry.key.as<StrObject>()->text);
                    interp.dictSet(out.as<DictObject>(), entry.key, method ? methodDescriptor(interp, entry.value, cls) : entry.value);
                }
        }
        return true;
    }
    ClassObject* owner = nullptr;
    Value found;
    for (const Value& entry : cls->mro)
        if (Value* here = entry.as<ClassObject>()->dict.as<DictObject>()->table.lookup(name, name.as<StrObject>()->hash())) {
            owner = entry.as<ClassObject>();
            found = *here;
            break;
        }
    if (found.empty())
        return false;
    if (isDescriptor(found, "staticmethod"))
        out = found.as<NativeObject>()->data;
    else if (isDescriptor(found, "classmethod"))
        out = Value(interp.heap().make<BoundMethodObject>(found.as<NativeObject>()->data, object));
    else if (found.is(Kind::Native) && found.as<NativeObject>()->method && takesInstance(key))
        out = methodDescriptor(interp, found, owner);
    else
        out = found;
    return true;
}

bool classSetAttr(Interpreter& interp, const Value& object, const Value& name, Value value) {
    auto* cls = object.as<ClassObject>();
    if (cls->builtin != BuiltinType::None && cls->builtin != BuiltinType::Exception)
        interp.typeError("cannot set '" + name.as<StrObject>()->text + "' attribute of immutable type '" +
                         cls->nameText() + "'");
    // collections.namedtuple names the class it makes.
    const std::string& key = name.as<StrObject>()->text;
    if ((key == "__name__" || key == "__qualname__" || key == "__module__") && value.is(Kind::Str)) {
        (key == "__module__" ? cls->module : cls->name) = interp.intern(value.as<StrObject>()->text);
        return true;
    }
    interp.dictSet(cls->dict.as<DictObject>(), name, std::move(value));
    return true;
}

bool classDeleteAttr(Interpreter& interp, const Value& object, const Value& name) {
    auto* cls = object.as<ClassObject>();
    if (!cls->dict.as<DictObject>()->table.remove(name, interp.hash(name)).empty())
        return true;
    interp.raise(interp.exc.attributeError,
                 "type object '" + cls->nameText() + "' has no attribute '" + name.as<StrObject>()->text + "'");
}

// The interpreter has no metaclasses. A library class that needs what its metaclass would
// give its subclasses (enum's EnumType: iteration, len, `in`, Color['RED'], the repr) puts
// natives for them in its class dict under __meta_iter__, __meta_len__, ...; the class
// operations below call the one found along the MRO with the class.
Value metaHook(Interpreter& interp, const Value& cls, const char* name) {
    return interp.lookupClass(cls.as<ClassObject>(), interp.intern(name));
}

std::string classRepr(Interpreter& interp, const Value& value) {
    Value hook = metaHook(interp, value, "__meta_repr__");
    if (hook.is(Kind::Native)) {
        Value text = interp.call(hook, {value});
        if (text.is(Kind::Str))
            return text.as<StrObject>()->text;
    }
    auto* cls = value.as<ClassObject>();
    const std::string& module = cls->module.as<StrObject>()->text;
    return "<class '" + (module == "builtins" ? "" : module + ".") + cls->nameText() + "'>";
}

// list[int], dict[str, int]: generic aliases in evaluated annotations stand for the class.
Value makeGenericAlias(Interpreter& interp, const Value& origin, const Value& index) {
    Value args = index.is(Kind::Tuple) ? index : interp.newTuple({index});
    return Value(interp.heap().make<GenericAliasObject>(Value(interp.types.genericAliasType), origin, std::move(args)));
}

// The builtin containers that CPython lets a hint subscribe (PEP 585).
bool takesTypeArguments(const ClassObject* cls) {
    switch (cls->builtin) {
    case BuiltinType::List:
    case BuiltinType::Tuple:
    case BuiltinType::Dict:
    case BuiltinType::Set:
    case BuiltinType::Type:
        return true;
    default:
        return false;
    }
}

Value classGetItem(Interpreter& interp, const Value& object, const Value& index) {
    Value hook = metaHook(interp, object, "__meta_getitem__");
    if (hook.is(Kind::Native))
        return interp.call(hook, {object, index});
    const auto* cls = object.as<ClassObject>();
    if (takesTypeArguments(cls))
        return makeGenericAlias(interp, object, index);
    Value classHook = interp.lookupClass(cls, interp.intern("__class_getitem__"));
    if (!classHook.empty()) {
        // Implicitly a class method, as in CPython; one written with @classmethod binds itself.
        if (classHook.is(Kind::Function))
            return interp.call(classHook, {object, index});
        return interp.call(interp.getAttr(object, interp.intern("__class_getitem__")), {index});
    }
    // typing's names all stand for `object`, and a script's Generic[T] subclass is a plain
    // class here: Optional[int] or Box[int] in a hint is the class itself.
    return object;
}

Value classIter(Interpreter& interp, const Value& object) {
    Value hook = metaHook(interp, object, "__meta_iter__");
    return hook.is(Kind::Native) ? interp.call(hook, {object}) : Value();
}

std::int64_t classLength(Interpreter& interp, const Value& object) {
    Value hook = metaHook(interp, object, "__meta_len__");
    if (!hook.is(Kind::Native))
        return -1;
    return interp.toIndex(interp.call(hook, {object}), "len");
}

int classContains(Interpreter& interp, const Value& object, const Value& item) {
    Value hook = metaHook(interp, object, "__meta_contains__");
    if (!hook.is(Kind::Native))
        return -1;
    return interp.truthy(interp.call(hook, {object, item})) ? 1 : 0;
}

// ---- super

bool superGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    const std::size_t keyHash = name.as<StrObject>()->hash();
    auto* super = object.as<SuperObject>();
    ClassObject* start = super->cls.as<ClassObject>();
    ClassObject* cls = interp.typeOf(super->self);
    if (super->self.is(Kind::Class))
        cls = super->self.as<ClassObject>();
    bool after = false;
    for (const Value& entry : cls->mro) {
        if (!after) {
            after = entry.object() == start;
            continue;
        }
        auto* dict = entry.as<ClassObject>()->dict.as<DictObject>();
        if (Value* found = dict->table.lookup(name, keyHash)) {
            if (found->is(Kind::Function))
                out = Value(interp.heap().make<BoundMethodObject>(*found, super->self));
            else if (found->is(Kind::Native) && found->as<NativeObject>()->method)
                out = interp.newNative(found->as<NativeObject>()->fn, found->as<NativeObject>()->name, super->self);
            else if (isDescriptor(*found, "classmethod"))
                out = Value(interp.heap().make<BoundMethodObject>(found->as<NativeObject>()->data, Value(cls)));
            else if (isDescriptor(*found, "staticmethod"))
                out = found->as<NativeObject>()->data;
            else
                out = *found;
            return true;
        }
    }
    return false;
}

std::string superRepr(Interpreter&, const Value& value) {
    return "<super: <class '" + value.as<SuperObject>()->cls.as<ClassObject>()->nameText() + "'>>";
}

// ---- types.UnionType: `int | None` in annotations and isinstance

bool isUnionOperand(const Interpreter& interp, const Value& v) {
    return v.isNone() || v.is(Kind::Class) || unionMembers(interp, v) || genericAlias(interp, v);
}

// A type as a hint prints it: `int`, `collections.deque`, `None`, `...`, `list[int]`.
std::string hintRepr(Interpreter& interp, const Value& m) {
    if (m.isNone() || m.identical(Value(interp.types.noneType)))
        return "None";
    if (m.is(Kind::Class)) {
        const auto* cls = m.as<ClassObject>();
        const std::string& module = cls->module.as<StrObject>()->text;
        return (module == "builtins" ? "" : module + ".") + cls->nameText();
    }
    if (m.is(Kind::Native) && m.as<NativeObject>()->fn == nullptr && interp.repr(m) == "Ellipsis")
        return "...";
    return interp.repr(m);
}

Value makeUnion(Interpreter& interp, const Value& a, const Value& b) {
    if (!isUnionOperand(interp, a) || !isUnionOperand(interp, b))
        return Value();
    std::vector<Value> members;
    for (const Value* side : {&a, &b}) {
        std::vector<Value> each;
        if (const auto* inner = unionMembers(interp, *side))
            each = *inner;
        else
            each.push_back(side->isNone() ? Value(interp.types.noneType) : *side);
        for (Value& m : each) {
            bool seen = false;
            for (const Value& have : members)
                seen = seen || have.identical(m);
            if (!seen)
                members.push_back(std::move(m));
        }
    }
    if (members.size() == 1)
        return members.front();
    return Value(interp.heap().make<UnionObject>(Value(interp.types.unionType), interp.newTuple(std::move(members))));
}

Value unionBinary(Interpreter& interp, BinaryOp op, const Value& a, const Value& b, bool) {
    return op == BinaryOp::BitOr ? makeUnion(interp, a, b) : Value();
}

Value unionReflected(Interpreter& interp, BinaryOp op, const Value& a, const Value& b) {
    return op == BinaryOp::BitOr ? makeUnion(interp, a, b) : Value();
}

std::string unionRepr(Interpreter& interp, const Value& value) {
    std::string out;
    for (const Value& m : *unionMembers(interp, value)) {
        if (!out.empty())
            out += " | ";
        out += hintRepr(interp, m);
    }
    return out;
}

bool unionGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    if (name.as<StrObject>()->text == "__args__") {
        out = static_cast<const UnionObject*>(object.as<TypedObject>())->args;
        return true;
    }
    return interp.typeAttribute(object, name, out);
}

// ---- types.GenericAlias: `list[int]`, `dict[str, Any]`

std::string genericAliasRepr(Interpreter& interp, const Value& value) {
    const auto* alias = genericAlias(interp, value);
    const auto& items = alias->args.as<TupleObject>()->items;
    std::string out = hintRepr(interp, alias->origin) + "[";
    if (items.empty())
        out += "()";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ", ";
        if (items[i].is(Kind::List)) {
            // Callable-style argument lists print their members as hints too.
            out += "[";
            const auto& inner = items[i].as<ListObject>()->items;
            for (std::size_t j = 0; j < inner.size(); ++j)
                out += (j > 0 ? ", " : "") + hintRepr(interp, inner[j]);
            out += "]";
        } else {
            out += hintRepr(interp, items[i]);
        }
    }
    return out + "]";
}

bool genericAliasEquals(Interpreter& interp, const Value& a, const Value& b) {
    const auto* x = genericAlias(interp, a);
    const auto* y = genericAlias(interp, b);
    return y && interp.equals(x->origin, y->origin) && interp.equals(x->args, y->args);
}

std::size_t genericAliasHash(Interpreter& interp, const Value& value) {
    const auto* alias = genericAlias(interp, value);
    return interp.hash(alias->origin) ^ interp.hash(alias->args);
}

// __origin__, __args__ and __parameters__; anything else is the origin's (list[int].append).
bool genericAliasGetAttr(Interpreter& interp, const Value& object, const Value& name, Value& out) {
    const auto* alias = genericAlias(interp, object);
    const std::string& key = name.as<StrObject>()->text;
    if (key == "__origin__" || key == "__args__" || key == "__parameters__") {
        out = key == "__origin__" ? alias->origin : key == "__args__" ? alias->args : interp.newTuple({});
        return true;
    }
    if (key == "__class__")
        return interp.typeAttribute(object, name, out);
    out = interp.getAttr(alias->origin, name);
    return true;
}

Value genericAliasGetItem(Interpreter& interp, const Value& object, const Value&) {
    interp.typeError(genericAliasRepr(interp, object) + " is not a generic class");
}

constexpr TypeSlots kGenericAliasSlots{.repr = genericAliasRepr,
                                       .hash = genericAliasHash,
                                       .binary = unionBinary,
                                       .reflectedBinary = unionReflected,
                                       .equals = genericAliasEquals,
                                       .getItem = genericAliasGetItem,
                                       .getAttr = genericAliasGetAttr};

constexpr TypeSlots kUnionSlots{.repr = unionRepr,
                                .binary = unionBinary,
                                .reflectedBinary = unionReflected,
                                .getAttr = unionGetAttr};

constexpr TypeSlots kTypeSlots{.repr = classRepr,
                               .length = classLength,
                               .binary = unionBinary,
                               .reflectedBinary = unionReflected,
                               .contains = classContains,
                               .getItem = classGetItem,
                               .getAttr = classGetAttr,
                               .setAttr = classSetAttr,
                               .deleteAttr = classDeleteAttr,
                               .iter = classIter};
constexpr TypeSlots kNoneSlots{};
constexpr TypeSlots kSuperSlots{.repr = superRepr, .getAttr = superGetAttr};

} // namespace

void installClassTypes(Interpreter& interp) {
    auto& t = interp.types;
    // object() makes a bare instance, so `object` has the slots of every script class's instances.
    t.object = interp.makeClass("object", {}, BuiltinType::Object, instanceSlots(), makeObject);
    interp.dictSetStr(t.object->dict.as<DictObject>(), "__new__",
                      interp.newNative(nullptr, "staticmethod", {}, interp.newNative(objectNew, "__new__")));
    t.type = interp.makeClass("type", {t.object}, BuiltinType::Type, kTypeSlots, makeType);
    t.noneType = interp.makeClass("NoneType", {t.object}, BuiltinType::NoneType, kNoneSlots);
    t.superType = interp.makeClass("super", {t.object}, BuiltinType::Super, kSuperSlots, makeSuper);
    t.unionType = interp.makeClass("UnionType", {t.object}, BuiltinType::Runtime, kUnionSlots, nullptr, "types");
    t.genericAliasType =
        interp.makeClass("GenericAlias", {t.object}, BuiltinType::Runtime, kGenericAliasSlots, nullptr, "types");
}

const GenericAliasObject* genericAlias(const Interpreter& interp, const Value& value) {
    if (!value.is(Kind::Runtime) || value.as<RuntimeObject>()->runtimeKind != RuntimeKind::Typed ||
        value.as<TypedObject>()->cls.as<ClassObject>() != interp.types.genericAliasType)
        return nullptr;
    return static_cast<const GenericAliasObject*>(value.as<TypedObject>());
}

const std::vector<Value>* unionMembers(const Interpreter& interp, const Value& value) {
    if (!value.is(Kind::Runtime) || value.as<RuntimeObject>()->runtimeKind != RuntimeKind::Typed ||
        value.as<TypedObject>()->cls.as<ClassObject>() != interp.types.unionType)
        return nullptr;
    return &static_cast<const UnionObject*>(value.as<TypedObject>())->args.as<TupleObject>()->items;
}

} // namespace awaitscope::script
