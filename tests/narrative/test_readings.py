"""Readings of text figures and statements against the tables: blank cells as unknown counts,
statements that mean what they say, verbs that decide the column, percentage bases named
nearby, carried-over requests counted as received. Sentences are real (tests/data/corpus,
source given) or realistic and marked as altered/constructed; every test asserts the code and
where it points."""

from __future__ import annotations

from narrative.test_narrative_rules import findings

SHUYANG = "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件。"  # 13-shuyang-county-2025


def _shuyang_tables(**new):
    return {"requests": {"new": {"natural_person": 705, "commercial": 3, "legal_services": 5, "total": 713, **new},
                         "carried_over": {"natural_person": 36, "total": 36},
                         "results_total": {"natural_person": 710, "commercial": 3, "legal_services": 5, "total": 718},
                         "carried_forward": {"natural_person": 31, "total": 31}}}


def _codes(found, *codes):
    return [(d.code, d.args["figure"] if "figure" in d.args else d.args["quote"]) for d in found if d.code in codes]


# ------------------------------------------------------------------ 1. blanks as unknown counts

def test_filled_cells_give_a_lower_bound():
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。"  # 15-shanghai-kewei-2024
    tables = {"requests": {"new": {"natural_person": 40, "commercial": None, "total": None}, "carried_over": {"natural_person": 2, "total": 2}}}  # altered
    (d,) = findings(text, tables=tables, code="N001")
    assert d.args["figure"] == "34 件" and d.related[0].pointer == "/tables/requests/new/total"
    assert "本年新收·总计 空白（可取 不少于 40）" in d.message.zh and "本年新收·总计 按未知的非负数计" in d.message.zh


def test_a_filled_total_gives_an_upper_bound():
    # altered 741 → 745; 自然人 blank: 713 − 3 − 5 = 705 (and 705 + 36 = 741 with the carried-over ones)
    (d,) = findings(SHUYANG.replace("741", "745"), tables=_shuyang_tables(natural_person=None), code="N001")
    assert d.args["figure"] == "745 件" and d.related[0].pointer == "/tables/requests/new/natural_person"
    assert "本年新收·自然人 空白（可取 705）" in d.message.zh


def test_inside_the_bounds_only_through_blanks_is_a_note():
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。"
    tables = {"requests": {"new": {"natural_person": 30, "commercial": None, "total": None}, "carried_over": {"natural_person": 2, "total": 2}}}  # altered
    found = findings(text, tables=tables)
    assert _codes(found, "N001", "N016") == [("N016", "34 件")]
    assert next(d for d in found if d.code == "N016").related[0].pointer == "/tables/requests/new/total"


def test_all_closed_against_a_blank_carried_forward_depends_on_it():
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件，所有申请均已按要求办理完成。"  # 15-shanghai-kewei-2024
    tables = {"requests": {"new": {"natural_person": 34, "total": 34}, "carried_over": {"natural_person": 2, "total": 2},
                           "results_total": {"natural_person": None, "total": None}, "carried_forward": {"natural_person": None, "total": None}}}
    found = findings(text, tables=tables)
    (d,) = [d for d in found if d.code in ("N006", "N017")]
    assert d.code == "N017" and "结转下年度继续办理" in d.message.zh and "blank cells" in d.message.en
    assert {r.pointer for r in d.related} == {"/tables/requests/carried_forward/natural_person", "/tables/requests/carried_forward/total"}
    # the balance proves it: 34 + 2 = 36 closed leaves nothing to carry forward
    tables["requests"]["results_total"] = {"natural_person": 36, "total": 36}
    assert [d for d in findings(text, tables=tables) if d.code in ("N006", "N017")] == []


def test_a_blank_the_other_cells_force_positive_contradicts():
    text = "2024 年市科委有 1 件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。"  # 15-shanghai-kewei-2024
    tables = {"review_litigation": {"review": {"upheld": 0, "corrected": None, "other": 0, "pending": 0, "total": 1}}}  # altered
    (d,) = findings(text, tables=tables, code="N006")
    assert d.related[0].pointer == "/tables/review_litigation/review/corrected" and "至少为 1" in d.message.zh


# ------------------------------------------------------------------ 2. statements mean what they say

UPHELD = "全年发生政府信息公开行政复议 3 件，行政诉讼 2 件，均获维持。"  # constructed


