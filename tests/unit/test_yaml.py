from __future__ import annotations

import datetime as dt

from verordening.bron.document import MAX_NODES, parse_text


def test_positions_are_one_based_and_kept_per_path() -> None:
    doc, fouten = parse_text("a:\n  b:\n    - x: 1\n", "f.yaml")
    assert not fouten and doc is not None
    ref = doc.ref(("a", "b", 0, "x"))
    assert (ref.regel, ref.kolom) == (3, 10)
    assert doc.key_ref(("a", "b")).regel == 2


def test_yaml12_booleans_keep_dutch_words_as_text() -> None:
    doc, _ = parse_text("a: nee\nb: no\nc: true\nd: 2024-01-31\n", "f.yaml")
    assert doc is not None
    assert doc.data == {"a": "nee", "b": "no", "c": True, "d": dt.date(2024, 1, 31)}


def test_duplicate_keys_are_reported_with_both_places() -> None:
    _, fouten = parse_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [f.code for f in fouten] == ["V103"]
    assert fouten[0].bron is not None and fouten[0].bron.regel == 3
    assert fouten[0].ook[0].regel == 1


def test_tags_are_refused() -> None:
    _, fouten = parse_text("a: !!python/object:os.system echo\n", "f.yaml")
    assert [f.code for f in fouten] == ["V104"]


def test_alias_bomb_is_refused_quickly() -> None:
    regels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        vorige = f"*a{i - 1}"
        regels.append(f"a{i}: &a{i} [{', '.join([vorige] * 10)}]")
    doc, fouten = parse_text("\n".join(regels) + "\n", "bom.yaml")
    assert doc is None
    assert [f.code for f in fouten] == ["V105"]
    assert str(MAX_NODES) in fouten[0].bericht


def test_syntax_error_has_dutch_message_and_location() -> None:
    _, fouten = parse_text("a: b: c\n", "f.yaml")
    assert fouten[0].code == "V102"
    assert "':'" in fouten[0].bericht and fouten[0].bron is not None and fouten[0].bron.regel == 1
