"""Make ``build_tools`` importable when the project is not installed.

With an editable install the repository root is already importable; inserting it again
is skipped, so this file is harmless then.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
