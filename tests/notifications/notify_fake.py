"""A stand-in for GOV.UK Notify's HTTP API on loopback, answering as Notify documents it.

It serves POST /v2/notifications/email and /v2/notifications/sms: it checks the bearer JWT (HS256, signed
with the API key's secret, `iss` the service id, `iat` within 30 seconds), and the JSON body (the fields
each endpoint takes, the template id, the template's placeholders), and answers 201 with a notification,
or Notify's error shapes: 400 ValidationError / BadRequestError, 403 AuthError, 429 RateLimitError, 500.
It records every request it accepted. `fail_next(n, 429)` makes it answer the next n requests with that
error; `refuse(address)` answers 400 for that recipient, as a team-only key does for a stranger.

The portal's code talks to it through the real `notifications-python-client`; nothing of the client is mocked.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

EMAIL_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE_ID = "9d3c6b4e-2f8a-4c1d-8e7b-5a6f0c2d1e3b"
# The one template of each kind the portal needs, with its placeholders.
TEMPLATES = {EMAIL_TEMPLATE_ID: ("email", {"subject", "body"}), SMS_TEMPLATE_ID: ("sms", {"body"})}

FIELDS = {
    "email": (
        {"email_address", "template_id"},
        {"personalisation", "reference", "email_reply_to_id", "one_click_unsubscribe_url", "sanitise_content_for"},
    ),
    "sms": ({"phone_number", "template_id"}, {"personalisation", "reference", "sms_sender_id"}),
}
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")
ERRORS = {
    429: ("RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"),
    500: ("Exception", "Internal server error"),
}


@dataclass
class Received:
    kind: str
    body: dict
    claims: dict


@dataclass
class FakeNotify:
    service_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    secret: str = field(default_factory=lambda: str(uuid.uuid4()))
    received: list[Received] = field(default_factory=list)
    calls: int = 0
    failures: list[int] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_key(self) -> str:
        """An API key in Notify's shape: key name, service id, secret."""
        return f"localism_test-{self.service_id}-{self.secret}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail_next(self, count: int, status: int) -> None:
        with self.lock:
            self.failures.extend([status] * count)

    def refuse(self, recipient: str) -> None:
        self.refused.add(recipient)

    def emails(self) -> list[dict]:
        return [r.body for r in self.received if r.kind == "email"]

    def texts(self) -> list[dict]:
        return [r.body for r in self.received if r.kind == "sms"]

    # --- answering -------------------------------------------------------------------------

    def answer(self, kind: str | None, authorization: str, raw: bytes) -> tuple[int, dict]:
        with self.lock:
            self.calls += 1
        if kind is None:
            return 404, _error(404, "ResourceNotFound", "The requested URL was not found on the server.")
        claims, problem = self._claims(authorization)
        if problem:
            return 403, _error(403, "AuthError", problem)
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            return 400, _error(400, "ValidationError", "Invalid JSON supplied in POST data")
        if not isinstance(body, dict):
            return 400, _error(400, "ValidationError", "Invalid JSON supplied in POST data")
        problem = self._invalid(kind, body)
        if problem:
            return 400, _error(400, *problem)
        with self.lock:
            if self.failures:
                status = self.failures.pop(0)
                return status, _error(status, *ERRORS[status])
        recipient = body["email_address" if kind == "email" else "phone_number"]
        if recipient in self.refused:
            return 400, _error(400, "BadRequestError", "Can't send to this recipient using a team-only API key")
        with self.lock:
            self.received.append(Received(kind, body, claims))
        return 201, self._created(kind, body)

    def _claims(self, authorization: str) -> tuple[dict, str]:
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            return {}, "Unauthorized: authentication token must be provided"
        try:
            claims = jwt.decode(token, key=self.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.InvalidTokenError:
            return {}, "Invalid token: signature, api token not found"
        if claims.get("iss") != self.service_id:
            return {}, "Invalid token: service not found"
        if abs(time.time() - int(claims.get("iat", 0))) > 30:
            return {}, "Error: Your system clock must be accurate to within 30 seconds"
        return claims, ""

    def _invalid(self, kind: str, body: dict) -> tuple[str, str] | None:
        required, optional = FIELDS[kind]
        for name in sorted(required - body.keys()):
            return "ValidationError", f"{name} is a required property"
        for name in sorted(body.keys() - required - optional):
            return "ValidationError", f"Additional properties are not allowed ({name} was unexpected)"
        if not UUID_PATTERN.match(str(body["template_id"])):
            return "ValidationError", "template_id is not a valid UUID"
        if "reference" in body and not isinstance(body["reference"], str):
            return "ValidationError", "reference is not of type string"
        personalisation = body.get("personalisation", {})
        if not isinstance(personalisation, dict):
            return "ValidationError", "personalisation is not of type object"
        if kind == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", str(body["email_address"])):
            return "ValidationError", "email_address Not a valid email address"
        if kind == "sms" and not UK_MOBILE.match(str(body["phone_number"]).replace(" ", "")):
            return "ValidationError", "phone_number Not a UK mobile number"
        template = TEMPLATES.get(body["template_id"])
        if template is None or template[0] != kind:
            return "BadRequestError", "Template not found"
        missing = sorted(template[1] - personalisation.keys())
        if missing:
            return "BadRequestError", f"Missing personalisation: {', '.join(missing)}"
        return None

    def _created(self, kind: str, body: dict) -> dict:
        notification_id = str(uuid.uuid4())
        personalisation = body.get("personalisation", {})
        content = {"body": personalisation["body"]}
        if kind == "email":
            content |= {"subject": personalisation["subject"], "from_email": "portal@notifications.service.gov.uk"}
        else:
            content["from_number"] = "NORFOLK"
        return {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": content,
            "uri": f"{self.base_url}/v2/notifications/{notification_id}",
            "template": {
                "id": body["template_id"],
                "version": 1,
                "uri": f"{self.base_url}/v2/template/{body['template_id']}/version/1",
            },
        }


def _error(status: int, error: str, message: str) -> dict:
    return {"status_code": status, "errors": [{"error": error, "message": message}]}


def _handler_for(fake: FakeNotify):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            kind = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}.get(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, answer = fake.answer(kind, self.headers.get("Authorization", ""), raw)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
            pass

    return Handler
