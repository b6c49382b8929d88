from pathlib import Path

from samen.imports.framework import REGISTRY

DOC = Path(__file__).resolve().parents[2] / "docs" / "imports.md"


def test_every_import_kind_and_column_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name, kind in REGISTRY.items():
        assert f"## `{name}`" in text, name
        for column in kind.columns:
            assert f"`{column.name}`" in text, f"{name}.{column.name}"
