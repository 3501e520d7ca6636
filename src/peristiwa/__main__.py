from peristiwa.cli import main

main()
