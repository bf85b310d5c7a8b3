using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Eia930;

namespace Curtailment.Ingestion.Tests.Contract;

public sealed class Eia930ApiImporterContractTests : ImporterContract
{
    protected override IFileImporter Importer { get; } = new Eia930ApiImporter();

    protected override ContractFile Valid => ContractFile.Fixture("Eia930/EIA930_CISO_20211107.json");

    // Cut off inside the second record: JSON names where it stopped making sense.
    protected override (ContractFile File, int Line, int Column, string Mentions) Structural =>
        (ContractFile.Text("EIA930_CISO_20211107.json", "{\"response\": {\"data\": [\n{\"period\": \"2021-11-07T08\"},\n{\"period\": "), 3, 12, "not whole JSON");

    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Eia930/EIA930_CISO_20211107.json"), SeriesIds.Demand, 4);
}
