using System.Reflection;
using Curtailment.Host;
using Microsoft.Extensions.Options;

try
{
    await using var app = CurtailmentHost.BuildApp(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e) when (Assembly.GetEntryAssembly() == typeof(CurtailmentHost).Assembly)
{
    // A misconfigured host (a bad setting, PostgreSQL unreachable for an API process) refuses to start with the
    // message that names the setting, not a crash with a stack trace; the supervisor sees a failed start.
    // Only when this program is the process: a test host (WebApplicationFactory) must see the exception itself.
    Console.Error.WriteLine($"Curtailment host refused to start: {e.Message}");
    return 1;
}
