using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class CaisoProductionImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new CaisoProductionImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Caiso/Production/curtailments_normal.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Text("c.csv", "Date,Hour,Interval,Wind,Solar Curtailment,\n1/5/2021,8,2,,15.5,\n"), 1, 4, "expected column 'Wind Curtailment'");

    // 00:55 PDT, 01:00 PDT, 01:00 PST (the label again), 01:05 PST (hour 25), 02:00 PST.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Caiso/Production/curtailments_fall_back.csv"), SeriesIds.WindCurtailment, 5);
}
