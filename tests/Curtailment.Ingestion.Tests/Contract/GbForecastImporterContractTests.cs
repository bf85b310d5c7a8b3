using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Gb;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class GbForecastImporterContractTests : ImporterContract
{
    private const string Header = "interval_start_utc,interval_end_utc,interval_start_local,wind_forecast_mw,demand_forecast_mw,qa_flags\n";

    protected override IFileImporter Importer { get; } = new GbForecastImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Gb/gb_wind_demand_forecast_halfhourly_sample.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Fixture("Gb/gb_wind_curtailment_boa_halfhourly_sample.csv"), 1, 4, "wind_forecast_mw");

    // 27 October 2024 in London: 01:00 BST, 01:00 GMT, 01:30 GMT, 02:00 GMT.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving => (ContractFile.Text("gb_wind_demand_forecast_halfhourly.csv", Header
        + "2024-10-27T00:00:00+00:00,2024-10-27T00:30:00+00:00,2024-10-27T01:00:00+01:00,9000,21000,\n"
        + "2024-10-27T01:00:00+00:00,2024-10-27T01:30:00+00:00,2024-10-27T01:00:00+00:00,9100,20500,\n"
        + "2024-10-27T01:30:00+00:00,2024-10-27T02:00:00+00:00,2024-10-27T01:30:00+00:00,9200,20200,\n"
        + "2024-10-27T02:00:00+00:00,2024-10-27T02:30:00+00:00,2024-10-27T02:00:00+00:00,9300,20000,\n"), SeriesIds.DemandForecastDayAhead, 4);
}
