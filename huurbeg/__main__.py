from huurbeg.cli.root import main

main()
