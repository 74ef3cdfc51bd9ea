"""Render a report as a saved web page the way government sites publish one: a full page
with site chrome (header navigation, breadcrumb, footer, scripts and styles — one script
even holds heading-like text), the 发布时间：YYYY-MM-DD line and page metadata, the article
in a div, and the report pasted from Word: every paragraph and every table cell a
<p><span>…</span></p> with the text cut mid-word across <span> and <font> runs, Word-paste
style attributes, blank cells written as <o:p> </o:p>, &nbsp; or an ideographic space,
rowspan label columns for 表三's groups and colspans (the layout of roundtrip.layout).

``encoding="gbk"`` writes the page in GBK with <meta charset=gbk> (characters GBK lacks
become character references, as browsers save them).
"""

from __future__ import annotations

import random
from html import escape

from roundtrip.layout import APPENDIX_CAPTION, Flow, PCell, PrintedTable, flow
from roundtrip.runs import split_runs, wrap_label

_P_STYLE = 'style="text-indent: 2em; text-align: justify; line-height: 2; font-family: 微软雅黑;" align=""'
_CELL_P_STYLE = 'style="text-align: justify; line-height: 2; font-family: 微软雅黑;" align=""'
_SPAN = '<span style="font-family: 微软雅黑;">'
_FONT = '<font style="font-family: 微软雅黑;" face="{face}">'
_BLANKS = ("<o:p> </o:p>", "&nbsp;", "<o:p>&nbsp;</o:p>", "\u3000")
SITE = "示例政府门户网站"


def render_html(report: dict, seed: int = 0, encoding: str = "utf-8", page_meta: bool = True) -> bytes:
    rng = random.Random(seed)
    printed = flow(report)
    meta = report.get("metadata", {})
    page = _page(printed, meta, rng, encoding, page_meta)
    return page.encode(encoding, errors="xmlcharrefreplace")


def _inline(text: str, rng: random.Random) -> str:
    """Text cut into <span>/<font> runs, as Word-pasted pages hold it."""
    out = []
    for piece in split_runs(text, rng):
        piece = escape(piece, quote=False)
        kind = rng.random()
        if kind < 0.4:
            out.append(f"{_SPAN}{piece}</span>")
        elif kind < 0.7:
            face = "Times New Roman" if piece.isdigit() else "方正仿宋_GBK"
            out.append(f"{_SPAN}{_FONT.format(face=face)}{piece}</font></span>")
        elif kind < 0.85:
            out.append(f"{_FONT.format(face='方正仿宋_GBK')}{piece}</font>")
        else:
            out.append(piece)
    return "".join(out)


def _paragraph(text: str, rng: random.Random, bold: bool = False, align: str | None = None) -> str:
    inner = _inline(text, rng)
    if bold:
        inner = f"<strong>{inner}</strong>"
    style = _P_STYLE if align is None else f'style="text-align: {align}; line-height: 2; font-family: 微软雅黑;"'
    return f"<p {style}>{inner}<span><o:p></o:p></span></p>\n"


def _cell(cell: PCell, rng: random.Random) -> str:
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    width = 43 + 40 * cell.colspan
    attrs += f' style="font-family: 微软雅黑;" width="{width}" valign="{rng.choice(["center", "top"])}"'
    if cell.role == "value" and cell.value is None:
        body = f"<p {_CELL_P_STYLE}>{_SPAN}{rng.choice(_BLANKS)}</span></p>"
    else:
        lines = wrap_label(cell.text, rng) if cell.role == "header" else [cell.text]
        body = "".join(f"<p {_CELL_P_STYLE}>{_inline(line, rng)}{_SPAN}<o:p></o:p></span></p>" for line in lines)
    return f"      <td{attrs}>\n      {body}\n      </td>\n"


def _table(table: PrintedTable, rng: random.Random) -> str:
    at = table.origin_at()
    rows = []
    for r in range(table.n_rows):
        cells = "".join(_cell(at[(r, c)], rng) for c in range(table.n_cols) if (r, c) in at)
        rows.append(f"    <tr>\n{cells}    </tr>\n")
    return (
        '<div align="center"><table style="border-collapse: collapse; font-family: 微软雅黑;" border="1" cellspacing="0" cellpadding="0" width="600">\n'
        f"  <tbody>\n{''.join(rows)}  </tbody>\n</table></div>\n"
    )


def _article(printed: Flow, rng: random.Random) -> str:
    out = []
    out.extend(_paragraph(p, rng) for p in printed.preamble)
    for heading, paragraphs, tables in printed.sections:
        out.append(_paragraph(heading, rng, bold=rng.random() < 0.5))
        out.extend(_paragraph(p, rng) for p in paragraphs)
        out.extend(_table(t, rng) for t in tables)
    for table in printed.appendix:
        out.append(_paragraph(APPENDIX_CAPTION, rng, bold=True, align="center"))
        out.append(_table(table, rng))
    out.extend(_paragraph(line, rng, align="right") for line in printed.signature)
    return "".join(out)


def _page(printed: Flow, meta: dict, rng: random.Random, encoding: str, page_meta: bool) -> str:
    charset = "gbk" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    title = escape(printed.title)
    published = meta.get("published_on")
    head_meta = ""
    if page_meta:
        head_meta += f'<meta name="ArticleTitle" content="{title}">\n'
        if published:
            head_meta += f'<meta name="PubDate" content="{published} 09:30">\n'
        head_meta += f'<meta name="SiteName" content="{SITE}">\n'
    info = f"发布时间：{published}" if published else ""
    issuer = escape(meta.get("issuer", ""))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta charset="{charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}-{SITE}</title>
{head_meta}<link rel="stylesheet" href="/css/main.css">
<style type="text/css">
.nav li {{ float: left; }} .article-title {{ font-size: 22px; }} p.MsoNormal {{ margin: 0; }}
</style>
<script type="text/javascript">
var _columnTitle = "一、总体情况"; var _pubDate = "2000-01-01"; // the site's template variables, not the article
function zoom(size) {{ document.getElementById("zoomcon").style.fontSize = size + "px"; }}
</script>
</head>
<body>
<div class="header">
  <div class="logo"><img src="/images/logo.png" alt="{SITE}"></div>
  <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="main">
<h1 class="article-title">{_inline(printed.title, rng)}</h1>
<div class="article-info"><span>{info}</span>&nbsp;&nbsp;<span>来源：{issuer}</span>&nbsp;&nbsp;<span>字体：[<a href="javascript:zoom(16)">大</a> <a href="javascript:zoom(14)">中</a>]</span>
<script>document.write("浏览次数：" + 1024);</script></div>
<div class="article-content" id="zoomcon">
{_article(printed, rng)}</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer">
  <p>主办单位：{SITE} 网站标识码：0000000000 <a href="https://beian.miit.gov.cn/">ICP备00000000号</a></p>
  <p>版权所有 © 2015 - 2024 联系电话：0000-00000000</p>
</div>
<script type="text/javascript" src="/js/stat.js"></script>
</body>
</html>
"""
