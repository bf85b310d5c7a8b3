using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Eia930;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class Eia930ImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new Eia930Importer();

    protected override ContractFile Valid => ContractFile.Fixture("Eia930/eia930_demand_CISO_hourly.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Fixture("Eia930/eia930_demand_SWPP_hourly_wrong_header.csv"), 1, 3, "demand_mw");

    // EIA's hour-ending UTC stamps across the fall-back night in California.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving => (ContractFile.Text("eia930_demand_CISO_hourly.csv",
        "date_time,demand (MW)\n2021-11-07 08:00:00,20100\n2021-11-07 09:00:00,19700\n2021-11-07 10:00:00,19300\n"), SeriesIds.Demand, 3);
}
