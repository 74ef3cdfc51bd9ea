"""The html review page (--output-format html): a batch of every sample report, opened in
headless Chromium (tests/cdp.py) and checked as a person sees it — the summary figures,
sorting, filtering, a marked cell and its linked related cells, a marked sentence, the
rule's explanation, no console errors — and a report full of markup that must stay text,
checked in the browser and by parsing the page. A screenshot is kept as an artefact.

One batch, one hostile page and one browser for the module: the browser tests are few and
share them."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cdp
from helpers import ROOT

ARTIFACTS = ROOT / "build" / "test-artifacts"
GOLOG = "sample_reports/golog-2018.json"
# What a hostile report tries to put into the page
PAYLOADS = ('<script>window.__pwned = "script"</script>', '"><img src=x onerror="window.__pwned = \'img\'">',
            "<svg onload=\"window.__pwned = 'svg'\"></svg>", "</script><script>window.__pwned = 'json'</script>")


def _check(files: list[str], output: Path, fmt: str, tmp_cwd: Path = ROOT, lang: str | None = None) -> int:
    """The check command in this process, as the command line runs it."""
    from golocheck.check_command import CheckOptions, run

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_cwd)
        return run(CheckOptions(files=[Path(f) for f in files], output_format=fmt, output_file=output, lang=lang))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The review page of one batch of every sample report, written by the check command, and
    the JSON output of the same results (rendered from them as they went by: one batch run)."""
    from golocheck import reporters

    page = tmp_path_factory.mktemp("review") / "review.html"
    seen, render = [], reporters.render

    def keeping(name, results, catalogue, options, out):
        render(name, (seen.append(r) or r for r in results), catalogue, options, out)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reporters, "render", keeping)
        assert _check(["sample_reports"], page, "html") == 1
    document = json.loads(reporters.render_text("json", seen, {}, reporters.ReportOptions()))
    assert len(seen) == document["summary"]["files"] > 10
    return page, document


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A report whose file name, issuer, title, headings, text and a cell carry markup."""
    report = json.loads((ROOT / "sample_reports" / "clean-gov-2021.json").read_text(encoding="utf-8"))
    report["metadata"]["issuer"] = PAYLOADS[0]
    report["metadata"]["title"] = PAYLOADS[1]
    report["sections"][0]["heading"] += PAYLOADS[2]
    # twice in a row: a repeated-text finding quotes it in its message
    report["sections"][0]["text"] += "。" + PAYLOADS[3] * 2 + "。"
    report["tables"]["art20_1"]["rules"]["issued"] = PAYLOADS[1]  # text in a cell: a finding quotes it
    folder = tmp_path_factory.mktemp("hostile")
    name = 'x"><img src=y onerror="window.__pwned=1">.json'
    (folder / name).write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    page = folder / "review.html"
    assert _check([name], page, "html", tmp_cwd=folder, lang="en") == 1
    return page


@pytest.fixture(scope="module")
def browser():
    started = cdp.require_browser()
    yield started
    started.close()


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.script_data = ""  # the text of <script id="golocheck-data">

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)
        if self.tags and self.tags[-1][1].get("id") == "golocheck-data":
            self.script_data += data


def _parse(page: Path) -> _Elements:
    parser = _Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


# ---------------------------------------------------------------- the page as a file


def test_the_page_is_self_contained(batch):
    """Opens from disk: no external script, style sheet, image, font or frame; the policy
    forbids loading anything."""
    page, _ = batch
    elements = _parse(page)
    for tag, attrs in elements.tags:
        assert not ({"src", "srcset", "action"} & set(attrs)), (tag, attrs)
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href  # only links inside the page
    policy = next(a["content"] for t, a in elements.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy


def test_markup_in_a_report_stays_text_in_the_parsed_page(hostile):
    elements = _parse(hostile)
    scripts = [a for t, a in elements.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "golocheck-data"}, {}]  # the page's own two
    assert not any(t in ("img", "svg") for t, _ in elements.tags)
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    text = "".join(elements.text)
    # shown, as text: the issuer, the title quoted by the cell finding, the repeated text, the file name
    for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[3], 'x"><img src=y onerror="window.__pwned=1">.json'):
        assert payload in text, payload
    data = json.loads(elements.script_data)  # the JSON the script reads
    assert PAYLOADS[0].lower() in data["reports"][0]["search"]


def test_script_data_cannot_end_its_script():
    from golocheck.reporters.html import script_json

    text = script_json({"a": "</script><!-- \u2028\u2029 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028\u2029 & >"}


def test_only_the_html_output_keeps_the_review_record():
    """Every other output stays slim: no cells, no sentences in its results."""
    from golocheck.run import NOTHING, REVIEW, Job, run_job, source_for_output

    assert source_for_output("html") == REVIEW and source_for_output("json") == NOTHING
    path = ROOT / GOLOG
    assert run_job(Job(path, GOLOG, source=NOTHING)).review is None
    review = run_job(Job(path, GOLOG, source=REVIEW)).review
    cells = review.cell_map()
    assert cells["/tables/statistics/staff_total"] == "195" and cells["/tables/statistics/staff_full_time"] == "7"
    assert review.issuer and review.year == "2018"
    figures = {e.figure for e in review.excerpts}
    assert "超过 5332 余条" in figures  # N001's figure, found at its offset in the section text


# ---------------------------------------------------------------- in the browser


def test_the_browser_shows_the_batch(batch, browser):
    page, document = batch
    browser.open(page)
    shown = browser.evaluate("""(function () {
        var f = function (id) { return Number(document.getElementById(id).textContent); };
        var rules = {};
        document.querySelectorAll('#by-rule tbody tr').forEach(function (r) { rules[r.dataset.code] = Number(r.cells[3].textContent); });
        return {files: f('sum-files'), failing: f('sum-failing'), error: f('sum-error'), warning: f('sum-warning'),
                info: f('sum-info'), rules: rules, rows: document.querySelectorAll('#report-table tbody tr').length,
                title: document.title};
    })()""")
    summary = document["summary"]
    assert shown["title"] == "golocheck 审查页"
    assert (shown["files"], shown["failing"]) == (summary["files"], summary["files_with_findings"])
    assert (shown["error"], shown["warning"], shown["info"]) == (summary["error"], summary["warning"], summary["info"])
    assert shown["rules"] == summary["by_rule"]
    assert shown["rows"] == len(document["files"])


def test_clicking_a_header_sorts_the_reports(batch, browser):
    page, document = batch
    column = "Array.from(document.querySelectorAll('#report-table tbody tr')).map(function (r) { return r.cells[%d].textContent; })"
    browser.click("#report-table thead th:nth-child(4) button")  # errors
    errors = [int(n) for n in browser.evaluate(column % 3)]
    assert errors == sorted(errors) and errors[0] < errors[-1]
    browser.click("#report-table thead th:nth-child(4) button")
    assert [int(n) for n in browser.evaluate(column % 3)] == sorted(errors, reverse=True)
    assert browser.evaluate("document.querySelector('#report-table thead th:nth-child(4)').getAttribute('aria-sort')") == "descending"
    browser.click("#report-table thead th:nth-child(8) button")  # file
    files = browser.evaluate(column % 7)
    assert files == sorted(files) and set(files) == {f["path"] for f in document["files"]}


def test_typing_in_the_filter_hides_the_other_reports(batch, browser):
    visible = ("Array.from(document.querySelectorAll('#report-table tbody tr')).filter(function (r) { return !r.hidden; })"
               ".map(function (r) { return r.cells[7].textContent; })")
    _, document = batch
    reports = len(document["files"])
    browser.type_text("#filter-text", "hongze")
    assert sorted(browser.evaluate(visible)) == ["sample_reports/hongze-2023.json", "sample_reports/hongze-2024.json"]
    assert browser.evaluate("document.getElementById('shown').textContent") == f"显示 2 / {reports} 个报告"
    golog = browser.evaluate("document.querySelector('#report-table tr[data-report] td:nth-child(8)') && "
                             "document.getElementById(Array.from(document.querySelectorAll('#report-table tbody tr'))"
                             ".find(function (r) { return r.cells[7].textContent === 'sample_reports/golog-2018.json'; }).dataset.report).hidden")
    assert golog is True  # its section is hidden with its row
    browser.evaluate("(function () { var t = document.getElementById('filter-text'); t.value = '';"
                     " t.dispatchEvent(new Event('input')); var s = document.getElementById('filter-status');"
                     " s.value = 'clean'; s.dispatchEvent(new Event('change')); })()")
    clean = sorted(f["path"] for f in document["files"] if f["findings"] == 0)
    assert sorted(browser.evaluate(visible)) == clean and clean
    browser.evaluate("(function () { var s = document.getElementById('filter-status'); s.value = '';"
                     " s.dispatchEvent(new Event('change')); })()")
    assert len(browser.evaluate(visible)) == reports


def test_a_marked_cell_and_its_related_cells_are_linked(browser):
    """golog-2018's T107: 从事政府信息公开工作人员数 195 ≠ 专职 7 + 兼职 195."""
    finding = ("Array.from(document.querySelectorAll('article.finding[data-code=T107]'))"
               ".find(function (a) { return a.textContent.indexOf('golog-2018.json') >= 0; })")
    cell_id = browser.evaluate(f"{finding}.querySelector('a.cell-link').getAttribute('href').slice(1)")
    cell = browser.evaluate(f"(function () {{ var c = document.getElementById('{cell_id}');"
                            " return {classes: c.className, label: c.dataset.label, text: c.firstChild.textContent,"
                            " related: c.dataset.related.split(' '), links: c.querySelectorAll('a.finding-link').length}; })()")
    assert "marked" in cell["classes"] and "sev-error" in cell["classes"]
    assert cell["label"] == "（三）从事政府信息公开工作人员数" and cell["text"] == "195" and cell["links"] == 1
    related = browser.evaluate("(function (ids) { return ids.map(function (id) { var c = document.getElementById(id);"
                               " return [c.dataset.label, c.firstChild.textContent]; }); })(%s)" % json.dumps(cell["related"]))
    assert sorted(related) == sorted([["1.专职人员数（不包括政府公报及政府网站工作人员数）", "7"], ["2.兼职人员数", "195"]])
    related_links = browser.evaluate(f"Array.from({finding}.querySelectorAll('a.related-link')).map(function (a) {{ return a.getAttribute('href').slice(1); }})")
    assert sorted(related_links) == sorted(cell["related"])
    # following the link from the finding to its cell highlights the cell and its related cells
    browser.click(f"#{cell_id.rsplit('-c', 1)[0]} article.finding[data-code=T107] a.cell-link")
    browser.wait_until(f"location.hash === '#{cell_id}' && document.getElementById('{cell_id}').classList.contains('hl')")
    highlighted = browser.evaluate("Array.from(document.querySelectorAll('.hl')).map(function (e) { return e.id; })")
    assert sorted(highlighted) == sorted([cell_id, *cell["related"]])
    assert browser.evaluate(f"document.getElementById('{cell_id}').closest('details').open") is True
    shot = browser.screenshot(ARTIFACTS / "review.png")
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000


