"""Record classes for the start-up route, without the ``dataclasses`` module.

``@record`` is a small stand-in for ``@dataclasses.dataclass`` with the parts golocheck uses:
fields from the class's annotations (``ClassVar`` ones left out), defaults and
``field(default_factory=...)``, a keyword-and-positional ``__init__``, ``__repr__``, ``__eq__``
(and ``__hash__`` when frozen, ``None`` when not), ``frozen=True`` (``FrozenInstanceError``, an
``AttributeError``), ``slots=True`` (pickling included) and ``eq=False``; ``replace`` and
``fields`` stand in for ``dataclasses.replace`` and ``dataclasses.fields`` (names only).

Why: a plain check creates some fifty record classes before it reads a report. ``dataclasses``
compiles every generated method of every class from source (six ``exec`` calls for a frozen
class, ≈ 1.3 ms a class on a busy machine) and importing it pulls in inspect, ast, dis and
tokenize. Here only ``__init__`` is compiled, one short ``exec`` per class, and only once the
class has been constructed a few times (``_COMPILE_AFTER``), because construction is on the
per-report path; until then ``__init__`` binds its arguments in plain Python. ``__repr__``,
``__eq__``, ``__hash__`` and the frozen ``__setattr__`` are shared functions that read the
class's tuple of field names.
Modules off the start-up route may keep ``dataclasses``; ``replace`` accepts both kinds.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, ClassVar, dataclass_transform, get_origin

__all__ = ["FrozenInstanceError", "field", "fields", "record", "replace"]


class FrozenInstanceError(AttributeError):
    """Assigning to or deleting a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Any = _Missing()


class Field:
    """What ``field()`` gives a record field: its default or its default factory."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = _MISSING, default_factory: Any = _MISSING) -> Any:
    """A field with a default value or a default factory (called once per instance)."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory)


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):  # under `from __future__ import annotations`
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


def fields(class_or_instance: Any) -> tuple[str, ...]:
    """The names of a record's fields, in order (bases' first)."""
    names = getattr(class_or_instance, "__record_fields__", None)
    if names is None:
        raise TypeError("must be called with a record class or instance")
    return names


def replace(obj: Any, /, **changes: Any) -> Any:
    """A copy of ``obj`` with the given fields changed (``dataclasses.replace``; a dataclass
    instance is passed on to it, so call sites need not know which kind they hold)."""
    cls = obj.__class__
    names = getattr(cls, "__record_fields__", None)
    if names is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return cls(**changes)


# --- the shared methods -------------------------------------------------------------------


def _repr(self) -> str:
    cls = self.__class__
    values = cls.__record_key__(self)
    return f"{cls.__qualname__}(" + ", ".join(f"{n}={v!r}" for n, v in zip(cls.__record_fields__, values)) + ")"


def _eq(self, other):
    if other.__class__ is self.__class__:
        key = self.__class__.__record_key__
        return key(self) == key(other)
    return NotImplemented


def _hash(self) -> int:
    return hash(self.__class__.__record_key__(self))


def _frozen_setattr(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self):
    return self.__class__.__record_key__(self)


def _setstate(self, state) -> None:
    for name, value in zip(self.__class__.__record_fields__, state):
        object.__setattr__(self, name, value)


def _key_of(names: tuple[str, ...]):
    """The field values of an instance as a tuple (C-level attrgetter for two or more)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _make_init(cls_name: str, names: tuple[str, ...], defaults: dict[str, Field], frozen: bool, post_init: bool):
    """``__init__`` from one short source text: the per-instance path stays as fast as a
    handwritten one."""
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_FACTORY": _MISSING}
    params, body = [], []
    for name in names:
        spec = defaults.get(name)
        value = name
        if spec is None:
            params.append(name)
        elif spec.default_factory is not _MISSING:
            namespace[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_FACTORY")
            value = f"_factory_{name}() if {name} is _FACTORY else {name}"
        else:
            namespace[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
        body.append(f"_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    if post_init:
        body.append("self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n    " + ("\n    ".join(body) or "pass") + "\n"
    exec(compile(source, f"<record {cls_name}>", "exec"), namespace)
    return namespace["__init__"]


# A class constructed this many times gets its compiled __init__: in a plain check most record
# classes are constructed a few times (and a third never), a few hundreds or thousands of times.
_COMPILE_AFTER = 16


def _first_init(names: tuple[str, ...], defaults: dict[str, Field], frozen: bool):
    """An ``__init__`` that binds its arguments in plain Python for the first constructions,
    then compiles the class's own ``__init__`` and puts it on the class."""
    made = [0]

    def __init__(self, *args, **kwargs):
        cls = _owner(type(self), __init__)
        made[0] += 1
        if made[0] > _COMPILE_AFTER:
            real = _make_init(cls.__qualname__, names, defaults, frozen, hasattr(cls, "__post_init__"))
            real.__qualname__ = f"{cls.__qualname__}.__init__"
            type.__setattr__(cls, "__init__", real)
            real(self, *args, **kwargs)
            return
        values = _bind(cls.__qualname__, names, defaults, args, kwargs)
        set_ = object.__setattr__ if frozen else setattr
        for name, value in zip(names, values):
            set_(self, name, value)
        if hasattr(cls, "__post_init__"):
            self.__post_init__()

    return __init__


