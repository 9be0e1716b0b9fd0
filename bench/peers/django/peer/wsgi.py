import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer.settings")
application = get_wsgi_application()

import peer.tuning  # noqa: E402,F401  (connects the tuning signal once settings are loaded)
