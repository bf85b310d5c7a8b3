// Hosts are CPU-heavy (training, simulation) and Hangfire keeps process-wide defaults: one test class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
