"""Evaluation tooling for ``summarize``: ROUGE-1.5.5-exact scoring lives in :mod:`summarize.evaluation.rouge`."""