def test_the_sentence_is_marked_and_the_explanation_at_hand(batch, browser):
    _, document = batch
    quoted = [d for d in document["diagnostics"] if "offset" in d["message_args"] and "【" in str(d["message_args"].get("quote"))]
    shown = browser.evaluate("document.querySelectorAll('article.finding blockquote.sentence mark').length")
    assert shown == len(quoted) > 10  # every figure a finding quotes from the text, in its sentence
    marks = browser.evaluate("Array.from(document.querySelectorAll('article.finding[data-code=N001] blockquote mark'))"
                             ".map(function (m) { return m.textContent; })")
    assert marks == ["超过 5332 余条"]
    basis = browser.evaluate("document.querySelector('article.finding[data-code=T107] .basis').textContent")
    assert basis.startswith("依据：") and "国办发" in basis
    browser.click("article.finding[data-code=T107] a.explain-link")
    browser.wait_until("location.hash === '#rule-T107' && document.getElementById('rule-T107').open")
    explained = browser.evaluate("(function () { var d = document.getElementById('rule-T107'); return [d.open, d.textContent]; })()")
    assert explained[0] is True and "T107 staff-full-and-part-time" in explained[1]


def test_the_page_raises_no_error(browser):
    assert browser.errors() == []


def test_markup_in_a_report_stays_text_in_the_browser(hostile, browser):
    browser.open(hostile)
    seen = browser.evaluate("""({pwned: window.__pwned === undefined ? null : String(window.__pwned),
        scripts: document.scripts.length, injected: document.querySelectorAll('img, svg, iframe, [onerror], [onload]').length,
        issuer: document.querySelector('#report-table tbody td a').textContent, lang: document.documentElement.lang})""")
    assert seen == {"pwned": None, "scripts": 2, "injected": 0, "issuer": PAYLOADS[0], "lang": "en"}
    assert browser.errors() == []


