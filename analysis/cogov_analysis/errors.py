"""Errors a user can act on. The command line prints them without a traceback."""


class AnalysisError(Exception):
    """Bad input: a missing, foreign or unsupported file, a wrong option."""


class FileFormatError(AnalysisError):
    """A file that is not a cogov output file this toolkit can read."""


class AnalysisWarning(UserWarning):
    """Something a reader of the results should know: an incomplete sweep file, failed runs."""
