"""The lateral-reading check in JupyterLab: a web address is typed and read left to right in
the Arabic edition too, while the learner's sentence stays right to left."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DIRECTIONS_JS = """() => {
  const item = document.querySelector('.kit-id-o_lateral');
  const look = (e) => e && {direction: getComputedStyle(e).direction,
                            align: getComputedStyle(e).textAlign};
  return {url: look(item.querySelector('.kit-lateral-url input')),
          sentence: look(item.querySelector('textarea'))};
}"""


def test_the_address_box_reads_left_to_right_in_the_arabic_edition(open_notebook):
    tab = open_notebook("ar/02_sources.ipynb")
    report = tab.run_all_and_report()
    assert report["errors"] == []
    found = tab.page.evaluate(DIRECTIONS_JS)
    assert found["url"] == {"direction": "ltr", "align": "left"}, found
    assert found["sentence"] == {"direction": "rtl", "align": "right"}, found
