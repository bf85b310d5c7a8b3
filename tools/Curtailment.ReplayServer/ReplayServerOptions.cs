namespace Curtailment.ReplayServer;

/// <summary>How a <see cref="ReplayServer"/> starts.</summary>
public sealed class ReplayServerOptions
{
    /// <summary>Section name, for a host that binds these options from configuration.</summary>
    public const string SectionName = "Curtailment:Replay";

    /// <summary>The real development files (<c>shared/data/real</c>); read in place, never copied.</summary>
    public required string DataFolder { get; init; }

    /// <summary>Where to listen: <c>http://127.0.0.1:0</c> (the default) takes a free port.</summary>
    public Uri Url { get; init; } = new("http://127.0.0.1:0");

    /// <summary>How long a <see cref="ReplayFaultKind.Timeout"/> fault holds a response unless the fault says otherwise.</summary>
    public TimeSpan TimeoutHold { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The region catalogue (curtailment publication rules); null = the <c>regions.json</c> beside the tool.</summary>
    public string? RegionsFile { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataFolder) || !Directory.Exists(DataFolder))
        {
            throw new ArgumentException($"{nameof(DataFolder)}: '{DataFolder}' is not a folder; give shared/data/real (the development files).", nameof(DataFolder));
        }

        if (!Url.IsAbsoluteUri || Url.Scheme != Uri.UriSchemeHttp || !(Url.IsLoopback || System.Net.IPAddress.TryParse(Url.Host, out _)))
        {
            throw new ArgumentException($"{nameof(Url)}: '{Url}' must be http://ADDRESS:PORT with an IP address or localhost (port 0 = any free port).", nameof(Url));
        }

        if (TimeoutHold <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(TimeoutHold)}: {TimeoutHold} must be positive.", nameof(TimeoutHold));
        }

        if (RegionsFile is not null && !File.Exists(RegionsFile))
        {
            throw new ArgumentException($"{nameof(RegionsFile)}: '{RegionsFile}' does not exist.", nameof(RegionsFile));
        }
    }
}
