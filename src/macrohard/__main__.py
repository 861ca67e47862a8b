from macrohard.cli import main

main()
