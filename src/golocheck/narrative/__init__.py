"""Reading the prose of an annual report: figures quoted in the narrative text.

``golocheck.narrative.numerals`` finds the quantities (counts, amounts,
percentages) written in a sentence so that later checks can compare them with
the report's statistics tables.
"""
