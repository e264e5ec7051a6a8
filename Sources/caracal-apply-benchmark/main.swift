import Foundation
import Manifest

// The benchmark executable (SPEC §9). Run in release mode:
//   swift run -c release caracal-apply-benchmark [--objects 10000] [--runs 3] [--json]
// Each size runs in its own child process, so peak memory is per size.

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmark = Benchmark(arguments: arguments)
exit(benchmark.run())
