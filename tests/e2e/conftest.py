from tests.ui.conftest import bench_window, make_window  # noqa: F401 (fixtures)
