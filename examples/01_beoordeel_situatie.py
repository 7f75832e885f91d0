"""Een zaaksysteem vraagt een advies voor elke voorbeeldsituatie en toont de uitkomst.

Draai: python examples/01_beoordeel_situatie.py
Elke situatie noemt zelf haar peildatum; die geven we expliciet door.
"""

import datetime as dt
from pathlib import Path

import yaml

import verordening

MAP = Path(__file__).parent / "situaties"


def main() -> dict[str, list[tuple[str, str]]]:
    vo = verordening.load()
    uitkomsten: dict[str, list[tuple[str, str]]] = {}
    for bestand in sorted(MAP.glob("*.yaml")):
        situatie = yaml.safe_load(bestand.read_text(encoding="utf-8"))
        peildatum = situatie["peildatum"]
        assert isinstance(peildatum, dt.date)
        advies = vo.evaluate(situatie, peildatum=peildatum)
        uitkomsten[bestand.stem] = [(v.behoefte, str(v.uitkomst)) for v in advies.voorstellen]
        print(f"{bestand.stem} (peildatum {peildatum}):")
        for v in advies.voorstellen:
            bedrag = f" {v.bedrag / 100:.2f} euro {v.periode}" if v.bedrag is not None else ""
            print(f"  {v.behoefte}: {v.uitkomst}{bedrag} (artikel {v.artikel}, {v.grondslag})")
        if advies.vereist_beoordeling:
            print("  professional weegt mee:", "; ".join(r.tekst for r in advies.redenen))
        for vraag in advies.vragen:
            print("  vraag:", vraag.vraag)
    return uitkomsten


if __name__ == "__main__":
    main()
