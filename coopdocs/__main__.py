"""`python -m coopdocs`: the same command line as `coopdocs`."""

from coopdocs.cli.main import main

main()
