"""A fixed-seed corpus of malformed report files, made from the real samples.

``case(i)`` is the i-th input: the same bytes on every machine and every run (each
index seeds its own ``random.Random``), so a failure is reproduced with
``python -c "from fuzz.malformed import case; print(case(1234))"`` run in ``tests/``.
Nothing is written to disk here: the corpus test decides which inputs also go
through a file.

Each input belongs to one family (the kind of damage); families take turns in a
fixed, weighted order (:data:`SCHEDULE`) so that any prefix of the corpus mixes
them all. The damage is what real files show (truncated downloads, editors that
write BOMs or UTF-16, spreadsheets that write "9210条" or "—" into number cells,
YAML's 1.1 surprises) and what a hostile file could hold (deep nesting, huge
numbers and strings, control characters).
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Callable

SEED = 20250601
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "sample_reports"

# Raw JSON tokens that Python values cannot produce (or that json.dumps refuses to),
# spliced in through placeholders.
_RAW = "\u0000golocheck-raw:"


@dataclass(frozen=True)
class Case:
    index: int
    family: str
    name: str  # the file name the input is checked under (its suffix picks JSON or YAML)
    raw: bytes
    note: str  # what was done, for failure messages

    def __repr__(self) -> str:
        head = self.raw[:80]
        return f"Case(#{self.index} {self.family}: {self.note}; {self.name}, {len(self.raw)} bytes, starts {head!r})"


@cache
def samples() -> tuple[tuple[str, bytes], ...]:
    """(file name, bytes) of every sample report, in a fixed order."""
    paths = sorted(p for p in SAMPLES_DIR.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))
    return tuple((p.name, p.read_bytes()) for p in paths)


@cache
def _parsed(name: str) -> Any:
    raw = dict(samples())[name]
    if name.endswith(".json"):
        return json.loads(raw)
    import yaml

    return yaml.safe_load(raw.decode("utf-8"))


def _sample(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice(samples())


@cache
def _parseable() -> tuple[str, ...]:
    """The samples that parse (structured mutations start from their data)."""
    names = []
    for name, _ in samples():
        try:
            _parsed(name)
        except ValueError:  # sample_reports/invalid/broken-syntax.json, on purpose
            continue
        names.append(name)
    return tuple(names)


def _sample_data(rng: random.Random) -> tuple[str, Any]:
    name = rng.choice(_parseable())
    return name, copy.deepcopy(_parsed(name))


# ----------------------------------------------------------------- values

def raw(token: str) -> str:
    """A JSON token written as is (NaN, 1e999999, 5000 digits...)."""
    return _RAW + token


BIG_NUMBER_TOKENS = [
    "9" * 20, "9" * 309, "9" * 4300, "9" * 4301, "9" * 5000, "-" + "9" * 5000, "1" + "0" * 100_000,
    "1e400", "-1e400", "1e999999", "1e1000000", "1e999999999", "1E-999999999", "1e-400", "-0", "-0.0",
    "0.0", "1.0", "1e2", "123456789012345678901234567890.5", "0.000000000000000000001", "1" * 30 + ".0",
    "NaN", "Infinity", "-Infinity", "18446744073709551616", "-9223372036854775809",
]

CONTROL_STRINGS = [
    "\x00", "\x1b[31mred\x1b[0m", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\x7f", "\ufeff", "\u202e",
    "\u200b", "\t", "\x0b\x0c", "::error file=x::injected", "\n::warning::injected", "%0A::error::x",
    "a\u0301\u0301\u0301", "🀄" * 3, "𠀀", "</failure><x>", "]]>", "&amp;", "\"'\\", "{}[]", "~1/~0",
    "１２３", "百分之三百", "一千万亿亿亿件", "9210条", "5332余", "—", "／", "不适用", "无", "",
    " " * 3, "0", "-1", "1.5", "1e5", "NaN", "null", "true",
]


def odd_value(rng: random.Random, depth: int = 0) -> Any:
    """A value of an unexpected type or size for wherever it is put."""
    pick = rng.randrange(16)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice([0, -1, -(2**63), 2**63, 2**64, 10**18, 7, 3.5, -0.5, 1e300, 2024, 1900, 9999, 10**6])
    if pick == 3:
        return raw(rng.choice(BIG_NUMBER_TOKENS))
    if pick == 4:
        return rng.choice(CONTROL_STRINGS)
    if pick == 5:
        return rng.choice(["2025-02-30", "2025-13-01", "0000-01-01", "0001-01-01", "9999-12-31", "99999-01-01",
                           "20250101", "2025/03/28", "2025-03-28T00:00:00+08:00", "2025年3月28日", "yesterday",
                           "2024-12-31", "1900-01-01", "2025-3-8", "-2025-01-01", " 2025-01-01"])
    if pick == 6:
        return raw(rng.choice(["\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\u0000b\"", "\"\\uffff\"", "\"\\ud83d\\ude00\""]))
    if pick == 7:
        return [] if depth > 1 else [odd_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if pick == 8:
        return {} if depth > 1 else {rng.choice(["", "a", "/", "~", "\u0000", "heading", "text", "0"]): odd_value(rng, depth + 1)}
    if pick == 9:
        return "".join(rng.choice("零一二三四五六七八九十百千万亿0123456789,.%余多约件条个人次年月日第") for _ in range(rng.randrange(1, 40)))
    if pick == 10:
        return rng.choice(["x" * 10_000, "一" * 20_000, "1," * 5_000, "（" * 5_000, "百分之" * 2_000, "约" * 5_000])
    if pick == 11:
        return rng.choice(["gov-2014", "gov-2019", "gov-2021", "GOV-2021", " gov-2021", "gov-2099", "gov", ""])
    if pick == 12:
        return rng.randrange(-10**6, 10**6)
    if pick == 13:
        return rng.choice(["/", "—", "－", "-", "——", "不适用", "无", " / "])
    if pick == 14:
        return rng.choice([0.1, 1e-300, 5e-324, 1.7976931348623157e308, -1e308, 0.30000000000000004])
    return rng.choice(["全年主动公开政府信息3560条，其中约百分之五十为政策文件。", "共收到申请61件，上年结转3件，合计64件。",
                       "2018年1月1日至2018年12月31日", "电话：0975-8386332", "（一）（二）（三）", "第1条第2款"])


def dump(data: Any, rng: random.Random | None = None) -> bytes:
    """JSON text of ``data``, with the :func:`raw` tokens written as they are."""
    text = json.dumps(data, ensure_ascii=False, indent=rng.choice([None, 2]) if rng else 2, default=str)
    # A placeholder appears in the dump as "\u0000golocheck-raw:TOKEN" (JSON-escaped).
    text = re.sub(r'"\\u0000golocheck-raw:((?:[^"\\]|\\.)*)"', lambda m: json.loads(f'"{m.group(1)}"'), text)
    return text.encode("utf-8")


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (tuple of keys/indexes) into ``data``, the root excluded."""
    found = []
    stack = [(data, prefix)]
    while stack:
        value, path = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in items:
            found.append((*path, key))
            stack.append((child, (*path, key)))
    return sorted(found, key=repr)


