"""What the budget simulator adds to the shared pages and services (imported once at start-up)."""

from accounts.privacy import register_privacy_module
from budget_simulator import downloads, privacy
from localism.audit import register_actions
from localism.exports import register_download

register_actions({"budget_simulator.simulator.decided": "Budget decision recorded (budget simulator)"})
register_privacy_module("budget_simulator", privacy)
register_download("budget_simulator.choices", downloads.CHOICES)
