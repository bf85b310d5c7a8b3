using System.Xml;
using Curtailment.Contracts;
using Curtailment.Core.Forecasts;
using Curtailment.Core.ModelRegistry;
using Curtailment.Core.Regions;
using Curtailment.Models.Artifacts;
using Curtailment.Pipelines.Outlook;
using Curtailment.Pipelines.Scheduling;
using Curtailment.Pipelines.Serving;

namespace Curtailment.Host.Api;

/// <summary>Maps domain and use-case results to the wire types of <c>Curtailment.Contracts</c>: the one place they meet.</summary>
internal static class Responses
{
    /// <summary>What <paramref name="region"/>'s forecast numbers are.</summary>
    public static TargetResponse Target(Region region)
    {
        var target = TargetDescription.Of(region);
        return new(target.Series, target.Unit, target.EventThreshold, target.EventWhenBelow, target.EventRule, target.IsProxy, target.PredictedValue,
            RankingMeasures.Name(RankingMeasures.For(region)));
    }

    /// <summary>A stored vintage of a region whose target is <paramref name="target"/>.</summary>
    public static ForecastResponse Forecast(ForecastVintage vintage, TargetResponse target, ForecastStaleness? staleness = null) =>
        new(vintage.Id, vintage.Region, vintage.IssuedAt, vintage.GeneratedAt, vintage.ModelVersion, vintage.DataAsOf, target,
            vintage.Points.Select(p => new ForecastIntervalResponse(p.IntervalStart, p.IntervalEnd, p.PredictedMw, p.LowerMw, p.UpperMw, p.EventProbability)).ToList(),
            Explanations(vintage.Explanations), staleness is null ? null : true, staleness?.Reason);

    /// <summary>Null where there is nothing to explain, so the property is left out and such responses keep their bytes.</summary>
    private static List<DayExplanationResponse>? Explanations(IReadOnlyList<DayExplanation>? explanations) =>
        explanations is null or { Count: 0 }
            ? null
            : [.. explanations.Select(d => new DayExplanationResponse(
                d.Date, [.. d.Drivers.Select(x => new ForecastDriverResponse(x.Feature, x.Effect == DriverEffect.Raises ? "raises" : "lowers", x.Text))]))];

    /// <summary>A registry record with its manifest's training range and finite metrics.</summary>
    public static ModelResponse Model(ModelRecord record)
    {
        // A manifest this build cannot read still lists the model; it just shows no metrics.
        var manifest = ModelManifest.TryParse(record.ManifestJson);
        return new(record.Id, record.Region, record.Kind, record.Version, record.ToModelVersion().ToString(), record.Status.ToString().ToLowerInvariant(),
            record.CreatedAt, record.ActivatedAt, manifest?.TrainingFrom, manifest?.TrainingTo,
            manifest?.Metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value) ?? []);
    }

    /// <summary>A window found in a forecast.</summary>
    public static CurtailmentWindowResponse Window(CurtailmentWindow window) =>
        new(window.Start, window.End, window.ExpectedMwh, window.MeanProbability, window.PeakMw, window.Intervals, window.ExpectedEventHours);

    /// <summary>A job placement in <paramref name="region"/>, with local times; no MW for a proxy target.</summary>
    public static BestWindowCandidate Candidate(int rank, JobPlacement placement, Region region)
    {
        var proxy = region.Target.IsProxy;
        return new(rank, region.Id, region.TimeZoneId, placement.Start, placement.End,
            TimeZoneInfo.ConvertTime(placement.Start, region.TimeZone), TimeZoneInfo.ConvertTime(placement.End, region.TimeZone),
            proxy ? null : placement.ExpectedCurtailedMwh, placement.ExpectedEventHours, placement.ProbabilityAnyCurtailment, proxy ? null : placement.PeakMw);
    }

    /// <summary>An outlook of <paramref name="region"/>.</summary>
    public static RegionOutlookResponse Outlook(RegionOutlook outlook, Region region) =>
        new(outlook.Region, outlook.Name, outlook.TimeZone, Target(region), outlook.Day,
            TimeZoneInfo.ConvertTime(outlook.DayStart, region.TimeZone), TimeZoneInfo.ConvertTime(outlook.DayEnd, region.TimeZone),
            outlook.Forecast is null ? "no-forecast" : "ok", outlook.Reason,
            outlook.Forecast is { } day ? Day(day, region) : null,
            Skill(outlook.Skill, outlook.Target.Unit), outlook.Staleness is null ? null : true, outlook.Staleness?.Reason);

    private static DayOutlookResponse Day(DayOutlook day, Region region)
    {
        var age = day.Age < TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Round(day.Age.TotalSeconds));
        return new(day.VintageId, day.ModelVersion, day.IssuedAt, day.DataAsOf, XmlConvert.ToString(age), age.TotalHours, day.Intervals,
            day.CoveredHours, day.DayHours, day.ExpectedCurtailedMwh, day.ExpectedEventHours,
            day.BestWindow is { } best ? Candidate(1, best, region) : null,
            day.PeakProbability, TimeZoneInfo.ConvertTime(day.PeakProbabilityAt, region.TimeZone));
    }

    private static SkillResponse Skill(ForecastSkill skill, string unit) =>
        new(skill.From, skill.To, unit, skill.Intervals, skill.Days, skill.ModelMae, skill.BaselineMae, skill.SkillScore, skill.ModelVersions, skill.Reason);
}
