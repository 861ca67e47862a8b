"""Money for agents that spend: a double-entry ledger in the run store, wallets and limits, a local payment rail.

- ``ledger``: accounts, balanced transactions (hold -> capture | void), idempotency keys, no overdraft.
- ``currency``: ISO 4217 codes and their minor units; amounts are integers of minor units everywhere.
- ``wallet``: the executor of ``pay`` actions and of HTTP 402 offers, and the model-spend meter.
- ``rail``: a facilitator on loopback that verifies signed payments and settles them on the ledger.
"""
