"""The compiler: declarations, overlays, per-rule compilation, versions and strata.

`compile_sources` turns validated sources into one frozen `CompiledVerordening`
(`product`), the only thing engines read; `facts` is the catalogue of input facts.
"""

from verordening.compiler._compile import compile_sources
from verordening.compiler.product import BEGIN, EINDE, CompiledRegel, CompiledVerordening, Versie

__all__ = ["BEGIN", "EINDE", "CompiledRegel", "CompiledVerordening", "Versie", "compile_sources"]