def test_all_upheld_is_contradicted_by_a_pending_case():
    tables = {"review_litigation": {"review": {"upheld": 2, "pending": 1, "total": 3}, "lawsuit_direct": {"upheld": 2, "total": 2}}}
    (d,) = findings(UPHELD, tables=tables, code="N006")
    assert d.related[0].pointer == "/tables/review_litigation/review/pending" and "尚未审结" in d.message.zh


def test_one_predicate_is_said_of_both_subjects():
    tables = {"review_litigation": {"review": {"upheld": 3, "total": 3}, "lawsuit_direct": {"upheld": 1, "corrected": 1, "total": 2}}}
    (d,) = findings(UPHELD, tables=tables, code="N006")
    assert d.related[0].pointer == "/tables/review_litigation/lawsuit_direct/corrected" and "行政诉讼均获维持" in d.message.zh
    tables["review_litigation"]["lawsuit_direct"] = {"upheld": 2, "total": 2}
    assert findings(UPHELD, tables=tables, code="N006") == []


def test_a_predicate_in_its_subjects_clause_is_not_shared():
    text = "行政复议 3 件均获维持，行政诉讼 2 件，其中 1 件被纠错。"  # constructed
    tables = {"review_litigation": {"review": {"upheld": 3, "total": 3}, "lawsuit_direct": {"upheld": 1, "corrected": 1, "total": 2}}}
    assert findings(text, tables=tables, code="N006") == []


# ------------------------------------------------------------------ 3. the verb decides the column

REPEALED = "本年度废止规章 1 件，规范性文件 3 件。"  # constructed: 废止 governs the clause after the comma


def test_a_verb_governs_the_figure_after_the_comma():
    tables = {"art20_1": {"rules": {"issued": 5, "repealed": 1, "in_force": 40}, "normative_docs": {"issued": 8, "repealed": 3, "in_force": 18}}}
    assert findings(REPEALED, tables=tables, code="N001") == []
    tables["art20_1"]["normative_docs"]["repealed"] = 2  # altered
    (d,) = findings(REPEALED, tables=tables, code="N001")
    assert d.args["figure"] == "3 件" and [r.pointer for r in d.related] == ["/tables/art20_1/normative_docs/repealed"]


def test_repealed_maps_to_nothing_without_a_repealed_column():
    tables = {"art20_1": {"rules": {"new_made": 9, "new_published": 9, "total_published": 9},
                          "normative_docs": {"new_made": 9, "new_published": 9, "total_published": 9}}}
    assert findings(REPEALED, "gov-2019", tables=tables, code="N001") == []


def test_amended_maps_to_nothing_and_issued_only_to_issued():
    tables = {"art20_1": {"normative_docs": {"issued": 8, "repealed": 5, "in_force": 18}}}
    assert findings("全年修订规范性文件 5 件。", tables=tables, code="N001") == []
    (d,) = findings("全年印发规范性文件 18 件。", tables=tables, code="N001")  # 18 is in force, not issued
    assert [r.pointer for r in d.related] == ["/tables/art20_1/normative_docs/issued"]


# ------------------------------------------------------------------ 4. percentage bases named nearby

def test_the_base_is_the_total_of_the_sentence_before():
    text = "全年共答复政府信息公开申请 1191 件。予以公开 455 件，占 41.5%。"  # altered from 16-shanghai-govoffice-2025
    (d,) = findings(text, code="N004")
    assert d.args["whole"] == "1191" and d.args["actual"] == "38.20"
    assert findings(text.replace("41.5%", "38.2%"), code="N004") == []


def test_the_base_the_sentence_names():
    text = "全年共受理政府信息公开申请 1295 件，答复 1191 件。予以公开 455 件，占答复总数的 35.1%。"  # altered
    (d,) = findings(text, code="N004")  # 455 / 1295 = 35.1%, but the sentence names 答复: 455 / 1191 = 38.2%
    assert d.args["whole"] == "1191" and d.related[0].pointer == "/sections/0/text"
    assert findings(text.replace("35.1%", "38.2%"), code="N004") == []


def test_truncation_is_a_note():
    text = "全年共答复政府信息公开申请 1191 件。予以公开 151 件，占 12.67%。"  # 151 / 1191 = 12.678%
    found = findings(text)
    assert _codes(found, "N004", "N019") == [("N019", "予以公开 151 件，占 【12.67%】")]


# ------------------------------------------------------------------ 5. carried-over counted as received

