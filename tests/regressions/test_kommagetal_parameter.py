"""A parameter value written as '12.000' is a float in YAML; it must not become 12 silently.

Found by the policy-staff walkthrough: `waarde: 12.000` (meant as twelve thousand) passed
`check` and became 12 basis points.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import verordening
from verordening.bron.loader import shipped_root


def test_kommagetal_als_parameterwaarde_is_een_fout(tmp_path: Path) -> None:
    kopie = tmp_path / "rulesets"
    shutil.copytree(shipped_root(), kopie)
    pad = kopie / "parameters" / "procedure.yaml"
    tekst = pad.read_text(encoding="utf-8")
    assert "        waarde: 8\n" in tekst
    pad.write_text(tekst.replace("        waarde: 8\n", "        waarde: 8.000\n", 1), "utf-8")

    fouten = [d for d in verordening.check(kopie) if d.code == "V204"]

    assert len(fouten) == 1
    assert "kommagetal 8.0 is niet toegestaan" in fouten[0].bericht
    assert fouten[0].bron is not None and fouten[0].bron.bestand.endswith("procedure.yaml")
