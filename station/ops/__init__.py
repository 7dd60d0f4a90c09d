"""What IT runs a station with: log files, crash reports, the relauncher, the single-instance
lock and the support bundle. Qt-free, like the rest of ``station``."""
