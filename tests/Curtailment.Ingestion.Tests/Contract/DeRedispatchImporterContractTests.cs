using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.De;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class DeRedispatchImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new DeRedispatchImporter();

    protected override ContractFile Valid => ContractFile.Fixture("De/de_tso_redispatch_hourly_sample.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Fixture("De/de_tso_redispatch_hourly_two_tsos.csv"), 1, 8, "amprion_down_mw");

    // Both changes of 2022 in Berlin: seven UTC hours, one refused for its local time on the wrong clock, four TSOs.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("De/de_tso_redispatch_hourly_dst.csv"), SeriesIds.RedispatchDown, 6 * 4);
}
