"""Entry point for `python -m iwmo_messages`."""
import sys

from .cli import main

sys.exit(main())
