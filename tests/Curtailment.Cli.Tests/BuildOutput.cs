namespace Curtailment.Cli.Tests;

/// <summary>Where this test run's build of another project of the repository is (same configuration and target framework).</summary>
internal static class BuildOutput
{
    /// <summary>
    /// <paramref name="file"/> in the build output of the project folder <paramref name="project"/> (relative to the
    /// repository root: <c>src/Curtailment.Host</c>, <c>tools/Curtailment.ReplayServer</c>).
    /// </summary>
    public static string Of(string project, string file)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = own;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Curtailment.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, project, "bin", own.Parent!.Name, own.Name, file);
    }
}
