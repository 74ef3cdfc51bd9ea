"""Checks across the reports of one batch (golocheck.across): aggregation manifests (A001,
A002) and sections copied between issuers (A003), on reports built from the real samples.

The county reports here are synthetic (labelled so in their metadata and file names):
each is derived from sample_reports/huaian-2024.json by splitting every whole-number cell
in three, so that the real report is their sum, figure for figure."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from helpers import ROOT

from golocheck import check_command
from golocheck.api import check_batch
from golocheck.formats import get_format

SAMPLES = ROOT / "sample_reports"
CITY_SAMPLE = SAMPLES / "huaian-2024.json"
COUNTIES = 3


def _split(node, share: int):
    """A whole-number cell's part for county ``share`` (the parts add up to the cell);
    anything else (an amount with decimals, a blank) goes to county 0 whole."""
    if isinstance(node, dict):
        return {key: _split(value, share) for key, value in node.items()}
    if isinstance(node, bool) or node is None or isinstance(node, str):
        return node
    if isinstance(node, int):
        return node - (COUNTIES - 1) * (node // COUNTIES) if share == 0 else node // COUNTIES
    return node if share == 0 else 0


def _write(path: Path, report: dict) -> Path:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _numbered_cell(report: dict) -> str:
    """The pointer of the first cell of the format (its definition's order) holding a figure
    of at least 3 in the sample: a cell every county has a part of."""
    for cell in get_format(report["format"]).cells():
        node = report
        for part in cell.pointer.split("/")[1:]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, int) and not isinstance(node, bool) and node >= COUNTIES:
            return cell.pointer
    raise AssertionError("no figure in the sample")


def _set(report: dict, pointer: str, value) -> None:
    *parents, last = pointer.split("/")[1:]
    node = report
    for part in parents:
        node = node[part]
    node[last] = value


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """city.json (the real sample) = synthetic-county-0/1/2.json, and the manifest."""
    folder = tmp_path_factory.mktemp("aggregate")
    city = json.loads(CITY_SAMPLE.read_text(encoding="utf-8"))
    counties = []
    for n in range(COUNTIES):
        county = copy.deepcopy(city)
        county["tables"] = _split(city["tables"], n)
        county["metadata"]["issuer"] = f"合成县{n}人民政府"
        county["metadata"]["notes"] = "synthetic: derived from sample_reports/huaian-2024.json, its cells split in three"
        counties.append(county)
    paths = {"city": _write(folder / "city.json", city)}
    for n, county in enumerate(counties):
        paths[n] = _write(folder / f"synthetic-county-{n}.json", county)
    manifest = folder / "manifest.toml"
    manifest.write_text('[[sum]]\nreport = "city.json"\nsum_of = ["synthetic-county-0.json", "synthetic-county-1.json", "synthetic-county-2.json"]\n', encoding="utf-8")
    return {"folder": folder, "city": city, "counties": counties, "paths": paths, "manifest": manifest, "cell": _numbered_cell(city)}


def _variant(batch, name: str, county: int, change) -> list[Path]:
    """The batch with county ``county`` changed by ``change(report)``, in a folder of its own."""
    folder = batch["folder"] / name
    folder.mkdir()
    paths = [_write(folder / "city.json", batch["city"])]
    for n, report in enumerate(batch["counties"]):
        report = copy.deepcopy(report)
        if n == county:
            change(report)
        paths.append(_write(folder / f"synthetic-county-{n}.json", report))
    (folder / "manifest.toml").write_bytes(batch["manifest"].read_bytes())
    return paths


def _across(results, codes=("A001", "A002", "A003")):
    return [(Path(r.path).name, d) for r in results for d in r.diagnostics if d.code in codes]


def test_the_sum_of_the_counties_is_silent(batch):
    paths = batch["paths"]
    results = check_batch([paths["city"], paths[0], paths[1], paths[2]], aggregate=batch["manifest"], across=False)
    assert _across(results) == []


def test_a_planted_difference_is_found_with_both_sides(batch):
    cell = batch["cell"]

    def plant(report):
        node = report
        for part in cell.split("/")[1:]:
            node = node[part]
        _set(report, cell, node + 1)

    paths = _variant(batch, "planted", 1, plant)
    results = check_batch(paths, aggregate=paths[0].parent / "manifest.toml", across=False)
    found = _across(results)
    assert [(name, d.code, d.pointer) for name, d in found] == [("city.json", "A001", cell)]
    d = found[0][1]
    assert d.location.source_span is not None  # the total's place
    assert sorted((Path(r.file).name, r.pointer) for r in d.related) == [(f"synthetic-county-{n}.json", cell) for n in range(COUNTIES)]
    assert all(r.span is not None for r in d.related)  # each child's place, line:column
    assert d.args["total_value"] != d.args["sum"] and "合成县1人民政府" in d.message.zh
    # the same sum named by issuers (YAML): the same finding
    by_issuer = paths[0].parent / "by-issuer.yaml"
    by_issuer.write_text(json.dumps({"sum": [{"report": {"issuer": batch["city"]["metadata"]["issuer"]},
                                              "sum_of": [{"issuer": f"合成县{n}人民政府"} for n in range(COUNTIES)]}]}, ensure_ascii=False), encoding="utf-8")
    again = _across(check_batch(paths, aggregate=by_issuer, across=False))
    assert [(name, d.code, d.pointer) for name, d in again] == [("city.json", "A001", cell)]


def test_a_blank_child_cell_is_one_cannot_be_checked(batch):
    cell = batch["cell"]
    second = next(c.pointer for c in get_format("gov-2021").cells() if c.pointer != cell)
    paths = _variant(batch, "blank", 2, lambda r: (_set(r, cell, None), _set(r, second, None)))
    results = check_batch(paths, aggregate=paths[0].parent / "manifest.toml", across=False)
    found = _across(results)
    assert [(name, d.code, d.pointer) for name, d in found] == [("city.json", "A002", "")]
    d = found[0][1]
    assert d.args["count"] == 2 and d.args["other_report"].endswith("synthetic-county-2.json")
    assert [Path(r.file).name for r in d.related] == ["synthetic-county-2.json"]


def test_a_missing_child_report_is_one_cannot_be_checked(batch):
    paths = batch["paths"]
    results = check_batch([paths["city"], paths[0], paths[1]], aggregate=batch["manifest"], across=False)
    found = _across(results)
    assert [(name, d.code) for name, d in found] == [("city.json", "A002")]
    assert found[0][1].args["count"] == len(list(get_format("gov-2021").cells()))


# -- the command line: --aggregate, the configuration key, manifest errors ---------------


def _run(capsys, files, **options) -> tuple[int, dict | None, str]:
    code = check_command.run(check_command.CheckOptions(files=list(files), output_format="json", isolated=options.pop("isolated", True), select=["A"], **options))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_the_command_line_and_the_configuration_key(batch, capsys, tmp_path):
    paths = _variant(batch, "cli", 0, lambda r: _set(r, batch["cell"], 0))
    code, output, _ = _run(capsys, paths, aggregate=paths[0].parent / "manifest.toml")
    assert code == 1 and [(d["code"], Path(d["file"]).name) for d in output["diagnostics"]] == [("A001", "city.json")]
    # the key is relative to the configuration file
    config = paths[0].parent / "golocheck.toml"
    config.write_text('aggregate = "manifest.toml"\n', encoding="utf-8")
    code, output, _ = _run(capsys, paths, config=config, isolated=False)
    assert code == 1 and [d["code"] for d in output["diagnostics"]] == ["A001"]


@pytest.mark.parametrize("manifest, says", [
    ('[[sum]]\nreport = "city.json"\nsum_of = ["nowhere.json"]\n', "unknown file nowhere.json"),
    ('[[sum]]\nreport = "city.json"\nsum_of = ["synthetic-county-0.json"]\n[[sum]]\nreport = "synthetic-county-0.json"\nsum_of = ["city.json"]\n', "cycle"),
    ('[[sum]]\nreport = "city.json"\nsum_of = ["synthetic-county-0.json"]\n[[sum]]\nreport = "synthetic-county-1.json"\nsum_of = ["synthetic-county-0.json"]\n', "part of two sums"),
    ("sum: [{report: city.json, sum_of: [synthetic-county-2.json]}]\n", "differ in format or year"),
    ("[[sum]]\nreport = 3\n", "needs 'report' and 'sum_of'"),
    ('[[sum]]\nreport = "city.json"\nsum_of = ["synthetic-county-0.json"]\n[[sum]]\nreport = "synthetic-county-1.json"\nsum_of = [{issuer = "合成县0人民政府"}]\n', "part of two sums or of its own"),
])
def test_manifest_errors_are_one_line_and_exit_2(batch, capsys, manifest, says):
    folder = batch["folder"] / f"bad-{abs(hash(manifest))}"
    folder.mkdir()
    city = _write(folder / "city.json", batch["city"])
    counties = [_write(folder / f"synthetic-county-{n}.json", r) for n, r in enumerate(batch["counties"])]
    other_year = json.loads(counties[2].read_text(encoding="utf-8"))
    other_year["metadata"]["report_year"] = 2023
    _write(counties[2], other_year)
    path = folder / ("manifest.yaml" if manifest.startswith("sum:") else "manifest.toml")
    path.write_text(manifest, encoding="utf-8")
    code, output, err = _run(capsys, [city, *counties], aggregate=path)
    assert code == 2 and output is None
    assert err.startswith("golocheck: error: ") and err.count("\n") == 1 and says in err


def test_a_manifest_that_is_not_there_and_a_year_found_late_with_a_baseline(batch, capsys, tmp_path):
    code, _, err = _run(capsys, [batch["paths"]["city"]], aggregate=tmp_path / "none.toml")
    assert code == 2 and err.startswith("golocheck: error: --aggregate: cannot read") and err.count("\n") == 1
    # the years differ: known only once the reports are read, also where results are collected first
    paths = _variant(batch, "late", 2, lambda r: r["metadata"].update(report_year=2023))
    code, output, err = _run(capsys, paths, aggregate=paths[0].parent / "manifest.toml", write_baseline=tmp_path / "b.json")
    assert code == 2 and "differ in format or year" in err and err.count("\n") == 1


def test_in_two_processes_the_findings_are_the_same(batch):
    from golocheck.across.stage import prepare, with_findings
    from golocheck.catalogue import load_catalogue
    from golocheck.run import Job, run_jobs

    paths = _variant(batch, "jobs", 1, lambda r: _set(r, batch["cell"], 0))
    rules = load_catalogue()
    plan = prepare(rules, paths[0].parent / "manifest.toml", False)
    jobs = [Job(p, str(p), across=plan.spec) for p in paths]
    results = list(with_findings(run_jobs(jobs, 2), jobs, plan, rules))
    assert [(Path(r.path).name, d.code, d.pointer) for r in results for d in r.diagnostics if d.code.startswith("A")] == [("city.json", "A001", batch["cell"])]


# -- copied sections ---------------------------------------------------------------------


def _sample(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def copied(tmp_path_factory):
    """hongze-2024 (淮安市洪泽区) with its 一、总体情况 replaced by huaian-2024's (淮安市), and
    hongze-2023 with the same section as hongze-2024's: same issuer, another year."""
    folder = tmp_path_factory.mktemp("copies")
    city, district, last_year = _sample("huaian-2024"), _sample("hongze-2024"), _sample("hongze-2023")
    copied_district = copy.deepcopy(district)
    copied_district["sections"][0]["text"] = city["sections"][0]["text"]
    same_body = copy.deepcopy(last_year)
    same_body["sections"][0]["text"] = district["sections"][0]["text"]
    return {
        "city": _write(folder / "huaian-2024.json", city),
        "district": _write(folder / "hongze-2024.json", district),
        "copied": _write(folder / "hongze-2024-copied.json", copied_district),
        "same_body": _write(folder / "hongze-2023-same-text.json", same_body),
    }


def test_real_samples_are_not_copies_of_each_other():
    paths = sorted(SAMPLES.glob("*.json"))
    assert _across(check_batch(paths)) == []


def test_a_section_copied_from_another_issuer_of_the_same_year_is_a_warning(copied):
    results = check_batch([copied["city"], copied["copied"]])
    found = _across(results)
    assert [(name, d.code, d.pointer, d.severity.value) for name, d in found] == [("hongze-2024-copied.json", "A003", "/sections/0/text", "warning")]
    d = found[0][1]
    assert d.location.source_span is not None and d.args["similarity"] == "100%"
    assert [(Path(r.file).name, r.pointer) for r in d.related] == [("huaian-2024.json", "/sections/0/text")]
    assert d.related[0].span is not None and "淮安市人民政府" in d.message.zh


def test_the_same_issuer_of_another_year_is_silent(copied):
    assert _across(check_batch([copied["same_body"], copied["district"]])) == []


def test_without_across_nothing_is_compared(copied):
    assert _across(check_batch([copied["city"], copied["copied"]], across=False)) == []


def test_every_output_format_shows_both_places(copied, batch):
    """Each reporter names the later report and the earlier one it was copied from, and the
    total and each child of an aggregation."""
    from golocheck.records import replace

    from golocheck.catalogue import load_catalogue
    from golocheck.reporters import REPORTERS, ReportOptions
    from helpers import rendered

    results = check_batch([copied["city"], copied["copied"]], selection=_only_a003())
    # only the copy (the samples' own always-reported findings, M004, aside)
    results = [replace(r, diagnostics=tuple(d for d in r.diagnostics if d.code == "A003")) for r in results]
    assert [d.code for r in results for d in r.diagnostics] == ["A003"]
    for fmt in REPORTERS:
        text = rendered(fmt, results, load_catalogue(), ReportOptions())
        assert "hongze-2024-copied.json" in text and "huaian-2024.json" in text, fmt
        if fmt == "sarif":
            result = json.loads(text)["runs"][0]["results"][0]
            assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("huaian-2024.json")
    paths = _variant(batch, "formats", 1, lambda r: _set(r, batch["cell"], 0))
    results = check_batch(paths, aggregate=paths[0].parent / "manifest.toml", across=False)
    results = [replace(r, diagnostics=tuple(d for d in r.diagnostics if d.code == "A001")) for r in results]
    assert [d.code for r in results for d in r.diagnostics] == ["A001"]
    for fmt in REPORTERS:
        text = rendered(fmt, results, load_catalogue(), ReportOptions())
        assert "city.json" in text and all(f"synthetic-county-{n}.json" in text for n in range(COUNTIES)), fmt


def _only_a003():
    from golocheck.engine import Selection

    return Selection(select=("A003",))


# -- the candidate search is not all-pairs ------------------------------------------------

_POOL = "政府信息公开工作年度报告本机关坚持以人民为中心围绕中心服务大局推进决策执行管理服务结果公开加强政策解读回应社会关切优化平台建设完善制度规范提升基层标准化规范化水平"


def _signatures(count: int, seed: int):
    """``count`` signatures of synthetic reports: each with its own text, a fixed template
    paragraph every report shares (boilerplate), and report 7's section copied by the last."""
    import random

    from golocheck.across.signatures import AcrossSpec, build
    from golocheck.loading import load_text

    rng = random.Random(seed)
    shared = "".join(rng.choice(_POOL) for _ in range(300))
    texts = ["".join(rng.choice(_POOL) for _ in range(400)) for _ in range(count)]
    texts[-1] = texts[7]
    spec = AcrossSpec(ngram=8, sketch_size=256, min_chars=60)
    signatures = []
    for n, text in enumerate(texts):
        report = {"format": "gov-2021", "metadata": {"issuer": f"合成{n}县人民政府", "report_year": 2024},
                  "sections": [{"heading": "一、总体情况", "text": text}, {"heading": "六、其他需要报告的事项", "text": shared}]}
        loaded = load_text(f"synthetic-{n}.json", json.dumps(report, ensure_ascii=False).encode())
        signatures.append((n, build(loaded, spec)))
    return signatures


def test_the_candidate_search_grows_less_than_the_pairs():
    from golocheck.across.copies import CopyParams, find_copies

    work = {}
    for count in (100, 300):
        search = find_copies(_signatures(count, seed=count), CopyParams())
        # the planted copy, and nothing else: the shared paragraph is boilerplate
        assert [(c.later, c.later_section, c.earlier, c.earlier_section) for c in search.copies] == [(count - 1, 0, 7, 0)]
        work[count] = search.candidate_pairs_counted + search.comparisons
        assert search.comparisons < count  # far fewer than the count * (count - 1) / 2 pairs
    assert work[300] / work[100] < 9 / 2  # all pairs would grow 9-fold; this about 3-fold
