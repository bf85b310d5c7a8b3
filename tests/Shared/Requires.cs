using System.Diagnostics.CodeAnalysis;

namespace Curtailment.Testing;

/// <summary>
/// Whether a part a test needs is on this machine: the real data and evaluation files in <c>../shared</c>, a PostgreSQL
/// server, Chromium. Present, the test goes on; absent, it reports skipped with a reason that says what is missing and
/// how to provide it (xunit v3's dynamic skip), never passed. Where the part's <c>CURTAILMENT_REQUIRE_*</c> variable is
/// <c>1</c> (CI, see <c>.ci/run</c>) an absent part fails the test instead.
/// </summary>
internal static class Requires
{
    public const string RealDataVariable = "CURTAILMENT_REQUIRE_REAL_DATA";
    public const string PostgresVariable = "CURTAILMENT_REQUIRE_POSTGRES";
    public const string BrowserVariable = "CURTAILMENT_REQUIRE_BROWSER";

    /// <summary>The PostgreSQL server's connection string (the tests create and drop their own databases on it).</summary>
    public const string PostgresServerVariable = "CURTAILMENT_TEST_POSTGRES";

    /// <summary>Names another Chromium executable than Debian's (a missing one runs the browser tests as on a machine without it).</summary>
    public const string ChromiumVariable = "CURTAILMENT_TEST_CHROMIUM";

    /// <summary>The Chromium that Playwright drives (nothing is downloaded): Debian's, unless <see cref="ChromiumVariable"/> names another.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } named ? named : "/usr/bin/chromium";

    /// <summary>Goes on when <paramref name="present"/>; else fails (<paramref name="requireVariable"/>=1) or skips.</summary>
    /// <param name="present">Whether the part is there.</param>
    /// <param name="requireVariable">The <c>CURTAILMENT_REQUIRE_*</c> variable that makes absence a failure.</param>
    /// <param name="missing">What is missing and how to provide it; the skip reason.</param>
    public static void Part([DoesNotReturnIf(false)] bool present, string requireVariable, string missing)
    {
        if (!present)
        {
            Absent(requireVariable, missing);
        }
    }

    /// <summary>Fails the test (<paramref name="requireVariable"/>=1) or skips it, with <paramref name="missing"/> as the reason.</summary>
    [DoesNotReturn]
    public static void Absent(string requireVariable, string missing)
    {
        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
        {
            Assert.Fail($"{requireVariable}=1 but {missing}");
        }

        Assert.Skip(missing);
    }

    /// <summary>A path under <c>../shared</c> (a file or a folder), e.g. <c>eval/ssa_reference_vectors.json</c>.</summary>
    public static string Shared(string relativePath)
    {
        var path = SharedFolder.Find(relativePath);
        Part(path is not null, RealDataVariable, SharedFolder.Missing(relativePath));
        return path;
    }

    /// <summary>The real operator data folder, <c>../shared/data/real</c>.</summary>
    public static string RealData() => Shared(Path.Combine("data", "real"));

    /// <summary>The reason a test that needs PostgreSQL gives when <see cref="PostgresServerVariable"/> is not set.</summary>
    public const string PostgresMissing =
        $"PostgreSQL not configured: set {PostgresServerVariable} (see .ci/postgres.sh: " +
        $"export {PostgresServerVariable}=\"$(bash .ci/postgres.sh)\")";

    /// <summary>The PostgreSQL server's connection string, from <see cref="PostgresServerVariable"/>.</summary>
    public static string Postgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresServerVariable);
        Part(!string.IsNullOrWhiteSpace(server), PostgresVariable, PostgresMissing);
        return server;
    }

    /// <summary>Chromium's executable for the browser tests.</summary>
    public static string Browser()
    {
        var path = ChromiumPath;
        Part(File.Exists(path), BrowserVariable, $"Chromium not found at {path}: install Debian's chromium (bash .ci/chromium.sh)");
        return path;
    }
}
