import os

SECRET_KEY = os.environ["AUTH_SECRET"]
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "peer.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
USE_TZ = True
# PEER_TUNED=1: how a Django shop would tune this view: keep the connection between requests (Django's
# default opens and closes one per request) and commit without waiting for the disk, like Bindery's
# synchronous=NORMAL on the WAL file (peer/tuning.py). Without it, Django's defaults.
TUNED = os.environ.get("PEER_TUNED") == "1"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["DATABASE_URL"].removeprefix("file:"),
        # Same busy timeout as Bindery's: writers wait for the lock instead of failing.
        "OPTIONS": {"timeout": 5},
        "CONN_MAX_AGE": None if TUNED else 0,
    }
}
