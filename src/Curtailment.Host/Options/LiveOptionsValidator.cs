using Curtailment.Core.Regions;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Options;

/// <summary>Checks the live regions against the region catalogue, naming the setting at fault.</summary>
public sealed class LiveOptionsValidator(IRegionCatalog regions) : IValidateOptions<LiveOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.Regions.Length; i++)
        {
            if (regions.Find(options.Regions[i] ?? "") is null)
            {
                failures.Add($"{LiveOptions.SectionName}:Regions:{i} '{options.Regions[i]}' is not in the region catalogue ({string.Join(", ", regions.All.Select(r => r.Id))}).");
            }
            else if (options.Regions.Take(i).Contains(options.Regions[i], StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{LiveOptions.SectionName}:Regions:{i} '{options.Regions[i]}' is listed twice.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
