"""Een beleidsmedewerker controleert de regelsets voordat een wijziging naar de raad gaat.

Draai: python examples/02_controleer_regelsets.py [map]
Zonder map worden de meegeleverde regelsets gecontroleerd. Elke fout staat op één regel:
bestand:regel:kolom: fout CODE: bericht (hint).
"""

import sys
from pathlib import Path

import verordening


def main(pad: str | None = None) -> int:
    diagnostics = verordening.check(Path(pad) if pad else None)
    for d in diagnostics:
        print(d.gnu())
    fouten = sum(1 for d in diagnostics if d.ernst == "fout")
    print(f"{fouten} fout(en), {len(diagnostics) - fouten} waarschuwing(en)")
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
