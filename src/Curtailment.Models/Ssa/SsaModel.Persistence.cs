using System.Buffers.Binary;
using System.Text;

namespace Curtailment.Models.Ssa;

/// <content>Binary save and load of the full model state.</content>
public sealed partial class SsaModel
{
    /// <summary>Current binary format version written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 2;

    private static readonly byte[] Magic = "CSSA"u8.ToArray();

    /// <summary>
    /// Writes the model: magic "CSSA", format version (int32), a little-endian payload, then an FNV-1a 64
    /// checksum of the payload. The stream is left open.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Options.WindowSize);
            w.Write(Options.SeriesLength ?? -1);
            w.Write(Options.TrainSize ?? -1);
            w.Write(Options.ConfidenceLevel);
            w.Write((int)Options.RankSelection);
            w.Write(Options.Rank ?? -1);
            w.Write(Options.MaxRank ?? -1);
            w.Write(Options.ShouldStabilize);
            w.Write(Options.MaxGrowth is { } g ? g.TimeSpan : -1);
            w.Write(Options.MaxGrowth?.Growth ?? 0);
            w.Write(Rank);
            w.Write(ObservationNoiseVariance);
            w.Write(AutoregressionNoiseVariance);
            w.Write(ObservedCount);
            WriteArray(w, _vectors);
            WriteArray(w, _alpha);
            WriteArray(w, _state);
            WriteArray(w, _lag);
        }

        byte[] body = payload.ToArray();
        Span<byte> header = stackalloc byte[8];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], FormatVersion);
        stream.Write(header);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, body.Length);
        stream.Write(length);
        stream.Write(body);
        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, Fnv1a(body));
        stream.Write(checksum);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not an SSA model, an unsupported version, or a corrupt or truncated stream.</exception>
    public static SsaModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[12];
        int magicRead = stream.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
        if (magicRead < 4 || !header[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not a saved SSA model (magic 'CSSA' missing).");
        }

        ReadExactly(stream, header[4..]);

        int version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"Saved SSA model has format version {version}; this build reads version {FormatVersion} only.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (length is < 0 or > 256 * 1024 * 1024)
        {
            throw new InvalidDataException($"Saved SSA model is corrupt (payload length {length}).");
        }

        var body = new byte[length];
        ReadExactly(stream, body);
        Span<byte> checksum = stackalloc byte[8];
        ReadExactly(stream, checksum);
        if (BinaryPrimitives.ReadUInt64LittleEndian(checksum) != Fnv1a(body))
        {
            throw new InvalidDataException("Saved SSA model is corrupt (checksum mismatch).");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
            int windowSize = r.ReadInt32();
            int seriesLength = r.ReadInt32();
            int trainSize = r.ReadInt32();
            double confidence = r.ReadDouble();
            var selection = (SsaRankSelection)r.ReadInt32();
            int fixedRank = r.ReadInt32();
            int maxRank = r.ReadInt32();
            bool stabilize = r.ReadBoolean();
            int growthSpan = r.ReadInt32();
            double growth = r.ReadDouble();
            var options = new SsaOptions
            {
                WindowSize = windowSize,
                SeriesLength = seriesLength < 0 ? null : seriesLength,
                TrainSize = trainSize < 0 ? null : trainSize,
                ConfidenceLevel = confidence,
                RankSelection = selection,
                Rank = fixedRank < 0 ? null : fixedRank,
                MaxRank = maxRank < 0 ? null : maxRank,
                ShouldStabilize = stabilize,
                MaxGrowth = growthSpan < 0 ? null : new SsaGrowthRatio(growthSpan, growth),
            };
            int rank = r.ReadInt32();
            double observation = r.ReadDouble();
            double autoregression = r.ReadDouble();
            long observed = r.ReadInt64();
            double[] vectors = ReadArray(r, windowSize * rank);
            double[] alpha = ReadArray(r, windowSize - 1);
            double[] state = ReadArray(r, windowSize - 1);
            double[] lag = ReadArray(r, windowSize - 1);
            if (rank < 1 || rank >= windowSize)
            {
                throw new InvalidDataException($"Saved SSA model is corrupt (rank {rank}, window {windowSize}).");
            }

            return new SsaModel(options, rank, vectors, alpha, state, lag, observation, autoregression, observed);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException("Saved SSA model is corrupt (inconsistent payload).", e);
        }
    }

    private static void WriteArray(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (double v in values)
        {
            w.Write(v);
        }
    }

    private static double[] ReadArray(BinaryReader r, int expectedLength)
    {
        int n = r.ReadInt32();
        if (n != expectedLength)
        {
            throw new InvalidDataException($"Saved SSA model is corrupt (array of {n} values, expected {expectedLength}).");
        }

        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Saved SSA model is truncated.", e);
        }
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
