"""golocheck's data files ship compiled (golocheck/_compiled.json, see golocheck.yamlio):
nothing is read from or written to the user's home, a stale or corrupt artefact is never used,
and an installed wheel starts without parsing YAML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from golocheck import yamlio
from golocheck.paths import rules_dir
from helpers import ROOT, no_traceback, run_cli

GOLOG = ROOT / "sample_reports/golog-2018.json"  # exit 1: T107 at /tables/statistics/staff_total
CONCISE = ("--output-format", "concise", str(GOLOG))


@pytest.fixture(scope="module")
def normal_run():
    result = run_cli(*CONCISE)
    assert result.returncode == 1 and b"T107" in result.stdout, result.stderr.decode()
    return result


# -- no home directory is needed ------------------------------------------------------


def test_nothing_is_written_under_home(tmp_path, normal_run):
    home = tmp_path / "home"
    home.mkdir()
    result = run_cli(*CONCISE, env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    assert (result.returncode, result.stdout, result.stderr) == (1, normal_run.stdout, b"")
    assert list(home.rglob("*")) == []


def test_an_unusable_home_changes_nothing(tmp_path, normal_run):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    for home in (tmp_path / "does-not-exist", blocker / "home"):  # missing; cannot be created
        result = run_cli(*CONCISE, env={"HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")})
        assert (result.returncode, result.stdout, result.stderr) == (1, normal_run.stdout, b"")


# -- the artefact in a source checkout --------------------------------------------------


@pytest.fixture
def artefact_at(tmp_path, monkeypatch):
    """Point golocheck.yamlio at an artefact of the test's own; returns its path."""
    path = tmp_path / "_compiled.json"
    monkeypatch.setattr(yamlio, "artefact_path", lambda: path)
    yamlio.artefact.cache_clear()
    yield path
    yamlio.artefact.cache_clear()


def test_an_entry_is_used_only_while_its_source_is_unchanged(tmp_path, artefact_at):
    """An artefact compiled before T107.yaml was edited: T107 comes from the YAML file, the
    untouched rules from the artefact."""
    older = tmp_path / "rules"
    shutil.copytree(rules_dir(), older, ignore=shutil.ignore_patterns("phrases"))
    edited = older / "T107.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("\nname: ", "\nname: old-", 1), encoding="utf-8")
    artefact_at.write_text(yamlio.compile_sources({"rules": older}), encoding="utf-8")

    assert yamlio.load_yaml_file(rules_dir() / "T106.yaml")["name"] == yamlio.parse_yaml((rules_dir() / "T106.yaml").read_bytes())["name"]
    current = yamlio.load_yaml_file(rules_dir() / "T107.yaml")
    assert not current["name"].startswith("old-")
    assert current == yamlio.parse_yaml((rules_dir() / "T107.yaml").read_bytes())
    assert yamlio.artefact().used == ["rules/T106.yaml"]


def test_the_artefact_is_what_is_read(artefact_at):
    """The data of an entry whose fingerprint matches is served as it is in the artefact."""
    source = rules_dir() / "T107.yaml"
    data = {**yamlio.parse_yaml(source.read_bytes()), "name": "from-the-artefact"}
    entry = {"fingerprint": yamlio.fingerprint(source.read_bytes()), "data": json.dumps(data, ensure_ascii=False)}
    artefact_at.write_text(yamlio.artefact_text({"rules/T107.yaml": entry}), encoding="utf-8")
    assert yamlio.load_yaml_file(source)["name"] == "from-the-artefact"