def _bind(cls_name: str, names: tuple[str, ...], defaults: dict[str, Field], args: tuple, kwargs: dict) -> list:
    """The field values of a call, with its defaults and factories: what a compiled
    ``__init__``'s signature does, with the same errors (TypeError)."""
    if len(args) > len(names):
        raise TypeError(f"{cls_name}.__init__() takes {len(names) + 1} positional arguments but {len(args) + 1} were given")
    values = list(args)
    for name in names[len(args):]:
        if name in kwargs:
            values.append(kwargs.pop(name))
            continue
        spec = defaults.get(name)
        if spec is None:
            raise TypeError(f"{cls_name}.__init__() missing 1 required argument: {name!r}")
        values.append(spec.default_factory() if spec.default_factory is not _MISSING else spec.default)
    for name in kwargs:
        if name in names:
            raise TypeError(f"{cls_name}.__init__() got multiple values for argument {name!r}")
        raise TypeError(f"{cls_name}.__init__() got an unexpected keyword argument {name!r}")
    return values


def _owner(cls, init) -> type:
    """The class in ``cls``'s MRO whose ``__init__`` is ``init`` (a subclass may inherit it)."""
    for klass in cls.__mro__:
        if klass.__dict__.get("__init__") is init:
            return klass
    raise AssertionError("record __init__ not found")


@dataclass_transform(field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = False, slots: bool = False, eq: bool = True) -> Any:
    """Make ``cls`` a record (use as ``@record`` or ``@record(frozen=True, slots=True)``)."""

    def wrap(cls):
        return _build(cls, frozen=frozen, slots=slots, eq=eq)

    return wrap if cls is None else wrap(cls)


def _build(cls, *, frozen: bool, slots: bool, eq: bool):
    names: list[str] = []
    defaults: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        if "__record_fields__" in base.__dict__:
            for name in base.__record_fields__:
                if name not in names:
                    names.append(name)
            defaults.update(base.__record_defaults__)
    own = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        own.append(name)
        if name not in names:
            names.append(name)
        value = cls.__dict__.get(name, _MISSING)
        if isinstance(value, Field):
            defaults[name] = value
            if value.default is _MISSING:
                delattr(cls, name)  # a factory only: no class attribute (as dataclasses)
            else:
                setattr(cls, name, value.default)
        elif value is not _MISSING:
            defaults[name] = Field(value, _MISSING)
        else:
            defaults.pop(name, None)
    seen_default = False
    for name in names:
        if name in defaults:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
    if {"self", "_set", "_FACTORY"} & set(names):  # the compiled __init__'s own names
        raise TypeError(f"{cls.__name__}: a field may not be named self, _set or _FACTORY")
    if frozen and "__setattr__" in cls.__dict__:
        raise TypeError(f"cannot overwrite attribute __setattr__ in class {cls.__name__}")

    field_names = tuple(names)
    cls_dict = dict(cls.__dict__) if slots else None
    target = cls_dict if slots else cls.__dict__
    new: dict[str, Any] = {}

    def offer(name: str, value: Any) -> None:
        if name not in target:
            new[name] = value

    new["__record_fields__"] = field_names
    new["__record_defaults__"] = {n: f for n, f in defaults.items() if n in field_names}
    new["__record_key__"] = staticmethod(_key_of(field_names))
    new["__match_args__"] = field_names
    if "__init__" not in target:
        new["__init__"] = _first_init(field_names, defaults, frozen)
    offer("__repr__", _repr)
    if eq:
        offer("__eq__", _eq)
        # dataclasses' rule: a class that defines __hash__ itself keeps it; else frozen -> a
        # hash of the fields, not frozen -> unhashable
        explicit_hash = "__hash__" in target and not (target["__hash__"] is None and "__eq__" in target)
        if not explicit_hash:
            new["__hash__"] = _hash if frozen else None
    if frozen:
        new["__setattr__"] = _frozen_setattr
        new["__delattr__"] = _frozen_delattr

    if not slots:
        for name, value in new.items():
            setattr(cls, name, value)
        return cls

    # __slots__ has to be there when the class is made: make it again (as dataclasses does)
    for name in own:
        cls_dict.pop(name, None)  # the defaults live in __init__, not as class attributes
    cls_dict.pop("__dict__", None)
    cls_dict.pop("__weakref__", None)
    inherited = {s for base in cls.__mro__[1:-1] for s in base.__dict__.get("__slots__", ())}
    cls_dict["__slots__"] = tuple(n for n in field_names if n not in inherited)
    cls_dict.update(new)
    if frozen and "__getstate__" not in cls.__dict__:
        # unpickling sets slot values with setattr, which a frozen record refuses
        cls_dict["__getstate__"] = _getstate
        cls_dict["__setstate__"] = _setstate
    made = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    made.__qualname__ = cls.__qualname__
    return made
