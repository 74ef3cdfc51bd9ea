from golocheck.cli import main

main()
