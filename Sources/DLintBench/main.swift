// `swift run -c release dlint-bench [DIR ...]`: see BenchCommand.
BenchCommand.main()
