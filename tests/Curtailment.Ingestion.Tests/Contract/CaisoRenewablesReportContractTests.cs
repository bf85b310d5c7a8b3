using Curtailment.Core.Ingest;
using Curtailment.Core.Observations;
using Curtailment.Ingestion.Caiso;

namespace Curtailment.Ingestion.Tests.Contract;

/// <summary>The curtailment-report importer on the HTML page, which is a layout of its own.</summary>
public sealed class CaisoRenewablesReportContractTests : ImporterContract
{
    private const string June = "Caiso/Report/DailyRenewableReportJun15_2025.html";

    protected override IFileImporter Importer { get; } = new CaisoCurtailmentReportImporter();

    protected override ContractFile Valid => ContractFile.Fixture(June);

    protected override (ContractFile File, int Line, int Column, string Mentions) Structural => (ContractFile.Text("DailyRenewableReportJun15_2025.html",
        File.ReadAllText(TestFiles.PathOf(June)).Replace("[0,0,0,0,0,0,0,0,0,55,", "[0,0,0,0,0,0,0,0,55,", StringComparison.Ordinal)),
        9, 43, "has 23 values");

    // 2 November 2025 has 25 hours in California.
    protected override (ContractFile File, string Series, int Intervals) DaylightSaving =>
        (ContractFile.Fixture("Caiso/Report/DailyRenewableReportNov02_2025.html"), SeriesIds.TotalCurtailment, 25);
}
