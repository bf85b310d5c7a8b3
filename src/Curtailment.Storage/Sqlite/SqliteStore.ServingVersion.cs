using Curtailment.Core.Forecasts;
using Microsoft.Data.Sqlite;

namespace Curtailment.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private readonly Lock _versionLock = new();
    private SqliteConnection? _versionConnection;
    private SqliteCommand? _dataVersion;
    private long _lastDataVersion;
    private long _changes;
    private bool _disposed;

    /// <inheritdoc />
    /// <remarks>
    /// SQLite's <c>PRAGMA data_version</c> on a connection that never writes changes whenever any other connection,
    /// of this process or another, commits to the file. One such read is far cheaper than reading the active model
    /// and the vintages, so the version counts every commit to the file; a write that changes nothing served
    /// (an ingest) costs a cache one reload.
    /// </remarks>
    public override ValueTask<ServingVersion> ReadServingVersionAsync(string region, CancellationToken cancellationToken)
    {
        lock (_versionLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_dataVersion is null)
            {
                _versionConnection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
                _versionConnection.Open();
                using (var pragma = _versionConnection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA busy_timeout=30000;";
                    pragma.ExecuteNonQuery();
                }

                _dataVersion = _versionConnection.CreateCommand();
                _dataVersion.CommandText = "PRAGMA data_version;";
                _lastDataVersion = (long)_dataVersion.ExecuteScalar()!;
                _changes = 1;
            }
            else
            {
                var dataVersion = (long)_dataVersion.ExecuteScalar()!;
                if (dataVersion != _lastDataVersion)
                {
                    _lastDataVersion = dataVersion;
                    _changes++;
                }
            }

            return ValueTask.FromResult(new ServingVersion(_changes, 0, 0, 0));
        }
    }

    /// <summary>Closes the connection the serving version is read on.</summary>
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (_versionLock)
        {
            _disposed = true;
            _dataVersion?.Dispose();
            _versionConnection?.Dispose();
            _dataVersion = null;
            _versionConnection = null;
        }
    }
}
