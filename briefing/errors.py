"""The errors a user is meant to read. The CLI prints them and exits with 2."""


class BriefingError(Exception):
    """A problem the user can fix; its message is one clear line."""

    exit_code = 2


class InputError(BriefingError):
    """An input (file, URL, feed) that cannot be used, and why."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class TemplateError(BriefingError):
    """A briefing template that cannot be rendered."""


class EngineError(BriefingError):
    """A voice that cannot speak right now."""
