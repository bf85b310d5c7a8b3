using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Gb;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class GbBoaCurtailmentImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new GbBoaCurtailmentImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Gb/gb_wind_curtailment_boa_halfhourly_sample.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural => (ContractFile.Text("boa.csv",
        "interval_start_utc,interval_end_utc,interval_start_local,settlement_date,settlement_period,wind_curtailed_mwh,wind_curtailed_mw,wind_units_curtailed,england_curtailed_mwh\n"),
        1, 9, "scotland_curtailed_mwh");

    // Settlement periods of the spring and autumn Sundays of 2025 (one refused: period 47 of a 46-period day).
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Gb/gb_wind_curtailment_boa_halfhourly_dst.csv"), Core.Observations.SeriesIds.WindCurtailment, 7);
}