def _set(data: Any, path: tuple, value: Any) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _delete(data: Any, path: tuple) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


def _cells(data: Any) -> list[tuple]:
    """Paths of the leaves under ``tables`` (the table cells)."""
    tables = data.get("tables") if isinstance(data, dict) else None
    return [("tables", *p) for p in _paths(tables or {}) if not isinstance(_get(tables, p), (dict, list))]


def _get(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


def _name(rng: random.Random, sample: str, syntax: str = "json") -> str:
    stem = sample.rsplit(".", 1)[0]
    roll = rng.random()
    if roll < 0.08:
        return f"{stem}.{'yaml' if syntax == 'json' else 'json'}"  # the wrong suffix
    if roll < 0.12:
        return rng.choice([stem, f"{stem}.txt", "-", f"{stem}.JSON", f"{stem}.yml"])
    return f"{stem}.{syntax}"


# ----------------------------------------------------------------- families

def byte_flips(rng):
    name, data = _sample(rng)
    b = bytearray(data)
    n = rng.choice([1, 1, 2, 3, 8, 32])
    for _ in range(n):
        i = rng.randrange(len(b))
        b[i] = b[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.randrange(256)
    return name, bytes(b), f"{n} byte flips"


def truncation(rng):
    name, data = _sample(rng)
    cut = rng.choice([rng.randrange(len(data)), rng.randrange(1, 64), len(data) - rng.randrange(1, 64)])
    cut = max(0, min(cut, len(data) - 1))
    return name, data[:cut], f"cut at byte {cut}"


_TOKENS = [b'"', b"{", b"}", b"[", b"]", b",", b":", b"\\", b"\\u", b"\\ud800", b"\x00", b"\xff", b"\n", b"#", b"&a ",
           b"*a", b"!!", b"---\n", b"- ", b"? ", b"'", b"\t", b"\r", b"%YAML 1.1\n", b"...\n", b"<<: ", b"|", b">"]


def splices(rng):
    name, data = _sample(rng)
    b = bytearray(data)
    notes = []
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(len(b) + 1)
        op = rng.randrange(3)
        if op == 0:
            token = rng.choice(_TOKENS)
            b[i:i] = token
            notes.append(f"insert {token!r}@{i}")
        elif op == 1:
            j = min(len(b), i + rng.randrange(1, 200))
            del b[i:j]
            notes.append(f"delete {i}:{j}")
        else:
            j = min(len(b), i + rng.randrange(1, 200))
            b[i:i] = b[i:j]
            notes.append(f"duplicate {i}:{j}")
    return name, bytes(b), ", ".join(notes)


def type_swaps(rng):
    name, data = _sample_data(rng)
    paths = _paths(data)
    notes = []
    for _ in range(rng.randrange(1, 4)):
        path = rng.choice(paths)
        try:
            if rng.random() < 0.15:
                _delete(data, path)
                notes.append(f"delete {path}")
            else:
                value = odd_value(rng)
                _set(data, path, value)
                notes.append(f"{path} = {value!r:.60}")
        except (KeyError, IndexError, TypeError):
            pass  # an earlier swap replaced an ancestor
    return _name(rng, name), dump(data, rng), "; ".join(notes)


def wrong_type_in_every_cell(rng):
    name, data = _sample_data(rng)
    cells = _cells(data)
    same = rng.random() < 0.5
    value = odd_value(rng)
    for path in cells:
        _set(data, path, value if same else odd_value(rng))
    return _name(rng, name), dump(data, rng), f"{len(cells)} cells = {value!r:.40}" if same else f"{len(cells)} cells, each odd"


def metadata_values(rng):
    name, data = _sample_data(rng)
    meta = data.get("metadata") if isinstance(data, dict) else None
    if not isinstance(meta, dict):
        meta = data["metadata"] = {}
    keys = ["report_year", "published_on", "title", "issuer", "issuer_kind", "region", "period", "format"]
    notes = []
    for key in rng.sample(keys, rng.randrange(1, 4)):
        if key == "period":
            value = {"start": odd_value(rng), "end": odd_value(rng)} if rng.random() < 0.7 else odd_value(rng)
        elif key == "report_year":
            value = rng.choice([0, -1, 1, 1899, 2007, 2008, 2100, 9998, 9999, 10000, 10**6, 10**20, "2024", 2024.0, True, None,
                                raw("2024.0"), raw("1e4"), raw("9" * 5000)])
        elif key == "format":
            data["format"] = odd_value(rng)
            notes.append(f"format = {data['format']!r:.40}")
            continue
        else:
            value = odd_value(rng)
        meta[key] = value
        notes.append(f"metadata.{key} = {value!r:.40}")
    return _name(rng, name), dump(data, rng), "; ".join(notes)


def section_values(rng):
    name, data = _sample_data(rng)
    sections = data.get("sections")
    op = rng.randrange(6)
    if op == 0 or not isinstance(sections, list) or not sections:
        data["sections"] = odd_value(rng)
        note = f"sections = {data['sections']!r:.40}"
    elif op == 1:
        i = rng.randrange(len(sections))
        sections[i] = odd_value(rng)
        note = f"sections[{i}] = {sections[i]!r:.40}"
    elif op == 2:
        i = rng.randrange(len(sections))
        key = rng.choice(["heading", "text", "id", "subsections"])
        if isinstance(sections[i], dict):
            sections[i][key] = odd_value(rng)
        note = f"sections[{i}].{key} odd"
    elif op == 3:
        data["sections"] = sections * rng.choice([2, 2, 20, 20, 200])
        note = f"sections repeated to {len(data['sections'])}"
    elif op == 4:
        i = rng.randrange(len(sections))
        if isinstance(sections[i], dict):
            sections[i]["text"] = "".join(str(odd_value(rng))[:200] for _ in range(rng.randrange(1, 60)))
        note = f"sections[{i}].text of odd figures"
    else:
        rng.shuffle(sections)
        del sections[rng.randrange(len(sections)):]
        note = "sections shuffled and cut"
    return _name(rng, name), dump(data, rng), note


def register_values(rng):
    data = copy.deepcopy(_parsed("registers-gov-2021.json"))
    registers = data["registers"]
    notes = []
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(5)
        kind = rng.choice(sorted(registers)) if isinstance(registers, dict) and registers else None
        entries = registers.get(kind) if kind else None
        if op == 0 or not isinstance(entries, list) or not entries:
            data["registers"] = registers = odd_value(rng) if rng.random() < 0.5 else {kind or "proactive": odd_value(rng)}
            notes.append(f"registers = {registers!r:.40}")
            continue
        entry = rng.randrange(len(entries))
        if op == 1:
            entries[entry] = odd_value(rng)
            notes.append(f"{kind}[{entry}] odd")
        elif op in (2, 3) and isinstance(entries[entry], dict):
            keys = sorted(entries[entry]) + ["received_on", "replied_on", "extended_on", "formed_on", "published_on", "outcome"]
            key = rng.choice(keys)
            entries[entry][key] = odd_value(rng)
            notes.append(f"{kind}[{entry}].{key} = {entries[entry][key]!r:.40}")
        else:
            registers[kind] = (entries * rng.choice([2, 10, 30]))[:1000]
            notes.append(f"{kind} repeated to {len(registers[kind])}")
    return _name(rng, "registers-gov-2021.json"), dump(data, rng), "; ".join(notes)


def deep_nesting(rng):
    depth = rng.choice([63, 64, 65, 66, 100, 1_000, 10_000, 100_000, 1_000_000])
    op = rng.randrange(4)
    if op == 0:
        return "deep.json", b"[" * depth + b"]" * depth, f"[ x {depth}"
    if op == 1:
        return "deep.json", b'{"a":' * depth + b"1" + b"}" * depth, f'{{"a": x {depth}'
    if op == 2:
        return "deep.yaml", b"[" * depth + b"]" * depth, f"YAML [ x {depth}"
    if op == 3 and depth <= 10_000:
        lines = "".join(" " * i + "a:\n" for i in range(min(depth, 2_000)))
        return "deep.yaml", lines.encode(), f"YAML block mapping x {min(depth, 2000)}"
    name, data = _sample_data(rng)
    path = rng.choice(_paths(data))
    value: Any = 1
    for _ in range(min(depth, 5_000)):
        value = [value]
    _set(data, path, value)
    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 20_000))
    try:
        text = dump(data)
    finally:
        sys.setrecursionlimit(old)
    return name, text, f"{path} nested {min(depth, 5000)} deep"


