namespace Curtailment.Cli.Serving;

/// <summary>
/// Finds the built service host (<c>Curtailment.Host.dll</c>) that <c>curtail serve</c> starts: the CLI does not
/// reference the host, so it looks where a build or a publish puts it (ADR 0009).
/// </summary>
public static class HostLocator
{
    /// <summary>File name of the host's entry assembly.</summary>
    public const string HostFileName = "Curtailment.Host.dll";

    /// <summary>Environment variable that names the host when <c>--host</c> does not.</summary>
    public const string HostVariable = "CURTAILMENT_HOST";

    /// <summary>
    /// The host to start: <paramref name="option"/> (<c>--host</c>), else <paramref name="variable"/>
    /// (<see cref="HostVariable"/>), else the host beside the CLI (both published into one folder), else the host
    /// project's build output of the same configuration in a source checkout.
    /// </summary>
    /// <exception cref="FileNotFoundException">No host there; the message says where it looked and how to name one.</exception>
    public static string Locate(string? option, string? variable, string cliDirectory)
    {
        ArgumentNullException.ThrowIfNull(cliDirectory);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Existing(option, "--host");
        }

        if (!string.IsNullOrWhiteSpace(variable))
        {
            return Existing(variable, HostVariable);
        }

        var candidates = new List<string> { Path.Combine(cliDirectory, HostFileName) };
        if (CheckoutSibling(cliDirectory) is { } sibling)
        {
            candidates.Add(sibling);
        }

        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"No {HostFileName} found (looked at {string.Join(" and ", candidates)}). Build it (dotnet build src/Curtailment.Host), " +
            $"name it with --host PATH or {HostVariable}, or run it directly: dotnet run --project src/Curtailment.Host.");
    }

    private static string Existing(string path, string source)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new FileNotFoundException($"{source}: {full} does not exist.", full);
    }

    // src/Curtailment.Cli/bin/<Configuration>/<tfm>/ -> src/Curtailment.Host/bin/<Configuration>/<tfm>/Curtailment.Host.dll
    private static string? CheckoutSibling(string cliDirectory)
    {
        var tfm = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(cliDirectory)));
        var configuration = tfm.Parent;
        var bin = configuration?.Parent;
        var project = bin?.Parent;
        if (bin is not { Name: "bin" } || project?.Parent is null)
        {
            return null;
        }

        return Path.Combine(project.Parent.FullName, "Curtailment.Host", "bin", configuration!.Name, tfm.Name, HostFileName);
    }
}
