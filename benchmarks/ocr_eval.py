"""OCR quality and speed on the shared evaluation set, beside plain Tesseract in the same run.

A thin wrapper around `manage.py ocr_eval` for `make bench`: prints the character error rate
(zh / en / mixed / overall) and the median seconds per image of plain
`tesseract IMAGE - -l chi_sim+eng`, of the project's pipeline with Tesseract and with RapidOCR,
and their ratios to plain Tesseract. Tesseract runs single-threaded (OMP_THREAD_LIMIT=1) and
RapidOCR with OCR_THREADS (2), as on the 2-core production machine.

Targets (ratios to plain Tesseract): pipeline with Tesseract <= 0.60 overall, the best engine
<= 0.25 overall at a median under 5 s per image.

Environment: OCR_EVAL_DIR (default ../shared/ocr-eval/dev), OCR_EVAL_LIMIT (first N images).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    set_dir = Path(os.environ.get("OCR_EVAL_DIR", ROOT.parent / "shared" / "ocr-eval" / "dev"))
    if not set_dir.is_dir():
        print(f"ocr_eval: no evaluation set at {set_dir} (set OCR_EVAL_DIR)")
        return 0
    command = [sys.executable, "manage.py", "ocr_eval", str(set_dir)]
    if os.environ.get("OCR_EVAL_LIMIT"):
        command += ["--limit", os.environ["OCR_EVAL_LIMIT"]]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    env.setdefault("OCR_THREADS", "2")
    print("$ OMP_THREAD_LIMIT=1 " + " ".join(command[1:]), flush=True)
    return subprocess.run(command, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
