from tests.ui.conftest import (  # noqa: F401 (fixtures)
    bench_window,
    english_afterwards,
    make_window,
)
