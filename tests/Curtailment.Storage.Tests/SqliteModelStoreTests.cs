using Curtailment.Core.ModelRegistry;
using Curtailment.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Tests;

[Trait("Category", "Integration")]
public sealed class SqliteModelStoreTests : ModelStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("curtailment-models-").FullName;

    protected override IModelStore CreateModelStore() => new SqliteStore($"Data Source={Path.Combine(_folder, "m.db")}", TimeProvider.System);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
