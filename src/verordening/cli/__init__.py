"""The ``verordening`` command (typer): Dutch help, exit codes 0/1/2."""

from verordening.cli._app import app

__all__ = ["app"]
