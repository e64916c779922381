from transparency.management.commands._import import ImportCommand
from transparency.models import Dataset


class Command(ImportCommand):
    dataset = Dataset.SPENDING
    help = "Import the council's spending CSV file (all or nothing; the same rows twice are imported once)."
