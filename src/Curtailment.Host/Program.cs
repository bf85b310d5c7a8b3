using Curtailment.Host;
using Microsoft.Extensions.Options;

try
{
    await using var app = CurtailmentHost.BuildApp(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A misconfigured host (a bad setting, PostgreSQL unreachable for an API process) refuses to start with the
    // message that names the setting, not a crash with a stack trace; the supervisor sees a failed start.
    Console.Error.WriteLine($"Curtailment host refused to start: {e.Message}");
    return 1;
}
