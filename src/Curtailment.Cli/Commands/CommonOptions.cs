using System.CommandLine;

namespace Curtailment.Cli.Commands;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show details (stack traces, per-file logs) on errors.",
        Recursive = true,
    };

    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite database file (default: curtailment.db, or Curtailment__Storage__ConnectionString).",
    };

    public static Option<string?> Region(bool required = false) => new("--region")
    {
        Description = "Region id from data/regions.json (CAISO, SPP, ERCOT, SA1, DE-TENNET, DE-50HERTZ, DE-AMPRION, DE-TRANSNETBW, GB-SCOTLAND).",
        Required = required,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write machine-readable JSON to standard output.",
    };
}
