using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Curtailment.Storage.Postgres;

/// <summary>
/// PostgreSQL's binary COPY format (header, rows of length-prefixed big-endian fields, trailer; see "Binary Format" under
/// COPY in the PostgreSQL manual) encoded into a pooled buffer that goes to an <see cref="NpgsqlRawCopyStream"/> when
/// full. Npgsql's <see cref="NpgsqlBinaryImporter"/> resolves and binds a converter for every field; for the few fixed
/// column types of an observation row, encoding them here takes a fraction of that client CPU, which on a machine
/// that also runs the server is CPU the server's COPY gets instead (docs/benchmarks.md, "Import into PostgreSQL").
/// </summary>
internal sealed class BinaryCopyWriter : IDisposable
{
    /// <summary>Bytes of a field's length prefix.</summary>
    public const int FieldHeaderBytes = 4;

    /// <summary>Bytes of a row's field count.</summary>
    public const int RowHeaderBytes = 2;

    /// <summary>Bytes of a non-null bigint or double precision field, prefix included.</summary>
    public const int Int64FieldBytes = FieldHeaderBytes + 8;

    /// <summary>Bytes of a non-null integer field, prefix included.</summary>
    public const int Int32FieldBytes = FieldHeaderBytes + 4;

    // "PGCOPY\n\377\r\n\0", then flags (0: no OIDs) and the length of the header extension (0).
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _length;

    public BinaryCopyWriter(Stream stream, int capacity = 64 * 1024)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, Header.Length));
        Header.CopyTo(_buffer);
        _length = Header.Length;
    }

    /// <summary>The most bytes a text field (prefix included) takes; 4 for null.</summary>
    public static int TextFieldBytes(string? value) => FieldHeaderBytes + (value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length));

    /// <summary>
    /// Whether <paramref name="bytes"/> more fit in the buffer before the next <see cref="FlushAsync"/>. After a flush that
    /// reserved them they always do; if not, this throws rather than let the caller flush forever.
    /// </summary>
    public bool Fits(int bytes) =>
        _buffer.Length - _length >= bytes
        || (_length > 0 ? false : throw new InvalidOperationException($"A COPY row of {bytes} bytes does not fit an empty buffer of {_buffer.Length}."));

    /// <summary>Sends the buffer and makes room for at least <paramref name="reserve"/> bytes.</summary>
    public async ValueTask FlushAsync(int reserve, CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
            _length = 0;
        }

        if (_buffer.Length < reserve)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(reserve);
        }
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields (the caller checked <see cref="Fits"/> for the whole row).</summary>
    public void StartRow(short fields)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), fields);
        _length += RowHeaderBytes;
    }

    public void WriteInt64(long value)
    {
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[FieldHeaderBytes..], value);
        _length += Int64FieldBytes;
    }

    public void WriteInt32(int value)
    {
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[FieldHeaderBytes..], value);
        _length += Int32FieldBytes;
    }

    public void WriteDouble(double value)
    {
        var span = _buffer.AsSpan(_length);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[FieldHeaderBytes..], value);
        _length += Int64FieldBytes;
    }

    /// <summary>A text field in UTF-8 (Npgsql sets <c>client_encoding</c> to UTF8), or NULL.</summary>
    public void WriteText(string? value)
    {
        var span = _buffer.AsSpan(_length);
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(span, -1);
            _length += FieldHeaderBytes;
            return;
        }

        var written = Encoding.UTF8.GetBytes(value, span[FieldHeaderBytes..]);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        _length += FieldHeaderBytes + written;
    }

    /// <summary>Writes the trailer and sends what is left; the COPY itself completes when the stream is disposed.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (!Fits(RowHeaderBytes))
        {
            await FlushAsync(RowHeaderBytes, cancellationToken);
        }

        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += RowHeaderBytes;
        await FlushAsync(0, cancellationToken);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
