using System.Globalization;

namespace Curtailment.ReplayServer;

/// <summary>The tool's arguments: <c>--data PATH --start INSTANT --urls URL [--timeout-hold TIMESPAN]</c>.</summary>
internal sealed record ReplayCommandLine(ReplayServerOptions Options, DateTimeOffset Start)
{
    public const string Usage = """
        Usage: dotnet run --project tools/Curtailment.ReplayServer -- [--data PATH] [--start INSTANT] [--urls URL] [--timeout-hold TIMESPAN]
          --data          the real development files (default: ../shared/data/real beside the repository)
          --start         the virtual clock's start, UTC (default: 2021-02-01T00:00Z)
          --urls          where to listen (default: http://127.0.0.1:5077; port 0 = any free port)
          --timeout-hold  how long a Timeout fault holds a response (default: 00:02:00)
        """;

    /// <summary>Parses <paramref name="args"/>; throws an <see cref="ArgumentException"/> naming the argument at fault.</summary>
    public static ReplayCommandLine Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        string? data = null;
        var start = new DateTimeOffset(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var url = new Uri("http://127.0.0.1:5077");
        var hold = TimeSpan.FromMinutes(2);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException(name.StartsWith("--", StringComparison.Ordinal)
                    ? $"{name} needs a value."
                    : $"unexpected argument '{name}'.\n{Usage}", name);
            }

            var value = args[++i];
            switch (name)
            {
                case "--data":
                    data = Path.GetFullPath(value, currentDirectory);
                    break;
                case "--start":
                    start = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var s)
                        ? s
                        : throw new ArgumentException($"--start: '{value}' is not an instant like 2021-02-01T00:00Z.", name);
                    break;
                case "--urls":
                    url = Uri.TryCreate(value.Split(';')[0], UriKind.Absolute, out var u)
                        ? u
                        : throw new ArgumentException($"--urls: '{value}' is not a URL like http://127.0.0.1:5077.", name);
                    break;
                case "--timeout-hold":
                    hold = TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var h) && h > TimeSpan.Zero
                        ? h
                        : throw new ArgumentException($"--timeout-hold: '{value}' is not a positive duration like 00:02:00.", name);
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{name}'.\n{Usage}", name);
            }
        }

        data ??= DefaultData(currentDirectory)
            ?? throw new ArgumentException($"--data: no repository (Curtailment.sln) with ../shared/data/real above '{currentDirectory}'; name the folder with --data.", "--data");
        if (!Directory.Exists(data))
        {
            throw new ArgumentException($"--data: '{data}' is not a folder; give shared/data/real (the development files).", "--data");
        }

        var options = new ReplayServerOptions { DataFolder = data, Url = url, TimeoutHold = hold };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--urls: {e.Message}", "--urls", e);
        }

        return new ReplayCommandLine(options, start);
    }

    /// <summary>../shared/data/real beside the repository that holds <paramref name="directory"/>.</summary>
    private static string? DefaultData(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Curtailment.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "real"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }
}
