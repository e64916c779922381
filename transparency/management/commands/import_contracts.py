from transparency.management.commands._import import ImportCommand
from transparency.models import Dataset


class Command(ImportCommand):
    dataset = Dataset.CONTRACTS
    help = "Import the council's contracts CSV file (all or nothing; the same rows twice are imported once)."
