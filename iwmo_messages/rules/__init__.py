"""The receiver's business rules, one small function per official rule code, by message family.

Importing the package registers every rule (base.RULES); `check_rules` runs them.
"""
from . import condities, declaratie, generic, startstop, toewijzing, verzoek  # noqa: F401  (registers the rules)
from .base import RULES, RuleResult, check_rules

__all__ = ["RULES", "RuleResult", "check_rules"]
