"""Dataset loading: every file valid, and errors that name the file, the field and the fix."""

import json

import pytest

from kit import datasets
from kit.datasets import DATASETS, DataError, load_dataset


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_loads_against_its_schema(name):
    assert load_dataset(name)


def test_unknown_dataset_lists_the_valid_ones():
    with pytest.raises(DataError, match="claims, sources"):
        load_dataset("nope")


def test_a_broken_file_names_the_file_and_the_field(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "schemas").mkdir(parents=True)
    (data / "article").mkdir()
    schema = json.loads((datasets.data_dir() / "schemas" / "claims.schema.json").read_text())
    (data / "schemas" / "claims.schema.json").write_text(json.dumps(schema))
    monkeypatch.setenv("KIT_DATA_DIR", str(data))
    datasets.load_dataset.cache_clear()
    datasets._schema.cache_clear()
    try:
        (data / "claims.json").write_text("{not json")
        with pytest.raises(DataError, match=r"claims\.json: not valid JSON \(line 1"):
            load_dataset("claims")
        (data / "claims.json").write_text(json.dumps({"items": [{"id": 3}]}))
        with pytest.raises(DataError, match=r"claims\.json: at .*is a required property"):
            load_dataset("claims")
    finally:
        datasets.load_dataset.cache_clear()
        datasets._schema.cache_clear()


@pytest.mark.parametrize("name", ["claims", "numbers", "references", "sources"])
def test_brackets_and_quotation_marks_are_closed_in_every_text(name):
    """No «(التوقيت الصيفي) في مايو)» or «(رابطة مكافحة التشهير.» (fact review, 2 Dec 2026)."""

    def texts(obj):
        if isinstance(obj, str):
            yield obj
        elif isinstance(obj, dict):
            for value in obj.values():
                yield from texts(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from texts(value)

    for text in texts(load_dataset(name)):
        for opening, closing in ("()", "«»"):
            depth = 0
            for ch in text:
                depth += (ch == opening) - (ch == closing)
                assert depth >= 0, text
            assert depth == 0, text
        assert text.count("التوقيت الصيفي") <= 1, text  # once was «… الشرقي التوقيت الصيفي»


def test_validation_in_a_fresh_kernel_skips_format_only_modules_and_still_checks():
    """jsonschema's optional format modules stay out of a lesson kernel (issue 15), the
    schema is still enforced, and the hidden modules can be imported afterwards."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys\nfrom kit import datasets\n"
            "try:\n    datasets.validate({'lesson': 1}, 'lesson')\n"
            "except datasets.DataError as e:\n    print('refused', 'required property' in str(e))\n"
            "print(sorted(m for m in datasets._FORMAT_ONLY if m in sys.modules))\n"
            "print(not any(sys.modules.get(m, 0) is None for m in datasets._FORMAT_ONLY))\n"
            "import idna\nprint(idna.__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent).stdout.split("\n")
    assert out[:4] == ["refused True", "[]", "True", "idna"]


def _data_folder(tmp_path, monkeypatch, claims):
    data = tmp_path / "data"
    (data / "schemas").mkdir(parents=True)
    schema = (datasets.data_dir() / "schemas" / "claims.schema.json").read_text()
    (data / "schemas" / "claims.schema.json").write_text(schema)
    (data / "claims.json").write_text(json.dumps(claims), encoding="utf-8")
    monkeypatch.setenv("KIT_DATA_DIR", str(data))
    for cached in (datasets.load_dataset, datasets._schema, datasets._recorded):
        cached.cache_clear()  # and again on the way out (the tests' finally)
    return data


def test_a_recorded_document_skips_the_schema_check_and_any_other_content_is_checked(
        tmp_path, monkeypatch):
    claims = json.loads((datasets.data_dir() / "claims.json").read_text(encoding="utf-8"))
    try:
        data = _data_folder(tmp_path, monkeypatch, claims)
        assert len(datasets.record(data)) == 1
        calls = []
        real = datasets._jsonschema
        monkeypatch.setattr(datasets, "_jsonschema", lambda: calls.append(1) or real())
        datasets.validate(dict(reversed(claims.items())), "claims")  # same content: skipped
        assert calls == []
        broken = {**claims, "items": [{"id": 3}]}
        with pytest.raises(DataError, match="items"):  # other content: checked in full
            datasets.validate(broken, "claims", source="claims.json")
        assert calls == [1]
        schema = json.loads((data / "schemas" / "claims.schema.json").read_text())
        schema["required"] = [*schema.get("required", []), "no_such_field"]
        (data / "schemas" / "claims.schema.json").write_text(json.dumps(schema))
        datasets._schema.cache_clear()
        with pytest.raises(DataError, match="no_such_field"):  # a changed schema: checked too
            datasets.validate(claims, "claims")
    finally:
        for cached in (datasets.load_dataset, datasets._schema, datasets._recorded):
            cached.cache_clear()


def test_record_refuses_a_document_that_breaks_its_schema(tmp_path, monkeypatch):
    try:
        data = _data_folder(tmp_path, monkeypatch, {"items": [{"id": 3}]})
        with pytest.raises(DataError, match="nothing recorded"):
            datasets.record(data)
        assert not (data / "schemas" / datasets.VALID_DIGESTS).exists()
    finally:
        for cached in (datasets.load_dataset, datasets._schema, datasets._recorded):
            cached.cache_clear()


def test_the_recorded_digests_cover_every_data_file_as_it_is_now():
    # Not a matter of correctness (a file missing from the list is validated in full in every
    # kernel), but of the ~0.1 s per kernel the list saves: who edits data records it again.
    stale = [str(path.relative_to(datasets.data_dir()))
             for pattern, schema_name in datasets.RECORDED
             for path in sorted(datasets.data_dir().glob(pattern))
             if datasets.digest(json.loads(path.read_text(encoding="utf-8")), schema_name)
             not in datasets._recorded()]
    assert not stale, ("data changed since its digests were recorded: run "
                       f"`python -m kit.datasets --record` and commit the list ({stale})")
