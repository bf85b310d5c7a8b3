namespace Curtailment.Storage.Sql;

/// <summary>How a dialect spells the placeholders of the shared migration scripts (<see cref="SchemaMigrator"/>).</summary>
/// <param name="Id">An <c>{id}</c> column: a 64-bit primary key the database assigns on insert.</param>
/// <param name="Int64">An <c>{int64}</c> column (times, keys).</param>
/// <param name="Int32">An <c>{int32}</c> column (counts).</param>
/// <param name="Float64">A <c>{float64}</c> column.</param>
/// <param name="Text">A <c>{text}</c> column.</param>
/// <param name="Bytes">A <c>{bytes}</c> column.</param>
/// <param name="WithoutRowid">The <c>{without_rowid}</c> suffix of a table stored as its primary key's B-tree, where the dialect has one.</param>
internal sealed record SchemaTypes(string Id, string Int64, string Int32, string Float64, string Text, string Bytes, string WithoutRowid)
{
    /// <summary>The spelling of <paramref name="placeholder"/> (without braces); null for an unknown one.</summary>
    public string? Spell(string placeholder) => placeholder switch
    {
        "id" => Id,
        "int64" => Int64,
        "int32" => Int32,
        "float64" => Float64,
        "text" => Text,
        "bytes" => Bytes,
        "without_rowid" => WithoutRowid,
        _ => null,
    };
}
