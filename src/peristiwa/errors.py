"""Errors with codes that say what went wrong and what to do next."""

from __future__ import annotations


class PeristiwaError(Exception):
    """Base class for errors the user can act on."""

    code = "P000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(PeristiwaError):
    """One input (a file, a line of a file, a WARC record) could not be read."""

    code = "P100"

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class NoArticleBody(InputError):
    """The input reads fine but holds no article: only a cookie notice, navigation or other page furniture."""

    code = "P101"

    def __init__(self, where: str) -> None:
        super().__init__(where, "no article body found (only a cookie notice, navigation or other page furniture?)")


class GoldFileError(PeristiwaError):
    code = "P200"


class OutputExistsError(PeristiwaError):
    code = "P300"
