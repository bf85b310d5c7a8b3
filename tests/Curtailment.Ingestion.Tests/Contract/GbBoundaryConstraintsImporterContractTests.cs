using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Gb;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class GbBoundaryConstraintsImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new GbBoundaryConstraintsImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Gb/gb_da_boundary_limits_flows_halfhourly_sample.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural => (ContractFile.Text("constraints.csv",
        "interval_start_utc,interval_end_utc,interval_start_local,scotex_flow_mw,estex_limit_mw,qa_flags\n2019-09-30T23:00:00+00:00,2019-09-30T23:30:00+00:00,2019-10-01T00:00:00+01:00,1,2,\n"),
        1, 4, "no 'scotex_limit_mw'");

    // The autumn change of 2024: the repeated hour listed once, then GMT half hours.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Gb/gb_da_boundary_limits_flows_halfhourly_dst.csv"), SeriesIds.BoundaryFlow("scotex"), 4);
}
