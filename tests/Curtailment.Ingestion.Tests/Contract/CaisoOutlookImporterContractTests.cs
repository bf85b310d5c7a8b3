using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class CaisoOutlookImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new CaisoOutlookImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Caiso/Outlook/sources/20210105.csv");

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Text("20210105.csv", "Time,Day ahead forecast,Hour ahead,Current demand\n00:05,1,2,3\n"), 1, 3, "'Hour ahead'");

    // Ends 00:55, 01:00 and 01:05 PDT, and 02:00 PST.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Caiso/Outlook/demand/20211107.csv"), SeriesIds.Demand, 4);
}
