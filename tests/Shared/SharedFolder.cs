namespace Curtailment.Testing;

/// <summary>
/// Finds <c>../shared</c> (the development data and the evaluation files, never copied into the repo) by
/// walking up from the test binaries. Without it, tests that need it return early, unless
/// <c>CURTAILMENT_REQUIRE_REAL_DATA=1</c> (set by CI, which always has it) says it must be there.
/// </summary>
internal static class SharedFolder
{
    /// <summary>A path under <c>shared/</c> (<c>data/real</c>, <c>eval/ssa_reference_vectors.json</c>), or null when absent and not required.</summary>
    public static string? Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relativePath);
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Environment.GetEnvironmentVariable("CURTAILMENT_REQUIRE_REAL_DATA") == "1")
        {
            throw new InvalidOperationException($"CURTAILMENT_REQUIRE_REAL_DATA=1 but no shared/{relativePath} above {AppContext.BaseDirectory}.");
        }

        return null;
    }

    /// <summary>The real operator data folder, or null.</summary>
    public static string? RealData() => Find(Path.Combine("data", "real"));
}
