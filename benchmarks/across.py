"""The copy check across a large batch (A003): 10,000 synthetic reports, one section copied
from one issuer's report into another's, found without comparing every pair.

    python benchmarks/across.py --count 10000

Each synthetic report (gov-2021, report year 2024, an issuer of its own) has six sections of
text put together from the words of the real samples' narrative (sample_reports/), so that
no two reports are alike by chance but their words are the real ones; every section also
carries one of 20 stock sentences (provincial boilerplate, each in about 1 in 20 reports) and
section 六 the same paragraph in every report (the template's fixed text). Report 4,321
copies section 一 of report 17 (both places must come out, and nothing else).

Measured, in one process: the across stage's own work, as in a run — each report's JSON
text loaded (golocheck.loading.load_text) and its signature built (what a worker does after
checking it), then the candidate search and the comparisons on the signatures. The checks of
the reports themselves (≈ 12 ms a report, benchmarks/README.md) are not included: they are
the same with and without the across stage. Also printed: the pairs the index looked at and
the sketches compared, against the count * (count - 1) / 2 pairs of an all-pairs search, and
the peak RSS. Loading is timed apart: a run has loaded every report to check it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

COPIER, ORIGINAL = 4321, 17


def _words() -> list[str]:
    words: list[str] = []
    for path in sorted((ROOT / "sample_reports").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for section in data.get("sections") or ():
            text = section.get("text") or ""
            words += [w for w in re.findall(r"[\u4e00-\u9fff]{2,4}", text)]
    return words


def reports(count: int, seed: int = 1):
    rng = random.Random(seed)
    words = _words()
    stock = ["".join(rng.choice(words) for _ in range(12)) + "。" for _ in range(20)]
    fixed = "".join(rng.choice(words) for _ in range(60)) + "。"
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    first_of_original = None
    for n in range(count):
        sections = []
        for s, heading in enumerate(headings):
            if s == 5:
                text = fixed
            else:
                own = "".join(rng.choice(words) for _ in range(rng.randint(60, 140)))
                text = own + "。" + rng.choice(stock)
            sections.append({"heading": heading, "text": text})
        if n == ORIGINAL:
            first_of_original = sections[0]["text"]
        if n == COPIER:
            sections[0]["text"] = first_of_original
        yield n, {"format": "gov-2021", "metadata": {"issuer": f"合成{n}县人民政府", "report_year": 2024}, "sections": sections}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10000)
    args = parser.parse_args()

    from golocheck.across.copies import CopyParams, find_copies
    from golocheck.across.signatures import AcrossSpec, build
    from golocheck.catalogue import load_catalogue
    from golocheck.loading import load_text

    rule = next(r for r in load_catalogue().values() if r.check == "copied_sections")
    p = rule.params
    spec = AcrossSpec(ngram=p["ngram"], sketch_size=p["sketch_size"], min_chars=p["min_chars"])
    params = CopyParams(**{k: p[k] for k in ("threshold", "anchors", "min_shared", "common_share", "common_at_least", "sketch_size")})
    texts = [(n, json.dumps(r, ensure_ascii=False).encode()) for n, r in reports(args.count)]
    cpu0, start = time.process_time(), time.perf_counter()
    signatures, loading = [], 0.0
    for n, raw in texts:
        before = time.perf_counter()
        loaded = load_text(f"synthetic-{n}.json", raw)  # the worker has loaded it already to check it
        loading += time.perf_counter() - before
        signatures.append((n, build(loaded, spec)))
    built = time.perf_counter()
    search = find_copies(signatures, params)
    done, cpu = time.perf_counter(), time.process_time() - cpu0
    found = [(c.later, c.later_section, c.earlier, c.earlier_section, round(c.similarity, 3)) for c in search.copies]
    pairs = args.count * (args.count - 1) // 2
    print(f"reports {args.count}; loading {loading:.2f} s (shared with the checks); signatures {built - start - loading:.2f} s; search {done - built:.2f} s; total {done - start:.2f} s wall, {cpu:.2f} s CPU")
    print(f"found {found} (expected the copy of report {ORIGINAL} section 0 in report {COPIER})")
    print(f"pairs looked at in the index {search.candidate_pairs_counted}, sketches compared {search.comparisons}; all pairs {pairs}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if [f[:4] for f in found] != ([(COPIER, 0, ORIGINAL, 0)] if args.count > COPIER else []):
        sys.exit("the planted copy was not found alone")


if __name__ == "__main__":
    main()
