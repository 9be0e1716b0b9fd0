import hashlib
import hmac
import os
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import quote

from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound

SECRET = os.environ["AUTH_SECRET"].encode()
PREFIX = os.environ.get("SENDFILE_URL", "/_protected/")


def signature_ok(grant_id, expires, sig):
    if not expires or not sig or not expires.isdigit() or int(expires) < time.time():
        return False
    expected = hmac.new(SECRET, f"bindery-download:{grant_id}:{expires}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sig)


def download(request, grant_id):
    if not signature_ok(grant_id, request.GET.get("expires"), request.GET.get("sig")):
        return HttpResponseNotFound()
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT o."userId", o."status", f."storageKey", f."displayName", f."contentType", f."version" '
            'FROM "DownloadGrant" g JOIN "OrderItem" i ON i."id" = g."orderItemId" '
            'JOIN "Order" o ON o."id" = i."orderId" JOIN "ProductFile" f ON f."id" = g."productFileId" '
            'WHERE g."id" = %s AND g."revokedAt" IS NULL',
            [grant_id],
        )
        row = cursor.fetchone()
        if row is None or row[1] not in ("PAID", "PARTIALLY_REFUNDED"):
            return HttpResponseNotFound()
        user_id, _status, key, name, content_type, version = row
        cursor.execute(
            'UPDATE "DownloadGrant" SET "downloadsUsed" = "downloadsUsed" + 1 WHERE "id" = %s '
            'AND ("downloadLimit" IS NULL OR "downloadsUsed" < "downloadLimit")',
            [grant_id],
        )
        if cursor.rowcount != 1:
            return HttpResponse(status=403)
        cursor.execute(
            'INSERT INTO "DownloadEvent" ("id", "grantId", "userId", "fileVersion", "createdAt", "ip", "userAgent", "range", "backend", "outcome") '
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'django', 'ALLOWED')",
            [uuid.uuid4().hex, grant_id, user_id, version, datetime.now(timezone.utc).isoformat(),
             request.META.get("REMOTE_ADDR"), request.META.get("HTTP_USER_AGENT"), request.META.get("HTTP_RANGE")],
        )
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(name)
    response["X-Accel-Redirect"] = PREFIX + "/".join(quote(part, safe="") for part in key.split("/"))
    return response
