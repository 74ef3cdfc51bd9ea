"""Wrong findings of the narrative checks found by measuring on real reports golocheck was not
tuned on (docs/accuracy.md), fixed in the mechanism. Every sentence and table here is
constructed (figures and wording invented); each test asserts code and pointer, and a near
variant that stays silent."""

from __future__ import annotations

from narrative.test_narrative_rules import findings

# ------------------------------------------------------------------ N004: every reading of the base

# 受理 830 (共), then 答复 760 with the rest carried forward: the percentages are of the replies.
REPLIED = ("本年度共受理政府信息公开申请 830 件；答复政府信息公开申请 760 件（另有 70 件申请结转至下年度办理）。"
           "予以公开 {disclosed}，不予公开 47 件，占 {withheld}；无法提供 215 件，占 28.3%。")


def _percent_findings(disclosed="311 件，占 40.9%", withheld="6.18%"):
    found = findings(REPLIED.format(disclosed=disclosed, withheld=withheld))
    return [(d.code, d.args["percent"], d.args["whole"], d.pointer) for d in found if d.code in ("N004", "N019")]


def test_the_nearest_earlier_total_without_gong_is_a_base():
    # 311/760 = 40.92 %, 215/760 = 28.29 %: they fit the replies (760), not the received (830)
    assert _percent_findings() == []


def test_a_percentage_cut_off_from_the_nearest_total_is_info():
    # 47/760 = 6.184 %: 6.18 is both rounded and cut off, nothing to say
    assert _percent_findings(withheld="6.18%") == []
    found = findings("本年度共受理政府信息公开申请 830 件；答复政府信息公开申请 760 件。不予公开 48 件，占 6.31%。")
    # 48/760 = 6.3157… %: 6.31 is it cut off (rounded: 6.32); 48/830 = 5.78 %
    assert [(d.code, d.args["whole"], d.pointer) for d in found if d.code in ("N004", "N019")] == [("N019", "760", "/sections/0/text")]


def test_a_percentage_that_fits_no_base_is_still_an_error():
    found = _percent_findings(disclosed="311 件，占 37.2%")  # 311/760 = 40.9 %, 311/830 = 37.47 %
    assert [(c, p) for c, p, _, ptr in found if ptr == "/sections/0/text"] == [("N004", "37.2%")]
    (d,) = [d for d in findings(REPLIED.format(disclosed="311 件，占 37.2%", withheld="6.18%")) if d.code == "N004"]
    # the message names every base tried, not only the first
    assert "760" in d.message.zh and "830" in d.message.zh


# ------------------------------------------------------------------ N001: 公开答复 is the disclosed row

# constructed: 新收 3, 予以公开 2, 无法提供·本机关不掌握 1, 办理结果总计 3
_ANSWERED = {"requests": {"new": {"natural_person": 3, "total": 3}, "disclosed": {"natural_person": 2, "total": 2},
                          "unable_not_held": {"natural_person": 1, "total": 1}, "results_total": {"natural_person": 3, "total": 3}}}


def _n001(text):
    return [(d.args["figure"], [r.pointer for r in d.related]) for d in findings(text, tables=_ANSWERED, code="N001")]


def test_answered_with_disclosure_is_the_disclosed_row():
    assert _n001("本年度共收到政府信息公开申请3件，办结3件，其中公开答复2件，无法提供1件。") == []
    # 3 disclosed would contradict 予以公开 2, not 办理结果总计
    assert _n001("本年度共收到政府信息公开申请3件，办结3件，其中公开答复3件。") == [("3件", ["/tables/requests/disclosed/total"])]


def test_compound_answers_read_their_own_rows():
    tables = {"requests": {**_ANSWERED["requests"], "partly_disclosed": {"total": 0}, "withheld_third_party": {"total": 0}}}
    text = "其中予以公开答复2件，部分公开答复0件，不予公开答复0件。"
    assert findings(text, tables=tables, code="N001") == []
    (d,) = findings(text.replace("不予公开答复0件", "不予公开答复3件"), tables=tables, code="N001")
    assert d.args["figure"] == "3件" and "/tables/requests/results_total/total" not in {r.pointer for r in d.related}


def test_other_answers_map_to_no_row():
    # 告知答复 (answered by telling where the information is) is no row of the table: not the total
    assert _n001("本年度共收到政府信息公开申请3件，其中告知答复1件。") == []
    # the replies to disclosure requests are the total of replies
    assert _n001("本年度共办理依申请公开答复5件。") == [("5件", ["/tables/requests/results_total/total"])]


# ------------------------------------------------------------------ N011: a level above the named ones is unknown

def _n011(text, region):
    meta = {"metadata": {"issuer": "某综合实验区管委会办公室", "region": region}}
    return [(d.args["found"], d.pointer) for d in findings(text, code="N011", **meta)]


def test_a_level_above_every_named_one_may_be_a_parent():
    # the region names no province, yet every zone lies in one: 全省 may name it
    text = "同步转载全省统一发布的政策解读材料。"
    assert _n011(text, "某某综合实验区") == []
    assert _n011(text, "某某省某某综合实验区") == []


def test_a_level_missing_between_named_ones_is_still_reported():
    # 省 and 区 are named with nothing between: the zone has no 市
    assert _n011("继续加强对全市政务公开工作的督导。", "某某省某某综合实验区") == [("全市", "/sections/0/text")]
