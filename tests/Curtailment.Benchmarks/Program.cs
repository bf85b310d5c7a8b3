using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using Curtailment.Benchmarks;

var config = DefaultConfig.Instance;
if (PostgresIngestBenchmarks.Unavailable() is { } reason)
{
    Console.WriteLine(reason);
    config = config.AddFilter(new SimpleFilter(b => b.Descriptor.Type != typeof(PostgresIngestBenchmarks)));
}

BenchmarkSwitcher.FromAssembly(typeof(SsaBenchmarks).Assembly).Run(args, config);
