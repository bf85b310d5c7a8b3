using Microsoft.ML;
using Microsoft.ML.Data;

namespace Curtailment.Models.Trees;

/// <summary>ML.NET's view of a training or scoring row; never leaves this folder.</summary>
internal sealed class ModelRow
{
    public float[] Features { get; set; } = [];

    public float Label { get; set; }

    public bool IsEvent { get; set; }

    public float Weight { get; set; } = 1;

    /// <summary>The schema with the feature vector's size fixed, which attributes cannot express at run time.</summary>
    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(ModelRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static IDataView ToDataView(MLContext context, IEnumerable<ModelRow> rows, int featureCount) =>
        context.Data.LoadFromEnumerable(rows, Schema(featureCount));
}
