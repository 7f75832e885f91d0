"""The HTML explanation in a real browser: headless Chromium, driven by selenium.

The ``browser`` fixture (tests/conftest.py) skips locally when Chromium or its driver is
missing; under CI=true a missing browser is a failure. ``pytest --update-golden`` also
refreshes the screenshots in docs/voor-juristen/schermafbeeldingen/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import verordening

VOORBEELDEN = Path(__file__).parent.parent / "examples" / "situaties"
SCHERM = Path(__file__).parent.parent / "docs" / "voor-juristen" / "schermafbeeldingen"
GEVALLEN = [
    ("c30-jongere-meldt-zich", "jurist", ["Stap 4", "Niet van toepassing", "31 maart 2025"]),
    ("c30-jongere-meldt-zich", "inwoner", ["Ons voorstel voor u", "31 maart 2025"]),
    ("c02-zoon", "jurist", ["€ 740,17", "Pw art. 22a lid 1"]),
    ("c35-wlz-indicatie", "inwoner", ["zorgkantoor", "Bent u het er niet mee eens?"]),
]


@pytest.mark.browser
@pytest.mark.parametrize(("situatie", "vorm", "teksten"), GEVALLEN)
def test_html_explanation_renders_without_errors(
    browser: Any,
    vo: verordening.Verordening,
    tmp_path: Path,
    situatie: str,
    vorm: str,
    teksten: list[str],
    update_golden: bool,
) -> None:
    from selenium.webdriver.common.by import By

    data: dict[str, Any] = yaml.safe_load(
        (VOORBEELDEN / f"{situatie}.yaml").read_text(encoding="utf-8")
    )
    advies = vo.evaluate(data, peildatum=data["peildatum"])
    pagina = tmp_path / f"{situatie}.{vorm}.html"
    pagina.write_text(verordening.uitleg(advies, vorm=vorm, formaat="html"), encoding="utf-8")  # type: ignore[arg-type]
    browser.get(pagina.as_uri())
    fouten = [r for r in browser.get_log("browser") if r.get("level") == "SEVERE"]
    assert fouten == []
    kop = browser.find_element(By.TAG_NAME, "h1")
    assert kop.is_displayed()
    zichtbaar = browser.find_element(By.TAG_NAME, "body").text
    for tekst in teksten:
        assert tekst in zichtbaar
    assert browser.execute_script("return document.documentElement.lang") == "nl"
    koppen = browser.find_elements(By.CSS_SELECTOR, "th")
    assert all(k.get_attribute("scope") in ("col", "row") for k in koppen)
    png = browser.get_screenshot_as_png()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    if update_golden:
        SCHERM.mkdir(parents=True, exist_ok=True)
        (SCHERM / f"{situatie}.{vorm}.png").write_bytes(png)
