namespace Curtailment.Ingestion.Common;

/// <summary>The <c>qa_flags</c> column of the cleaned files: flag names, separated by <c>;</c>, <c>|</c> or spaces.</summary>
internal static class QaFlags
{
    private static readonly char[] Separators = [';', '|', ' '];

    /// <summary>Whether <paramref name="field"/> holds <paramref name="flag"/> (case-insensitive).</summary>
    public static bool Has(string field, string flag)
    {
        if (field.Length == 0)
        {
            return false;
        }

        foreach (var range in field.AsSpan().SplitAny(Separators))
        {
            if (field.AsSpan(range).Trim().Equals(flag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
