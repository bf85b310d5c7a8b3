namespace Curtailment.Testing;

/// <summary>
/// Finds <c>../shared</c> (the development data and the evaluation files, never copied into the repo): the folder
/// <c>CURTAILMENT_SHARED_DIR</c> names, else a <c>shared</c> folder in any folder above the test binaries. Tests reach
/// it through <c>Requires</c>, which skips them without it (or fails them where CI requires it).
/// </summary>
internal static class SharedFolder
{
    /// <summary>Names the shared folder instead of the search upwards (set it to a missing folder to run as if absent).</summary>
    public const string DirectoryVariable = "CURTAILMENT_SHARED_DIR";

    /// <summary>A path under <c>shared/</c> (<c>data/real</c>, <c>eval/ssa_reference_vectors.json</c>), or null when absent.</summary>
    public static string? Find(string relativePath)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } named)
        {
            var path = Path.Combine(named, relativePath);
            return Directory.Exists(path) || File.Exists(path) ? path : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relativePath);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The real operator data folder, or null.</summary>
    public static string? RealData() => Find(Path.Combine("data", "real"));

    /// <summary>Why <paramref name="relativePath"/> is missing and how to provide it, for skip and failure messages.</summary>
    public static string Missing(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        return Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } named
            ? $"{path} not found in {DirectoryVariable}={named}"
            : $"../shared/{path} not found beside the clone (searched every folder above {AppContext.BaseDirectory}): " +
              $"put the shared folder beside the clone, or name it with {DirectoryVariable}";
    }
}
