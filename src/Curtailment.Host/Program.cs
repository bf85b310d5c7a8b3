using Curtailment.Host;

await CurtailmentHost.BuildApp(args).RunAsync();
