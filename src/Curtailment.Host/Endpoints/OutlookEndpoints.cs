using System.Xml;
using Curtailment.Core.Regions;
using Curtailment.Contracts;
using Curtailment.Host.Api;
using Curtailment.Pipelines.Outlook;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Curtailment.Host.Endpoints;

/// <summary><c>GET /api/v1/outlook</c>: every region's next local day at a glance.</summary>
public static class OutlookEndpoints
{
    /// <summary>How <see cref="SkillResponse"/> is measured, for the response.</summary>
    public static readonly string SkillMethod =
        $"MAE over the last {OutlookPipeline.SkillDays} days of each interval's newest stored forecast issued before its local day began, against actuals as published now; "
        + $"the baseline is the week profile at that forecast's issue time (mean of the same local clock time over the last {OutlookPipeline.BaselineDays} days published by then), over the same intervals.";

    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapOutlookEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/outlook", GetOutlookAsync)
            .WithName("GetOutlook")
            .WithSummary("Every region's next local day from its latest stored forecast: expected curtailed MWh (event hours for a proxy region), best 3-hour window in local time, peak event probability, model and staleness, and skill on the last 14 days against the week-profile baseline. A region without a forecast is listed with the reason.");
        return group;
    }

    private static async Task<Ok<OutlookResponse>> GetOutlookAsync(IRegionCatalog regions, OutlookPipeline outlook, TimeProvider time, CancellationToken cancellationToken)
    {
        var all = await outlook.GetAllAsync(cancellationToken);
        var rows = all.Select(o => Responses.Outlook(o, regions.Get(o.Region))).ToList();
        return TypedResults.Ok(new OutlookResponse(
            all.Count > 0 ? all[0].AsOf : time.GetUtcNow(), XmlConvert.ToString(OutlookPipeline.WindowLength), OutlookPipeline.SkillDays, SkillMethod, rows));
    }
}
