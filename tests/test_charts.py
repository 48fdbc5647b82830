"""The chart registry: every builder name is unique across the chart modules."""

import inspect
from importlib import import_module

from kit import charts
from kit.charts import rtl_label


def test_builder_names_are_unique_across_submodules():
    seen: dict[str, str] = {}
    for sub in charts._SUBMODULES:
        module = import_module(f"kit.charts.{sub}")
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ \
                    and not name.startswith("_"):
                assert name not in seen, f"{name} is defined in {seen.get(name)} and {sub}"
                seen[name] = sub


def test_arabic_labels_are_embedded_right_to_left_once():
    label = rtl_label("كم شخصًا استمع إلى إعلان DeSantis؟")
    assert label.startswith("\u202b") and label.endswith("\u202c")
    assert rtl_label(label) == label
    assert rtl_label("Only English") == "Only English"
