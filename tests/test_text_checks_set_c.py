"""Text checks that once missed a defect, fixed as mechanisms and tested on a constructed
report (tests/data/constructed/stats-bureau-2021.txt: 某县统计局, invented figures), each
case one edit of it:

- 受理公开申请 without 信息 is the year's new requests (N001), like 受理信息公开申请;
- a figure whose clause names another period (梳理历年印发的…90份) is not this year's (N001),
  while 截至年底现行有效…N件 is the 现行有效件数 cell at the report year's end;
- a preamble naming the notice of the 2019 format (国办公开办函〔2019〕60号) as the basis of a
  2022 report (N044; the notices are data of formats/*.yaml);
- a signature naming another body: of the same county (N045) or of another place (N012), on
  lines of its own or inline at the end of flattened text; the importer keeps the title's body
  as the issuer and leaves a disagreeing signature in the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golocheck.api import check_bytes
from golocheck.importing import ImportOptions, import_bytes

BASE = (Path(__file__).resolve().parent / "data" / "constructed" / "stats-bureau-2021.txt").read_text(encoding="utf-8")
OPTIONS = ImportOptions(issuer_kind="政府部门", region="某省某县", published_on="2023-01-20")
END = "六、其他需要报告的事项 无。"
ZERO_ROW = " 0 0 0 0 0 0 0"


def edited(*edits: tuple[str, str]) -> str:
    text = BASE
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def run():
    cache: dict = {}

    def imported_and_checked(*edits: tuple[str, str]):
        if edits not in cache:
            result = import_bytes(edited(*edits).encode("utf-8"), "case.txt", "text", OPTIONS)
            found = check_bytes(json.dumps(result.report, ensure_ascii=False).encode("utf-8"), "case.json")
            cache[edits] = (result.report, found)
        return cache[edits]

    return imported_and_checked


def at(found, *codes: str) -> list[tuple[str, str]]:
    return sorted((d.code, d.pointer) for d in found if d.code in codes)


# ---------------------------------------------------------------- H: 受理公开申请 (信息 left out)

_FIVE_RECEIVED = (
    ("一、本年新收政府信息公开申请数量" + ZERO_ROW, "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5"),
    ("（一）予以公开" + ZERO_ROW, "（一）予以公开 5 0 0 0 0 0 5"),
    ("（七）总计" + ZERO_ROW, "（七）总计 5 0 0 0 0 0 5"),
)


@pytest.mark.parametrize("sentence", ["我局共受理公开申请7件", "我局收到公开申请7件", "我局共受理信息公开申请7件"])
def test_requests_received_without_xinxi_are_compared_with_the_new_requests(run, sentence):
    report, found = run(("全年未收到政府信息公开申请", sentence + "，均在法定期限内办理"), *_FIVE_RECEIVED)
    assert report["tables"]["requests"]["new"]["total"] == 5
    [n001] = [d for d in found if d.code == "N001"]
    assert (n001.pointer, n001.args["figure"]) == ("/sections/0/text", "7件")
    assert "本年新收·总计 5" in n001.args["readings"].zh


def test_requests_received_without_xinxi_that_agree_are_not_reported(run):
    _, found = run(("全年未收到政府信息公开申请", "我局共受理公开申请5件，均在法定期限内办理"), *_FIVE_RECEIVED)
    assert at(found, "N001", "N016", "N018") == []


# ---------------------------------------------------------------- a figure of another period (行政规范性文件 2 0 9)

_OVERVIEW = "2022年，我局全年未收到政府信息公开申请。"


@pytest.mark.parametrize("sentence", ["梳理历年印发的行政规范性文件90份，集中在专栏发布。", "2015年以来累计印发行政规范性文件90份。",
                                      "截至2021年底现行有效行政规范性文件12件。"])
def test_a_figure_of_another_period_is_not_compared_with_the_year(run, sentence):
    _, found = run((_OVERVIEW, _OVERVIEW + sentence))
    assert at(found, "N001", "N016", "N018") == []


@pytest.mark.parametrize("sentence", ["本年印发行政规范性文件90份。", "截至年底现行有效行政规范性文件12件。", "截至12月31日现行有效行政规范性文件12件。"])
def test_a_figure_of_the_year_or_a_stock_at_its_end_is_compared(run, sentence):
    _, found = run((_OVERVIEW, _OVERVIEW + sentence))
    assert at(found, "N001") == [("N001", "/sections/0/text")]


# ---------------------------------------------------------------- J: a basis left from an older format

_BASIS = "根据《中华人民共和国政府信息公开条例》和《关于政府信息公开工作年度报告有关事项的通知》（{number}）要求编制本报告。"
_PERIOD = "本报告所列数据的统计期限"


def test_the_2019_formats_notice_as_the_basis_of_a_2022_report_is_a_warning(run):
    _, found = run((_PERIOD, _BASIS.format(number="国办公开办函〔2019〕60号") + _PERIOD))
    [n044] = [d for d in found if d.code == "N044"]
    assert (n044.pointer, n044.severity, n044.args["cited"]) == ("/preamble", "warning", "国办公开办函〔2019〕60号")
    assert (n044.args["format"], n044.args["expected_format"], n044.args["expected"].zh) == ("gov-2019", "gov-2021", "国办公开办函〔2021〕30号")
    assert at(found, "N043") == []


def test_the_2021_formats_notice_as_the_basis_of_a_2022_report_is_not_reported(run):
    _, found = run((_PERIOD, _BASIS.format(number="国办公开办函〔2021〕30号") + _PERIOD))
    assert at(found, "N044") == []


def test_a_cited_title_naming_last_years_report_is_reported_once_by_n043(run):
    basis = "根据《某县政府办公室关于编制公布2021年政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求编制本报告。"
    _, found = run((_PERIOD, basis + _PERIOD))
    assert at(found, "N043", "N044") == [("N043", "/preamble")]


def test_the_notices_are_data_of_the_national_formats():
    from golocheck.formats import all_formats

    notices = {f.id: (f.notice.office, f.notice.year, f.notice.number) for f in all_formats().values() if f.notice}
    assert notices == {"gov-2019": ("国办公开办函", 2019, 60), "gov-2021": ("国办公开办函", 2021, 30)}


# ---------------------------------------------------------------- I: a signature naming another body

_FEES = "六、其他需要报告的事项 本年度未收取信息处理费。"


@pytest.mark.parametrize("signature, code", [
    (" 某县财政局 2023年1月18日", "N045"),      # M2: inline, same county, another office
    ("\n某县财政局\n2023年1月18日\n", "N045"),   # M2b: on lines of its own
    ("\n青山市财政局\n2023年1月18日\n", "N012"),  # M2c: another place, on lines of its own
    (" 青山市财政局 2023年1月18日", "N012"),     # M2d: another place, inline
])
def test_a_signature_of_another_body_is_reported_and_the_title_keeps_the_issuer(run, signature, code):
    report, found = run((END, _FEES + signature))
    assert report["metadata"]["issuer"] == "某县统计局"
    assert "财政局" in report["sections"][-1]["text"], "the disagreeing signature stays in the text"
    last = f"/sections/{len(report['sections']) - 1}/text"
    assert at(found, "N012", "N045") == [(code, last)]
    [finding] = [d for d in found if d.code == code]
    assert finding.args["issuer"] == "某县统计局" and "财政局" in finding.args["name"]


@pytest.mark.parametrize("signature", [" 某县统计局 2023年1月18日", "\n某县统计局\n2023年1月18日\n"])
def test_the_issuers_own_signature_is_not_reported(run, signature):
    report, found = run((END, _FEES + signature))
    assert report["metadata"]["issuer"] == "某县统计局"
    assert at(found, "N012", "N045") == []


def test_a_signature_that_agrees_with_the_title_is_still_read_by_the_importer(run):
    report, _ = run((END, _FEES + "\n某县统计局\n2023年1月18日\n"))
    assert "某县统计局" not in report["sections"][-1]["text"], "the signature block is no prose"


def test_a_signature_in_the_short_form_of_the_titles_name_is_the_same_body(run):
    report, found = run(("某县统计局2022年度", "某县人民政府2022年度"), (END, _FEES + "\n某县政府\n2023年1月18日\n"))
    assert report["metadata"]["issuer"] == "某县政府"  # the signature is read, as before
    assert "某县政府" not in report["sections"][-1]["text"]
    assert at(found, "N012", "N045") == []