def test_received_including_carried_over_is_a_warning_with_both_figures():
    found = findings(SHUYANG, tables=_shuyang_tables())
    # one defect, one finding: both figures of the sentence count the carried-over requests
    assert _codes(found, "N001", "N018") == [("N018", "749 件、741 件")]
    d = next(d for d in found if d.code == "N018")
    assert d.pointer == "/sections/0/text" and d.args["offset"] == SHUYANG.index("749")
    assert "本年新收·总计 713" in d.message.zh and "上年结转·总计 36 = 749" in d.message.zh
    assert "上年结转·自然人 36 = 741" in d.message.zh
    assert {r.pointer for r in d.related} >= {"/tables/requests/new/total", "/tables/requests/carried_over/total",
                                              "/tables/requests/new/natural_person", "/tables/requests/carried_over/natural_person"}


def test_loose_figures_of_separate_sentences_stay_separate_findings():
    text = "全县全年共受理政府信息公开申请 749 件。其中自然人申请 741 件。"  # constructed from 13-shuyang-county-2025
    found = findings(text, tables=_shuyang_tables(), code="N018")
    assert [(d.args["figure"], d.args["offset"]) for d in found] == [("749 件", text.index("749")), ("741 件", text.index("741"))]


def test_under_a_verb_that_means_new_requests_it_is_an_error():
    text = "本年新收政府信息公开申请 749 件。"  # constructed from 13-shuyang-county-2025
    (d,) = findings(text, tables=_shuyang_tables(), code="N001")
    assert d.args["figure"] == "749 件" and [r.pointer for r in d.related] == ["/tables/requests/new/total"]
    assert findings(text, tables=_shuyang_tables(), code="N018") == []


def test_a_reading_that_adds_rows_is_bounded_row_by_row():
    text = "其中，予以公开及部分公开 208 件（17.46%），不予公开 20 件（1.68%）。"  # 16-shanghai-govoffice-2025
    rows = {"withheld_state_secret": 4, "withheld_prohibited": 0, "withheld_security": 1, "withheld_third_party": 0,
            "withheld_internal": 9, "withheld_process": 1, "withheld_enforcement_file": 0}
    tables = {"requests": {**{row: {"total": value} for row, value in rows.items()}, "disclosed": {"total": 206},
                           "partly_disclosed": {"total": 2}, "withheld_query": "$blank", "results_total": "$blank"}}
    # 属于行政查询事项 blank (and the 总计 it adds into): at least 4 + 1 + 9 + 1 = 15, so 20 is possible
    found = findings(text, tables=tables)
    assert _codes(found, "N001", "N016") == [("N016", "20 件")]
    (d,) = findings(text.replace("20 件", "12 件"), tables=tables, code="N001")  # altered: below the 15 filled in
    assert "/tables/requests/withheld_query/total" in {r.pointer for r in d.related} and "不予公开·属于行政查询事项·总计 空白 = 不少于 15" in d.message.zh


def test_no_warning_when_the_sentence_says_it_includes_the_carried_over():
    text = "全县全年共受理政府信息公开申请 749 件（含上年结转 36 件）。"  # constructed from 13-shuyang-county-2025
    assert [d for d in findings(text, tables=_shuyang_tables()) if d.code in ("N001", "N018")] == []


def test_an_exclusion_governs_the_clause_after_it():
    text = "全年审查规范性文件 20 件，规章 2 件。"  # constructed: 审查 is not a table quantity, for either figure
    tables = {"art20_1": {"rules": {"issued": 5, "repealed": 0, "in_force": 40}, "normative_docs": {"issued": 8, "repealed": 0, "in_force": 18}}}
    assert findings(text, tables=tables, code="N001") == []
    (d,) = findings("全年印发规范性文件 8 件，规章 2 件。", tables=tables, code="N001")  # 印发 governs 规章 2 件: issued 5
    assert d.args["figure"] == "2 件" and [r.pointer for r in d.related] == ["/tables/art20_1/rules/issued"]


def test_a_wholly_unknown_reading_leaves_nothing_proven():
    # (with 办理结果 718 and 结转下年度 31 filled, the balance would give 新收 = 749 − 36 = 713 exactly)
    # 新收, 办理结果 and 结转下年度 left blank, 上年结转 filled: 749 may be the new requests alone
    tables = {"requests": {"new": "$blank", "carried_over": {"natural_person": 36, "total": 36}, "results_total": "$blank", "carried_forward": "$blank"}}
    assert [d for d in findings("全县全年共受理政府信息公开申请 749 件。", tables=tables) if d.code in ("N001", "N016", "N018")] == []
