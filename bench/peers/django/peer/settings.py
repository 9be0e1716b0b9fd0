import os

SECRET_KEY = os.environ["AUTH_SECRET"]
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "peer.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
USE_TZ = True
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["DATABASE_URL"].removeprefix("file:"),
        # Same busy timeout as Bindery's: writers wait for the lock instead of failing.
        "OPTIONS": {"timeout": 5},
    }
}
