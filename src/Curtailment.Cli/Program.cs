using Curtailment.Cli;

return await CurtailCli.RunAsync(args, Console.Out, Console.Error);
