"""The receiver's business rules, one small function per official rule code, by message family.

Importing the package registers every rule (base.RULES); `check_rules` runs them.
"""
from . import (condities, datums, declaratie, gemeente, generic, sleutels, stapeling, startstop,  # noqa: F401
               toewijzing, verzoek)  # importing registers the rules
from .base import RULES, RuleResult, check_rules

__all__ = ["RULES", "RuleResult", "check_rules"]
