from huurbeg.cli import main

main()
