using Curtailment.Host.Options;
using Microsoft.Extensions.Options;

namespace Curtailment.Host.Live;

/// <summary>The live profile's options and feed sources, and the host's clock (the system's, or a virtual one).</summary>
public static class LiveServices
{
    /// <summary>
    /// Adds <see cref="LiveOptions"/> and <see cref="ClockOptions"/> (validated at start), the live profile's feed
    /// sources, and in virtual clock mode the <see cref="VirtualClock"/> as the host's <see cref="TimeProvider"/> with
    /// the runner that advances it.
    /// </summary>
    public static WebApplicationBuilder AddCurtailmentLive(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JobsOptions>, LiveFeedSources>();
        if (ClockOptions.Read(builder.Configuration).IsVirtual)
        {
            services.AddSingleton(provider => new VirtualClock(provider.GetRequiredService<IOptions<ClockOptions>>().Value.Start!.Value));
            services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<VirtualClock>());
            services.AddSingleton<VirtualScheduleRunner>();
        }

        return builder;
    }

    /// <summary>Whether the host runs on the virtual clock (the advance endpoint is mapped only then).</summary>
    public static bool HasVirtualClock(this IServiceProvider services) => services.GetService<VirtualClock>() is not null;
}
