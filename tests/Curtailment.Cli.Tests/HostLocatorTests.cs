using Curtailment.Cli.Serving;

namespace Curtailment.Cli.Tests;

public sealed class HostLocatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtail-locate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Touch(params string[] parts)
    {
        var path = Path.Combine([_folder, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    private string Folder(params string[] parts) => Directory.CreateDirectory(Path.Combine([_folder, .. parts])).FullName;

    [Fact]
    public void Locate_HostBesideTheCli_FindsIt()
    {
        var host = Touch("publish", HostLocator.HostFileName);

        Assert.Equal(host, HostLocator.Locate(null, null, Path.Combine(_folder, "publish")));
    }

    [Fact]
    public void Locate_SourceCheckout_FindsTheHostBuildOfTheSameConfiguration()
    {
        var cli = Folder("src", "Curtailment.Cli", "bin", "Debug", "net10.0");
        Touch("src", "Curtailment.Host", "bin", "Release", "net10.0", HostLocator.HostFileName);
        var debug = Touch("src", "Curtailment.Host", "bin", "Debug", "net10.0", HostLocator.HostFileName);

        Assert.Equal(debug, HostLocator.Locate(null, null, cli));
        Assert.Equal(debug, HostLocator.Locate(null, null, cli + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Locate_OptionAndVariable_OptionFirstThenVariableBeforeTheDefaults()
    {
        Touch("publish", HostLocator.HostFileName);
        var fromOption = Touch("a", "Host.dll");
        var fromVariable = Touch("b", "Host.dll");

        Assert.Equal(fromOption, HostLocator.Locate(fromOption, fromVariable, Path.Combine(_folder, "publish")));
        Assert.Equal(fromVariable, HostLocator.Locate(null, fromVariable, Path.Combine(_folder, "publish")));
    }

    [Fact]
    public void Locate_NamedHostMissing_SaysWhichSettingNamedIt()
    {
        var missing = Path.Combine(_folder, "nowhere", "Curtailment.Host.dll");

        var fromOption = Assert.Throws<FileNotFoundException>(() => HostLocator.Locate(missing, null, _folder));
        var fromVariable = Assert.Throws<FileNotFoundException>(() => HostLocator.Locate(null, missing, _folder));

        Assert.StartsWith("--host:", fromOption.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{HostLocator.HostVariable}:", fromVariable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NoHostAnywhere_NamesWhereItLookedAndHowToNameOne()
    {
        var cli = Folder("src", "Curtailment.Cli", "bin", "Release", "net10.0");

        var error = Assert.Throws<FileNotFoundException>(() => HostLocator.Locate(null, null, cli));

        Assert.Contains(Path.Combine(cli, HostLocator.HostFileName), error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "src", "Curtailment.Host", "bin", "Release", "net10.0", HostLocator.HostFileName), error.Message, StringComparison.Ordinal);
        Assert.Contains("--host", error.Message, StringComparison.Ordinal);
        Assert.Contains(HostLocator.HostVariable, error.Message, StringComparison.Ordinal);
    }
}
