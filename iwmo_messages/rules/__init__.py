"""The receiver's business rules, one small function per official rule code, by message family."""
