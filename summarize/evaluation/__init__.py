"""Evaluation of ``summarize`` against reference summaries, installed with the package (no extra needed).

:mod:`summarize.evaluation.rouge` scores exactly as ROUGE-1.5.5 does; :mod:`.dataset` reads a dataset folder (or the
bundled ``seeds`` by name); :mod:`.harness` summarises and scores it next to published systems; :mod:`.report`,
:mod:`.significance`, :mod:`.gate` and :mod:`.training` build on those. Only the public API of ``summarize`` is used.
"""
