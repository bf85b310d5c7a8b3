using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Curtailment.Benchmarks.SsaBenchmarks).Assembly).Run(args);