def big_numbers(rng):
    name, data = _sample_data(rng)
    cells = _cells(data) or _paths(data)
    notes = []
    for _ in range(rng.randrange(1, 4)):
        path = rng.choice(cells)
        token = rng.choice(BIG_NUMBER_TOKENS)
        _set(data, path, raw(token))
        notes.append(f"{path} = {token[:20]}{'…' if len(token) > 20 else ''}")
    if rng.random() < 0.3:
        return _name(rng, name, "yaml"), _yaml_text(data, rng), "as YAML: " + "; ".join(notes)
    return _name(rng, name), dump(data, rng), "; ".join(notes)


def _yaml_text(data: Any, rng: random.Random) -> bytes:
    """YAML text of ``data``, raw tokens (numbers) written plain."""
    text = _safe_dump(data)

    def plain(m):
        token = m.group(1)
        if token.startswith('"'):
            return token  # a JSON string literal is YAML too
        return {"NaN": ".nan", "Infinity": ".inf", "-Infinity": "-.inf"}.get(token, token)
    return re.sub(r"['\"]?\x00golocheck-raw:([^'\"\n]*)['\"]?", plain, text.replace("\\0golocheck-raw:", "\x00golocheck-raw:")).encode("utf-8")


def _safe_dump(data: Any) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**6)


