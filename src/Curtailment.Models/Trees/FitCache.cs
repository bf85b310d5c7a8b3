using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Curtailment.Models.Trees;

/// <summary>
/// FastTree fits already made, keyed by a SHA-256 digest of the exact rows (features, label, event flag,
/// weight) and hyper-parameters they were fitted on. A rolling backtest asks for the same fit again and
/// again: with weekly retraining and 14-day held-out blocks, the fit that predicts a block ("every day
/// before it") is the final fit of the retrain two weeks earlier, on the same rows. Fits are deterministic
/// (seeded), so a hit returns exactly the model a refit would make; rows that differ in any bit (a revised
/// value, a moved window) miss and are fitted.
/// </summary>
/// <param name="capacity">Fits kept; the oldest is dropped first. Eight covers three blocks of two weeks at weekly retraining.</param>
public sealed class FitCache(int capacity = 8)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CurtailmentModel> _fits = [];
    private readonly Queue<string> _order = new();

    /// <summary>Fits made because no identical one was kept.</summary>
    public int Misses { get; private set; }

    /// <summary>Fits returned from the cache instead of being made again.</summary>
    public int Hits { get; private set; }

    /// <summary>The kept fit for these rows and options, or the one <paramref name="fit"/> makes (then kept).</summary>
    internal CurtailmentModel GetOrFit(IReadOnlyList<ModelRow> rows, CurtailmentModelOptions options, double eventThreshold, Func<CurtailmentModel> fit)
    {
        var key = Digest(rows, options, eventThreshold);
        lock (_gate)
        {
            if (_fits.TryGetValue(key, out var kept))
            {
                Hits++;
                return kept;
            }
        }

        var made = fit();
        lock (_gate)
        {
            Misses++;
            if (_fits.TryAdd(key, made))
            {
                _order.Enqueue(key);
                while (_order.Count > Math.Max(1, capacity))
                {
                    _fits.Remove(_order.Dequeue());
                }
            }
        }

        return made;
    }

    private static string Digest(IReadOnlyList<ModelRow> rows, CurtailmentModelOptions options, double eventThreshold)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The options as the manifest records them (thread count excluded: it does not change the model).
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(options));
        hash.AppendData(BitConverter.GetBytes(eventThreshold));
        Span<byte> scalars = stackalloc byte[9];
        foreach (var row in rows)
        {
            hash.AppendData(MemoryMarshal.AsBytes(row.Features.AsSpan()));
            BitConverter.TryWriteBytes(scalars, row.Label);
            BitConverter.TryWriteBytes(scalars[4..], row.Weight);
            scalars[8] = row.IsEvent ? (byte)1 : (byte)0;
            hash.AppendData(scalars);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
