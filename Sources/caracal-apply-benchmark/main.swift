import Foundation
import Manifest

// The benchmark executable (SPEC §9). Run in release mode:
//   swift run -c release caracal-apply-benchmark [--objects 10000] [--runs 3] [--json] [--decisions]
//   caracal-apply-benchmark --objects 10000 --generate DIR   writes the manifests only, for profiling
//   caracal-apply-benchmark --generate-decisions DIR          writes the replay's grants.rego and inputs.jsonl only
// Each size runs in its own child process, so peak memory is per size. The decision figures
// follow (alone with --decisions); the replay figure runs the caracal-apply built next to it.

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmark = Benchmark(arguments: arguments)
exit(benchmark.run())
