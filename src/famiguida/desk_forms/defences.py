"""Server-side spam defences of the desk forms (no third-party service).

- a honeypot: a text input people do not see (moved off-screen, out of the
  tab order, its label says to leave it empty) and bots fill;
- a signed timestamp: the form carries the time it was shown, signed with an
  HMAC of the site's keyring, so a submission faster than the minimum fill
  time or older than the maximum age is refused (and cannot be forged);
- a rate limit per client IP, kept in this process's memory.

``clock`` is the time source; tests replace it.
"""

from famiguida import _
from famiguida.desk_forms.settings import setting
from plone.keyring.interfaces import IKeyManager
from zope.component import queryUtility

import hashlib
import hmac
import threading
import time


HONEYPOT = "website"
TOKEN = "famiguida_form_token"  # noqa: S105 (a field name)
KEYRING = "_forms"

clock = time.time


def now():
    return clock()


def _secrets():
    manager = queryUtility(IKeyManager)
    if manager is None:
        raise RuntimeError("No plone.keyring key manager")
    try:
        ring = manager[KEYRING]
    except KeyError:
        ring = manager["_system"]
    return [key for key in ring if key]


def _signature(secret, scope, stamp):
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return hmac.new(secret, f"{scope}|{stamp}".encode(), hashlib.sha256).hexdigest()


def make_token(scope, stamp=None):
    """``<time>.<signature>`` for the form at ``scope`` (its path)."""
    stamp = int(now() if stamp is None else stamp)
    return f"{stamp}.{_signature(_secrets()[0], scope, stamp)}"


def token_time(token, scope):
    """The time signed in ``token`` for ``scope``, or None if forged."""
    if not isinstance(token, str) or "." not in token:
        return None
    stamp, signature = token.split(".", 1)
    if not stamp.isdigit():
        return None
    for secret in _secrets():
        if hmac.compare_digest(_signature(secret, scope, stamp), signature):
            return int(stamp)
    return None


ERROR_HONEYPOT = _(
    "error_desk_form_honeypot",
    default="La richiesta non è stata inviata: il campo «Lascia vuoto questo "
    "campo» deve restare vuoto.",
)
ERROR_EXPIRED = _(
    "error_desk_form_expired",
    default="Il modulo è scaduto. Controlla i dati e invialo di nuovo.",
)
ERROR_TOO_FAST = _(
    "error_desk_form_too_fast",
    default="Il modulo è stato inviato troppo in fretta. Controlla i dati e "
    "invialo di nuovo.",
)


def rate_limit_error(minutes):
    return _(
        "error_desk_form_rate_limit",
        default="Da questa connessione sono già arrivate molte richieste. "
        "Riprova tra ${minutes} minuti.",
        mapping={"minutes": minutes},
    )


def too_many_files_error(maximum):
    return _(
        "error_desk_form_too_many_files",
        default="Puoi allegare al massimo ${max} file a una richiesta.",
        mapping={"max": maximum},
    )


def check_honeypot(form):
    value = form.get(HONEYPOT, "")
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    return ERROR_HONEYPOT if str(value).strip() else None


def check_token(form, scope):
    stamp = token_time(form.get(TOKEN), scope)
    if stamp is None:
        return ERROR_EXPIRED
    elapsed = now() - stamp
    if elapsed > setting("max_form_age_hours") * 3600 or elapsed < -60:
        return ERROR_EXPIRED
    if elapsed < setting("min_fill_seconds"):
        return ERROR_TOO_FAST
    return None


class RateLimiter:
    """Submissions per client address in a sliding window, in memory."""

    MAX_CLIENTS = 10000

    def __init__(self):
        self._hits = {}
        self._lock = threading.Lock()

    def clear(self):
        with self._lock:
            self._hits.clear()

    def _recent(self, client, moment, window):
        return [t for t in self._hits.get(client, ()) if moment - t < window]

    def allows(self, client, limit, window):
        if not limit:
            return True
        with self._lock:
            return len(self._recent(client, now(), window)) < limit

    def record(self, client, window):
        moment = now()
        with self._lock:
            if len(self._hits) >= self.MAX_CLIENTS:
                for key in list(self._hits):
                    if not self._recent(key, moment, window):
                        del self._hits[key]
                if len(self._hits) >= self.MAX_CLIENTS:
                    self._hits.clear()
            self._hits[client] = [*self._recent(client, moment, window), moment]


rate_limiter = RateLimiter()


def check_rate(client):
    minutes = setting("rate_limit_minutes")
    if rate_limiter.allows(client, setting("rate_limit_count"), minutes * 60):
        return None
    return rate_limit_error(minutes)


def record_submission(client):
    rate_limiter.record(client, setting("rate_limit_minutes") * 60)
