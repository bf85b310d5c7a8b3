using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Curtailment.Core.ModelRegistry;

/// <summary>
/// The identity of a registered model: its family and its version label, written <c>fasttree@v3</c> in every
/// forecast it makes. Parsed and formatted here only, so that the label a forecast carries and the model
/// serving a region compare as values, not as strings built in several places.
/// </summary>
public readonly struct ModelVersion : IEquatable<ModelVersion>, IComparable<ModelVersion>
{
    /// <summary>Separates the kind from the version in the written form.</summary>
    public const char Separator = '@';

    /// <summary>A model version of family <paramref name="kind"/> labelled <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">A part is blank, or the kind contains <see cref="Separator"/>.</exception>
    public ModelVersion(string kind, string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (kind.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A model kind may not contain '{Separator}': '{kind}'.", nameof(kind));
        }

        Kind = kind;
        Version = version;
    }

    /// <summary>Model family (<c>fasttree</c>).</summary>
    public string Kind { get; }

    /// <summary>Version label, unique per region and kind (<c>v3</c>, or a backtest's <c>bt-2021-03-07</c>).</summary>
    public string Version { get; }

    /// <summary>Reads <c>kind@version</c>.</summary>
    /// <exception cref="FormatException">The text is not <c>kind@version</c> with both parts present.</exception>
    public static ModelVersion Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a model version (kind@version, for example fasttree@v3).");

    /// <summary>Reads <c>kind@version</c>; false for anything else, such as a baseline's name (<c>week_profile</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ModelVersion value)
    {
        value = default;
        var at = text?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (text is null || at <= 0 || at == text.Length - 1 || string.IsNullOrWhiteSpace(text[..at]) || string.IsNullOrWhiteSpace(text[(at + 1)..]))
        {
            return false;
        }

        value = new ModelVersion(text[..at], text[(at + 1)..]);
        return true;
    }

    /// <summary>Whether <paramref name="label"/> (a forecast's model label) names this model version.</summary>
    public bool IsLabel(string? label) => TryParse(label, out var other) && Equals(other);

    /// <summary>The written form, <c>kind@version</c>.</summary>
    public override string ToString() => Kind is null ? "" : $"{Kind}{Separator}{Version}";

    /// <inheritdoc />
    public bool Equals(ModelVersion other) =>
        string.Equals(Kind, other.Kind, StringComparison.Ordinal) && string.Equals(Version, other.Version, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ModelVersion other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        Kind is null ? 0 : StringComparer.Ordinal.GetHashCode(Kind), Version is null ? 0 : StringComparer.Ordinal.GetHashCode(Version));

    /// <summary>
    /// Orders by kind, then by version: registry labels <c>vN</c> by their number (<c>v2</c> before <c>v10</c>),
    /// any other labels ordinally after them.
    /// </summary>
    public int CompareTo(ModelVersion other)
    {
        var kind = string.CompareOrdinal(Kind, other.Kind);
        if (kind != 0)
        {
            return kind;
        }

        var mine = Number(Version);
        var theirs = Number(other.Version);
        if (mine is { } a && theirs is { } b && a != b)
        {
            return a.CompareTo(b);
        }

        if (mine is null != theirs is null)
        {
            return mine is not null ? -1 : 1;
        }

        return string.CompareOrdinal(Version, other.Version);
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(ModelVersion left, ModelVersion right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ModelVersion left, ModelVersion right) => !left.Equals(right);

    /// <summary>Ordering of <see cref="CompareTo"/>.</summary>
    public static bool operator <(ModelVersion left, ModelVersion right) => left.CompareTo(right) < 0;

    /// <summary>Ordering of <see cref="CompareTo"/>.</summary>
    public static bool operator >(ModelVersion left, ModelVersion right) => left.CompareTo(right) > 0;

    /// <summary>Ordering of <see cref="CompareTo"/>.</summary>
    public static bool operator <=(ModelVersion left, ModelVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering of <see cref="CompareTo"/>.</summary>
    public static bool operator >=(ModelVersion left, ModelVersion right) => left.CompareTo(right) >= 0;

    private static long? Number(string? version) =>
        version is { Length: > 1 } && version[0] == 'v' && long.TryParse(version.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
