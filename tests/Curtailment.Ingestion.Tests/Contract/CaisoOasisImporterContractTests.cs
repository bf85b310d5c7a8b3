using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class CaisoOasisImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new CaisoOasisImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Caiso/Oasis/20210314_SLD_REN_FCST_DAM.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Text("x.csv", "Time,Solar\n00:05,1\n"), 1, 1, "INTERVALSTARTTIME_GMT");

    // Three UTC hours, two of them the 01:00 hours of the fall-back night.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Caiso/Oasis/20211107_SLD_FCST_DAM.csv"), SeriesIds.DemandForecastDayAhead, 3);
}
