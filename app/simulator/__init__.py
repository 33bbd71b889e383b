"""The aanbieder simulator: behaves like a care provider's system that talks to Cumulus ONLY over
the aanbieder API (HTTP + Bearer token). Used by `flask simulate-aanbieder`, the demo and tests."""
