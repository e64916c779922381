"""Stand-ins for an SMTP server (outside the system), named by EMAIL_BACKEND in the tests of sending and retries."""

import smtplib


def temporary_failure(text: str = "Temporary failure, try later") -> smtplib.SMTPDataError:
    return smtplib.SMTPDataError(451, text.encode())


class SmtpServer:
    """A backend that connects to nothing: a subclass says what its server does with the messages it is given."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass


class RefusingOnceServer(SmtpServer):
    """An SMTP server that refuses the first message it is given and accepts it when it comes again."""

    messages: list = []

    def send_messages(self, messages):
        type(self).messages.extend(m.message() for m in messages)
        if len(type(self).messages) == 1:
            raise temporary_failure()
        return len(messages)