def test_without_chromium_the_browser_tests_skip_or_fail_as_told(monkeypatch):
    monkeypatch.setattr(cdp, "chromium_path", lambda: None)
    monkeypatch.delenv(cdp.REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        cdp.require_browser()
    monkeypatch.setenv(cdp.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="GOLOCHECK_REQUIRE_BROWSER=1"):
        cdp.require_browser()


def test_the_browser_tests_wait_for_an_install_under_way(tmp_path, monkeypatch):
    """.ci/run installs Chromium in the background: the tests wait for the file it writes."""
    import threading
    import time

    done = tmp_path / "installed"
    monkeypatch.setenv(cdp.INSTALLED, str(done))
    monkeypatch.setattr(cdp, "chromium_path", lambda: None)
    monkeypatch.delenv(cdp.REQUIRE, raising=False)
    threading.Timer(0.5, lambda: done.write_text("0")).start()
    started = time.monotonic()
    with pytest.raises(pytest.skip.Exception):
        cdp.require_browser()
    assert done.exists() and time.monotonic() - started >= 0.4  # it waited for the file


def test_an_output_file_is_copied_from_its_spool_as_rendered(tmp_path):
    """outcome.report holds a large output (a page of a big batch) in a temporary file, not
    in memory; the bytes written are the text as rendered, line ends included."""
    import tempfile

    from golocheck.outcome import write_output

    with tempfile.SpooledTemporaryFile(max_size=8, mode="w+", encoding="utf-8", newline="") as spool:
        spool.write("一\r\n二\n" * 1000)  # beyond max_size: on disk
        spool.seek(0)
        write_output(tmp_path / "out.html", spool)
    assert (tmp_path / "out.html").read_bytes() == "一\r\n二\n".encode("utf-8") * 1000