# YAML 1.1 surprises: what a person types and what PyYAML makes of it.
ODD_YAML_VALUES = [
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!!binary aGVsbG8=", "!custom 5",
    "!!set {a, b}", "!!omap [{a: 1}]", "!!str 1", "!!int 'x'", "!!float abc", "!!timestamp 2001-12-14",
    "!!null ''", "!!bool maybe", "&a 5", "*a", "*undefined", "0o17", "017", "0x1F", "0b101", "190:20:30", "1:30",
    "-1:30", "yes", "no", "on", "off", "Y", "N", "~", ".nan", ".NaN", ".inf", "-.inf", "1_000", "1e3", "1.0e+3",
    "2001-12-14t21:59:43.10-05:00", "2025-02-30", "'2025-03-28'", "[1, [2, [3]]]", "{a: {b: {c: }}}", "|\n  block",
    ">-\n  folded", "\"\\ud800\"", "\"\\x00\"", "'unterminated", "\"unterminated", "- a\n- b", "? complex", "@reserved",
    "`reserved", "%", "a: b: c", "[a, b", "{a", "!!merge <<", "9" * 5000, "-" + "9" * 5000, "0x" + "f" * 4000,
]


def odd_yaml(rng):
    name, data = _sample_data(rng)
    text = _safe_dump(data)
    lines = text.splitlines()
    notes = []
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(5)
        i = rng.randrange(len(lines))
        m = re.match(r"^(\s*(?:- )?)([^:]+): (.+)$", lines[i])
        if op <= 1 and m:
            value = rng.choice(ODD_YAML_VALUES)
            lines[i] = f"{m.group(1)}{m.group(2)}: {value}"
            notes.append(f"line {i + 1} value {value[:30]!r}")
        elif op == 2:
            indent = re.match(r"\s*", lines[i]).group()
            extra = rng.choice(["<<: {a: 1}", "? [a, b]\n" + indent + ": c", "1: one", "null: nothing", "2020-01-01: date",
                                "true: yes", "&anchor k: v", "key: &x [1, 2]", "again: *x", "'': empty", "dup: 1",
                                "dup: 2", "\t tab: 1", "k: v # comment", "--- ", "...", "%TAG ! tag:x,2000:"])
            lines.insert(i, indent + extra)
            notes.append(f"insert {extra[:30]!r} at line {i + 1}")
        elif op == 3:
            doc = rng.choice(["%YAML 1.1\n---", "%YAML 1.2\n---", "--- !!map", "--- !!seq", "--- !!str", "---\n...\n---"])
            lines.insert(0, doc)
            notes.append(f"document header {doc!r}")
        else:
            laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [f"{chr(98 + k)}: &{chr(98 + k)} [*{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}, *{chr(97 + k)}]" for k in range(8)]
            lines[i:i] = laughs
            notes.append("billion laughs")
    return _name(rng, name, "yaml"), ("\n".join(lines) + "\n").encode("utf-8"), "; ".join(notes)


