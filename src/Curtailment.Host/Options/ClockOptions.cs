using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Options;

/// <summary>The host's clock: the system's, or a virtual one for replays (<c>Curtailment:Clock</c>).</summary>
public sealed class ClockOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Curtailment:Clock";

    /// <summary><c>System</c> (default) or <c>Virtual</c>.</summary>
    public ClockMode Mode { get; set; } = ClockMode.System;

    /// <summary>
    /// Virtual mode: the instant the clock shows at start-up (ISO-8601 with an offset, read as UTC). After a restart the
    /// clock starts here again; whoever drives the replay decides where to resume.
    /// </summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Whether the clock is virtual.</summary>
    public bool IsVirtual => Mode == ClockMode.Virtual;

    /// <summary>
    /// Binds the section at once: the host reads the mode while it registers services (which clock, whether the
    /// advance endpoint exists). A mode that is not one of the two is reported naming the setting.
    /// </summary>
    /// <exception cref="OptionsValidationException">The mode is not a clock mode.</exception>
    public static ClockOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mode = configuration.GetSection(SectionName)[nameof(Mode)];
        if (mode is not null && !Enum.GetNames<ClockMode>().Contains(mode.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(SectionName, typeof(ClockOptions),
                [$"{SectionName}:{nameof(Mode)} '{mode}' is not a clock mode: System or Virtual."]);
        }

        return configuration.GetSection(SectionName).Get<ClockOptions>() ?? new ClockOptions();
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsVirtual && Start is null)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(Start)} is required when {SectionName}:{nameof(Mode)} is Virtual (a UTC instant, 2021-02-01T00:00:00Z).", [nameof(Start)]);
        }
    }
}
