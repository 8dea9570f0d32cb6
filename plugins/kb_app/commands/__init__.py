"""One module per `kb` command: plain functions that the command line calls."""
