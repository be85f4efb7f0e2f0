"""Measure the OCR pipeline against plain Tesseract on an evaluation set, in one run.

The metric and normalisation are those of the set's own scorer (`score.py` next to the set's
folder), imported rather than copied so that the figures match the scorer's exactly.
"""

import importlib.util
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reading.ocr import OcrError, get_engine

GROUPS = ["zh", "en", "mixed", "overall"]


def load_scorer(set_dir):
    path = Path(set_dir).resolve().parent / "score.py"
    if not path.exists():
        raise CommandError(f"No score.py next to {set_dir} (looked for {path}).")
    spec = importlib.util.spec_from_file_location("ocr_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_seconds():
    """CPU time of this process and its finished children: the cost of OCR on a busy shared
    machine, where wall-clock time also counts the other users' work."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def plain_tesseract(image, timeout):
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    try:
        done = subprocess.run(
            ["tesseract", str(image), "-", "-l", "chi_sim+eng"],
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return ""
    return done.stdout.decode("utf-8", "replace")


class Command(BaseCommand):
    help = (
        "Run the project's OCR pipeline and plain `tesseract IMAGE - -l chi_sim+eng` on every "
        "image of an evaluation set (DIR with NAME.jpg + NAME.gt.txt, score.py in DIR/..) and "
        "print the character error rate by language group and the median seconds per image."
    )

    def add_arguments(self, parser):
        parser.add_argument("set_dir", metavar="DIR")
        parser.add_argument(
            "--engine",
            action="append",
            choices=["tesseract", "rapidocr", "ppocrv6"],
            help="engine(s) to measure (repeat the option); default: all three",
        )
        parser.add_argument("--limit", type=int, default=0, help="first N images only")
        parser.add_argument("--no-plain", action="store_true", help="skip plain Tesseract")
        parser.add_argument("--per-image", action="store_true")
        parser.add_argument("--save-dir", help="write each output as NAME.<engine>.txt here")
        parser.add_argument("--timeout", type=float, default=300)

    def handle(self, *args, **options):
        logging.getLogger("reading.ocr").setLevel(logging.WARNING)  # one line per image is enough
        set_dir = Path(options["set_dir"])
        if not set_dir.is_dir():
            raise CommandError(f"{set_dir} is not a folder.")
        scorer = load_scorer(set_dir)
        images = scorer.find_images(str(set_dir))
        if options["limit"]:
            images = images[: options["limit"]]
        if not images:
            raise CommandError(f"No image + .gt.txt pairs in {set_dir}.")
        runs = {}
        if not options["no_plain"]:
            if not shutil.which("tesseract"):
                raise CommandError("Plain Tesseract is the baseline and is not installed.")
            runs["plain tesseract"] = lambda path: plain_tesseract(path, options["timeout"])
        for name in options["engine"] or ["tesseract", "rapidocr", "ppocrv6"]:
            runs[f"pipeline {name}"] = self.pipeline(name)
        save_dir = Path(options["save_dir"]) if options["save_dir"] else None
        if save_dir:
            save_dir.mkdir(parents=True, exist_ok=True)

        results = {
            label: {"edits": {}, "chars": {}, "times": [], "cpu": [], "per_image": []}
            for label in runs
        }
        for name in images:
            stem = os.path.splitext(name)[0]
            reference = scorer.normalise((set_dir / f"{stem}.gt.txt").read_text("utf-8"))
            group = scorer.group_of(reference)
            for label, run in runs.items():
                started, cpu_started = time.perf_counter(), cpu_seconds()
                output = run(set_dir / name)
                seconds = time.perf_counter() - started
                results[label]["cpu"].append(cpu_seconds() - cpu_started)
                edits = scorer.levenshtein(reference, scorer.normalise(output))
                result = results[label]
                for key in (group, "overall"):
                    result["edits"][key] = result["edits"].get(key, 0) + edits
                    result["chars"][key] = result["chars"].get(key, 0) + len(reference)
                result["times"].append(seconds)
                result["per_image"].append((stem, group, edits / max(len(reference), 1), seconds))
                if save_dir:
                    (save_dir / f"{stem}.{label.replace(' ', '_')}.txt").write_text(output, "utf-8")
                if options["per_image"]:
                    self.stdout.write(
                        f"{stem} {group:5} {label:20} CER {edits / max(len(reference), 1):.3f} "
                        f"{seconds:.2f}s"
                    )
            if sys.stderr.isatty():
                sys.stderr.write(f"\r{stem} done")
        self.report(results, len(images), set_dir)

    def pipeline(self, name):
        engine = get_engine(name)

        def run(path):
            try:
                return engine.recognise(Path(path).read_bytes()).text
            except OcrError as exc:
                self.stderr.write(f"{path.name}: {name} failed: {exc.reason}")
                return ""

        return run

    def report(self, results, count, set_dir):
        self.stdout.write(f"\nOCR evaluation: {count} images of {set_dir}")
        header = f"{'':22}" + "".join(f"{g:>9}" for g in GROUPS) + f"{'s/image':>10}{'cpu s':>10}"
        self.stdout.write(header)
        cer = {}
        for label, result in results.items():
            cer[label] = {
                group: result["edits"][group] / result["chars"][group]
                for group in GROUPS
                if result["chars"].get(group)
            }
            median = statistics.median(result["times"])
            cpu = statistics.median(result["cpu"])
            cer[label]["seconds"] = median
            row = "".join(
                f"{cer[label][g]:9.3f}" if g in cer[label] else f"{'-':>9}" for g in GROUPS
            )
            self.stdout.write(f"{label:22}{row}{median:10.2f}{cpu:10.2f}")
        if "plain tesseract" in cer:
            base = cer["plain tesseract"]
            for label in cer:
                if label == "plain tesseract":
                    continue
                row = "".join(
                    f"{cer[label][g] / base[g]:8.2f}x" if base.get(g) else f"{'-':>9}"
                    for g in GROUPS
                )
                self.stdout.write(f"{label + ' / plain':22}{row}")
        return cer
