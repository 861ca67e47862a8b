"""Data the project writes for its safety classifiers (generators, seeded) and the weights trained from it."""
