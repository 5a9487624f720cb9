"""``forewarn serve``: the JSON API and the analyst's dashboard over one store.

The app is a thin shell over :class:`forewarn.Database`: route handlers parse parameters,
ask the library one question and render the answer (no SQL here).
"""

from forewarn.web.app import create_app

__all__ = ["create_app"]
