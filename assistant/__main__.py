"""`python -m assistant` is the same as the `kintsugi` command."""

import sys

from assistant.cli.main import main

sys.exit(main())
