"""rq jobs: thin functions that call one service. Queued after the commit, never before."""
