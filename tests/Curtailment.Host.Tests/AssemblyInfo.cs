using Xunit.Sdk;
using Xunit.v3;

// Hosts are CPU-heavy (training, simulation) and Hangfire keeps process-wide defaults: one test class at a time.
[assembly: Parallelization(Mode = ParallelMode.None)]
