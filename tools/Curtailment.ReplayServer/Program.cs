using Curtailment.ReplayServer;

// The replay server as a tool: prints the settings that point a host at it, then serves until Ctrl+C.
ReplayCommandLine command;
try
{
    command = ReplayCommandLine.Parse(args, Environment.CurrentDirectory);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var clock = new ReplayClock(command.Start);
await using var server = await ReplayServer.StartAsync(command.Options, clock);
// Loaded before the first request, so no client's first attempt times out while the files are read.
server.Preload();
Console.WriteLine($"Replay server at {server.BaseUrl} serving {command.Options.DataFolder}; virtual clock at {clock.GetUtcNow():O}.");
Console.WriteLine("Point a host here with (environment variables):");
foreach (var (key, value) in server.HostSettings)
{
    Console.WriteLine($"  {key.Replace(":", "__", StringComparison.Ordinal)}={value}");
}

Console.WriteLine("or per feed: " + string.Join(" ", ReplayServer.Feeds.Select(f => $"Curtailment__Feeds__BaseUrls__{f}={server.BaseUrl}")));
Console.WriteLine($"Clock: GET/PUT {server.BaseUrl}_replay/clock  {{\"utcNow\":\"2021-02-02T10:00:00Z\"}} or {{\"advance\":\"01:00:00\"}}");
Console.WriteLine($"Faults: GET/POST/DELETE {server.BaseUrl}_replay/faults  {{\"kind\":\"ServerError\",\"feed\":\"caiso-outlook-demand\",\"day\":\"2021-02-03\",\"times\":2}}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: dispose the server and leave.
}

return 0;
