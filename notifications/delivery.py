"""How one claimed outbox row leaves the portal: by SMTP, or through GOV.UK Notify when NOTIFY_API_KEY is set.

The outbox (notifications.services) decides which rows to send, claims them and records each outcome; a
channel only sends one row and says how it went: returned (accepted), TemporaryDeliveryError (a busy or unreachable
service: retried with back-off, like an SMTP failure), PermanentDeliveryError (it would never succeed as it is: a bad
address, a refused key; the row fails at once with the reason) or NoRecipientError (nothing to send to any
more, such as a number no longer verified: the row is skipped).
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.template.loader import render_to_string

from localism.links import absolute_url
from notifications.models import Notification
from notifications.texts import code_matches, code_text, unsealed_code

logger = logging.getLogger(__name__)

MOBILE_CODE_KIND = "notifications.mobile_code"


class TemporaryDeliveryError(Exception):
    """The message may go if sent again later."""


class PermanentDeliveryError(Exception):
    """The message will not go however often it is sent."""


class NoRecipientError(Exception):
    """The message no longer has anyone to go to."""


def open_channel() -> SmtpChannel | NotifyChannel:
    """The channel this worker sends through, opened (SMTP errors here give the whole claim back)."""
    channel = NotifyChannel() if settings.NOTIFY_API_KEY else SmtpChannel()
    channel.open()
    return channel


def text_message(row: Notification) -> tuple[str, str]:
    """The number to text and the text, for an outbox row of the text channel; NoRecipientError if there is none."""
    mobile = getattr(row.recipient, "mobile_number", None) if row.recipient_id else None
    if mobile is None:
        raise NoRecipientError("No mobile number for text alerts")
    event = row.event
    if event.kind == MOBILE_CODE_KIND:
        # The code goes only to the number it was made for, while it is still the one to enter.
        code = unsealed_code(event.context.get("sealed_code", ""))
        if mobile.is_verified or code is None or not mobile.code_is_live() or not code_matches(mobile, code):
            raise NoRecipientError("The code was replaced, used or has expired")
        return mobile.number, code_text(code)
    if not mobile.is_verified:
        raise NoRecipientError("The mobile number has not been verified")
    context = {**event.context, "site_url": settings.SITE_URL, "site_name": settings.SITE_NAME, "why_sent": ""}
    subject = " ".join(render_to_string(f"{event.template}_subject.txt", context).split())
    link = event.context.get("url") or absolute_url("/")
    return mobile.number, f"{subject}\n{link}"


class SmtpChannel:
    """Email through Django's mail backend (SMTP in production); texts cannot go this way."""

    def __init__(self) -> None:
        self.mail = get_connection()
        self.broken = False

    def open(self) -> None:
        self.mail.open()

    def close(self) -> None:
        self.mail.close()

    def send(self, row: Notification) -> None:
        from notifications.services import build_email

        if row.channel == Notification.Channel.SMS:
            raise PermanentDeliveryError(
                "Text messages are sent only through GOV.UK Notify, and NOTIFY_API_KEY is not set"
            )
        message = build_email(row)
        message.connection = self.mail
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            self.broken = isinstance(exc, smtplib.SMTPServerDisconnected | OSError)
            raise TemporaryDeliveryError(f"{type(exc).__name__}: {exc}") from exc

    def recover(self) -> None:
        """After a failure: a connection that is gone is opened again for the rest of the batch."""
        if self.broken:
            self.broken = False
            self.mail.close()
            self.mail.open()


class NotifyChannel:
    """Email and texts through GOV.UK Notify's API, with its official client.

    The outbox row's key is the Notify reference, so each try of one row can be traced in Notify.
    """

    def __init__(self) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.OUTBOX_SEND_SECONDS
        )

    def open(self) -> None:
        pass

    def close(self) -> None:
        self.client.request_session.close()

    def recover(self) -> None:
        pass

    def send(self, row: Notification) -> None:
        from notifications_python_client.errors import APIError, InvalidResponse

        try:
            if row.channel == Notification.Channel.SMS:
                number, text = text_message(row)
                self.client.send_sms_notification(
                    phone_number=number,
                    template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                    personalisation={"body": text},
                    reference=row.key,
                )
            else:
                self._send_email(row)
        except InvalidResponse:
            # Notify answered 2xx, so it took the message; only its answer was unreadable.
            logger.warning("GOV.UK Notify accepted %s but its answer could not be read", row.key)
        except APIError as exc:
            reason = f"GOV.UK Notify {exc.status_code}: {_describe(exc.message)}"
            # A refused request (bad address, bad key, trial mode) fails alike on every try; a busy or
            # failing Notify (429, 5xx; the client reports a lost connection as 503) may take it later.
            if exc.status_code == 429 or exc.status_code >= 500:
                raise TemporaryDeliveryError(reason) from exc
            raise PermanentDeliveryError(reason) from exc

    def _send_email(self, row: Notification) -> None:
        from notifications.services import build_email

        message = build_email(row)
        unsubscribe = message.extra_headers.get("List-Unsubscribe", "").strip("<>")
        self.client.send_email_notification(
            email_address=row.to_address,
            template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={"subject": message.subject, "body": message.body},
            reference=row.key,
            one_click_unsubscribe_url=unsubscribe or None,
        )


def _describe(message) -> str:
    """Notify's errors ([{"error": "BadRequestError", "message": "..."}]) as one line."""
    if isinstance(message, list):
        return "; ".join(
            f"{item.get('error', '')}: {item.get('message', '')}" if isinstance(item, dict) else str(item)
            for item in message
        )
    return str(message)
