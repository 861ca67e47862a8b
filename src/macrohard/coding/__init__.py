"""The coding division's gate: find a repository's tests, run them before and after the agent, apply only what passes."""
