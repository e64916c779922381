"""Test clients for people: what a browser signed in as them would send."""

from django.test import Client


def signed_in(user) -> Client:
    """A new client signed in as this person (a real session), beside any other client of the test."""
    client = Client()
    client.force_login(user)
    return client
