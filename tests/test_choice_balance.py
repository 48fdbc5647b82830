"""Choice options: the length of an option must not give the right answer away.

Issue 11: in each edition, the correct option may be the strictly longest (by characters)
in at most 35% of the choice items of all lessons together. The figures are printed
(`pytest -s`), per lesson too, so writers can see where to work.
"""

from __future__ import annotations

import pytest

from kit.lesson import lesson_ids, load_lesson

LIMIT = 0.35


def longest_is_correct(item: dict) -> bool:
    """True when the correct option is longer than every other option (ties do not count)."""
    right = [len(c["text"]) for c in item["choices"] if c["correct"]]
    wrong = [len(c["text"]) for c in item["choices"] if not c["correct"]]
    return bool(right) and bool(wrong) and max(right) > max(wrong)


def tally(lang: str) -> dict[str, tuple[int, int]]:
    """lesson -> (choice items whose correct option is strictly longest, choice items)."""
    out = {}
    for lesson in lesson_ids(lang):
        choices = [i for i in load_lesson(lesson, lang)["items"] if i["kind"] == "choice"]
        out[lesson] = (sum(longest_is_correct(i) for i in choices), len(choices))
    return out


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_length_does_not_give_the_answer_away(lang):
    per_lesson = tally(lang)
    longest = sum(n for n, _ in per_lesson.values())
    total = sum(m for _, m in per_lesson.values())
    share = longest / total
    print(f"\n{lang}: correct option strictly longest in {longest} of {total} choice items "
          f"({share:.0%}; limit {LIMIT:.0%})")
    for lesson, (n, m) in per_lesson.items():
        print(f"  {lesson}: {n} of {m}" + (f" ({n / m:.0%})" if m else ""))
    assert total > 0
    assert share <= LIMIT, f"{lang}: {longest} of {total} ({share:.0%}) > {LIMIT:.0%}"


def test_the_rule_counts_only_a_strictly_longest_correct_option():
    def item(*lengths_correct):
        return {"choices": [{"text": "x" * n, "correct": c} for n, c in lengths_correct]}

    assert longest_is_correct(item((5, True), (4, False), (3, False)))
    assert not longest_is_correct(item((5, True), (5, False)))
    assert not longest_is_correct(item((4, True), (5, False)))