@pytest.mark.parametrize("damage", ["truncated", "edited", "not-json", "empty"])
def test_a_damaged_artefact_is_ignored(artefact_at, damage):
    text = yamlio.compile_sources(yamlio.source_directories())
    damaged = {
        "truncated": text[: len(text) // 2],
        "edited": text.replace('"name\\":\\"', '"name\\":\\"x', 1),  # still valid JSON
        "not-json": text.split("\n", 1)[0] + "\n[1, 2]",
        "empty": "",
    }[damage]
    artefact_at.write_text(damaged, encoding="utf-8")
    source = rules_dir() / "T107.yaml"
    assert yamlio.load_yaml_file(source) == yamlio.parse_yaml(source.read_bytes())
    assert yamlio.artefact().used == [] and str(artefact_at) in yamlio.artefact().problem


def test_every_shipped_data_file_is_compiled():
    """A file left out of the artefact (not JSON-shaped: a date, an integer key) would be
    parsed from YAML on every start."""
    compiled = json.loads(yamlio.compile_sources(yamlio.source_directories()).split("\n", 1)[1])["files"]
    shipped = {f"{prefix}/{path.name}" for prefix, directory in yamlio.source_directories().items() for path in directory.glob("*.yaml")}
    assert len(shipped) > 90 and set(compiled) == shipped


# -- the catalogue, validated when the artefact is compiled ----------------------------


def _sources():
    from golocheck.paths import PACKAGE_DIR

    return yamlio.validation_sources(yamlio.source_directories(), PACKAGE_DIR)


def test_the_shipped_catalogue_passes_its_full_validation():
    """What runs trust: the shipped rules' parameters fit their kinds and the formats."""
    from golocheck.catalogue import load_catalogue

    assert len(load_catalogue.__wrapped__(trust_compiled=False)) > 80


def test_the_catalogue_is_trusted_only_while_every_source_matches(artefact_at):
    sources = _sources()
    assert {"rules/T107.yaml", "formats/gov-2014.yaml", "code/checks/params.py", "code/catalogue.py"} <= set(sources)
    edited = {**sources, "code/checks/params.py": "1:00000000:00000000"}  # compiled before params.py changed
    gone = {key: value for key, value in sources.items() if key != "rules/T107.yaml"}  # T107 added since
    extra = {**sources, "rules/T999.yaml": sources["rules/T107.yaml"]}  # a rule file deleted since
    for validated, trusted in ((sources, True), (edited, False), (gone, False), (extra, False), (None, False)):
        artefact_at.write_text(yamlio.artefact_text({}, validated), encoding="utf-8")
        yamlio.artefact.cache_clear()
        assert yamlio.catalogue_validated() is trusted, validated


def _count_validations(monkeypatch) -> list:
    import golocheck.checks

    calls = []
    real = golocheck.checks.validate_params
    monkeypatch.setattr(golocheck.checks, "validate_params", lambda rule, found=None: calls.append(rule.code) or real(rule, found))
    return calls


def test_a_trusted_catalogue_is_not_validated_again_and_an_untrusted_one_is(artefact_at, monkeypatch):
    from golocheck.catalogue import load_catalogue

    calls = _count_validations(monkeypatch)
    artefact_at.write_text(yamlio.artefact_text({}, _sources()), encoding="utf-8")
    trusted = load_catalogue.__wrapped__()
    assert calls == [] and "T107" in trusted
    artefact_at.write_text(yamlio.artefact_text({}, {**_sources(), "rules/T107.yaml": "0:0:0"}), encoding="utf-8")
    yamlio.artefact.cache_clear()
    assert load_catalogue.__wrapped__() == trusted and len(calls) == len(trusted)


def test_rules_of_extra_directories_are_validated_even_when_the_shipped_ones_are_trusted(tmp_path, artefact_at, monkeypatch):
    from golocheck.catalogue import CatalogueError, load_catalogue

    artefact_at.write_text(yamlio.artefact_text({}, _sources()), encoding="utf-8")
    extra = tmp_path / "extra"
    extra.mkdir()
    rule = (rules_dir() / "T107.yaml").read_text(encoding="utf-8")
    assert "staff_total" in rule
    broken = rule.replace("code: T107", "code: Z901").replace("\nname: ", "\nname: z901-", 1).replace("staff_total", "no_such_row")
    (extra / "Z901.yaml").write_text(broken, encoding="utf-8")
    calls = _count_validations(monkeypatch)
    with pytest.raises(CatalogueError, match=r"Z901\.yaml:\d+: .*no_such_row"):
        load_catalogue.__wrapped__((extra,))
    assert calls == ["Z901"]


def test_compiling_records_the_validation_only_for_a_valid_catalogue(monkeypatch, capsys):
    from golocheck import catalogue, compile
    from golocheck.paths import PACKAGE_DIR

    directories = yamlio.source_directories()
    assert compile.validated_sources(directories, PACKAGE_DIR) == _sources()

    def broken(**_):
        raise catalogue.CatalogueError("rules/T107.yaml: params/total: cell 'x' does not exist")

    monkeypatch.setattr(catalogue, "load_catalogue", broken)
    assert compile.validated_sources(directories, PACKAGE_DIR) is None
    assert "T107.yaml" in capsys.readouterr().err


# -- the catalogue and the format definitions, stored built ---------------------------


def _with_built(text: str, change=None, validated=None) -> str:
    """The artefact ``text`` again, its built rules passed through ``change`` (a list of
    rule forms -> None) and its validation replaced by ``validated`` when given."""
    content = json.loads(text.partition("\n")[2])
    built = dict(content["built"])
    if change is not None:
        forms = json.loads(built["catalogue"])
        change(forms)
        built["catalogue"] = json.dumps(forms, ensure_ascii=False)
    return yamlio.artefact_text(content["files"], validated or content["validated"], content.get("patterns"), built)


def _retitled(forms) -> None:
    (form,) = [form for form in forms if form[1] == "T107"]
    form[3][0] = "从构建形式"  # title, zh


def _count_reads(monkeypatch) -> list:
    calls = []
    real = yamlio.load_yaml_file
    monkeypatch.setattr(yamlio, "load_yaml_file", lambda path: calls.append(Path(path).name) or real(path))
    return calls


def test_a_trusted_catalogue_is_made_from_its_built_form_and_equals_the_one_read(artefact_at, compiled_text, monkeypatch):
    """No rule file is read for its data (each is read once, for its fingerprint), and the
    rules are the same as those read from the files and validated, examples included."""
    from golocheck.catalogue import load_catalogue

    artefact_at.write_text(compiled_text, encoding="utf-8")
    calls = _count_reads(monkeypatch)
    built = load_catalogue.__wrapped__()
    assert calls == [] and yamlio.catalogue_validated() and len(built) > 80
    assert {f"rules/{rule.source.name}" for rule in built.values()} <= set(yamlio.artefact().used)
    read = load_catalogue.__wrapped__(trust_compiled=False)
    assert list(built) == list(read) and built == read
    assert all(dict(built[code].examples) == dict(read[code].examples) for code in read)
    assert built["T107"].source == read["T107"].source and built["T107"].formats == read["T107"].formats


def test_the_built_catalogue_is_what_a_trusted_run_uses_and_never_a_stale_one(artefact_at, compiled_text):
    from golocheck.catalogue import load_catalogue

    artefact_at.write_text(_with_built(compiled_text, _retitled), encoding="utf-8")
    assert load_catalogue.__wrapped__()["T107"].title.zh == "从构建形式"  # the built form is what is used
    stale = {**_sources(), "rules/T107.yaml": "0:0:0"}  # built before T107.yaml was edited
    artefact_at.write_text(_with_built(compiled_text, _retitled, stale), encoding="utf-8")
    yamlio.artefact.cache_clear()
    assert load_catalogue.__wrapped__()["T107"].title == load_catalogue.__wrapped__(trust_compiled=False)["T107"].title
    assert load_catalogue.__wrapped__()["T107"].title.zh != "从构建形式"


def test_the_sources_are_read_again_when_the_catalogue_is_loaded_afresh(artefact_at, compiled_text, monkeypatch):
    """The fingerprints are read once per loaded catalogue, not once per process: a rule
    file edited before load_catalogue.cache_clear() is never served from the built form."""
    from golocheck.catalogue import load_catalogue

    artefact_at.write_text(compiled_text, encoding="utf-8")
    assert yamlio.catalogue_validated()
    real = yamlio.validation_sources
    monkeypatch.setattr(yamlio, "validation_sources", lambda *a: {**real(*a), "rules/T107.yaml": "edited"})
    assert yamlio.catalogue_validated()  # read once for this catalogue
    load_catalogue.cache_clear()
    try:
        assert not yamlio.catalogue_validated()
    finally:
        load_catalogue.cache_clear()


def test_the_format_definitions_are_made_from_their_built_form_only_while_trusted(artefact_at, compiled_text, monkeypatch):
    from golocheck import formats
    from golocheck.paths import formats_dir, yaml_files

    paths = yaml_files(formats_dir())
    artefact_at.write_text(compiled_text, encoding="utf-8")
    calls = _count_reads(monkeypatch)
    built = [formats.load_format_file(path) for path in paths]
    assert calls == [] and len(built) >= 4
    assert built == [formats._build(yamlio.parse_yaml(path.read_bytes()), path) for path in paths]
    artefact_at.write_text(_with_built(compiled_text, validated={**_sources(), f"formats/{paths[0].name}": "0:0:0"}), encoding="utf-8")
    yamlio.artefact.cache_clear()
    assert [formats.load_format_file(path) for path in paths] == built and calls == [path.name for path in paths]


def test_the_built_form_is_kept_only_with_the_validation(compiled_text):
    content = json.loads(compiled_text.partition("\n")[2])
    assert set(content["built"]) == {"catalogue", "formats"}
    again = json.loads(yamlio.artefact_text(content["files"], None, None, content["built"]).partition("\n")[2])
    assert "built" not in again


def _served(path) -> dict:
    """Every entry of the artefact at ``path`` as a run gets it, and whether the marshal form
    served it."""
    found = yamlio._Artefact(path)
    assert found.problem is None
    for entry in found.files.values():
        entry["fingerprint"] = yamlio.fingerprint(b"")  # so that lookup serves it for an empty source
    data = {key: found.lookup(key, b"")[1] for key in found.files}
    built = {"catalogue": found.built_part("catalogue"), "formats": {key: found.built_part("formats", key) for key in found.built.get("formats", {})}}
    return {"quick": all("blob" in entry for entry in found.files.values()), "data": data, "patterns": found.patterns, "built": built}


@pytest.fixture(scope="module")
def compiled_text() -> str:
    """The installed artefact's text (compiling it again would parse every YAML file)."""
    text = yamlio.artefact_path().read_text(encoding="utf-8")
    assert '"patterns":' in text, "run python -m golocheck.compile"
    return text


def test_the_marshal_form_serves_the_same_data_and_anything_amiss_falls_back_to_the_json(tmp_path, compiled_text):
    text = compiled_text
    path = tmp_path / "_compiled.json"
    quick = path.with_name(yamlio.QUICK_NAME)
    path.write_text(text, encoding="utf-8")
    from_json = _served(path)
    assert not from_json["quick"] and len(from_json["data"]) > 90
    yamlio.write_compiled(path, text)
    from_quick = _served(path)
    assert from_quick["quick"] and from_quick["data"] == from_json["data"] and from_quick["patterns"] == from_json["patterns"]
    assert from_quick["built"] == from_json["built"] and from_quick["built"]["catalogue"]
    good = quick.read_bytes()
    header, _, payload = good.partition(b"\n")
    for damaged in (good[: len(good) // 2], header + b"\n" + payload[:-1] + bytes([payload[-1] ^ 1]), b"",
                    header.replace(b"python", b"python9", 1) + b"\n" + payload, b"x" * 100):
        quick.write_bytes(damaged)
        assert _served(path) == from_json
    quick.write_bytes(good)
    content = json.loads(text.partition("\n")[2])
    path.write_text(yamlio.artefact_text(content["files"]), encoding="utf-8")  # the JSON rewritten alone
    again = _served(path)
    assert not again["quick"] and again["data"] == from_json["data"] and again["patterns"] == {}


def test_the_marshal_form_serves_without_the_json_body_read(tmp_path, compiled_text, monkeypatch):
    """With a marshal form written from the artefact, only the artefact's header line and
    size are read (its body, ≈ 1 MB, is neither decoded nor fingerprinted)."""
    path = tmp_path / "_compiled.json"
    yamlio.write_compiled(path, compiled_text)
    body = compiled_text.partition("\n")[2].encode("utf-8")
    sizes = []
    real = yamlio.fingerprint
    monkeypatch.setattr(yamlio, "fingerprint", lambda raw: sizes.append(len(raw)) or real(raw))
    found = yamlio._Artefact(path)
    assert found.problem is None and all("blob" in entry for entry in found.files.values())
    assert len(body) not in sizes and len(sizes) == 1  # the marshal payload's own checksum only
    path.write_bytes(path.read_bytes() + b" ")  # not the size the marshal form names: the JSON decides
    sizes.clear()
    assert yamlio._Artefact(path).problem is not None and len(body) + 1 in sizes


def test_a_broken_json_artefact_is_not_replaced_by_its_marshal_form(tmp_path, compiled_text):
    path = tmp_path / "_compiled.json"
    text = compiled_text
    yamlio.write_compiled(path, text)
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    found = yamlio._Artefact(path)
    assert found.files == {} and str(path) in found.problem


# -- an installed wheel -----------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", ".", "--no-deps", "-w", str(out)],
                           cwd=ROOT, capture_output=True, timeout=600)
    assert built.returncode == 0, built.stderr.decode()
    (path,) = out.glob("golocheck-*.whl")
    return path


@pytest.fixture
def installed(wheel, tmp_path) -> Path:
    """The wheel unpacked (a pure-Python wheel: unpacking is installing, less the script)."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


# Runs golocheck from the unpacked wheel with PyYAML unimportable, and says on stderr which
# package ran and how many data files came from the artefact.
_RUNNER = """
import atexit, sys
sys.modules["yaml"] = None
import golocheck, golocheck.yamlio, golocheck.narrative.lazyre
atexit.register(lambda: print("RAN", golocheck.__file__, len(golocheck.yamlio.artefact().used), golocheck.yamlio.catalogue_validated(),
                              len(golocheck.narrative.lazyre._shipped()),
                              all("blob" in e for e in golocheck.yamlio.artefact().files.values()), file=sys.stderr))
from golocheck.cli import main
sys.argv = ["golocheck", *sys.argv[1:]]
main()
"""


def _run_installed(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-c", _RUNNER, *args], cwd=ROOT, env=env, capture_output=True, timeout=120)


def test_the_wheel_holds_the_artefact_and_starts_without_yaml(wheel, installed, normal_run):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "golocheck/_compiled.json" in names and "golocheck/_data/rules/T107.yaml" in names and "golocheck/_compiled.marshal" in names
    result = _run_installed(installed, *CONCISE)
    *_, ran = result.stderr.decode().splitlines()
    _, package, used, trusted, patterns, quick = ran.split()
    assert Path(package).is_relative_to(installed)
    assert result.returncode == 1 and result.stdout == normal_run.stdout
    assert int(used) > 90  # every rule, format and the phrase catalogue
    assert trusted == "True"  # the build validated the catalogue: the run does not again
    assert int(patterns) > 140  # the build read the shipped patterns for the prefilter: the run does not
    assert quick == "True"  # the data came from the marshal form the build wrote


def test_a_corrupt_artefact_falls_back_to_the_installed_sources(installed, normal_run):
    artefact = installed / "golocheck" / "_compiled.json"
    artefact.write_bytes(artefact.read_bytes()[:1000])  # truncated
    env = {**os.environ, "PYTHONPATH": str(installed), "NO_COLOR": "1", "COLUMNS": "120"}
    result = subprocess.run([sys.executable, "-m", "golocheck", *CONCISE], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (1, normal_run.stdout, b"")


def test_a_corrupt_artefact_without_sources_is_one_error_naming_it(installed):
    artefact = installed / "golocheck" / "_compiled.json"
    artefact.write_bytes(artefact.read_bytes()[:1000])
    for source in (installed / "golocheck" / "_data" / "rules").glob("*.yaml"):
        source.unlink()
    env = {**os.environ, "PYTHONPATH": str(installed), "NO_COLOR": "1", "COLUMNS": "120"}
    result = subprocess.run([sys.executable, "-m", "golocheck", *CONCISE], cwd=ROOT, env=env, capture_output=True, timeout=120)
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2 and result.stdout == b"" and no_traceback(result)
    assert len(lines) == 1 and lines[0].startswith("golocheck: error: ")
    assert str(artefact) in lines[0] and "corrupt" in lines[0] and "golog-2018" not in lines[0]
