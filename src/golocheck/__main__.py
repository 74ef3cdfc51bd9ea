from golocheck.entry import main

main()
