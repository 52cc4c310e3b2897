"""The desk forms' mail queue: zope.sendmail's queued delivery to a Maildir.

A mail is written into the queue directory when it is queued and moved into
the Maildir's ``new/`` only when the transaction commits (zope.sendmail's
data manager): a rolled-back submission sends nothing, and an SMTP server
that is down loses nothing.  A ``QueueProcessorThread`` per queue directory
sends what is queued, with the site's mail settings (Plone's SMTPMailer reads
them from the registry; they are taken again each time a mail is queued),
and retries every ``INTERVAL`` seconds until the server takes the mail.

The directory comes from zope.conf::

    <product-config famiguida>
        mail-queue-directory /path/to/var/mailqueue
    </product-config>

else from the ``FAMIGUIDA_MAIL_QUEUE`` environment variable, else
``<clienthome>/mailqueue``, else a folder in the system's temporary
directory.  ``MAILHOST_QUEUE_ONLY=1`` (as for Products.MailHost) queues
without starting the thread, for a deployment where another process sends.
"""

from App.config import getConfiguration
from zope.component.hooks import site as using_site
from zope.sendmail.delivery import QueuedMailDelivery
from zope.sendmail.maildir import Maildir
from zope.sendmail.queue import QueueProcessorThread

import contextlib
import logging
import os
import tempfile
import threading


logger = logging.getLogger("famiguida.desk_forms.mailqueue")

INTERVAL = 3.0
ENVIRONMENT = "FAMIGUIDA_MAIL_QUEUE"

_threads = {}
_lock = threading.Lock()
_created = set()


def queue_directory():
    """The absolute path of the mail queue (a Maildir, created if missing)."""
    config = getConfiguration()
    product_config = getattr(config, "product_config", None) or {}
    path = (product_config.get("famiguida") or {}).get("mail-queue-directory")
    if not path:
        path = os.environ.get(ENVIRONMENT)
    if not path:
        clienthome = getattr(config, "clienthome", None)
        if clienthome:
            path = os.path.join(clienthome, "mailqueue")
        else:
            path = os.path.join(tempfile.gettempdir(), "famiguida-mailqueue")
    path = os.path.realpath(path)
    if path not in _created:
        # zope.sendmail's Maildir refuses an existing folder without them
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(path, sub), exist_ok=True)
        _created.add(path)
    return path


def queued_files(path=None):
    """The mails waiting in the queue (file paths)."""
    return list(Maildir(path or queue_directory(), create=True))


class RetryingQueueProcessorThread(QueueProcessorThread):
    """zope.sendmail's thread, retrying a failed mail at the next pass.

    zope.sendmail leaves its ``.sending-`` lock link behind when the SMTP
    server cannot be reached, and retries that mail only after three hours:
    this one removes the link of its own failed attempt.
    """

    _failed = False
    # failed attempts so far (monitoring, tests)
    failures = 0

    def setMailer(self, mailer):
        self.mailer = _FlaggingMailer(self, mailer)

    def _process_one_file(self, filename):
        self._failed = False
        super()._process_one_file(filename)
        if self._failed and os.path.exists(filename):
            head, tail = os.path.split(filename)
            lock = os.path.join(head, ".sending-" + tail)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(lock)


class _FlaggingMailer:
    """Tells its thread that a send failed (the thread then retries)."""

    def __init__(self, thread, mailer):
        self.thread = thread
        self.mailer = mailer

    def send(self, fromaddr, toaddrs, message):
        try:
            self.mailer.send(fromaddr, toaddrs, message)
        except Exception:
            self.thread._failed = True
            self.thread.failures += 1
            raise


def processor(path=None):
    """The running queue thread of ``path`` (None if none was started)."""
    return _threads.get(path or queue_directory())


def ensure_processor(mailhost, path=None, update=True):
    """Start the queue thread of ``path`` if needed; give it ``mailhost``'s
    current SMTP settings (``update``) or only when it starts."""
    if os.environ.get("MAILHOST_QUEUE_ONLY"):
        return None
    path = path or queue_directory()
    with _lock:
        thread = _threads.get(path)
        if thread is not None and thread.is_alive():
            if update:
                thread.setMailer(mailhost._makeMailer())
            return thread
        thread = RetryingQueueProcessorThread(interval=INTERVAL)
        thread.name = f"famiguida mail queue {path}"
        thread.setMailer(mailhost._makeMailer())
        thread.setQueuePath(path)
        thread.start()
        _threads[path] = thread
        logger.info("Mail queue thread started for %s", path)
        return thread


def stop_processor(path=None):
    """Stop the queue thread of ``path`` (tests)."""
    path = path or queue_directory()
    with _lock:
        thread = _threads.pop(path, None)
    if thread is not None:
        thread.stop()
        thread.join(10)


def queue(mailhost, mfrom, mto, message_bytes):
    """Queue ``message_bytes`` (CRLF lines) from ``mfrom`` to the addresses
    ``mto``; it is sent after the current transaction commits."""
    path = queue_directory()
    QueuedMailDelivery(path).send(mfrom, list(mto), message_bytes)
    ensure_processor(mailhost, path)


def start_on_traverse(site, event):
    """Subscriber: the first request to a site starts its queue thread, so
    mails queued before a restart are sent without waiting for a new one."""
    if os.environ.get("MAILHOST_QUEUE_ONLY"):
        return
    try:
        path = queue_directory()
        thread = _threads.get(path)
        if thread is not None and thread.is_alive():
            return
        mailhost = getattr(site, "MailHost", None)
        if mailhost is not None and hasattr(mailhost, "_makeMailer"):
            # Plone's SMTPMailer reads the site's registry
            with using_site(site):
                ensure_processor(mailhost, path, update=False)
    except Exception:  # never break a request for the queue's sake
        logger.exception("Mail queue thread not started")