def encodings(rng):
    name, data = _sample(rng)
    text = data.decode("utf-8")
    op = rng.choice(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "gbk", "gb18030",
                     "big5-ish", "latin-1-mojibake", "double-bom", "bom-inside", "overlong", "surrogate", "bom-utf16-le-text",
                     "cesu", "bom-only"])
    if op in ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "gb18030"):
        raw_bytes = text.encode(op)
    elif op == "gbk" or op == "big5-ish":
        raw_bytes = text.encode("gbk" if op == "gbk" else "big5", errors="replace")
    elif op == "latin-1-mojibake":
        raw_bytes = data.decode("latin-1").encode("utf-8")
    elif op == "double-bom":
        raw_bytes = b"\xef\xbb\xbf\xef\xbb\xbf" + data
    elif op == "bom-inside":
        i = rng.randrange(len(data))
        raw_bytes = data[:i] + b"\xef\xbb\xbf" + data[i:]
    elif op == "overlong":
        i = rng.randrange(len(data))
        raw_bytes = data[:i] + rng.choice([b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xfe"]) + data[i:]
    elif op in ("surrogate", "cesu"):
        i = rng.randrange(len(data))
        raw_bytes = data[:i] + b"\xed\xa0\x80" + (b"\xed\xb0\x80" if op == "cesu" else b"") + data[i:]
    elif op == "bom-utf16-le-text":
        raw_bytes = b"\xff\xfe" + data
    else:
        raw_bytes = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"])
    return name, raw_bytes, op


def nul_bytes(rng):
    name, data = _sample(rng)
    op = rng.randrange(4)
    if op == 0:
        b = bytearray(data)
        for _ in range(rng.randrange(1, 10)):
            b.insert(rng.randrange(len(b) + 1), 0)
        return name, bytes(b), "NUL bytes inserted"
    if op == 1:
        return name, b"\x00" * rng.choice([1, 2, 100, 100_000]), "only NUL bytes"
    if op == 2:
        return name, data + b"\x00" * rng.randrange(1, 100), "NUL bytes after the document"
    sample, tree = _sample_data(rng)
    paths = [p for p in _paths(tree) if isinstance(_get(tree, p), str)]
    path = rng.choice(paths)
    _set(tree, path, _get(tree, path) + "\u0000" + rng.choice(["", "\u0000x"]))
    return _name(rng, sample), dump(tree, rng), f"\\u0000 in {path}"


def odd_unicode(rng):
    name, data = _sample_data(rng)
    strings = [p for p in _paths(data) if isinstance(_get(data, p), str)]
    notes = []
    for _ in range(rng.randrange(1, 5)):
        path = rng.choice(strings)
        old = _get(data, path)
        insert = rng.choice(CONTROL_STRINGS + ["\\ud800", "\\udc00"])
        if insert.startswith("\\ud") or insert.startswith("\\udc"):
            value = raw(json.dumps(old, ensure_ascii=True)[:-1] + insert + '"')
        else:
            cut = rng.randrange(len(old) + 1)
            value = old[:cut] + insert + old[cut:]
        _set(data, path, value)
        notes.append(f"{insert!r} into {path}")
    # odd keys too: a key with / or ~ (JSON pointer escapes), empty, NUL
    if rng.random() < 0.3:
        objects = [p for p in _paths(data) if isinstance(_get(data, p), dict)]
        if objects:
            path = rng.choice(objects)
            key = rng.choice(["a/b", "~0", "~1", "", "\u0000", "\u2028", "键/值", " "])
            _get(data, path)[key] = odd_value(rng)
            notes.append(f"key {key!r} in {path}")
    return _name(rng, name), dump(data, rng), "; ".join(notes)


def huge_strings(rng):
    name, data = _sample_data(rng)
    size = rng.choice([100_000, 300_000, 1_000_000, 2_000_000])
    seed = rng.choice(["政府信息公开", "全年共受理申请12件，其中", "一", "1,", "约", " ", "（一）", "百分之", "\u0000", "a"])
    big = (seed * (size // len(seed) + 1))[:size]
    op = rng.randrange(5)
    if op == 4:
        return name, b" " * (10 * 1024 * 1024 + rng.randrange(1, 10)) + b"{}", "over the 10 MB limit"
    strings = [p for p in _paths(data) if isinstance(_get(data, p), str)]
    cells = _cells(data)
    path = rng.choice(cells if op == 0 and cells else strings)
    _set(data, path, big)
    return _name(rng, name), dump(data), f"{size} characters of {seed!r} in {path}"


NULL_DOCUMENTS = [
    b"", b"null", b"~", b"---", b"---\n", b"--- \n...\n", b"...", b"[]", b"{}", b"0", b"-1", b'""', b"true", b"false",
    b"[null]", b'{"format": null}', b"# only a comment\n", b"\n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbfnull", b"%YAML 1.2\n---\n",
    b"--- !!null\n", b"!!str", b"--- ''", b"null\n", b" null ", b"Null", b"NULL", b"[[]]", b"{{}}", b"\"\"\"",
    b'{"": null}', b"- ", b"-", b":", b"? ", b"&a", b"*a", b"!!map", b"--- []", b"{}\n---\n{}", b"\x1a", b"\t",
]


def null_documents(rng):
    doc = rng.choice(NULL_DOCUMENTS)
    name = rng.choice(["r.json", "r.yaml", "r.yml", "r", "r.txt", "-"])
    return name, doc, f"null-ish document {doc[:20]!r}"


def top_level(rng):
    name, data = _sample_data(rng)
    op = rng.randrange(7)
    if op == 0:
        value: Any = [data]
        note = "report inside a list"
    elif op == 1:
        value = {"report": data}
        note = "report inside {report: ...}"
    elif op == 2:
        value = odd_value(rng)
        note = f"top level = {value!r:.40}"
    elif op == 3:
        for key in rng.sample(sorted(data), rng.randrange(1, len(data) + 1)):
            del data[key]
        value, note = data, f"only {sorted(data)} left"
    elif op == 4:
        data["format"] = odd_value(rng)
        value, note = data, f"format = {data['format']!r:.40}"
    elif op == 5:
        key = rng.choice(["metadata", "tables", "sections", "registers", "preamble", "suppressions", "golocheck"])
        data[key] = odd_value(rng)
        value, note = data, f"{key} = {data[key]!r:.40}"
    else:
        tables = data.get("tables")
        if isinstance(tables, dict) and tables:
            table = rng.choice(sorted(tables))
            tables[table] = odd_value(rng)
            note = f"tables.{table} = {tables[table]!r:.40}"
        else:
            note = "no tables"
        value = data
    return _name(rng, name), dump(value, rng), note


def line_endings(rng):
    name, data = _sample(rng)
    text = data.decode("utf-8")
    op = rng.choice(["\r\n", "\r", "\u2028", "\u0085", "\u000b", "\n\n\n", " \t\n", "\u2029"])
    if op in ("\u2028", "\u0085", "\u000b", "\u2029"):
        # as whitespace between tokens they are invalid JSON; inside strings U+2028 is valid
        out = text.replace("\n", op) if rng.random() < 0.5 else text.replace("。", "。" + op)
    else:
        out = text.replace("\n", op)
    return name, out.encode("utf-8"), f"line ends {op!r}"


def duplicates_and_non_finite(rng):
    name, data = _sample(rng)
    text = data.decode("utf-8")
    keys = list(re.finditer(r'\n(\s*)("[^"\n]+"): ([^\n]*?)(,?)\n', text))
    notes = []
    for _ in range(rng.randrange(1, 4)):
        if not keys:
            break
        m = rng.choice(keys)
        if rng.random() < 0.5:
            extra = f'{m.group(2)}: {rng.choice(["0", "null", "NaN", "1", "[]", chr(34) + "x" + chr(34)])}, '
            text = text[:m.start(3)] + extra + text[m.start(3):]
            notes.append(f"duplicate key {m.group(2)}")
        else:
            token = rng.choice(["NaN", "Infinity", "-Infinity", "-NaN", "+1", ".5", "01", "1.", "0x10", "1e", "--1"])
            text = text[:m.start(3)] + token + text[m.end(3):]
            notes.append(f"{m.group(2)} = {token}")
        keys = list(re.finditer(r'\n(\s*)("[^"\n]+"): ([^\n]*?)(,?)\n', text))
    return name, text.encode("utf-8"), "; ".join(notes)


def combinations(rng):
    first, second = rng.sample([type_swaps, metadata_values, section_values, big_numbers, odd_unicode, top_level], 2)
    name, data, note = first(rng)
    b = bytearray(data)
    if len(b) and rng.random() < 0.5:
        b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        note += "; then a byte flip"
    else:
        b = bytearray(data[: rng.randrange(len(data) + 1)])
        note += "; then truncated"
    return name, bytes(b), f"{first.__name__}: {note}"


FAMILIES: dict[str, tuple[Callable, int]] = {
    # family: (generator, weight in the schedule)
    "byte-flips": (byte_flips, 10),
    "truncation": (truncation, 8),
    "splices": (splices, 8),
    "type-swaps": (type_swaps, 14),
    "wrong-type-in-every-cell": (wrong_type_in_every_cell, 5),
    "metadata-values": (metadata_values, 10),
    "section-values": (section_values, 6),
    "register-values": (register_values, 6),
    "deep-nesting": (deep_nesting, 3),
    "big-numbers": (big_numbers, 8),
    "odd-yaml": (odd_yaml, 10),
    "encodings": (encodings, 5),
    "nul-bytes": (nul_bytes, 3),
    "odd-unicode": (odd_unicode, 6),
    "huge-strings": (huge_strings, 1),
    "null-documents": (null_documents, 3),
    "top-level": (top_level, 6),
    "line-endings": (line_endings, 3),
    "duplicates-and-non-finite": (duplicates_and_non_finite, 5),
    "combinations": (combinations, 5),
}


def _schedule() -> tuple[str, ...]:
    """Families interleaved by weight (a smooth weighted round robin), so every
    stretch of the corpus mixes them."""
    credit = dict.fromkeys(FAMILIES, 0)
    total = sum(w for _, w in FAMILIES.values())
    order = []
    for _ in range(total):
        for family, (_, weight) in FAMILIES.items():
            credit[family] += weight
        best = max(credit, key=credit.get)
        credit[best] -= total
        order.append(best)
    return tuple(order)


SCHEDULE = _schedule()


def case(index: int) -> Case:
    family = SCHEDULE[index % len(SCHEDULE)]
    rng = random.Random(f"{SEED}:{index}")
    name, data, note = FAMILIES[family][0](rng)
    return Case(index, family, name, data, note.replace(_RAW, "raw:"))
