"""The ``verordening`` command (typer): Dutch help, exit codes 0/1/2.

The outermost layer, over every stage: ``check`` and ``analyse`` (load, validate,
compile), ``evaluate`` and ``uitleg`` (evaluate, explain), ``test`` (the scenarios),
``render`` and ``schema`` (documents), ``caseload``, ``impact`` and ``bench``. Exit 0
is success, 1 a problem in the content (rules or situation), 2 wrong usage; a user
error is a Dutch message, never a traceback.
"""

from verordening.cli._app import app

__all__ = ["app"]
