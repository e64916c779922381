"""Codes for tests, made through the service as staff make them."""

from participation_codes.services import batch_create


def codes_for(target, size: int = 3, by=None) -> list[str]:
    return batch_create(target=target, size=size, label="Posted to households", by=by)[1]
