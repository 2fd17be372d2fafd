"""The local web app (``mend serve``): server-rendered pages and a JSON API over the same services.

Nothing is loaded from elsewhere: templates and static files ship inside the package.
"""

from mendkit.web.app import create_app

__all__ = ["create_app"]
