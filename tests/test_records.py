"""golocheck.records: the record classes that stand in for dataclasses on the start-up route
behave as the dataclasses they replace did, and a plain check does not import dataclasses."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from types import MappingProxyType
from typing import ClassVar

import pytest

from golocheck.records import FrozenInstanceError, field, fields, record, replace
from helpers import ROOT


@record(frozen=True, slots=True)
class Point:
    """A frozen, slotted record with a default and a factory."""

    kind: ClassVar[str] = "point"
    x: int
    y: int = 0
    tags: tuple = field(default_factory=tuple)


@record(frozen=True)
class Frozen:
    """Frozen without slots."""

    name: str
    args: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))


@record
class Mutable:
    """Neither frozen nor slotted: assignable, unhashable (eq without frozen)."""

    items: list = field(default_factory=list)
    count: int = 0


@record(eq=False)
class ByIdentity:
    """eq=False: identity equality, hashable."""

    value: int


def test_init_positional_keyword_defaults_and_factories():
    assert (Point(1).x, Point(1).y, Point(1).tags) == (1, 0, ())
    assert Point(1, 2, ("a",)) == Point(x=1, tags=("a",), y=2)
    a, b = Mutable(), Mutable()
    a.items.append(1)
    assert b.items == []  # a new list per instance
    assert Frozen("n").args == {}
    for construct in (lambda: Point(), lambda: Point(1, z=3), lambda: Point(1, 2, (), 4), lambda: Point(1, x=1)):
        with pytest.raises(TypeError):
            construct()


def test_the_compiled_init_agrees_with_the_first_one():
    """The first constructions bind arguments in Python, later ones run a compiled __init__."""
    from golocheck import records

    @record(frozen=True, slots=True)
    class Fresh:
        """Constructed past the threshold below."""

        a: int
        b: list = field(default_factory=list)
        c: str = "c"

    calls = [lambda: Fresh(1), lambda: Fresh(1, [2]), lambda: Fresh(a=1, c="x"), lambda: Fresh(1, c="y", b=[3])]
    bad = [lambda: Fresh(), lambda: Fresh(1, 2, 3, 4), lambda: Fresh(1, a=2), lambda: Fresh(1, d=2)]
    before = [call() for call in calls]
    first_init = Fresh.__init__
    for _ in range(records._COMPILE_AFTER):
        Fresh(0)
    after = [call() for call in calls]
    assert Fresh.__init__ is not first_init  # compiled now
    assert before == after == [Fresh(1, [], "c"), Fresh(1, [2], "c"), Fresh(1, [], "x"), Fresh(1, [3], "y")]
    assert before[0].b is not after[0].b
    for call in bad:
        with pytest.raises(TypeError):
            call()


def test_fields_are_the_annotations_without_classvars():
    assert fields(Point) == ("x", "y", "tags") == fields(Point(1))
    assert Point.kind == "point" and Point(1).kind == "point"
    assert Point.__match_args__ == ("x", "y", "tags")
    with pytest.raises(TypeError):
        fields(object())


def test_repr_is_the_dataclass_repr():
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"
    assert repr(Mutable([1])) == "Mutable(items=[1], count=0)"


def test_equality_and_hash():
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2)) == hash(Point(1, 2)) == hash((1, 2, ()))
    assert Point(1, 2) != (1, 2, ())  # another class: not equal
    assert len({Point(1), Point(1), Point(2)}) == 2
    assert Mutable([1]) == Mutable([1])
    with pytest.raises(TypeError):
        hash(Mutable())
    one, other = ByIdentity(1), ByIdentity(1)
    assert one != other and one == one and len({one, other}) == 2


def test_frozen_refuses_assignment_and_deletion():
    p = Point(1)
    for change in (lambda: setattr(p, "x", 2), lambda: delattr(p, "x"), lambda: setattr(Frozen("n"), "name", "m")):
        with pytest.raises(FrozenInstanceError):
            change()
    assert issubclass(FrozenInstanceError, AttributeError)
    with pytest.raises((AttributeError, TypeError)):
        object.__setattr__(p, "other", 1)  # slots: no other attribute
    assert not hasattr(p, "__dict__")
    m = Mutable()
    m.count = 3
    assert m.count == 3


def test_replace_keeps_the_other_fields():
    p = Point(1, 2, ("a",))
    assert replace(p, y=5) == Point(1, 5, ("a",))
    assert p == Point(1, 2, ("a",))
    with pytest.raises(TypeError):
        replace(p, z=1)


def test_replace_passes_a_dataclass_on():
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class Plain:
        a: int
        b: int = 0

    assert replace(Plain(1), b=2) == Plain(1, 2)


def test_pickle_and_copy_round_trip():
    for value in (Point(1, 2, ("a",)), Frozen("n", {"k": 1}), Mutable([1], 2)):
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            assert pickle.loads(pickle.dumps(value, protocol)) == value
        assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_shipped_records_pickle():
    """What --jobs sends between processes: a checked report's diagnostics."""
    from golocheck.api import check_file

    diagnostics = list(check_file(ROOT / "sample_reports" / "golog-2018.json"))
    assert diagnostics and any(d.location.span is not None for d in diagnostics)
    assert pickle.loads(pickle.dumps(diagnostics)) == diagnostics


def test_a_default_before_a_required_field_is_refused():
    with pytest.raises(TypeError):

        @record
        class Wrong:
            a: int = 0
            b: int

    with pytest.raises(TypeError):  # the compiled __init__ would take it for its own name

        @record
        class Named:
            self: int


def test_a_plain_check_imports_neither_dataclasses_nor_inspect():
    """dataclasses (with inspect, ast, dis, tokenize) cost a plain check ≈ 20 ms to import and
    ≈ 1 ms per class created; none of it is on the route of `golocheck REPORT`."""
    code = (
        "import sys\n"
        "from golocheck.entry import main\n"
        "try:\n"
        "    main([sys.argv[1], sys.argv[2]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'dataclasses', 'inspect', 'ast', 'dis', 'tokenize'} & set(sys.modules)))\n"
    )
    reports = ROOT / "sample_reports"
    result = subprocess.run(
        [sys.executable, "-c", code, str(reports / "golog-2018.json"), str(reports / "invalid" / "text-in-cell.yaml")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout[-2000:] + result.stderr[-2000:]
    assert "golog-2018.json" in result.stdout and "text-in-cell.yaml" in result.stdout  # both were checked
