from careergraph.cli import main

main()
